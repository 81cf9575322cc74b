"""The C ABI abused through raw ctypes, table-driven from include/dpop.h (parsed with
tests/c/abi_abuse/gen.py, the same parser the C abuse program is generated with), so a new
function is covered as soon as it is in the header.

For every function: a call with valid arguments, then for each argument in turn NULL, a handle of
another class, invalid UTF-8 bytes, "", 1 MiB strings, a valid value followed by a NUL and
garbage, and extreme ints, each on fresh objects. Checks: no crash; string results are never
NULL and are UTF-8; a method (a function taking arguments besides its handle, setters included)
refuses NULL, foreign handles and invalid UTF-8 with LastMethodSuccess 0 and a LastErrorText that
names the argument; garbage after a NUL changes nothing.
"""

import ctypes
import importlib.util
import os
import sys
from pathlib import Path

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
                # NULL, then a live handle of each other class in turn.
                abuses = {"NULL": None}
                abuses.update({f"{other} handle": ("foreign", other) for other in CLASSES if other != p.ctype[1:]})
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


def _call(lib, objects: Objects, f, index, value):
    """Builds the arguments (valid except argument `index`, which is `value`) and calls f.
    Returns (result, handle argument 0 as passed, its real class or None)."""
    args = []
    self_cls = None
    for i, p in enumerate(f.params):
        abused = i == index
        if p.kind == "handle":
            cls = p.ctype[1:]
            if abused and value is None:
                arg = None
            else:
                real = value[1] if abused else cls
                arg = objects.create(real)
                if i == 0:
                    self_cls = real
        elif p.kind == "int":
            arg = value if abused else 0
        else:
            arg = value if abused else gen.valid_string(p.name).encode()
        args.append(arg)
    result = getattr(lib, f.name)(*args)
    if f.restype.startswith("HCk") and result:
        getattr(lib, f"{f.restype[1:]}_Dispose")(result)
    if f.is_dispose and args[0] is not None and not (index == 0 and isinstance(value, tuple)):
        objects.forget(args[0])
        self_cls = None
    return result, (args[0] if args else None), self_cls


def _state(lib, cls: str, handle: int) -> tuple[int, str]:
    lms = getattr(lib, f"{cls}_getLastMethodSuccess")(handle)
    err = getattr(lib, f"{cls}_lastErrorText")(handle)
    assert err is not None, f"{cls}_lastErrorText returned NULL"
    return lms, err.decode("utf-8")  # raises if not UTF-8


def _outcome(lib, f, index, value):
    """Runs one case on fresh objects: (result, LastMethodSuccess or None, LastErrorText or None)."""
    objects = Objects(lib)
    try:
        result, self_handle, self_cls = _call(lib, objects, f, index, value)
        if f.restype == "const char *":
            assert result is not None, f"{f.name} returned a NULL string"
            result.decode("utf-8")
        lms = err = None
        if self_cls is not None:
            lms, err = _state(lib, self_cls, self_handle)
        return result, lms, err
    finally:
        objects.dispose_all()


def _failed_result(f, result) -> bool:
    if f.restype == "int":
        return result == 0
    if f.restype == "const char *":
        return result == b""
    if f.restype.startswith("HCk"):
        return not result
    return True


@pytest.mark.parametrize("name, index, label, value", list(_cases()))
def test_abuse(lib, name, index, label, value):
    f = BY_NAME[name]
    result, lms, err = _outcome(lib, f, index, value)

    foreign = isinstance(value, tuple)
    if index == 0 and (value is None or foreign):
        # No object (or another class's object): nothing happens, the foreign object is untouched.
        if f.is_method or f.restype != "int":
            assert _failed_result(f, result), f"{name} on {label} returned {result!r}"
        if f.member == "getLastMethodSuccess":
            assert result == 0
        if lms is not None:
            assert (lms, err) == (1, ""), f"{name} changed the foreign object: {lms} {err!r}"
        return

    if lms is not None:
        assert lms in (0, 1)
        assert (lms == 1) == (err == ""), f"LastMethodSuccess {lms} with LastErrorText {err!r}"

    if f.is_create and index is None:
        assert result, f"{name} returned NULL"

    refused = value is None or foreign or label.startswith("invalid UTF-8")
    if f.is_method and index is not None and index >= 1 and refused:
        argument = f.params[index].name
        assert lms == 0, f"{name} accepted {label} for '{argument}'"
        assert _failed_result(f, result), f"{name} returned {result!r} on failure"
        assert err, "empty LastErrorText"
        assert f"'{argument}'" in err or f" {argument} " in f" {err} ", f"the error does not name '{argument}': {err}"
        if label == "NULL":
            assert "NULL" in err, err
        if label.startswith("invalid UTF-8"):
            assert "UTF-8" in err, err

    if label == "NUL + garbage":
        # Only the bytes before the NUL are the string: same outcome as the valid value alone.
        base_result, base_lms, _ = _outcome(lib, f, None, None)
        assert lms == base_lms, f"LastMethodSuccess {lms}, without the garbage {base_lms}"
        if f.restype == "int" or f.restype.startswith("HCk"):
            assert bool(result) == bool(base_result)
            if f.restype == "int":
                assert result == base_result


def test_every_function_is_covered(lib):
    """The table is the whole header: nothing in dpop.h escapes the abuse."""
    header = (ROOT / "include" / "dpop.h").read_text(encoding="utf-8")
    declared = {line.split("(")[0].split()[-1].lstrip("*") for line in header.splitlines() if line.startswith(("int ", "void ", "const char *", "HCk")) and "(" in line}
    assert declared == set(BY_NAME), declared ^ set(BY_NAME)
    assert len(CLASSES) >= 2
