//! `SigningKey`: a loaded private key of any supported type, ready to sign DPoP proofs.

use super::algorithm::JwsAlgorithm;
use super::ec::{Curve, EcKey};
use super::ed25519::Ed25519Key;
use super::jwk::{self, HashAlg};
use super::private_key::read_key_file;
use super::rsa::RsaKey;
use super::{export, formats};
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use std::fmt;
use zeroize::Zeroizing;

/// The key material, by type.
pub(super) enum KeyKind {
    Ec(EcKey),
    Rsa(RsaKey),
    Ed25519(Ed25519Key),
}

/// A private key: EC P-256/P-384/P-521, RSA (2048-4096 bits) or Ed25519. Immutable once built
/// and shared as `Arc<SigningKey>` between the `PrivateKey` object and the HTTP engine.
///
/// Secret bytes are zeroized on drop; the signing copies inside ring (P-256, P-384, RSA,
/// Ed25519) are not, as ring does not zeroize.
pub struct SigningKey {
    kind: KeyKind,
    /// In RFC 7638 member order, so it is also the thumbprint input.
    public_jwk: String,
    sha256_thumbprint: String,
}

impl SigningKey {
    /// A new random EC key. `curve`: "P-256" (also "secp256r1", "prime256v1"), "P-384"
    /// ("secp384r1") or "P-521" ("secp521r1"), case-insensitive.
    pub fn generate_ec(curve: &str) -> Result<SigningKey> {
        let Some(curve) = Curve::from_any_name(curve) else {
            bail!(
                Key,
                "cannot generate a key on curve '{curve}': supported are P-256 (secp256r1, prime256v1), P-384 (secp384r1) \
                 and P-521 (secp521r1)"
            );
        };
        EcKey::generate(curve).map(|key| SigningKey::new(KeyKind::Ec(key)))
    }

    /// A new random Ed25519 key.
    pub fn generate_ed25519() -> Result<SigningKey> {
        Ed25519Key::generate().map(|key| SigningKey::new(KeyKind::Ed25519(key)))
    }

    /// Loads a key in any supported format, detected from the data: PEM (PKCS#8, encrypted
    /// PKCS#8, SEC1, PKCS#1, OpenSSL-encrypted SEC1 and PKCS#1), DER (the same without the
    /// OpenSSL encryption) or a private JWK. `password` "" means none; it is ignored for
    /// unencrypted keys.
    pub fn from_bytes(data: &[u8], password: &str) -> Result<SigningKey> {
        formats::decode_any(data, password).map(SigningKey::new)
    }

    /// Loads a key file in any format `from_bytes` accepts; errors name the file.
    pub fn from_file(path: &str, password: &str) -> Result<SigningKey> {
        let data = read_key_file(path)?;
        SigningKey::from_bytes(&data, password).map_err(|e| e.context(format!("key file '{path}'")))
    }

    /// Loads a PEM key (any of the PEM forms `from_bytes` accepts).
    pub fn from_pem(text: &str, password: &str) -> Result<SigningKey> {
        formats::decode_pem(text, password).map(SigningKey::new)
    }

    /// Loads a private JWK (EC, RSA or OKP Ed25519).
    pub fn from_jwk(json: &str) -> Result<SigningKey> {
        formats::decode_jwk(json).map(SigningKey::new)
    }

    pub(super) fn new(kind: KeyKind) -> SigningKey {
        let public_jwk = jwk::public_json(&kind);
        SigningKey {
            sha256_thumbprint: jwk::thumbprint(&public_jwk, HashAlg::Sha256),
            public_jwk,
            kind,
        }
    }

    /// Chilkat's `KeyType`: "ecc", "rsa" or "ed25519".
    pub fn key_type(&self) -> &'static str {
        match &self.kind {
            KeyKind::Ec(_) => "ecc",
            KeyKind::Rsa(_) => "rsa",
            KeyKind::Ed25519(_) => "ed25519",
        }
    }

    /// 256, 384 or 521 for EC; the modulus size for RSA; 256 for Ed25519.
    pub fn bit_length(&self) -> u32 {
        match &self.kind {
            KeyKind::Ec(key) => key.curve().bits(),
            KeyKind::Rsa(key) => key.bits(),
            KeyKind::Ed25519(_) => 256,
        }
    }

    /// The JWS algorithms this key signs with, preferred first (RSA: PS256, then RS256).
    pub fn algorithms(&self) -> &'static [JwsAlgorithm] {
        match &self.kind {
            KeyKind::Ec(key) => match key.curve() {
                Curve::P256 => &[JwsAlgorithm::Es256],
                Curve::P384 => &[JwsAlgorithm::Es384],
                Curve::P521 => &[JwsAlgorithm::Es512],
            },
            KeyKind::Rsa(_) => &[JwsAlgorithm::Ps256, JwsAlgorithm::Rs256],
            KeyKind::Ed25519(_) => &[JwsAlgorithm::EdDsa],
        }
    }

    /// The algorithm used when the server names none: the first of `algorithms`.
    pub fn default_algorithm(&self) -> JwsAlgorithm {
        self.algorithms()[0]
    }

    /// The algorithm to sign `purpose` ("DPoP proofs", "client assertions") with for a server
    /// that accepts `allowed` (e.g. its `dpop_signing_alg_values_supported`, or the `algs` of a
    /// `WWW-Authenticate: DPoP` challenge): the first of `algorithms` it names;
    /// `default_algorithm` when the list is empty; an error when the key can sign none of them.
    pub fn choose_algorithm(&self, allowed: &[impl AsRef<str>], purpose: &str) -> Result<JwsAlgorithm> {
        JwsAlgorithm::pick(self.algorithms(), allowed)
            .ok_or_else(|| JwsAlgorithm::none_accepted(self.algorithms(), allowed, &self.description(), purpose))
    }

    /// An error unless the key signs with `algorithm`.
    pub fn require_algorithm(&self, algorithm: JwsAlgorithm) -> Result<()> {
        if !self.algorithms().contains(&algorithm) {
            bail!(Key, "this {} cannot sign with {algorithm}", self.description());
        }
        Ok(())
    }

    /// The JWS signature of `message` with `algorithm` (ECDSA as R || S, RFC 7518 3.4).
    pub fn sign(&self, algorithm: JwsAlgorithm, message: &[u8]) -> Result<Vec<u8>> {
        self.require_algorithm(algorithm)?;
        Ok(match &self.kind {
            KeyKind::Ec(key) => key.sign(message),
            KeyKind::Rsa(key) => key.sign(algorithm, message),
            KeyKind::Ed25519(key) => key.sign(message),
        })
    }

    /// A compact JWS (RFC 7515 section 7.1): `header_b64` (the encoded JOSE header, which names
    /// `algorithm`), the encoded `payload` and the signature of both.
    pub fn compact_jws(&self, algorithm: JwsAlgorithm, header_b64: &str, payload: &[u8]) -> Result<String> {
        let signing_input = format!("{header_b64}.{}", B64URL.encode(payload));
        let signature = self.sign(algorithm, signing_input.as_bytes())?;
        Ok(format!("{signing_input}.{}", B64URL.encode(signature)))
    }

    /// "EC P-256 key", "RSA key (3072 bits)", "Ed25519 key".
    pub fn description(&self) -> String {
        match &self.kind {
            KeyKind::Ec(key) => format!("EC {} key", key.curve().jwk_name()),
            KeyKind::Rsa(key) => format!("RSA key ({} bits)", key.bits()),
            KeyKind::Ed25519(_) => "Ed25519 key".to_string(),
        }
    }

    /// The public JWK, compact, members in RFC 7638 order (EC: crv, kty, x, y; RSA: e, kty, n;
    /// OKP: crv, kty, x), as embedded in DPoP proof headers.
    pub fn public_jwk(&self) -> &str {
        &self.public_jwk
    }

    /// The private JWK, members in Chilkat's order. Holds the private key: do not log it.
    pub fn private_jwk(&self) -> Zeroizing<String> {
        jwk::private_json(&self.kind)
    }

    /// The RFC 7638 thumbprint (base64url), e.g. for the `dpop_jkt` parameter.
    /// `hash_alg`: "SHA256" (also "SHA-256", "sha256"), "SHA384" or "SHA512".
    pub fn thumbprint(&self, hash_alg: &str) -> Result<String> {
        Ok(match HashAlg::parse(hash_alg)? {
            HashAlg::Sha256 => self.sha256_thumbprint.clone(),
            other => jwk::thumbprint(&self.public_jwk, other),
        })
    }

    /// Unencrypted PKCS#8 PEM (`PRIVATE KEY`), CRLF line ends as Chilkat writes.
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>> {
        export::pem("PRIVATE KEY", &export::pkcs8_der(&self.kind)?)
    }

    /// PKCS#8 PEM (`ENCRYPTED PRIVATE KEY`) encrypted with `password`: PBES2 with PBKDF2-HMAC-SHA256
    /// and AES-256-CBC, as `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes.
    pub fn to_encrypted_pkcs8_pem(&self, password: &str) -> Result<Zeroizing<String>> {
        if password.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "the password to encrypt the key with is empty",
            ));
        }
        let der = export::encrypt_pkcs8(&export::pkcs8_der(&self.kind)?, password)?;
        export::pem("ENCRYPTED PRIVATE KEY", &der)
    }

    /// The "traditional" PEM that Chilkat's `SavePemFile` writes: SEC1 `EC PRIVATE KEY`,
    /// PKCS#1 `RSA PRIVATE KEY`, PKCS#8 `PRIVATE KEY` for Ed25519 (it has no other form).
    pub fn to_traditional_pem(&self) -> Result<Zeroizing<String>> {
        match &self.kind {
            KeyKind::Ec(key) => export::pem("EC PRIVATE KEY", &export::sec1_der(key, true)?),
            KeyKind::Rsa(key) => export::pem("RSA PRIVATE KEY", key.pkcs1_der()),
            KeyKind::Ed25519(_) => self.to_pkcs8_pem(),
        }
    }
}

/// Shows the public key only.
impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("public_jwk", &self.public_jwk)
            .finish_non_exhaustive()
    }
}
