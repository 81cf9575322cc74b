//! The key written out: PKCS#8 DER (plain, or encrypted with a password), SEC1 DER, and PEM.

use super::ec::EcKey;
use super::oid;
use super::signing_key::KeyKind;
use crate::error::{Error, ErrorKind, Result};
use pkcs8::der::asn1::{AnyRef, Null, OctetStringRef};
use pkcs8::der::pem::LineEnding;
use pkcs8::der::{Decode, Encode};
use pkcs8::pkcs5::pbes2;
use pkcs8::{AlgorithmIdentifierRef, PrivateKeyInfo};
use rand_core::RngCore;
use sec1::{EcParameters, EcPrivateKey};
use zeroize::Zeroizing;

/// PBKDF2-HMAC-SHA256 iterations for encrypted PKCS#8, as OWASP advises (2023). OpenSSL 3 and
/// Chilkat write 2048, cheap to brute-force for weak passwords; this costs about 70 ms of CPU
/// each time the key is encrypted or loaded.
pub(super) const PBKDF2_ITERATIONS: u32 = 600_000;

/// The `PrivateKeyInfo` DER (RFC 5208 / RFC 5958 version 1), as OpenSSL writes it: EC with the
/// curve as algorithm parameter and a SEC1 key with its public key; RSA with NULL parameters
/// and a PKCS#1 key; Ed25519 with the 32-byte seed in an OCTET STRING (RFC 8410).
pub(super) fn pkcs8_der(key: &KeyKind) -> Result<Zeroizing<Vec<u8>>> {
    let curve_oid;
    let (oid, parameters, private_key) = match key {
        KeyKind::Ec(ec) => {
            curve_oid = ec.curve().oid();
            (oid::EC_PUBLIC_KEY, Some(AnyRef::from(&curve_oid)), sec1_der(ec, false)?)
        }
        KeyKind::Rsa(rsa) => (
            oid::RSA_ENCRYPTION,
            Some(AnyRef::from(Null)),
            Zeroizing::new(rsa.pkcs1_der().to_vec()),
        ),
        KeyKind::Ed25519(ed) => (
            oid::ED25519,
            None,
            encode(&OctetStringRef::new(ed.seed()).map_err(encoding_error)?)?,
        ),
    };
    let info = PrivateKeyInfo::new(AlgorithmIdentifierRef { oid, parameters }, &private_key);
    encode(&info)
}

/// SEC1 `ECPrivateKey` DER with the public key; the curve is named when `with_curve` (alone,
/// as `EC PRIVATE KEY`), not inside PKCS#8, whose algorithm identifier names it.
pub(super) fn sec1_der(key: &EcKey, with_curve: bool) -> Result<Zeroizing<Vec<u8>>> {
    encode(&EcPrivateKey {
        private_key: key.scalar(),
        parameters: with_curve.then(|| EcParameters::NamedCurve(key.curve().oid())),
        public_key: Some(key.point()),
    })
}

/// `EncryptedPrivateKeyInfo` DER: PBES2 with PBKDF2-HMAC-SHA256 (random 16-byte salt) and
/// AES-256-CBC (random IV), as `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes.
pub(super) fn encrypt_pkcs8(pkcs8: &[u8], password: &str) -> Result<Zeroizing<Vec<u8>>> {
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    rand_core::OsRng.fill_bytes(&mut salt);
    rand_core::OsRng.fill_bytes(&mut iv);
    let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(PBKDF2_ITERATIONS, &salt, &iv).map_err(encryption_error)?;
    let info = PrivateKeyInfo::from_der(pkcs8).map_err(encoding_error)?;
    let encrypted = info.encrypt_with_params(params, password).map_err(encryption_error)?;
    Ok(Zeroizing::new(encrypted.as_bytes().to_vec()))
}

/// PEM with CRLF line ends and 64-character lines, as Chilkat writes it.
pub(super) fn pem(label: &str, der: &[u8]) -> Result<Zeroizing<String>> {
    pkcs8::der::pem::encode_string(label, LineEnding::CRLF, der)
        .map(Zeroizing::new)
        .map_err(|e| encoding_error(e.into()))
}

fn encode(value: &impl Encode) -> Result<Zeroizing<Vec<u8>>> {
    value.to_der().map(Zeroizing::new).map_err(encoding_error)
}

fn encoding_error(e: pkcs8::der::Error) -> Error {
    Error::new(ErrorKind::Key, format!("cannot encode the key: {e}"))
}

fn encryption_error(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Key, format!("cannot encrypt the key: {e}"))
}
