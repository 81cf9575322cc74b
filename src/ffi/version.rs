//! The library's version, as macros for the compiler and a function for the library loaded at
//! run time (they differ when a program runs against another build than it was compiled with).

use std::ffi::{c_char, c_int};

/// Major version: changes when the ABI changes incompatibly (the SONAME is libdpop.so.MAJOR).
pub const DPOP_VERSION_MAJOR: c_int = 0;
/// Minor version: new functions, compatible.
pub const DPOP_VERSION_MINOR: c_int = 1;
/// Patch version: fixes only.
pub const DPOP_VERSION_PATCH: c_int = 0;

/// The version of the loaded library, "MAJOR.MINOR.PATCH" (e.g. "0.1.0").
///
/// Returns: a static string, valid for the life of the process; never NULL.
/// Fails: never.
/// Blocks: no.
#[no_mangle]
pub extern "C" fn dpop_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macros_and_function_agree_with_the_crate_version() {
        let expected = format!("{DPOP_VERSION_MAJOR}.{DPOP_VERSION_MINOR}.{DPOP_VERSION_PATCH}");
        assert_eq!(expected, env!("CARGO_PKG_VERSION"));
        // SAFETY: dpop_version returns a static NUL-terminated string.
        let reported = unsafe { std::ffi::CStr::from_ptr(dpop_version()) }.to_str().unwrap();
        assert_eq!(reported, expected);
    }
}
