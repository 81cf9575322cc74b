//! What each server said last, per origin and process-wide (its DPoP nonce, its clock, the proof
//! algorithms it accepts): shared by every Http object, so that a short-lived one (one per SQL
//! Server call, say) starts with what an earlier one learned. Origins come from the caller's
//! URLs, so a memory starts over when it holds `MAX_ORIGINS` of them. Its mutex is held for one
//! lookup or insert, never across I/O.

use crate::sync::lock;
use crate::url::Url;
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::sync::Mutex;

const MAX_ORIGINS: usize = 1024;

pub struct PerOrigin<V> {
    /// Keyed by `url::Origin` (scheme, host, port), not its serialization: no formatting per
    /// lookup, and a request looks up several of these.
    map: Lazy<Mutex<HashMap<url::Origin, V>>>,
}

impl<V: Clone> PerOrigin<V> {
    /// An empty memory, for a `static`.
    pub const fn new() -> PerOrigin<V> {
        PerOrigin {
            map: Lazy::new(Default::default),
        }
    }

    /// What the origin of `url` said last, if anything.
    pub fn get(&self, url: &Url) -> Option<V> {
        lock(&self.map).get(&url.origin()).cloned()
    }

    /// Remembers `value` for the origin of `url`.
    pub fn insert(&self, url: &Url, value: V) {
        let origin = url.origin();
        let mut map = lock(&self.map);
        if map.len() >= MAX_ORIGINS && !map.contains_key(&origin) {
            map.clear();
        }
        map.insert(origin, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_origin_has_its_own_value_and_the_memory_is_bounded() {
        static MEMORY: PerOrigin<usize> = PerOrigin::new();
        let url = |port: usize| Url::parse(&format!("http://127.0.0.1:{port}/path?q")).unwrap();
        MEMORY.insert(&url(1), 1);
        assert_eq!(MEMORY.get(&Url::parse("http://127.0.0.1:1/other").unwrap()), Some(1));
        assert_eq!(MEMORY.get(&url(2)), None);
        for port in 2..=MAX_ORIGINS {
            MEMORY.insert(&url(port), port);
        }
        MEMORY.insert(&url(1), 10);
        assert_eq!(MEMORY.get(&url(2)), Some(2), "an origin it has is replaced in place");
        MEMORY.insert(&url(MAX_ORIGINS + 1), 0);
        assert_eq!(MEMORY.get(&url(2)), None, "a new one when full: it starts over");
        assert_eq!(MEMORY.get(&url(MAX_ORIGINS + 1)), Some(0));
    }
}
