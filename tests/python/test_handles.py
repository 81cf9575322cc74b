"""Handles that are no live object (rule [H] of include/dpop.h) passed to the library through the
package's own ctypes functions: disposed, disposed twice, of another class, garbage numbers, and
a disposed handle as an argument. Each call fails harmlessly: LastMethodSuccess 0 and
DPOP_ERR_INVALID_HANDLE for the handle itself, DPOP_ERR_INVALID_ARGUMENT on the receiver for a
bad argument, and the live objects involved keep working."""

import ctypes

import pytest

import dpop
from dpop import ErrorCode
from dpop._library import lib

#: Aligned like the library's handles, never handed out in this run.
GARBAGE = 0xDEADBEE8
#: The address of real memory that holds no handle.
WILD = ctypes.create_string_buffer(b"\xab" * 64)


def disposed(cls: type[dpop._binding.NativeObject]) -> int:
    """The handle of a new object of cls, disposed."""
    obj = cls()
    handle = obj._handle
    obj.Dispose()
    return handle


def assert_invalid(c_class: str, handle: int | None) -> None:
    """The library knows no `c_class` object for handle."""
    assert getattr(lib, f"{c_class}_getLastMethodSuccess")(handle) == 0
    assert getattr(lib, f"{c_class}_getLastErrorCode")(handle) == ErrorCode.INVALID_HANDLE
    assert b"invalid handle" in getattr(lib, f"{c_class}_lastErrorText")(handle)


BAD_HANDLES = {
    "NULL": lambda: None,
    "disposed": lambda: disposed(dpop.JsonObject),
    "garbage": lambda: GARBAGE,
    "wild pointer": lambda: ctypes.addressof(WILD),
}


@pytest.mark.parametrize("bad", BAD_HANDLES)
def test_calls_on_a_handle_that_is_no_object_fail_harmlessly(bad):
    handle = BAD_HANDLES[bad]()
    assert lib.CkJsonObject_UpdateString(handle, b"a", b"b") == 0
    assert lib.CkJsonObject_emit(handle) == b""
    assert lib.CkJsonObject_getSize(handle) == 0
    assert_invalid("CkJsonObject", handle)
    lib.CkJsonObject_Dispose(handle)  # ignored
    assert_invalid("CkJsonObject", handle)


def test_double_dispose_is_ignored():
    doc = dpop.JsonObject()
    handle = doc._handle
    lib.CkJsonObject_Dispose(handle)
    lib.CkJsonObject_Dispose(handle)
    doc.Dispose()  # the package's own Dispose: a third time
    assert_invalid("CkJsonObject", handle)
    assert dpop.JsonObject()._handle != handle, "a disposed handle is never handed out again"


def test_a_handle_of_another_class_is_refused_and_left_alone():
    http = dpop.Http()
    http.AuthToken = "a-token"
    assert lib.CkJsonObject_UpdateString(http._handle, b"a", b"b") == 0
    assert_invalid("CkJsonObject", http._handle)
    lib.CkJsonObject_Dispose(http._handle)  # not a JsonObject: ignored, the Http object lives
    assert (http.AuthToken, http.LastMethodSuccess, http.LastErrorCode) == ("a-token", True, ErrorCode.OK)


@pytest.mark.parametrize("bad", ["disposed", "garbage", "an Http handle"])
def test_a_bad_handle_as_argument_is_an_invalid_argument(bad):
    key = dpop.PrivateKey()
    assert key.GenerateEcKey("P-256")
    http = dpop.Http()
    privKey = {"disposed": disposed(dpop.PrivateKey), "garbage": GARBAGE, "an Http handle": http._handle}[bad]
    assert lib.CkHttp_SetDPoPKey(http._handle, privKey) == 0
    assert (http.LastMethodSuccess, http.LastErrorCode) == (False, ErrorCode.INVALID_ARGUMENT)
    assert "'privKey'" in http.LastErrorText
    assert http.SetDPoPKey(key) is True, "the Http object still works"


def test_the_package_refuses_disposed_objects_before_the_library_sees_them():
    key = dpop.PrivateKey()
    key.Dispose()
    with pytest.raises(ValueError, match="disposed"):
        dpop.Http().SetDPoPKey(key)
    with pytest.raises(ValueError, match="disposed"):
        key.LastErrorCode
    key.Dispose()  # again: nothing happens
