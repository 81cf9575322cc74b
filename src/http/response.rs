//! A received HTTP response and what the Http object and Chilkat's HttpResponse read from it.

use crate::error::{Error, ErrorKind, Result};
use crate::header::{challenges, Challenge};
use crate::text::Charset;
use crate::url::Url;

#[derive(Clone, Debug, Default)]
pub struct Response {
    /// As the status line said it ("HTTP/1.1"); "" for a response that was not received.
    pub version: String,
    pub status: u16,
    pub reason: String,
    /// Names as the server sent them, in its order.
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

    /// The name of the `index`th header (from 0), as sent.
    pub fn header_name(&self, index: i32) -> Result<String> {
        self.nth_header(index).map(|(name, _)| name.clone())
    }

    /// The value of the `index`th header (from 0).
    pub fn header_value(&self, index: i32) -> Result<String> {
        self.nth_header(index).map(|(_, value)| value.clone())
    }

    fn nth_header(&self, index: i32) -> Result<&(String, String)> {
        usize::try_from(index).ok().and_then(|i| self.headers.get(i)).ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!(
                    "there is no header {index}: the response has {} (numbered from 0)",
                    self.headers.len()
                ),
            )
        })
    }

    /// The header block as Chilkat's `HttpResponse.Header` shows it: one `Name: value` per line,
    /// each ending in CRLF ("\r\n" alone when there is none).
    pub fn header_text(&self) -> String {
        if self.headers.is_empty() {
            return "\r\n".into();
        }
        self.headers.iter().map(|(n, v)| format!("{n}: {v}\r\n")).collect()
    }

    /// The header block as Chilkat's `Http.LastResponseHeader` shows it: without the last CRLF.
    pub fn header_lines(&self) -> String {
        let text = self.header_text();
        text.strip_suffix("\r\n").unwrap_or(&text).to_string()
    }

    /// "HTTP/1.1 200 OK" ("" for a response that was not received).
    pub fn status_line(&self) -> String {
        if self.version.is_empty() {
            return String::new();
        }
        match self.reason.as_str() {
            "" => format!("{} {}", self.version, self.status),
            reason => format!("{} {} {reason}", self.version, self.status),
        }
    }

    /// The charset parameter of Content-Type as sent (quotes removed), "us-ascii" without one, as
    /// Chilkat reports it.
    pub fn charset(&self) -> String {
        self.declared_charset().unwrap_or_else(|| "us-ascii".into())
    }

    fn declared_charset(&self) -> Option<String> {
        self.header("Content-Type").and_then(|content_type| {
            content_type.split(';').skip(1).find_map(|param| {
                let (name, value) = param.split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("charset")
                    .then(|| value.trim().trim_matches('"').to_string())
            })
        })
    }

    /// The Content-Length header's value; 0 when it is absent or not a number.
    pub fn content_length(&self) -> u64 {
        self.header("Content-Length").and_then(|v| v.trim().parse().ok()).unwrap_or(0)
    }

    /// The body as text: decoded as the charset of Content-Type says (utf-8, iso-8859-1 or
    /// windows-1252, utf-16, us-ascii); without one (or with one this library does not know), as
    /// UTF-8 when it is, else as Windows-1252, as Chilkat does. What the charset does not allow is
    /// read as UTF-8 with U+FFFD for the bytes that are not.
    pub fn body_text(&self) -> String {
        match self.declared_charset().map(|name| Charset::named(&name)) {
            Some(Ok(charset)) => charset
                .decode(&self.body)
                .unwrap_or_else(|_| String::from_utf8_lossy(&self.body).into_owned()),
            _ => match std::str::from_utf8(&self.body) {
                Ok(text) => text.to_string(),
                Err(_) => Charset::Windows1252.decode(&self.body).unwrap_or_default(),
            },
        }
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// True for the statuses that redirect (301, 302, 303, 307, 308).
    pub fn redirect_status(&self) -> bool {
        matches!(self.status, 301 | 302 | 303 | 307 | 308)
    }

    /// The challenges of every WWW-Authenticate header, in order.
    fn auth_challenges(&self) -> impl Iterator<Item = Challenge<'_>> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("www-authenticate"))
            .flat_map(|(_, v)| challenges(v))
    }

    /// The challenge that says why a request authenticated with `scheme` (the first word of its
    /// Authorization header, if it had one) was refused: the first of that scheme with an `error`
    /// parameter, else the first with one. A server may offer several (`Bearer error="...",
    /// DPoP error="..."`), each about its own scheme.
    pub fn auth_challenge(&self, scheme: Option<&str>) -> Option<Challenge<'_>> {
        let with_error = || self.auth_challenges().filter(|c| c.param("error").is_some());
        scheme
            .and_then(|scheme| with_error().find(|c| c.scheme.eq_ignore_ascii_case(scheme)))
            .or_else(|| with_error().next())
    }

    /// The `error` parameter of [`Response::auth_challenge`].
    pub fn auth_challenge_error(&self, scheme: Option<&str>) -> Option<String> {
        self.auth_challenge(scheme).and_then(|c| c.param("error"))
    }

    /// The `algs` of a `WWW-Authenticate: DPoP` challenge (RFC 9449 section 7.1: the DPoP proof
    /// algorithms the server accepts), when it names any; another scheme's `algs` is not about
    /// proofs.
    pub fn dpop_algs(&self) -> Option<Vec<String>> {
        self.auth_challenges()
            .filter(|c| c.scheme.eq_ignore_ascii_case("DPoP"))
            .find_map(|c| c.param("algs"))
            .map(|algs| algs.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .filter(|algs| !algs.is_empty())
    }

    /// True when a WWW-Authenticate header offers `scheme`.
    pub fn challenges(&self, scheme: &str) -> bool {
        self.auth_challenges().any(|c| c.scheme.eq_ignore_ascii_case(scheme))
    }

    /// True for 401 with `error="invalid_token"` (for a request authenticated with `scheme`): the
    /// token sent is no good (RFC 6750 3.1).
    pub fn token_rejected(&self, scheme: Option<&str>) -> bool {
        self.status == 401 && self.auth_challenge_error(scheme).as_deref() == Some("invalid_token")
    }

    /// Where a redirect answer to a request for `url` points, if it is one with a usable Location.
    pub fn redirect_target(&self, url: &Url) -> Option<Url> {
        self.redirect_status()
            .then(|| self.header("Location").and_then(|l| url.join(l).ok()))
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_headers(headers: &[(&str, &str)]) -> Response {
        Response {
            version: "HTTP/1.1".into(),
            status: 200,
            reason: "OK".into(),
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            body: vec![],
        }
    }

    fn with_challenge(value: &str) -> Response {
        Response {
            status: 401,
            reason: "Unauthorized".into(),
            ..with_headers(&[("WWW-Authenticate", value)])
        }
    }

    #[test]
    fn reads_challenge_errors() {
        let r = with_challenge(r#"DPoP algs="ES256", error="use_dpop_nonce", error_description="x""#);
        assert_eq!(r.auth_challenge_error(Some("DPoP")).as_deref(), Some("use_dpop_nonce"));
        assert!(!r.token_rejected(Some("DPoP")));
        assert!(with_challenge("Bearer error=invalid_token").token_rejected(Some("Bearer")));
        assert_eq!(with_challenge("Bearer realm=\"x\"").auth_challenge_error(None), None);
        assert_eq!(r.dpop_algs().unwrap(), ["ES256"]);
        assert_eq!(
            with_challenge(r#"DPoP error="invalid_dpop_proof", algs="PS256  ES256""#)
                .dpop_algs()
                .unwrap(),
            ["PS256", "ES256"]
        );
        assert_eq!(with_challenge(r#"DPoP algs="""#).dpop_algs(), None);
        assert_eq!(
            with_challenge(r#"Foo algs="RS256""#).dpop_algs(),
            None,
            "only a DPoP challenge names proof algorithms"
        );
        assert_eq!(
            with_challenge(r#"Foo algs="RS256", DPoP algs="ES384""#).dpop_algs().unwrap(),
            ["ES384"]
        );
    }

    #[test]
    fn the_error_is_the_one_of_the_scheme_sent() {
        let both = Response {
            headers: vec![
                ("WWW-Authenticate".into(), r#"Bearer realm="api", error="invalid_token""#.into()),
                ("www-authenticate".into(), r#"DPoP algs="ES256", error="use_dpop_nonce""#.into()),
            ],
            ..with_challenge("")
        };
        assert_eq!(both.auth_challenge_error(Some("DPoP")).as_deref(), Some("use_dpop_nonce"));
        assert_eq!(both.auth_challenge_error(Some("bearer")).as_deref(), Some("invalid_token"));
        assert_eq!(both.auth_challenge_error(None).as_deref(), Some("invalid_token"), "the first");
        assert_eq!(
            both.auth_challenge_error(Some("Basic")).as_deref(),
            Some("invalid_token"),
            "the first"
        );
        assert!(!both.token_rejected(Some("DPoP")) && both.token_rejected(Some("Bearer")));
    }

    #[test]
    fn finds_the_schemes_a_server_offers() {
        assert!(with_challenge(r#"Basic realm="x""#).challenges("basic"));
        assert!(with_challenge(r#"Bearer realm="a", Basic realm="b""#).challenges("Basic"));
        assert!(!with_challenge(r#"Digest realm="Basic""#).challenges("Basic"));
        assert!(!with_challenge(r#"Bearer error_description="use, Basic instead""#).challenges("Basic"));
        assert!(!with_headers(&[]).challenges("Basic"));
    }

    #[test]
    fn redirect_targets_resolve_relative_locations() {
        let url = Url::parse("http://127.0.0.1:1/a/b").unwrap();
        let mut r = with_headers(&[("location", "c?x=1")]);
        r.status = 302;
        assert_eq!(r.redirect_target(&url).unwrap().as_str(), "http://127.0.0.1:1/a/c?x=1");
        r.status = 200;
        assert_eq!(r.redirect_target(&url), None);
    }

    #[test]
    fn reads_the_head_as_chilkat_shows_it() {
        let r = with_headers(&[
            ("Content-Type", "text/plain; charset=\"UTF-8\""),
            ("x-lower", "v"),
            ("Content-Length", "12"),
        ]);
        assert_eq!(r.status_line(), "HTTP/1.1 200 OK");
        assert_eq!(
            r.header_text(),
            "Content-Type: text/plain; charset=\"UTF-8\"\r\nx-lower: v\r\nContent-Length: 12\r\n"
        );
        assert_eq!(
            r.header_lines(),
            "Content-Type: text/plain; charset=\"UTF-8\"\r\nx-lower: v\r\nContent-Length: 12"
        );
        assert_eq!(
            (r.header_name(1).unwrap(), r.header_value(1).unwrap()),
            ("x-lower".into(), "v".into())
        );
        for index in [3, -1] {
            assert_eq!(r.header_name(index).unwrap_err().kind(), ErrorKind::NotFound);
        }
        assert_eq!((r.charset(), r.content_length()), ("UTF-8".into(), 12));
        let empty = Response::default();
        assert_eq!(
            (empty.status_line(), empty.header_text(), empty.charset()),
            ("".into(), "\r\n".into(), "us-ascii".into())
        );
        assert_eq!(empty.content_length(), 0);
    }

    #[test]
    fn bodies_are_decoded_as_their_charset_says() {
        let body = |content_type: &str, bytes: &[u8]| Response {
            body: bytes.to_vec(),
            ..with_headers(&[("Content-Type", content_type)])
        };
        assert_eq!(body("text/plain; charset=iso-8859-1", b"caf\xe9").body_text(), "café");
        assert_eq!(body("application/json", "café".as_bytes()).body_text(), "café");
        assert_eq!(body("text/plain", b"caf\xe9 \x80").body_text(), "café €", "not UTF-8: Windows-1252");
        assert_eq!(
            body("text/plain; charset=koi8-r", b"caf\xe9").body_text(),
            "café",
            "unknown: as without"
        );
        assert_eq!(body("text/plain; charset=utf-8", b"caf\xe9").body_text(), "caf\u{fffd}");
    }
}
