//! JSON string text as it appears between the quotes, escapes included. Documents keep names and
//! string values this way, so a loaded document is emitted with the same escapes it came with
//! (`"\u00e9"` stays `"\u00e9"`, as in Chilkat) and is decoded only when a caller reads it.

use std::borrow::Cow;

/// The escaped content of a JSON string (without the quotes). Always valid JSON: built only by
/// [`JsonString::escape`] or by the parser after checking every escape.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct JsonString(String);

impl JsonString {
    /// Escapes `text` as Chilkat does: `"` `\` and the control characters with a short form
    /// (`\b \f \n \r \t`) get it, the other control characters become `\u00XX` (upper-case hex);
    /// everything else, `/` and non-ASCII included, is kept as it is.
    pub fn escape(text: &str) -> JsonString {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c < ' ' => out.push_str(&format!("\\u{:04X}", c as u32)),
                c => out.push(c),
            }
        }
        JsonString(out)
    }

    /// Wraps text the parser has checked: every backslash starts a valid escape and there is no
    /// raw control character or unescaped quote.
    pub fn from_checked(raw: String) -> JsonString {
        JsonString(raw)
    }

    /// The escaped text, as it is emitted between quotes.
    pub fn raw(&self) -> &str {
        &self.0
    }

    /// The text the escapes stand for. A lone UTF-16 surrogate (`\ud83d` without its pair),
    /// which JSON's grammar allows but no string can hold, becomes U+FFFD.
    pub fn decoded(&self) -> Cow<'_, str> {
        if !self.0.contains('\\') {
            return Cow::Borrowed(&self.0);
        }
        let mut out = String::with_capacity(self.0.len());
        let mut rest = self.0.as_str();
        while let Some(at) = rest.find('\\') {
            out.push_str(&rest[..at]);
            rest = &rest[at + 1..];
            let mut chars = rest.chars();
            let Some(kind) = chars.next() else { break };
            rest = chars.as_str();
            match kind {
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    let (c, after) = decode_unicode_escape(rest);
                    out.push(c);
                    rest = after;
                }
                other => out.push(other), // \" \\ \/
            }
        }
        out.push_str(rest);
        Cow::Owned(out)
    }

    /// True if this string decodes to `text`.
    pub fn is(&self, text: &str) -> bool {
        if self.0.contains('\\') {
            self.decoded() == text
        } else {
            self.0 == text
        }
    }
}

/// Decodes the four hex digits after `\u` at the start of `rest` (and the low half of a
/// surrogate pair after them), returning the character and the text after it.
fn decode_unicode_escape(rest: &str) -> (char, &str) {
    let Some(high) = hex4(rest) else {
        return (char::REPLACEMENT_CHARACTER, rest);
    };
    let after = &rest[4..];
    if (0xD800..0xDC00).contains(&high) {
        if let Some(low) = after.strip_prefix("\\u").and_then(hex4) {
            if (0xDC00..0xE000).contains(&low) {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return (char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER), &after[6..]);
            }
        }
    }
    (char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER), after)
}

/// The value of four hex digits at the start of `text`.
pub(super) fn hex4(text: &str) -> Option<u32> {
    let digits = text.get(..4)?;
    if digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        u32::from_str_radix(digits, 16).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_chilkat() {
        let cases = [
            ("plain", "plain"),
            ("x/y", "x/y"),
            ("q\"q", "q\\\"q"),
            ("b\\s", "b\\\\s"),
            ("nl\ncr\rtab\t\u{8}\u{c}", "nl\\ncr\\rtab\\t\\b\\f"),
            ("\u{1}\u{1f}", "\\u0001\\u001F"),
            ("\u{7f}é😀\u{2028}", "\u{7f}é😀\u{2028}"),
            ("\\u0041", "\\\\u0041"),
        ];
        for (text, escaped) in cases {
            let json = JsonString::escape(text);
            assert_eq!(json.raw(), escaped);
            assert_eq!(json.decoded(), text);
            assert!(json.is(text));
        }
    }

    #[test]
    fn decodes_every_escape() {
        let raw = JsonString::from_checked(r#"a\"b\\c\/d\b\f\n\r\t\u00e9\u00E9\ud83d\ude00\u0000"#.to_owned());
        assert_eq!(raw.decoded(), "a\"b\\c/d\u{8}\u{c}\n\r\téé😀\u{0}");
        assert!(raw.is("a\"b\\c/d\u{8}\u{c}\n\r\téé😀\u{0}"));
        assert!(!raw.is("a"));
    }

    #[test]
    fn lone_surrogates_decode_to_the_replacement_character() {
        assert_eq!(JsonString::from_checked(r"\ud83d".to_owned()).decoded(), "\u{fffd}");
        assert_eq!(JsonString::from_checked(r"\ude00x".to_owned()).decoded(), "\u{fffd}x");
        assert_eq!(JsonString::from_checked(r"\ud83d\u0041".to_owned()).decoded(), "\u{fffd}A");
    }
}
