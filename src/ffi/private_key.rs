//! `CkPrivateKey_*`: the Chilkat PrivateKey object (EC, RSA and Ed25519 keys for DPoP).

use super::{arg_str, ck_class};
use crate::key::PrivateKey;
use std::ffi::{c_char, c_int};

/// A private key (EC P-256/P-384/P-521, RSA 2048-4096 bits or Ed25519). Create with
/// `CkPrivateKey_Create`, free with `CkPrivateKey_Dispose`.
pub struct CkPrivateKey {
    _opaque: [u8; 0],
}
ck_class!(CkPrivateKey, PrivateKey, "PrivateKey", 1);

/// Handle to a `CkPrivateKey`.
pub type HCkPrivateKey = *mut CkPrivateKey;

/// Creates an empty private key object.
///
/// Returns: a new handle owned by the caller [H]; NULL only if memory ran out.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_Create() -> HCkPrivateKey {
    super::create(PrivateKey::default())
}

/// Frees the object and zeroizes its key material (an Http object given the key with
/// CkHttp_SetDPoPKey shares it until it is disposed too; the signing copy inside the `ring`
/// library is not zeroized). Every string it returned becomes invalid.
///
/// Returns: nothing. NULL, unknown and already disposed handles are ignored [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_Dispose(handle: HCkPrivateKey) {
    super::dispose(handle)
}

/// Loads a private key from a file in any supported format: PEM or DER (PKCS#8, encrypted
/// PKCS#8, SEC1 for EC, PKCS#1 for RSA; in PEM also OpenSSL-encrypted SEC1 and PKCS#1) or a
/// private JWK. Key types: EC P-256, P-384, P-521; RSA 2048 to 4096 bits; Ed25519. `password`
/// may be "" for unencrypted keys. A failed load keeps the previous key.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_IO (cannot read the file),
///   DPOP_ERR_KEY (not a supported key, a public key, wrong password, a file over 1 MiB).
/// Blocks: no network; reads the file.
#[no_mangle]
pub extern "C" fn CkPrivateKey_LoadAnyFormatFile(handle: HCkPrivateKey, path: *const c_char, password: *const c_char) -> c_int {
    super::method_bool(handle, "LoadAnyFormatFile", |key| {
        key.load_any_format_file(arg_str(path, "path")?, arg_str(password, "password")?)
    })
}

/// Loads an unencrypted PEM key file.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_IO, DPOP_ERR_KEY.
/// Blocks: no network; reads the file.
#[no_mangle]
pub extern "C" fn CkPrivateKey_LoadPemFile(handle: HCkPrivateKey, path: *const c_char) -> c_int {
    super::method_bool(handle, "LoadPemFile", |key| key.load_pem_file(arg_str(path, "path")?))
}

/// Loads an unencrypted PEM key from text.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_KEY.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_LoadPem(handle: HCkPrivateKey, pem: *const c_char) -> c_int {
    super::method_bool(handle, "LoadPem", |key| key.load_pem(arg_str(pem, "pem")?))
}

/// Loads an encrypted PEM key (PKCS#8, or OpenSSL-encrypted SEC1 or PKCS#1) from text.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_KEY (also a wrong password).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_LoadEncryptedPem(handle: HCkPrivateKey, pem: *const c_char, password: *const c_char) -> c_int {
    super::method_bool(handle, "LoadEncryptedPem", |key| {
        key.load_encrypted_pem(arg_str(pem, "pem")?, arg_str(password, "password")?)
    })
}

/// Loads a private JWK: EC (`{"kty":"EC","crv":"P-256","x":..,"y":..,"d":..}`, also P-384 and
/// P-521), RSA (n, e, d, p, q, dp, dq, qi) or OKP Ed25519 (crv, x, d).
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_KEY.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_LoadJwk(handle: HCkPrivateKey, json: *const c_char) -> c_int {
    super::method_bool(handle, "LoadJwk", |key| key.load_jwk(arg_str(json, "json")?))
}

/// Extension (not in Chilkat): generates a new random EC key on `curve` ("P-256", "P-384" or
/// "P-521"; also "secp256r1", "prime256v1", "secp384r1", "secp521r1").
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_KEY (unsupported curve).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_GenerateEcKey(handle: HCkPrivateKey, curve: *const c_char) -> c_int {
    super::method_bool(handle, "GenerateEcKey", |key| key.generate_ec_key(arg_str(curve, "curve")?))
}

/// Extension (not in Chilkat): generates a new random Ed25519 key.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: never, unless the system random number generator fails (DPOP_ERR_KEY).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_GenerateEd25519Key(handle: HCkPrivateKey) -> c_int {
    super::method_bool(handle, "GenerateEd25519Key", |key| key.generate_ed25519_key())
}

/// Writes the key as "traditional" PEM to `path`, as Chilkat does: SEC1 (`EC PRIVATE KEY`)
/// for EC, PKCS#1 (`RSA PRIVATE KEY`) for RSA, PKCS#8 for Ed25519. CRLF line ends; a new file
/// is readable by its owner only.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE (no key loaded),
///   DPOP_ERR_IO.
/// Blocks: no network; writes the file.
#[no_mangle]
pub extern "C" fn CkPrivateKey_SavePemFile(handle: HCkPrivateKey, path: *const c_char) -> c_int {
    super::method_bool(handle, "SavePemFile", |key| key.save_pem_file(arg_str(path, "path")?))
}

/// Writes the key as unencrypted PKCS#8 PEM to `path` (CRLF line ends; a new file readable by
/// its owner only).
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE (no key loaded),
///   DPOP_ERR_IO.
/// Blocks: no network; writes the file.
#[no_mangle]
pub extern "C" fn CkPrivateKey_SavePkcs8PemFile(handle: HCkPrivateKey, path: *const c_char) -> c_int {
    super::method_bool(handle, "SavePkcs8PemFile", |key| key.save_pkcs8_pem_file(arg_str(path, "path")?))
}

/// Writes the key as PKCS#8 PEM encrypted with `password` (as CkPrivateKey_getPkcs8EncryptedPem)
/// to `path` (a new file readable by its owner only).
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, empty password),
///   DPOP_ERR_INVALID_STATE (no key loaded), DPOP_ERR_IO.
/// Blocks: no network; writes the file (about 70 ms of CPU for the key derivation).
#[no_mangle]
pub extern "C" fn CkPrivateKey_SavePkcs8EncryptedPemFile(handle: HCkPrivateKey, password: *const c_char, path: *const c_char) -> c_int {
    super::method_bool(handle, "SavePkcs8EncryptedPemFile", |key| {
        key.save_pkcs8_encrypted_pem_file(arg_str(password, "password")?, arg_str(path, "path")?)
    })
}

/// The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, CRLF line ends). It holds
/// the private key: do not log it.
///
/// Returns: the PEM [S] (wiped when replaced or disposed); "" on failure.
/// Fails: DPOP_ERR_INVALID_STATE (no key loaded).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_getPkcs8Pem(handle: HCkPrivateKey) -> *const c_char {
    super::method_str(handle, "GetPkcs8Pem", |key| Ok(key.pkcs8_pem()?.to_string()))
}

/// The key as PKCS#8 PEM encrypted with `password` (`-----BEGIN ENCRYPTED PRIVATE KEY-----`):
/// PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, as `openssl pkcs8 -topk8 -v2 aes-256-cbc`
/// writes (Chilkat writes 3DES by default; both load everywhere).
///
/// Returns: the PEM [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, empty password),
///   DPOP_ERR_INVALID_STATE (no key loaded).
/// Blocks: no (about 70 ms of CPU for the key derivation).
#[no_mangle]
pub extern "C" fn CkPrivateKey_getPkcs8EncryptedPem(handle: HCkPrivateKey, password: *const c_char) -> *const c_char {
    super::method_str(handle, "GetPkcs8EncryptedPem", |key| {
        Ok(key.pkcs8_encrypted_pem(arg_str(password, "password")?)?.to_string())
    })
}

/// The private JWK, members in Chilkat's order: EC kty, crv, x, y, d; RSA kty, n, e, d, p, q,
/// dp, dq, qi; Ed25519 kty, crv, x, d, use. It holds the private key: do not log it.
///
/// Returns: the JWK [S] (wiped when replaced or disposed); "" on failure.
/// Fails: DPOP_ERR_INVALID_STATE (no key loaded).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_getJwk(handle: HCkPrivateKey) -> *const c_char {
    super::method_str(handle, "GetJwk", |key| Ok(key.jwk()?.to_string()))
}

/// Extension: the public JWK, members in RFC 7638 order (EC crv, kty, x, y; RSA e, kty, n;
/// Ed25519 crv, kty, x), as DPoP proofs carry it.
///
/// Returns: the JWK [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_STATE (no key loaded).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_getPublicJwk(handle: HCkPrivateKey) -> *const c_char {
    super::method_str(handle, "GetPublicJwk", |key| key.public_jwk())
}

/// The RFC 7638 JWK thumbprint (base64url) computed with `hashAlg` ("SHA256", "SHA384", "SHA512").
///
/// Returns: the thumbprint [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_KEY (unknown hash),
///   DPOP_ERR_INVALID_STATE (no key loaded).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_getJwkThumbprint(handle: HCkPrivateKey, hashAlg: *const c_char) -> *const c_char {
    super::method_str(handle, "GetJwkThumbprint", |key| key.jwk_thumbprint(arg_str(hashAlg, "hashAlg")?))
}

/// Property KeyType: "ecc", "rsa" or "ed25519"; "empty" when no key is loaded.
///
/// Returns: the type [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_keyType(handle: HCkPrivateKey) -> *const c_char {
    super::get_str(handle, |key| key.key_type().to_string())
}

/// Property BitLength: 256, 384 or 521 for EC keys, the modulus size for RSA, 256 for Ed25519.
///
/// Returns: the length; 0 when no key is loaded, or for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_getBitLength(handle: HCkPrivateKey) -> c_int {
    super::get(handle, 0, |key| key.bit_length().try_into().unwrap_or(c_int::MAX))
}

/// Property LastMethodSuccess [E].
///
/// Returns: 1 if the last method call succeeded; 0 if it failed, or for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_getLastMethodSuccess(handle: HCkPrivateKey) -> c_int {
    super::last_method_success(handle)
}

/// Extension property LastErrorCode [E].
///
/// Returns: DPOP_OK or a DPOP_ERR_* code; DPOP_ERR_INVALID_HANDLE for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_getLastErrorCode(handle: HCkPrivateKey) -> c_int {
    super::last_error_code(handle)
}

/// Property LastErrorText [E]. Never contains key material.
///
/// Returns: the text [S], in a buffer of its own; "" after a success.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_lastErrorText(handle: HCkPrivateKey) -> *const c_char {
    super::last_error_text(handle)
}
