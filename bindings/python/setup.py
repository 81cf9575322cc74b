"""Builds the `libdpop` distribution: the ctypes package `dpop` with the library inside.

setuptools-rust compiles the repository's crate (release profile) and puts the shared library
into the package as `dpop/libdpop<extension suffix>` (libdpop.abi3.so, libdpop.pyd); `NoBinding`
because it is a plain C library that `dpop/_library.py` loads with ctypes, not a Python module.
It does not use the Python C API, so one wheel serves every CPython from 3.10: the wheel is
tagged cp310-abi3-<platform>.
"""

from setuptools import setup
from setuptools_rust import Binding, RustExtension

setup(
    rust_extensions=[RustExtension("dpop.libdpop", path="../../Cargo.toml", binding=Binding.NoBinding)],
    options={"bdist_wheel": {"py_limited_api": "cp310"}},
)
