//! Checks that the Node.js test servers start and answer (see tests/server/).
mod common;

use common::servers::{raw_http, TestServers};

#[test]
fn test_servers_start_and_report_zero_stats() {
    let s = TestServers::start();

    for key in [
        "issuer",
        "token_endpoint",
        "token_endpoint_https",
        "jwks_uri",
        "bearer_issuer",
        "bearer_token_endpoint",
        "bearer_token_endpoint_https",
        "audience",
        "rs_origin",
        "rs_origin_https",
        "resource",
        "resource_https",
        "echo",
        "echo_https",
        "status_base",
        "admin",
    ] {
        let url = s.url(key);
        assert!(
            url.starts_with("http://127.0.0.1:") || url.starts_with("https://127.0.0.1:"),
            "{key} = {url}"
        );
    }
    assert!(s.token_endpoint.starts_with("http://127.0.0.1:") && s.token_endpoint.ends_with("/token"));
    assert!(s.token_endpoint_https.starts_with("https://127.0.0.1:"));
    assert!(s.bearer_token_endpoint.ends_with("/token"));
    assert_ne!(s.token_endpoint, s.bearer_token_endpoint);
    assert!(s.resource.ends_with("/api/resource"));
    assert!(s.resource_https.starts_with("https://127.0.0.1:") && s.resource_https.ends_with("/api/resource"));
    assert!(s.echo.ends_with("/api/echo"));
    assert!(s.admin.ends_with("/__admin"));
    let ca = std::fs::read_to_string(&s.ca_file).expect("ca_file readable");
    assert!(ca.contains("BEGIN CERTIFICATE"));
    assert_eq!(s.raw["clients"]["dpop"]["client_id"], "m2m.dpop");
    assert_eq!(s.raw["clients"]["basic"]["client_id"], "m2m.basic");
    assert_eq!(s.raw["clients"]["bearer"]["client_id"], "m2m.bearer");
    assert_eq!(s.raw["clients"]["jwt"]["token_endpoint_auth_method"], "private_key_jwt");
    for name in ["ec", "rsa", "dpop"] {
        let key = &s.raw["client_keys"][name];
        let pem = std::fs::read_to_string(key["file"].as_str().unwrap()).expect("the client key file");
        assert!(pem.contains("PRIVATE KEY-----"), "{name}: {pem}");
        assert!(key["kid"].as_str().is_some_and(|kid| kid.starts_with(name)), "{key}");
    }

    let stats = s.stats();
    for as_name in ["dpop", "bearer"] {
        assert_eq!(stats["as"][as_name]["token_requests"], 0, "{stats}");
        assert_eq!(stats["as"][as_name]["tokens_issued"], 0, "{stats}");
    }
    assert_eq!(stats["rs"]["requests"], 0, "{stats}");
    assert_eq!(stats["rs"]["successes"], 0, "{stats}");
    let proofs = s.proofs();
    assert_eq!(proofs["as"].as_array().map(Vec::len), Some(0));
    assert_eq!(proofs["rs"].as_array().map(Vec::len), Some(0));

    // Defaults, and the admin config round trip.
    let cfg = s.config("{}");
    assert_eq!(cfg["access_token_ttl"], 3600);
    assert_eq!(cfg["as_require_nonce"], true);
    assert_eq!(cfg["rs_require_nonce"], true);
    let cfg = s.config(r#"{"access_token_ttl":5,"rs_reject_next":"invalid_token"}"#);
    assert_eq!(cfg["access_token_ttl"], 5);
    assert_eq!(cfg["rs_reject_next"][0], "invalid_token");

    // The RS wants a token; the token endpoint wants client authentication.
    let r = raw_http("GET", &s.resource, &[], None);
    assert_eq!(r.status, 401);
    assert!(r.header("www-authenticate").unwrap_or("").starts_with("DPoP"), "{r:?}");
    let r = raw_http(
        "POST",
        &s.token_endpoint,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(b"grant_type=client_credentials&client_id=m2m.dpop&client_secret=wrong"),
    );
    assert_eq!(r.status, 401, "{r:?}");
    assert_eq!(r.json()["error"], "invalid_client");

    let stats = s.stats();
    assert_eq!(stats["as"]["dpop"]["token_requests"], 1, "{stats}");
    assert_eq!(stats["as"]["dpop"]["errors"]["invalid_client"], 1, "{stats}");
    assert_eq!(stats["rs"]["requests"], 1, "{stats}");

    s.reset();
    let stats = s.stats();
    assert_eq!(stats["as"]["dpop"]["token_requests"], 0, "{stats}");
    assert_eq!(stats["rs"]["requests"], 0, "{stats}");
    assert_eq!(s.config("{}")["access_token_ttl"], 3600);
}
