//! libdpop: OAuth2 client with DPoP (RFC 9449) sender-constrained tokens, exported through a C ABI
//! that mirrors Chilkat's object API (`CkPrivateKey`, `CkJsonObject`, `CkHttp`, `CkHttpResponse`).
//!
//! Data flows one way: C caller -> `ffi` (convert arguments, catch panics) -> the plain Rust
//! objects below -> HTTP engine -> token manager / proof builder -> network. Nothing outside
//! `ffi` knows about C.

pub mod error;
pub mod http;
pub mod json;
pub mod key;
pub mod nonce;
pub mod proof;
pub mod session_log;
pub mod token;

pub mod ffi;

pub use error::{Error, Result};
