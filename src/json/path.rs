//! Chilkat JSON paths: member names joined by dots, array indices in brackets (`a.b[1].c`,
//! `list[0][2]`), parsed the way Chilkat 11 reads them:
//!
//! - a name in double quotes may contain dots (`"odata.nextLink"`, `"a.b".c`);
//! - empty segments are skipped (`a..b` and `.a.b` are `a.b`), but a trailing dot is an error;
//! - spaces and tabs at the start of a name are skipped (`a. b` is `a.b`; `a .b` is `"a ".b`);
//! - `[i]`, `[j]` and `[k]` (either case) stand for the object's I, J and K properties;
//! - an index is read like C's `atoi` (`[ 1 ]`, `[+1]` and `[01]` are 1, `[x]` is 0); an empty,
//!   negative or too large index means "past the end": reads find nothing there and updates
//!   append, as they do for any index past the end of an array.
//!
//! Parsing is separate from walking, so a malformed path is refused before the document is
//! looked at, let alone changed.

use crate::bail;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Member(String),
    Index(Index),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Index {
    At(usize),
    /// Past the end of any array.
    End,
}

/// The values of the I, J and K properties, substituted for `[i]`, `[j]` and `[k]`.
pub(super) type Ijk = [i32; 3];

/// Parses `text` into its steps; the first is always a member name.
pub(super) fn parse(text: &str, ijk: Ijk) -> Result<Vec<Step>> {
    parse_steps(text, ijk).map_err(|e| e.context(format!("invalid JSON path '{}'", shown(text))))
}

/// A caller's path or name as an error message quotes it: clipped, so that a 1 MiB argument
/// does not make a 1 MiB LastErrorText.
pub(super) fn shown(text: &str) -> String {
    crate::redact::clip(text, crate::redact::MAX_QUOTED_CHARS)
}

fn parse_steps(text: &str, ijk: Ijk) -> Result<Vec<Step>> {
    if text.is_empty() {
        bail!(Json, "the path is empty");
    }
    let mut steps = Vec::new();
    let mut rest = text;
    loop {
        // Chilkat skips empty segments, and spaces and tabs at the start of a name.
        rest = rest.trim_start_matches(['.', ' ', '\t']);
        if rest.is_empty() {
            bail!(Json, "a member name is missing at the end (the path is empty or ends with '.')");
        }
        let name;
        (name, rest) = match rest.strip_prefix('"') {
            Some(quoted) => match quoted.split_once('"') {
                Some((name, after)) => (name, after),
                None => (quoted, ""),
            },
            None => rest.split_at(rest.find(['.', '[']).unwrap_or(rest.len())),
        };
        steps.push(Step::Member(name.to_owned()));
        while let Some(open) = rest.strip_prefix('[') {
            let Some((inside, after)) = open.split_once(']') else {
                bail!(Json, "'[' without a matching ']'");
            };
            steps.push(Step::Index(index(inside, ijk)));
            rest = after;
        }
        match rest.strip_prefix('.') {
            Some(after) => rest = after,
            None if rest.is_empty() => return Ok(steps),
            None => bail!(Json, "expected '.' or '[' before '{}'", shown(rest)),
        }
        if rest.is_empty() {
            bail!(Json, "a member name is missing at the end (the path ends with '.')");
        }
    }
}

/// Reads the text between brackets.
fn index(inside: &str, ijk: Ijk) -> Index {
    let text = inside.trim();
    let value = match text {
        "i" | "I" => i64::from(ijk[0]),
        "j" | "J" => i64::from(ijk[1]),
        "k" | "K" => i64::from(ijk[2]),
        "" => return Index::End,
        _ => match atoi(text) {
            Some(value) => value,
            None => return Index::End,
        },
    };
    usize::try_from(value).map_or(Index::End, Index::At)
}

/// C's `atoi`: an optional sign and the digits that follow (0 without digits); None when the
/// value does not fit in an i64.
fn atoi(text: &str) -> Option<i64> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let digits = &unsigned[..unsigned.bytes().take_while(u8::is_ascii_digit).count()];
    if digits.is_empty() {
        return Some(0);
    }
    let value: i64 = digits.parse().ok()?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str) -> Step {
        Step::Member(name.to_owned())
    }

    fn at(index: usize) -> Step {
        Step::Index(Index::At(index))
    }

    const END: Step = Step::Index(Index::End);

    #[test]
    fn parses_names_and_indices() {
        assert_eq!(
            parse("a.b[1].c", [0; 3]).unwrap(),
            vec![member("a"), member("b"), at(1), member("c")]
        );
        assert_eq!(parse("list[0][2]", [0; 3]).unwrap(), vec![member("list"), at(0), at(2)]);
        assert_eq!(parse("token_endpoint", [0; 3]).unwrap(), vec![member("token_endpoint")]);
        assert_eq!(parse("sp ace", [0; 3]).unwrap(), vec![member("sp ace")]);
        assert_eq!(parse("a]", [0; 3]).unwrap(), vec![member("a]")]);
    }

    #[test]
    fn quoted_names_and_empty_segments_as_chilkat_reads_them() {
        let cases = [
            ("\"dot.name\"", vec![member("dot.name")]),
            ("\"o\".x", vec![member("o"), member("x")]),
            ("o.\"x\"", vec![member("o"), member("x")]),
            ("\"a\"[1]", vec![member("a"), at(1)]),
            ("\"unterminated", vec![member("unterminated")]),
            ("o..x", vec![member("o"), member("x")]),
            (".o.x", vec![member("o"), member("x")]),
            ("[0]", vec![member(""), at(0)]),
            ("x.[0]", vec![member("x"), member(""), at(0)]),
            (" a . b ", vec![member("a "), member("b ")]),
            ("\ta. \"b.c\"", vec![member("a"), member("b.c")]),
        ];
        for (text, steps) in cases {
            assert_eq!(parse(text, [0; 3]).unwrap(), steps, "{text}");
        }
    }

    #[test]
    fn indices_are_read_like_atoi() {
        let cases = [
            ("a[ 1 ]", at(1)),
            ("a[+1]", at(1)),
            ("a[01]", at(1)),
            ("a[1x]", at(1)),
            ("a[1.5]", at(1)),
            ("a[x]", at(0)),
            ("a[-0]", at(0)),
            ("a[]", END),
            ("a[-1]", END),
            ("a[-2]", END),
            ("a[99999999999999999999]", END),
        ];
        for (text, index) in cases {
            assert_eq!(parse(text, [0; 3]).unwrap(), vec![member("a"), index], "{text}");
        }
    }

    #[test]
    fn ijk_stand_for_the_properties() {
        let ijk = [2, 5, -1];
        assert_eq!(
            parse("a[i].b[j][k]", ijk).unwrap(),
            vec![member("a"), at(2), member("b"), at(5), END]
        );
        assert_eq!(parse("a[I][ J ][K]", ijk).unwrap(), vec![member("a"), at(2), at(5), END]);
        assert_eq!(parse("a[ii]", ijk).unwrap(), vec![member("a"), at(0)]);
    }

    #[test]
    fn rejects_malformed_paths_with_reason() {
        let cases = [
            ("", "the path is empty"),
            (".", "a member name is missing"),
            ("o.", "the path ends with '.'"),
            ("o.x.", "the path ends with '.'"),
            ("a[", "'[' without a matching ']'"),
            ("a[0", "'[' without a matching ']'"),
            ("a[0]b", "expected '.' or '[' before 'b'"),
            ("a[1]]", "expected '.' or '[' before ']'"),
            ("\"a\"x", "expected '.' or '[' before 'x'"),
        ];
        for (text, reason) in cases {
            let message = parse(text, [0; 3]).unwrap_err().to_string();
            assert!(message.starts_with(&format!("invalid JSON path '{text}': ")), "{message}");
            assert!(message.contains(reason), "{text}: {message}");
        }
    }
}
