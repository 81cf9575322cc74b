//! The C boundary. Every exported function converts its arguments, calls one method of a plain
//! Rust object through one of the helpers here, and converts the result. The helpers
//! (1) catch panics so no unwind crosses into C, (2) look the handle up in the registry of live
//! handles, so a NULL, disposed, foreign or garbage handle is a harmless failure that never touches
//! memory, (3) serialize calls on one handle with its mutex, and (4) record `LastMethodSuccess`,
//! `LastErrorCode` and `LastErrorText` the way sqlite3 records its last error.
//!
//! Handles are numbers handed out by the registry, not addresses: a disposed handle's number is
//! never given to a new object, so it cannot alias one. The registry holds each object in an
//! `Arc`, and a call holds its own reference while it runs, so even a Dispose from another thread
//! during a call frees nothing the call still uses.
//!
//! Returned strings live in the handle and stay valid until the next call on the same handle that
//! returns a string, or its Dispose; `lastErrorText` has a buffer of its own. String functions
//! never return NULL: on failure they return "" and set `LastMethodSuccess = 0`.

pub mod error_code;
// Function and parameter names are Chilkat's C API names, not Rust's style.
#[allow(non_snake_case)]
pub mod global;
#[allow(non_snake_case)]
pub mod http;
#[allow(non_snake_case)]
pub mod http_request;
#[allow(non_snake_case)]
pub mod http_response;
#[allow(non_snake_case)]
pub mod json_array;
#[allow(non_snake_case)]
pub mod json_object;
#[allow(non_snake_case)]
pub mod private_key;
mod registry;
#[allow(non_snake_case)]
pub mod rest;
#[allow(non_snake_case)]
pub mod string_builder;
pub mod version;

use crate::error::{Error, ErrorKind, Result};
use crate::quiet_panics;
use crate::redact::clip;
use registry::Handle;
use std::ffi::{c_char, c_int, CStr, CString};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// Returned by string functions when there is nothing better to return (failure).
const EMPTY: &CStr = c"";

/// LastErrorText is cut to this many characters (with "...").
const MAX_ERROR_TEXT_CHARS: usize = 4096;

/// What `lastErrorText` returns for a handle the registry does not know.
const INVALID_HANDLE_TEXT: &CStr = c"invalid handle: NULL, already disposed, or not a handle of this class";

/// Ties an exported opaque handle type (`CkHttp`, ...) to the Rust object it stands for.
pub trait CkClass: 'static {
    type Inner: Send + 'static;
    /// Class name used in error messages, e.g. "Http".
    const CLASS: &'static str;
    /// The class's place in the lock order. A call locks its object, and may then lock argument
    /// objects of lower levels only, so two threads can never each hold what the other waits for:
    /// Global, Http, Rest 4 > HttpRequest, HttpResponse 3 > JsonObject, JsonArray 2 >
    /// StringBuilder, PrivateKey 1. `arg_object` refuses anything else.
    const LOCK_LEVEL: u8;
}

/// Ties the exported opaque handle type `$ck` to the Rust object `$inner`. The type itself is
/// declared next to it, in plain sight of cbindgen (which does not expand macros), as
/// `pub struct CkX { _opaque: [u8; 0] }`: never constructed, since a handle is a number the
/// registry hands out, not an address.
macro_rules! ck_class {
    ($ck:ident, $inner:ty, $class:literal, $lock_level:literal) => {
        impl $crate::ffi::CkClass for $ck {
            type Inner = $inner;
            const CLASS: &'static str = $class;
            const LOCK_LEVEL: u8 = $lock_level;
        }
    };
}
pub(crate) use ck_class;

/// Per-handle bookkeeping around the plain Rust object.
pub struct State<T> {
    pub obj: T,
    last_error: String,
    last_code: c_int,
    last_success: bool,
    /// The string returned last (by anything but lastErrorText).
    returned: CString,
    /// The string lastErrorText returned last.
    error_returned: CString,
}

/// Registers a new object; the caller owns the handle and frees it with the matching Dispose.
pub(crate) fn create<C: CkClass>(inner: C::Inner) -> *mut C {
    guard(std::ptr::null_mut(), || {
        registry::insert(State {
            obj: inner,
            last_error: String::new(),
            last_code: 0,
            last_success: true,
            returned: CString::default(),
            error_returned: CString::default(),
        })
        .cast()
    })
}

/// Frees an object. NULL, unknown handles, handles of another class and second Disposes are ignored.
pub(crate) fn dispose<C: CkClass>(h: *mut C) {
    guard((), || {
        // Dropped here, outside the registry's lock; calls still running keep their own reference.
        drop(registry::remove::<State<C::Inner>>(h.cast()));
    })
}

/// Runs `f` and turns a panic into `fallback`.
fn guard<R>(fallback: R, f: impl FnOnce() -> R) -> R {
    catch_quietly(f).unwrap_or(fallback)
}

/// Runs `f`, catching a panic, with [`quiet_panic_hook`] in charge of what the panic prints.
fn catch_quietly<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    quiet_panic_hook();
    catch_unwind(AssertUnwindSafe(|| quiet_panics::quietly(f)))
}

/// Formatted panic messages can quote the data being worked on (a str slicing panic quotes the
/// string), which may be a secret. So only a panic's location reaches stderr, and only a
/// literal (`&'static str`) message reaches LastErrorText. The hook must not panic itself (that
/// aborts the host process): `eprintln!` would when stderr is closed or a broken pipe, as for a
/// host that ignores SIGPIPE, so a failed write is ignored. Any other panic than the library's
/// ([`quiet_panics`]; a Rust program that links the crate) goes to the hook that was there before.
fn quiet_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !quiet_panics::are_quiet() {
                return previous(info);
            }
            let location = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let _ = writeln!(
                std::io::stderr(),
                "libdpop: internal error{location} (reported to the caller as LastErrorText)"
            );
        }))
    });
}

/// The error a panic becomes: only a literal message is quoted.
fn panic_error(payload: &(dyn std::any::Any + Send)) -> Error {
    let detail = payload
        .downcast_ref::<&'static str>()
        .copied()
        .unwrap_or("no details, they may contain data");
    internal_error(detail)
}

/// A failure that only a bug in libdpop can cause.
fn internal_error(detail: &str) -> Error {
    Error::new(
        ErrorKind::Internal,
        format!("internal error (a bug in libdpop, please report it): {detail}"),
    )
}

thread_local! {
    /// The lock level of the object this thread locked last, 0 when it holds none.
    static LOCK_LEVEL_HELD: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

/// Runs `f` while this thread holds an object of lock level `level`.
fn holding<R>(level: u8, f: impl FnOnce() -> R) -> R {
    struct Restore(u8);
    impl Drop for Restore {
        fn drop(&mut self) {
            LOCK_LEVEL_HELD.with(|held| held.set(self.0));
        }
    }
    let _restore = Restore(LOCK_LEVEL_HELD.with(|held| held.replace(level)));
    f()
}

fn resolve<C: CkClass>(h: *const C) -> Option<Arc<Handle<State<C::Inner>>>> {
    guard(None, || registry::get(h.cast()))
}

/// Runs `f` with the locked state of `h`; `fallback` for unknown handles and panics.
/// A panic inside `f` is recorded as the handle's last error.
fn with_state<C: CkClass, R>(h: *const C, fallback: R, f: impl FnOnce(&mut State<C::Inner>) -> R) -> R {
    let Some(handle) = resolve(h) else { return fallback };
    let outcome = catch_quietly(|| handle.with_locked(|state| holding(C::LOCK_LEVEL, || f(state))));
    match outcome {
        Ok(r) => r,
        Err(payload) => {
            let error = panic_error(&*payload);
            guard((), || {
                handle.with_locked(|state| state.record::<()>(Err(error)));
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
                self.last_code = 0;
                self.last_error.clear();
                Some(r)
            }
            Err(e) => {
                self.last_success = false;
                self.last_code = e.kind().code();
                // Messages quote arguments (a path, a curve name); a caller passing megabytes
                // should not get megabytes back.
                self.last_error = clip(e.message(), MAX_ERROR_TEXT_CHARS);
                None
            }
        }
    }

    fn hold(&mut self, s: String) -> *const c_char {
        hold_in(&mut self.returned, s)
    }
}

/// Moves `s` into `slot` as a C string and returns its address. The string may be a private JWK
/// or an AuthToken with secrets: it is copied into a buffer that CString can take without
/// reallocating (one byte spare for the NUL), so no copy is freed unwiped, and the original and
/// the slot's previous string are wiped. C sees the text up to the first NUL anyway; cut there
/// rather than fail.
fn hold_in(slot: &mut CString, s: String) -> *const c_char {
    let s = zeroize::Zeroizing::new(s);
    let text = s.as_bytes().split(|&b| b == 0).next().unwrap_or_default();
    let mut bytes = Vec::with_capacity(text.len() + 1);
    bytes.extend_from_slice(text);
    let held = CString::new(bytes).unwrap_or_default();
    zeroize::Zeroizing::new(std::mem::replace(slot, held).into_bytes());
    slot.as_ptr()
}

impl<T> Drop for State<T> {
    fn drop(&mut self) {
        for held in [&mut self.returned, &mut self.error_returned] {
            zeroize::Zeroizing::new(std::mem::take(held).into_bytes());
        }
    }
}

fn method_context<C: CkClass>(method: &str) -> String {
    format!("{}.{method}", C::CLASS)
}

/// A Chilkat method returning BOOL: sets LastMethodSuccess, LastErrorCode and LastErrorText.
pub(crate) fn method_bool<C: CkClass>(h: *const C, method: &str, f: impl FnOnce(&mut C::Inner) -> Result<()>) -> c_int {
    with_state(h, 0, |st| {
        let result = f(&mut st.obj).map_err(|e| e.context(method_context::<C>(method)));
        st.record(result).is_some() as c_int
    })
}

/// A Chilkat method returning a string ("" on failure).
pub(crate) fn method_str<C: CkClass>(h: *const C, method: &str, f: impl FnOnce(&mut C::Inner) -> Result<String>) -> *const c_char {
    with_state(h, EMPTY.as_ptr(), |st| {
        let result = f(&mut st.obj).map_err(|e| e.context(method_context::<C>(method)));
        let s = st.record(result).unwrap_or_default();
        st.hold(s)
    })
}

/// A Chilkat method returning a string that returns `on_failure(object)` instead of "" when it
/// fails (QuickGetStr returns the body of an error status, as Chilkat does).
pub(crate) fn method_str_or<C: CkClass>(
    h: *const C,
    method: &str,
    f: impl FnOnce(&mut C::Inner) -> Result<String>,
    on_failure: impl FnOnce(&C::Inner) -> String,
) -> *const c_char {
    with_state(h, EMPTY.as_ptr(), |st| {
        let result = f(&mut st.obj).map_err(|e| e.context(method_context::<C>(method)));
        let s = match st.record(result) {
            Some(s) => s,
            None => on_failure(&st.obj),
        };
        st.hold(s)
    })
}

/// A Chilkat method returning a value (e.g. an int or a new handle); `fallback` on failure.
pub(crate) fn method_value<C: CkClass, R>(h: *const C, method: &str, fallback: R, f: impl FnOnce(&mut C::Inner) -> Result<R>) -> R {
    with_state(h, None, |st| {
        let result = f(&mut st.obj).map_err(|e| e.context(method_context::<C>(method)));
        st.record(result)
    })
    .unwrap_or(fallback)
}

/// A property getter: does not touch LastMethodSuccess.
pub(crate) fn get<C: CkClass, R>(h: *const C, fallback: R, f: impl FnOnce(&C::Inner) -> R) -> R {
    with_state(h, fallback, |st| f(&st.obj))
}

/// A string property getter: does not touch LastMethodSuccess.
pub(crate) fn get_str<C: CkClass>(h: *const C, f: impl FnOnce(&C::Inner) -> String) -> *const c_char {
    with_state(h, EMPTY.as_ptr(), |st| {
        let s = f(&st.obj);
        st.hold(s)
    })
}

/// A property setter, or a method returning void. A bad value fails like a method would
/// (LastMethodSuccess 0); success leaves LastMethodSuccess, LastErrorCode and LastErrorText as the
/// last method left them, as Chilkat does, so that setting a property between a failed call and
/// the reading of its error does not erase it.
pub(crate) fn put<C: CkClass>(h: *const C, property: &str, f: impl FnOnce(&mut C::Inner) -> Result<()>) {
    with_state(h, (), |st| {
        if let Err(e) = f(&mut st.obj) {
            st.record::<()>(Err(e.context(method_context::<C>(property))));
        }
    })
}

/// A string property setter (as `put`): `value` is checked (NULL, invalid UTF-8) before `f` sees it.
pub(crate) fn put_str<C: CkClass>(h: *const C, property: &str, value: *const c_char, f: impl FnOnce(&mut C::Inner, &str) -> Result<()>) {
    put(h, property, |obj| f(obj, arg_str(value, "newVal")?));
}

/// LastErrorText, in a buffer of its own so that reading it leaves the string returned before
/// valid; reading it again without a new error returns the same pointer. An unknown handle gets a
/// static text saying so.
pub(crate) fn last_error_text<C: CkClass>(h: *const C) -> *const c_char {
    with_state(h, INVALID_HANDLE_TEXT.as_ptr(), |st| {
        if st.error_returned.as_bytes() == st.last_error.as_bytes() {
            return st.error_returned.as_ptr();
        }
        let text = st.last_error.clone();
        hold_in(&mut st.error_returned, text)
    })
}

/// LastMethodSuccess; 0 for an unknown handle.
pub(crate) fn last_method_success<C: CkClass>(h: *const C) -> c_int {
    with_state(h, 0, |st| st.last_success as c_int)
}

/// LastErrorCode (`DPOP_ERR_*`); `DPOP_ERR_INVALID_HANDLE` for an unknown handle.
pub(crate) fn last_error_code<C: CkClass>(h: *const C) -> c_int {
    with_state(h, ErrorKind::InvalidHandle.code(), |st| st.last_code)
}

/// Borrows a string argument. NULL and invalid UTF-8 are errors naming the argument.
pub(crate) fn arg_str<'a>(p: *const c_char, name: &str) -> Result<&'a str> {
    if p.is_null() {
        return Err(Error::new(ErrorKind::InvalidArgument, format!("argument '{name}' is NULL")));
    }
    // SAFETY: the caller passes a NUL-terminated string that outlives this call.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("argument '{name}' is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
    })
}

/// Runs `f` on the object behind another handle argument (the key given to SetDPoPKey, the
/// StringBuilder given to EmitSb). The object the method was called on may not be passed as its
/// own argument. Locks it while the method's object stays locked: only in the order of
/// [`CkClass::LOCK_LEVEL`].
pub(crate) fn arg_object<C: CkClass, R>(h: *const C, name: &str, f: impl FnOnce(&mut C::Inner) -> Result<R>) -> Result<R> {
    let handle = resolve(h).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("argument '{name}' is NULL, disposed or not a {} handle", C::CLASS),
        )
    })?;
    if handle.is_locked_by_this_thread() {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("argument '{name}' is the object the method was called on"),
        ));
    }
    let held = LOCK_LEVEL_HELD.with(|held| held.get());
    if held != 0 && C::LOCK_LEVEL >= held {
        return Err(internal_error(&format!("a {} argument locked out of order", C::CLASS)));
    }
    handle.with_locked(|state| holding(C::LOCK_LEVEL, || f(&mut state.obj)))
}

/// The number of live handles (all classes), for leak checks in tests.
pub fn live_handles() -> usize {
    registry::len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::json_object::{CkJsonObject, CkJsonObject_Create, CkJsonObject_Dispose};
    use crate::ffi::private_key::{CkPrivateKey, CkPrivateKey_Create, CkPrivateKey_Dispose};
    use crate::ffi::string_builder::{CkStringBuilder, CkStringBuilder_Create, CkStringBuilder_Dispose};

    fn text(p: *const c_char) -> String {
        // SAFETY: the functions under test return NUL-terminated strings that live at least
        // until the next call on the handle.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }

    fn last_error<C: CkClass>(h: *const C) -> String {
        text(last_error_text(h))
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
        assert_eq!(last_error_code(h), ErrorKind::Internal.code());
        let message = last_error(h);
        assert!(message.contains("internal error (a bug in libdpop"), "{message}");
        assert!(!message.contains(secret), "{message}");

        let returned = method_str(h, "Boom", |_| -> Result<String> { panic!("a literal message") });
        assert_eq!(text(returned), "");
        assert!(last_error(h).ends_with("a literal message"), "{}", last_error(h));

        // The handle still works after both panics.
        assert_eq!(method_bool(h, "Fine", |_| Ok(())), 1);
        assert_eq!(last_error_code(h), 0);
        CkJsonObject_Dispose(h);
    }

    /// Set in the environment of a test's child process (the tests run by another test).
    const CHILD: &str = "DPOP_TEST_FFI_CHILD";

    /// This test binary running only the ignored test `test` of this module, as a child process.
    fn child(test: &str) -> std::process::Command {
        let mut command = std::process::Command::new(std::env::current_exe().unwrap());
        command
            .args(["--ignored", "--exact", "--nocapture", &format!("ffi::tests::{test}")])
            .env(CHILD, "1");
        command
    }

    /// True in a child process of [`child`]; a test run with --ignored, not as a child, does nothing.
    fn is_child() -> bool {
        std::env::var_os(CHILD).is_some()
    }

    #[test]
    fn a_panic_with_stderr_a_broken_pipe_is_still_an_error_not_an_abort() {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader); // every write to the child's stderr now fails (EPIPE; SIGPIPE is ignored)
        let output = child("panic_with_a_broken_stderr").stderr(writer).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{:?}: {stdout}", output.status);
        assert!(stdout.contains("1 passed"), "{stdout}");
    }

    /// Run by the test above in a process of its own, with a broken stderr.
    #[test]
    #[ignore = "run by a_panic_with_stderr_a_broken_pipe_is_still_an_error_not_an_abort"]
    fn panic_with_a_broken_stderr() {
        if !is_child() {
            return;
        }
        let h = CkJsonObject_Create();
        assert_eq!(method_bool(h, "Boom", |_| -> Result<()> { panic!("a literal message") }), 0);
        assert_eq!(last_error_code(h), ErrorKind::Internal.code());
        CkJsonObject_Dispose(h);
    }

    #[test]
    fn only_a_panic_inside_an_abi_call_is_quieted() {
        let output = child("panics_inside_and_outside_an_abi_call").output().unwrap();
        let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success() && stdout.contains("1 passed"), "{stdout}\n{stderr}");
        assert!(stderr.contains("libdpop: internal error at src/ffi/mod.rs:"), "{stderr}");
        assert!(
            !stderr.contains("inside-9f8e7d"),
            "an ABI call's panic text is not printed: {stderr}"
        );
        assert!(
            stderr.contains("outside-1a2b3c"),
            "the program's own panic goes to its hook: {stderr}"
        );
    }

    /// Run by the test above in a process of its own, whose stderr it reads.
    #[test]
    #[ignore = "run by only_a_panic_inside_an_abi_call_is_quieted"]
    fn panics_inside_and_outside_an_abi_call() {
        if !is_child() {
            return;
        }
        let h = CkJsonObject_Create();
        assert_eq!(method_bool(h, "Boom", |_| -> Result<()> { panic!("inside-9f8e7d") }), 0);
        CkJsonObject_Dispose(h);
        assert!(std::panic::catch_unwind(|| panic!("outside-1a2b3c")).is_err());
    }

    #[test]
    fn a_setter_keeps_the_last_error_unless_it_fails_itself() {
        let h = CkJsonObject_Create();
        method_bool(h, "Fail", |_| -> Result<()> { Err(Error::new(ErrorKind::Json, "bad")) });
        put(h, "Fine", |_| Ok(()));
        assert_eq!((last_method_success(h), last_error_code(h)), (0, ErrorKind::Json.code()));
        assert!(last_error(h).ends_with("bad"), "{}", last_error(h));

        put(h, "Bad", |_| Err(Error::new(ErrorKind::InvalidArgument, "bad value")));
        assert_eq!((last_method_success(h), last_error_code(h)), (0, ErrorKind::InvalidArgument.code()));
        assert_eq!(last_error(h), "JsonObject.Bad: bad value");

        method_bool(h, "Succeed", |_| Ok(()));
        put(h, "Fine", |_| Ok(()));
        assert_eq!((last_method_success(h), last_error_code(h), last_error(h)), (1, 0, String::new()));
        CkJsonObject_Dispose(h);
    }

    #[test]
    fn a_huge_error_text_is_clipped() {
        let h = CkJsonObject_Create();
        method_bool(h, "Huge", |_| -> Result<()> {
            Err(Error::new(ErrorKind::InvalidArgument, "x".repeat(1 << 20)))
        });
        assert_eq!(last_error(h).chars().count(), MAX_ERROR_TEXT_CHARS + 3);
        CkJsonObject_Dispose(h);
    }

    #[test]
    fn held_strings_stop_at_the_first_nul() {
        let h = CkJsonObject_Create();
        let returned = method_str(h, "Text", |_| Ok("before\0after".to_string()));
        assert_eq!(text(returned), "before");
        CkJsonObject_Dispose(h);
    }

    #[test]
    fn reading_the_error_text_keeps_the_string_returned_before() {
        let h = CkJsonObject_Create();
        method_bool(h, "Fail", |_| -> Result<()> { Err(Error::new(ErrorKind::Json, "bad")) });
        let returned = method_str(h, "Text", |_| Ok("result".to_string()));
        let error = last_error_text(h);
        assert_eq!(text(returned), "result");
        assert_eq!(text(error), "");
        method_bool(h, "Fail", |_| -> Result<()> { Err(Error::new(ErrorKind::Json, "bad")) });
        let first = last_error_text(h);
        assert_eq!(last_error_text(h), first, "read twice, the same string");
        assert!(text(first).ends_with("bad"), "{}", text(first));
        CkJsonObject_Dispose(h);
    }

    #[test]
    fn disposed_double_disposed_foreign_and_garbage_handles_are_refused() {
        let json = CkJsonObject_Create();
        let key = CkPrivateKey_Create();
        let foreign = key.cast::<CkJsonObject>();
        let garbage = 0x1234_5678usize as *mut CkJsonObject;
        CkJsonObject_Dispose(json);
        CkJsonObject_Dispose(json);
        CkJsonObject_Dispose(foreign); // another class: ignored, the key stays alive
        for h in [json, foreign, garbage, std::ptr::null_mut()] {
            assert_eq!(method_bool(h, "Anything", |_| Ok(())), 0);
            assert_eq!(last_method_success(h), 0);
            assert_eq!(last_error_code(h), ErrorKind::InvalidHandle.code());
            assert!(last_error(h).starts_with("invalid handle"), "{}", last_error(h));
        }
        assert_eq!(method_bool(key, "StillAlive", |_| Ok(())), 1);
        CkPrivateKey_Dispose(key);
        assert_eq!(method_bool::<CkPrivateKey>(key, "Gone", |_| Ok(())), 0);
    }

    #[test]
    fn an_argument_is_locked_only_below_the_objects_lock_level() {
        let (json, sb) = (CkJsonObject_Create(), CkStringBuilder_Create());
        assert_eq!(
            method_bool(json, "Down", |_| arg_object::<CkStringBuilder, _>(sb, "sb", |_| Ok(()))),
            1
        );
        let up = method_bool(sb, "Up", |_| arg_object::<CkJsonObject, _>(json, "json", |_| Ok(())));
        assert_eq!((up, last_error_code(sb)), (0, ErrorKind::Internal.code()));
        assert!(
            last_error(sb).contains("a JsonObject argument locked out of order"),
            "{}",
            last_error(sb)
        );
        let other = CkStringBuilder_Create();
        assert_eq!(
            method_bool(sb, "Level", |_| arg_object::<CkStringBuilder, _>(other, "sb", |_| Ok(()))),
            0
        );
        // The level is released with the lock: the next call starts afresh.
        assert_eq!(
            method_bool(json, "Down", |_| arg_object::<CkStringBuilder, _>(sb, "sb", |_| Ok(()))),
            1
        );
        CkJsonObject_Dispose(json);
        CkStringBuilder_Dispose(sb);
        CkStringBuilder_Dispose(other);
    }

    #[test]
    fn an_object_cannot_be_its_own_argument() {
        let h = CkJsonObject_Create();
        let ok = method_bool(h, "WithItself", |_| arg_object::<CkJsonObject, _>(h, "other", |_| Ok(())));
        assert_eq!(ok, 0);
        assert_eq!(last_error_code(h), ErrorKind::InvalidArgument.code());
        assert!(last_error(h).contains("the object the method was called on"), "{}", last_error(h));
        CkJsonObject_Dispose(h);
    }
}
