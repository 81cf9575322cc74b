//! `CkHttpResponse_*`: a response returned by `CkHttp_PostJson2`, `CkHttp_QuickGetObj`, ..., or
//! filled by `CkHttp_HttpReq`, `CkHttp_HttpStr`, ...

use super::json_array::{CkJsonArray, HCkJsonArray};
use super::json_object::{CkJsonObject, HCkJsonObject};
use super::string_builder::{CkStringBuilder, HCkStringBuilder};
use super::{arg_object, arg_str, ck_class};
use crate::error::Result;
use crate::http::Response;
use std::ffi::{c_char, c_int};

/// An HTTP response. Returned by request functions; free it with `CkHttpResponse_Dispose`.
pub struct CkHttpResponse {
    _opaque: [u8; 0],
}
ck_class!(CkHttpResponse, Response, "HttpResponse", 3);

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

/// Sends a request with `send` (which also converts the other arguments) and puts its response
/// into the caller's response object `response`: the response, or an empty one when none was
/// received or an argument was refused (as Chilkat resets it). The object is checked first, so
/// that a bad handle fails before anything is sent.
pub(super) fn respond_into(response: HCkHttpResponse, send: impl FnOnce() -> Result<Response>) -> Result<()> {
    arg_object::<CkHttpResponse, _>(response, "response", |_| Ok(()))?;
    let (received, outcome) = match send() {
        Ok(received) => (received, Ok(())),
        Err(e) => (Response::default(), Err(e)),
    };
    arg_object::<CkHttpResponse, _>(response, "response", |target| {
        *target = received;
        Ok(())
    })?;
    outcome
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

/// Property StatusLine: the response's first line, e.g. "HTTP/1.1 200 OK".
///
/// Returns: the line [S]; "" for an empty response.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_statusLine(handle: HCkHttpResponse) -> *const c_char {
    super::get_str(handle, Response::status_line)
}

/// Property Charset: the charset parameter of the Content-Type header as sent, "us-ascii" when
/// there is none (as Chilkat reports it).
///
/// Returns: the charset [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_charset(handle: HCkHttpResponse) -> *const c_char {
    super::get_str(handle, Response::charset)
}

/// Property ContentLength: the Content-Length header's value (0 when absent; INT_MAX at most).
///
/// Returns: the length; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_getContentLength(handle: HCkHttpResponse) -> c_int {
    super::get(handle, 0, |r| r.content_length().try_into().unwrap_or(c_int::MAX))
}

/// Property NumHeaderFields: the number of response headers.
///
/// Returns: the number; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_getNumHeaderFields(handle: HCkHttpResponse) -> c_int {
    super::get(handle, 0, |r| r.headers.len().try_into().unwrap_or(c_int::MAX))
}

/// The name of the `index`th response header (from 0), as the server wrote it.
///
/// Returns: the name [S]; "" on failure.
/// Fails: DPOP_ERR_NOT_FOUND (no such index).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_getHeaderName(handle: HCkHttpResponse, index: c_int) -> *const c_char {
    super::method_str(handle, "GetHeaderName", |r| r.header_name(index))
}

/// The value of the `index`th response header (from 0).
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_NOT_FOUND (no such index).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_getHeaderValue(handle: HCkHttpResponse, index: c_int) -> *const c_char {
    super::method_str(handle, "GetHeaderValue", |r| r.header_value(index))
}

/// Property BodyStr: the body as text, decoded as the charset of Content-Type says (without
/// one: UTF-8 if it is, else Latin-1, as Chilkat does); undecodable bytes become U+FFFD.
///
/// Returns: the body [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_bodyStr(handle: HCkHttpResponse) -> *const c_char {
    super::get_str(handle, Response::body_text)
}

/// Property Header: all response headers as the server sent them, one `Name: value` per line,
/// each ending in CRLF.
///
/// Returns: the headers [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_header(handle: HCkHttpResponse) -> *const c_char {
    super::get_str(handle, Response::header_text)
}

/// Appends the body, as text (see BodyStr), to `sb`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (`sb` not a live StringBuilder handle).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_GetBodySb(handle: HCkHttpResponse, sb: HCkStringBuilder) -> c_int {
    super::method_bool(handle, "GetBodySb", |r| {
        let body = r.body_text();
        arg_object::<CkStringBuilder, _>(sb, "sb", |sb| {
            sb.append(&body);
            Ok(())
        })
    })
}

/// Loads the body, which must be a JSON object, into `json` (its content is replaced).
///
/// Returns: 1 on success, 0 on failure (`json` keeps its content) [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (`json` not a live JsonObject handle), DPOP_ERR_JSON (the
///   body is not a JSON object: Chilkat loads an empty object then; here nothing is lost).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_GetBodyJson(handle: HCkHttpResponse, json: HCkJsonObject) -> c_int {
    super::method_bool(handle, "GetBodyJson", |r| {
        let body = r.body_text();
        arg_object::<CkJsonObject, _>(json, "json", |json| json.load(&body))
    })
}

/// Loads the body, which must be a JSON array, into `jarr` (its content is replaced).
///
/// Returns: 1 on success, 0 on failure (`jarr` keeps its content) [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (`jarr` not a live JsonArray handle), DPOP_ERR_JSON (the
///   body is not a JSON array).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpResponse_GetBodyJarr(handle: HCkHttpResponse, jarr: HCkJsonArray) -> c_int {
    super::method_bool(handle, "GetBodyJarr", |r| {
        let body = r.body_text();
        arg_object::<CkJsonArray, _>(jarr, "jarr", |jarr| jarr.load(&body))
    })
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
