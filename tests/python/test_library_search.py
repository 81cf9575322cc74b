"""Where the package finds libdpop when it was built into a wheel (setup.py): the library carries
an extension module's suffix, and DPOP_LIBRARY still overrides it."""

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from dpop import _library


def no_system_library(name):
    return None


def test_the_library_built_into_the_package_is_found_by_its_extension_suffix(tmp_path: Path):
    for suffix in EXTENSION_SUFFIXES:
        built = tmp_path / f"libdpop{suffix}"
        built.write_bytes(b"")
        assert _library.locate({}, tmp_path, no_system_library) == str(built)
        assert _library.locate({"DPOP_LIBRARY": "/x/libdpop.so"}, tmp_path, no_system_library) == "/x/libdpop.so"
        built.unlink()
