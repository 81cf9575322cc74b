"""Finds and loads libdpop, and declares every function of the header on it."""

import ctypes
import ctypes.util
import os
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Callable, Optional

from ._ffi import PROTOTYPES

PACKAGE_DIR = Path(__file__).resolve().parent
# The library built into the package by setup.py carries an extension module's suffix
# (libdpop.abi3.so, libdpop.pyd); a copy put there by hand has its usual name.
SHIPPED_NAMES = tuple(
    dict.fromkeys([*(f"libdpop{suffix}" for suffix in EXTENSION_SUFFIXES), "libdpop.so", "dpop.dll", "libdpop.dylib"])
)

#: The ctypes type of each C type spelled in the header (HCk* handles are pointers).
CTYPES = {"const char *": ctypes.c_char_p, "int": ctypes.c_int, "void": None}


def ctype(c_type: str) -> type:
    """The ctypes type for a C type of the header."""
    return ctypes.c_void_p if c_type.startswith("HCk") else CTYPES[c_type]


def locate(
    environ: "os._Environ[str] | dict[str, str]" = os.environ,
    package_dir: Path = PACKAGE_DIR,
    find_library: Callable[[str], Optional[str]] = ctypes.util.find_library,
) -> str:
    """The library to load: $DPOP_LIBRARY, else the one in the package directory (built into
    the wheel, or copied there), else the system's libdpop. Raises ImportError when there is none."""
    if environ.get("DPOP_LIBRARY"):
        return environ["DPOP_LIBRARY"]
    for name in SHIPPED_NAMES:
        if (package_dir / name).is_file():
            return str(package_dir / name)
    found = find_library("dpop")
    if found:
        return found
    raise ImportError(
        "dpop: libdpop was not found. Install the package with the library inside "
        "(pip install ./bindings/python, or the libdpop wheel), set DPOP_LIBRARY to its path "
        "(e.g. target/debug/libdpop.so after `cargo build`), or install it where the system "
        "linker finds it."
    )


def load(path: str) -> ctypes.CDLL:
    """Loads the library at `path` and sets restype/argtypes of every function in the header."""
    try:
        library = ctypes.CDLL(path)
    except OSError as e:
        raise ImportError(f"dpop: cannot load libdpop from {path!r}: {e}") from e
    for name, (restype, argtypes) in PROTOTYPES.items():
        try:
            function = getattr(library, name)
        except AttributeError:
            raise ImportError(
                f"dpop: {path!r} has no function {name}: the library is older than "
                "the header these bindings were generated from"
            ) from None
        function.restype = ctype(restype)
        function.argtypes = [ctype(t) for t in argtypes]
    return library


path = locate()
lib = load(path)
