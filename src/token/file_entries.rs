//! What the token cache file holds: for each client, under its cache key in hex, its token with
//! an absolute expiry, and nothing else (no client secret, no key):
//!
//! ```json
//! {"libdpop_token_cache": 1, "entries": {"<64 hex digits>": {"access_token": "...",
//!   "token_type": "DPoP", "expires_on": 1767225600, "renew_on": 1767225570,
//!   "refresh_token": "...", "scope": "api"}}}
//! ```
//!
//! Read leniently: a file that is damaged, foreign or of another format version is taken as
//! empty (and rewritten by the next token), an unusable entry is skipped. Written bounded:
//! expired entries are dropped, then those expiring first until the rest fit `MAX_ENTRIES` and
//! `MAX_FILE_BYTES`.

use super::Token;
use crate::header::is_visible_ascii;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The member that says a file is ours, and the version of the format it has.
const FORMAT_MEMBER: &str = "libdpop_token_cache";
const FORMAT_VERSION: u64 = 1;
/// A larger file is not one we wrote; it is not read further.
pub(super) const MAX_FILE_BYTES: usize = 1024 * 1024;
/// As many clients as one process keeps in memory.
pub(super) const MAX_ENTRIES: usize = 256;

/// The entries of a token cache file, by cache key in hex.
#[derive(Default, Debug)]
pub struct Entries(BTreeMap<String, Token>);

impl Entries {
    /// The entries in a file's `bytes`, or why they are not a token cache this version reads.
    pub fn parse(bytes: &[u8]) -> Result<Entries, String> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(format!("it is larger than {MAX_FILE_BYTES} bytes"));
        }
        let document = match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(members)) => members,
            Ok(_) => return Err("it is JSON but not an object".into()),
            Err(e) => return Err(format!("it is not JSON ({e})")),
        };
        match document.get(FORMAT_MEMBER) {
            None => return Err(format!("it has no '{FORMAT_MEMBER}' member: not a libdpop token cache")),
            Some(v) if v.as_u64() != Some(FORMAT_VERSION) => {
                return Err(format!("its format version is {v}; this library reads version {FORMAT_VERSION}"))
            }
            Some(_) => {}
        }
        let Some(Value::Object(entries)) = document.get("entries") else {
            return Err("it has no 'entries' object".into());
        };
        Ok(Entries(
            entries
                .iter()
                .filter(|(key, _)| is_cache_key(key))
                .filter_map(|(key, entry)| Some((key.clone(), entry_token(entry.as_object()?)?)))
                .collect(),
        ))
    }

    pub fn get(&self, key: &str) -> Option<&Token> {
        self.0.get(key)
    }

    /// Adds or replaces `key`'s token. Only a token with a known lifetime can be stored.
    pub fn insert(&mut self, key: &str, token: &Token) {
        if token.expires_at.is_some() {
            self.0.insert(key.to_string(), token.clone());
        }
    }

    /// The file's bytes at `now`: expired entries left out, then those expiring first until the
    /// rest fit the bounds; `key`'s entry goes first. `None` if `key`'s entry alone does not fit.
    pub fn to_bytes(&self, now: u64, key: &str) -> Option<Vec<u8>> {
        let mut live: Vec<(&String, &Token)> = self
            .0
            .iter()
            .filter(|(k, t)| k.as_str() != key && t.expires_at.is_some_and(|at| at > now))
            .collect();
        live.sort_by_key(|(_, t)| std::cmp::Reverse(t.expires_at));
        let own = self.0.get_key_value(key);
        // Room for the envelope; each entry's cost is its key, its JSON and the punctuation.
        let mut room = MAX_FILE_BYTES - 64;
        let mut entries = Map::new();
        for (k, token) in own.into_iter().chain(live).take(MAX_ENTRIES) {
            let entry = entry_json(token);
            let cost = k.len() + entry.to_string().len() + 4;
            if cost > room {
                break;
            }
            room -= cost;
            entries.insert(k.clone(), entry);
        }
        if !entries.contains_key(key) {
            return None;
        }
        let mut document = Map::new();
        document.insert(FORMAT_MEMBER.into(), FORMAT_VERSION.into());
        document.insert("entries".into(), Value::Object(entries));
        Some(Value::Object(document).to_string().into_bytes())
    }
}

/// A cache key as written: SHA-256 in lower-case hex.
fn is_cache_key(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn entry_json(token: &Token) -> Value {
    let mut entry = Map::new();
    entry.insert("access_token".into(), token.access_token().into());
    if let Some(token_type) = &token.token_type {
        entry.insert("token_type".into(), token_type.clone().into());
    }
    entry.insert("expires_on".into(), token.expires_at.into());
    entry.insert("renew_on".into(), token.refresh_at.or(token.expires_at).into());
    if let Some(refresh_token) = &token.refresh_token {
        entry.insert("refresh_token".into(), refresh_token.clone().into());
    }
    if let Some(scope) = &token.scope {
        entry.insert("scope".into(), scope.clone().into());
    }
    Value::Object(entry)
}

/// The token an entry holds; `None` when it is not one we could have written.
fn entry_token(entry: &Map<String, Value>) -> Option<Token> {
    let text = |name: &str| match entry.get(name) {
        None => Some(None),
        Some(Value::String(s)) => Some(Some(s.clone())),
        Some(_) => None,
    };
    let access_token = text("access_token")?.filter(|t| !t.is_empty() && is_visible_ascii(t))?;
    let expires_at = entry.get("expires_on")?.as_u64()?;
    let refresh_at = entry.get("renew_on")?.as_u64().filter(|at| *at <= expires_at)?;
    let mut token = Token::new(access_token);
    token.token_type = text("token_type")?;
    token.expires_at = Some(expires_at);
    token.refresh_at = Some(refresh_at);
    token.refresh_token = text("refresh_token")?.filter(|t| !t.is_empty());
    token.scope = text("scope")?;
    Some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const KEY_B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    fn token(name: &str, expires_at: u64) -> Token {
        let mut token = Token::bare(name);
        token.token_type = Some("DPoP".into());
        token.expires_at = Some(expires_at);
        token.refresh_at = Some(expires_at - 30);
        token.scope = Some("api".into());
        token
    }

    fn key(n: usize) -> String {
        format!("{n:064x}")
    }

    #[test]
    fn entries_round_trip_with_their_members_and_nothing_else() {
        let mut entries = Entries::default();
        let mut a = token("at-a", 2000);
        a.refresh_token = Some("rt-a".into());
        entries.insert(KEY_A, &a);
        entries.insert(KEY_B, &token("at-b", 3000));
        let bytes = entries.to_bytes(1000, KEY_A).unwrap();
        let json: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json[FORMAT_MEMBER], 1);
        assert_eq!(
            json["entries"][KEY_A],
            serde_json::json!({"access_token": "at-a", "token_type": "DPoP", "expires_on": 2000, "renew_on": 1970,
                               "refresh_token": "rt-a", "scope": "api"})
        );
        let read = Entries::parse(&bytes).unwrap();
        assert_eq!(read.get(KEY_A), Some(&a));
        assert_eq!(read.get(KEY_B).unwrap().access_token(), "at-b");
    }

    #[test]
    fn expired_entries_are_dropped_when_written() {
        let mut entries = Entries::default();
        entries.insert(KEY_A, &token("mine", 2000));
        entries.insert(KEY_B, &token("old", 1000));
        let read = Entries::parse(&entries.to_bytes(1000, KEY_A).unwrap()).unwrap();
        assert!(read.get(KEY_B).is_none(), "expired at 1000");
        assert!(read.get(KEY_A).is_some());
    }

    #[test]
    fn the_file_is_bounded_and_keeps_the_entries_that_live_longest() {
        let mut entries = Entries::default();
        for n in 0..MAX_ENTRIES + 50 {
            entries.insert(&key(n), &token(&format!("t{n}"), 10_000 + n as u64));
        }
        // The writer's own entry expires first, yet stays.
        entries.insert(&key(9999), &token("mine", 5000));
        let read = Entries::parse(&entries.to_bytes(1000, &key(9999)).unwrap()).unwrap();
        assert_eq!(read.0.len(), MAX_ENTRIES);
        assert!(read.get(&key(9999)).is_some());
        assert!(read.get(&key(MAX_ENTRIES + 49)).is_some(), "the longest-lived are kept");
        assert!(read.get(&key(0)).is_none(), "the shortest-lived are dropped");

        // Large tokens: as many as fit in MAX_FILE_BYTES.
        let mut big = Entries::default();
        for n in 0..100 {
            big.insert(&key(n), &token(&"x".repeat(20_000), 10_000 + n as u64));
        }
        let bytes = big.to_bytes(1000, &key(0)).unwrap();
        assert!(bytes.len() <= MAX_FILE_BYTES, "{}", bytes.len());
        let read = Entries::parse(&bytes).unwrap();
        assert!(read.get(&key(0)).is_some() && read.0.len() < 100);

        let mut huge = Entries::default();
        huge.insert(KEY_A, &token(&"x".repeat(MAX_FILE_BYTES), 10_000));
        assert!(huge.to_bytes(1000, KEY_A).is_none(), "a token that does not fit is not written");
    }

    #[test]
    fn tokens_without_a_lifetime_are_not_stored() {
        let mut entries = Entries::default();
        entries.insert(KEY_A, &Token::bare("forever"));
        assert!(entries.get(KEY_A).is_none());
    }

    #[test]
    fn damaged_foreign_and_other_version_files_are_refused_with_a_reason() {
        let mut good = Entries::default();
        good.insert(KEY_A, &token("t", 2000));
        let bytes = good.to_bytes(1000, KEY_A).unwrap();
        let truncated = &bytes[..bytes.len() - 3];
        let other_version = String::from_utf8(bytes.clone()).unwrap().replace(":1,", ":2,");
        let oversized = vec![b' '; MAX_FILE_BYTES + 1];
        let cases: [(&[u8], &str); 7] = [
            (b"\x00\xff garbage", "not JSON"),
            (truncated, "not JSON"),
            (b"", "not JSON"),
            (b"[1,2]", "not an object"),
            (br#"{"servers":["a"]}"#, "not a libdpop token cache"),
            (other_version.as_bytes(), "format version is 2"),
            (&oversized, "larger than"),
        ];
        for (bytes, reason) in cases {
            let why = Entries::parse(bytes).unwrap_err();
            assert!(why.contains(reason), "{why}");
        }
        assert!(Entries::parse(br#"{"libdpop_token_cache":1}"#).unwrap_err().contains("'entries'"));
    }

    #[test]
    fn unusable_entries_are_skipped() {
        let entry = |members: &str| format!(r#"{{"libdpop_token_cache":1,"entries":{{"{KEY_A}":{members}}}}}"#);
        for members in [
            r#"{"access_token":"a","expires_on":2000}"#,
            r#"{"access_token":"a","expires_on":2000,"renew_on":3000}"#,
            r#"{"access_token":"a b","expires_on":2000,"renew_on":1900}"#,
            r#"{"access_token":"","expires_on":2000,"renew_on":1900}"#,
            r#"{"access_token":"a","expires_on":"soon","renew_on":1900}"#,
            r#"{"access_token":"a","token_type":5,"expires_on":2000,"renew_on":1900}"#,
            r#""a""#,
        ] {
            assert!(Entries::parse(entry(members).as_bytes()).unwrap().get(KEY_A).is_none(), "{members}");
        }
        let bad_key = format!(
            r#"{{"libdpop_token_cache":1,"entries":{{"{}":{{"access_token":"a","expires_on":2000,"renew_on":1900}}}}}}"#,
            KEY_A.to_uppercase()
        );
        assert!(Entries::parse(bad_key.as_bytes()).unwrap().0.is_empty());
        assert!(
            Entries::parse(entry(r#"{"access_token":"a","expires_on":2000,"renew_on":1900}"#).as_bytes())
                .unwrap()
                .get(KEY_A)
                .is_some()
        );
    }
}
