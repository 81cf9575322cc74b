//! `url::parse` then `url::htu` (the DPoP `htu` claim).
//!
//! Input: the URL text (lossy UTF-8).
//! Checks for every accepted URL: scheme http/https with a host; its htu has no query, fragment
//! or credentials, is accepted by url::parse again, serializes unchanged and is its own htu.
#![no_main]

use dpop::url::{htu, parse as parse_url};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    let Ok(url) = parse_url(&text) else {
        return;
    };
    assert!(matches!(url.scheme(), "http" | "https"), "scheme {}", url.scheme());
    assert!(url.host().is_some(), "parse_url accepted {text:?} without a host");

    let claim = htu(&url);
    assert!(!claim.contains('?'), "htu {claim:?} has a query (from {text:?})");
    assert!(!claim.contains('#'), "htu {claim:?} has a fragment (from {text:?})");
    assert!(
        claim.starts_with("http://") || claim.starts_with("https://"),
        "htu {claim:?} (from {text:?})"
    );

    let reparsed = parse_url(&claim).unwrap_or_else(|e| panic!("htu {claim:?} (from {text:?}) does not parse again: {e}"));
    assert_eq!(reparsed.as_str(), claim, "htu does not round-trip (from {text:?})");
    assert_eq!(reparsed.scheme(), url.scheme());
    assert_eq!(reparsed.host_str(), url.host_str());
    assert_eq!(reparsed.port_or_known_default(), url.port_or_known_default());
    assert_eq!(reparsed.path(), url.path());
    assert_eq!(reparsed.username(), "", "htu {claim:?} keeps a user name");
    assert_eq!(reparsed.password(), None, "htu {claim:?} keeps a password");
    assert_eq!(htu(&reparsed), claim, "htu is not idempotent (from {text:?})");
});
