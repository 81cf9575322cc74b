//! The Http object's engine: builds each request's headers (Authorization, a fresh DPoP proof),
//! gets tokens through the token manager, answers nonce and `invalid_token` challenges once,
//! follows same-origin redirects, and keeps the last exchange for the getters.
//!
//! [`Http::exchange`] is the loop: it sends one attempt, then [`next_step`] alone decides from the
//! answer whether the call is done or what to send next.

mod proxy;
mod recording;
mod response;
mod session_log;
mod tls;
mod transport;
mod wire;

pub use proxy::ProxyServer;
pub use response::Response;
pub use transport::TransportSettings;

use crate::error::{Error, ErrorKind, Result};
use crate::header::{check_field_value, is_field_name};
use crate::key::SigningKey;
use crate::nonce;
use crate::oauth_error::{describe_answer, OAuthError};
use crate::proof::ProofSigner;
use crate::redact::{Redactor, RedactorCache};
use crate::server_time;
use crate::token::{AuthToken, Scheme, Token};
use crate::url::{self, origin, Url};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use md5::{Digest, Md5};
use session_log::SessionLog;
use std::sync::Arc;
use wire::{Outgoing, Wire};
use zeroize::Zeroizing;

/// API responses larger than this are refused rather than held in memory.
pub(crate) const MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;
const MAX_REDIRECTS: usize = 5;

/// What a request method does with a response whose status is not 2xx.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusPolicy {
    /// Any status is a response like any other (PostJson2, PText).
    AnyStatus,
    /// A status other than 2xx is an `HttpStatus` error; the response stays readable through the
    /// `last_*` getters, as in Chilkat's QuickGetStr.
    FailUnless2xx,
}

/// A request body and its content type.
pub struct Body<'a> {
    pub content_type: &'a str,
    pub bytes: &'a [u8],
    pub extra_headers: Vec<(String, String)>,
}

/// What the getters report about the last request.
#[derive(Default)]
struct LastExchange {
    /// As sent, credentials included: masked when LastHeader is read, not on every request.
    request_headers: Vec<(String, String)>,
    response: Option<Response>,
}

pub struct Http {
    settings: TransportSettings,
    signer: Option<ProofSigner>,
    auth: Option<AuthToken>,
    accept: String,
    allow_gzip: bool,
    user_agent: String,
    login: String,
    password: Zeroizing<String>,
    headers: Vec<(String, String)>,
    session_log: SessionLog,
    redactor: RedactorCache,
    last: LastExchange,
}

impl Default for Http {
    fn default() -> Self {
        Http {
            settings: TransportSettings::default(),
            signer: None,
            auth: None,
            accept: "*/*".into(),
            allow_gzip: true,
            user_agent: concat!("libdpop/", env!("CARGO_PKG_VERSION")).into(),
            login: String::new(),
            password: Zeroizing::new(String::new()),
            headers: Vec::new(),
            session_log: SessionLog::default(),
            redactor: RedactorCache::default(),
            last: LastExchange::default(),
        }
    }
}

/// The retries one call has used up.
#[derive(Default)]
struct Retries {
    nonce: bool,
    token: bool,
    clock: bool,
    redirects: usize,
}

/// What to do after an answer. Decided in one place, [`next_step`].
#[derive(Debug, PartialEq, Eq)]
enum NextStep {
    /// The answer is the call's result.
    Done,
    /// Send again with the nonce the server just gave (RFC 9449 9).
    RetryWithNonce,
    /// The proof was refused while the server's clock is far from ours: send again with a proof
    /// dated by the server's clock.
    RetryWithServerTime,
    /// The token was rejected (401 `invalid_token`): get a new one and send again.
    RetryWithNewToken,
    /// Follow a same-origin redirect, as GET without a body when `as_get`.
    Redirect { to: Url, as_get: bool },
}

impl Http {
    /// Uses `key` for DPoP proofs from now on (also for an AuthToken set before).
    pub fn set_dpop_key(&mut self, key: Arc<SigningKey>) {
        let signer = ProofSigner::new(key);
        let jkt = signer.jkt();
        self.auth = self.auth.take().map(|auth| auth.for_key(Some(&jkt)));
        self.signer = Some(signer);
    }

    pub fn set_auth_token(&mut self, text: &str) -> Result<()> {
        let jkt = self.signer.as_ref().map(ProofSigner::jkt);
        self.auth = AuthToken::parse(text, jkt.as_deref())?;
        Ok(())
    }

    pub fn auth_token(&self) -> String {
        self.auth.as_ref().map(AuthToken::to_json).unwrap_or_default()
    }

    /// The Accept header of every request ("" sends none).
    pub fn accept(&self) -> &str {
        &self.accept
    }

    pub fn set_accept(&mut self, value: &str) -> Result<()> {
        check_field_value("Accept", value)?;
        self.accept = value.to_string();
        Ok(())
    }

    /// Whether requests ask for gzip-compressed answers (`Accept-Encoding: gzip`, as Chilkat's
    /// AllowGzip); gzip and deflate answers are decoded either way.
    pub fn allow_gzip(&self) -> bool {
        self.allow_gzip
    }

    pub fn set_allow_gzip(&mut self, allow: bool) {
        self.allow_gzip = allow;
    }

    /// The User-Agent header of every request ("" sends none).
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    pub fn set_user_agent(&mut self, value: &str) -> Result<()> {
        check_field_value("User-Agent", value)?;
        self.user_agent = value.to_string();
        Ok(())
    }

    /// The user name for HTTP Basic authentication (sent when no AuthToken is set).
    pub fn login(&self) -> &str {
        &self.login
    }

    pub fn set_login(&mut self, login: &str) {
        self.login = login.to_string();
    }

    pub fn password(&self) -> &str {
        &self.password
    }

    pub fn set_password(&mut self, password: &str) {
        self.password = Zeroizing::new(password.to_string());
    }

    /// The session log file ("" logs nothing).
    pub fn session_log_path(&self) -> &str {
        self.session_log.path()
    }

    pub fn set_session_log_path(&mut self, path: &str) {
        self.session_log.set_path(path);
    }

    pub fn settings(&self) -> &TransportSettings {
        &self.settings
    }

    /// Changes connection settings; the connection pool is rebuilt on the next request.
    pub fn update_settings(&mut self, change: impl FnOnce(&mut TransportSettings)) {
        change(&mut self.settings);
    }

    /// Sets ProxyDomain: the proxy's host name or address ("" for none).
    pub fn set_proxy_domain(&mut self, host: &str) -> Result<()> {
        check_field_value("ProxyDomain", host)?;
        self.settings.proxy_mut().host = host.trim().to_string();
        Ok(())
    }

    /// Sets ProxyPort.
    pub fn set_proxy_port(&mut self, port: i32) -> Result<()> {
        let port = u16::try_from(port).ok().filter(|p| *p != 0).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("ProxyPort {port} is not a port number (1 to 65535)"),
            )
        })?;
        self.settings.proxy_mut().port = port;
        Ok(())
    }

    /// Adds (or replaces) a header sent with every request; an empty value removes it.
    pub fn set_request_header(&mut self, name: &str, value: &str) -> Result<()> {
        if !is_field_name(name) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("'{name}' is not a valid header name"),
            ));
        }
        check_field_value(name, value)?;
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        if !value.is_empty() {
            self.headers.push((name.to_string(), value.to_string()));
        }
        Ok(())
    }

    pub fn clear_headers(&mut self) {
        self.headers.clear();
    }

    /// Closes the idle connections this object's requests use (shared with every Http object of
    /// the same connection settings).
    pub fn close_all_connections(&mut self) {
        transport::close_connections(&self.settings);
    }

    /// The status of the last response, 0 if none was received.
    pub fn last_status(&self) -> u16 {
        self.last.response.as_ref().map_or(0, |r| r.status)
    }

    pub fn last_response(&self) -> Option<&Response> {
        self.last.response.as_ref()
    }

    /// The headers of the last request sent, masked.
    pub fn last_request_header(&self) -> String {
        error_redactor(&self.auth, &self.password, &self.settings).headers(&self.last.request_headers, "\r\n")
    }

    /// GET `url`; the body of a 2xx answer.
    pub fn quick_get_str(&mut self, url: &str) -> Result<String> {
        Ok(self.request("GET", url, None, StatusPolicy::FailUnless2xx)?.body_text())
    }

    /// DELETE `url`; the body of a 2xx answer.
    pub fn quick_delete_str(&mut self, url: &str) -> Result<String> {
        Ok(self.request("DELETE", url, None, StatusPolicy::FailUnless2xx)?.body_text())
    }

    /// POST `json` to `url` (Chilkat's PostJson2); the response, whatever its status.
    pub fn post_json(&mut self, url: &str, content_type: &str, json: &str) -> Result<Response> {
        let body = Body {
            content_type,
            bytes: json.as_bytes(),
            extra_headers: vec![],
        };
        self.request("POST", url, Some(body), StatusPolicy::AnyStatus).cloned()
    }

    /// Sends `text` with method `verb` (Chilkat's PText): `charset` ("utf-8" or "") is added to
    /// `content_type`, `md5` adds a Content-MD5 header; compressed bodies (`gzip`) are not
    /// supported. The response, whatever its status.
    #[allow(clippy::too_many_arguments)] // Chilkat's PText, argument for argument.
    pub fn send_text(
        &mut self,
        verb: &str,
        url: &str,
        text: &str,
        charset: &str,
        content_type: &str,
        md5: bool,
        gzip: bool,
    ) -> Result<Response> {
        if gzip {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "gzip-compressed request bodies are not supported; pass gzip = 0",
            ));
        }
        let content_type = match charset.to_ascii_lowercase().as_str() {
            "" => content_type.to_string(),
            "utf-8" | "utf8" => format!("{content_type}; charset=utf-8"),
            other => {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    format!("charset '{other}' is not supported; text is sent as utf-8"),
                ))
            }
        };
        let mut extra_headers = Vec::new();
        if md5 {
            extra_headers.push(("Content-MD5".to_string(), B64.encode(Md5::digest(text.as_bytes()))));
        }
        let body = Body {
            content_type: &content_type,
            bytes: text.as_bytes(),
            extra_headers,
        };
        self.request(&verb.to_ascii_uppercase(), url, Some(body), StatusPolicy::AnyStatus)
            .cloned()
    }

    /// Sends a request and returns the final response, which also stays readable through
    /// the `last_*` getters.
    pub fn request(&mut self, method: &str, url: &str, body: Option<Body>, policy: StatusPolicy) -> Result<&Response> {
        self.last = LastExchange::default();
        let what = format!("{method} {}", url::display(url));
        let url = url::parse(url).map_err(|e| e.context(&what))?;
        // Every secret the exchange knows (it may have fetched a new token) is masked in what an
        // error quotes of a server; the quoting sites mask before they clip, and this catches
        // anything else.
        let response = match self.exchange(method, url, body) {
            Ok(response) => response,
            Err(e) => {
                let redactor = error_redactor(&self.auth, &self.password, &self.settings);
                return Err(e.context(&what).map_message(|m| redactor.redact(m)));
            }
        };
        let response = self.last.response.insert(response);
        if policy == StatusPolicy::FailUnless2xx && !response.is_success() {
            let redactor = error_redactor(&self.auth, &self.password, &self.settings);
            let said = response
                .header("WWW-Authenticate")
                .and_then(|challenge| OAuthError::from_challenge(challenge, &redactor))
                .map(|said| format!("WWW-Authenticate: {said}"))
                .or_else(|| OAuthError::from_body(&response.body, &redactor).map(|said| said.to_string()));
            let text = describe_answer(response.status, &response.reason, said.as_deref(), &redactor);
            return Err(Error::new(ErrorKind::HttpStatus, text).context(what));
        }
        Ok(response)
    }

    /// The call's loop: send, then do what [`next_step`] says.
    fn exchange(&mut self, method: &str, mut url: Url, mut body: Option<Body>) -> Result<Response> {
        let mut wire = Wire {
            settings: &self.settings,
            user_agent: &self.user_agent,
            signer: self.signer.as_ref(),
            log: &self.session_log,
        };
        let mut method = method.to_string();
        let mut retries = Retries::default();
        loop {
            let token = match &self.auth {
                Some(auth) => Some(auth.current(&mut wire)?),
                None => None,
            };
            // After `current`, which may have fetched a new token. Only the session log needs it on
            // every request; LastHeader builds its own when read.
            let redactor = (!self.session_log.path().is_empty()).then(|| {
                self.redactor
                    .get(&known_secrets(&self.auth, token.as_ref(), &self.password, &self.settings))
            });
            let scheme = token.as_ref().map(|t| t.scheme(self.signer.is_some()));
            let headers = self.request_headers(&method, &url, token.as_ref(), scheme, body.as_ref())?;
            let request = Outgoing {
                method: &method,
                url: &url,
                headers: &headers,
                body: body.as_ref().map(|b| b.bytes),
            };
            let sent = wire.send(&request, redactor.as_deref(), MAX_RESPONSE_BODY);
            self.last.request_headers = headers;
            let response = sent?;
            let renewable = match (&self.auth, &token) {
                // Forget a rejected token whatever happens next, so the next call starts afresh.
                (Some(auth), Some(token)) if response.token_rejected() => auth.invalidate(token),
                _ => false,
            };
            match next_step(&response, &url, &method, scheme, renewable, &retries)? {
                NextStep::Done => return Ok(response),
                NextStep::RetryWithNonce => retries.nonce = true,
                NextStep::RetryWithServerTime => retries.clock = true,
                NextStep::RetryWithNewToken => retries.token = true,
                NextStep::Redirect { to, as_get } => {
                    retries.redirects += 1;
                    if as_get {
                        method = "GET".into();
                        body = None;
                    }
                    url = to;
                }
            }
        }
    }

    fn request_headers(
        &self,
        method: &str,
        url: &Url,
        token: Option<&Token>,
        scheme: Option<Scheme>,
        body: Option<&Body>,
    ) -> Result<Vec<(String, String)>> {
        let mut headers: Vec<(String, String)> = Vec::with_capacity(self.headers.len() + 6);
        if !self.accept.is_empty() {
            headers.push(("Accept".into(), self.accept.clone()));
        }
        if self.allow_gzip {
            headers.push(("Accept-Encoding".into(), "gzip".into()));
        }
        if !self.user_agent.is_empty() {
            headers.push(("User-Agent".into(), self.user_agent.clone()));
        }
        if let Some(body) = body {
            headers.push(("Content-Type".into(), body.content_type.to_string()));
            headers.extend(body.extra_headers.iter().cloned());
        }
        let set = |headers: &mut Vec<(String, String)>, name: &str, value: String| {
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            headers.push((name.to_string(), value));
        };
        for (name, value) in &self.headers {
            set(&mut headers, name, value.clone());
        }
        match (token, scheme) {
            (Some(token), Some(Scheme::DPoP)) => {
                let signer = self.signer.as_ref().ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidState,
                        "the access token is DPoP-bound but no DPoP key is set (call SetDPoPKey)",
                    )
                })?;
                let proof = signer.proof(
                    method,
                    url,
                    server_time::now_at(url),
                    Some(token.ath()),
                    nonce::current(url).as_deref(),
                );
                set(&mut headers, "Authorization", format!("DPoP {}", token.access_token));
                set(&mut headers, "DPoP", proof);
            }
            (Some(token), _) => set(&mut headers, "Authorization", format!("Bearer {}", token.access_token)),
            (None, _) if !self.login.is_empty() => {
                let credentials = Zeroizing::new(format!("{}:{}", self.login, self.password.as_str()));
                set(
                    &mut headers,
                    "Authorization",
                    format!("Basic {}", B64.encode(credentials.as_bytes())),
                );
            }
            (None, _) => {}
        }
        Ok(headers)
    }
}

/// The secrets an Http object knows when `token` is the one in use: the client secret, the token
/// and its refresh token, the passwords. Borrowed field by field, so that the engine can use them
/// while it changes other parts of the object.
fn known_secrets<'a>(
    auth: &'a Option<AuthToken>,
    token: Option<&'a Token>,
    password: &'a str,
    settings: &'a TransportSettings,
) -> Vec<&'a str> {
    let client_secret = auth.as_ref().and_then(AuthToken::client_secret);
    let token_secrets = token
        .into_iter()
        .flat_map(|t| [Some(t.access_token.as_str()), t.refresh_token.as_deref()]);
    let passwords = [Some(password), Some(settings.proxy().password.as_str())];
    [client_secret]
        .into_iter()
        .chain(token_secrets)
        .chain(passwords)
        .flatten()
        .filter(|s| !s.is_empty())
        .collect()
}

/// Masks what an error or LastHeader must not show, whatever token `auth` holds now. Built
/// afresh: for the error path and LastHeader only, never for every request.
fn error_redactor(auth: &Option<AuthToken>, password: &str, settings: &TransportSettings) -> Redactor {
    let current: Vec<Zeroizing<String>> = auth.as_ref().map(AuthToken::secrets).unwrap_or_default();
    let mut secrets = known_secrets(auth, None, password, settings);
    secrets.extend(current.iter().map(|s| s.as_str()));
    Redactor::new(&secrets)
}

/// Decides what follows `response` to a request for `url` with `method`, sent with a token of
/// `scheme` (if any); `renewable` says whether a rejected token can be replaced.
fn next_step(response: &Response, url: &Url, method: &str, scheme: Option<Scheme>, renewable: bool, retries: &Retries) -> Result<NextStep> {
    if response.status == 401 {
        match response.auth_challenge_error().as_deref() {
            Some("use_dpop_nonce") if scheme == Some(Scheme::DPoP) && !retries.nonce => return Ok(NextStep::RetryWithNonce),
            Some("invalid_dpop_proof") if scheme == Some(Scheme::DPoP) && !retries.clock && response.clock_skew().is_some() => {
                return Ok(NextStep::RetryWithServerTime)
            }
            Some("invalid_token") if renewable && !retries.token => return Ok(NextStep::RetryWithNewToken),
            _ => {}
        }
    }
    let Some(to) = response.redirect_target(url) else {
        return Ok(NextStep::Done);
    };
    if to.origin() != url.origin() {
        return Err(Error::new(
            ErrorKind::Protocol,
            format!(
                "the server redirected to another origin ({}); not followed, so that credentials are not sent there",
                origin(&to)
            ),
        ));
    }
    if retries.redirects >= MAX_REDIRECTS {
        return Err(Error::new(ErrorKind::Protocol, format!("more than {MAX_REDIRECTS} redirects")));
    }
    // RFC 9110 15.4: 303 always, and 301/302 after POST by long-standing practice, become GET.
    let as_get = response.status == 303 || (matches!(response.status, 301 | 302) && method == "POST");
    Ok(NextStep::Redirect { to, as_get })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, headers: &[(&str, &str)]) -> Response {
        Response {
            status,
            reason: String::new(),
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            body: vec![],
        }
    }

    fn url(text: &str) -> Url {
        url::parse(text).unwrap()
    }

    #[test]
    fn request_headers_reject_injection() {
        let mut http = Http::default();
        assert!(http.set_request_header("X-Ok", "fine").is_ok());
        let e = http.set_request_header("Bad Name", "x").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        let e = http.set_request_header("X-Evil", "a\r\nInjected: yes").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    }

    #[test]
    fn bad_urls_fail_before_any_network_io() {
        let mut http = Http::default();
        let err = http.quick_get_str("ftp://example.com/x").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(err.to_string().contains("is not http or https"), "{err}");
    }

    #[test]
    fn send_text_refuses_what_it_cannot_send_before_any_network_io() {
        let mut http = Http::default();
        let gzip = http.send_text("post", "http://127.0.0.1:1/", "x", "", "text/plain", false, true);
        assert_eq!(gzip.unwrap_err().kind(), ErrorKind::Unsupported);
        let charset = http.send_text("post", "http://127.0.0.1:1/", "x", "latin-1", "text/plain", false, false);
        assert_eq!(charset.unwrap_err().kind(), ErrorKind::Unsupported);
    }

    #[test]
    fn a_nonce_challenge_is_answered_once_and_only_for_dpop() {
        let challenge = answer(401, &[("WWW-Authenticate", r#"DPoP error="use_dpop_nonce""#)]);
        let u = url("http://127.0.0.1:1/api");
        let mut retries = Retries::default();
        assert_eq!(
            next_step(&challenge, &u, "GET", Some(Scheme::DPoP), true, &retries).unwrap(),
            NextStep::RetryWithNonce
        );
        assert_eq!(
            next_step(&challenge, &u, "GET", Some(Scheme::Bearer), true, &retries).unwrap(),
            NextStep::Done
        );
        retries.nonce = true;
        assert_eq!(
            next_step(&challenge, &u, "GET", Some(Scheme::DPoP), true, &retries).unwrap(),
            NextStep::Done
        );
    }

    #[test]
    fn a_rejected_token_is_renewed_once_when_it_can_be() {
        let rejected = answer(401, &[("WWW-Authenticate", r#"DPoP error="invalid_token""#)]);
        let u = url("http://127.0.0.1:1/api");
        let mut retries = Retries::default();
        let step = |retries: &Retries, renewable| next_step(&rejected, &u, "GET", Some(Scheme::DPoP), renewable, retries).unwrap();
        assert_eq!(step(&retries, true), NextStep::RetryWithNewToken);
        assert_eq!(step(&retries, false), NextStep::Done);
        retries.token = true;
        assert_eq!(step(&retries, true), NextStep::Done);
    }

    #[test]
    fn a_proof_refused_while_the_server_clock_is_far_off_is_sent_again_once() {
        let u = url("http://127.0.0.1:1/api");
        let date = |ahead: u64| httpdate::fmt_http_date(std::time::SystemTime::now() + std::time::Duration::from_secs(ahead));
        let refused = |date: &str| answer(401, &[("WWW-Authenticate", r#"DPoP error="invalid_dpop_proof""#), ("Date", date)]);
        let mut retries = Retries::default();
        assert_eq!(
            next_step(&refused(&date(300)), &u, "GET", Some(Scheme::DPoP), true, &retries).unwrap(),
            NextStep::RetryWithServerTime
        );
        assert_eq!(
            next_step(&refused(&date(0)), &u, "GET", Some(Scheme::DPoP), true, &retries).unwrap(),
            NextStep::Done,
            "the clocks agree: another reason"
        );
        retries.clock = true;
        assert_eq!(
            next_step(&refused(&date(300)), &u, "GET", Some(Scheme::DPoP), true, &retries).unwrap(),
            NextStep::Done
        );
    }

    #[test]
    fn redirects_stay_within_the_origin_and_are_bounded() {
        let u = url("http://127.0.0.1:1/a");
        let same = answer(302, &[("Location", "/b")]);
        assert_eq!(
            next_step(&same, &u, "POST", None, false, &Retries::default()).unwrap(),
            NextStep::Redirect {
                to: url("http://127.0.0.1:1/b"),
                as_get: true
            }
        );
        assert_eq!(
            next_step(&answer(307, &[("Location", "/b")]), &u, "POST", None, false, &Retries::default()).unwrap(),
            NextStep::Redirect {
                to: url("http://127.0.0.1:1/b"),
                as_get: false
            }
        );
        let elsewhere = answer(302, &[("Location", "http://127.0.0.1:2/b")]);
        assert_eq!(
            next_step(&elsewhere, &u, "GET", None, false, &Retries::default())
                .unwrap_err()
                .kind(),
            ErrorKind::Protocol
        );
        let spent = Retries {
            redirects: MAX_REDIRECTS,
            ..Retries::default()
        };
        assert_eq!(
            next_step(&same, &u, "GET", None, false, &spent).unwrap_err().kind(),
            ErrorKind::Protocol
        );
        assert_eq!(
            next_step(&answer(302, &[]), &u, "GET", None, false, &Retries::default()).unwrap(),
            NextStep::Done
        );
    }
}
