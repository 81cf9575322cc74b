//! Writes a document as JSON text the way Chilkat does: compact by default; pretty output
//! indents by two spaces, puts `"name": value` on its own line, keeps empty containers on one
//! line and ends with a line break (CRLF unless told otherwise), except that an empty root
//! object is just `{}`. Scalars are written as they are stored, so numbers and escapes come
//! out as they went in. A loop with an explicit stack, so any depth is safe.

use super::document::{Container, Document, Member, Value};

/// How to write: the default is compact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Style {
    pub pretty: bool,
    pub crlf: bool,
}

/// What is being written at one level.
enum Level<'a> {
    Object(&'a [Member], usize),
    Array(&'a [Value], usize),
}

/// `value` as JSON text.
pub(super) fn emit(doc: &Document, value: &Value, style: Style) -> String {
    let mut writer = Writer {
        doc,
        style,
        out: String::new(),
        levels: Vec::new(),
    };
    writer.value(value);
    while let Some(level) = writer.levels.last_mut() {
        let (first, next, closer) = match level {
            Level::Object(members, at) => {
                let members = *members;
                *at += 1;
                (*at == 1, members.get(*at - 1).map(|m| (Some(m), &m.value)), '}')
            }
            Level::Array(items, at) => {
                let items = *items;
                *at += 1;
                (*at == 1, items.get(*at - 1).map(|v| (None, v)), ']')
            }
        };
        match next {
            Some((member, value)) => {
                if !first {
                    writer.out.push(',');
                }
                writer.line_break(writer.levels.len());
                if let Some(member) = member {
                    writer.quoted(member.name.raw());
                    writer.out.push_str(if style.pretty { ": " } else { ":" });
                }
                writer.value(value);
            }
            None => {
                writer.levels.pop();
                writer.line_break(writer.levels.len());
                writer.out.push(closer);
            }
        }
    }
    if style.pretty && ends_with_line_break(doc, value) {
        writer.out.push_str(writer.newline());
    }
    writer.out
}

/// Pretty output of a container ends with a line break, but Chilkat writes an empty root object
/// as just `{}`.
fn ends_with_line_break(doc: &Document, value: &Value) -> bool {
    match value {
        Value::Object(id) => !matches!(doc.get(*id), Some(Container::Object(members)) if members.is_empty()),
        Value::Array(_) => true,
        _ => false,
    }
}

struct Writer<'a> {
    doc: &'a Document,
    style: Style,
    out: String,
    levels: Vec<Level<'a>>,
}

impl<'a> Writer<'a> {
    /// Writes a scalar, an empty container, or the opening bracket of a container (whose
    /// content the main loop writes).
    fn value(&mut self, value: &'a Value) {
        match value {
            Value::String(s) => self.quoted(s.raw()),
            Value::Number(literal) => self.out.push_str(literal),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::Null => self.out.push_str("null"),
            Value::Object(id) | Value::Array(id) => match self.doc.get(*id) {
                Some(Container::Object(members)) if members.is_empty() => self.out.push_str("{}"),
                Some(Container::Array(items)) if items.is_empty() => self.out.push_str("[]"),
                Some(Container::Object(members)) => {
                    self.out.push('{');
                    self.levels.push(Level::Object(members, 0));
                }
                Some(Container::Array(items)) => {
                    self.out.push('[');
                    self.levels.push(Level::Array(items, 0));
                }
                // Only a removed container has no content; nothing reachable is removed.
                None => self.out.push_str("null"),
            },
        }
    }

    fn quoted(&mut self, raw: &str) {
        self.out.push('"');
        self.out.push_str(raw);
        self.out.push('"');
    }

    fn newline(&self) -> &'static str {
        if self.style.crlf {
            "\r\n"
        } else {
            "\n"
        }
    }

    /// In pretty output, a line break and the indentation of `depth` levels.
    fn line_break(&mut self, depth: usize) {
        if self.style.pretty {
            self.out.push_str(self.newline());
            self.out.extend(std::iter::repeat_n("  ", depth));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;

    fn emitted(text: &str, style: Style) -> String {
        let mut doc = Document::default();
        let value = parse(&mut doc, text, 1).unwrap();
        emit(&doc, &value, style)
    }

    const PRETTY_CRLF: Style = Style { pretty: true, crlf: true };
    const PRETTY_LF: Style = Style { pretty: true, crlf: false };

    #[test]
    fn pretty_output_matches_chilkat() {
        let text = r#"{"a":{"b":[1,{"c":"x"},[],[2,3]]},"eo":{},"ea":[],"s":"t"}"#;
        let expected = "{\r\n  \"a\": {\r\n    \"b\": [\r\n      1,\r\n      {\r\n        \"c\": \"x\"\r\n      },\r\n      [],\r\n      [\r\n        2,\r\n        3\r\n      ]\r\n    ]\r\n  },\r\n  \"eo\": {},\r\n  \"ea\": [],\r\n  \"s\": \"t\"\r\n}\r\n";
        assert_eq!(emitted(text, PRETTY_CRLF), expected);
        assert_eq!(emitted(text, PRETTY_LF), expected.replace("\r\n", "\n"));
        assert_eq!(emitted(text, Style::default()), text);
    }

    #[test]
    fn empty_roots_and_scalars() {
        assert_eq!(emitted("{}", PRETTY_CRLF), "{}");
        assert_eq!(emitted("[]", PRETTY_CRLF), "[]\r\n");
        assert_eq!(emitted("[{}]", PRETTY_LF), "[\n  {}\n]\n");
        assert_eq!(emitted("\"s\"", PRETTY_CRLF), "\"s\"");
        assert_eq!(emitted("10.00", PRETTY_CRLF), "10.00");
    }

    #[test]
    fn deep_documents_are_written_without_recursion() {
        let depth = super::super::document::MAX_DEPTH as usize;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(emitted(&text, Style::default()), text);
        let pretty = emitted(&text, PRETTY_LF);
        assert_eq!(pretty.lines().count(), 2 * depth - 1);
    }
}
