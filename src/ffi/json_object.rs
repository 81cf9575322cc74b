//! `CkJsonObject_*`: the Chilkat JsonObject (paths like `a.b[1].c`, insertion-ordered members,
//! live views).

use super::json_array::{CkJsonArray, HCkJsonArray};
use super::string_builder::{text_of, CkStringBuilder, HCkStringBuilder};
use super::{arg_object, arg_str, ck_class};
use crate::json::JsonObject;
use std::ffi::{c_char, c_int};

/// A JSON object document, or a live view into one [V]. Create with `CkJsonObject_Create`,
/// free with `CkJsonObject_Dispose`.
pub struct CkJsonObject {
    _opaque: [u8; 0],
}
ck_class!(CkJsonObject, JsonObject, "JsonObject", 2);

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

/// Frees the handle; every string it returned becomes invalid. Views of the same document
/// stay valid [V].
///
/// Returns: nothing. NULL, unknown and already disposed handles are ignored [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_Dispose(handle: HCkJsonObject) {
    super::dispose(handle)
}

/// Replaces the content with the JSON object in `json` (a byte-order mark, comments and
/// trailing commas are accepted); on failure the old content is kept. For a view, the parent
/// sees the new content.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (not a JSON object;
///   the text says where).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_Load(handle: HCkJsonObject, json: *const c_char) -> c_int {
    super::method_bool(handle, "Load", |doc| doc.load(arg_str(json, "json")?))
}

/// Replaces the content with the JSON object in the file at `path` (UTF-8; a byte-order mark is
/// skipped); on failure the old content is kept.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_IO (the file cannot be read,
///   is not a regular file, is larger than 64 MiB or is not UTF-8), DPOP_ERR_JSON.
/// Blocks: no network; reads the file.
#[no_mangle]
pub extern "C" fn CkJsonObject_LoadFile(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_bool(handle, "LoadFile", |doc| doc.load_file(arg_str(path, "path")?))
}

/// Replaces the content with the JSON object in the StringBuilder `sb`, as `CkJsonObject_Load`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (`sb` NULL, disposed or not a StringBuilder), DPOP_ERR_JSON.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_LoadSb(handle: HCkJsonObject, sb: HCkStringBuilder) -> c_int {
    super::method_bool(handle, "LoadSb", |doc| doc.load(&text_of(sb, "sb")?))
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

/// The object as JSON text: compact unless EmitCompact is 0; then indented by two spaces with
/// CRLF line breaks unless EmitCrLf is 0. Numbers and escapes come out as they were loaded or
/// set.
///
/// Returns: the text [S]; "" (and success, as in Chilkat) for a view whose object was removed.
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_emit(handle: HCkJsonObject) -> *const c_char {
    super::method_str(handle, "Emit", |doc| Ok(doc.emit()))
}

/// Appends the emitted JSON to the StringBuilder `sb`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (`sb` NULL, disposed or not a StringBuilder).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_EmitSb(handle: HCkJsonObject, sb: HCkStringBuilder) -> c_int {
    super::method_bool(handle, "EmitSb", |doc| {
        let text = doc.emit();
        arg_object::<CkStringBuilder, _>(sb, "sb", |sb| {
            sb.append(&text);
            Ok(())
        })
    })
}

/// Sets the string at `path`, creating what is missing; an index past the end of an array
/// appends. An object already at `path` is not replaced (the call fails). On failure nothing
/// changes.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, a path
///   through a value of another type, an object at `path`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateString(handle: HCkJsonObject, path: *const c_char, value: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateString", |doc| {
        doc.update_string(arg_str(path, "path")?, arg_str(value, "value")?)
    })
}

/// Sets the integer at `path`, as `CkJsonObject_UpdateString`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, a path
///   through a value of another type, an object at `path`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateInt(handle: HCkJsonObject, path: *const c_char, value: c_int) -> c_int {
    super::method_bool(handle, "UpdateInt", |doc| doc.update_int(arg_str(path, "path")?, value))
}

/// Sets true (non-zero) or false (0) at `path`, as `CkJsonObject_UpdateString`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, a path
///   through a value of another type, an object at `path`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateBool(handle: HCkJsonObject, path: *const c_char, value: c_int) -> c_int {
    super::method_bool(handle, "UpdateBool", |doc| doc.update_bool(arg_str(path, "path")?, value != 0))
}

/// Sets the number written in `numericStr` at `path`, kept exactly as written ("10.00" stays
/// 10.00; surrounding spaces are dropped and "1,5" is read as 1.5), as `CkJsonObject_UpdateString`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, a path
///   through a value of another type, an object at `path`), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON also when `numericStr` is not a JSON number.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateNumber(handle: HCkJsonObject, path: *const c_char, numericStr: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateNumber", |doc| {
        doc.update_number(arg_str(path, "path")?, arg_str(numericStr, "numericStr")?)
    })
}

/// Sets null at `path`, as `CkJsonObject_UpdateString`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, a path
///   through a value of another type, an object at `path`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateNull(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateNull", |doc| doc.update_null(arg_str(path, "path")?))
}

/// Puts an empty object at `path`, or keeps the object already there with its content.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, a path
///   through a value of another type, an object at `path`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateNewObject(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateNewObject", |doc| doc.update_new_object(arg_str(path, "path")?))
}

/// Puts an empty array at `path`, replacing an array or scalar there.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, a path
///   through a value of another type, an object at `path`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_UpdateNewArray(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_bool(handle, "UpdateNewArray", |doc| doc.update_new_array(arg_str(path, "path")?))
}

/// The value at `path` as a string: a number as written, true/false/null as words, an array as
/// compact JSON.
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, an
///   object), DPOP_ERR_NOT_FOUND, DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_stringOf(handle: HCkJsonObject, path: *const c_char) -> *const c_char {
    super::method_str(handle, "StringOf", |doc| doc.string_of(arg_str(path, "path")?))
}

/// The integer at `path`, read from a number or a string that starts with one (3.7 and "3.7"
/// are 3, " 12" is 12); 0 for a string without a number, a boolean, null or an array.
///
/// Returns: the integer; 0 on failure (check `CkJsonObject_getLastMethodSuccess`) [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, an
///   object), DPOP_ERR_NOT_FOUND, DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON also for a value outside the range of a C int.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_IntOf(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "IntOf", 0, |doc| doc.int_of(arg_str(path, "path")?))
}

/// Whether the value at `path` is true, or a string saying "true" in any case.
///
/// Returns: 1 if so; 0 if not or on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path, an
///   object), DPOP_ERR_NOT_FOUND, DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_BoolOf(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "BoolOf", 0, |doc| Ok(doc.bool_of(arg_str(path, "path")?)?.into()))
}

/// Whether the value at `path` is null.
///
/// Returns: 1 if so; 0 if not or on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT, DPOP_ERR_JSON (malformed path), DPOP_ERR_NOT_FOUND,
///   DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_IsNullOf(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "IsNullOf", 0, |doc| Ok(doc.is_null_of(arg_str(path, "path")?)?.into()))
}

/// The type of the value at `path`: 1 string, 2 number, 3 object, 4 array, 5 boolean, 6 null.
///
/// Returns: the type; -1 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT, DPOP_ERR_JSON (malformed path), DPOP_ERR_NOT_FOUND,
///   DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_JsonTypeOf(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "JsonTypeOf", -1, |doc| doc.json_type_of(arg_str(path, "path")?))
}

/// Whether a value (null included) exists at `path`.
///
/// Returns: 1 if it exists; 0 if not (then LastMethodSuccess is 0 too, as in Chilkat) [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT, DPOP_ERR_JSON (malformed path), DPOP_ERR_NOT_FOUND,
///   DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_HasMember(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "HasMember", 0, |doc| Ok(doc.has_member(arg_str(path, "path")?)?.into()))
}

/// The number of elements of the array at `path`.
///
/// Returns: the size; -1 if the value there is not an array (a success) or on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT, DPOP_ERR_JSON (malformed path), DPOP_ERR_NOT_FOUND,
///   DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_SizeOfArray(handle: HCkJsonObject, path: *const c_char) -> c_int {
    super::method_value(handle, "SizeOfArray", -1, |doc| doc.size_of_array(arg_str(path, "path")?))
}

/// A live view of the object at `path` [V].
///
/// Returns: a new handle owned by the caller [V]; NULL on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT, DPOP_ERR_JSON (malformed path), DPOP_ERR_NOT_FOUND,
///   DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON also when the value is not an object.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_ObjectOf(handle: HCkJsonObject, path: *const c_char) -> HCkJsonObject {
    super::method_value(handle, "ObjectOf", std::ptr::null_mut(), |doc| {
        Ok(super::create::<CkJsonObject>(doc.object_of(arg_str(path, "path")?)?))
    })
}

/// A live view of the array at `path` [V]; it starts with this object's EmitCompact and EmitCrLf.
///
/// Returns: a new handle owned by the caller [V]; NULL on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT, DPOP_ERR_JSON (malformed path), DPOP_ERR_NOT_FOUND,
///   DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON also when the value is not an array.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_ArrayOf(handle: HCkJsonObject, path: *const c_char) -> HCkJsonArray {
    super::method_value(handle, "ArrayOf", std::ptr::null_mut(), |doc| {
        Ok(super::create::<CkJsonArray>(doc.array_of(arg_str(path, "path")?)?))
    })
}

/// The name of the member at `index` (0 is the first).
///
/// Returns: the name [S]; "" on failure.
/// Fails: DPOP_ERR_NOT_FOUND (no member at `index`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_nameAt(handle: HCkJsonObject, index: c_int) -> *const c_char {
    super::method_str(handle, "NameAt", |doc| doc.name_at(index))
}

/// The member at `index` as a string, as `CkJsonObject_stringOf` (an object as compact JSON).
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_NOT_FOUND (no member at `index`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_stringAt(handle: HCkJsonObject, index: c_int) -> *const c_char {
    super::method_str(handle, "StringAt", |doc| doc.string_at(index))
}

/// The member at `index` as an integer, as `CkJsonObject_IntOf` (0 for an object).
///
/// Returns: the integer; 0 on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no member at `index`), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON for a value outside the range of a C int.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_IntAt(handle: HCkJsonObject, index: c_int) -> c_int {
    super::method_value(handle, "IntAt", 0, |doc| doc.int_at(index))
}

/// Whether the member at `index` is true, as `CkJsonObject_BoolOf`.
///
/// Returns: 1 if so; 0 if not or on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no member at `index`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_BoolAt(handle: HCkJsonObject, index: c_int) -> c_int {
    super::method_value(handle, "BoolAt", 0, |doc| Ok(doc.bool_at(index)?.into()))
}

/// Whether the member at `index` is null.
///
/// Returns: 1 if so; 0 if not or on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no member at `index`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_IsNullAt(handle: HCkJsonObject, index: c_int) -> c_int {
    super::method_value(handle, "IsNullAt", 0, |doc| Ok(doc.is_null_at(index)?.into()))
}

/// The type of the member at `index`, as `CkJsonObject_JsonTypeOf`.
///
/// Returns: the type; -1 on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no member at `index`), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_TypeAt(handle: HCkJsonObject, index: c_int) -> c_int {
    super::method_value(handle, "TypeAt", -1, |doc| doc.type_at(index))
}

/// A live view of the object at member `index` [V].
///
/// Returns: a new handle owned by the caller [V]; NULL on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no member at `index`), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON when the member is not an object.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_ObjectAt(handle: HCkJsonObject, index: c_int) -> HCkJsonObject {
    super::method_value(handle, "ObjectAt", std::ptr::null_mut(), |doc| {
        Ok(super::create::<CkJsonObject>(doc.object_at(index)?))
    })
}

/// A live view of the array at member `index` [V].
///
/// Returns: a new handle owned by the caller [V]; NULL on failure [E].
/// Fails: DPOP_ERR_NOT_FOUND (no member at `index`), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON when the member is not an array.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_ArrayAt(handle: HCkJsonObject, index: c_int) -> HCkJsonArray {
    super::method_value(handle, "ArrayAt", std::ptr::null_mut(), |doc| {
        Ok(super::create::<CkJsonArray>(doc.array_at(index)?))
    })
}

/// The index of the first member named `name` (a name, not a path).
///
/// Returns: the index; -1 if there is none (then LastMethodSuccess is 0) [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_NOT_FOUND, DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_IndexOf(handle: HCkJsonObject, name: *const c_char) -> c_int {
    super::method_value(handle, "IndexOf", -1, |doc| doc.index_of(arg_str(name, "name")?))
}

/// Removes the first member named `name` (a name, not a path); the others keep their order.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_NOT_FOUND, DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_Delete(handle: HCkJsonObject, name: *const c_char) -> c_int {
    super::method_bool(handle, "Delete", |doc| doc.delete(arg_str(name, "name")?))
}

/// Removes the member at `index`; an index out of range removes nothing and succeeds, as in
/// Chilkat.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_DeleteAt(handle: HCkJsonObject, index: c_int) -> c_int {
    super::method_bool(handle, "DeleteAt", |doc| doc.delete_at(index))
}

/// Renames the first member named `oldName` to `newName`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_NOT_FOUND, DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_Rename(handle: HCkJsonObject, oldName: *const c_char, newName: *const c_char) -> c_int {
    super::method_bool(handle, "Rename", |doc| {
        doc.rename(arg_str(oldName, "oldName")?, arg_str(newName, "newName")?)
    })
}

/// Renames the member at `index` to `name`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_NOT_FOUND, DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_RenameAt(handle: HCkJsonObject, index: c_int, name: *const c_char) -> c_int {
    super::method_bool(handle, "RenameAt", |doc| doc.rename_at(index, arg_str(name, "name")?))
}

/// Removes every member.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_Clear(handle: HCkJsonObject) {
    super::put(handle, "Clear", |doc| {
        doc.clear();
        Ok(())
    })
}

/// Appends a member `name` holding the string `value` (`name` is taken as it is, not as a path,
/// and may repeat an existing name).
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AppendString(handle: HCkJsonObject, name: *const c_char, value: *const c_char) -> c_int {
    super::method_bool(handle, "AppendString", |doc| {
        doc.append_string(arg_str(name, "name")?, arg_str(value, "value")?)
    })
}

/// Appends a member `name` holding the integer `value`, as `CkJsonObject_AppendString`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AppendInt(handle: HCkJsonObject, name: *const c_char, value: c_int) -> c_int {
    super::method_bool(handle, "AppendInt", |doc| doc.append_int(arg_str(name, "name")?, value))
}

/// Appends a member `name` holding true (non-zero) or false, as `CkJsonObject_AppendString`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AppendBool(handle: HCkJsonObject, name: *const c_char, value: c_int) -> c_int {
    super::method_bool(handle, "AppendBool", |doc| doc.append_bool(arg_str(name, "name")?, value != 0))
}

/// Appends a member `name` holding an empty object, and returns a live view of it [V].
///
/// Returns: a new handle owned by the caller [V]; NULL on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON when nesting would exceed 1000 levels.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AppendObject(handle: HCkJsonObject, name: *const c_char) -> HCkJsonObject {
    super::method_value(handle, "AppendObject", std::ptr::null_mut(), |doc| {
        Ok(super::create::<CkJsonObject>(doc.append_object(arg_str(name, "name")?)?))
    })
}

/// Appends a member `name` holding an empty array, and returns a live view of it [V], which
/// starts with this object's EmitCompact and EmitCrLf.
///
/// Returns: a new handle owned by the caller [V]; NULL on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON when nesting would exceed 1000 levels.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AppendArray(handle: HCkJsonObject, name: *const c_char) -> HCkJsonArray {
    super::method_value(handle, "AppendArray", std::ptr::null_mut(), |doc| {
        Ok(super::create::<CkJsonArray>(doc.append_array(arg_str(name, "name")?)?))
    })
}

/// Inserts a member `name` holding the string `value` before position `index`; a negative
/// index or one past the end appends. `name` is taken as it is, not as a path.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AddStringAt(handle: HCkJsonObject, index: c_int, name: *const c_char, value: *const c_char) -> c_int {
    super::method_bool(handle, "AddStringAt", |doc| {
        doc.add_string_at(index, arg_str(name, "name")?, arg_str(value, "value")?)
    })
}

/// Inserts a member holding the integer `value`, as `CkJsonObject_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AddIntAt(handle: HCkJsonObject, index: c_int, name: *const c_char, value: c_int) -> c_int {
    super::method_bool(handle, "AddIntAt", |doc| doc.add_int_at(index, arg_str(name, "name")?, value))
}

/// Inserts a member holding true (non-zero) or false, as `CkJsonObject_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AddBoolAt(handle: HCkJsonObject, index: c_int, name: *const c_char, value: c_int) -> c_int {
    super::method_bool(handle, "AddBoolAt", |doc| {
        doc.add_bool_at(index, arg_str(name, "name")?, value != 0)
    })
}

/// Inserts a member holding null, as `CkJsonObject_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AddNullAt(handle: HCkJsonObject, index: c_int, name: *const c_char) -> c_int {
    super::method_bool(handle, "AddNullAt", |doc| doc.add_null_at(index, arg_str(name, "name")?))
}

/// Inserts a member holding the number written in `numericStr` (kept exactly as written), as
/// `CkJsonObject_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON when `numericStr` is not a JSON number.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AddNumberAt(handle: HCkJsonObject, index: c_int, name: *const c_char, numericStr: *const c_char) -> c_int {
    super::method_bool(handle, "AddNumberAt", |doc| {
        doc.add_number_at(index, arg_str(name, "name")?, arg_str(numericStr, "numericStr")?)
    })
}

/// Inserts a member holding an empty object, as `CkJsonObject_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON when nesting would exceed 1000 levels.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AddObjectAt(handle: HCkJsonObject, index: c_int, name: *const c_char) -> c_int {
    super::method_bool(handle, "AddObjectAt", |doc| doc.add_object_at(index, arg_str(name, "name")?))
}

/// Inserts a member holding an empty array, as `CkJsonObject_AddStringAt`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_JSON when nesting would exceed 1000 levels.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_AddArrayAt(handle: HCkJsonObject, index: c_int, name: *const c_char) -> c_int {
    super::method_bool(handle, "AddArrayAt", |doc| doc.add_array_at(index, arg_str(name, "name")?))
}

/// A live view [V] of the first object in the array at `arrayPath` whose value at `relPath`
/// matches `value`, where `*` matches any run of characters; letters match in either case
/// unless `caseSensitive` is non-zero.
///
/// Returns: a new handle owned by the caller [V]; NULL on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path),
///   DPOP_ERR_NOT_FOUND (no such array, or no match), DPOP_ERR_INVALID_STATE [V].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_FindRecord(
    handle: HCkJsonObject,
    arrayPath: *const c_char,
    relPath: *const c_char,
    value: *const c_char,
    caseSensitive: c_int,
) -> HCkJsonObject {
    super::method_value(handle, "FindRecord", std::ptr::null_mut(), |doc| {
        let record = doc.find_record(
            arg_str(arrayPath, "arrayPath")?,
            arg_str(relPath, "relPath")?,
            arg_str(value, "value")?,
            caseSensitive != 0,
        )?;
        Ok(super::create::<CkJsonObject>(record))
    })
}

/// The value at `retRelPath` (as `CkJsonObject_stringOf`) of the record `CkJsonObject_FindRecord`
/// finds.
///
/// Returns: the value [S]; "" on failure.
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8), DPOP_ERR_JSON (malformed path),
///   DPOP_ERR_NOT_FOUND (no such array, or no match), DPOP_ERR_INVALID_STATE [V]; DPOP_ERR_NOT_FOUND also when the record has no value at
///   `retRelPath`.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_findRecordString(
    handle: HCkJsonObject,
    arrayPath: *const c_char,
    relPath: *const c_char,
    value: *const c_char,
    caseSensitive: c_int,
    retRelPath: *const c_char,
) -> *const c_char {
    super::method_str(handle, "FindRecordString", |doc| {
        doc.find_record_string(
            arg_str(arrayPath, "arrayPath")?,
            arg_str(relPath, "relPath")?,
            arg_str(value, "value")?,
            caseSensitive != 0,
            arg_str(retRelPath, "retRelPath")?,
        )
    })
}

/// Property Size: the number of members (0 for a view whose object was removed [V]).
///
/// Returns: the count; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_getSize(handle: HCkJsonObject) -> c_int {
    super::get(handle, 0, |doc| c_int::try_from(doc.size()).unwrap_or(c_int::MAX))
}

/// Property EmitCompact: 1 (the default) for compact output, 0 for two-space indented output.
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_getEmitCompact(handle: HCkJsonObject) -> c_int {
    super::get(handle, 0, |doc| doc.emit_compact.into())
}

/// Sets property EmitCompact (non-zero: compact).
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_putEmitCompact(handle: HCkJsonObject, newVal: c_int) {
    super::put(handle, "EmitCompact", |doc| {
        doc.emit_compact = newVal != 0;
        Ok(())
    })
}

/// Property EmitCrLf: 1 (the default, on every platform) for CRLF line breaks in indented
/// output, 0 for LF.
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_getEmitCrLf(handle: HCkJsonObject) -> c_int {
    super::get(handle, 0, |doc| doc.emit_crlf.into())
}

/// Sets property EmitCrLf (non-zero: CRLF).
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_putEmitCrLf(handle: HCkJsonObject, newVal: c_int) {
    super::put(handle, "EmitCrLf", |doc| {
        doc.emit_crlf = newVal != 0;
        Ok(())
    })
}

/// Property I: the index that `[i]` in a path stands for (default 0; a negative value is past
/// the end of any array).
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_getI(handle: HCkJsonObject) -> c_int {
    super::get(handle, 0, |doc| doc.i)
}

/// Sets property I.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_putI(handle: HCkJsonObject, newVal: c_int) {
    super::put(handle, "I", |doc| {
        doc.i = newVal;
        Ok(())
    })
}

/// Property J: the index that `[j]` in a path stands for, as I.
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_getJ(handle: HCkJsonObject) -> c_int {
    super::get(handle, 0, |doc| doc.j)
}

/// Sets property J.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_putJ(handle: HCkJsonObject, newVal: c_int) {
    super::put(handle, "J", |doc| {
        doc.j = newVal;
        Ok(())
    })
}

/// Property K: the index that `[k]` in a path stands for, as I.
///
/// Returns: the value; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_getK(handle: HCkJsonObject) -> c_int {
    super::get(handle, 0, |doc| doc.k)
}

/// Sets property K.
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkJsonObject_putK(handle: HCkJsonObject, newVal: c_int) {
    super::put(handle, "K", |doc| {
        doc.k = newVal;
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
