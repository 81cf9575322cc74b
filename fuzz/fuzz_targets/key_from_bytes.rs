//! `SigningKey::from_bytes(data, password)`: every key type (EC P-256/P-384/P-521, RSA,
//! Ed25519) in every format (PEM, DER, JWK; plain and encrypted).
//!
//! Input: byte 0 is the password length N, the next N bytes the password (lossy UTF-8, "" when
//! N is 0), the rest the key data.
//! Checks on success: the key's private JWK, PKCS#8 PEM and traditional PEM load back to the
//! same public key; the public JWK is the thumbprint input; it signs with each of its
//! algorithms and with no other.
#![no_main]

use dpop::key::{JwsAlgorithm, SigningKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&password_len, rest)) = input.split_first() else {
        return;
    };
    let (password, data) = rest.split_at((password_len as usize).min(rest.len()));
    let password = String::from_utf8_lossy(password);
    let Ok(key) = SigningKey::from_bytes(data, &password) else {
        return;
    };

    let public_jwk = key.public_jwk().to_string();
    assert!(["ecc", "rsa", "ed25519"].contains(&key.key_type()), "{}", key.key_type());
    assert!(
        public_jwk.starts_with(r#"{"crv":"P-"#)
            || public_jwk.starts_with(r#"{"e":""#)
            || public_jwk.starts_with(r#"{"crv":"Ed25519","kty":"OKP""#),
        "{public_jwk}"
    );
    let thumbprint = key.thumbprint("SHA256").expect("SHA256 thumbprint");

    let from_jwk = SigningKey::from_jwk(&key.private_jwk()).expect("the key's own private JWK loads");
    assert_eq!(from_jwk.public_jwk(), public_jwk);
    assert_eq!(from_jwk.thumbprint("SHA256").unwrap(), thumbprint);

    for pem in [
        key.to_pkcs8_pem().expect("the key encodes as PKCS#8"),
        key.to_traditional_pem().expect("the key encodes as SEC1 / PKCS#1 / PKCS#8"),
    ] {
        let from_pem = SigningKey::from_pem(&pem, "").expect("the key's own PEM loads");
        assert_eq!(from_pem.public_jwk(), public_jwk);
    }

    for algorithm in JwsAlgorithm::ALL {
        let signed = key.sign(algorithm, b"fuzz");
        assert_eq!(signed.is_ok(), key.algorithms().contains(&algorithm), "{algorithm}");
    }
});
