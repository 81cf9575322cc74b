//! libdpop: OAuth2 client with DPoP (RFC 9449) sender-constrained tokens, exported through a C ABI
//! that mirrors Chilkat's object API (`CkPrivateKey`, `CkJsonObject`, `CkJsonArray`, `CkStringBuilder`,
//! `CkGlobal`, `CkHttp`, `CkHttpResponse`).
//!
//! Data flows one way, and each module uses only modules of lower layers:
//!
//! ```text
//! 6  ffi          the C boundary: convert arguments, catch panics, look up handles
//! 5  http         the engine: requests, retries, transport, session log
//! 4  token        AuthToken forms, grants, the process-wide token cache
//! 3  proof nonce server_time accepted_algs oauth_error   DPoP proofs; nonces, clock offsets
//!                                          and proof algorithms per origin; what refusing
//!                                          servers say
//! 2  key json text global   private keys; JSON documents with Chilkat paths; StringBuilder;
//!                           Chilkat's Global (UnlockBundle)
//! 1  url redact header per_origin   URLs and htu; masking of secrets; header syntax; what each
//!                                 server said last
//! 0  error sync clock private_file   the error type and codes; locking; the time; owner-only files;
//!    quiet_panics                     which panics the ABI's panic hook keeps quiet
//! ```

// Layer 0
pub mod clock;
pub mod error;
mod private_file;
mod quiet_panics;
mod sync;

// Layer 1
mod header;
mod per_origin;
pub mod redact;
pub mod url;

// Layer 2
pub mod global;
pub mod json;
pub mod key;
pub mod text;

// Layer 3
mod accepted_algs;
mod nonce;
mod oauth_error;
pub mod proof;
mod server_time;

// Layer 4
pub mod token;

// Layer 5
pub mod http;

// Layer 6
pub mod ffi;

pub use error::{Error, ErrorKind, Result};
