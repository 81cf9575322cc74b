//! A tolerant PEM reader: CRLF or LF, indented lines, text around the blocks, several blocks in
//! one file, and RFC 1421 headers (`Proc-Type`, `DEK-Info`), which OpenSSL's legacy encrypted
//! keys use and strict RFC 7468 parsers reject.

use crate::bail;
use crate::error::Result;
use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use zeroize::Zeroizing;

/// Standard base64 that does not insist on the trailing '=' padding.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

pub(super) struct PemBlock<'a> {
    /// The text between "-----BEGIN " and "-----", e.g. "EC PRIVATE KEY".
    pub label: &'a str,
    headers: Vec<(&'a str, &'a str)>,
    /// The base64 body with line breaks removed (it encodes the key, hence zeroized).
    body: Zeroizing<String>,
}

impl<'a> PemBlock<'a> {
    /// The value of header `name` (case-insensitive), e.g. `DEK-Info`.
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }

    /// The DER bytes the block carries.
    pub fn decode(&self) -> Result<Zeroizing<Vec<u8>>> {
        // The base64 crate's error names the offending character: not echoed, it is key data.
        match BASE64.decode(self.body.as_bytes()) {
            Ok(der) => Ok(Zeroizing::new(der)),
            Err(_) => bail!(Key, "the PEM '{}' block is not valid base64 (the file is corrupt)", self.label),
        }
    }
}

pub(super) fn looks_like_pem(text: &str) -> bool {
    text.contains("-----BEGIN ")
}

/// All blocks of `text`, in order.
pub(super) fn parse(text: &str) -> Result<Vec<PemBlock<'_>>> {
    let mut blocks = Vec::new();
    let mut open: Option<PemBlock> = None;
    for line in text.lines().map(str::trim) {
        match open.as_mut() {
            None => {
                if let Some(label) = armor_label(line, "BEGIN") {
                    // Sized up front so that growing never leaves copies of key data behind.
                    let body = Zeroizing::new(String::with_capacity(text.len()));
                    open = Some(PemBlock {
                        label,
                        headers: Vec::new(),
                        body,
                    });
                }
            }
            Some(block) => {
                if let Some(label) = armor_label(line, "END") {
                    if label != block.label {
                        bail!(Key, "the PEM '{}' block ends with 'END {label}'", block.label);
                    }
                    blocks.extend(open.take());
                } else if let Some((name, value)) = line.split_once(':').filter(|_| block.body.is_empty()) {
                    block.headers.push((name.trim(), value.trim()));
                } else {
                    block.body.push_str(line);
                }
            }
        }
    }
    if let Some(block) = open {
        bail!(Key, "the PEM '{}' block has no END line (the file is truncated)", block.label);
    }
    Ok(blocks)
}

/// "-----BEGIN EC PRIVATE KEY-----" -> Some("EC PRIVATE KEY") for `kind` "BEGIN".
fn armor_label<'a>(line: &'a str, kind: &str) -> Option<&'a str> {
    line.strip_prefix("-----")?
        .strip_prefix(kind)?
        .strip_prefix(' ')?
        .strip_suffix("-----")
        .map(str::trim)
}
