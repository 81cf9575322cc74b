//! `CkJsonArray_*`: the Chilkat JsonArray, alone or as a live view into a JsonObject's document.

use super::json_object::{CkJsonObject, HCkJsonObject};
use super::string_builder::{text_of, CkStringBuilder, HCkStringBuilder};
use super::{arg_object, arg_str, ck_class};
use crate::json::JsonArray;
use std::ffi::{c_char, c_int};

/// A JSON array, or a live view into a JSON document [V]. Create with `CkJsonArray_Create`,
/// free with `CkJsonArray_Dispose`.
pub struct CkJsonArray {
    _opaque: [u8; 0],
}
ck_class!(CkJsonArray, JsonArray, "JsonArray", 2);

/// Handle to a `CkJsonArray`.
pub type HCkJsonArray = *mut CkJsonArray;

/// Creates an empty JSON array `[]`.
///
/// Returns: a new handle owned by the caller [H]; NULL only if memory ran out.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_Create() -> HCkJsonArray {
    super::create(JsonArray::default())
}

/// Frees the handle; every string it returned becomes invalid. Views of the same document
/// stay valid [V].
///
/// Returns: nothing. NULL, unknown and already disposed handles are ignored [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_Dispose(handle: HCkJsonArray) {
    super::dispose(handle)
}

/// Replaces the array with the JSON array in `jsonArray`, which becomes a document of its own
/// (as in Chilkat, a view is detached from its parent); on failure the old content is kept.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (not a JSON array; the
///   text says where).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_Load(handle: HCkJsonArray, jsonArray: *const c_char) -> c_int {
    super::method_bool(handle, "Load", |arr| arr.load(arg_str(jsonArray, "jsonArray")?))
}

/// Replaces the array with the JSON array in the StringBuilder `sb`, as `CkJsonArray_Load`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (`sb` NULL, disposed or not a StringBuilder), DPOP_ERR_JSON.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_LoadSb(handle: HCkJsonArray, sb: HCkStringBuilder) -> c_int {
    super::method_bool(handle, "LoadSb", |arr| arr.load(&text_of(sb, "sb")?))
}

/// The array as JSON text: compact unless EmitCompact is 0; then indented by two spaces with
/// CRLF line breaks unless EmitCrlf is 0.
///
/// Returns: the text [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_emit(handle: HCkJsonArray) -> *const c_char {
    super::method_str(handle, "Emit", |arr| arr.emit())
}

/// Appends the emitted JSON to the StringBuilder `sb`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (`sb` NULL, disposed or not a StringBuilder),
///   DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_EmitSb(handle: HCkJsonArray, sb: HCkStringBuilder) -> c_int {
    super::method_bool(handle, "EmitSb", |arr| {
        let text = arr.emit()?;
        arg_object::<CkStringBuilder, _>(sb, "sb", |sb| {
            sb.append(&text);
            Ok(())
        })
    })
}

/// The element at `index` as a string: a number as written, true/false/null as words, an object
/// or array as compact JSON. A negative index is the last element.
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_NOT_FOUND (no element at `index`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_stringAt(handle: HCkJsonArray, index: c_int) -> *const c_char {
    super::method_str(handle, "StringAt", |arr| arr.string_at(index))
}

/// The element at `index` as an integer, read from a number or a string that starts with one
/// (3.7 and "3.7" are 3); 0 for other values.
///
/// Returns: the integer; 0 on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no element at `index`), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON for a value outside the range of a C int.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_IntAt(handle: HCkJsonArray, index: c_int) -> c_int {
    super::method_value(handle, "IntAt", 0, |arr| arr.int_at(index))
}

/// Whether the element at `index` is true, or a string saying "true" in any case.
///
/// Returns: 1 if so; 0 if not or on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no element at `index`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_BoolAt(handle: HCkJsonArray, index: c_int) -> c_int {
    super::method_value(handle, "BoolAt", 0, |arr| Ok(arr.bool_at(index)?.into()))
}

/// Whether the element at `index` is null.
///
/// Returns: 1 if so; 0 if not or on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no element at `index`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_IsNullAt(handle: HCkJsonArray, index: c_int) -> c_int {
    super::method_value(handle, "IsNullAt", 0, |arr| Ok(arr.is_null_at(index)?.into()))
}

/// The type of the element at `index`: 1 string, 2 number, 3 object, 4 array, 5 boolean, 6 null.
///
/// Returns: the type; -1 on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no element at `index`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_TypeAt(handle: HCkJsonArray, index: c_int) -> c_int {
    super::method_value(handle, "TypeAt", -1, |arr| arr.type_at(index))
}

/// A live view of the object at `index` [V].
///
/// Returns: a new handle owned by the caller [V]; NULL on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no element at `index`), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON when the element is not an object.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_ObjectAt(handle: HCkJsonArray, index: c_int) -> HCkJsonObject {
    super::method_value(handle, "ObjectAt", std::ptr::null_mut(), |arr| {
        Ok(super::create::<CkJsonObject>(arr.object_at(index)?))
    })
}

/// A live view of the array at `index` [V].
///
/// Returns: a new handle owned by the caller [V]; NULL on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no element at `index`), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON when the element is not an array.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_ArrayAt(handle: HCkJsonArray, index: c_int) -> HCkJsonArray {
    super::method_value(handle, "ArrayAt", std::ptr::null_mut(), |arr| {
        Ok(super::create::<CkJsonArray>(arr.array_at(index)?))
    })
}

/// Inserts the string `value` before position `index`; a negative index or one past the end
/// appends.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_AddStringAt(handle: HCkJsonArray, index: c_int, value: *const c_char) -> c_int {
    super::method_bool(handle, "AddStringAt", |arr| arr.add_string_at(index, arg_str(value, "value")?))
}

/// Inserts the integer `value`, as `CkJsonArray_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_AddIntAt(handle: HCkJsonArray, index: c_int, value: c_int) -> c_int {
    super::method_bool(handle, "AddIntAt", |arr| arr.add_int_at(index, value))
}

/// Inserts true (non-zero) or false, as `CkJsonArray_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_AddBoolAt(handle: HCkJsonArray, index: c_int, value: c_int) -> c_int {
    super::method_bool(handle, "AddBoolAt", |arr| arr.add_bool_at(index, value != 0))
}

/// Inserts null, as `CkJsonArray_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_AddNullAt(handle: HCkJsonArray, index: c_int) -> c_int {
    super::method_bool(handle, "AddNullAt", |arr| arr.add_null_at(index))
}

/// Inserts the number written in `numericStr` (kept exactly as written), as
/// `CkJsonArray_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (not a JSON number),
///   DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_AddNumberAt(handle: HCkJsonArray, index: c_int, numericStr: *const c_char) -> c_int {
    super::method_bool(handle, "AddNumberAt", |arr| {
        arr.add_number_at(index, arg_str(numericStr, "numericStr")?)
    })
}

/// Inserts an empty object, as `CkJsonArray_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_JSON (nesting would exceed 1000 levels), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_AddObjectAt(handle: HCkJsonArray, index: c_int) -> c_int {
    super::method_bool(handle, "AddObjectAt", |arr| arr.add_object_at(index))
}

/// Inserts an empty array, as `CkJsonArray_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_JSON (nesting would exceed 1000 levels), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_AddArrayAt(handle: HCkJsonArray, index: c_int) -> c_int {
    super::method_bool(handle, "AddArrayAt", |arr| arr.add_array_at(index))
}

/// Removes the element at `index` (a negative index: the last one).
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no element at `index`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_DeleteAt(handle: HCkJsonArray, index: c_int) -> c_int {
    super::method_bool(handle, "DeleteAt", |arr| arr.delete_at(index))
}

/// Removes every element.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_Clear(handle: HCkJsonArray) {
    super::put(handle, "Clear", |arr| {
        arr.clear();
        Ok(())
    })
}

/// The index of the first string, number, boolean or null element whose text matches `value`,
/// where `*` matches any run of characters; letters match in either case unless
/// `caseSensitive` is non-zero.
///
/// Returns: the index; -1 if none matches (a success) or on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_FindString(handle: HCkJsonArray, value: *const c_char, caseSensitive: c_int) -> c_int {
    super::method_value(handle, "FindString", -1, |arr| {
        arr.find_string(arg_str(value, "value")?, caseSensitive != 0)
    })
}

/// The index of the first object element whose member `name` matches `value`, as
/// `CkJsonArray_FindString` matches.
///
/// Returns: the index; -1 if none matches (a success) or on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_FindObject(handle: HCkJsonArray, name: *const c_char, value: *const c_char, caseSensitive: c_int) -> c_int {
    super::method_value(handle, "FindObject", -1, |arr| {
        arr.find_object(arg_str(name, "name")?, arg_str(value, "value")?, caseSensitive != 0)
    })
}

/// Property Size: the number of elements (0 for a view whose array was removed [V]).
///
/// Returns: the count; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_getSize(handle: HCkJsonArray) -> c_int {
    super::get(handle, 0, |arr| c_int::try_from(arr.size()).unwrap_or(c_int::MAX))
}

/// Property EmitCompact: 1 (the default) for compact output, 0 for two-space indented output.
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_getEmitCompact(handle: HCkJsonArray) -> c_int {
    super::get(handle, 0, |arr| arr.emit_compact.into())
}

/// Sets property EmitCompact (non-zero: compact).
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_putEmitCompact(handle: HCkJsonArray, newVal: c_int) {
    super::put(handle, "EmitCompact", |arr| {
        arr.emit_compact = newVal != 0;
        Ok(())
    })
}

/// Property EmitCrlf (Chilkat spells it so for JsonArray): 1 (the default) for CRLF line breaks
/// in indented output, 0 for LF.
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_getEmitCrlf(handle: HCkJsonArray) -> c_int {
    super::get(handle, 0, |arr| arr.emit_crlf.into())
}

/// Sets property EmitCrlf (non-zero: CRLF).
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_putEmitCrlf(handle: HCkJsonArray, newVal: c_int) {
    super::put(handle, "EmitCrlf", |arr| {
        arr.emit_crlf = newVal != 0;
        Ok(())
    })
}

/// Property LastMethodSuccess [E].
///
/// Returns: 1 if the last method call succeeded; 0 if it failed, or for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_getLastMethodSuccess(handle: HCkJsonArray) -> c_int {
    super::last_method_success(handle)
}

/// Extension property LastErrorCode [E].
///
/// Returns: DPOP_OK or a DPOP_ERR_* code; DPOP_ERR_INVALID_HANDLE for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_getLastErrorCode(handle: HCkJsonArray) -> c_int {
    super::last_error_code(handle)
}

/// Property LastErrorText [E].
///
/// Returns: the text [S], in a buffer of its own; "" after a success.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonArray_lastErrorText(handle: HCkJsonArray) -> *const c_char {
    super::last_error_text(handle)
}
