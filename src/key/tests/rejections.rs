//! Each kind of unusable input gets its own specific message, and no message leaks the password.

use super::{generate_p256, TempDir, PASSWORD};
use crate::error::ErrorKind;
use crate::key::{EcKey, PrivateKey};

/// `data` is refused as a Key error whose message contains `expected`.
fn assert_rejected(what: &str, data: &[u8], password: &str, expected: &str) {
    let message = match EcKey::from_bytes(data, password) {
        Ok(_) => panic!("{what}: loaded, expected an error containing {expected:?}"),
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Key, "{what}: {e}");
            e.to_string()
        }
    };
    assert!(message.contains(expected), "{what}: {message:?} does not contain {expected:?}");
    assert!(!message.contains(PASSWORD), "{what}: the message shows the password");
}

#[test]
fn keys_of_the_wrong_kind_are_named() {
    let dir = TempDir::new();
    generate_p256(&dir, "p256.pem");
    for command in [
        "genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa.pem",
        "rsa -in rsa.pem -traditional -out rsa-pkcs1.pem",
        "rsa -in rsa.pem -traditional -outform DER -out rsa-pkcs1.der",
        "pkcs8 -topk8 -nocrypt -in rsa.pem -outform DER -out rsa-pkcs8.der",
        "ecparam -genkey -name secp384r1 -out p384.pem",
        "pkcs8 -topk8 -nocrypt -in p384.pem -out p384-pkcs8.pem",
        "ecparam -genkey -name secp256k1 -outform DER -out k256.der",
        "genpkey -algorithm ed25519 -out ed25519.pem",
        "ec -in p256.pem -pubout -out public.pem",
        "ec -in p256.pem -pubout -outform DER -out public.der",
    ] {
        dir.openssl(command);
    }
    let rsa = "is an RSA key; DPoP keys here must be EC P-256";
    for (file, expected) in [
        ("rsa.pem", rsa),
        ("rsa-pkcs1.pem", rsa),
        ("rsa-pkcs1.der", rsa),
        ("rsa-pkcs8.der", rsa),
        (
            "p384.pem",
            "is an EC key on curve secp384r1 (P-384); DPoP keys here must be EC P-256",
        ),
        ("p384-pkcs8.pem", "curve secp384r1 (P-384)"),
        ("k256.der", "curve secp256k1"),
        ("ed25519.pem", "is an Ed25519 key"),
        ("public.pem", "the PEM 'PUBLIC KEY' block holds only a public key"),
        ("public.der", "the DER data holds only a public key"),
    ] {
        assert_rejected(file, &dir.read(file), "", expected);
    }

    let public_jwk = EcKey::from_bytes(&dir.read("p256.pem"), "").unwrap().public_jwk().to_string();
    for (what, jwk, expected) in [
        (
            "public JWK",
            public_jwk.as_str(),
            "the JWK (it has no \"d\" member) holds only a public key",
        ),
        ("RSA JWK", r#"{"kty":"RSA","n":"0vx7","e":"AQAB","d":"X4cT"}"#, rsa),
        (
            "P-384 JWK",
            r#"{"kty":"EC","crv":"P-384","x":"AA","y":"AA","d":"AA"}"#,
            "curve secp384r1 (P-384)",
        ),
        (
            "Ed25519 JWK",
            r#"{"kty":"OKP","crv":"Ed25519","x":"AA","d":"AA"}"#,
            "an OKP key (Ed25519)",
        ),
    ] {
        assert_rejected(what, jwk.as_bytes(), "", expected);
    }
}

#[test]
fn password_problems_are_told_apart() {
    let dir = TempDir::new();
    generate_p256(&dir, "key.pem");
    let passout = format!("pass:{PASSWORD}");
    dir.openssl_with("pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out pkcs8.pem", &["-passout", &passout]);
    dir.openssl_with(
        "pkcs8 -topk8 -scrypt -scrypt_N 1024 -in key.pem -outform DER -out scrypt.der",
        &["-passout", &passout],
    );
    dir.openssl_with("ec -aes256 -in key.pem -out legacy.pem", &["-passout", &passout]);
    dir.openssl_with("ec -des3 -in key.pem -out legacy-3des.pem", &["-passout", &passout]);

    for file in ["pkcs8.pem", "scrypt.der", "legacy.pem"] {
        let data = dir.read(file);
        assert_rejected(file, &data, "", "the key is encrypted and no password was given");
        assert_rejected(file, &data, "not the password", "wrong password");
    }
    assert_rejected(
        "legacy 3DES",
        &dir.read("legacy-3des.pem"),
        PASSWORD,
        "encrypted with DES-EDE3-CBC, which is not supported",
    );
}

#[test]
fn damaged_and_foreign_data_is_reported() {
    let dir = TempDir::new();
    generate_p256(&dir, "key.pem");
    dir.openssl("pkcs8 -topk8 -nocrypt -in key.pem -outform DER -out key.der");
    let pem = dir.read("key.pem");
    let der = dir.read("key.der");
    let mut mismatched_jwk: serde_json::Value = serde_json::from_str(&EcKey::from_bytes(&pem, "").unwrap().private_jwk()).unwrap();
    let other_key = EcKey::generate("P-256").unwrap();
    mismatched_jwk["x"] = serde_json::from_str::<serde_json::Value>(other_key.public_jwk()).unwrap()["x"].clone();

    for (what, data, expected) in [
        (
            "truncated PEM",
            pem[..pem.len() / 2].to_vec(),
            "block has no END line (the file is truncated)",
        ),
        (
            "truncated DER",
            der[..der.len() / 2].to_vec(),
            "the DER data is truncated or corrupt",
        ),
        ("garbage", b"\x00\x01garbage\xff".to_vec(), "not a recognized private key format"),
        ("text", b"hello".to_vec(), "not a recognized private key format"),
        ("empty", b" \r\n".to_vec(), "the key data is empty"),
        (
            "bad base64",
            b"-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n".to_vec(),
            "not valid base64",
        ),
        (
            "parameters only",
            pem.split(|&b| b == b'\n').take(3).collect::<Vec<_>>().join(&b'\n'),
            "only EC PARAMETERS",
        ),
        ("bad JSON", b"{\"kty\":".to_vec(), "the JWK is not valid JSON"),
        (
            "mismatched JWK",
            mismatched_jwk.to_string().into_bytes(),
            "do not match its private key",
        ),
    ] {
        assert_rejected(what, &data, "", expected);
    }
}

#[test]
fn a_missing_file_names_the_path_and_the_os_error() {
    let dir = TempDir::new();
    let path = dir.path("absent.pem");
    let mut key = PrivateKey::default();
    let error = key.load_any_format_file(&path, "").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Io, "{error}");
    let message = error.to_string();
    assert!(message.contains(&format!("'{path}'")), "{message}");
    // The OS error's text is the platform's ("No such file or directory", "The system cannot find the
    // file specified."); its number is the same everywhere.
    assert!(message.contains("(os error 2)"), "{message}");
    let error = key.load_pem_file(&path).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Io, "{error}");
    assert!(error.to_string().contains(&path), "{error}");
}

#[test]
fn key_derivation_parameters_that_would_hang_exhaust_or_crash_the_host_are_refused() {
    // Inputs the fuzzer's corpus keeps: a length byte, the password "test", then the DER key.
    let cases: [(&[u8], &str); 3] = [
        (
            include_bytes!("../../../fuzz/corpus/key_from_bytes/pbkdf2_4294967295_iterations"),
            "PBKDF2 iterations",
        ),
        (
            include_bytes!("../../../fuzz/corpus/key_from_bytes/scrypt_n_2pow40_r8"),
            "bytes of memory",
        ),
        (
            include_bytes!("../../../fuzz/corpus/key_from_bytes/scrypt_n_0"),
            "invalid scrypt cost parameter N = 0",
        ),
    ];
    for (input, expected) in cases {
        let (password, der) = input[1..].split_at(usize::from(input[0]));
        let err = EcKey::from_bytes(der, std::str::from_utf8(password).unwrap()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Key, "{err}");
        assert!(err.to_string().contains(expected), "{err}");
    }
}
