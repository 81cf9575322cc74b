//! `CkHttpRequest_*`: a request described piece by piece, sent with `CkHttp_HttpReq` or
//! `CkHttp_PostUrlEncoded`.

use super::{arg_str, ck_class};
use crate::http::HttpRequest;
use std::ffi::{c_char, c_int};

/// An HTTP request: verb, content type, parameters, headers, body. Create with
/// `CkHttpRequest_Create`, free with `CkHttpRequest_Dispose`.
pub struct CkHttpRequest {
    _opaque: [u8; 0],
}
ck_class!(CkHttpRequest, HttpRequest, "HttpRequest", 3);

/// Handle to a `CkHttpRequest`.
pub type HCkHttpRequest = *mut CkHttpRequest;

/// Creates a request: GET, Path "/", no content type, charset utf-8, no parameters.
///
/// Returns: a new handle owned by the caller [H]; NULL only if memory ran out.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_Create() -> HCkHttpRequest {
    super::create(HttpRequest::default())
}

/// Frees the object; every string it returned becomes invalid.
///
/// Returns: nothing. NULL, unknown and already disposed handles are ignored [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_Dispose(handle: HCkHttpRequest) {
    super::dispose(handle)
}

/// Property HttpVerb: the method (default "GET"); sent in upper case.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_httpVerb(handle: HCkHttpRequest) -> *const c_char {
    super::get_str(handle, |req| req.verb().to_string())
}

/// Sets property HttpVerb (POST, PUT, PATCH, DELETE, ...).
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, not a method name).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_putHttpVerb(handle: HCkHttpRequest, newVal: *const c_char) {
    super::put_str(handle, "HttpVerb", newVal, HttpRequest::set_verb)
}

/// Property Path: the path the request is for (default "/"). `CkHttp_HttpReq` sends to its URL's
/// path instead, as Chilkat does.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_path(handle: HCkHttpRequest) -> *const c_char {
    super::get_str(handle, |req| req.path().to_string())
}

/// Sets property Path.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, a line break).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_putPath(handle: HCkHttpRequest, newVal: *const c_char) {
    super::put_str(handle, "Path", newVal, HttpRequest::set_path)
}

/// Property ContentType: the Content-Type header of the body ("" sends none).
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_contentType(handle: HCkHttpRequest) -> *const c_char {
    super::get_str(handle, |req| req.content_type().to_string())
}

/// Sets property ContentType (e.g. "application/x-www-form-urlencoded").
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, a line break).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_putContentType(handle: HCkHttpRequest, newVal: *const c_char) {
    super::put_str(handle, "ContentType", newVal, HttpRequest::set_content_type)
}

/// Property Charset: the charset parameters are encoded in (default "utf-8").
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_charset(handle: HCkHttpRequest) -> *const c_char {
    super::get_str(handle, |req| req.charset().to_string())
}

/// Sets property Charset.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, a charset other than utf-8,
///   iso-8859-1 or windows-1252, us-ascii, utf-16).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_putCharset(handle: HCkHttpRequest, newVal: *const c_char) {
    super::put_str(handle, "Charset", newVal, HttpRequest::set_charset)
}

/// Adds a parameter (a name may repeat; spaces in names are dropped, as Chilkat does). POST, PUT
/// and PATCH without a body send the parameters as a form body, other requests in the query
/// string.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_AddParam(handle: HCkHttpRequest, name: *const c_char, value: *const c_char) {
    super::put(handle, "AddParam", |req| {
        req.add_param(arg_str(name, "name")?, arg_str(value, "value")?);
        Ok(())
    })
}

/// Removes the first parameter named `name`.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_RemoveParam(handle: HCkHttpRequest, name: *const c_char) {
    super::put(handle, "RemoveParam", |req| {
        req.remove_param(arg_str(name, "name")?);
        Ok(())
    })
}

/// Removes every parameter.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_RemoveAllParams(handle: HCkHttpRequest) {
    super::put(handle, "RemoveAllParams", |req| {
        req.remove_all_params();
        Ok(())
    })
}

/// Property NumParams: the number of parameters.
///
/// Returns: the number; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_getNumParams(handle: HCkHttpRequest) -> c_int {
    super::get(handle, 0, |req| req.num_params().try_into().unwrap_or(c_int::MAX))
}

/// The value of the first parameter named `name`.
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_NOT_FOUND (no such parameter).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_getParam(handle: HCkHttpRequest, name: *const c_char) -> *const c_char {
    super::method_str(handle, "GetParam", |req| req.param(arg_str(name, "name")?))
}

/// The name of the `index`th parameter (from 0).
///
/// Returns: the name [S]; "" on failure.
/// Fails: DPOP_ERR_NOT_FOUND (no such index).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_getParamName(handle: HCkHttpRequest, index: c_int) -> *const c_char {
    super::method_str(handle, "GetParamName", |req| Ok(req.param_at(index)?.0.clone()))
}

/// The value of the `index`th parameter (from 0).
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_NOT_FOUND (no such index).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_getParamValue(handle: HCkHttpRequest, index: c_int) -> *const c_char {
    super::method_str(handle, "GetParamValue", |req| Ok(req.param_at(index)?.1.clone()))
}

/// Adds a header, replacing one of the same name (any case).
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, not a header name, a line break).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_AddHeader(handle: HCkHttpRequest, name: *const c_char, value: *const c_char) {
    super::put(handle, "AddHeader", |req| {
        req.add_header(arg_str(name, "name")?, arg_str(value, "value")?)
    })
}

/// Removes the header `name` (any case); removing a header that is not there succeeds too.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_RemoveHeader(handle: HCkHttpRequest, name: *const c_char) -> c_int {
    super::method_bool(handle, "RemoveHeader", |req| {
        req.remove_header(arg_str(name, "name")?);
        Ok(())
    })
}

/// The value of header `name` (any case) added with `CkHttpRequest_AddHeader`.
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_NOT_FOUND (no such header).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_getHeaderField(handle: HCkHttpRequest, name: *const c_char) -> *const c_char {
    super::method_str(handle, "GetHeaderField", |req| req.header(arg_str(name, "name")?))
}

/// Makes `bodyStr`, encoded in `charset` ("" for utf-8), the body. Parameters then go into the
/// query string.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, an unknown charset, text the charset
///   cannot hold).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_LoadBodyFromString(handle: HCkHttpRequest, bodyStr: *const c_char, charset: *const c_char) -> c_int {
    super::method_bool(handle, "LoadBodyFromString", |req| {
        req.load_body_from_string(arg_str(bodyStr, "bodyStr")?, arg_str(charset, "charset")?)
    })
}

/// Takes Path from `url` and its query string as the parameters (decoded).
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, not an http or https URL).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_SetFromUrl(handle: HCkHttpRequest, url: *const c_char) {
    super::put(handle, "SetFromUrl", |req| req.set_from_url(arg_str(url, "url")?))
}

/// Property LastMethodSuccess [E].
///
/// Returns: 1 if the last method call succeeded; 0 if it failed, or for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_getLastMethodSuccess(handle: HCkHttpRequest) -> c_int {
    super::last_method_success(handle)
}

/// Extension property LastErrorCode [E].
///
/// Returns: DPOP_OK or a DPOP_ERR_* code; DPOP_ERR_INVALID_HANDLE for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_getLastErrorCode(handle: HCkHttpRequest) -> c_int {
    super::last_error_code(handle)
}

/// Property LastErrorText [E].
///
/// Returns: the text [S], in a buffer of its own; "" after a success.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttpRequest_lastErrorText(handle: HCkHttpRequest) -> *const c_char {
    super::last_error_text(handle)
}
