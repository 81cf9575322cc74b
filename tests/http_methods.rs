//! Chilkat's request methods (HttpReq, HttpStr, HttpJson, HttpNoBody, QuickPutStr, PText,
//! PostUrlEncoded, QuickGetStr on an error status), its HttpRequest and Rest objects, and the
//! behaviours scripts depend on (Basic authentication, FollowRedirects, URL variables, the
//! response head as sent) against a scripted local server that records what it received.

#[path = "hostile/server.rs"]
mod server;

use dpop::http::{Http, HttpRequest, Rest};
use dpop::ErrorKind;
use serde_json::json;
use server::{json_reply, response, Reply, Request, Server};

/// Answers everything with a JSON echo of the request, except a few scripted paths.
fn echo(req: &Request) -> Reply {
    match req.path.as_str() {
        "/missing" => response(404, &[("Content-Type", "text/plain"), ("X-Mixed-Case", "yes")], "no such thing"),
        "/moved" => response(302, &[("Location", "/echo")], ""),
        "/elsewhere" => response(302, &[("Location", "http://localhost:1/echo")], ""),
        "/see-other" => response(303, &[("Location", "/echo")], ""),
        "/refuse" => response(
            401,
            &[
                (
                    "WWW-Authenticate",
                    r#"Bearer realm="api", error="invalid_token", error_description="expired, renew it""#,
                ),
                (
                    "WWW-Authenticate",
                    r#"DPoP algs="ES256", error="invalid_dpop_proof", error_description="bad proof""#,
                ),
            ],
            "",
        ),
        "/bad-request" => json_reply(400, &[], &json!({"error": "invalid_request", "error_description": "no"})),
        "/basic" if !req.header("Authorization").is_some_and(|a| a.starts_with("Basic ")) => {
            response(401, &[("WWW-Authenticate", r#"Basic realm="test""#)], "log in")
        }
        _ => json_reply(
            200,
            &[("x-lower", "v")],
            &json!({
                "method": req.method,
                "path": req.path,
                "query": req.query,
                "headers": req.headers,
                "body": String::from_utf8_lossy(&req.body),
            }),
        ),
    }
}

/// The request the server received last.
fn last(server: &Server) -> Request {
    server.requests().pop().expect("a request was received")
}

/// The names of the headers a request came with, besides Host and Content-Length, in lower case
/// (the transport sends them so; HTTP names are case-insensitive).
fn names(req: &Request) -> Vec<String> {
    req.headers
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .filter(|n| !["host", "content-length"].contains(&n.as_str()))
        .collect()
}

#[test]
fn http_req_sends_the_request_as_chilkat_does() {
    let server = Server::start(echo);
    let mut http = Http::default();
    http.set_user_agent("UA/1").unwrap();
    http.set_request_header("X-Object", "o").unwrap();
    let mut req = HttpRequest::default();
    req.set_verb("POST").unwrap();
    req.set_path("/ignored").unwrap();
    req.set_content_type("application/x-www-form-urlencoded").unwrap();
    req.add_param("grant_type", "client_credentials");
    req.add_param("scope", "a b");
    req.add_header("accept", "application/json").unwrap();

    let response = http.http_req(&server.url("/token?x=1"), &req).unwrap();
    assert_eq!(response.status, 200);
    let got = last(&server);
    assert_eq!(
        (got.method.as_str(), got.path.as_str(), got.query.as_str()),
        ("POST", "/token", "x=1")
    );
    assert_eq!(got.body, b"grant_type=client_credentials&scope=a%20b");
    // The request's own headers only: no Accept, Accept-Encoding, User-Agent or SetRequestHeader.
    assert_eq!(names(&got), ["content-type", "accept"]);

    req.set_verb("GET").unwrap();
    http.http_req(&server.url("/token?x=1"), &req).unwrap();
    let got = last(&server);
    assert_eq!(
        (got.query.as_str(), got.body.len()),
        ("x=1&grant_type=client_credentials&scope=a%20b", 0)
    );

    // A token goes with it (Chilkat adds AuthToken's Authorization to HttpReq too).
    http.set_auth_token("bare-token-1").unwrap();
    let response = http.http_req(&server.url("/missing"), &req).unwrap();
    assert_eq!((response.status, http.last_status()), (404, 404), "any status is a response");
    assert_eq!(last(&server).header("Authorization"), Some("Bearer bare-token-1"));
}

#[test]
fn post_url_encoded_posts_the_parameters_as_a_form() {
    let server = Server::start(echo);
    let mut http = Http::default();
    let mut req = HttpRequest::default();
    req.add_param("a", "1 2");
    req.add_param("b", "x&y");
    http.post_url_encoded(&server.url("/form"), &req).unwrap();
    let got = last(&server);
    assert_eq!((got.method.as_str(), got.body.as_slice()), ("POST", &b"a=1%202&b=x%26y"[..]));
    assert_eq!(got.header("Content-Type"), Some("application/x-www-form-urlencoded"));
}

#[test]
fn body_methods_send_their_body_and_the_objects_headers() {
    let server = Server::start(echo);
    let mut http = Http::default();
    http.set_request_header("X-Object", "o").unwrap();
    http.http_str("patch", &server.url("/s"), "héllo", "utf-8", "text/plain").unwrap();
    let got = last(&server);
    assert_eq!((got.method.as_str(), got.body.as_slice()), ("PATCH", "héllo".as_bytes()));
    assert_eq!(got.header("Content-Type"), Some("text/plain"), "no charset parameter added");
    assert_eq!(names(&got), ["accept", "accept-encoding", "user-agent", "content-type", "x-object"]);

    http.http_json("PUT", &server.url("/j"), r#"{"a":1}"#, "application/json").unwrap();
    assert_eq!(last(&server).body, br#"{"a":1}"#);

    let response = http.http_no_body("DELETE", &server.url("/missing")).unwrap();
    assert_eq!((response.status, last(&server).method.as_str()), (404, "DELETE"));

    http.send_text("POST", &server.url("/t"), "x", "", "text/plain", true, false)
        .unwrap();
    assert_eq!(last(&server).header("Content-MD5"), Some("ndTkYSaMgDT1yFZOFVxnpg=="));

    assert!(http.quick_put_str(&server.url("/p")).unwrap().contains("\"method\":\"PUT\""));
    let got = last(&server);
    assert_eq!((got.method.as_str(), got.header("Content-Length")), ("PUT", Some("0")));

    http.send_text("POST", &server.url("/t"), "zipped text", "", "text/plain", true, true)
        .unwrap();
    let got = last(&server);
    assert_eq!(got.header("Content-Encoding"), Some("gzip"));
    let mut unzipped = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&got.body[..]), &mut unzipped).unwrap();
    assert_eq!(unzipped, "zipped text");
    assert!(got.header("Content-MD5").is_some());
    let e = http.http_no_body("CONNECT", &server.url("/t")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    let e = http.http_str("POST", &server.url("/s"), "x", "koi8-r", "text/plain").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
}

#[test]
fn quick_get_str_of_an_error_status_fails_and_keeps_the_body_and_head_as_sent() {
    let server = Server::start(echo);
    let mut http = Http::default();
    let e = http.quick_get_str(&server.url("/missing")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::HttpStatus);
    assert_eq!(http.failed_call_body(), "no such thing", "Chilkat returns the body");
    assert_eq!((http.last_status(), http.last_status_text()), (404, "Whatever"));
    let response = http.last_response().unwrap();
    assert_eq!(response.header_name(1).unwrap(), "X-Mixed-Case");
    assert_eq!(response.status_line(), "HTTP/1.1 404 Whatever");
    assert!(response
        .header_lines()
        .starts_with("Content-Type: text/plain\r\nX-Mixed-Case: yes\r\n"));
    assert!(!response.header_lines().ends_with("\r\n"));
    assert!(response.header_text().ends_with("\r\n"));
    http.quick_get_str(&server.url("/echo")).unwrap();
    assert_eq!(http.failed_call_body(), "", "nothing failed");
}

#[test]
fn login_is_sent_where_basic_is_asked_for_or_always_with_basic_auth() {
    let server = Server::start(echo);
    let other = Server::start(echo);
    let mut http = Http::default();
    http.set_login("user");
    http.set_password("pw-123456");
    http.quick_get_str(&server.url("/echo")).unwrap();
    assert_eq!(last(&server).header("Authorization"), None, "not asked for: not sent");

    // Asked for: answered within the call, and sent unasked to that origin from then on.
    http.quick_get_str(&server.url("/basic")).unwrap();
    let requests = server.requests();
    let basic: Vec<_> = requests.iter().filter(|r| r.path == "/basic").collect();
    assert_eq!(basic.len(), 2);
    assert_eq!(basic[1].header("Authorization"), Some("Basic dXNlcjpwdy0xMjM0NTY="));
    http.quick_get_str(&server.url("/echo")).unwrap();
    assert_eq!(last(&server).header("Authorization"), Some("Basic dXNlcjpwdy0xMjM0NTY="));
    assert!(
        http.last_request_header().contains("Authorization: ****"),
        "{}",
        http.last_request_header()
    );
    http.quick_get_str(&other.url("/echo")).unwrap();
    assert_eq!(last(&other).header("Authorization"), None, "another origin did not ask");

    let mut always = Http::default();
    always.set_login("u");
    always.set_password("p");
    always.set_basic_auth(true);
    always.quick_get_str(&other.url("/echo")).unwrap();
    assert_eq!(last(&other).header("Authorization"), Some("Basic dTpw"));
    always.set_auth_token("tok-1234").unwrap();
    always.quick_get_str(&other.url("/echo")).unwrap();
    assert_eq!(last(&other).header("Authorization"), Some("Bearer tok-1234"), "a token wins");

    let mut no_login = Http::default();
    let e = no_login.quick_get_str(&server.url("/basic")).unwrap_err();
    assert_eq!((e.kind(), no_login.last_status()), (ErrorKind::HttpStatus, 401));
    assert_eq!(
        server.requests().iter().filter(|r| r.path == "/basic").count(),
        3,
        "one request, no retry"
    );
}

#[test]
fn redirects_are_returned_when_not_followed() {
    let server = Server::start(echo);
    let mut http = Http::default();
    assert!(http.quick_get_str(&server.url("/moved")).unwrap().contains("\"path\":\"/echo\""));
    let e = http.quick_get_str(&server.url("/elsewhere")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Protocol, "another origin: not followed: {e}");
    assert!(e.to_string().contains("http://localhost:1"), "{e}");
    assert_eq!(http.last_status(), 302, "the redirect stays readable");
    // Where any status is an answer, a redirect to another origin is the answer, as unfollowed.
    let response = http.http_no_body("GET", &server.url("/elsewhere")).unwrap();
    assert_eq!(
        (response.status, response.header("Location")),
        (302, Some("http://localhost:1/echo"))
    );

    http.set_follow_redirects(false);
    assert_eq!(http.quick_get_str(&server.url("/moved")).unwrap(), "", "a redirect is a success");
    assert_eq!(http.last_status(), 302);
    let response = http.http_no_body("GET", &server.url("/elsewhere")).unwrap();
    assert_eq!(response.header("Location"), Some("http://localhost:1/echo"));
    assert_eq!(server.count("/echo"), 1);
}

#[test]
fn a_redirect_to_get_leaves_the_body_and_its_headers_behind_and_head_stays_head() {
    let server = Server::start(echo);
    let mut http = Http::default();
    http.set_request_header("Content-Type", "application/xml").unwrap();
    http.send_text("POST", &server.url("/see-other"), "zipped text", "", "text/plain", true, true)
        .unwrap();
    let posted = server.requests().into_iter().find(|r| r.path == "/see-other").unwrap();
    assert_eq!(posted.header("Content-Encoding"), Some("gzip"));
    assert!(posted.header("Content-MD5").is_some() && posted.header("Content-Type").is_some());
    let got = last(&server);
    assert_eq!((got.method.as_str(), got.path.as_str(), got.body.len()), ("GET", "/echo", 0));
    for body_header in ["Content-Type", "Content-Encoding", "Content-MD5", "Content-Length"] {
        assert_eq!(got.header(body_header), None, "{body_header} of a body no longer sent");
    }
    // RFC 9110 15.4.4: a HEAD answered with 303 stays a HEAD.
    assert_eq!(http.http_no_body("HEAD", &server.url("/see-other")).unwrap().status, 200);
    assert_eq!((last(&server).method.as_str(), last(&server).path.as_str()), ("HEAD", "/echo"));
}

#[test]
fn the_oauth_error_is_kept_whatever_the_policy_from_the_challenge_of_the_scheme_sent() {
    let server = Server::start(echo);
    let mut http = Http::default();
    // HttpNoBody returns any status: the refusal is still readable.
    assert_eq!(http.http_no_body("GET", &server.url("/refuse")).unwrap().status, 401);
    assert_eq!(
        (http.last_oauth_error(), http.last_oauth_error_description()),
        ("invalid_token", "expired, renew it")
    );
    // A DPoP request was refused for what the DPoP challenge says.
    http.set_request_header("Authorization", "DPoP some-token").unwrap();
    http.http_no_body("GET", &server.url("/refuse")).unwrap();
    assert_eq!(
        (http.last_oauth_error(), http.last_oauth_error_description()),
        ("invalid_dpop_proof", "bad proof")
    );
    let e = http.quick_get_str(&server.url("/refuse")).unwrap_err();
    assert!(e.to_string().contains("invalid_dpop_proof: bad proof"), "{e}");
    assert_eq!(http.last_oauth_error(), "invalid_dpop_proof");
    // An OAuth error body (RFC 6749 5.2).
    let response = http
        .http_json("POST", &server.url("/bad-request"), "{}", "application/json")
        .unwrap();
    assert_eq!(response.status, 400);
    assert_eq!(
        (http.last_oauth_error(), http.last_oauth_error_description()),
        ("invalid_request", "no")
    );
    http.quick_get_str(&server.url("/echo")).unwrap();
    assert_eq!(http.last_oauth_error(), "");
}

#[test]
fn url_variables_are_replaced_and_headers_removed() {
    let server = Server::start(echo);
    let mut http = Http::default();
    http.set_url_var("id", "a b/c").unwrap();
    http.set_request_header("X-A", "1").unwrap();
    http.set_request_header("X-B", "2").unwrap();
    http.remove_request_header("x-a");
    http.quick_get_str(&server.url("/items/{$id}?q={$id}&none={$none}")).unwrap();
    let got = last(&server);
    assert_eq!((got.path.as_str(), got.query.as_str()), ("/items/a%20b%2Fc", "q=a%20b%2Fc&none="));
    assert_eq!((got.header("X-A"), got.header("X-B")), (None, Some("2")));
    http.clear_url_vars();
    http.quick_get_str(&server.url("/items/{$id}")).unwrap();
    assert_eq!(last(&server).path, "/items/");
}

#[test]
fn a_refusing_token_endpoint_sets_last_status_and_the_oauth_error() {
    let server = Server::start(|req| match req.path.as_str() {
        "/token" => json_reply(
            401,
            &[],
            &json!({"error": "invalid_client", "error_description": "client authentication failed"}),
        ),
        _ => echo(req),
    });
    let mut http = Http::default();
    let config = json!({"token_endpoint": server.url("/token"), "client_id": "c-refused", "client_secret": "s3cret-value"});
    http.set_auth_token(&config.to_string()).unwrap();
    let e = http.quick_get_str(&server.url("/api")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OAuth);
    assert_eq!((http.last_status(), http.last_status_text()), (401, "Whatever"));
    assert_eq!(http.last_oauth_error(), "invalid_client");
    assert_eq!(http.last_oauth_error_description(), "client authentication failed");
    assert_eq!(http.last_response().unwrap().body, b"", "not the token endpoint's body");
    // Asked again within the failure memory: the same status, without asking the server.
    let before = server.count("/token");
    http.quick_get_str(&server.url("/api")).unwrap_err();
    assert_eq!((http.last_status(), server.count("/token")), (401, before));
    assert_eq!(server.count("/api"), 0);

    // The extension asks for a token and returns the refusal in the same values.
    let e = http.request_token(&config.to_string()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OAuth);
    assert_eq!((http.last_status(), http.last_oauth_error()), (401, "invalid_client"));
    assert!(!e.to_string().contains("s3cret-value"));
}

#[test]
fn rest_sends_by_path_to_the_connected_server() {
    let server = Server::start(echo);
    let port: i32 = server.url("").rsplit(':').next().unwrap().parse().unwrap();
    let mut rest = Rest::default();
    assert_eq!(
        rest.full_request_no_body("GET", "/echo").unwrap_err().kind(),
        ErrorKind::InvalidState
    );
    rest.connect("127.0.0.1", port, false, true).unwrap();
    rest.set_authorization("Bearer abc").unwrap();
    rest.add_header("X-One", "1").unwrap();
    rest.add_header("X-One", "2").unwrap();
    let body = rest.full_request_no_body("GET", "/echo?x=1").unwrap();
    assert!(body.contains("\"query\":\"x=1\""), "{body}");
    let got = last(&server);
    assert_eq!(names(&got), ["x-one", "authorization"], "no Accept, Accept-Encoding or User-Agent");
    assert_eq!(got.header("Authorization"), Some("Bearer abc"));
    let response = rest.response().unwrap();
    assert_eq!((response.status, response.header_name(1).unwrap().as_str()), (200, "x-lower"));

    rest.clear_all_headers();
    rest.full_request_string("PUT", "/echo", "hello").unwrap();
    let got = last(&server);
    assert_eq!(
        (got.method.as_str(), got.body.as_slice(), got.header("Content-Type")),
        ("PUT", &b"hello"[..], None)
    );

    rest.add_query_param("q", "a b");
    rest.add_query_param("r", "x&y");
    rest.full_request_form_url_encoded("POST", "/echo").unwrap();
    let got = last(&server);
    assert_eq!((got.body.as_slice(), got.query.as_str()), (&b"q=a+b&r=x%26y"[..], ""));
    assert_eq!(got.header("Content-Type"), Some("application/x-www-form-urlencoded"));
    rest.full_request_no_body("GET", "/echo").unwrap();
    assert_eq!(last(&server).query, "q=a%20b&r=x%26y");
    rest.clear_all_query_params();

    let body = rest.full_request_no_body("GET", "/missing").unwrap();
    assert_eq!(
        (body.as_str(), rest.response().unwrap().status),
        ("no such thing", 404),
        "any status"
    );
    rest.disconnect();
    rest.full_request_no_body("GET", "/echo").unwrap();
}
