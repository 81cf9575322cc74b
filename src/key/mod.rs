//! EC P-256 private keys for DPoP: loading from every common format, JWK output, RFC 7638
//! thumbprints and ES256 signing.
//!
//! - `ec_key`: `EcKey`, the loaded key (what the HTTP engine signs with).
//! - `private_key`: `PrivateKey`, the Chilkat object around an optional `EcKey`.
//! - `formats`: format detection and the SEC1 / PKCS#8 / encrypted PKCS#8 decoders,
//!   on top of `pem` (tolerant PEM reader), `legacy_pem` (OpenSSL `Proc-Type` encryption)
//!   and `jwk` (JWK in and out, thumbprints).
//! - `errors`: the messages for keys of the wrong kind, shared by all formats.

mod ec_key;
mod errors;
mod formats;
mod jwk;
mod legacy_pem;
mod pem;
mod private_key;

pub use ec_key::EcKey;
pub use private_key::PrivateKey;

#[cfg(test)]
mod tests;
