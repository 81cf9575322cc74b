//! Behaviour tests of `JsonObject` and `JsonArray` through their public methods. The values
//! expected are Chilkat 11.6.1's (the differential harness in tests/chilkat_diff checks the same
//! against the recorded fixtures); where libdpop deliberately differs, the test says why.

mod array;
mod object;
mod paths;
mod views;

use super::{JsonArray, JsonObject};
use crate::error::{ErrorKind, Result};

fn loaded(text: &str) -> JsonObject {
    JsonObject::from_text(text).unwrap()
}

fn array(text: &str) -> JsonArray {
    JsonArray::from_text(text).unwrap()
}

/// The text of the error `result` must be, after checking its kind. (JsonObject has no Debug:
/// printing a document could print a client secret.)
fn error_text<T>(result: Result<T>, kind: ErrorKind) -> String {
    let Err(error) = result else {
        panic!("expected an error of kind {kind:?}")
    };
    assert_eq!(error.kind(), kind, "{error}");
    error.to_string()
}

/// A path under the system temp dir that no other test (or test run) uses.
fn temp_file(name: &str) -> String {
    let file = format!("dpop-json-{}-{name}.json", std::process::id());
    std::env::temp_dir().join(file).to_string_lossy().into_owned()
}

const SAMPLE: &str = r#"{"s":"text","n":42,"f":-3.25,"big":12345678901234567890,"t":true,"nul":null,"o":{"x":1,"y":{"z":"deep"}},"a":[10,"twenty",{"k":"v"},[1,2],null,true],"e":{},"ea":[],"dup":1,"dup":2,"dot.name":"dotted"}"#;
