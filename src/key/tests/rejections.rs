//! Each kind of unusable input gets its own specific message, and no message leaks the password.

use super::{generate, generate_p256, Kind, TempDir, PASSWORD};
use crate::error::ErrorKind;
use crate::key::{PrivateKey, SigningKey};

/// `data` is refused as a Key error whose message contains `expected`.
fn assert_rejected(what: &str, data: &[u8], password: &str, expected: &str) {
    let error = match SigningKey::from_bytes(data, password) {
        Ok(_) => panic!("{what}: loaded, expected an error containing {expected:?}"),
        Err(e) => e,
    };
    assert_eq!(error.kind(), ErrorKind::Key, "{what}: {error}");
    let message = error.to_string();
    assert!(message.contains(expected), "{what}: {message:?} does not contain {expected:?}");
    assert!(!message.contains(PASSWORD), "{what}: the message shows the password");
}

#[test]
fn keys_of_unsupported_types_and_sizes_are_named() {
    let dir = TempDir::new();
    generate_p256(&dir, "p256.pem");
    for command in [
        "genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.pem",
        "rsa -in rsa1024.pem -traditional -out rsa1024-pkcs1.pem",
        "rsa -in rsa1024.pem -traditional -outform DER -out rsa1024-pkcs1.der",
        "genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4104 -out rsa4104.pem",
        "genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out rsa-pss.pem",
        "ecparam -genkey -name secp256k1 -outform DER -out k256.der",
        "ecparam -genkey -name brainpoolP256r1 -out brainpool.pem",
        "pkcs8 -topk8 -nocrypt -in brainpool.pem -out brainpool-pkcs8.pem",
        "ecparam -genkey -name secp256r1 -param_enc explicit -out explicit.pem",
        "pkcs8 -topk8 -nocrypt -in explicit.pem -out explicit-pkcs8.pem",
        "genpkey -algorithm ed448 -out ed448.pem",
        "genpkey -algorithm x25519 -out x25519.pem",
        "genpkey -algorithm x448 -out x448.pem",
        "dsaparam -genkey -out dsa.pem 1024",
        "dsa -in dsa.pem -outform DER -out dsa.der",
        "pkcs8 -topk8 -nocrypt -in dsa.pem -out dsa-pkcs8.pem",
        "ec -in p256.pem -pubout -out public.pem",
        "ec -in p256.pem -pubout -outform DER -out public.der",
        "rsa -in rsa1024.pem -RSAPublicKey_out -out rsa-public.pem",
        "rsa -in rsa1024.pem -RSAPublicKey_out -outform DER -out rsa-public.der",
    ] {
        dir.openssl(command);
    }
    let too_short = "the RSA key has 1024 bits, too short to be safe";
    for (file, expected) in [
        ("rsa1024.pem", too_short),
        ("rsa1024-pkcs1.pem", too_short),
        ("rsa1024-pkcs1.der", too_short),
        ("rsa4104.pem", "the RSA key has 4104 bits, longer than the signing library supports"),
        ("rsa-pss.pem", "is an RSA key restricted to RSASSA-PSS"),
        (
            "k256.der",
            "is an EC key on curve secp256k1; DPoP keys here must be EC (P-256, P-384 or P-521), RSA (2048 to 4096 bits) or Ed25519",
        ),
        ("brainpool.pem", "curve brainpoolP256r1"),
        ("brainpool-pkcs8.pem", "curve brainpoolP256r1"),
        ("explicit.pem", "explicit curve parameters are not supported"),
        ("explicit-pkcs8.pem", "explicit curve parameters are not supported"),
        ("ed448.pem", "is an Ed448 key"),
        ("x25519.pem", "is an X25519 key (for key agreement, not signing)"),
        ("x448.pem", "is an X448 key"),
        ("dsa.pem", "is a DSA key"),
        ("dsa.der", "is a DSA key"),
        ("dsa-pkcs8.pem", "is a DSA key"),
        ("public.pem", "the PEM 'PUBLIC KEY' block holds only a public key"),
        ("public.der", "the DER data holds only a public key"),
        ("rsa-public.pem", "the PEM 'RSA PUBLIC KEY' block holds only a public key"),
        ("rsa-public.der", "the DER data (a PKCS#1 RSA public key) holds only a public key"),
    ] {
        assert_rejected(file, &dir.read(file), "", expected);
    }
    assert_rejected(
        "OpenSSH key",
        b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
        "",
        "ssh-keygen -p -m PKCS8",
    );
}

#[test]
fn unusable_jwks_are_named() {
    let mut jwks: Vec<(String, &str)> = Vec::new();
    for kind in Kind::EACH {
        let dir = TempDir::new();
        generate(&dir, kind, "key.pem");
        let key = SigningKey::from_bytes(&dir.read("key.pem"), "").unwrap();
        jwks.push((
            key.public_jwk().to_string(),
            "the JWK (it has no \"d\" member) holds only a public key",
        ));
        if kind.is_rsa() {
            // Only n, e and d: Chilkat loads such keys, ring cannot sign without the CRT members.
            let mut jwk: serde_json::Value = serde_json::from_str(&key.private_jwk()).unwrap();
            for name in ["p", "q", "dp", "dq", "qi"] {
                jwk.as_object_mut().unwrap().remove(name);
            }
            jwks.push((jwk.to_string(), "the RSA JWK has no \"p\" member"));
        }
    }
    for (jwk, expected) in [
        (r#"{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA","d":"AA"}"#, "curve secp256k1"),
        (
            r#"{"kty":"EC","crv":"P-192","x":"AA","y":"AA","d":"AA"}"#,
            "curve prime192v1 (P-192)",
        ),
        (r#"{"kty":"OKP","crv":"Ed448","x":"AA","d":"AA"}"#, "is an Ed448 key"),
        (
            r#"{"kty":"OKP","crv":"X25519","x":"AA","d":"AA"}"#,
            "is an X25519 key (for key agreement",
        ),
        (r#"{"kty":"oct","k":"AAAA"}"#, "is a symmetric (\"oct\") key"),
        (
            r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"!!"}"#,
            "the JWK member \"d\" is not valid base64url",
        ),
        (
            r#"{"kty":"EC","crv":"P-384","x":"AA","y":"AA","d":"AA"}"#,
            "the private key is not a valid P-384 key",
        ),
        (
            r#"{"kty":"OKP","crv":"Ed25519","x":"AA","d":"AAAA"}"#,
            "the Ed25519 private key has 3 bytes; it must have 32",
        ),
    ] {
        jwks.push((jwk.to_string(), expected));
    }
    for (jwk, expected) in &jwks {
        assert_rejected(jwk, jwk.as_bytes(), "", expected);
    }
}

#[test]
fn jwks_whose_public_members_do_not_match_the_private_key_are_refused() {
    let other = |key: &SigningKey, member: &str| -> serde_json::Value {
        let jwk: serde_json::Value = serde_json::from_str(&key.private_jwk()).unwrap();
        jwk[member].clone()
    };
    for kind in Kind::EACH {
        let dir = TempDir::new();
        generate(&dir, kind, "key.pem");
        let key = SigningKey::from_bytes(&dir.read("key.pem"), "").unwrap();
        let mut jwk: serde_json::Value = serde_json::from_str(&key.private_jwk()).unwrap();
        let expected = match kind {
            Kind::Ed25519 => {
                jwk["x"] = other(&SigningKey::generate_ed25519().unwrap(), "x");
                "the JWK's public member \"x\" does not match its private key \"d\""
            }
            _ if kind.is_rsa() => {
                jwk["q"] = jwk["p"].clone();
                "the RSA private key is invalid"
            }
            _ => {
                jwk["y"] = other(&SigningKey::generate_ec(jwk["crv"].as_str().unwrap()).unwrap(), "y");
                "the JWK's public members \"x\" and \"y\" do not match its private key \"d\""
            }
        };
        assert_rejected(&format!("{kind:?}"), jwk.to_string().as_bytes(), "", expected);
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

    for kind in [Kind::Rsa2048, Kind::Ed25519, Kind::P521] {
        let dir = TempDir::new();
        generate(&dir, kind, "key.pem");
        dir.openssl_with("pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out pkcs8.pem", &["-passout", &passout]);
        let mut files = vec!["pkcs8.pem"];
        if kind.is_rsa() {
            dir.openssl_with("rsa -traditional -aes256 -in key.pem -out legacy.pem", &["-passout", &passout]);
            files.push("legacy.pem");
        }
        for file in files {
            let data = dir.read(file);
            let what = format!("{kind:?} {file}");
            assert_rejected(&what, &data, "", "the key is encrypted and no password was given");
            assert_rejected(&what, &data, "not the password", "wrong password");
        }
    }
}

#[test]
fn damaged_and_foreign_data_is_reported() {
    let dir = TempDir::new();
    generate_p256(&dir, "key.pem");
    dir.openssl("pkcs8 -topk8 -nocrypt -in key.pem -outform DER -out key.der");
    let pem = dir.read("key.pem");
    let der = dir.read("key.der");
    let mut mismatched_jwk: serde_json::Value = serde_json::from_str(&SigningKey::from_bytes(&pem, "").unwrap().private_jwk()).unwrap();
    let other_key = SigningKey::generate_ec("P-256").unwrap();
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
fn inputs_that_would_hang_exhaust_or_crash_the_host_are_refused() {
    // Inputs the fuzzer found, which its corpus keeps: a length byte, the password ("test" or
    // none), then the DER key.
    let cases: [(&[u8], &str); 4] = [
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
        // An RSA key that ring loaded but could not sign with (a panic when signing).
        (
            include_bytes!("../../../fuzz/corpus/key_from_bytes/rsa_inconsistent_crt"),
            "CRT numbers dP, dQ or qInv do not match",
        ),
    ];
    for (input, expected) in cases {
        let (password, der) = input[1..].split_at(usize::from(input[0]));
        let err = SigningKey::from_bytes(der, std::str::from_utf8(password).unwrap()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Key, "{err}");
        assert!(err.to_string().contains(expected), "{err}");
    }
}
