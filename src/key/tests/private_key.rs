//! The Chilkat `PrivateKey` object: state, generation, saving.

use super::{generate_p256, openssl_public_jwk, TempDir};
use crate::error::ErrorKind;
use crate::key::{EcKey, PrivateKey};
use std::sync::Arc;

#[test]
fn an_empty_object_says_no_key_is_loaded() {
    let key = PrivateKey::default();
    assert_eq!(key.key_type(), "none");
    assert_eq!(key.bit_length(), 0);
    for error in [
        key.jwk().map(|_| ()).unwrap_err(),
        key.public_jwk().map(|_| ()).unwrap_err(),
        key.jwk_thumbprint("SHA256").map(|_| ()).unwrap_err(),
        key.ec_key().map(|_| ()).unwrap_err(),
        key.save_pkcs8_pem_file("/nonexistent/never-written.pem").unwrap_err(),
    ] {
        assert_eq!(error.kind(), ErrorKind::InvalidState, "{error}");
        assert!(error.to_string().starts_with("no private key is loaded"), "{error}");
    }
}

#[test]
fn generate_accepts_the_names_of_p256_only() {
    let mut key = PrivateKey::default();
    for curve in ["P-256", "secp256r1", "prime256v1", "p-256"] {
        key.generate_ec_key(curve).unwrap_or_else(|e| panic!("{curve}: {e}"));
    }
    assert_eq!(key.key_type(), "ecc");
    assert_eq!(key.bit_length(), 256);
    let error = key.generate_ec_key("P-384").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Key, "{error}");
    assert!(error.to_string().contains("'P-384'"), "names the curve asked for: {error}");
    assert_ne!(
        EcKey::generate("P-256").unwrap().public_jwk(),
        EcKey::generate("P-256").unwrap().public_jwk()
    );
}

#[test]
fn a_failed_load_keeps_the_previous_key_and_a_successful_one_replaces_it() {
    let mut key = PrivateKey::default();
    key.generate_ec_key("P-256").unwrap();
    let first = key.public_jwk().unwrap();
    assert_eq!(key.load_pem("not a key").unwrap_err().kind(), ErrorKind::Key);
    assert_eq!(key.load_jwk("{}").unwrap_err().kind(), ErrorKind::Key);
    assert_eq!(key.public_jwk().unwrap(), first);

    let shared = key.ec_key().unwrap();
    key.generate_ec_key("P-256").unwrap();
    assert_ne!(key.public_jwk().unwrap(), first);
    // A key already handed to the HTTP engine stays valid after the object moves on.
    assert_eq!(shared.public_jwk(), first);
    assert!(!Arc::ptr_eq(&shared, &key.ec_key().unwrap()));
}

#[test]
fn saved_pkcs8_pem_reloads_and_openssl_reads_it() {
    let dir = TempDir::new();
    generate_p256(&dir, "original.pem");
    let mut key = PrivateKey::default();
    key.load_any_format_file(&dir.path("original.pem"), "").unwrap();
    key.save_pkcs8_pem_file(&dir.path("saved.pem")).unwrap();

    let saved = String::from_utf8(dir.read("saved.pem")).unwrap();
    assert!(saved.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{saved}");
    assert_eq!(openssl_public_jwk(&dir, "saved.pem"), key.public_jwk().unwrap());
    let mut reloaded = PrivateKey::default();
    reloaded.load_pem_file(&dir.path("saved.pem")).unwrap();
    assert_eq!(*reloaded.jwk().unwrap(), *key.jwk().unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path("saved.pem")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "a new key file is private to its owner");
    }
    let error = key.save_pkcs8_pem_file(&dir.path("missing-dir/key.pem")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Io, "{error}");
    assert!(error.to_string().contains("missing-dir/key.pem"), "names the file: {error}");
}

#[test]
fn keys_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<EcKey>();
    assert_send_sync::<PrivateKey>();
}
