//! `JsonObject::load`, then operations with fuzzed paths on the object and on live views into
//! it, then `emit`.
//!
//! Input (lossy UTF-8), split on NUL: the JSON document, then up to 32 operations. An operation's
//! first character picks it, the rest is its argument:
//!   `u` update_string (`path=value`; no `=`: value ""), `n` update_number (`path=text`),
//!   `o` update_new_object, `a` update_new_array, `s` string_of, `i` int_of, `h` has_member,
//!   `d` delete, `D` delete_at (argument as a number), `v` take a view (object_of) of the path,
//!   `w` take an array view (array_of) and append the argument to it, `c` clear the newest view,
//!   `l` load the argument into the newest view, `p` toggle emit_compact, `I` set I from the
//!   argument; anything else is has_member of the whole text.
//! Operations after a `>` act on the newest view instead of the document.
//! Checks: no panic; a failed update leaves the document unchanged; an update of a path without
//! brackets can be read back; a removed view fails instead of touching anything; the emitted text
//! is JSON (serde_json reads it), loads again and emits the same.
#![no_main]

use dpop::json::{JsonArray, JsonObject};
use libfuzzer_sys::fuzz_target;

const MAX_OPERATIONS: usize = 32;
const MAX_VIEWS: usize = 4;

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    let mut parts = text.split('\0');
    let mut doc = JsonObject::default();
    if doc.load(parts.next().unwrap_or_default()).is_err() {
        assert_eq!(doc.emit(), "{}", "a failed load changed the document");
    }
    let mut views: Vec<JsonObject> = Vec::new();
    let mut arrays: Vec<JsonArray> = Vec::new();

    for operation in parts.take(MAX_OPERATIONS) {
        let mut new_view = None;
        let (on_view, operation) = match operation.strip_prefix('>') {
            Some(rest) if !views.is_empty() => (true, rest),
            _ => (false, operation),
        };
        let target: &mut JsonObject = if on_view { views.last_mut().unwrap() } else { &mut doc };
        let mut chars = operation.chars();
        let code = chars.next();
        let argument = chars.as_str();
        let (path, value) = argument.split_once('=').unwrap_or((argument, ""));
        match code {
            Some(update @ ('u' | 'n' | 'o' | 'a')) => {
                let before = target.emit();
                let result = match update {
                    'u' => target.update_string(path, value),
                    'n' => target.update_number(path, value),
                    'o' => target.update_new_object(path),
                    _ => target.update_new_array(path),
                };
                match result {
                    Ok(()) if update == 'u' && !path.contains(['[', ']', '"']) => {
                        assert_eq!(target.string_of(path).unwrap(), value, "path {path:?}");
                    }
                    Ok(()) => {}
                    Err(_) => assert_eq!(target.emit(), before, "failed update of {path:?} changed the document"),
                }
            }
            Some('s') => {
                if target.string_of(argument).is_ok() {
                    assert!(target.has_member(argument).unwrap());
                }
            }
            Some('i') => {
                let _ = target.int_of(argument);
            }
            Some('h') => {
                let _ = target.has_member(argument);
            }
            Some('d') => {
                let size = target.size();
                match target.delete(argument) {
                    Ok(()) => assert_eq!(target.size(), size - 1),
                    Err(_) => assert_eq!(target.size(), size),
                }
            }
            Some('D') => {
                let _ = target.delete_at(argument.parse().unwrap_or(-1));
            }
            Some('v') => new_view = target.object_of(argument).ok(),
            Some('w') => {
                if let Ok(array) = target.array_of(path) {
                    let _ = array.add_string_at(-1, value);
                    let _ = array.add_object_at(0);
                    let _ = array.object_at(0).and_then(|object| object.update_string("k", value));
                    if arrays.len() == MAX_VIEWS {
                        arrays.remove(0);
                    }
                    arrays.push(array);
                }
            }
            Some('c') => target.clear(),
            Some('l') => {
                let before = target.emit();
                if target.load(argument).is_err() {
                    assert_eq!(target.emit(), before, "a failed load changed the view");
                }
            }
            Some('p') => target.emit_compact = !target.emit_compact,
            Some('I') => target.i = argument.parse().unwrap_or(0),
            _ => {
                let _ = target.has_member(operation);
            }
        }
        if let Some(view) = new_view {
            if views.len() == MAX_VIEWS {
                views.remove(0);
            }
            views.push(view);
        }
        // Views may have been removed by the operation: they must still answer, safely.
        for view in &views {
            let _ = view.emit();
            let _ = view.string_of("k");
        }
        for array in &arrays {
            let _ = array.emit();
        }
    }

    doc.emit_compact = true;
    let emitted = doc.emit();
    // serde_json, a second opinion, refuses some valid JSON: nesting over 128, numbers beyond
    // f64 (1e999) and lone surrogate escapes (\ud800, also before other text), which JSON's
    // grammar allows.
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&emitted) {
        let limit = ["recursion limit", "number out of range", "surrogate", "end of hex escape"]
            .iter()
            .any(|l| e.to_string().contains(l));
        assert!(limit, "emitted text is not JSON ({e}):\n{emitted}");
    }
    let mut reloaded = JsonObject::default();
    if let Err(e) = reloaded.load(&emitted) {
        panic!("emitted JSON does not load again: {e}\n{emitted}");
    }
    assert_eq!(reloaded.emit(), emitted, "emit -> load -> emit is not stable");
});
