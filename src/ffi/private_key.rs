//! `CkPrivateKey_*`: the Chilkat PrivateKey object (EC P-256 keys for DPoP).

use super::{arg_str, ck_class};
use crate::key::PrivateKey;
use std::ffi::{c_char, c_int};

/// An EC private key. Create with `CkPrivateKey_Create`, free with `CkPrivateKey_Dispose`.
pub struct CkPrivateKey {
    _opaque: [u8; 0],
}
ck_class!(CkPrivateKey, PrivateKey, "PrivateKey");

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

/// Loads an EC P-256 private key from a file in any supported format (PEM or DER: SEC1, PKCS#8,
/// encrypted PKCS#8, OpenSSL-encrypted SEC1; or a private JWK). `password` may be "" for
/// unencrypted keys. A failed load keeps the previous key.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_IO (cannot read the file),
///   DPOP_ERR_KEY (not a supported key, wrong password).
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

/// Loads an encrypted PEM key (PKCS#8 or OpenSSL-encrypted SEC1) from text.
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

/// Loads a private EC JWK (`{"kty":"EC","crv":"P-256","x":..,"y":..,"d":..}`).
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_KEY.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_LoadJwk(handle: HCkPrivateKey, json: *const c_char) -> c_int {
    super::method_bool(handle, "LoadJwk", |key| key.load_jwk(arg_str(json, "json")?))
}

/// Extension (not in Chilkat): generates a new random key on `curve` ("P-256").
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_KEY (unsupported curve).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_GenerateEcKey(handle: HCkPrivateKey, curve: *const c_char) -> c_int {
    super::method_bool(handle, "GenerateEcKey", |key| key.generate_ec_key(arg_str(curve, "curve")?))
}

/// Writes the key as unencrypted PKCS#8 PEM to `path` (a new file readable by its owner only).
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE (no key loaded),
///   DPOP_ERR_IO.
/// Blocks: no network; writes the file.
#[no_mangle]
pub extern "C" fn CkPrivateKey_SavePkcs8PemFile(handle: HCkPrivateKey, path: *const c_char) -> c_int {
    super::method_bool(handle, "SavePkcs8PemFile", |key| key.save_pkcs8_pem_file(arg_str(path, "path")?))
}

/// The private JWK (members kty, crv, x, y, d). It holds the private key: do not log it.
///
/// Returns: the JWK [S] (wiped when replaced or disposed); "" on failure.
/// Fails: DPOP_ERR_INVALID_STATE (no key loaded).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_getJwk(handle: HCkPrivateKey) -> *const c_char {
    super::method_str(handle, "GetJwk", |key| Ok(key.jwk()?.to_string()))
}

/// Extension: the public JWK (kty, crv, x, y).
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

/// Property KeyType: "ecc" when a key is loaded, "none" otherwise.
///
/// Returns: the type [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkPrivateKey_keyType(handle: HCkPrivateKey) -> *const c_char {
    super::get_str(handle, |key| key.key_type().to_string())
}

/// Property BitLength: 256 for a P-256 key.
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
