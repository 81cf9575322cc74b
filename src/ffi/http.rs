//! `CkHttp_*`: the Chilkat Http object with automatic DPoP-bound OAuth2 tokens.

use super::http_request::{CkHttpRequest, HCkHttpRequest};
use super::http_response::{respond_into, CkHttpResponse, HCkHttpResponse};
use super::json_object::{CkJsonObject, HCkJsonObject};
use super::private_key::{CkPrivateKey, HCkPrivateKey};
use super::string_builder::{text_of, CkStringBuilder, HCkStringBuilder};
use super::{arg_object, arg_str, ck_class};
use crate::http::Http;
use std::ffi::{c_char, c_int};

/// An HTTP client. Create with `CkHttp_Create`, free with `CkHttp_Dispose`.
pub struct CkHttp {
    _opaque: [u8; 0],
}
ck_class!(CkHttp, Http, "Http", 4);

/// Handle to a `CkHttp`.
pub type HCkHttp = *mut CkHttp;

/// Creates an Http object.
///
/// Returns: a new handle owned by the caller [H]; NULL only if memory ran out.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_Create() -> HCkHttp {
    super::create(Http::default())
}

/// Frees the object. Its keep-alive connections stay in the process-wide pool for other Http
/// objects with the same connection settings (`CkHttp_CloseAllConnections` closes them), and its
/// tokens in the process-wide cache for other Http objects of the same client and key.
///
/// Returns: nothing. NULL, unknown and already disposed handles are ignored [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_Dispose(handle: HCkHttp) {
    super::dispose(handle)
}

/// Uses the key in `privKey` for DPoP: every request with a DPoP-bound token gets a fresh proof
/// signed with it (ES256, ES384, ES512 or EdDSA by key type; PS256 for RSA). The Http object
/// shares the loaded key, so `privKey` may be disposed or reloaded afterwards without affecting
/// it.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (privKey is not a live PrivateKey handle),
///   DPOP_ERR_INVALID_STATE (no key loaded in it).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_SetDPoPKey(handle: HCkHttp, privKey: HCkPrivateKey) -> c_int {
    super::method_bool(handle, "SetDPoPKey", |http| {
        http.set_dpop_key(arg_object::<CkPrivateKey, _>(privKey, "privKey", |k| k.signing_key())?);
        Ok(())
    })
}

/// Property AuthToken: for a bare token, the token as set; otherwise a JSON with the client
/// details and the current access_token, token_type, refresh_token and an absolute expires_on,
/// suitable for persisting. It contains secrets.
///
/// Returns: the value [S]; "" when none is set.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_authToken(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, Http::auth_token)
}

/// Sets property AuthToken: a bare access token; or a JSON with token_endpoint, client_id,
/// client_secret, scope (optional client_auth "basic", other members sent as form fields) to
/// fetch tokens with the client_credentials grant; or a token JSON persisted earlier. "" clears it.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, a malformed JSON or token).
/// Blocks: no (tokens are fetched by the next request).
#[no_mangle]
pub extern "C" fn CkHttp_putAuthToken(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "AuthToken", newVal, Http::set_auth_token)
}

/// Sends GET `url` (with the token and a DPoP proof, if set) and returns the response body.
///
/// Returns: the body of a 2xx response, or of a redirect left unfollowed (FollowRedirects 0) [S].
///   On failure: the body of an error status (4xx, 5xx), as Chilkat returns it, else "". The
///   status is in `CkHttp_getLastStatus`.
/// Fails: [R]; DPOP_ERR_HTTP_STATUS for another status.
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_quickGetStr(handle: HCkHttp, url: *const c_char) -> *const c_char {
    super::method_str_or(
        handle,
        "QuickGetStr",
        |http| http.quick_get_str(arg_str(url, "url")?),
        Http::failed_call_body,
    )
}

/// Sends DELETE `url` and returns the response body, as `CkHttp_quickGetStr`.
///
/// Returns: as `CkHttp_quickGetStr` [S].
/// Fails: [R]; DPOP_ERR_HTTP_STATUS for a status other than 2xx.
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_quickDeleteStr(handle: HCkHttp, url: *const c_char) -> *const c_char {
    super::method_str_or(
        handle,
        "QuickDeleteStr",
        |http| http.quick_delete_str(arg_str(url, "url")?),
        Http::failed_call_body,
    )
}

/// Sends PUT `url` with an empty body and returns the response body, as `CkHttp_quickGetStr`.
///
/// Returns: as `CkHttp_quickGetStr` [S].
/// Fails: [R]; DPOP_ERR_HTTP_STATUS for a status other than 2xx.
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_quickPutStr(handle: HCkHttp, url: *const c_char) -> *const c_char {
    super::method_str_or(
        handle,
        "QuickPutStr",
        |http| http.quick_put_str(arg_str(url, "url")?),
        Http::failed_call_body,
    )
}

/// Sends GET `url` and puts the body into `sbContent` (its content is replaced), as
/// `CkHttp_quickGetStr` returns it: also the body of an error status (4xx, 5xx), with a 0 result.
///
/// Returns: 1 for a 2xx response (or a redirect left unfollowed), 0 otherwise [E].
/// Fails: [R]; DPOP_ERR_HTTP_STATUS for another status; DPOP_ERR_INVALID_ARGUMENT (`sbContent`
///   not a live StringBuilder handle).
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_QuickGetSb(handle: HCkHttp, url: *const c_char, sbContent: HCkStringBuilder) -> c_int {
    super::method_bool(handle, "QuickGetSb", |http| {
        let url = arg_str(url, "url")?;
        arg_object::<CkStringBuilder, _>(sbContent, "sbContent", |_| Ok(()))?;
        let outcome = http.quick_get_str(url);
        let body = match &outcome {
            Ok(body) => body.clone(),
            Err(_) => http.failed_call_body(),
        };
        arg_object::<CkStringBuilder, _>(sbContent, "sbContent", |sb| {
            sb.set_string(&body);
            Ok(())
        })?;
        outcome.map(drop)
    })
}

/// Sends GET `url` and returns the response.
///
/// Returns: a new response handle for any HTTP status, owned by the caller (free it with
///   `CkHttpResponse_Dispose`); NULL when no response was received.
/// Fails: [R].
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_QuickGetObj(handle: HCkHttp, url: *const c_char) -> HCkHttpResponse {
    super::method_value(handle, "QuickGetObj", std::ptr::null_mut(), |http| {
        Ok(super::create::<CkHttpResponse>(http.quick_get(arg_str(url, "url")?)?))
    })
}

/// Sends `request` to `url`: the URL's path and query (not the request's Path), the request's
/// verb, parameters (a form body for POST and PUT, else the query string), headers and body, and
/// the credentials (AuthToken with a DPoP proof, Basic); none of the object's other headers
/// (Accept, User-Agent, SetRequestHeader), as Chilkat does. The response goes into `response`.
///
/// Returns: 1 when a response was received, whatever its status; 0 on failure (`response` is
///   then empty) [E].
/// Fails: [R]; DPOP_ERR_INVALID_ARGUMENT (`request` or `response` not a live handle of its class).
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_HttpReq(handle: HCkHttp, url: *const c_char, request: HCkHttpRequest, response: HCkHttpResponse) -> c_int {
    super::method_bool(handle, "HttpReq", |http| {
        respond_into(response, || {
            let url = arg_str(url, "url")?;
            let request = arg_object::<CkHttpRequest, _>(request, "request", |r| Ok(r.clone()))?;
            http.http_req(url, &request)
        })
    })
}

/// Sends `verb` `url` with the JSON of `json` (as `CkJsonObject_emit` gives it) as the body and
/// `contentType`. The response goes into `response`.
///
/// Returns: 1 when a response was received, whatever its status; 0 on failure (`response` is
///   then empty) [E].
/// Fails: [R]; DPOP_ERR_INVALID_ARGUMENT (`json` or `response` not a live handle of its class).
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_HttpJson(
    handle: HCkHttp,
    verb: *const c_char,
    url: *const c_char,
    json: HCkJsonObject,
    contentType: *const c_char,
    response: HCkHttpResponse,
) -> c_int {
    super::method_bool(handle, "HttpJson", |http| {
        respond_into(response, || {
            let (verb, url, content_type) = (arg_str(verb, "verb")?, arg_str(url, "url")?, arg_str(contentType, "contentType")?);
            let json = arg_object::<CkJsonObject, _>(json, "json", |j| Ok(j.emit()))?;
            http.http_json(verb, url, &json, content_type)
        })
    })
}

/// Sends `verb` `url` with `bodyStr` encoded in `charset` ("" or "utf-8", "iso-8859-1" or
/// "windows-1252", "us-ascii", "utf-16") as the body and `contentType` as given (no charset
/// parameter is added, as in Chilkat). The response goes into `response`.
///
/// Returns: 1 when a response was received, whatever its status; 0 on failure (`response` is
///   then empty) [E].
/// Fails: [R]; DPOP_ERR_INVALID_ARGUMENT also for an unknown charset, or text it cannot hold.
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_HttpStr(
    handle: HCkHttp,
    verb: *const c_char,
    url: *const c_char,
    bodyStr: *const c_char,
    charset: *const c_char,
    contentType: *const c_char,
    response: HCkHttpResponse,
) -> c_int {
    super::method_bool(handle, "HttpStr", |http| {
        respond_into(response, || {
            let (verb, url, body) = (arg_str(verb, "verb")?, arg_str(url, "url")?, arg_str(bodyStr, "bodyStr")?);
            let (charset, content_type) = (arg_str(charset, "charset")?, arg_str(contentType, "contentType")?);
            http.http_str(verb, url, body, charset, content_type)
        })
    })
}

/// Sends `verb` `url` with the text of `sb` as the body, as `CkHttp_HttpStr`. The response goes
/// into `response`.
///
/// Returns: 1 when a response was received, whatever its status; 0 on failure (`response` is
///   then empty) [E].
/// Fails: [R]; DPOP_ERR_INVALID_ARGUMENT also for an unknown charset, text it cannot hold, or
///   `sb` or `response` not a live handle of its class.
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_HttpSb(
    handle: HCkHttp,
    verb: *const c_char,
    url: *const c_char,
    sb: HCkStringBuilder,
    charset: *const c_char,
    contentType: *const c_char,
    response: HCkHttpResponse,
) -> c_int {
    super::method_bool(handle, "HttpSb", |http| {
        respond_into(response, || {
            let (verb, url) = (arg_str(verb, "verb")?, arg_str(url, "url")?);
            let (charset, content_type) = (arg_str(charset, "charset")?, arg_str(contentType, "contentType")?);
            let body = text_of(sb, "sb")?;
            http.http_str(verb, url, &body, charset, content_type)
        })
    })
}

/// Sends `verb` `url` without a body. The response goes into `response`.
///
/// Returns: 1 when a response was received, whatever its status; 0 on failure (`response` is
///   then empty) [E].
/// Fails: [R].
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_HttpNoBody(handle: HCkHttp, verb: *const c_char, url: *const c_char, response: HCkHttpResponse) -> c_int {
    super::method_bool(handle, "HttpNoBody", |http| {
        respond_into(response, || http.http_no_body(arg_str(verb, "verb")?, arg_str(url, "url")?))
    })
}

/// Sends POST `url` with the JSON of `json` (as `CkJsonObject_emit` gives it) as the body and
/// `contentType`.
///
/// Returns: a new response handle for any HTTP status, owned by the caller; NULL when no
///   response was received.
/// Fails: [R]; DPOP_ERR_INVALID_ARGUMENT (`json` not a live JsonObject handle).
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_PostJson3(
    handle: HCkHttp,
    url: *const c_char,
    contentType: *const c_char,
    json: HCkJsonObject,
) -> HCkHttpResponse {
    super::method_value(handle, "PostJson3", std::ptr::null_mut(), |http| {
        let (url, content_type) = (arg_str(url, "url")?, arg_str(contentType, "contentType")?);
        let json = arg_object::<CkJsonObject, _>(json, "json", |j| Ok(j.emit()))?;
        Ok(super::create::<CkHttpResponse>(http.http_json("POST", url, &json, content_type)?))
    })
}

/// Sends the text of `textData` with method `verb` to `url`, as `CkHttp_PText`.
///
/// Returns: a new response handle for any HTTP status, owned by the caller (free it with
///   `CkHttpResponse_Dispose`); NULL when no response was received.
/// Fails: [R]; DPOP_ERR_INVALID_ARGUMENT also for an unknown charset, text it cannot hold, or
///   `textData` not a live StringBuilder handle.
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_PTextSb(
    handle: HCkHttp,
    verb: *const c_char,
    url: *const c_char,
    textData: HCkStringBuilder,
    charset: *const c_char,
    contentType: *const c_char,
    md5: c_int,
    gzip: c_int,
) -> HCkHttpResponse {
    super::method_value(handle, "PTextSb", std::ptr::null_mut(), |http| {
        let (verb, url) = (arg_str(verb, "verb")?, arg_str(url, "url")?);
        let (charset, content_type) = (arg_str(charset, "charset")?, arg_str(contentType, "contentType")?);
        let text = text_of(textData, "textData")?;
        let response = http.send_text(verb, url, &text, charset, content_type, md5 != 0, gzip != 0)?;
        Ok(super::create::<CkHttpResponse>(response))
    })
}

/// Sends POST `url` with the parameters of `req` as a form body
/// (application/x-www-form-urlencoded) and its headers.
///
/// Returns: a new response handle for any HTTP status, owned by the caller; NULL when no
///   response was received.
/// Fails: [R]; DPOP_ERR_INVALID_ARGUMENT (`req` not a live HttpRequest handle).
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_PostUrlEncoded(handle: HCkHttp, url: *const c_char, req: HCkHttpRequest) -> HCkHttpResponse {
    super::method_value(handle, "PostUrlEncoded", std::ptr::null_mut(), |http| {
        let url = arg_str(url, "url")?;
        let req = arg_object::<CkHttpRequest, _>(req, "req", |r| Ok(r.clone()))?;
        Ok(super::create::<CkHttpResponse>(http.post_url_encoded(url, &req)?))
    })
}

/// Extension: requests a token as `json` describes it and returns the server's token JSON, for
/// programs that send their requests with their own HTTP client (the SharkAuth-style API).
/// `json` has the client as in AuthToken (token_endpoint or issuer, client_id, client_secret,
/// scope, client_auth), `grant_type` (default client_credentials; also authorization_code,
/// refresh_token, ...), `refresh_token` for that grant, and any other member (code,
/// redirect_uri, code_verifier, resource, ...) as a form field. With a DPoP key the request
/// carries a proof (answering a nonce challenge). The token is returned, not kept: AuthToken is
/// unchanged. The result has every member the server sent plus `cnf_jkt`: the thumbprint of the
/// key the token is bound to (the JWT's cnf.jkt, or the DPoP key's for a DPoP token that does not
/// say), absent for an unbound token.
///
/// Returns: the token JSON [S]; "" on failure, when `CkHttp_getLastStatus`,
///   `CkHttp_lastOAuthError` and `CkHttp_lastOAuthErrorDescription` say what the server answered.
/// Fails: [R]; DPOP_ERR_INVALID_ARGUMENT (a malformed JSON), DPOP_ERR_OAUTH (the server refused).
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_requestToken(handle: HCkHttp, json: *const c_char) -> *const c_char {
    super::method_str(handle, "RequestToken", |http| http.request_token(arg_str(json, "json")?))
}

/// Extension: a DPoP proof (RFC 9449) signed with the DPoP key, for a request with `method` (as
/// sent) to `url` (the proof's htu is the URL without query and fragment), bound to
/// `accessToken` (ath) and carrying `nonce`, each left out when "". For requests sent with one's
/// own HTTP client, in the `DPoP` header next to `Authorization: DPoP <token>`.
///
/// Returns: the proof (a compact JWS) [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, not a method, not an http(s) URL),
///   DPOP_ERR_INVALID_STATE (no DPoP key set).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_makeDPoPProof(
    handle: HCkHttp,
    method: *const c_char,
    url: *const c_char,
    accessToken: *const c_char,
    nonce: *const c_char,
) -> *const c_char {
    super::method_str(handle, "MakeDPoPProof", |http| {
        http.dpop_proof(
            arg_str(method, "method")?,
            arg_str(url, "url")?,
            arg_str(accessToken, "accessToken")?,
            arg_str(nonce, "nonce")?,
        )
    })
}

/// Sends POST `url` with `jsonText` as the body and `contentType` (e.g. "application/json").
///
/// Returns: a new response handle for any HTTP status, owned by the caller (free it with
///   `CkHttpResponse_Dispose`); NULL when no response was received.
/// Fails: [R].
/// Blocks: network [N].
#[no_mangle]
pub extern "C" fn CkHttp_PostJson2(
    handle: HCkHttp,
    url: *const c_char,
    contentType: *const c_char,
    jsonText: *const c_char,
) -> HCkHttpResponse {
    super::method_value(handle, "PostJson2", std::ptr::null_mut(), |http| {
        let response = http.http_json(
            "POST",
            arg_str(url, "url")?,
            arg_str(jsonText, "jsonText")?,
            arg_str(contentType, "contentType")?,
        )?;
        Ok(super::create::<CkHttpResponse>(response))
    })
}

/// Sends `textData` with method `verb` (POST, PUT, PATCH, DELETE, ...) to `url`, encoded in
/// `charset` (as `CkHttp_HttpStr`), with `contentType` as given; `gzip` non-zero compresses the
/// body (`Content-Encoding: gzip`); `md5` non-zero adds a Content-MD5 header (of the body sent).
///
/// Returns: a new response handle for any HTTP status, owned by the caller (free it with
///   `CkHttpResponse_Dispose`); NULL when no response was received.
/// Fails: [R]; DPOP_ERR_INVALID_ARGUMENT also for an unknown charset or text it cannot hold.
/// Blocks: network [N].
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
    super::method_value(handle, "PText", std::ptr::null_mut(), |http| {
        let response = http.send_text(
            arg_str(verb, "verb")?,
            arg_str(url, "url")?,
            arg_str(textData, "textData")?,
            arg_str(charset, "charset")?,
            arg_str(contentType, "contentType")?,
            md5 != 0,
            gzip != 0,
        )?;
        Ok(super::create::<CkHttpResponse>(response))
    })
}

/// Adds (or replaces) a header sent with every request; an empty value removes it.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, a name that is not a header name, a
///   value with a line break).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_SetRequestHeader(handle: HCkHttp, headerFieldName: *const c_char, headerFieldValue: *const c_char) {
    super::put(handle, "SetRequestHeader", |http| {
        http.set_request_header(
            arg_str(headerFieldName, "headerFieldName")?,
            arg_str(headerFieldValue, "headerFieldValue")?,
        )
    })
}

/// Removes the header `headerFieldName` (any case) added with `CkHttp_SetRequestHeader`.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_RemoveRequestHeader(handle: HCkHttp, headerFieldName: *const c_char) {
    super::put(handle, "RemoveRequestHeader", |http| {
        http.remove_request_header(arg_str(headerFieldName, "headerFieldName")?);
        Ok(())
    })
}

/// Sets the value that replaces `{$name}` in the URLs of later requests (percent-encoded); a
/// variable that is not set is replaced by nothing.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, a name with braces or `$`).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_SetUrlVar(handle: HCkHttp, name: *const c_char, value: *const c_char) -> c_int {
    super::method_bool(handle, "SetUrlVar", |http| {
        http.set_url_var(arg_str(name, "name")?, arg_str(value, "value")?)
    })
}

/// Forgets every variable set with `CkHttp_SetUrlVar`.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_ClearUrlVars(handle: HCkHttp) {
    super::put(handle, "ClearUrlVars", |http| {
        http.clear_url_vars();
        Ok(())
    })
}

/// Removes every header added with `CkHttp_SetRequestHeader`.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_ClearHeaders(handle: HCkHttp) {
    super::put(handle, "ClearHeaders", |http| {
        http.clear_headers();
        Ok(())
    })
}

/// Closes pooled keep-alive connections.
///
/// Returns: 1; 0 only for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_CloseAllConnections(handle: HCkHttp) -> c_int {
    super::method_bool(handle, "CloseAllConnections", |http| {
        http.close_all_connections();
        Ok(())
    })
}

/// Property Accept: the Accept header of every request (default: any media type).
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_accept(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.accept().to_string())
}

/// Sets property Accept ("" sends none).
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, a line break).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putAccept(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "Accept", newVal, Http::set_accept)
}

/// Property AllowGzip: 1 (the default) to send `Accept-Encoding: gzip` with requests. Compressed
/// answers (gzip, deflate) are decoded either way, at most 64 MiB of them.
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_getAllowGzip(handle: HCkHttp) -> c_int {
    super::get(handle, 0, |http| http.allow_gzip().into())
}

/// Sets property AllowGzip (non-zero: ask for gzip).
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putAllowGzip(handle: HCkHttp, newVal: c_int) {
    super::put(handle, "AllowGzip", |http| {
        http.set_allow_gzip(newVal != 0);
        Ok(())
    })
}

/// Property UserAgent: the User-Agent header of every request.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_userAgent(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.user_agent().to_string())
}

/// Sets property UserAgent ("" sends none).
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, a line break).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putUserAgent(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "UserAgent", newVal, Http::set_user_agent)
}

/// Property BasicAuth: 1 to send Login and Password (HTTP Basic) with every request; 0 (the
/// default) to send them only to a server that asked for them with a 401 Basic challenge, which
/// is then answered within the same call and remembered for that server.
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_getBasicAuth(handle: HCkHttp) -> c_int {
    super::get(handle, 0, |http| http.basic_auth().into())
}

/// Sets property BasicAuth (non-zero: always send Basic credentials).
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putBasicAuth(handle: HCkHttp, newVal: c_int) {
    super::put(handle, "BasicAuth", |http| {
        http.set_basic_auth(newVal != 0);
        Ok(())
    })
}

/// Property FollowRedirects: 1 (the default) to follow redirects within the same origin; 0 to
/// return the redirect itself as the response. A redirect to another origin is never followed,
/// so that credentials are not sent there: it is the response (and QuickGetStr and the other
/// methods that want a 2xx fail, naming the other origin).
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_getFollowRedirects(handle: HCkHttp) -> c_int {
    super::get(handle, 0, |http| http.follow_redirects().into())
}

/// Sets property FollowRedirects.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putFollowRedirects(handle: HCkHttp, newVal: c_int) {
    super::put(handle, "FollowRedirects", |http| {
        http.set_follow_redirects(newVal != 0);
        Ok(())
    })
}

/// Property Login: the user name for HTTP Basic authentication (see BasicAuth; a token from
/// AuthToken wins over it).
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_login(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.login().to_string())
}

/// Sets property Login.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putLogin(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "Login", newVal, |http, v| {
        http.set_login(v);
        Ok(())
    })
}

/// Property Password for HTTP Basic authentication. It is a secret.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_password(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.password().to_string())
}

/// Sets property Password. It is masked in the session log and LastHeader.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putPassword(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "Password", newVal, |http, v| {
        http.set_password(v);
        Ok(())
    })
}

/// Property SessionLogFilename: a file to which every request and response is appended, with
/// secrets shown as ****. "" (the default) logs nothing.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_sessionLogFilename(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.session_log_path().to_string())
}

/// Sets property SessionLogFilename. The file is opened for each record; a log that cannot be
/// written does not fail the request it describes.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putSessionLogFilename(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "SessionLogFilename", newVal, |http, v| {
        http.set_session_log_path(v);
        Ok(())
    })
}

/// Extension property TrustedCaFile: a PEM file of extra CA certificates to trust for HTTPS (for
/// private PKI), in addition to the system store and the bundled roots.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_trustedCaFile(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.settings().trusted_ca_file().to_string())
}

/// Sets extension property TrustedCaFile ("" for none). The file is read by the next request,
/// which fails with DPOP_ERR_IO or DPOP_ERR_INVALID_ARGUMENT if it cannot use it.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putTrustedCaFile(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "TrustedCaFile", newVal, |http, v| {
        http.update_settings(|s| s.set_trusted_ca_file(v));
        Ok(())
    })
}

/// Property ProxyDomain: the HTTP proxy every request goes through ("" for none: then the
/// environment's https_proxy/HTTPS_PROXY, http_proxy, ALL_PROXY and NO_PROXY decide, as for curl).
/// https requests go through a CONNECT tunnel, plain http ones too.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_proxyDomain(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.settings().proxy().host.clone())
}

/// Sets property ProxyDomain (a host name or IP address; "" for none).
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putProxyDomain(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "ProxyDomain", newVal, |http, v| http.set_proxy_domain(v))
}

/// Property ProxyPort (default 80).
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_getProxyPort(handle: HCkHttp) -> c_int {
    super::get(handle, 0, |http| http.settings().proxy().port.into())
}

/// Sets property ProxyPort (1 to 65535).
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (out of range).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putProxyPort(handle: HCkHttp, newVal: c_int) {
    super::put(handle, "ProxyPort", |http| http.set_proxy_port(newVal))
}

/// Property ProxyLogin: the user name for the proxy's Basic authentication ("" for none).
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_proxyLogin(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.settings().proxy().login.clone())
}

/// Sets property ProxyLogin.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putProxyLogin(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "ProxyLogin", newVal, |http, v| {
        http.update_settings(|s| s.proxy_mut().login = v.to_string());
        Ok(())
    })
}

/// Property ProxyPassword: the password for the proxy. It is a secret, masked in logs and errors.
///
/// Returns: the value [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_proxyPassword(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.settings().proxy().password.clone())
}

/// Sets property ProxyPassword.
///
/// Returns: nothing; records a failure, and leaves the last error as it was on success [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putProxyPassword(handle: HCkHttp, newVal: *const c_char) {
    super::put_str(handle, "ProxyPassword", newVal, |http, v| {
        http.update_settings(|s| s.proxy_mut().password = v.to_string());
        Ok(())
    })
}

/// Property ConnectTimeout in seconds (default 30).
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_getConnectTimeout(handle: HCkHttp) -> c_int {
    super::get(handle, 0, |http| {
        http.settings().connect_timeout_secs().try_into().unwrap_or(c_int::MAX)
    })
}

/// Sets property ConnectTimeout in seconds; values below 1 mean 1.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putConnectTimeout(handle: HCkHttp, newVal: c_int) {
    super::put(handle, "ConnectTimeout", |http| {
        http.update_settings(|s| s.set_connect_timeout_secs(newVal));
        Ok(())
    })
}

/// Property ReadTimeout in seconds (default 60): how long to wait for data from the server.
/// A whole exchange takes at most ConnectTimeout + ReadTimeout.
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_getReadTimeout(handle: HCkHttp) -> c_int {
    super::get(handle, 0, |http| {
        http.settings().read_timeout_secs().try_into().unwrap_or(c_int::MAX)
    })
}

/// Sets property ReadTimeout in seconds; values below 1 mean 1.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_putReadTimeout(handle: HCkHttp, newVal: c_int) {
    super::put(handle, "ReadTimeout", |http| {
        http.update_settings(|s| s.set_read_timeout_secs(newVal));
        Ok(())
    })
}

/// Property LastStatus: the HTTP status of the last request.
///
/// Returns: the status; 0 if no response was received, or for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_getLastStatus(handle: HCkHttp) -> c_int {
    super::get(handle, 0, |http| http.last_status().into())
}

/// Property LastStatusText: the reason phrase of the last response, e.g. "OK" (the token
/// endpoint's, when it refused the token the request needed).
///
/// Returns: the text [S]; "" if no response was received.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_lastStatusText(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.last_status_text().to_string())
}

/// Extension property LastOAuthError: the OAuth `error` of the server that refused the last
/// call, e.g. "invalid_client" from the token endpoint or "invalid_token" from an API's
/// WWW-Authenticate challenge.
///
/// Returns: the code [S]; "" when no server refused the last call with one.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_lastOAuthError(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.last_oauth_error().to_string())
}

/// Extension property LastOAuthErrorDescription: the `error_description` that went with
/// LastOAuthError.
///
/// Returns: the text [S]; "" when there is none.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_lastOAuthErrorDescription(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.last_oauth_error_description().to_string())
}

/// Property LastResponseHeader: the headers of the last response as the server sent them, one
/// `Name: value` per line (CRLF between lines, none after the last).
///
/// Returns: the headers [S]; "" if no response was received.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_lastResponseHeader(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.last_response().map(|r| r.header_lines()).unwrap_or_default())
}

/// Property LastResponseBody: the body of the last response, also after a failed status.
///
/// Returns: the body [S]; "" if no response was received.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_lastResponseBody(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, |http| http.last_response().map(|r| r.body_text()).unwrap_or_default())
}

/// Property LastHeader: the headers of the last request sent, with credentials (Authorization,
/// DPoP, secrets) shown as ****.
///
/// Returns: the headers [S]; "" if nothing was sent.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_lastHeader(handle: HCkHttp) -> *const c_char {
    super::get_str(handle, Http::last_request_header)
}

/// Property LastMethodSuccess [E].
///
/// Returns: 1 if the last method call on this handle succeeded; 0 if it failed, or for an
///   invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_getLastMethodSuccess(handle: HCkHttp) -> c_int {
    super::last_method_success(handle)
}

/// Extension property LastErrorCode [E]: why the last method call failed, as a number.
///
/// Returns: DPOP_OK after a success, a DPOP_ERR_* code after a failure; DPOP_ERR_INVALID_HANDLE
///   for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_getLastErrorCode(handle: HCkHttp) -> c_int {
    super::last_error_code(handle)
}

/// Property LastErrorText [E]: why the last method call failed, in words: what was attempted and
/// the server's or the system's reason. Never contains secrets.
///
/// Returns: the text [S], in a buffer of its own that leaves the previous result valid; "" after
///   a success; a fixed text for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkHttp_lastErrorText(handle: HCkHttp) -> *const c_char {
    super::last_error_text(handle)
}
