//! How a value reads as a string, an integer, a boolean or a type code: Chilkat's lenient
//! coercions, shared by `JsonObject` (`StringOf`, `StringAt`, ...) and `JsonArray`.

use super::document::{Document, Kind, NodeId, Value};
use super::emit::{emit, Style};
use super::number;
use crate::bail;
use crate::error::Result;

/// Chilkat's type code of a value (`TypeAt`, `JsonTypeOf`; -1 is "no value" there).
pub(super) fn type_code(value: &Value) -> i32 {
    match value {
        Value::String(_) => 1,
        Value::Number(_) => 2,
        Value::Object(_) => 3,
        Value::Array(_) => 4,
        Value::Bool(_) => 5,
        Value::Null => 6,
    }
}

/// "a string", "an object", ...: how error messages name a value's type (never its content,
/// which may be a secret).
pub(super) fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::Bool(_) => "a boolean",
        Value::Null => "null",
    }
}

/// The container a value holds, which must be a `kind` (for the methods returning a view).
pub(super) fn container(value: &Value, kind: Kind) -> Result<NodeId> {
    match (value, kind) {
        (Value::Object(id), Kind::Object) | (Value::Array(id), Kind::Array) => Ok(*id),
        (other, _) => {
            let wanted = if kind == Kind::Object { "an object" } else { "an array" };
            bail!(Json, "the value is {}, not {wanted}", kind_name(other))
        }
    }
}

/// A count or position as the C int Chilkat returns (saturating; no document has 2^31 members).
pub(super) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The text of a value: a string decoded, a number as written, `true`/`false`/`null`, an array
/// (and an object, for the `*At` methods) as compact JSON. `StringOf` refuses objects, as
/// Chilkat's does.
pub(super) fn text(doc: &Document, value: &Value, objects: bool) -> Result<String> {
    Ok(match value {
        Value::String(s) => s.decoded().into_owned(),
        Value::Number(literal) => literal.clone(),
        Value::Bool(flag) => flag.to_string(),
        Value::Null => "null".to_owned(),
        Value::Array(_) => emit(doc, value, Style::default()),
        Value::Object(_) if objects => emit(doc, value, Style::default()),
        Value::Object(_) => bail!(Json, "the value is an object, which cannot be read as a string (use ObjectOf)"),
    })
}

/// The integer of a number or of a string starting with one (see [`number::leading_int`]);
/// 0 for other values, as in Chilkat. `IntOf` refuses objects, as Chilkat's does.
pub(super) fn int(value: &Value, objects: bool) -> Result<i32> {
    match value {
        Value::Number(literal) => number::leading_int(literal),
        Value::String(s) => number::leading_int(&s.decoded()),
        Value::Object(_) if !objects => bail!(Json, "the value is an object, which cannot be read as an integer"),
        _ => Ok(0),
    }
}

/// True for `true` and for a string that says "true" in any case; false for everything else.
/// `BoolOf` refuses objects, as Chilkat's does.
pub(super) fn boolean(value: &Value, objects: bool) -> Result<bool> {
    match value {
        Value::Bool(flag) => Ok(*flag),
        Value::String(s) => Ok(s.decoded().eq_ignore_ascii_case("true")),
        Value::Object(_) if !objects => bail!(Json, "the value is an object, which cannot be read as a boolean"),
        _ => Ok(false),
    }
}

/// The text that `FindRecord`, `FindObject` and `FindString` compare: the text of a scalar;
/// None for an object or array, which never match.
pub(super) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Object(_) | Value::Array(_) => None,
        Value::String(s) => Some(s.decoded().into_owned()),
        Value::Number(literal) => Some(literal.clone()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null => Some("null".to_owned()),
    }
}

/// Chilkat's match for the Find methods: `*` matches any run of characters (so "b*" is a
/// prefix match and "*" anything); without `case_sensitive`, letters match in either case.
pub(super) fn wildcard_match(pattern: &str, text: &str, case_sensitive: bool) -> bool {
    let fold = |s: &str| -> Vec<char> {
        if case_sensitive {
            s.chars().collect()
        } else {
            s.chars().flat_map(char::to_lowercase).collect()
        }
    };
    let (pattern, text) = (fold(pattern), fold(text));
    // Greedy matching with one backtrack point (the last '*'): linear in practice, never worse
    // than pattern x text.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((star_p, star_t)) = star {
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        let cases = [
            ("bob", "bob", true, true),
            ("BOB", "bob", true, false),
            ("BOB", "bob", false, true),
            ("b*", "bob", true, true),
            ("*o*", "Bob", false, true),
            ("*", "", true, true),
            ("", "", true, true),
            ("", "x", true, false),
            ("*y", "twenty", true, true),
            ("t*y", "twenty", true, true),
            ("t*x", "twenty", true, false),
            ("a*b*c", "aXbYbZc", true, true),
            ("É*", "école", false, true),
        ];
        for (pattern, text, case_sensitive, expected) in cases {
            assert_eq!(
                wildcard_match(pattern, text, case_sensitive),
                expected,
                "{pattern} {text} {case_sensitive}"
            );
        }
    }
}
