//! Panics the library recovers from: a bug in actor extraction or passage splitting costs one
//! article a warning, not the run. Code run through [`recover`] is marked on its thread, so a
//! panic hook can tell such a panic (already reported as a warning) from one that will reach
//! the top of the program ([`is_recovering`]).

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    /// How many [`recover`] calls this thread is inside.
    static RECOVERING: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f`, catching a panic instead of unwinding further; while it runs, [`is_recovering`]
/// is true on this thread.
pub fn recover<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    RECOVERING.with(|depth| depth.set(depth.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    RECOVERING.with(|depth| depth.set(depth.get() - 1));
    result
}

/// Whether the current thread is inside [`recover`]: a panic hook should then stay quiet,
/// since the panic is caught and reported as a warning.
pub fn is_recovering() -> bool {
    RECOVERING.with(|depth| depth.get() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Once;

    thread_local! {
        /// Per panic on this thread, whether the hook saw it as recovered; `None` when this
        /// thread is not recording (other tests' panics go to the previous hook).
        static SEEN: std::cell::RefCell<Option<Vec<bool>>> = const { std::cell::RefCell::new(None) };
    }

    fn install_recording_hook() {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                let recorded = SEEN.with(|seen| {
                    seen.borrow_mut()
                        .as_mut()
                        .map(|seen| seen.push(is_recovering()))
                        .is_some()
                });
                if !recorded {
                    previous(info);
                }
            }));
        });
    }

    #[test]
    fn a_hook_sees_recovered_panics_as_recovering_and_others_not() {
        install_recording_hook();
        SEEN.with(|seen| *seen.borrow_mut() = Some(Vec::new()));
        assert!(!is_recovering());
        let recovered = recover(|| -> u32 { panic!("inside") });
        assert!(recovered.is_err());
        assert!(!is_recovering(), "the mark is cleared after a panic");
        let nested = recover(|| recover(|| panic!("nested")).is_err() && is_recovering());
        assert!(matches!(nested, Ok(true)));
        let uncaught = catch_unwind(|| panic!("outside"));
        assert!(uncaught.is_err());
        let seen = SEEN.with(|seen| seen.borrow_mut().take()).unwrap();
        assert_eq!(seen, vec![true, true, false]);
        assert_eq!(recover(|| 7).ok(), Some(7));
    }
}
