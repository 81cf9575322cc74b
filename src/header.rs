//! The syntax of HTTP header fields (RFC 9110 section 5), shared by everything that puts a value
//! of the caller's or a server's into a header (request headers, tokens, DPoP nonces) or reads
//! one a server sent (`WWW-Authenticate` challenges).

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
    if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("the value for header '{name}' contains a line break"),
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

/// Reads `name="value"` (or `name=token`) from a challenge header value (RFC 9110 11.6.1),
/// unescaped. Quoted strings are skipped while looking for the name, so
/// `error_description="... error=x"` cannot pass for the `error` parameter.
pub fn challenge_param(header: &str, name: &str) -> Option<String> {
    let mut chars = header.char_indices().peekable();
    let mut previous = ' ';
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            quoted_string(&mut chars);
            previous = '"';
            continue;
        }
        let at_word_start = !(previous.is_ascii_alphanumeric() || previous == '_' || previous == '-');
        previous = c;
        if !at_word_start || !header[i..].starts_with(name) {
            continue;
        }
        let Some(value) = header[i + name.len()..].trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.strip_prefix('"') {
            Some(quoted) => quoted_string(&mut quoted.char_indices().peekable()),
            None => value.split([',', ' ']).next().unwrap_or("").to_string(),
        });
    }
    None
}

/// Consumes a quoted string's content up to its closing quote (after the opening one) and
/// returns it unescaped.
fn quoted_string(chars: &mut std::iter::Peekable<impl Iterator<Item = (usize, char)>>) -> String {
    let mut value = String::new();
    while let Some((_, c)) = chars.next() {
        match c {
            '"' => break,
            '\\' => value.extend(chars.next().map(|(_, escaped)| escaped)),
            _ => value.push(c),
        }
    }
    value
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
    fn challenge_parameters_are_read_outside_quoted_strings() {
        let challenge = r#"DPoP error="use_dpop_nonce", error_description="say \"algs=x\"", algs="ES256 PS256""#;
        assert_eq!(challenge_param(challenge, "algs").as_deref(), Some("ES256 PS256"));
        assert_eq!(challenge_param(challenge, "error").as_deref(), Some("use_dpop_nonce"));
        assert_eq!(challenge_param("DPoP algs=ES256, error=x", "algs").as_deref(), Some("ES256"));
        assert_eq!(challenge_param(r#"DPoP realm="algs=ES256""#, "algs"), None);
        assert_eq!(challenge_param("Bearer xalgs=ES256", "algs"), None);
    }

    #[test]
    fn values_with_line_breaks_are_refused() {
        assert!(check_field_value("Accept", "*/*").is_ok());
        let e = check_field_value("Accept", "a\r\nX-Injected: 1").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    }
}
