//! The seed flow end to end from Rust against a real, strict authorization server (oidc-provider,
//! requiring DPoP-bound tokens and nonces) and a resource server that verifies every proof.
//! Each test starts its own servers, so counts and nonces never mix between tests.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use common::servers::TestServers;
use common::{assert_failure, get_fails, get_json};
use dpop::http::{Body, Http, StatusPolicy};
use dpop::key::SigningKey;
use dpop::ErrorKind;
use serde_json::{json, Value};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn new_key() -> Arc<SigningKey> {
    Arc::new(SigningKey::generate_ec("P-256").expect("generate a P-256 key"))
}

fn client_json(token_endpoint: &str, client_id: &str, secret: &str) -> String {
    json!({"client_secret": secret, "client_id": client_id, "token_endpoint": token_endpoint, "scope": "api"}).to_string()
}

/// An Http object set up as in the seed: DPoP key, then the client-credentials JSON.
fn seed_http(s: &TestServers, key: Arc<SigningKey>) -> Http {
    let mut http = Http::default();
    http.set_dpop_key(key);
    http.set_auth_token(&client_json(&s.token_endpoint, "m2m.dpop", "secret")).unwrap();
    http
}

fn issued(s: &TestServers, server: &str) -> u64 {
    s.stats()["as"][server]["tokens_issued"].as_u64().unwrap()
}

#[test]
fn seed_flow_reuses_one_token_with_a_fresh_proof_per_request() {
    let s = TestServers::start();
    let mut http = seed_http(&s, new_key());
    for _ in 0..3 {
        let body = get_json(&mut http, &s.resource);
        assert_eq!(body["ok"], true);
        assert_eq!(body["token_type"], "DPoP");
        assert_eq!(http.last_status(), 200);
    }
    let stats = s.stats();
    assert_eq!(issued(&s, "dpop"), 1, "one token for three requests: {stats}");
    assert_eq!(stats["rs"]["successes"], 3);
    assert_eq!(
        stats["rs"]["dpop_requests"].as_u64().unwrap(),
        3 + stats["rs"]["nonce_challenges"].as_u64().unwrap()
    );
    let proofs = s.proofs()["rs"].as_array().unwrap().clone();
    assert!(proofs.len() >= 3, "the resource server recorded {} proofs", proofs.len());
    let jtis: std::collections::HashSet<&str> = proofs.iter().map(|p| p["claims"]["jti"].as_str().unwrap()).collect();
    assert_eq!(jtis.len(), proofs.len(), "every proof has its own jti");
}

#[test]
fn proofs_follow_rfc9449_where_chilkat_does_not() {
    let s = TestServers::start();
    let mut http = seed_http(&s, new_key());
    get_json(&mut http, &format!("{}?page=2#top", s.resource));

    let proofs = s.proofs();
    let token_proof = proofs["as"].as_array().unwrap().last().unwrap();
    let resource_proof = proofs["rs"].as_array().unwrap().last().unwrap();
    for proof in [token_proof, resource_proof] {
        // iat as a JSON number (Chilkat 11.6.1 sends a string).
        assert!(proof["claims_json"].as_str().unwrap().contains(r#""iat":1"#), "{proof}");
        assert!(proof["claims"]["iat"].is_number());
        assert_eq!(proof["header"]["typ"], "dpop+jwt");
        assert_eq!(proof["header"]["alg"], "ES256");
        assert!(proof["header"]["jwk"].get("d").is_none());
    }
    // htu keeps "//" and the port, and drops query and fragment (Chilkat writes http:/127.0.0.1/path).
    assert_eq!(token_proof["claims"]["htu"], s.token_endpoint.as_str());
    assert_eq!(resource_proof["claims"]["htu"], s.resource.as_str());
    assert!(resource_proof["claims"]["ath"].is_string(), "resource proofs carry ath");
    assert!(token_proof["claims"].get("ath").is_none());
    // Nonces from both servers were followed (Chilkat ignores them).
    assert!(token_proof["claims"]["nonce"].is_string());
    assert!(resource_proof["claims"]["nonce"].is_string());
}

#[test]
fn nonces_are_answered_once_and_remembered() {
    let s = TestServers::start();
    let mut http = seed_http(&s, new_key());
    get_json(&mut http, &s.resource);
    let first = s.stats();
    assert_eq!(first["as"]["dpop"]["errors"]["use_dpop_nonce"], 1, "{first}");
    assert_eq!(first["rs"]["nonce_challenges"], 1, "{first}");
    get_json(&mut http, &s.resource);
    get_json(&mut http, &s.resource);
    assert_eq!(s.stats()["rs"]["nonce_challenges"], 1, "the RS nonce is remembered");

    // A new nonce from the RS is followed too.
    s.config(r#"{"rs_rotate_nonce":true}"#);
    get_json(&mut http, &s.resource);
    assert_eq!(s.stats()["rs"]["nonce_challenges"], 2);
}

#[test]
fn token_is_renewed_when_it_expires() {
    let s = TestServers::start();
    s.config(r#"{"access_token_ttl":2}"#);
    let mut http = seed_http(&s, new_key());
    get_json(&mut http, &s.resource);
    get_json(&mut http, &s.resource);
    assert_eq!(issued(&s, "dpop"), 1);
    std::thread::sleep(Duration::from_millis(2500));
    get_json(&mut http, &s.resource);
    assert_eq!(issued(&s, "dpop"), 2, "a new token after expiry");
    assert_eq!(
        s.stats()["rs"]["errors"].get("invalid_token"),
        None,
        "renewed before the server had to refuse it"
    );
}

#[test]
fn invalid_token_from_the_api_gets_one_new_token_and_a_retry() {
    let s = TestServers::start();
    let mut http = seed_http(&s, new_key());
    get_json(&mut http, &s.resource);
    s.config(r#"{"rs_reject_next":"invalid_token"}"#);
    assert_eq!(get_json(&mut http, &s.resource)["ok"], true);
    assert_eq!(issued(&s, "dpop"), 2);

    // When the server keeps refusing, the error says so after one retry.
    s.config(r#"{"rs_reject_next":["invalid_token","invalid_token","invalid_token"]}"#);
    let err = get_fails(&mut http, &s.resource);
    assert_failure(&err, ErrorKind::HttpStatus, &["401", "invalid_token"]);
    assert_eq!(issued(&s, "dpop"), 3);
}

#[test]
fn many_http_objects_share_one_token_per_client_and_key() {
    let s = TestServers::start();
    let key = new_key();
    for _ in 0..5 {
        let mut http = seed_http(&s, key.clone());
        get_json(&mut http, &s.resource);
    }
    assert_eq!(issued(&s, "dpop"), 1);
    // Another key never gets that token.
    let mut other = seed_http(&s, new_key());
    get_json(&mut other, &s.resource);
    assert_eq!(issued(&s, "dpop"), 2);
}

#[test]
fn persisted_auth_token_is_reused_by_a_new_object() {
    let s = TestServers::start();
    let key = new_key();
    let mut http = seed_http(&s, key.clone());
    get_json(&mut http, &s.resource);
    let saved: Value = serde_json::from_str(&http.auth_token()).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let expires_on = saved["expires_on"].as_u64().expect("absolute expires_on");
    assert!(expires_on > now + 3000 && expires_on <= now + 3600, "{saved}");
    assert_eq!(saved["token_type"], "DPoP");
    assert_eq!(saved["client_id"], "m2m.dpop");

    // Without client details the saved token alone still works.
    let mut reloaded = Http::default();
    reloaded.set_dpop_key(key);
    let token_only = json!({"access_token": saved["access_token"], "token_type": "DPoP", "expires_on": saved["expires_on"]});
    reloaded.set_auth_token(&token_only.to_string()).unwrap();
    get_json(&mut reloaded, &s.resource);
    assert_eq!(issued(&s, "dpop"), 1);
}

#[test]
fn the_token_endpoint_is_discovered_from_the_issuer() {
    let s = TestServers::start();
    let mut http = Http::default();
    http.set_dpop_key(new_key());
    let auth = json!({"issuer": s.issuer, "client_id": "m2m.dpop", "client_secret": "secret", "scope": "api"});
    http.set_auth_token(&auth.to_string()).unwrap();
    assert_eq!(get_json(&mut http, &s.resource)["ok"], true);
    assert_eq!(issued(&s, "dpop"), 1);
    // The getter keeps the issuer (and no token_endpoint), so a persisted state discovers again.
    let persisted: Value = serde_json::from_str(&http.auth_token()).unwrap();
    assert_eq!(
        persisted["issuer"].as_str().map(|i| i.trim_end_matches('/')),
        Some(s.issuer.trim_end_matches('/'))
    );
    assert!(persisted.get("token_endpoint").is_none());
}

#[test]
fn client_secret_basic_is_supported() {
    let s = TestServers::start();
    let mut http = Http::default();
    http.set_dpop_key(new_key());
    let mut config: Value = serde_json::from_str(&client_json(&s.token_endpoint, "m2m.basic", "secret")).unwrap();
    config["client_auth"] = "basic".into();
    http.set_auth_token(&config.to_string()).unwrap();
    assert_eq!(get_json(&mut http, &s.resource)["client_id"], "m2m.basic");
}

#[test]
fn bearer_tokens_from_a_server_without_dpop_are_sent_as_bearer() {
    let s = TestServers::start();
    let log = std::env::temp_dir().join(format!("dpop-e2e-bearer-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let mut http = Http::default();
    http.set_dpop_key(new_key());
    http.set_session_log_path(log.to_str().unwrap());
    http.set_user_agent("e2e-agent/1.0").unwrap();
    http.set_auth_token(&client_json(&s.bearer_token_endpoint, "m2m.bearer", "secret"))
        .unwrap();
    let body = get_json(&mut http, &s.resource);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(s.stats()["rs"]["bearer_requests"], 1);
    assert!(http.last_request_header().contains("Authorization: ****"));
    let written = std::fs::read_to_string(&log).unwrap();
    std::fs::remove_file(&log).unwrap();
    // The session log says why no proof goes with the API request, and the token request carried
    // the UserAgent property, as the log shows.
    assert!(written.contains("did not issue a DPoP token (token_type Bearer"), "{written}");
    let token_request = &written[written.find("POST /token").expect("the token request is logged")..];
    assert!(
        token_request[..token_request.find("\n\n").unwrap()].contains("User-Agent: e2e-agent/1.0"),
        "{written}"
    );
}

#[test]
fn wrong_client_secret_reports_the_servers_error() {
    let s = TestServers::start();
    let mut http = Http::default();
    http.set_dpop_key(new_key());
    http.set_auth_token(&client_json(&s.token_endpoint, "m2m.dpop", "wrong-secret-value"))
        .unwrap();
    let err = get_fails(&mut http, &s.resource);
    assert_failure(
        &err,
        ErrorKind::OAuth,
        &["invalid_client", "client authentication failed", &s.token_endpoint],
    );
    assert!(!err.to_string().contains("wrong-secret-value"));
    assert_eq!(s.stats()["rs"]["requests"], 0, "the API is not called without a token");
}

#[test]
fn malformed_token_response_is_explained_and_the_next_request_recovers() {
    let s = TestServers::start();
    let mut http = seed_http(&s, new_key());
    s.config(r#"{"as_fail_next":{"status":200,"body":"<html>not a token</html>"}}"#);
    let err = get_fails(&mut http, &s.resource);
    assert_failure(&err, ErrorKind::Protocol, &["<html>not a token", &s.token_endpoint]);
    // A failed token request is remembered for a few seconds, then asked again.
    let memory = Duration::from_secs(dpop::token::FAILURE_MEMORY_SECS);
    std::thread::sleep(memory);
    s.config(r#"{"as_fail_next":{"status":200,"body":{"token_type":"DPoP"}}}"#);
    let err = get_fails(&mut http, &s.resource);
    assert_failure(&err, ErrorKind::Protocol, &["no access_token", &s.token_endpoint]);
    std::thread::sleep(memory);
    assert_eq!(get_json(&mut http, &s.resource)["ok"], true);
}

#[test]
fn unreachable_host_and_timeouts_fail_with_clear_errors() {
    // A port nobody listens on.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let mut http = Http::default();
    http.set_dpop_key(new_key());
    http.set_auth_token(&client_json(&format!("http://{closed}/token"), "c", "s"))
        .unwrap();
    let err = get_fails(&mut http, "http://127.0.0.1:9/api");
    assert_failure(&err, ErrorKind::Network, &[&closed.to_string()]);

    // A server that accepts and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut http = Http::default();
    http.update_settings(|s| {
        s.set_connect_timeout_secs(1);
        s.set_read_timeout_secs(1);
    });
    let started = Instant::now();
    let silent_url = format!("http://{}/api", silent.local_addr().unwrap());
    let err = get_fails(&mut http, &silent_url);
    assert!(started.elapsed() < Duration::from_secs(5), "bounded by the timeouts");
    assert_failure(&err, ErrorKind::Timeout, &[&silent_url]);
}

#[test]
fn https_with_a_private_ca() {
    let s = TestServers::start();
    let token_endpoint_https = s.raw["token_endpoint_https"].as_str().unwrap().to_string();
    let mut http = Http::default();
    http.set_dpop_key(new_key());
    http.set_auth_token(&client_json(&token_endpoint_https, "m2m.dpop", "secret"))
        .unwrap();
    let err = get_fails(&mut http, &s.resource_https);
    assert_failure(&err, ErrorKind::Tls, &[&token_endpoint_https]);

    http.update_settings(|settings| settings.set_trusted_ca_file(&s.ca_file));
    let body = get_json(&mut http, &s.resource_https);
    assert_eq!(body["tls"], true);
    let proof = s.proofs()["rs"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(proof["claims"]["htu"], s.resource_https.as_str());
}

#[test]
fn bodies_methods_and_the_session_log() {
    let s = TestServers::start();
    let log = std::env::temp_dir().join(format!("dpop-e2e-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let mut http = seed_http(&s, new_key());
    http.set_session_log_path(log.to_str().unwrap());
    let body = Body {
        content_type: "application/json",
        bytes: br#"{"hello":"world"}"#,
    };
    let response = http.request("POST", &s.echo, Some(body), StatusPolicy::FailUnless2xx).unwrap();
    let echoed: Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(echoed["body"]["hello"], "world");
    assert_eq!(echoed["method"], "POST");
    let deleted: Value =
        serde_json::from_slice(&http.request("DELETE", &s.resource, None, StatusPolicy::FailUnless2xx).unwrap().body).unwrap();
    assert_eq!(deleted["method"], "DELETE");

    let not_found = format!("{}404", s.raw["status_base"].as_str().unwrap());
    let err = get_fails(&mut http, &not_found);
    assert_failure(&err, ErrorKind::HttpStatus, &["404", &not_found]);
    assert_eq!(http.last_status(), 404, "a failed status keeps the response readable");

    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("---- Sending ") && text.contains("---- Received "));
    assert!(text.contains("POST /token HTTP/1.1") && text.contains("POST /api/echo HTTP/1.1"));
    assert!(text.contains("DPoP: ****") && text.contains("Authorization: ****"));
    let token = serde_json::from_str::<Value>(&http.auth_token()).unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!text.contains(&token), "the access token never reaches the log");
    assert!(!text.contains("client_secret=secret"));
    let _ = std::fs::remove_file(&log);
}

#[test]
fn a_new_dpop_key_gets_its_own_token() {
    let s = TestServers::start();
    let mut http = Http::default();
    // AuthToken before the key works too.
    http.set_auth_token(&client_json(&s.token_endpoint, "m2m.dpop", "secret")).unwrap();
    http.set_dpop_key(new_key());
    get_json(&mut http, &s.resource);
    http.set_dpop_key(new_key());
    get_json(&mut http, &s.resource);
    assert_eq!(issued(&s, "dpop"), 2);
    assert_eq!(
        s.stats()["rs"]["errors"].get("invalid_token"),
        None,
        "the old key's token is not tried"
    );
}

#[test]
fn resource_indicators_set_the_audience_and_an_unknown_one_is_the_servers_invalid_target() {
    let s = TestServers::start();
    let audience = s.url("audience");
    for resource in [json!(audience), json!([audience])] {
        let mut http = Http::default();
        http.set_dpop_key(new_key());
        let mut auth: Value = serde_json::from_str(&client_json(&s.token_endpoint, "m2m.dpop", "secret")).unwrap();
        auth["resource"] = resource.clone();
        http.set_auth_token(&auth.to_string()).unwrap();
        let body = get_json(&mut http, &s.resource);
        assert_eq!(body["aud"], audience.as_str(), "{resource}");
        let token = serde_json::from_str::<Value>(&http.auth_token()).unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_string();
        let claims: Value = serde_json::from_slice(&B64URL.decode(token.split('.').nth(1).unwrap()).unwrap()).unwrap();
        assert_eq!(claims["aud"], audience.as_str(), "{resource}");
        let requests = s.requests();
        let token_request = requests
            .as_array()
            .unwrap()
            .iter()
            .rfind(|r| r["status"] == 200 && r["server"] == "as:dpop")
            .unwrap();
        assert_eq!(token_request["resource"], audience.as_str(), "the server received it: {resource}");
    }

    let mut http = Http::default();
    http.set_dpop_key(new_key());
    let mut auth: Value = serde_json::from_str(&client_json(&s.token_endpoint, "m2m.dpop", "secret")).unwrap();
    auth["resource"] = "https://unknown.example/api".into();
    http.set_auth_token(&auth.to_string()).unwrap();
    let err = get_fails(&mut http, &s.resource);
    assert_failure(
        &err,
        ErrorKind::OAuth,
        &[
            "invalid_target",
            "unknown resource indicator https://unknown.example/api",
            &s.token_endpoint,
        ],
    );
}
