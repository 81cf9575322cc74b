//! DPoP proof JWTs (RFC 9449 section 4): header, claims, `htu` normalization, `ath`, ES256.

use crate::error::{Error, Result};
use crate::key::EcKey;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use url::Url;

/// Signs proofs with one key. The JOSE header depends only on the key, so it is encoded once.
pub struct ProofSigner {
    key: Arc<EcKey>,
    header_b64: String,
}

impl ProofSigner {
    pub fn new(key: Arc<EcKey>) -> Self {
        let header = format!(r#"{{"typ":"dpop+jwt","alg":"ES256","jwk":{}}}"#, key.public_jwk());
        ProofSigner {
            header_b64: B64URL.encode(header),
            key,
        }
    }

    /// RFC 7638 SHA-256 thumbprint of the public key (the `jkt` a bound token carries).
    pub fn jkt(&self) -> String {
        self.key.thumbprint("SHA256").unwrap_or_default()
    }

    /// A new proof for one HTTP request. `access_token` adds `ath` (resource requests);
    /// `nonce` is the server's latest `DPoP-Nonce`, if any.
    pub fn proof(&self, method: &str, url: &Url, access_token: Option<&str>, nonce: Option<&str>) -> String {
        let claims = Claims {
            jti: new_jti(),
            htm: method,
            htu: &htu(url),
            iat: crate::token::now_secs(),
            ath: access_token.map(ath),
            nonce,
        };
        let signing_input = format!("{}.{}", self.header_b64, B64URL.encode(claims.to_json()));
        let signature = self.key.sign_es256(signing_input.as_bytes());
        format!("{signing_input}.{}", B64URL.encode(signature))
    }
}

struct Claims<'a> {
    jti: String,
    htm: &'a str,
    htu: &'a str,
    iat: u64,
    ath: Option<String>,
    nonce: Option<&'a str>,
}

impl Claims<'_> {
    fn to_json(&self) -> String {
        let quoted = |s: &str| serde_json::Value::from(s).to_string();
        // `iat` is a JSON number, as RFC 9449 (via RFC 7519 NumericDate) requires.
        let mut json = format!(
            r#"{{"jti":"{}","htm":{},"htu":{},"iat":{}"#,
            self.jti,
            quoted(self.htm),
            quoted(self.htu),
            self.iat
        );
        if let Some(ath) = &self.ath {
            json.push_str(&format!(r#","ath":"{ath}""#));
        }
        if let Some(nonce) = self.nonce {
            json.push_str(&format!(r#","nonce":{}"#, quoted(nonce)));
        }
        json.push('}');
        json
    }
}

/// The `htu` claim: scheme, host and path of the request URL without query and fragment.
/// `Url` already lower-cases scheme and host and drops the port only when it is the default one.
pub fn htu(url: &Url) -> String {
    let mut htu = url.clone();
    htu.set_query(None);
    htu.set_fragment(None);
    // A URL with credentials must not put them in a signed claim.
    let _ = htu.set_username("");
    let _ = htu.set_password(None);
    htu.into()
}

/// Parses a request URL, accepting only http and https with a host.
pub fn parse_url(text: &str) -> Result<Url> {
    let shown = url_for_display(text);
    let url = Url::parse(text.trim()).map_err(|e| Error::new(format!("invalid URL '{shown}': {e}")))?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(url),
        "http" | "https" => Err(Error::new(format!("invalid URL '{shown}': no host"))),
        other => Err(Error::new(format!("invalid URL '{shown}': scheme '{other}' is not http or https"))),
    }
}

/// A URL as error messages show it: without user:password, query and fragment (where tokens
/// and keys like to hide), and at most 200 characters. Works on text that does not parse too.
pub fn url_for_display(text: &str) -> String {
    let text = text.trim();
    let text = &text[..text.find(['?', '#']).unwrap_or(text.len())];
    let authority_start = text.find("://").map_or(0, |i| i + 3);
    let authority_end = text[authority_start..].find('/').map_or(text.len(), |i| authority_start + i);
    let shown = match text[authority_start..authority_end].rfind('@') {
        Some(at) => format!("{}{}", &text[..authority_start], &text[authority_start + at + 1..]),
        None => text.to_string(),
    };
    match shown.char_indices().nth(200) {
        Some((cut, _)) => format!("{}...", &shown[..cut]),
        None => shown,
    }
}

/// `ath`: base64url SHA-256 of the access token.
pub fn ath(access_token: &str) -> String {
    B64URL.encode(Sha256::digest(access_token.as_bytes()))
}

fn new_jti() -> String {
    // 128 random bits: RFC 9449 asks for enough entropy that jti values do not collide.
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    B64URL.encode(bytes)
}

/// The origin of `url` (`scheme://host[:port]`): what nonces are kept per, and what transport
/// errors name (never the path or query, where secrets may be).
pub fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Verifier;

    fn signer() -> ProofSigner {
        ProofSigner::new(Arc::new(EcKey::generate("P-256").unwrap()))
    }

    fn decode(segment: &str) -> serde_json::Value {
        serde_json::from_slice(&B64URL.decode(segment).unwrap()).unwrap()
    }

    #[test]
    fn htu_keeps_non_default_port_and_drops_query_and_fragment() {
        let cases = [
            ("http://127.0.0.1:8080/path?x=1#frag", "http://127.0.0.1:8080/path"),
            ("HTTPS://API.Example.COM:443/a/b?q", "https://api.example.com/a/b"),
            ("http://example.com:80/", "http://example.com/"),
            ("https://example.com:8443", "https://example.com:8443/"),
            ("https://user:pw@example.com/x", "https://example.com/x"),
        ];
        for (input, expected) in cases {
            assert_eq!(htu(&parse_url(input).unwrap()), expected, "{input}");
        }
    }

    #[test]
    fn urls_in_errors_hide_credentials_and_queries() {
        assert_eq!(
            url_for_display("http://user:pw@127.0.0.1:1/x?access_token=T#f"),
            "http://127.0.0.1:1/x"
        );
        assert_eq!(url_for_display("https://a@b@host/p@q"), "https://host/p@q");
        assert_eq!(url_for_display(&"A".repeat(1_000_000)).len(), 203);
        let err = parse_url("http://127.0.0.1:99999/x?access_token=SECRET").unwrap_err().to_string();
        assert!(!err.contains("SECRET"), "{err}");
    }

    #[test]
    fn parse_url_rejects_what_cannot_be_requested() {
        for bad in ["", "not a url", "ftp://example.com/", "http://", "mailto:a@b"] {
            let err = parse_url(bad).unwrap_err().to_string();
            assert!(err.starts_with("invalid URL"), "{bad}: {err}");
        }
    }

    #[test]
    fn proof_has_rfc9449_header_and_claims_and_verifies() {
        let signer = signer();
        let url = parse_url("http://127.0.0.1:3000/api/resource?page=2").unwrap();
        let proof = signer.proof("GET", &url, Some("token-value"), Some("nonce-1"));
        let parts: Vec<&str> = proof.split('.').collect();
        assert_eq!(parts.len(), 3);

        let header = decode(parts[0]);
        assert_eq!(header["typ"], "dpop+jwt");
        assert_eq!(header["alg"], "ES256");
        let jwk = header["jwk"].as_object().unwrap();
        assert!(!jwk.contains_key("d"), "public JWK only");
        assert_eq!(jwk["kty"], "EC");

        let claims = decode(parts[1]);
        assert_eq!(claims["htm"], "GET");
        assert_eq!(claims["htu"], "http://127.0.0.1:3000/api/resource");
        assert!(claims["iat"].is_u64(), "iat must be a JSON number: {claims}");
        assert_eq!(claims["ath"], ath("token-value"));
        assert_eq!(claims["nonce"], "nonce-1");
        assert!(B64URL.decode(claims["jti"].as_str().unwrap()).unwrap().len() >= 12);

        let signature = B64URL.decode(parts[2]).unwrap();
        assert_eq!(signature.len(), 64, "ES256 signature is R||S");
        let jwk_text = serde_json::to_string(&header["jwk"]).unwrap();
        let public = p256::PublicKey::from_jwk_str(&jwk_text).unwrap();
        let verifying = p256::ecdsa::VerifyingKey::from(public);
        let sig = p256::ecdsa::Signature::from_slice(&signature).unwrap();
        verifying.verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &sig).unwrap();
    }

    #[test]
    fn token_request_proof_has_no_ath_or_nonce_and_jti_is_unique() {
        let signer = signer();
        let url = parse_url("https://as.example/token").unwrap();
        let a = decode(signer.proof("POST", &url, None, None).split('.').nth(1).unwrap());
        let b = decode(signer.proof("POST", &url, None, None).split('.').nth(1).unwrap());
        assert!(a.get("ath").is_none() && a.get("nonce").is_none());
        assert_ne!(a["jti"], b["jti"]);
    }

    #[test]
    fn ath_matches_rfc9449_example() {
        // RFC 9449 section 7.1: the access token "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
        assert_eq!(
            ath("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"),
            "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
        );
    }
}
