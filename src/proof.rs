//! DPoP proof JWTs (RFC 9449 section 4): header, claims, `htu` normalization, `ath`, ES256.

use crate::key::EcKey;
use crate::url::{htu, Url};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use std::sync::Arc;

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

    /// A new proof for one HTTP request made at `now` (Unix seconds, the `iat`). `access_token`
    /// adds `ath` (resource requests); `nonce` is the server's latest `DPoP-Nonce`, if any.
    pub fn proof(&self, method: &str, url: &Url, now: u64, access_token: Option<&str>, nonce: Option<&str>) -> String {
        let claims = Claims {
            jti: new_jti(),
            htm: method,
            htu: &htu(url),
            iat: now,
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
    fn proof_has_rfc9449_header_and_claims_and_verifies() {
        let signer = signer();
        let url = crate::url::parse("http://127.0.0.1:3000/api/resource?page=2").unwrap();
        let proof = signer.proof("GET", &url, 1_700_000_000, Some("token-value"), Some("nonce-1"));
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
        assert_eq!(claims["iat"], 1_700_000_000, "iat must be a JSON number: {claims}");
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
        let url = crate::url::parse("https://as.example/token").unwrap();
        let a = decode(signer.proof("POST", &url, 0, None, None).split('.').nth(1).unwrap());
        let b = decode(signer.proof("POST", &url, 0, None, None).split('.').nth(1).unwrap());
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
