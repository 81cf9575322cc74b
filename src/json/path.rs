//! Chilkat-style JSON paths: member names joined by dots, array indices in brackets
//! (`a.b[1].c`, `list[0][2]`). Parsing is separate from walking so that a malformed path is
//! rejected before the document is looked at, let alone changed.

use crate::bail;
use crate::error::Result;

/// The most steps a path may have. Every step can add a level of nesting, and serializing or
/// dropping a `serde_json::Value` recurses once per level, so an unbounded path would let a
/// caller overflow the stack. 127 is the deepest nesting serde_json parses (its recursion
/// limit is 128 with the root object counted), so everything an update builds can be loaded again.
pub(super) const MAX_STEPS: usize = 127;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Member(String),
    Index(usize),
}

/// A parsed path. It always starts with a member name, because the top level of a
/// `JsonObject` is an object.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Path {
    pub first: String,
    pub rest: Vec<Step>,
}

impl Path {
    pub fn parse(text: &str) -> Result<Path> {
        parse_steps(text).map_err(|e| e.context(format!("invalid JSON path '{text}'")))
    }

    /// The path text before `rest[depth]`: names the value a walk was standing on when it failed.
    pub fn prefix(&self, depth: usize) -> String {
        let mut text = self.first.clone();
        for step in self.rest.iter().take(depth) {
            match step {
                Step::Member(name) => {
                    text.push('.');
                    text.push_str(name);
                }
                Step::Index(index) => text.push_str(&format!("[{index}]")),
            }
        }
        text
    }
}

fn parse_steps(text: &str) -> Result<Path> {
    if text.is_empty() {
        bail!(Json, "the path is empty");
    }
    let mut segments = text.split('.');
    // `split` always yields at least one segment, so the default is never used.
    let (first, mut rest) = parse_segment(segments.next().unwrap_or_default())?;
    for segment in segments {
        let (name, indices) = parse_segment(segment)?;
        rest.push(Step::Member(name));
        rest.extend(indices);
    }
    let steps = 1 + rest.len();
    if steps > MAX_STEPS {
        bail!(Json, "it has {steps} steps, more than the {MAX_STEPS} allowed");
    }
    Ok(Path { first, rest })
}

/// Splits one dot-separated segment, `name[1][2]`, into its member name and index steps.
fn parse_segment(segment: &str) -> Result<(String, Vec<Step>)> {
    let (name, mut brackets) = segment.split_at(segment.find('[').unwrap_or(segment.len()));
    if name.is_empty() {
        bail!(Json, "a member name is missing (look for '..', a leading or trailing '.', or '.[')");
    }
    if name.contains(']') {
        bail!(Json, "']' without a matching '[' in '{segment}'");
    }
    let mut indices = Vec::new();
    while !brackets.is_empty() {
        let Some(after_open) = brackets.strip_prefix('[') else {
            bail!(Json, "expected '.' or '[' after ']' in '{segment}'");
        };
        let Some((index_text, after_close)) = after_open.split_once(']') else {
            bail!(Json, "'[' without a matching ']' in '{segment}'");
        };
        indices.push(Step::Index(parse_index(index_text)?));
        brackets = after_close;
    }
    Ok((name.to_owned(), indices))
}

fn parse_index(text: &str) -> Result<usize> {
    // Checked by hand because `usize::from_str` would also accept "+1".
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        bail!(
            Json,
            "'[{text}]' is not an array index; an index is a non-negative integer such as [0]"
        );
    }
    match text.parse() {
        Ok(index) => Ok(index),
        Err(_) => bail!(Json, "array index [{text}] is too large"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn member(name: &str) -> Step {
        Step::Member(name.to_owned())
    }

    #[test]
    fn parses_names_and_indices() {
        let path = Path::parse("a.b[1].c").unwrap();
        assert_eq!(path.first, "a");
        assert_eq!(path.rest, vec![member("b"), Step::Index(1), member("c")]);

        let path = Path::parse("list[0][2]").unwrap();
        assert_eq!(path.first, "list");
        assert_eq!(path.rest, vec![Step::Index(0), Step::Index(2)]);

        let path = Path::parse("token_endpoint").unwrap();
        assert!(path.rest.is_empty());
    }

    #[test]
    fn prefix_names_the_value_reached() {
        let path = Path::parse("a.b[1].c").unwrap();
        assert_eq!(path.prefix(0), "a");
        assert_eq!(path.prefix(2), "a.b[1]");
        assert_eq!(path.prefix(3), "a.b[1].c");
    }

    #[test]
    fn rejects_malformed_paths_with_reason() {
        let cases = [
            ("", "the path is empty"),
            ("a..b", "member name is missing"),
            (".a", "member name is missing"),
            ("a.", "member name is missing"),
            ("[0]", "member name is missing"),
            ("a.[0]", "member name is missing"),
            ("a[", "'[' without a matching ']'"),
            ("a[0", "'[' without a matching ']'"),
            ("a]", "']' without a matching '['"),
            ("a[0]b", "expected '.' or '[' after ']'"),
            ("a[x]", "'[x]' is not an array index"),
            ("a[-1]", "'[-1]' is not an array index"),
            ("a[+1]", "'[+1]' is not an array index"),
            ("a[]", "'[]' is not an array index"),
            ("a[99999999999999999999999]", "too large"),
        ];
        for (text, reason) in cases {
            let error = Path::parse(text).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::Json, "{error}");
            let message = error.to_string();
            assert!(message.starts_with(&format!("invalid JSON path '{text}': ")), "{message}");
            assert!(message.contains(reason), "{text}: {message}");
        }
    }

    #[test]
    fn limits_the_number_of_steps() {
        let deepest = vec!["a"; MAX_STEPS].join(".");
        assert!(Path::parse(&deepest).is_ok());
        let error = Path::parse(&format!("{deepest}.a")).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Json, "{error}");
        assert!(error.to_string().contains("more than the 127 allowed"), "{error}");
        assert_eq!(
            Path::parse(&format!("a{}", "[0]".repeat(100_000))).unwrap_err().kind(),
            ErrorKind::Json
        );
    }
}
