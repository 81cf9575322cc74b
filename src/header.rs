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

/// One challenge of a `WWW-Authenticate` value (RFC 9110 11.6.1): its scheme and its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge<'a> {
    pub scheme: &'a str,
    /// Each `name=value` (or a token68) as written.
    params: Vec<&'a str>,
}

impl Challenge<'_> {
    /// The value of parameter `name` (compared case-insensitively, RFC 9110 11.2), unquoted and
    /// unescaped.
    pub fn param(&self, name: &str) -> Option<String> {
        self.params.iter().find_map(|param| {
            let (param_name, value) = param.split_once('=')?;
            if !param_name.trim().eq_ignore_ascii_case(name) {
                return None;
            }
            let value = value.trim_start();
            Some(match value.strip_prefix('"') {
                Some(quoted) => quoted_string(&mut quoted.char_indices().peekable()),
                None => value.split_whitespace().next().unwrap_or("").to_string(),
            })
        })
    }
}

/// The challenges of a `WWW-Authenticate` value, in order. Several may share a value, and their
/// parameters are separated by commas too: an element that starts with a word not followed by
/// `=` starts a challenge (`DPoP error="x"`, `Basic`), any other continues the last one. Commas
/// inside quoted strings separate nothing, so `error_description="a, b"` cannot pass for a
/// parameter or a challenge.
pub fn challenges(header: &str) -> Vec<Challenge<'_>> {
    let mut found: Vec<Challenge> = Vec::new();
    for element in list_elements(header) {
        let element = element.trim();
        let word_end = element.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(element.len());
        let (word, rest) = element.split_at(word_end);
        let is_param = rest.trim_start().starts_with('=');
        match found.last_mut() {
            _ if element.is_empty() => {}
            Some(challenge) if is_param => challenge.params.push(element),
            None if is_param => {}
            _ => found.push(Challenge {
                scheme: word,
                params: Some(rest.trim()).filter(|first| !first.is_empty()).into_iter().collect(),
            }),
        }
    }
    found
}

/// `text` split at the commas outside quoted strings.
fn list_elements(text: &str) -> Vec<&str> {
    let mut elements = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => {
                elements.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    elements.push(&text[start..]);
    elements
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
        let param = |header: &str, name: &str| challenges(header).first().and_then(|c| c.param(name));
        let challenge = r#"DPoP error="use_dpop_nonce", error_description="say \"algs=x\"", algs="ES256 PS256""#;
        assert_eq!(param(challenge, "algs").as_deref(), Some("ES256 PS256"));
        assert_eq!(param(challenge, "error").as_deref(), Some("use_dpop_nonce"));
        assert_eq!(param("DPoP algs=ES256, error=x", "algs").as_deref(), Some("ES256"));
        assert_eq!(param(r#"DPoP realm="algs=ES256""#, "algs"), None);
        assert_eq!(param("Bearer xalgs=ES256", "algs"), None);
    }

    #[test]
    fn splits_a_header_into_its_challenges() {
        let header = r#"Newauth realm="apps, \"all\"", type=1, Basic realm="simple", DPoP algs="ES256 PS256", error="use_dpop_nonce", Negotiate abc=="#;
        let found = challenges(header);
        let schemes: Vec<&str> = found.iter().map(|c| c.scheme).collect();
        assert_eq!(schemes, ["Newauth", "Basic", "DPoP", "Negotiate"]);
        assert_eq!(found[0].param("realm").as_deref(), Some(r#"apps, "all""#));
        assert_eq!(found[0].param("type").as_deref(), Some("1"));
        assert_eq!(found[1].param("error"), None);
        assert_eq!(found[2].param("error").as_deref(), Some("use_dpop_nonce"));
        assert_eq!(found[2].param("algs").as_deref(), Some("ES256 PS256"));
        assert!(challenges("").is_empty() && challenges(" , ").is_empty());
        assert!(challenges("realm=x").is_empty(), "parameters without a scheme");
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
