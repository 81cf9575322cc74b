//! Key tests. Fixtures are made at test time with the `openssl` CLI, so every format is checked
//! against what OpenSSL really writes; without the CLI the tests fail and say so.

mod formats;
mod jwk;
mod private_key;
mod rejections;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

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
    let output = Command::new("openssl").args(args).current_dir(dir).output().unwrap_or_else(|e| {
        panic!("these tests need the openssl command-line tool, which could not be run ({e}); install it (e.g. apt-get install openssl)")
    });
    assert!(
        output.status.success(),
        "openssl {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The public JWK of `key_file`, computed by OpenSSL rather than by the code under test.
pub fn openssl_public_jwk(dir: &TempDir, key_file: &str) -> String {
    let spki = dir.openssl(&format!("pkey -in {key_file} -pubout -outform DER"));
    // A P-256 SubjectPublicKeyInfo ends with the uncompressed point 04 || x || y.
    let point = &spki[spki.len() - 65..];
    assert_eq!(point[0], 4, "uncompressed point expected");
    let (x, y) = (URL_SAFE_NO_PAD.encode(&point[1..33]), URL_SAFE_NO_PAD.encode(&point[33..]));
    format!(r#"{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}"}}"#)
}

/// A fresh P-256 key as `openssl ecparam -genkey` writes it (EC PARAMETERS + EC PRIVATE KEY).
pub fn generate_p256(dir: &TempDir, name: &str) {
    dir.openssl(&format!("ecparam -genkey -name prime256v1 -out {name}"));
}
