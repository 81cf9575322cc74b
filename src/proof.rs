//! DPoP proof JWTs (RFC 9449 section 4): header, claims, `htu` normalization, `ath`; signed
//! with ES256, ES384, ES512, PS256, RS256 or EdDSA, as the key and the server allow.
//!
//! [`ProofSigner`] signs with one algorithm; [`ProofKey`] holds a signer for each algorithm a key
//! can sign with and picks the one a server accepts.

use crate::error::Result;
use crate::key::{JwsAlgorithm, SigningKey};
use crate::url::{htu, Url};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Signs proofs with one key and algorithm. The JOSE header depends only on those, so it is
/// encoded once.
pub struct ProofSigner {
    key: Arc<SigningKey>,
    algorithm: JwsAlgorithm,
    header_b64: String,
}

impl ProofSigner {
    /// Signs with the key's default algorithm (ES256, ES384, ES512 or EdDSA by key type; PS256
    /// for RSA).
    pub fn new(key: Arc<SigningKey>) -> Self {
        let algorithm = key.default_algorithm();
        ProofSigner::with_algorithm(key, algorithm).expect("a key signs with its default algorithm")
    }

    /// Signs with `algorithm` (e.g. from `SigningKey::choose_algorithm`); an error when the
    /// key cannot sign with it.
    pub fn with_algorithm(key: Arc<SigningKey>, algorithm: JwsAlgorithm) -> Result<Self> {
        key.require_algorithm(algorithm)?;
        let header = format!(r#"{{"typ":"dpop+jwt","alg":"{algorithm}","jwk":{}}}"#, key.public_jwk());
        Ok(ProofSigner {
            header_b64: B64URL.encode(header),
            algorithm,
            key,
        })
    }

    /// The `alg` of the proofs.
    pub fn algorithm(&self) -> JwsAlgorithm {
        self.algorithm
    }

    /// RFC 7638 SHA-256 thumbprint of the public key (the `jkt` a bound token carries).
    pub fn jkt(&self) -> String {
        self.key.thumbprint("SHA256").unwrap_or_default()
    }

    /// A new proof for one HTTP request made at `now` (Unix seconds, the `iat`). `ath` is the
    /// access token's hash (resource requests), computed once per token rather than per proof,
    /// as it costs a fifth of an ES256 signature; `nonce` is the server's latest `DPoP-Nonce`,
    /// if any.
    pub fn proof(&self, method: &str, url: &Url, now: u64, ath: Option<&AccessTokenHash>, nonce: Option<&str>) -> String {
        let claims = Claims {
            jti: new_jti(),
            htm: method,
            htu: &htu(url),
            iat: now,
            ath: ath.map(AccessTokenHash::as_str),
            nonce,
        };
        self.key
            .compact_jws(self.algorithm, &self.header_b64, claims.to_json().as_bytes())
            .expect("the algorithm was checked when the signer was made")
    }
}

/// A DPoP key with a signer for each algorithm it can sign with (one, or PS256 and RS256 for
/// RSA), so that a proof can be signed with whichever a server accepts.
pub struct ProofKey {
    key: Arc<SigningKey>,
    /// In the key's order of preference.
    signers: Vec<ProofSigner>,
}

impl ProofKey {
    pub fn new(key: Arc<SigningKey>) -> ProofKey {
        let signers = key
            .algorithms()
            .iter()
            .map(|&algorithm| ProofSigner::with_algorithm(key.clone(), algorithm).expect("a key signs with its own algorithms"))
            .collect();
        ProofKey { key, signers }
    }

    pub fn key(&self) -> &Arc<SigningKey> {
        &self.key
    }

    /// RFC 7638 SHA-256 thumbprint of the public key (the `jkt` a bound token carries).
    pub fn jkt(&self) -> String {
        self.signers[0].jkt()
    }

    /// The signer for a server that accepts the algorithms `accepted` (empty: it named none, and
    /// the key's preferred algorithm is used). An error (Key) quoting them when the key can sign
    /// none of them.
    pub fn signer_for(&self, accepted: &[impl AsRef<str>]) -> Result<&ProofSigner> {
        let algorithm = self.key.choose_algorithm(accepted, "DPoP proofs")?;
        Ok(self
            .signers
            .iter()
            .find(|signer| signer.algorithm() == algorithm)
            .expect("a signer for each of the key's algorithms"))
    }
}

struct Claims<'a> {
    jti: String,
    htm: &'a str,
    htu: &'a str,
    iat: u64,
    ath: Option<&'a str>,
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
        if let Some(ath) = self.ath {
            json.push_str(&format!(r#","ath":"{ath}""#));
        }
        if let Some(nonce) = self.nonce {
            json.push_str(&format!(r#","nonce":{}"#, quoted(nonce)));
        }
        json.push('}');
        json
    }
}

/// `ath` (RFC 9449 section 4.2): the base64url SHA-256 of an access token. A type of its own, so
/// that a token cannot be passed where its hash belongs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessTokenHash(String);

impl AccessTokenHash {
    pub fn of(access_token: &str) -> AccessTokenHash {
        AccessTokenHash(B64URL.encode(Sha256::digest(access_token.as_bytes())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new `jti` (JWT ID) for a proof or a client assertion.
pub(crate) fn new_jti() -> String {
    // 128 random bits: RFC 9449 and RFC 7523 ask for enough entropy that jti values do not
    // collide.
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    B64URL.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::tests::{generate, verify_with_rust, Kind, TempDir};

    fn signer() -> ProofSigner {
        ProofSigner::new(Arc::new(SigningKey::generate_ec("P-256").unwrap()))
    }

    fn key_of(kind: Kind) -> Arc<SigningKey> {
        let dir = TempDir::new();
        generate(&dir, kind, "key.pem");
        Arc::new(SigningKey::from_bytes(&dir.read("key.pem"), "").unwrap())
    }

    fn decode(segment: &str) -> serde_json::Value {
        serde_json::from_slice(&B64URL.decode(segment).unwrap()).unwrap()
    }

    #[test]
    fn proof_has_rfc9449_header_and_claims_and_verifies() {
        let signer = signer();
        let url = crate::url::parse("http://127.0.0.1:3000/api/resource?page=2").unwrap();
        let proof = signer.proof(
            "GET",
            &url,
            1_700_000_000,
            Some(&AccessTokenHash::of("token-value")),
            Some("nonce-1"),
        );
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
        assert_eq!(claims["ath"], AccessTokenHash::of("token-value").as_str());
        assert_eq!(claims["nonce"], "nonce-1");
        assert!(B64URL.decode(claims["jti"].as_str().unwrap()).unwrap().len() >= 12);

        let signature = B64URL.decode(parts[2]).unwrap();
        assert_eq!(signature.len(), 64, "ES256 signature is R||S");
        let jwk_text = serde_json::to_string(&header["jwk"]).unwrap();
        verify_with_rust(
            &jwk_text,
            JwsAlgorithm::Es256,
            format!("{}.{}", parts[0], parts[1]).as_bytes(),
            &signature,
        )
        .unwrap();
    }

    #[test]
    fn every_key_type_signs_proofs_with_each_of_its_algorithms() {
        let url = crate::url::parse("https://as.example/token").unwrap();
        for (kind, default, signature_len) in [
            (Kind::P256, JwsAlgorithm::Es256, 64),
            (Kind::P384, JwsAlgorithm::Es384, 96),
            (Kind::P521, JwsAlgorithm::Es512, 132),
            (Kind::Rsa2048, JwsAlgorithm::Ps256, 256),
            (Kind::Rsa3072, JwsAlgorithm::Ps256, 384),
            (Kind::Ed25519, JwsAlgorithm::EdDsa, 64),
        ] {
            let key = key_of(kind);
            assert_eq!(ProofSigner::new(key.clone()).algorithm(), default, "{kind:?}");
            for &alg in key.algorithms() {
                let signer = ProofSigner::with_algorithm(key.clone(), alg).unwrap();
                let proof = signer.proof("POST", &url, 1_700_000_000, None, Some("n"));
                let parts: Vec<&str> = proof.split('.').collect();
                let header = String::from_utf8(B64URL.decode(parts[0]).unwrap()).unwrap();
                assert_eq!(header, format!(r#"{{"typ":"dpop+jwt","alg":"{alg}","jwk":{}}}"#, key.public_jwk()));
                let signature = B64URL.decode(parts[2]).unwrap();
                assert_eq!(signature.len(), signature_len, "{kind:?} {alg}");
                let input = format!("{}.{}", parts[0], parts[1]);
                verify_with_rust(key.public_jwk(), alg, input.as_bytes(), &signature).unwrap_or_else(|e| panic!("{kind:?} {alg}: {e}"));
                assert_eq!(signer.jkt(), key.thumbprint("SHA256").unwrap());
            }
        }
    }

    #[test]
    fn the_algorithm_follows_what_the_server_allows() {
        let rsa = ProofKey::new(key_of(Kind::Rsa2048));
        let algorithm = |accepted: &[&str]| rsa.signer_for(accepted).map(ProofSigner::algorithm);
        assert_eq!(algorithm(&["RS256", "ES256"]).unwrap(), JwsAlgorithm::Rs256);
        assert_eq!(algorithm(&["RS256", "PS256"]).unwrap(), JwsAlgorithm::Ps256, "the key's preference");
        assert_eq!(algorithm(&[]).unwrap(), JwsAlgorithm::Ps256, "no list: the key's default");
        let error = algorithm(&["ES256", "EdDSA"]).unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::Key);
        assert_eq!(
            error.to_string(),
            "the server accepts DPoP proofs signed with ES256, EdDSA; this RSA key (2048 bits) can sign only PS256 or RS256"
        );
        let url = crate::url::parse("https://as.example/token").unwrap();
        let proof = rsa.signer_for(&["RS256"]).unwrap().proof("POST", &url, 0, None, None);
        assert_eq!(decode(proof.split('.').next().unwrap())["alg"], "RS256");
        assert_eq!(rsa.jkt(), rsa.key().thumbprint("SHA256").unwrap());

        let ed25519 = key_of(Kind::Ed25519);
        let error = ProofSigner::with_algorithm(ed25519, JwsAlgorithm::Es256).map(|_| ()).unwrap_err();
        assert_eq!(error.to_string(), "this Ed25519 key cannot sign with ES256");
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
            AccessTokenHash::of("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU").as_str(),
            "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
        );
    }
}
