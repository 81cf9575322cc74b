//! The process-wide registry of live handles. A handle is a number, handed out once and never
//! again, that C sees as an opaque pointer; every call looks it up here before anything else, so
//! a NULL, disposed, double-disposed, foreign or garbage handle is simply not found, and no call
//! ever reads memory through a pointer the caller gave it.

use crate::sync::lock;
use once_cell::sync::Lazy;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::c_void;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};

/// A registered object: its state behind the mutex that serializes calls on it.
pub(super) struct Handle<T> {
    id: usize,
    state: Mutex<T>,
}

type Entry = Arc<dyn Any + Send + Sync>;

/// Handles are spaced by this, so that they look like aligned pointers to C code that checks.
const SPACING: usize = 8;

static NEXT: AtomicUsize = AtomicUsize::new(1);
static LIVE: Lazy<RwLock<HashMap<usize, Entry, BuildHasherDefault<IdHasher>>>> = Lazy::new(Default::default);

thread_local! {
    /// The handles whose mutex this thread holds, innermost last.
    static HELD: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

impl<T> Handle<T> {
    /// Runs `f` with the state locked, noting the lock for [`Handle::is_locked_by_this_thread`].
    pub fn with_locked<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        /// Forgets the note even when `f` panics.
        struct Note(usize);
        impl Drop for Note {
            fn drop(&mut self) {
                HELD.with(|held| held.borrow_mut().retain(|&id| id != self.0));
            }
        }
        let mut state = lock(&self.state);
        HELD.with(|held| held.borrow_mut().push(self.id));
        let _note = Note(self.id);
        f(&mut state)
    }

    /// True while this thread runs inside [`Handle::with_locked`] of this handle: locking it
    /// again would deadlock.
    pub fn is_locked_by_this_thread(&self) -> bool {
        HELD.with(|held| held.borrow().contains(&self.id))
    }
}

/// Registers `state` and returns its new handle.
pub(super) fn insert<T: Send + 'static>(state: T) -> *mut c_void {
    let mut live = LIVE.write().unwrap_or_else(|p| p.into_inner());
    // Wrapping around (only conceivable with 32-bit pointers) skips 0 and live handles.
    let id = loop {
        let id = NEXT.fetch_add(1, Ordering::Relaxed).wrapping_mul(SPACING);
        if id != 0 && !live.contains_key(&id) {
            break id;
        }
    };
    let handle: Entry = Arc::new(Handle {
        id,
        state: Mutex::new(state),
    });
    live.insert(id, handle);
    id as *mut c_void
}

/// The live object of type `T` behind `h`, if there is one.
pub(super) fn get<T: Send + 'static>(h: *const c_void) -> Option<Arc<Handle<T>>> {
    let entry = LIVE.read().unwrap_or_else(|p| p.into_inner()).get(&(h as usize))?.clone();
    entry.downcast::<Handle<T>>().ok()
}

/// Unregisters `h` if it is a live object of type `T`, and returns it.
pub(super) fn remove<T: Send + 'static>(h: *const c_void) -> Option<Arc<Handle<T>>> {
    let mut live = LIVE.write().unwrap_or_else(|p| p.into_inner());
    let id = h as usize;
    if !live.get(&id)?.is::<Handle<T>>() {
        return None;
    }
    live.remove(&id)?.downcast::<Handle<T>>().ok()
}

pub(super) fn len() -> usize {
    LIVE.read().unwrap_or_else(|p| p.into_inner()).len()
}

/// Handles are distinct multiples of SPACING: a multiplicative hash spreads them over the table
/// for a fraction of SipHash's cost, which every call pays.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, id: usize) {
        self.0 = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_never_reused() {
        let a = insert(1u32);
        assert_eq!(remove::<u32>(a).map(|h| h.with_locked(|v| *v)), Some(1));
        let b = insert(2u32);
        assert_ne!(a, b);
        assert!(get::<u32>(a).is_none());
        assert!(remove::<u32>(a).is_none());
        assert!(get::<String>(b).is_none(), "another type is not found");
        assert!(remove::<String>(b).is_none(), "and not removed");
        assert_eq!(get::<u32>(b).map(|h| h.with_locked(|v| *v)), Some(2));
        assert!(remove::<u32>(b).is_some());
    }

    #[test]
    fn the_lock_note_is_dropped_after_a_panic() {
        let h = insert(0u8);
        let handle = get::<u8>(h).unwrap();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle.with_locked(|_| panic!("boom"))));
        assert!(panicked.is_err());
        assert!(!handle.is_locked_by_this_thread());
        handle.with_locked(|_| assert!(handle.is_locked_by_this_thread()));
        remove::<u8>(h);
    }
}
