//! `CkJsonObject_*`: the Chilkat JsonObject (paths like `a.b[1].c`, insertion-ordered members).

use super::{arg_str, ck_object, Handle};
use crate::error::Error;
use crate::json::JsonObject;
use std::ffi::{c_char, c_int};

/// A JSON object document. Create with `CkJsonObject_Create`, free with `CkJsonObject_Dispose`.
pub struct CkJsonObject(Handle<JsonObject>);
ck_object!(CkJsonObject, JsonObject, "JsonObject", 0x646a_736f_6e4f_424a);

/// Handle to a `CkJsonObject`.
pub type HCkJsonObject = *mut CkJsonObject;

/// Creates an empty JSON object `{}`. Returns a new handle owned by the caller (free it with
/// `CkJsonObject_Dispose`), or NULL if memory could not be allocated.
#[no_mangle]
pub extern "C" fn CkJsonObject_Create() -> HCkJsonObject {
    super::create(JsonObject::default())
}

/// Frees the object. NULL is ignored. The handle and every string it returned are invalid
/// afterwards.
#[no_mangle]
pub extern "C" fn CkJsonObject_Dispose(handle: HCkJsonObject) {
    super::dispose(handle)
}

/// Replaces the content with the JSON object in `json`. Returns 1 on success, 0 on failure (the
/// old content is kept).
#[no_mangle]
pub extern "C" fn CkJsonObject_Load(handle: HCkJsonObject, json: *const c_char) -> c_int {
    super::method_bool(handle, "Load", |doc| doc.load(arg_str(json, "json")?))
}

/// Replaces the content with the JSON object in the file at `path`. Returns 1 on success, 0 on
/// failure.
#[no_mangle]
pub extern "C" fn CkJsonObject_LoadFile(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_bool(handle, "LoadFile", |doc| doc.load_file(arg_str(path, "path")?))
}

/// Writes the emitted JSON to the file at `path`. Returns 1 on success, 0 on failure.
#[no_mangle]
pub extern "C" fn CkJsonObject_WriteFile(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_bool(handle, "WriteFile", |doc| doc.write_file(arg_str(path, "path")?))
}

/// Sets the string at `path`, creating what is missing. Returns 1 on success, 0 on failure.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateString(handle: HCkJsonObject, path: *const c_char, value: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateString", |doc| {
        doc.update_string(arg_str(path, "path")?, arg_str(value, "value")?)
    })
}

/// Sets the integer at `path`, creating what is missing. Returns 1 on success, 0 on failure.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateInt(handle: HCkJsonObject, path: *const c_char, value: c_int) -> c_int {
    super::method_bool(handle, "UpdateInt", |doc| doc.update_int(arg_str(path, "path")?, value.into()))
}

/// Sets true (non-zero) or false (0) at `path`. Returns 1 on success, 0 on failure.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateBool(handle: HCkJsonObject, path: *const c_char, value: c_int) -> c_int {
    super::method_bool(handle, "UpdateBool", |doc| doc.update_bool(arg_str(path, "path")?, value != 0))
}

/// Sets the number written in `numericStr` (e.g. "3.25") at `path`. Returns 1 on success, 0 on
/// failure.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateNumber(handle: HCkJsonObject, path: *const c_char, numericStr: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateNumber", |doc| {
        doc.update_number(arg_str(path, "path")?, arg_str(numericStr, "numericStr")?)
    })
}

/// Sets null at `path`. Returns 1 on success, 0 on failure.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateNull(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateNull", |doc| doc.update_null(arg_str(path, "path")?))
}

/// Returns the value at `path` as a string (numbers and booleans as their JSON text), or "" on
/// failure. Owned by the handle, valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkJsonObject_stringOf(handle: HCkJsonObject, path: *const c_char) -> *const c_char {
    super::method_str(handle, "StringOf", |doc| doc.string_of(arg_str(path, "path")?))
}

/// Returns the integer at `path`, or 0 on failure (check `CkJsonObject_getLastMethodSuccess`).
#[no_mangle]
pub extern "C" fn CkJsonObject_IntOf(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "IntOf", 0, |doc| {
        let path = arg_str(path, "path")?;
        let value = doc.int_of(path)?;
        c_int::try_from(value).map_err(|_| Error::new(format!("the integer at '{path}' does not fit in a C int")))
    })
}

/// Returns 1 if the boolean at `path` is true, 0 if false or on failure.
#[no_mangle]
pub extern "C" fn CkJsonObject_BoolOf(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "BoolOf", 0, |doc| Ok(doc.bool_of(arg_str(path, "path")?)? as c_int))
}

/// Returns 1 if a value exists at `path`, else 0.
#[no_mangle]
pub extern "C" fn CkJsonObject_HasMember(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "HasMember", 0, |doc| Ok(doc.has_member(arg_str(path, "path")?) as c_int))
}

/// Removes the top-level member `name`. Returns 1 on success, 0 if absent or on failure.
#[no_mangle]
pub extern "C" fn CkJsonObject_Delete(handle: HCkJsonObject, name: *const c_char) -> c_int {
    super::method_bool(handle, "Delete", |doc| doc.delete(arg_str(name, "name")?))
}

/// Property Size: the number of top-level members.
#[no_mangle]
pub extern "C" fn CkJsonObject_getSize(handle: HCkJsonObject) -> c_int {
    super::get(handle, 0, |doc| c_int::try_from(doc.size()).unwrap_or(c_int::MAX))
}

/// Returns the document as JSON text (compact unless EmitCompact is 0). Owned by the handle,
/// valid until the next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkJsonObject_emit(handle: HCkJsonObject) -> *const c_char {
    super::method_str(handle, "Emit", |doc| Ok(doc.emit()))
}

/// Property EmitCompact: 1 (the default) for compact output, 0 for two-space indented output.
#[no_mangle]
pub extern "C" fn CkJsonObject_getEmitCompact(handle: HCkJsonObject) -> c_int {
    super::get(handle, 0, |doc| doc.emit_compact as c_int)
}

/// Sets property EmitCompact (non-zero: compact).
#[no_mangle]
pub extern "C" fn CkJsonObject_putEmitCompact(handle: HCkJsonObject, value: c_int) {
    super::put(handle, "EmitCompact", |doc| {
        doc.emit_compact = value != 0;
        Ok(())
    })
}

/// 1 if the last method call on this handle succeeded, 0 if it failed (or the handle is NULL).
#[no_mangle]
pub extern "C" fn CkJsonObject_getLastMethodSuccess(handle: HCkJsonObject) -> c_int {
    super::last_method_success(handle)
}

/// Why the last method call failed ("" after a success). Owned by the handle, valid until the
/// next string-returning call on it.
#[no_mangle]
pub extern "C" fn CkJsonObject_lastErrorText(handle: HCkJsonObject) -> *const c_char {
    super::last_error_text(handle)
}
