//! Secret hygiene: a full run against the local servers, failures included, and then a search of
//! everything a user or a log can see (every error's Display and Debug, the session log file,
//! `http.last_request_header()` after each request, the Debug of key objects) for every secret that
//! was in play: client secrets (form value, JSON value, Basic credentials), every access and
//! refresh token issued, every DPoP proof and private_key_jwt client assertion the servers
//! received (and anything JWT-shaped), the private keys' `d` (DPoP and client keys), their PKCS#8
//! bodies, key file passwords and the HTTP Basic password.
//!
//! Not covered here: that key memory is zeroized on drop. That cannot be observed from outside
//! the process's own allocator without undefined behaviour (reading freed memory), so it is left
//! to code review of `SigningKey` / `State::hold` (which use `zeroize`).

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use common::assert_failure;
use common::servers::TestServers;
use dpop::http::{Body, Http, StatusPolicy};
use dpop::key::{PrivateKey, SigningKey};
use dpop::{Error, ErrorKind};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The servers' clients all use this secret.
const SERVER_SECRET: &str = "secret";
/// A wrong secret, long and distinctive so any occurrence anywhere is a leak.
const WRONG_SECRET: &str = "wrong-Secret-7f3a9c1e5b2d4680-hygiene";
/// HTTP Basic password (Login/Password), distinctive too.
const BASIC_PASSWORD: &str = "basic-Password-c41d99e2a7-hygiene";
/// Key file passwords.
const KEY_PASSWORD: &str = "key-Password-0b6e2f8d13-hygiene";
const WRONG_KEY_PASSWORD: &str = "wrong-key-Password-9a7c5e3b1d-hygiene";

/// Everything visible to a user: (where it came from, text).
#[derive(Default)]
struct Visible {
    texts: Vec<(String, String)>,
}

impl Visible {
    fn add(&mut self, place: impl Into<String>, text: impl Into<String>) {
        self.texts.push((place.into(), text.into()));
    }

    fn error(&mut self, place: &str, error: &Error) {
        self.add(format!("{place}: error Display"), error.to_string());
        self.add(format!("{place}: error Debug"), format!("{error:?}"));
    }

    fn request_header(&mut self, place: &str, http: &Http) {
        self.add(format!("{place}: last.request_header"), http.last_request_header());
    }

    /// Runs a request, recording its error (if any) and the request header it sent.
    fn request(&mut self, place: &str, http: &mut Http, method: &str, url: &str, body: Option<Body>) -> Result<Value, Error> {
        let result = http
            .request(method, url, body, StatusPolicy::FailUnless2xx)
            .map(|response| serde_json::from_slice(&response.body).unwrap_or(Value::Null));
        self.request_header(place, http);
        match result {
            Ok(value) => Ok(value),
            Err(e) => {
                self.error(place, &e);
                Err(e)
            }
        }
    }
}

/// Every secret that was in play: (what it is, value).
#[derive(Default)]
struct Secrets {
    needles: Vec<(String, String)>,
}

impl Secrets {
    fn add(&mut self, what: impl Into<String>, value: impl Into<String>) {
        let value = value.into();
        assert!(value.len() >= 6, "a needle this short would match by chance: {value:?}");
        self.needles.push((what.into(), value));
    }

    /// A client's credentials in each form they travel in: form value, JSON value, Basic.
    fn client(&mut self, client_id: &str, secret: &str) {
        self.add(
            format!("client_secret of {client_id} as a form value"),
            format!("client_secret={secret}"),
        );
        self.add(format!("client_secret of {client_id} as a JSON value"), format!("\"{secret}\""));
        let basic = STANDARD.encode(format!("{client_id}:{secret}"));
        self.add(format!("Basic credentials of {client_id}"), basic);
        if secret != SERVER_SECRET {
            // Distinctive: it must not appear at all.
            self.add(format!("client_secret of {client_id}"), secret);
        }
    }

    /// The access and refresh tokens of an Http object's current token state.
    fn tokens_of(&mut self, http: &Http) -> usize {
        let state: Value = serde_json::from_str(&http.auth_token()).unwrap_or(Value::Null);
        let mut found = 0;
        for member in ["access_token", "refresh_token"] {
            if let Some(token) = state[member].as_str() {
                self.add(member, token);
                found += 1;
            }
        }
        found
    }

    /// The private scalar `d` and the PKCS#8 body of a key.
    fn key(&mut self, name: &str, key: &SigningKey) {
        let jwk: Value = serde_json::from_str(&key.private_jwk()).unwrap();
        self.add(format!("d of {name}"), jwk["d"].as_str().unwrap());
        let pem = key.to_pkcs8_pem().unwrap();
        for line in pem.lines().filter(|l| !l.starts_with("-----") && l.len() >= 16) {
            self.add(format!("PKCS#8 body line of {name}"), line);
        }
    }

    /// Every client assertion (private_key_jwt) the authorization server received.
    fn assertions_of(&mut self, s: &TestServers) -> usize {
        let requests = s.admin_get("requests?limit=100000");
        let mut found = 0;
        for request in requests.as_array().into_iter().flatten() {
            if let Some(raw) = request["client_assertion"]["raw"].as_str() {
                self.add("a client assertion", raw);
                found += 1;
            }
        }
        found
    }

    /// Every DPoP proof the servers received.
    fn proofs_of(&mut self, s: &TestServers) -> usize {
        let proofs = s.admin_get("proofs?limit=100000");
        let mut found = 0;
        for side in ["as", "rs"] {
            for proof in proofs[side].as_array().into_iter().flatten() {
                if let Some(raw) = proof["raw"].as_str() {
                    self.add(format!("DPoP proof sent to the {side}"), raw);
                    found += 1;
                }
            }
        }
        found
    }
}

fn client_json(token_endpoint: &str, client_id: &str, secret: &str) -> String {
    json!({"client_secret": secret, "client_id": client_id, "token_endpoint": token_endpoint, "scope": "api"}).to_string()
}

fn new_key() -> Arc<SigningKey> {
    Arc::new(SigningKey::generate_ec("P-256").unwrap())
}

/// An Http object with a DPoP key, a client and the shared session log.
fn http_for(log: &Path, key: &Arc<SigningKey>, token_endpoint: &str, client_id: &str, secret: &str) -> Http {
    let mut http = Http::default();
    http.set_session_log_path(log.to_str().unwrap());
    http.set_dpop_key(key.clone());
    http.set_auth_token(&client_json(token_endpoint, client_id, secret)).unwrap();
    http
}

/// `eyJ<b64url>.<b64url>.` anywhere: the start of a JWS/JWT (tokens and proofs).
fn jwt_shaped(text: &str) -> Option<&str> {
    let b64url = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find("eyJ").map(|i| i + from) {
        let mut j = i;
        let mut dots = 0;
        while j < bytes.len() && (b64url(bytes[j]) || (bytes[j] == b'.' && dots < 2)) {
            if bytes[j] == b'.' {
                dots += 1;
            }
            j += 1;
        }
        if dots == 2 && j - i > 20 {
            return Some(&text[i..j.min(i + 60)]);
        }
        from = i + 3;
    }
    None
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dpop-secret-hygiene-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn assert_nothing_leaks(visible: &Visible, secrets: &Secrets) {
    let mut leaks = Vec::new();
    for (place, text) in &visible.texts {
        for (what, needle) in &secrets.needles {
            if text.contains(needle.as_str()) {
                leaks.push(format!("{what} found in {place}"));
            }
        }
        if let Some(jwt) = jwt_shaped(text) {
            leaks.push(format!("a JWT-shaped string ({jwt}...) found in {place}"));
        }
    }
    leaks.sort();
    leaks.dedup();
    assert!(leaks.is_empty(), "secrets leaked:\n  {}", leaks.join("\n  "));
}

#[test]
fn a_full_run_with_failures_leaks_no_secret() {
    let s = TestServers::start();
    let dir = scratch("run");
    let log = dir.join("session.log");
    let mut visible = Visible::default();
    let mut secrets = Secrets::default();
    for client in ["m2m.dpop", "m2m.basic", "m2m.bearer"] {
        secrets.client(client, SERVER_SECRET);
        secrets.client(client, WRONG_SECRET);
    }
    let key = new_key();
    secrets.key("the DPoP key", &key);

    // 1. The seed flow (client_secret_post): GETs, a POST with a body, a DELETE.
    let mut http = http_for(&log, &key, &s.token_endpoint, "m2m.dpop", SERVER_SECRET);
    for _ in 0..2 {
        let body = visible.request("seed GET", &mut http, "GET", &s.resource, None).expect("seed GET");
        assert_eq!(body["ok"], true);
    }
    let body = Body {
        content_type: "application/json",
        bytes: br#"{"hello":"world"}"#,
    };
    visible
        .request("seed POST", &mut http, "POST", &s.echo, Some(body))
        .expect("seed POST");
    visible
        .request("seed DELETE", &mut http, "DELETE", &s.resource, None)
        .expect("seed DELETE");
    assert!(secrets.tokens_of(&http) >= 1, "the seed flow has a token: {}", http.auth_token());

    // 2. client_secret_basic.
    let mut basic = http_for(&log, &key, &s.token_endpoint, "m2m.basic", SERVER_SECRET);
    basic
        .set_auth_token(&{
            let mut c: Value = serde_json::from_str(&client_json(&s.token_endpoint, "m2m.basic", SERVER_SECRET)).unwrap();
            c["client_auth"] = "basic".into();
            c.to_string()
        })
        .unwrap();
    visible
        .request("basic GET", &mut basic, "GET", &s.resource, None)
        .expect("client_secret_basic GET");
    secrets.tokens_of(&basic);

    // 3. A Bearer token from the AS without DPoP.
    let mut bearer = http_for(&log, &key, &s.bearer_token_endpoint, "m2m.bearer", SERVER_SECRET);
    visible
        .request("bearer GET", &mut bearer, "GET", &s.resource, None)
        .expect("Bearer GET");
    secrets.tokens_of(&bearer);

    // 4. invalid_token from the API: one new token and a retry; then a refusal after the retry.
    secrets.tokens_of(&http);
    s.config(r#"{"rs_reject_next":"invalid_token"}"#);
    visible
        .request("invalid_token retry", &mut http, "GET", &s.resource, None)
        .expect("retry after invalid_token");
    secrets.tokens_of(&http);
    s.config(r#"{"rs_reject_next":["invalid_token","invalid_token","invalid_token"]}"#);
    let err = visible
        .request("invalid_token twice", &mut http, "GET", &s.resource, None)
        .unwrap_err();
    assert_failure(&err, ErrorKind::HttpStatus, &["401", "invalid_token"]);
    secrets.tokens_of(&http);
    s.config(r#"{"rs_reject_next":[]}"#);

    // 5. Wrong client secrets, post and basic.
    let mut wrong = http_for(&log, &key, &s.token_endpoint, "m2m.dpop", WRONG_SECRET);
    let err = visible
        .request("wrong secret (post)", &mut wrong, "GET", &s.resource, None)
        .unwrap_err();
    assert_failure(&err, ErrorKind::OAuth, &["invalid_client"]);
    let mut wrong_basic = http_for(&log, &key, &s.token_endpoint, "m2m.basic", WRONG_SECRET);
    wrong_basic
        .set_auth_token(&{
            let mut c: Value = serde_json::from_str(&client_json(&s.token_endpoint, "m2m.basic", WRONG_SECRET)).unwrap();
            c["client_auth"] = "basic".into();
            c.to_string()
        })
        .unwrap();
    let err = visible
        .request("wrong secret (basic)", &mut wrong_basic, "GET", &s.resource, None)
        .unwrap_err();
    assert_failure(&err, ErrorKind::OAuth, &["invalid_client"]);

    // 6. HTTPS without the test CA: at the token endpoint, and at the API with a valid token.
    let mut tls = http_for(&log, &key, &s.token_endpoint_https, "m2m.dpop", SERVER_SECRET);
    let err = visible
        .request("HTTPS token endpoint without CA", &mut tls, "GET", &s.resource_https, None)
        .unwrap_err();
    assert_failure(&err, ErrorKind::Tls, &[&s.token_endpoint_https]);
    let err = visible
        .request("HTTPS API without CA", &mut http, "GET", &s.resource_https, None)
        .unwrap_err();
    assert_failure(&err, ErrorKind::Tls, &[&s.resource_https]);

    // 7. HTTP Basic (Login/Password) refused by the API.
    let mut login = Http::default();
    login.set_session_log_path(log.to_str().unwrap());
    login.set_login("hygiene-user");
    login.set_password(BASIC_PASSWORD);
    secrets.add("Basic password", BASIC_PASSWORD);
    secrets.add("Basic credentials", STANDARD.encode(format!("hygiene-user:{BASIC_PASSWORD}")));
    let err = visible
        .request("Login/Password GET", &mut login, "GET", &s.resource, None)
        .unwrap_err();
    assert_failure(&err, ErrorKind::HttpStatus, &["401"]);

    // 8. The AS failing (an error body) and answering garbage.
    // Each case with its own key, so that each is a client of its own: a client's failed token
    // request is remembered for a few seconds.
    let mut failing_client = |what: &str| {
        let key = new_key();
        secrets.key(&format!("the DPoP key of '{what}'"), &key);
        http_for(&log, &key, &s.token_endpoint, "m2m.dpop", SERVER_SECRET)
    };
    s.config(r#"{"as_fail_next":{"status":503,"error":"temporarily_unavailable"}}"#);
    let mut failing = failing_client("AS 503");
    let err = visible.request("AS 503", &mut failing, "GET", &s.resource, None).unwrap_err();
    assert_failure(&err, ErrorKind::HttpStatus, &["503", "temporarily_unavailable"]);
    s.config(r#"{"as_fail_next":{"status":200,"body":"<html>not a token</html>"}}"#);
    let mut failing = failing_client("AS garbage");
    let err = visible.request("AS garbage", &mut failing, "GET", &s.resource, None).unwrap_err();
    assert_failure(&err, ErrorKind::Protocol, &["<html>not a token"]);
    // Token responses that are almost JSON, or form-encoded: the error quotes the body's start,
    // which must not carry the (opaque, non-JWT) token along.
    for (what, body) in [
        (
            "AS JSON with a trailing comma",
            r#"{"access_token":"opaque-hygiene-token-7Qx2","token_type":"DPoP",}"#,
        ),
        (
            "AS form-encoded answer",
            "access_token=opaque-hygiene-token-7Qx2&token_type=DPoP&expires_in=60",
        ),
    ] {
        let fail_next = serde_json::json!({"as_fail_next": {"status": 200, "body": body}});
        s.config(&fail_next.to_string());
        let mut failing = failing_client(what);
        let err = visible.request(what, &mut failing, "GET", &s.resource, None).unwrap_err();
        // The start of the body is quoted (so the search below has something to search).
        assert_failure(&err, ErrorKind::Protocol, &["access_token"]);
    }
    secrets.add("an opaque token in a malformed token response", "opaque-hygiene-token-7Qx2");

    // 9. private_key_jwt: the client's own key (an encrypted RSA key file and its password), and a
    // key the server does not know (invalid_client).
    let client_key = |field: &str| s.raw["client_keys"]["rsa"][field].as_str().unwrap().to_string();
    let (key_file, key_password) = (client_key("file"), client_key("password"));
    secrets.key("the client key", &SigningKey::from_file(&key_file, &key_password).unwrap());
    secrets.add("the client key's password", key_password.as_str());
    let jwt_client = |members: Value| {
        let mut http = Http::default();
        http.set_session_log_path(log.to_str().unwrap());
        http.set_dpop_key(key.clone());
        let mut auth = json!({"client_id": "m2m.jwt", "token_endpoint": s.token_endpoint, "scope": "api"});
        auth.as_object_mut().unwrap().extend(members.as_object().unwrap().clone());
        http.set_auth_token(&auth.to_string()).unwrap();
        http
    };
    let mut jwt = jwt_client(json!({"client_key": key_file, "client_key_password": key_password}));
    visible
        .request("private_key_jwt GET", &mut jwt, "GET", &s.resource, None)
        .expect("private_key_jwt GET");
    secrets.tokens_of(&jwt);
    let stranger = new_key();
    secrets.key("an unregistered client key", &stranger);
    let mut refused = jwt_client(json!({"client_key": stranger.private_jwk().as_str()}));
    let err = visible
        .request("private_key_jwt with an unknown key", &mut refused, "GET", &s.resource, None)
        .unwrap_err();
    assert_failure(&err, ErrorKind::OAuth, &["invalid_client"]);
    assert!(secrets.assertions_of(&s) >= 2, "the server received assertions");

    // Every proof either server saw, and the log itself.
    assert!(secrets.proofs_of(&s) >= 4, "the servers received proofs");
    let log_text = std::fs::read_to_string(&log).expect("the session log was written");
    assert!(
        log_text.contains("POST /token HTTP/1.1") && log_text.contains("GET /api/resource HTTP/1.1"),
        "the log has the exchanges"
    );
    assert!(log_text.contains("DPoP: ****") && log_text.contains("Authorization: ****"));
    visible.add("the session log", log_text);
    visible.add("Debug of the SigningKey", format!("{key:?}"));
    assert!(visible
        .texts
        .iter()
        .any(|(p, t)| p.contains("request_header") && t.contains("DPoP: ****")));

    assert_nothing_leaks(&visible, &secrets);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn key_loading_failures_leak_no_key_material_or_password() {
    let dir = scratch("keys");
    let mut visible = Visible::default();
    let mut secrets = Secrets::default();
    let a = new_key();
    let b = new_key();
    secrets.key("key A", &a);
    secrets.key("key B", &b);
    secrets.add("key file password", KEY_PASSWORD);
    secrets.add("wrong key file password", WRONG_KEY_PASSWORD);
    let jwk_a: Value = serde_json::from_str(&a.private_jwk()).unwrap();
    let jwk_b: Value = serde_json::from_str(&b.private_jwk()).unwrap();

    // Loads `name` (written with `contents` first, if given): the kind of the error, if any.
    let mut load = |name: &str, contents: Option<&[u8]>, password: &str| {
        let path = dir.join(name);
        if let Some(contents) = contents {
            std::fs::write(&path, contents).unwrap();
        }
        let mut key = PrivateKey::default();
        let result = key.load_any_format_file(path.to_str().unwrap(), password);
        if let Err(e) = &result {
            visible.error(&format!("load_any_format_file({name})"), e);
        }
        visible.add(format!("Debug of PrivateKey after {name}"), format!("{key:?}"));
        result.map_err(|e| e.kind())
    };

    assert_eq!(load("missing.pem", None, WRONG_KEY_PASSWORD), Err(ErrorKind::Io));
    // A JWK without x and y, a JWK whose d does not match its x/y, a JWK with a bad curve.
    let no_xy = json!({"kty": "EC", "crv": "P-256", "d": jwk_a["d"]}).to_string();
    let _ = load("no-xy.jwk", Some(no_xy.as_bytes()), "");
    let mismatched = json!({"kty": "EC", "crv": "P-256", "x": jwk_b["x"], "y": jwk_b["y"], "d": jwk_a["d"]}).to_string();
    assert_eq!(load("mismatched.jwk", Some(mismatched.as_bytes()), ""), Err(ErrorKind::Key));
    let curve = json!({"kty": "EC", "crv": "P-384", "x": jwk_a["x"], "y": jwk_a["y"], "d": jwk_a["d"]}).to_string();
    assert_eq!(load("p384.jwk", Some(curve.as_bytes()), ""), Err(ErrorKind::Key));
    // A truncated PEM and a PEM whose body is damaged in the middle.
    let pem = a.to_pkcs8_pem().unwrap();
    let _ = load("truncated.pem", Some(&pem.as_bytes()[..pem.len() / 2]), "");
    let damaged = pem.replacen('M', "!", 1);
    let _ = load("damaged.pem", Some(damaged.as_bytes()), "");

    // Encrypted PKCS#8 with the wrong password and with none (needs the openssl CLI).
    let plain = dir.join("plain.pem");
    std::fs::write(&plain, pem.as_bytes()).unwrap();
    let encrypted = dir.join("encrypted.pem");
    let made = std::process::Command::new("openssl")
        .args(["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in"])
        .arg(&plain)
        .arg("-out")
        .arg(&encrypted)
        .args(["-passout", &format!("pass:{KEY_PASSWORD}")])
        .status();
    match made {
        Ok(status) if status.success() => {
            let text = std::fs::read(&encrypted).unwrap();
            assert_eq!(load("encrypted.pem", Some(&text), WRONG_KEY_PASSWORD), Err(ErrorKind::Key));
            assert_eq!(load("encrypted.pem", Some(&text), ""), Err(ErrorKind::Key));
            assert_eq!(load("encrypted.pem", Some(&text), KEY_PASSWORD), Ok(()));
        }
        other => panic!("openssl pkcs8 could not make the encrypted key these cases need: {other:?}"),
    }
    std::fs::remove_file(&plain).unwrap();

    assert!(visible.texts.iter().filter(|(p, _)| p.ends_with("error Display")).count() >= 5);
    assert_nothing_leaks(&visible, &secrets);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Credentials in a URL's userinfo (`http://user:pass@host/`) or query stay out of error
/// messages, for a URL that is refused as well as for one that cannot be reached (this test once
/// found both echoed).
#[test]
fn credentials_in_urls_stay_out_of_errors() {
    // A port nobody listens on once the listener is dropped.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let mut visible = Visible::default();
    let mut secrets = Secrets::default();
    secrets.add("URL password", "url-Password-5e0c7a-hygiene");
    secrets.add("URL query token", "query-Token-8d2b4f-hygiene");
    let mut http = Http::default();
    for (url, kind) in [
        (format!("http://user:url-Password-5e0c7a-hygiene@{closed}/api"), ErrorKind::Network),
        (
            "http://user:url-Password-5e0c7a-hygiene@127.0.0.1:99999/api".to_string(),
            ErrorKind::InvalidArgument,
        ),
        (
            "http://127.0.0.1:99999/api?access_token=query-Token-8d2b4f-hygiene".to_string(),
            ErrorKind::InvalidArgument,
        ),
        (
            "ftp://127.0.0.1/api?access_token=query-Token-8d2b4f-hygiene".to_string(),
            ErrorKind::InvalidArgument,
        ),
    ] {
        let err = visible.request(&format!("GET {url}"), &mut http, "GET", &url, None).unwrap_err();
        assert_failure(&err, kind, &[]);
    }
    assert_nothing_leaks(&visible, &secrets);
}
