//! A received HTTP response and what the Http object reads from it.

use crate::token::preview;

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
        let challenge = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("www-authenticate"))
            .map(|(_, v)| v.as_str());
        let mut text = format!("the server answered {} {}", self.status, preview(self.reason.as_bytes()));
        match challenge {
            Some(c) => {
                let error = challenge_param(c, "error").map(|e| preview(e.as_bytes())).unwrap_or_default();
                let description = challenge_param(c, "error_description")
                    .map(|d| preview(d.as_bytes()))
                    .unwrap_or_default();
                text.push_str(&format!(
                    " (WWW-Authenticate: {error}{}{description})",
                    if description.is_empty() { "" } else { ": " }
                ));
            }
            None => {
                if let Ok(serde_json::Value::Object(m)) = serde_json::from_slice::<serde_json::Value>(&self.body) {
                    if let Some(error) = m.get("error").and_then(|e| e.as_str()).map(|e| preview(e.as_bytes())) {
                        let description = m
                            .get("error_description")
                            .and_then(|e| e.as_str())
                            .map(|d| preview(d.as_bytes()))
                            .unwrap_or_default();
                        text.push_str(&format!(
                            " ({error}{}{description})",
                            if description.is_empty() { "" } else { ": " }
                        ));
                    }
                }
            }
        }
        text
    }
}

/// Reads `name="value"` (or `name=token`) from a challenge header value.
fn challenge_param(header: &str, name: &str) -> Option<String> {
    let mut rest = header;
    while let Some(pos) = rest.find(name) {
        let before = rest[..pos].chars().last();
        let after = &rest[pos + name.len()..];
        rest = after;
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let Some(value) = after.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.strip_prefix('"') {
            Some(quoted) => quoted.split('"').next().unwrap_or("").to_string(),
            None => value.split([',', ' ']).next().unwrap_or("").to_string(),
        });
    }
    None
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
