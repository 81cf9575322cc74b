//! The process-wide token cache.
//!
//! Keyed by a SHA-256 over token endpoint, client_id, a hash of the client secret, scope, the
//! other form fields, the client authentication method and the DPoP key's thumbprint, so that
//! different clients or keys never share a token (and a wrong secret never rides on a token
//! obtained with the right one).
//!
//! Locking: `SLOTS` (the map) is locked only to find or insert a slot. Each slot has its own
//! state: one caller at a time fetches its token, and concurrent requests for the same client
//! wait for that one fetch (one token per lifetime) while other clients go on unhindered. A
//! waiter waits no longer than its own timeouts allow, however long the fetch takes. The
//! callers that waited share its outcome: its token, or its failure, which is remembered for a
//! few seconds so that a dead or refusing token endpoint is not asked again by every caller in
//! turn.

use super::Token;
use crate::bail;
use crate::clock::now_secs;
use crate::error::{Error, Result};
use crate::sync::lock;
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Distinct clients one process may cache tokens for before the oldest entries are dropped.
const MAX_SLOTS: usize = 256;
/// How long a failed token request is answered from memory instead of being repeated.
pub const FAILURE_MEMORY_SECS: u64 = 3;

static SLOTS: Lazy<Mutex<HashMap<[u8; 32], Arc<TokenSlot>>>> = Lazy::new(Default::default);

#[derive(Default)]
pub struct TokenSlot {
    state: Mutex<SlotState>,
    /// Signalled when a fetch ends.
    fetched: Condvar,
}

struct Failure {
    at: u64,
    conditions: u64,
    error: Error,
}

#[derive(Default)]
struct SlotState {
    token: Option<Token>,
    /// The last failed fetch: when it ended (Unix seconds), the conditions it was made under,
    /// and its error.
    failure: Option<Failure>,
    /// A caller is fetching a token for this slot (without holding the lock).
    fetching: bool,
}

impl TokenSlot {
    /// The shared slot for `key`, created on first use.
    pub fn shared(key: &[u8; 32]) -> Arc<TokenSlot> {
        let mut slots = lock(&SLOTS);
        if slots.len() >= MAX_SLOTS && !slots.contains_key(key) {
            // Slots nobody else holds are the ones we can drop without surprising anyone.
            slots.retain(|_, slot| Arc::strong_count(slot) > 1);
        }
        slots.entry(*key).or_default().clone()
    }

    /// A slot of one's own (a token with no client details cannot be shared meaningfully).
    pub fn private(token: Option<Token>) -> Arc<TokenSlot> {
        Arc::new(TokenSlot {
            state: Mutex::new(SlotState {
                token,
                ..SlotState::default()
            }),
            fetched: Condvar::new(),
        })
    }

    /// Takes `token` unless the slot already has one that lives longer.
    pub fn offer(&self, token: Token) {
        let current = &mut lock(&self.state).token;
        let keep_current = matches!(&*current, Some(c) if c.expires_at.unwrap_or(u64::MAX) >= token.expires_at.unwrap_or(u64::MAX));
        if !keep_current {
            *current = Some(token);
        }
    }

    pub fn peek(&self) -> Option<Token> {
        lock(&self.state).token.clone()
    }

    /// The cached token if it is still fresh at `now`, else the result of `fetch(stale)`, which
    /// is stored. One caller fetches at a time (single flight); the others wait for its outcome,
    /// each at most `wait_limit` (its own timeouts), then fail with a Timeout error. A fetch that
    /// failed less than FAILURE_MEMORY_SECS ago under the same `conditions` (the caller's
    /// connection settings: a caller who changed them deserves a fresh try) is not repeated: its
    /// error is returned again.
    pub fn get_or_fetch(
        &self,
        now: u64,
        conditions: u64,
        wait_limit: Duration,
        fetch: impl FnOnce(Option<&Token>) -> Result<Token>,
    ) -> Result<Token> {
        let give_up_at = Instant::now() + wait_limit;
        let mut state = lock(&self.state);
        loop {
            if let Some(token) = state.token.as_ref().filter(|t| t.is_fresh(now)) {
                return Ok(token.clone());
            }
            if let Some(failure) = state.failure.as_ref().filter(|f| f.conditions == conditions) {
                let ago = now_secs().saturating_sub(failure.at);
                if ago < FAILURE_MEMORY_SECS {
                    return Err(failure.error.clone().with_note(&format!(
                        "the same failure as {ago} s ago: the token endpoint is asked again {FAILURE_MEMORY_SECS} s after a failure"
                    )));
                }
            }
            if !state.fetching {
                break;
            }
            let left = give_up_at.saturating_duration_since(Instant::now());
            if left.is_zero() {
                bail!(
                    Timeout,
                    "another request for this client's token has been waiting for the token endpoint for over {} s (ConnectTimeout + ReadTimeout)",
                    wait_limit.as_secs()
                );
            }
            state = self
                .fetched
                .wait_timeout(state, left)
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .0;
        }
        state.fetching = true;
        let stale = state.token.clone();
        drop(state);
        // Ends the fetch however `fetch` ends (a panic included), so waiters never wait for
        // a fetch nobody is making.
        let mut fetch_end = FetchEnd { slot: self, state: None };
        let result = fetch(stale.as_ref());
        let state = fetch_end.state.insert(lock(&self.state));
        match &result {
            Ok(token) => {
                state.token = Some(token.clone());
                state.failure = None;
            }
            Err(error) => {
                state.failure = Some(Failure {
                    at: now_secs(),
                    conditions,
                    error: error.clone(),
                })
            }
        }
        result
    }

    /// Marks `access_token` as rejected, if it is still the cached one (another thread may have
    /// replaced it already). Keeps the refresh token for the next fetch.
    pub fn invalidate(&self, access_token: &str) {
        if let Some(token) = lock(&self.state).token.as_mut().filter(|t| t.access_token() == access_token) {
            token.rejected = true;
        }
    }
}

/// Marks the end of a fetch when dropped: clears `fetching` and wakes the waiters.
struct FetchEnd<'a> {
    slot: &'a TokenSlot,
    /// The slot's state, when the fetch ended normally and its outcome was stored under it.
    state: Option<MutexGuard<'a, SlotState>>,
}

impl Drop for FetchEnd<'_> {
    fn drop(&mut self) {
        let mut state = self.state.take().unwrap_or_else(|| lock(&self.slot.state));
        state.fetching = false;
        drop(state);
        self.slot.fetched.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorKind};
    use std::time::Duration;

    const WAIT: Duration = Duration::from_secs(5);

    fn token(name: &str, refresh_at: u64) -> Token {
        let mut t = Token::bare(name);
        t.refresh_at = Some(refresh_at);
        t.expires_at = Some(refresh_at + 10);
        t
    }

    #[test]
    fn shared_slots_are_shared_per_key_only() {
        let a1 = TokenSlot::shared(&[1; 32]);
        let a2 = TokenSlot::shared(&[1; 32]);
        let b = TokenSlot::shared(&[2; 32]);
        assert!(Arc::ptr_eq(&a1, &a2));
        assert!(!Arc::ptr_eq(&a1, &b));
    }

    #[test]
    fn fetches_once_while_fresh_and_again_when_stale_or_rejected() {
        let slot = TokenSlot::private(None);
        let mut fetches = 0;
        let mut fetch = |_: Option<&Token>| {
            fetches += 1;
            Ok(token(&format!("t{fetches}"), 100))
        };
        assert_eq!(slot.get_or_fetch(50, 0, WAIT, &mut fetch).unwrap().access_token(), "t1");
        assert_eq!(slot.get_or_fetch(99, 0, WAIT, &mut fetch).unwrap().access_token(), "t1");
        assert_eq!(slot.get_or_fetch(100, 0, WAIT, &mut fetch).unwrap().access_token(), "t2");
        slot.invalidate("someone-else");
        assert_eq!(slot.get_or_fetch(50, 0, WAIT, &mut fetch).unwrap().access_token(), "t2");
        slot.invalidate("t2");
        assert_eq!(slot.get_or_fetch(50, 0, WAIT, &mut fetch).unwrap().access_token(), "t3");
    }

    #[test]
    fn a_failed_fetch_keeps_the_old_token_for_the_next_try() {
        let slot = TokenSlot::private(Some(token("old", 10)));
        let err = slot.get_or_fetch(20, 0, WAIT, |stale| {
            assert_eq!(stale.unwrap().access_token(), "old");
            Err(Error::new(ErrorKind::Network, "down"))
        });
        assert_eq!(err.unwrap_err().kind(), ErrorKind::Network, "the fetch's error, as it was");
        assert_eq!(slot.peek().unwrap().access_token(), "old");
    }

    #[test]
    fn a_failure_is_shared_by_the_callers_that_waited_for_it_and_remembered_briefly() {
        let slot = Arc::new(TokenSlot::default());
        let fetches = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let started = std::time::Instant::now();
        let callers: Vec<_> = (0..6)
            .map(|_| {
                let (slot, fetches) = (slot.clone(), fetches.clone());
                std::thread::spawn(move || {
                    slot.get_or_fetch(now_secs(), 7, WAIT, |_| {
                        fetches.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(300));
                        Err(Error::new(ErrorKind::Timeout, "no answer"))
                    })
                })
            })
            .collect();
        for caller in callers {
            assert_eq!(caller.join().unwrap().unwrap_err().kind(), ErrorKind::Timeout);
        }
        assert_eq!(fetches.load(std::sync::atomic::Ordering::SeqCst), 1, "one fetch for six callers");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "nobody queued behind a retry"
        );

        let again = slot
            .get_or_fetch(now_secs(), 7, WAIT, |_| panic!("not asked again so soon"))
            .unwrap_err();
        assert!(again.to_string().starts_with("no answer (the same failure as"), "{again}");
        let other_settings = slot.get_or_fetch(now_secs(), 8, WAIT, |_| Err(Error::new(ErrorKind::Tls, "untrusted")));
        assert_eq!(
            other_settings.unwrap_err().kind(),
            ErrorKind::Tls,
            "other conditions get a fresh try"
        );

        // Once the memory has passed, the next caller asks again.
        lock(&slot.state).failure.as_mut().unwrap().at -= FAILURE_MEMORY_SECS;
        let fresh = slot.get_or_fetch(now_secs(), 8, WAIT, |_| Ok(token("new", u64::MAX - 10))).unwrap();
        assert_eq!(fresh.access_token(), "new");
        assert!(lock(&slot.state).failure.is_none(), "a success forgets the failure");
    }

    #[test]
    fn a_waiter_gives_up_after_its_own_time_limit_while_a_fetch_hangs() {
        let slot = Arc::new(TokenSlot::default());
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let fetcher = {
            let slot = slot.clone();
            std::thread::spawn(move || {
                slot.get_or_fetch(now_secs(), 0, WAIT, |_| {
                    started_tx.send(()).unwrap();
                    release_rx.recv().unwrap();
                    Ok(token("late", u64::MAX - 10))
                })
            })
        };
        started_rx.recv().unwrap();
        let waited_from = std::time::Instant::now();
        let waiter = slot.get_or_fetch(now_secs(), 0, Duration::from_millis(300), |_| panic!("one fetch at a time"));
        let waited = waited_from.elapsed();
        let error = waiter.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
        assert!(error.to_string().contains("another request for this client's token"), "{error}");
        assert!(waited >= Duration::from_millis(300) && waited < WAIT, "{waited:?}");
        release_tx.send(()).unwrap();
        assert_eq!(fetcher.join().unwrap().unwrap().access_token(), "late");
        assert_eq!(
            slot.get_or_fetch(now_secs(), 0, WAIT, |_| panic!("fresh")).unwrap().access_token(),
            "late"
        );
    }

    #[test]
    fn a_fetch_that_panics_lets_the_next_caller_fetch() {
        let slot = Arc::new(TokenSlot::default());
        let panicked = {
            let slot = slot.clone();
            std::thread::spawn(move || slot.get_or_fetch(now_secs(), 0, WAIT, |_| panic!("bug in a fetch")))
        }
        .join();
        assert!(panicked.is_err());
        let started = std::time::Instant::now();
        let token = slot
            .get_or_fetch(now_secs(), 0, WAIT, |_| Ok(token("next", u64::MAX - 10)))
            .unwrap();
        assert_eq!(token.access_token(), "next");
        assert!(started.elapsed() < WAIT, "nobody waits for the fetch that panicked");
    }
}
