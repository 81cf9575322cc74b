//! Recognizes a key's encoding and decodes it.
//!
//! PEM and DER carry one of four structures: PKCS#8 `PrivateKeyInfo` (any key type), PKCS#8
//! `EncryptedPrivateKeyInfo`, SEC1 `ECPrivateKey` or PKCS#1 `RSAPrivateKey`; PEM adds OpenSSL's
//! legacy header encryption of SEC1 and PKCS#1. JWK is handled by `jwk`. Everything else gets
//! an error that says what the input is instead.

use super::ec::{Curve, EcKey};
use super::ed25519::Ed25519Key;
use super::errors;
use super::jwk;
use super::legacy_pem;
use super::oid;
use super::pem::{self, PemBlock};
use super::rsa::RsaKey;
use super::signing_key::KeyKind;
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use pkcs8::der::asn1::{AnyRef, OctetStringRef};
use pkcs8::der::{Decode, Reader, SliceReader, Tag, Tagged};
use pkcs8::pkcs5;
use pkcs8::{EncryptedPrivateKeyInfo, PrivateKeyInfo};
use sec1::EcPrivateKey;
use zeroize::Zeroizing;

const UNRECOGNIZED: &str = "the data is not a recognized private key format (expected PEM, DER or a JWK)";

const SUPPORTED_ENCRYPTION: &str = "supported: PBES2 with PBKDF2-HMAC-SHA256/384/512 or scrypt, and AES-128/192/256-CBC or 3DES; \
     re-encrypt with: openssl pkcs8 -topk8 -v2 aes-256-cbc";

/// Any supported encoding, autodetected. `password` "" means none.
pub(super) fn decode_any(data: &[u8], password: &str) -> Result<KeyKind> {
    // DER starts with a SEQUENCE tag (0x30, ASCII '0'), which no PEM or JSON text starts with.
    // It must not be trimmed: its last bytes may happen to be whitespace characters.
    if data.first() == Some(&0x30) {
        return decode_der(data, password);
    }
    let Ok(text) = std::str::from_utf8(data) else {
        bail!(Key, "{UNRECOGNIZED}")
    };
    let text = trim_text(text);
    if text.is_empty() {
        bail!(Key, "the key data is empty");
    }
    if text.starts_with('{') {
        return jwk::decode_private(text);
    }
    if pem::looks_like_pem(text) {
        return decode_pem(text, password);
    }
    bail!(Key, "{UNRECOGNIZED}")
}

pub(super) fn decode_jwk(text: &str) -> Result<KeyKind> {
    jwk::decode_private(trim_text(text))
}

/// The first private key block of a PEM text. `EC PARAMETERS` blocks (`openssl ecparam -genkey`)
/// and certificates stored alongside the key are skipped.
pub(super) fn decode_pem(text: &str, password: &str) -> Result<KeyKind> {
    let blocks = pem::parse(trim_text(text))?;
    let block = blocks
        .iter()
        .find(|block| block.label.ends_with("PRIVATE KEY"))
        .or_else(|| blocks.iter().find(|block| block.label != "EC PARAMETERS"));
    match block {
        Some(block) => decode_pem_block(block, password),
        None if blocks.is_empty() => {
            bail!(Key, "no PEM block found (expected '-----BEGIN PRIVATE KEY-----' or similar)")
        }
        None => bail!(Key, "the PEM holds only EC PARAMETERS and no key"),
    }
}

fn decode_pem_block(block: &PemBlock, password: &str) -> Result<KeyKind> {
    match block.label {
        "EC PRIVATE KEY" if legacy_pem::is_encrypted(block) => decode_decrypted(&legacy_pem::decrypt(block, password)?, DerKind::Sec1),
        "RSA PRIVATE KEY" if legacy_pem::is_encrypted(block) => decode_decrypted(&legacy_pem::decrypt(block, password)?, DerKind::RsaPkcs1),
        "EC PRIVATE KEY" => decode_sec1(&block.decode()?, None).map(KeyKind::Ec),
        "RSA PRIVATE KEY" => RsaKey::from_pkcs1_der(&block.decode()?).map(KeyKind::Rsa),
        "PRIVATE KEY" => decode_pkcs8(&block.decode()?),
        "ENCRYPTED PRIVATE KEY" => decode_encrypted_pkcs8(&block.decode()?, password),
        "DSA PRIVATE KEY" => Err(errors::other_key_type("a DSA key")),
        "OPENSSH PRIVATE KEY" => bail!(
            Key,
            "the key is in OpenSSH's own format, which is not supported; convert it to PKCS#8 with: \
             ssh-keygen -p -m PKCS8 -f KEYFILE"
        ),
        "PUBLIC KEY" | "EC PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => {
            Err(errors::public_only(&format!("PEM '{}' block", block.label)))
        }
        label => {
            bail!(
                Key,
                "unsupported PEM block '{label}' (expected PRIVATE KEY, ENCRYPTED PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY)"
            )
        }
    }
}

/// The DER structures told apart by `sniff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DerKind {
    Sec1,
    Pkcs8,
    EncryptedPkcs8,
    PublicKeyInfo,
    RsaPkcs1,
    RsaPublicPkcs1,
    DsaOpenSsl,
}

fn decode_der(der: &[u8], password: &str) -> Result<KeyKind> {
    match sniff(der)? {
        DerKind::Sec1 => decode_sec1(der, None).map(KeyKind::Ec),
        DerKind::Pkcs8 => decode_pkcs8(der),
        DerKind::EncryptedPkcs8 => decode_encrypted_pkcs8(der, password),
        DerKind::RsaPkcs1 => RsaKey::from_pkcs1_der(der).map(KeyKind::Rsa),
        DerKind::PublicKeyInfo => Err(errors::public_only("DER data")),
        DerKind::RsaPublicPkcs1 => Err(errors::public_only("DER data (a PKCS#1 RSA public key)")),
        DerKind::DsaOpenSsl => Err(errors::other_key_type("a DSA key")),
    }
}

/// Identifies a DER structure by the tags of the first two fields of its outer SEQUENCE:
/// SEC1 is (version, OCTET STRING key), PKCS#8 (version, SEQUENCE algorithm), encrypted PKCS#8
/// (SEQUENCE algorithm, OCTET STRING), SubjectPublicKeyInfo (SEQUENCE algorithm, BIT STRING);
/// a run of INTEGERs is, by their count, a PKCS#1 RSA public key (2: n, e), an OpenSSL DSA
/// private key (6) or a PKCS#1 RSA private key (9, or 10 with more primes).
fn sniff(der: &[u8]) -> Result<DerKind> {
    let outer = AnyRef::from_der(der).map_err(|e| Error::new(ErrorKind::Key, format!("the DER data is truncated or corrupt ({e})")))?;
    let first_two_tags = || -> pkcs8::der::Result<(Tag, Tag)> {
        let mut fields = SliceReader::new(outer.value())?;
        let first = AnyRef::decode(&mut fields)?.tag();
        Ok((first, fields.peek_tag()?))
    };
    let kind = match (outer.tag(), first_two_tags()) {
        (Tag::Sequence, Ok((Tag::Integer, Tag::OctetString))) => DerKind::Sec1,
        (Tag::Sequence, Ok((Tag::Integer, Tag::Sequence))) => DerKind::Pkcs8,
        (Tag::Sequence, Ok((Tag::Integer, Tag::Integer))) => match count_fields(outer.value()) {
            2 => DerKind::RsaPublicPkcs1,
            6 => DerKind::DsaOpenSsl,
            _ => DerKind::RsaPkcs1,
        },
        (Tag::Sequence, Ok((Tag::Sequence, Tag::OctetString))) => DerKind::EncryptedPkcs8,
        (Tag::Sequence, Ok((Tag::Sequence, Tag::BitString))) => DerKind::PublicKeyInfo,
        _ => bail!(
            Key,
            "the DER data is not a private key (expected PKCS#8, encrypted PKCS#8, SEC1 or PKCS#1)"
        ),
    };
    Ok(kind)
}

/// The number of DER values in `contents` (up to the first malformed one).
fn count_fields(contents: &[u8]) -> usize {
    let Ok(mut reader) = SliceReader::new(contents) else {
        return 0;
    };
    let mut count = 0;
    while !reader.is_finished() && AnyRef::decode(&mut reader).is_ok() {
        count += 1;
    }
    count
}

/// A SEC1 key. Its curve is named by its parameters, or by the PKCS#8 algorithm identifier
/// around it (`outer_curve`); a lone SEC1 key that names none is taken by its length.
fn decode_sec1(der: &[u8], outer_curve: Option<Curve>) -> Result<EcKey> {
    let key = EcPrivateKey::from_der(der).map_err(|e| match e.kind() {
        // The sec1 crate reads only named curves: a SEQUENCE where the curve's OID belongs is
        // an explicit curve.
        pkcs8::der::ErrorKind::TagUnexpected {
            expected: Some(Tag::ObjectIdentifier),
            actual: Tag::Sequence,
        } => errors::explicit_curve(),
        _ => Error::new(ErrorKind::Key, format!("the SEC1 EC private key is malformed: {e}")),
    })?;
    let own_curve = match key.parameters.and_then(|params| params.named_curve()) {
        Some(oid) => Some(Curve::from_oid(oid).ok_or_else(|| errors::unsupported_curve(oid))?),
        None => None,
    };
    let curve = match (own_curve, outer_curve) {
        (Some(own), Some(outer)) if own != outer => bail!(
            Key,
            "the EC key names two curves, {} and {} (the key is corrupt)",
            own.jwk_name(),
            outer.jwk_name()
        ),
        (Some(curve), _) | (None, Some(curve)) => curve,
        (None, None) => Curve::ALL
            .into_iter()
            .find(|curve| curve.field_len() == key.private_key.len())
            .ok_or_else(|| Error::new(ErrorKind::Key, "the EC key does not name its curve and its length fits none"))?,
    };
    EcKey::from_scalar(curve, key.private_key, key.public_key)
}

fn decode_pkcs8(der: &[u8]) -> Result<KeyKind> {
    let info =
        PrivateKeyInfo::try_from(der).map_err(|e| Error::new(ErrorKind::Key, format!("the PKCS#8 private key is malformed: {e}")))?;
    match info.algorithm.oid {
        oid::EC_PUBLIC_KEY => {
            let Ok(curve_oid) = info.algorithm.parameters_oid() else {
                return Err(errors::explicit_curve());
            };
            let curve = Curve::from_oid(curve_oid).ok_or_else(|| errors::unsupported_curve(curve_oid))?;
            decode_sec1(info.private_key, Some(curve)).map(KeyKind::Ec)
        }
        oid::RSA_ENCRYPTION => RsaKey::from_pkcs1_der(info.private_key).map(KeyKind::Rsa),
        oid::ED25519 => {
            // RFC 8410: the private key is an OCTET STRING holding the 32-byte seed.
            let seed = OctetStringRef::from_der(info.private_key)
                .map_err(|e| Error::new(ErrorKind::Key, format!("the Ed25519 private key is malformed: {e}")))?;
            let public = info.public_key;
            Ed25519Key::from_seed(seed.as_bytes(), public).map(KeyKind::Ed25519)
        }
        other => Err(errors::unsupported_algorithm(other)),
    }
}

fn decode_encrypted_pkcs8(der: &[u8], password: &str) -> Result<KeyKind> {
    let info = EncryptedPrivateKeyInfo::try_from(der).map_err(|e| {
        Error::new(
            ErrorKind::Key,
            format!(
                "the encrypted PKCS#8 key is malformed or uses an unsupported encryption scheme: {e} \
             ({SUPPORTED_ENCRYPTION})"
            ),
        )
    })?;
    if password.is_empty() {
        return Err(errors::missing_password());
    }
    check_kdf_cost(&info.encryption_algorithm)?;
    let mut buffer = Zeroizing::new(info.encrypted_data.to_vec());
    let plaintext = info
        .encryption_algorithm
        .decrypt_in_place(password, &mut buffer)
        .map_err(|e| match e {
            // pkcs5 0.7 reports a bad CBC padding (the usual sign of a wrong password) as
            // EncryptFailed, even when decrypting.
            pkcs5::Error::DecryptFailed | pkcs5::Error::EncryptFailed => errors::wrong_password(),
            unsupported => Error::new(
                ErrorKind::Key,
                format!("cannot decrypt the PKCS#8 key: {unsupported} ({SUPPORTED_ENCRYPTION})"),
            ),
        })?;
    decode_decrypted(plaintext, DerKind::Pkcs8)
}

/// PBKDF2 iterations and scrypt memory beyond these are refused: a key file must not be able to
/// hang or exhaust the host process (pkcs5 checks its limits only when encrypting).
const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
const MAX_SCRYPT_MEMORY: u64 = 256 * 1024 * 1024;

fn check_kdf_cost(scheme: &pkcs5::EncryptionScheme) -> Result<()> {
    let pkcs5::EncryptionScheme::Pbes2(params) = scheme else {
        return Ok(());
    };
    match &params.kdf {
        pkcs5::pbes2::Kdf::Pbkdf2(p) if p.iteration_count > MAX_PBKDF2_ITERATIONS => Err(Error::new(
            ErrorKind::Key,
            format!(
                "the encrypted PKCS#8 key asks for {} PBKDF2 iterations, more than the {MAX_PBKDF2_ITERATIONS} accepted",
                p.iteration_count
            ),
        )),
        pkcs5::pbes2::Kdf::Scrypt(p) => {
            // pkcs5 computes log2(N) with an unchecked subtraction, so N = 0 would panic there.
            if p.cost_parameter < 2 || !p.cost_parameter.is_power_of_two() {
                return Err(Error::new(
                    ErrorKind::Key,
                    format!(
                        "the encrypted PKCS#8 key has an invalid scrypt cost parameter N = {} (it must be a power of two above 1)",
                        p.cost_parameter
                    ),
                ));
            }
            // scrypt needs about 128 * r * N bytes (and 128 * r * p more).
            let memory = 128u64
                .saturating_mul(p.block_size.into())
                .saturating_mul(p.cost_parameter.saturating_add(p.parallelization.into()));
            if memory > MAX_SCRYPT_MEMORY {
                return Err(Error::new(
                    ErrorKind::Key,
                    format!(
                        "the encrypted PKCS#8 key asks scrypt for {memory} bytes of memory, more than the {MAX_SCRYPT_MEMORY} accepted"
                    ),
                ));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A wrong password usually fails the CBC padding check, but about 1 in 256 passes it and
/// yields garbage: decrypted bytes that are not the expected structure mean a wrong password.
fn decode_decrypted(der: &[u8], expected: DerKind) -> Result<KeyKind> {
    match sniff(der) {
        Ok(kind) if kind == expected => decode_der(der, ""),
        _ => Err(errors::wrong_password()),
    }
}

/// Drops a UTF-8 byte order mark and surrounding whitespace.
fn trim_text(text: &str) -> &str {
    text.trim_start_matches('\u{feff}').trim()
}

#[cfg(test)]
mod tests {
    use super::{decode_decrypted, errors, DerKind};

    #[test]
    fn garbage_that_passes_the_padding_check_is_a_wrong_password() {
        // Random bytes, and well-formed DER of the wrong structure (SEQUENCE { INTEGER 0 }).
        for plaintext in [&b"\x9c\x17\x02\xe4"[..], b"\x30\x03\x02\x01\x00"] {
            assert_eq!(
                decode_decrypted(plaintext, DerKind::Pkcs8).map(|_| ()).unwrap_err(),
                errors::wrong_password()
            );
            assert_eq!(
                decode_decrypted(plaintext, DerKind::Sec1).map(|_| ()).unwrap_err(),
                errors::wrong_password()
            );
        }
    }
}
