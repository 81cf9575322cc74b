//! Access tokens: what `AuthToken` was set to, how a token is obtained and refreshed, and the
//! process-wide cache that lets many Http objects share one token.
//!
//! The HTTP details (proofs, nonces, logging) stay in `http`; this module talks to the token
//! endpoint only through [`TokenTransport`], which keeps it testable on its own.

mod assertion;
mod cache;
mod client;
pub mod discovery;
mod file_cache;
mod file_entries;
mod request;
mod response;

pub use assertion::{AssertionSigner, ASSERTION_TYPE};
pub use cache::FAILURE_MEMORY_SECS;
pub use client::{ClientAuth, ClientConfig, Issued};
pub use request::request_token;
pub(crate) use response::MAX_TOKEN_RESPONSE;
pub use response::{jwt_cnf_jkt, parse_token_response, Token};

use crate::bail;
use crate::clock::now_secs;
use crate::error::{Error, ErrorKind, Result};
use crate::header::is_visible_ascii;
use crate::key::SigningKey;
use crate::url::Url;
use cache::TokenSlot;
use file_cache::TokenFile;
use serde_json::{Map, Value};
use std::sync::Arc;
use std::time::Duration;
use zeroize::Zeroizing;

/// A token endpoint's answer, whatever its status.
pub struct Answer {
    pub status: u16,
    pub reason: String,
    pub body: Vec<u8>,
}

/// How a token request authenticates the client, beyond its form.
pub enum ClientCredentials<'a> {
    /// Nothing more: client_secret_post put the secret into the form (or the client has none).
    InForm,
    /// client_secret_basic: the credentials of an `Authorization: Basic` header
    /// ([`basic_credentials`]), made once per client.
    Basic(&'a str),
    /// private_key_jwt: the form fields `client_assertion_type` ([`ASSERTION_TYPE`]) and
    /// `client_assertion`, a new one from this signer for each attempt, so that a request sent
    /// again (after a nonce challenge, or dated anew) carries a new assertion.
    Assertion(&'a AssertionSigner),
}

/// The credentials of client_secret_basic's `Authorization: Basic` header: client_id and secret,
/// each form-urlencoded first (RFC 6749 2.3.1), joined with ':' and base64-encoded.
pub fn basic_credentials(client_id: &str, secret: &str) -> Zeroizing<String> {
    use base64::Engine;
    let enc = |s: &str| Zeroizing::new(::url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>());
    let joined = Zeroizing::new(format!("{}:{}", enc(client_id).as_str(), enc(secret).as_str()));
    Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(joined.as_bytes()))
}

/// The one thing token requests need from the HTTP layer.
pub trait TokenTransport {
    /// POSTs `form` and `credentials` to `endpoint` as application/x-www-form-urlencoded with a
    /// DPoP proof when a key is set (answering one `use_dpop_nonce` challenge), and returns the
    /// final answer. `secrets` (and each client assertion) are masked in the log.
    fn post_form(&mut self, endpoint: &Url, form: &[(&str, &str)], credentials: &ClientCredentials, secrets: &[&str]) -> Result<Answer>;

    /// Identifies the connection settings requests go out with: a failed token request is
    /// remembered only for callers with the same.
    fn conditions(&self) -> u64;

    /// GETs `url` (a metadata document) with `Accept: application/json`, without credentials,
    /// reading at most `max_body` bytes.
    fn get_json(&mut self, url: &Url, max_body: usize) -> Result<Answer>;

    /// The DPoP key token requests are proved with, when one is set.
    fn dpop_key(&self) -> Option<Arc<SigningKey>>;

    /// The longest one token request may take (ConnectTimeout + ReadTimeout): also the longest
    /// a caller waits for another process's token request.
    fn time_limit(&self) -> Duration;

    /// Records something the exchanges alone do not show, in the session log.
    fn note(&mut self, text: &str);
}

/// The authentication scheme a request is sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Bearer,
    DPoP,
}

/// What `AuthToken` was set to, and the token it currently stands for.
pub struct AuthToken {
    /// `None` for a bare token or a persisted token without client details: nothing to refresh with.
    client: Option<ClientConfig>,
    slot: Arc<TokenSlot>,
    /// The token cache file shared with other processes, when one is named for the client.
    file: Option<TokenFile>,
    /// The text of a bare token, returned unchanged by the getter.
    bare: Option<String>,
}

impl AuthToken {
    /// Parses an `AuthToken` value: a bare access token, a client-credentials JSON, or a token
    /// response JSON persisted earlier. `jkt` is the thumbprint of the DPoP key, if one is set:
    /// it is part of the cache key so that different keys never share a token.
    pub fn parse(text: &str, jkt: Option<&str>) -> Result<Option<AuthToken>> {
        // JSON saved by a Windows editor often starts with a byte-order mark (RFC 8259 8.1 lets
        // a parser ignore it).
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            return Ok(None);
        }
        if !text.starts_with('{') {
            check_token_chars(text)?;
            let token = Token::bare(text);
            return Ok(Some(AuthToken {
                client: None,
                slot: TokenSlot::private(Some(token)),
                file: None,
                bare: Some(text.to_string()),
            }));
        }
        let members: Map<String, Value> = match serde_json::from_str(text) {
            Ok(Value::Object(m)) => m,
            Ok(_) => bail!(InvalidArgument, "AuthToken JSON must be an object"),
            Err(e) => bail!(InvalidArgument, "AuthToken looks like JSON but does not parse: {e}"),
        };
        let client = ClientConfig::from_members(&members)?;
        let persisted = match members.get("access_token") {
            Some(_) => Some(Token::from_persisted(&members)?),
            None => None,
        };
        if client.is_none() && persisted.is_none() {
            bail!(
                InvalidArgument,
                "AuthToken JSON needs token_endpoint and client_id (to fetch a token), or access_token (a token obtained earlier)"
            );
        }
        let (slot, file) = match &client {
            Some(c) => shared_caches(c, jkt),
            None => (TokenSlot::private(None), None),
        };
        if let Some(token) = persisted {
            slot.offer(token);
        }
        Ok(Some(AuthToken {
            client,
            slot,
            file,
            bare: None,
        }))
    }

    /// The same AuthToken used with another DPoP key. A client's tokens are bound to the key they
    /// were fetched with, so the client moves to that key's cache slot; a token given as such
    /// stays as it is.
    pub fn for_key(self, jkt: Option<&str>) -> AuthToken {
        match &self.client {
            Some(client) => {
                let (slot, file) = shared_caches(client, jkt);
                AuthToken { slot, file, ..self }
            }
            None => self,
        }
    }

    /// A token valid now: the one in memory, else the token cache file's, else one fetched or
    /// refreshed through `transport`. Concurrent callers for the same client and key wait for one
    /// fetch instead of each making one (in this process, and through the file, in others).
    pub fn current(&self, transport: &mut dyn TokenTransport) -> Result<Token> {
        let (conditions, wait_limit) = (transport.conditions(), transport.time_limit());
        self.slot
            .get_or_fetch(now_secs(), conditions, wait_limit, |stale| match (&self.client, &self.file) {
                (Some(client), Some(file)) => file.get_or_fetch(stale, transport, |stale, transport| client.obtain(stale, transport)),
                (Some(client), None) => client.obtain(stale, transport),
                // A token given as such is never marked rejected (`invalidate`), so it is stale
                // only by its time.
                (None, _) => Err(Error::new(
                    ErrorKind::InvalidState,
                    "the access token has expired and AuthToken has no token_endpoint and client_id to get a new one",
                )),
            })
    }

    /// Forgets `rejected` (after a resource server answered 401 invalid_token) so the next
    /// `current` gets a new one. Returns false when there is no way to get another token.
    pub fn invalidate(&self, rejected: &Token) -> bool {
        if self.client.is_some() {
            self.slot.invalidate(rejected.access_token());
        }
        self.client.is_some()
    }

    /// The client secret and the client key's password, as far as the client has them.
    pub fn client_secrets(&self) -> Vec<&str> {
        self.client.iter().flat_map(ClientConfig::secrets).collect()
    }

    /// Secrets to mask in logs: the client's and the current tokens.
    pub fn secrets(&self) -> Vec<Zeroizing<String>> {
        let mut secrets: Vec<Zeroizing<String>> = self.client_secrets().into_iter().map(|s| Zeroizing::new(s.to_string())).collect();
        if let Some(token) = self.slot.peek() {
            secrets.push(Zeroizing::new(token.access_token().to_string()));
            secrets.extend(token.refresh_token.clone().map(Zeroizing::new));
        }
        secrets
    }

    /// The getter: a bare token as it was set, else a JSON with the client details and the
    /// current token with an absolute `expires_on`, so a program can persist and reload it.
    pub fn to_json(&self) -> String {
        if let Some(bare) = &self.bare {
            return bare.clone();
        }
        let mut out = Map::new();
        if let Some(client) = &self.client {
            client.write_members(&mut out);
        }
        if let Some(token) = self.slot.peek() {
            token.write_members(&mut out);
        }
        Value::Object(out).to_string()
    }
}

/// The in-memory slot and the token cache file (if the client or the environment names one) of
/// `client` with the DPoP key `jkt`.
fn shared_caches(client: &ClientConfig, jkt: Option<&str>) -> (Arc<TokenSlot>, Option<TokenFile>) {
    let key = client.cache_key(jkt);
    let path = file_cache::chosen_path(client.token_cache.as_deref(), std::env::var_os(file_cache::TOKEN_CACHE_ENV));
    let file = path.map(|path| TokenFile::new(path, &key, client.token_cache_bearer));
    (TokenSlot::shared(&key), file)
}

/// Rejects what would break or inject into an HTTP header.
fn check_token_chars(token: &str) -> Result<()> {
    if !is_visible_ascii(token) {
        bail!(
            InvalidArgument,
            "the access token contains spaces or control characters; it cannot be sent in an Authorization header"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::Url;

    /// Stands in for the HTTP layer: a token endpoint that issues a DPoP token ("at-1",
    /// "at-2"...) to every request, counting them, and a session log that keeps the notes.
    pub(super) struct Issuer {
        pub requests: usize,
        pub notes: Vec<String>,
        pub time_limit: Duration,
    }

    impl Issuer {
        pub fn new() -> Issuer {
            Issuer {
                requests: 0,
                notes: Vec::new(),
                time_limit: Duration::from_secs(5),
            }
        }

        /// Whether a note contains `words`.
        pub fn said(&self, words: &str) -> bool {
            self.notes.iter().any(|n| n.contains(words))
        }
    }

    impl TokenTransport for Issuer {
        fn post_form(&mut self, _: &Url, _: &[(&str, &str)], _: &ClientCredentials, _: &[&str]) -> Result<Answer> {
            self.requests += 1;
            Ok(Answer {
                status: 200,
                reason: "OK".into(),
                body: format!(r#"{{"access_token":"at-{}","token_type":"DPoP","expires_in":600}}"#, self.requests).into_bytes(),
            })
        }
        fn conditions(&self) -> u64 {
            0
        }
        fn get_json(&mut self, _: &Url, _: usize) -> Result<Answer> {
            unreachable!("no metadata documents here")
        }
        fn dpop_key(&self) -> Option<Arc<SigningKey>> {
            None
        }
        fn time_limit(&self) -> Duration {
            self.time_limit
        }
        fn note(&mut self, text: &str) {
            self.notes.push(text.to_string());
        }
    }

    #[test]
    fn the_token_cache_file_holds_the_token_under_the_cache_key_and_no_secret() {
        let dir = std::env::temp_dir().join(format!("libdpop-auth-token-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tokens.json");
        let json = serde_json::json!({
            "token_endpoint": "https://as.example/token", "client_id": "file-cache-test",
            "client_secret": "the-client-s3cret", "scope": "api", "token_cache": path.to_str().unwrap(),
        })
        .to_string();
        let auth = AuthToken::parse(&json, Some("jkt-1")).unwrap().unwrap();
        let mut issuer = Issuer::new();
        assert_eq!(auth.current(&mut issuer).unwrap().access_token(), "at-1");
        assert_eq!(auth.current(&mut issuer).unwrap().access_token(), "at-1", "memory first");
        assert_eq!(issuer.requests, 1);

        let text = std::fs::read_to_string(&path).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let key: String = ClientConfig::from_members(&serde_json::from_str(&json).unwrap())
            .unwrap()
            .unwrap()
            .cache_key(Some("jkt-1"))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let file: Value = serde_json::from_str(&text).unwrap();
        let entry = file["entries"][&key].as_object().expect("the entry under the cache key");
        assert_eq!(entry["access_token"], "at-1");
        assert!(
            !text.contains("s3cret") && !text.contains("file-cache-test") && !text.contains("as.example"),
            "{text}"
        );
        assert!(auth.to_json().contains(r#""token_cache":"#), "the getter keeps the member");
    }

    #[test]
    fn an_empty_token_cache_member_means_no_file() {
        let json = r#"{"token_endpoint":"https://as.example/token","client_id":"c","token_cache":""}"#;
        assert!(AuthToken::parse(json, None).unwrap().unwrap().file.is_none());
    }

    #[test]
    fn a_byte_order_mark_before_an_auth_token_json_is_skipped() {
        let json = "\u{feff}{\"token_endpoint\":\"https://as.example/token\",\"client_id\":\"c\",\"client_secret\":\"s\"}";
        let auth = AuthToken::parse(json, None).unwrap().expect("a client JSON");
        assert!(auth.to_json().contains("\"client_id\":\"c\""));
        let e = AuthToken::parse("\u{feff}{\"client_id\":", None).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(
            e.to_string().starts_with("AuthToken looks like JSON"),
            "not taken for a bare token: {e}"
        );
    }
}
