"""The bindings against include/dpop.h: the generated prototype table is current, every C
function is reachable from Python, and the library is found as documented."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import dpop
import gen_ffi
from dpop import _ffi, _library

from conftest import ROOT

CLASSES = (
    dpop.Global, dpop.StringBuilder, dpop.PrivateKey, dpop.JsonObject, dpop.JsonArray,
    dpop.Http, dpop.HttpRequest, dpop.HttpResponse, dpop.Rest,
)


def test_generated_table_matches_the_header():
    header = (ROOT / "include" / "dpop.h").read_text(encoding="utf-8")
    committed = Path(_ffi.__file__).read_text(encoding="utf-8")
    assert committed == gen_ffi.render(header), (
        "bindings/python/dpop/_ffi.py is out of date: run python3 bindings/python/gen_ffi.py"
    )


def test_every_header_function_is_used_by_a_class_or_the_module():
    used = set().union(*(cls._c_functions for cls in CLASSES)) | dpop._binding.library_functions
    assert sorted(set(_ffi.PROTOTYPES) - used) == []
    assert sorted(used - set(_ffi.PROTOTYPES)) == []


def test_version_is_the_one_of_the_header_and_the_crate():
    header_version = gen_ffi.dpop_header.version((ROOT / "include" / "dpop.h").read_text(encoding="utf-8"))
    crate_version = re.search(r'^version = "(.*)"$', (ROOT / "Cargo.toml").read_text(), re.M)[1]
    assert dpop.version() == "%d.%d.%d" % header_version == crate_version


def test_parser_joins_wrapped_prototypes_and_rejects_unknown_types():
    header = """
    /** doc; with a semicolon */
    typedef struct CkHttp *HCkHttp;
    HCkHttpResponse CkHttp_PostJson2(HCkHttp handle,
                                     const char *url,
                                     int md5);
    const char *CkHttp_accept(HCkHttp handle);
    """
    assert gen_ffi.parse(header) == {
        "CkHttp_PostJson2": ("HCkHttpResponse", ("HCkHttp", "const char *", "int")),
        "CkHttp_accept": ("const char *", ("HCkHttp",)),
    }
    with pytest.raises(ValueError, match="double CkHttp_rate"):
        gen_ffi.parse("double CkHttp_rate(HCkHttp handle);")
    with pytest.raises(ValueError, match="unsigned"):
        gen_ffi.parse("int CkHttp_put(HCkHttp handle, unsigned int n);")


def test_parser_reads_library_functions_and_documented_constants():
    header = """
    #ifndef DPOP_H
    #define DPOP_H
    /**
     * The last method
     * succeeded.
     */
    #define DPOP_OK 0
    /** The network failed. */
    #define DPOP_ERR_NETWORK 8
    /** Major version. */
    #define DPOP_VERSION_MAJOR 3
    const char *dpop_version(void);
    #endif  /* DPOP_H */
    """
    dpop_header = gen_ffi.dpop_header
    assert gen_ffi.parse(header) == {"dpop_version": ("const char *", ())}
    assert [(c.name, c.value, c.short_name, c.doc) for c in dpop_header.error_codes(header)] == [
        ("DPOP_OK", 0, "OK", "The last method succeeded."),
        ("DPOP_ERR_NETWORK", 8, "NETWORK", "The network failed."),
    ]
    with pytest.raises(ValueError, match="DPOP_VERSION_MINOR"):
        dpop_header.version(header)
    with pytest.raises(ValueError, match="unsupported preprocessor line.*DPOP_NAME"):
        dpop_header.constants(header + '/** A name. */\n#define DPOP_NAME "dpop"\n')
    with pytest.raises(ValueError, match="DPOP_ERR_TLS has no doc comment"):
        dpop_header.constants(header + "#define DPOP_ERR_TLS 9\n")
    with pytest.raises(ValueError, match="share a number"):
        dpop_header.error_codes(header + "/** Again. */\n#define DPOP_ERR_AGAIN 8\n")
    with pytest.raises(ValueError, match="unsupported declaration"):
        gen_ffi.parse("int version(void);")


def test_a_declaration_that_does_not_match_the_header_fails_at_class_creation():
    with pytest.raises(dpop.BindingError, match="CkHttp_getAuthToken"):
        class WrongType(dpop._binding.NativeObject, c_class="CkHttp"):
            AuthToken: int = dpop._binding.native_property("declared with the wrong type")

    with pytest.raises(dpop.BindingError, match="CkHttp_QuickGetStr"):
        class WrongReturn(dpop._binding.NativeObject, c_class="CkHttp"):
            @dpop._binding.native
            def QuickGetStr(self, url: str) -> bool:
                """Declared with the wrong return type."""

    with pytest.raises(dpop.BindingError, match="HCkPrivateKey"):
        class WrongArgument(dpop._binding.NativeObject, c_class="CkHttp"):
            @dpop._binding.native
            def SetDPoPKey(self, privKey: str) -> bool:
                """Declared with the wrong argument type."""


def test_every_public_method_and_property_has_a_docstring_and_type_hints():
    for cls in CLASSES:
        for name in dir(cls):
            if name.startswith("_"):
                continue
            member = getattr(cls, name)
            assert (member.__doc__ or "").strip(), f"{cls.__name__}.{name} has no docstring"
            hints = (member.fget if isinstance(member, property) else member).__annotations__
            assert "return" in hints, f"{cls.__name__}.{name} has no return type"


def test_library_location_order(tmp_path: Path):
    def no_system_library(name):
        return None

    assert _library.locate({"DPOP_LIBRARY": "/x/libdpop.so"}, tmp_path, no_system_library) == "/x/libdpop.so"
    (tmp_path / "libdpop.so").write_bytes(b"")
    assert _library.locate({}, tmp_path, no_system_library) == str(tmp_path / "libdpop.so")
    (tmp_path / "libdpop.so").unlink()
    assert _library.locate({}, tmp_path, lambda name: f"lib{name}.so.1") == "libdpop.so.1"
    with pytest.raises(ImportError, match="DPOP_LIBRARY"):
        _library.locate({}, tmp_path, no_system_library)


def test_import_fails_clearly_when_the_library_cannot_be_loaded(tmp_path: Path):
    missing = tmp_path / "libdpop.so"
    done = subprocess.run(
        [sys.executable, "-c", "import dpop"],
        cwd=ROOT / "bindings" / "python",
        env={"DPOP_LIBRARY": str(missing), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "ImportError" in done.stderr and str(missing) in done.stderr
