//! `CkHttp_*`: the Chilkat Http object with automatic DPoP-bound OAuth2 tokens.

use super::http_response::{CkHttpResponse, HCkHttpResponse};
use super::private_key::{CkPrivateKey, HCkPrivateKey};
use super::{arg_object, arg_str, ck_object, Handle};
use crate::error::{Error, Result};
use crate::http::{Body, Http};
use base64::Engine;
use md5::{Digest, Md5};
use std::ffi::{c_char, c_int};
use zeroize::Zeroizing;

/// An HTTP client. Create with `CkHttp_Create`, free with `CkHttp_Dispose`.
pub struct CkHttp(Handle<Http>);
ck_object!(CkHttp, Http, "Http", 0x6468_7474_7043_4c49);

/// Handle to a `CkHttp`.
pub type HCkHttp = *mut CkHttp;

/// Creates an Http object. Returns a new handle owned by the caller (free it with
/// `CkHttp_Dispose`), or NULL if memory could not be allocated.
#[no_mangle]
pub extern "C" fn CkHttp_Create() -> HCkHttp {
    super::create(Http::default())
}

/// Frees the object and its connections. NULL is ignored. Tokens stay in the process-wide cache
/// for other Http objects of the same client and key.
#[no_mangle]
pub extern "C" fn CkHttp_Dispose(handle: HCkHttp) {
    super::dispose(handle)
}

/// Uses the EC P-256 key in `privKey` for DPoP: every request with a DPoP-bound token gets a
/// fresh proof signed with it. The Http object keeps its own reference to the key, so
/// `privKey` may be disposed or reloaded afterwards without affecting it.
/// Returns 1 on success, 0 on failure (no key loaded, NULL).
#[no_mangle]
pub extern "C" fn CkHttp_SetDPoPKey(handle: HCkHttp, privKey: HCkPrivateKey) -> c_int {
    super::method_bool(handle, "SetDPoPKey", |http| {
        let key = arg_object::<CkPrivateKey, _>(privKey, "privKey", |k| k.ec_key())?;
        http.set_dpop_key(key)
    })
}

/// Property AuthToken: the current token state. For a bare token, the token as set; otherwise a
/// JSON with the client details and the current access_token, token_type, refresh_token and an
/// absolute expires_on, suitable for persisting. It contains secrets. Owned by the handle,
/// valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_authToken(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, Http::auth_token)
}

/// Sets property AuthToken: a bare access token; or a JSON with token_endpoint, client_id,
/// client_secret, scope (optional client_auth "basic", other members sent as form fields) to
/// fetch tokens with the client_credentials grant; or a token JSON persisted earlier. "" clears
/// it. A malformed value sets LastMethodSuccess 0 and LastErrorText.
#[no_mangle]
pub extern "C" fn CkHttp_putAuthToken(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "AuthToken", newVal, |http, v| http.set_auth_token(v))
}

/// Sends GET `url` and returns the response body, or "" on failure (a non-2xx status is a
/// failure; its body is in `CkHttp_lastResponseBody`). Owned by the handle, valid until the next
/// string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_quickGetStr(handle: HCkHttp, url: *const c_char) -> *const c_char {
    super::method_str(handle, "QuickGetStr", |http| {
        Ok(http.request("GET", arg_str(url, "url")?, None, true)?.body_text())
    })
}

/// Sends DELETE `url` and returns the response body, as `CkHttp_quickGetStr`.
#[no_mangle]
pub extern "C" fn CkHttp_quickDeleteStr(handle: HCkHttp, url: *const c_char) -> *const c_char {
    super::method_str(handle, "QuickDeleteStr", |http| {
        Ok(http.request("DELETE", arg_str(url, "url")?, None, true)?.body_text())
    })
}

/// Sends POST `url` with `jsonText` as the body and `contentType` (e.g. "application/json").
/// Returns a new response handle for any HTTP status (owned by the caller: free it with
/// `CkHttpResponse_Dispose`), or NULL when no response was received.
#[no_mangle]
pub extern "C" fn CkHttp_PostJson2(
    handle: HCkHttp,
    url: *const c_char,
    contentType: *const c_char,
    jsonText: *const c_char,
) -> HCkHttpResponse {
    respond(handle, "PostJson2", |http| {
        let body = Body {
            content_type: arg_str(contentType, "contentType")?,
            bytes: arg_str(jsonText, "jsonText")?.as_bytes(),
            extra_headers: vec![],
        };
        http.request("POST", arg_str(url, "url")?, Some(body), false).cloned()
    })
}

/// Sends `textData` with method `verb` (POST, PUT, PATCH, DELETE, ...) to `url`. `charset`
/// ("utf-8" or "") is added to `contentType`; `md5` non-zero adds a Content-MD5 header; `gzip`
/// (compressed request bodies) is not supported and fails. Returns a new response handle for
/// any HTTP status (owned by the caller: free it with `CkHttpResponse_Dispose`), or NULL when no
/// response was received.
#[no_mangle]
pub extern "C" fn CkHttp_PText(
    handle: HCkHttp,
    verb: *const c_char,
    url: *const c_char,
    textData: *const c_char,
    charset: *const c_char,
    contentType: *const c_char,
    md5: c_int,
    gzip: c_int,
) -> HCkHttpResponse {
    respond(handle, "PText", |http| {
        let (verb, text) = (arg_str(verb, "verb")?, arg_str(textData, "textData")?);
        let (charset, content_type) = (arg_str(charset, "charset")?, arg_str(contentType, "contentType")?);
        if gzip != 0 {
            return Err(Error::new("gzip-compressed request bodies are not supported; pass gzip = 0"));
        }
        let content_type = match charset.to_ascii_lowercase().as_str() {
            "" => content_type.to_string(),
            "utf-8" | "utf8" => format!("{content_type}; charset=utf-8"),
            other => return Err(Error::new(format!("charset '{other}' is not supported; text is sent as utf-8"))),
        };
        let mut extra_headers = Vec::new();
        if md5 != 0 {
            extra_headers.push((
                "Content-MD5".to_string(),
                base64::engine::general_purpose::STANDARD.encode(Md5::digest(text.as_bytes())),
            ));
        }
        let body = Body {
            content_type: &content_type,
            bytes: text.as_bytes(),
            extra_headers,
        };
        http.request(&verb.to_ascii_uppercase(), arg_str(url, "url")?, Some(body), false)
            .cloned()
    })
}

fn respond(handle: HCkHttp, method: &str, f: impl FnOnce(&mut Http) -> Result<crate::http::Response>) -> HCkHttpResponse {
    super::method_value(handle, method, std::ptr::null_mut(), |http| {
        Ok(super::create::<CkHttpResponse>(f(http)?))
    })
}

/// Adds (or replaces) a header sent with every request; an empty value removes it. A name or
/// value that would break the request (line breaks) sets LastMethodSuccess 0.
#[no_mangle]
pub extern "C" fn CkHttp_SetRequestHeader(handle: HCkHttp, headerFieldName: *const c_char, headerFieldValue: *const c_char) {
    super::put(handle, "SetRequestHeader", |http| {
        http.set_request_header(
            arg_str(headerFieldName, "headerFieldName")?,
            arg_str(headerFieldValue, "headerFieldValue")?,
        )
    })
}

/// Removes every header added with `CkHttp_SetRequestHeader`.
#[no_mangle]
pub extern "C" fn CkHttp_ClearHeaders(handle: HCkHttp) {
    super::put(handle, "ClearHeaders", |http| {
        http.clear_headers();
        Ok(())
    })
}

/// Closes pooled keep-alive connections. Returns 1 (0 only for a NULL handle).
#[no_mangle]
pub extern "C" fn CkHttp_CloseAllConnections(handle: HCkHttp) -> c_int {
    super::method_bool(handle, "CloseAllConnections", |http| {
        http.close_all_connections();
        Ok(())
    })
}

/// Property Accept (default: any media type). Owned by the handle, valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_accept(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.accept().to_string())
}

/// Sets property Accept, the Accept header of every request ("" sends none).
#[no_mangle]
pub extern "C" fn CkHttp_putAccept(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "Accept", newVal, Http::set_accept)
}

/// Property UserAgent. Owned by the handle, valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_userAgent(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.user_agent().to_string())
}

/// Sets property UserAgent ("" sends none).
#[no_mangle]
pub extern "C" fn CkHttp_putUserAgent(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "UserAgent", newVal, Http::set_user_agent)
}

/// Property Login: the user name for HTTP Basic authentication (used when no AuthToken is set).
/// Owned by the handle, valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_login(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.login.clone())
}

/// Sets property Login.
#[no_mangle]
pub extern "C" fn CkHttp_putLogin(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "Login", newVal, |http, v| {
        http.login = v.to_string();
        Ok(())
    })
}

/// Property Password for HTTP Basic authentication. Owned by the handle, valid until the next
/// string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_password(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.password.to_string())
}

/// Sets property Password. It is masked in the session log.
#[no_mangle]
pub extern "C" fn CkHttp_putPassword(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "Password", newVal, |http, v| {
        http.password = Zeroizing::new(v.to_string());
        Ok(())
    })
}

/// Property SessionLogFilename: a file to which every request and response is appended, with
/// secrets shown as ****. "" (the default) logs nothing. Owned by the handle, valid until the
/// next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_sessionLogFilename(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.session_log.path().to_string())
}

/// Sets property SessionLogFilename.
#[no_mangle]
pub extern "C" fn CkHttp_putSessionLogFilename(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "SessionLogFilename", newVal, |http, v| {
        http.session_log.set_path(v);
        Ok(())
    })
}

/// Extension property TrustedCaFile: a PEM file of extra CA certificates to trust for HTTPS (for
/// private PKI), in addition to the system store and the bundled roots. Owned by the handle,
/// valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_trustedCaFile(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.settings().trusted_ca_file.clone())
}

/// Sets extension property TrustedCaFile ("" for none). The file is read on the next request.
#[no_mangle]
pub extern "C" fn CkHttp_putTrustedCaFile(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "TrustedCaFile", newVal, |http, v| {
        http.update_settings(|s| s.trusted_ca_file = v.to_string());
        Ok(())
    })
}

/// Property ConnectTimeout in seconds (default 30).
#[no_mangle]
pub extern "C" fn CkHttp_getConnectTimeout(handle: HCkHttp) -> c_int {
    super::get(handle, 0, |http| http.settings().connect_timeout_secs as c_int)
}

/// Sets property ConnectTimeout in seconds (values below 1 mean 1).
#[no_mangle]
pub extern "C" fn CkHttp_putConnectTimeout(handle: HCkHttp, newVal: c_int) {
    super::put(handle, "ConnectTimeout", |http| {
        http.update_settings(|s| s.connect_timeout_secs = newVal.max(1) as u32);
        Ok(())
    })
}

/// Property ReadTimeout in seconds (default 60): how long to wait for data from the server.
/// A whole exchange may take at most ConnectTimeout + ReadTimeout.
#[no_mangle]
pub extern "C" fn CkHttp_getReadTimeout(handle: HCkHttp) -> c_int {
    super::get(handle, 0, |http| http.settings().read_timeout_secs as c_int)
}

/// Sets property ReadTimeout in seconds (values below 1 mean 1).
#[no_mangle]
pub extern "C" fn CkHttp_putReadTimeout(handle: HCkHttp, newVal: c_int) {
    super::put(handle, "ReadTimeout", |http| {
        http.update_settings(|s| s.read_timeout_secs = newVal.max(1) as u32);
        Ok(())
    })
}

/// Property LastStatus: the HTTP status of the last request (0 if none was received).
#[no_mangle]
pub extern "C" fn CkHttp_getLastStatus(handle: HCkHttp) -> c_int {
    super::get(handle, 0, |http| http.last.status().into())
}

/// Property LastResponseHeader: the headers of the last response. Owned by the handle, valid
/// until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_lastResponseHeader(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| {
        http.last.response.as_ref().map(|r| r.header_text()).unwrap_or_default()
    })
}

/// Property LastResponseBody: the body of the last response, also after a failed status. Owned
/// by the handle, valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_lastResponseBody(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| {
        http.last.response.as_ref().map(|r| r.body_text()).unwrap_or_default()
    })
}

/// Property LastHeader: the headers of the last request sent, with Authorization and DPoP shown
/// as ****. Owned by the handle, valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_lastHeader(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.last.request_header.clone())
}

/// 1 if the last method call on this handle succeeded, 0 if it failed (or the handle is NULL).
#[no_mangle]
pub extern "C" fn CkHttp_getLastMethodSuccess(handle: HCkHttp) -> c_int {
    super::last_method_success(handle)
}

/// Why the last method call failed ("" after a success): what was attempted and the server's
/// or the system's reason. Never contains secrets. Owned by the handle, valid until the next
/// string-returning call on it.
#[no_mangle]
pub extern "C" fn CkHttp_lastErrorText(handle: HCkHttp) -> *const c_char {
    super::last_error_text(handle)
}
