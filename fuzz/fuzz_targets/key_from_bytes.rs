//! `EcKey::from_bytes(data, password)`: every key format (PEM, DER, JWK; plain and encrypted).
//!
//! Input: byte 0 is the password length N, the next N bytes the password (lossy UTF-8, "" when
//! N is 0), the rest the key data.
//! Checks on success: the key's JWK and PKCS#8 PEM forms load back to the same public key.
#![no_main]

use dpop::key::EcKey;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&password_len, rest)) = input.split_first() else {
        return;
    };
    let (password, data) = rest.split_at((password_len as usize).min(rest.len()));
    let password = String::from_utf8_lossy(password);
    let Ok(key) = EcKey::from_bytes(data, &password) else {
        return;
    };

    let public_jwk = key.public_jwk().to_string();
    assert!(
        public_jwk.starts_with(r#"{"kty":"EC","crv":"P-256""#),
        "{public_jwk}"
    );
    let thumbprint = key.thumbprint("SHA256").expect("SHA256 thumbprint");

    let from_jwk = EcKey::from_jwk(&key.private_jwk()).expect("the key's own private JWK loads");
    assert_eq!(from_jwk.public_jwk(), public_jwk);
    assert_eq!(from_jwk.thumbprint("SHA256").unwrap(), thumbprint);

    let pem = key.to_pkcs8_pem().expect("the key encodes as PKCS#8");
    let from_pem = EcKey::from_pem(&pem, "").expect("the key's own PKCS#8 PEM loads");
    assert_eq!(from_pem.public_jwk(), public_jwk);

    // The loaded key can sign (ring accepted it).
    let _ = key.sign_es256(b"fuzz");
});
