//! The C boundary. Every exported function goes through one of the helpers here, which
//! (1) catch panics so no unwind crosses into C, (2) turn NULL, foreign or disposed handles into
//! a harmless failure, (3) serialize calls on one handle with its mutex, and (4) record
//! `LastMethodSuccess` / `LastErrorText` the way sqlite3 records its last error.
//!
//! Returned strings live in the handle (`State::returned`) and stay valid until the next call on
//! the same handle that returns a string, or its Dispose. String functions never return NULL:
//! on failure they return "" and set `LastMethodSuccess = 0`.

// Function and parameter names are Chilkat's C API names, not Rust's style.
#[allow(non_snake_case)]
pub mod http;
#[allow(non_snake_case)]
pub mod http_response;
#[allow(non_snake_case)]
pub mod json_object;
#[allow(non_snake_case)]
pub mod private_key;

use crate::error::{Error, Result};
use std::ffi::{c_char, c_int, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, MutexGuard};

/// Returned by string functions when there is nothing better to return (NULL handle, failure).
const EMPTY: &CStr = c"";

/// Per-handle bookkeeping around the plain Rust object.
pub struct State<T> {
    pub obj: T,
    last_error: String,
    last_success: bool,
    returned: CString,
}

/// What every exported handle type is: a tagged, mutex-protected `State`.
/// The tag lets us refuse a handle of another type (or one already disposed) instead of
/// reinterpreting its memory.
#[repr(C)] // the tag must sit at offset 0 whatever T is, so a foreign handle is read safely
pub struct Handle<T> {
    tag: u64,
    state: Mutex<State<T>>,
}

/// Ties an exported opaque struct (`CkHttp`, ...) to the Rust object it wraps.
pub trait CkObject: Sized {
    type Inner: Default + Send;
    /// Class name used in error messages, e.g. "Http".
    const CLASS: &'static str;
    const TAG: u64;
    fn wrap(handle: Handle<Self::Inner>) -> Self;
    fn handle(&self) -> &Handle<Self::Inner>;
    fn handle_mut(&mut self) -> &mut Handle<Self::Inner>;
}

/// Implements `CkObject` for an exported newtype `pub struct CkX(Handle<X>)`.
macro_rules! ck_object {
    ($ck:ident, $inner:ty, $class:literal, $tag:literal) => {
        // The tag check reads offset 0 of whatever pointer C hands us: keep the tag there.
        const _: () = assert!(std::mem::offset_of!($ck, 0) == 0);
        impl $crate::ffi::CkObject for $ck {
            type Inner = $inner;
            const CLASS: &'static str = $class;
            const TAG: u64 = $tag;
            fn wrap(handle: $crate::ffi::Handle<$inner>) -> Self {
                $ck(handle)
            }
            fn handle(&self) -> &$crate::ffi::Handle<$inner> {
                &self.0
            }
            fn handle_mut(&mut self) -> &mut $crate::ffi::Handle<$inner> {
                &mut self.0
            }
        }
    };
}
pub(crate) use ck_object;

/// Allocates a new object; the caller owns it and frees it with the matching Dispose.
pub(crate) fn create<O: CkObject>(inner: O::Inner) -> *mut O {
    guard(std::ptr::null_mut(), || {
        let state = State {
            obj: inner,
            last_error: String::new(),
            last_success: true,
            returned: CString::default(),
        };
        Box::into_raw(Box::new(O::wrap(Handle {
            tag: O::TAG,
            state: Mutex::new(state),
        })))
    })
}

/// Frees an object. NULL, and handles that are not of this type, are ignored.
pub(crate) fn dispose<O: CkObject>(h: *mut O) {
    guard((), || {
        if resolve(h).is_some() {
            // SAFETY: `resolve` checked the pointer is non-NULL and carries our live tag; it was
            // created by `create` with Box::into_raw. Clearing the tag first makes a second
            // Dispose of the same pointer a no-op as long as the memory is not reused.
            unsafe {
                (*h).handle_mut().tag = 0;
                drop(Box::from_raw(h));
            }
        }
    })
}

fn resolve<'a, O: CkObject>(h: *const O) -> Option<&'a O> {
    // SAFETY: the C caller promises `h` is NULL or a pointer returned by Create; the tag check
    // catches handles of another class and double disposal.
    let obj = unsafe { h.as_ref()? };
    (obj.handle().tag == O::TAG).then_some(obj)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while locked was already reported to the caller; the state is still memory-safe.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `f` and turns a panic into `fallback`.
fn guard<R>(fallback: R, f: impl FnOnce() -> R) -> R {
    quiet_panic_hook();
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// Formatted panic messages can quote the data being worked on (a str slicing panic quotes the
/// string), which may be a secret. So only a panic's location reaches stderr, and only a
/// literal (`&'static str`) message reaches LastErrorText.
fn quiet_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let location = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            eprintln!("libdpop: internal error{location} (reported to the caller as LastErrorText)");
        }))
    });
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&'static str>()
        .copied()
        .unwrap_or("no details, they may contain data");
    format!("internal error (a bug in libdpop, please report it): {detail}")
}

/// Runs `f` with the locked state of `h`; `fallback` for NULL/foreign handles and panics.
/// A panic inside `f` is recorded as the handle's last error.
fn with_state<O: CkObject, R>(h: *const O, fallback: R, f: impl FnOnce(&mut State<O::Inner>) -> R) -> R {
    let Some(obj) = guard(None, || resolve(h)) else { return fallback };
    let mutex = &obj.handle().state;
    match catch_unwind(AssertUnwindSafe(|| f(&mut lock(mutex)))) {
        Ok(r) => r,
        Err(payload) => {
            let message = panic_message(&*payload);
            guard((), || {
                lock(mutex).record::<()>(Err(Error::new(message)));
            });
            fallback
        }
    }
}

impl<T> State<T> {
    fn record<R>(&mut self, result: Result<R>) -> Option<R> {
        match result {
            Ok(r) => {
                self.last_success = true;
                self.last_error.clear();
                Some(r)
            }
            Err(e) => {
                self.last_success = false;
                self.last_error = e.to_string();
                None
            }
        }
    }

    fn hold(&mut self, s: String) -> *const c_char {
        // The string may be a private JWK or an AuthToken with secrets: copy it into a buffer
        // that CString can take without reallocating (one byte spare for the NUL), so no copy
        // is freed unwiped, and wipe the original. C sees the text up to the first NUL anyway;
        // cut there rather than fail.
        let s = zeroize::Zeroizing::new(s);
        let text = s.as_bytes().split(|&b| b == 0).next().unwrap_or_default();
        let mut bytes = Vec::with_capacity(text.len() + 1);
        bytes.extend_from_slice(text);
        let held = CString::new(bytes).unwrap_or_default();
        zeroize::Zeroizing::new(std::mem::replace(&mut self.returned, held).into_bytes());
        self.returned.as_ptr()
    }
}

impl<T> Drop for State<T> {
    fn drop(&mut self) {
        zeroize::Zeroizing::new(std::mem::take(&mut self.returned).into_bytes());
    }
}

fn method_context<O: CkObject>(method: &str) -> String {
    format!("{}.{method}", O::CLASS)
}

/// A Chilkat method returning BOOL: sets LastMethodSuccess and LastErrorText.
pub(crate) fn method_bool<O: CkObject>(h: *const O, method: &str, f: impl FnOnce(&mut O::Inner) -> Result<()>) -> c_int {
    with_state(h, 0, |st| {
        let result = f(&mut st.obj).map_err(|e| e.context(method_context::<O>(method)));
        st.record(result).is_some() as c_int
    })
}

/// A Chilkat method returning a string ("" on failure).
pub(crate) fn method_str<O: CkObject>(h: *const O, method: &str, f: impl FnOnce(&mut O::Inner) -> Result<String>) -> *const c_char {
    with_state(h, EMPTY.as_ptr(), |st| {
        let result = f(&mut st.obj).map_err(|e| e.context(method_context::<O>(method)));
        match st.record(result) {
            Some(s) => st.hold(s),
            None => st.hold(String::new()),
        }
    })
}

/// A Chilkat method returning a value (e.g. an int or a new handle); `fallback` on failure.
pub(crate) fn method_value<O: CkObject, R>(h: *const O, method: &str, fallback: R, f: impl FnOnce(&mut O::Inner) -> Result<R>) -> R {
    with_state(h, None, |st| {
        let result = f(&mut st.obj).map_err(|e| e.context(method_context::<O>(method)));
        st.record(result)
    })
    .unwrap_or(fallback)
}

/// A property getter: does not touch LastMethodSuccess.
pub(crate) fn get<O: CkObject, R>(h: *const O, fallback: R, f: impl FnOnce(&O::Inner) -> R) -> R {
    with_state(h, fallback, |st| f(&st.obj))
}

/// A string property getter: does not touch LastMethodSuccess.
pub(crate) fn get_str<O: CkObject>(h: *const O, f: impl FnOnce(&O::Inner) -> String) -> *const c_char {
    with_state(h, EMPTY.as_ptr(), |st| {
        let s = f(&st.obj);
        st.hold(s)
    })
}

/// A property setter. A bad value fails like a method would (LastMethodSuccess 0).
pub(crate) fn put<O: CkObject>(h: *const O, property: &str, f: impl FnOnce(&mut O::Inner) -> Result<()>) {
    method_bool(h, property, f);
}

/// A string property setter: `value` is checked (NULL, invalid UTF-8) before `f` sees it.
pub(crate) fn put_str<O: CkObject>(h: *const O, property: &str, value: *const c_char, f: impl FnOnce(&mut O::Inner, &str) -> Result<()>) {
    method_bool(h, property, |obj| f(obj, arg_str(value, "newVal")?));
}

pub(crate) fn last_error_text<O: CkObject>(h: *const O) -> *const c_char {
    with_state(h, EMPTY.as_ptr(), |st| {
        let text = st.last_error.clone();
        st.hold(text)
    })
}

pub(crate) fn last_method_success<O: CkObject>(h: *const O) -> c_int {
    with_state(h, 0, |st| st.last_success as c_int)
}

/// Borrows a string argument. NULL and invalid UTF-8 are errors naming the argument.
pub(crate) fn arg_str<'a>(p: *const c_char, name: &str) -> Result<&'a str> {
    if p.is_null() {
        return Err(Error::new(format!("argument '{name}' is NULL")));
    }
    // SAFETY: the caller passes a NUL-terminated string that outlives this call.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| {
        Error::new(format!(
            "argument '{name}' is not valid UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })
}

/// Runs `f` on the object behind another handle argument (e.g. the key given to SetDPoPKey).
pub(crate) fn arg_object<O: CkObject, R>(h: *const O, name: &str, f: impl FnOnce(&O::Inner) -> Result<R>) -> Result<R> {
    let obj = resolve(h).ok_or_else(|| Error::new(format!("argument '{name}' is NULL or not a {} handle", O::CLASS)))?;
    f(&lock(&obj.handle().state).obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::json_object::{CkJsonObject, CkJsonObject_Create, CkJsonObject_Dispose};

    fn last_error(h: *const CkJsonObject) -> String {
        // SAFETY: lastErrorText returns a NUL-terminated string owned by the live handle.
        unsafe { CStr::from_ptr(last_error_text(h)) }.to_string_lossy().into_owned()
    }

    #[test]
    fn a_panic_becomes_an_error_without_the_data_it_quoted() {
        let h = CkJsonObject_Create();
        let secret = "client-secret-9f8e7d";
        let ok = method_bool(h, "Boom", |_| -> Result<()> {
            panic!("byte index 3 is not a char boundary of `{secret}`")
        });
        assert_eq!(ok, 0);
        assert_eq!(last_method_success(h), 0);
        let text = last_error(h);
        assert!(text.contains("internal error (a bug in libdpop"), "{text}");
        assert!(!text.contains(secret), "{text}");

        let returned = method_str(h, "Boom", |_| -> Result<String> { panic!("a literal message") });
        // SAFETY: string functions never return NULL; "" lives in the handle or is static.
        assert_eq!(unsafe { CStr::from_ptr(returned) }.to_bytes(), b"");
        assert!(last_error(h).ends_with("a literal message"), "{}", last_error(h));

        // The handle still works after both panics.
        assert_eq!(method_bool(h, "Fine", |_| Ok(())), 1);
        CkJsonObject_Dispose(h);
    }

    #[test]
    fn held_strings_stop_at_the_first_nul() {
        let h = CkJsonObject_Create();
        let returned = method_str(h, "Text", |_| Ok("before\0after".to_string()));
        // SAFETY: as above.
        assert_eq!(unsafe { CStr::from_ptr(returned) }.to_bytes(), b"before");
        CkJsonObject_Dispose(h);
    }
}
