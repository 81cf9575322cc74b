//! Chilkat's HttpRequest and Rest objects and the token/proof extension against the real servers
//! (oidc-provider, and the resource server that verifies every proof): the Okta example's token
//! request through HttpReq with Login and Password, a Rest object with a DPoP key and AuthToken,
//! and the SharkAuth-style flow (a token with its cnf_jkt, proofs for one's own HTTP client).

mod common;

use common::servers::{raw_http, TestServers};
use dpop::http::{Http, HttpRequest, Rest};
use dpop::key::SigningKey;
use dpop::ErrorKind;
use serde_json::{json, Value};
use std::sync::Arc;

fn new_key() -> Arc<SigningKey> {
    Arc::new(SigningKey::generate_ec("P-256").expect("generate a P-256 key"))
}

fn host_and_port(url: &str) -> (String, i32) {
    let authority = url.split("//").nth(1).unwrap().split('/').next().unwrap();
    let (host, port) = authority.rsplit_once(':').unwrap();
    (host.to_string(), port.parse().unwrap())
}

/// The token endpoint asks for Basic authentication; HttpReq answers with Login and Password
/// within the call (Chilkat would return the 401 and send Basic from the next call on).
#[test]
fn the_okta_example_gets_a_token_with_login_and_password() {
    let s = TestServers::start();
    let mut http = Http::default();
    http.set_login("m2m.bearer.basic");
    http.set_password("secret");
    let mut req = HttpRequest::default();
    req.set_verb("POST").unwrap();
    req.set_path("/oauth2/default/v1/token").unwrap();
    req.set_content_type("application/x-www-form-urlencoded").unwrap();
    req.add_param("grant_type", "client_credentials");
    req.add_param("scope", "api");
    req.add_header("accept", "application/json").unwrap();
    let response = http.http_req(&s.bearer_token_endpoint, &req).unwrap();
    assert_eq!(response.status, 200, "{}", response.body_text());
    let token: Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(
        (token["token_type"].as_str(), token["scope"].as_str()),
        (Some("Bearer"), Some("api"))
    );
    let requests = s.requests();
    let schemes: Vec<&Value> = requests.as_array().unwrap().iter().map(|r| &r["authorization_scheme"]).collect();
    assert_eq!(schemes, [&Value::Null, &json!("Basic")], "challenged, then answered");

    // The same object sends Basic unasked from now on.
    http.http_req(&s.bearer_token_endpoint, &req).unwrap();
    assert_eq!(s.stats()["as"]["bearer"]["token_requests"], 3);

    // A wrong password: the 401 is the response (HttpReq returns any status).
    let mut wrong = Http::default();
    wrong.set_login("m2m.bearer.basic");
    wrong.set_password("not-the-secret");
    let response = wrong.http_req(&s.bearer_token_endpoint, &req).unwrap();
    assert_eq!(response.status, 401);
    assert!(response.body_text().contains("invalid_client"));
}

#[test]
fn a_rest_object_with_a_dpop_key_and_an_auth_token_behaves_like_http() {
    let s = TestServers::start();
    let (host, port) = host_and_port(&s.resource);
    let mut rest = Rest::default();
    rest.set_dpop_key(new_key());
    let auth = json!({"token_endpoint": s.token_endpoint, "client_id": "m2m.dpop", "client_secret": "secret", "scope": "api"});
    rest.http_mut().set_auth_token(&auth.to_string()).unwrap();
    rest.connect(&host, port, false, true).unwrap();
    for _ in 0..2 {
        let body: Value = serde_json::from_str(&rest.full_request_no_body("GET", "/api/resource").unwrap()).unwrap();
        assert_eq!((body["ok"].as_bool(), body["token_type"].as_str()), (Some(true), Some("DPoP")));
    }
    rest.add_header("Content-Type", "application/json").unwrap();
    let echoed: Value = serde_json::from_str(&rest.full_request_string("PUT", "/api/echo", r#"{"a":1}"#).unwrap()).unwrap();
    assert_eq!(echoed["body"], json!({"a": 1}));
    assert_eq!(rest.response().unwrap().status, 200);
    assert!(rest.last_request_header().contains("DPoP: ****"));
    assert_eq!(s.stats()["as"]["dpop"]["tokens_issued"], 1);

    // The Authorization property alone: a bare token, sent as given.
    let mut bare = Rest::default();
    bare.connect(&host, port, false, true).unwrap();
    bare.set_authorization("Bearer not-a-token").unwrap();
    let body = bare.full_request_no_body("GET", "/api/resource").unwrap();
    assert_eq!(bare.response().unwrap().status, 401, "{body}");
}

/// The SharkAuth flow: a DPoP-bound token for any grant, read back with its cnf_jkt, then a proof
/// for a request sent with another HTTP client, checked by the resource server.
#[test]
fn a_token_and_proofs_for_ones_own_http_client() {
    let s = TestServers::start();
    let key = new_key();
    let mut http = Http::default();
    http.set_dpop_key(key.clone());
    let request = json!({"token_endpoint": s.token_endpoint, "client_id": "m2m.dpop", "client_secret": "secret",
                         "scope": "api", "grant_type": "client_credentials"});
    let token: Value = serde_json::from_str(&http.request_token(&request.to_string()).unwrap()).unwrap();
    assert_eq!(token["token_type"], "DPoP");
    assert_eq!(token["cnf_jkt"], key.thumbprint("SHA256").unwrap(), "bound to our key");
    assert_eq!(http.last_status(), 200);
    assert_eq!(http.auth_token(), "", "returned, not kept");
    let access_token = token["access_token"].as_str().unwrap();

    // The resource server wants its nonce: the first proof has none and is refused with one.
    let authorization = format!("DPoP {access_token}");
    let send = |proof: &str| raw_http("GET", &s.resource, &[("Authorization", &authorization), ("DPoP", proof)], None);
    let first = send(&http.dpop_proof("GET", &s.resource, access_token, "").unwrap());
    assert_eq!(first.status, 401);
    let nonce = first.header("DPoP-Nonce").expect("the resource server's nonce").to_string();
    let second = send(
        &http
            .dpop_proof("GET", &format!("{}?page=2", s.resource), access_token, &nonce)
            .unwrap(),
    );
    assert_eq!(second.status, 200, "{}", second.body);
    assert_eq!(second.json()["jkt"], token["cnf_jkt"]);

    // Refusals come back as values.
    let wrong = json!({"token_endpoint": s.token_endpoint, "client_id": "m2m.dpop", "client_secret": "wrong-secret"});
    let e = http.request_token(&wrong.to_string()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OAuth);
    assert_eq!((http.last_status(), http.last_oauth_error()), (401, "invalid_client"));
    assert!(!http.last_oauth_error_description().is_empty());
    let refresh = json!({"token_endpoint": s.token_endpoint, "client_id": "m2m.dpop", "client_secret": "secret",
                         "grant_type": "refresh_token", "refresh_token": "not-a-refresh-token"});
    let e = http.request_token(&refresh.to_string()).unwrap_err();
    assert_eq!((e.kind(), http.last_status()), (ErrorKind::OAuth, 400));
    assert!(!http.last_oauth_error().is_empty());
    assert!(!e.to_string().contains("not-a-refresh-token"), "{e}");

    // Without a key: a Bearer token, and no cnf_jkt.
    let mut plain = Http::default();
    let bearer = json!({"token_endpoint": s.bearer_token_endpoint, "client_id": "m2m.bearer", "client_secret": "secret", "scope": "api"});
    let token: Value = serde_json::from_str(&plain.request_token(&bearer.to_string()).unwrap()).unwrap();
    assert_eq!((token["token_type"].as_str(), token.get("cnf_jkt")), (Some("Bearer"), None));
    assert_eq!(
        plain.dpop_proof("GET", &s.resource, "", "").unwrap_err().kind(),
        ErrorKind::InvalidState
    );
}

/// Issue 12: when the token endpoint refuses, LastStatus is its status, not 0.
#[test]
fn last_status_is_the_token_endpoints_when_it_refuses() {
    let s = TestServers::start();
    let mut http = Http::default();
    http.set_dpop_key(new_key());
    let auth = json!({"token_endpoint": s.token_endpoint, "client_id": "m2m.dpop", "client_secret": "wrong", "scope": "api"});
    http.set_auth_token(&auth.to_string()).unwrap();
    let e = http.quick_get_str(&s.resource).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OAuth);
    assert_eq!((http.last_status(), http.last_oauth_error()), (401, "invalid_client"));
    assert_eq!(s.stats()["rs"]["requests"], 0);
}
