//! `PrivateKey`: the Chilkat `PrivateKey` object. It holds at most one `SigningKey`; as in
//! Chilkat, a failed load keeps the previous key and a successful one replaces it.

use super::SigningKey;
use crate::error::{Error, ErrorKind, Result};
use crate::private_file;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;
use zeroize::Zeroizing;

/// Key files are a few KB (an RSA 4096 PEM is about 3.3 KB); a larger file is refused before it
/// is read, so that a wrong path (a log, a device like /dev/zero) cannot exhaust memory.
pub(super) const MAX_KEY_FILE_BYTES: u64 = 1024 * 1024;

#[derive(Default, Debug)]
pub struct PrivateKey {
    key: Option<Arc<SigningKey>>,
}

impl PrivateKey {
    /// Loads a key file in any supported format (see `SigningKey::from_bytes`).
    pub fn load_any_format_file(&mut self, path: &str, password: &str) -> Result<()> {
        self.replace_with(SigningKey::from_file(path, password))
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
        self.replace_with(SigningKey::from_pem(text, "").map_err(|e| e.context(format!("key file '{path}'"))))
    }

    /// Loads an unencrypted PEM key.
    pub fn load_pem(&mut self, text: &str) -> Result<()> {
        self.replace_with(SigningKey::from_pem(text, ""))
    }

    /// Loads an encrypted PEM key: PKCS#8 `ENCRYPTED PRIVATE KEY` or OpenSSL-encrypted SEC1 /
    /// PKCS#1.
    pub fn load_encrypted_pem(&mut self, text: &str, password: &str) -> Result<()> {
        self.replace_with(SigningKey::from_pem(text, password))
    }

    /// Loads a private JWK (EC, RSA or Ed25519).
    pub fn load_jwk(&mut self, json: &str) -> Result<()> {
        self.replace_with(SigningKey::from_jwk(json))
    }

    /// Replaces the key with a new random EC key. Extension, not in Chilkat.
    pub fn generate_ec_key(&mut self, curve: &str) -> Result<()> {
        self.replace_with(SigningKey::generate_ec(curve))
    }

    /// Replaces the key with a new random Ed25519 key. Extension, not in Chilkat.
    pub fn generate_ed25519_key(&mut self) -> Result<()> {
        self.replace_with(SigningKey::generate_ed25519())
    }

    /// The private JWK.
    pub fn jwk(&self) -> Result<Zeroizing<String>> {
        Ok(self.loaded()?.private_jwk())
    }

    /// The public JWK, members in RFC 7638 order.
    pub fn public_jwk(&self) -> Result<String> {
        Ok(self.loaded()?.public_jwk().to_string())
    }

    /// RFC 7638 thumbprint, base64url; `hash_alg` as for `SigningKey::thumbprint`.
    pub fn jwk_thumbprint(&self, hash_alg: &str) -> Result<String> {
        self.loaded()?.thumbprint(hash_alg)
    }

    /// "ecc", "rsa" or "ed25519" when a key is loaded; "empty" otherwise (Chilkat's names).
    pub fn key_type(&self) -> &'static str {
        self.key.as_ref().map_or("empty", |key| key.key_type())
    }

    /// The key size in bits (see `SigningKey::bit_length`); 0 when empty.
    pub fn bit_length(&self) -> u32 {
        self.key.as_ref().map_or(0, |key| key.bit_length())
    }

    /// The key as unencrypted PKCS#8 PEM.
    pub fn pkcs8_pem(&self) -> Result<Zeroizing<String>> {
        self.loaded()?.to_pkcs8_pem()
    }

    /// The key as PKCS#8 PEM encrypted with `password`.
    pub fn pkcs8_encrypted_pem(&self, password: &str) -> Result<Zeroizing<String>> {
        self.loaded()?.to_encrypted_pkcs8_pem(password)
    }

    /// Writes the key as "traditional" PEM: SEC1 for EC, PKCS#1 for RSA, PKCS#8 for Ed25519.
    pub fn save_pem_file(&self, path: &str) -> Result<()> {
        write_key_file(path, &self.loaded()?.to_traditional_pem()?)
    }

    /// Writes the key as unencrypted PKCS#8 PEM.
    pub fn save_pkcs8_pem_file(&self, path: &str) -> Result<()> {
        write_key_file(path, &self.pkcs8_pem()?)
    }

    /// Writes the key as PKCS#8 PEM encrypted with `password`.
    pub fn save_pkcs8_encrypted_pem_file(&self, password: &str, path: &str) -> Result<()> {
        write_key_file(path, &self.pkcs8_encrypted_pem(password)?)
    }

    /// The loaded key, shared (for `Http.SetDPoPKey`).
    pub fn signing_key(&self) -> Result<Arc<SigningKey>> {
        self.loaded().cloned()
    }

    fn loaded(&self) -> Result<&Arc<SigningKey>> {
        self.key
            .as_ref()
            .ok_or_else(|| Error::new(ErrorKind::InvalidState, "no private key is loaded (load or generate one first)"))
    }

    /// Chilkat semantics: a failed load keeps the previous key; a successful one replaces it (the
    /// old key is zeroized when dropped, once the HTTP engine no longer shares it).
    fn replace_with(&mut self, loaded: Result<SigningKey>) -> Result<()> {
        self.key = Some(Arc::new(loaded?));
        Ok(())
    }
}

/// Reads at most `MAX_KEY_FILE_BYTES`; a longer file (or an endless one) is an error.
pub(super) fn read_key_file(path: &str) -> Result<Zeroizing<Vec<u8>>> {
    let io_error = |e: std::io::Error| Error::new(ErrorKind::Io, format!("cannot read key file '{path}': {e}"));
    let too_large = || {
        Error::new(
            ErrorKind::Key,
            format!("key file '{path}' is larger than {MAX_KEY_FILE_BYTES} bytes, far more than a key: is it the right file?"),
        )
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    // Sized from the file's length when it has one, so that reading never reallocates (and
    // leaves copies of the key behind).
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_KEY_FILE_BYTES {
        return Err(too_large());
    }
    let mut data = Zeroizing::new(Vec::with_capacity(len as usize + 1));
    file.take(MAX_KEY_FILE_BYTES + 1).read_to_end(&mut data).map_err(io_error)?;
    if data.len() as u64 > MAX_KEY_FILE_BYTES {
        return Err(too_large());
    }
    Ok(data)
}

/// Writes `text` to `path`. A new file is created readable by its owner only.
fn write_key_file(path: &str, text: &str) -> Result<()> {
    private_file::open_for_writing(Path::new(path), false)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write key file '{path}': {e}")))
}
