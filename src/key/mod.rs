//! Private keys for DPoP: EC P-256/P-384/P-521, RSA (2048-4096 bits) and Ed25519, loaded from
//! every common format, written as JWK and PKCS#8, RFC 7638 thumbprints, and JWS signing
//! (ES256, ES384, ES512, PS256, RS256, EdDSA).
//!
//! - `signing_key`: `SigningKey`, the loaded key (what the HTTP engine signs with), over the
//!   per-type `ec`, `rsa` and `ed25519` keys.
//! - `algorithm`: `JwsAlgorithm`, and the choice of one from a server's list.
//! - `private_key`: `PrivateKey`, the Chilkat object around an optional `SigningKey`.
//! - `formats`: format detection and the PKCS#8 / encrypted PKCS#8 / SEC1 / PKCS#1 decoders,
//!   on top of `pem` (tolerant PEM reader), `legacy_pem` (OpenSSL `Proc-Type` encryption)
//!   and `jwk` (JWK in and out, thumbprints); `export` writes PKCS#8, SEC1 and PEM.
//! - `errors`: the messages for keys of the wrong kind, shared by all formats; `oid`: the
//!   algorithm identifiers.

mod algorithm;
mod ec;
mod ed25519;
mod errors;
mod export;
mod formats;
mod jwk;
mod legacy_pem;
mod oid;
mod pem;
mod private_key;
mod rsa;
mod signing_key;

pub use algorithm::JwsAlgorithm;
pub use private_key::PrivateKey;
pub use signing_key::SigningKey;

#[cfg(test)]
pub(crate) mod tests;
