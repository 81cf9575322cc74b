//! Every supported format, as OpenSSL writes it, loads to the same key, and that key signs.

use super::{generate, generate_p256, openssl_public_jwk, verify_with_openssl, verify_with_rust, Kind, TempDir, PASSWORD};
use crate::key::{JwsAlgorithm, PrivateKey, SigningKey};

/// (file, openssl command writing it from key.pem, encrypted with PASSWORD) for `kind`: PKCS#8
/// in every form for all, SEC1 for EC, PKCS#1 for RSA, and OpenSSL's legacy encryption of both;
/// for P-256 also every other cipher and PRF (they do not depend on the key type).
fn encodings(kind: Kind) -> Vec<(&'static str, &'static str, bool)> {
    let mut list = vec![
        ("pkcs8.pem", "pkey -in key.pem -out pkcs8.pem", false),
        ("pkcs8.der", "pkey -in key.pem -outform DER -out pkcs8.der", false),
        (
            "pbkdf2-aes256.pem",
            "pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out pbkdf2-aes256.pem",
            true,
        ),
        (
            "pbkdf2-aes256.der",
            "pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -outform DER -out pbkdf2-aes256.der",
            true,
        ),
        (
            "scrypt.pem",
            "pkcs8 -topk8 -scrypt -scrypt_N 1024 -in key.pem -out scrypt.pem",
            true,
        ),
    ];
    if kind.is_ec() {
        list.extend([
            ("sec1.pem", "ec -in key.pem -out sec1.pem", false),
            ("sec1.der", "ec -in key.pem -outform DER -out sec1.der", false),
            ("sec1-no-public.pem", "ec -in key.pem -no_public -out sec1-no-public.pem", false),
            ("legacy-aes256.pem", "ec -aes256 -in key.pem -out legacy-aes256.pem", true),
        ]);
    }
    if kind == Kind::P256 {
        list.extend([
            (
                "pbkdf2-aes128.pem",
                "pkcs8 -topk8 -v2 aes-128-cbc -in key.pem -out pbkdf2-aes128.pem",
                true,
            ),
            ("pbkdf2-3des.pem", "pkcs8 -topk8 -v2 des3 -in key.pem -out pbkdf2-3des.pem", true),
            (
                "pbkdf2-sha1.pem",
                "pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA1 -in key.pem -out pbkdf2-sha1.pem",
                true,
            ),
            ("legacy-aes192.pem", "ec -aes192 -in key.pem -out legacy-aes192.pem", true),
            ("legacy-aes128.pem", "ec -aes128 -in key.pem -out legacy-aes128.pem", true),
        ]);
    }
    if kind.is_rsa() {
        list.extend([
            ("pkcs1.pem", "rsa -in key.pem -traditional -out pkcs1.pem", false),
            ("pkcs1.der", "rsa -in key.pem -traditional -outform DER -out pkcs1.der", false),
            (
                "legacy-aes256.pem",
                "rsa -in key.pem -traditional -aes256 -out legacy-aes256.pem",
                true,
            ),
            (
                "legacy-aes128.pem",
                "rsa -in key.pem -traditional -aes128 -out legacy-aes128.pem",
                true,
            ),
        ]);
    }
    list
}

#[test]
fn every_key_type_loads_from_each_of_its_formats() {
    for kind in [
        Kind::P256,
        Kind::P384,
        Kind::P521,
        Kind::Rsa2048,
        Kind::Rsa3072,
        Kind::Rsa4096,
        Kind::Ed25519,
    ] {
        let dir = TempDir::new();
        if kind == Kind::P256 {
            // As in the seed: EC PARAMETERS and EC PRIVATE KEY blocks.
            generate_p256(&dir, "key.pem");
        } else {
            generate(&dir, kind, "key.pem");
        }
        let expected = openssl_public_jwk(&dir, "key.pem", kind);
        let passout = format!("pass:{PASSWORD}");
        let mut files = vec![("key.pem", "")];
        for (file, command, encrypted) in encodings(kind) {
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
            ("crlf-bom-encrypted.pem", "scrypt.pem", PASSWORD),
        ] {
            let text = String::from_utf8(dir.read(source)).unwrap().replace('\n', "\r\n");
            dir.write(damaged, format!("\u{feff}\r\n  {text}\r\n\r\n"));
            files.push((damaged, password));
        }

        for (file, password) in files {
            let mut key = PrivateKey::default();
            key.load_any_format_file(&dir.path(file), password)
                .unwrap_or_else(|e| panic!("{kind:?} {file}: {e}"));
            assert_eq!(key.public_jwk().unwrap(), expected, "{kind:?} {file}");
            assert_eq!(
                (key.key_type(), key.bit_length()),
                (kind.key_type(), kind.bits()),
                "{kind:?} {file}"
            );
            if !file.ends_with(".pem") {
                continue;
            }
            let text = String::from_utf8(dir.read(file)).unwrap();
            let mut from_text = PrivateKey::default();
            if password.is_empty() {
                from_text.load_pem(&text).unwrap_or_else(|e| panic!("{kind:?} {file} as text: {e}"));
                key.load_pem_file(&dir.path(file))
                    .unwrap_or_else(|e| panic!("{kind:?} {file} as PEM file: {e}"));
            } else {
                from_text
                    .load_encrypted_pem(&text, password)
                    .unwrap_or_else(|e| panic!("{kind:?} {file} as text: {e}"));
            }
            assert_eq!(from_text.public_jwk().unwrap(), expected, "{kind:?} {file} as text");
        }
    }
}

#[test]
fn every_algorithm_signs_what_independent_verifiers_accept() {
    let message = b"eyJ0eXAiOiJkcG9wK2p3dCJ9.eyJodG0iOiJQT1NUIn0";
    for kind in Kind::EACH {
        let dir = TempDir::new();
        generate(&dir, kind, "key.pem");
        let key = SigningKey::from_bytes(&dir.read("key.pem"), "").unwrap();
        let names: Vec<&str> = key.algorithms().iter().map(|alg| alg.name()).collect();
        assert_eq!(names, kind.algorithms(), "{kind:?}");
        for &alg in key.algorithms() {
            let signature = key.sign(alg, message).unwrap();
            verify_with_rust(key.public_jwk(), alg, message, &signature).unwrap_or_else(|e| panic!("{kind:?} {alg}: {e}"));
            verify_with_openssl(&dir, "key.pem", alg, message, &signature).unwrap_or_else(|e| panic!("{kind:?} {alg}: {e}"));
            // A signature of another message fails: the verifiers do check.
            let other = key.sign(alg, b"another message").unwrap();
            assert!(verify_with_rust(key.public_jwk(), alg, message, &other).is_err(), "{kind:?} {alg}");
            assert!(
                verify_with_openssl(&dir, "key.pem", alg, message, &other).is_err(),
                "{kind:?} {alg}"
            );
        }
        let foreign = if kind == Kind::P256 {
            JwsAlgorithm::Es384
        } else {
            JwsAlgorithm::Es256
        };
        let error = key.sign(foreign, message).unwrap_err().to_string();
        assert!(error.contains(&format!("cannot sign with {foreign}")), "{error}");
    }
}

#[test]
fn ecdsa_and_pss_signatures_are_randomized_rs256_and_eddsa_are_not() {
    let message = b"same message";
    for kind in Kind::EACH {
        let dir = TempDir::new();
        generate(&dir, kind, "key.pem");
        let key = SigningKey::from_bytes(&dir.read("key.pem"), "").unwrap();
        for &alg in key.algorithms() {
            let deterministic = matches!(alg, JwsAlgorithm::Rs256 | JwsAlgorithm::EdDsa);
            let same = key.sign(alg, message).unwrap() == key.sign(alg, message).unwrap();
            assert_eq!(same, deterministic, "{alg}");
        }
    }
}
