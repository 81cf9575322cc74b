//! `JsonObject::load`, then path operations with fuzzed paths, then `emit`.
//!
//! Input (lossy UTF-8), split on NUL: the JSON document, then up to 32 operations. An operation's
//! first character picks it, the rest is its argument:
//!   `u` update_string (`path=value`; no `=` means value ""), `s` string_of, `h` has_member,
//!   `d` delete, `p` toggle emit_compact; anything else is has_member of the whole text.
//! Checks: an update that succeeds can be read back; a failed update or delete leaves the document
//! unchanged; the emitted text loads again and emits the same (floats: up to rounding, see below).
#![no_main]

use dpop::json::JsonObject;
use libfuzzer_sys::fuzz_target;

const MAX_OPERATIONS: usize = 32;

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    let mut parts = text.split('\0');
    let mut doc = JsonObject::default();
    if doc.load(parts.next().unwrap_or_default()).is_err() {
        assert_eq!(doc.size(), 0, "a failed load changed the document");
    }

    for operation in parts.take(MAX_OPERATIONS) {
        let mut chars = operation.chars();
        let code = chars.next();
        let argument = chars.as_str();
        match code {
            Some('u') => {
                let (path, value) = argument.split_once('=').unwrap_or((argument, ""));
                let before = doc.emit();
                match doc.update_string(path, value) {
                    Ok(()) => {
                        assert!(doc.has_member(path), "updated path {path:?} is missing");
                        assert_eq!(doc.string_of(path).unwrap(), value, "path {path:?}");
                    }
                    Err(_) => assert_eq!(
                        doc.emit(),
                        before,
                        "failed update of {path:?} changed the document"
                    ),
                }
            }
            Some('s') => {
                let found = doc.string_of(argument);
                if found.is_ok() {
                    assert!(doc.has_member(argument));
                }
            }
            Some('d') => {
                let size = doc.size();
                match doc.delete(argument) {
                    Ok(()) => {
                        assert_eq!(doc.size(), size - 1);
                        assert!(!doc.members().contains_key(argument));
                    }
                    Err(_) => assert_eq!(doc.size(), size),
                }
            }
            Some('p') => doc.emit_compact = !doc.emit_compact,
            Some('h') => {
                let _ = doc.has_member(argument);
            }
            _ => {
                let _ = doc.has_member(operation);
            }
        }
    }

    let emitted = doc.emit();
    let mut reloaded = JsonObject::default();
    reloaded.emit_compact = doc.emit_compact;
    if let Err(e) = reloaded.load(&emitted) {
        panic!("emitted JSON does not load again: {e}\n{emitted}");
    }
    // serde_json's float_roundtrip feature makes numbers survive load/emit exactly.
    assert_eq!(reloaded.emit(), emitted, "emit -> load -> emit is not stable");
});
