//! The syntax of HTTP header fields (RFC 9110 section 5), shared by everything that puts a value
//! of the caller's or a server's into a header: request headers, tokens, DPoP nonces.

use crate::error::{Error, ErrorKind, Result};

/// True if `name` is a valid field name (an RFC 9110 `token`).
pub fn is_field_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// True if `text` is non-empty visible ASCII (0x21-0x7e): what a bearer token, a DPoP proof or a
/// DPoP nonce may consist of, so it can go into a header without quoting or breaking it.
pub fn is_visible_ascii(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// Refuses a value for header `name` with a line break or NUL, which would let it inject
/// headers of its own.
pub fn check_field_value(name: &str, value: &str) -> Result<()> {
    if let Some(bad) = value.bytes().find(|b| matches!(b, b'\r' | b'\n' | 0)) {
        let what = if bad == 0 { "a NUL character" } else { "a line break" };
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("the value for header '{name}' contains {what}"),
        ));
    }
    Ok(())
}

/// Refuses a header whose name is not a field name or whose value could inject headers.
pub fn check_field(name: &str, value: &str) -> Result<()> {
    if !is_field_name(name) {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("'{}' is not a valid header name", crate::redact::clip(name, 50)),
        ));
    }
    check_field_value(name, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_tokens() {
        assert!(is_field_name("X-Request-Id") && is_field_name("DPoP"));
        assert!(!is_field_name("") && !is_field_name("Bad Name") && !is_field_name("a:b"));
    }

    #[test]
    fn visible_ascii_excludes_space_controls_and_non_ascii() {
        assert!(is_visible_ascii("abc.DEF-_~+/="));
        for bad in ["", "a b", "tab\t", "é", "x\r\n"] {
            assert!(!is_visible_ascii(bad), "{bad:?}");
        }
    }

    #[test]
    fn values_with_line_breaks_are_refused() {
        assert!(check_field_value("Accept", "*/*").is_ok());
        let e = check_field_value("Accept", "a\r\nX-Injected: 1").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(e.to_string().contains("a line break"), "{e}");
        let e = check_field_value("Accept", "a\0b").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(e.to_string().contains("a NUL character"), "{e}");
    }
}
