//! Reads JSON text into a document. Strict JSON, plus what Chilkat also accepts when it yields
//! the same data: a UTF-8 byte-order mark, `/* */` and `//` comments, a trailing comma before
//! `}` or `]`, and raw control characters inside strings (stored escaped). Everything else that
//! Chilkat silently drops or keeps as broken text (truncated documents, `{bad`, garbage after
//! the document, single quotes, `NaN`, `01`, unknown escapes) is an error here, because loading
//! it would lose or corrupt data.
//!
//! The parser is a loop with an explicit stack, not recursion, so nesting costs no call stack;
//! the document's depth limit bounds it.

use super::document::{Container, Document, Kind, Member, NodeId, Value, MAX_DEPTH};
use super::number;
use super::string::{hex4, JsonString};
use crate::error::{Error, ErrorKind, Result};

/// Parses `text`, a whole JSON document, into `doc`. A root object or array is placed at
/// `depth`. On error nothing stays behind in `doc`.
pub(super) fn parse(doc: &mut Document, text: &str, depth: u32) -> Result<Value> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser {
        text,
        at: 0,
        open: Vec::new(),
        root: None,
    };
    match parser.run(doc, depth) {
        Ok(root) => Ok(root),
        Err(message) => {
            if let Some(root) = parser.root.take() {
                doc.release(root);
            }
            Err(parser.error(&message))
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
    /// The containers opened and not yet closed, innermost last.
    open: Vec<(NodeId, Kind)>,
    /// The root value as soon as it exists: every container is linked into it when opened, so
    /// releasing the root frees everything after an error.
    root: Option<Value>,
}

type Step<T> = std::result::Result<T, String>;

impl Parser<'_> {
    fn run(&mut self, doc: &mut Document, depth: u32) -> Step<Value> {
        self.skip_space()?;
        if self.at == self.text.len() {
            return Err("the text is empty".into());
        }
        let mut name = None;
        loop {
            // A value: the root, an array element, or a member's value after its ':'. An object
            // or array just opened has its first value read by the next round.
            if let Some(kind) = self.value(doc, name.take(), depth)? {
                name = self.member_name(kind)?;
                continue;
            }
            // Then commas and closing brackets, until the next value or the end.
            loop {
                let Some(&(_, kind)) = self.open.last() else {
                    self.skip_space()?;
                    if self.at < self.text.len() {
                        return Err("unexpected text after the end of the JSON document".into());
                    }
                    return Ok(self.root.take().unwrap_or(Value::Null));
                };
                self.skip_space()?;
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        self.skip_space()?;
                        if self.peek() == Some(closer(kind)) {
                            // A trailing comma: Chilkat accepts it and so do we.
                            self.at += 1;
                            self.open.pop();
                        } else {
                            name = self.member_name(kind)?;
                            break;
                        }
                    }
                    Some(c) if c == closer(kind) => {
                        self.at += 1;
                        self.open.pop();
                    }
                    _ => {
                        let expected = if kind == Kind::Object { "',' or '}'" } else { "',' or ']'" };
                        return Err(format!("expected {expected}"));
                    }
                }
            }
        }
    }

    /// Reads one value and links it into the innermost open container (or makes it the root).
    /// Returns the kind of an object or array it opened that is not empty: its content follows.
    fn value(&mut self, doc: &mut Document, name: Option<JsonString>, root_depth: u32) -> Step<Option<Kind>> {
        self.skip_space()?;
        let value = match self.peek() {
            Some(b'{') => self.open_container(doc, Kind::Object, root_depth)?,
            Some(b'[') => self.open_container(doc, Kind::Array, root_depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err("expected a JSON value (an object, array, string, number, true, false or null)".into()),
            None => return Err("the text ends where a value was expected".into()),
        };
        let opened = match value {
            Value::Object(id) => Some((id, Kind::Object)),
            Value::Array(id) => Some((id, Kind::Array)),
            _ => None,
        };
        self.link(doc, name, value);
        let Some((id, kind)) = opened else { return Ok(None) };
        self.open.push((id, kind));
        self.skip_space()?;
        if self.peek() == Some(closer(kind)) {
            self.at += 1;
            self.open.pop();
            return Ok(None);
        }
        Ok(Some(kind))
    }

    fn open_container(&mut self, doc: &mut Document, kind: Kind, root_depth: u32) -> Step<Value> {
        self.at += 1;
        let id = match self.open.last() {
            Some(&(parent, _)) => doc.add_child(parent, kind).map_err(|e| e.message().to_owned())?,
            None if root_depth > MAX_DEPTH => return Err(format!("the document is nested more than {MAX_DEPTH} levels deep")),
            None => doc.add_root(kind, root_depth),
        };
        Ok(kind.value(id))
    }

    fn link(&mut self, doc: &mut Document, name: Option<JsonString>, value: Value) {
        let Some(&(parent, _)) = self.open.last() else {
            self.root = Some(value);
            return;
        };
        match doc.get_mut(parent) {
            Some(Container::Object(members)) => members.push(Member {
                name: name.unwrap_or_default(),
                value,
            }),
            Some(Container::Array(items)) => items.push(value),
            None => {}
        }
    }

    /// In an object: a member name and its ':'. In an array: nothing.
    fn member_name(&mut self, kind: Kind) -> Step<Option<JsonString>> {
        if kind == Kind::Array {
            return Ok(None);
        }
        self.skip_space()?;
        if self.peek() != Some(b'"') {
            return Err("expected a member name in double quotes".into());
        }
        let name = self.string()?;
        self.skip_space()?;
        if self.peek() != Some(b':') {
            return Err("expected ':' after the member name".into());
        }
        self.at += 1;
        Ok(Some(name))
    }

    /// A string starting at the opening quote. Raw control characters (a tab or a line break
    /// pasted into a value) are accepted and stored escaped.
    fn string(&mut self) -> Step<JsonString> {
        self.at += 1;
        let start = self.at;
        let bytes = self.text.as_bytes();
        let mut raw: Option<String> = None;
        loop {
            match bytes.get(self.at) {
                None => return Err("a string is not terminated".into()),
                Some(b'"') => break,
                Some(b'\\') => {
                    let escape_len = match bytes.get(self.at + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
                        Some(b'u') if hex4(&self.text[self.at + 2..]).is_some() => 6,
                        _ => return Err("invalid escape sequence in a string".into()),
                    };
                    if let Some(raw) = raw.as_mut() {
                        raw.push_str(&self.text[self.at..self.at + escape_len]);
                    }
                    self.at += escape_len;
                }
                Some(&c) if c < b' ' => {
                    let raw = raw.get_or_insert_with(|| self.text[start..self.at].to_owned());
                    raw.push_str(JsonString::escape(&char::from(c).to_string()).raw());
                    self.at += 1;
                }
                Some(_) => {
                    let c = self.text[self.at..].chars().next().unwrap_or_default();
                    if let Some(raw) = raw.as_mut() {
                        raw.push(c);
                    }
                    self.at += c.len_utf8();
                }
            }
        }
        let raw = raw.unwrap_or_else(|| self.text[start..self.at].to_owned());
        self.at += 1;
        Ok(JsonString::from_checked(raw))
    }

    fn number(&mut self) -> Step<Value> {
        let len = number::literal_end(&self.text.as_bytes()[self.at..]);
        if len == 0 {
            return Err("invalid number".into());
        }
        let literal = &self.text[self.at..self.at + len];
        self.at += len;
        self.expect_delimiter("invalid number")?;
        Ok(Value::Number(literal.to_owned()))
    }

    fn literal(&mut self, word: &str, value: Value) -> Step<Value> {
        if !self.text[self.at..].starts_with(word) {
            return Err("expected a JSON value (true, false and null are lower case)".into());
        }
        self.at += word.len();
        self.expect_delimiter("expected a JSON value (true, false and null are lower case)")?;
        Ok(value)
    }

    /// After a number or a literal comes whitespace, a comment, ',', a closing bracket or the end.
    fn expect_delimiter(&self, message: &str) -> Step<()> {
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b'/') => Ok(()),
            Some(_) => Err(message.into()),
        }
    }

    /// Skips whitespace and comments.
    fn skip_space(&mut self) -> Step<()> {
        let bytes = self.text.as_bytes();
        loop {
            match (bytes.get(self.at), bytes.get(self.at + 1)) {
                (Some(b' ' | b'\t' | b'\n' | b'\r'), _) => self.at += 1,
                (Some(b'/'), Some(b'/')) => {
                    self.at = self.text[self.at..].find('\n').map_or(self.text.len(), |end| self.at + end + 1);
                }
                (Some(b'/'), Some(b'*')) => match self.text[self.at + 2..].find("*/") {
                    Some(end) => self.at += 2 + end + 2,
                    None => return Err("a /* comment is not terminated".into()),
                },
                _ => return Ok(()),
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// The error for `message` at the current position, with its line and column (counted in
    /// characters, from 1) so a person can find it in a file.
    fn error(&self, message: &str) -> Error {
        let before = &self.text[..self.at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Error::new(ErrorKind::Json, format!("invalid JSON at line {line} column {column}: {message}"))
    }
}

fn closer(kind: Kind) -> u8 {
    match kind {
        Kind::Object => b'}',
        Kind::Array => b']',
    }
}

#[cfg(test)]
mod tests {
    use super::super::emit::{emit, Style};
    use super::*;

    /// Parses and emits compact, or gives the error text.
    fn round_trip(text: &str) -> std::result::Result<String, String> {
        let mut doc = Document::default();
        match parse(&mut doc, text, 1) {
            Ok(value) => Ok(emit(&doc, &value, Style::default())),
            Err(e) => Err(e.to_string()),
        }
    }

    #[test]
    fn keeps_numbers_strings_and_duplicates_as_written() {
        let text =
            r#"{"price":10.00,"qty":1e5,"neg":-0.0,"big":12345678901234567890,"e":"\u00e9\/","d":1,"d":2,"n":null,"b":[true,false]}"#;
        assert_eq!(round_trip(text).unwrap(), text);
        assert_eq!(round_trip(" \r\n\t[ 1 , \"a\" ,{ } ,[ ] ] ").unwrap(), r#"[1,"a",{},[]]"#);
        assert_eq!(round_trip("\"scalar\"").unwrap(), "\"scalar\"");
    }

    #[test]
    fn accepts_what_chilkat_accepts_when_the_data_is_the_same() {
        let cases = [
            ("\u{feff}{\"a\":1}", r#"{"a":1}"#),
            (r#"{"a":1,}"#, r#"{"a":1}"#),
            (r#"{"a":[1,2,],}"#, r#"{"a":[1,2]}"#),
            ("/*c*/{\"a\":1}//c", r#"{"a":1}"#),
            ("{\"a\" /* x */ : // y\n 1}", r#"{"a":1}"#),
            ("{\"a\":\"x\ny\tz\"}", r#"{"a":"x\ny\tz"}"#),
            ("{\"a\":\"\u{1}\"}", r#"{"a":"\u0001"}"#),
        ];
        for (text, expected) in cases {
            assert_eq!(round_trip(text).unwrap(), expected, "{text:?}");
        }
    }

    #[test]
    fn refuses_what_would_lose_or_corrupt_data() {
        let cases = [
            ("", "line 1 column 1: the text is empty"),
            ("  ", "line 1 column 3: the text is empty"),
            ("{bad", "line 1 column 2: expected a member name in double quotes"),
            (r#"{"a":1"#, "line 1 column 7: expected ',' or '}'"),
            (r#"{"a":[1,2}"#, "line 1 column 10: expected ',' or ']'"),
            (r#"{"a":1} trailing"#, "line 1 column 9: unexpected text after the end"),
            (r#"{} {}"#, "unexpected text after the end"),
            ("{'a':1}", "expected a member name in double quotes"),
            ("{a:1}", "expected a member name in double quotes"),
            (r#"{"a" 1}"#, "expected ':' after the member name"),
            (r#"{"a":}"#, "expected a JSON value"),
            (r#"{"a":1 "b":2}"#, "expected ',' or '}'"),
            (r#"{"a":1,,"b":2}"#, "expected a member name"),
            (r#"[1,,2]"#, "expected a JSON value"),
            (r#"{"a":01}"#, "invalid number"),
            (r#"{"a":+1}"#, "expected a JSON value"),
            (r#"{"a":.5}"#, "expected a JSON value"),
            (r#"{"a":1.}"#, "invalid number"),
            (r#"{"a":1e}"#, "invalid number"),
            (r#"{"a":0x10}"#, "invalid number"),
            (r#"{"a":NaN}"#, "expected a JSON value"),
            (r#"{"a":tru}"#, "true, false and null are lower case"),
            (r#"{"a":True}"#, "expected a JSON value"),
            (r#"{"a":nulll}"#, "true, false and null are lower case"),
            (r#"{"a":"\x"}"#, "invalid escape"),
            (r#"{"a":"\u00"}"#, "invalid escape"),
            (r#"{"a":"x"#, "a string is not terminated"),
            ("/* open", "a /* comment is not terminated"),
            ("{\n  \"a\": 1,\n  \"b\": }", "line 3 column 8: expected a JSON value"),
        ];
        for (text, expected) in cases {
            let message = round_trip(text).unwrap_err();
            assert!(message.starts_with("invalid JSON at line "), "{text}: {message}");
            assert!(message.contains(expected), "{text}: {message}");
        }
    }

    #[test]
    fn a_failed_parse_leaves_nothing_behind() {
        let mut doc = Document::default();
        assert!(parse(&mut doc, r#"{"a":[{"b":{}},[[]]],"c":{"d":[1,2,x]}}"#, 1).is_err());
        assert_eq!(doc.live_containers(), 0);
    }

    #[test]
    fn nesting_is_limited_and_costs_no_call_stack() {
        let deepest = format!("{}{}", "[".repeat(MAX_DEPTH as usize), "]".repeat(MAX_DEPTH as usize));
        assert_eq!(round_trip(&deepest).unwrap(), deepest);
        let message = round_trip(&format!("[{deepest}]")).unwrap_err();
        assert!(message.contains("nested more than 1000 levels deep"), "{message}");
        let message = round_trip(&"[".repeat(1_000_000)).unwrap_err();
        assert!(message.contains("nested more than 1000 levels deep"), "{message}");
        let message = round_trip(&r#"{"a":"#.repeat(100_000)).unwrap_err();
        assert!(message.contains("nested more than 1000 levels deep"), "{message}");
    }
}
