//! Ed25519 private keys (EdDSA, RFC 8037), signed with ring.

use crate::error::{Error, ErrorKind, Result};
use rand_core::RngCore;
use ring::signature::{Ed25519KeyPair, KeyPair};
use zeroize::Zeroizing;

/// Bytes of the private key (the seed) and of the public key.
pub(super) const KEY_LEN: usize = 32;

pub(super) struct Ed25519Key {
    seed: Zeroizing<[u8; KEY_LEN]>,
    signer: Ed25519KeyPair,
}

impl Ed25519Key {
    pub fn generate() -> Result<Ed25519Key> {
        let mut seed = Zeroizing::new([0u8; KEY_LEN]);
        rand_core::OsRng.fill_bytes(&mut *seed);
        Ed25519Key::from_seed(&*seed, None)
    }

    /// `stored_public`, the public key stored with the private key (PKCS#8 v2, JWK "x"), must
    /// match it.
    pub fn from_seed(seed: &[u8], stored_public: Option<&[u8]>) -> Result<Ed25519Key> {
        let Ok(seed) = <[u8; KEY_LEN]>::try_from(seed).map(Zeroizing::new) else {
            return Err(Error::new(
                ErrorKind::Key,
                format!("the Ed25519 private key has {} bytes; it must have {KEY_LEN}", seed.len()),
            ));
        };
        let signer = Ed25519KeyPair::from_seed_unchecked(&*seed)
            .map_err(|e| Error::new(ErrorKind::Key, format!("the signing library rejected the Ed25519 key: {e}")))?;
        if stored_public.is_some_and(|stored| stored != signer.public_key().as_ref()) {
            return Err(Error::new(
                ErrorKind::Key,
                "the public key stored with the Ed25519 private key does not match it (the key is corrupt)",
            ));
        }
        Ok(Ed25519Key { seed, signer })
    }

    pub fn seed(&self) -> &[u8] {
        &*self.seed
    }

    pub fn public(&self) -> &[u8] {
        self.signer.public_key().as_ref()
    }

    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.signer.sign(message).as_ref().to_vec()
    }
}
