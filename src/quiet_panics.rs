//! Which panics stay quiet: those of a thread while it runs library code for a caller (an ABI
//! call, or a thread the library started for one). A formatted panic message can quote the data
//! being worked on, a secret among it; the ABI's panic hook shows only where such a panic
//! happened. Any other panic of the process is not the library's to hide.

use std::cell::Cell;

thread_local! {
    /// How many `quietly` calls this thread is inside (an ABI call can make another).
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` with this thread's panics quiet, also when it panics.
pub fn quietly<R>(f: impl FnOnce() -> R) -> R {
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            DEPTH.with(|depth| depth.set(depth.get() - 1));
        }
    }
    DEPTH.with(|depth| depth.set(depth.get() + 1));
    let _leave = Leave;
    f()
}

/// True while this thread runs inside [`quietly`].
pub fn are_quiet() -> bool {
    DEPTH.with(|depth| depth.get() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_inside_nested_calls_and_after_a_panic_is_caught() {
        assert!(!are_quiet());
        quietly(|| quietly(|| assert!(are_quiet())));
        assert!(!are_quiet());
        assert!(std::panic::catch_unwind(|| quietly(|| panic!("inside"))).is_err());
        assert!(!are_quiet(), "leaving by a panic counts as leaving");
    }
}
