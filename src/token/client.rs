//! The OAuth client from an AuthToken JSON, and the grants it uses to get tokens.

use super::response::parse_token_response;
use super::{Answer, Scheme, Token, TokenTransport};
use crate::bail;
use crate::clock::now_secs;
use crate::error::{Error, ErrorKind, Result};
use crate::oauth_error::{describe_answer, OAuthError};
use crate::redact::{preview, Redactor};
use crate::url::{self, Url};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// Members that describe the client or a token; every other member is sent as a form field.
const KNOWN_MEMBERS: &[&str] = &[
    "token_endpoint",
    "client_id",
    "client_secret",
    "scope",
    "client_auth",
    "access_token",
    "token_type",
    "expires_in",
    "expires_on",
    "ext_expires_in",
    "refresh_token",
    "id_token",
    "issued_token_type",
    "token_cache",
    "token_cache_bearer",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// client_secret_post: credentials in the form body (the default, as in Chilkat's log).
    Post,
    /// client_secret_basic: credentials in an HTTP Basic Authorization header.
    Basic,
}

pub struct ClientConfig {
    pub token_endpoint: Url,
    pub client_id: String,
    pub client_secret: Option<Zeroizing<String>>,
    pub scope: Option<String>,
    pub auth: ClientAuth,
    /// Other members (resource, audience, ...) sent as form fields, in the order given.
    pub extra: Vec<(String, String)>,
    /// The `token_cache` member as given: a file path, or "" for no file even if the
    /// environment names one.
    pub token_cache: Option<String>,
    /// `token_cache_bearer`: Bearer tokens may be kept in the token cache file too.
    pub token_cache_bearer: bool,
}

impl ClientConfig {
    /// The client described by an AuthToken JSON, or `None` when it has no `token_endpoint`.
    pub fn from_members(members: &Map<String, Value>) -> Result<Option<ClientConfig>> {
        let Some(endpoint) = members.get("token_endpoint") else {
            return Ok(None);
        };
        let endpoint = endpoint
            .as_str()
            .ok_or_else(|| Error::new(ErrorKind::InvalidArgument, "AuthToken: token_endpoint must be a string"))?;
        let token_endpoint = url::parse(endpoint).map_err(|e| e.context("AuthToken: token_endpoint"))?;
        let text = |name: &str| -> Result<Option<String>> {
            match members.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!("AuthToken: {name} must be a string"),
                )),
            }
        };
        let client_id = text("client_id")?.filter(|s| !s.is_empty()).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                "AuthToken: token_endpoint is given but client_id is missing",
            )
        })?;
        let auth = match text("client_auth")?.as_deref() {
            None | Some("post") | Some("client_secret_post") => ClientAuth::Post,
            Some("basic") | Some("client_secret_basic") => ClientAuth::Basic,
            Some(other) => bail!(InvalidArgument, "AuthToken: client_auth '{other}' is not 'post' or 'basic'"),
        };
        let token_cache = text("token_cache")?;
        if token_cache.as_deref().is_some_and(|path| path.contains('\0')) {
            bail!(
                InvalidArgument,
                "AuthToken: token_cache is not a file path (it contains a NUL character)"
            );
        }
        let token_cache_bearer = match members.get("token_cache_bearer") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(allowed)) => *allowed,
            Some(_) => bail!(InvalidArgument, "AuthToken: token_cache_bearer must be true or false"),
        };
        let mut extra = Vec::new();
        for (name, value) in members.iter().filter(|(n, _)| !KNOWN_MEMBERS.contains(&n.as_str())) {
            let value = match value {
                Value::String(s) => s.clone(),
                Value::Number(_) | Value::Bool(_) => value.to_string(),
                _ => bail!(
                    InvalidArgument,
                    "AuthToken: member '{name}' is sent as a form field and must be a string, number or boolean"
                ),
            };
            extra.push((name.clone(), value));
        }
        Ok(Some(ClientConfig {
            token_endpoint,
            client_id,
            client_secret: text("client_secret")?.map(Zeroizing::new),
            scope: text("scope")?.filter(|s| !s.is_empty()),
            auth,
            extra,
            token_cache,
            token_cache_bearer,
        }))
    }

    pub fn write_members(&self, out: &mut Map<String, Value>) {
        out.insert("token_endpoint".into(), self.token_endpoint.as_str().into());
        out.insert("client_id".into(), self.client_id.clone().into());
        if let Some(secret) = &self.client_secret {
            out.insert("client_secret".into(), secret.as_str().into());
        }
        if let Some(scope) = &self.scope {
            out.insert("scope".into(), scope.clone().into());
        }
        if self.auth == ClientAuth::Basic {
            out.insert("client_auth".into(), "basic".into());
        }
        for (name, value) in &self.extra {
            out.insert(name.clone(), value.clone().into());
        }
        if let Some(path) = &self.token_cache {
            out.insert("token_cache".into(), path.clone().into());
        }
        if self.token_cache_bearer {
            out.insert("token_cache_bearer".into(), true.into());
        }
    }

    /// Identifies this client bound to the DPoP key `jkt` in the process-wide cache.
    pub fn cache_key(&self, jkt: Option<&str>) -> [u8; 32] {
        let mut extra = self.extra.clone();
        extra.sort();
        let secret_hash = self
            .client_secret
            .as_ref()
            .map(|s| Sha256::digest(s.as_bytes()).to_vec())
            .unwrap_or_default();
        let mut h = Sha256::new();
        let mut field = |bytes: &[u8]| {
            // Length-prefixed so that no two different field lists hash the same bytes.
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(self.token_endpoint.as_str().as_bytes());
        field(self.client_id.as_bytes());
        field(&secret_hash);
        field(self.scope.as_deref().unwrap_or("").as_bytes());
        field(&[self.auth as u8]);
        for (name, value) in &extra {
            field(name.as_bytes());
            field(value.as_bytes());
        }
        field(jkt.unwrap_or("").as_bytes());
        h.finalize().into()
    }

    /// A new token: the refresh_token grant when the stale token has a refresh token (falling
    /// back to client_credentials if the server refuses it), else client_credentials.
    pub fn obtain(&self, stale: Option<&Token>, transport: &mut dyn TokenTransport) -> Result<Token> {
        if let Some(refresh_token) = stale.and_then(|t| t.refresh_token.as_deref()) {
            if let Ok(token) = self.grant(
                &[("grant_type", "refresh_token"), ("refresh_token", refresh_token)],
                refresh_token,
                transport,
            ) {
                return Ok(token);
            }
        }
        let mut form = vec![("grant_type", "client_credentials")];
        if let Some(scope) = &self.scope {
            form.push(("scope", scope));
        }
        self.grant(&form, "", transport)
    }

    fn grant(&self, grant_fields: &[(&str, &str)], refresh_token: &str, transport: &mut dyn TokenTransport) -> Result<Token> {
        let secret = self.client_secret.as_ref().map(|s| s.as_str());
        let mut form: Vec<(&str, &str)> = grant_fields.to_vec();
        if self.auth == ClientAuth::Post {
            form.push(("client_id", &self.client_id));
            form.extend(secret.map(|s| ("client_secret", s)));
        }
        form.extend(self.extra.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let basic = (self.auth == ClientAuth::Basic).then(|| (self.client_id.as_str(), secret.unwrap_or("")));
        let secrets: Vec<&str> = secret.into_iter().chain(Some(refresh_token)).collect();

        let grant_type = grant_fields[0].1;
        let what = format!(
            "requesting a token ({grant_type} grant) from {}",
            url::display(self.token_endpoint.as_str())
        );
        let answer = transport
            .post_form(&self.token_endpoint, &form, basic, &secrets)
            .map_err(|e| e.context(&what))?;
        let redactor = Redactor::new(&secrets);
        if answer.status != 200 {
            return Err(refusal(&answer, &redactor).context(&what));
        }
        let mut token = parse_token_response(&answer.body, now_secs(), &redactor).map_err(|e| e.context(&what))?;
        if transport.sends_proofs() && token.scheme(true) != Scheme::DPoP {
            transport.note(&format!(
                "the token endpoint did not issue a DPoP token (token_type {}; a missing one means Bearer) to a request with a DPoP proof: it is sent as Bearer, without proofs",
                token.token_type.as_deref().unwrap_or("Bearer")
            ));
        }
        if token.refresh_token.is_none() && !refresh_token.is_empty() {
            // RFC 6749 6: the server may keep the old refresh token valid without resending it.
            token.refresh_token = Some(refresh_token.to_string());
        }
        Ok(token)
    }
}

/// The error for a token endpoint's answer other than 200: a redirect is not followed (Protocol:
/// the client secret goes nowhere else); a 4xx with an OAuth error body is the server refusing the
/// request (OAuth); anything else, 5xx included, is HttpStatus with the start of what it sent.
fn refusal(answer: &Answer, redactor: &Redactor) -> Error {
    if (300..400).contains(&answer.status) {
        return Error::new(
            ErrorKind::Protocol,
            describe_answer(
                answer.status,
                &answer.reason,
                Some("a redirect; not followed, so that credentials are not sent elsewhere"),
                redactor,
            ),
        );
    }
    let said = match OAuthError::from_body(&answer.body, redactor) {
        Some(said) if (400..500).contains(&answer.status) => {
            return Error::new(
                ErrorKind::OAuth,
                describe_answer(answer.status, &answer.reason, Some(&said.to_string()), redactor),
            )
        }
        Some(said) => said.to_string(),
        None if answer.body.is_empty() => "with an empty body".to_string(),
        None => format!("its answer starts with: {}", preview(&answer.body, redactor)),
    };
    Error::new(
        ErrorKind::HttpStatus,
        describe_answer(answer.status, &answer.reason, Some(&said), redactor),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(json: &str) -> Result<Option<ClientConfig>> {
        ClientConfig::from_members(&serde_json::from_str(json).unwrap())
    }

    /// A recorded token request: the form fields and the Basic credentials, if any.
    type Post = (Vec<(String, String)>, Option<(String, String)>);

    /// Records what was posted and answers with canned responses, standing in for the HTTP
    /// layer (the real server is exercised by the end-to-end tests).
    struct Recorder {
        posts: Vec<Post>,
        answers: Vec<(u16, &'static str)>,
    }

    impl TokenTransport for Recorder {
        fn post_form(&mut self, _: &Url, form: &[(&str, &str)], basic: Option<(&str, &str)>, _: &[&str]) -> Result<Answer> {
            let form = form.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
            self.posts.push((form, basic.map(|(u, p)| (u.to_string(), p.to_string()))));
            let (status, body) = self.answers.remove(0);
            Ok(Answer {
                status,
                reason: String::new(),
                body: body.as_bytes().to_vec(),
            })
        }

        fn conditions(&self) -> u64 {
            0
        }

        fn sends_proofs(&self) -> bool {
            false
        }

        fn time_limit(&self) -> std::time::Duration {
            std::time::Duration::from_secs(1)
        }

        fn note(&mut self, _: &str) {}
    }

    #[test]
    fn seed_json_becomes_a_client_credentials_post() {
        let c = config(r#"{"client_secret":"secret","client_id":"m2m.dpop","token_endpoint":"https://as.example/connect/token","scope":"api","resource":"urn:api"}"#).unwrap().unwrap();
        let mut t = Recorder {
            posts: vec![],
            answers: vec![(200, r#"{"access_token":"at1","token_type":"DPoP","expires_in":60}"#)],
        };
        let token = c.obtain(None, &mut t).unwrap();
        assert_eq!(token.access_token, "at1");
        let (form, basic) = &t.posts[0];
        let pairs: Vec<(&str, &str)> = form.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("grant_type", "client_credentials"),
                ("scope", "api"),
                ("client_id", "m2m.dpop"),
                ("client_secret", "secret"),
                ("resource", "urn:api")
            ]
        );
        assert!(basic.is_none());
    }

    #[test]
    fn basic_auth_moves_credentials_to_the_header() {
        let c = config(r#"{"client_id":"c","client_secret":"s","token_endpoint":"http://127.0.0.1:1/t","client_auth":"basic"}"#)
            .unwrap()
            .unwrap();
        let mut t = Recorder {
            posts: vec![],
            answers: vec![(200, r#"{"access_token":"at","token_type":"Bearer"}"#)],
        };
        c.obtain(None, &mut t).unwrap();
        assert_eq!(t.posts[0].0, [("grant_type".to_string(), "client_credentials".to_string())]);
        assert_eq!(t.posts[0].1, Some(("c".into(), "s".into())));
    }

    #[test]
    fn refresh_token_is_used_and_client_credentials_is_the_fallback() {
        let c = config(r#"{"client_id":"c","client_secret":"s","token_endpoint":"http://127.0.0.1:1/t"}"#)
            .unwrap()
            .unwrap();
        let mut stale = Token::bare("old");
        stale.refresh_token = Some("rt".into());
        let mut t = Recorder {
            posts: vec![],
            answers: vec![(400, r#"{"error":"invalid_grant"}"#), (200, r#"{"access_token":"new"}"#)],
        };
        assert_eq!(c.obtain(Some(&stale), &mut t).unwrap().access_token, "new");
        assert_eq!(t.posts[0].0[0].1, "refresh_token");
        assert_eq!(t.posts[0].0[1], ("refresh_token".to_string(), "rt".to_string()));
        assert_eq!(t.posts[1].0[0].1, "client_credentials");
    }

    #[test]
    fn server_errors_are_reported_with_error_and_description() {
        let c = config(r#"{"client_id":"c","client_secret":"s","token_endpoint":"http://127.0.0.1:1/t"}"#)
            .unwrap()
            .unwrap();
        let mut t = Recorder {
            posts: vec![],
            answers: vec![(
                401,
                r#"{"error":"invalid_client","error_description":"client authentication failed"}"#,
            )],
        };
        let err = c.obtain(None, &mut t).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::OAuth);
        let err = err.to_string();
        assert!(err.contains("answered 401 (invalid_client: client authentication failed)"), "{err}");
        assert!(err.contains("client_credentials grant"), "{err}");
        assert!(!err.contains("\"s\""));
    }

    #[test]
    fn long_server_errors_are_clipped() {
        let body = serde_json::json!({"error": "invalid_scope", "error_description": "x".repeat(100_000)}).to_string();
        let e = refusal(
            &Answer {
                status: 400,
                reason: "Bad Request".into(),
                body: body.into_bytes(),
            },
            &Redactor::new(&[]),
        );
        assert_eq!(e.kind(), ErrorKind::OAuth);
        let text = e.to_string();
        assert!(
            text.starts_with("the server answered 400 Bad Request (invalid_scope: xxx") && text.ends_with("...)"),
            "{text}"
        );
        assert!(text.len() < 300);
    }

    #[test]
    fn a_secret_echoed_by_the_server_is_masked_before_its_words_are_clipped() {
        let secret = "cl1ent-s3cret-with-some-length";
        // The secret straddles the 200th character of what is quoted.
        let straddling = |before: &str| format!("{before}{}{secret} does not match", "x".repeat(190 - before.len()));
        for body in [
            serde_json::json!({"error": "invalid_client", "error_description": straddling("")}).to_string(),
            format!("{}</body></html>", straddling("<html><body>")),
            format!("client secret {secret} is wrong"),
        ] {
            let e = refusal(
                &Answer {
                    status: 401,
                    reason: "Unauthorized".into(),
                    body: body.into_bytes(),
                },
                &Redactor::new(&[secret]),
            )
            .to_string();
            assert!(!e.contains(&secret[..8]), "no part of the secret: {e}");
            assert!(e.contains("****"), "masked, not dropped: {e}");
        }
    }

    #[test]
    fn answers_that_are_not_oauth_errors_are_http_status_errors() {
        let answer = |body: &str| Answer {
            status: 503,
            reason: "Service Unavailable".into(),
            body: body.as_bytes().to_vec(),
        };
        let e = refusal(&answer("<html>down</html>"), &Redactor::new(&[]));
        assert_eq!(e.kind(), ErrorKind::HttpStatus);
        assert_eq!(
            e.to_string(),
            "the server answered 503 Service Unavailable (its answer starts with: <html>down</html>)"
        );
        let e = refusal(&answer(""), &Redactor::new(&[]));
        assert_eq!(e.kind(), ErrorKind::HttpStatus);
        assert!(e.to_string().ends_with("(with an empty body)"), "{e}");
    }

    #[test]
    fn cache_keys_separate_clients_secrets_and_keys() {
        let base = r#"{"client_id":"c","client_secret":"s","token_endpoint":"http://127.0.0.1:1/t","scope":"api"}"#;
        let key = |json: &str, jkt| config(json).unwrap().unwrap().cache_key(jkt);
        let k = key(base, Some("k1"));
        assert_eq!(k, key(base, Some("k1")));
        assert_ne!(k, key(base, Some("k2")));
        assert_ne!(k, key(&base.replace("\"s\"", "\"other\""), Some("k1")));
        assert_ne!(k, key(&base.replace("api", "api2"), Some("k1")));
        assert_ne!(k, key(&base.replace("}", r#","resource":"r"}"#), Some("k1")));
    }

    #[test]
    fn the_token_cache_members_are_not_form_fields_and_are_kept_for_the_getter() {
        let json = r#"{"client_id":"c","token_endpoint":"http://127.0.0.1:1/t","token_cache":"/var/lib/app/tokens.json","token_cache_bearer":true}"#;
        let c = config(json).unwrap().unwrap();
        assert!(c.extra.is_empty(), "{:?}", c.extra);
        assert_eq!(
            (c.token_cache.as_deref(), c.token_cache_bearer),
            (Some("/var/lib/app/tokens.json"), true)
        );
        let mut out = Map::new();
        c.write_members(&mut out);
        assert_eq!(out["token_cache"], "/var/lib/app/tokens.json");
        assert_eq!(out["token_cache_bearer"], true);
        let plain = config(r#"{"client_id":"c","token_endpoint":"http://127.0.0.1:1/t"}"#)
            .unwrap()
            .unwrap();
        assert_eq!(
            plain.cache_key(None),
            c.cache_key(None),
            "where tokens are kept does not make another client"
        );
    }

    #[test]
    fn malformed_client_json_is_explained() {
        for (json, expected) in [
            (r#"{"token_endpoint":"http://127.0.0.1/t"}"#, "client_id is missing"),
            (r#"{"token_endpoint":"nope","client_id":"c"}"#, "invalid URL"),
            (r#"{"token_endpoint":5,"client_id":"c"}"#, "must be a string"),
            (
                r#"{"token_endpoint":"http://a/t","client_id":"c","client_auth":"jwt"}"#,
                "not 'post' or 'basic'",
            ),
            (r#"{"token_endpoint":"http://a/t","client_id":"c","claims":{"a":1}}"#, "form field"),
            (
                r#"{"token_endpoint":"http://a/t","client_id":"c","token_cache":5}"#,
                "token_cache must be a string",
            ),
            (r#"{"token_endpoint":"http://a/t","client_id":"c","token_cache":"a\u0000b"}"#, "NUL"),
            (
                r#"{"token_endpoint":"http://a/t","client_id":"c","token_cache_bearer":"yes"}"#,
                "true or false",
            ),
        ] {
            let err = config(json).err().unwrap_or_else(|| panic!("{json} was accepted"));
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{json}");
            assert!(err.to_string().contains(expected), "{json}: {err}");
        }
    }
}
