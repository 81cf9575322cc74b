//! A received HTTP response and what the Http object reads from it.

use crate::token::{oauth_error, preview};

#[derive(Clone, Debug, Default)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The header block as text, one `Name: value` per line (CRLF), as Chilkat's `Header`.
    pub fn header_text(&self) -> String {
        self.headers.iter().map(|(n, v)| format!("{n}: {v}\r\n")).collect()
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The `error` parameter of a `WWW-Authenticate: DPoP ...` or `Bearer ...` challenge.
    pub fn auth_challenge_error(&self) -> Option<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("www-authenticate"))
            .find_map(|(_, v)| challenge_param(v, "error"))
    }

    /// A short description of a failed response for LastErrorText: status, and the server's
    /// own words (clipped) from a WWW-Authenticate challenge or an OAuth error body.
    pub fn describe_failure(&self) -> String {
        let clip = |s: String| preview(s.as_bytes());
        let (source, words) = match self.header("WWW-Authenticate") {
            Some(c) => (
                "WWW-Authenticate: ",
                Some((
                    challenge_param(c, "error").map(clip).unwrap_or_default(),
                    challenge_param(c, "error_description").map(clip),
                )),
            ),
            None => ("", oauth_error(&self.body)),
        };
        let mut text = format!("the server answered {} {}", self.status, preview(self.reason.as_bytes()));
        if let Some((error, description)) = words {
            let description = description.filter(|d| !d.is_empty()).map(|d| format!(": {d}")).unwrap_or_default();
            text.push_str(&format!(" ({source}{error}{description})"));
        }
        text
    }
}

/// Reads `name="value"` (or `name=token`) from a challenge header value (RFC 9110 11.6.1).
/// Quoted strings are skipped while looking for the name, so `error_description="... error=x"`
/// cannot pass for the `error` parameter.
fn challenge_param(header: &str, name: &str) -> Option<String> {
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

    fn with_challenge(value: &str) -> Response {
        Response {
            status: 401,
            reason: "Unauthorized".into(),
            headers: vec![("WWW-Authenticate".into(), value.into())],
            body: vec![],
        }
    }

    #[test]
    fn reads_challenge_errors() {
        let r = with_challenge(r#"DPoP algs="ES256", error="use_dpop_nonce", error_description="Resource server requires nonce""#);
        assert_eq!(r.auth_challenge_error().as_deref(), Some("use_dpop_nonce"));
        assert_eq!(
            r.describe_failure(),
            "the server answered 401 Unauthorized (WWW-Authenticate: use_dpop_nonce: Resource server requires nonce)"
        );
        assert_eq!(
            with_challenge("Bearer error=invalid_token").auth_challenge_error().as_deref(),
            Some("invalid_token")
        );
        assert_eq!(with_challenge("Bearer realm=\"x\"").auth_challenge_error(), None);
        // A parameter name inside another parameter's quoted value is not that parameter.
        let tricky = with_challenge(r#"DPoP error_description="try error=x, \"quoted\"", error="invalid_token""#);
        assert_eq!(tricky.auth_challenge_error().as_deref(), Some("invalid_token"));
        assert_eq!(
            tricky.describe_failure(),
            r#"the server answered 401 Unauthorized (WWW-Authenticate: invalid_token: try error=x, "quoted")"#
        );
        assert_eq!(with_challenge(r#"DPoP realm="error=x""#).auth_challenge_error(), None);
    }

    #[test]
    fn describes_oauth_error_bodies() {
        let r = Response {
            status: 400,
            reason: "Bad Request".into(),
            headers: vec![],
            body: br#"{"error":"invalid_request","error_description":"bad"}"#.to_vec(),
        };
        assert_eq!(r.describe_failure(), "the server answered 400 Bad Request (invalid_request: bad)");
    }

    #[test]
    fn long_server_words_are_clipped() {
        let mut r = with_challenge(&format!(
            r#"DPoP error="invalid_token", error_description="{}""#,
            "x".repeat(100_000)
        ));
        r.reason = format!("Unauthorized\u{1}{}", "y".repeat(100_000));
        let text = r.describe_failure();
        assert!(
            text.starts_with("the server answered 401 Unauthorized yyy") && text.ends_with("...)"),
            "{text}"
        );
        assert!(text.contains("(WWW-Authenticate: invalid_token: xxx") && text.len() < 500, "{text}");
    }
}
