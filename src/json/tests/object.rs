use super::*;

#[test]
fn the_seed_document_emits_compact_in_insertion_order() {
    let doc = JsonObject::default();
    assert_eq!(doc.emit(), "{}");
    doc.update_string("client_secret", "secret").unwrap();
    doc.update_string("client_id", "m2m.dpop").unwrap();
    doc.update_string("token_endpoint", "https://...").unwrap();
    doc.update_string("scope", "api").unwrap();
    assert_eq!(
        doc.emit(),
        r#"{"client_secret":"secret","client_id":"m2m.dpop","token_endpoint":"https://...","scope":"api"}"#
    );
    assert_eq!(doc.size(), 4);
}

#[test]
fn pretty_output_uses_crlf_by_default_even_on_linux() {
    let mut doc = loaded(r#"{"a":{"b":[1,{}]},"c":[]}"#);
    doc.emit_compact = false;
    assert_eq!(
        doc.emit(),
        "{\r\n  \"a\": {\r\n    \"b\": [\r\n      1,\r\n      {}\r\n    ]\r\n  },\r\n  \"c\": []\r\n}\r\n"
    );
    doc.emit_crlf = false;
    assert_eq!(
        doc.emit(),
        "{\n  \"a\": {\n    \"b\": [\n      1,\n      {}\n    ]\n  },\n  \"c\": []\n}\n"
    );
    let mut empty = JsonObject::default();
    empty.emit_compact = false;
    assert_eq!(empty.emit(), "{}", "Chilkat writes an empty object without a line break");
}

#[test]
fn numbers_and_escapes_survive_load_update_and_emit_exactly() {
    let text = r#"{"amount":10.00,"qty":1e5,"exp":1E+05,"neg":-0.0,"big":12345678901234567890,"e":"\u00e9\/"}"#;
    let doc = loaded(text);
    assert_eq!(doc.emit(), text);
    assert_eq!(doc.string_of("amount").unwrap(), "10.00");
    assert_eq!(doc.string_of("e").unwrap(), "é/");
    doc.update_number("amount", "20.50").unwrap();
    doc.update_number("comma", "1,5").unwrap();
    doc.update_number("spaced", " 7 ").unwrap();
    assert!(doc.emit().contains(r#""amount":20.50,"#), "{}", doc.emit());
    assert!(doc.emit().ends_with(r#","comma":1.5,"spaced":7}"#), "{}", doc.emit());
}

#[test]
fn invalid_number_text_is_refused_and_changes_nothing() {
    let doc = loaded(r#"{"n":1}"#);
    for text in ["", "abc", "+1", "01", ".5", "1.", "NaN", "0x10", "1.5.5", "1,234.5"] {
        let message = error_text(doc.update_number("n", text), ErrorKind::Json);
        assert!(message.starts_with("cannot update JSON path 'n': "), "{message}");
        assert!(message.contains("is not a JSON number"), "{message}");
        error_text(doc.add_number_at(-1, "m", text), ErrorKind::Json);
    }
    error_text(doc.add_number_at(-1, "m", "1,5"), ErrorKind::Json);
    assert_eq!(doc.emit(), r#"{"n":1}"#);
}

#[test]
fn duplicate_names_are_kept_and_the_first_wins() {
    let doc = loaded(r#"{"d":1,"x":0,"d":2}"#);
    assert_eq!(doc.int_of("d").unwrap(), 1);
    assert_eq!(doc.index_of("d").unwrap(), 0);
    doc.update_int("d", 9).unwrap();
    doc.append_string("d", "third").unwrap();
    assert_eq!(doc.emit(), r#"{"d":9,"x":0,"d":2,"d":"third"}"#);
    doc.delete("d").unwrap();
    assert_eq!(doc.emit(), r#"{"x":0,"d":2,"d":"third"}"#);
    assert_eq!(doc.int_of("d").unwrap(), 2);
}

#[test]
fn reads_coerce_like_chilkat() {
    let doc = loaded(
        r#"{"int":-7,"float":3.7,"exp":1e5,"text":" 12","frac":"3.7","word":"abc","t":"True","f":"false",
            "yes":true,"no":false,"nul":null,"arr":[1,"x"],"obj":{"k":1},"huge":12345678901234567890}"#,
    );
    let strings = [
        ("int", "-7"),
        ("float", "3.7"),
        ("exp", "1e5"),
        ("yes", "true"),
        ("nul", "null"),
        ("arr", r#"[1,"x"]"#),
    ];
    for (path, expected) in strings {
        assert_eq!(doc.string_of(path).unwrap(), expected, "{path}");
    }
    let ints = [
        ("int", -7),
        ("float", 3),
        ("exp", 100_000),
        ("text", 12),
        ("frac", 3),
        ("word", 0),
        ("yes", 0),
        ("nul", 0),
        ("arr", 0),
    ];
    for (path, expected) in ints {
        assert_eq!(doc.int_of(path).unwrap(), expected, "{path}");
    }
    for (path, expected) in [
        ("t", true),
        ("f", false),
        ("yes", true),
        ("no", false),
        ("int", false),
        ("word", false),
        ("nul", false),
    ] {
        assert_eq!(doc.bool_of(path).unwrap(), expected, "{path}");
    }
    // An object is not read as a string, integer or boolean (as in Chilkat).
    error_text(doc.string_of("obj"), ErrorKind::Json);
    error_text(doc.int_of("obj"), ErrorKind::Json);
    error_text(doc.bool_of("obj"), ErrorKind::Json);
    // Unlike Chilkat, which wraps it to -350287150, a number outside 32 bits is an error.
    let message = error_text(doc.int_of("huge"), ErrorKind::Json);
    assert!(message.contains("outside the range of a 32-bit integer"), "{message}");
    assert_eq!(doc.json_type_of("obj").unwrap(), 3);
    assert!(doc.is_null_of("nul").unwrap() && !doc.is_null_of("int").unwrap());
    assert_eq!(doc.size_of_array("arr").unwrap(), 2);
    assert_eq!(
        doc.size_of_array("obj").unwrap(),
        -1,
        "-1 with success for a value that is not an array"
    );
    assert!(doc.has_member("nul").unwrap());
    for missing in ["missing", "obj.missing", "arr[2]", "arr[-1]", "int.x"] {
        assert_eq!(
            error_text(doc.string_of(missing), ErrorKind::NotFound),
            format!("JSON path '{missing}' not found")
        );
        error_text(doc.has_member(missing), ErrorKind::NotFound);
        error_text(doc.size_of_array(missing), ErrorKind::NotFound);
    }
}

#[test]
fn members_by_position() {
    let doc = loaded(SAMPLE);
    assert_eq!(doc.name_at(0).unwrap(), "s");
    assert_eq!(
        doc.string_at(6).unwrap(),
        r#"{"x":1,"y":{"z":"deep"}}"#,
        "StringAt gives an object as JSON"
    );
    assert_eq!(doc.int_at(1).unwrap(), 42);
    assert_eq!(doc.int_at(6).unwrap(), 0, "IntAt of an object is 0, as in Chilkat");
    assert!(doc.bool_at(4).unwrap());
    assert_eq!(doc.type_at(7).unwrap(), 4);
    assert!(doc.is_null_at(5).unwrap());
    assert_eq!(doc.object_at(6).unwrap().size(), 2);
    assert_eq!(doc.array_at(7).unwrap().size(), 6);
    error_text(doc.object_at(7), ErrorKind::Json);
    error_text(doc.array_at(6), ErrorKind::Json);
    for index in [-1, 13, i32::MAX, i32::MIN] {
        let message = error_text(doc.name_at(index), ErrorKind::NotFound);
        assert_eq!(message, format!("there is no member at index {index}: the object has 13 member(s)"));
    }
}

#[test]
fn delete_rename_and_clear() {
    let doc = loaded(r#"{"a":1,"b":{"c":2},"d":3}"#);
    assert_eq!(
        error_text(doc.delete("b.c"), ErrorKind::NotFound),
        "cannot delete member 'b.c': there is no member with that name"
    );
    doc.delete_at(99).unwrap(); // out of range: nothing, as in Chilkat (DeleteAt(IndexOf(x)))
    doc.delete_at(-1).unwrap();
    doc.delete_at(0).unwrap();
    doc.rename("d", "q\"uoted").unwrap();
    doc.rename_at(0, "renamed").unwrap();
    assert_eq!(doc.emit(), r#"{"renamed":{"c":2},"q\"uoted":3}"#);
    assert_eq!(doc.name_at(1).unwrap(), "q\"uoted");
    error_text(doc.rename("missing", "x"), ErrorKind::NotFound);
    error_text(doc.rename_at(5, "x"), ErrorKind::NotFound);
    doc.clear();
    assert_eq!((doc.emit(), doc.size()), ("{}".to_owned(), 0));
}

#[test]
fn insertions_by_position_and_appends() {
    let doc = loaded(r#"{"a":1,"b":2}"#);
    doc.add_string_at(0, "first", "v").unwrap();
    doc.add_int_at(1, "second", -5).unwrap();
    doc.add_bool_at(-1, "last", true).unwrap();
    doc.add_null_at(100, "later").unwrap();
    doc.add_number_at(2, "num", "2.50").unwrap();
    doc.add_object_at(0, "o").unwrap();
    doc.add_array_at(0, "a").unwrap();
    doc.append_int("i", i32::MIN).unwrap();
    doc.append_bool("f", false).unwrap();
    doc.append_string("x.y", "a name, not a path").unwrap();
    assert_eq!(
        doc.emit(),
        r#"{"a":[],"o":{},"first":"v","second":-5,"num":2.50,"a":1,"b":2,"last":true,"later":null,"i":-2147483648,"f":false,"x.y":"a name, not a path"}"#
    );
    let appended = doc.append_object("obj").unwrap();
    appended.update_int("n", 1).unwrap();
    let list = doc.append_array("list").unwrap();
    list.add_string_at(-1, "x").unwrap();
    assert!(doc.emit().ends_with(r#""obj":{"n":1},"list":["x"]}"#), "{}", doc.emit());
}

#[test]
fn names_and_values_with_special_characters_emit_valid_json() {
    let doc = JsonObject::default();
    for text in ["q\"q", "b\\s", "nl\nx", "\u{1}", "é😀", "\\u0041"] {
        doc.append_string(text, text).unwrap();
    }
    let emitted = doc.emit();
    assert_eq!(
        emitted,
        r#"{"q\"q":"q\"q","b\\s":"b\\s","nl\nx":"nl\nx","\u0001":"\u0001","é😀":"é😀","\\u0041":"\\u0041"}"#
    );
    let again = loaded(&emitted);
    for (index, text) in ["q\"q", "b\\s", "nl\nx", "\u{1}", "é😀", "\\u0041"].iter().enumerate() {
        assert_eq!(again.name_at(index as i32).unwrap(), *text);
        assert_eq!(again.string_at(index as i32).unwrap(), *text);
    }
}

#[test]
fn find_record_matches_with_wildcards_and_case() {
    let doc = loaded(
        r#"{"items":[{"id":1,"name":"Ann"},{"id":2,"name":"bob","addr":{"city":"Oslo"}},{"id":3,"name":"Bob","price":"10.00"}],"next":null}"#,
    );
    let id = |found: Result<JsonObject>| found.unwrap().int_of("id").unwrap();
    assert_eq!(id(doc.find_record("items", "name", "bob", true)), 2);
    assert_eq!(id(doc.find_record("items", "name", "BOB", false)), 2);
    assert_eq!(id(doc.find_record("items", "name", "B*", true)), 3);
    assert_eq!(id(doc.find_record("items", "name", "*o*", false)), 2);
    assert_eq!(id(doc.find_record("items", "id", "3", true)), 3);
    assert_eq!(id(doc.find_record("items", "addr.city", "Oslo", true)), 2);
    assert_eq!(doc.find_record_string("items", "price", "10.00", true, "name").unwrap(), "Bob");
    error_text(doc.find_record("items", "name", "BOB", true), ErrorKind::NotFound);
    error_text(doc.find_record("next", "name", "x", true), ErrorKind::NotFound);
    error_text(doc.find_record("missing", "name", "x", true), ErrorKind::NotFound);
    error_text(
        doc.find_record_string("items", "name", "Ann", true, "addr.city"),
        ErrorKind::NotFound,
    );
    error_text(doc.find_record("items", "a[", "x", true), ErrorKind::Json);
}

#[test]
fn load_refuses_what_chilkat_silently_turns_into_other_data() {
    let mut doc = loaded(r#"{"kept":true}"#);
    for text in [
        "{bad",
        "",
        "[1,2]",
        "\"x\"",
        r#"{"a":1} trailing"#,
        r#"{"a":1"#,
        r#"{"a":01}"#,
        r#"{"a":1,,"b":2}"#,
    ] {
        error_text(doc.load(text), ErrorKind::Json);
    }
    assert_eq!(
        error_text(doc.load("[1,2]"), ErrorKind::Json),
        "the JSON text is an array, but an object {...} was expected"
    );
    assert_eq!(doc.emit(), r#"{"kept":true}"#);
    doc.load("\u{feff} /* comment */ {\"a\":[1,2,],}\r\n").unwrap();
    assert_eq!(doc.emit(), r#"{"a":[1,2]}"#);
}

#[test]
fn files_round_trip_with_a_byte_order_mark_skipped() {
    let file = temp_file("round-trip");
    let mut doc = loaded(r#"{"client_id":"m2m.dpop","list":[10.00]}"#);
    doc.emit_compact = false;
    doc.write_file(&file).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), doc.emit());
    let mut again = JsonObject::default();
    again.load_file(&file).unwrap();
    std::fs::write(&file, "\u{feff}{\"a\":1}").unwrap();
    let mut bom = JsonObject::default();
    bom.load_file(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    assert_eq!(again.emit(), r#"{"client_id":"m2m.dpop","list":[10.00]}"#);
    assert_eq!(bom.int_of("a").unwrap(), 1);
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_and_a_file_over_64_mib_are_refused() {
    crate::private_file::check_refusals("JsonObject.load_file", |path| JsonObject::default().load_file(path));
}

#[test]
fn file_errors_name_the_path_and_the_cause() {
    let mut doc = loaded(r#"{"kept":true}"#);
    let missing = temp_file("does-not-exist");
    let message = error_text(doc.load_file(&missing), ErrorKind::Io);
    assert!(message.starts_with(&format!("cannot read JSON file '{missing}': ")), "{message}");
    let invalid = temp_file("invalid");
    std::fs::write(&invalid, "{\"a\":\n  oops}").unwrap();
    let message = error_text(doc.load_file(&invalid), ErrorKind::Json);
    std::fs::remove_file(&invalid).unwrap();
    assert_eq!(
        message,
        format!("cannot load JSON file '{invalid}': invalid JSON at line 2 column 3: expected a JSON value (an object, array, string, number, true, false or null)")
    );
    assert_eq!(doc.emit(), r#"{"kept":true}"#);
    let unwritable = std::env::temp_dir().join("dpop-no-such-dir").join("x.json");
    let message = error_text(doc.write_file(&unwritable.to_string_lossy()), ErrorKind::Io);
    assert!(message.starts_with("cannot write JSON file"), "{message}");
}

#[test]
fn errors_quote_long_arguments_clipped() {
    let doc = JsonObject::default();
    let long = "x".repeat(1_000_000);
    let message = error_text(doc.string_of(&long), ErrorKind::NotFound);
    assert!(message.len() < 300, "{} bytes", message.len());
    let message = error_text(doc.update_number("n", &long), ErrorKind::Json);
    assert!(message.len() < 500, "{} bytes", message.len());
}
