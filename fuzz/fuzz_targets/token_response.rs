//! `token::parse_token_response(body, now, redactor)` and `token::AuthToken::parse(text, jkt)`.
//!
//! Input: byte 0 picks what is parsed and with what; the rest is the body / AuthToken text.
//!   bit 0 clear: parse_token_response, `now` picked by bits 1-2 (0, a 2026 time, u32::MAX,
//!                u64::MAX - 5);
//!   bit 0 set:   AuthToken::parse (lossy UTF-8), with a key thumbprint when bit 1 is set.
//! Checks: an accepted token is well-formed (header-safe access token, refresh before expiry,
//! capped lifetime) and survives the persisted-JSON round trip; an accepted AuthToken's getter
//! output (`to_json`) is accepted again.
#![no_main]

use dpop::token::{parse_token_response, AuthToken, Token};
use libfuzzer_sys::fuzz_target;
use serde_json::Map;

const TEN_YEARS: u64 = 10 * 365 * 24 * 3600;
/// Above this, expires_on stored as a JSON number stops being exact through f64.
const EXACT_IN_F64: u64 = 1 << 53;

fuzz_target!(|input: &[u8]| {
    let Some((&selector, body)) = input.split_first() else {
        return;
    };
    if selector & 1 == 0 {
        let now = [0, 1_774_901_383, u32::MAX as u64, u64::MAX - 5][(selector >> 1 & 3) as usize];
        if let Ok(token) = parse_token_response(body, now, &dpop::redact::Redactor::new(&[])) {
            check_token(&token, now);
        }
    } else {
        let text = String::from_utf8_lossy(body);
        let jkt = (selector & 2 != 0).then_some("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
        if let Ok(Some(auth)) = AuthToken::parse(&text, jkt) {
            let _ = auth.secrets();
            let json = auth.to_json();
            match AuthToken::parse(&json, jkt) {
                Ok(Some(_)) => {}
                other => panic!(
                    "AuthToken getter output is not accepted again: {:?}\ninput: {text:?}\ngetter: {json:?}",
                    other.err()
                ),
            }
        }
    }
});

fn check_token(token: &Token, now: u64) {
    assert!(!token.access_token().is_empty());
    assert!(
        token.access_token().bytes().all(|b| (0x21..=0x7e).contains(&b)),
        "access token {:?} cannot go in a header",
        token.access_token()
    );
    assert!(token.token_type.is_some());
    assert_eq!(token.expires_at.is_some(), token.refresh_at.is_some());
    if let (Some(expires_at), Some(refresh_at)) = (token.expires_at, token.refresh_at) {
        assert!(refresh_at <= expires_at, "refresh {refresh_at} after expiry {expires_at}");
        assert!(now <= refresh_at, "refresh {refresh_at} before now {now}");
        assert!(expires_at - now <= TEN_YEARS, "lifetime {} not capped", expires_at - now);
    }
    let _ = token.scheme(true);
    let _ = token.scheme(false);

    let mut members = Map::new();
    token.write_members(&mut members);
    let persisted = Token::from_persisted(&members).unwrap_or_else(|e| panic!("persisted token does not load again: {e}\n{members:?}"));
    assert_eq!(persisted.access_token(), token.access_token());
    assert_eq!(persisted.token_type, token.token_type);
    assert_eq!(persisted.refresh_token, token.refresh_token);
    assert_eq!(persisted.scope, token.scope);
    if token.expires_at.is_some_and(|at| at < EXACT_IN_F64) {
        assert_eq!(persisted.expires_at, token.expires_at);
    }
}
