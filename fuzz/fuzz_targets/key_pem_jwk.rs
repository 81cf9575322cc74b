//! `PrivateKey::load_pem` and `PrivateKey::load_jwk` (the Chilkat object).
//!
//! Input: byte 0 picks the loader (even: load_pem, odd: load_jwk), the rest is the text
//! (lossy UTF-8).
//! Checks: a failed load keeps the previous key; a successful one replaces it, and the new key's
//! private JWK loads back to the same public key.
#![no_main]

use dpop::key::PrivateKey;
use libfuzzer_sys::fuzz_target;
use std::sync::Mutex;

/// The key every run starts with (a throwaway test key).
const START_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"hfCJU_4aQOJj1MZ6Dl5vxODHUD7lbyK07EbGLHul8cU","y":"zEEFS6lVJlXKdkpho3dSofFVMPmioz_gziE6-4ilRxE","d":"BMYEKQ4nvNUUinBbKMzkVkgcKeAcdpJlgbYUXvScLgc"}"#;

/// The object under test, kept across runs so that loading the start key (slow: it derives the
/// public key) is paid only after a successful load replaced it.
static KEY: Mutex<Option<PrivateKey>> = Mutex::new(None);

fuzz_target!(|input: &[u8]| {
    let Some((&selector, data)) = input.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(data);

    let mut guard = KEY.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let key = guard.get_or_insert_with(start_key);
    let before = key.public_jwk().unwrap();

    let loaded = if selector % 2 == 0 {
        key.load_pem(&text)
    } else {
        key.load_jwk(&text)
    };
    match loaded {
        Err(_) => {
            assert_eq!(key.public_jwk().unwrap(), before, "a failed load changed the key");
        }
        Ok(()) => {
            assert!(["ecc", "rsa", "ed25519"].contains(&key.key_type()), "{}", key.key_type());
            let public = key.public_jwk().unwrap();
            let private = key.jwk().unwrap();
            let thumbprint = key.jwk_thumbprint("SHA256").unwrap();
            let mut again = PrivateKey::default();
            again.load_jwk(&private).expect("the key's own private JWK loads");
            assert_eq!(again.public_jwk().unwrap(), public);
            assert_eq!(again.jwk_thumbprint("SHA256").unwrap(), thumbprint);
            *key = start_key();
        }
    }
});

fn start_key() -> PrivateKey {
    let mut key = PrivateKey::default();
    key.load_jwk(START_JWK).expect("the start key loads");
    key
}
