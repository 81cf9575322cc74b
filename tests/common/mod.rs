//! Shared helpers for the integration tests (`mod common;` from `tests/*.rs`).
#![allow(dead_code)]

pub mod servers;

use dpop::{Error, ErrorKind};

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
