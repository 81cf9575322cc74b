//! The token cache file across processes: the C seed flow (`bindings/c/examples/seed_flow.c`,
//! built with `cc` against the library this test was built with) started 50 times, one after
//! another and 8 at a time, against the local servers. With `DPOP_TOKEN_CACHE` the authorization
//! server issues exactly one token for all of them (counted at the server), and each session log
//! says where its token came from; without it, one token per process.
#![cfg(target_os = "linux")]

mod common;

use common::servers::TestServers;
use std::fs::{File, OpenOptions};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PROCESSES: usize = 50;
const AT_ONCE: usize = 8;

/// A scratch directory with the seed flow program and a key, removed when dropped.
struct SeedFlow {
    dir: PathBuf,
}

impl SeedFlow {
    /// Builds seed_flow.c as scripts/c-tests.sh does (warnings as errors), linked with the
    /// libdpop.so cargo built next to this test binary, and generates a P-256 key.
    fn build(name: &str) -> SeedFlow {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = std::env::temp_dir().join(format!("libdpop-token-file-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("lib")).unwrap();
        let built = std::env::current_exe().unwrap().parent().unwrap().join("libdpop.so");
        assert!(built.exists(), "{} is missing (cargo builds it with the tests)", built.display());
        // The SONAME (libdpop.so.0) for the loader, libdpop.so for -ldpop.
        for link in ["libdpop.so", "libdpop.so.0"] {
            std::os::unix::fs::symlink(&built, dir.join("lib").join(link)).unwrap();
        }
        let lib = dir.join("lib");
        let compiled = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
            .arg(root.join("bindings/c/examples/seed_flow.c"))
            .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic"])
            .arg(format!("-I{}", root.join("include").display()))
            .arg(format!("-L{}", lib.display()))
            .arg("-ldpop")
            .arg(format!("-Wl,-rpath,{}", lib.display()))
            .arg("-o")
            .arg(dir.join("seed_flow"))
            .status()
            .expect("a C compiler (cc)");
        assert!(compiled.success(), "building seed_flow.c failed");
        let key = Command::new("openssl")
            .args(["ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out"])
            .arg(dir.join("key.pem"))
            .status()
            .expect("openssl");
        assert!(key.success());
        SeedFlow { dir }
    }

    /// Runs the seed flow `PROCESSES` times, `at_once` at a time, each with its own session log
    /// (returned in run order), the environment's DPOP_TOKEN_CACHE being `cache_file`. The first
    /// processes run at once find the file's lock held by this test until all of them are
    /// waiting for it, so that they surely start together rather than one after another.
    fn run_all(&self, servers: &TestServers, cache_file: Option<&Path>, at_once: usize) -> Vec<String> {
        let mut logs = Vec::new();
        for (i, batch) in (0..PROCESSES).collect::<Vec<_>>().chunks(at_once).enumerate() {
            let held = cache_file.filter(|_| i == 0 && at_once > 1).map(HeldLock::take);
            let children: Vec<_> = batch.iter().map(|&n| self.start(n, servers, cache_file)).collect();
            if let Some(held) = held {
                let pids: Vec<u32> = children.iter().map(|(_, _, child)| child.id()).collect();
                assert_eq!(held.release_when_waited_for(&pids), pids.len(), "every process waits for the lock");
            }
            for (n, log, child) in children {
                let out = child.wait_with_output().unwrap();
                let stdout = String::from_utf8_lossy(&out.stdout);
                assert!(
                    out.status.success() && stdout.contains("response status code = 200"),
                    "process {n}: {}\n{stdout}",
                    out.status
                );
                logs.push(std::fs::read_to_string(&log).unwrap());
            }
        }
        logs
    }

    /// Starts process `n` of a run, with its session log.
    fn start(&self, n: usize, servers: &TestServers, cache_file: Option<&Path>) -> (usize, PathBuf, Child) {
        let log = self.dir.join(format!("session-{n}.log"));
        let _ = std::fs::remove_file(&log);
        let mut command = Command::new(self.dir.join("seed_flow"));
        command
            .arg(self.dir.join("key.pem"))
            .args([&servers.token_endpoint, &servers.resource])
            .arg(&log)
            .env_remove("DPOP_TOKEN_CACHE")
            // cargo's LD_LIBRARY_PATH would win over the program's run path, and may lead to
            // another build's library (target/debug/libdpop.so.0).
            .env_remove("LD_LIBRARY_PATH")
            .stdout(Stdio::piped());
        if let Some(file) = cache_file {
            command.env("DPOP_TOKEN_CACHE", file);
        }
        (n, log, command.spawn().expect("seed_flow runs"))
    }
}

/// The token cache file's lock (`<file>.lock`), held by this test.
struct HeldLock {
    _file: File,
    path: PathBuf,
}

impl HeldLock {
    fn take(cache_file: &Path) -> HeldLock {
        let path = PathBuf::from(format!("{}.lock", cache_file.display()));
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .unwrap();
        // SAFETY: flock on a descriptor the File keeps open.
        assert_eq!(unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) }, 0);
        HeldLock { _file: file, path }
    }

    /// Lets go once each of `pids` has the lock file open, that is, waits for the lock (or
    /// after 30 s). Returns how many did.
    fn release_when_waited_for(self, pids: &[u32]) -> usize {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let waiting = pids.iter().filter(|&&pid| has_open(pid, &self.path)).count();
            if waiting == pids.len() || Instant::now() > deadline {
                return waiting;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Whether process `pid` has `path` open.
fn has_open(pid: u32, path: &Path) -> bool {
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).into_iter().flatten().flatten();
    fds.into_iter()
        .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == path))
}

impl Drop for SeedFlow {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn tokens_issued(servers: &TestServers) -> u64 {
    servers.stats()["as"]["dpop"]["tokens_issued"].as_u64().expect("tokens_issued")
}

fn count(logs: &[String], words: &str) -> usize {
    logs.iter().filter(|log| log.contains(words)).count()
}

/// With the file: one token for all, written by one process and taken from the file by the
/// rest. Without: one token per process, and no file anywhere.
fn fifty_processes(name: &str, at_once: usize) {
    let servers = TestServers::start();
    let seed = SeedFlow::build(name);
    let cache_file = seed.dir.join("tokens.json");

    let before = tokens_issued(&servers);
    let logs = seed.run_all(&servers, Some(&cache_file), at_once);
    assert_eq!(
        tokens_issued(&servers) - before,
        1,
        "{PROCESSES} processes, {at_once} at a time, with the file"
    );
    assert_eq!(count(&logs, "written to the token cache file"), 1);
    assert_eq!(count(&logs, "taken from the token cache file"), PROCESSES - 1);
    let mode = std::fs::metadata(&cache_file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the cache file is its owner's alone");
    let text = std::fs::read_to_string(&cache_file).unwrap();
    assert!(!text.contains("secret"), "no client secret in the file: {text}");

    let before = tokens_issued(&servers);
    let logs = seed.run_all(&servers, None, at_once);
    assert_eq!(
        tokens_issued(&servers) - before,
        PROCESSES as u64,
        "one token per process without the file"
    );
    assert_eq!(count(&logs, "token cache file"), 0);
}

#[test]
fn fifty_processes_one_after_another_fetch_one_token_with_the_file() {
    fifty_processes("sequential", 1);
}

#[test]
fn fifty_processes_eight_at_a_time_fetch_one_token_with_the_file() {
    fifty_processes("concurrent", AT_ONCE);
}
