//! Recognizes a key's encoding and decodes it to a P-256 secret key.
//!
//! PEM and DER carry one of three structures: SEC1 `ECPrivateKey`, PKCS#8 `PrivateKeyInfo`, or
//! PKCS#8 `EncryptedPrivateKeyInfo`; PEM adds OpenSSL's legacy header encryption of SEC1. JWK is
//! handled by `jwk`. Everything else gets an error that says what the input is instead.

use super::errors;
use super::jwk;
use super::legacy_pem;
use super::pem::{self, PemBlock};
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use p256::SecretKey;
use pkcs8::der::asn1::AnyRef;
use pkcs8::der::{Decode, Reader, SliceReader, Tag, Tagged};
use pkcs8::pkcs5;
use pkcs8::{EncryptedPrivateKeyInfo, PrivateKeyInfo};
use sec1::EcPrivateKey;
use zeroize::Zeroizing;

const UNRECOGNIZED: &str = "the data is not a recognized private key format (expected PEM, DER or a JWK)";

const SUPPORTED_ENCRYPTION: &str = "supported: PBES2 with PBKDF2-HMAC-SHA256/384/512 or scrypt, and AES-128/192/256-CBC or 3DES; \
     re-encrypt with: openssl pkcs8 -topk8 -v2 aes-256-cbc";

/// Any supported encoding, autodetected. `password` "" means none.
pub(super) fn decode_any(data: &[u8], password: &str) -> Result<SecretKey> {
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

pub(super) fn decode_jwk(text: &str) -> Result<SecretKey> {
    jwk::decode_private(trim_text(text))
}

/// The first private key block of a PEM text. `EC PARAMETERS` blocks (`openssl ecparam -genkey`)
/// and certificates stored alongside the key are skipped.
pub(super) fn decode_pem(text: &str, password: &str) -> Result<SecretKey> {
    let blocks = pem::parse(trim_text(text))?;
    let block = blocks
        .iter()
        .find(|block| block.label.ends_with("PRIVATE KEY"))
        .or_else(|| blocks.iter().find(|block| block.label != "EC PARAMETERS"));
    match block {
        Some(block) => decode_pem_block(block, password),
        None if blocks.is_empty() => {
            bail!(Key, "no PEM block found (expected '-----BEGIN EC PRIVATE KEY-----' or similar)")
        }
        None => bail!(Key, "the PEM holds only EC PARAMETERS and no key"),
    }
}

fn decode_pem_block(block: &PemBlock, password: &str) -> Result<SecretKey> {
    match block.label {
        "EC PRIVATE KEY" if legacy_pem::is_encrypted(block) => decode_decrypted(&legacy_pem::decrypt(block, password)?, DerKind::Sec1),
        "EC PRIVATE KEY" => decode_sec1(&block.decode()?),
        "PRIVATE KEY" => decode_pkcs8(&block.decode()?),
        "ENCRYPTED PRIVATE KEY" => decode_encrypted_pkcs8(&block.decode()?, password),
        "RSA PRIVATE KEY" => Err(errors::rsa_key()),
        "PUBLIC KEY" | "EC PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => {
            Err(errors::public_only(&format!("PEM '{}' block", block.label)))
        }
        label => {
            bail!(
                Key,
                "unsupported PEM block '{label}' (expected EC PRIVATE KEY, PRIVATE KEY or ENCRYPTED PRIVATE KEY)"
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
}

fn decode_der(der: &[u8], password: &str) -> Result<SecretKey> {
    match sniff(der)? {
        DerKind::Sec1 => decode_sec1(der),
        DerKind::Pkcs8 => decode_pkcs8(der),
        DerKind::EncryptedPkcs8 => decode_encrypted_pkcs8(der, password),
        DerKind::PublicKeyInfo => Err(errors::public_only("DER data")),
        DerKind::RsaPkcs1 => Err(errors::rsa_key()),
    }
}

/// Identifies a DER structure by the tags of the first two fields of its outer SEQUENCE:
/// SEC1 is (version, OCTET STRING key), PKCS#8 (version, SEQUENCE algorithm), encrypted PKCS#8
/// (SEQUENCE algorithm, OCTET STRING), SubjectPublicKeyInfo (SEQUENCE algorithm, BIT STRING),
/// and PKCS#1 RSA a run of INTEGERs.
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
        (Tag::Sequence, Ok((Tag::Integer, Tag::Integer))) => DerKind::RsaPkcs1,
        (Tag::Sequence, Ok((Tag::Sequence, Tag::OctetString))) => DerKind::EncryptedPkcs8,
        (Tag::Sequence, Ok((Tag::Sequence, Tag::BitString))) => DerKind::PublicKeyInfo,
        _ => bail!(Key, "the DER data is not a private key (expected SEC1, PKCS#8 or encrypted PKCS#8)"),
    };
    Ok(kind)
}

fn decode_sec1(der: &[u8]) -> Result<SecretKey> {
    let key = EcPrivateKey::from_der(der).map_err(|e| Error::new(ErrorKind::Key, format!("the SEC1 EC private key is malformed: {e}")))?;
    // Absent inside PKCS#8, which names the curve in its algorithm identifier instead.
    if let Some(curve) = key.parameters.and_then(|params| params.named_curve()) {
        errors::require_p256_curve(curve)?;
    }
    SecretKey::try_from(key).map_err(|_| {
        Error::new(
            ErrorKind::Key,
            "the EC private key is invalid (scalar out of range, or the public key stored with it does not match)",
        )
    })
}

fn decode_pkcs8(der: &[u8]) -> Result<SecretKey> {
    let info =
        PrivateKeyInfo::try_from(der).map_err(|e| Error::new(ErrorKind::Key, format!("the PKCS#8 private key is malformed: {e}")))?;
    errors::require_p256_algorithm(info.algorithm.oid, info.algorithm.parameters_oid().ok())?;
    decode_sec1(info.private_key)
}

fn decode_encrypted_pkcs8(der: &[u8], password: &str) -> Result<SecretKey> {
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
fn decode_decrypted(der: &[u8], expected: DerKind) -> Result<SecretKey> {
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
            assert_eq!(decode_decrypted(plaintext, DerKind::Pkcs8).unwrap_err(), errors::wrong_password());
            assert_eq!(decode_decrypted(plaintext, DerKind::Sec1).unwrap_err(), errors::wrong_password());
        }
    }
}
