//! The one error type: a kind, whose number a C caller can branch on (`Ck*_getLastErrorCode`),
//! and the text `LastErrorText` shows. Every message is written for the person reading it: what
//! was attempted, and why it failed. Messages never carry key material, secrets, tokens or proofs.
//!
//! The kind is chosen where the error is made (never guessed later from the text) and stays the
//! same when context is added on the way up.

use std::fmt;

/// What went wrong, as a stable number. The numbers are part of the C ABI: they are listed in
/// `dpop.h` (`DPOP_ERR_*`) and in every binding; a number is never reused for another meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum ErrorKind {
    /// An argument or property value is malformed: NULL, invalid UTF-8, a bad URL, header or
    /// AuthToken JSON.
    InvalidArgument = 1,
    /// The handle is NULL, disposed, or of another class.
    InvalidHandle = 2,
    /// The object is not ready for the call: no key loaded, no DPoP key for a DPoP-bound token.
    InvalidState = 3,
    /// A private key cannot be loaded or used: unknown format, wrong type or curve, wrong password.
    Key = 4,
    /// JSON text or a JSON path is malformed, or a value has another type than asked for.
    Json = 5,
    /// What was asked for is absent: a JSON member, a response header.
    NotFound = 6,
    /// A file could not be read or written.
    Io = 7,
    /// The network failed: the host name does not resolve, the connection is refused or broken.
    Network = 8,
    /// TLS failed: the server's certificate is not trusted, or the handshake failed.
    Tls = 9,
    /// The server did not answer within ConnectTimeout + ReadTimeout.
    Timeout = 10,
    /// The server answered with a status the method treats as a failure (not 2xx).
    HttpStatus = 11,
    /// The authorization server refused a token request with an OAuth error (`invalid_client`...).
    OAuth = 12,
    /// The server's answer is unusable: not HTTP, not a token response, too large, or a redirect
    /// that is not followed.
    Protocol = 13,
    /// A feature this library does not implement.
    Unsupported = 14,
    /// A bug in libdpop (a caught panic).
    Internal = 15,
}

impl ErrorKind {
    /// The number C sees (`DPOP_ERR_*`).
    pub fn code(self) -> i32 {
        self as i32
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    /// What the server said, when the error is a server refusing a request: kept as values, so
    /// that a caller can read the status and the OAuth error without parsing the message.
    refusal: Option<Box<Refusal>>,
}

/// A server's answer refusing a request (a token endpoint's 401 `invalid_client`, ...): its
/// status and reason phrase, and the OAuth `error` and `error_description` it gave ("" if none),
/// masked and clipped like everything an error quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub reason: String,
    pub error: String,
    pub description: String,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            refusal: None,
        }
    }

    /// The same error, saying which answer of a server it stands for.
    pub fn with_refusal(self, refusal: Refusal) -> Self {
        Error {
            refusal: Some(Box::new(refusal)),
            ..self
        }
    }

    /// The server's answer, when the error is a server refusing a request.
    pub fn refusal(&self) -> Option<&Refusal> {
        self.refusal.as_deref()
    }

    /// Prefixes what was being attempted: `"loading key file 'k.pem': " + cause`. The kind stays.
    pub fn context(self, what: impl fmt::Display) -> Self {
        Error {
            message: format!("{what}: {}", self.message),
            ..self
        }
    }

    /// Appends a remark in parentheses: `cause (note)`. The kind stays.
    pub fn with_note(self, note: &str) -> Self {
        Error {
            message: format!("{} ({note})", self.message),
            ..self
        }
    }

    /// The same error with its text passed through `change` (to mask secrets in it).
    pub fn map_message(self, change: impl FnOnce(&str) -> String) -> Self {
        Error {
            message: change(&self.message),
            ..self
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// `return Err(Error::new(ErrorKind::$kind, format!(...)))` in one line: `bail!(Key, "...")`.
#[macro_export]
macro_rules! bail {
    ($kind:ident, $($arg:tt)*) => {
        return Err($crate::error::Error::new($crate::error::ErrorKind::$kind, format!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_keeps_the_kind_and_prefixes_the_text() {
        let e = Error::new(ErrorKind::Key, "wrong password").context("key file 'k.pem'");
        assert_eq!(e.kind(), ErrorKind::Key);
        assert_eq!(e.to_string(), "key file 'k.pem': wrong password");
    }

    #[test]
    fn a_refusal_survives_context_notes_and_masking() {
        let refusal = Refusal {
            status: 401,
            reason: "Unauthorized".into(),
            error: "invalid_client".into(),
            description: String::new(),
        };
        let e = Error::new(ErrorKind::OAuth, "refused")
            .with_refusal(refusal.clone())
            .context("token")
            .with_note("again")
            .map_message(str::to_uppercase);
        assert_eq!(e.refusal(), Some(&refusal));
        assert_eq!(e.to_string(), "TOKEN: REFUSED (AGAIN)");
        assert_eq!(Error::new(ErrorKind::Network, "down").refusal(), None);
    }

    #[test]
    fn codes_are_stable() {
        // These numbers are in dpop.h and every binding: changing one breaks callers.
        assert_eq!(ErrorKind::InvalidArgument.code(), 1);
        assert_eq!(ErrorKind::Internal.code(), 15);
    }
}
