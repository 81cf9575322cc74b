//! `CkHttpResponse_*`: a response returned by `CkHttp_PostJson2` / `CkHttp_PText`.

use super::{arg_str, ck_object, Handle};
use crate::http::Response;
use std::ffi::{c_char, c_int};

/// An HTTP response. Returned by request functions; free it with `CkHttpResponse_Dispose`.
pub struct CkHttpResponse(Handle<Response>);
ck_object!(CkHttpResponse, Response, "HttpResponse", 0x6472_6573_706f_6e73);

/// Handle to a `CkHttpResponse`.
pub type HCkHttpResponse = *mut CkHttpResponse;

/// Creates an empty response object (status 0). Owned by the caller: free it with
/// `CkHttpResponse_Dispose`. NULL if memory could not be allocated.
#[no_mangle]
pub extern "C" fn CkHttpResponse_Create() -> HCkHttpResponse {
    super::create(Response::default())
}

/// Frees the object. NULL is ignored. The handle and every string it returned are invalid
/// afterwards.
#[no_mangle]
pub extern "C" fn CkHttpResponse_Dispose(handle: HCkHttpResponse) {
    super::dispose(handle)
}

/// Property StatusCode: the HTTP status, e.g. 200.
#[no_mangle]
pub extern "C" fn CkHttpResponse_getStatusCode(handle: HCkHttpResponse) -> c_int {
    super::get(handle, 0, |r| r.status.into())
}

/// Property StatusText: the reason phrase, e.g. "OK". Owned by the handle, valid until the next
/// string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttpResponse_statusText(handle: HCkHttpResponse) -> *const c_char {
    super::get_str(handle, |r| r.reason.clone())
}

/// Property BodyStr: the body as text (invalid UTF-8 replaced by U+FFFD). Owned by the handle,
/// valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttpResponse_bodyStr(handle: HCkHttpResponse) -> *const c_char {
    super::get_str(handle, Response::body_text)
}

/// Property Header: all response headers, one `Name: value` per line. Owned by the handle,
/// valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttpResponse_header(handle: HCkHttpResponse) -> *const c_char {
    super::get_str(handle, Response::header_text)
}

/// Returns the value of response header `fieldName` (case-insensitive), or "" with
/// LastMethodSuccess 0 when absent. Owned by the handle, valid until the next string-returning
/// call on it.
#[no_mangle]
pub extern "C" fn CkHttpResponse_getHeaderField(handle: HCkHttpResponse, fieldName: *const c_char) -> *const c_char {
    super::method_str(handle, "GetHeaderField", |r| {
        let name = arg_str(fieldName, "fieldName")?;
        r.header(name)
            .map(str::to_string)
            .ok_or_else(|| crate::Error::new(format!("the response has no '{name}' header")))
    })
}

/// 1 if the last method call on this handle succeeded, 0 if it failed (or the handle is NULL).
#[no_mangle]
pub extern "C" fn CkHttpResponse_getLastMethodSuccess(handle: HCkHttpResponse) -> c_int {
    super::last_method_success(handle)
}

/// Why the last method call failed ("" after a success). Owned by the handle, valid until the
/// next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttpResponse_lastErrorText(handle: HCkHttpResponse) -> *const c_char {
    super::last_error_text(handle)
}
