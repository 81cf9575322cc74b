//! OpenSSL's legacy ("traditional") PEM encryption, as `openssl ec -aes256` and
//! `openssl rsa -traditional -aes256` write it:
//!
//! ```text
//! -----BEGIN EC PRIVATE KEY-----
//! Proc-Type: 4,ENCRYPTED
//! DEK-Info: AES-256-CBC,<IV in hex>
//! ```
//!
//! The AES key is OpenSSL's `EVP_BytesToKey` with MD5, one iteration, and the first 8 bytes of
//! the IV as salt. The payload is the SEC1 or PKCS#1 DER encrypted with AES-CBC and PKCS#7
//! padding.

use super::errors;
use super::pem::PemBlock;
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockCipher, BlockDecryptMut, KeyIvInit};
use md5::{Digest, Md5};
use zeroize::Zeroizing;

const IV_LEN: usize = 16;

/// Decrypts `data` in place with (key, iv); returns the plaintext length, None on bad padding.
type CbcDecrypt = fn(&[u8], &[u8], &mut [u8]) -> Option<usize>;

/// The DEK-Info ciphers we accept: (name, key length, decryption).
const CIPHERS: &[(&str, usize, CbcDecrypt)] = &[
    ("AES-128-CBC", 16, cbc_decrypt::<aes::Aes128>),
    ("AES-192-CBC", 24, cbc_decrypt::<aes::Aes192>),
    ("AES-256-CBC", 32, cbc_decrypt::<aes::Aes256>),
];

pub(super) fn is_encrypted(block: &PemBlock) -> bool {
    block.header("Proc-Type").is_some_and(|value| value.ends_with("ENCRYPTED"))
}

/// The decrypted DER. A wrong password usually fails the padding check here; when it passes by
/// chance the caller sees garbage DER, which it must also report as a wrong password.
pub(super) fn decrypt(block: &PemBlock, password: &str) -> Result<Zeroizing<Vec<u8>>> {
    let dek_info = block.header("DEK-Info").ok_or_else(|| {
        Error::new(
            ErrorKind::Key,
            "the encrypted PEM block has no DEK-Info header (the file is corrupt)",
        )
    })?;
    let (cipher_name, iv_hex) = dek_info.split_once(',').unwrap_or((dek_info, ""));
    let Some(&(_, key_len, cbc_decrypt)) = CIPHERS.iter().find(|(name, _, _)| name.eq_ignore_ascii_case(cipher_name.trim())) else {
        bail!(
            Key,
            "the PEM key is encrypted with {cipher_name}, which is not supported (supported: AES-128-CBC, \
             AES-192-CBC, AES-256-CBC); convert it with: openssl pkcs8 -topk8 -v2 aes-256-cbc"
        );
    };
    let iv = parse_iv(iv_hex.trim())?;
    if password.is_empty() {
        return Err(errors::missing_password());
    }
    let key = evp_bytes_to_key(password.as_bytes(), &iv[..8], key_len);
    let mut data = block.decode()?;
    let plaintext_len = cbc_decrypt(&key, &iv, &mut data).ok_or_else(errors::wrong_password)?;
    data.truncate(plaintext_len);
    Ok(data)
}

fn cbc_decrypt<C>(key: &[u8], iv: &[u8], data: &mut [u8]) -> Option<usize>
where
    C: BlockCipher + BlockDecryptMut,
    cbc::Decryptor<C>: KeyIvInit,
{
    let decryptor = cbc::Decryptor::<C>::new_from_slices(key, iv).ok()?;
    decryptor.decrypt_padded_mut::<Pkcs7>(data).ok().map(<[u8]>::len)
}

/// OpenSSL `EVP_BytesToKey(MD5, count = 1)`: D_1 = MD5(password || salt),
/// D_i = MD5(D_{i-1} || password || salt), key = D_1 || D_2 || ... cut to `key_len`.
fn evp_bytes_to_key(password: &[u8], salt: &[u8], key_len: usize) -> Zeroizing<Vec<u8>> {
    const DIGEST_LEN: usize = 16;
    // Capacity for whole digests so the vector never reallocates (and leaves key bytes behind).
    let mut key = Zeroizing::new(Vec::with_capacity(key_len.div_ceil(DIGEST_LEN) * DIGEST_LEN));
    while key.len() < key_len {
        let mut md5 = Md5::new();
        md5.update(&key[key.len().saturating_sub(DIGEST_LEN)..]);
        md5.update(password);
        md5.update(salt);
        key.extend_from_slice(&md5.finalize());
    }
    key.truncate(key_len);
    key
}

fn parse_iv(hex: &str) -> Result<[u8; IV_LEN]> {
    let mut iv = [0u8; IV_LEN];
    let valid = hex.len() == 2 * IV_LEN
        && iv.iter_mut().enumerate().all(|(i, byte)| {
            let parsed = hex.get(2 * i..2 * i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok());
            parsed.map(|value| *byte = value).is_some()
        });
    if !valid {
        bail!(
            Key,
            "the DEK-Info header of the encrypted PEM block has no valid 16-byte IV (the file is corrupt)"
        );
    }
    Ok(iv)
}

#[cfg(test)]
mod tests {
    use super::evp_bytes_to_key;

    #[test]
    fn evp_bytes_to_key_matches_openssl() {
        // From `openssl enc -aes-256-cbc -md md5 -pass pass:password -S 0102030405060708 -P`
        // (and -aes-192-cbc, whose key is a prefix: the derivation is one stream).
        let salt = [1, 2, 3, 4, 5, 6, 7, 8];
        let expected = "e7b0971e52ca5cc8d0539fb3412f6316f7ba2e6ee293d9f3457b99436b51ce02";
        assert_eq!(hex(&evp_bytes_to_key(b"password", &salt, 32)), expected);
        assert_eq!(hex(&evp_bytes_to_key(b"password", &salt, 24)), expected[..48]);
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}
