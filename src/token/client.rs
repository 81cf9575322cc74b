//! The OAuth client from an AuthToken JSON, and the grants it uses to get tokens.

use super::assertion::{self, AssertionConfig};
use super::discovery;
use super::response::{jwt_cnf_jkt, token_from_members, token_response_members};
use super::{basic_credentials, Answer, ClientCredentials, Scheme, Token, TokenTransport};
use crate::accepted_algs;
use crate::bail;
use crate::clock::now_secs;
use crate::error::{Error, ErrorKind, Refusal, Result};
use crate::oauth_error::{describe_answer, OAuthError};
use crate::redact::{is_secret_name, preview, Redactor};
use crate::url::{self, Url};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// Members that describe the client or a token; every other member (but the client
/// assertion's, `assertion::MEMBERS`) is sent as a form field.
const KNOWN_MEMBERS: &[&str] = &[
    "token_endpoint",
    "issuer",
    "grant_type",
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

/// A token endpoint's answer to a grant: the token as the library uses it, and the members of the
/// server's JSON as it sent them (`id_token`, `issued_token_type`, ...).
pub struct Issued {
    pub token: Token,
    pub members: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// client_secret_post: credentials in the form body (the default, as in Chilkat's log).
    Post,
    /// client_secret_basic: credentials in an HTTP Basic Authorization header.
    Basic,
    /// private_key_jwt: a JWT signed with the client's key (RFC 7523 2.2).
    PrivateKeyJwt,
}

/// The grant a client uses for a new token when it has no refresh token.
const DEFAULT_GRANT: &str = "client_credentials";

pub struct ClientConfig {
    /// `token_endpoint` as given; `None` when it is discovered from `issuer`.
    pub token_endpoint: Option<Url>,
    /// `issuer`, for metadata discovery (RFC 8414).
    pub issuer: Option<Url>,
    pub client_id: String,
    pub client_secret: Option<Zeroizing<String>>,
    /// `client_id:client_secret` as a Basic Authorization header carries it (an empty secret
    /// when none is given), made once.
    basic_credentials: Zeroizing<String>,
    pub scope: Option<String>,
    /// As `client_auth` says (private_key_jwt also when `client_key` is given); `None`: the
    /// metadata's methods decide, else client_secret_post.
    pub auth: Option<ClientAuth>,
    /// How private_key_jwt assertions are made.
    pub assertion: AssertionConfig,
    /// `grant_type`: client_credentials unless the JSON names another (token exchange...).
    pub grant_type: String,
    /// Other members (resource, audience, subject_token...) sent as form fields, in the order
    /// given; an array sends one field per string (several `resource` values, RFC 8707).
    pub extra: Vec<(String, String)>,
    /// The `token_cache` member as given: a file path, or "" for no file even if the
    /// environment names one.
    pub token_cache: Option<String>,
    /// `token_cache_bearer`: Bearer tokens may be kept in the token cache file too.
    pub token_cache_bearer: bool,
}

impl ClientConfig {
    /// The client described by an AuthToken JSON, or `None` when it has neither `token_endpoint`
    /// nor `issuer`.
    pub fn from_members(members: &Map<String, Value>) -> Result<Option<ClientConfig>> {
        let location = |name: &str| -> Result<Option<Url>> {
            string_member(members, name)?
                .map(|text| url::parse(&text).map_err(|e| e.context(format!("AuthToken: {name}"))))
                .transpose()
        };
        let (token_endpoint, issuer) = (location("token_endpoint")?, location("issuer")?);
        if token_endpoint.is_none() && issuer.is_none() {
            return Ok(None);
        }
        let text = |name: &str| string_member(members, name);
        let client_id = text("client_id")?.filter(|s| !s.is_empty()).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                "AuthToken: token_endpoint or issuer is given but client_id is missing",
            )
        })?;
        let client_secret = text("client_secret")?.map(Zeroizing::new);
        let auth = match text("client_auth")?.as_deref() {
            None => None,
            Some("post") | Some("client_secret_post") => Some(ClientAuth::Post),
            Some("basic") | Some("client_secret_basic") => Some(ClientAuth::Basic),
            Some("private_key_jwt") => Some(ClientAuth::PrivateKeyJwt),
            Some(other) => bail!(
                InvalidArgument,
                "AuthToken: client_auth '{other}' is not 'post', 'basic' or 'private_key_jwt'"
            ),
        };
        let assertion = AssertionConfig::from_members(text, members.get("issuer").and_then(Value::as_str))?;
        let auth = auth.or(assertion.has_key().then_some(ClientAuth::PrivateKeyJwt));
        match auth {
            Some(ClientAuth::Post | ClientAuth::Basic) if assertion.is_given() => bail!(
                InvalidArgument,
                "AuthToken: client_key and client_assertion_aud are for client_auth 'private_key_jwt', not a client secret"
            ),
            Some(ClientAuth::PrivateKeyJwt) if client_secret.is_some() => bail!(
                InvalidArgument,
                "AuthToken: client_secret and private_key_jwt exclude each other (a server refuses a client that authenticates twice)"
            ),
            _ => {}
        }
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
        let is_known = |name: &str| KNOWN_MEMBERS.contains(&name) || assertion::MEMBERS.contains(&name);
        for (name, value) in members.iter().filter(|(n, _)| !is_known(n)) {
            let form_value = |value: &Value| match value {
                Value::String(s) => Some(s.clone()),
                Value::Number(_) | Value::Bool(_) => Some(value.to_string()),
                _ => None,
            };
            let values: Option<Vec<String>> = match value {
                Value::Array(items) => items.iter().map(form_value).collect(),
                single => form_value(single).map(|v| vec![v]),
            };
            let Some(values) = values else {
                bail!(
                    InvalidArgument,
                    "AuthToken: member '{name}' is sent as a form field and must be a string, number or boolean, or an array of them"
                );
            };
            extra.extend(values.into_iter().map(|v| (name.clone(), v)));
        }
        Ok(Some(ClientConfig {
            token_endpoint,
            issuer,
            basic_credentials: basic_credentials(&client_id, client_secret.as_ref().map_or("", |secret| secret.as_str())),
            client_id,
            client_secret,
            scope: text("scope")?.filter(|s| !s.is_empty()),
            auth,
            assertion,
            grant_type: text("grant_type")?
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| DEFAULT_GRANT.into()),
            extra,
            token_cache,
            token_cache_bearer,
        }))
    }

    pub fn write_members(&self, out: &mut Map<String, Value>) {
        if let Some(endpoint) = &self.token_endpoint {
            out.insert("token_endpoint".into(), endpoint.as_str().into());
        }
        if let Some(issuer) = &self.issuer {
            out.insert("issuer".into(), issuer.as_str().into());
        }
        out.insert("client_id".into(), self.client_id.clone().into());
        if let Some(secret) = &self.client_secret {
            out.insert("client_secret".into(), secret.as_str().into());
        }
        if let Some(scope) = &self.scope {
            out.insert("scope".into(), scope.clone().into());
        }
        match self.auth {
            Some(ClientAuth::Basic) => out.insert("client_auth".into(), "basic".into()),
            Some(ClientAuth::Post) => out.insert("client_auth".into(), "post".into()),
            Some(ClientAuth::PrivateKeyJwt) => out.insert("client_auth".into(), "private_key_jwt".into()),
            None => None,
        };
        self.assertion.write_members(out);
        if self.grant_type != DEFAULT_GRANT {
            out.insert("grant_type".into(), self.grant_type.clone().into());
        }
        for (name, value) in &self.extra {
            match out.get_mut(name) {
                // A repeated form field was an array.
                Some(Value::Array(items)) => items.push(value.clone().into()),
                Some(first) => *first = Value::Array(vec![first.take(), value.clone().into()]),
                None => {
                    out.insert(name.clone(), value.clone().into());
                }
            }
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
        field(self.token_endpoint.as_ref().map_or("", Url::as_str).as_bytes());
        field(self.issuer.as_ref().map_or("", Url::as_str).as_bytes());
        field(self.client_id.as_bytes());
        field(&secret_hash);
        field(self.scope.as_deref().unwrap_or("").as_bytes());
        field(&[self.auth.map_or(0, |a| a as u8 + 1)]);
        field(self.grant_type.as_bytes());
        for (name, value) in &extra {
            field(name.as_bytes());
            field(value.as_bytes());
        }
        field(jkt.unwrap_or("").as_bytes());
        // Last and only when given, so that the keys of other clients stay as they were.
        if let Some(client_key) = self.assertion.key_thumbprint() {
            field(client_key.as_bytes());
        }
        h.finalize().into()
    }

    /// The client secret (also in its Basic header form, which a server may echo) and the client
    /// key's password, as far as given: masked everywhere.
    pub fn secrets(&self) -> impl Iterator<Item = &str> {
        let basic = self.client_secret.as_ref().map(|_| &self.basic_credentials);
        [self.client_secret.as_ref(), basic, self.assertion.password.as_ref()]
            .into_iter()
            .flatten()
            .map(|secret| secret.as_str())
    }

    /// A new token: the refresh_token grant when the stale token has a refresh token (falling
    /// back to the client's own grant when the server refuses it with an OAuth error such as
    /// invalid_grant; a server that cannot be reached is not asked twice), else the client's
    /// grant (client_credentials unless `grant_type` says otherwise). When the fallback fails
    /// too, its error also says why the refresh token was refused: that is usually the cause.
    pub fn obtain(&self, stale: Option<&Token>, transport: &mut dyn TokenTransport) -> Result<Token> {
        let mut refused = None;
        if let Some(refresh_token) = stale.and_then(|t| t.refresh_token.as_deref()) {
            match self.grant(&[("grant_type", "refresh_token"), ("refresh_token", refresh_token)], transport) {
                Ok(issued) => return Ok(issued.token),
                Err(refusal) if refusal.kind() == ErrorKind::OAuth => {
                    transport.note(&format!(
                        "the refresh token was refused ({refusal}); asking for a new token with the client's grant"
                    ));
                    refused = Some(refusal);
                }
                Err(error) => return Err(error),
            }
        }
        match (self.request(&[], transport), refused) {
            (Ok(issued), _) => Ok(issued.token),
            (Err(e), Some(refusal)) => Err(e.with_note(&format!("after the refresh token was refused: {refusal}"))),
            (Err(e), None) => Err(e),
        }
    }

    /// The client's grant (`grant_type`) with `fields` of its own (code, redirect_uri,
    /// code_verifier, refresh_token, ...), then the scope, the client's authentication and extra
    /// members.
    pub fn request(&self, fields: &[(&str, &str)], transport: &mut dyn TokenTransport) -> Result<Issued> {
        let mut form = vec![("grant_type", self.grant_type.as_str())];
        form.extend_from_slice(fields);
        if let Some(scope) = &self.scope {
            form.push(("scope", scope));
        }
        self.grant(&form, transport)
    }

    /// Where token requests go: `token_endpoint`, or the one the issuer's metadata names.
    fn endpoint_and_metadata(
        &self,
        transport: &mut dyn TokenTransport,
    ) -> Result<(Url, Option<std::sync::Arc<discovery::ServerMetadata>>)> {
        match (&self.token_endpoint, &self.issuer) {
            (Some(endpoint), _) => Ok((endpoint.clone(), None)),
            (None, Some(issuer)) => {
                let metadata = discovery::metadata(issuer, transport)?;
                Ok((metadata.token_endpoint.clone(), Some(metadata)))
            }
            (None, None) => unreachable!("from_members requires token_endpoint or issuer"),
        }
    }

    /// client_auth if given (or implied by client_key); else what the server's metadata lists:
    /// private_key_jwt signed with the DPoP key for a client without a secret, when there is a
    /// DPoP key; client_secret_basic when it lists that and not client_secret_post; else
    /// client_secret_post, as Chilkat sends.
    fn auth_method(&self, metadata: Option<&discovery::ServerMetadata>, has_dpop_key: bool) -> ClientAuth {
        let lists = |method: &str| metadata.is_some_and(|m| m.auth_methods.iter().any(|a| a == method));
        match self.auth {
            Some(auth) => auth,
            None if self.client_secret.is_none() && has_dpop_key && lists("private_key_jwt") => ClientAuth::PrivateKeyJwt,
            None if lists("client_secret_basic") && !lists("client_secret_post") => ClientAuth::Basic,
            None => ClientAuth::Post,
        }
    }

    /// Posts `grant_fields` (grant_type first) with the client's authentication and extra members.
    fn grant(&self, grant_fields: &[(&str, &str)], transport: &mut dyn TokenTransport) -> Result<Issued> {
        let grant_type = grant_fields[0].1;
        let (endpoint, metadata) = self
            .endpoint_and_metadata(transport)
            .map_err(|e| e.context(format!("requesting a token ({grant_type} grant)")))?;
        let what = format!("requesting a token ({grant_type} grant) from {}", url::display(endpoint.as_str()));
        if let Some(metadata) = metadata.as_deref().filter(|m| !m.dpop_signing_algs.is_empty()) {
            // Proofs for the token endpoint are signed with an algorithm the server lists.
            accepted_algs::remember(&endpoint, &metadata.dpop_signing_algs);
        }
        let dpop_key = transport.dpop_key();
        let auth = self.auth_method(metadata.as_deref(), dpop_key.is_some());
        let assertion_signer = (auth == ClientAuth::PrivateKeyJwt)
            .then(|| {
                self.assertion
                    .signer(&self.client_id, &endpoint, metadata.as_deref(), dpop_key.clone())
            })
            .transpose()
            .map_err(|e| e.context(&what))?;
        if auth == ClientAuth::PrivateKeyJwt && self.auth.is_none() {
            transport.note("the client has no client_secret and the server's metadata lists private_key_jwt: the client authenticates with an assertion signed by the DPoP key");
        }
        let secret = self.client_secret.as_ref().map(|s| s.as_str());
        let mut form: Vec<(&str, &str)> = grant_fields.to_vec();
        if auth != ClientAuth::Basic {
            form.push(("client_id", &self.client_id));
        }
        if auth == ClientAuth::Post {
            form.extend(secret.map(|s| ("client_secret", s)));
        }
        form.extend(self.extra.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let credentials = match (auth, &assertion_signer) {
            (ClientAuth::Basic, _) => ClientCredentials::Basic(&self.basic_credentials),
            (_, Some(signer)) => ClientCredentials::Assertion(signer),
            _ => ClientCredentials::InForm,
        };
        let grant_secrets = form
            .iter()
            .filter(|(name, _)| is_secret_name(name.as_bytes()))
            .map(|(_, value)| *value);
        let secrets: Vec<&str> = self.secrets().chain(grant_secrets).collect();

        let answer = transport
            .post_form(&endpoint, &form, &credentials, &secrets)
            .map_err(|e| e.context(&what))?;
        let redactor = Redactor::new(&secrets);
        if answer.status != 200 {
            return Err(refusal(&answer, &redactor).context(&what));
        }
        let parsed = token_response_members(&answer.body, &redactor)
            .and_then(|members| Ok((token_from_members(&members, now_secs(), &redactor)?, members)));
        let (mut token, members) = parsed.map_err(|e| e.context(&what))?;
        let jkt = dpop_key.and_then(|key| key.thumbprint("SHA256").ok());
        if let (Some(ours), Some(bound)) = (jkt.as_deref(), jwt_cnf_jkt(token.access_token())) {
            if ours != bound {
                return Err(Error::new(
                    ErrorKind::Protocol,
                    format!("the access token is bound to another key (its cnf.jkt is {bound}, this key's thumbprint is {ours}); it would be refused"),
                )
                .context(&what));
            }
        }
        if jkt.is_some() && token.scheme(true) != Scheme::DPoP {
            transport.note(&format!(
                "the token endpoint did not issue a DPoP token (token_type {}; a missing one means Bearer) to a request with a DPoP proof: it is sent as Bearer, without proofs",
                token.token_type.as_deref().unwrap_or("Bearer")
            ));
        }
        if token.refresh_token.is_none() {
            // RFC 6749 6: the server may keep the old refresh token valid without resending it.
            let sent = grant_fields.iter().find(|(name, _)| *name == "refresh_token");
            token.refresh_token = sent.map(|(_, value)| value.to_string());
        }
        Ok(Issued { token, members })
    }
}

/// The string member `name`, if given; an error if it is not a string.
fn string_member(members: &Map<String, Value>, name: &str) -> Result<Option<String>> {
    match members.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("AuthToken: {name} must be a string"),
        )),
    }
}

/// The error for a token endpoint's answer other than 200: a redirect is not followed (Protocol:
/// the client secret goes nowhere else); a 4xx with an OAuth error body is the server refusing the
/// request (OAuth); anything else, 5xx included, is HttpStatus with the start of what it sent.
fn refusal(answer: &Answer, redactor: &Redactor) -> Error {
    let said = OAuthError::from_body(&answer.body, redactor);
    let values = Refusal {
        status: answer.status,
        reason: preview(answer.reason.as_bytes(), redactor),
        error: said.as_ref().map(|s| s.error.clone()).unwrap_or_default(),
        description: said.as_ref().and_then(|s| s.description.clone()).unwrap_or_default(),
    };
    let (kind, words) = match said {
        _ if (300..400).contains(&answer.status) => (
            ErrorKind::Protocol,
            "a redirect; not followed, so that credentials are not sent elsewhere".to_string(),
        ),
        Some(said) if (400..500).contains(&answer.status) => (ErrorKind::OAuth, said.to_string()),
        Some(said) => (ErrorKind::HttpStatus, said.to_string()),
        None if answer.body.is_empty() => (ErrorKind::HttpStatus, "with an empty body".to_string()),
        None => (
            ErrorKind::HttpStatus,
            format!("its answer starts with: {}", preview(&answer.body, redactor)),
        ),
    };
    Error::new(kind, describe_answer(answer.status, &answer.reason, Some(&words), redactor)).with_refusal(values)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::key::SigningKey;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
    use base64::Engine;
    use std::sync::Arc;

    fn config(json: &str) -> Result<Option<ClientConfig>> {
        ClientConfig::from_members(&serde_json::from_str(json).unwrap())
    }

    /// A recorded token request: the form fields and the Basic credentials, if any.
    type Post = (Vec<(String, String)>, Option<String>);

    /// Records what was posted and answers with canned responses, standing in for the HTTP
    /// layer (the real server is exercised by the end-to-end tests). Also used by the tests of
    /// `token::request`.
    #[derive(Default)]
    pub(in crate::token) struct Recorder {
        posts: Vec<Post>,
        answers: Vec<(u16, &'static str)>,
        key: Option<Arc<SigningKey>>,
        notes: Vec<String>,
    }

    impl Recorder {
        pub(in crate::token) fn answering(answers: &[(u16, &'static str)]) -> Recorder {
            Recorder {
                answers: answers.to_vec(),
                ..Recorder::default()
            }
        }

        /// The form fields of the `n`th request posted.
        pub(in crate::token) fn form(&self, n: usize) -> Vec<(&str, &str)> {
            self.posts[n].0.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
        }
    }

    impl TokenTransport for Recorder {
        fn post_form(&mut self, _: &Url, form: &[(&str, &str)], credentials: &ClientCredentials, _: &[&str]) -> Result<Answer> {
            let mut form: Vec<(String, String)> = form.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
            let mut basic = None;
            match credentials {
                ClientCredentials::InForm => {}
                ClientCredentials::Basic(credentials) => basic = Some(credentials.to_string()),
                ClientCredentials::Assertion(signer) => form.push(("client_assertion".into(), signer.assertion().to_string())),
            }
            self.posts.push((form, basic));
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

        fn get_json(&mut self, _: &Url, _: usize) -> Result<Answer> {
            unreachable!("these clients name their token endpoint")
        }

        fn dpop_key(&self) -> Option<Arc<SigningKey>> {
            self.key.clone()
        }

        fn time_limit(&self) -> std::time::Duration {
            std::time::Duration::from_secs(1)
        }

        fn note(&mut self, text: &str) {
            self.notes.push(text.to_string());
        }
    }

    #[test]
    fn seed_json_becomes_a_client_credentials_post() {
        let c = config(r#"{"client_secret":"secret","client_id":"m2m.dpop","token_endpoint":"https://as.example/connect/token","scope":"api","resource":"urn:api"}"#).unwrap().unwrap();
        let mut t = Recorder::answering(&[(200, r#"{"access_token":"at1","token_type":"DPoP","expires_in":60}"#)]);
        let token = c.obtain(None, &mut t).unwrap();
        assert_eq!(token.access_token(), "at1");
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
    fn another_grant_type_and_repeated_fields_go_into_the_form() {
        let json = r#"{"client_id":"c","client_secret":"s","token_endpoint":"http://127.0.0.1:1/t","scope":"api",
            "grant_type":"urn:ietf:params:oauth:grant-type:token-exchange","subject_token":"st-123",
            "subject_token_type":"urn:ietf:params:oauth:token-type:access_token","resource":["https://a.example/","https://b.example/"],"audience":"api-b"}"#;
        let c = config(json).unwrap().unwrap();
        let mut t = Recorder::answering(&[(
            200,
            r#"{"access_token":"exchanged","token_type":"Bearer","issued_token_type":"urn:ietf:params:oauth:token-type:access_token"}"#,
        )]);
        assert_eq!(c.obtain(None, &mut t).unwrap().access_token(), "exchanged");
        assert_eq!(
            t.form(0),
            [
                ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
                ("scope", "api"),
                ("client_id", "c"),
                ("client_secret", "s"),
                ("subject_token", "st-123"),
                ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"),
                ("resource", "https://a.example/"),
                ("resource", "https://b.example/"),
                ("audience", "api-b"),
            ]
        );
        let mut out = Map::new();
        c.write_members(&mut out);
        assert_eq!(out["resource"], serde_json::json!(["https://a.example/", "https://b.example/"]));
        assert_eq!(out["grant_type"], "urn:ietf:params:oauth:grant-type:token-exchange");
        let again = ClientConfig::from_members(&out).unwrap().unwrap();
        assert_eq!(again.extra, c.extra, "what the getter writes reads back the same");
        assert_eq!(again.cache_key(None), c.cache_key(None));
    }

    #[test]
    fn a_token_bound_to_another_key_is_refused_and_an_unbound_one_noted() {
        let c = config(r#"{"client_id":"c","client_secret":"s","token_endpoint":"http://127.0.0.1:1/t"}"#)
            .unwrap()
            .unwrap();
        let claims = B64URL.encode(br#"{"cnf":{"jkt":"someone-elses-thumbprint"}}"#);
        let bound_elsewhere: &'static str =
            Box::leak(format!(r#"{{"access_token":"eyJhbGciOiJFUzI1NiJ9.{claims}.sig","token_type":"DPoP"}}"#).into_boxed_str());
        let key = Arc::new(SigningKey::generate_ec("P-256").unwrap());
        let mut t = Recorder::answering(&[(200, bound_elsewhere)]);
        t.key = Some(key.clone());
        let e = c.obtain(None, &mut t).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Protocol);
        let ours = key.thumbprint("SHA256").unwrap();
        assert!(
            e.to_string().contains(&format!(
                "bound to another key (its cnf.jkt is someone-elses-thumbprint, this key's thumbprint is {ours})"
            )),
            "{e}"
        );

        let mut t = Recorder::answering(&[(200, r#"{"access_token":"plain","token_type":"Bearer"}"#)]);
        t.key = Some(key);
        assert_eq!(c.obtain(None, &mut t).unwrap().access_token(), "plain");
        assert_eq!(t.notes.len(), 1, "the session log says why no proof goes with it");
        assert!(
            t.notes[0].contains("did not issue a DPoP token (token_type Bearer"),
            "{}",
            t.notes[0]
        );
    }

    #[test]
    fn basic_auth_moves_credentials_to_the_header() {
        let c = config(r#"{"client_id":"c","client_secret":"s","token_endpoint":"http://127.0.0.1:1/t","client_auth":"basic"}"#)
            .unwrap()
            .unwrap();
        let mut t = Recorder::answering(&[(200, r#"{"access_token":"at","token_type":"Bearer"}"#)]);
        c.obtain(None, &mut t).unwrap();
        assert_eq!(t.posts[0].0, [("grant_type".to_string(), "client_credentials".to_string())]);
        assert_eq!(t.posts[0].1.as_deref(), Some(basic_credentials("c", "s").as_str()));
        assert_eq!(basic_credentials("c", "s").as_str(), "Yzpz", "base64 of c:s");
    }

    fn decode(segment: &str) -> Value {
        serde_json::from_slice(&B64URL.decode(segment).unwrap()).unwrap()
    }

    #[test]
    fn private_key_jwt_sends_the_client_id_and_an_assertion_instead_of_a_secret() {
        let client_key = SigningKey::generate_ec("P-256").unwrap();
        let json = serde_json::json!({"client_id": "m2m.jwt", "token_endpoint": "http://127.0.0.1:1/t", "scope": "api",
            "client_key": client_key.private_jwk().as_str(), "client_key_kid": "kid-7", "resource": "urn:api"});
        let c = config(&json.to_string()).unwrap().unwrap();
        assert_eq!(c.auth, Some(ClientAuth::PrivateKeyJwt), "a client_key means private_key_jwt");
        let mut t = Recorder::answering(&[(200, r#"{"access_token":"at","token_type":"DPoP"}"#)]);
        c.obtain(None, &mut t).unwrap();
        let (form, basic) = &t.posts[0];
        let names: Vec<&str> = form.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["grant_type", "scope", "client_id", "resource", "client_assertion"]);
        assert!(basic.is_none());
        let assertion = &form[4].1;
        let parts: Vec<&str> = assertion.split('.').collect();
        assert_eq!(decode(parts[0]), serde_json::json!({"alg": "ES256", "typ": "JWT", "kid": "kid-7"}));
        assert_eq!(decode(parts[1])["aud"], "http://127.0.0.1:1/t");
        let signature = B64URL.decode(parts[2]).unwrap();
        let input = format!("{}.{}", parts[0], parts[1]);
        crate::key::tests::verify_with_rust(
            client_key.public_jwk(),
            crate::key::JwsAlgorithm::Es256,
            input.as_bytes(),
            &signature,
        )
        .unwrap();

        let mut out = Map::new();
        c.write_members(&mut out);
        assert_eq!(out["client_auth"], "private_key_jwt");
        assert_eq!(out["client_key_kid"], "kid-7");
        let again = ClientConfig::from_members(&out).unwrap().unwrap();
        assert_eq!(again.cache_key(None), c.cache_key(None), "the getter's JSON is the same client");
        let mut other_key = json.clone();
        other_key["client_key"] = SigningKey::generate_ec("P-256").unwrap().private_jwk().as_str().into();
        assert_ne!(
            config(&other_key.to_string()).unwrap().unwrap().cache_key(None),
            c.cache_key(None),
            "tokens are not shared across client keys"
        );
    }

    #[test]
    fn private_key_jwt_without_a_client_key_signs_with_the_dpop_key_or_fails_before_any_request() {
        let c = config(r#"{"client_id":"c","token_endpoint":"http://127.0.0.1:1/t","client_auth":"private_key_jwt"}"#)
            .unwrap()
            .unwrap();
        let mut t = Recorder::answering(&[]);
        let e = c.obtain(None, &mut t).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidState);
        assert!(e.to_string().contains("no DPoP key is set"), "{e}");
        assert!(t.posts.is_empty(), "nothing was sent");

        let dpop_key = Arc::new(SigningKey::generate_ed25519().unwrap());
        let mut t = Recorder::answering(&[(200, r#"{"access_token":"at","token_type":"DPoP"}"#)]);
        t.key = Some(dpop_key.clone());
        c.obtain(None, &mut t).unwrap();
        let assertion = &t.posts[0].0.last().unwrap().1;
        let parts: Vec<&str> = assertion.split('.').collect();
        assert_eq!(decode(parts[0])["alg"], "EdDSA");
        let input = format!("{}.{}", parts[0], parts[1]);
        let signature = B64URL.decode(parts[2]).unwrap();
        crate::key::tests::verify_with_rust(dpop_key.public_jwk(), crate::key::JwsAlgorithm::EdDsa, input.as_bytes(), &signature).unwrap();
    }

    #[test]
    fn the_metadata_chooses_private_key_jwt_only_for_a_client_without_a_secret_that_has_a_key() {
        let metadata = |methods: &[&str]| discovery::ServerMetadata {
            issuer: "https://as.example".into(),
            token_endpoint: Url::parse("https://as.example/token").unwrap(),
            dpop_signing_algs: vec![],
            auth_methods: methods.iter().map(|m| m.to_string()).collect(),
            auth_signing_algs: vec![],
        };
        let no_secret = config(r#"{"client_id":"c","issuer":"https://as.example"}"#).unwrap().unwrap();
        let with_secret = config(r#"{"client_id":"c","issuer":"https://as.example","client_secret":"s"}"#)
            .unwrap()
            .unwrap();
        let jwt_only = metadata(&["private_key_jwt"]);
        assert_eq!(no_secret.auth_method(Some(&jwt_only), true), ClientAuth::PrivateKeyJwt);
        assert_eq!(
            no_secret.auth_method(Some(&jwt_only), false),
            ClientAuth::Post,
            "no key: not switched"
        );
        assert_eq!(
            with_secret.auth_method(Some(&jwt_only), true),
            ClientAuth::Post,
            "a secret is meant to be used"
        );
        let basic_only = metadata(&["client_secret_basic", "private_key_jwt"]);
        assert_eq!(with_secret.auth_method(Some(&basic_only), true), ClientAuth::Basic);
        assert_eq!(no_secret.auth_method(None, true), ClientAuth::Post);
    }

    /// A client_secret client, and a token of it that has a refresh token.
    fn client_with_a_stale_refreshable_token() -> (ClientConfig, Token) {
        let c = config(r#"{"client_id":"c","client_secret":"s","token_endpoint":"http://127.0.0.1:1/t"}"#)
            .unwrap()
            .unwrap();
        let mut stale = Token::bare("old");
        stale.refresh_token = Some("rt".into());
        (c, stale)
    }

    #[test]
    fn refresh_token_is_used_and_client_credentials_is_the_fallback() {
        let (c, stale) = client_with_a_stale_refreshable_token();
        let mut t = Recorder::answering(&[(400, r#"{"error":"invalid_grant"}"#), (200, r#"{"access_token":"new"}"#)]);
        assert_eq!(c.obtain(Some(&stale), &mut t).unwrap().access_token(), "new");
        assert_eq!(t.posts[0].0[0].1, "refresh_token");
        assert_eq!(t.posts[0].0[1], ("refresh_token".to_string(), "rt".to_string()));
        assert_eq!(t.posts[1].0[0].1, "client_credentials");
        assert!(
            t.notes
                .iter()
                .any(|n| n.contains("the refresh token was refused") && n.contains("invalid_grant")),
            "{:?}",
            t.notes
        );
    }

    #[test]
    fn a_failed_fallback_also_says_why_the_refresh_token_was_refused() {
        let (c, stale) = client_with_a_stale_refreshable_token();
        let mut t = Recorder::answering(&[
            (400, r#"{"error":"invalid_grant","error_description":"refresh token expired"}"#),
            (401, r#"{"error":"invalid_client"}"#),
        ]);
        let error = c.obtain(Some(&stale), &mut t).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OAuth);
        assert_eq!(
            error.refusal().map(|r| r.error.as_str()),
            Some("invalid_client"),
            "the last answer's values"
        );
        let text = error.to_string();
        assert!(
            text.contains("invalid_client") && text.contains("after the refresh token was refused"),
            "{text}"
        );
        assert!(text.contains("invalid_grant: refresh token expired"), "{text}");
    }

    #[test]
    fn a_refresh_that_fails_for_another_reason_is_not_followed_by_a_second_request() {
        let (c, stale) = client_with_a_stale_refreshable_token();
        let mut t = Recorder::answering(&[(503, "down for maintenance"), (200, r#"{"access_token":"new"}"#)]);
        let error = c.obtain(Some(&stale), &mut t).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::HttpStatus, "{error}");
        assert_eq!(t.posts.len(), 1, "the server that failed the refresh is not asked again at once");
    }

    #[test]
    fn server_errors_are_reported_with_error_and_description() {
        let c = config(r#"{"client_id":"c","client_secret":"s","token_endpoint":"http://127.0.0.1:1/t"}"#)
            .unwrap()
            .unwrap();
        let mut t = Recorder::answering(&[(
            401,
            r#"{"error":"invalid_client","error_description":"client authentication failed"}"#,
        )]);
        let err = c.obtain(None, &mut t).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::OAuth);
        let refusal = err.refusal().expect("the server's answer as values");
        assert_eq!((refusal.status, refusal.error.as_str()), (401, "invalid_client"));
        assert_eq!(refusal.description, "client authentication failed");
        let err = err.to_string();
        assert!(err.contains("answered 401 (invalid_client: client authentication failed)"), "{err}");
        assert!(err.contains("client_credentials grant"), "{err}");
        assert!(!err.contains("\"s\""));
    }

    #[test]
    fn an_echoed_basic_header_is_masked() {
        let c = config(
            r#"{"client_id":"m2m.basic","client_secret":"the-secret","client_auth":"basic","token_endpoint":"http://127.0.0.1:1/t"}"#,
        )
        .unwrap()
        .unwrap();
        let sent = basic_credentials("m2m.basic", "the-secret");
        let echo = format!(
            r#"{{"error":"invalid_client","error_description":"bad credentials in Basic {}"}}"#,
            sent.as_str()
        );
        let mut t = Recorder::answering(&[(401, Box::leak(echo.into_boxed_str()))]);
        let err = c.obtain(None, &mut t).unwrap_err().to_string();
        assert!(err.contains("invalid_client") && err.contains("Basic ****"), "{err}");
        assert!(!err.contains(sent.as_str()), "{err}");
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
                "not 'post', 'basic' or 'private_key_jwt'",
            ),
            (r#"{"token_endpoint":"http://a/t","client_id":"c","claims":{"a":1}}"#, "form field"),
            (
                r#"{"token_endpoint":"http://a/t","client_id":"c","client_auth":"private_key_jwt","client_secret":"s"}"#,
                "exclude each other",
            ),
            (
                r#"{"token_endpoint":"http://a/t","client_id":"c","client_auth":"post","client_key_kid":"k"}"#,
                "are for client_auth 'private_key_jwt'",
            ),
            (
                r#"{"token_endpoint":"http://a/t","client_id":"c","client_auth":"private_key_jwt","client_key":5}"#,
                "client_key must be a string",
            ),
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
