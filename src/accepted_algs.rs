//! The DPoP proof algorithms each server accepts, as it named them, per origin and process-wide:
//! the `algs` of a `WWW-Authenticate: DPoP` challenge (RFC 9449 section 7.1) or an authorization
//! server's `dpop_signing_alg_values_supported` (section 5.1). A key that can sign several (RSA:
//! PS256 and RS256) signs its proofs for that origin with one of them from then on.

use crate::per_origin::PerOrigin;
use crate::url::Url;
use std::sync::Arc;

/// A server may name anything; names beyond these bounds are not kept (no JWS name is longer).
const MAX_ALGS: usize = 16;
const MAX_ALG_CHARS: usize = 32;

/// Shared, so that looking a list up (for every proof) copies no strings.
static ACCEPTED: PerOrigin<Arc<[String]>> = PerOrigin::new();

/// The algorithms the origin of `url` named last; `None` when it named none.
pub fn accepted(url: &Url) -> Option<Arc<[String]>> {
    ACCEPTED.get(url)
}

/// Remembers `algs` for the origin of `url` (at most 16 names of at most 32 characters).
pub fn remember(url: &Url, algs: &[String]) {
    let kept: Arc<[String]> = algs
        .iter()
        .filter(|name| name.len() <= MAX_ALG_CHARS)
        .take(MAX_ALGS)
        .cloned()
        .collect();
    ACCEPTED.insert(url, kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_server_names_is_kept_within_bounds() {
        let url = Url::parse("http://127.0.0.1:7201/token").unwrap();
        let mut flood: Vec<String> = (0..40).map(|i| format!("A{i}")).collect();
        flood.insert(0, "X".repeat(1000));
        remember(&url, &flood);
        let kept = accepted(&url).unwrap();
        assert_eq!(kept.len(), MAX_ALGS);
        assert_eq!(kept[0], "A0", "an overlong name is dropped");
        assert!(accepted(&Url::parse("http://127.0.0.1:7202/").unwrap()).is_none());
    }
}
