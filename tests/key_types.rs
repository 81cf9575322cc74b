//! Every key type and DPoP algorithm against the real servers: oidc-provider must issue a
//! DPoP-bound token for proofs signed with ES256, ES384, ES512, PS256, RS256 and EdDSA, and the
//! resource server must verify them (jose, then oauth4webapi), both with nonces required.
//!
//! Keys are made with the openssl CLI, as users make them.

mod common;

use common::servers::{raw_http, RawResponse, TestServers};
use dpop::clock::now_secs;
use dpop::http::{Http, StatusPolicy};
use dpop::key::{JwsAlgorithm, SigningKey};
use dpop::proof::{AccessTokenHash, ProofSigner};
use serde_json::{json, Value};
use std::process::Command;
use std::sync::Arc;

/// A fresh key from `openssl genpkey` with these options.
fn openssl_key(genpkey_options: &str) -> Arc<SigningKey> {
    let output = Command::new("openssl")
        .arg("genpkey")
        .args(genpkey_options.split_whitespace())
        .output()
        .expect("these tests need the openssl command-line tool");
    assert!(
        output.status.success(),
        "openssl genpkey {genpkey_options}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Arc::new(SigningKey::from_bytes(&output.stdout, "").expect("openssl's key loads"))
}

/// (description, `openssl genpkey` options, the algorithm Http signs with by default).
const KEY_TYPES: [(&str, &str, JwsAlgorithm); 7] = [
    ("EC P-256", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256", JwsAlgorithm::Es256),
    ("EC P-384", "-algorithm EC -pkeyopt ec_paramgen_curve:P-384", JwsAlgorithm::Es384),
    ("EC P-521", "-algorithm EC -pkeyopt ec_paramgen_curve:P-521", JwsAlgorithm::Es512),
    ("RSA 2048", "-algorithm RSA -pkeyopt rsa_keygen_bits:2048", JwsAlgorithm::Ps256),
    ("RSA 3072", "-algorithm RSA -pkeyopt rsa_keygen_bits:3072", JwsAlgorithm::Ps256),
    ("RSA 4096", "-algorithm RSA -pkeyopt rsa_keygen_bits:4096", JwsAlgorithm::Ps256),
    ("Ed25519", "-algorithm ed25519", JwsAlgorithm::EdDsa),
];

/// The proofs a server recorded that were signed with `key` (matched by their header's jwk).
fn proofs_of(s: &TestServers, server: &str, key: &SigningKey) -> Vec<Value> {
    let jwk: Value = serde_json::from_str(key.public_jwk()).unwrap();
    let all = s.proofs()[server].as_array().unwrap().clone();
    all.into_iter().filter(|proof| proof["header"]["jwk"] == jwk).collect()
}

#[test]
fn the_seed_flow_works_with_every_key_type() {
    let s = TestServers::start();
    for (what, genpkey, algorithm) in KEY_TYPES {
        let key = openssl_key(genpkey);
        let issued_before = s.stats()["as"]["dpop"]["tokens_issued"].as_u64().unwrap();
        let mut http = Http::default();
        http.set_dpop_key(key.clone());
        let client = json!({"client_id": "m2m.dpop", "client_secret": "secret", "token_endpoint": s.token_endpoint, "scope": "api"});
        http.set_auth_token(&client.to_string()).unwrap();
        for _ in 0..2 {
            let response = http
                .request("GET", &s.resource, None, StatusPolicy::FailUnless2xx)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let body: Value = serde_json::from_slice(&response.body).unwrap();
            assert_eq!(body["ok"], true, "{what}: {body}");
            assert_eq!(body["token_type"], "DPoP", "{what}");
            // The token is bound to the key as the servers compute its thumbprint (jose).
            assert_eq!(body["jkt"], key.thumbprint("SHA256").unwrap(), "{what}");
        }
        assert_eq!(
            s.stats()["as"]["dpop"]["tokens_issued"].as_u64().unwrap(),
            issued_before + 1,
            "{what}: one token for the key"
        );
        for server in ["as", "rs"] {
            let proofs = proofs_of(&s, server, &key);
            assert!(!proofs.is_empty(), "{what}: no proof at {server}");
            for proof in &proofs {
                assert_eq!(proof["header"]["alg"], algorithm.name(), "{what} at {server}");
            }
            let answered = proofs.last().unwrap();
            assert!(answered["claims"]["nonce"].is_string(), "{what}: the {server} nonce was followed");
        }
    }
}

/// Sends `request` (given the nonce to put into the proof), answering one `use_dpop_nonce`
/// challenge; returns the final response and whether a challenge came.
fn with_nonce_retry(request: impl Fn(Option<&str>) -> RawResponse) -> (RawResponse, bool) {
    let first = request(None);
    let challenged =
        first.body.contains("use_dpop_nonce") || first.header("www-authenticate").is_some_and(|h| h.contains("use_dpop_nonce"));
    if !challenged {
        return (first, false);
    }
    let nonce = first
        .header("dpop-nonce")
        .expect("a nonce challenge carries DPoP-Nonce")
        .to_string();
    (request(Some(&nonce)), true)
}

#[test]
fn both_servers_accept_proofs_signed_with_every_algorithm() {
    let s = TestServers::start();
    let token_url = dpop::url::parse(&s.token_endpoint).unwrap();
    let resource_url = dpop::url::parse(&s.resource).unwrap();
    let rsa = openssl_key("-algorithm RSA -pkeyopt rsa_keygen_bits:2048");
    let cases = [
        (openssl_key(KEY_TYPES[0].1), JwsAlgorithm::Es256),
        (openssl_key(KEY_TYPES[1].1), JwsAlgorithm::Es384),
        (openssl_key(KEY_TYPES[2].1), JwsAlgorithm::Es512),
        (rsa.clone(), JwsAlgorithm::Ps256),
        (rsa, JwsAlgorithm::Rs256),
        (openssl_key(KEY_TYPES[6].1), JwsAlgorithm::EdDsa),
    ];
    for (key, algorithm) in cases {
        let signer = ProofSigner::with_algorithm(key.clone(), algorithm).unwrap();
        let form = b"grant_type=client_credentials&client_id=m2m.dpop&client_secret=secret&scope=api";
        let (token_response, challenged) = with_nonce_retry(|nonce| {
            let proof = signer.proof("POST", &token_url, now_secs(), None, nonce);
            raw_http(
                "POST",
                &s.token_endpoint,
                &[("Content-Type", "application/x-www-form-urlencoded"), ("DPoP", &proof)],
                Some(form),
            )
        });
        assert!(challenged, "{algorithm}: the authorization server asks for a nonce");
        assert_eq!(token_response.status, 200, "{algorithm}: {}", token_response.body);
        let token = token_response.json();
        assert_eq!(token["token_type"], "DPoP", "{algorithm}");
        let access_token = token["access_token"].as_str().unwrap().to_string();

        let (api_response, challenged) = with_nonce_retry(|nonce| {
            let proof = signer.proof("GET", &resource_url, now_secs(), Some(&AccessTokenHash::of(&access_token)), nonce);
            let authorization = format!("DPoP {access_token}");
            raw_http("GET", &s.resource, &[("Authorization", &authorization), ("DPoP", &proof)], None)
        });
        assert!(challenged, "{algorithm}: the resource server asks for its nonce");
        assert_eq!(api_response.status, 200, "{algorithm}: {}", api_response.body);
        assert_eq!(api_response.json()["jkt"], key.thumbprint("SHA256").unwrap(), "{algorithm}");
        for server in ["as", "rs"] {
            let proofs = proofs_of(&s, server, &key);
            assert!(
                proofs.iter().any(|proof| proof["header"]["alg"] == algorithm.name()),
                "{algorithm}: the {server} server recorded the proof"
            );
        }
    }
}
