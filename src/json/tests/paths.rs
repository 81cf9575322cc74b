use super::*;

#[test]
fn updates_create_what_is_missing_and_append_past_the_end() {
    let doc = JsonObject::default();
    doc.update_string("a.b[1].c", "v").unwrap();
    assert_eq!(doc.emit(), r#"{"a":{"b":[{"c":"v"}]}}"#, "a new array appends whatever the index");
    doc.update_int("a.b[0].d", 1).unwrap();
    doc.update_int("a.b[5].c", 2).unwrap();
    doc.update_int("a.b[-1].c", 3).unwrap();
    doc.update_int("a.b[].c", 4).unwrap();
    assert_eq!(doc.emit(), r#"{"a":{"b":[{"c":"v","d":1},{"c":2},{"c":3},{"c":4}]}}"#);
}

#[test]
fn a_huge_index_appends_one_element_and_allocates_nothing_more() {
    let doc = loaded(r#"{"a":[1]}"#);
    doc.update_int("a[1000000000]", 2).unwrap();
    doc.update_int("a[99999999999999999999]", 3).unwrap();
    assert_eq!(doc.emit(), r#"{"a":[1,2,3]}"#);
    error_text(doc.string_of("a[1000000000]"), ErrorKind::NotFound);
}

#[test]
fn what_an_update_finds_at_the_end_decides_as_in_chilkat() {
    let doc = loaded(r#"{"o":{"k":1},"a":[1,2],"s":"x","n":null}"#);
    assert_eq!(
        error_text(doc.update_string("o", "v"), ErrorKind::Json),
        "cannot update JSON path 'o': the value there is an object, which an update does not replace (delete it first)"
    );
    doc.update_new_object("o").unwrap(); // keeps the object and its content
    doc.update_string("a", "replaced").unwrap();
    doc.update_new_array("s").unwrap();
    doc.update_new_object("n").unwrap();
    error_text(doc.update_new_array("o"), ErrorKind::Json);
    assert_eq!(doc.emit(), r#"{"o":{"k":1},"a":"replaced","s":[],"n":{}}"#);
}

#[test]
fn paths_through_the_wrong_kind_of_value_fail_and_change_nothing() {
    let doc = loaded(r#"{"s":"x","list":[{"n":1}],"obj":{}}"#);
    let cases = [
        ("s.first", "'s' is a string, not an object"),
        ("list[0].n.deeper", "'list[0].n' is a number, not an object"),
        ("obj[0]", "'obj' is an object, not an array"),
        ("list.x", "'list' is an array, not an object"),
    ];
    for (path, reason) in cases {
        let message = error_text(doc.update_string(path, "y"), ErrorKind::Json);
        assert_eq!(message, format!("cannot update JSON path '{path}': {reason}"));
    }
    // Chilkat leaves {"o":{"x":{}}} behind for "o.x."; a failed update here changes nothing.
    for path in ["o.x.", "o.", "", "a[0", "a[0]b", "a[1]]"] {
        error_text(doc.update_string(path, "y"), ErrorKind::Json);
    }
    assert_eq!(doc.emit(), r#"{"s":"x","list":[{"n":1}],"obj":{}}"#);
}

#[test]
fn chilkat_path_syntax() {
    let doc = loaded(r#"{"dot.name":1,"o":{"x":2},"sp ace":3,"":[4],"a]":5}"#);
    let reads = [
        ("\"dot.name\"", 1),
        ("\"o\".x", 2),
        ("o.\"x\"", 2),
        ("o..x", 2),
        (".o.x", 2),
        ("o. x", 2),
        (" o.x", 2),
        ("sp ace", 3),
        ("[0]", 4),
        ("a]", 5),
    ];
    for (path, expected) in reads {
        assert_eq!(doc.int_of(path).unwrap(), expected, "{path}");
    }
    error_text(doc.int_of("dot.name"), ErrorKind::NotFound);
}

#[test]
fn ijk_properties_stand_for_indices() {
    let mut doc = loaded(r#"{"rows":[{"cells":[1,2,3]},{"cells":[4,5]}],"m":[[["x","y"],["z"]]]}"#);
    (doc.i, doc.j, doc.k) = (1, 1, 0);
    assert_eq!(doc.int_of("rows[i].cells[j]").unwrap(), 5);
    assert_eq!(doc.size_of_array("rows[I].cells").unwrap(), 2);
    assert_eq!(doc.string_of("m[k][ j ][K]").unwrap(), "z");
    doc.update_int("rows[i].cells[j]", 50).unwrap();
    doc.i = 5;
    doc.update_int("rows[i].cells[0]", 6).unwrap(); // past the end: appends
    doc.i = -1;
    error_text(doc.int_of("rows[i]"), ErrorKind::NotFound);
    assert_eq!(
        doc.string_of("rows").unwrap(),
        r#"[{"cells":[1,2,3]},{"cells":[4,50]},{"cells":[6]}]"#
    );
}

#[test]
fn hostile_paths_and_nesting_fail_cleanly() {
    let doc = loaded(r#"{"kept":true}"#);
    let message = error_text(doc.update_int(&vec!["a"; 100_000].join("."), 1), ErrorKind::Json);
    assert!(
        message.ends_with("the document would be nested more than 1000 levels deep"),
        "{message}"
    );
    error_text(doc.update_int(&format!("a{}", "[0]".repeat(100_000)), 1), ErrorKind::Json);
    let deepest = vec!["a"; 999].join(".");
    doc.update_new_object(&deepest).unwrap();
    let message = error_text(doc.object_of(&deepest).unwrap().append_object("x"), ErrorKind::Json);
    assert!(message.contains("nested more than 1000 levels"), "{message}");
    let message = error_text(JsonObject::default().load(&"[".repeat(1_000_000)), ErrorKind::Json);
    assert!(
        message.contains("an object {...} was expected") || message.contains("nested"),
        "{message}"
    );
    let mut deep = JsonObject::default();
    error_text(deep.load(&format!("{{\"a\":{}", "[".repeat(100_000))), ErrorKind::Json);
    // What an update builds at the limit can be emitted and loaded again.
    let mut again = JsonObject::default();
    again.load(&doc.emit()).unwrap();
    assert!(again.has_member(&deepest).unwrap());
}
