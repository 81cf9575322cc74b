//! private_key_jwt client authentication (RFC 7523 section 2.2, OpenID Connect Core section 9):
//! instead of a secret, the client sends a short-lived JWT signed with its own key. Every
//! attempt of every token request gets a new one, with its own `jti`: servers accept an
//! assertion once (RFC 7523 section 3), so one sent again after a nonce challenge is refused.

use super::discovery::ServerMetadata;
use crate::bail;
use crate::error::Result;
use crate::key::{JwsAlgorithm, SigningKey};
use crate::proof::new_jti;
use crate::server_time;
use crate::url::Url;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use serde_json::{json, Map, Value};
use std::sync::Arc;
use zeroize::Zeroizing;

/// The `client_assertion_type` of a JWT assertion (RFC 7523 section 2.2).
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// How long an assertion is valid: enough for one request and a server's clock tolerance, too
/// short to be of use to anyone who reads it later.
const LIFETIME_SECS: u64 = 60;
/// The AuthToken members that describe the assertion.
pub const MEMBERS: [&str; 5] = [
    "client_key",
    "client_key_password",
    "client_key_kid",
    "client_key_alg",
    "client_assertion_aud",
];

/// How assertions are made, from the AuthToken JSON's members.
#[derive(Default)]
pub struct AssertionConfig {
    /// `client_key` as given (a key file path, PEM text or a private JWK) and the key it holds;
    /// `None`: assertions are signed with the DPoP key.
    key: Option<(Zeroizing<String>, Arc<SigningKey>)>,
    /// `client_key_password`, for an encrypted key.
    pub password: Option<Zeroizing<String>>,
    /// `client_key_kid`: the `kid` header, which tells the server which of its keys to verify with.
    kid: Option<String>,
    /// `client_key_alg`; `None`: from the server's metadata, else the key's default.
    alg: Option<JwsAlgorithm>,
    /// `client_assertion_aud`.
    audience: Audience,
}

/// The `aud` of the assertions, as `client_assertion_aud` says.
#[derive(Default, Clone, PartialEq, Eq)]
enum Audience {
    /// `token_endpoint` or absent: the token endpoint's URL (OpenID Connect Core 9).
    #[default]
    TokenEndpoint,
    /// `issuer`: the authorization server's issuer, as its metadata spells it, else as the
    /// `issuer` member does (some servers want this one).
    Issuer(String),
    /// Any other value: the audience itself.
    Exactly(String),
}

impl AssertionConfig {
    /// Reads the members (`text` reads a string member) and loads `client_key`, so that a key
    /// that cannot be used fails here, before any request. `issuer` is the `issuer` member.
    pub fn from_members(text: impl Fn(&str) -> Result<Option<String>>, issuer: Option<&str>) -> Result<AssertionConfig> {
        let password = text("client_key_password")?.map(Zeroizing::new);
        let key = match text("client_key")?.filter(|k| !k.trim().is_empty()) {
            Some(given) => {
                let key = load_client_key(&given, password.as_deref().map_or("", |p| p.as_str()))?;
                Some((Zeroizing::new(given), Arc::new(key)))
            }
            None => None,
        };
        let alg = match text("client_key_alg")?.filter(|a| !a.is_empty()) {
            None => None,
            Some(name) => {
                let Some(alg) = JwsAlgorithm::from_name(&name) else {
                    bail!(
                        InvalidArgument,
                        "AuthToken: client_key_alg '{name}' is not one of ES256, ES384, ES512, PS256, RS256, EdDSA"
                    );
                };
                if let Some((_, key)) = &key {
                    key.require_algorithm(alg).map_err(|e| e.context("AuthToken: client_key_alg"))?;
                }
                Some(alg)
            }
        };
        let audience = match text("client_assertion_aud")?.as_deref() {
            None | Some("") | Some("token_endpoint") => Audience::TokenEndpoint,
            Some("issuer") => match issuer {
                Some(issuer) => Audience::Issuer(issuer.to_string()),
                None => bail!(
                    InvalidArgument,
                    "AuthToken: client_assertion_aud 'issuer' needs the issuer member (or name the audience itself)"
                ),
            },
            Some(exact) => Audience::Exactly(exact.to_string()),
        };
        Ok(AssertionConfig {
            key,
            password,
            kid: text("client_key_kid")?.filter(|k| !k.is_empty()),
            alg,
            audience,
        })
    }

    /// Whether any of the members was given.
    pub fn is_given(&self) -> bool {
        self.key.is_some()
            || self.password.is_some()
            || self.kid.is_some()
            || self.alg.is_some()
            || self.audience != Audience::TokenEndpoint
    }

    /// Whether `client_key` names a key of its own (else the DPoP key signs).
    pub fn has_key(&self) -> bool {
        self.key.is_some()
    }

    /// The thumbprint of `client_key`, if given: a token fetched with one key is not another's.
    pub fn key_thumbprint(&self) -> Option<String> {
        self.key.as_ref().and_then(|(_, key)| key.thumbprint("SHA256").ok())
    }

    pub fn write_members(&self, out: &mut Map<String, Value>) {
        let members = [
            ("client_key", self.key.as_ref().map(|(given, _)| given.to_string())),
            ("client_key_password", self.password.as_ref().map(|p| p.to_string())),
            ("client_key_kid", self.kid.clone()),
            ("client_key_alg", self.alg.map(|alg| alg.name().to_string())),
            (
                "client_assertion_aud",
                match &self.audience {
                    Audience::TokenEndpoint => None,
                    Audience::Issuer(_) => Some("issuer".to_string()),
                    Audience::Exactly(exact) => Some(exact.clone()),
                },
            ),
        ];
        for (name, value) in members {
            if let Some(value) = value {
                out.insert(name.into(), value.into());
            }
        }
    }

    /// What signs the assertions of a token request to `endpoint`: `client_key`, else
    /// `dpop_key`. `metadata`, when the server's was discovered, gives the issuer's spelling and
    /// the algorithms it accepts (`token_endpoint_auth_signing_alg_values_supported`).
    pub fn signer(
        &self,
        client_id: &str,
        endpoint: &Url,
        metadata: Option<&ServerMetadata>,
        dpop_key: Option<Arc<SigningKey>>,
    ) -> Result<AssertionSigner> {
        let key = match (&self.key, dpop_key) {
            (Some((_, key)), _) => key.clone(),
            (None, Some(dpop_key)) => dpop_key,
            (None, None) => bail!(
                InvalidState,
                "private_key_jwt: AuthToken names no client_key, and no DPoP key is set to sign the client assertion with (call SetDPoPKey or give client_key)"
            ),
        };
        let algorithm = match self.alg {
            Some(alg) => {
                key.require_algorithm(alg).map_err(|e| e.context("AuthToken: client_key_alg"))?;
                alg
            }
            None => key.choose_algorithm(metadata.map_or(&[][..], |m| &m.auth_signing_algs), "client assertions")?,
        };
        let audience = match &self.audience {
            Audience::TokenEndpoint => endpoint.as_str(),
            Audience::Issuer(given) => metadata.map_or(given.as_str(), |m| m.issuer.as_str()),
            Audience::Exactly(exact) => exact.as_str(),
        };
        let mut header = json!({"alg": algorithm.name(), "typ": "JWT"});
        if let Some(kid) = &self.kid {
            header["kid"] = kid.clone().into();
        }
        Ok(AssertionSigner {
            key,
            algorithm,
            header_b64: B64URL.encode(header.to_string()),
            client_id: client_id.to_string(),
            audience: audience.to_string(),
            endpoint: endpoint.clone(),
        })
    }
}

/// Makes the assertions of one token request.
pub struct AssertionSigner {
    key: Arc<SigningKey>,
    algorithm: JwsAlgorithm,
    header_b64: String,
    client_id: String,
    audience: String,
    /// Whose clock dates the assertion.
    endpoint: Url,
}

impl AssertionSigner {
    /// A new assertion: `iss` and `sub` the client_id, `aud`, a new `jti`, `iat` now by the token
    /// endpoint's clock as far as it has shown it (so that a drifting local clock does not make
    /// it expired or not yet valid), `exp` a minute later.
    pub fn assertion(&self) -> Zeroizing<String> {
        let now = server_time::now_at(&self.endpoint);
        let claims = json!({
            "iss": self.client_id, "sub": self.client_id, "aud": self.audience,
            "jti": new_jti(), "iat": now, "exp": now + LIFETIME_SECS,
        });
        let jws = self
            .key
            .compact_jws(self.algorithm, &self.header_b64, claims.to_string().as_bytes())
            .expect("the algorithm was checked when the signer was made");
        Zeroizing::new(jws)
    }
}

/// `client_key`: PEM text or a private JWK as such, anything else the path of a key file (in
/// any format `SigningKey::from_bytes` reads).
fn load_client_key(given: &str, password: &str) -> Result<SigningKey> {
    let text = given.trim_start();
    let loaded = if text.starts_with("-----BEGIN") || text.starts_with('{') {
        SigningKey::from_bytes(text.as_bytes(), password)
    } else {
        SigningKey::from_file(given, password)
    };
    loaded.map_err(|e| e.context("AuthToken: client_key"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::key::tests::{generate, verify_with_rust, Kind, TempDir};

    fn config(members: Value, issuer: Option<&str>) -> Result<AssertionConfig> {
        AssertionConfig::from_members(|name| Ok(members.get(name).and_then(Value::as_str).map(str::to_string)), issuer)
    }

    fn decode(segment: &str) -> Value {
        serde_json::from_slice(&B64URL.decode(segment).unwrap()).unwrap()
    }

    #[test]
    fn an_assertion_has_rfc7523_claims_a_new_jti_each_time_and_verifies() {
        let dir = TempDir::new();
        generate(&dir, Kind::Rsa2048, "client.pem");
        let path = dir.path("client.pem");
        let c = config(json!({"client_key": path, "client_key_kid": "k-1"}), None).unwrap();
        let endpoint = Url::parse("https://as.example/oauth2/token").unwrap();
        let metadata = ServerMetadata {
            issuer: "https://as.example".into(),
            token_endpoint: endpoint.clone(),
            dpop_signing_algs: vec![],
            auth_methods: vec!["private_key_jwt".into()],
            auth_signing_algs: vec!["HS256".into(), "RS256".into(), "ES256".into()],
        };
        let signer = c.signer("m2m.jwt", &endpoint, Some(&metadata), None).unwrap();
        let (a, b) = (signer.assertion(), signer.assertion());
        let parts: Vec<&str> = a.split('.').collect();
        assert_eq!(
            decode(parts[0]),
            json!({"alg": "RS256", "typ": "JWT", "kid": "k-1"}),
            "chosen from the server's list"
        );
        let claims = decode(parts[1]);
        assert_eq!((&claims["iss"], &claims["sub"]), (&json!("m2m.jwt"), &json!("m2m.jwt")));
        assert_eq!(claims["aud"], "https://as.example/oauth2/token");
        let (iat, exp) = (claims["iat"].as_u64().unwrap(), claims["exp"].as_u64().unwrap());
        assert!(
            iat.abs_diff(crate::clock::now_secs()) <= 2 && exp == iat + LIFETIME_SECS,
            "{claims}"
        );
        assert!(
            B64URL.decode(claims["jti"].as_str().unwrap()).unwrap().len() >= 16,
            "128 bits or more"
        );
        assert_ne!(claims["jti"], decode(b.split('.').nth(1).unwrap())["jti"], "a new jti for each");
        let key = SigningKey::from_file(&path, "").unwrap();
        let signature = B64URL.decode(parts[2]).unwrap();
        verify_with_rust(
            key.public_jwk(),
            JwsAlgorithm::Rs256,
            format!("{}.{}", parts[0], parts[1]).as_bytes(),
            &signature,
        )
        .unwrap();
    }

    #[test]
    fn the_dpop_key_signs_when_no_client_key_is_given_and_the_audience_can_be_the_issuer() {
        let c = config(json!({"client_assertion_aud": "issuer"}), Some("https://as.example")).unwrap();
        let endpoint = Url::parse("https://as.example/token").unwrap();
        let dpop_key = Arc::new(SigningKey::generate_ec("P-384").unwrap());
        let signer = c.signer("c", &endpoint, None, Some(dpop_key)).unwrap();
        let assertion = signer.assertion();
        let parts: Vec<&str> = assertion.split('.').collect();
        assert_eq!(decode(parts[0]), json!({"alg": "ES384", "typ": "JWT"}));
        assert_eq!(decode(parts[1])["aud"], "https://as.example");
        let exact = config(json!({"client_assertion_aud": "https://other.example/aud"}), None).unwrap();
        let dpop_key = Arc::new(SigningKey::generate_ec("P-256").unwrap());
        let assertion = exact.signer("c", &endpoint, None, Some(dpop_key)).unwrap().assertion();
        assert_eq!(decode(assertion.split('.').nth(1).unwrap())["aud"], "https://other.example/aud");

        let e = config(json!({}), None).unwrap().signer("c", &endpoint, None, None).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::InvalidState);
        assert!(e.to_string().contains("no DPoP key is set"), "{e}");
    }

    #[test]
    fn client_keys_load_from_a_file_pem_text_or_a_jwk_with_their_password() {
        let dir = TempDir::new();
        generate(&dir, Kind::P256, "ec.pem");
        let pem = std::fs::read_to_string(dir.path("ec.pem")).unwrap();
        let key = SigningKey::from_pem(&pem, "").unwrap();
        let encrypted = key.to_encrypted_pkcs8_pem("pass-word-1").unwrap();
        for (given, password) in [
            (dir.path("ec.pem"), None),
            (pem.clone(), None),
            (key.private_jwk().to_string(), None),
            (encrypted.to_string(), Some("pass-word-1")),
        ] {
            let c = config(json!({"client_key": given, "client_key_password": password}), None).unwrap();
            assert_eq!(c.key_thumbprint(), Some(key.thumbprint("SHA256").unwrap()));
            let mut out = Map::new();
            c.write_members(&mut out);
            assert_eq!(out["client_key"], given.as_str(), "the getter gives it back as given");
        }
    }

    #[test]
    fn unusable_client_keys_fail_before_any_request() {
        let dir = TempDir::new();
        generate(&dir, Kind::P256, "ec.pem");
        let key = SigningKey::from_file(&dir.path("ec.pem"), "").unwrap();
        let encrypted = key.to_encrypted_pkcs8_pem("right-password").unwrap();
        let missing = dir.path("missing.pem");
        for (members, kind, words) in [
            (json!({"client_key": missing}), ErrorKind::Io, "cannot read key file"),
            (
                json!({"client_key": encrypted.to_string(), "client_key_password": "wrong-password"}),
                ErrorKind::Key,
                "password",
            ),
            (
                json!({"client_key": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"}),
                ErrorKind::Key,
                "client_key",
            ),
            (json!({"client_key": "{\"kty\":\"EC\"}"}), ErrorKind::Key, "client_key"),
            (
                json!({"client_key": dir.path("ec.pem"), "client_key_alg": "PS256"}),
                ErrorKind::Key,
                "cannot sign with PS256",
            ),
            (
                json!({"client_key_alg": "HS256"}),
                ErrorKind::InvalidArgument,
                "'HS256' is not one of",
            ),
            (
                json!({"client_assertion_aud": "issuer"}),
                ErrorKind::InvalidArgument,
                "needs the issuer member",
            ),
        ] {
            let e = config(members.clone(), None)
                .err()
                .unwrap_or_else(|| panic!("{members} was accepted"));
            assert_eq!(e.kind(), kind, "{members}: {e}");
            let text = e.to_string();
            assert!(text.starts_with("AuthToken: client_") && text.contains(words), "{members}: {text}");
            assert!(!text.contains("right-password") && !text.contains("wrong-password"), "{text}");
        }
    }
}
