//! A token as the library holds it, parsed from a token endpoint response or a persisted JSON.

use super::Scheme;
use crate::bail;
use crate::clock::now_secs;
use crate::error::{Error, ErrorKind, Result};
use crate::header::is_visible_ascii;
use crate::proof::AccessTokenHash;
use crate::redact::{preview, Redactor};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use serde_json::{Map, Value};

/// Token responses are small; anything bigger than this is not a token response.
pub(crate) const MAX_TOKEN_RESPONSE: usize = 1024 * 1024;
/// Lifetimes beyond this are treated as this (a server's "never expires" must not overflow).
const MAX_LIFETIME_SECS: u64 = 10 * 365 * 24 * 3600;
/// How long before expiry a token is renewed, at most.
const MAX_REFRESH_MARGIN_SECS: u64 = 30;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Private: `ath` is its hash, made once.
    access_token: String,
    /// As the server said it ("DPoP", "Bearer"); `None` for a bare token set by the caller.
    pub token_type: Option<String>,
    /// Unix seconds; `None` when the server gave no lifetime.
    pub expires_at: Option<u64>,
    /// When to renew: a little before `expires_at`.
    pub refresh_at: Option<u64>,
    /// A resource server answered 401 `invalid_token` to it: renew before the next use.
    pub rejected: bool,
    pub refresh_token: Option<String>,
    pub scope: Option<String>,
    /// The proofs' `ath` for `access_token`, hashed once per token.
    ath: AccessTokenHash,
}

impl Token {
    /// A token string with nothing else known: no type, no lifetime.
    pub fn new(access_token: String) -> Token {
        Token {
            ath: AccessTokenHash::of(&access_token),
            access_token,
            token_type: None,
            expires_at: None,
            refresh_at: None,
            rejected: false,
            refresh_token: None,
            scope: None,
        }
    }

    /// A token string given as is: no lifetime known, never refreshed proactively.
    pub fn bare(access_token: &str) -> Token {
        Token::new(access_token.to_string())
    }

    pub fn access_token(&self) -> &str {
        &self.access_token
    }

    /// The proofs' `ath` claim for `access_token`.
    pub fn ath(&self) -> &AccessTokenHash {
        &self.ath
    }

    pub fn is_fresh(&self, now: u64) -> bool {
        !self.rejected && self.refresh_at.is_none_or(|at| now < at)
    }

    /// The scheme to send this token with. A bare token is sent as DPoP only when a key is set
    /// and the token itself says it is key-bound (a JWT with `cnf.jkt`).
    pub fn scheme(&self, have_dpop_key: bool) -> Scheme {
        match self.token_type.as_deref() {
            Some(t) if t.eq_ignore_ascii_case("dpop") => Scheme::DPoP,
            Some(_) => Scheme::Bearer,
            None if have_dpop_key && jwt_cnf_jkt(&self.access_token).is_some() => Scheme::DPoP,
            None => Scheme::Bearer,
        }
    }

    /// A token from a JSON a program persisted (the getter's output or a raw token response):
    /// `expires_on` (absolute, number or string) wins over `expires_in` (relative to now).
    pub fn from_persisted(members: &Map<String, Value>) -> Result<Token> {
        let now = now_secs();
        let mut token = token_from_members(members, now, &Redactor::new(&[]))?;
        if let Some(expires_on) = members.get("expires_on") {
            let at = seconds(expires_on)
                .ok_or_else(|| Error::new(ErrorKind::InvalidArgument, "AuthToken: expires_on is not a number of seconds"))?;
            token.expires_at = Some(at);
            // The lifetime it was issued with is not known; what is left of it stands in.
            token.refresh_at = Some(at - renewal_margin(at.saturating_sub(now)));
        }
        Ok(token)
    }

    pub fn write_members(&self, out: &mut Map<String, Value>) {
        out.insert("access_token".into(), self.access_token.clone().into());
        if let Some(t) = &self.token_type {
            out.insert("token_type".into(), t.clone().into());
        }
        if let Some(at) = self.expires_at {
            out.insert("expires_on".into(), at.into());
        }
        if let Some(r) = &self.refresh_token {
            out.insert("refresh_token".into(), r.clone().into());
        }
        if let Some(s) = &self.scope {
            out.insert("scope".into(), s.clone().into());
        }
    }
}

/// Parses a successful token endpoint response body received at `now`; `redactor` masks the
/// exchange's secrets in what an error quotes of it.
pub fn parse_token_response(body: &[u8], now: u64, redactor: &Redactor) -> Result<Token> {
    token_from_members(&token_response_members(body, redactor)?, now, redactor)
}

/// The members of a successful token endpoint response body, as the server sent them.
pub(super) fn token_response_members(body: &[u8], redactor: &Redactor) -> Result<Map<String, Value>> {
    if body.len() > MAX_TOKEN_RESPONSE {
        return Err(Error::new(
            ErrorKind::Protocol,
            format!(
                "the token response is {} bytes, more than the {MAX_TOKEN_RESPONSE} a token response may have",
                body.len()
            ),
        ));
    }
    // A byte-order mark is allowed before JSON (RFC 8259 8.1); serde_json does not skip it.
    let json = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match serde_json::from_slice::<Value>(json) {
        Ok(Value::Object(members)) => Ok(members),
        Ok(_) => Err(Error::new(ErrorKind::Protocol, "the token response is JSON but not an object")),
        Err(e) => Err(Error::new(
            ErrorKind::Protocol,
            format!("the token response is not JSON ({e}); it starts with: {}", preview(body, redactor)),
        )),
    }
}

pub(super) fn token_from_members(members: &Map<String, Value>, now: u64, redactor: &Redactor) -> Result<Token> {
    let access_token = match members.get("access_token") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(_) => bail!(Protocol, "the token response has an access_token that is not a non-empty string"),
        None => bail!(Protocol, "the token response has no access_token"),
    };
    if !is_visible_ascii(&access_token) {
        bail!(
            Protocol,
            "the token response's access_token contains spaces or control characters; it cannot be sent in an Authorization header"
        );
    }
    let text = |name: &str| members.get(name).and_then(Value::as_str).map(str::to_string);
    let lifetime = match members.get("expires_in") {
        None | Some(Value::Null) => None,
        Some(v) => Some(lifetime_secs(v, redactor)?),
    };
    Ok(Token {
        // RFC 6749 requires token_type; a server that omits it gets the common default.
        token_type: Some(text("token_type").unwrap_or_else(|| "Bearer".into())),
        expires_at: lifetime.map(|l| now.saturating_add(l)),
        refresh_at: lifetime.map(|l| now.saturating_add(l - renewal_margin(l))),
        refresh_token: text("refresh_token").filter(|r| !r.is_empty()),
        scope: text("scope"),
        ..Token::new(access_token)
    })
}

/// How long before it expires a token good for `lifetime` seconds is renewed: a tenth of its
/// lifetime, at most `MAX_REFRESH_MARGIN_SECS`.
fn renewal_margin(lifetime: u64) -> u64 {
    (lifetime / 10).min(MAX_REFRESH_MARGIN_SECS)
}

fn lifetime_secs(value: &Value, redactor: &Redactor) -> Result<u64> {
    let negative = value.as_f64().is_some_and(|f| f < 0.0) || value.as_str().is_some_and(|s| s.trim().starts_with('-'));
    if negative {
        bail!(
            Protocol,
            "the token response has a negative expires_in ({})",
            preview(value.to_string().as_bytes(), redactor)
        );
    }
    let secs = seconds(value).ok_or_else(|| {
        Error::new(
            ErrorKind::Protocol,
            format!(
                "the token response has an expires_in that is not a number ({})",
                preview(value.to_string().as_bytes(), redactor)
            ),
        )
    })?;
    Ok(secs.min(MAX_LIFETIME_SECS))
}

/// A non-negative number of seconds, given as a JSON number or a numeric string.
fn seconds(value: &Value) -> Option<u64> {
    let f = match value {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    (f.is_finite() && f >= 0.0).then(|| f.min(u64::MAX as f64) as u64)
}

/// The `cnf.jkt` claim of a JWT access token (RFC 9449 6.1): the thumbprint of the key it is
/// bound to; `None` for an opaque token or a JWT without it. The token is not verified: this
/// only tells which key the server meant.
pub fn jwt_cnf_jkt(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1).and_then(|p| B64URL.decode(p).ok())?;
    let claims = serde_json::from_slice::<Value>(&payload).ok()?;
    claims["cnf"]["jkt"].as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_dpop_token_response() {
        let t = parse_token_response(
            br#"{"access_token":"abc","expires_in":3600,"token_type":"DPoP","scope":"api"}"#,
            1000,
            &Redactor::new(&[]),
        )
        .unwrap();
        assert_eq!(t.access_token, "abc");
        assert_eq!(t.scheme(true), Scheme::DPoP);
        assert_eq!(t.expires_at, Some(4600));
        assert_eq!(t.refresh_at, Some(4570));
        assert_eq!(t.scope.as_deref(), Some("api"));
        assert!(t.is_fresh(4569) && !t.is_fresh(4570));
    }

    #[test]
    fn short_lifetimes_refresh_a_tenth_early_and_strings_count() {
        let t = parse_token_response(
            br#"{"access_token":"abc","expires_in":"20","token_type":"bearer"}"#,
            0,
            &Redactor::new(&[]),
        )
        .unwrap();
        assert_eq!((t.expires_at, t.refresh_at), (Some(20), Some(18)));
        assert_eq!(t.scheme(true), Scheme::Bearer);
    }

    #[test]
    fn rejects_broken_responses_with_clear_errors() {
        let cases: [(&[u8], &str); 7] = [
            (b"<html>oops</html>", "not JSON"),
            (b"[1]", "not an object"),
            (br#"{"token_type":"DPoP"}"#, "no access_token"),
            (br#"{"access_token":""}"#, "non-empty string"),
            (br#"{"access_token":"a b"}"#, "spaces or control"),
            (br#"{"access_token":"abc","expires_in":-5}"#, "negative expires_in"),
            (br#"{"access_token":"abc","expires_in":"soon"}"#, "not a number"),
        ];
        for (body, expected) in cases {
            let err = parse_token_response(body, 0, &Redactor::new(&[])).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Protocol, "{}: {err}", String::from_utf8_lossy(body));
            assert!(err.to_string().contains(expected), "{}: {err}", String::from_utf8_lossy(body));
        }
        let huge = vec![b' '; MAX_TOKEN_RESPONSE + 1];
        let err = parse_token_response(&huge, 0, &Redactor::new(&[])).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Protocol, "{err}");
        assert!(err.to_string().contains("more than"), "{err}");
    }

    #[test]
    fn a_byte_order_mark_before_the_json_is_skipped() {
        let t = parse_token_response(
            b"\xEF\xBB\xBF{\"access_token\":\"abc\",\"token_type\":\"DPoP\"}",
            0,
            &Redactor::new(&[]),
        )
        .unwrap();
        assert_eq!(t.access_token, "abc");
    }

    #[test]
    fn huge_lifetimes_are_capped() {
        let t = parse_token_response(br#"{"access_token":"abc","expires_in":1e300}"#, 5, &Redactor::new(&[])).unwrap();
        assert_eq!(t.expires_at, Some(5 + MAX_LIFETIME_SECS));
    }

    #[test]
    fn bare_tokens_use_dpop_only_when_key_bound() {
        let claims = B64URL.encode(br#"{"cnf":{"jkt":"abc"}}"#);
        let bound = format!("eyJhbGciOiJFUzI1NiJ9.{claims}.sig");
        assert_eq!(Token::bare(&bound).scheme(true), Scheme::DPoP);
        assert_eq!(Token::bare(&bound).scheme(false), Scheme::Bearer);
        assert_eq!(Token::bare("opaque-token").scheme(true), Scheme::Bearer);
    }

    #[test]
    fn persisted_token_is_renewed_before_it_expires() {
        let at = now_secs() + 3600;
        let members: Map<String, Value> =
            serde_json::from_str(&format!(r#"{{"access_token":"abc","token_type":"DPoP","expires_on":{at}}}"#)).unwrap();
        let t = Token::from_persisted(&members).unwrap();
        assert_eq!(t.expires_at, Some(at));
        assert_eq!(t.refresh_at, Some(at - MAX_REFRESH_MARGIN_SECS));
        assert!(t.is_fresh(at - 3599) && !t.is_fresh(at - 1));
    }

    #[test]
    fn persisted_expires_on_is_absolute() {
        let members: Map<String, Value> =
            serde_json::from_str(r#"{"access_token":"abc","token_type":"DPoP","expires_in":3600,"expires_on":"1569281808"}"#).unwrap();
        let t = Token::from_persisted(&members).unwrap();
        assert_eq!(t.expires_at, Some(1569281808));
        assert_eq!(t.refresh_at, Some(1569281808), "long expired: renewed at once");
        let mut out = Map::new();
        t.write_members(&mut out);
        assert_eq!(out["expires_on"], 1569281808);
    }
}
