//! One exchange on the wire, and what every exchange does besides sending: log the request and
//! the response (masked), and remember the server's DPoP nonce. Also how the token manager
//! reaches the token endpoint.

use super::response::Response;
use super::session_log::SessionLog;
use super::transport::{self, TransportSettings};
use crate::clock::now_secs;
use crate::error::Result;
use crate::nonce;
use crate::oauth_error::OAuthError;
use crate::proof::ProofSigner;
use crate::redact::Redactor;
use crate::server_time;
use crate::token::{Answer, TokenTransport, MAX_TOKEN_RESPONSE};
use crate::url::Url;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use std::time::Duration;
use zeroize::Zeroizing;

/// The connection settings plus what every exchange needs: the DPoP key for token requests, the
/// session log.
pub(super) struct Wire<'a> {
    pub settings: &'a TransportSettings,
    /// The User-Agent header of token requests ("" for none), as of API requests.
    pub user_agent: &'a str,
    pub signer: Option<&'a ProofSigner>,
    pub log: &'a SessionLog,
    /// The token endpoint's last answer, without its body (which holds the token).
    pub answered: Option<Response>,
}

/// One request as it goes on the wire.
pub(super) struct Outgoing<'a> {
    pub method: &'a str,
    pub url: &'a Url,
    pub headers: &'a [(String, String)],
    pub body: Option<&'a [u8]>,
}

impl Wire<'_> {
    /// Sends `request` and reads the answer (at most `max_body` bytes of body), logging both
    /// through `redactor` (when there is a session log) and remembering a `DPoP-Nonce` the server
    /// sent.
    pub fn send(&self, request: &Outgoing, redactor: Option<&Redactor>, max_body: usize) -> Result<Response> {
        let Outgoing {
            method,
            url,
            headers,
            body,
        } = *request;
        let log = redactor.filter(|_| !self.log.path().is_empty());
        if let Some(redactor) = log {
            let mut logged = headers.to_vec();
            if let Some(body) = body {
                logged.push(("Content-Length".into(), body.len().to_string()));
            }
            // A session log that cannot be written must not fail the request it describes.
            let _ = self.log.log_request(redactor, method, url, &logged, body.unwrap_or_default());
        }
        let response = transport::send(self.settings, method, url, headers, body, max_body)?;
        if let Some(redactor) = log {
            let _ = self
                .log
                .log_response(redactor, response.status, &response.reason, &response.headers, &response.body);
        }
        if let Some(n) = response.header("DPoP-Nonce") {
            nonce::remember(url, n);
        }
        // A cached answer (one with an Age, RFC 9111 5.1) shows when it was first sent, not now.
        if let Some(date) = response.header("Date").filter(|_| response.header("Age").is_none()) {
            server_time::learn(url, date, now_secs());
        }
        Ok(response)
    }
}

impl TokenTransport for Wire<'_> {
    fn post_form(&mut self, endpoint: &Url, form: &[(&str, &str)], basic_auth: Option<(&str, &str)>, secrets: &[&str]) -> Result<Answer> {
        let body = ::url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        let redactor = Redactor::new(secrets);
        let (mut nonce_retries, mut clock_retried) = (0, false);
        let mut offered_nonce = None;
        loop {
            let mut headers = vec![
                ("Content-Type".to_string(), "application/x-www-form-urlencoded".to_string()),
                ("Accept".to_string(), "application/json".to_string()),
            ];
            if !self.user_agent.is_empty() {
                headers.push(("User-Agent".to_string(), self.user_agent.to_string()));
            }
            if let Some((id, secret)) = basic_auth {
                // RFC 6749 2.3.1: both parts are form-urlencoded before Basic encoding.
                let enc = |s: &str| ::url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
                let credentials = Zeroizing::new(format!("{}:{}", enc(id), enc(secret)));
                headers.push(("Authorization".into(), format!("Basic {}", B64.encode(credentials.as_bytes()))));
            }
            // After a nonce challenge, its own nonce (RFC 9449 8): not the origin's latest, which a
            // slower answer to another request may have replaced with an older one.
            let nonce = offered_nonce.take().or_else(|| self.signer.and_then(|_| nonce::current(endpoint)));
            let clock_offset = server_time::offset_at(endpoint);
            if let Some(signer) = self.signer {
                let proof = signer.proof("POST", endpoint, server_time::now_with(clock_offset), None, nonce.as_deref());
                headers.push(("DPoP".into(), proof));
            }
            let request = Outgoing {
                method: "POST",
                url: endpoint,
                headers: &headers,
                body: Some(body.as_bytes()),
            };
            let response = self.send(&request, Some(&redactor), MAX_TOKEN_RESPONSE)?;
            // RFC 9449 8: the authorization server asks for a nonce with 400 use_dpop_nonce; a
            // proof refused while the server's clock showed a time other than the proof's was
            // refused for its iat.
            let error = (response.status == 400 && self.signer.is_some())
                .then(|| OAuthError::from_body(&response.body, &redactor))
                .flatten()
                .map(|said| said.error);
            match error.as_deref() {
                Some("use_dpop_nonce") if nonce_retries < nonce::MAX_RETRIES_PER_CALL => {
                    if let Some(offered) = nonce::for_retry(response.header("DPoP-Nonce"), nonce.as_deref()) {
                        nonce_retries += 1;
                        offered_nonce = Some(offered.to_string());
                        continue;
                    }
                }
                Some("invalid_dpop_proof") if server_time::moved_since(endpoint, clock_offset) && !clock_retried => {
                    clock_retried = true;
                    continue;
                }
                _ => {}
            }
            let mut response = response;
            let answer = Answer {
                status: response.status,
                reason: response.reason.clone(),
                body: std::mem::take(&mut response.body),
            };
            self.answered = Some(response);
            return Ok(answer);
        }
    }

    fn get_json(&mut self, url: &Url, max_body: usize) -> Result<Answer> {
        let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
        if !self.user_agent.is_empty() {
            headers.push(("User-Agent".to_string(), self.user_agent.to_string()));
        }
        let request = Outgoing {
            method: "GET",
            url,
            headers: &headers,
            body: None,
        };
        let response = self.send(&request, Some(&Redactor::new(&[])), max_body)?;
        Ok(Answer {
            status: response.status,
            reason: response.reason,
            body: response.body,
        })
    }

    fn dpop_jkt(&self) -> Option<String> {
        self.signer.map(ProofSigner::jkt)
    }

    fn time_limit(&self) -> Duration {
        self.settings.exchange_deadline()
    }

    fn note(&mut self, text: &str) {
        // A session log that cannot be written must not fail the request.
        let _ = self.log.log_note(text);
    }

    fn conditions(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.settings.hash(&mut hasher);
        hasher.finish()
    }
}
