//! Key tests. Fixtures are made at test time with the `openssl` CLI, so every format is checked
//! against what OpenSSL really writes; without the CLI the tests fail and say so.

mod formats;
mod jwk;
mod private_key;
mod rejections;

use crate::key::JwsAlgorithm;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// Non-ASCII and a space, to check that passwords pass through as UTF-8 bytes.
pub const PASSWORD: &str = "pässwörd 42";

/// A scratch directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let unique = format!(
            "libdpop-key-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&path).expect("create a temp dir");
        TempDir(path)
    }

    pub fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().expect("temp paths are UTF-8").to_string()
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.0.join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    pub fn write(&self, name: &str, data: impl AsRef<[u8]>) {
        std::fs::write(self.0.join(name), data).unwrap_or_else(|e| panic!("write {name}: {e}"));
    }

    /// Runs `openssl COMMAND` (split at whitespace) in this directory, so file names are
    /// relative, and returns its stdout.
    pub fn openssl(&self, command: &str) -> Vec<u8> {
        self.openssl_with(command, &[])
    }

    /// `openssl` with extra arguments that may contain spaces, e.g. `["-passout", "pass:a b"]`.
    pub fn openssl_with(&self, command: &str, extra: &[&str]) -> Vec<u8> {
        let args: Vec<&str> = command.split_whitespace().chain(extra.iter().copied()).collect();
        run_openssl(&self.0, &args)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run_openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = openssl_output(dir, args);
    assert!(
        output.status.success(),
        "openssl {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// A key type the tests make with `openssl genpkey`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    P256,
    P384,
    P521,
    Rsa2048,
    Rsa3072,
    Rsa4096,
    Ed25519,
}

impl Kind {
    /// One of each supported type (RSA with its most common size).
    pub const EACH: [Kind; 5] = [Kind::P256, Kind::P384, Kind::P521, Kind::Rsa2048, Kind::Ed25519];

    fn genpkey_options(self) -> &'static str {
        match self {
            Kind::P256 => "-algorithm EC -pkeyopt ec_paramgen_curve:P-256",
            Kind::P384 => "-algorithm EC -pkeyopt ec_paramgen_curve:P-384",
            Kind::P521 => "-algorithm EC -pkeyopt ec_paramgen_curve:P-521",
            Kind::Rsa2048 => "-algorithm RSA -pkeyopt rsa_keygen_bits:2048",
            Kind::Rsa3072 => "-algorithm RSA -pkeyopt rsa_keygen_bits:3072",
            Kind::Rsa4096 => "-algorithm RSA -pkeyopt rsa_keygen_bits:4096",
            Kind::Ed25519 => "-algorithm ed25519",
        }
    }

    pub fn is_ec(self) -> bool {
        matches!(self, Kind::P256 | Kind::P384 | Kind::P521)
    }

    pub fn is_rsa(self) -> bool {
        matches!(self, Kind::Rsa2048 | Kind::Rsa3072 | Kind::Rsa4096)
    }

    /// Chilkat's KeyType and BitLength.
    pub fn key_type(self) -> &'static str {
        match self {
            _ if self.is_ec() => "ecc",
            _ if self.is_rsa() => "rsa",
            _ => "ed25519",
        }
    }

    pub fn bits(self) -> u32 {
        match self {
            Kind::P256 | Kind::Ed25519 => 256,
            Kind::P384 => 384,
            Kind::P521 => 521,
            Kind::Rsa2048 => 2048,
            Kind::Rsa3072 => 3072,
            Kind::Rsa4096 => 4096,
        }
    }

    /// The JWS algorithms the key signs with, preferred first.
    pub fn algorithms(self) -> &'static [&'static str] {
        match self {
            Kind::P256 => &["ES256"],
            Kind::P384 => &["ES384"],
            Kind::P521 => &["ES512"],
            Kind::Ed25519 => &["EdDSA"],
            _ => &["PS256", "RS256"],
        }
    }
}

/// Writes a fresh key of `kind` as PKCS#8 PEM to `name` in `dir`. Keys are made once per kind
/// and test run (RSA generation is slow) and copied.
pub fn generate(dir: &TempDir, kind: Kind, name: &str) {
    static MADE: Mutex<Vec<(Kind, Vec<u8>)>> = Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, pem)) = made.iter().find(|(k, _)| *k == kind) {
        dir.write(name, pem);
        return;
    }
    dir.openssl(&format!("genpkey {} -out {name}", kind.genpkey_options()));
    made.push((kind, dir.read(name)));
}

fn openssl_output(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("openssl").args(args).current_dir(dir).output().unwrap_or_else(|e| {
        panic!("these tests need the openssl command-line tool, which could not be run ({e}); install it (e.g. apt-get install openssl)")
    })
}

/// The public JWK of `key_file` (RFC 7638 member order), computed by OpenSSL rather than by the
/// code under test.
pub fn openssl_public_jwk(dir: &TempDir, key_file: &str, kind: Kind) -> String {
    let b64 = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    let spki = dir.openssl(&format!("pkey -in {key_file} -pubout -outform DER"));
    match kind {
        Kind::P256 | Kind::P384 | Kind::P521 => {
            // An EC SubjectPublicKeyInfo ends with the uncompressed point 04 || x || y.
            let (crv, len) = match kind {
                Kind::P256 => ("P-256", 32),
                Kind::P384 => ("P-384", 48),
                _ => ("P-521", 66),
            };
            let point = &spki[spki.len() - 1 - 2 * len..];
            assert_eq!(point[0], 4, "uncompressed point expected");
            let (x, y) = (b64(&point[1..1 + len]), b64(&point[1 + len..]));
            format!(r#"{{"crv":"{crv}","kty":"EC","x":"{x}","y":"{y}"}}"#)
        }
        Kind::Ed25519 => format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#, b64(&spki[spki.len() - 32..])),
        _ => {
            let text = String::from_utf8(dir.openssl(&format!("rsa -in {key_file} -noout -modulus -text"))).unwrap();
            assert!(text.contains("publicExponent: 65537 (0x10001)"), "{text}");
            let hex = text
                .lines()
                .find_map(|line| line.strip_prefix("Modulus="))
                .expect("a Modulus= line");
            let n: Vec<u8> = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect();
            format!(r#"{{"e":"AQAB","kty":"RSA","n":"{}"}}"#, b64(&n))
        }
    }
}

/// Verifies a JWS signature with RustCrypto's verifiers (and ed25519-dalek), not the code
/// that signed it. `public_jwk` is the signer's public JWK.
pub fn verify_with_rust(public_jwk: &str, alg: JwsAlgorithm, message: &[u8], signature: &[u8]) -> Result<(), String> {
    use p256::ecdsa::signature::Verifier;
    let jwk: serde_json::Value = serde_json::from_str(public_jwk).map_err(|e| e.to_string())?;
    let member = |name: &str| URL_SAFE_NO_PAD.decode(jwk[name].as_str().unwrap_or_default()).unwrap_or_default();
    let point = || [&[4u8][..], &member("x"), &member("y")].concat();
    let error = |e: &dyn std::fmt::Display| e.to_string();
    match alg {
        JwsAlgorithm::Es256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(&point())
            .map_err(|e| error(&e))?
            .verify(message, &p256::ecdsa::Signature::from_slice(signature).map_err(|e| error(&e))?)
            .map_err(|e| error(&e)),
        JwsAlgorithm::Es384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(&point())
            .map_err(|e| error(&e))?
            .verify(message, &p384::ecdsa::Signature::from_slice(signature).map_err(|e| error(&e))?)
            .map_err(|e| error(&e)),
        JwsAlgorithm::Es512 => p521::ecdsa::VerifyingKey::from_sec1_bytes(&point())
            .map_err(|e| error(&e))?
            .verify(message, &p521::ecdsa::Signature::from_slice(signature).map_err(|e| error(&e))?)
            .map_err(|e| error(&e)),
        JwsAlgorithm::Rs256 | JwsAlgorithm::Ps256 => {
            use rsa::{BigUint, RsaPublicKey};
            let public =
                RsaPublicKey::new(BigUint::from_bytes_be(&member("n")), BigUint::from_bytes_be(&member("e"))).map_err(|e| error(&e))?;
            if alg == JwsAlgorithm::Rs256 {
                let signature = rsa::pkcs1v15::Signature::try_from(signature).map_err(|e| error(&e))?;
                rsa::pkcs1v15::VerifyingKey::<rsa::sha2::Sha256>::new(public).verify(message, &signature)
            } else {
                let signature = rsa::pss::Signature::try_from(signature).map_err(|e| error(&e))?;
                // RFC 7518 3.5: the salt is as long as the hash.
                rsa::pss::VerifyingKey::<rsa::sha2::Sha256>::new_with_salt_len(public, 32).verify(message, &signature)
            }
            .map_err(|e| error(&e))
        }
        JwsAlgorithm::EdDsa => {
            let public: [u8; 32] = member("x").try_into().map_err(|_| "x is not 32 bytes".to_string())?;
            let signature = ed25519_dalek::Signature::from_slice(signature).map_err(|e| error(&e))?;
            ed25519_dalek::VerifyingKey::from_bytes(&public)
                .map_err(|e| error(&e))?
                .verify_strict(message, &signature)
                .map_err(|e| error(&e))
        }
    }
}

/// Verifies a JWS signature with the openssl CLI, against the public key of `key_file`.
pub fn verify_with_openssl(dir: &TempDir, key_file: &str, alg: JwsAlgorithm, message: &[u8], signature: &[u8]) -> Result<(), String> {
    dir.openssl(&format!("pkey -in {key_file} -pubout -out verify-pub.pem"));
    dir.write("verify-message.bin", message);
    let (signature, args) = match alg {
        JwsAlgorithm::Es256 => (ecdsa_der(signature), "dgst -sha256"),
        JwsAlgorithm::Es384 => (ecdsa_der(signature), "dgst -sha384"),
        JwsAlgorithm::Es512 => (ecdsa_der(signature), "dgst -sha512"),
        JwsAlgorithm::Rs256 => (signature.to_vec(), "dgst -sha256"),
        JwsAlgorithm::Ps256 => (
            signature.to_vec(),
            "dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32",
        ),
        JwsAlgorithm::EdDsa => (signature.to_vec(), "pkeyutl -rawin -pubin -inkey verify-pub.pem"),
    };
    dir.write("verify-signature.bin", signature);
    let command = if alg == JwsAlgorithm::EdDsa {
        format!("{args} -verify -in verify-message.bin -sigfile verify-signature.bin")
    } else {
        format!("{args} -verify verify-pub.pem -signature verify-signature.bin verify-message.bin")
    };
    let args: Vec<&str> = command.split_whitespace().collect();
    let output = openssl_output(&dir.0, &args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    if output.status.success() && (stdout.contains("Verified OK") || stdout.contains("Signature Verified Successfully")) {
        Ok(())
    } else {
        Err(format!("openssl {command}: {stdout} {}", String::from_utf8_lossy(&output.stderr)))
    }
}

/// An ECDSA signature R || S (JWS) as the DER SEQUENCE of two INTEGERs that OpenSSL reads.
fn ecdsa_der(r_s: &[u8]) -> Vec<u8> {
    let integer = |bytes: &[u8]| {
        let mut value: Vec<u8> = bytes.iter().copied().skip_while(|&b| b == 0).collect();
        if value.first().is_none_or(|&b| b & 0x80 != 0) {
            value.insert(0, 0);
        }
        [vec![2, value.len() as u8], value].concat()
    };
    let (r, s) = r_s.split_at(r_s.len() / 2);
    let body = [integer(r), integer(s)].concat();
    let length = if body.len() < 128 {
        vec![body.len() as u8]
    } else {
        vec![0x81, body.len() as u8]
    };
    [vec![0x30], length, body].concat()
}

/// A fresh P-256 key as `openssl ecparam -genkey` writes it (EC PARAMETERS + EC PRIVATE KEY).
pub fn generate_p256(dir: &TempDir, name: &str) {
    dir.openssl(&format!("ecparam -genkey -name prime256v1 -out {name}"));
}
