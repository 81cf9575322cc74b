//! `CkGlobal_*`: Chilkat's Global object, for the `UnlockBundle` call nearly every Chilkat program
//! starts with. libdpop has nothing to unlock.

use super::{arg_str, ck_class};
use crate::global::Global;
use std::ffi::{c_char, c_int};

/// Library-wide settings. Create with `CkGlobal_Create`, free with `CkGlobal_Dispose`.
pub struct CkGlobal {
    _opaque: [u8; 0],
}
ck_class!(CkGlobal, Global, "Global", 4);

/// Handle to a `CkGlobal`.
pub type HCkGlobal = *mut CkGlobal;

/// Creates a Global object.
///
/// Returns: a new handle owned by the caller [H]; NULL only if memory ran out.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkGlobal_Create() -> HCkGlobal {
    super::create(Global)
}

/// Frees the object.
///
/// Returns: nothing. NULL, unknown and already disposed handles are ignored [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkGlobal_Dispose(handle: HCkGlobal) {
    super::dispose(handle)
}

/// Accepts any unlock code: libdpop is free software with nothing to unlock.
///
/// Returns: 1 on success, 0 on failure [E].
/// Fails: DPOP_ERR_INVALID_ARGUMENT (NULL, invalid UTF-8).
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkGlobal_UnlockBundle(handle: HCkGlobal, bundleUnlockCode: *const c_char) -> c_int {
    super::method_bool(handle, "UnlockBundle", |global| {
        arg_str(bundleUnlockCode, "bundleUnlockCode").map(|code| global.unlock_bundle(code))
    })
}

/// Property UnlockStatus: always 2, Chilkat's "unlocked with a purchased code".
///
/// Returns: 2; 0 for an invalid handle [H].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkGlobal_getUnlockStatus(handle: HCkGlobal) -> c_int {
    super::get(handle, 0, |global| global.unlock_status())
}

/// Property Version: libdpop's version ("MAJOR.MINOR.PATCH"), not Chilkat's.
///
/// Returns: the version [S].
/// Fails: only [H].
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkGlobal_version(handle: HCkGlobal) -> *const c_char {
    super::get_str(handle, |global| global.version().to_owned())
}

/// Property LastMethodSuccess [E].
///
/// Returns: 1 if the last method call succeeded; 0 if it failed, or for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkGlobal_getLastMethodSuccess(handle: HCkGlobal) -> c_int {
    super::last_method_success(handle)
}

/// Extension property LastErrorCode [E].
///
/// Returns: DPOP_OK or a DPOP_ERR_* code; DPOP_ERR_INVALID_HANDLE for an invalid handle [H].
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkGlobal_getLastErrorCode(handle: HCkGlobal) -> c_int {
    super::last_error_code(handle)
}

/// Property LastErrorText [E].
///
/// Returns: the text [S], in a buffer of its own; "" after a success.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn CkGlobal_lastErrorText(handle: HCkGlobal) -> *const c_char {
    super::last_error_text(handle)
}
