//! The Http object's engine: builds each request's headers (Authorization, a fresh DPoP proof),
//! gets tokens through the token manager, answers `invalid_token` and Basic challenges once and
//! nonce challenges at most twice, follows same-origin redirects, and keeps the last exchange for
//! the getters.
//!
//! [`Http::request_with`] is the one path every request method takes; [`Http::exchange`] is its
//! loop: it sends one attempt, then [`next_step`] alone decides from the answer whether the call
//! is done or what to send next. The request methods themselves (Chilkat's QuickGetStr, HttpReq,
//! ...) are in `methods`.

mod header_list;
mod methods;
mod proxy;
mod recording;
mod request;
mod response;
mod rest;
mod session_log;
mod tls;
mod transport;
mod url_vars;
mod wire;

pub use proxy::ProxyServer;
pub use request::HttpRequest;
pub use response::Response;
pub use rest::Rest;
pub use transport::TransportSettings;

use crate::bail;
use crate::error::{Error, ErrorKind, Refusal, Result};
use crate::header::{check_field, check_field_value};
use crate::key::SigningKey;
use crate::nonce;
use crate::oauth_error::{describe_answer, OAuthError};
use crate::proof::ProofKey;
use crate::redact::{header_credentials, Redactor, RedactorCache};
use crate::token::{AuthToken, Scheme, Token};
use crate::url::{self, origin, Url};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use header_list::HeaderList;
use session_log::SessionLog;
use std::collections::HashSet;
use std::sync::Arc;
use url_vars::UrlVars;
use wire::{Outgoing, ProofBasis, Wire};
use zeroize::Zeroizing;

/// API responses larger than this are refused rather than held in memory.
pub(crate) const MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;
const MAX_REDIRECTS: usize = 5;
/// Headers that describe a request body: left out once a redirect made the request a GET
/// without one.
const BODY_HEADERS: &[&str] = &["Content-Type", "Content-Encoding", "Content-MD5", "Content-Length"];

/// What a request method does with a response whose status is not 2xx.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusPolicy {
    /// Any status is a response like any other (HttpReq, PostJson2, PText).
    AnyStatus,
    /// A status other than 2xx is an `HttpStatus` error, except 304 Not Modified and a redirect
    /// left unfollowed (FollowRedirects off), and a redirect to another origin a `Protocol` one;
    /// the response stays readable through the `last_*` getters, as in Chilkat's QuickGetStr.
    FailUnless2xx,
}

/// A request body and its content type ("" sends no Content-Type header).
pub struct Body<'a> {
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// How a request is sent, besides its method, URL and body.
#[derive(Default)]
pub struct Options {
    /// Headers of this request alone, sent after the object's (HttpRequest.AddHeader,
    /// Content-MD5); the credentials the engine adds replace any of the same name.
    pub headers: Vec<(String, String)>,
    /// Leaves out the object's Accept, Accept-Encoding, User-Agent and SetRequestHeader headers,
    /// as Chilkat's HttpReq and Rest requests do.
    pub bare: bool,
}

/// What the getters report about the last request.
#[derive(Default)]
struct LastExchange {
    /// As sent, credentials included: masked when LastHeader is read, not on every request.
    request_headers: Vec<(String, String)>,
    response: Option<Response>,
    /// What the server said when it refused the call (a token endpoint's OAuth error, an API's
    /// WWW-Authenticate error).
    refusal: Option<Refusal>,
}

pub struct Http {
    settings: TransportSettings,
    dpop_key: Option<ProofKey>,
    auth: Option<AuthToken>,
    accept: String,
    allow_gzip: bool,
    user_agent: String,
    login: String,
    password: Zeroizing<String>,
    basic_auth: bool,
    /// Origins that asked for Basic authentication: later requests there send it unasked, as
    /// Chilkat does after a challenge.
    basic_origins: HashSet<String>,
    follow_redirects: bool,
    headers: HeaderList,
    url_vars: UrlVars,
    session_log: SessionLog,
    redactor: RedactorCache,
    last: LastExchange,
}

impl Default for Http {
    fn default() -> Self {
        Http {
            settings: TransportSettings::default(),
            dpop_key: None,
            auth: None,
            accept: "*/*".into(),
            allow_gzip: true,
            user_agent: concat!("libdpop/", env!("CARGO_PKG_VERSION")).into(),
            login: String::new(),
            password: Zeroizing::new(String::new()),
            basic_auth: false,
            basic_origins: HashSet::new(),
            follow_redirects: true,
            headers: HeaderList::default(),
            url_vars: UrlVars::default(),
            session_log: SessionLog::default(),
            redactor: RedactorCache::default(),
            last: LastExchange::default(),
        }
    }
}

/// The retries one call has used up.
#[derive(Default)]
struct Retries {
    nonce: usize,
    token: bool,
    basic: bool,
    clock: bool,
    algorithm: bool,
    redirects: usize,
}

/// What to do after an answer. Decided in one place, [`next_step`].
#[derive(Debug, PartialEq, Eq)]
enum NextStep {
    /// The answer is the call's result.
    Done,
    /// Send again with the nonce the server just gave (RFC 9449 9): the one of this answer, not
    /// the latest one remembered for the origin, which a slower answer to another request may
    /// have replaced with an older one.
    RetryWithNonce(String),
    /// The server named the proof algorithms it accepts, and the proof's was not among them:
    /// send again with a proof signed with one of them (RFC 9449 7.1).
    RetryWithAlgorithm,
    /// The proof was refused while the server's clock is far from ours: send again with a proof
    /// dated by the server's clock.
    RetryWithServerTime,
    /// The token was rejected (401 `invalid_token`): get a new one and send again.
    RetryWithNewToken,
    /// The server asked for Basic authentication (401 `WWW-Authenticate: Basic`), which Login
    /// and Password can give: send again with it.
    RetryWithBasic,
    /// Follow a same-origin redirect, as GET without a body when `as_get`.
    Redirect { to: Url, as_get: bool },
    /// The answer redirects to another origin: it is the call's result, not followed, so that no
    /// credentials (token, proof, Basic, the caller's headers) go there.
    Elsewhere(Url),
}

impl Http {
    /// Uses `key` for DPoP proofs from now on (also for an AuthToken set before).
    pub fn set_dpop_key(&mut self, key: Arc<SigningKey>) {
        let key = ProofKey::new(key);
        let jkt = key.jkt();
        self.auth = self.auth.take().map(|auth| auth.for_key(Some(&jkt)));
        self.dpop_key = Some(key);
    }

    pub fn set_auth_token(&mut self, text: &str) -> Result<()> {
        let jkt = self.dpop_key.as_ref().map(ProofKey::jkt);
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

    /// The user name for HTTP Basic authentication: sent when no AuthToken is set, and BasicAuth
    /// is on or the server asked for it.
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

    /// Whether Login and Password are sent with every request (Chilkat's BasicAuth, default off:
    /// then only where a server asked for them).
    pub fn basic_auth(&self) -> bool {
        self.basic_auth
    }

    pub fn set_basic_auth(&mut self, on: bool) {
        self.basic_auth = on;
    }

    /// Whether redirects are followed (default on). Off, a redirect is the call's response.
    pub fn follow_redirects(&self) -> bool {
        self.follow_redirects
    }

    pub fn set_follow_redirects(&mut self, on: bool) {
        self.follow_redirects = on;
    }

    /// Sets the value that replaces `{$name}` in request URLs (percent-encoded).
    pub fn set_url_var(&mut self, name: &str, value: &str) -> Result<()> {
        self.url_vars.set(name, value)
    }

    pub fn clear_url_vars(&mut self) {
        self.url_vars.clear();
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
        check_field(name, value)?;
        match value {
            "" => self.headers.remove(name),
            _ => self.headers.set(name, value)?,
        }
        Ok(())
    }

    /// Removes a header added with `set_request_header` (any case of `name`).
    pub fn remove_request_header(&mut self, name: &str) {
        self.headers.remove(name);
    }

    pub fn clear_headers(&mut self) {
        self.headers.clear();
    }

    /// Closes the idle connections this object's requests use (shared with every Http object of
    /// the same connection settings).
    pub fn close_all_connections(&mut self) {
        transport::close_connections(&self.settings);
    }

    /// The status of the last response, 0 if none was received. When the token endpoint refused
    /// the token the call needed, its status.
    pub fn last_status(&self) -> u16 {
        self.last.response.as_ref().map_or(0, |r| r.status)
    }

    /// The reason phrase of the last response ("" if none was received).
    pub fn last_status_text(&self) -> &str {
        self.last.response.as_ref().map_or("", |r| r.reason.as_str())
    }

    /// The OAuth error code of the server that refused the last call ("" if none did): the token
    /// endpoint's `error`, or the `error` an API answered a status other than 2xx with (its
    /// WWW-Authenticate challenge for the scheme sent, else an OAuth error body, RFC 6749 5.2),
    /// whether the method failed or returned the response.
    pub fn last_oauth_error(&self) -> &str {
        self.last.refusal.as_ref().map_or("", |r| r.error.as_str())
    }

    /// The `error_description` that goes with [`Http::last_oauth_error`].
    pub fn last_oauth_error_description(&self) -> &str {
        self.last.refusal.as_ref().map_or("", |r| r.description.as_str())
    }

    pub fn last_response(&self) -> Option<&Response> {
        self.last.response.as_ref()
    }

    /// The headers of the last request sent, masked.
    pub fn last_request_header(&self) -> String {
        self.error_redactor().headers(&self.last.request_headers, "\r\n")
    }

    /// Sends a request with the object's headers and returns the final response, which also
    /// stays readable through the `last_*` getters.
    pub fn request(&mut self, method: &str, url: &str, body: Option<Body>, policy: StatusPolicy) -> Result<&Response> {
        self.request_with(method, url, body, Options::default(), policy)
    }

    /// The one path of every request: `{$name}` variables replaced in `url`, then the exchange.
    pub fn request_with(
        &mut self,
        method: &str,
        url: &str,
        body: Option<Body>,
        options: Options,
        policy: StatusPolicy,
    ) -> Result<&Response> {
        self.last = LastExchange::default();
        let url = self.url_vars.expand(url);
        let what = format!("{method} {}", url::display(&url));
        if method.eq_ignore_ascii_case("CONNECT") {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "CONNECT opens a tunnel through a proxy; it is not a request this library sends (set ProxyDomain to use a proxy)",
            )
            .context(what));
        }
        let url = url::parse(&url).map_err(|e| e.context(&what))?;
        // Every secret the exchange knows (it may have fetched a new token) is masked in what an
        // error quotes of a server; the quoting sites mask before they clip, and this catches
        // anything else.
        let (response, elsewhere) = match self.exchange(method, url, body, &options) {
            Ok(answer) => answer,
            Err(e) => {
                self.note_refusal(&e);
                let redactor = self.error_redactor();
                return Err(e.context(&what).map_message(|m| redactor.redact(m)));
            }
        };
        if let Some(to) = elsewhere.filter(|_| policy == StatusPolicy::FailUnless2xx) {
            let text = format!(
                "the server answered {} with a redirect to another origin ({}): not followed, so that credentials are not sent there",
                response.status,
                origin(&to)
            );
            self.last.response = Some(response);
            return Err(Error::new(ErrorKind::Protocol, text).context(what));
        }
        if response.is_success() {
            return Ok(self.last.response.insert(response));
        }
        // What the server said, for LastOAuthError whatever the policy, and for the error.
        let redactor = self.error_redactor();
        let scheme = authorization_scheme(&self.last.request_headers);
        let challenge = response
            .auth_challenge(scheme)
            .and_then(|challenge| OAuthError::from_challenge(&challenge, &redactor));
        let quoted = challenge.as_ref().map(|said| format!("WWW-Authenticate: {said}"));
        let said = challenge.or_else(|| OAuthError::from_body(&response.body, &redactor));
        let quoted = quoted.or_else(|| said.as_ref().map(ToString::to_string));
        self.last.refusal = said.map(|said| Refusal {
            status: response.status,
            reason: response.reason.clone(),
            error: said.error,
            description: said.description.unwrap_or_default(),
        });
        let unfollowed_redirect = !self.follow_redirects && response.redirect_status();
        if policy == StatusPolicy::FailUnless2xx && !(response.status == 304 || unfollowed_redirect) {
            let text = describe_answer(response.status, &response.reason, quoted.as_deref(), &redactor);
            self.last.response = Some(response);
            return Err(Error::new(ErrorKind::HttpStatus, text).context(what));
        }
        Ok(self.last.response.insert(response))
    }

    /// Masks what an error or LastHeader must not show: the secrets of the token `auth` holds now,
    /// and the credentials the last request sent (a server may echo them). Built afresh: for the
    /// error path and LastHeader only, never for every request.
    fn error_redactor(&self) -> Redactor {
        let current: Vec<Zeroizing<String>> = self.auth.as_ref().map(AuthToken::secrets).unwrap_or_default();
        let mut secrets = known_secrets(&self.auth, None, &self.password, &self.settings);
        secrets.extend(current.iter().map(|s| s.as_str()));
        secrets.extend(header_credentials(&self.last.request_headers));
        Redactor::new(&secrets)
    }

    /// Keeps the status and OAuth error of a token endpoint that refused the token a call needed:
    /// its status is the call's, as a script that fetched the token itself would see; not its
    /// body, which is about the client's credentials.
    fn note_refusal(&mut self, e: &Error) {
        if let Some(refusal) = e.refusal() {
            self.last.response = Some(Response {
                status: refusal.status,
                reason: refusal.reason.clone(),
                ..Response::default()
            });
            self.last.refusal = Some(refusal.clone());
        }
    }

    /// The exchanges with token endpoints go through this.
    fn wire(&self) -> Wire<'_> {
        Wire {
            settings: &self.settings,
            user_agent: &self.user_agent,
            dpop_key: self.dpop_key.as_ref(),
            log: &self.session_log,
            answered: None,
        }
    }

    /// The call's loop: send, then do what [`next_step`] says. Returns the last answer, and where
    /// it redirects if that is another origin (not followed).
    fn exchange(&mut self, method: &str, mut url: Url, mut body: Option<Body>, options: &Options) -> Result<(Response, Option<Url>)> {
        let mut wire = Wire {
            settings: &self.settings,
            user_agent: &self.user_agent,
            dpop_key: self.dpop_key.as_ref(),
            log: &self.session_log,
            answered: None,
        };
        let mut method = method.to_ascii_uppercase();
        let mut retries = Retries::default();
        // The nonce of a `use_dpop_nonce` answer, for the retry that follows it.
        let mut challenge_nonce = None;
        // A redirect made the request a GET without the body it had.
        let mut body_dropped = false;
        loop {
            let token = match &self.auth {
                Some(auth) => Some(auth.current(&mut wire)?),
                None => None,
            };
            let offered_nonce: Option<String> = challenge_nonce.take();
            let credentials = token.as_ref().map(|token| {
                let scheme = token.scheme(self.dpop_key.is_some());
                let basis = match scheme {
                    Scheme::DPoP => ProofBasis::at(&url, offered_nonce),
                    Scheme::Bearer => ProofBasis::default(),
                };
                Credentials { token, scheme, basis }
            });
            let scheme = credentials.as_ref().map(|c| c.scheme);
            let mut headers = self.request_headers(&method, &url, credentials.as_ref(), body.as_ref(), options)?;
            if body_dropped {
                headers.retain(|(name, _)| !BODY_HEADERS.iter().any(|body_header| name.eq_ignore_ascii_case(body_header)));
            }
            // After `current`, which may have fetched a new token. Only the session log needs it on
            // every request; LastHeader builds its own when read.
            let redactor = (!self.session_log.path().is_empty()).then(|| {
                let mut secrets = known_secrets(&self.auth, token.as_ref(), &self.password, &self.settings);
                secrets.extend(header_credentials(&headers));
                self.redactor.get(&secrets)
            });
            let (sent_method, sent_url) = (&method, &url);
            let fresh_proof = match (&credentials, self.dpop_key.as_ref()) {
                (Some(c), Some(key)) if c.scheme == Scheme::DPoP => Some(move || c.proof(key, sent_method, sent_url)),
                _ => None,
            };
            let request = Outgoing {
                method: &method,
                url: &url,
                headers: &headers,
                body: body.as_ref().map(|b| b.bytes),
                fresh_proof: fresh_proof.as_ref().map(|make| make as &dyn Fn() -> Result<String>),
            };
            let sent = wire.send(&request, redactor.as_deref(), MAX_RESPONSE_BODY);
            self.last.request_headers = headers;
            let response = sent?;
            let authorization = authorization_scheme(&self.last.request_headers);
            let renewable = match (&self.auth, &token) {
                // Forget a rejected token whatever happens next, so the next call starts afresh.
                (Some(auth), Some(token)) if response.token_rejected(authorization) => auth.invalidate(token),
                _ => false,
            };
            let algorithm_refused = match &self.dpop_key {
                Some(key) if scheme == Some(Scheme::DPoP) && response.status == 401 && !retries.algorithm => {
                    wire::algorithm_refused(key, &url, &response)?
                }
                _ => false,
            };
            let attempt = Attempt {
                url: &url,
                method: &method,
                authorization,
                scheme,
                nonce: credentials.as_ref().and_then(|c| c.basis.nonce.as_deref()),
                clock_moved: credentials.as_ref().is_some_and(|c| c.basis.clock_moved(&url)),
                renewable,
                algorithm_refused,
                basic_possible: token.is_none() && !self.login.is_empty() && !self.sends_basic(&url),
                follow_redirects: self.follow_redirects,
            };
            match next_step(&response, &attempt, &retries)? {
                NextStep::Done => return Ok((response, None)),
                NextStep::Elsewhere(to) => return Ok((response, Some(to))),
                NextStep::RetryWithNonce(nonce) => {
                    retries.nonce += 1;
                    challenge_nonce = Some(nonce);
                }
                NextStep::RetryWithAlgorithm => retries.algorithm = true,
                NextStep::RetryWithServerTime => retries.clock = true,
                NextStep::RetryWithNewToken => retries.token = true,
                NextStep::RetryWithBasic => {
                    retries.basic = true;
                    self.basic_origins.insert(origin(&url));
                }
                NextStep::Redirect { to, as_get } => {
                    retries.redirects += 1;
                    if as_get {
                        method = "GET".into();
                        body = None;
                        body_dropped = true;
                    }
                    url = to;
                }
            }
        }
    }

    /// Whether a request to `url` carries Login and Password (when it has no token).
    fn sends_basic(&self, url: &Url) -> bool {
        !self.login.is_empty() && (self.basic_auth || self.basic_origins.contains(&origin(url)))
    }

    fn request_headers(
        &self,
        method: &str,
        url: &Url,
        credentials: Option<&Credentials>,
        body: Option<&Body>,
        options: &Options,
    ) -> Result<Vec<(String, String)>> {
        let mut headers: Vec<(String, String)> = Vec::with_capacity(self.headers.fields().len() + options.headers.len() + 6);
        if !options.bare {
            if !self.accept.is_empty() {
                headers.push(("Accept".into(), self.accept.clone()));
            }
            if self.allow_gzip {
                headers.push(("Accept-Encoding".into(), "gzip".into()));
            }
            if !self.user_agent.is_empty() {
                headers.push(("User-Agent".into(), self.user_agent.clone()));
            }
        }
        if let Some(body) = body.filter(|b| !b.content_type.is_empty()) {
            headers.push(("Content-Type".into(), body.content_type.to_string()));
        }
        let set = |headers: &mut Vec<(String, String)>, name: &str, value: String| {
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            headers.push((name.to_string(), value));
        };
        let object_headers = if options.bare { &[][..] } else { self.headers.fields() };
        for (name, value) in object_headers.iter().chain(&options.headers) {
            set(&mut headers, name, value.clone());
        }
        match credentials {
            Some(dpop @ Credentials { scheme: Scheme::DPoP, .. }) => {
                let key = self.dpop_key.as_ref().ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidState,
                        "the access token is DPoP-bound but no DPoP key is set (call SetDPoPKey)",
                    )
                })?;
                let proof = dpop.proof(key, method, url)?;
                set(&mut headers, "Authorization", format!("DPoP {}", dpop.token.access_token()));
                set(&mut headers, "DPoP", proof);
            }
            Some(Credentials { token, .. }) => set(&mut headers, "Authorization", format!("Bearer {}", token.access_token())),
            None if self.sends_basic(url) => {
                let credentials = Zeroizing::new(format!("{}:{}", self.login, self.password.as_str()));
                set(
                    &mut headers,
                    "Authorization",
                    format!("Basic {}", B64.encode(credentials.as_bytes())),
                );
            }
            None => {}
        }
        Ok(headers)
    }
}

/// The secrets an Http object knows when `token` is the one in use: the client secret and client
/// key password, the token and its refresh token, the passwords. Borrowed field by field, so that the engine can use them
/// while it changes other parts of the object.
fn known_secrets<'a>(
    auth: &'a Option<AuthToken>,
    token: Option<&'a Token>,
    password: &'a str,
    settings: &'a TransportSettings,
) -> Vec<&'a str> {
    let client_secrets = auth.iter().flat_map(AuthToken::client_secrets).map(Some);
    let token_secrets = token.into_iter().flat_map(|t| [Some(t.access_token()), t.refresh_token.as_deref()]);
    let passwords = [Some(password), Some(settings.proxy().password.as_str())];
    client_secrets
        .chain(token_secrets)
        .chain(passwords)
        .flatten()
        .filter(|s| !s.is_empty())
        .collect()
}

/// What authenticates one attempt: the token, the scheme it is sent with, and for DPoP what its
/// proof is made with.
struct Credentials<'a> {
    token: &'a Token,
    scheme: Scheme,
    basis: ProofBasis,
}

impl Credentials<'_> {
    /// A DPoP proof for `method` `url` with this token, signed with `key` (a new one each call).
    fn proof(&self, key: &ProofKey, method: &str, url: &Url) -> Result<String> {
        wire::proof_for(key, method, url, Some(self.token.ath()), &self.basis)
    }
}

/// The scheme word of the Authorization header among `headers` (`DPoP`, `Bearer`, `Basic`...).
fn authorization_scheme(headers: &[(String, String)]) -> Option<&str> {
    headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("Authorization"))
        .and_then(|(_, value)| value.split_whitespace().next())
}

/// What [`next_step`] needs to know about the attempt a response answers.
struct Attempt<'a> {
    url: &'a Url,
    method: &'a str,
    /// The scheme word of the Authorization header sent, if any: a challenge of that scheme says
    /// why it was refused.
    authorization: Option<&'a str>,
    /// The scheme of the token sent, if any.
    scheme: Option<Scheme>,
    /// The nonce the proof sent carried, if any.
    nonce: Option<&'a str>,
    /// The server's answer showed a clock other than the one the proof was dated by.
    clock_moved: bool,
    /// A rejected token can be replaced.
    renewable: bool,
    /// The server named proof algorithms that exclude the proof's.
    algorithm_refused: bool,
    /// Login and Password could be sent, and were not.
    basic_possible: bool,
    follow_redirects: bool,
}

/// Decides what follows `response` to `attempt`.
fn next_step(response: &Response, attempt: &Attempt, retries: &Retries) -> Result<NextStep> {
    if attempt.algorithm_refused && !retries.algorithm {
        return Ok(NextStep::RetryWithAlgorithm);
    }
    if response.status == 401 {
        match response.auth_challenge_error(attempt.authorization).as_deref() {
            Some("use_dpop_nonce") if attempt.scheme == Some(Scheme::DPoP) => {
                let offered = response.header("DPoP-Nonce");
                if !offered.is_some_and(nonce::is_usable) {
                    let sent = if offered.is_none() {
                        "no DPoP-Nonce header"
                    } else {
                        "a DPoP-Nonce that cannot be used in a proof"
                    };
                    bail!(
                        Protocol,
                        "the server answered {} use_dpop_nonce, asking for a DPoP nonce, but sent {sent} (RFC 9449 9)",
                        response.status
                    );
                }
                if retries.nonce < nonce::MAX_RETRIES_PER_CALL {
                    if let Some(offered) = nonce::for_retry(offered, attempt.nonce) {
                        return Ok(NextStep::RetryWithNonce(offered.to_string()));
                    }
                }
            }
            Some("invalid_dpop_proof") if attempt.scheme == Some(Scheme::DPoP) && !retries.clock && attempt.clock_moved => {
                return Ok(NextStep::RetryWithServerTime)
            }
            Some("invalid_token") if attempt.renewable && !retries.token => return Ok(NextStep::RetryWithNewToken),
            _ if attempt.basic_possible && !retries.basic && response.challenges("Basic") => return Ok(NextStep::RetryWithBasic),
            _ => {}
        }
    }
    if !attempt.follow_redirects {
        return Ok(NextStep::Done);
    }
    let url = attempt.url;
    let Some(to) = response.redirect_target(url) else {
        return Ok(NextStep::Done);
    };
    if to.origin() != url.origin() {
        return Ok(NextStep::Elsewhere(to));
    }
    if retries.redirects >= MAX_REDIRECTS {
        return Err(Error::new(ErrorKind::Protocol, format!("more than {MAX_REDIRECTS} redirects")));
    }
    // RFC 9110 15.4: 303 always (but a HEAD stays HEAD), and 301/302 after POST by long-standing
    // practice, become GET.
    let as_get = (response.status == 303 && attempt.method != "HEAD") || (matches!(response.status, 301 | 302) && attempt.method == "POST");
    Ok(NextStep::Redirect { to, as_get })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, headers: &[(&str, &str)]) -> Response {
        Response {
            status,
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            ..Response::default()
        }
    }

    fn url(text: &str) -> Url {
        url::parse(text).unwrap()
    }

    /// A GET of `u` without a token, redirects followed.
    fn attempt(u: &Url) -> Attempt<'_> {
        Attempt {
            url: u,
            method: "GET",
            authorization: None,
            scheme: None,
            nonce: None,
            clock_moved: false,
            renewable: false,
            algorithm_refused: false,
            basic_possible: false,
            follow_redirects: true,
        }
    }

    #[test]
    fn request_headers_reject_injection() {
        let mut http = Http::default();
        assert!(http.set_request_header("X-Ok", "fine").is_ok());
        let e = http.set_request_header("Bad Name", "x").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        let e = http.set_request_header("X-Evil", "a\r\nInjected: yes").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        http.remove_request_header("x-ok");
        assert!(http.headers.fields().is_empty());
    }

    #[test]
    fn bad_urls_and_connect_fail_before_any_network_io() {
        let mut http = Http::default();
        let err = http
            .request("GET", "ftp://example.com/x", None, StatusPolicy::AnyStatus)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(err.to_string().contains("is not http or https"), "{err}");
        let err = http
            .request("connect", "http://127.0.0.1:1/", None, StatusPolicy::AnyStatus)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
    }

    #[test]
    fn a_nonce_challenge_is_answered_with_its_own_nonce_at_most_twice_and_only_for_dpop() {
        let challenge = |nonce: &str| {
            answer(
                401,
                &[("WWW-Authenticate", r#"DPoP error="use_dpop_nonce""#), ("DPoP-Nonce", nonce)],
            )
        };
        let u = url("http://127.0.0.1:1/api");
        let mut retries = Retries::default();
        let with = |scheme, nonce| Attempt {
            scheme: Some(scheme),
            nonce,
            renewable: true,
            ..attempt(&u)
        };
        let retry = |nonce: &str| NextStep::RetryWithNonce(nonce.to_string());
        assert_eq!(
            next_step(&challenge("n-1"), &with(Scheme::DPoP, None), &retries).unwrap(),
            retry("n-1")
        );
        assert_eq!(
            next_step(&challenge("n-1"), &with(Scheme::Bearer, None), &retries).unwrap(),
            NextStep::Done
        );
        retries.nonce = 1;
        // The server rotated its nonce between the challenge and the retry: once more.
        assert_eq!(
            next_step(&challenge("n-2"), &with(Scheme::DPoP, Some("n-1")), &retries).unwrap(),
            retry("n-2")
        );
        assert_eq!(
            next_step(&challenge("n-1"), &with(Scheme::DPoP, Some("n-1")), &retries).unwrap(),
            NextStep::Done,
            "the nonce just refused: sending it again is pointless"
        );
        retries.nonce = 2;
        assert_eq!(
            next_step(&challenge("n-3"), &with(Scheme::DPoP, Some("n-2")), &retries).unwrap(),
            NextStep::Done
        );
    }

    #[test]
    fn a_nonce_challenge_without_a_usable_nonce_is_an_error() {
        let u = url("http://127.0.0.1:1/api");
        let dpop = Attempt {
            scheme: Some(Scheme::DPoP),
            ..attempt(&u)
        };
        let asked = ("WWW-Authenticate", r#"DPoP error="use_dpop_nonce""#);
        for (headers, said) in [
            (vec![asked], "no DPoP-Nonce header"),
            (vec![asked, ("DPoP-Nonce", "has space")], "cannot be used"),
        ] {
            let err = next_step(&answer(401, &headers), &dpop, &Retries::default()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Protocol);
            assert!(
                err.to_string().contains(said) && err.to_string().contains("use_dpop_nonce"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_proof_algorithm_the_server_does_not_name_is_replaced_once() {
        let dir = crate::key::tests::TempDir::new();
        crate::key::tests::generate(&dir, crate::key::tests::Kind::Rsa2048, "rsa.pem");
        let rsa = ProofKey::new(Arc::new(SigningKey::from_file(&dir.path("rsa.pem"), "").unwrap()));
        let u = url("http://127.0.0.1:7301/api");
        let challenge = |algs: &str| {
            answer(
                401,
                &[("WWW-Authenticate", &format!(r#"DPoP error="invalid_dpop_proof", algs="{algs}""#))],
            )
        };
        let algorithm = || {
            let accepted = crate::accepted_algs::accepted(&u);
            rsa.signer_for(accepted.as_deref().unwrap_or_default()).unwrap().algorithm()
        };
        assert_eq!(algorithm(), crate::key::JwsAlgorithm::Ps256);
        assert!(wire::algorithm_refused(&rsa, &u, &challenge("ES256 RS256")).unwrap());
        assert_eq!(algorithm(), crate::key::JwsAlgorithm::Rs256, "remembered for the origin");
        assert!(
            !wire::algorithm_refused(&rsa, &u, &challenge("RS256 PS256")).unwrap(),
            "RS256 was accepted"
        );
        let e = wire::algorithm_refused(&rsa, &u, &challenge("ES256 EdDSA")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Key);
        assert!(
            e.to_string()
                .starts_with("the server accepts DPoP proofs signed with ES256, EdDSA; this RSA key"),
            "{e}"
        );
        assert!(!wire::algorithm_refused(&rsa, &u, &answer(401, &[("WWW-Authenticate", "DPoP error=\"x\"")])).unwrap());

        let plain = answer(401, &[]);
        let refused = Attempt {
            scheme: Some(Scheme::DPoP),
            algorithm_refused: true,
            ..attempt(&u)
        };
        let step = |retries: &Retries| next_step(&plain, &refused, retries).unwrap();
        let mut retries = Retries::default();
        assert_eq!(step(&retries), NextStep::RetryWithAlgorithm);
        retries.algorithm = true;
        assert_eq!(step(&retries), NextStep::Done, "once");
    }

    #[test]
    fn a_rejected_token_is_renewed_once_when_it_can_be() {
        let rejected = answer(401, &[("WWW-Authenticate", r#"DPoP error="invalid_token""#)]);
        let u = url("http://127.0.0.1:1/api");
        let mut retries = Retries::default();
        let step = |retries: &Retries, renewable| {
            let attempt = Attempt {
                scheme: Some(Scheme::DPoP),
                renewable,
                ..attempt(&u)
            };
            next_step(&rejected, &attempt, retries).unwrap()
        };
        assert_eq!(step(&retries, true), NextStep::RetryWithNewToken);
        assert_eq!(step(&retries, false), NextStep::Done);
        retries.token = true;
        assert_eq!(step(&retries, true), NextStep::Done);
    }

    #[test]
    fn a_basic_challenge_is_answered_once_when_login_can_answer_it() {
        let u = url("http://127.0.0.1:1/api");
        let basic = answer(401, &[("WWW-Authenticate", r#"Bearer realm="a", Basic realm="b""#)]);
        let possible = Attempt {
            basic_possible: true,
            ..attempt(&u)
        };
        assert_eq!(next_step(&basic, &possible, &Retries::default()).unwrap(), NextStep::RetryWithBasic);
        assert_eq!(next_step(&basic, &attempt(&u), &Retries::default()).unwrap(), NextStep::Done);
        let spent = Retries {
            basic: true,
            ..Retries::default()
        };
        assert_eq!(next_step(&basic, &possible, &spent).unwrap(), NextStep::Done);
        let other = answer(401, &[("WWW-Authenticate", r#"Digest realm="Basic""#)]);
        assert_eq!(next_step(&other, &possible, &Retries::default()).unwrap(), NextStep::Done);
    }

    #[test]
    fn a_proof_refused_by_a_server_showing_another_clock_is_sent_again_once() {
        let u = url("http://127.0.0.1:1/api");
        let refused = answer(401, &[("WWW-Authenticate", r#"DPoP error="invalid_dpop_proof""#)]);
        let mut retries = Retries::default();
        let dpop = |clock_moved| Attempt {
            scheme: Some(Scheme::DPoP),
            renewable: true,
            clock_moved,
            ..attempt(&u)
        };
        assert_eq!(next_step(&refused, &dpop(true), &retries).unwrap(), NextStep::RetryWithServerTime);
        assert_eq!(
            next_step(&refused, &dpop(false), &retries).unwrap(),
            NextStep::Done,
            "the proof was dated by the clock the server shows: another reason"
        );
        retries.clock = true;
        assert_eq!(next_step(&refused, &dpop(true), &retries).unwrap(), NextStep::Done);
    }

    #[test]
    fn redirects_stay_within_the_origin_and_are_bounded() {
        let u = url("http://127.0.0.1:1/a");
        let post = Attempt {
            method: "POST",
            ..attempt(&u)
        };
        let same = answer(302, &[("Location", "/b")]);
        assert_eq!(
            next_step(&same, &post, &Retries::default()).unwrap(),
            NextStep::Redirect {
                to: url("http://127.0.0.1:1/b"),
                as_get: true
            }
        );
        assert_eq!(
            next_step(&answer(307, &[("Location", "/b")]), &post, &Retries::default()).unwrap(),
            NextStep::Redirect {
                to: url("http://127.0.0.1:1/b"),
                as_get: false
            }
        );
        let elsewhere = answer(302, &[("Location", "http://127.0.0.1:2/b")]);
        assert_eq!(
            next_step(&elsewhere, &attempt(&u), &Retries::default()).unwrap(),
            NextStep::Elsewhere(url("http://127.0.0.1:2/b"))
        );
        let spent = Retries {
            redirects: MAX_REDIRECTS,
            ..Retries::default()
        };
        assert_eq!(next_step(&same, &attempt(&u), &spent).unwrap_err().kind(), ErrorKind::Protocol);
        assert_eq!(
            next_step(&answer(302, &[]), &attempt(&u), &Retries::default()).unwrap(),
            NextStep::Done
        );
        let see_other = answer(303, &[("Location", "/b")]);
        let head = Attempt {
            method: "HEAD",
            ..attempt(&u)
        };
        assert_eq!(
            next_step(&see_other, &head, &Retries::default()).unwrap(),
            NextStep::Redirect {
                to: url("http://127.0.0.1:1/b"),
                as_get: false
            },
            "a HEAD stays a HEAD"
        );
    }

    #[test]
    fn without_follow_redirects_a_redirect_is_the_answer() {
        let u = url("http://127.0.0.1:1/a");
        let unfollowed = Attempt {
            follow_redirects: false,
            ..attempt(&u)
        };
        for location in ["/b", "http://127.0.0.1:2/b"] {
            let redirect = answer(302, &[("Location", location)]);
            assert_eq!(next_step(&redirect, &unfollowed, &Retries::default()).unwrap(), NextStep::Done);
        }
    }
}
