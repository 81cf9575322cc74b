//! The Chilkat `PrivateKey` object: state, generation, PEM output and saving, file limits.

use super::{generate, generate_p256, openssl_public_jwk, Kind, TempDir, PASSWORD};
use crate::error::ErrorKind;
use crate::key::private_key::MAX_KEY_FILE_BYTES;
use crate::key::{PrivateKey, SigningKey};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[test]
fn an_empty_object_says_no_key_is_loaded() {
    let key = PrivateKey::default();
    assert_eq!(key.key_type(), "empty", "Chilkat's KeyType of an empty object");
    assert_eq!(key.bit_length(), 0);
    for error in [
        key.jwk().map(|_| ()).unwrap_err(),
        key.public_jwk().map(|_| ()).unwrap_err(),
        key.jwk_thumbprint("SHA256").map(|_| ()).unwrap_err(),
        key.signing_key().map(|_| ()).unwrap_err(),
        key.pkcs8_pem().map(|_| ()).unwrap_err(),
        key.pkcs8_encrypted_pem(PASSWORD).map(|_| ()).unwrap_err(),
        key.save_pkcs8_pem_file("/nonexistent/never-written.pem").unwrap_err(),
        key.save_pem_file("/nonexistent/never-written.pem").unwrap_err(),
    ] {
        assert_eq!(error.kind(), ErrorKind::InvalidState, "{error}");
        assert!(error.to_string().starts_with("no private key is loaded"), "{error}");
    }
}

#[test]
fn generate_makes_keys_of_each_curve_and_ed25519() {
    let mut key = PrivateKey::default();
    for (curve, bits, crv) in [
        ("P-256", 256, "P-256"),
        ("secp256r1", 256, "P-256"),
        ("prime256v1", 256, "P-256"),
        ("p-256", 256, "P-256"),
        ("P-384", 384, "P-384"),
        ("secp384r1", 384, "P-384"),
        ("P-521", 521, "P-521"),
        (" SECP521R1 ", 521, "P-521"),
    ] {
        key.generate_ec_key(curve).unwrap_or_else(|e| panic!("{curve}: {e}"));
        assert_eq!((key.key_type(), key.bit_length()), ("ecc", bits), "{curve}");
        assert!(
            key.public_jwk().unwrap().starts_with(&format!(r#"{{"crv":"{crv}","kty":"EC""#)),
            "{curve}"
        );
    }
    let error = key.generate_ec_key("secp256k1").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Key, "{error}");
    assert!(error.to_string().contains("cannot generate a key on curve 'secp256k1'"), "{error}");
    key.generate_ed25519_key().unwrap();
    assert_eq!((key.key_type(), key.bit_length()), ("ed25519", 256));
    for generate in [|| SigningKey::generate_ec("P-521"), SigningKey::generate_ed25519] {
        assert_ne!(generate().unwrap().public_jwk(), generate().unwrap().public_jwk());
    }
}

#[test]
fn a_failed_load_keeps_the_previous_key_and_a_successful_one_replaces_it() {
    let mut key = PrivateKey::default();
    key.generate_ec_key("P-256").unwrap();
    let first = key.public_jwk().unwrap();
    assert_eq!(key.load_pem("not a key").unwrap_err().kind(), ErrorKind::Key);
    assert_eq!(key.load_jwk("{}").unwrap_err().kind(), ErrorKind::Key);
    assert_eq!(key.public_jwk().unwrap(), first);

    let shared = key.signing_key().unwrap();
    key.generate_ed25519_key().unwrap();
    assert_ne!(key.public_jwk().unwrap(), first);
    // A key already handed to the HTTP engine stays valid after the object moves on.
    assert_eq!(shared.public_jwk(), first);
    assert!(!Arc::ptr_eq(&shared, &key.signing_key().unwrap()));
}

fn assert_owner_only(path: &str) {
    let file = std::fs::File::open(path).unwrap();
    assert_eq!(
        crate::private_file::exposure(&file).unwrap(),
        None,
        "{path}: a new key file is private to its owner"
    );
}

#[test]
fn pem_output_is_what_chilkat_and_openssl_write_and_reloads() {
    for kind in Kind::EACH {
        let dir = TempDir::new();
        generate(&dir, kind, "original.pem");
        let expected = openssl_public_jwk(&dir, "original.pem", kind);
        let mut key = PrivateKey::default();
        key.load_any_format_file(&dir.path("original.pem"), "").unwrap();

        let traditional = match kind {
            _ if kind.is_ec() => "EC PRIVATE KEY",
            _ if kind.is_rsa() => "RSA PRIVATE KEY",
            _ => "PRIVATE KEY",
        };
        key.save_pem_file(&dir.path("saved.pem")).unwrap();
        key.save_pkcs8_pem_file(&dir.path("saved-pkcs8.pem")).unwrap();
        key.save_pkcs8_encrypted_pem_file(PASSWORD, &dir.path("saved-encrypted.pem"))
            .unwrap();
        dir.write("got-pkcs8.pem", key.pkcs8_pem().unwrap().as_bytes());
        dir.write("got-encrypted.pem", key.pkcs8_encrypted_pem(PASSWORD).unwrap().as_bytes());
        for (file, label, encrypted) in [
            ("saved.pem", traditional, false),
            ("saved-pkcs8.pem", "PRIVATE KEY", false),
            ("got-pkcs8.pem", "PRIVATE KEY", false),
            ("saved-encrypted.pem", "ENCRYPTED PRIVATE KEY", true),
            ("got-encrypted.pem", "ENCRYPTED PRIVATE KEY", true),
        ] {
            let text = String::from_utf8(dir.read(file)).unwrap();
            // Chilkat's form: CRLF line ends, 64-character lines, a final CRLF.
            assert!(text.starts_with(&format!("-----BEGIN {label}-----\r\n")), "{kind:?} {file}: {text}");
            assert!(text.ends_with(&format!("-----END {label}-----\r\n")), "{kind:?} {file}");
            assert!(!text.replace("\r\n", "").contains('\n'), "{kind:?} {file}: only CRLF line ends");
            assert!(text.lines().all(|line| line.len() <= 64), "{kind:?} {file}");
            // OpenSSL reads what was written (decrypting with the password).
            let plain = format!("{file}.plain");
            dir.openssl_with(&format!("pkey -in {file} -out {plain}"), &["-passin", &format!("pass:{PASSWORD}")]);
            assert_eq!(openssl_public_jwk(&dir, &plain, kind), expected, "{kind:?} {file}");
            let mut reloaded = PrivateKey::default();
            if encrypted {
                reloaded.load_encrypted_pem(&text, PASSWORD).unwrap();
            } else {
                reloaded.load_pem(&text).unwrap();
            }
            assert_eq!(*reloaded.jwk().unwrap(), *key.jwk().unwrap(), "{kind:?} {file}");
        }
        for file in ["saved.pem", "saved-pkcs8.pem", "saved-encrypted.pem"] {
            assert_owner_only(&dir.path(file));
        }
        let error = key.pkcs8_encrypted_pem("").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    }
}

#[test]
fn encrypted_pkcs8_is_pbes2_pbkdf2_sha256_aes256_cbc() {
    let dir = TempDir::new();
    let mut key = PrivateKey::default();
    key.generate_ec_key("P-256").unwrap();
    dir.write("enc.pem", key.pkcs8_encrypted_pem(PASSWORD).unwrap().as_bytes());
    let structure = String::from_utf8(dir.openssl("asn1parse -in enc.pem")).unwrap();
    // 600,000 PBKDF2 iterations.
    for expected in ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc", ":0927C0"] {
        assert!(structure.contains(expected), "{expected} in {structure}");
    }
    // Each encryption has its own salt and IV.
    assert_ne!(
        key.pkcs8_encrypted_pem(PASSWORD).unwrap(),
        key.pkcs8_encrypted_pem(PASSWORD).unwrap()
    );
    let error = PrivateKey::default()
        .load_encrypted_pem(&String::from_utf8(dir.read("enc.pem")).unwrap(), "wrong")
        .unwrap_err();
    assert!(error.to_string().contains("wrong password"), "{error}");
}

#[test]
fn saving_to_a_missing_directory_names_the_path() {
    let dir = TempDir::new();
    generate_p256(&dir, "original.pem");
    let mut key = PrivateKey::default();
    key.load_any_format_file(&dir.path("original.pem"), "").unwrap();
    let error = key.save_pkcs8_pem_file(&dir.path("missing-dir/key.pem")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Io, "{error}");
    assert!(error.to_string().contains("missing-dir/key.pem"), "names the file: {error}");
}

#[test]
fn key_files_over_one_mib_are_refused_without_reading_them() {
    let dir = TempDir::new();
    generate_p256(&dir, "key.pem");
    // A valid key followed by padding: just under the limit loads, just over does not.
    let key = dir.read("key.pem");
    let padded = |len: u64| [key.clone(), vec![b'\n'; len as usize - key.len()]].concat();
    dir.write("at-limit.pem", padded(MAX_KEY_FILE_BYTES));
    dir.write("over-limit.pem", padded(MAX_KEY_FILE_BYTES + 1));
    let mut loaded = PrivateKey::default();
    loaded.load_any_format_file(&dir.path("at-limit.pem"), "").unwrap();
    let over = dir.path("over-limit.pem");
    for error in [
        loaded.load_any_format_file(&over, "").unwrap_err(),
        loaded.load_pem_file(&over).unwrap_err(),
    ] {
        assert_eq!(error.kind(), ErrorKind::Key);
        assert!(error.to_string().contains("is larger than 1048576 bytes"), "{error}");
    }
    assert_eq!(loaded.key_type(), "ecc", "the failed loads kept the key");
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read_as_keys() {
    let dir = TempDir::new();
    let fifo = dir.path("key.fifo");
    let fifo_c = std::ffi::CString::new(fifo.clone()).unwrap();
    // SAFETY: a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo_c.as_ptr(), 0o600) }, 0, "mkfifo");
    let mut key = PrivateKey::default();
    // /dev/zero never ends; a FIFO without a writer would wait for one.
    for path in ["/dev/zero", fifo.as_str()] {
        let started = Instant::now();
        let error = key.load_any_format_file(path, "").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Io, "{error}");
        assert!(error.to_string().contains("not a regular file"), "{error}");
        assert!(started.elapsed() < Duration::from_secs(2), "{path}: {:?}", started.elapsed());
    }
}

#[test]
fn keys_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SigningKey>();
    assert_send_sync::<PrivateKey>();
}
