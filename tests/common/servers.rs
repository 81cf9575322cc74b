//! Starts the Node.js test servers (`tests/server/start.mjs`): a DPoP
//! authorization server (oidc-provider), a Bearer-only authorization server and
//! a resource server that verifies DPoP proofs, plus their admin API.
//!
//! Needs `node` (>= 20) on PATH (or `$NODE`) and `npm ci --prefix tests/server`.
//! Every `TestServers::start()` runs its own server process with its own ports
//! and state, so tests running in parallel do not disturb each other.
//! Set `LIBDPOP_TEST_SERVER_LOG=1` to print the server's log when it stops;
//! it is printed anyway when the test panics.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

const READY_TIMEOUT: Duration = Duration::from_secs(60);
const ADMIN_TIMEOUT: Duration = Duration::from_secs(15);
const MAX_LOG: usize = 1 << 20;

pub struct TestServers {
    /// Issuer of the DPoP authorization server.
    pub issuer: String,
    /// Token endpoint of the DPoP authorization server (plain HTTP).
    pub token_endpoint: String,
    /// The same token endpoint over HTTPS (certificate from `ca_file`).
    pub token_endpoint_https: String,
    /// Token endpoint of the authorization server without DPoP support.
    pub bearer_token_endpoint: String,
    /// `GET`/`DELETE` protected resource (plain HTTP).
    pub resource: String,
    /// The same resource over HTTPS.
    pub resource_https: String,
    /// `POST`/`PUT`/`PATCH` echo resource (plain HTTP).
    pub echo: String,
    /// Admin API base URL (no trailing slash), e.g. `http://127.0.0.1:P/__admin`.
    pub admin: String,
    /// PEM file of the test CA that issued the HTTPS listeners' certificate.
    pub ca_file: String,
    /// The whole ready line as JSON (every URL and client the server offers).
    pub raw: serde_json::Value,
    child: Child,
    stdin: Option<ChildStdin>,
    log: Arc<Mutex<String>>,
}

/// A response from [`raw_http`].
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl RawResponse {
    /// First header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("response body is not JSON ({e}): {}", self.body))
    }
}

fn append_log(log: &Mutex<String>, line: &str) {
    let mut l = log.lock().unwrap_or_else(|e| e.into_inner());
    l.push_str(line);
    l.push('\n');
    if l.len() > MAX_LOG {
        let mut cut = l.len() - MAX_LOG / 2;
        while !l.is_char_boundary(cut) {
            cut += 1;
        }
        l.drain(..cut);
    }
}

impl TestServers {
    /// Starts the servers and waits (at most 60 s) for their ready line.
    /// Panics with the server's stderr if that fails.
    pub fn start() -> TestServers {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let server_dir = root.join("tests").join("server");
        if !server_dir.join("node_modules").is_dir() {
            panic!(
                "the Node.js test servers are not installed: {} is missing.\n\
                 Run `npm ci --prefix tests/server` in {} (needs Node.js >= 20 and npm).",
                server_dir.join("node_modules").display(),
                root.display()
            );
        }
        let node = std::env::var("NODE").unwrap_or_else(|_| "node".to_string());
        let mut child = Command::new(&node)
            .arg(server_dir.join("start.mjs"))
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run `{node}` for the test servers (is Node.js installed?): {e}"));

        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("child stderr");
        let log2 = Arc::clone(&log);
        let stderr_thread = std::thread::spawn(move || {
            let reader = BufReader::new(stderr);
            for line in reader.lines() {
                match line {
                    Ok(line) => append_log(&log2, &line),
                    Err(_) => break,
                }
            }
        });

        let stdout = child.stdout.take().expect("child stdout");
        let (tx, rx) = mpsc::channel::<String>();
        std::thread::spawn(move || {
            let reader = BufReader::new(stdout);
            for line in reader.lines() {
                match line {
                    Ok(line) => {
                        // After the ready line nobody listens; keep draining.
                        let _ = tx.send(line);
                    }
                    Err(_) => break,
                }
            }
        });

        let stdin = child.stdin.take();
        let deadline = Instant::now() + READY_TIMEOUT;
        let raw: serde_json::Value = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    let trimmed = line.trim();
                    if trimmed.starts_with('{') {
                        if let Ok(v) = serde_json::from_str::<serde_json::Value>(trimmed) {
                            if v.get("ready").and_then(|r| r.as_bool()) == Some(true) {
                                break v;
                            }
                        }
                    }
                    append_log(&log, &format!("[stdout] {line}"));
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let _ = stderr_thread.join();
                    panic!(
                        "the test servers did not become ready within {:?}; their stderr:\n{}",
                        READY_TIMEOUT,
                        log.lock().unwrap_or_else(|e| e.into_inner())
                    );
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = child.wait();
                    let _ = stderr_thread.join();
                    panic!(
                        "the test servers exited before becoming ready ({status:?}); their stderr:\n{}",
                        log.lock().unwrap_or_else(|e| e.into_inner())
                    );
                }
            }
        };

        let field = |name: &str| -> String {
            raw.get(name)
                .and_then(|v| v.as_str())
                .unwrap_or_else(|| panic!("ready line has no string field {name:?}: {raw}"))
                .to_string()
        };
        TestServers {
            issuer: field("issuer"),
            token_endpoint: field("token_endpoint"),
            token_endpoint_https: field("token_endpoint_https"),
            bearer_token_endpoint: field("bearer_token_endpoint"),
            resource: field("resource"),
            resource_https: field("resource_https"),
            echo: field("echo"),
            admin: field("admin"),
            ca_file: field("ca_file"),
            raw,
            child,
            stdin,
            log,
        }
    }

    /// A string field of the ready line (e.g. `"echo_https"`, `"audience"`).
    pub fn url(&self, name: &str) -> String {
        self.raw
            .get(name)
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("ready line has no string field {name:?}"))
            .to_string()
    }

    /// Everything the server process wrote to stderr so far (its request log).
    pub fn log(&self) -> String {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// `GET {admin}/{path}` and parse the JSON answer (panics unless 200).
    pub fn admin_get(&self, path: &str) -> serde_json::Value {
        let url = format!("{}/{}", self.admin, path.trim_start_matches('/'));
        let r = raw_http("GET", &url, &[], None);
        assert_eq!(r.status, 200, "GET {url} failed: {}", r.body);
        r.json()
    }

    /// `POST {admin}/{path}` with a JSON body and parse the JSON answer (panics unless 200).
    pub fn admin_post(&self, path: &str, json: &str) -> serde_json::Value {
        let url = format!("{}/{}", self.admin, path.trim_start_matches('/'));
        let r = raw_http("POST", &url, &[("Content-Type", "application/json")], Some(json.as_bytes()));
        assert_eq!(r.status, 200, "POST {url} failed: {}", r.body);
        r.json()
    }

    /// Counters: `{"as":{"dpop":{...},"bearer":{...}},"rs":{...}}`.
    pub fn stats(&self) -> serde_json::Value {
        self.admin_get("stats")
    }

    /// Last DPoP proofs received, decoded: `{"as":[...],"rs":[...]}`.
    pub fn proofs(&self) -> serde_json::Value {
        self.admin_get("proofs")
    }

    /// Last requests to the token endpoints and the resource server.
    pub fn requests(&self) -> serde_json::Value {
        self.admin_get("requests")
    }

    /// Clears counters, proof and request logs, and restores the default config.
    pub fn reset(&self) {
        self.admin_post("reset", "{}");
    }

    /// Changes the config, e.g. `{"access_token_ttl":5,"rs_reject_next":"invalid_token"}`.
    /// Returns the resulting config (which includes the RS's current nonce).
    pub fn config(&self, json: &str) -> serde_json::Value {
        self.admin_post("config", json)
    }
}

impl Drop for TestServers {
    fn drop(&mut self) {
        // Closing stdin makes the server clean up (temp dir) and exit.
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
                _ => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break;
                }
            }
        }
        if std::thread::panicking() || std::env::var_os("LIBDPOP_TEST_SERVER_LOG").is_some() {
            let log = self.log();
            let tail = if log.len() > 20_000 {
                let mut cut = log.len() - 20_000;
                while !log.is_char_boundary(cut) {
                    cut += 1;
                }
                &log[cut..]
            } else {
                &log[..]
            };
            eprintln!("---- test server log (tail) ----\n{tail}---- end of test server log ----");
        }
    }
}

/// A minimal HTTP/1.1 client for plain `http://` URLs (no TLS), for the admin
/// API and for hand-made requests in tests. Sends `Connection: close` and
/// reads until the server closes.
pub fn raw_http(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> RawResponse {
    let rest = url
        .strip_prefix("http://")
        .unwrap_or_else(|| panic!("raw_http supports http:// URLs only: {url}"));
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let mut stream = TcpStream::connect(authority).unwrap_or_else(|e| panic!("cannot connect to {authority}: {e}"));
    stream.set_read_timeout(Some(ADMIN_TIMEOUT)).ok();
    stream.set_write_timeout(Some(ADMIN_TIMEOUT)).ok();

    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!("Content-Length: {}\r\n", b.len()));
    } else if matches!(method, "POST" | "PUT" | "PATCH") {
        req.push_str("Content-Length: 0\r\n");
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    if let Some(b) = body {
        bytes.extend_from_slice(b);
    }
    stream
        .write_all(&bytes)
        .unwrap_or_else(|e| panic!("cannot send request to {url}: {e}"));

    let mut resp = Vec::new();
    stream
        .read_to_end(&mut resp)
        .unwrap_or_else(|e| panic!("cannot read response from {url}: {e}"));
    let split = resp
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("malformed HTTP response from {url}: {:?}", String::from_utf8_lossy(&resp)));
    let head = String::from_utf8_lossy(&resp[..split]).to_string();
    let mut body = resp[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("malformed status line from {url}: {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        body = dechunk(&body);
    } else if let Some(len) = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
    {
        body.truncate(len);
    }
    RawResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&body).to_string(),
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size_str = String::from_utf8_lossy(&data[..eol]);
        let size = usize::from_str_radix(size_str.split(';').next().unwrap_or("").trim(), 16).unwrap_or(0);
        data = &data[eol + 2..];
        if size == 0 || data.len() < size {
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[(size + 2).min(data.len())..];
    }
    out
}
