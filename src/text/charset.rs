//! The charsets `StringBuilder` reads and writes files in, and HTTP bodies are encoded in and
//! decoded from: UTF-8, UTF-16 (LE and BE), Windows-1252 (also for "iso-8859-1" and "ansi": it
//! is what Windows programs mean by them) and US-ASCII. Text that a charset cannot hold is an error, never silently dropped or
//! replaced.

use crate::bail;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
    Ascii,
}

/// Windows-1252 at 0x80..=0x9F (the rest of its upper half is Latin-1). The five unassigned
/// bytes map to the C1 controls of the same number, as Windows does.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–',
    '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

impl Charset {
    /// The charset `name` stands for (case-insensitive); "" is UTF-8.
    pub fn named(name: &str) -> Result<Charset> {
        Ok(match name.trim().to_ascii_lowercase().as_str() {
            "" | "utf-8" | "utf8" => Charset::Utf8,
            "utf-16" | "utf16" | "utf-16le" | "unicode" => Charset::Utf16Le,
            "utf-16be" | "unicodefffe" => Charset::Utf16Be,
            "windows-1252" | "cp1252" | "iso-8859-1" | "latin1" | "latin-1" | "ansi" => Charset::Windows1252,
            "us-ascii" | "ascii" => Charset::Ascii,
            _ => bail!(
                InvalidArgument,
                "unsupported charset '{}' (supported: utf-8, utf-16, utf-16be, windows-1252 \
                 or iso-8859-1, us-ascii)",
                crate::redact::clip(name, crate::redact::MAX_QUOTED_CHARS)
            ),
        })
    }

    fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Utf16Le => "utf-16",
            Charset::Utf16Be => "utf-16be",
            Charset::Windows1252 => "windows-1252",
            Charset::Ascii => "us-ascii",
        }
    }

    /// Decodes file content. A UTF-8 or UTF-16 byte-order mark says what the content is,
    /// whatever the charset asked for, and is dropped.
    pub fn decode(self, bytes: &[u8]) -> Result<String> {
        let (charset, content) = match bytes {
            [0xef, 0xbb, 0xbf, rest @ ..] => (Charset::Utf8, rest),
            [0xff, 0xfe, rest @ ..] => (Charset::Utf16Le, rest),
            [0xfe, 0xff, rest @ ..] => (Charset::Utf16Be, rest),
            _ => (self, bytes),
        };
        match charset {
            Charset::Utf8 => match std::str::from_utf8(content) {
                Ok(text) => Ok(text.to_owned()),
                Err(e) => bail!(
                    Io,
                    "the content is not valid utf-8 (invalid byte at offset {}); pass the charset it is written in",
                    e.valid_up_to()
                ),
            },
            Charset::Utf16Le | Charset::Utf16Be => {
                if content.len() % 2 != 0 {
                    bail!(Io, "the content is not valid {}: it has an odd number of bytes", charset.name());
                }
                let units = content.chunks_exact(2).map(|pair| match charset {
                    Charset::Utf16Le => u16::from_le_bytes([pair[0], pair[1]]),
                    _ => u16::from_be_bytes([pair[0], pair[1]]),
                });
                match char::decode_utf16(units).collect::<std::result::Result<String, _>>() {
                    Ok(text) => Ok(text),
                    Err(_) => bail!(Io, "the content is not valid {}: it has an unpaired surrogate", charset.name()),
                }
            }
            Charset::Windows1252 => Ok(content.iter().map(|&b| cp1252_char(b)).collect()),
            Charset::Ascii => match content.iter().position(|b| !b.is_ascii()) {
                None => Ok(content.iter().map(|&b| char::from(b)).collect()),
                Some(at) => bail!(Io, "the content is not us-ascii (byte 0x{:02x} at offset {at})", content[at]),
            },
        }
    }

    /// Encodes text for a file; `bom` adds a byte-order mark for UTF-8 and UTF-16.
    pub fn encode(self, text: &str, bom: bool) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() + 3);
        match self {
            Charset::Utf8 => {
                if bom {
                    out.extend_from_slice(UTF8_BOM);
                }
                out.extend_from_slice(text.as_bytes());
            }
            Charset::Utf16Le | Charset::Utf16Be => {
                let bom_char = bom.then_some(0xfeff);
                for unit in bom_char.into_iter().chain(text.encode_utf16()) {
                    let bytes = if self == Charset::Utf16Le {
                        unit.to_le_bytes()
                    } else {
                        unit.to_be_bytes()
                    };
                    out.extend_from_slice(&bytes);
                }
            }
            Charset::Windows1252 | Charset::Ascii => {
                for (at, c) in text.chars().enumerate() {
                    let byte = match self {
                        Charset::Ascii => u8::try_from(c).ok().filter(u8::is_ascii),
                        _ => cp1252_byte(c),
                    };
                    let Some(byte) = byte else {
                        bail!(
                            InvalidArgument,
                            "the character U+{:04X} at position {at} cannot be written in {}",
                            c as u32,
                            self.name()
                        );
                    };
                    out.push(byte);
                }
            }
        }
        Ok(out)
    }
}

fn cp1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9f => CP1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

fn cp1252_byte(c: char) -> Option<u8> {
    match u32::from(c) {
        code @ (0..=0x7f | 0xa0..=0xff) => u8::try_from(code).ok(),
        _ => CP1252_HIGH
            .iter()
            .position(|&high| high == c)
            .and_then(|at| u8::try_from(0x80 + at).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_round_trips_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let text = Charset::Windows1252.decode(&all).unwrap();
        assert_eq!(text.chars().count(), 256);
        assert_eq!(Charset::Windows1252.encode(&text, true).unwrap(), all);
        assert_eq!(Charset::named("ISO-8859-1").unwrap(), Charset::Windows1252);
    }

    #[test]
    fn a_byte_order_mark_wins_over_the_charset_asked_for() {
        assert_eq!(Charset::Windows1252.decode(b"\xef\xbb\xbfh\xc3\xa9").unwrap(), "hé");
        assert_eq!(Charset::Utf8.decode(b"\xff\xfeh\x00").unwrap(), "h");
        assert_eq!(Charset::Utf8.decode(b"\xfe\xff\x00h").unwrap(), "h");
    }

    #[test]
    fn broken_content_is_an_error() {
        assert!(Charset::Utf16Le
            .decode(b"\xff\xfeh")
            .unwrap_err()
            .to_string()
            .contains("odd number of bytes"));
        assert!(Charset::Utf16Le
            .decode(b"\x00\xd8")
            .unwrap_err()
            .to_string()
            .contains("unpaired surrogate"));
        assert!(Charset::Ascii
            .decode(b"h\xe9")
            .unwrap_err()
            .to_string()
            .contains("byte 0xe9 at offset 1"));
        let message = Charset::Windows1252.encode("h😀", false).unwrap_err().to_string();
        assert_eq!(message, "the character U+1F600 at position 1 cannot be written in windows-1252");
    }
}
