//! private_key_jwt client authentication (RFC 7523 2.2) end to end against oidc-provider: the
//! client m2m.jwt authenticates with a JWT signed by its own key (tests/server/start.mjs makes
//! the keys at start and registers their public halves), gets a DPoP-bound token, and calls the
//! resource server. The authorization server records every assertion it received (its request
//! log), so the tests read what was sent: the algorithm, kid, claims, and a new jti for every
//! attempt, which oidc-provider requires (it refuses an assertion it has seen).

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use common::assert_failure;
use common::servers::{raw_http, TestServers};
use dpop::clock::now_secs;
use dpop::http::{Http, StatusPolicy};
use dpop::key::{JwsAlgorithm, SigningKey};
use dpop::ErrorKind;
use serde_json::{json, Value};
use std::sync::Arc;

const CLIENT_ID: &str = "m2m.jwt";

/// A field of the ready line's `client_keys.NAME` (ec, rsa: the client's own keys; dpop: a key
/// registered for it that tests also use as DPoP key).
fn client_key(s: &TestServers, name: &str, field: &str) -> String {
    s.raw["client_keys"][name][field].as_str().unwrap().to_string()
}

/// An Http object with a new DPoP key and the client m2m.jwt with `members` added.
fn jwt_http(s: &TestServers, dpop_key: Arc<SigningKey>, members: Value) -> Http {
    let mut auth = json!({"client_id": CLIENT_ID, "token_endpoint": s.token_endpoint, "scope": "api"});
    auth.as_object_mut().unwrap().extend(members.as_object().unwrap().clone());
    let mut http = Http::default();
    http.set_dpop_key(dpop_key);
    http.set_auth_token(&auth.to_string()).unwrap();
    http
}

fn new_key() -> Arc<SigningKey> {
    Arc::new(SigningKey::generate_ec("P-256").unwrap())
}

fn get_ok(http: &mut Http, url: &str) -> Value {
    let response = http
        .request("GET", url, None, StatusPolicy::FailUnless2xx)
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    serde_json::from_slice(&response.body).unwrap()
}

/// The token requests the DPoP authorization server received, oldest first.
fn token_requests(s: &TestServers) -> Vec<Value> {
    let all = s.requests();
    all.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["server"] == "as:dpop" && r["url"].as_str().is_some_and(|u| u.ends_with("/token")))
        .cloned()
        .collect()
}

/// The assertion of a token request: its header and claims are RFC 7523's, for this client and
/// this token endpoint.
fn assertion_of<'a>(s: &TestServers, request: &'a Value) -> &'a Value {
    let assertion = &request["client_assertion"];
    assert_eq!(assertion["header"]["typ"], "JWT", "{request}");
    let claims = &assertion["claims"];
    assert_eq!((&claims["iss"], &claims["sub"]), (&json!(CLIENT_ID), &json!(CLIENT_ID)), "{claims}");
    assert_eq!(claims["aud"], s.token_endpoint.as_str());
    let (iat, exp) = (claims["iat"].as_u64().unwrap(), claims["exp"].as_u64().unwrap());
    assert!(iat.abs_diff(now_secs()) < 30 && exp == iat + 60, "{claims}");
    assertion
}

#[test]
fn a_client_key_of_its_own_ec_or_rsa_from_a_file_or_a_jwk() {
    let s = TestServers::start();
    let cases = [
        (
            "EC P-256 key file",
            json!({"client_key": client_key(&s, "ec", "file")}),
            "ES256",
            None,
        ),
        (
            "encrypted RSA key file, with its password and kid",
            json!({"client_key": client_key(&s, "rsa", "file"), "client_key_password": client_key(&s, "rsa", "password"),
                   "client_key_kid": client_key(&s, "rsa", "kid")}),
            "PS256",
            Some(client_key(&s, "rsa", "kid")),
        ),
        (
            "RSA private JWK, RS256",
            json!({"client_key": client_key(&s, "rsa", "jwk"), "client_key_alg": "RS256"}),
            "RS256",
            None,
        ),
    ];
    for (what, members, alg, kid) in cases {
        let mut http = jwt_http(&s, new_key(), members);
        let body = get_ok(&mut http, &s.resource);
        assert_eq!(
            (&body["client_id"], &body["token_type"]),
            (&json!(CLIENT_ID), &json!("DPoP")),
            "{what}"
        );
        let requests = token_requests(&s);
        let last = requests.last().unwrap();
        assert_eq!(last["status"], 200, "{what}: {last}");
        let assertion = assertion_of(&s, last);
        assert_eq!(assertion["header"]["alg"], alg, "{what}");
        assert_eq!(assertion["header"].get("kid").and_then(Value::as_str), kid.as_deref(), "{what}");
        // The getter gives the members back, so that the state can be persisted and reloaded.
        let state: Value = serde_json::from_str(&http.auth_token()).unwrap();
        assert_eq!(state["client_auth"], "private_key_jwt", "{what}");
        assert!(state.get("client_secret").is_none(), "{what}");
    }
}

#[test]
fn the_dpop_key_signs_the_assertion_when_no_client_key_is_named() {
    let s = TestServers::start();
    let key = Arc::new(SigningKey::from_file(&client_key(&s, "dpop", "file"), "").unwrap());
    let mut http = jwt_http(&s, key.clone(), json!({"client_auth": "private_key_jwt"}));
    let body = get_ok(&mut http, &s.resource);
    assert_eq!(body["client_id"], CLIENT_ID);
    assert_eq!(body["jkt"], key.thumbprint("SHA256").unwrap(), "the same key binds the token");
    let requests = token_requests(&s);
    let assertion = assertion_of(&s, requests.last().unwrap());
    assert_eq!(assertion["header"]["alg"], "ES256");

    // Through discovery: a client without a secret, at a server that lists private_key_jwt,
    // authenticates with the DPoP key without being told; and the audience can be the issuer.
    let mut discovered = Http::default();
    discovered.set_dpop_key(key);
    let auth = json!({"issuer": s.issuer, "client_id": CLIENT_ID, "scope": "api"});
    discovered.set_auth_token(&auth.to_string()).unwrap();
    assert_eq!(get_ok(&mut discovered, &s.resource)["client_id"], CLIENT_ID);
    let mut by_issuer = jwt_http(
        &s,
        new_key(),
        json!({"issuer": s.issuer, "client_key": client_key(&s, "ec", "file"), "client_assertion_aud": "issuer"}),
    );
    get_ok(&mut by_issuer, &s.resource);
    let requests = token_requests(&s);
    assert_eq!(requests.last().unwrap()["client_assertion"]["claims"]["aud"], s.issuer.as_str());
}

#[test]
fn each_attempt_after_a_nonce_challenge_carries_a_new_assertion() {
    let s = TestServers::start();
    let dir = std::env::temp_dir().join(format!("dpop-pkjwt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("session.log");
    let _ = std::fs::remove_file(&log);
    // The authorization server requires nonces (the default): the first token request is
    // answered 400 use_dpop_nonce and sent again.
    let mut http = jwt_http(&s, new_key(), json!({"client_key": client_key(&s, "ec", "jwk")}));
    http.set_session_log_path(log.to_str().unwrap());
    get_ok(&mut http, &s.resource);
    let requests = token_requests(&s);
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[0]["error"], "use_dpop_nonce");
    assert_eq!(requests[1]["status"], 200);
    let (first, second) = (assertion_of(&s, &requests[0]), assertion_of(&s, &requests[1]));
    assert_ne!(first["claims"]["jti"], second["claims"]["jti"], "a new assertion for the retry");
    assert_ne!(first["raw"], second["raw"]);

    // oidc-provider accepts an assertion once: the first one sent again is refused, while a
    // new one from the same key passes client authentication (and fails later, for want of a
    // DPoP proof).
    let form = |assertion: &str| {
        format!(
            "grant_type=client_credentials&client_id={CLIENT_ID}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={assertion}"
        )
    };
    let post = |assertion: &str| {
        raw_http(
            "POST",
            &s.token_endpoint,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(form(assertion).as_bytes()),
        )
    };
    let replayed = post(first["raw"].as_str().unwrap());
    assert_eq!((replayed.status, replayed.json()["error"].clone()), (401, json!("invalid_client")));
    let key = SigningKey::from_jwk(&client_key(&s, "ec", "jwk")).unwrap();
    let now = now_secs();
    let claims =
        json!({"iss": CLIENT_ID, "sub": CLIENT_ID, "aud": s.token_endpoint, "jti": format!("fresh-{now}"), "iat": now, "exp": now + 60});
    let fresh = key
        .compact_jws(
            JwsAlgorithm::Es256,
            &B64URL.encode(r#"{"alg":"ES256","typ":"JWT"}"#),
            claims.to_string().as_bytes(),
        )
        .unwrap();
    let control = post(&fresh);
    assert_ne!(control.json()["error"], "invalid_client", "{}", control.body);

    // Neither assertion is in the session log.
    let text = std::fs::read_to_string(&log).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(text.matches("client_assertion=****").count() == 2, "{text}");
    for assertion in [first, second] {
        let raw = assertion["raw"].as_str().unwrap();
        assert!(!text.contains(raw) && !text.contains(&raw[raw.len() - 20..]), "{text}");
    }
}

#[test]
fn a_key_the_server_does_not_know_is_refused_as_invalid_client() {
    let s = TestServers::start();
    let stranger = SigningKey::generate_ec("P-256").unwrap();
    let mut http = jwt_http(&s, new_key(), json!({"client_key": stranger.private_jwk().as_str()}));
    let err = http.request("GET", &s.resource, None, StatusPolicy::FailUnless2xx).unwrap_err();
    assert_failure(
        &err,
        ErrorKind::OAuth,
        &["invalid_client", "client authentication failed", &s.token_endpoint],
    );
    let text = err.to_string();
    let requests = token_requests(&s);
    let raw = requests.last().unwrap()["client_assertion"]["raw"].as_str().unwrap().to_string();
    let jwk: Value = serde_json::from_str(&stranger.private_jwk()).unwrap();
    assert!(
        !text.contains(&raw) && !text.contains(jwk["d"].as_str().unwrap()) && !text.contains("eyJ"),
        "{text}"
    );
    assert_eq!(s.stats()["rs"]["requests"], 0, "no token, no API call");

    // A client_key that cannot be used fails when AuthToken is set, before any request.
    let before = s.stats()["as"]["dpop"]["token_requests"].clone();
    let mut http = Http::default();
    for (members, kind) in [
        (json!({"client_key": "/nonexistent/client-key.pem"}), ErrorKind::Io),
        (
            json!({"client_key": client_key(&s, "rsa", "file"), "client_key_password": "not-the-password"}),
            ErrorKind::Key,
        ),
    ] {
        let mut auth = json!({"client_id": CLIENT_ID, "token_endpoint": s.token_endpoint});
        auth.as_object_mut().unwrap().extend(members.as_object().unwrap().clone());
        let e = http.set_auth_token(&auth.to_string()).unwrap_err();
        assert_failure(&e, kind, &["client_key"]);
        assert!(!e.to_string().contains("not-the-password"), "{e}");
    }
    assert_eq!(s.stats()["as"]["dpop"]["token_requests"], before);
}
