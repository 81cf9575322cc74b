use super::*;

const SAMPLE_ARRAY: &str = r#"[10,"twenty",{"k":"v"},[1,2],null,true,-3.25,"7"]"#;

#[test]
fn reads_by_index_and_a_negative_index_is_the_last_element() {
    let arr = array(SAMPLE_ARRAY);
    assert_eq!(arr.size(), 8);
    assert_eq!(arr.string_at(0).unwrap(), "10");
    assert_eq!(arr.string_at(2).unwrap(), r#"{"k":"v"}"#);
    assert_eq!(arr.string_at(-1).unwrap(), "7");
    assert_eq!(arr.string_at(-2).unwrap(), "7", "any negative index, as in Chilkat");
    assert_eq!(arr.int_at(6).unwrap(), -3);
    assert_eq!(arr.int_at(7).unwrap(), 7);
    assert!(arr.bool_at(5).unwrap() && !arr.bool_at(0).unwrap());
    assert!(arr.is_null_at(4).unwrap());
    assert_eq!((arr.type_at(1).unwrap(), arr.type_at(3).unwrap()), (1, 4));
    assert_eq!(arr.object_at(2).unwrap().string_of("k").unwrap(), "v");
    assert_eq!(arr.array_at(3).unwrap().size(), 2);
    error_text(arr.array_at(0), ErrorKind::Json); // Chilkat returns a read-only pseudo-array
    let message = error_text(arr.string_at(8), ErrorKind::NotFound);
    assert_eq!(message, "there is no element at index 8: the array has 8 element(s)");
    error_text(array("[]").string_at(-1), ErrorKind::NotFound);
}

#[test]
fn inserts_deletes_and_clears() {
    let arr = array("[1,2,3]");
    arr.add_string_at(0, "first").unwrap();
    arr.add_int_at(2, 9).unwrap();
    arr.add_bool_at(-1, false).unwrap();
    arr.add_null_at(100).unwrap();
    arr.add_number_at(1, "1e5").unwrap();
    arr.add_object_at(-1).unwrap();
    arr.add_array_at(-1).unwrap();
    assert_eq!(arr.emit().unwrap(), r#"["first",1e5,1,9,2,3,false,null,{},[]]"#);
    arr.delete_at(-1).unwrap();
    arr.delete_at(0).unwrap();
    error_text(arr.delete_at(8), ErrorKind::NotFound);
    error_text(arr.add_number_at(0, "01"), ErrorKind::Json);
    assert_eq!(arr.emit().unwrap(), r#"[1e5,1,9,2,3,false,null,{}]"#);
    arr.clear();
    assert_eq!((arr.emit().unwrap(), arr.size()), ("[]".to_owned(), 0));
}

#[test]
fn find_string_and_find_object() {
    let arr = array(SAMPLE_ARRAY);
    assert_eq!(arr.find_string("twenty", true).unwrap(), 1);
    assert_eq!(arr.find_string("TWENTY", false).unwrap(), 1);
    assert_eq!(arr.find_string("TWENTY", true).unwrap(), -1);
    assert_eq!(arr.find_string("t*", true).unwrap(), 1);
    assert_eq!(arr.find_string("10", true).unwrap(), 0, "numbers match by their text");
    assert_eq!(arr.find_string("*v*", true).unwrap(), -1, "objects never match");
    let records = array(r#"[{"id":1,"name":"Ann"},{"id":2,"name":"bob"},{"id":"3","name":"Bob"}]"#);
    assert_eq!(records.find_object("name", "BOB", false).unwrap(), 1);
    assert_eq!(records.find_object("id", "3", true).unwrap(), 2);
    assert_eq!(records.find_object("x", "1", true).unwrap(), -1);
}

#[test]
fn load_refuses_what_is_not_a_json_array_and_keeps_the_content() {
    let mut arr = array("[0]");
    for text in ["{}", "bad", "", "[1", "[1]x", "[1,,2]", "[nul]", "[01]"] {
        error_text(arr.load(text), ErrorKind::Json);
    }
    assert_eq!(arr.emit().unwrap(), "[0]");
    arr.load("\u{feff}[1,2,]").unwrap();
    assert_eq!(arr.emit().unwrap(), "[1,2]");
}

#[test]
fn pretty_output_ends_with_a_line_break_even_when_empty() {
    let mut arr = array("[[],{}]");
    arr.emit_compact = false;
    assert_eq!(arr.emit().unwrap(), "[\r\n  [],\r\n  {}\r\n]\r\n");
    let mut empty = JsonArray::default();
    empty.emit_compact = false;
    empty.emit_crlf = false;
    assert_eq!(empty.emit().unwrap(), "[]\n");
}
