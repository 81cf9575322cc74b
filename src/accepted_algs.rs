//! The DPoP proof algorithms each server accepts, as it named them, per origin and process-wide:
//! the `algs` of a `WWW-Authenticate: DPoP` challenge (RFC 9449 section 7.1) or an authorization
//! server's `dpop_signing_alg_values_supported` (section 5.1). A key that can sign several (RSA:
//! PS256 and RS256) signs its proofs for that origin with one of them from then on.

use crate::sync::lock;
use crate::url::{origin, Url};
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::sync::Mutex;

/// A server may name anything; names beyond these bounds are not kept (no JWS name is longer).
const MAX_ALGS: usize = 16;
const MAX_ALG_CHARS: usize = 32;
/// Origins remembered before starting over (as for nonces).
const MAX_ORIGINS: usize = 1024;

static ACCEPTED: Lazy<Mutex<HashMap<String, Vec<String>>>> = Lazy::new(Default::default);

/// The algorithms the origin of `url` named last; empty when it named none.
pub fn accepted(url: &Url) -> Vec<String> {
    lock(&ACCEPTED).get(&origin(url)).cloned().unwrap_or_default()
}

/// Remembers `algs` for the origin of `url` (at most 16 names of at most 32 characters); an
/// empty list forgets what the origin named before.
pub fn remember(url: &Url, algs: &[String]) {
    let kept: Vec<String> = algs
        .iter()
        .filter(|name| name.len() <= MAX_ALG_CHARS)
        .take(MAX_ALGS)
        .cloned()
        .collect();
    let origin = origin(url);
    let mut map = lock(&ACCEPTED);
    if map.len() >= MAX_ORIGINS && !map.contains_key(&origin) {
        map.clear();
    }
    map.insert(origin, kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_origin_keeps_its_own_list_within_bounds() {
        let a = Url::parse("http://127.0.0.1:7201/token").unwrap();
        let a_api = Url::parse("http://127.0.0.1:7201/api").unwrap();
        let b = Url::parse("http://127.0.0.1:7202/api").unwrap();
        remember(&a, &["RS256".into(), "ES256".into()]);
        assert_eq!(accepted(&a_api), ["RS256", "ES256"]);
        assert!(accepted(&b).is_empty());

        let mut flood: Vec<String> = (0..40).map(|i| format!("A{i}")).collect();
        flood.insert(0, "X".repeat(1000));
        remember(&a, &flood);
        let kept = accepted(&a);
        assert_eq!(kept.len(), MAX_ALGS);
        assert_eq!(kept[0], "A0", "an overlong name is dropped");
        remember(&a, &[]);
        assert!(accepted(&a).is_empty());
    }
}
