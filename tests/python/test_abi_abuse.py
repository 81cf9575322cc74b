"""The C ABI abused through raw ctypes, table-driven from include/dpop.h (parsed with
tests/c/abi_abuse/gen.py, the same parser the C abuse program is generated with), so a new
function is covered as soon as it is in the header.

For every function: a call with valid arguments, then for each argument in turn NULL, a handle of
another class, a disposed handle, a garbage number and a wild pointer (for handles), invalid UTF-8
bytes, "", 1 MiB strings, a valid value followed by a NUL and garbage, and extreme ints, each on
fresh objects. Checks: no crash; string results are never NULL and are UTF-8; LastErrorCode agrees
with LastMethodSuccess and is one of the header's codes; a method (a function taking arguments
besides its handle, setters included) refuses a bad handle or invalid UTF-8 for an argument with
LastMethodSuccess 0, DPOP_ERR_INVALID_ARGUMENT and a LastErrorText that names the argument; a bad
handle as the object itself fails and reads back as DPOP_ERR_INVALID_HANDLE; garbage after a NUL
changes nothing.
"""

import ctypes
import importlib.util
import os
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_generator():
    spec = importlib.util.spec_from_file_location("abi_abuse_gen", ROOT / "tests" / "c" / "abi_abuse" / "gen.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


gen = _load_generator()
FUNCTIONS = gen.parse((ROOT / "include" / "dpop.h").read_text(encoding="utf-8"))
CLASSES = gen.classes(FUNCTIONS)
BY_NAME = {f.name: f for f in FUNCTIONS}
CODES = {c.name: c.value for c in gen.dpop_header.error_codes((ROOT / "include" / "dpop.h").read_text(encoding="utf-8"))}

MIB = 1024 * 1024
BAD_UTF8 = {
    "lone bytes": b"ab\xff\xfecd",
    "truncated": b"abc\xc3",
    "surrogate": b"\xed\xa0\x80",
    "overlong": b"\xc0\xaf",
    "above U+10FFFF": b"\xf4\x90\x80\x80",
}
BIG = {
    "1 MiB plain": b"A" * MIB,
    "1 MiB nesting": b'{"a":[' * (MIB // 6),
    "1 MiB path": b"a." * (MIB // 2) + b"a",
}
GARBAGE = b"\x00\xff\xfe\x80 garbage after the NUL \x01\x02"
INTS = {"INT_MIN": -(2**31), "-1": -1, "INT_MAX": 2**31 - 1}
#: A number aligned like the library's handles but far above any it hands out in this run.
GARBAGE_HANDLE = 0xDEADBEE8
#: Readable memory that holds no handle, for the "wild pointer" abuse.
WILD_MEMORY = ctypes.create_string_buffer(b"\xab" * 64)


class BadHandle:
    """An abused handle argument: "foreign" (a live object of class `cls`), "disposed" (an object
    of the argument's own class, disposed first), "garbage" or "wild"."""

    def __init__(self, kind: str, cls: str | None = None) -> None:
        self.kind, self.cls = kind, cls


def _ctype(c_type: str):
    if c_type == "const char *":
        return ctypes.c_char_p
    if c_type == "int":
        return ctypes.c_int
    if c_type == "void":
        return None
    return ctypes.c_void_p


@pytest.fixture(scope="module")
def lib():
    """libdpop loaded on its own (not through the dpop package), every prototype declared."""
    path = os.environ.get("DPOP_LIBRARY", str(ROOT / "target" / "debug" / "libdpop.so"))
    if not Path(path).is_file():
        pytest.fail(f"{path} does not exist: run `cargo build` first")
    library = ctypes.CDLL(path)
    for f in FUNCTIONS:
        function = getattr(library, f.name)
        function.restype = _ctype(f.restype)
        function.argtypes = [_ctype(p.ctype) for p in f.params]
    return library


@pytest.fixture(scope="module", autouse=True)
def scratch_dir(tmp_path_factory):
    """Relative paths written by WriteFile, SavePkcs8PemFile, ... land in a scratch directory."""
    old = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("abi_abuse"))
    yield
    os.chdir(old)


def _cases():
    """(function, argument index or None, abuse label, abused value) for every case."""
    for f in FUNCTIONS:
        yield pytest.param(f.name, None, "valid", None, id=f"{f.name}-valid")
        for i, p in enumerate(f.params):
            if p.kind == "handle":
                # NULL, a live handle of each other class in turn, and handles that are none.
                abuses = {"NULL": None}
                abuses.update({f"{other} handle": BadHandle("foreign", other) for other in CLASSES if other != p.ctype[1:]})
                abuses.update({kind: BadHandle(kind) for kind in ("disposed", "garbage", "wild")})
            elif p.kind == "int":
                abuses = dict(INTS)
            else:
                valid = gen.valid_string(p.name).encode()
                abuses = {"NULL": None, "": b""}
                abuses.update({f"invalid UTF-8 ({k})": v for k, v in BAD_UTF8.items()})
                abuses.update(BIG)
                abuses["NUL + garbage"] = valid + GARBAGE
            for label, value in abuses.items():
                yield pytest.param(f.name, i, label, value, id=f"{f.name}-{p.name}-{label}")


class Objects:
    """Handles made for one case; all disposed (by their real class) at the end."""

    def __init__(self, lib):
        self.lib = lib
        self.live: list[tuple[str, int]] = []

    def create(self, cls: str) -> int:
        handle = getattr(self.lib, f"{cls}_Create")()
        assert handle, f"{cls}_Create returned NULL"
        self.live.append((cls, handle))
        return handle

    def forget(self, handle: int) -> None:
        self.live = [(c, h) for c, h in self.live if h != handle]

    def dispose_all(self) -> None:
        for cls, handle in self.live:
            getattr(self.lib, f"{cls}_Dispose")(handle)
        self.live = []


def _bad_handle(lib, objects: Objects, cls: str, bad: BadHandle) -> int:
    if bad.kind == "foreign":
        return objects.create(bad.cls)
    if bad.kind == "disposed":
        handle = getattr(lib, f"{cls}_Create")()
        getattr(lib, f"{cls}_Dispose")(handle)
        return handle
    return GARBAGE_HANDLE if bad.kind == "garbage" else ctypes.addressof(WILD_MEMORY)


def _call(lib, objects: Objects, f, index, value):
    """Builds the arguments (valid except argument `index`, which is `value`) and calls f.
    Returns (result, handle argument 0 as passed, its class if it is a live object, else None)."""
    args = []
    self_cls = None
    for i, p in enumerate(f.params):
        abused = i == index
        if p.kind == "handle":
            cls = p.ctype[1:]
            if abused and value is None:
                arg = None
            elif abused:
                arg = _bad_handle(lib, objects, cls, value)
                if i == 0 and value.kind == "foreign":
                    self_cls = value.cls
            else:
                arg = objects.create(cls)
                if i == 0:
                    self_cls = cls
        elif p.kind == "int":
            arg = value if abused else 0
        else:
            arg = value if abused else gen.valid_string(p.name).encode()
        args.append(arg)
    result = getattr(lib, f.name)(*args)
    if f.restype.startswith("HCk") and result:
        getattr(lib, f"{f.restype[1:]}_Dispose")(result)
    if f.is_dispose and args[0] is not None and not (index == 0 and isinstance(value, BadHandle)):
        objects.forget(args[0])
        self_cls = None
    return result, (args[0] if args else None), self_cls


class State(NamedTuple):
    """LastMethodSuccess, LastErrorCode and LastErrorText of a handle."""

    lms: int
    code: int
    err: str


def _state(lib, cls: str, handle: int) -> State:
    lms = getattr(lib, f"{cls}_getLastMethodSuccess")(handle)
    code = getattr(lib, f"{cls}_getLastErrorCode")(handle)
    err = getattr(lib, f"{cls}_lastErrorText")(handle)
    assert err is not None, f"{cls}_lastErrorText returned NULL"
    return State(lms, code, err.decode("utf-8"))  # raises if not UTF-8


class Outcome(NamedTuple):
    result: object
    state: State | None  # of the live object the call was made on
    self_state: State | None  # of the handle given as the object itself, read through its own class


def _outcome(lib, f, index, value) -> Outcome:
    """Runs one case on fresh objects."""
    objects = Objects(lib)
    try:
        result, self_handle, self_cls = _call(lib, objects, f, index, value)
        if f.restype == "const char *":
            assert result is not None, f"{f.name} returned a NULL string"
            result.decode("utf-8")
        state = _state(lib, self_cls, self_handle) if self_cls is not None else None
        self_state = _state(lib, f.cls, self_handle) if f.has_self else None
        return Outcome(result, state, self_state)
    finally:
        objects.dispose_all()


def _failed_result(f, result) -> bool:
    if f.restype == "int":
        # 0, or -1 for the functions that return an index, a size or a type code (as Chilkat's).
        return result in (0, -1)
    if f.restype == "const char *":
        return result == b""
    if f.restype.startswith("HCk"):
        return not result
    return True


@pytest.mark.parametrize("name, index, label, value", list(_cases()))
def test_abuse(lib, name, index, label, value):
    f = BY_NAME[name]
    result, state, self_state = _outcome(lib, f, index, value)

    bad_handle = value is None or isinstance(value, BadHandle)
    if index == 0 and bad_handle:
        # No object of this class: the call fails, the handle reads back as invalid, and a
        # foreign object is untouched.
        if f.is_method or (f.restype != "int" and f.member != "lastErrorText"):
            assert _failed_result(f, result), f"{name} on {label} returned {result!r}"
        if f.member == "getLastMethodSuccess":
            assert result == 0
        assert self_state.lms == 0 and self_state.code == CODES["DPOP_ERR_INVALID_HANDLE"], self_state
        assert self_state.err, f"no LastErrorText for a {label} as {f.cls}"
        if state is not None:
            assert state == State(1, CODES["DPOP_OK"], ""), f"{name} changed the foreign object: {state}"
        return

    if state is not None:
        lms, code, err = state
        assert lms in (0, 1)
        assert (lms == 1) == (err == "") == (code == CODES["DPOP_OK"]), f"inconsistent {state}"
        assert code in CODES.values() and code != CODES["DPOP_ERR_INVALID_HANDLE"], f"{state}"

    if f.is_create and index is None:
        assert result, f"{name} returned NULL"

    refused = bad_handle or label.startswith("invalid UTF-8")
    if f.is_method and index is not None and index >= 1 and refused:
        argument = f.params[index].name
        lms, code, err = state
        assert lms == 0, f"{name} accepted {label} for '{argument}'"
        assert code == CODES["DPOP_ERR_INVALID_ARGUMENT"], state
        assert _failed_result(f, result), f"{name} returned {result!r} on failure"
        assert err, "empty LastErrorText"
        assert f"'{argument}'" in err or f" {argument} " in f" {err} ", f"the error does not name '{argument}': {err}"
        if label == "NULL":
            assert "NULL" in err, err
        if label.startswith("invalid UTF-8"):
            assert "UTF-8" in err, err

    if label == "NUL + garbage":
        # Only the bytes before the NUL are the string: same outcome as the valid value alone.
        base = _outcome(lib, f, None, None)
        if state is not None:
            assert state[:2] == base.state[:2], f"{state}, without the garbage {base.state}"
        if f.restype == "int" or f.restype.startswith("HCk"):
            assert bool(result) == bool(base.result)
            if f.restype == "int":
                assert result == base.result


def test_every_function_is_covered(lib):
    """The table is the whole header: nothing in dpop.h escapes the abuse."""
    header = (ROOT / "include" / "dpop.h").read_text(encoding="utf-8")
    declared = {line.split("(")[0].split()[-1].lstrip("*") for line in header.splitlines() if line.startswith(("int ", "void ", "const char *", "HCk")) and "(" in line}
    assert declared == set(BY_NAME), declared ^ set(BY_NAME)
    assert len(CLASSES) >= 2
