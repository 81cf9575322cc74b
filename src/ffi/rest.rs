//! `CkRest_*`: Chilkat's Rest object: connect to one server, then send requests by path. It runs
//! on the Http engine, so AuthToken and SetDPoPKey (extensions here) work as in `CkHttp`.

use super::private_key::{CkPrivateKey, HCkPrivateKey};
use super::{arg_object, arg_str, ck_class};
use crate::http::{Response, Rest};
use std::ffi::{c_char, c_int};

/// A REST client for one server. Create with `CkRest_Create`, free with `CkRest_Dispose`.
pub struct CkRest {
    _opaque: [u8; 0],
}
ck_class!(CkRest, Rest, "Rest", 4);

/// Handle to a `CkRest`.
pub type HCkRest = *mut CkRest;

/// Creates a Rest object (not connected).
///
/// Returns: a new handle owned by the caller [H]; NULL only if memory ran out.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_Create() -> HCkRest {
    super::create(Rest::default())
}

/// Frees the object. Its keep-alive connections stay in the process-wide pool for other objects
/// with the same connection settings (`CkRest_Disconnect` closes them), and its tokens in the
/// process-wide cache.
///
/// Returns: nothing. NULL, unknown and already disposed handles are ignored [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_Dispose(handle: HCkRest) {
    super::dispose(handle)
}

/// Connects to `hostname`:`port`, over TLS when `tls` is non-zero: checks that a TCP connection
/// can be opened within ConnectTimeout (30 s). Later requests go to that server by path, opening
/// connections again as needed whatever `autoReconnect` says.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, not a host name, a port outside 1 to
///   65535), DPOP_ERR_NETWORK, DPOP_ERR_TIMEOUT.
/// Blocks: network [N] (one TCP connection; resolving the name and trying each of its addresses
///   take at most ConnectTimeout together).
#[no_mangle]
pub extern "C" fn CkRest_Connect(handle: HCkRest, hostname: *const c_char, port: c_int, tls: c_int, autoReconnect: c_int) -> c_int {
    super::method_bool(handle, "Connect", |rest| {
        rest.connect(arg_str(hostname, "hostname")?, port, tls != 0, autoReconnect != 0)
    })
}

/// Closes the connections; requests may still be sent (they open a new one).
///
/// Returns: 1; 0 only for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_Disconnect(handle: HCkRest, maxWaitMs: c_int) -> c_int {
    super::method_bool(handle, "Disconnect", |rest| {
        // Closing is immediate here: there is nothing to wait for.
        let _ = maxWaitMs;
        rest.disconnect();
        Ok(())
    })
}

/// Property Authorization: the Authorization header of every request, e.g. "Bearer <token>"
/// ("" sends none; a token from AuthToken wins over it). It is a secret.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_authorization(handle: HCkRest) -> *const c_char {
    super::get_str(handle, |rest| rest.authorization().to_string())
}

/// Sets property Authorization.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, a line break).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_putAuthorization(handle: HCkRest, newVal: *const c_char) {
    super::put_str(handle, "Authorization", newVal, Rest::set_authorization)
}

/// Adds a header sent with every request, replacing one of the same name (any case).
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, not a header name, a line break).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_AddHeader(handle: HCkRest, name: *const c_char, value: *const c_char) -> c_int {
    super::method_bool(handle, "AddHeader", |rest| {
        rest.add_header(arg_str(name, "name")?, arg_str(value, "value")?)
    })
}

/// Removes the header `name` (any case).
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_RemoveHeader(handle: HCkRest, name: *const c_char) -> c_int {
    super::method_bool(handle, "RemoveHeader", |rest| {
        rest.remove_header(arg_str(name, "name")?);
        Ok(())
    })
}

/// Removes every header added with `CkRest_AddHeader`.
///
/// Returns: 1; 0 only for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_ClearAllHeaders(handle: HCkRest) -> c_int {
    super::method_bool(handle, "ClearAllHeaders", |rest| {
        rest.clear_all_headers();
        Ok(())
    })
}

/// Adds a query parameter: sent in the query string of FullRequestNoBody and FullRequestString,
/// and as the form body of FullRequestFormUrlEncoded.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_AddQueryParam(handle: HCkRest, name: *const c_char, value: *const c_char) -> c_int {
    super::method_bool(handle, "AddQueryParam", |rest| {
        rest.add_query_param(arg_str(name, "name")?, arg_str(value, "value")?);
        Ok(())
    })
}

/// Removes every query parameter named `name`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_RemoveQueryParam(handle: HCkRest, name: *const c_char) -> c_int {
    super::method_bool(handle, "RemoveQueryParam", |rest| {
        rest.remove_query_param(arg_str(name, "name")?);
        Ok(())
    })
}

/// Removes every query parameter.
///
/// Returns: 1; 0 only for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_ClearAllQueryParams(handle: HCkRest) -> c_int {
    super::method_bool(handle, "ClearAllQueryParams", |rest| {
        rest.clear_all_query_params();
        Ok(())
    })
}

/// Sends `httpVerb` `uriPath` (an absolute path, with a query if wanted) to the connected server
/// without a body.
///
/// Returns: the response body, whatever the status (see `CkRest_getResponseStatusCode`) [S]; ""
///   on failure.
/// Fails: [R]; DPOP_ERR_INVALID_STATE (not connected).
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkRest_fullRequestNoBody(handle: HCkRest, httpVerb: *const c_char, uriPath: *const c_char) -> *const c_char {
    super::method_str(handle, "FullRequestNoBody", |rest| {
        rest.full_request_no_body(arg_str(httpVerb, "httpVerb")?, arg_str(uriPath, "uriPath")?)
    })
}

/// Sends `httpVerb` `uriPath` with `bodyText` (UTF-8) as the body; the Content-Type header is
/// the one added with `CkRest_AddHeader`, if any.
///
/// Returns: the response body, whatever the status [S]; "" on failure.
/// Fails: [R]; DPOP_ERR_INVALID_STATE (not connected).
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkRest_fullRequestString(
    handle: HCkRest,
    httpVerb: *const c_char,
    uriPath: *const c_char,
    bodyText: *const c_char,
) -> *const c_char {
    super::method_str(handle, "FullRequestString", |rest| {
        rest.full_request_string(
            arg_str(httpVerb, "httpVerb")?,
            arg_str(uriPath, "uriPath")?,
            arg_str(bodyText, "bodyText")?,
        )
    })
}

/// Sends `httpVerb` `uriPath` with the query parameters as an application/x-www-form-urlencoded
/// body.
///
/// Returns: the response body, whatever the status [S]; "" on failure.
/// Fails: [R]; DPOP_ERR_INVALID_STATE (not connected).
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkRest_fullRequestFormUrlEncoded(handle: HCkRest, httpVerb: *const c_char, uriPath: *const c_char) -> *const c_char {
    super::method_str(handle, "FullRequestFormUrlEncoded", |rest| {
        rest.full_request_form_url_encoded(arg_str(httpVerb, "httpVerb")?, arg_str(uriPath, "uriPath")?)
    })
}

/// Property ResponseStatusCode: the status of the last response.
///
/// Returns: the status; 0 if none was received, or for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_getResponseStatusCode(handle: HCkRest) -> c_int {
    super::get(handle, 0, |rest| rest.response().map_or(0, |r| r.status.into()))
}

/// Property ResponseStatusText: the reason phrase of the last response, e.g. "OK".
///
/// Returns: the text [S]; "" if no response was received.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_responseStatusText(handle: HCkRest) -> *const c_char {
    super::get_str(handle, |rest| rest.response().map(|r| r.reason.clone()).unwrap_or_default())
}

/// Property ResponseHeader: the headers of the last response as the server sent them, one
/// `Name: value` per line (CRLF between lines, none after the last).
///
/// Returns: the headers [S]; "" if no response was received.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_responseHeader(handle: HCkRest) -> *const c_char {
    super::get_str(handle, |rest| rest.response().map(Response::header_lines).unwrap_or_default())
}

/// Property NumResponseHeaders: the number of headers of the last response.
///
/// Returns: the number; 0 if no response was received, or for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_getNumResponseHeaders(handle: HCkRest) -> c_int {
    super::get(handle, 0, |rest| {
        rest.response().map_or(0, |r| r.headers.len().try_into().unwrap_or(c_int::MAX))
    })
}

/// The name of the `index`th header (from 0) of the last response, as the server wrote it.
///
/// Returns: the name [S]; "" on failure.
/// Fails: DPOP_ERR_NOT_FOUND (no response, or no such index).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_responseHdrName(handle: HCkRest, index: c_int) -> *const c_char {
    super::method_str(handle, "ResponseHdrName", |rest| rest.response()?.header_name(index))
}

/// The value of the `index`th header (from 0) of the last response.
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_NOT_FOUND (no response, or no such index).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_responseHdrValue(handle: HCkRest, index: c_int) -> *const c_char {
    super::method_str(handle, "ResponseHdrValue", |rest| rest.response()?.header_value(index))
}

/// The value of header `name` (any case) of the last response.
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_NOT_FOUND (no such header).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_responseHdrByName(handle: HCkRest, name: *const c_char) -> *const c_char {
    super::method_str(handle, "ResponseHdrByName", |rest| {
        let name = arg_str(name, "name")?;
        rest.response()?.header_field(name)
    })
}

/// Property LastRequestHeader: the headers of the last request sent, with credentials
/// (Authorization, DPoP, secrets) shown as ****.
///
/// Returns: the headers [S]; "" if nothing was sent.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_lastRequestHeader(handle: HCkRest) -> *const c_char {
    super::get_str(handle, Rest::last_request_header)
}

/// Extension: uses the key in `privKey` for DPoP (any key PrivateKey loads: EC P-256, P-384 or
/// P-521, RSA, Ed25519), as `CkHttp_SetDPoPKey`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (privKey is not a live PrivateKey handle),
///   DPOP_ERR_INVALID_STATE (no key loaded in it).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_SetDPoPKey(handle: HCkRest, privKey: HCkPrivateKey) -> c_int {
    super::method_bool(handle, "SetDPoPKey", |rest| {
        rest.set_dpop_key(arg_object::<CkPrivateKey, _>(privKey, "privKey", |k| k.signing_key())?);
        Ok(())
    })
}

/// Extension property AuthToken: as `CkHttp_authToken`. It contains secrets.
///
/// Returns: the value [S]; "" when none is set.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_authToken(handle: HCkRest) -> *const c_char {
    super::get_str(handle, |rest| rest.http().auth_token())
}

/// Sets extension property AuthToken, as `CkHttp_putAuthToken`: requests then carry the token
/// (with a DPoP proof when it is DPoP-bound), fetched and renewed as needed; it wins over the
/// Authorization property.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, a malformed JSON or token).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_putAuthToken(handle: HCkRest, newVal: *const c_char) {
    super::put_str(handle, "AuthToken", newVal, |rest, v| rest.http_mut().set_auth_token(v))
}

/// Extension property TrustedCaFile: as `CkHttp_trustedCaFile`.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_trustedCaFile(handle: HCkRest) -> *const c_char {
    super::get_str(handle, |rest| rest.http().settings().trusted_ca_file().to_string())
}

/// Sets extension property TrustedCaFile ("" for none), as `CkHttp_putTrustedCaFile`.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_putTrustedCaFile(handle: HCkRest, newVal: *const c_char) {
    super::put_str(handle, "TrustedCaFile", newVal, |rest, v| {
        rest.http_mut().update_settings(|s| s.set_trusted_ca_file(v));
        Ok(())
    })
}

/// Extension property SessionLogFilename: as `CkHttp_sessionLogFilename`.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_sessionLogFilename(handle: HCkRest) -> *const c_char {
    super::get_str(handle, |rest| rest.http().session_log_path().to_string())
}

/// Sets extension property SessionLogFilename ("" logs nothing), as
/// `CkHttp_putSessionLogFilename`.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_putSessionLogFilename(handle: HCkRest, newVal: *const c_char) {
    super::put_str(handle, "SessionLogFilename", newVal, |rest, v| {
        rest.http_mut().set_session_log_path(v);
        Ok(())
    })
}

/// Property LastMethodSuccess [E].
///
/// Returns: 1 if the last method call succeeded; 0 if it failed, or for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_getLastMethodSuccess(handle: HCkRest) -> c_int {
    super::last_method_success(handle)
}

/// Extension property LastErrorCode [E].
///
/// Returns: DPOP_OK or a DPOP_ERR_* code; DPOP_ERR_INVALID_HANDLE for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_getLastErrorCode(handle: HCkRest) -> c_int {
    super::last_error_code(handle)
}

/// Property LastErrorText [E].
///
/// Returns: the text [S], in a buffer of its own; "" after a success.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkRest_lastErrorText(handle: HCkRest) -> *const c_char {
    super::last_error_text(handle)
}
