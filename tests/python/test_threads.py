"""Objects shared by Python threads. A string the library returns lives in the handle until the
next call on it, and ctypes copies it only after the call has returned; the package holds each
object's lock until then, so a thread never reads a string another thread's call replaced."""

import threading
import time
from typing import Callable

import dpop

#: How long the threads race: without the lock, two readers get wrong or freed strings hundreds
#: of times a second.
RACE_SECONDS = 2.0


def race(readers: dict[str, tuple[Callable[[], str], str]]) -> dict[str, int]:
    """Runs each reader (a function and the value it must return) in its own thread for
    RACE_SECONDS; returns how often each read something else."""
    wrong = {name: 0 for name in readers}
    reads = {name: 0 for name in readers}
    deadline = time.monotonic() + RACE_SECONDS
    start = threading.Barrier(len(readers))

    def run(name: str, read: Callable[[], str], expected: str) -> None:
        start.wait()
        while time.monotonic() < deadline:
            for _ in range(100):
                if read() != expected:
                    wrong[name] += 1
            reads[name] += 100

    threads = [threading.Thread(target=run, args=(name, *reader)) for name, reader in readers.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(n > 1000 for n in reads.values()), reads  # the threads did race
    return wrong


def test_threads_reading_string_properties_of_one_object_each_get_their_own():
    http = dpop.Http()
    http.Accept = "a" * 40
    http.UserAgent = "u" * 70
    wrong = race({
        "Accept": (lambda: http.Accept, "a" * 40),
        "UserAgent": (lambda: http.UserAgent, "u" * 70),
    })
    assert wrong == {"Accept": 0, "UserAgent": 0}


def test_threads_calling_string_methods_of_one_object_each_get_their_own_result():
    json = dpop.JsonObject()
    assert json.Load('{"a": "' + "a" * 50 + '", "b": "' + "b" * 90 + '"}')
    wrong = race({
        "a": (lambda: json.StringOf("a"), "a" * 50),
        "b": (lambda: json.StringOf("b"), "b" * 90),
    })
    assert wrong == {"a": 0, "b": 0}
