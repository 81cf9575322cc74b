//! One exchange on the wire, and what every exchange does besides sending: log the request and
//! the response (masked), and remember the server's DPoP nonce. Also how the token manager
//! reaches the token endpoint, and the DPoP proofs of both kinds of request.

use super::response::Response;
use super::session_log::SessionLog;
use super::transport::{self, TransportSettings};
use crate::accepted_algs;
use crate::clock::now_secs;
use crate::error::Result;
use crate::key::SigningKey;
use crate::nonce;
use crate::oauth_error::OAuthError;
use crate::proof::{AccessTokenHash, ProofKey, ProofSigner};
use crate::redact::Redactor;
use crate::server_time;
use crate::token::{Answer, ClientCredentials, TokenTransport, ASSERTION_TYPE, MAX_TOKEN_RESPONSE};
use crate::url::Url;
use std::sync::Arc;
use std::time::Duration;
use zeroize::Zeroizing;

/// The connection settings plus what every exchange needs: the DPoP key for token requests, the
/// session log.
pub(super) struct Wire<'a> {
    pub settings: &'a TransportSettings,
    /// The User-Agent header of token requests ("" for none), as of API requests.
    pub user_agent: &'a str,
    pub dpop_key: Option<&'a ProofKey>,
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
    /// Makes a new DPoP proof for this request, for when it must be sent once more (a kept-alive
    /// connection that broke before any answer): a proof is good for one request (RFC 9449 4.2,
    /// 11.1), and a server that keeps the `jti`s it saw would refuse the first one again.
    pub fresh_proof: Option<&'a dyn Fn() -> Result<String>>,
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
            fresh_proof,
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
        let response = transport::send(self.settings, method, url, headers, body, fresh_proof, max_body)?;
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

/// The signer of `key` for proofs to `url`: one with an algorithm its origin accepts.
pub(super) fn signer_for<'k>(key: &'k ProofKey, url: &Url) -> Result<&'k ProofSigner> {
    key.signer_for(accepted_algs::accepted(url).as_deref().unwrap_or_default())
}

/// What the proof (or client assertion) of one attempt is made with: the nonce it carries and
/// the offset of the server's clock it is dated by. A refusal is judged against them.
#[derive(Default)]
pub(super) struct ProofBasis {
    pub nonce: Option<String>,
    pub clock_offset: i64,
}

impl ProofBasis {
    /// For a request to `url`: the nonce of the `use_dpop_nonce` answer to the attempt before,
    /// if there was one (RFC 9449 8, 9), not the origin's latest, which a slower answer to
    /// another request may have set back to an older nonce; else the origin's latest. Dated by
    /// the origin's clock as far as it has shown it.
    pub fn at(url: &Url, challenge_nonce: Option<String>) -> ProofBasis {
        ProofBasis {
            nonce: challenge_nonce.or_else(|| nonce::current(url)),
            clock_offset: server_time::offset_at(url),
        }
    }

    /// True when the origin of `url` has since shown a clock other than the one this was dated
    /// by: a proof refused for its time can then succeed when dated again.
    pub fn clock_moved(&self, url: &Url) -> bool {
        server_time::moved_since(url, self.clock_offset)
    }
}

/// A DPoP proof for a request of `method` to `url`, as its server wants it: made with `basis`,
/// signed with an algorithm it accepts; with `ath` for a resource request.
pub(super) fn proof_for(key: &ProofKey, method: &str, url: &Url, ath: Option<&AccessTokenHash>, basis: &ProofBasis) -> Result<String> {
    let signer = signer_for(key, url)?;
    Ok(signer.proof(method, url, server_time::now_with(basis.clock_offset), ath, basis.nonce.as_deref()))
}

/// Whether `response` (to a request for `url` with a proof by `key`) refused the proof's
/// algorithm: its `WWW-Authenticate` challenge names the algorithms the server accepts (RFC 9449
/// 7.1), and the proof was signed with another. They are remembered for the origin, so that the
/// request sent again, and every later one, is signed with one of them. An error (Key), quoting
/// them, when the key can sign none; then nothing is remembered, and the next call tries again.
pub(super) fn algorithm_refused(key: &ProofKey, url: &Url, response: &Response) -> Result<bool> {
    let Some(named) = response.dpop_algs() else {
        return Ok(false);
    };
    let used = signer_for(key, url).map(|s| s.algorithm()).ok();
    key.signer_for(&named)?;
    accepted_algs::remember(url, &named);
    Ok(!used.is_some_and(|used| named.iter().any(|name| name == used.name())))
}

/// The retries one token request has used up.
#[derive(Default)]
struct TokenRetries {
    nonce: usize,
    clock: bool,
    algorithm: bool,
    /// The nonce of a `use_dpop_nonce` answer, for the attempt that follows it.
    challenge_nonce: Option<String>,
}

impl Wire<'_> {
    /// The headers of one attempt of a token request to `endpoint`: Basic credentials, a proof
    /// made with `basis`.
    fn token_request_headers(&self, endpoint: &Url, credentials: &ClientCredentials, basis: &ProofBasis) -> Result<Vec<(String, String)>> {
        let mut headers = vec![
            ("Content-Type".to_string(), "application/x-www-form-urlencoded".to_string()),
            ("Accept".to_string(), "application/json".to_string()),
        ];
        if !self.user_agent.is_empty() {
            headers.push(("User-Agent".to_string(), self.user_agent.to_string()));
        }
        if let ClientCredentials::Basic(credentials) = credentials {
            headers.push(("Authorization".into(), format!("Basic {credentials}")));
        }
        if let Some(key) = self.dpop_key {
            headers.push(("DPoP".into(), proof_for(key, "POST", endpoint, None, basis)?));
        }
        Ok(headers)
    }

    /// Whether to send a token request to `endpoint` again after `response` to an attempt made
    /// with `basis`, once for each reason: the server named proof algorithms that exclude the
    /// proof's; it refused the proof, or the client assertion (sent `with_assertion`), while
    /// showing a clock other than the one they were dated by, so for their time; and at most
    /// twice when it asked for a nonce (RFC 9449 8: 400 use_dpop_nonce) other than the one sent.
    fn token_retry(
        &self,
        endpoint: &Url,
        response: &Response,
        redactor: &Redactor,
        basis: &ProofBasis,
        with_assertion: bool,
        retries: &mut TokenRetries,
    ) -> Result<bool> {
        if !matches!(response.status, 400 | 401) {
            return Ok(false);
        }
        if let Some(key) = self.dpop_key.filter(|_| !retries.algorithm) {
            if algorithm_refused(key, endpoint, response)? {
                retries.algorithm = true;
                return Ok(true);
            }
        }
        let dpop = self.dpop_key.is_some();
        let skewed = basis.clock_moved(endpoint);
        let retry = match OAuthError::from_body(&response.body, redactor).map(|said| said.error).as_deref() {
            Some("use_dpop_nonce") if dpop && retries.nonce < nonce::MAX_RETRIES_PER_CALL => {
                let Some(offered) = nonce::for_retry(response.header("DPoP-Nonce"), basis.nonce.as_deref()) else {
                    return Ok(false);
                };
                retries.nonce += 1;
                retries.challenge_nonce = Some(offered.to_string());
                return Ok(true);
            }
            Some("invalid_dpop_proof") if dpop && skewed => &mut retries.clock,
            Some("invalid_client") if with_assertion && skewed => &mut retries.clock,
            _ => return Ok(false),
        };
        Ok(!std::mem::replace(retry, true))
    }
}

impl TokenTransport for Wire<'_> {
    fn post_form(&mut self, endpoint: &Url, form: &[(&str, &str)], credentials: &ClientCredentials, secrets: &[&str]) -> Result<Answer> {
        let mut retries = TokenRetries::default();
        loop {
            // Taken before the client assertion and the proof are made, which it dates.
            let basis = ProofBasis::at(endpoint, retries.challenge_nonce.take());
            // A client assertion is good for one request: each attempt gets a new one.
            let assertion = match credentials {
                ClientCredentials::Assertion(signer) => Some(signer.assertion()),
                _ => None,
            };
            let mut fields = form.to_vec();
            if let Some(assertion) = &assertion {
                fields.extend([("client_assertion_type", ASSERTION_TYPE), ("client_assertion", assertion.as_str())]);
            }
            let body = Zeroizing::new(
                ::url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&fields)
                    .finish(),
            );
            let attempt_secrets: Vec<&str> = secrets.iter().copied().chain(assertion.as_ref().map(|a| a.as_str())).collect();
            let redactor = Redactor::new(&attempt_secrets);
            let request = Outgoing {
                method: "POST",
                url: endpoint,
                headers: &self.token_request_headers(endpoint, credentials, &basis)?,
                body: Some(body.as_bytes()),
                // A POST is never sent twice.
                fresh_proof: None,
            };
            let response = self.send(&request, Some(&redactor), MAX_TOKEN_RESPONSE)?;
            if !self.token_retry(endpoint, &response, &redactor, &basis, assertion.is_some(), &mut retries)? {
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
            fresh_proof: None,
        };
        let response = self.send(&request, Some(&Redactor::new(&[])), max_body)?;
        Ok(Answer {
            status: response.status,
            reason: response.reason,
            body: response.body,
        })
    }

    fn dpop_key(&self) -> Option<Arc<SigningKey>> {
        self.dpop_key.map(|key| key.key().clone())
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
