//! Shared helpers for the integration tests (`mod common;` from `tests/*.rs`).
#![allow(dead_code)]

pub mod servers;

use dpop::http::{Http, StatusPolicy};
use dpop::{Error, ErrorKind};
use serde_json::Value;
use std::process::Command;

/// `GET url`, which must succeed with a JSON body: the body.
pub fn get_json(http: &mut Http, url: &str) -> Value {
    let response = http
        .request("GET", url, None, StatusPolicy::FailUnless2xx)
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    serde_json::from_slice(&response.body).expect("the resource server answers JSON")
}

/// `GET url`, which must fail: the error.
pub fn get_fails(http: &mut Http, url: &str) -> Error {
    match http.request("GET", url, None, StatusPolicy::FailUnless2xx) {
        Ok(r) => panic!("GET {url} succeeded ({}): {}", r.status, r.body_text()),
        Err(e) => e,
    }
}

/// `err` is of `kind`, and its text contains each of `quoted`: the server's own words, the status
/// it answered, the URL or origin concerned. Never our own phrasing, which may change; the kind
/// is what says which failure it was.
pub fn assert_failure(err: &Error, kind: ErrorKind, quoted: &[&str]) {
    assert_eq!(err.kind(), kind, "{err}");
    let text = err.to_string();
    for q in quoted {
        assert!(text.contains(q), "expected '{q}' in: {text}");
    }
}

/// Runs the test `test` of this test binary as a child process with `env` set (and the
/// `remove`d variables unset): for what must not touch this process, such as environment
/// variables read once per process or a faked clock. Returns its output; panics if it failed.
pub fn run_test_as_child(test: &str, env: &[(&str, String)], remove: &[&str]) -> String {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args(["--exact", test, "--nocapture", "--test-threads", "1"]);
    for name in remove {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let out = command.output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the child test {test} failed:\n{text}");
    text
}
