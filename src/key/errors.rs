//! Error messages shared by the format decoders, so that a PEM, DER or JWK input with the same
//! problem (an RSA key, another curve, a wrong password...) is reported with the same words.

use crate::error::{Error, ErrorKind, Result};
use pkcs8::ObjectIdentifier;

const REQUIREMENT: &str = "DPoP keys here must be EC P-256";

/// id-ecPublicKey: the PKCS#8 / SPKI algorithm of every EC key; the curve is its parameter.
const EC_PUBLIC_KEY_OID: ObjectIdentifier = oid("1.2.840.10045.2.1");
const P256_OID: ObjectIdentifier = oid("1.2.840.10045.3.1.7");

/// Curves we recognize only to name them in an error: (OID, display name, JWK "crv").
const OTHER_CURVES: &[(ObjectIdentifier, &str, &str)] = &[
    (oid("1.3.132.0.34"), "secp384r1 (P-384)", "P-384"),
    (oid("1.3.132.0.35"), "secp521r1 (P-521)", "P-521"),
    (oid("1.3.132.0.10"), "secp256k1", "secp256k1"),
    (oid("1.3.132.0.33"), "secp224r1 (P-224)", "P-224"),
    (oid("1.2.840.10045.3.1.1"), "prime192v1 (P-192)", "P-192"),
    (oid("1.3.36.3.3.2.8.1.1.7"), "brainpoolP256r1", "brainpoolP256r1"),
    (oid("1.3.36.3.3.2.8.1.1.11"), "brainpoolP384r1", "brainpoolP384r1"),
    (oid("1.3.36.3.3.2.8.1.1.13"), "brainpoolP512r1", "brainpoolP512r1"),
];

/// Non-EC PKCS#8 algorithms, named in errors. RSA gets its own message (`rsa_key`).
const OTHER_ALGORITHMS: &[(ObjectIdentifier, &str)] = &[
    (oid("1.3.101.112"), "an Ed25519 key"),
    (oid("1.3.101.113"), "an Ed448 key"),
    (oid("1.3.101.110"), "an X25519 key"),
    (oid("1.3.101.111"), "an X448 key"),
    (oid("1.2.840.10040.4.1"), "a DSA key"),
    (oid("1.2.840.113549.1.3.1"), "a Diffie-Hellman key"),
    (oid("1.2.840.10046.2.1"), "a Diffie-Hellman key"),
];
const RSA_OIDS: &[ObjectIdentifier] = &[oid("1.2.840.113549.1.1.1"), oid("1.2.840.113549.1.1.10")];

pub(super) fn rsa_key() -> Error {
    Error::new(ErrorKind::Key, format!("the key is an RSA key; {REQUIREMENT}"))
}

pub(super) fn other_curve(curve_name: &str) -> Error {
    Error::new(ErrorKind::Key, format!("the key is an EC key on curve {curve_name}; {REQUIREMENT}"))
}

/// `what` reads like "an Ed25519 key".
pub(super) fn other_key_type(what: &str) -> Error {
    Error::new(ErrorKind::Key, format!("the key is {what}; {REQUIREMENT}"))
}

/// `what` says where the public-only data came from, e.g. "PEM 'PUBLIC KEY' block".
pub(super) fn public_only(what: &str) -> Error {
    Error::new(
        ErrorKind::Key,
        format!("the {what} holds only a public key; signing DPoP proofs needs the EC P-256 private key"),
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

/// Rejects a PKCS#8 algorithm identifier unless it is id-ecPublicKey on P-256.
pub(super) fn require_p256_algorithm(algorithm: ObjectIdentifier, curve: Option<ObjectIdentifier>) -> Result<()> {
    if RSA_OIDS.contains(&algorithm) {
        return Err(rsa_key());
    }
    if algorithm != EC_PUBLIC_KEY_OID {
        let known = OTHER_ALGORITHMS.iter().find(|(oid, _)| *oid == algorithm);
        return Err(match known {
            Some((_, what)) => other_key_type(what),
            None => other_key_type(&format!("a key of an unsupported type (algorithm OID {algorithm})")),
        });
    }
    match curve {
        Some(oid) => require_p256_curve(oid),
        None => Err(Error::new(
            ErrorKind::Key,
            "the EC key does not name its curve (explicit curve parameters are not supported)",
        )),
    }
}

pub(super) fn require_p256_curve(curve: ObjectIdentifier) -> Result<()> {
    if curve == P256_OID {
        return Ok(());
    }
    let name = OTHER_CURVES
        .iter()
        .find(|(oid, _, _)| *oid == curve)
        .map_or_else(|| format!("with OID {curve}"), |(_, name, _)| name.to_string());
    Err(other_curve(&name))
}

/// The display name for a JWK "crv" value other than P-256, e.g. "P-384" -> "secp384r1 (P-384)".
pub(super) fn curve_name_from_jwk(crv: &str) -> String {
    OTHER_CURVES
        .iter()
        .find(|(_, _, jwk_crv)| *jwk_crv == crv)
        .map_or_else(|| format!("'{crv}'"), |(_, name, _)| name.to_string())
}

const fn oid(dotted: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(dotted)
}
