//! What a server says when it refuses a request: an OAuth error body (RFC 6749 5.2) or a
//! `WWW-Authenticate` challenge (RFC 6750 3, RFC 9449 7.1), and the one way an error message
//! describes such an answer. Everything quoted from the server is masked and clipped.

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
            OAuthError::from_challenge(&first("Bearer error=invalid_token"), &none()).unwrap().error,
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
        assert_eq!(OAuthError::from_challenge(&upper, &none()).unwrap().to_string(), "invalid_token: expired");
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
