//! `CkJsonObject_*`: the Chilkat JsonObject (paths like `a.b[1].c`, insertion-ordered members).

use super::{arg_str, ck_class};
use crate::error::{Error, ErrorKind};
use crate::json::JsonObject;
use std::ffi::{c_char, c_int};

/// A JSON object document. Create with `CkJsonObject_Create`, free with `CkJsonObject_Dispose`.
pub struct CkJsonObject {
    _opaque: [u8; 0],
}
ck_class!(CkJsonObject, JsonObject, "JsonObject");

/// Handle to a `CkJsonObject`.
pub type HCkJsonObject = *mut CkJsonObject;

/// Creates an empty JSON object `{}`.
///
/// Returns: a new handle owned by the caller [H]; NULL only if memory ran out.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_Create() -> HCkJsonObject {
    super::create(JsonObject::default())
}

/// Frees the object; every string it returned becomes invalid.
///
/// Returns: nothing. NULL, unknown and already disposed handles are ignored [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_Dispose(handle: HCkJsonObject) {
    super::dispose(handle)
}

/// Replaces the content with the JSON object in `json`; on failure the old content is kept.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (not a JSON object).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_Load(handle: HCkJsonObject, json: *const c_char) -> c_int {
    super::method_bool(handle, "Load", |doc| doc.load(arg_str(json, "json")?))
}

/// Replaces the content with the JSON object in the file at `path` (a UTF-8 byte-order mark is
/// skipped); on failure the old content is kept.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_IO, DPOP_ERR_JSON.
/// Blocks: no network; reads the file.
#[no_mangle]
pub extern "C" fn CkJsonObject_LoadFile(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_bool(handle, "LoadFile", |doc| doc.load_file(arg_str(path, "path")?))
}

/// Writes the emitted JSON to the file at `path`, replacing it.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_IO.
/// Blocks: no network; writes the file.
#[no_mangle]
pub extern "C" fn CkJsonObject_WriteFile(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_bool(handle, "WriteFile", |doc| doc.write_file(arg_str(path, "path")?))
}

/// Sets the string at `path`, creating what is missing; on failure nothing changes.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, or
///   one through a value of another type).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateString(handle: HCkJsonObject, path: *const c_char, value: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateString", |doc| {
        doc.update_string(arg_str(path, "path")?, arg_str(value, "value")?)
    })
}

/// Sets the integer at `path`, creating what is missing.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateInt(handle: HCkJsonObject, path: *const c_char, value: c_int) -> c_int {
    super::method_bool(handle, "UpdateInt", |doc| doc.update_int(arg_str(path, "path")?, value.into()))
}

/// Sets true (non-zero) or false (0) at `path`, creating what is missing.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateBool(handle: HCkJsonObject, path: *const c_char, value: c_int) -> c_int {
    super::method_bool(handle, "UpdateBool", |doc| doc.update_bool(arg_str(path, "path")?, value != 0))
}

/// Sets the number written in `numericStr` (e.g. "3.25") at `path`, creating what is missing.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (also: not a number).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateNumber(handle: HCkJsonObject, path: *const c_char, numericStr: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateNumber", |doc| {
        doc.update_number(arg_str(path, "path")?, arg_str(numericStr, "numericStr")?)
    })
}

/// Sets null at `path`, creating what is missing.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateNull(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateNull", |doc| doc.update_null(arg_str(path, "path")?))
}

/// The value at `path` as a string (numbers and booleans as their JSON text).
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, a
///   null, object or array), DPOP_ERR_NOT_FOUND.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_stringOf(handle: HCkJsonObject, path: *const c_char) -> *const c_char {
    super::method_str(handle, "StringOf", |doc| doc.string_of(arg_str(path, "path")?))
}

/// The integer at `path` (or a string holding one).
///
/// Returns: the integer; 0 on failure (check `CkJsonObject_getLastMethodSuccess`) [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (not an integer, or
///   outside the range of a C int), DPOP_ERR_NOT_FOUND.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_IntOf(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "IntOf", 0, |doc| {
        let path = arg_str(path, "path")?;
        c_int::try_from(doc.int_of(path)?)
            .map_err(|_| Error::new(ErrorKind::Json, format!("the integer at '{path}' does not fit in a C int")))
    })
}

/// The boolean at `path` (or a string holding "true" or "false").
///
/// Returns: 1 if true; 0 if false or on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON, DPOP_ERR_NOT_FOUND.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_BoolOf(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "BoolOf", 0, |doc| Ok(doc.bool_of(arg_str(path, "path")?)? as c_int))
}

/// Whether a value (null included) exists at `path`.
///
/// Returns: 1 if it exists; 0 if not, or on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_HasMember(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "HasMember", 0, |doc| Ok(doc.has_member(arg_str(path, "path")?) as c_int))
}

/// Removes the top-level member `name`; the others keep their order.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_NOT_FOUND.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_Delete(handle: HCkJsonObject, name: *const c_char) -> c_int {
    super::method_bool(handle, "Delete", |doc| doc.delete(arg_str(name, "name")?))
}

/// Property Size: the number of top-level members.
///
/// Returns: the count; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_getSize(handle: HCkJsonObject) -> c_int {
    super::get(handle, 0, |doc| c_int::try_from(doc.size()).unwrap_or(c_int::MAX))
}

/// The document as JSON text (compact unless EmitCompact is 0).
///
/// Returns: the text [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_emit(handle: HCkJsonObject) -> *const c_char {
    super::method_str(handle, "Emit", |doc| Ok(doc.emit()))
}

/// Property EmitCompact: 1 (the default) for compact output, 0 for two-space indented output.
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_getEmitCompact(handle: HCkJsonObject) -> c_int {
    super::get(handle, 0, |doc| doc.emit_compact as c_int)
}

/// Sets property EmitCompact (non-zero: compact).
///
/// Returns: nothing; records success [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_putEmitCompact(handle: HCkJsonObject, value: c_int) {
    super::put(handle, "EmitCompact", |doc| {
        doc.emit_compact = value != 0;
        Ok(())
    })
}

/// Property LastMethodSuccess [E].
///
/// Returns: 1 if the last method call succeeded; 0 if it failed, or for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_getLastMethodSuccess(handle: HCkJsonObject) -> c_int {
    super::last_method_success(handle)
}

/// Extension property LastErrorCode [E].
///
/// Returns: DPOP_OK or a DPOP_ERR_* code; DPOP_ERR_INVALID_HANDLE for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_getLastErrorCode(handle: HCkJsonObject) -> c_int {
    super::last_error_code(handle)
}

/// Property LastErrorText [E].
///
/// Returns: the text [S], in a buffer of its own; "" after a success.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_lastErrorText(handle: HCkJsonObject) -> *const c_char {
    super::last_error_text(handle)
}
