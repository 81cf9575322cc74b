//! Numbers as text. A document keeps every number literal exactly as it was loaded or set
//! (`10.00` stays `10.00`, `1e5` stays `1e5`): for an API client, re-serialising an amount is
//! data corruption. Only integer reads (`IntOf`) compute a value.

use crate::bail;
use crate::error::Result;

/// True if `text` is a number in JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
pub(super) fn is_literal(text: &str) -> bool {
    let end = literal_end(text.as_bytes());
    end > 0 && end == text.len()
}

/// The length of the longest JSON number at the start of `bytes` (0 if there is none). The
/// parser uses it to find where a number ends.
pub(super) fn literal_end(bytes: &[u8]) -> usize {
    let digits_from = |at: usize| at + bytes[at.min(bytes.len())..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    match bytes.get(at) {
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => at = digits_from(at),
        _ => return 0,
    }
    if bytes.get(at) == Some(&b'.') {
        let end = digits_from(at + 1);
        if end == at + 1 {
            return 0;
        }
        at = end;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(at + 1), Some(b'+' | b'-')));
        let end = digits_from(at + 1 + sign);
        if end == at + 1 + sign {
            return 0;
        }
        at = end;
    }
    at
}

/// The literal to store for `UpdateNumber`/`AddNumberAt` text: surrounding whitespace is
/// dropped, and with `decimal_comma` a comma is read as the decimal point ("1,5", as a Windows
/// program formats numbers in many locales; Chilkat's UpdateNumber does the same).
pub(super) fn literal_from(text: &str, decimal_comma: bool) -> Result<String> {
    let trimmed = text.trim();
    let literal = if decimal_comma {
        trimmed.replace(',', ".")
    } else {
        trimmed.to_owned()
    };
    if !is_literal(&literal) {
        bail!(
            Json,
            "'{}' is not a JSON number (expected something like 42, -3.25 or 1e5; no leading \
             '+', leading zeros, hexadecimal, NaN or Infinity)",
            super::path::shown(text)
        );
    }
    Ok(literal)
}

/// The integer `IntOf` reads from `text`, the way Chilkat reads it: leading whitespace is
/// skipped, then the longest number at the start is taken and truncated toward zero ("3.7" is
/// 3, " 12" is 12, "12abc" is 12, "+5" is 5); text that does not start with a number is 0.
/// Unlike Chilkat, an exponent counts ("1e5" is 100000, not 1), and a value outside the range
/// of a 32-bit int is an error instead of wrapping around.
pub(super) fn leading_int(text: &str) -> Result<i32> {
    let start = text.trim_start();
    let (negative, unsigned) = match start.as_bytes().first() {
        Some(b'-') => (true, &start[1..]),
        Some(b'+') => (false, &start[1..]),
        _ => (false, start),
    };
    // A plain digit run may have leading zeros ("007"), which JSON's grammar refuses.
    let zeros = unsigned.bytes().take_while(|&b| b == b'0').count();
    let significant = if zeros > 0 && !unsigned[zeros..].starts_with(|c: char| c.is_ascii_digit()) {
        &unsigned[zeros - 1..]
    } else {
        &unsigned[zeros..]
    };
    let end = literal_end(significant.as_bytes());
    if end == 0 {
        return Ok(0);
    }
    let literal = &significant[..end];
    match truncated(literal).and_then(|v| i32::try_from(if negative { -v } else { v }).ok()) {
        Some(v) => Ok(v),
        None => bail!(
            Json,
            "the number {}{literal} is outside the range of a 32-bit integer",
            if negative { "-" } else { "" }
        ),
    }
}

/// The integer part of an unsigned JSON number literal, or None if it does not fit in an i64.
fn truncated(literal: &str) -> Option<i64> {
    let (mantissa, exponent) = match literal.find(['e', 'E']) {
        Some(at) => (&literal[..at], literal[at + 1..].parse::<i64>().ok()?),
        None => (literal, 0),
    };
    let (int_part, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = [int_part, fraction].concat();
    if digits.bytes().all(|b| b == b'0') {
        return Some(0);
    }
    // The decimal point sits after int_part.len() digits, moved by the exponent.
    let point = exponent.checked_add(int_part.len() as i64)?;
    if point <= 0 {
        return Some(0);
    }
    if point > digits.len() as i64 + 20 {
        return None;
    }
    let whole: String = digits.chars().chain(std::iter::repeat('0')).take(point as usize).collect();
    whole.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_json_number_literals() {
        for good in [
            "0",
            "-0",
            "42",
            "-3.25",
            "10.00",
            "1e5",
            "1E+05",
            "0.1e-3",
            "-0.0e-0",
            "12345678901234567890",
        ] {
            assert!(is_literal(good), "{good}");
        }
        for bad in [
            "", "-", "+1", "01", ".5", "1.", "1e", "1e+", "0x10", "NaN", "Infinity", "1.5.5", " 1", "1 ", "1,5", "١",
        ] {
            assert!(!is_literal(bad), "{bad}");
        }
        assert_eq!(literal_end(b"12,"), 2);
        assert_eq!(literal_end(b"-1.5e3]"), 6);
        assert_eq!(literal_end(b"1.x"), 0);
    }

    #[test]
    fn literals_for_update_number() {
        assert_eq!(literal_from(" 1.50 ", false).unwrap(), "1.50");
        assert_eq!(literal_from("1,5", true).unwrap(), "1.5");
        assert!(literal_from("1,5", false).is_err());
        assert!(literal_from("1,234.5", true).is_err());
        let message = literal_from("abc", false).unwrap_err().to_string();
        assert!(message.starts_with("'abc' is not a JSON number"), "{message}");
    }

    #[test]
    fn integers_read_like_chilkat_with_exponents_and_range_checked() {
        let cases = [
            ("42", 42),
            ("-3.7", -3),
            ("3.7", 3),
            (" 12", 12),
            ("\t7", 7),
            ("12 ", 12),
            ("12abc", 12),
            ("+5", 5),
            ("-5", -5),
            ("007", 7),
            ("-007", -7),
            ("0", 0),
            ("-0", 0),
            ("0e400", 0),
            (" 1 2", 1),
            ("abc", 0),
            ("", 0),
            ("0x10", 0),
            ("-0.9", 0),
            ("1.9999999999", 1),
            ("1e5", 100_000),
            ("-1.5e2", -150),
            ("0.1e-3", 0),
            ("2147483647", i32::MAX),
            ("-2147483648", i32::MIN),
            ("2.147483647e9", i32::MAX),
        ];
        for (text, expected) in cases {
            assert_eq!(leading_int(text).unwrap(), expected, "{text}");
        }
        for text in [
            "2147483648",
            "-2147483649",
            "12345678901234567890",
            "9999999999",
            "1e10",
            "1e400",
            "4294967296",
        ] {
            let message = leading_int(text).unwrap_err().to_string();
            assert!(message.contains("outside the range of a 32-bit integer"), "{text}: {message}");
        }
    }
}
