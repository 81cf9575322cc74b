//! DPoP proof throughput: `ProofSigner::proof` as the HTTP engine calls it for an API request
//! (GET, the `ath` of a ~900-byte access token, hashed once per token as `Http` does, a server
//! nonce), next to the ES256 signature alone and the other pieces of a proof, so that overhead
//! beyond the signature shows up; then the
//! same proof for every other key type and algorithm (ES384, ES512, PS256 and RS256 with RSA
//! 2048, EdDSA), to set next to `openssl speed` for the same algorithm. The RSA key is made
//! with the openssl CLI (this library does not generate RSA keys).
//!
//! It is an ignored test, so that it needs no `[[bench]]` entry in Cargo.toml and costs nothing
//! in `cargo test`. `scripts/bench.sh` runs it as
//!
//! ```sh
//! BENCH_PROOF_OUT=build/bench/proof.json cargo test --release --bench proof -- --ignored --nocapture
//! ```
//!
//! Times are CPU time of the measuring thread (user + system, `CLOCK_THREAD_CPUTIME_ID` on Linux), as
//! `openssl speed` divides by CPU time (user) rather than wall time: other processes on the
//! machine slow both down less than they would a wall-clock figure. Each figure is the median
//! of several rounds; the best round is reported too.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use dpop::key::{JwsAlgorithm, SigningKey};
use dpop::proof::{AccessTokenHash, ProofSigner};
use dpop::redact::Redactor;
use dpop::url::{self, htu};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

/// Rounds per measurement and CPU time per round (about 2 s per measurement, as `openssl speed -seconds 2`).
const ROUNDS: usize = 5;
const ROUND: Duration = Duration::from_millis(400);

/// CPU time of this thread. (std has no such clock; libc is not a dependency, so declare it.)
#[cfg(target_os = "linux")]
fn thread_cpu() -> Duration {
    use std::ffi::{c_int, c_long};
    #[repr(C)]
    struct Timespec {
        tv_sec: c_long,
        tv_nsec: c_long,
    }
    extern "C" {
        fn clock_gettime(clock: c_int, ts: *mut Timespec) -> c_int;
    }
    const CLOCK_THREAD_CPUTIME_ID: c_int = 3;
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec, which we own.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Elsewhere: wall time (noisier on a busy machine).
#[cfg(not(target_os = "linux"))]
fn thread_cpu() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

/// A fresh RSA 2048 key from `openssl genpkey`.
fn rsa_2048() -> SigningKey {
    let output = std::process::Command::new("openssl")
        .args(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
        .output()
        .expect("the benchmark needs the openssl command-line tool for an RSA key");
    assert!(output.status.success(), "openssl genpkey failed");
    SigningKey::from_bytes(&output.stdout, "").expect("an RSA 2048 key")
}

struct Measured {
    name: &'static str,
    /// Median and best CPU microseconds per operation over the rounds.
    median_us: f64,
    best_us: f64,
    ops: u64,
}

/// Runs `op` in batches until each round has used `ROUND` of CPU time; one warm-up round first.
fn measure(name: &'static str, mut op: impl FnMut()) -> Measured {
    let mut per_op = Vec::with_capacity(ROUNDS);
    let mut total_ops = 0;
    for round in 0..=ROUNDS {
        let start = thread_cpu();
        let mut ops = 0u64;
        let mut used = Duration::ZERO;
        while used < ROUND {
            for _ in 0..64 {
                op();
            }
            ops += 64;
            used = thread_cpu() - start;
        }
        if round > 0 {
            per_op.push(used.as_secs_f64() * 1e6 / ops as f64);
            total_ops += ops;
        }
    }
    per_op.sort_by(f64::total_cmp);
    Measured {
        name,
        median_us: per_op[ROUNDS / 2],
        best_us: per_op[0],
        ops: total_ops,
    }
}

/// An RFC 9068-sized access token (header, claims with `cnf.jkt`, ES256 signature).
fn sample_access_token() -> String {
    let header = B64URL.encode(r#"{"typ":"at+jwt","alg":"ES256","kid":"p5O1kfQDlyWhVuDeFUVOvhdsv4kkDkCWJ1CWcHqE_qE"}"#);
    let claims = B64URL.encode(
        r#"{"jti":"y5Mg0KxYbGJQ3u1u6L4GkYQ4xSaGmB6pDJmQK3r8yPp","sub":"m2m.dpop","iat":1767225600,"exp":1767229200,"scope":"api","client_id":"m2m.dpop","iss":"http://127.0.0.1:40001","aud":"http://127.0.0.1:40005","cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}}"#,
    );
    format!("{header}.{claims}.{}", B64URL.encode([7u8; 64]))
}

#[test]
#[ignore = "benchmark: run with --ignored --nocapture (scripts/bench.sh)"]
fn proof_throughput() {
    let key = Arc::new(SigningKey::generate_ec("P-256").expect("P-256 key"));
    let other_keys = [
        (
            "proof ES384 (P-384)",
            SigningKey::generate_ec("P-384").expect("P-384 key"),
            JwsAlgorithm::Es384,
        ),
        (
            "proof ES512 (P-521)",
            SigningKey::generate_ec("P-521").expect("P-521 key"),
            JwsAlgorithm::Es512,
        ),
        ("proof PS256 (RSA 2048)", rsa_2048(), JwsAlgorithm::Ps256),
        ("proof RS256 (RSA 2048)", rsa_2048(), JwsAlgorithm::Rs256),
        (
            "proof EdDSA (Ed25519)",
            SigningKey::generate_ed25519().expect("Ed25519 key"),
            JwsAlgorithm::EdDsa,
        ),
    ];
    let signer = ProofSigner::new(key.clone());
    let url = url::parse("http://127.0.0.1:40005/api/resource").unwrap();
    let token = sample_access_token();
    let nonce = "2Pf8cUeXwKz7n5tJcQm0yA";
    let token_ath = AccessTokenHash::of(&token);
    let sample = signer.proof("GET", &url, 1_767_225_600, Some(&token_ath), Some(nonce));
    let signing_input_len = sample.rfind('.').unwrap();

    // A proof for an API request, as `Http` makes it.
    let api_proof = |name: &'static str, signer: &ProofSigner| {
        measure(name, || {
            black_box(signer.proof(
                black_box("GET"),
                black_box(&url),
                1_767_225_600,
                Some(black_box(&token_ath)),
                Some(nonce),
            ));
        })
    };
    let mut results = vec![
        api_proof("proof (GET, ath, nonce)", &signer),
        measure("proof (token request: POST, no ath/nonce)", || {
            black_box(signer.proof(black_box("POST"), black_box(&url), 1_767_225_600, None, None));
        }),
        measure("ES256 signature alone (ring)", || {
            black_box(
                key.sign(JwsAlgorithm::Es256, black_box(&sample.as_bytes()[..signing_input_len]))
                    .expect("ES256"),
            );
        }),
        measure("ath (SHA-256 of the token, base64url)", || {
            black_box(AccessTokenHash::of(black_box(&token)));
        }),
        measure("htu (URL clone and normalize)", || {
            black_box(htu(black_box(&url)));
        }),
        // Not part of a proof, but of every request: `Http::exchange` masks the request headers
        // for `LastHeader` (Accept, User-Agent, Authorization, DPoP) against the client secret
        // and the access token, whether or not LastHeader is ever read.
        measure("LastHeader masking per request (4 headers)", || {
            let secrets = ["secret", token.as_str()];
            let headers = [
                ("Accept".to_string(), "*/*".to_string()),
                ("User-Agent".to_string(), "libdpop/0.1.0".to_string()),
                ("Authorization".to_string(), format!("DPoP {token}")),
                ("DPoP".to_string(), sample.clone()),
            ];
            black_box(Redactor::new(black_box(&secrets)).headers(&headers, "\r\n"));
        }),
        measure("getrandom 16 bytes (jti)", || {
            let mut bytes = [0u8; 16];
            rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut bytes);
            black_box(bytes);
        }),
    ];
    for (name, key, algorithm) in other_keys {
        let signer = ProofSigner::with_algorithm(Arc::new(key), algorithm).expect("the key signs with its algorithm");
        results.push(api_proof(name, &signer));
    }

    println!();
    for m in &results {
        println!(
            "{:<44} {:>9.2} us/op (best {:>7.2})  {:>9.0} ops/s  [{} ops]",
            m.name,
            m.median_us,
            m.best_us,
            1e6 / m.median_us,
            m.ops
        );
    }
    println!("proof length: {} bytes", sample.len());
    if let Ok(path) = std::env::var("BENCH_PROOF_OUT") {
        let items: Vec<String> = results
            .iter()
            .map(|m| {
                format!(
                    r#"{{"name":"{}","median_us":{:.4},"best_us":{:.4},"ops":{}}}"#,
                    m.name, m.median_us, m.best_us, m.ops
                )
            })
            .collect();
        let json = format!(r#"{{"proof_bytes":{},"results":[{}]}}"#, sample.len(), items.join(","));
        std::fs::write(&path, json + "\n").unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    }
}
