//! `JsonArray::load`, then index operations with fuzzed indices and values, then `emit`.
//!
//! Input (lossy UTF-8), split on NUL: the JSON array, then up to 32 operations, each a code
//! character, an index (decimal, may be negative or huge) and `=value`:
//!   `s` add_string_at, `n` add_number_at, `o` add_object_at, `a` add_array_at, `d` delete_at,
//!   `r` string_at, `i` int_at, `f` find_string(value), `F` find_object("k", value), `c` clear,
//!   `v` array_at(index).add_string_at(-1, value), `p` toggle emit_compact.
//! Checks: no panic; sizes change by one on success and not at all on failure; the emitted text
//! is JSON, loads again and emits the same.
#![no_main]

use dpop::json::JsonArray;
use libfuzzer_sys::fuzz_target;

const MAX_OPERATIONS: usize = 32;

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    let mut parts = text.split('\0');
    let mut array = JsonArray::default();
    if array.load(parts.next().unwrap_or_default()).is_err() {
        assert_eq!(array.emit().unwrap(), "[]", "a failed load changed the array");
    }
    for operation in parts.take(MAX_OPERATIONS) {
        let mut chars = operation.chars();
        let code = chars.next();
        let (index, value) = chars.as_str().split_once('=').unwrap_or((chars.as_str(), ""));
        let index: i32 = index.parse().unwrap_or(-1);
        let size = array.size();
        let grew = match code {
            Some('s') => Some(array.add_string_at(index, value)),
            Some('n') => Some(array.add_number_at(index, value)),
            Some('o') => Some(array.add_object_at(index)),
            Some('a') => Some(array.add_array_at(index)),
            Some('d') => {
                let removed = array.delete_at(index).is_ok();
                assert_eq!(array.size(), if removed { size - 1 } else { size });
                None
            }
            Some('r') => {
                let _ = array.string_at(index);
                None
            }
            Some('i') => {
                let _ = array.int_at(index);
                None
            }
            Some('f') => {
                let found = array.find_string(value, index % 2 == 0).unwrap();
                assert!(found >= -1 && (found as i64) < size as i64);
                None
            }
            Some('F') => {
                let found = array.find_object("k", value, index % 2 == 0).unwrap();
                assert!(found >= -1 && (found as i64) < size as i64);
                None
            }
            Some('c') => {
                array.clear();
                assert_eq!(array.size(), 0);
                None
            }
            Some('v') => {
                if let Ok(inner) = array.array_at(index) {
                    inner.add_string_at(-1, value).unwrap();
                }
                None
            }
            Some('p') => {
                array.emit_compact = !array.emit_compact;
                None
            }
            _ => None,
        };
        if let Some(result) = grew {
            assert_eq!(array.size(), if result.is_ok() { size + 1 } else { size });
        }
    }
    array.emit_compact = true;
    let emitted = array.emit().unwrap();
    // serde_json, a second opinion, refuses some valid JSON: nesting over 128, numbers beyond
    // f64 (1e999) and lone surrogate escapes (\ud800, also before other text), which JSON's
    // grammar allows.
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&emitted) {
        let limit = ["recursion limit", "number out of range", "surrogate", "end of hex escape"]
            .iter()
            .any(|l| e.to_string().contains(l));
        assert!(limit, "emitted text is not JSON ({e}):\n{emitted}");
    }
    let mut reloaded = JsonArray::default();
    if let Err(e) = reloaded.load(&emitted) {
        panic!("emitted JSON does not load again: {e}\n{emitted}");
    }
    assert_eq!(reloaded.emit().unwrap(), emitted, "emit -> load -> emit is not stable");
});
