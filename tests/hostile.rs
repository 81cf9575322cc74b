//! Hostile and broken servers: every misbehaviour of a token endpoint or a resource server gives
//! an error of the kind a program can branch on (`LastErrorCode`), whose text (`LastErrorText`)
//! names the URL concerned and quotes the server's own words, within the configured timeouts;
//! sends no credentials where they do not belong, retries only a bounded number of times, and
//! leaves the Http object usable: the next request succeeds once the server behaves again.
//!
//! Each test scripts a local server (`hostile/server.rs`) with a closure from request to reply,
//! and runs once with a Bearer client (no DPoP key) and once with a DPoP client.

#[path = "hostile/server.rs"]
mod server;

use base64::Engine as _;
use dpop::http::{Body, Http, Response, StatusPolicy};
use dpop::key::SigningKey;
use dpop::{Error, ErrorKind};
use serde_json::{json, Value};
use server::{head, json_reply, jwt_part, response, Reply, Request, Server};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONNECT_TIMEOUT_SECS: i32 = 1;
const READ_TIMEOUT_SECS: i32 = 2;
/// Loose bound on how long any failing request may take with those timeouts.
const MAX_FAILURE_TIME: Duration = Duration::from_secs(10);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Bearer,
    DPoP,
}

const MODES: [Mode; 2] = [Mode::Bearer, Mode::DPoP];

/// An Http object with short timeouts whose AuthToken is a client of `server`'s `/token`, with a
/// DPoP key in DPoP mode. Each gets its own client_id so the process-wide token cache never
/// hands it a token from another test.
fn client(server: &Server, mode: Mode) -> Http {
    static CLIENTS: AtomicUsize = AtomicUsize::new(0);
    let client_id = format!("hostile-{}", CLIENTS.fetch_add(1, Ordering::SeqCst));
    client_as(server, mode, &client_id, Arc::new(SigningKey::generate_ec("P-256").unwrap()))
}

/// Http objects for one client and key share their tokens (and token failures).
fn client_with_key(server: &Server, mode: Mode, key: Arc<SigningKey>) -> Http {
    client_as(server, mode, "shared-client", key)
}

fn client_as(server: &Server, mode: Mode, client_id: &str, key: Arc<SigningKey>) -> Http {
    let mut http = Http::default();
    http.update_settings(|s| {
        s.set_connect_timeout_secs(CONNECT_TIMEOUT_SECS);
        s.set_read_timeout_secs(READ_TIMEOUT_SECS);
    });
    if mode == Mode::DPoP {
        http.set_dpop_key(key);
    }
    let config = json!({"token_endpoint": server.url("/token"), "client_id": client_id, "client_secret": "s3cret", "scope": "api"});
    http.set_auth_token(&config.to_string()).unwrap();
    http
}

/// A well-behaved token endpoint: a DPoP token when the request has a proof, else a Bearer one.
fn issue_token(req: &Request) -> Reply {
    let token_type = if req.header("DPoP").is_some() { "DPoP" } else { "Bearer" };
    json_reply(
        200,
        &[],
        &json!({"access_token": format!("tok-{}", req.nth), "token_type": token_type, "expires_in": 3600}),
    )
}

/// A well-behaved resource server: wants a token, and with a DPoP token a proof for this request
/// (its signature is not checked here; the end-to-end tests do that).
fn api_ok(req: &Request) -> Reply {
    let proof_fits =
        |p: Value| p["htm"] == req.method.as_str() && p["htu"].as_str().is_some_and(|u| u.ends_with(&req.path)) && p["ath"].is_string();
    match req.header("Authorization") {
        None => response(401, &[("WWW-Authenticate", "Bearer")], ""),
        Some(_) if req.is_dpop() && !req.proof().is_some_and(proof_fits) => {
            response(401, &[("WWW-Authenticate", r#"DPoP error="invalid_dpop_proof""#)], "")
        }
        Some(_) => json_reply(200, &[], &json!({"ok": true, "path": req.path})),
    }
}

/// `reply` (a complete answer) with one more header.
fn with_header(reply: Reply, name: &str, value: &str) -> Reply {
    match reply {
        Reply::Bytes(mut bytes) => {
            let at = bytes.windows(2).position(|w| w == b"\r\n").unwrap() + 2;
            bytes.splice(at..at, format!("{name}: {value}\r\n").into_bytes());
            Reply::Bytes(bytes)
        }
        other => other,
    }
}

/// A well-behaved server: token endpoint at `/token`, resource server everywhere else.
fn good(req: &Request) -> Reply {
    match req.path.as_str() {
        "/token" => issue_token(req),
        _ => api_ok(req),
    }
}

/// `GET url`, which must fail: returns the error, checked to have come in time and to be short.
fn get_fails(http: &mut Http, url: &str) -> Error {
    let started = Instant::now();
    let result = http.request("GET", url, None, StatusPolicy::FailUnless2xx);
    let elapsed = started.elapsed();
    let err = match result {
        Ok(r) => panic!("GET {url} succeeded ({}): {}", r.status, r.body_text()),
        Err(e) => e,
    };
    assert!(elapsed < MAX_FAILURE_TIME, "took {elapsed:?}: {err}");
    let text = err.to_string();
    assert!(
        text.len() < 1000,
        "the error stays short ({} bytes): {}...",
        text.len(),
        text.chars().take(300).collect::<String>()
    );
    err
}

fn get_ok(http: &mut Http, url: &str) -> Response {
    http.request("GET", url, None, StatusPolicy::FailUnless2xx)
        .unwrap_or_else(|e| panic!("GET {url}: {e}"))
        .clone()
}

/// `err` is of `kind` and quotes each of `quoted`.
fn assert_failure(err: &Error, kind: ErrorKind, quoted: &[&str], mode: Mode) {
    assert_eq!(err.kind(), kind, "{mode:?}: {err}");
    assert_quotes(err, quoted, mode);
}

/// The text of `err` contains each of `quoted`: the server's own words, the status it answered,
/// the URL or origin concerned (never our own phrasing, which may change).
fn assert_quotes(err: &Error, quoted: &[&str], mode: Mode) {
    let text = err.to_string();
    for q in quoted {
        assert!(text.contains(q), "{mode:?}: expected '{q}' in: {text}");
    }
}

/// The token endpoint answers `broken` while hostile: the API call fails with an error of `kind`
/// naming the token endpoint and quoting `quoted`, the API is not called, and once the server is
/// calm the next request on the same Http object succeeds.
fn token_endpoint_misbehaves(broken: impl Fn(&Request) -> Reply + Copy + Send + 'static, kind: ErrorKind, quoted: &[&str]) {
    misbehaves("/token", broken, kind, quoted);
}

/// The same for the resource server (the token endpoint behaves).
fn api_misbehaves(broken: impl Fn(&Request) -> Reply + Copy + Send + 'static, kind: ErrorKind, quoted: &[&str]) {
    misbehaves("/api", broken, kind, quoted);
}

/// Both in turn: the token endpoint, then the resource server.
fn both_misbehave(broken: impl Fn(&Request) -> Reply + Copy + Send + 'static, kind: ErrorKind, quoted: &[&str]) {
    token_endpoint_misbehaves(broken, kind, quoted);
    api_misbehaves(broken, kind, quoted);
}

fn misbehaves(hostile_path: &'static str, broken: impl Fn(&Request) -> Reply + Copy + Send + 'static, kind: ErrorKind, quoted: &[&str]) {
    for mode in MODES {
        let server = Server::start(move |req| {
            if req.hostile && req.path == hostile_path {
                broken(req)
            } else {
                good(req)
            }
        });
        let mut http = client(&server, mode);
        let err = get_fails(&mut http, &server.url("/api"));
        let named = server.url(hostile_path);
        let expected: Vec<&str> = quoted.iter().copied().chain([named.as_str()]).collect();
        assert_failure(&err, kind, &expected, mode);
        server.calm();
        if hostile_path == "/token" {
            assert_eq!(server.count("/api"), 0, "{mode:?}: the API is not called without a token");
            // The failure is remembered for a few seconds: asking again at once gets it again
            // without a new token request (token_failures_are_remembered_briefly shows the rest).
            let token_requests = server.count("/token");
            assert_eq!(get_fails(&mut http, &server.url("/api")).kind(), kind, "{mode:?}");
            assert_eq!(server.count("/token"), token_requests, "{mode:?}: not asked again at once");
        } else {
            get_ok(&mut http, &server.url("/api"));
        }
    }
}

#[test]
fn token_failures_are_remembered_briefly_and_shared_by_waiting_callers() {
    for mode in MODES {
        // The token endpoint takes 1 s to refuse.
        let server = Server::start(|req| match req.path.as_str() {
            "/token" if req.hostile => {
                std::thread::sleep(Duration::from_secs(1));
                json_reply(503, &[], &json!({"error": "temporarily_unavailable"}))
            }
            _ => good(req),
        });
        let key = Arc::new(SigningKey::generate_ec("P-256").unwrap());
        let started = Instant::now();
        let callers: Vec<_> = (0..6)
            .map(|_| {
                let mut http = client_with_key(&server, mode, key.clone());
                let url = server.url("/api");
                std::thread::spawn(move || get_fails(&mut http, &url).kind())
            })
            .collect();
        for caller in callers {
            assert_eq!(caller.join().unwrap(), ErrorKind::HttpStatus, "{mode:?}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{mode:?}: nobody queued behind another fetch: {:?}",
            started.elapsed()
        );
        assert_eq!(server.count("/token"), 1, "{mode:?}: six callers, one token request");

        server.calm();
        let mut http = client_with_key(&server, mode, key.clone());
        std::thread::sleep(Duration::from_secs(dpop::token::FAILURE_MEMORY_SECS));
        get_ok(&mut http, &server.url("/api"));
        assert_eq!(server.count("/token"), 2, "{mode:?}: asked again once the failure is old");
    }
}

// ---- Broken token responses ----

#[test]
fn token_response_that_is_not_json() {
    token_endpoint_misbehaves(
        |_| response(200, &[("Content-Type", "text/html")], "<html>maintenance</html>"),
        ErrorKind::Protocol,
        &["<html>maintenance"],
    );
}

#[test]
fn token_response_without_access_token() {
    token_endpoint_misbehaves(
        |_| json_reply(200, &[], &json!({"token_type": "DPoP", "expires_in": 60})),
        ErrorKind::Protocol,
        &[],
    );
}

#[test]
fn token_response_with_negative_expires_in() {
    token_endpoint_misbehaves(
        |_| json_reply(200, &[], &json!({"access_token": "t", "token_type": "Bearer", "expires_in": -30})),
        ErrorKind::Protocol,
        &["-30"],
    );
}

#[test]
fn token_response_with_invalid_utf8() {
    token_endpoint_misbehaves(
        |_| response(200, &[("Content-Type", "application/json")], b"{\"access_token\":\"\xff\xfe\"}"),
        ErrorKind::Protocol,
        &[],
    );
}

#[test]
fn token_endpoint_answering_500_shows_status_and_the_servers_words() {
    token_endpoint_misbehaves(
        |_| {
            json_reply(
                500,
                &[],
                &json!({"error": "server_error", "error_description": "database unavailable"}),
            )
        },
        // A 5xx is the server having trouble, whatever its body says: a program may retry later.
        ErrorKind::HttpStatus,
        &["500", "server_error", "database unavailable"],
    );
    token_endpoint_misbehaves(
        |_| {
            response(
                500,
                &[("Content-Type", "text/plain")],
                "Internal Server Error: NullPointerException at Foo.java:42",
            )
        },
        ErrorKind::HttpStatus,
        &["500", "NullPointerException"],
    );
    token_endpoint_misbehaves(|_| response(502, &[], ""), ErrorKind::HttpStatus, &["502"]);
}

#[test]
fn huge_expires_in_does_not_overflow_and_the_token_works() {
    for expires_in in [
        "1e300",
        "100000000000000000000",
        "18446744073709551615",
        "\"1e300\"",
        "1.7976931348623157e308",
    ] {
        for mode in MODES {
            let server = Server::start(move |req| match req.path.as_str() {
                "/token" => {
                    let token_type = if req.header("DPoP").is_some() { "DPoP" } else { "Bearer" };
                    let body = format!(r#"{{"access_token":"tok-huge","token_type":"{token_type}","expires_in":{expires_in}}}"#);
                    response(200, &[("Content-Type", "application/json")], body)
                }
                _ => api_ok(req),
            });
            let mut http = client(&server, mode);
            get_ok(&mut http, &server.url("/api"));
            get_ok(&mut http, &server.url("/api"));
            assert_eq!(server.count("/token"), 1, "{mode:?} {expires_in}: the token is cached");
            assert_eq!(
                server.requests().last().unwrap().header("Authorization").unwrap().split(' ').nth(1),
                Some("tok-huge")
            );

            // The getter gives a sane absolute expiry that loads again.
            let saved: Value = serde_json::from_str(&http.auth_token()).unwrap();
            let expires_on = saved["expires_on"].as_u64().unwrap_or_else(|| panic!("{expires_in}: {saved}"));
            assert!(expires_on < u64::MAX / 2, "{expires_in}: {expires_on}");
            http.set_auth_token(&saved.to_string()).unwrap();
            get_ok(&mut http, &server.url("/api"));
        }
    }
}

#[test]
fn a_10_mb_token_response_is_refused_quickly() {
    token_endpoint_misbehaves(
        |_| Reply::Flood {
            head: head(200, &[("Content-Type", "application/json"), ("Content-Length", "10485760")]),
            len: 10 << 20,
        },
        ErrorKind::Protocol,
        &[],
    );
    // The same without a Content-Length (read until the server closes).
    token_endpoint_misbehaves(
        |_| Reply::Flood {
            head: head(200, &[("Content-Type", "application/json")]),
            len: 10 << 20,
        },
        ErrorKind::Protocol,
        &[],
    );
}

// ---- Servers that never finish ----

/// A chunked body that never ends: one byte every 100 ms.
fn drip(_: &Request) -> Reply {
    Reply::Drip {
        head: head(200, &[("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")]),
        piece: b"1\r\n \r\n".to_vec(),
        every: Duration::from_millis(100),
    }
}

#[test]
fn a_token_response_that_never_ends_stops_at_the_deadline() {
    token_endpoint_misbehaves(drip, ErrorKind::Timeout, &[]);
}

#[test]
fn an_api_response_that_never_ends_stops_at_the_deadline() {
    api_misbehaves(drip, ErrorKind::Timeout, &[]);
}

#[test]
fn a_token_endpoint_that_never_answers() {
    token_endpoint_misbehaves(|_| Reply::Silent, ErrorKind::Timeout, &[]);
}

#[test]
fn an_api_that_never_answers() {
    api_misbehaves(|_| Reply::Silent, ErrorKind::Timeout, &[]);
}

#[test]
fn servers_that_hang_up_without_answering() {
    both_misbehave(|_| Reply::Bytes(vec![]), ErrorKind::Network, &[]);
    let half_an_answer = |_: &Request| Reply::Bytes(b"HTTP/1.1 200 OK\r\nContent-Type: appl".to_vec());
    both_misbehave(half_an_answer, ErrorKind::Network, &[]);
    let cut_in_a_long_header = |_: &Request| Reply::Bytes([&b"HTTP/1.1 200 OK\r\nX-Long: "[..], &[b'v'; 50_000]].concat());
    both_misbehave(cut_in_a_long_header, ErrorKind::Network, &[]);
}

// ---- Redirects ----

#[test]
fn credentials_never_follow_a_redirect_to_another_origin() {
    for mode in MODES {
        let elsewhere = Server::start(good);
        let port = elsewhere.url("").rsplit(':').next().unwrap().to_string();
        // (Location, the origin the error names)
        for (location, other_origin) in [
            (elsewhere.url("/collect"), elsewhere.url("")),
            (format!("//localhost:{port}/collect"), format!("http://localhost:{port}")),
        ] {
            let server = Server::start({
                let location = location.clone();
                move |req| match req.path.as_str() {
                    "/api" if req.hostile => response(302, &[("Location", &location)], ""),
                    _ => good(req),
                }
            });
            let mut http = client(&server, mode);
            let err = get_fails(&mut http, &server.url("/api"));
            assert_failure(&err, ErrorKind::Protocol, &[&other_origin, "302"], mode);
            // The redirect stays readable, as any answer that fails a call.
            let redirect = http.last_response().unwrap();
            assert_eq!(
                (redirect.status, redirect.header("Location")),
                (302, Some(location.as_str())),
                "{mode:?}"
            );
            // Where any status is an answer, the redirect is the answer.
            let answer = http.request("GET", &server.url("/api"), None, StatusPolicy::AnyStatus).unwrap();
            assert_eq!(
                (answer.status, answer.header("Location")),
                (302, Some(location.as_str())),
                "{mode:?}"
            );
            server.calm();
            get_ok(&mut http, &server.url("/api"));
        }
        assert_eq!(elsewhere.connections(), 0, "{mode:?}: the other origin received nothing");
    }
}

#[test]
fn the_token_endpoint_cannot_redirect_the_client_secret_elsewhere() {
    for mode in MODES {
        let elsewhere = Server::start(good);
        let location = elsewhere.url("/token");
        let server = Server::start(move |req| match req.path.as_str() {
            "/token" if req.hostile => response(307, &[("Location", &location)], ""),
            _ => good(req),
        });
        let mut http = client(&server, mode);
        let err = get_fails(&mut http, &server.url("/api"));
        // The kind is checked in `a_redirect_from_the_token_endpoint_is_a_protocol_error`.
        assert_quotes(&err, &["307", &server.url("/token")], mode);
        assert_eq!(elsewhere.connections(), 0, "{mode:?}: the client secret went nowhere else");
        server.calm();
        // A new client (the failure of this one is remembered for a few seconds) gets through.
        get_ok(&mut client(&server, mode), &server.url("/api"));
    }
}

/// A redirect that is not followed is a Protocol error (as at the API), not an HttpStatus one: a
/// program that treats HttpStatus from the token endpoint as "the server is having trouble, try
/// later" would retry a redirect that never goes away.
#[test]
fn a_redirect_from_the_token_endpoint_is_a_protocol_error() {
    // Port 1: if the redirect were followed, nothing would be there to receive the secret.
    token_endpoint_misbehaves(
        |_| response(307, &[("Location", "http://127.0.0.1:1/token")], ""),
        ErrorKind::Protocol,
        &["307"],
    );
}

#[test]
fn a_redirect_to_the_same_host_under_another_name_is_not_followed() {
    for mode in MODES {
        // localhost and 127.0.0.1 are the same socket but not the same origin.
        let server = Server::start(|req| match req.path.as_str() {
            "/api" => {
                let port = req.header("Host").unwrap().rsplit(':').next().unwrap().to_string();
                response(307, &[("Location", &format!("http://localhost:{port}/collect"))], "")
            }
            _ => good(req),
        });
        let mut http = client(&server, mode);
        let err = get_fails(&mut http, &server.url("/api"));
        assert_failure(&err, ErrorKind::Protocol, &["http://localhost:"], mode);
        assert_eq!(server.count("/collect"), 0, "{mode:?}");
    }
}

#[test]
fn a_same_origin_redirect_is_followed_with_a_new_proof_for_the_new_url() {
    for mode in MODES {
        let server = Server::start(|req| match req.path.as_str() {
            "/api" => response(307, &[("Location", "/moved?page=2")], ""),
            _ => good(req),
        });
        let mut http = client(&server, mode);
        let response = get_ok(&mut http, &server.url("/api"));
        assert_eq!(serde_json::from_slice::<Value>(&response.body).unwrap()["path"], "/moved");
        let requests = server.requests();
        let first = requests.iter().find(|r| r.path == "/api").unwrap();
        let moved = requests.iter().find(|r| r.path == "/moved").unwrap();
        assert_eq!(first.header("Authorization"), moved.header("Authorization"), "{mode:?}");
        if mode == Mode::DPoP {
            let (p1, p2) = (first.proof().unwrap(), moved.proof().unwrap());
            assert_eq!(p1["htu"], server.url("/api"));
            assert_eq!(p2["htu"], server.url("/moved"), "htu without the query");
            assert_eq!(p2["htm"], "GET");
            assert_ne!(p1["jti"], p2["jti"], "a fresh proof");
            assert_eq!(p1["ath"], p2["ath"]);
        } else {
            assert!(moved.header("DPoP").is_none());
        }
    }
}

#[test]
fn a_post_redirected_with_303_becomes_a_get_without_the_body() {
    for mode in MODES {
        let server = Server::start(|req| match req.path.as_str() {
            "/api" => response(303, &[("Location", "/result")], ""),
            _ => good(req),
        });
        let mut http = client(&server, mode);
        let body = Body {
            content_type: "application/json",
            bytes: b"{\"a\":1}",
        };
        http.request("POST", &server.url("/api"), Some(body), StatusPolicy::FailUnless2xx)
            .unwrap();
        let result = server.requests().into_iter().find(|r| r.path == "/result").unwrap();
        assert_eq!(result.method, "GET");
        assert!(result.body.is_empty());
        if mode == Mode::DPoP {
            assert_eq!(result.proof().unwrap()["htm"], "GET");
        }
    }
}

#[test]
fn a_redirect_loop_is_bounded() {
    for mode in MODES {
        let server = Server::start(|req| match req.path.as_str() {
            "/api" if req.hostile => response(302, &[("Location", "/api")], ""),
            _ => good(req),
        });
        let mut http = client(&server, mode);
        let err = get_fails(&mut http, &server.url("/api"));
        assert_failure(&err, ErrorKind::Protocol, &[&server.url("/api")], mode);
        assert!(server.count("/api") <= 6, "{mode:?}: {}", server.count("/api"));
        server.calm();
        get_ok(&mut http, &server.url("/api"));
    }
}

// ---- Endless challenges ----

#[test]
fn endless_nonce_challenges_from_the_token_endpoint_are_bounded() {
    for mode in MODES {
        let server = Server::start(|req| match req.path.as_str() {
            "/token" if req.hostile => {
                let nonce = format!("as-nonce-{}", req.nth);
                json_reply(
                    400,
                    &[("DPoP-Nonce", &nonce)],
                    &json!({"error": "use_dpop_nonce", "error_description": "Authorization server requires nonce in DPoP proof"}),
                )
            }
            _ => good(req),
        });
        let mut http = client(&server, mode);
        for _ in 1..=3 {
            let err = get_fails(&mut http, &server.url("/api"));
            assert_failure(&err, ErrorKind::OAuth, &["400", "use_dpop_nonce"], mode);
        }
        // Two nonce retries (DPoP: each challenge brings a new nonce), then the failure is
        // remembered for the next calls.
        let token_requests = if mode == Mode::DPoP { 3 } else { 1 };
        assert_eq!(server.count("/token"), token_requests, "{mode:?}");
        if mode == Mode::DPoP {
            let retried: Vec<Value> = server.requests()[1..3]
                .iter()
                .map(|r| r.proof().unwrap()["nonce"].clone())
                .collect();
            assert_eq!(
                retried,
                [json!("as-nonce-1"), json!("as-nonce-2")],
                "each retry with its challenge's nonce"
            );
        }
        server.calm();
        // Another client of the same server starts with the latest nonce the server gave.
        get_ok(&mut client(&server, mode), &server.url("/api"));
        if mode == Mode::DPoP {
            let last_token_request = server.requests().into_iter().rfind(|r| r.path == "/token").unwrap();
            assert_eq!(
                last_token_request.proof().unwrap()["nonce"],
                "as-nonce-3",
                "the latest nonce is used"
            );
        }
    }
}

#[test]
fn endless_nonce_challenges_from_the_api_are_bounded() {
    for mode in MODES {
        let server = Server::start(|req| match req.path.as_str() {
            "/api" if req.hostile => {
                let nonce = format!("rs-nonce-{}", req.nth);
                response(
                    401,
                    &[
                        (
                            "WWW-Authenticate",
                            r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce""#,
                        ),
                        ("DPoP-Nonce", &nonce),
                    ],
                    "",
                )
            }
            _ => good(req),
        });
        let mut http = client(&server, mode);
        for call in 1..=3 {
            let err = get_fails(&mut http, &server.url("/api"));
            assert_failure(&err, ErrorKind::HttpStatus, &["401", "use_dpop_nonce"], mode);
            assert!(
                server.count("/api") <= 3 * call,
                "{mode:?}: {} API requests after {call} calls",
                server.count("/api")
            );
        }
        match mode {
            Mode::DPoP => assert_eq!(server.count("/api"), 9, "two nonce retries per call"),
            // A Bearer request has no proof to put a nonce in: nothing to retry.
            Mode::Bearer => assert_eq!(server.count("/api"), 3),
        }
        assert_eq!(server.count("/token"), 1);
        server.calm();
        get_ok(&mut http, &server.url("/api"));
        if mode == Mode::DPoP {
            assert_eq!(server.requests().last().unwrap().proof().unwrap()["nonce"], "rs-nonce-9");
        }
    }
}

/// A resource server whose nonce changes as other clients' traffic would change it: right after
/// each challenge (so the retry arrives with a nonce just replaced). Every answer carries the
/// nonce current when its request arrived.
fn rotating_nonce_api(rotations: usize) -> impl FnMut(&Request) -> Reply + Send + 'static {
    // Nonces are remembered per origin for the whole process, and a port can be used again.
    static SERVERS: AtomicUsize = AtomicUsize::new(0);
    let server = SERVERS.fetch_add(1, Ordering::SeqCst);
    let mut generation = 1;
    move |req| match req.path.as_str() {
        "/api" => {
            let current = format!("rotating-{server}-{generation}");
            let sent = req.proof().and_then(|p| p["nonce"].as_str().map(str::to_string));
            if req.is_dpop() && sent.as_deref() != Some(current.as_str()) {
                if generation <= rotations {
                    generation += 1;
                }
                let challenge = r#"DPoP error="use_dpop_nonce", error_description="DPoP proof nonce is invalid or stale""#;
                return response(401, &[("WWW-Authenticate", challenge), ("DPoP-Nonce", &current)], "");
            }
            with_header(api_ok(req), "DPoP-Nonce", &current)
        }
        _ => good(req),
    }
}

#[test]
fn a_nonce_rotated_between_challenge_and_retry_gets_a_second_retry_with_the_challenges_nonce() {
    // Challenged without a nonce (rotating-1), then the nonce rotates: the retry with rotating-1
    // is challenged with rotating-2, and the second retry carries rotating-2.
    let server = Server::start(rotating_nonce_api(1));
    let mut http = client(&server, Mode::DPoP);
    let response = get_ok(&mut http, &server.url("/api"));
    assert_eq!(response.status, 200);
    let sent: Vec<Value> = server
        .requests()
        .iter()
        .filter(|r| r.path == "/api")
        .map(|r| r.proof().unwrap()["nonce"].clone())
        .collect();
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(
        sent[1].as_str().unwrap().ends_with("-1") && sent[2].as_str().unwrap().ends_with("-2"),
        "{sent:?}"
    );
    // Rotated twice more: the third challenge in a row is the answer.
    let server = Server::start(rotating_nonce_api(3));
    let mut http = client(&server, Mode::DPoP);
    let err = get_fails(&mut http, &server.url("/api"));
    assert_failure(&err, ErrorKind::HttpStatus, &["401", "use_dpop_nonce", "stale"], Mode::DPoP);
    assert_eq!(server.count("/api"), 3, "at most two nonce retries");
}

#[test]
fn an_invalid_token_loop_gets_one_new_token_and_one_retry() {
    for mode in MODES {
        let server = Server::start(|req| match req.path.as_str() {
            "/api" if req.hostile => {
                let scheme = if req.is_dpop() { "DPoP" } else { "Bearer" };
                let challenge = format!(r#"{scheme} error="invalid_token", error_description="token revoked""#);
                response(401, &[("WWW-Authenticate", &challenge)], "")
            }
            _ => good(req),
        });
        let mut http = client(&server, mode);
        let err = get_fails(&mut http, &server.url("/api"));
        assert_failure(&err, ErrorKind::HttpStatus, &["401", "invalid_token", "token revoked"], mode);
        assert_eq!(
            (server.count("/token"), server.count("/api")),
            (2, 2),
            "{mode:?}: one new token, one retry"
        );
        let tokens: Vec<_> = server
            .requests()
            .iter()
            .filter(|r| r.path == "/api")
            .map(|r| r.header("Authorization").unwrap().to_string())
            .collect();
        assert_ne!(tokens[0], tokens[1], "the retry uses the new token");
        server.calm();
        get_ok(&mut http, &server.url("/api"));
    }
}

// ---- Server clocks ----

/// An HTTP date `seconds` from now (negative: ago).
fn http_date(seconds: i64) -> String {
    let (now, magnitude) = (std::time::SystemTime::now(), Duration::from_secs(seconds.unsigned_abs()));
    httpdate::fmt_http_date(if seconds < 0 { now - magnitude } else { now + magnitude })
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[test]
fn a_cached_answers_old_date_does_not_date_later_proofs() {
    // A cache or proxy answers with the Date the server gave ten minutes ago, and says so with
    // Age: that is not the server's clock now.
    let server = Server::start(|req| match req.path.as_str() {
        "/cached" => with_header(with_header(api_ok(req), "Date", &http_date(-600)), "Age", "600"),
        _ => good(req),
    });
    let mut http = client(&server, Mode::DPoP);
    get_ok(&mut http, &server.url("/cached"));
    get_ok(&mut http, &server.url("/api"));
    let iat = server.requests().last().unwrap().proof().unwrap()["iat"].as_i64().unwrap();
    assert!((iat - unix_now()).abs() <= 5, "iat {iat} is not now ({})", unix_now());
}

/// The proof of `req` is dated by a clock 5 minutes ahead (within 5 s).
fn dated_5_minutes_ahead(req: &Request) -> bool {
    req.proof()
        .and_then(|p| p["iat"].as_i64())
        .is_some_and(|iat| (iat - (unix_now() + 300)).abs() <= 5)
}

#[test]
fn a_proof_is_dated_again_only_when_the_server_shows_another_clock() {
    // The server's clock is 5 minutes ahead, and its API refuses a proof with the Date header
    // showing it.
    let refused = || {
        let challenge = ("WWW-Authenticate", r#"DPoP error="invalid_dpop_proof""#);
        response(401, &[challenge, ("Date", &http_date(300))], "")
    };
    // Its token endpoint showed the clock: the proof sent to the API was dated by it, so the
    // refusal is about something else, and the proof is not sent again.
    let server = Server::start(move |req| match req.path.as_str() {
        "/token" => with_header(issue_token(req), "Date", &http_date(300)),
        _ => refused(),
    });
    let err = get_fails(&mut client(&server, Mode::DPoP), &server.url("/api"));
    assert_failure(&err, ErrorKind::HttpStatus, &["401", "invalid_dpop_proof"], Mode::DPoP);
    let api: Vec<Request> = server.requests().into_iter().filter(|r| r.path == "/api").collect();
    assert_eq!(api.len(), 1, "not sent again with the same date");
    assert!(dated_5_minutes_ahead(&api[0]));
    // Its token endpoint did not show the clock: the refusal does, and the proof sent again,
    // dated by it, is accepted.
    let server = Server::start(move |req| match req.path.as_str() {
        "/token" => issue_token(req),
        _ if dated_5_minutes_ahead(req) => api_ok(req),
        _ => refused(),
    });
    get_ok(&mut client(&server, Mode::DPoP), &server.url("/api"));
    assert_eq!(server.count("/api"), 2);
}

// ---- Other grants ----

#[test]
fn a_token_exchange_request_has_the_form_rfc8693_describes() {
    let server = Server::start(|req| match req.path.as_str() {
        "/token" => {
            let form: Vec<(String, String)> = url::form_urlencoded::parse(&req.body).into_owned().collect();
            let field = |name: &str| form.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect::<Vec<_>>();
            let right = field("grant_type") == ["urn:ietf:params:oauth:grant-type:token-exchange"]
                && field("subject_token") == ["subject-token-value"]
                && field("subject_token_type") == ["urn:ietf:params:oauth:token-type:access_token"]
                && field("resource") == ["https://a.example/", "https://b.example/"]
                && field("audience") == ["api-b"];
            if right {
                json_reply(
                    200,
                    &[],
                    &json!({"access_token": "exchanged", "issued_token_type": "urn:ietf:params:oauth:token-type:access_token", "token_type": "Bearer"}),
                )
            } else {
                json_reply(
                    400,
                    &[],
                    &json!({"error": "invalid_request", "error_description": format!("{form:?}")}),
                )
            }
        }
        _ => good(req),
    });
    let mut http = Http::default();
    let auth = json!({
        "token_endpoint": server.url("/token"), "client_id": "exchanger", "client_secret": "s3cret",
        "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
        "subject_token": "subject-token-value", "subject_token_type": "urn:ietf:params:oauth:token-type:access_token",
        "resource": ["https://a.example/", "https://b.example/"], "audience": "api-b"
    });
    http.set_auth_token(&auth.to_string()).unwrap();
    get_ok(&mut http, &server.url("/api"));
    let api = server.requests().into_iter().rfind(|r| r.path == "/api").unwrap();
    assert_eq!(api.header("Authorization"), Some("Bearer exchanged"));
}

// ---- Proof algorithms (RFC 9449 5.1, 7.1) and client assertions (RFC 7523) ----

/// A new RSA key (the library loads RSA keys but does not make them).
fn rsa_key() -> Arc<SigningKey> {
    let out = std::process::Command::new("openssl")
        .args(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
        .output()
        .expect("these tests need the openssl command-line tool");
    Arc::new(SigningKey::from_bytes(&out.stdout, "").unwrap())
}

/// Answers a proof signed with another algorithm than RS256 with 401 and the algorithms the
/// server accepts in its challenge (plus an OAuth error body, as a token endpoint would).
fn wants_rs256(req: &Request) -> Option<Reply> {
    let alg = req.proof_alg()?;
    (alg != "RS256").then(|| {
        json_reply(
            401,
            &[("WWW-Authenticate", r#"DPoP error="invalid_dpop_proof", algs="RS256 ES256""#)],
            &json!({"error": "invalid_dpop_proof", "error_description": format!("{alg} is not accepted")}),
        )
    })
}

/// The `alg` of each proof `server` received for `path`, in order.
fn proof_algs(server: &Server, path: &str) -> Vec<String> {
    server
        .requests()
        .iter()
        .filter(|r| r.path == path)
        .map(|r| r.proof_alg().unwrap_or_default())
        .collect()
}

/// An Http object with `key` whose client is `token_server`'s `/token`.
fn dpop_client_of(token_server: &Server, key: Arc<SigningKey>, client_id: &str) -> Http {
    let mut http = Http::default();
    http.set_dpop_key(key);
    let auth = json!({"token_endpoint": token_server.url("/token"), "client_id": client_id, "client_secret": "s3cret"});
    http.set_auth_token(&auth.to_string()).unwrap();
    http
}

#[test]
fn a_resource_server_naming_other_algorithms_gets_one_retry_and_then_proofs_it_accepts() {
    let authorization_server = Server::start(good);
    let resource_server = Server::start(|req| wants_rs256(req).unwrap_or_else(|| api_ok(req)));
    let mut http = dpop_client_of(&authorization_server, rsa_key(), "algs-rs");
    get_ok(&mut http, &resource_server.url("/api"));
    assert_eq!(proof_algs(&resource_server, "/api"), ["PS256", "RS256"]);
    get_ok(&mut http, &resource_server.url("/api"));
    assert_eq!(
        proof_algs(&resource_server, "/api"),
        ["PS256", "RS256", "RS256"],
        "remembered for the origin"
    );
    assert_eq!(proof_algs(&authorization_server, "/token"), ["PS256"], "each origin has its own");
}

#[test]
fn a_token_endpoint_naming_other_algorithms_gets_one_retry() {
    let server = Server::start(|req| match req.path.as_str() {
        "/token" => wants_rs256(req).unwrap_or_else(|| issue_token(req)),
        _ => api_ok(req),
    });
    let mut http = dpop_client_of(&server, rsa_key(), "algs-as");
    get_ok(&mut http, &server.url("/api"));
    assert_eq!(proof_algs(&server, "/token"), ["PS256", "RS256"]);
    assert_eq!(proof_algs(&server, "/api"), ["RS256"], "the same origin: RS256 from then on");
}

#[test]
fn a_key_that_can_sign_none_of_the_named_algorithms_fails_clearly_and_tries_again_next_time() {
    let authorization_server = Server::start(good);
    let resource_server = Server::start(|_| {
        let challenge = r#"DPoP error="invalid_dpop_proof", algs="RS256 PS256""#;
        response(401, &[("WWW-Authenticate", challenge)], "")
    });
    let mut http = dpop_client_of(
        &authorization_server,
        Arc::new(SigningKey::generate_ec("P-384").unwrap()),
        "algs-none",
    );
    for tries in 1..=2 {
        let err = get_fails(&mut http, &resource_server.url("/api"));
        assert_failure(
            &err,
            ErrorKind::Key,
            &["RS256, PS256", "can sign only ES384", &resource_server.url("/api")],
            Mode::DPoP,
        );
        assert_eq!(resource_server.count("/api"), tries, "no retry; nothing remembered");
    }
}

/// `server`'s RFC 8414 metadata: its own issuer and token endpoint, and `members`.
fn metadata_of(server_url: &str, members: Value) -> Reply {
    let mut document = json!({"issuer": server_url, "token_endpoint": format!("{server_url}/token")});
    document.as_object_mut().unwrap().extend(members.as_object().unwrap().clone());
    json_reply(200, &[], &document)
}

#[test]
fn the_metadata_names_the_proof_algorithm_before_the_first_token_request() {
    let url = Arc::new(std::sync::OnceLock::<String>::new());
    let server = Server::start({
        let url = url.clone();
        move |req| match req.path.as_str() {
            "/.well-known/oauth-authorization-server" => {
                metadata_of(url.get().unwrap(), json!({"dpop_signing_alg_values_supported": ["RS256", "ES256"]}))
            }
            _ => good(req),
        }
    });
    url.set(server.url("")).unwrap();
    let discovering = |key: Arc<SigningKey>| {
        let mut http = Http::default();
        http.set_dpop_key(key);
        let auth = json!({"issuer": server.url(""), "client_id": "algs-metadata", "client_secret": "s3cret"});
        http.set_auth_token(&auth.to_string()).unwrap();
        http
    };
    get_ok(&mut discovering(rsa_key()), &server.url("/api"));
    assert_eq!(proof_algs(&server, "/token"), ["RS256"], "no retry needed");

    let mut ed25519 = discovering(Arc::new(SigningKey::generate_ed25519().unwrap()));
    let err = get_fails(&mut ed25519, &server.url("/api"));
    assert_failure(&err, ErrorKind::Key, &["RS256, ES256", "can sign only EdDSA"], Mode::DPoP);
    assert_eq!(server.count("/token"), 1, "refused before any request");
}

/// A client with its own key for private_key_jwt at `server`, with `members` added.
fn assertion_client(server: &Server, client_id: &str, members: Value) -> Http {
    let key = SigningKey::generate_ec("P-256").unwrap();
    let mut auth = json!({"token_endpoint": server.url("/token"), "client_id": client_id, "client_key": key.private_jwk().as_str()});
    auth.as_object_mut().unwrap().extend(members.as_object().unwrap().clone());
    let mut http = Http::default();
    http.set_auth_token(&auth.to_string()).unwrap();
    http
}

#[test]
fn a_client_assertion_refused_while_the_clocks_differ_is_made_anew_by_the_servers_clock() {
    let server = Server::start(|req| match req.path.as_str() {
        "/token" if req.nth == 1 => {
            let ahead = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(300));
            json_reply(
                401,
                &[("Date", &ahead)],
                &json!({"error": "invalid_client", "error_description": "client assertion is not yet valid"}),
            )
        }
        _ => good(req),
    });
    let mut http = assertion_client(&server, "skewed-assertion", json!({}));
    get_ok(&mut http, &server.url("/api"));
    let claims: Vec<Value> = server
        .requests()
        .iter()
        .filter(|r| r.path == "/token")
        .map(|r| jwt_part(&r.form_field("client_assertion").unwrap(), 1).unwrap())
        .collect();
    assert_eq!(claims.len(), 2);
    assert_ne!(claims[0]["jti"], claims[1]["jti"]);
    let now = dpop::clock::now_secs();
    assert!(claims[0]["iat"].as_u64().unwrap().abs_diff(now) < 5, "{}", claims[0]);
    assert!(
        claims[1]["iat"].as_u64().unwrap().abs_diff(now + 300) < 5,
        "by the server's clock: {}",
        claims[1]
    );
    let form: Vec<String> = server.requests()[0]
        .body
        .split(|&b| b == b'&')
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    assert!(
        form.iter()
            .any(|f| f == "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer")
            && form.iter().any(|f| f == "client_id=skewed-assertion")
            && !form.iter().any(|f| f.starts_with("client_secret")),
        "{form:?}"
    );
}

#[test]
fn a_client_assertion_echoed_by_the_server_is_masked() {
    let server = Server::start(|req| match req.path.as_str() {
        "/token" => {
            let assertion = req.form_field("client_assertion").unwrap_or_default();
            json_reply(
                401,
                &[],
                &json!({"error": "invalid_client", "error_description": format!("assertion {assertion} has an unknown key")}),
            )
        }
        _ => good(req),
    });
    let mut http = assertion_client(&server, "echoed-assertion", json!({}));
    let err = get_fails(&mut http, &server.url("/api"));
    assert_failure(
        &err,
        ErrorKind::OAuth,
        &["invalid_client", "assertion **** has an unknown key"],
        Mode::Bearer,
    );
    let sent = server.requests()[0].form_field("client_assertion").unwrap();
    assert!(!err.to_string().contains(&sent[sent.len() - 16..]), "{err}");
}

// ---- Broken connections ----

/// `bytes` without the `Connection: close` the helpers add, so the connection stays open.
fn keep_alive(reply: Reply) -> Reply {
    match reply {
        Reply::Bytes(bytes) => Reply::KeepAlive(String::from_utf8(bytes).unwrap().replace("Connection: close\r\n", "").into_bytes()),
        other => other,
    }
}

#[test]
fn a_kept_alive_connection_the_server_closed_is_retried_once_on_a_new_one() {
    for mode in MODES {
        // The API keeps the first connection open, then drops it without answering when the next
        // request arrives on it (an idle timeout hitting just then): the client cannot know.
        // The first answer also gives a nonce, which both later proofs must carry.
        let server = Server::start(|req| match req.path.as_str() {
            "/api" if req.on_connection == 1 => keep_alive(with_header(good(req), "DPoP-Nonce", "kept-nonce")),
            "/api" => Reply::Bytes(vec![]),
            _ => good(req),
        });
        let mut http = client(&server, mode);
        get_ok(&mut http, &server.url("/api"));
        let before = server.connections();
        get_ok(&mut http, &server.url("/api"));
        assert_eq!(server.count("/api"), 3, "{mode:?}: the second GET was sent twice");
        assert_eq!(server.connections(), before + 1, "{mode:?}: the retry went on a new connection");
        // With a new proof: a server that keeps the jtis it saw would refuse the dropped one's.
        let api: Vec<Request> = server.requests().into_iter().filter(|r| r.path == "/api").collect();
        let (dropped, again) = (&api[1], &api[2]);
        assert_eq!(again.header("Authorization"), dropped.header("Authorization"), "{mode:?}");
        if mode == Mode::DPoP {
            let jti = |r: &Request| r.proof().unwrap()["jti"].as_str().unwrap().to_string();
            assert_ne!(jti(again), jti(dropped), "the request sent again has a proof of its own");
            let (first, second) = (dropped.proof().unwrap(), again.proof().unwrap());
            for claim in ["htm", "htu", "ath", "nonce"] {
                assert_eq!(second[claim], first[claim], "{claim}");
            }
            assert_eq!(second["nonce"], "kept-nonce");
            assert_eq!(again.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("DPoP")).count(), 1);
        }
    }
}

#[test]
fn a_proof_the_caller_made_is_not_sent_twice() {
    // No AuthToken: the caller sends a proof of its own (MakeDPoPProof) as a header. The library
    // cannot make it anew, so a broken kept-alive connection is an error the caller can retry.
    let server = Server::start(|req| match req.on_connection {
        1 => keep_alive(json_reply(200, &[], &json!({"ok": true}))),
        _ => Reply::Bytes(vec![]),
    });
    let mut http = Http::default();
    http.set_dpop_key(Arc::new(SigningKey::generate_ec("P-256").unwrap()));
    get_ok(&mut http, &server.url("/api"));
    let proof = http.dpop_proof("GET", &server.url("/api"), "", "").unwrap();
    http.set_request_header("DPoP", &proof).unwrap();
    let err = get_fails(&mut http, &server.url("/api"));
    assert_failure(&err, ErrorKind::Network, &[], Mode::DPoP);
    assert_eq!(server.count("/api"), 2, "the caller's proof went out once");
}

#[test]
fn a_post_on_a_connection_that_breaks_is_not_retried() {
    for mode in MODES {
        let server = Server::start(|req| match (req.path.as_str(), req.method.as_str()) {
            ("/api", "POST") if req.on_connection == 2 => Reply::Bytes(vec![]),
            ("/api", _) => keep_alive(good(req)),
            _ => good(req),
        });
        let mut http = client(&server, mode);
        get_ok(&mut http, &server.url("/api"));
        let body = Body {
            content_type: "application/json",
            bytes: b"{}",
        };
        let err = http
            .request("POST", &server.url("/api"), Some(body), StatusPolicy::FailUnless2xx)
            .unwrap_err();
        assert_failure(&err, ErrorKind::Network, &[], mode);
        let posts = server.requests().iter().filter(|r| r.method == "POST" && r.path == "/api").count();
        assert_eq!(posts, 1, "{mode:?}: not sent twice");
    }
}

#[test]
fn answers_cut_short_are_errors_never_a_wrong_body() {
    // Fewer bytes than the Content-Length says, then a clean close.
    let short = |_: &Request| Reply::Bytes([head(200, &[("Content-Length", "100")]), b"{\"ok\":tr".to_vec()].concat());
    both_misbehave(short, ErrorKind::Network, &[]);
    // A reset in the middle of the body.
    let reset = |_: &Request| Reply::Reset([head(200, &[("Content-Length", "100")]), b"{\"ok\":tr".to_vec()].concat());
    both_misbehave(reset, ErrorKind::Network, &[]);
    // A chunked body cut in the middle of a chunk.
    let chunked = |_: &Request| Reply::Bytes([head(200, &[("Transfer-Encoding", "chunked")]), b"10\r\n{\"ok\":tr".to_vec()].concat());
    both_misbehave(chunked, ErrorKind::Network, &[]);
}

// ---- Secrets echoed by servers ----

#[test]
fn secrets_echoed_by_servers_are_masked_in_errors() {
    // The client secret (s3cret) in a token endpoint's error text, as JSON, plain text and HTML,
    // long enough that it would be clipped right through the secret.
    let pad = "x".repeat(190);
    let bodies = [
        json!({"error": "invalid_client", "error_description": format!("{pad} client secret s3cret does not match")}).to_string(),
        format!("{pad} invalid_client: client secret s3cret does not match"),
        format!("<html><body><p>{pad} bad secret s3cret</p></body></html>"),
    ];
    for body in bodies {
        for mode in MODES {
            let body = body.clone();
            let server = Server::start(move |req| match req.path.as_str() {
                "/token" => response(401, &[("Content-Type", "text/plain")], &body),
                _ => good(req),
            });
            let err = get_fails(&mut client(&server, mode), &server.url("/api")).to_string();
            assert!(!err.contains("s3cr"), "{mode:?}: {err}");
        }
    }
    // The opaque access token (tok-N) echoed in a resource server's WWW-Authenticate.
    for mode in MODES {
        let server = Server::start(|req| match req.path.as_str() {
            "/api" => {
                let token = req
                    .header("Authorization")
                    .unwrap_or_default()
                    .split(' ')
                    .nth(1)
                    .unwrap_or_default()
                    .to_string();
                let challenge = format!(r#"Bearer error="insufficient_scope", error_description="token {token} lacks scope""#);
                response(403, &[("WWW-Authenticate", &challenge)], "")
            }
            _ => good(req),
        });
        let err = get_fails(&mut client(&server, mode), &server.url("/api"));
        assert_failure(&err, ErrorKind::HttpStatus, &["403", "insufficient_scope", "lacks scope"], mode);
        assert!(!err.to_string().contains("tok-"), "{mode:?}: {err}");
    }
}

/// A server that echoes every request header back: in its error's `error_description`, in a
/// member of its JSON body, and in a response header.
fn echo_headers(req: &Request) -> Reply {
    let sent: Vec<String> = req.headers.iter().map(|(n, v)| format!("{n}={v}")).collect();
    let authorization = req.header("Authorization").unwrap_or_default();
    let body = json!({
        "error": "access_denied",
        "error_description": format!("you sent {authorization} with {}", req.header("Cookie").unwrap_or_default()),
        "headers": sent,
    });
    json_reply(403, &[("X-Echo", authorization)], &body)
}

#[test]
fn credentials_a_server_echoes_are_masked_in_errors_logs_and_last_header() {
    use dpop::http::Rest;
    let server = Server::start(echo_headers);
    let log = std::env::temp_dir().join(format!("dpop-hostile-echo-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let basic = base64::engine::general_purpose::STANDARD.encode("echo-user:echo-Password-31f7");
    let set_header_token = "opaque-set-header-token-8c2e";
    let cookie = "session=echo-cookie-5d1a9b";
    let rest_token = "opaque-rest-authorization-4b7f";
    // Each value the server can echo: what must not be seen (the Basic credentials, whole and
    // after the scheme word; the header values set by the caller).
    let needles = [
        format!("Basic {basic}"),
        basic.clone(),
        set_header_token.to_string(),
        cookie.to_string(),
        rest_token.to_string(),
    ];
    let mut seen = Vec::new();

    let mut with_basic = Http::default();
    with_basic.set_session_log_path(log.to_str().unwrap());
    with_basic.set_login("echo-user");
    with_basic.set_password("echo-Password-31f7");
    with_basic.set_basic_auth(true);
    let mut with_headers = Http::default();
    with_headers.set_session_log_path(log.to_str().unwrap());
    with_headers
        .set_request_header("Authorization", &format!("Bearer {set_header_token}"))
        .unwrap();
    with_headers.set_request_header("Cookie", cookie).unwrap();
    for http in [&mut with_basic, &mut with_headers] {
        let err = http
            .request("GET", &server.url("/api"), None, StatusPolicy::FailUnless2xx)
            .unwrap_err();
        assert_quotes(&err, &["403", "access_denied", "you sent "], Mode::Bearer);
        seen.push(("LastErrorText", err.to_string()));
        seen.push(("LastHeader", http.last_request_header()));
    }
    let mut rest = Rest::default();
    rest.http_mut().set_session_log_path(log.to_str().unwrap());
    let port: i32 = server.url("").rsplit(':').next().unwrap().parse().unwrap();
    rest.connect("127.0.0.1", port, false, true).unwrap();
    rest.set_authorization(&format!("Bearer {rest_token}")).unwrap();
    let body = rest.full_request_no_body("GET", "/api").unwrap();
    assert!(body.contains(rest_token), "the response itself is the caller's: {body}");
    seen.push(("Rest LastHeader", rest.last_request_header()));
    seen.push(("session log", std::fs::read_to_string(&log).unwrap()));
    let _ = std::fs::remove_file(&log);

    assert_eq!(server.count("/api"), 3);
    assert!(seen[5].1.contains("X-Echo: ****"), "{}", seen[5].1);
    for (place, text) in &seen {
        for needle in &needles {
            assert!(!text.contains(needle.as_str()), "{place} shows {needle:?}: {text}");
        }
    }
}

// ---- Interim responses ----

/// `good(req)` preceded by interim `1xx` heads: the final answer is the one that counts (RFC 9110
/// 15.2), with its own reason phrase and headers.
fn after_interim(interim: &'static [u8]) -> impl Fn(&Request) -> Reply + Copy + Send + 'static {
    move |req| match good(req) {
        Reply::Bytes(bytes) => Reply::Bytes([interim, &bytes].concat()),
        other => other,
    }
}

#[test]
fn interim_responses_before_the_answer_are_skipped() {
    let early_hints: &[u8] = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n";
    let unsolicited_continue: &[u8] = b"HTTP/1.1 100 Continue\r\n\r\n";
    let several: &[u8] = b"HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n";
    for interim in [early_hints, unsolicited_continue, several] {
        for mode in MODES {
            let server = Server::start(move |req| if req.hostile { after_interim(interim)(req) } else { good(req) });
            let mut http = client(&server, mode);
            let response = get_ok(&mut http, &server.url("/api"));
            assert_eq!(response.status, 200, "{mode:?}");
            assert_eq!(response.reason, "Whatever", "{mode:?}: the final answer's reason phrase");
            assert!(response.header("Link").is_none(), "{mode:?}: interim headers are not the answer's");
            assert_eq!(serde_json::from_slice::<Value>(&response.body).unwrap()["ok"], true, "{mode:?}");
            assert_eq!(server.count("/token"), 1, "{mode:?}: one token request");
        }
    }
}

// ---- Compression ----

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn gzip_answers_are_decoded_and_asked_for() {
    let compressed = gzip(br#"{"ok":true,"compressed":true}"#);
    for mode in MODES {
        let body = compressed.clone();
        let server = Server::start(move |req| match req.path.as_str() {
            "/api" if req.header("Authorization").is_some() => response(200, &[("Content-Encoding", "gzip")], &body),
            _ => good(req),
        });
        let mut http = client(&server, mode);
        let response = get_ok(&mut http, &server.url("/api"));
        assert_eq!(response.body_text(), r#"{"ok":true,"compressed":true}"#, "{mode:?}");
        let api = server.requests().into_iter().rev().find(|r| r.path == "/api").unwrap();
        assert_eq!(api.header("Accept-Encoding"), Some("gzip"), "{mode:?}");
    }
}

#[test]
fn a_gzip_bomb_stops_at_the_size_limit() {
    // 65 MiB of zeros in about 64 KB: more than the 64 MiB an API answer may have once decoded.
    let bomb = gzip(&vec![0u8; 65 << 20]);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let started = std::time::Instant::now();
    for mode in MODES {
        let body = bomb.clone();
        let server = Server::start(move |req| match req.path.as_str() {
            "/api" if req.header("Authorization").is_some() => response(200, &[("Content-Encoding", "gzip")], &body),
            _ => good(req),
        });
        let mut http = client(&server, mode);
        let err = get_fails(&mut http, &server.url("/api"));
        assert_failure(&err, ErrorKind::Protocol, &["after decompression"], mode);
    }
    assert!(started.elapsed() < Duration::from_secs(30), "{:?}", started.elapsed());
}

// ---- Garbage ----

#[test]
fn a_status_line_that_is_not_http() {
    let garbage = |_: &Request| Reply::Bytes(b"SSH-2.0-OpenSSH_9.6\r\n\r\n".to_vec());
    both_misbehave(garbage, ErrorKind::Protocol, &[]);
}

/// A body the server sent whole but malformed is the server's fault, not the network's: a program
/// that retries on Network would retry an answer that never changes.
#[test]
fn a_malformed_chunked_body_is_a_protocol_error() {
    let bad_chunk_size =
        |_: &Request| Reply::Bytes([head(200, &[("Transfer-Encoding", "chunked")]), b"zz\r\n{}\r\n0\r\n\r\n".to_vec()].concat());
    both_misbehave(bad_chunk_size, ErrorKind::Protocol, &[]);
}

/// Found by this test: ureq 2.12.1 panicked (`Header::value`, slice index out of range) on a header
/// line without ':'; ureq 3 refuses it as malformed.
#[test]
fn a_header_line_without_a_colon_is_a_protocol_error() {
    let no_colon =
        |_: &Request| Reply::Bytes(b"HTTP/1.1 200 OK\r\nNoColonHere\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".to_vec());
    both_misbehave(no_colon, ErrorKind::Protocol, &[]);
}

#[test]
fn a_megabyte_of_headers_is_refused() {
    let one_huge_header = |_: &Request| response(200, &[("X-Padding", &"a".repeat(1 << 20))], "{}");
    both_misbehave(one_huge_header, ErrorKind::Protocol, &[]);

    let many_headers = |_: &Request| {
        let names: Vec<String> = (0..2048).map(|i| format!("X-Padding-{i}")).collect();
        let value = "b".repeat(500);
        let headers: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), value.as_str())).collect();
        response(200, &headers, "{}")
    };
    both_misbehave(many_headers, ErrorKind::Protocol, &[]);
}

#[test]
fn the_servers_long_words_are_clipped_in_errors() {
    token_endpoint_misbehaves(
        |_| {
            json_reply(
                400,
                &[],
                &json!({"error": "invalid_scope", "error_description": "w".repeat(500_000)}),
            )
        },
        ErrorKind::OAuth,
        &["400 Whatever (invalid_scope: www", "..."],
    );
    token_endpoint_misbehaves(
        |_| json_reply(400, &[], &json!({"error": "e".repeat(500_000)})),
        ErrorKind::OAuth,
        &["400 Whatever (eee", "..."],
    );
    token_endpoint_misbehaves(
        |_| {
            json_reply(
                200,
                &[],
                &json!({"access_token": "t", "expires_in": format!("-{}", "9".repeat(500_000))}),
            )
        },
        ErrorKind::Protocol,
        &["-999", "..."],
    );
    api_misbehaves(
        |_| {
            response(
                401,
                &[(
                    "WWW-Authenticate",
                    &format!(r#"Bearer error="invalid_request", error_description="{}""#, "w".repeat(90_000)),
                )],
                "",
            )
        },
        ErrorKind::HttpStatus,
        &["401", "invalid_request: www", "..."],
    );
    api_misbehaves(
        |_| {
            json_reply(
                403,
                &[],
                &json!({"error": "insufficient_scope", "error_description": "w".repeat(2 << 20)}),
            )
        },
        ErrorKind::HttpStatus,
        &["403", "insufficient_scope: www", "..."],
    );
    // A reason phrase of 90 KB.
    api_misbehaves(
        |_| {
            Reply::Bytes(
                format!(
                    "HTTP/1.1 500 {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    "w".repeat(90_000)
                )
                .into_bytes(),
            )
        },
        ErrorKind::HttpStatus,
        &["500 www", "..."],
    );
    // Control characters are not allowed in a reason phrase (RFC 9112 4): not HTTP.
    api_misbehaves(
        |_| Reply::Bytes(b"HTTP/1.1 500 bad\x01reason\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()),
        ErrorKind::Protocol,
        &[],
    );
}

#[test]
fn control_characters_in_a_header_make_the_answer_invalid() {
    let nonce = "ctl\u{1}char\u{7f}";
    token_endpoint_misbehaves(
        move |_| json_reply(400, &[("DPoP-Nonce", nonce)], &json!({"error": "use_dpop_nonce"})),
        ErrorKind::Protocol,
        &[],
    );
    api_misbehaves(
        move |_| {
            response(
                401,
                &[("WWW-Authenticate", r#"DPoP error="use_dpop_nonce""#), ("DPoP-Nonce", nonce)],
                "",
            )
        },
        ErrorKind::Protocol,
        &[],
    );
}

#[test]
fn invalid_utf8_in_a_body_is_returned_lossily() {
    for mode in MODES {
        let server = Server::start(|req| match req.path.as_str() {
            "/api" => response(200, &[("Content-Type", "text/plain; charset=utf-8")], b"caf\xe9 \xff\xfe ok"),
            "/error" => response(500, &[("Content-Type", "application/json")], b"{\"error\":\"\xff\"}"),
            _ => good(req),
        });
        let mut http = client(&server, mode);
        let response = get_ok(&mut http, &server.url("/api"));
        assert_eq!(response.body, b"caf\xe9 \xff\xfe ok", "the bytes as sent");
        assert_eq!(response.body_text(), "caf\u{FFFD} \u{FFFD}\u{FFFD} ok");
        let err = get_fails(&mut http, &server.url("/error"));
        assert_failure(&err, ErrorKind::HttpStatus, &["500"], mode);
        assert_eq!(http.last_response().unwrap().body, b"{\"error\":\"\xff\"}");
    }
}

#[test]
fn unusable_nonces_are_ignored_and_never_echoed() {
    // A nonce with control characters makes the whole answer invalid HTTP: see
    // control_characters_in_a_header_make_the_answer_invalid.
    let long = "n".repeat(100_000);
    for bad in ["has spaces in it", "non-ascii-\u{e9}-nonce", long.as_str()] {
        for mode in MODES {
            let bad_nonce = bad.to_string();
            let server = Server::start(move |req| match req.path.as_str() {
                "/token" if req.hostile => json_reply(400, &[("DPoP-Nonce", &bad_nonce)], &json!({"error": "use_dpop_nonce"})),
                "/api" if req.nth == 1 => response(
                    401,
                    &[("WWW-Authenticate", r#"DPoP error="use_dpop_nonce""#), ("DPoP-Nonce", &bad_nonce)],
                    "",
                ),
                _ => good(req),
            });
            let mut http = client(&server, mode);
            let err = get_fails(&mut http, &server.url("/api"));
            assert_failure(&err, ErrorKind::OAuth, &["use_dpop_nonce"], mode);
            assert!(!err.to_string().contains(bad), "{mode:?}: the nonce is not in the error");
            server.calm();
            // A new client: this one's token failure is remembered for a few seconds.
            let mut http = client(&server, mode);
            // The API challenges its first request with the same nonce: a DPoP client has no
            // nonce to send again with, and says so (a Protocol error: the server broke RFC 9449);
            // a Bearer request has no proof to retry (the 401 is the answer).
            let challenged = get_fails(&mut http, &server.url("/api"));
            let kind = if mode == Mode::DPoP {
                ErrorKind::Protocol
            } else {
                ErrorKind::HttpStatus
            };
            assert_failure(&challenged, kind, &["401", "use_dpop_nonce"], mode);
            assert!(!challenged.to_string().contains(bad), "{mode:?}: the nonce is not in the error");
            assert_eq!(server.count("/api"), 1, "{mode:?}: not sent again without a nonce");
            get_ok(&mut http, &server.url("/api"));
            for req in server.requests() {
                for (name, value) in &req.headers {
                    assert!(
                        !value.contains(bad),
                        "{mode:?}: {name} of {} {} echoes the bad nonce",
                        req.method,
                        req.path
                    );
                }
                if let Some(proof) = req.proof() {
                    assert_ne!(proof["nonce"].as_str(), Some(bad), "{mode:?}");
                }
            }
        }
    }
}

/// Headers or a chunk-size line that trickle in forever still end at ConnectTimeout + ReadTimeout.
#[test]
fn headers_or_chunk_sizes_that_never_end_stop_at_the_deadline() {
    let slow_header = |_: &Request| Reply::Drip {
        head: b"HTTP/1.1 200 OK\r\nX-Slow: ".to_vec(),
        piece: b"z".to_vec(),
        every: Duration::from_millis(100),
    };
    api_misbehaves(slow_header, ErrorKind::Timeout, &[]);
    let slow_chunk_size = |_: &Request| Reply::Drip {
        head: head(200, &[("Transfer-Encoding", "chunked")]),
        piece: b"0".to_vec(),
        every: Duration::from_millis(100),
    };
    api_misbehaves(slow_chunk_size, ErrorKind::Timeout, &[]);
}
