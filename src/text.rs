//! `StringBuilder`: Chilkat's mutable text, the way REST examples use it: collect a response
//! body (`HttpResponse.GetBodySb`), hand it to `JsonObject.LoadSb`, build a request body, read
//! and write files in a given charset. Only the methods scripts plausibly use are here (the
//! README's compatibility table lists the rest as not supported).

mod charset;

pub use charset::Charset;

use crate::error::{Error, ErrorKind, Result};
use crate::private_file;
use std::path::Path;

#[derive(Default)]
pub struct StringBuilder {
    text: String,
}

impl Drop for StringBuilder {
    fn drop(&mut self) {
        // A builder often holds a token response or a request body with secrets.
        zeroize::Zeroize::zeroize(&mut self.text);
    }
}

impl StringBuilder {
    /// The content.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn append(&mut self, value: &str) {
        self.text.push_str(value);
    }

    /// Appends the decimal text of `value`.
    pub fn append_int(&mut self, value: i32) {
        self.text.push_str(&value.to_string());
    }

    /// Appends `value` and a line break: CRLF if `crlf`, else LF.
    pub fn append_line(&mut self, value: &str, crlf: bool) {
        self.text.push_str(value);
        self.text.push_str(if crlf { "\r\n" } else { "\n" });
    }

    pub fn prepend(&mut self, value: &str) {
        self.text.insert_str(0, value);
    }

    /// Replaces the content with `value`.
    pub fn set_string(&mut self, value: &str) {
        self.clear();
        self.text.push_str(value);
    }

    pub fn clear(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.text);
    }

    /// The length in UTF-16 code units, as Chilkat counts characters ("😀" is 2).
    pub fn length(&self) -> usize {
        self.text.encode_utf16().count()
    }

    /// Replaces every occurrence of `value` with `replacement` and returns how many there were
    /// (0 for an empty `value`).
    pub fn replace(&mut self, value: &str, replacement: &str) -> usize {
        if value.is_empty() {
            return 0;
        }
        let found = self.text.matches(value).count();
        if found > 0 {
            self.text = self.text.replace(value, replacement);
        }
        found
    }

    pub fn contains(&self, value: &str, case_sensitive: bool) -> bool {
        compared(&self.text, value, case_sensitive, |text, value| text.contains(value))
    }

    pub fn starts_with(&self, value: &str, case_sensitive: bool) -> bool {
        compared(&self.text, value, case_sensitive, |text, value| text.starts_with(value))
    }

    pub fn ends_with(&self, value: &str, case_sensitive: bool) -> bool {
        compared(&self.text, value, case_sensitive, |text, value| text.ends_with(value))
    }

    /// Lower-cases every character that has a one-character lower case.
    pub fn to_lowercase(&mut self) {
        self.text = self.text.chars().map(|c| single(c.to_lowercase(), c)).collect();
    }

    /// Upper-cases every character that has a one-character upper case ("ß" stays, as in
    /// Chilkat, rather than becoming "SS").
    pub fn to_uppercase(&mut self) {
        self.text = self.text.chars().map(|c| single(c.to_uppercase(), c)).collect();
    }

    /// Removes whitespace (spaces, tabs, line breaks) at both ends.
    pub fn trim(&mut self) {
        let trimmed = self.text.trim();
        if trimmed.len() != self.text.len() {
            self.text = trimmed.to_owned();
        }
    }

    /// Replaces the content with the file at `path`, decoded from `charset` ("utf-8" when
    /// empty; a byte-order mark overrides it). On error the old content is kept.
    pub fn load_file(&mut self, path: &str, charset: &str) -> Result<()> {
        let charset = Charset::named(charset)?;
        let bytes =
            private_file::read_whole(Path::new(path)).map_err(|e| Error::new(ErrorKind::Io, format!("cannot read file '{path}': {e}")))?;
        let text = charset
            .decode(&bytes)
            .map_err(|e| e.context(format!("cannot load file '{path}'")))?;
        self.set_string(&text);
        Ok(())
    }

    /// Writes the content to `path` encoded in `charset` ("utf-8" when empty), with a
    /// byte-order mark if `emit_bom` (for UTF-8 and UTF-16), replacing the file.
    pub fn write_file(&self, path: &str, charset: &str, emit_bom: bool) -> Result<()> {
        let bytes = Charset::named(charset)?.encode(&self.text, emit_bom)?;
        std::fs::write(path, bytes).map_err(|e| Error::new(ErrorKind::Io, format!("cannot write file '{path}': {e}")))
    }
}

/// Runs `test` on the text and the value, both lower-cased unless `case_sensitive`.
fn compared(text: &str, value: &str, case_sensitive: bool, test: impl Fn(&str, &str) -> bool) -> bool {
    if case_sensitive {
        test(text, value)
    } else {
        test(&text.to_lowercase(), &value.to_lowercase())
    }
}

/// The one character a case mapping gives, or `original` when it gives several.
fn single(mut mapped: impl Iterator<Item = char>, original: char) -> char {
    match (mapped.next(), mapped.next()) {
        (Some(c), None) => c,
        _ => original,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder(text: &str) -> StringBuilder {
        let mut sb = StringBuilder::default();
        sb.append(text);
        sb
    }

    fn temp_file(name: &str) -> String {
        let file = format!("dpop-sb-{}-{name}", std::process::id());
        std::env::temp_dir().join(file).to_string_lossy().into_owned()
    }

    #[test]
    fn builds_text() {
        let mut sb = StringBuilder::default();
        sb.append("n=");
        sb.append_int(i32::MIN);
        sb.append_line("", true);
        sb.append_line("x", false);
        sb.prepend(">");
        assert_eq!(sb.as_str(), ">n=-2147483648\r\nx\n");
        sb.set_string("new");
        assert_eq!(sb.as_str(), "new");
        sb.clear();
        assert_eq!((sb.as_str(), sb.length()), ("", 0));
    }

    #[test]
    fn length_counts_utf16_units_as_chilkat() {
        assert_eq!(builder("ÀÉÎõü straße").length(), 12);
        assert_eq!(builder("😀x😀").length(), 5);
    }

    #[test]
    fn searches_with_and_without_case() {
        let sb = builder("ÀÉÎ Hello straße");
        assert!(sb.contains("Hello", true) && !sb.contains("hello", true) && sb.contains("hello", false));
        assert!(sb.contains("àéî", false) && !sb.contains("àéî", true));
        assert!(sb.contains("STRAßE", false) && !sb.contains("STRASSE", false));
        assert!(sb.starts_with("àé", false) && !sb.starts_with("Hello", true));
        assert!(!sb.ends_with("SSE", false) && sb.ends_with("ße", true));
        assert!(sb.contains("", true) && sb.starts_with("", false) && sb.ends_with("", true));
    }

    #[test]
    fn replaces_and_counts() {
        let mut sb = builder("aaa Hello World");
        assert_eq!(sb.replace("aa", "b"), 1);
        assert_eq!(sb.replace("o", "0"), 2);
        assert_eq!(sb.replace("", "x"), 0);
        assert_eq!(sb.replace("missing", "y"), 0);
        assert_eq!(sb.as_str(), "ba Hell0 W0rld");
    }

    #[test]
    fn changes_case_one_character_at_a_time_and_trims() {
        let mut sb = builder("  ÀÉÎõü straße İ\t\r\n");
        sb.to_uppercase();
        assert_eq!(sb.as_str(), "  ÀÉÎÕÜ STRAßE İ\t\r\n");
        sb.to_lowercase();
        assert_eq!(sb.as_str(), "  àéîõü straße İ\t\r\n");
        sb.trim();
        assert_eq!(sb.as_str(), "àéîõü straße İ");
    }

    #[test]
    fn files_round_trip_in_each_charset() {
        for (charset, bom, bytes) in [
            ("utf-8", true, &b"\xef\xbb\xbfh\xc3\xa9\xe2\x82\xac"[..]),
            ("", false, b"h\xc3\xa9\xe2\x82\xac"),
            ("windows-1252", false, b"h\xe9\x80"),
            ("iso-8859-1", true, b"h\xe9\x80"),
            ("utf-16", true, b"\xff\xfeh\x00\xe9\x00\xac\x20"),
            ("utf-16be", false, b"\x00h\x00\xe9\x20\xac"),
        ] {
            let file = temp_file(&format!("rt-{charset}"));
            builder("hé€").write_file(&file, charset, bom).unwrap();
            assert_eq!(std::fs::read(&file).unwrap(), bytes, "{charset}");
            let mut sb = builder("old");
            sb.load_file(&file, charset).unwrap();
            std::fs::remove_file(&file).unwrap();
            assert_eq!(sb.as_str(), "hé€", "{charset}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_a_device_and_a_file_over_64_mib_are_refused() {
        crate::private_file::check_refusals("StringBuilder.load_file", |path| builder("").load_file(path, "utf-8"));
    }

    #[test]
    fn file_errors_keep_the_content_and_say_why() {
        let mut sb = builder("kept");
        let missing = temp_file("missing");
        let message = sb.load_file(&missing, "utf-8").unwrap_err().to_string();
        assert!(message.starts_with(&format!("cannot read file '{missing}': ")), "{message}");

        let latin1 = temp_file("latin1");
        std::fs::write(&latin1, b"h\xe9llo").unwrap();
        let message = sb.load_file(&latin1, "utf-8").unwrap_err().to_string();
        std::fs::remove_file(&latin1).unwrap();
        assert!(message.contains("is not valid utf-8"), "{message}");

        let message = sb.load_file(&missing, "klingon").unwrap_err().to_string();
        assert!(message.starts_with("unsupported charset 'klingon'"), "{message}");
        assert_eq!(sb.as_str(), "kept");

        let message = builder("€")
            .write_file(&temp_file("ascii"), "us-ascii", false)
            .unwrap_err()
            .to_string();
        assert!(message.contains("cannot be written in us-ascii"), "{message}");
        let unwritable = std::env::temp_dir().join("dpop-no-such-dir").join("x.txt");
        let message = sb
            .write_file(&unwritable.to_string_lossy(), "utf-8", false)
            .unwrap_err()
            .to_string();
        assert!(message.starts_with("cannot write file"), "{message}");
    }
}
