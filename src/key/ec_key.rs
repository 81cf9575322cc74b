//! `EcKey`: a loaded EC P-256 private key, ready to sign DPoP proofs.

use super::formats;
use super::jwk::{self, HashAlg};
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::pkcs8::{EncodePrivateKey, LineEnding};
use p256::{PublicKey, SecretKey};
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use std::fmt;
use zeroize::Zeroizing;

/// An EC P-256 private key. Immutable once built and shared as `Arc<EcKey>` between the
/// `PrivateKey` object and the HTTP engine.
///
/// p256 parses and serializes; ring signs, about 9x faster than p256's ECDSA. The secret scalar
/// is zeroized on drop by `p256::SecretKey` (ring keeps its own copy, which it does not zeroize).
pub struct EcKey {
    secret: SecretKey,
    public: PublicKey,
    signer: EcdsaKeyPair,
    rng: SystemRandom,
    public_jwk: String,
    sha256_thumbprint: String,
}

impl EcKey {
    /// A new random key. `curve` is "P-256" (or its other names "secp256r1", "prime256v1").
    pub fn generate(curve: &str) -> Result<EcKey> {
        if !["P-256", "secp256r1", "prime256v1"]
            .iter()
            .any(|name| name.eq_ignore_ascii_case(curve.trim()))
        {
            bail!(
                Key,
                "cannot generate a key on curve '{curve}': only P-256 (secp256r1, prime256v1) is supported"
            );
        }
        EcKey::from_secret(SecretKey::random(&mut rand_core::OsRng))
    }

    /// Loads a key in any supported format, detected from the data: PEM (SEC1, PKCS#8, encrypted
    /// PKCS#8, OpenSSL-encrypted SEC1), DER (SEC1, PKCS#8, encrypted PKCS#8) or a private JWK.
    /// `password` "" means none; it is ignored for unencrypted keys.
    pub fn from_bytes(data: &[u8], password: &str) -> Result<EcKey> {
        EcKey::from_secret(formats::decode_any(data, password)?)
    }

    /// Loads a PEM key (any of the PEM forms `from_bytes` accepts).
    pub fn from_pem(text: &str, password: &str) -> Result<EcKey> {
        EcKey::from_secret(formats::decode_pem(text, password)?)
    }

    /// Loads a private EC JWK.
    pub fn from_jwk(json: &str) -> Result<EcKey> {
        EcKey::from_secret(formats::decode_jwk(json)?)
    }

    fn from_secret(secret: SecretKey) -> Result<EcKey> {
        let public = secret.public_key();
        let scalar = Zeroizing::new(secret.to_bytes());
        let point = public.to_encoded_point(false);
        let rng = SystemRandom::new();
        let signer = EcdsaKeyPair::from_private_key_and_public_key(&ECDSA_P256_SHA256_FIXED_SIGNING, &scalar, point.as_bytes(), &rng)
            .map_err(|e| Error::new(ErrorKind::Key, format!("the signing library rejected the key: {e}")))?;
        Ok(EcKey {
            public_jwk: jwk::public_json(&public),
            sha256_thumbprint: jwk::thumbprint(&jwk::public_members(&public), HashAlg::Sha256),
            secret,
            public,
            signer,
            rng,
        })
    }

    /// `{"kty":"EC","crv":"P-256","x":"..","y":".."}`, compact, as embedded in DPoP proof headers.
    pub fn public_jwk(&self) -> &str {
        &self.public_jwk
    }

    /// `{"kty":"EC","crv":"P-256","x":..,"y":..,"d":..}`. Holds the private key: do not log it.
    pub fn private_jwk(&self) -> Zeroizing<String> {
        jwk::private_json(&self.public, &self.secret)
    }

    /// The RFC 7638 thumbprint (base64url), e.g. for the `dpop_jkt` parameter.
    /// `hash_alg`: "SHA256" (also "SHA-256", "sha256"), "SHA384" or "SHA512".
    pub fn thumbprint(&self, hash_alg: &str) -> Result<String> {
        Ok(match HashAlg::parse(hash_alg)? {
            HashAlg::Sha256 => self.sha256_thumbprint.clone(),
            other => jwk::thumbprint(&jwk::public_members(&self.public), other),
        })
    }

    /// ES256 signature of `message` as raw R || S (the JWS form, not DER).
    pub fn sign_es256(&self, message: &[u8]) -> [u8; 64] {
        // ring fails only when the system RNG does, which leaves nothing sensible to do.
        let signature = self
            .signer
            .sign(&self.rng, message)
            .expect("the system random number generator failed");
        signature.as_ref().try_into().expect("ES256 fixed-length signatures are 64 bytes")
    }

    /// The key as unencrypted PKCS#8 PEM (LF line endings).
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>> {
        self.secret
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| Error::new(ErrorKind::Key, format!("cannot encode the key as PKCS#8: {e}")))
    }
}

/// Shows the public key only.
impl fmt::Debug for EcKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcKey")
            .field("public_jwk", &self.public_jwk)
            .finish_non_exhaustive()
    }
}
