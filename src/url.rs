//! Request URLs: parsing what a caller passes, the forms of a URL the rest of the crate needs
//! (origin, DPoP `htu`), and the display form used in error messages, without secrets.

pub use ::url::Url;

use crate::error::{Error, ErrorKind, Result};
use crate::redact::clip;

/// How much of a URL an error message shows.
const MAX_DISPLAY_CHARS: usize = 200;

/// Parses a request URL, accepting only http and https with a host.
pub fn parse(text: &str) -> Result<Url> {
    let invalid = |why: String| Error::new(ErrorKind::InvalidArgument, format!("invalid URL '{}': {why}", display(text)));
    let url = Url::parse(text.trim()).map_err(|e| invalid(e.to_string()))?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(url),
        "http" | "https" => Err(invalid("no host".into())),
        other => Err(invalid(format!("scheme '{other}' is not http or https"))),
    }
}

/// A URL as error messages show it: without user:password, query and fragment (where tokens
/// and keys like to hide), clipped. Works on text that does not parse too.
pub fn display(text: &str) -> String {
    let text = text.trim();
    let text = &text[..text.find(['?', '#']).unwrap_or(text.len())];
    let authority_start = text.find("://").map_or(0, |i| i + 3);
    let authority_end = text[authority_start..].find('/').map_or(text.len(), |i| authority_start + i);
    match text[authority_start..authority_end].rfind('@') {
        Some(at) => clip(
            &format!("{}{}", &text[..authority_start], &text[authority_start + at + 1..]),
            MAX_DISPLAY_CHARS,
        ),
        None => clip(text, MAX_DISPLAY_CHARS),
    }
}

/// The origin of `url` (`scheme://host[:port]`): what nonces are kept per, and what transport
/// errors name (never the path or query, where secrets may be).
pub fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// The DPoP `htu` claim (RFC 9449 4.2): the request URL without query and fragment.
/// `Url` already lower-cases scheme and host and drops the port only when it is the default one.
pub fn htu(url: &Url) -> String {
    let mut htu = url.clone();
    htu.set_query(None);
    htu.set_fragment(None);
    // A URL with credentials must not put them in a signed claim.
    let _ = htu.set_username("");
    let _ = htu.set_password(None);
    htu.into()
}

/// `url` with `query` (already encoded) added to its query, before a `#fragment`, which stays last
/// (it is never sent).
pub fn with_query(url: &str, query: &str) -> String {
    if query.is_empty() {
        return url.to_string();
    }
    let (before, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
    let separator = if before.contains('?') { '&' } else { '?' };
    format!("{before}{separator}{query}{fragment}")
}

/// `bytes` percent-encoded: ASCII letters and digits and the bytes of `keep` stay as they are, a
/// space becomes `+` when `space_as_plus` (form encoding) and `%20` otherwise, every other byte
/// `%XX` (upper-case hex). Chilkat's objects each keep a different set, which servers decode alike.
pub fn percent_encode(bytes: &[u8], keep: &[u8], space_as_plus: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b' ' if space_as_plus => out.push('+'),
            _ if b.is_ascii_alphanumeric() || keep.contains(&b) => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_keeps_what_it_is_told_to() {
        assert_eq!(percent_encode("a b~,*é".as_bytes(), b"~,", false), "a%20b~,%2A%C3%A9");
        assert_eq!(percent_encode(b"a b+", b"", true), "a+b%2B");
    }

    #[test]
    fn a_query_is_added_before_the_fragment() {
        assert_eq!(with_query("http://h/p", "a=1"), "http://h/p?a=1");
        assert_eq!(with_query("http://h/p?x=0#top", "a=1"), "http://h/p?x=0&a=1#top");
        assert_eq!(with_query("http://h/p#f?g", "a=1"), "http://h/p?a=1#f?g");
        assert_eq!(with_query("http://h/p#f", ""), "http://h/p#f");
    }

    #[test]
    fn htu_keeps_non_default_port_and_drops_query_and_fragment() {
        let cases = [
            ("http://127.0.0.1:8080/path?x=1#frag", "http://127.0.0.1:8080/path"),
            ("HTTPS://API.Example.COM:443/a/b?q", "https://api.example.com/a/b"),
            ("http://example.com:80/", "http://example.com/"),
            ("https://example.com:8443", "https://example.com:8443/"),
            ("https://user:pw@example.com/x", "https://example.com/x"),
        ];
        for (input, expected) in cases {
            assert_eq!(htu(&parse(input).unwrap()), expected, "{input}");
        }
    }

    #[test]
    fn urls_in_errors_hide_credentials_and_queries() {
        assert_eq!(display("http://user:pw@127.0.0.1:1/x?access_token=T#f"), "http://127.0.0.1:1/x");
        assert_eq!(display("https://a@b@host/p@q"), "https://host/p@q");
        assert_eq!(display(&"A".repeat(1_000_000)).len(), 203);
        let err = parse("http://127.0.0.1:99999/x?access_token=SECRET").unwrap_err();
        assert!(!err.to_string().contains("SECRET"), "{err}");
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    }

    #[test]
    fn parse_rejects_what_cannot_be_requested() {
        for bad in ["", "not a url", "ftp://example.com/", "http://", "mailto:a@b"] {
            let err = parse(bad).unwrap_err();
            assert!(err.to_string().starts_with("invalid URL"), "{bad}: {err}");
            assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        }
    }

    #[test]
    fn origin_has_no_path() {
        assert_eq!(origin(&parse("https://as.example:8443/t?q").unwrap()), "https://as.example:8443");
    }
}
