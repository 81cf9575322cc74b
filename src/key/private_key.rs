//! `PrivateKey`: the Chilkat `PrivateKey` object. It holds at most one `EcKey`; as in Chilkat, a
//! failed load keeps the previous key and a successful one replaces it.

use super::EcKey;
use crate::error::{Error, ErrorKind, Result};
use std::io::Write;
use std::sync::Arc;
use zeroize::Zeroizing;

#[derive(Default, Debug)]
pub struct PrivateKey {
    key: Option<Arc<EcKey>>,
}

impl PrivateKey {
    /// Loads a key file in any supported format (see `EcKey::from_bytes`).
    pub fn load_any_format_file(&mut self, path: &str, password: &str) -> Result<()> {
        let data = read_key_file(path)?;
        self.replace_with(EcKey::from_bytes(&data, password).map_err(|e| e.context(format!("key file '{path}'"))))
    }

    /// Loads an unencrypted PEM key file.
    pub fn load_pem_file(&mut self, path: &str) -> Result<()> {
        let data = read_key_file(path)?;
        let text = std::str::from_utf8(&data).map_err(|_| {
            Error::new(
                ErrorKind::Key,
                format!("key file '{path}': the file is not PEM text (it is not UTF-8)"),
            )
        })?;
        self.replace_with(EcKey::from_pem(text, "").map_err(|e| e.context(format!("key file '{path}'"))))
    }

    /// Loads an unencrypted PEM key.
    pub fn load_pem(&mut self, text: &str) -> Result<()> {
        self.replace_with(EcKey::from_pem(text, ""))
    }

    /// Loads an encrypted PEM key: PKCS#8 `ENCRYPTED PRIVATE KEY` or OpenSSL-encrypted SEC1.
    pub fn load_encrypted_pem(&mut self, text: &str, password: &str) -> Result<()> {
        self.replace_with(EcKey::from_pem(text, password))
    }

    /// Loads a private EC JWK.
    pub fn load_jwk(&mut self, json: &str) -> Result<()> {
        self.replace_with(EcKey::from_jwk(json))
    }

    /// Replaces the key with a new random one. Extension, not in Chilkat.
    pub fn generate_ec_key(&mut self, curve: &str) -> Result<()> {
        self.replace_with(EcKey::generate(curve))
    }

    /// The private JWK (kty, crv, x, y, d).
    pub fn jwk(&self) -> Result<Zeroizing<String>> {
        Ok(self.loaded()?.private_jwk())
    }

    /// The public JWK (kty, crv, x, y).
    pub fn public_jwk(&self) -> Result<String> {
        Ok(self.loaded()?.public_jwk().to_string())
    }

    /// RFC 7638 thumbprint, base64url; `hash_alg` as for `EcKey::thumbprint`.
    pub fn jwk_thumbprint(&self, hash_alg: &str) -> Result<String> {
        self.loaded()?.thumbprint(hash_alg)
    }

    /// "ecc" when a key is loaded, "none" when empty.
    pub fn key_type(&self) -> &'static str {
        if self.key.is_some() {
            "ecc"
        } else {
            "none"
        }
    }

    /// 256 when a key is loaded, 0 when empty.
    pub fn bit_length(&self) -> u32 {
        if self.key.is_some() {
            256
        } else {
            0
        }
    }

    /// Writes the key as unencrypted PKCS#8 PEM. On Unix a new file is created readable by its
    /// owner only (mode 0600).
    pub fn save_pkcs8_pem_file(&self, path: &str) -> Result<()> {
        let pem = self.loaded()?.to_pkcs8_pem()?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options
            .open(path)
            .and_then(|mut file| file.write_all(pem.as_bytes()))
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write key file '{path}': {e}")))
    }

    /// The loaded key, shared (for `Http.SetDPoPKey`).
    pub fn ec_key(&self) -> Result<Arc<EcKey>> {
        self.loaded().cloned()
    }

    fn loaded(&self) -> Result<&Arc<EcKey>> {
        self.key
            .as_ref()
            .ok_or_else(|| Error::new(ErrorKind::InvalidState, "no private key is loaded (load or generate one first)"))
    }

    /// Chilkat semantics: a failed load keeps the previous key; a successful one replaces it (the
    /// old key is zeroized when dropped, once the HTTP engine no longer shares it).
    fn replace_with(&mut self, loaded: Result<EcKey>) -> Result<()> {
        self.key = Some(Arc::new(loaded?));
        Ok(())
    }
}

fn read_key_file(path: &str) -> Result<Zeroizing<Vec<u8>>> {
    std::fs::read(path)
        .map(Zeroizing::new)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read key file '{path}': {e}")))
}
