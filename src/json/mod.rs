//! `JsonObject`: a JSON object document addressed by Chilkat-style paths (`a.b[1].c`), as
//! Chilkat's JsonObject behaves. Members keep insertion order (serde_json is built with
//! `preserve_order`), and updating an existing member keeps its position.
//!
//! Update* create whatever is missing along the path: an object for a member name, an array
//! for an index. An index may name an existing element (replaced) or the end of the array
//! (appended); anything further out is an error rather than padding with nulls, so a typo like
//! `[1000000000]` cannot allocate a huge array. A failed update leaves the document unchanged.

mod path;

use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use path::{Path, Step};

pub struct JsonObject {
    /// `emit`/`write_file` output: one line if true, else indented by two spaces.
    pub emit_compact: bool,
    members: Map<String, Value>,
}

impl Default for JsonObject {
    fn default() -> Self {
        JsonObject {
            emit_compact: true,
            members: Map::new(),
        }
    }
}

impl JsonObject {
    /// The top-level members, in order.
    pub fn members(&self) -> &Map<String, Value> {
        &self.members
    }

    /// Replaces the content with `text`, which must be a JSON object. On error the old content
    /// is kept.
    pub fn load(&mut self, text: &str) -> Result<()> {
        self.members = parse_object(text)?;
        Ok(())
    }

    pub fn load_file(&mut self, path: &str) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::new(ErrorKind::Io, format!("cannot read JSON file '{path}': {e}")))?;
        // Windows editors often start UTF-8 files with a byte-order mark, which serde_json rejects.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        self.load(text).map_err(|e| e.context(format!("cannot load JSON file '{path}'")))
    }

    /// Writes `emit()` to `path`, replacing the file.
    pub fn write_file(&self, path: &str) -> Result<()> {
        std::fs::write(path, self.emit()).map_err(|e| Error::new(ErrorKind::Io, format!("cannot write JSON file '{path}': {e}")))
    }

    pub fn update_string(&mut self, path: &str, value: &str) -> Result<()> {
        self.update(path, Value::from(value))
    }

    pub fn update_int(&mut self, path: &str, value: i64) -> Result<()> {
        self.update(path, Value::from(value))
    }

    pub fn update_bool(&mut self, path: &str, value: bool) -> Result<()> {
        self.update(path, Value::Bool(value))
    }

    /// Stores `numeric_text` ("3.25", "-1e3") as a JSON number. Integers keep their digits;
    /// anything else is stored as a 64-bit float, so "-1e3" is emitted as `-1000.0`.
    pub fn update_number(&mut self, path: &str, numeric_text: &str) -> Result<()> {
        let Ok(number) = numeric_text.parse::<Number>() else {
            bail!(
                Json,
                "cannot update JSON path '{path}': '{numeric_text}' is not a JSON number \
                 (expected something like 3.25 or -1e3, within the range of a 64-bit float)"
            );
        };
        self.update(path, Value::Number(number))
    }

    pub fn update_null(&mut self, path: &str) -> Result<()> {
        self.update(path, Value::Null)
    }

    /// Strings as they are; numbers and booleans as their JSON text (as Chilkat does).
    pub fn string_of(&self, path: &str) -> Result<String> {
        self.read_as(path, "a string", |value| match value {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            Value::Bool(flag) => Some(flag.to_string()),
            _ => None,
        })
    }

    /// An integer, or a string holding one.
    pub fn int_of(&self, path: &str) -> Result<i64> {
        self.read_as(path, "an integer", |value| match value {
            Value::Number(number) => number.as_i64(),
            Value::String(text) => text.parse().ok(),
            _ => None,
        })
    }

    /// `true`/`false`, or a string holding one of them.
    pub fn bool_of(&self, path: &str) -> Result<bool> {
        self.read_as(path, "a boolean", |value| match value {
            Value::Bool(flag) => Some(*flag),
            Value::String(text) => text.parse().ok(),
            _ => None,
        })
    }

    /// True if `path` is valid and leads to a value (null included).
    pub fn has_member(&self, path: &str) -> bool {
        Path::parse(path).is_ok_and(|path| self.find(&path).is_some())
    }

    /// Removes the top-level member `name`; the others keep their order.
    pub fn delete(&mut self, name: &str) -> Result<()> {
        match self.members.shift_remove(name) {
            Some(_) => Ok(()),
            None => {
                bail!(
                    NotFound,
                    "cannot delete member '{name}': there is no top-level member with that name"
                )
            }
        }
    }

    /// The number of top-level members.
    pub fn size(&self) -> usize {
        self.members.len()
    }

    pub fn emit(&self) -> String {
        let text = if self.emit_compact {
            serde_json::to_string(&self.members)
        } else {
            serde_json::to_string_pretty(&self.members)
        };
        // Serializing into memory only fails for non-string map keys or non-finite floats, and a
        // `Map<String, Value>` can hold neither.
        text.unwrap_or_default()
    }

    /// The one place Update* write.
    fn update(&mut self, path: &str, value: Value) -> Result<()> {
        let parsed = Path::parse(path)?;
        let stored = match self.members.entry(parsed.first.clone()) {
            Entry::Occupied(slot) => set_below(slot.into_mut(), &parsed, value),
            Entry::Vacant(slot) => build_new(&parsed, 0, value).map(|new| {
                slot.insert(new);
            }),
        };
        stored.map_err(|e| e.context(format!("cannot update JSON path '{path}'")))
    }

    /// The one place the typed reads look up and report a value: `convert` says whether the
    /// value can be read as `wanted` ("an integer", ...).
    fn read_as<T>(&self, path: &str, wanted: &str, convert: impl FnOnce(&Value) -> Option<T>) -> Result<T> {
        let Some(value) = self.find(&Path::parse(path)?) else {
            bail!(NotFound, "JSON path '{path}' not found");
        };
        match convert(value) {
            Some(converted) => Ok(converted),
            None => bail!(Json, "JSON path '{path}' holds {}, which cannot be read as {wanted}", kind(value)),
        }
    }

    fn find(&self, path: &Path) -> Option<&Value> {
        let start = self.members.get(&path.first)?;
        path.rest.iter().try_fold(start, |node, step| match (step, node) {
            (Step::Member(name), Value::Object(members)) => members.get(name),
            (Step::Index(index), Value::Array(items)) => items.get(*index),
            _ => None,
        })
    }
}

fn parse_object(text: &str) -> Result<Map<String, Value>> {
    // serde_json's message carries the line and column of the problem, and its recursion
    // limit turns hostile nesting into an error instead of a stack overflow.
    match serde_json::from_str(text) {
        Ok(Value::Object(members)) => Ok(members),
        Ok(other) => bail!(Json, "the JSON text is {}, but a JSON object {{...}} was expected", kind(&other)),
        Err(e) => bail!(Json, "invalid JSON: {e}"),
    }
}

/// Walks `path.rest` down from `node` (the value at `path.first`), descending into existing
/// values and building whatever is missing, then stores `value` at the end of the path.
/// Everything that can fail is checked before the document is changed.
fn set_below(mut node: &mut Value, path: &Path, value: Value) -> Result<()> {
    for (depth, step) in path.rest.iter().enumerate() {
        let found = kind(node);
        node = match step {
            Step::Member(name) => {
                let Value::Object(members) = node else {
                    let at = path.prefix(depth);
                    bail!(Json, "'{at}' is {found}, not an object, so it cannot have member '{name}'");
                };
                match members.entry(name.clone()) {
                    Entry::Occupied(slot) => slot.into_mut(),
                    Entry::Vacant(slot) => {
                        slot.insert(build_new(path, depth + 1, value)?);
                        return Ok(());
                    }
                }
            }
            Step::Index(index) => {
                let Value::Array(items) = node else {
                    let at = path.prefix(depth);
                    bail!(Json, "'{at}' is {found}, not an array, so it cannot have index [{index}]");
                };
                let len = items.len();
                if *index == len {
                    items.push(build_new(path, depth + 1, value)?);
                    return Ok(());
                }
                match items.get_mut(*index) {
                    Some(item) => item,
                    None => return Err(index_past_end(path, depth, *index, len)),
                }
            }
        };
    }
    *node = value;
    Ok(())
}

/// Builds the value for a place that does not exist yet: the containers named by
/// `path.rest[from..]`, innermost first, wrapped around `leaf`.
fn build_new(path: &Path, from: usize, leaf: Value) -> Result<Value> {
    let mut value = leaf;
    for (depth, step) in path.rest.iter().enumerate().skip(from).rev() {
        value = match step {
            Step::Member(name) => Value::Object(Map::from_iter([(name.clone(), value)])),
            Step::Index(0) => Value::Array(vec![value]),
            // A new array starts empty, so [0] is the only index it can take.
            Step::Index(index) => return Err(index_past_end(path, depth, *index, 0)),
        };
    }
    Ok(value)
}

fn index_past_end(path: &Path, depth: usize, index: usize, len: usize) -> Error {
    Error::new(
        ErrorKind::Json,
        format!(
            "index [{index}] is past the end of '{}', which has {len} element(s); \
         an update can replace an element or append one at [{len}]",
            path.prefix(depth)
        ),
    )
}

/// "a string", "an array", ...: how error messages name a value's type (never its content,
/// which may be a secret).
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(text: &str) -> JsonObject {
        let mut doc = JsonObject::default();
        doc.load(text).unwrap();
        doc
    }

    /// The text of the error `result` must be, after checking its kind.
    fn error_text<T: std::fmt::Debug>(result: Result<T>, kind: ErrorKind) -> String {
        let error = result.unwrap_err();
        assert_eq!(error.kind(), kind, "{error}");
        error.to_string()
    }

    /// A path under the system temp dir that no other test (or test run) uses.
    fn temp_file(name: &str) -> String {
        let file = format!("dpop-json-{}-{name}.json", std::process::id());
        std::env::temp_dir().join(file).to_string_lossy().into_owned()
    }

    #[test]
    fn seed_document_emits_compact_in_insertion_order() {
        let mut doc = JsonObject::default();
        assert_eq!(doc.emit(), "{}");
        doc.update_string("client_secret", "secret").unwrap();
        doc.update_string("client_id", "m2m.dpop").unwrap();
        doc.update_string("token_endpoint", "https://...").unwrap();
        doc.update_string("scope", "api").unwrap();
        assert_eq!(
            doc.emit(),
            r#"{"client_secret":"secret","client_id":"m2m.dpop","token_endpoint":"https://...","scope":"api"}"#
        );
    }

    #[test]
    fn pretty_emit_indents_by_two_spaces() {
        let mut doc = loaded(r#"{"a":{"b":[1,{"c":"x"}]},"empty_object":{},"empty_array":[]}"#);
        doc.emit_compact = false;
        let expected = r#"{
  "a": {
    "b": [
      1,
      {
        "c": "x"
      }
    ]
  },
  "empty_object": {},
  "empty_array": []
}"#;
        assert_eq!(doc.emit(), expected);
        assert_eq!(
            JsonObject {
                emit_compact: false,
                ..JsonObject::default()
            }
            .emit(),
            "{}"
        );
    }

    #[test]
    fn paths_create_update_and_read_nested_values() {
        let mut doc = JsonObject::default();
        doc.update_int("a.b[0].c", 1).unwrap();
        doc.update_string("a.b[1].c", "appended").unwrap();
        assert_eq!(doc.emit(), r#"{"a":{"b":[{"c":1},{"c":"appended"}]}}"#);

        doc.update_string("a.b[1].c", "replaced").unwrap();
        doc.update_string("a.b[1].d", "added").unwrap();
        doc.update_string("list[0][0]", "x").unwrap();
        assert_eq!(doc.string_of("a.b[1].c").unwrap(), "replaced");
        assert_eq!(doc.string_of("a.b[1].d").unwrap(), "added");
        assert_eq!(doc.int_of("a.b[0].c").unwrap(), 1);
        assert_eq!(doc.string_of("list[0][0]").unwrap(), "x");
        assert_eq!(doc.size(), 2);
    }

    #[test]
    fn updating_an_existing_member_keeps_its_position() {
        let mut doc = loaded(r#"{"first":1,"second":2,"third":3}"#);
        doc.update_string("second", "two").unwrap();
        assert_eq!(doc.emit(), r#"{"first":1,"second":"two","third":3}"#);
    }

    #[test]
    fn index_past_the_end_is_an_error_and_changes_nothing() {
        let mut doc = loaded(r#"{"list":[1]}"#);
        let message = error_text(doc.update_int("list[2]", 3), ErrorKind::Json);
        assert_eq!(
            message,
            "cannot update JSON path 'list[2]': index [2] is past the end of 'list', which has 1 \
             element(s); an update can replace an element or append one at [1]"
        );
        // The missing array would be created empty, so [1] is past its end too: nothing is created.
        let message = error_text(doc.update_int("new.items[1].x", 3), ErrorKind::Json);
        assert!(message.contains("past the end of 'new.items', which has 0 element(s)"), "{message}");
        assert_eq!(doc.emit(), r#"{"list":[1]}"#);
    }

    #[test]
    fn paths_through_the_wrong_kind_of_value_are_errors() {
        let mut doc = loaded(r#"{"name":"x","list":[{"n":1}],"obj":{}}"#);
        assert_eq!(
            error_text(doc.update_string("name.first", "y"), ErrorKind::Json),
            "cannot update JSON path 'name.first': 'name' is a string, not an object, so it cannot have member 'first'"
        );
        assert_eq!(
            error_text(doc.update_string("list[0].n.deeper", "y"), ErrorKind::Json),
            "cannot update JSON path 'list[0].n.deeper': 'list[0].n' is a number, not an object, so it cannot have member 'deeper'"
        );
        assert_eq!(
            error_text(doc.update_string("obj[0]", "y"), ErrorKind::Json),
            "cannot update JSON path 'obj[0]': 'obj' is an object, not an array, so it cannot have index [0]"
        );
        assert_eq!(doc.emit(), r#"{"name":"x","list":[{"n":1}],"obj":{}}"#);
    }

    #[test]
    fn malformed_paths_are_errors() {
        let mut doc = loaded(r#"{"a":{"b":1}}"#);
        for path in ["", "a..b", "a[", "a[x]", "a[-1]", "a.b]"] {
            let message = error_text(doc.update_int(path, 1), ErrorKind::Json);
            assert!(message.starts_with(&format!("invalid JSON path '{path}': ")), "{message}");
            let message = error_text(doc.string_of(path), ErrorKind::Json);
            assert!(message.starts_with(&format!("invalid JSON path '{path}': ")), "{message}");
            assert!(!doc.has_member(path));
        }
        assert_eq!(doc.emit(), r#"{"a":{"b":1}}"#);
    }

    #[test]
    fn has_member_follows_paths() {
        let doc = loaded(r#"{"a":{"b":[10,{"c":null}]},"s":"text"}"#);
        assert!(doc.has_member("a"));
        assert!(doc.has_member("a.b[1]"));
        assert!(doc.has_member("a.b[1].c"), "null is a member");
        assert!(!doc.has_member("a.b[2]"));
        assert!(!doc.has_member("a.x"));
        assert!(!doc.has_member("s.length"));
        assert!(!doc.has_member("a[0]"));
    }

    #[test]
    fn delete_removes_a_top_level_member_and_keeps_the_order() {
        let mut doc = loaded(r#"{"a":1,"b":2,"c":3}"#);
        doc.delete("a").unwrap();
        assert_eq!(doc.emit(), r#"{"b":2,"c":3}"#);
        assert_eq!(doc.size(), 2);
        assert_eq!(
            error_text(doc.delete("a"), ErrorKind::NotFound),
            "cannot delete member 'a': there is no top-level member with that name"
        );
    }

    #[test]
    fn scalar_round_trips() {
        let mut doc = JsonObject::default();
        doc.update_int("min", i64::MIN).unwrap();
        doc.update_int("max", i64::MAX).unwrap();
        doc.update_bool("yes", true).unwrap();
        doc.update_bool("no", false).unwrap();
        doc.update_number("price", "3.25").unwrap();
        doc.update_number("big", "-1e3").unwrap();
        doc.update_number("count", "42").unwrap();
        doc.update_null("nothing").unwrap();
        assert_eq!(
            doc.emit(),
            r#"{"min":-9223372036854775808,"max":9223372036854775807,"yes":true,"no":false,"price":3.25,"big":-1000.0,"count":42,"nothing":null}"#
        );

        let reloaded = loaded(&doc.emit());
        assert_eq!(reloaded.int_of("min").unwrap(), i64::MIN);
        assert_eq!(reloaded.int_of("max").unwrap(), i64::MAX);
        assert_eq!(reloaded.int_of("count").unwrap(), 42);
        assert!(reloaded.bool_of("yes").unwrap());
        assert!(!reloaded.bool_of("no").unwrap());
        assert_eq!(reloaded.string_of("price").unwrap(), "3.25");
        assert!(reloaded.has_member("nothing"));
        assert_eq!(reloaded.size(), 8);
    }

    #[test]
    fn string_of_gives_numbers_and_booleans_as_json_text() {
        let doc = loaded(r#"{"int":-7,"float":3.25,"flag":true,"text":"a/b \"q\""}"#);
        assert_eq!(doc.string_of("int").unwrap(), "-7");
        assert_eq!(doc.string_of("float").unwrap(), "3.25");
        assert_eq!(doc.string_of("flag").unwrap(), "true");
        assert_eq!(doc.string_of("text").unwrap(), r#"a/b "q""#);
    }

    #[test]
    fn strings_holding_integers_and_booleans_can_be_read_as_them() {
        let doc = loaded(r#"{"n":"42","t":"true","f":"false"}"#);
        assert_eq!(doc.int_of("n").unwrap(), 42);
        assert!(doc.bool_of("t").unwrap());
        assert!(!doc.bool_of("f").unwrap());
    }

    #[test]
    fn reads_that_fail_say_which_path_and_why() {
        let doc = loaded(r#"{"a":{"b":null},"f":3.5,"huge":18446744073709551615,"s":"yes"}"#);
        assert_eq!(
            error_text(doc.string_of("a.missing"), ErrorKind::NotFound),
            "JSON path 'a.missing' not found"
        );
        assert_eq!(
            error_text(doc.string_of("a.b"), ErrorKind::Json),
            "JSON path 'a.b' holds null, which cannot be read as a string"
        );
        assert_eq!(
            error_text(doc.string_of("a"), ErrorKind::Json),
            "JSON path 'a' holds an object, which cannot be read as a string"
        );
        assert_eq!(
            error_text(doc.int_of("f"), ErrorKind::Json),
            "JSON path 'f' holds a number, which cannot be read as an integer"
        );
        assert_eq!(doc.int_of("huge").unwrap_err().kind(), ErrorKind::Json);
        assert_eq!(
            error_text(doc.bool_of("s"), ErrorKind::Json),
            "JSON path 's' holds a string, which cannot be read as a boolean"
        );
    }

    #[test]
    fn invalid_number_text_is_an_error() {
        let mut doc = JsonObject::default();
        for text in ["", "abc", "1.2.3", " 1", "NaN", "1e400", "0x10"] {
            let message = error_text(doc.update_number("n", text), ErrorKind::Json);
            assert!(message.contains(&format!("'{text}' is not a JSON number")), "{message}");
        }
        assert_eq!(doc.size(), 0);
    }

    #[test]
    fn load_accepts_only_objects_and_keeps_old_content_on_failure() {
        let mut doc = loaded(r#"{"kept":true}"#);
        assert_eq!(
            error_text(doc.load("[1,2]"), ErrorKind::Json),
            "the JSON text is an array, but a JSON object {...} was expected"
        );
        let message = error_text(doc.load("{\n  \"a\": 1,\n  \"b\": }"), ErrorKind::Json);
        assert!(message.starts_with("invalid JSON: "), "{message}");
        assert!(message.contains("line 3 column"), "{message}");
        assert_eq!(doc.emit(), r#"{"kept":true}"#);

        doc.load(r#"{"new":1}"#).unwrap();
        assert_eq!(doc.emit(), r#"{"new":1}"#);
    }

    #[test]
    fn hostile_nesting_is_an_error_not_a_crash() {
        let mut doc = loaded(r#"{"kept":true}"#);
        let message = error_text(doc.load(&"[".repeat(100_000)), ErrorKind::Json);
        assert!(message.contains("recursion limit exceeded"), "{message}");
        assert_eq!(doc.load(&r#"{"a":"#.repeat(100_000)).unwrap_err().kind(), ErrorKind::Json);
        assert_eq!(
            doc.update_int(&vec!["a"; 100_000].join("."), 1).unwrap_err().kind(),
            ErrorKind::Json
        );
        assert_eq!(doc.emit(), r#"{"kept":true}"#);
    }

    #[test]
    fn the_deepest_path_allowed_can_be_emitted_and_loaded_again() {
        let deepest = vec!["a"; path::MAX_STEPS].join(".");
        let mut doc = JsonObject::default();
        doc.update_int(&deepest, 1).unwrap();
        assert_eq!(loaded(&doc.emit()).int_of(&deepest).unwrap(), 1);
    }

    #[test]
    fn write_file_and_load_file_round_trip() {
        let file = temp_file("round-trip");
        let mut doc = JsonObject {
            emit_compact: false,
            ..JsonObject::default()
        };
        doc.update_string("client_id", "m2m.dpop").unwrap();
        doc.update_int("nested.list[0]", 5).unwrap();
        doc.write_file(&file).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), doc.emit());

        let mut reloaded = JsonObject::default();
        reloaded.load_file(&file).unwrap();
        std::fs::remove_file(&file).unwrap();
        assert_eq!(reloaded.string_of("client_id").unwrap(), "m2m.dpop");
        assert_eq!(reloaded.int_of("nested.list[0]").unwrap(), 5);
    }

    #[test]
    fn load_file_skips_a_byte_order_mark() {
        let file = temp_file("bom");
        std::fs::write(&file, "\u{feff}{\"a\":1}").unwrap();
        let mut doc = JsonObject::default();
        let result = doc.load_file(&file);
        std::fs::remove_file(&file).unwrap();
        result.unwrap();
        assert_eq!(doc.int_of("a").unwrap(), 1);
    }

    #[test]
    fn file_errors_name_the_path_and_the_cause() {
        let missing = temp_file("does-not-exist");
        let mut doc = loaded(r#"{"kept":true}"#);
        let message = error_text(doc.load_file(&missing), ErrorKind::Io);
        assert!(message.starts_with(&format!("cannot read JSON file '{missing}': ")), "{message}");

        let invalid = temp_file("invalid");
        std::fs::write(&invalid, "{\"a\":\n  oops}").unwrap();
        let message = error_text(doc.load_file(&invalid), ErrorKind::Json);
        std::fs::remove_file(&invalid).unwrap();
        assert!(
            message.starts_with(&format!("cannot load JSON file '{invalid}': invalid JSON: ")),
            "{message}"
        );
        assert!(message.contains("line 2 column 3"), "{message}");
        assert_eq!(doc.emit(), r#"{"kept":true}"#);

        let unwritable = std::env::temp_dir().join("dpop-no-such-dir").join("x.json");
        let unwritable = unwritable.to_string_lossy().into_owned();
        let message = error_text(doc.write_file(&unwritable), ErrorKind::Io);
        assert!(
            message.starts_with(&format!("cannot write JSON file '{unwritable}': ")),
            "{message}"
        );
    }
}
