//! `CkHttpResponse_*`: a response returned by `CkHttp_PostJson2` / `CkHttp_PText`.

use super::{arg_str, ck_class};
use crate::http::Response;
use std::ffi::{c_char, c_int};

/// An HTTP response. Returned by request functions; free it with `CkHttpResponse_Dispose`.
pub struct CkHttpResponse {
    _opaque: [u8; 0],
}
ck_class!(CkHttpResponse, Response, "HttpResponse");

/// Handle to a `CkHttpResponse`.
pub type HCkHttpResponse = *mut CkHttpResponse;

/// Creates an empty response object (status 0).
///
/// Returns: a new handle owned by the caller [H]; NULL only if memory ran out.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_Create() -> HCkHttpResponse {
    super::create(Response::default())
}

/// Frees the object; every string it returned becomes invalid.
///
/// Returns: nothing. NULL, unknown and already disposed handles are ignored [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_Dispose(handle: HCkHttpResponse) {
    super::dispose(handle)
}

/// Property StatusCode: the HTTP status, e.g. 200.
///
/// Returns: the status; 0 for an empty response or an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_getStatusCode(handle: HCkHttpResponse) -> c_int {
    super::get(handle, 0, |r| r.status.into())
}

/// Property StatusText: the reason phrase, e.g. "OK".
///
/// Returns: the text [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_statusText(handle: HCkHttpResponse) -> *const c_char {
    super::get_str(handle, |r| r.reason.clone())
}

/// Property BodyStr: the body as text (invalid UTF-8 replaced by U+FFFD).
///
/// Returns: the body [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_bodyStr(handle: HCkHttpResponse) -> *const c_char {
    super::get_str(handle, Response::body_text)
}

/// Property Header: all response headers, one `Name: value` per line.
///
/// Returns: the headers [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_header(handle: HCkHttpResponse) -> *const c_char {
    super::get_str(handle, Response::header_text)
}

/// Returns the value of response header `fieldName` (case-insensitive).
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_NOT_FOUND (no such header).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_getHeaderField(handle: HCkHttpResponse, fieldName: *const c_char) -> *const c_char {
    super::method_str(handle, "GetHeaderField", |r| r.header_field(arg_str(fieldName, "fieldName")?))
}

/// Property LastMethodSuccess [E].
///
/// Returns: 1 if the last method call succeeded; 0 if it failed, or for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_getLastMethodSuccess(handle: HCkHttpResponse) -> c_int {
    super::last_method_success(handle)
}

/// Extension property LastErrorCode [E].
///
/// Returns: DPOP_OK or a DPOP_ERR_* code; DPOP_ERR_INVALID_HANDLE for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_getLastErrorCode(handle: HCkHttpResponse) -> c_int {
    super::last_error_code(handle)
}

/// Property LastErrorText [E].
///
/// Returns: the text [S], in a buffer of its own; "" after a success.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_lastErrorText(handle: HCkHttpResponse) -> *const c_char {
    super::last_error_text(handle)
}
