//! The one way this crate locks a mutex.

use std::sync::{Mutex, MutexGuard};

/// Locks `mutex`, ignoring poisoning: a panic while it was held has already been turned into an
/// error for the caller (no panic crosses the C ABI), and every value it guards stays memory-safe
/// and consistent enough to go on (a token slot, a nonce map, a handle's state).
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
