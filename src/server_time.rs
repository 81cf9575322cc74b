//! What time each server thinks it is, learned from the `Date` header of its answers (RFC 9110
//! 6.6.1), per origin and process-wide. DPoP proofs carry `iat`, and servers accept only a few
//! seconds of difference (Keycloak 15 s, some 5 s): a machine whose clock drifts (common for the
//! SQL Server hosts this library runs on) would have every proof refused. So `iat` is this
//! machine's time plus the offset the server showed, once that offset is large enough to matter.

use crate::clock::now_secs;
use crate::per_origin::PerOrigin;
use crate::url::Url;
use std::time::UNIX_EPOCH;

/// Differences below this are the Date header's one-second resolution and the network's delay,
/// not a wrong clock: the local clock is kept.
pub const MIN_SKEW_SECS: i64 = 5;
static OFFSETS: PerOrigin<i64> = PerOrigin::new();

/// How far the server's clock (its `Date` header) is ahead of `local_now` (negative: behind),
/// when that is at least MIN_SKEW_SECS either way.
pub fn skew(date_header: &str, local_now: u64) -> Option<i64> {
    let server = httpdate::parse_http_date(date_header.trim()).ok()?;
    let server = i64::try_from(server.duration_since(UNIX_EPOCH).ok()?.as_secs()).ok()?;
    let offset = server - i64::try_from(local_now).ok()?;
    (offset.abs() >= MIN_SKEW_SECS).then_some(offset)
}

/// Learns from a `Date` header of the origin of `url`, received at `local_now`.
pub fn learn(url: &Url, date_header: &str, local_now: u64) {
    OFFSETS.insert(url, skew(date_header, local_now).unwrap_or(0));
}

/// How far the clock of the origin of `url` is ahead of ours (negative: behind), as far as it
/// has shown it; 0 when the difference was too small to matter.
pub fn offset_at(url: &Url) -> i64 {
    OFFSETS.get(url).unwrap_or(0)
}

/// The time, in Unix seconds, by a clock `offset` seconds ahead of ours.
pub fn now_with(offset: i64) -> u64 {
    now_secs().saturating_add_signed(offset)
}

/// The time, in Unix seconds, by the clock of the origin of `url` as far as it has shown it.
pub fn now_at(url: &Url) -> u64 {
    now_with(offset_at(url))
}

/// True when the origin of `url` has shown a clock that dates a proof differently from
/// `offset_used`, the offset the proof it refused was dated with: then sending it again, dated by
/// the clock it showed, can succeed. A refusal from a server whose clock was already allowed for
/// is about something else.
pub fn moved_since(url: &Url, offset_used: i64) -> bool {
    (offset_at(url) - offset_used).abs() >= MIN_SKEW_SECS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(unix: u64) -> String {
        httpdate::fmt_http_date(UNIX_EPOCH + std::time::Duration::from_secs(unix))
    }

    #[test]
    fn small_differences_are_noise_and_large_ones_an_offset() {
        assert_eq!(skew(&date(1_000_000), 1_000_003), None);
        assert_eq!(skew(&date(1_000_300), 1_000_000), Some(300));
        assert_eq!(skew(&date(1_000_000), 1_000_300), Some(-300));
        assert_eq!(skew("not a date", 1_000_000), None);
    }

    #[test]
    fn each_origin_keeps_its_own_offset() {
        let ahead = Url::parse("http://127.0.0.1:7101/token").unwrap();
        let exact = Url::parse("http://127.0.0.1:7102/api").unwrap();
        let now = now_secs();
        learn(&ahead, &date(now + 300), now);
        learn(&exact, &date(now), now);
        assert!((now_at(&ahead) as i64 - (now as i64 + 300)).abs() <= 1);
        assert!((now_at(&exact) as i64 - now as i64).abs() <= 1);
        assert!(moved_since(&ahead, 0) && !moved_since(&ahead, 300) && !moved_since(&exact, 0));
        // A later answer showing the clocks agree again resets the offset.
        learn(&ahead, &date(now_secs()), now_secs());
        assert!((now_at(&ahead) as i64 - now_secs() as i64).abs() <= 1);
        assert!(moved_since(&ahead, 300) && !moved_since(&ahead, 3));
    }
}
