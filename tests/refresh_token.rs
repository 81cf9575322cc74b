//! Refresh tokens end to end against oidc-provider: the web client web.dpop (client_secret_post,
//! DPoP-bound tokens, authorization_code and refresh_token grants; tests/server/start.mjs) gets
//! an authorization code from the admin API, which runs the real authorization code flow at the
//! authorization server (login and consent completed at once for a fixed user, offline_access
//! granted), exchanges it with a DPoP proof, and then lets the Http object renew a stale token
//! with the refresh_token grant before it calls the resource server. What the servers received
//! comes from their request and proof logs, never from the library's own account.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use common::servers::TestServers;
use common::{assert_failure, get_fails, get_json};
use dpop::clock::now_secs;
use dpop::http::Http;
use dpop::key::SigningKey;
use dpop::ErrorKind;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::sync::Arc;

const CLIENT_ID: &str = "web.dpop";
const USER: &str = "test-user";

fn new_key() -> Arc<SigningKey> {
    Arc::new(SigningKey::generate_ec("P-256").expect("generate a P-256 key"))
}

/// A field of the ready line's `clients.web`.
fn web(s: &TestServers, field: &str) -> String {
    s.raw["clients"]["web"][field].as_str().unwrap().to_string()
}

/// A new authorization code for web.dpop, with the scope it registered (openid offline_access
/// api), from the admin API's run of the authorization code flow.
fn authorization_code(s: &TestServers) -> String {
    let request = json!({"client_id": CLIENT_ID, "redirect_uri": web(s, "redirect_uri"), "scope": web(s, "scope")});
    let answer = s.admin_post("authorization_code", &request.to_string());
    assert_eq!(answer["iss"], s.issuer.as_str(), "{answer}");
    answer["code"].as_str().expect("a code").to_string()
}

/// The token request that exchanges `code` at `token_endpoint` (the extension, RequestToken).
fn code_exchange(s: &TestServers, token_endpoint: &str, code: &str) -> String {
    json!({
        "token_endpoint": token_endpoint,
        "client_id": CLIENT_ID,
        "client_secret": web(s, "client_secret"),
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": web(s, "redirect_uri"),
    })
    .to_string()
}

/// Exchanges a new code with `http`'s DPoP key and returns the token JSON it answers.
fn exchange(s: &TestServers, http: &mut Http, token_endpoint: &str) -> Value {
    let code = authorization_code(s);
    let answer = http
        .request_token(&code_exchange(s, token_endpoint, &code))
        .unwrap_or_else(|e| panic!("exchanging the code: {e}"));
    serde_json::from_str(&answer).unwrap()
}

/// The AuthToken JSON an application persisted with `token` (from the code exchange) that is
/// stale now: its `expires_on` has passed, though the server would still accept the token.
fn stale_auth_token(s: &TestServers, token: &Value, refresh_token: &str) -> String {
    json!({
        "access_token": token["access_token"],
        "token_type": "DPoP",
        "expires_on": now_secs() - 10,
        "refresh_token": refresh_token,
        "token_endpoint": s.token_endpoint,
        "client_id": CLIENT_ID,
        "client_secret": web(s, "client_secret"),
        "grant_type": "authorization_code",
    })
    .to_string()
}

fn http_with(key: Arc<SigningKey>) -> Http {
    let mut http = Http::default();
    http.set_dpop_key(key);
    http
}

/// The JWT's claims, decoded without checking it (the resource server checks it).
fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).expect("a JWT");
    serde_json::from_slice(&B64URL.decode(payload).unwrap()).unwrap()
}

/// A DPoP proof's `ath` for `token` (RFC 9449 4.2).
fn ath(token: &str) -> String {
    B64URL.encode(Sha256::digest(token.as_bytes()))
}

fn log_entries(s: &TestServers, server: &str) -> Vec<Value> {
    let all = s.requests();
    all.as_array().unwrap().iter().filter(|r| r["server"] == server).cloned().collect()
}

/// The token requests the DPoP authorization server received, oldest first.
fn token_requests(s: &TestServers) -> Vec<Value> {
    log_entries(s, "as:dpop")
}

/// `(grant_type, status, error)` of each token request, for comparing a whole sequence.
fn grants(requests: &[Value]) -> Vec<(String, u64, Option<String>)> {
    requests
        .iter()
        .map(|r| {
            (
                r["grant_type"].as_str().unwrap().to_string(),
                r["status"].as_u64().unwrap(),
                r["error"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn an_authorization_code_is_exchanged_for_a_dpop_bound_token_and_a_refresh_token() {
    let s = TestServers::start();
    let key = new_key();
    let jkt = key.thumbprint("SHA256").unwrap();
    let mut http = http_with(key);
    let code = authorization_code(&s);
    let exchange_request = code_exchange(&s, &s.token_endpoint, &code);
    let token: Value = serde_json::from_str(&http.request_token(&exchange_request).unwrap()).unwrap();

    assert_eq!(token["token_type"], "DPoP", "{token}");
    assert_eq!(token["cnf_jkt"], jkt.as_str(), "bound to the key that signed the proof");
    assert!(!str_of(&token["refresh_token"]).is_empty(), "offline_access was granted: {token}");
    assert!(token["id_token"].is_string(), "openid was granted: {token}");
    let access = claims(str_of(&token["access_token"]));
    assert_eq!(access["cnf"]["jkt"], jkt.as_str(), "{access}");
    assert_eq!(access["aud"], s.url("audience").as_str(), "the default resource: {access}");
    assert_eq!(access["iss"], s.issuer.as_str());
    assert_eq!(
        (&access["client_id"], &access["sub"]),
        (&json!(CLIENT_ID), &json!(USER)),
        "{access}"
    );
    assert_eq!(access["scope"], "api", "the resource server's scope only: {access}");

    // What the authorization server received: one nonce challenge (it requires nonces), then
    // the exchange with a proof, client_secret_post.
    let requests = token_requests(&s);
    assert_eq!(
        grants(&requests),
        [
            ("authorization_code".into(), 400, Some("use_dpop_nonce".into())),
            ("authorization_code".into(), 200, None)
        ],
        "{requests:?}"
    );
    assert!(
        requests.iter().all(|r| r["dpop"] == true && r["client_id"] == CLIENT_ID),
        "{requests:?}"
    );
    assert_eq!(requests[1]["authorization_scheme"], Value::Null, "the secret went in the form");

    // The token, set as such, is accepted by the resource server for the user.
    http.set_auth_token(str_of(&token["access_token"])).unwrap();
    let body = get_json(&mut http, &s.resource);
    assert_eq!((&body["sub"], &body["client_id"]), (&json!(USER), &json!(CLIENT_ID)), "{body}");
    assert_eq!((&body["token_type"], &body["jkt"]), (&json!("DPoP"), &json!(jkt)), "{body}");

    // A code is good for one exchange: the server's refusal comes back as its OAuth error.
    let err = http.request_token(&exchange_request).unwrap_err();
    assert_failure(&err, ErrorKind::OAuth, &["400", "invalid_grant", &s.token_endpoint]);
    assert_eq!((http.last_status(), http.last_oauth_error()), (400, "invalid_grant"));
}

#[test]
fn a_stale_token_is_renewed_with_its_refresh_token_and_a_dpop_proof() {
    let s = TestServers::start();
    let key = new_key();
    let jkt = key.thumbprint("SHA256").unwrap();
    let token = exchange(&s, &mut http_with(key.clone()), &s.token_endpoint);
    let old = str_of(&token["access_token"]).to_string();
    let refresh_token = str_of(&token["refresh_token"]).to_string();
    // Clears the logs and the counters; the default config (nonces required at both servers).
    s.reset();

    let mut http = http_with(key);
    http.set_auth_token(&stale_auth_token(&s, &token, &refresh_token)).unwrap();
    let body = get_json(&mut http, &s.resource);
    assert_eq!((&body["sub"], &body["client_id"]), (&json!(USER), &json!(CLIENT_ID)), "{body}");
    assert_eq!((&body["token_type"], &body["jkt"]), (&json!("DPoP"), &json!(jkt)), "{body}");

    // Exactly one token request: the refresh_token grant, with a proof (the nonce learned at the
    // exchange is still good), and nothing else.
    let requests = token_requests(&s);
    assert_eq!(grants(&requests), [("refresh_token".into(), 200, None)], "{requests:?}");
    assert_eq!(
        (&requests[0]["dpop"], &requests[0]["client_id"], &requests[0]["token_type"]),
        (&json!(true), &json!(CLIENT_ID), &json!("DPoP")),
        "{}",
        requests[0]
    );
    let stats = s.stats();
    assert_eq!(
        stats["as"]["dpop"]["grant_types"],
        json!({"refresh_token": {"requests": 1, "issued": 1}}),
        "{stats}"
    );
    let as_proofs = s.proofs()["as"].as_array().unwrap().clone();
    assert_eq!(as_proofs.len(), 1, "{as_proofs:?}");
    let proof = &as_proofs[0]["claims"];
    assert_eq!(
        (&proof["htm"], &proof["htu"]),
        (&json!("POST"), &json!(s.token_endpoint)),
        "{proof}"
    );
    assert!(proof["nonce"].is_string() && proof.get("ath").is_none(), "{proof}");

    // The renewed token is what the Http object holds and what the resource server saw: every
    // proof it received hashes the new token, none the stale one.
    let state: Value = serde_json::from_str(&http.auth_token()).unwrap();
    let new = str_of(&state["access_token"]).to_string();
    assert_ne!(new, old, "a new access token");
    let renewed = claims(&new);
    assert_eq!((&renewed["cnf"]["jkt"], &renewed["sub"]), (&json!(jkt), &json!(USER)), "{renewed}");
    let rs_proofs = s.proofs()["rs"].as_array().unwrap().clone();
    assert!(!rs_proofs.is_empty());
    for p in &rs_proofs {
        assert_eq!(p["claims"]["ath"], ath(&new).as_str(), "{p}");
    }
    assert!(s.stats()["rs"]["errors"].get("invalid_token").is_none());

    // The state to persist: the new token with an absolute expiry, the refresh token (oidc-provider
    // keeps a confidential client's refresh token until 70 % of its life has passed, and sends
    // it again), and the client, grant_type included.
    let expires_on = state["expires_on"].as_u64().unwrap();
    assert!(expires_on > now_secs() + 3000, "{state}");
    assert_eq!(state["refresh_token"], refresh_token.as_str());
    assert_eq!(
        (&state["token_type"], &state["grant_type"]),
        (&json!("DPoP"), &json!("authorization_code"))
    );

    // The renewed token is reused.
    get_json(&mut http, &s.resource);
    assert_eq!(token_requests(&s).len(), 1);
}

#[test]
fn the_refresh_request_answers_the_authorization_servers_nonce_challenge() {
    let s = TestServers::start();
    let key = new_key();
    // The code is exchanged at the HTTPS listener, so that this process knows no nonce of the
    // plain HTTP origin that the stale token names: as a process that loaded a persisted token
    // and has not talked to the server yet.
    let mut exchanging = http_with(key.clone());
    exchanging.update_settings(|settings| settings.set_trusted_ca_file(&s.ca_file));
    let token = exchange(&s, &mut exchanging, &s.token_endpoint_https);
    let refresh_token = str_of(&token["refresh_token"]).to_string();
    s.reset();
    assert_eq!(s.config(r#"{"as_require_nonce":true}"#)["as_require_nonce"], true);

    let mut http = http_with(key);
    http.set_auth_token(&stale_auth_token(&s, &token, &refresh_token)).unwrap();
    let body = get_json(&mut http, &s.resource);
    assert_eq!(body["sub"], USER, "{body}");

    let requests = token_requests(&s);
    assert_eq!(
        grants(&requests),
        [
            ("refresh_token".into(), 400, Some("use_dpop_nonce".into())),
            ("refresh_token".into(), 200, None)
        ],
        "{requests:?}"
    );
    assert!(requests.iter().all(|r| r["dpop"] == true && r["tls"] == false), "{requests:?}");
    let offered = str_of(&requests[0]["dpop_nonce_sent"]);
    let as_proofs = s.proofs()["as"].as_array().unwrap().clone();
    assert_eq!(as_proofs.len(), 2, "{as_proofs:?}");
    assert!(as_proofs[0]["claims"].get("nonce").is_none(), "{}", as_proofs[0]);
    assert_eq!(as_proofs[1]["claims"]["nonce"], offered, "the retry carries the server's nonce");
    assert_ne!(as_proofs[0]["claims"]["jti"], as_proofs[1]["claims"]["jti"], "a new proof");
    let stats = s.stats();
    assert_eq!(
        stats["as"]["dpop"]["grant_types"],
        json!({"refresh_token": {"requests": 2, "issued": 1}}),
        "{stats}"
    );

    let new = serde_json::from_str::<Value>(&http.auth_token()).unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(new, str_of(&token["access_token"]));
    for p in s.proofs()["rs"].as_array().unwrap() {
        assert_eq!(p["claims"]["ath"], ath(&new).as_str(), "{p}");
    }
}

#[test]
fn a_refused_refresh_token_falls_back_to_the_clients_grant_which_cannot_work_without_a_code() {
    let s = TestServers::start();
    let key = new_key();
    let token = exchange(&s, &mut http_with(key.clone()), &s.token_endpoint);
    s.reset();
    let log = std::env::temp_dir().join(format!("dpop-refresh-token-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);

    let mut http = http_with(key);
    http.set_session_log_path(log.to_str().unwrap());
    http.set_auth_token(&stale_auth_token(&s, &token, "made-up-refresh-token")).unwrap();
    let err = get_fails(&mut http, &s.resource);
    // The error is the last answer: the client's own grant, authorization_code, which needs a
    // code that a persisted token does not have; and, as the likely cause, the refusal of the
    // refresh token before it. LastOAuthError and LastStatus are the last answer's.
    assert_failure(
        &err,
        ErrorKind::OAuth,
        &[
            "authorization_code grant",
            &s.token_endpoint,
            "400",
            "invalid_request: missing required parameter 'code'",
            "after the refresh token was refused",
            "refresh_token grant",
            "invalid_grant",
        ],
    );
    assert!(
        !err.to_string().contains("made-up-refresh-token"),
        "the refresh token is masked: {err}"
    );
    assert_eq!((http.last_status(), http.last_oauth_error()), (400, "invalid_request"));
    assert_eq!(http.last_oauth_error_description(), "missing required parameter 'code'");

    // The server refused the refresh token, then the fallback; both with proofs. The stale token
    // never went to the resource server.
    let requests = token_requests(&s);
    assert_eq!(
        grants(&requests),
        [
            ("refresh_token".into(), 400, Some("invalid_grant".into())),
            ("authorization_code".into(), 400, Some("invalid_request".into()))
        ],
        "{requests:?}"
    );
    assert!(requests.iter().all(|r| r["dpop"] == true), "{requests:?}");
    assert!(log_entries(&s, "rs").is_empty(), "{:?}", log_entries(&s, "rs"));

    // The session log says why a second grant was tried.
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("the refresh token was refused") && text.contains("invalid_grant"),
        "{text}"
    );
    assert!(!text.contains("made-up-refresh-token"), "the refresh token is masked");
    let _ = std::fs::remove_file(&log);

    // Asked again at once, the failure is answered from memory: the server is not asked again.
    let again = get_fails(&mut http, &s.resource);
    assert_failure(
        &again,
        ErrorKind::OAuth,
        &["the same failure as", "missing required parameter 'code'"],
    );
    assert_eq!(token_requests(&s).len(), 2);
}
