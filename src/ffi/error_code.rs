//! The error codes `Ck<Class>_getLastErrorCode` returns, as C sees them. Each is an
//! `ErrorKind`'s number; a number is never reused for another meaning.

use std::ffi::c_int;

/// The last method succeeded.
pub const DPOP_OK: c_int = 0;
/// An argument or property value is malformed: NULL, invalid UTF-8, a bad URL, header or AuthToken.
pub const DPOP_ERR_INVALID_ARGUMENT: c_int = 1;
/// The handle is NULL, disposed, or of another class (rule [H]).
pub const DPOP_ERR_INVALID_HANDLE: c_int = 2;
/// The object is not ready for the call: no key loaded, no DPoP key for a DPoP-bound token.
pub const DPOP_ERR_INVALID_STATE: c_int = 3;
/// A private key cannot be loaded or used: unknown format, wrong type or curve, wrong password.
pub const DPOP_ERR_KEY: c_int = 4;
/// JSON text or a JSON path is malformed, or a value has another type than asked for.
pub const DPOP_ERR_JSON: c_int = 5;
/// What was asked for is absent: a JSON member, a response header.
pub const DPOP_ERR_NOT_FOUND: c_int = 6;
/// A file could not be read or written.
pub const DPOP_ERR_IO: c_int = 7;
/// The network failed: the host does not resolve, the connection is refused or broken.
pub const DPOP_ERR_NETWORK: c_int = 8;
/// TLS failed: the server's certificate is not trusted, or the handshake failed.
pub const DPOP_ERR_TLS: c_int = 9;
/// The server did not answer within ConnectTimeout + ReadTimeout.
pub const DPOP_ERR_TIMEOUT: c_int = 10;
/// The server answered with a status the method treats as a failure (not 2xx).
pub const DPOP_ERR_HTTP_STATUS: c_int = 11;
/// The authorization server refused a token request with an OAuth error (invalid_client, ...).
pub const DPOP_ERR_OAUTH: c_int = 12;
/// The server's answer is unusable: not HTTP, not a token response, too large, or a redirect
/// that is not followed.
pub const DPOP_ERR_PROTOCOL: c_int = 13;
/// A feature this library does not implement.
pub const DPOP_ERR_UNSUPPORTED: c_int = 14;
/// A bug in libdpop (a caught panic).
pub const DPOP_ERR_INTERNAL: c_int = 15;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    /// Every kind with the constant C sees for it.
    const CODES: &[(ErrorKind, c_int, &str)] = &[
        (ErrorKind::InvalidArgument, DPOP_ERR_INVALID_ARGUMENT, "DPOP_ERR_INVALID_ARGUMENT"),
        (ErrorKind::InvalidHandle, DPOP_ERR_INVALID_HANDLE, "DPOP_ERR_INVALID_HANDLE"),
        (ErrorKind::InvalidState, DPOP_ERR_INVALID_STATE, "DPOP_ERR_INVALID_STATE"),
        (ErrorKind::Key, DPOP_ERR_KEY, "DPOP_ERR_KEY"),
        (ErrorKind::Json, DPOP_ERR_JSON, "DPOP_ERR_JSON"),
        (ErrorKind::NotFound, DPOP_ERR_NOT_FOUND, "DPOP_ERR_NOT_FOUND"),
        (ErrorKind::Io, DPOP_ERR_IO, "DPOP_ERR_IO"),
        (ErrorKind::Network, DPOP_ERR_NETWORK, "DPOP_ERR_NETWORK"),
        (ErrorKind::Tls, DPOP_ERR_TLS, "DPOP_ERR_TLS"),
        (ErrorKind::Timeout, DPOP_ERR_TIMEOUT, "DPOP_ERR_TIMEOUT"),
        (ErrorKind::HttpStatus, DPOP_ERR_HTTP_STATUS, "DPOP_ERR_HTTP_STATUS"),
        (ErrorKind::OAuth, DPOP_ERR_OAUTH, "DPOP_ERR_OAUTH"),
        (ErrorKind::Protocol, DPOP_ERR_PROTOCOL, "DPOP_ERR_PROTOCOL"),
        (ErrorKind::Unsupported, DPOP_ERR_UNSUPPORTED, "DPOP_ERR_UNSUPPORTED"),
        (ErrorKind::Internal, DPOP_ERR_INTERNAL, "DPOP_ERR_INTERNAL"),
    ];

    #[test]
    fn every_kind_has_its_own_constant() {
        for (kind, code, _) in CODES {
            assert_eq!(kind.code(), *code, "{kind:?}");
        }
        let mut codes: Vec<c_int> = CODES.iter().map(|(_, c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CODES.len());
        assert!(!codes.contains(&DPOP_OK));
    }
}
