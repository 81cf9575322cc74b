//! The Http object's engine: builds each request's headers (Authorization, a fresh DPoP proof),
//! gets tokens through the token manager, answers nonce and `invalid_token` challenges once,
//! follows same-origin redirects, and keeps the last exchange for the getters.

mod response;
mod transport;

pub use response::Response;
pub use transport::TransportSettings;

use crate::error::{Error, Result};
use crate::key::EcKey;
use crate::nonce;
use crate::proof::{origin, parse_url, url_for_display, ProofSigner};
use crate::session_log::{redact_headers, SessionLog};
use crate::token::{AuthToken, Scheme, Token, TokenTransport};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use std::sync::Arc;
use transport::Transport;
use url::Url;
use zeroize::Zeroizing;

/// API responses larger than this are refused rather than held in memory.
pub const MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;
const MAX_REDIRECTS: usize = 5;

/// What the getters report about the last request.
#[derive(Default)]
pub struct LastExchange {
    pub request_header: String,
    pub response: Option<Response>,
}

impl LastExchange {
    /// The status of the last response, 0 if none was received.
    pub fn status(&self) -> u16 {
        self.response.as_ref().map_or(0, |r| r.status)
    }
}

/// A request body and its content type.
pub struct Body<'a> {
    pub content_type: &'a str,
    pub bytes: &'a [u8],
    pub extra_headers: Vec<(String, String)>,
}

pub struct Http {
    settings: TransportSettings,
    transport: Option<Transport>,
    signer: Option<ProofSigner>,
    auth: Option<AuthToken>,
    accept: String,
    user_agent: String,
    pub login: String,
    pub password: Zeroizing<String>,
    headers: Vec<(String, String)>,
    pub session_log: SessionLog,
    pub last: LastExchange,
}

impl Default for Http {
    fn default() -> Self {
        Http {
            settings: TransportSettings::default(),
            transport: None,
            signer: None,
            auth: None,
            accept: "*/*".into(),
            user_agent: concat!("libdpop/", env!("CARGO_PKG_VERSION")).into(),
            login: String::new(),
            password: Zeroizing::new(String::new()),
            headers: Vec::new(),
            session_log: SessionLog::default(),
            last: LastExchange::default(),
        }
    }
}

impl Http {
    /// Uses `key` for DPoP proofs from now on (also for an AuthToken set before).
    pub fn set_dpop_key(&mut self, key: Arc<EcKey>) -> Result<()> {
        let signer = ProofSigner::new(key);
        let jkt = signer.jkt();
        self.auth = self.auth.take().map(|auth| auth.for_key(Some(&jkt)));
        self.signer = Some(signer);
        Ok(())
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
        check_header_value("Accept", value)?;
        self.accept = value.to_string();
        Ok(())
    }

    /// The User-Agent header of every request ("" sends none).
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    pub fn set_user_agent(&mut self, value: &str) -> Result<()> {
        check_header_value("User-Agent", value)?;
        self.user_agent = value.to_string();
        Ok(())
    }

    pub fn settings(&self) -> &TransportSettings {
        &self.settings
    }

    /// Changes connection settings; the connection pool is rebuilt on the next request.
    pub fn update_settings(&mut self, change: impl FnOnce(&mut TransportSettings)) {
        change(&mut self.settings);
    }

    pub fn set_request_header(&mut self, name: &str, value: &str) -> Result<()> {
        let valid_name = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !valid_name {
            return Err(Error::new(format!("'{name}' is not a valid header name")));
        }
        check_header_value(name, value)?;
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        if !value.is_empty() {
            self.headers.push((name.to_string(), value.to_string()));
        }
        Ok(())
    }

    pub fn clear_headers(&mut self) {
        self.headers.clear();
    }

    pub fn close_all_connections(&mut self) {
        self.transport = None;
    }

    /// Sends a request. With `require_2xx`, any other status is an error (the response stays
    /// readable through `last`, as in Chilkat's QuickGetStr); without it, any response counts.
    pub fn request(&mut self, method: &str, url: &str, body: Option<Body>, require_2xx: bool) -> Result<&Response> {
        self.last = LastExchange::default();
        let what = format!("{method} {}", url_for_display(url));
        let url = parse_url(url).map_err(|e| e.context(&what))?;
        let response = self.exchange(method, url, body).map_err(|e| e.context(&what))?;
        let response = self.last.response.insert(response);
        if require_2xx && !response.is_success() {
            return Err(Error::new(response.describe_failure()).context(what));
        }
        Ok(response)
    }

    fn exchange(&mut self, method: &str, mut url: Url, body: Option<Body>) -> Result<Response> {
        if self.transport.as_ref().is_none_or(|t| t.settings() != &self.settings) {
            self.transport = Some(Transport::new(self.settings.clone())?);
        }
        let Some(transport) = self.transport.as_ref() else {
            unreachable!("built above")
        };
        let mut wire = Wire {
            transport,
            signer: self.signer.as_ref(),
            log: &self.session_log,
        };
        let mut method = method.to_string();
        let mut body = body;
        let (mut nonce_retried, mut token_retried, mut redirects) = (false, false, 0);
        loop {
            let token = match &self.auth {
                Some(auth) => Some(auth.current(&mut wire)?),
                None => None,
            };
            // After `current`, which may have fetched a new token.
            let secrets = self.secrets();
            let secrets: Vec<&str> = secrets.iter().map(|s| s.as_str()).collect();
            let scheme = token.as_ref().map(|t| t.scheme(self.signer.is_some()));
            let headers = self.request_headers(&method, &url, token.as_ref(), scheme, body.as_ref())?;
            self.last.request_header = redact_headers(&headers, &secrets, "\r\n");
            let response = wire.send(&method, &url, &headers, body.as_ref().map(|b| b.bytes), MAX_RESPONSE_BODY, &secrets)?;

            if response.status == 401 {
                match response.auth_challenge_error().as_deref() {
                    Some("use_dpop_nonce") if scheme == Some(Scheme::DPoP) && !nonce_retried => {
                        nonce_retried = true;
                        continue;
                    }
                    Some("invalid_token") => {
                        // Forget the rejected token either way, so that the next call starts
                        // with a new one; retry this call once.
                        let renewable = match (&self.auth, &token) {
                            (Some(auth), Some(token)) => auth.invalidate(token),
                            _ => false,
                        };
                        if renewable && !token_retried {
                            token_retried = true;
                            continue;
                        }
                    }
                    _ => {}
                }
            }
            if let Some(next) = redirect_target(&response, &url) {
                if next.origin() != url.origin() {
                    return Err(Error::new(format!(
                        "the server redirected to another origin ({}); not followed, so that credentials are not sent there",
                        origin(&next)
                    )));
                }
                redirects += 1;
                if redirects > MAX_REDIRECTS {
                    return Err(Error::new(format!("more than {MAX_REDIRECTS} redirects")));
                }
                if response.status == 303 || (matches!(response.status, 301 | 302) && method == "POST") {
                    method = "GET".into();
                    body = None;
                }
                url = next;
                continue;
            }
            return Ok(response);
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
                let signer = self
                    .signer
                    .as_ref()
                    .ok_or_else(|| Error::new("the access token is DPoP-bound but no DPoP key is set (call SetDPoPKey)"))?;
                let proof = signer.proof(method, url, Some(&token.access_token), nonce::current(url).as_deref());
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

    /// What the log and LastHeader mask by value, besides what they recognise by name.
    fn secrets(&self) -> Vec<Zeroizing<String>> {
        let mut secrets = self.auth.as_ref().map(AuthToken::secrets).unwrap_or_default();
        if !self.password.is_empty() {
            secrets.push(self.password.clone());
        }
        secrets
    }
}

/// A line break in a header value would let it inject headers of its own.
fn check_header_value(name: &str, value: &str) -> Result<()> {
    if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
        return Err(Error::new(format!("the value for header '{name}' contains a line break")));
    }
    Ok(())
}

fn redirect_target(response: &Response, url: &Url) -> Option<Url> {
    matches!(response.status, 301 | 302 | 303 | 307 | 308)
        .then(|| response.header("Location").and_then(|l| url.join(l).ok()))
        .flatten()
}

/// The transport plus what every exchange needs: proofs for token requests, the session log,
/// nonce bookkeeping. Also what the token manager uses to reach the token endpoint.
/// One exchange on the wire, logged with `secrets` masked.
struct Wire<'a> {
    transport: &'a Transport,
    signer: Option<&'a ProofSigner>,
    log: &'a SessionLog,
}

impl Wire<'_> {
    fn send(
        &self,
        method: &str,
        url: &Url,
        headers: &[(String, String)],
        body: Option<&[u8]>,
        max_body: usize,
        secrets: &[&str],
    ) -> Result<Response> {
        let mut logged = headers.to_vec();
        if let Some(body) = body {
            logged.push(("Content-Length".into(), body.len().to_string()));
        }
        // A session log that cannot be written must not fail the request it describes.
        let _ = self.log.log_request(method, url, &logged, body.unwrap_or_default(), secrets);
        let response = self.transport.send(method, url, headers, body, max_body)?;
        let _ = self
            .log
            .log_response(response.status, &response.reason, &response.headers, &response.body, secrets);
        if let Some(n) = response.header("DPoP-Nonce") {
            nonce::remember(url, n);
        }
        Ok(response)
    }
}

impl TokenTransport for Wire<'_> {
    fn post_form(
        &mut self,
        endpoint: &Url,
        form: &[(&str, &str)],
        basic_auth: Option<(&str, &str)>,
        secrets: &[&str],
    ) -> Result<(u16, Vec<u8>)> {
        let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        let mut nonce_retried = false;
        loop {
            let mut headers = vec![
                ("Content-Type".to_string(), "application/x-www-form-urlencoded".to_string()),
                ("Accept".to_string(), "application/json".to_string()),
            ];
            if let Some((id, secret)) = basic_auth {
                // RFC 6749 2.3.1: both parts are form-urlencoded before Basic encoding.
                let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
                let credentials = Zeroizing::new(format!("{}:{}", enc(id), enc(secret)));
                headers.push(("Authorization".into(), format!("Basic {}", B64.encode(credentials.as_bytes()))));
            }
            if let Some(signer) = self.signer {
                headers.push((
                    "DPoP".into(),
                    signer.proof("POST", endpoint, None, nonce::current(endpoint).as_deref()),
                ));
            }
            let response = self.send(
                "POST",
                endpoint,
                &headers,
                Some(body.as_bytes()),
                crate::token::MAX_TOKEN_RESPONSE,
                secrets,
            )?;
            let nonce_challenge = response.status == 400
                && response.header("DPoP-Nonce").is_some()
                && serde_json::from_slice::<serde_json::Value>(&response.body).is_ok_and(|v| v["error"] == "use_dpop_nonce");
            if nonce_challenge && self.signer.is_some() && !nonce_retried {
                nonce_retried = true;
                continue;
            }
            return Ok((response.status, response.body));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_headers_reject_injection() {
        let mut http = Http::default();
        assert!(http.set_request_header("X-Ok", "fine").is_ok());
        assert!(http.set_request_header("Bad Name", "x").is_err());
        assert!(http.set_request_header("X-Evil", "a\r\nInjected: yes").is_err());
    }

    #[test]
    fn bad_urls_fail_before_any_network_io() {
        let mut http = Http::default();
        let err = http.request("GET", "ftp://example.com/x", None, true).unwrap_err().to_string();
        assert!(err.contains("is not http or https"), "{err}");
    }
}
