//! Shared helpers for the integration tests (`mod common;` from `tests/*.rs`).
#![allow(dead_code)]

pub mod servers;
