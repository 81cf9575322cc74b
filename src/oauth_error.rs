//! What a server says when it refuses a request: an OAuth error body (RFC 6749 5.2) or a
//! `WWW-Authenticate` challenge (RFC 6750 3, RFC 9449 7.1), and the one way an error message
//! describes such an answer. Everything quoted from the server is masked and clipped.

use crate::header::Challenge;
use crate::redact::{preview, Redactor};
use serde_json::Value;
use std::fmt;

/// The `error` code and `error_description` a server gave, each masked and clipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub error: String,
    pub description: Option<String>,
}

impl OAuthError {
    /// From a JSON body `{"error": ..., "error_description": ...}`; `None` for any other body.
    /// `redactor` masks the exchange's secrets in what is quoted.
    pub fn from_body(body: &[u8], redactor: &Redactor) -> Option<OAuthError> {
        let json = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        let Ok(Value::Object(members)) = serde_json::from_slice::<Value>(json) else {
            return None;
        };
        let field = |name: &str| members.get(name).and_then(Value::as_str).map(|s| preview(s.as_bytes(), redactor));
        Some(OAuthError {
            error: field("error")?,
            description: field("error_description").filter(|d| !d.is_empty()),
        })
    }

    /// From a `WWW-Authenticate` challenge; `None` when it has no `error` parameter.
    pub fn from_challenge(challenge: &Challenge, redactor: &Redactor) -> Option<OAuthError> {
        let field = |name: &str| challenge.param(name).map(|s| preview(s.as_bytes(), redactor));
        Some(OAuthError {
            error: field("error")?,
            description: field("error_description").filter(|d| !d.is_empty()),
        })
    }
}

/// `invalid_client: client authentication failed`, or just `invalid_client`.
impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.description {
            Some(description) => write!(f, "{}: {description}", self.error),
            None => f.write_str(&self.error),
        }
    }
}

/// `the server answered 401 Unauthorized (invalid_client: client authentication failed)`: the
/// status, the reason phrase if any (masked by `redactor`), and the server's own words (`said`,
/// masked already) if it gave any.
pub fn describe_answer(status: u16, reason: &str, said: Option<&str>, redactor: &Redactor) -> String {
    let mut text = format!("the server answered {status}");
    let reason = preview(reason.as_bytes(), redactor);
    if !reason.trim().is_empty() {
        text.push(' ');
        text.push_str(reason.trim_end());
    }
    if let Some(said) = said {
        text.push_str(&format!(" ({said})"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::challenges;

    fn none() -> Redactor {
        Redactor::new(&[])
    }

    /// The first challenge of `header`.
    fn first(header: &str) -> Challenge<'_> {
        challenges(header).into_iter().next().unwrap()
    }

    #[test]
    fn reads_challenge_errors() {
        let said = OAuthError::from_challenge(
            &first(r#"DPoP algs="ES256", error="use_dpop_nonce", error_description="Resource server requires nonce""#),
            &none(),
        )
        .unwrap();
        assert_eq!(said.to_string(), "use_dpop_nonce: Resource server requires nonce");
        assert_eq!(
            OAuthError::from_challenge(&first("Bearer error=invalid_token"), &none())
                .unwrap()
                .error,
            "invalid_token"
        );
        assert_eq!(OAuthError::from_challenge(&first("Bearer realm=\"x\""), &none()), None);
        // A parameter name inside another parameter's quoted value is not that parameter.
        let tricky = OAuthError::from_challenge(
            &first(r#"DPoP error_description="try error=x, \"quoted\"", error="invalid_token""#),
            &none(),
        )
        .unwrap();
        assert_eq!(tricky.to_string(), r#"invalid_token: try error=x, "quoted""#);
        assert_eq!(OAuthError::from_challenge(&first(r#"DPoP realm="error=x""#), &none()), None);
        // Parameter names are case-insensitive (RFC 9110 11.2), and may have spaces around `=`.
        let upper = first(r#"Bearer ERROR = "invalid_token", Error_Description="expired""#);
        assert_eq!(
            OAuthError::from_challenge(&upper, &none()).unwrap().to_string(),
            "invalid_token: expired"
        );
    }

    #[test]
    fn reads_oauth_error_bodies() {
        let said = OAuthError::from_body(br#"{"error":"invalid_request","error_description":"bad"}"#, &none()).unwrap();
        assert_eq!(said.to_string(), "invalid_request: bad");
        assert_eq!(
            OAuthError::from_body(br#"{"error":"x","error_description":""}"#, &none())
                .unwrap()
                .to_string(),
            "x"
        );
        assert_eq!(OAuthError::from_body(b"<html>", &none()), None);
        assert_eq!(OAuthError::from_body(br#"{"message":"no"}"#, &none()), None);
    }

    #[test]
    fn long_server_words_are_clipped() {
        let header = format!(r#"DPoP error="invalid_token", error_description="{}""#, "x".repeat(100_000));
        let said = OAuthError::from_challenge(&first(&header), &none()).unwrap();
        let reason = format!("Unauthorized\u{1}{}", "y".repeat(100_000));
        let text = describe_answer(401, &reason, Some(&said.to_string()), &none());
        assert!(
            text.starts_with("the server answered 401 Unauthorized yyy") && text.ends_with("...)"),
            "{text}"
        );
        assert!(text.contains("(invalid_token: xxx") && text.len() < 500, "{text}");
    }

    #[test]
    fn describes_answers_with_and_without_words() {
        assert_eq!(
            describe_answer(404, "Not Found", None, &none()),
            "the server answered 404 Not Found"
        );
        assert_eq!(
            describe_answer(400, "", Some("invalid_scope"), &none()),
            "the server answered 400 (invalid_scope)"
        );
    }
}
