//! Shared helpers for the integration tests (`mod common;` from `tests/*.rs`).
#![allow(dead_code)]

pub mod servers;

use dpop::{Error, ErrorKind};
use std::process::Command;

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
