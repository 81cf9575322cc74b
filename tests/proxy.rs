//! The seed flow through a real HTTP proxy (tinyproxy, from Debian's packages) started on
//! 127.0.0.1 by each test: set with the Proxy* properties, with and without proxy
//! authentication, and taken from the environment as curl reads it (NO_PROXY honoured). The
//! proxy's own log shows which connections went through it.

mod common;

use common::assert_failure;
use common::servers::TestServers;
use dpop::http::{Http, StatusPolicy};
use dpop::key::SigningKey;
use dpop::ErrorKind;
use serde_json::json;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PROXY_PASSWORD: &str = "proxy-Pa55-word";

/// A tinyproxy process on 127.0.0.1, stopped when dropped.
struct Tinyproxy {
    port: u16,
    dir: PathBuf,
    child: Child,
}

impl Tinyproxy {
    /// Starts tinyproxy, requiring `user`/PROXY_PASSWORD when `with_auth`.
    fn start(name: &str, with_auth: bool) -> Tinyproxy {
        let dir = std::env::temp_dir().join(format!("dpop-proxy-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let auth = if with_auth {
            format!("BasicAuth user {PROXY_PASSWORD}\n")
        } else {
            String::new()
        };
        // No ConnectPort line: CONNECT is allowed to every port (the test servers' are random).
        let config = format!(
            "Port {port}\nListen 127.0.0.1\nTimeout 30\nMaxClients 50\nLogLevel Connect\nLogFile \"{}\"\n{auth}",
            dir.join("tinyproxy.log").display()
        );
        std::fs::write(dir.join("tinyproxy.conf"), config).unwrap();
        let child = Command::new("tinyproxy")
            .arg("-d")
            .arg("-c")
            .arg(dir.join("tinyproxy.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tinyproxy is needed for these tests (apt-get install tinyproxy; .ci/run installs it)");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(10), "tinyproxy did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Tinyproxy { port, dir, child }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("tinyproxy.log")).unwrap_or_default()
    }

    /// How many CONNECT tunnels the proxy opened to `host:port` of `url`.
    fn tunnels_to(&self, url: &str) -> usize {
        let authority = url.split("://").nth(1).unwrap().split('/').next().unwrap();
        self.log().matches(&format!("CONNECT {authority} ")).count()
    }
}

impl Drop for Tinyproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn seed_http(s: &TestServers) -> Http {
    let mut http = Http::default();
    http.set_dpop_key(Arc::new(SigningKey::generate_ec("P-256").unwrap()));
    let auth = json!({"client_secret": "secret", "client_id": "m2m.dpop", "token_endpoint": s.token_endpoint, "scope": "api"});
    http.set_auth_token(&auth.to_string()).unwrap();
    http.update_settings(|settings| {
        settings.set_connect_timeout_secs(5);
        settings.set_read_timeout_secs(10);
    });
    http
}

fn via(http: &mut Http, proxy: &Tinyproxy, login: &str, password: &str) {
    http.set_proxy_domain("127.0.0.1").unwrap();
    http.set_proxy_port(proxy.port.into()).unwrap();
    http.update_settings(|s| {
        s.proxy_mut().login = login.to_string();
        s.proxy_mut().password = password.to_string();
    });
}

#[test]
fn the_seed_flow_goes_through_the_proxy_set_in_the_properties() {
    let s = TestServers::start();
    let proxy = Tinyproxy::start("properties", false);
    let mut http = seed_http(&s);
    via(&mut http, &proxy, "", "");
    for _ in 0..2 {
        let body = http
            .request("GET", &s.resource, None, StatusPolicy::FailUnless2xx)
            .unwrap()
            .body_text();
        assert!(body.contains(r#""ok":true"#), "{body}");
    }
    assert!(
        proxy.tunnels_to(&s.token_endpoint) >= 1,
        "the token request went through the proxy:\n{}",
        proxy.log()
    );
    assert!(
        proxy.tunnels_to(&s.resource) >= 1,
        "the API requests went through the proxy:\n{}",
        proxy.log()
    );

    // HTTPS through the tunnel, TLS end to end with the resource server.
    let mut https = seed_http(&s);
    via(&mut https, &proxy, "", "");
    https.update_settings(|settings| settings.set_trusted_ca_file(&s.ca_file));
    https.request("GET", &s.resource_https, None, StatusPolicy::FailUnless2xx).unwrap();
    assert!(proxy.tunnels_to(&s.resource_https) >= 1, "{}", proxy.log());
}

#[test]
fn proxy_authentication_is_sent_and_its_password_never_shown() {
    let s = TestServers::start();
    let proxy = Tinyproxy::start("auth", true);
    let log = std::env::temp_dir().join(format!("dpop-proxy-session-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);

    let mut http = seed_http(&s);
    via(&mut http, &proxy, "user", PROXY_PASSWORD);
    http.set_session_log_path(log.to_str().unwrap());
    http.request("GET", &s.resource, None, StatusPolicy::FailUnless2xx).unwrap();
    assert!(proxy.tunnels_to(&s.resource) >= 1, "{}", proxy.log());

    let mut refused = seed_http(&s);
    via(&mut refused, &proxy, "user", "wrong-password");
    let err = refused.request("GET", &s.resource, None, StatusPolicy::FailUnless2xx).unwrap_err();
    assert_failure(&err, ErrorKind::Network, &[&format!("127.0.0.1:{}", proxy.port)]);
    assert!(!err.to_string().contains("wrong-password"), "{err}");

    let mut anonymous = seed_http(&s);
    via(&mut anonymous, &proxy, "", "");
    assert_eq!(
        anonymous
            .request("GET", &s.resource, None, StatusPolicy::FailUnless2xx)
            .unwrap_err()
            .kind(),
        ErrorKind::Network
    );

    let written = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    assert!(!written.is_empty(), "the session log was written");
    assert!(!written.contains(PROXY_PASSWORD), "the proxy password is not in the session log");
}

#[test]
fn an_unreachable_proxy_is_a_network_error_naming_it() {
    let s = TestServers::start();
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut http = seed_http(&s);
    http.set_proxy_domain("127.0.0.1").unwrap();
    http.set_proxy_port(closed.into()).unwrap();
    let err = http.request("GET", &s.resource, None, StatusPolicy::FailUnless2xx).unwrap_err();
    assert_failure(&err, ErrorKind::Network, &[&format!("127.0.0.1:{closed}")]);
    assert_eq!(http.set_proxy_port(0).unwrap_err().kind(), ErrorKind::InvalidArgument);
    assert_eq!(http.set_proxy_port(70_000).unwrap_err().kind(), ErrorKind::InvalidArgument);
}

/// The environment is read once per process, so these cases run in child processes of this test
/// binary (`env_child`), each with its own environment.
fn run_child(env: &[(&str, String)], servers: &TestServers) -> String {
    let mut env = env.to_vec();
    env.push(("DPOP_PROXY_CHILD", servers.raw.to_string()));
    let proxy_variables = [
        "http_proxy",
        "https_proxy",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ];
    common::run_test_as_child("env_child", &env, &proxy_variables)
}

#[test]
fn the_environment_names_the_proxy_as_for_curl_and_no_proxy_is_honoured() {
    let s = TestServers::start();
    let proxy = Tinyproxy::start("env", true);
    let address = format!("http://user:{PROXY_PASSWORD}@127.0.0.1:{}", proxy.port);
    // The test servers are plain http: curl's variable for that is the lower-case http_proxy.
    let out = run_child(&[("http_proxy", address.clone())], &s);
    assert!(out.contains("child: ok"), "{out}");
    assert!(
        proxy.tunnels_to(&s.resource) >= 1 && proxy.tunnels_to(&s.token_endpoint) >= 1,
        "{}",
        proxy.log()
    );
    assert!(!out.contains(PROXY_PASSWORD), "{out}");

    // NO_PROXY lists the servers' address: everything goes direct, the proxy sees nothing new.
    let before = proxy.log().len();
    let out = run_child(&[("http_proxy", address.clone()), ("NO_PROXY", "localhost,127.0.0.1".into())], &s);
    assert!(out.contains("child: ok"), "{out}");
    assert_eq!(proxy.log().len(), before, "no request went through the proxy:\n{}", proxy.log());

    // The property wins over the environment: a dead proxy in the environment does not matter.
    let dead = format!(
        "http://127.0.0.1:{}",
        TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
    );
    let out = run_child(&[("http_proxy", dead), ("DPOP_PROXY_CHILD_PROPERTY", proxy.port.to_string())], &s);
    assert!(out.contains("child: ok"), "{out}");
}

/// Not a test of its own: the body of the environment cases, run by `run_child`.
#[test]
fn env_child() {
    let Ok(raw) = std::env::var("DPOP_PROXY_CHILD") else { return };
    let raw: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let (token_endpoint, resource) = (raw["token_endpoint"].as_str().unwrap(), raw["resource"].as_str().unwrap());
    let mut http = Http::default();
    http.set_dpop_key(Arc::new(SigningKey::generate_ec("P-256").unwrap()));
    let auth = json!({"client_secret": "secret", "client_id": "m2m.dpop", "token_endpoint": token_endpoint, "scope": "api"});
    http.set_auth_token(&auth.to_string()).unwrap();
    if let Ok(port) = std::env::var("DPOP_PROXY_CHILD_PROPERTY") {
        http.set_proxy_domain("127.0.0.1").unwrap();
        http.set_proxy_port(port.parse().unwrap()).unwrap();
        http.update_settings(|s| {
            s.proxy_mut().login = "user".into();
            s.proxy_mut().password = PROXY_PASSWORD.into();
        });
    }
    match http.request("GET", resource, None, StatusPolicy::FailUnless2xx) {
        Ok(_) => println!("child: ok"),
        Err(e) => panic!("child: {e}"),
    }
}
