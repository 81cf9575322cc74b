use super::*;
use crate::error::ErrorKind;

const DOC: &str = r#"{"a":{"b":1},"arr":[1,{"x":2}],"z":0}"#;

#[test]
fn a_view_and_its_parent_see_each_others_changes() {
    let doc = loaded(DOC);
    let a = doc.object_of("a").unwrap();
    a.update_int("c", 5).unwrap();
    let arr = doc.array_of("arr").unwrap();
    arr.add_string_at(-1, "z").unwrap();
    arr.object_at(1).unwrap().update_string("y", "q").unwrap();
    assert_eq!(doc.emit(), r#"{"a":{"b":1,"c":5},"arr":[1,{"x":2,"y":"q"},"z"],"z":0}"#);
    doc.update_int("a.d", 6).unwrap();
    assert_eq!(a.emit(), r#"{"b":1,"c":5,"d":6}"#);
    let twin = doc.object_of("a").unwrap();
    twin.delete("b").unwrap();
    assert_eq!(a.size(), 2);
}

#[test]
fn views_outlive_their_parent() {
    let doc = loaded(DOC);
    let arr = doc.array_of("arr").unwrap();
    let inner = arr.object_at(1).unwrap();
    drop(doc);
    drop(arr);
    inner.update_int("w", 1).unwrap();
    assert_eq!(inner.emit(), r#"{"x":2,"w":1}"#);
}

#[test]
fn a_removed_view_fails_instead_of_touching_anything_else() {
    let doc = loaded(DOC);
    let a = doc.object_of("a").unwrap();
    let arr = doc.array_of("arr").unwrap();
    let inner = arr.object_at(1).unwrap();
    doc.delete("a").unwrap();
    doc.update_string("arr", "replaced").unwrap();
    // Chilkat's Emit of a removed object view is "" with success; so is this one's.
    assert_eq!((a.emit(), a.size()), (String::new(), 0));
    let message = error_text(a.update_int("d", 1), ErrorKind::InvalidState);
    assert!(message.contains("no longer in its JSON document"), "{message}");
    error_text(a.string_of("b"), ErrorKind::InvalidState);
    error_text(arr.emit(), ErrorKind::InvalidState);
    error_text(arr.add_int_at(0, 1), ErrorKind::InvalidState);
    error_text(inner.update_int("x", 1), ErrorKind::InvalidState);
    // New containers reuse the freed slots; the old views must not see them.
    doc.update_new_object("fresh").unwrap();
    doc.update_new_array("fresh2").unwrap();
    error_text(inner.string_of("x"), ErrorKind::InvalidState);
    assert_eq!(doc.emit(), r#"{"arr":"replaced","z":0,"fresh":{},"fresh2":[]}"#);
}

#[test]
fn loading_the_parent_again_or_clearing_it_removes_its_views() {
    let mut doc = loaded(DOC);
    let a = doc.object_of("a").unwrap();
    doc.load(r#"{"a":{"c":2}}"#).unwrap();
    error_text(a.string_of("c"), ErrorKind::InvalidState);
    let a = doc.object_of("a").unwrap();
    doc.clear();
    error_text(a.string_of("c"), ErrorKind::InvalidState);
}

#[test]
fn load_on_a_view_replaces_the_subtree_in_place() {
    let doc = loaded(DOC);
    let mut a = doc.object_of("a").unwrap();
    a.load(r#"{"new":true}"#).unwrap();
    assert_eq!(doc.emit(), r#"{"a":{"new":true},"arr":[1,{"x":2}],"z":0}"#);
    error_text(a.load("[1]"), ErrorKind::Json);
    assert_eq!(doc.emit(), r#"{"a":{"new":true},"arr":[1,{"x":2}],"z":0}"#);
    // A removed view that loads becomes a document of its own (Chilkat replaces its former
    // parent's content instead).
    doc.delete("a").unwrap();
    a.load(r#"{"q":1}"#).unwrap();
    assert_eq!(a.emit(), r#"{"q":1}"#);
    assert_eq!(doc.emit(), r#"{"arr":[1,{"x":2}],"z":0}"#);
}

#[test]
fn array_load_detaches_the_view_as_in_chilkat() {
    let doc = loaded(DOC);
    let mut arr = doc.array_of("arr").unwrap();
    arr.load("[7,8]").unwrap();
    assert_eq!(arr.emit().unwrap(), "[7,8]");
    assert_eq!(doc.emit(), DOC);
}

#[test]
fn array_views_of_an_object_start_with_its_emit_settings() {
    let mut doc = loaded(DOC);
    doc.emit_compact = false;
    doc.emit_crlf = false;
    let arr = doc.array_of("arr").unwrap();
    assert!(!arr.emit_compact && !arr.emit_crlf);
    assert_eq!(arr.emit().unwrap(), "[\n  1,\n  {\n    \"x\": 2\n  }\n]\n");
    let obj = doc.object_of("a").unwrap();
    assert!(
        obj.emit_compact && obj.emit_crlf,
        "object views start with the defaults, as in Chilkat"
    );
}

#[test]
fn views_of_one_document_can_be_used_from_many_threads() {
    let doc = loaded(r#"{"list":[]}"#);
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let list = doc.array_of("list").unwrap();
            std::thread::spawn(move || {
                for n in 0..250 {
                    list.add_int_at(-1, t * 1000 + n).unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(doc.size_of_array("list").unwrap(), 1000);
}
