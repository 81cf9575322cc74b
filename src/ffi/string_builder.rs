//! `CkStringBuilder_*`: the Chilkat StringBuilder (the methods REST scripts use).

use super::{arg_object, arg_str, ck_class};
use crate::error::Result;
use crate::text::StringBuilder;
use std::ffi::{c_char, c_int};
use zeroize::Zeroizing;

/// Mutable text. Create with `CkStringBuilder_Create`, free with `CkStringBuilder_Dispose`
/// (the text is wiped from memory).
pub struct CkStringBuilder {
    _opaque: [u8; 0],
}
ck_class!(CkStringBuilder, StringBuilder, "StringBuilder", 1);

/// The text of a StringBuilder passed as an argument (a request body, a JSON document), as a copy
/// that is wiped when dropped: it may hold a client secret or a token response.
pub(crate) fn text_of(sb: *const CkStringBuilder, name: &str) -> Result<Zeroizing<String>> {
    arg_object::<CkStringBuilder, _>(sb, name, |sb| Ok(Zeroizing::new(sb.as_str().to_owned())))
}

/// Handle to a `CkStringBuilder`.
pub type HCkStringBuilder = *mut CkStringBuilder;

/// Creates an empty StringBuilder.
///
/// Returns: a new handle owned by the caller [H]; NULL only if memory ran out.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_Create() -> HCkStringBuilder {
    super::create(StringBuilder::default())
}

/// Frees the object and wipes its text; every string it returned becomes invalid.
///
/// Returns: nothing. NULL, unknown and already disposed handles are ignored [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_Dispose(handle: HCkStringBuilder) {
    super::dispose(handle)
}

/// Appends `value`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_Append(handle: HCkStringBuilder, value: *const c_char) -> c_int {
    super::method_bool(handle, "Append", |sb| arg_str(value, "value").map(|text| sb.append(text)))
}

/// Appends the decimal text of `value`.
///
/// Returns: 1 [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_AppendInt(handle: HCkStringBuilder, value: c_int) -> c_int {
    super::method_bool(handle, "AppendInt", |sb| {
        sb.append_int(value);
        Ok(())
    })
}

/// Appends `value` and a line break: CRLF if `crlf` is non-zero, else LF.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_AppendLine(handle: HCkStringBuilder, value: *const c_char, crlf: c_int) -> c_int {
    super::method_bool(handle, "AppendLine", |sb| {
        arg_str(value, "value").map(|text| sb.append_line(text, crlf != 0))
    })
}

/// Inserts `value` at the start.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_Prepend(handle: HCkStringBuilder, value: *const c_char) -> c_int {
    super::method_bool(handle, "Prepend", |sb| arg_str(value, "value").map(|text| sb.prepend(text)))
}

/// Replaces the content with `value`.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_SetString(handle: HCkStringBuilder, value: *const c_char) -> c_int {
    super::method_bool(handle, "SetString", |sb| arg_str(value, "value").map(|text| sb.set_string(text)))
}

/// The content.
///
/// Returns: the text [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_getAsString(handle: HCkStringBuilder) -> *const c_char {
    super::method_str(handle, "GetAsString", |sb| Ok(sb.as_str().to_owned()))
}

/// Empties the content (and wipes it from memory).
///
/// Returns: nothing; leaves the last error as it was [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_Clear(handle: HCkStringBuilder) {
    super::put(handle, "Clear", |sb| {
        sb.clear();
        Ok(())
    })
}

/// Whether the content contains `str`; letters match in either case unless `caseSensitive` is
/// non-zero. The empty string is always contained.
///
/// Returns: 1 if so; 0 if not or on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_Contains(handle: HCkStringBuilder, str: *const c_char, caseSensitive: c_int) -> c_int {
    super::method_value(handle, "Contains", 0, |sb| {
        Ok(sb.contains(arg_str(str, "str")?, caseSensitive != 0).into())
    })
}

/// Whether the content starts with `substr`, as `CkStringBuilder_Contains` compares.
///
/// Returns: 1 if so; 0 if not or on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_StartsWith(handle: HCkStringBuilder, substr: *const c_char, caseSensitive: c_int) -> c_int {
    super::method_value(handle, "StartsWith", 0, |sb| {
        Ok(sb.starts_with(arg_str(substr, "substr")?, caseSensitive != 0).into())
    })
}

/// Whether the content ends with `substr`, as `CkStringBuilder_Contains` compares.
///
/// Returns: 1 if so; 0 if not or on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_EndsWith(handle: HCkStringBuilder, substr: *const c_char, caseSensitive: c_int) -> c_int {
    super::method_value(handle, "EndsWith", 0, |sb| {
        Ok(sb.ends_with(arg_str(substr, "substr")?, caseSensitive != 0).into())
    })
}

/// Replaces every occurrence of `value` with `replacement`.
///
/// Returns: the number of occurrences replaced (0 for an empty `value`); 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_Replace(handle: HCkStringBuilder, value: *const c_char, replacement: *const c_char) -> c_int {
    super::method_value(handle, "Replace", 0, |sb| {
        let count = sb.replace(arg_str(value, "value")?, arg_str(replacement, "replacement")?);
        Ok(c_int::try_from(count).unwrap_or(c_int::MAX))
    })
}

/// Lower-cases the content (each character that has a one-character lower case).
///
/// Returns: 1 [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_ToLowercase(handle: HCkStringBuilder) -> c_int {
    super::method_bool(handle, "ToLowercase", |sb| {
        sb.to_lowercase();
        Ok(())
    })
}

/// Upper-cases the content (each character that has a one-character upper case: "ß" stays).
///
/// Returns: 1 [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_ToUppercase(handle: HCkStringBuilder) -> c_int {
    super::method_bool(handle, "ToUppercase", |sb| {
        sb.to_uppercase();
        Ok(())
    })
}

/// Removes whitespace (spaces, tabs, line breaks) at both ends.
///
/// Returns: 1 [E].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_Trim(handle: HCkStringBuilder) -> c_int {
    super::method_bool(handle, "Trim", |sb| {
        sb.trim();
        Ok(())
    })
}

/// Replaces the content with the file at `path` decoded from `charset` ("utf-8", "utf-16",
/// "utf-16be", "windows-1252" or "iso-8859-1", "us-ascii"; "" is utf-8). A byte-order mark
/// overrides `charset`. On failure the old content is kept.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, an unsupported charset), DPOP_ERR_IO
///   (the file cannot be read, is not a regular file, is larger than 64 MiB, or is not valid in
///   `charset`).
/// Blocks: no network; reads the file.
#[no_mangle]
pub extern "C" fn CkStringBuilder_LoadFile(handle: HCkStringBuilder, path: *const c_char, charset: *const c_char) -> c_int {
    super::method_bool(handle, "LoadFile", |sb| {
        sb.load_file(arg_str(path, "path")?, arg_str(charset, "charset")?)
    })
}

/// Writes the content to the file at `path` encoded in `charset` (as `CkStringBuilder_LoadFile`),
/// with a byte-order mark if `emitBom` is non-zero (UTF-8 and UTF-16 only), replacing the file.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8, an unsupported charset, text the
///   charset cannot hold), DPOP_ERR_IO.
/// Blocks: no network; writes the file.
#[no_mangle]
pub extern "C" fn CkStringBuilder_WriteFile(
    handle: HCkStringBuilder,
    path: *const c_char,
    charset: *const c_char,
    emitBom: c_int,
) -> c_int {
    super::method_bool(handle, "WriteFile", |sb| {
        sb.write_file(arg_str(path, "path")?, arg_str(charset, "charset")?, emitBom != 0)
    })
}

/// Property Length: the number of characters, counted in UTF-16 code units as Chilkat does.
///
/// Returns: the length; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_getLength(handle: HCkStringBuilder) -> c_int {
    super::get(handle, 0, |sb| c_int::try_from(sb.length()).unwrap_or(c_int::MAX))
}

/// Property LastMethodSuccess [E].
///
/// Returns: 1 if the last method call succeeded; 0 if it failed, or for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_getLastMethodSuccess(handle: HCkStringBuilder) -> c_int {
    super::last_method_success(handle)
}

/// Extension property LastErrorCode [E].
///
/// Returns: DPOP_OK or a DPOP_ERR_* code; DPOP_ERR_INVALID_HANDLE for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_getLastErrorCode(handle: HCkStringBuilder) -> c_int {
    super::last_error_code(handle)
}

/// Property LastErrorText [E].
///
/// Returns: the text [S], in a buffer of its own; "" after a success.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkStringBuilder_lastErrorText(handle: HCkStringBuilder) -> *const c_char {
    super::last_error_text(handle)
}
