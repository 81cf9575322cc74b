//! The token cache file (AuthToken `token_cache`, or DPOP_TOKEN_CACHE for the whole process):
//! tokens shared by the processes of one account, so that a program started hundreds of times a
//! day asks the authorization server for one token per lifetime, not one per start.
//!
//! A process asks its memory first (`AuthToken::current`); only when that has no fresh token
//! does it come here, holding the in-memory slot, and:
//! 1. locks `<file>.lock` exclusively, waiting at most as long as one token request may take;
//! 2. reads the file and takes this client's token from it if it is fresh;
//! 3. else fetches one from the network, still holding the lock, and writes the file;
//! 4. unlocks.
//!
//! Processes starting together therefore fetch one token: the first fetches while the others
//! wait, then read what it wrote. The lock is on a separate file because the cache file itself is
//! never written in place but replaced (written beside it and renamed over it), so a crash
//! mid-write leaves the old file, never half a file.
//!
//! The file is a cache: when it cannot be locked, read or written, the session log says so and
//! the request goes on with the token in memory, as without the file. The one exception is a
//! file other accounts may read or change: that is refused with an error, since going on would
//! hide that tokens are, or were, exposed.

use super::file_entries::{Entries, MAX_FILE_BYTES};
use super::{Token, TokenTransport};
use crate::clock::now_secs;
use crate::error::{Error, ErrorKind, Result};
use crate::private_file::{self, FileLock};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

/// The environment variable naming a token cache file for every client of the process that
/// does not name its own (or "" to have none).
pub const TOKEN_CACHE_ENV: &str = "DPOP_TOKEN_CACHE";

/// The token cache file of one client: where it is, and which entry is the client's.
pub struct TokenFile {
    path: PathBuf,
    /// The client's cache key in hex: its entry's name.
    key: String,
    /// Whether Bearer tokens may be kept in the file (the AuthToken JSON said so).
    bearer: bool,
}

/// The cache file a client uses: its `token_cache` member if it has one ("" for none), else
/// the environment's `env` value.
pub fn chosen_path(member: Option<&str>, env: Option<OsString>) -> Option<PathBuf> {
    match member {
        Some(path) => Some(PathBuf::from(path)),
        None => env.map(PathBuf::from),
    }
    .filter(|path| !path.as_os_str().is_empty())
}

impl TokenFile {
    pub fn new(path: PathBuf, cache_key: &[u8; 32], bearer: bool) -> TokenFile {
        TokenFile {
            path,
            key: cache_key.iter().map(|b| format!("{b:02x}")).collect(),
            bearer,
        }
    }

    /// A fresh token from the file, else the result of `fetch(stale)`, which is written to the
    /// file. `stale` is the in-memory token, if any; the file's entry replaces it as the stale
    /// token when it is newer (its refresh token may be the only valid one left).
    pub fn get_or_fetch(
        &self,
        stale: Option<&Token>,
        transport: &mut dyn TokenTransport,
        fetch: impl FnOnce(Option<&Token>, &mut dyn TokenTransport) -> Result<Token>,
    ) -> Result<Token> {
        let lock = self.lock(transport);
        let entries = self.read(transport)?;
        let now = now_secs();
        let cached = entries.as_ref().and_then(|e| e.get(&self.key)).filter(|t| self.may_hold(t));
        // A token the resource server rejected stays in the file until replaced; it is not used again.
        let rejected = |t: &Token| stale.is_some_and(|s| s.rejected && s.access_token() == t.access_token());
        if let Some(token) = cached.filter(|t| t.is_fresh(now) && !rejected(t)) {
            transport.note(&format!(
                "the access token was taken from the token cache file '{}' (it is renewed after {})",
                self.path.display(),
                http_date(token.refresh_at)
            ));
            return Ok(token.clone());
        }
        let newer = cached.filter(|c| !rejected(c) && stale.is_none_or(|s| c.expires_at > s.expires_at));
        let token = fetch(newer.or(stale), transport)?;
        match (lock, entries) {
            (Some(_lock), Some(entries)) => self.write(entries, &token, transport),
            _ => transport.note(&format!(
                "the new access token is not written to the token cache file '{}' (see above)",
                self.path.display()
            )),
        }
        Ok(token)
    }

    /// Whether the file may hold `token`: one bound to the DPoP key (useless without the private
    /// key, which never leaves the process; its refresh token, not bound for a confidential
    /// client, still needs the client's credentials), or a Bearer token when the AuthToken JSON
    /// allows it.
    fn may_hold(&self, token: &Token) -> bool {
        self.bearer || token.token_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("dpop"))
    }

    /// The lock, or `None` (and a note why) when it cannot be had in time or at all.
    fn lock(&self, transport: &mut dyn TokenTransport) -> Option<FileLock> {
        let mut lock_path = self.path.clone().into_os_string();
        lock_path.push(".lock");
        let lock_path = PathBuf::from(lock_path);
        let limit = transport.time_limit();
        let started = Instant::now();
        match FileLock::acquire(&lock_path, limit) {
            Ok(Some(lock)) => {
                let waited = started.elapsed();
                if waited.as_millis() >= 100 {
                    transport.note(&format!(
                        "waited {:.1} s for another process to finish with the token cache file '{}'",
                        waited.as_secs_f64(),
                        self.path.display()
                    ));
                }
                Some(lock)
            }
            Ok(None) => {
                transport.note(&format!(
                    "another process has held the token cache file's lock '{}' for {} s, as long as a token request may take (ConnectTimeout + ReadTimeout): going on without it",
                    lock_path.display(),
                    limit.as_secs()
                ));
                None
            }
            Err(e) => {
                transport.note(&format!(
                    "cannot lock the token cache file ('{}': {e}): going on without it",
                    lock_path.display()
                ));
                None
            }
        }
    }

    /// The file's entries: empty when it does not exist or is not ours (it is rewritten), `None`
    /// when it cannot be read (it is then left alone). A file others may read is an error.
    fn read(&self, transport: &mut dyn TokenTransport) -> Result<Option<Entries>> {
        let bytes = match private_file::open_existing(&self.path) {
            Ok(None) => return Ok(Some(Entries::default())),
            Ok(Some(file)) => match private_file::exposure(&file) {
                Ok(Some(who)) => return Err(self.exposed(&who)),
                Ok(None) => private_file::read_bounded(file, MAX_FILE_BYTES),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        match bytes.map(|bytes| Entries::parse(&bytes)) {
            Ok(Ok(entries)) => Ok(Some(entries)),
            Ok(Err(why)) => {
                transport.note(&format!(
                    "the token cache file '{}' is ignored and will be rewritten: {why}",
                    self.path.display()
                ));
                Ok(Some(Entries::default()))
            }
            Err(e) => {
                transport.note(&format!(
                    "cannot read the token cache file '{}' ({e}): going on without it",
                    self.path.display()
                ));
                Ok(None)
            }
        }
    }

    /// The error for a file that `who` besides its owner may read or change.
    fn exposed(&self, who: &str) -> Error {
        Error::new(
            ErrorKind::Io,
            format!(
                "the token cache file '{}' is not private: {who}. Tokens are kept only in a file its owner alone can read; {}",
                self.path.display(),
                private_file::how_to_restrict(&self.path)
            ),
        )
    }

    fn write(&self, mut entries: Entries, token: &Token, transport: &mut dyn TokenTransport) {
        let path = self.path.display();
        if token.expires_at.is_none() {
            return transport.note(&format!(
                "the access token is not written to the token cache file '{path}': the token endpoint gave no lifetime (expires_in)"
            ));
        }
        if !self.may_hold(token) {
            return transport.note(&format!(
                "the access token is not written to the token cache file '{path}': it is a {} token, not bound to the DPoP key, and anyone who reads it can use it; \"token_cache_bearer\": true in AuthToken allows it",
                token.token_type.as_deref().unwrap_or("Bearer")
            ));
        }
        entries.insert(&self.key, token);
        let Some(bytes) = entries.to_bytes(now_secs(), &self.key) else {
            return transport.note(&format!(
                "the access token is not written to the token cache file '{path}': it is larger than the file may be ({MAX_FILE_BYTES} bytes)"
            ));
        };
        match private_file::replace(&self.path, &bytes) {
            Ok(()) => transport.note(&format!("the new access token was written to the token cache file '{path}'")),
            Err(e) => transport.note(&format!(
                "cannot write the token cache file '{path}' ({e}): the token is kept in this process's memory only"
            )),
        }
    }
}

fn http_date(at: Option<u64>) -> String {
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(at.unwrap_or(0));
    httpdate::fmt_http_date(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    // Its notes are what these tests read; their tokens come from each test's `fetch` closure.
    use crate::token::tests::Issuer;
    use std::path::Path;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    /// A fresh directory of this test's own, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir().join(format!("libdpop-file-cache-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn join(&self, name: &str) -> PathBuf {
            self.0.join(name)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o700));
            }
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn token(name: &str, token_type: &str, lifetime: u64) -> Token {
        let now = now_secs();
        let mut token = Token::bare(name);
        token.token_type = Some(token_type.into());
        token.expires_at = Some(now + lifetime);
        token.refresh_at = Some(now + lifetime - lifetime / 10);
        token
    }

    fn issue(name: &'static str) -> impl FnOnce(Option<&Token>, &mut dyn TokenTransport) -> Result<Token> {
        move |_, _| Ok(token(name, "DPoP", 600))
    }

    fn never(_: Option<&Token>, _: &mut dyn TokenTransport) -> Result<Token> {
        panic!("no token request expected: the file has a fresh one")
    }

    #[test]
    fn the_path_comes_from_the_member_else_the_environment_and_empty_means_none() {
        let env = || Some(OsString::from("/env/tokens.json"));
        assert_eq!(chosen_path(Some("/m/t.json"), env()), Some(PathBuf::from("/m/t.json")));
        assert_eq!(chosen_path(Some(""), env()), None, "\"\" in the member turns the file off");
        assert_eq!(chosen_path(None, env()), Some(PathBuf::from("/env/tokens.json")));
        assert_eq!(chosen_path(None, Some(OsString::new())), None);
        assert_eq!(chosen_path(None, None), None);
    }

    #[test]
    fn a_token_written_by_one_client_is_read_by_the_next_and_others_are_kept() {
        let dir = Scratch::new("shared");
        let path = dir.join("tokens.json");
        let (first, second) = (
            TokenFile::new(path.clone(), &[1; 32], false),
            TokenFile::new(path.clone(), &[1; 32], false),
        );
        let other = TokenFile::new(path.clone(), &[2; 32], false);
        let mut log = Issuer::new();
        assert_eq!(first.get_or_fetch(None, &mut log, issue("t1")).unwrap().access_token(), "t1");
        assert!(log.said("written to the token cache file"), "{:?}", log.notes);
        assert_eq!(other.get_or_fetch(None, &mut log, issue("other")).unwrap().access_token(), "other");

        let mut log = Issuer::new();
        let token = second.get_or_fetch(None, &mut log, never).unwrap();
        assert_eq!(token.access_token(), "t1");
        assert!(log.said("taken from the token cache file"), "{:?}", log.notes);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(&"01".repeat(32)) && text.contains(&"02".repeat(32)), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(
            std::fs::read_dir(&dir.0).unwrap().count(),
            2,
            "the file and its lock, no temp files left"
        );
    }

    #[test]
    fn a_stale_entry_is_renewed_with_its_refresh_token_and_a_rejected_one_is_not_reused() {
        let dir = Scratch::new("stale");
        let file = TokenFile::new(dir.join("tokens.json"), &[1; 32], false);
        let mut log = Issuer::new();
        // Past its renewal time but not yet expired, with a refresh token.
        let stale = || {
            let mut t = token("old", "DPoP", 100);
            t.refresh_at = Some(now_secs() - 1);
            t.refresh_token = Some("rt".into());
            t
        };
        file.get_or_fetch(None, &mut log, |_, _| Ok(stale())).unwrap();
        let renewed = file
            .get_or_fetch(None, &mut log, |stale, _| {
                assert_eq!(
                    stale.unwrap().refresh_token.as_deref(),
                    Some("rt"),
                    "the file's stale token is offered"
                );
                Ok(token("new", "DPoP", 600))
            })
            .unwrap();
        assert_eq!(renewed.access_token(), "new");

        let mut rejected = renewed.clone();
        rejected.rejected = true;
        let replaced = file.get_or_fetch(Some(&rejected), &mut log, issue("newer")).unwrap();
        assert_eq!(
            replaced.access_token(),
            "newer",
            "the token the server rejected is not taken from the file again"
        );
    }

    #[test]
    fn damaged_or_foreign_files_are_ignored_and_rewritten() {
        let dir = Scratch::new("damaged");
        let path = dir.join("tokens.json");
        let file = TokenFile::new(path.clone(), &[1; 32], false);
        let valid = {
            file.get_or_fetch(None, &mut Issuer::new(), issue("t")).unwrap();
            std::fs::read(&path).unwrap()
        };
        for (n, contents) in [
            b"\x00\x01garbage".to_vec(),
            valid[..valid.len() / 2].to_vec(),
            br#"{"editor.fontSize": 14}"#.to_vec(),
            String::from_utf8(valid.clone())
                .unwrap()
                .replace("_cache\":1", "_cache\":7")
                .into_bytes(),
            vec![b'{'; MAX_FILE_BYTES + 10],
        ]
        .into_iter()
        .enumerate()
        {
            std::fs::write(&path, &contents).unwrap();
            let mut log = Issuer::new();
            let fetched = AtomicUsize::new(0);
            let token = file
                .get_or_fetch(None, &mut log, |_, _| {
                    fetched.fetch_add(1, Ordering::SeqCst);
                    Ok(token("fresh", "DPoP", 600))
                })
                .unwrap();
            assert_eq!((token.access_token(), fetched.load(Ordering::SeqCst)), ("fresh", 1), "case {n}");
            assert!(log.said("is ignored and will be rewritten"), "case {n}: {:?}", log.notes);
            let read = Entries::parse(&std::fs::read(&path).unwrap()).expect("rewritten in our format");
            assert_eq!(read.get(&"01".repeat(32)).unwrap().access_token(), "fresh", "case {n}");
        }
    }

    #[test]
    fn expired_entries_are_not_used_and_are_dropped() {
        let dir = Scratch::new("expired");
        let path = dir.join("tokens.json");
        let now = now_secs();
        let entry = |at: u64| format!(r#"{{"access_token":"gone","token_type":"DPoP","expires_on":{at},"renew_on":{at}}}"#);
        std::fs::write(
            &path,
            format!(
                r#"{{"libdpop_token_cache":1,"entries":{{"{}":{},"{}":{}}}}}"#,
                "01".repeat(32),
                entry(now - 1),
                "02".repeat(32),
                entry(now - 100)
            ),
        )
        .unwrap();
        set_private(&path);
        let file = TokenFile::new(path.clone(), &[1; 32], false);
        assert_eq!(
            file.get_or_fetch(None, &mut Issuer::new(), issue("new")).unwrap().access_token(),
            "new"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("gone"), "expired entries dropped: {text}");
    }

    /// Makes a file the test wrote owner-only, as the library would have created it.
    fn set_private(path: &Path) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        #[cfg(windows)]
        {
            let bytes = std::fs::read(path).unwrap();
            std::fs::remove_file(path).unwrap();
            private_file::replace(path, &bytes).unwrap();
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_may_read_or_change_is_refused_with_the_fix() {
        use std::os::unix::fs::PermissionsExt;
        let dir = Scratch::new("exposed");
        let path = dir.join("tokens.json");
        let file = TokenFile::new(path.clone(), &[1; 32], false);
        file.get_or_fetch(None, &mut Issuer::new(), issue("t")).unwrap();
        for mode in [0o644, 0o640, 0o604, 0o620] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            let err = file
                .get_or_fetch(None, &mut Issuer::new(), |_, _| panic!("refused before any request"))
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Io);
            let text = err.to_string();
            assert!(
                text.contains(&format!("mode is {mode:04o}")) && text.contains("chmod 600"),
                "{text}"
            );
            assert!(!text.contains("\"t\""), "no token in the error: {text}");
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(file.get_or_fetch(None, &mut Issuer::new(), never).unwrap().access_token(), "t");
    }

    #[test]
    fn a_file_everyone_may_read_is_refused_until_made_private() {
        let dir = Scratch::new("everyone");
        let path = dir.join("tokens.json");
        let file = TokenFile::new(path.clone(), &[1; 32], false);
        file.get_or_fetch(None, &mut Issuer::new(), issue("t")).unwrap();
        private_file::let_everyone_in(&path).unwrap();
        let err = file
            .get_or_fetch(None, &mut Issuer::new(), |_, _| panic!("refused before any request"))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Io);
        assert!(err.to_string().contains(&private_file::how_to_restrict(&path)), "{err}");
        set_private(&path);
        assert_eq!(file.get_or_fetch(None, &mut Issuer::new(), never).unwrap().access_token(), "t");
    }

    #[test]
    fn bearer_tokens_are_kept_only_when_allowed() {
        let dir = Scratch::new("bearer");
        let path = dir.join("tokens.json");
        let strict = TokenFile::new(path.clone(), &[1; 32], false);
        let mut log = Issuer::new();
        strict
            .get_or_fetch(None, &mut log, |_, _| Ok(token("bearer-1", "Bearer", 600)))
            .unwrap();
        assert!(log.said("it is a Bearer token, not bound to the DPoP key"), "{:?}", log.notes);
        assert!(!path.exists() || !std::fs::read_to_string(&path).unwrap().contains("bearer-1"));

        let allowed = TokenFile::new(path.clone(), &[1; 32], true);
        allowed
            .get_or_fetch(None, &mut Issuer::new(), |_, _| Ok(token("bearer-2", "Bearer", 600)))
            .unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("bearer-2"));
        assert_eq!(
            allowed.get_or_fetch(None, &mut Issuer::new(), never).unwrap().access_token(),
            "bearer-2"
        );
        // Written with the opt-in, it is still not used by a client without it.
        let fetched = strict.get_or_fetch(None, &mut Issuer::new(), |_, _| Ok(token("bearer-3", "Bearer", 600)));
        assert_eq!(fetched.unwrap().access_token(), "bearer-3");
    }

    #[test]
    fn tokens_without_a_lifetime_are_not_written() {
        let dir = Scratch::new("lifetime");
        let path = dir.join("tokens.json");
        let mut log = Issuer::new();
        let forever = TokenFile::new(path.clone(), &[1; 32], false).get_or_fetch(None, &mut log, |_, _| {
            let mut t = Token::bare("forever");
            t.token_type = Some("DPoP".into());
            Ok(t)
        });
        assert_eq!(forever.unwrap().access_token(), "forever");
        assert!(log.said("gave no lifetime"), "{:?}", log.notes);
        assert!(!path.exists());
    }

    /// A directory this process cannot create files in: a read-only one, or for a user who may
    /// write anywhere (root), a read-only file system.
    #[cfg(unix)]
    fn read_only_dir(scratch: &Scratch) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&scratch.0, std::fs::Permissions::from_mode(0o555)).unwrap();
        [scratch.0.clone(), PathBuf::from("/sys"), PathBuf::from("/proc")]
            .into_iter()
            .find(|d| std::fs::File::create(d.join("probe")).is_err())
            .expect("a directory this test cannot write to")
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_directory_leaves_the_token_in_memory_and_says_so() {
        let scratch = Scratch::new("read-only");
        let file = TokenFile::new(read_only_dir(&scratch).join("libdpop-tokens.json"), &[1; 32], false);
        let mut log = Issuer::new();
        let token = file.get_or_fetch(None, &mut log, issue("in-memory")).unwrap();
        assert_eq!(token.access_token(), "in-memory");
        assert!(log.said("cannot lock the token cache file"), "{:?}", log.notes);
        assert!(log.said("not written to the token cache file"), "{:?}", log.notes);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_cannot_be_replaced_leaves_the_token_in_memory_and_says_so() {
        use std::os::unix::fs::PermissionsExt;
        let dir = Scratch::new("unwritable");
        let path = dir.join("tokens.json");
        // The file and its lock exist; then the directory becomes read-only.
        TokenFile::new(path.clone(), &[2; 32], false)
            .get_or_fetch(None, &mut Issuer::new(), issue("other"))
            .unwrap();
        std::fs::set_permissions(&dir.0, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::File::create(dir.join("probe")).is_ok() {
            eprintln!("skipped: this user (root) writes to read-only directories; a_read_only_directory_... covers it with a read-only file system");
            return;
        }
        let mut log = Issuer::new();
        let file = TokenFile::new(path, &[1; 32], false);
        assert_eq!(file.get_or_fetch(None, &mut log, issue("next")).unwrap().access_token(), "next");
        assert!(log.said("cannot write the token cache file"), "{:?}", log.notes);
    }

    #[test]
    fn a_directory_named_as_the_file_is_left_alone() {
        let dir = Scratch::new("directory");
        let path = dir.join("tokens.json");
        std::fs::create_dir(&path).unwrap();
        let mut log = Issuer::new();
        let token = TokenFile::new(path.clone(), &[1; 32], false).get_or_fetch(None, &mut log, issue("t"));
        assert_eq!(token.unwrap().access_token(), "t");
        assert!(log.said("cannot read the token cache file"), "{:?}", log.notes);
        assert!(path.is_dir(), "not replaced");
    }

    #[test]
    fn a_client_waits_for_the_one_fetching_and_reads_its_token() {
        let dir = Scratch::new("wait");
        let path = dir.join("tokens.json");
        let fetches = Arc::new(AtomicUsize::new(0));
        let callers: Vec<_> = (0..4)
            .map(|_| {
                let (path, fetches) = (path.clone(), fetches.clone());
                std::thread::spawn(move || {
                    // Each its own TokenFile, as separate processes would have: the lock is per open file.
                    let file = TokenFile::new(path, &[1; 32], false);
                    let mut log = Issuer::new();
                    let token = file
                        .get_or_fetch(None, &mut log, |_, _| {
                            fetches.fetch_add(1, Ordering::SeqCst);
                            std::thread::sleep(Duration::from_millis(300));
                            Ok(token("once", "DPoP", 600))
                        })
                        .unwrap();
                    (token.access_token().to_string(), log.notes)
                })
            })
            .collect();
        let results: Vec<_> = callers.into_iter().map(|c| c.join().unwrap()).collect();
        assert_eq!(fetches.load(Ordering::SeqCst), 1, "{results:?}");
        assert!(results.iter().all(|(t, _)| t == "once"));
        let waited = results
            .iter()
            .filter(|(_, notes)| notes.iter().any(|n| n.contains("waited")))
            .count();
        assert!(waited >= 1, "the session log says who waited: {results:?}");
    }

    #[test]
    fn the_wait_for_another_holder_is_bounded_by_the_request_timeouts() {
        let dir = Scratch::new("bounded");
        let path = dir.join("tokens.json");
        let held = FileLock::acquire(&dir.join("tokens.json.lock"), Duration::ZERO).unwrap().unwrap();
        let file = TokenFile::new(path.clone(), &[1; 32], false);
        let mut log = Issuer::new();
        log.time_limit = Duration::from_millis(300);
        let started = Instant::now();
        let token = file.get_or_fetch(None, &mut log, issue("alone")).unwrap();
        let took = started.elapsed();
        assert_eq!(token.access_token(), "alone");
        assert!(took >= Duration::from_millis(300) && took < Duration::from_secs(2), "{took:?}");
        assert!(log.said("going on without it"), "{:?}", log.notes);
        assert!(!path.exists(), "not written without the lock");
        drop(held);
        assert_eq!(
            file.get_or_fetch(None, &mut Issuer::new(), issue("locked")).unwrap().access_token(),
            "locked"
        );
        assert!(path.exists());
    }
}
