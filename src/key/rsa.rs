//! RSA private keys of 2048 to 4096 bits (PS256, RS256), signed with ring.
//!
//! The key is kept as its RFC 8017 `RSAPrivateKey` DER (PKCS#1), which every output form
//! (JWK, PKCS#1 PEM, PKCS#8) is made from.

use super::algorithm::JwsAlgorithm;
use super::errors;
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use pkcs1::der::asn1::UintRef;
use pkcs1::der::{Decode, Encode};
use pkcs1::RsaPrivateKey;
use ring::rand::SystemRandom;
use ring::signature::{RsaEncoding, RsaKeyPair, RSA_PKCS1_SHA256, RSA_PSS_SHA256};
use zeroize::Zeroizing;

/// RFC 7518 section 3.3 asks for at least 2048 bits; ring signs with at most 4096.
pub(super) const MIN_BITS: u32 = 2048;
pub(super) const MAX_BITS: u32 = 4096;

/// The JWK names of the key's integers, in `RSAPrivateKey` (and Chilkat's JWK) order.
pub(super) const COMPONENTS: [&str; 8] = ["n", "e", "d", "p", "q", "dp", "dq", "qi"];

pub(super) struct RsaKey {
    pkcs1: Zeroizing<Vec<u8>>,
    signer: RsaKeyPair,
    rng: SystemRandom,
    bits: u32,
}

impl RsaKey {
    pub fn from_pkcs1_der(der: &[u8]) -> Result<RsaKey> {
        let key = parse(der)?;
        if key.other_prime_infos.is_some() {
            bail!(Key, "the RSA key has more than two primes (multi-prime RSA is not supported)");
        }
        let bits = bit_length(key.modulus.as_bytes());
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err(errors::rsa_size(bits));
        }
        let signer = RsaKeyPair::from_der(der).map_err(|e| {
            Error::new(
                ErrorKind::Key,
                format!("the RSA private key is invalid (its numbers do not form a key: {e})"),
            )
        })?;
        let key = RsaKey {
            pkcs1: Zeroizing::new(der.to_vec()),
            signer,
            rng: SystemRandom::new(),
            bits,
        };
        // ring checks n = p * q but not every CRT number; it checks each signature instead and
        // fails one made with a wrong dP, dQ or qInv. A test signature finds such keys now
        // rather than at the first request.
        let mut signature = vec![0u8; key.signer.public().modulus_len()];
        key.signer
            .sign(&RSA_PKCS1_SHA256, &key.rng, b"libdpop key check", &mut signature)
            .map_err(|_| {
                Error::new(
                    ErrorKind::Key,
                    "the RSA private key is invalid (its CRT numbers dP, dQ or qInv do not match its primes)",
                )
            })?;
        Ok(key)
    }

    /// From the big-endian integers named by `COMPONENTS`, in that order (leading zeros allowed).
    pub fn from_components(values: &[&[u8]; 8]) -> Result<RsaKey> {
        let mut uints = Vec::with_capacity(COMPONENTS.len());
        for (name, value) in COMPONENTS.iter().zip(values) {
            uints.push(UintRef::new(value).map_err(|_| Error::new(ErrorKind::Key, format!("the RSA member \"{name}\" is too long")))?);
        }
        let key = RsaPrivateKey {
            modulus: uints[0],
            public_exponent: uints[1],
            private_exponent: uints[2],
            prime1: uints[3],
            prime2: uints[4],
            exponent1: uints[5],
            exponent2: uints[6],
            coefficient: uints[7],
            other_prime_infos: None,
        };
        let der = key
            .to_der()
            .map(Zeroizing::new)
            .map_err(|e| Error::new(ErrorKind::Key, format!("cannot encode the RSA key: {e}")))?;
        RsaKey::from_pkcs1_der(&der)
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The `RSAPrivateKey` DER (PKCS#1).
    pub fn pkcs1_der(&self) -> &[u8] {
        &self.pkcs1
    }

    /// The integers named by `COMPONENTS`, in that order, big-endian without leading zeros.
    pub fn components(&self) -> [&[u8]; 8] {
        let key = parse(&self.pkcs1).expect("the stored PKCS#1 DER was parsed when the key was made");
        [
            key.modulus,
            key.public_exponent,
            key.private_exponent,
            key.prime1,
            key.prime2,
            key.exponent1,
            key.exponent2,
            key.coefficient,
        ]
        .map(|uint| uint.as_bytes())
    }

    /// `algorithm` is PS256 or RS256 (the caller checked it).
    pub fn sign(&self, algorithm: JwsAlgorithm, message: &[u8]) -> Vec<u8> {
        let padding: &'static dyn RsaEncoding = match algorithm {
            JwsAlgorithm::Rs256 => &RSA_PKCS1_SHA256,
            _ => &RSA_PSS_SHA256,
        };
        let mut signature = vec![0u8; self.signer.public().modulus_len()];
        // ring fails only when the system random number generator does: nothing sensible to do.
        self.signer
            .sign(padding, &self.rng, message, &mut signature)
            .expect("the system random number generator failed");
        signature
    }
}

fn parse(der: &[u8]) -> Result<RsaPrivateKey<'_>> {
    RsaPrivateKey::from_der(der).map_err(|e| Error::new(ErrorKind::Key, format!("the RSA private key is malformed: {e}")))
}

/// Bits of a big-endian unsigned integer without leading zero bytes (saturating).
fn bit_length(bytes: &[u8]) -> u32 {
    let bits = match bytes.first() {
        Some(first) => 8 * bytes.len() as u64 - u64::from(first.leading_zeros()),
        None => 0,
    };
    u32::try_from(bits).unwrap_or(u32::MAX)
}
