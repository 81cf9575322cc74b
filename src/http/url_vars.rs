//! Chilkat's URL variables: `SetUrlVar("id", "42")` makes `https://api.example/items/{$id}` ask for
//! `.../items/42`. Values are percent-encoded, so they can never change the URL's structure.

use crate::error::{Error, ErrorKind, Result};
use ::url::form_urlencoded::byte_serialize;

/// Variables in URLs cannot be longer than this (longer text is not looked up).
const MAX_NAME_CHARS: usize = 256;

#[derive(Default)]
pub struct UrlVars {
    vars: Vec<(String, String)>,
}

impl UrlVars {
    /// Sets (or replaces) the value of `{$name}`.
    pub fn set(&mut self, name: &str, value: &str) -> Result<()> {
        if name.is_empty() || name.len() > MAX_NAME_CHARS || name.contains(['{', '}', '$']) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("'{}' cannot be a URL variable name", crate::redact::clip(name, 50)),
            ));
        }
        self.vars.retain(|(n, _)| n != name);
        self.vars.push((name.to_string(), value.to_string()));
        Ok(())
    }

    pub fn clear(&mut self) {
        self.vars.clear();
    }

    /// `url` with every `{$name}` replaced by its value, percent-encoded; a variable that is not
    /// set is replaced by nothing, as in Chilkat.
    pub fn expand(&self, url: &str) -> String {
        let mut out = String::with_capacity(url.len());
        let mut rest = url;
        while let Some(start) = rest.find("{$") {
            let Some(len) = rest[start + 2..].find('}').filter(|&len| len <= MAX_NAME_CHARS) else {
                break;
            };
            let name = &rest[start + 2..start + 2 + len];
            out.push_str(&rest[..start]);
            if let Some((_, value)) = self.vars.iter().find(|(n, _)| n == name) {
                // form-urlencoding writes a space as "+"; in a path it must be %20.
                out.extend(byte_serialize(value.as_bytes()).map(|part| if part == "+" { "%20" } else { part }));
            }
            rest = &rest[start + 3 + len..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_replaced_and_encoded() {
        let mut vars = UrlVars::default();
        vars.set("id", "a b/c").unwrap();
        vars.set("n", "1").unwrap();
        vars.set("n", "2").unwrap();
        assert_eq!(
            vars.expand("http://h/items/{$id}?q={$id}&n={$n}&m={$missing}"),
            "http://h/items/a%20b%2Fc?q=a%20b%2Fc&n=2&m="
        );
        assert_eq!(vars.expand("http://h/{$id"), "http://h/{$id", "no closing brace");
        assert_eq!(vars.expand("http://h/{x}"), "http://h/{x}");
        vars.clear();
        assert_eq!(vars.expand("http://h/{$id}"), "http://h/");
    }

    #[test]
    fn names_that_cannot_appear_in_a_url_are_refused() {
        let mut vars = UrlVars::default();
        for name in ["", "a}b", "$x", &"n".repeat(MAX_NAME_CHARS + 1)] {
            assert_eq!(vars.set(name, "v").unwrap_err().kind(), ErrorKind::InvalidArgument, "{name}");
        }
    }
}
