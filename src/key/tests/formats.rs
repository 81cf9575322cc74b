//! Every supported format, as OpenSSL writes it, loads to the same key, and that key signs.

use super::{generate_p256, openssl_public_jwk, TempDir, PASSWORD};
use crate::key::{EcKey, PrivateKey};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};

/// (file, openssl command writing it from ecparam.pem, whether it is encrypted with PASSWORD).
const OPENSSL_ENCODINGS: &[(&str, &str, bool)] = &[
    ("sec1.pem", "ec -in ecparam.pem -out sec1.pem", false),
    ("sec1.der", "ec -in ecparam.pem -outform DER -out sec1.der", false),
    ("pkcs8.pem", "pkcs8 -topk8 -nocrypt -in ecparam.pem -out pkcs8.pem", false),
    (
        "pkcs8.der",
        "pkcs8 -topk8 -nocrypt -in ecparam.pem -outform DER -out pkcs8.der",
        false,
    ),
    (
        "pbkdf2-aes256.pem",
        "pkcs8 -topk8 -v2 aes-256-cbc -in ecparam.pem -out pbkdf2-aes256.pem",
        true,
    ),
    (
        "pbkdf2-aes128.pem",
        "pkcs8 -topk8 -v2 aes-128-cbc -in ecparam.pem -out pbkdf2-aes128.pem",
        true,
    ),
    (
        "pbkdf2-3des.pem",
        "pkcs8 -topk8 -v2 des3 -in ecparam.pem -out pbkdf2-3des.pem",
        true,
    ),
    (
        "pbkdf2-sha1.pem",
        "pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA1 -in ecparam.pem -out pbkdf2-sha1.pem",
        true,
    ),
    (
        "scrypt.pem",
        "pkcs8 -topk8 -scrypt -scrypt_N 1024 -in ecparam.pem -out scrypt.pem",
        true,
    ),
    (
        "pbkdf2.der",
        "pkcs8 -topk8 -v2 aes-256-cbc -in ecparam.pem -outform DER -out pbkdf2.der",
        true,
    ),
    ("legacy-aes256.pem", "ec -aes256 -in ecparam.pem -out legacy-aes256.pem", true),
    ("legacy-aes192.pem", "ec -aes192 -in ecparam.pem -out legacy-aes192.pem", true),
    ("legacy-aes128.pem", "ec -aes128 -in ecparam.pem -out legacy-aes128.pem", true),
];

#[test]
fn every_format_loads_the_same_key() {
    let dir = TempDir::new();
    generate_p256(&dir, "ecparam.pem");
    let expected = openssl_public_jwk(&dir, "ecparam.pem");
    let passout = format!("pass:{PASSWORD}");

    let mut files = vec![("ecparam.pem", "")];
    for &(file, command, encrypted) in OPENSSL_ENCODINGS {
        if encrypted {
            dir.openssl_with(command, &["-passout", &passout]);
            files.push((file, PASSWORD));
        } else {
            dir.openssl(command);
            files.push((file, ""));
        }
    }
    // What key files pick up on the way: CRLF line ends, a BOM, surrounding blank lines.
    for (damaged, source, password) in [
        ("crlf-bom.pem", "pkcs8.pem", ""),
        ("crlf-bom-legacy.pem", "legacy-aes256.pem", PASSWORD),
    ] {
        let text = String::from_utf8(dir.read(source)).unwrap().replace('\n', "\r\n");
        dir.write(damaged, format!("\u{feff}\r\n  {text}\r\n\r\n"));
        files.push((damaged, password));
    }

    for (file, password) in files {
        let mut key = PrivateKey::default();
        key.load_any_format_file(&dir.path(file), password)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(key.public_jwk().unwrap(), expected, "{file}");
    }
}

#[test]
fn pem_entry_points_accept_their_formats() {
    let dir = TempDir::new();
    generate_p256(&dir, "ecparam.pem");
    let expected = openssl_public_jwk(&dir, "ecparam.pem");
    let passout = format!("pass:{PASSWORD}");
    dir.openssl_with("pkcs8 -topk8 -v2 aes-256-cbc -in ecparam.pem -out enc.pem", &["-passout", &passout]);
    dir.openssl_with("ec -aes256 -in ecparam.pem -out legacy.pem", &["-passout", &passout]);
    let text = |name| String::from_utf8(dir.read(name)).unwrap();

    let mut key = PrivateKey::default();
    key.load_pem_file(&dir.path("ecparam.pem")).unwrap();
    assert_eq!(key.public_jwk().unwrap(), expected);
    key.load_pem(&text("ecparam.pem")).unwrap();
    assert_eq!(key.public_jwk().unwrap(), expected);
    for encrypted in ["enc.pem", "legacy.pem"] {
        let mut key = PrivateKey::default();
        key.load_encrypted_pem(&text(encrypted), PASSWORD)
            .unwrap_or_else(|e| panic!("{encrypted}: {e}"));
        assert_eq!(key.public_jwk().unwrap(), expected, "{encrypted}");
    }
}

#[test]
fn signatures_verify_with_p256_and_openssl() {
    let dir = TempDir::new();
    generate_p256(&dir, "key.pem");
    dir.openssl("ec -in key.pem -pubout -out pub.pem");
    let key = EcKey::from_bytes(&dir.read("key.pem"), "").unwrap();
    let message = b"eyJ0eXAiOiJkcG9wK2p3dCJ9.eyJodG0iOiJQT1NUIn0";

    let signature = Signature::from_slice(&key.sign_es256(message)).unwrap();
    let public = p256::PublicKey::from_jwk_str(key.public_jwk()).unwrap();
    VerifyingKey::from(public)
        .verify(message, &signature)
        .expect("p256 verifies the signature");

    dir.write("message.bin", message);
    dir.write("signature.der", signature.to_der().as_bytes());
    let verdict = dir.openssl("dgst -sha256 -verify pub.pem -signature signature.der message.bin");
    assert_eq!(String::from_utf8_lossy(&verdict).trim(), "Verified OK");

    // ECDSA signing is randomized: two signatures of one message differ.
    assert_ne!(key.sign_es256(message), key.sign_es256(message));
}
