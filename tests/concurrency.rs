//! Concurrency stress test ("Reliability and security"): 40 threads hammer the local servers at
//! once, with DPoP nonces on (the servers' default), all with the same key and client, so all of
//! them share the process-wide token cache and nonce memory.
//!
//! - 32 threads each use an Http object of their own: half through the Rust API
//!   (`dpop::http::Http`), half through the C ABI (`CkHttp_*`, one handle per thread).
//! - 8 threads share ONE `CkHttp` handle through the C ABI, which is where the per-handle mutex
//!   lives. They alternate `CkHttp_quickGetStr` (GET /api/resource) and `CkHttp_PostJson2`
//!   (POST /api/echo with a body naming the thread and iteration, which must come back in the
//!   response the same thread receives).
//!
//! Every request must succeed, and the token endpoint must issue exactly one token
//! (`tokens_issued == 1`): all threads start together on an empty cache, and the cache fetches
//! one token per lifetime (single flight).
//!
//! A string returned by `CkHttp_quickGetStr` belongs to the handle and is valid only until the
//! next string-returning call on that handle (README, "C API conventions"). On a handle shared by
//! threads another thread's call may free it at any moment, so the shared threads never read it
//! (nor `LastStatus` / `LastErrorText`, which describe whichever call came last): their GETs are
//! checked through the resource server's counters instead, their POSTs through the response
//! handle each call returns, which belongs to the calling thread alone.
//!
//! Environment:
//! - `DPOP_STRESS_REQUESTS` (default 1000): requests per thread.
//! - `DPOP_STRESS_TIMEOUT_SECS` (default 1800): a watchdog; when the threads have not finished by
//!   then the test fails with each thread's progress (a deadlock shows as threads that stopped).

mod common;

use common::servers::TestServers;
use dpop::ffi::http::*;
use dpop::ffi::http_response::*;
use dpop::ffi::private_key::*;
use dpop::http::{Http, StatusPolicy};
use dpop::key::SigningKey;
use serde_json::{json, Value};
use std::ffi::{CStr, CString};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

const OWN_THREADS: usize = 32;
const SHARED_THREADS: usize = 8;
/// Failures kept verbatim for the report (all are counted).
const MAX_REPORTED: usize = 20;

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

fn cstring(s: &str) -> CString {
    CString::new(s).expect("no NUL in test strings")
}

/// Copies a string returned by the C ABI. Only for handles the calling thread uses alone.
fn owned_str(p: *const std::ffi::c_char) -> String {
    assert!(!p.is_null(), "string functions never return NULL");
    // SAFETY: non-NULL, NUL-terminated, owned by a handle no other thread is using right now.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// A raw `CkHttp` handle that threads may share: the library serializes calls on it.
#[derive(Clone, Copy)]
struct SharedHandle(HCkHttp);
// SAFETY: the C API documents that handles may be used from any thread (calls on one handle are
// serialized by its mutex); the pointer itself is only passed back to the library.
unsafe impl Send for SharedHandle {}
unsafe impl Sync for SharedHandle {}
impl SharedHandle {
    fn get(self) -> HCkHttp {
        self.0
    }
}

/// A `CkHttp` set up as in the seed flow, through the C ABI only.
fn c_http(private_jwk: &CStr, client: &CStr) -> Result<HCkHttp, String> {
    let key = CkPrivateKey_Create();
    if CkPrivateKey_LoadJwk(key, private_jwk.as_ptr()) != 1 {
        return Err(format!("LoadJwk: {}", owned_str(CkPrivateKey_lastErrorText(key))));
    }
    let http = CkHttp_Create();
    if http.is_null() {
        return Err("CkHttp_Create returned NULL".into());
    }
    let ok = CkHttp_SetDPoPKey(http, key) == 1;
    CkPrivateKey_Dispose(key);
    if ok {
        CkHttp_putAuthToken(http, client.as_ptr());
    }
    if !ok || CkHttp_getLastMethodSuccess(http) != 1 {
        return Err(format!("setting up the Http object: {}", owned_str(CkHttp_lastErrorText(http))));
    }
    Ok(http)
}

/// What the threads report back.
#[derive(Default)]
struct Outcome {
    failures: AtomicUsize,
    first_failures: Mutex<Vec<String>>,
    /// Requests whose success the client checked itself (all but the shared handle's GETs).
    checked_ok: AtomicUsize,
    /// GETs on the shared handle: verified through the resource server's counters.
    unchecked: AtomicUsize,
}

impl Outcome {
    /// A thread whose Http object could not be set up: all its requests count as failed.
    fn setup_failed(&self, who: &str, requests: usize, why: String) {
        self.fail(who, 0, format!("setup failed: {why}"));
        self.failures.fetch_add(requests.saturating_sub(1), Ordering::Relaxed);
    }

    fn fail(&self, who: &str, i: usize, what: String) {
        self.failures.fetch_add(1, Ordering::Relaxed);
        let mut first = self.first_failures.lock().unwrap_or_else(|p| p.into_inner());
        if first.len() < MAX_REPORTED {
            first.push(format!("{who} request {i}: {what}"));
        }
    }
}

/// Checks a resource server answer: a 2xx JSON saying ok, for a DPoP token bound to our key.
fn check_resource_body(body: &str, jkt: &str, method: &str) -> Result<Value, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| format!("body is not JSON ({e}): {body:.200}"))?;
    if v["ok"] != true || v["token_type"] != "DPoP" || v["jkt"] != jkt || v["method"] != method {
        return Err(format!("unexpected body: {body:.300}"));
    }
    Ok(v)
}

#[test]
fn forty_threads_one_token_every_request_succeeds() {
    let per_thread = env_usize("DPOP_STRESS_REQUESTS", 1000);
    let timeout = Duration::from_secs(env_usize("DPOP_STRESS_TIMEOUT_SECS", 1800) as u64);
    let threads = OWN_THREADS + SHARED_THREADS;
    let total = threads * per_thread;

    let s = TestServers::start();
    let key = Arc::new(SigningKey::generate_ec("P-256").expect("a P-256 key"));
    let jkt = key.thumbprint("SHA256").unwrap();
    let private_jwk = cstring(&key.private_jwk());
    let client =
        json!({"client_secret": "secret", "client_id": "m2m.dpop", "token_endpoint": s.token_endpoint, "scope": "api"}).to_string();
    let client_c = cstring(&client);
    let resource = s.resource.clone();
    let echo = s.echo.clone();

    let shared = SharedHandle(c_http(&private_jwk, &client_c).expect("the shared Http object"));
    let outcome = Arc::new(Outcome::default());
    let progress: Arc<Vec<AtomicUsize>> = Arc::new((0..threads).map(|_| AtomicUsize::new(0)).collect());
    // Everyone starts at once, on an empty token cache and with no nonce known yet.
    let barrier = Arc::new(Barrier::new(threads + 1));
    let (done_tx, done_rx) = mpsc::channel::<(usize, Duration)>();

    let mut handles = Vec::new();
    for t in 0..threads {
        let (outcome, progress, barrier, done_tx) = (outcome.clone(), progress.clone(), barrier.clone(), done_tx.clone());
        let (key, jkt, client, private_jwk, client_c) = (key.clone(), jkt.clone(), client.clone(), private_jwk.clone(), client_c.clone());
        let (resource, echo) = (resource.clone(), echo.clone());
        let builder = std::thread::Builder::new().name(format!("stress-{t}"));
        handles.push(
            builder
                .spawn(move || {
                    if t < OWN_THREADS / 2 {
                        // Own object, Rust API.
                        let who = format!("own Rust Http (thread {t})");
                        let mut http = Http::default();
                        http.set_dpop_key(key);
                        if let Err(e) = http.set_auth_token(&client) {
                            // Still at the barrier, or everybody would wait for this thread forever.
                            outcome.setup_failed(&who, per_thread, e.to_string());
                            barrier.wait();
                            return;
                        }
                        barrier.wait();
                        let started = Instant::now();
                        for i in 0..per_thread {
                            match http.request("GET", &resource, None, StatusPolicy::FailUnless2xx) {
                                Ok(r) => match check_resource_body(&String::from_utf8_lossy(&r.body), &jkt, "GET") {
                                    Ok(_) if http.last_status() == 200 => {
                                        outcome.checked_ok.fetch_add(1, Ordering::Relaxed);
                                    }
                                    Ok(_) => outcome.fail(&who, i, format!("LastStatus {}", http.last_status())),
                                    Err(e) => outcome.fail(&who, i, e),
                                },
                                Err(e) => outcome.fail(&who, i, e.to_string()),
                            }
                            progress[t].fetch_add(1, Ordering::Relaxed);
                        }
                        let _ = done_tx.send((t, started.elapsed()));
                    } else if t < OWN_THREADS {
                        // Own object, C ABI: this thread alone uses the handle, so its strings are safe to read.
                        let who = format!("own CkHttp (thread {t})");
                        let url = cstring(&resource);
                        let http = match c_http(&private_jwk, &client_c) {
                            Ok(http) => http,
                            Err(e) => {
                                outcome.setup_failed(&who, per_thread, e);
                                barrier.wait();
                                return;
                            }
                        };
                        barrier.wait();
                        let started = Instant::now();
                        for i in 0..per_thread {
                            let body = owned_str(CkHttp_quickGetStr(http, url.as_ptr()));
                            let (success, status) = (CkHttp_getLastMethodSuccess(http), CkHttp_getLastStatus(http));
                            if success != 1 {
                                outcome.fail(&who, i, format!("status {status}: {}", owned_str(CkHttp_lastErrorText(http))));
                            } else if status != 200 {
                                outcome.fail(&who, i, format!("LastStatus {status}"));
                            } else if let Err(e) = check_resource_body(&body, &jkt, "GET") {
                                outcome.fail(&who, i, e);
                            } else {
                                outcome.checked_ok.fetch_add(1, Ordering::Relaxed);
                            }
                            progress[t].fetch_add(1, Ordering::Relaxed);
                        }
                        let _ = done_tx.send((t, started.elapsed()));
                        CkHttp_Dispose(http);
                    } else {
                        // The shared handle.
                        let who = format!("shared CkHttp (thread {t})");
                        let h = shared.get();
                        let (resource_c, echo_c, json_type) = (cstring(&resource), cstring(&echo), cstring("application/json"));
                        barrier.wait();
                        let started = Instant::now();
                        for i in 0..per_thread {
                            if i % 2 == 0 {
                                // The returned string may be freed by another thread's call at any
                                // moment; it is not read (the server's counters check these).
                                let _ = CkHttp_quickGetStr(h, resource_c.as_ptr());
                                outcome.unchecked.fetch_add(1, Ordering::Relaxed);
                            } else {
                                let sent = json!({"thread": t, "i": i});
                                let sent_c = cstring(&sent.to_string());
                                let response = CkHttp_PostJson2(h, echo_c.as_ptr(), json_type.as_ptr(), sent_c.as_ptr());
                                if response.is_null() {
                                    // LastErrorText is not readable here (see the module comment).
                                    outcome.fail(&who, i, "PostJson2 returned no response".into());
                                } else {
                                    let status = CkHttpResponse_getStatusCode(response);
                                    let body = owned_str(CkHttpResponse_bodyStr(response));
                                    CkHttpResponse_Dispose(response);
                                    match check_resource_body(&body, &jkt, "POST") {
                                        Ok(v) if status == 200 && v["body"] == sent => {
                                            outcome.checked_ok.fetch_add(1, Ordering::Relaxed);
                                        }
                                        Ok(v) if status == 200 => outcome.fail(
                                            &who,
                                            i,
                                            format!("got the answer to another request: sent {sent}, echoed {}", v["body"]),
                                        ),
                                        Ok(_) => outcome.fail(&who, i, format!("status {status}")),
                                        Err(e) => outcome.fail(&who, i, format!("status {status}: {e}")),
                                    }
                                }
                            }
                            progress[t].fetch_add(1, Ordering::Relaxed);
                        }
                        let _ = done_tx.send((t, started.elapsed()));
                    }
                })
                .expect("spawn a thread"),
        );
    }
    drop(done_tx);

    barrier.wait();
    let started = Instant::now();
    let deadline = started + timeout;
    let mut finished = 0;
    // Slowest thread of each kind: own Rust Http, own CkHttp, shared CkHttp.
    let mut slowest = [Duration::ZERO; 3];
    while finished < threads {
        match done_rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok((t, took)) => {
                finished += 1;
                let kind = if t < OWN_THREADS / 2 {
                    0
                } else if t < OWN_THREADS {
                    1
                } else {
                    2
                };
                slowest[kind] = slowest[kind].max(took);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let counts: Vec<String> = progress
                    .iter()
                    .enumerate()
                    .map(|(t, p)| format!("{t}:{}", p.load(Ordering::Relaxed)))
                    .collect();
                panic!(
                    "only {finished} of {threads} threads finished within {timeout:?} (a deadlock or a stall?); requests done per thread: {}; stats: {}",
                    counts.join(" "),
                    s.stats()
                );
            }
            // Every thread has ended, some without reporting: a setup failure (counted) or a
            // panic (join below says which).
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    let elapsed = started.elapsed();
    for h in handles {
        h.join().expect("a stress thread panicked");
    }
    CkHttp_Dispose(shared.get());

    let stats = s.stats();
    let failures = outcome.failures.load(Ordering::Relaxed);
    let checked = outcome.checked_ok.load(Ordering::Relaxed);
    let unchecked = outcome.unchecked.load(Ordering::Relaxed);
    let summary = format!(
        "{threads} threads x {per_thread} requests = {total} in {:.1} s ({:.0} requests/s; slowest thread: own Rust Http {:.1} s, own CkHttp {:.1} s, shared CkHttp {:.1} s); client-checked ok {checked}, shared-handle GETs {unchecked}, failures {failures}; stats: {stats}",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64().max(0.001),
        slowest[0].as_secs_f64(),
        slowest[1].as_secs_f64(),
        slowest[2].as_secs_f64(),
    );
    eprintln!("{summary}");
    let first = outcome.first_failures.lock().unwrap().join("\n");
    assert_eq!(failures, 0, "{summary}\nfirst failures:\n{first}");
    assert_eq!(checked + unchecked, total, "{summary}");

    // The server saw every request succeed: the shared handle's GETs included.
    let rs = &stats["rs"];
    assert_eq!(rs["successes"].as_u64(), Some(total as u64), "{summary}");
    let challenges = rs["nonce_challenges"].as_u64().unwrap();
    assert_eq!(
        rs["requests"].as_u64(),
        Some(total as u64 + challenges),
        "only nonce challenges failed: {summary}"
    );
    // Each Http object meets the RS nonce challenge at most once, usually only the first few
    // (nonces are remembered process-wide): 33 objects in all.
    assert!(challenges <= (OWN_THREADS + 1) as u64, "{summary}");
    let errors = rs["errors"].as_object().unwrap();
    assert!(errors.keys().all(|e| e == "use_dpop_nonce"), "{summary}");

    // One token for everybody: single flight on the shared cache slot.
    let dpop_as = &stats["as"]["dpop"];
    assert_eq!(dpop_as["tokens_issued"].as_u64(), Some(1), "one token per lifetime: {summary}");
    assert!(
        dpop_as["token_requests"].as_u64().unwrap() <= 2,
        "one token request plus at most one nonce challenge: {summary}"
    );
}
