//! DPoP-Nonce memory, process-wide and per origin (RFC 9449 sections 8 and 9).
//!
//! Shared by every Http object so that short-lived objects (one per SQL Server call, say) start
//! with the nonce the server handed out last instead of paying a challenge round trip each time.

use crate::header::is_visible_ascii;
use crate::per_origin::PerOrigin;
use crate::url::Url;

/// A server may send anything in a header; beyond this we do not store (or echo) it.
const MAX_NONCE_LEN: usize = 4096;
/// Requests sent again in one call because the server asked for a nonce (`use_dpop_nonce`): the
/// second covers a server that rotated its nonce between the challenge and the retry.
pub(crate) const MAX_RETRIES_PER_CALL: usize = 2;

static NONCES: PerOrigin<String> = PerOrigin::new();

/// The latest nonce the origin of `url` sent, if any.
pub fn current(url: &Url) -> Option<String> {
    NONCES.get(url)
}

/// True for a nonce that can go into a proof: not empty, not too long, and the visible ASCII
/// RFC 9449 allows.
pub fn is_usable(nonce: &str) -> bool {
    nonce.len() <= MAX_NONCE_LEN && is_visible_ascii(nonce)
}

/// The nonce to send again with after a `use_dpop_nonce` answer, whose `DPoP-Nonce` header was
/// `offered`, to a proof that carried `sent`: the offered one, if usable and not the one the
/// server just refused (sending that again would get the same answer).
pub fn for_retry<'a>(offered: Option<&'a str>, sent: Option<&str>) -> Option<&'a str> {
    offered.filter(|offered| is_usable(offered) && Some(*offered) != sent)
}

/// Remembers `nonce` for the origin of `url`. Returns false (and stores nothing) for a nonce
/// that is not usable.
pub fn remember(url: &Url, nonce: &str) -> bool {
    let valid = is_usable(nonce);
    if valid {
        NONCES.insert(url, nonce.to_string());
    }
    valid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_kept_per_origin() {
        let a = Url::parse("http://127.0.0.1:7001/token").unwrap();
        let a_other_path = Url::parse("http://127.0.0.1:7001/api/x?y").unwrap();
        let b = Url::parse("http://127.0.0.1:7002/token").unwrap();
        assert!(remember(&a, "n-1"));
        assert_eq!(current(&a_other_path).as_deref(), Some("n-1"));
        assert_eq!(current(&b), None);
        assert!(remember(&a, "n-2"));
        assert_eq!(current(&a).as_deref(), Some("n-2"));
    }

    #[test]
    fn a_retry_takes_the_offered_nonce_unless_it_is_the_one_refused() {
        assert_eq!(for_retry(Some("n-2"), Some("n-1")), Some("n-2"));
        assert_eq!(for_retry(Some("n-2"), None), Some("n-2"));
        assert_eq!(for_retry(Some("n-2"), Some("n-2")), None);
        assert_eq!(for_retry(Some("has space"), None), None);
        assert_eq!(for_retry(None, Some("n-1")), None);
    }

    #[test]
    fn invalid_nonces_are_refused() {
        let url = Url::parse("http://127.0.0.1:7003/").unwrap();
        for bad in ["", "has space", "tab\t", &"x".repeat(MAX_NONCE_LEN + 1), "é"] {
            assert!(!remember(&url, bad), "{bad:?}");
        }
        assert_eq!(current(&url), None);
    }
}
