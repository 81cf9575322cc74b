//! The process-wide token cache.
//!
//! Keyed by a SHA-256 over token endpoint, client_id, a hash of the client secret, scope, the
//! other form fields, the client authentication method and the DPoP key's thumbprint, so that
//! different clients or keys never share a token (and a wrong secret never rides on a token
//! obtained with the right one).
//!
//! Locking: `SLOTS` (the map) is locked only to find or insert a slot. Each slot has its own
//! mutex, held while its token is fetched: concurrent requests for the same client wait for that
//! one fetch (one token per lifetime) while other clients go on unhindered.

use super::Token;
use crate::error::Result;
use crate::sync::lock;
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Distinct clients one process may cache tokens for before the oldest entries are dropped.
const MAX_SLOTS: usize = 256;

static SLOTS: Lazy<Mutex<HashMap<[u8; 32], Arc<TokenSlot>>>> = Lazy::new(Default::default);

#[derive(Default)]
pub struct TokenSlot {
    token: Mutex<Option<Token>>,
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
        Arc::new(TokenSlot { token: Mutex::new(token) })
    }

    /// Takes `token` unless the slot already has one that lives longer.
    pub fn offer(&self, token: Token) {
        let mut current = lock(&self.token);
        let keep_current = matches!(&*current, Some(c) if c.expires_at.unwrap_or(u64::MAX) >= token.expires_at.unwrap_or(u64::MAX));
        if !keep_current {
            *current = Some(token);
        }
    }

    pub fn peek(&self) -> Option<Token> {
        lock(&self.token).clone()
    }

    /// The cached token if it is still fresh at `now`, else the result of `fetch(stale)`, which
    /// is stored. The slot stays locked during `fetch` (single flight).
    pub fn get_or_fetch(&self, now: u64, fetch: impl FnOnce(Option<&Token>) -> Result<Token>) -> Result<Token> {
        let mut current = lock(&self.token);
        if let Some(token) = current.as_ref().filter(|t| t.is_fresh(now)) {
            return Ok(token.clone());
        }
        let token = fetch(current.as_ref())?;
        *current = Some(token.clone());
        Ok(token)
    }

    /// Marks `access_token` as rejected, if it is still the cached one (another thread may have
    /// replaced it already). Keeps the refresh token for the next fetch.
    pub fn invalidate(&self, access_token: &str) {
        let mut current = lock(&self.token);
        if let Some(token) = current.as_mut().filter(|t| t.access_token == access_token) {
            token.rejected = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorKind};

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
        assert_eq!(slot.get_or_fetch(50, &mut fetch).unwrap().access_token, "t1");
        assert_eq!(slot.get_or_fetch(99, &mut fetch).unwrap().access_token, "t1");
        assert_eq!(slot.get_or_fetch(100, &mut fetch).unwrap().access_token, "t2");
        slot.invalidate("someone-else");
        assert_eq!(slot.get_or_fetch(50, &mut fetch).unwrap().access_token, "t2");
        slot.invalidate("t2");
        assert_eq!(slot.get_or_fetch(50, &mut fetch).unwrap().access_token, "t3");
    }

    #[test]
    fn a_failed_fetch_keeps_the_old_token_for_the_next_try() {
        let slot = TokenSlot::private(Some(token("old", 10)));
        let err = slot.get_or_fetch(20, |stale| {
            assert_eq!(stale.unwrap().access_token, "old");
            Err(Error::new(ErrorKind::Network, "down"))
        });
        assert_eq!(err.unwrap_err().kind(), ErrorKind::Network, "the fetch's error, as it was");
        assert_eq!(slot.peek().unwrap().access_token, "old");
    }
}
