//! A received HTTP response and what the Http object reads from it.

use crate::clock::now_secs;
use crate::error::{Error, ErrorKind, Result};
use crate::header::challenge_param;
use crate::server_time;
use crate::url::Url;

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

    /// The value of header `name` (case-insensitive), or a NotFound error naming it.
    pub fn header_field(&self, name: &str) -> Result<String> {
        self.header(name)
            .map(str::to_string)
            .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("the response has no '{name}' header")))
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

    /// The `algs` of a `WWW-Authenticate` challenge (RFC 9449 section 7.1: the DPoP proof
    /// algorithms the server accepts), when it names any.
    pub fn dpop_algs(&self) -> Option<Vec<String>> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("www-authenticate"))
            .find_map(|(_, v)| challenge_param(v, "algs"))
            .map(|algs| algs.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .filter(|algs| !algs.is_empty())
    }

    /// How far the server's clock (its Date header) is from ours, when that is enough to matter.
    pub fn clock_skew(&self) -> Option<i64> {
        self.header("Date").and_then(|date| server_time::skew(date, now_secs()))
    }

    /// True for 401 with `error="invalid_token"`: the token sent is no good (RFC 6750 3.1).
    pub fn token_rejected(&self) -> bool {
        self.status == 401 && self.auth_challenge_error().as_deref() == Some("invalid_token")
    }

    /// Where a redirect answer to a request for `url` points, if it is one with a usable Location.
    pub fn redirect_target(&self, url: &Url) -> Option<Url> {
        matches!(self.status, 301 | 302 | 303 | 307 | 308)
            .then(|| self.header("Location").and_then(|l| url.join(l).ok()))
            .flatten()
    }
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
        let r = with_challenge(r#"DPoP algs="ES256", error="use_dpop_nonce", error_description="x""#);
        assert_eq!(r.auth_challenge_error().as_deref(), Some("use_dpop_nonce"));
        assert!(!r.token_rejected());
        assert!(with_challenge("Bearer error=invalid_token").token_rejected());
        assert_eq!(with_challenge("Bearer realm=\"x\"").auth_challenge_error(), None);
        assert_eq!(r.dpop_algs().unwrap(), ["ES256"]);
        assert_eq!(
            with_challenge(r#"DPoP error="invalid_dpop_proof", algs="PS256  ES256""#)
                .dpop_algs()
                .unwrap(),
            ["PS256", "ES256"]
        );
        assert_eq!(with_challenge(r#"DPoP algs="""#).dpop_algs(), None);
    }

    #[test]
    fn redirect_targets_resolve_relative_locations() {
        let url = Url::parse("http://127.0.0.1:1/a/b").unwrap();
        let mut r = with_challenge("");
        r.status = 302;
        r.headers = vec![("location".into(), "c?x=1".into())];
        assert_eq!(r.redirect_target(&url).unwrap().as_str(), "http://127.0.0.1:1/a/c?x=1");
        r.status = 200;
        assert_eq!(r.redirect_target(&url), None);
    }
}
