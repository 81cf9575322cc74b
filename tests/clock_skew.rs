//! A client whose clock is 5 minutes off still gets tokens and calls the API: the servers' Date
//! headers give their time, proofs are dated by it, and a proof refused for its time is sent
//! again once. The client runs as a child process of this test binary under libfaketime (from
//! Debian's `faketime` package), so the machine's clock and the servers' stay untouched.

mod common;

use common::servers::TestServers;
use dpop::http::{Http, StatusPolicy};
use dpop::key::SigningKey;
use serde_json::json;
use std::sync::Arc;

const LIBFAKETIME: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

/// Runs `skewed_child` with the clock moved by `offset` (libfaketime syntax: "-300", "+300"), as
/// the client m2m.dpop (a client secret).
fn run_skewed(servers: &TestServers, offset: &str) -> String {
    run_skewed_as(servers, offset, "m2m.dpop")
}

/// The same as `client_id`: m2m.dpop or m2m.jwt (private_key_jwt with its EC key).
fn run_skewed_as(servers: &TestServers, offset: &str, client_id: &str) -> String {
    assert!(
        std::path::Path::new(LIBFAKETIME).exists(),
        "libfaketime is needed for this test (apt-get install faketime; .ci/run installs it)"
    );
    let env = [
        ("DPOP_SKEWED_CHILD", servers.raw.to_string()),
        ("LD_PRELOAD", LIBFAKETIME.to_string()),
        ("FAKETIME", offset.to_string()),
        ("FAKETIME_DONT_FAKE_MONOTONIC", "1".to_string()),
        ("DPOP_SKEWED_CLIENT", client_id.to_string()),
    ];
    common::run_test_as_child("skewed_child", &env, &[])
}

#[test]
fn a_client_five_minutes_off_is_served_with_nonces_required() {
    let s = TestServers::start();
    for offset in ["-300", "+300"] {
        let out = run_skewed(&s, offset);
        assert!(out.contains("child: 200, clock off by"), "{out}");
    }
}

#[test]
fn a_client_five_minutes_off_is_served_without_nonces_after_one_refusal() {
    // Without nonces, each server refuses the first proof for its iat (invalid_dpop_proof): the
    // client sends it again once, dated by the server's clock.
    let s = TestServers::start();
    s.config(r#"{"as_require_nonce":false,"rs_require_nonce":false}"#);
    let out = run_skewed(&s, "-300");
    assert!(out.contains("child: 200, clock off by"), "{out}");
    let stats = s.stats();
    assert_eq!(stats["as"]["dpop"]["tokens_issued"], 1, "{stats}");
}

#[test]
fn a_private_key_jwt_client_five_minutes_off_is_served() {
    // Behind, its first assertion has expired by the server's clock (invalid_client), and the
    // token request is sent once more with a new assertion dated by the server's clock. Ahead,
    // oidc-provider takes the assertion (and the proof), and the resource server's refusal of
    // the proof is answered as for any client.
    let s = TestServers::start();
    for (offset, refusals) in [("-300", 1), ("+300", 0)] {
        s.reset();
        s.config(r#"{"as_require_nonce":false,"rs_require_nonce":false}"#);
        let out = run_skewed_as(&s, offset, "m2m.jwt");
        assert!(out.contains("child: 200, clock off by"), "{out}");
        let stats = s.stats();
        assert_eq!(
            stats["as"]["dpop"]["errors"]["invalid_client"].as_u64().unwrap_or(0),
            refusals,
            "{offset}: {stats}"
        );
        assert_eq!(stats["as"]["dpop"]["tokens_issued"], 1, "{offset}: {stats}");
    }
}

/// Not a test of its own: the client of the tests above, run with a faked clock.
#[test]
fn skewed_child() {
    let Ok(raw) = std::env::var("DPOP_SKEWED_CHILD") else { return };
    let raw: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let mut http = Http::default();
    http.set_dpop_key(Arc::new(SigningKey::generate_ec("P-256").unwrap()));
    let auth = match std::env::var("DPOP_SKEWED_CLIENT").unwrap().as_str() {
        "m2m.jwt" => {
            json!({"client_key": raw["client_keys"]["ec"]["file"], "client_id": "m2m.jwt", "token_endpoint": raw["token_endpoint"], "scope": "api"})
        }
        _ => json!({"client_secret": "secret", "client_id": "m2m.dpop", "token_endpoint": raw["token_endpoint"], "scope": "api"}),
    };
    http.set_auth_token(&auth.to_string()).unwrap();
    let real_offset = std::env::var("FAKETIME").unwrap();
    match http.request("GET", raw["resource"].as_str().unwrap(), None, StatusPolicy::FailUnless2xx) {
        Ok(r) => println!("child: {}, clock off by {real_offset} s", r.status),
        Err(e) => panic!("child: {e}"),
    }
}
