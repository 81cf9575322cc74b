//! A scriptable, misbehaving HTTP/1.1 server for the hostile-server tests.
//!
//! `Server::start(script)` listens on 127.0.0.1 (a free port) and runs `script` for every request
//! it reads; the script's [`Reply`] says what to send back: any bytes at all, nothing, a body that
//! trickles in forever, or a flood. Every request is recorded for the test to inspect, and so is
//! every connection (even one that never sent a complete request).
//!
//! A server starts *hostile*: `Request::hostile` is true until the test calls [`Server::calm`],
//! so a script reads as "misbehave, and once calmed answer properly".
//!
//! Bounded: one thread per connection, one response per connection (`Connection: close`) unless
//! the script keeps it alive, and every loop is limited in count and in time. Dropping the `Server` (also when a test panics)
//! stops every thread it started and waits for them.
//!
//! Shared by the test crates that script a server (hostile.rs, http_methods.rs), each using part.
#![allow(dead_code)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use serde_json::Value;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// No server thread lives longer than this, whatever the script says.
const MAX_LIFETIME: Duration = Duration::from_secs(60);
const MAX_CONNECTIONS: usize = 200;
const MAX_REQUEST_BYTES: usize = 1 << 20;
/// How often blocked threads look at the stop flag.
const POLL: Duration = Duration::from_millis(20);

/// One request as the server read it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// The path without the query.
    pub path: String,
    /// The query without the `?` ("" for none).
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// 1 for the first request to this path on this server, 2 for the second, ...
    pub nth: usize,
    /// 1 for the first request on its connection, 2 for the second (after a `KeepAlive`), ...
    pub on_connection: usize,
    /// Whether the server was still hostile (not yet calmed) when this request came in.
    pub hostile: bool,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The claims of the request's DPoP proof, decoded but not verified.
    pub fn proof(&self) -> Option<Value> {
        jwt_part(self.header("DPoP")?, 1)
    }

    /// The `alg` of the request's DPoP proof.
    pub fn proof_alg(&self) -> Option<String> {
        Some(jwt_part(self.header("DPoP")?, 0)?["alg"].as_str()?.to_string())
    }

    /// The value of form field `name` of the request's body.
    pub fn form_field(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(&self.body)
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.into_owned())
    }

    /// The request carries `Authorization: DPoP ...`.
    pub fn is_dpop(&self) -> bool {
        self.header("Authorization").is_some_and(|a| a.starts_with("DPoP "))
    }
}

/// Part `index` (0: header, 1: claims) of a compact JWS, decoded but not verified.
pub fn jwt_part(jws: &str, index: usize) -> Option<Value> {
    serde_json::from_slice(&B64URL.decode(jws.split('.').nth(index)?).ok()?).ok()
}

/// What the server does with a request.
pub enum Reply {
    /// Writes these bytes, then closes the connection.
    Bytes(Vec<u8>),
    /// Keeps the connection open and never answers.
    Silent,
    /// Writes `head`, then `piece` every `every`, until the client goes away (or the test ends).
    Drip { head: Vec<u8>, piece: Vec<u8>, every: Duration },
    /// Writes `head`, then `len` bytes of filler as fast as the client takes them.
    Flood { head: Vec<u8>, len: usize },
    /// Writes these bytes and keeps the connection open for the next request.
    KeepAlive(Vec<u8>),
    /// Writes these bytes, then resets the connection (TCP RST instead of a clean close).
    Reset(Vec<u8>),
}

/// A well-formed response: status line, `headers`, Content-Length, Connection: close, `body`.
pub fn response(status: u16, headers: &[(&str, &str)], body: impl AsRef<[u8]>) -> Reply {
    let body = body.as_ref();
    let mut out = head(status, headers);
    out.truncate(out.len() - 2);
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
    Reply::Bytes(out)
}

/// A JSON response.
pub fn json_reply(status: u16, headers: &[(&str, &str)], body: &Value) -> Reply {
    let mut all = vec![("Content-Type", "application/json")];
    all.extend_from_slice(headers);
    response(status, &all, body.to_string())
}

/// Status line and headers (with Connection: close), up to and including the blank line.
pub fn head(status: u16, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} Whatever\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("Connection: close\r\n\r\n");
    out.into_bytes()
}

type Script = Box<dyn FnMut(&Request) -> Reply + Send>;

#[derive(Default)]
struct Log {
    connections: usize,
    requests: Vec<Request>,
}

struct Shared {
    stop: AtomicBool,
    hostile: AtomicBool,
    log: Mutex<Log>,
    script: Mutex<Script>,
}

pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Server {
    pub fn start(script: impl FnMut(&Request) -> Reply + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            hostile: AtomicBool::new(true),
            log: Mutex::default(),
            script: Mutex::new(Box::new(script)),
        });
        let acceptor = {
            let shared = shared.clone();
            std::thread::spawn(move || accept_loop(listener, shared))
        };
        Server {
            addr,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// `http://127.0.0.1:PORT{path}`
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// From now on, `Request::hostile` is false.
    pub fn calm(&self) {
        self.shared.hostile.store(false, Ordering::SeqCst);
    }

    pub fn requests(&self) -> Vec<Request> {
        lock(&self.shared.log).requests.clone()
    }

    /// How many requests came in for `path`.
    pub fn count(&self, path: &str) -> usize {
        lock(&self.shared.log).requests.iter().filter(|r| r.path == path).count()
    }

    /// How many connections were accepted (complete requests or not).
    pub fn connections(&self) -> usize {
        lock(&self.shared.log).connections
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn stopping(shared: &Shared, started: Instant) -> bool {
    shared.stop.load(Ordering::SeqCst) || started.elapsed() > MAX_LIFETIME
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let started = Instant::now();
    let mut workers = Vec::new();
    while !stopping(&shared, started) && workers.len() < MAX_CONNECTIONS {
        match listener.accept() {
            Ok((stream, _)) => {
                lock(&shared.log).connections += 1;
                let shared = shared.clone();
                workers.push(std::thread::spawn(move || serve(stream, &shared, started)));
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => std::thread::sleep(POLL),
            Err(_) => break,
        }
    }
    // Connection threads watch the same stop flag and lifetime, so these joins end soon.
    while !stopping(&shared, started) {
        std::thread::sleep(POLL);
    }
    for worker in workers {
        let _ = worker.join();
    }
}

/// Reads requests, records them, asks the script, and acts out the replies: one per connection
/// unless the script keeps the connection alive.
fn serve(mut stream: TcpStream, shared: &Shared, started: Instant) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(POLL));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let mut on_connection = 0;
    loop {
        let Some(mut request) = read_request(&mut stream, shared, started) else {
            return;
        };
        on_connection += 1;
        request.on_connection = on_connection;
        request.hostile = shared.hostile.load(Ordering::SeqCst);
        {
            let mut log = lock(&shared.log);
            request.nth = 1 + log.requests.iter().filter(|r| r.path == request.path).count();
            log.requests.push(request.clone());
        }
        let reply = (lock(&shared.script))(&request);
        match reply {
            Reply::KeepAlive(bytes) if on_connection < MAX_CONNECTIONS => {
                if stream.write_all(&bytes).is_err() {
                    return;
                }
            }
            other => return act_out(stream, other, shared, started),
        }
    }
}

/// Sends a reply that ends the connection.
fn act_out(mut stream: TcpStream, reply: Reply, shared: &Shared, started: Instant) {
    let alive = || !stopping(shared, started);
    match reply {
        Reply::Bytes(bytes) | Reply::KeepAlive(bytes) => {
            let _ = stream.write_all(&bytes);
        }
        Reply::Reset(bytes) => {
            let _ = stream.write_all(&bytes);
            reset(&stream);
            return;
        }
        Reply::Silent => {
            while alive() {
                std::thread::sleep(POLL);
            }
        }
        Reply::Drip { head, piece, every } => {
            if stream.write_all(&head).is_ok() {
                while alive() && stream.write_all(&piece).and_then(|_| stream.flush()).is_ok() {
                    std::thread::sleep(every);
                }
            }
        }
        Reply::Flood { head, len } => {
            let filler = vec![b'x'; 64 * 1024];
            let mut left = len;
            let mut ok = stream.write_all(&head).is_ok();
            while ok && left > 0 && alive() {
                let n = left.min(filler.len());
                ok = stream.write_all(&filler[..n]).is_ok();
                left -= n;
            }
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// Closes `stream` with a TCP RST: SO_LINGER on with a zero timeout, then close.
fn reset(stream: &TcpStream) {
    use std::os::fd::AsRawFd;
    let linger = libc::linger { l_onoff: 1, l_linger: 0 };
    // SAFETY: a valid socket descriptor and a correctly sized linger struct.
    unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
}

fn read_request(stream: &mut TcpStream, shared: &Shared, started: Instant) -> Option<Request> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut need: Option<usize> = None;
    loop {
        if let Some(total) = need {
            if buf.len() >= total {
                break;
            }
        } else if let Some(end) = find(&buf, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
            let length = head
                .lines()
                .find_map(|l| l.split_once(':').filter(|(n, _)| n.trim().eq_ignore_ascii_case("content-length")))
                .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            need = Some(end + 4 + length);
            continue;
        }
        if stopping(shared, started) || Instant::now() > deadline || buf.len() > MAX_REQUEST_BYTES {
            return None;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return None,
        }
    }
    let end = find(&buf, b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_string();
    let target = request_line.next()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Request {
        method,
        path: target.split('?').next().unwrap_or(target).to_string(),
        query: target.split_once('?').map_or("", |(_, q)| q).to_string(),
        headers,
        body: buf[end + 4..].to_vec(),
        nth: 0,
        on_connection: 0,
        hostile: true,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
