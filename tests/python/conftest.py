"""Shared fixtures: the dpop package from bindings/python (no install step), the Node.js test
servers (tests/server/start.mjs), EC keys made with the openssl CLI, and three broken servers on
127.0.0.1 (a closed port, one that never answers, one that answers garbage)."""

import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from collections import deque
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_DIR = ROOT / "tests" / "server"
READY_TIMEOUT = 60

os.environ.setdefault("DPOP_LIBRARY", str(ROOT / "target" / "debug" / "libdpop.so"))
sys.path.insert(0, str(ROOT / "bindings" / "python"))


def openssl(*args: str) -> bytes:
    """Runs the openssl CLI and returns its stdout; fails the test on an error."""
    if shutil.which("openssl") is None:
        pytest.fail("the openssl CLI is needed to make test keys")
    done = subprocess.run(["openssl", *args], capture_output=True)
    if done.returncode != 0:
        pytest.fail(f"openssl {' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
    return done.stdout


@pytest.fixture
def ec_key_file(tmp_path: Path) -> Path:
    """A new EC P-256 private key, SEC1 PEM ("BEGIN EC PRIVATE KEY"), as in the seed."""
    path = tmp_path / "ecc_privKey.pem"
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", str(path))
    return path


@pytest.fixture
def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/resource"


@pytest.fixture
def silent_url():
    """A URL whose server accepts connections (the kernel completes them) but never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield f"http://127.0.0.1:{s.getsockname()[1]}/silent"


@pytest.fixture
def garbage_url():
    """A URL whose server reads the request and answers a line that is not HTTP."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:  # the listener was closed: the test is over
                return
            with connection:
                connection.recv(65536)
                connection.sendall(b"this is not HTTP\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/garbage"
    listener.shutdown(socket.SHUT_RDWR)  # wakes accept()
    listener.close()
    thread.join(timeout=10)


class Servers:
    """A running tests/server/start.mjs: its ready line, its stderr and its admin API."""

    def __init__(self) -> None:
        if not (SERVER_DIR / "node_modules").is_dir():
            pytest.fail(
                f"the Node.js test servers are not installed ({SERVER_DIR / 'node_modules'} is "
                "missing): run `npm ci --prefix tests/server` (needs Node.js >= 20)"
            )
        node = os.environ.get("NODE", "node")
        try:
            self.process = subprocess.Popen(
                [node, str(SERVER_DIR / "start.mjs")],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        except OSError as e:
            pytest.fail(f"cannot run {node} for the test servers (is Node.js installed?): {e}")
        self.stderr: deque[str] = deque(maxlen=2000)
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.info = self._wait_until_ready()

    def _drain_stderr(self) -> None:
        for line in self.process.stderr:
            self.stderr.append(line.rstrip("\n"))

    def _wait_until_ready(self) -> dict:
        lines: queue.Queue = queue.Queue()

        def read_stdout() -> None:
            for line in self.process.stdout:  # keeps draining after the ready line
                lines.put(line)
            lines.put(None)

        threading.Thread(target=read_stdout, daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=READY_TIMEOUT)
            except queue.Empty:
                self.stop()
                pytest.fail(f"the test servers were not ready within {READY_TIMEOUT} s:\n{self.log()}")
            if line is None:
                self.stop()
                pytest.fail(f"the test servers exited before being ready:\n{self.log()}")
            if line.startswith("{"):
                info = json.loads(line)
                if info.get("ready") is True:
                    return info

    def __getitem__(self, field: str):
        """A field of the ready line, e.g. servers["token_endpoint"]."""
        return self.info[field]

    def log(self, lines: int = 200) -> str:
        """The last lines the servers wrote to stderr."""
        return "\n".join(list(self.stderr)[-lines:])

    def admin(self, method: str, path: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.info['admin']}/{path}", data=data, method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=15) as response:
            return json.load(response)

    def stats(self) -> dict:
        return self.admin("GET", "stats")

    def proofs(self) -> dict:
        return self.admin("GET", "proofs")

    def reset(self) -> None:
        self.admin("POST", "reset", {})

    def configure(self, **settings) -> dict:
        return self.admin("POST", "config", settings)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()  # start.mjs exits when its stdin closes
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def servers():
    """The test servers, started once for the session. Tests that read the stats should use
    `fresh_servers`, which zeroes them first."""
    running = Servers()
    yield running
    running.stop()


@pytest.fixture
def fresh_servers(servers: Servers) -> Servers:
    """The test servers with zeroed stats and the default config."""
    servers.reset()
    return servers


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Adds the servers' stderr to the report of a failed test that used them."""
    report = yield
    running = item.funcargs.get("servers") or item.funcargs.get("fresh_servers")
    if report.failed and isinstance(running, Servers):
        report.sections.append(("test servers stderr", running.log()))
    return report
