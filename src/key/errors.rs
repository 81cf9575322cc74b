//! Error messages shared by the format decoders, so that a PEM, DER or JWK input with the same
//! problem (an unsupported key type or curve, a public key, a wrong password...) is reported
//! with the same words.

use super::rsa;
use crate::error::{Error, ErrorKind};
use pkcs8::ObjectIdentifier;

const REQUIREMENT: &str = "DPoP keys here must be EC (P-256, P-384 or P-521), RSA (2048 to 4096 bits) or Ed25519";

/// Curves we recognize only to name them in an error: (OID, display name, JWK "crv").
const OTHER_CURVES: &[(ObjectIdentifier, &str, &str)] = &[
    (oid("1.3.132.0.10"), "secp256k1", "secp256k1"),
    (oid("1.3.132.0.33"), "secp224r1 (P-224)", "P-224"),
    (oid("1.2.840.10045.3.1.1"), "prime192v1 (P-192)", "P-192"),
    (oid("1.3.36.3.3.2.8.1.1.7"), "brainpoolP256r1", "brainpoolP256r1"),
    (oid("1.3.36.3.3.2.8.1.1.11"), "brainpoolP384r1", "brainpoolP384r1"),
    (oid("1.3.36.3.3.2.8.1.1.13"), "brainpoolP512r1", "brainpoolP512r1"),
];

/// PKCS#8 algorithms we recognize only to name them in an error.
const OTHER_ALGORITHMS: &[(ObjectIdentifier, &str)] = &[
    (oid("1.3.101.113"), "an Ed448 key"),
    (oid("1.3.101.110"), "an X25519 key (for key agreement, not signing)"),
    (oid("1.3.101.111"), "an X448 key (for key agreement, not signing)"),
    (oid("1.2.840.10040.4.1"), "a DSA key"),
    (oid("1.2.840.113549.1.3.1"), "a Diffie-Hellman key"),
    (oid("1.2.840.10046.2.1"), "a Diffie-Hellman key"),
    (
        super::oid::RSASSA_PSS,
        "an RSA key restricted to RSASSA-PSS (convert it to a plain RSA key: openssl rsa -in KEY -traditional)",
    ),
];

pub(super) fn other_curve(curve_name: &str) -> Error {
    Error::new(ErrorKind::Key, format!("the key is an EC key on curve {curve_name}; {REQUIREMENT}"))
}

/// `what` reads like "an Ed448 key".
pub(super) fn other_key_type(what: &str) -> Error {
    Error::new(ErrorKind::Key, format!("the key is {what}; {REQUIREMENT}"))
}

pub(super) fn explicit_curve() -> Error {
    Error::new(
        ErrorKind::Key,
        "the EC key spells out its curve's parameters instead of naming the curve (explicit curve parameters are not \
         supported; convert with: openssl ec -param_enc named_curve)",
    )
}

pub(super) fn rsa_size(bits: u32) -> Error {
    let (min, max) = (rsa::MIN_BITS, rsa::MAX_BITS);
    let why = if bits < min {
        "too short to be safe (RFC 7518 section 3.3 requires at least 2048 bits)"
    } else {
        "longer than the signing library supports"
    };
    Error::new(
        ErrorKind::Key,
        format!("the RSA key has {bits} bits, {why}; DPoP keys here must have {min} to {max} bits"),
    )
}

/// `what` says where the public-only data came from, e.g. "PEM 'PUBLIC KEY' block".
pub(super) fn public_only(what: &str) -> Error {
    Error::new(
        ErrorKind::Key,
        format!("the {what} holds only a public key; signing DPoP proofs needs the private key"),
    )
}

pub(super) fn missing_password() -> Error {
    Error::new(ErrorKind::Key, "the key is encrypted and no password was given")
}

pub(super) fn wrong_password() -> Error {
    Error::new(
        ErrorKind::Key,
        "could not decrypt the key: wrong password (or the encrypted key is corrupt)",
    )
}

/// A PKCS#8 algorithm that is not EC, RSA or Ed25519.
pub(super) fn unsupported_algorithm(algorithm: ObjectIdentifier) -> Error {
    match OTHER_ALGORITHMS.iter().find(|(oid, _)| *oid == algorithm) {
        Some((_, what)) => other_key_type(what),
        None => other_key_type(&format!("a key of an unsupported type (algorithm OID {algorithm})")),
    }
}

/// An EC curve other than P-256, P-384 and P-521.
pub(super) fn unsupported_curve(curve: ObjectIdentifier) -> Error {
    let name = OTHER_CURVES
        .iter()
        .find(|(oid, _, _)| *oid == curve)
        .map_or_else(|| format!("with OID {curve}"), |(_, name, _)| name.to_string());
    other_curve(&name)
}

/// The display name for an unsupported JWK "crv" value, e.g. "secp256k1" or "'P-192'".
pub(super) fn curve_name_from_jwk(crv: &str) -> String {
    OTHER_CURVES
        .iter()
        .find(|(_, _, jwk_crv)| *jwk_crv == crv)
        .map_or_else(|| format!("'{crv}'"), |(_, name, _)| name.to_string())
}

const fn oid(dotted: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(dotted)
}
