//! Files only their owner may read, as the token cache file, its lock file, the session log and
//! saved private keys must be: created owner-only (mode 0600 on Unix; on Windows a protected access control list granting the
//! current account alone, set as the file is created so that no other handle can be opened in
//! between), checked for access by others when they already exist, replaced atomically, and
//! locked with a bounded wait. Other files a program names are read through the same refusal of
//! anything but a regular file, with a size limit.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Polling a held lock starts this often and slows down to `MAX_LOCK_PAUSE`: a waiter learns
/// of the release within that much, and a long wait costs a few wake-ups per second.
const FIRST_LOCK_PAUSE: Duration = Duration::from_millis(2);
const MAX_LOCK_PAUSE: Duration = Duration::from_millis(25);

/// Files a program loads whole (StringBuilder.LoadFile, JsonObject.LoadFile) larger than this are
/// refused before they are read, as API responses are (64 MiB): a wrong path (a log, a disk
/// image, /dev/zero) cannot exhaust memory.
pub const MAX_LOADED_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Opens the regular file `path` for reading; `None` when it does not exist. Anything else
/// there (a directory, a device, a pipe) is an error: it is neither read nor replaced.
pub fn open_existing(path: &Path) -> io::Result<Option<File>> {
    match open_regular(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        opened => opened.map(Some),
    }
}

/// Opens the regular file `path` for reading. Anything else is an error, and opening a FIFO does
/// not wait for a writer (O_NONBLOCK on Unix).
pub fn open_regular(path: &Path) -> io::Result<File> {
    let file = os::open_for_reading(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("it is not a regular file"));
    }
    Ok(file)
}

/// The content of the regular file `path`, of at most `MAX_LOADED_FILE_BYTES`: a missing file,
/// anything but a regular file (a directory, a device, a FIFO) and a larger file are errors.
pub fn read_whole(path: &Path) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let too_large = || io::Error::other(format!("it is larger than {MAX_LOADED_FILE_BYTES} bytes"));
    if file.metadata()?.len() > MAX_LOADED_FILE_BYTES as u64 {
        return Err(too_large());
    }
    let bytes = read_bounded(file, MAX_LOADED_FILE_BYTES)?;
    if bytes.len() > MAX_LOADED_FILE_BYTES {
        return Err(too_large()); // it grew while being read
    }
    Ok(bytes)
}

/// Opens `path` for writing at its end (`append`) or from empty, creating it owner-only when it
/// does not exist; an existing file keeps the access rights it has.
pub fn open_for_writing(path: &Path, append: bool) -> io::Result<File> {
    let open = || OpenOptions::new().write(true).append(append).truncate(!append).open(path);
    match open() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        opened => return opened,
    }
    // Created, closed and opened again: the file handle of the creation has no append mode,
    // and another process may append to the new file at the same time.
    match os::create_private(path) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    open()
}

/// At most `limit` bytes of `file`, plus one more if there are more (so the caller sees that
/// the file is too large without reading all of it).
pub fn read_bounded(file: File, limit: usize) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Who besides the owner may read or change the open `file`, in words; `None` when nobody may.
pub fn exposure(file: &File) -> io::Result<Option<String>> {
    os::exposure(file)
}

/// What to do about a file `exposure` complained of, in words.
pub fn how_to_restrict(path: &Path) -> String {
    os::how_to_restrict(path)
}

/// Lets everyone read `path` (tests of the refusal).
#[cfg(test)]
pub use os::let_everyone_in;

/// Checks that `load` (a caller of `read_whole`, given a path) refuses, with an I/O error saying
/// why and within seconds, a FIFO no one writes to (opening it must not wait for a writer),
/// /dev/zero (endless) and a sparse file one byte over the limit. `what` names the caller.
#[cfg(all(test, unix))]
pub fn check_refusals(what: &str, load: impl Fn(&str) -> crate::error::Result<()> + Send + Sync + 'static) {
    use std::os::unix::ffi::OsStrExt;
    let dir = std::env::temp_dir().join(format!("libdpop-refusals-{}-{what}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("fifo");
    let fifo_c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo_c.as_ptr(), 0o600) }, 0, "mkfifo");
    let large = dir.join("large");
    File::create(&large).unwrap().set_len(MAX_LOADED_FILE_BYTES as u64 + 1).unwrap();
    let load = std::sync::Arc::new(load);
    let cases = [
        (fifo, "not a regular file"),
        ("/dev/zero".into(), "not a regular file"),
        (large, "larger than 67108864 bytes"),
    ];
    for (path, why) in cases {
        let (sender, receiver) = std::sync::mpsc::channel();
        let (load, shown) = (load.clone(), path.to_string_lossy().into_owned());
        std::thread::spawn(move || sender.send(load(&shown)));
        let result = receiver
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("{what} of {path:?} hangs"));
        let error = result.err().unwrap_or_else(|| panic!("{what} of {path:?} succeeded"));
        assert_eq!(error.kind(), crate::error::ErrorKind::Io, "{error}");
        assert!(error.to_string().contains(why), "{what} of {path:?}: {error}");
    }
    let _ = fs::remove_dir_all(&dir);
}

/// Replaces `path` with `bytes` atomically: a new owner-only file in the same directory is
/// written, flushed to disk and renamed over it, so a reader sees the old contents or the new,
/// never a part.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static TEMP_FILES: AtomicU64 = AtomicU64::new(0);
    let dir = directory_of(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut attempts = 0;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(
            ".{name}.{}.{}.tmp",
            std::process::id(),
            TEMP_FILES.fetch_add(1, Ordering::Relaxed)
        ));
        match os::create_private(&temp) {
            Ok(file) => break (temp, file),
            // A crashed process with the same id may have left one behind.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempts < 3 => attempts += 1,
            Err(e) => return Err(e),
        }
    };
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file); // Windows renames only closed files.
    if let Err(e) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    // The rename itself reaches the disk with the directory; a failure here loses nothing now.
    let _ = os::sync_directory(dir);
    Ok(())
}

fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// An exclusive lock on a lock file, held until dropped. Locks are per open file (flock,
/// LockFileEx), so two FileLocks exclude each other within one process as across processes.
pub struct FileLock {
    file: File,
}

impl FileLock {
    /// Locks `path` (created owner-only if absent), waiting at most `limit` for another holder
    /// to let go. `None` when it did not within `limit`.
    pub fn acquire(path: &Path, limit: Duration) -> io::Result<Option<FileLock>> {
        let file = match os::create_private(path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => OpenOptions::new().read(true).write(true).open(path)?,
            created => created?,
        };
        let started = Instant::now();
        let mut pause = FIRST_LOCK_PAUSE;
        loop {
            if os::try_lock(&file)? {
                return Ok(Some(FileLock { file }));
            }
            let left = limit.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Ok(None);
            }
            std::thread::sleep(pause.min(left));
            pause = (pause * 2).min(MAX_LOCK_PAUSE);
        }
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Closing the file would release it too; unlocking first says so.
        os::unlock(&self.file);
    }
}

#[cfg(unix)]
mod os {
    use std::fs::{File, OpenOptions};
    use std::io;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    use std::os::unix::io::AsRawFd;
    use std::path::Path;

    /// Without O_NONBLOCK, opening a named pipe would wait for a writer.
    pub fn open_for_reading(path: &Path) -> io::Result<File> {
        OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
    }

    /// Creates `path`, which must not exist, readable and writable by its owner only.
    pub fn create_private(path: &Path) -> io::Result<File> {
        // The umask can only take bits away from 0600.
        OpenOptions::new().read(true).write(true).create_new(true).mode(0o600).open(path)
    }

    pub fn exposure(file: &File) -> io::Result<Option<String>> {
        let mode = file.metadata()?.mode() & 0o777;
        Ok((mode & 0o077 != 0).then(|| format!("its mode is {mode:04o}: other users may read or change it")))
    }

    pub fn how_to_restrict(path: &Path) -> String {
        format!("run chmod 600 '{}', or delete it (it is created again, owner-only)", path.display())
    }

    pub fn try_lock(file: &File) -> io::Result<bool> {
        // SAFETY: flock on a descriptor this File owns and keeps open.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EWOULDBLOCK) | Some(libc::EINTR) => Ok(false),
            _ => Err(e),
        }
    }

    pub fn unlock(file: &File) {
        // SAFETY: as in try_lock.
        unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_UN) };
    }

    pub fn sync_directory(dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }

    /// Gives everyone read access to `path`, as a careless chmod would.
    #[cfg(test)]
    pub fn let_everyone_in(path: &Path) -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
    }
}

#[cfg(windows)]
mod os {
    use std::ffi::c_void;
    use std::fs::File;
    use std::io;
    use std::mem::{size_of, zeroed};
    use std::os::windows::ffi::OsStrExt;
    use std::os::windows::io::{AsRawHandle, FromRawHandle};
    use std::path::Path;
    use std::ptr::null_mut;
    use windows_sys::Win32::Foundation::{
        CloseHandle, LocalFree, ERROR_LOCK_VIOLATION, ERROR_SUCCESS, GENERIC_ALL, GENERIC_READ, GENERIC_WRITE, HANDLE, INVALID_HANDLE_VALUE,
    };
    use windows_sys::Win32::Security::Authorization::{ConvertSidToStringSidW, GetSecurityInfo, SE_FILE_OBJECT};
    use windows_sys::Win32::Security::{
        AddAccessAllowedAce, EqualSid, GetAce, GetLengthSid, GetTokenInformation, InitializeAcl, InitializeSecurityDescriptor,
        IsWellKnownSid, SetSecurityDescriptorControl, SetSecurityDescriptorDacl, TokenUser, WinBuiltinAdministratorsSid, WinLocalSystemSid,
        ACCESS_ALLOWED_ACE, ACE_HEADER, ACL, ACL_REVISION, DACL_SECURITY_INFORMATION, INHERIT_ONLY_ACE, PSECURITY_DESCRIPTOR, PSID,
        SECURITY_ATTRIBUTES, SECURITY_DESCRIPTOR, SE_DACL_PROTECTED, TOKEN_QUERY, TOKEN_USER,
    };
    use windows_sys::Win32::Storage::FileSystem::{
        CreateFileW, LockFileEx, UnlockFileEx, CREATE_NEW, FILE_ALL_ACCESS, FILE_APPEND_DATA, FILE_ATTRIBUTE_NORMAL, FILE_READ_DATA,
        FILE_SHARE_DELETE, FILE_SHARE_READ, FILE_SHARE_WRITE, FILE_WRITE_DATA, LOCKFILE_EXCLUSIVE_LOCK, LOCKFILE_FAIL_IMMEDIATELY,
        WRITE_DAC, WRITE_OWNER,
    };
    use windows_sys::Win32::System::SystemServices::{
        ACCESS_ALLOWED_ACE_TYPE, ACCESS_ALLOWED_CALLBACK_ACE_TYPE, SECURITY_DESCRIPTOR_REVISION,
    };
    use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};
    use windows_sys::Win32::System::IO::OVERLAPPED;

    /// Rights another account must not have on the file: reading it, changing it, or changing
    /// who may (DELETE is left out: deleting loses a cached token, nothing more).
    const RIGHTS_OF_THE_OWNER_ALONE: u32 =
        FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA | WRITE_DAC | WRITE_OWNER | GENERIC_READ | GENERIC_WRITE | GENERIC_ALL;

    fn check(ok: i32) -> io::Result<()> {
        if ok == 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(())
        }
    }

    /// A HANDLE closed when dropped.
    struct OwnedHandle(HANDLE);

    impl Drop for OwnedHandle {
        fn drop(&mut self) {
            // SAFETY: the handle was opened by us and is closed once.
            unsafe { CloseHandle(self.0) };
        }
    }

    /// Memory the system allocated with LocalAlloc, freed when dropped.
    struct LocalMemory(*mut c_void);

    impl Drop for LocalMemory {
        fn drop(&mut self) {
            if !self.0.is_null() {
                // SAFETY: allocated by the system for us (GetSecurityInfo, ConvertSidToStringSidW).
                unsafe { LocalFree(self.0) };
            }
        }
    }

    /// The account this process runs as: its TOKEN_USER, in a buffer aligned for it (the SID
    /// it points to lies in the same buffer).
    struct CurrentUser(Vec<u64>);

    impl CurrentUser {
        fn get() -> io::Result<CurrentUser> {
            let mut token: HANDLE = null_mut();
            // SAFETY: the pseudo-handle of this process; `token` receives a new handle.
            check(unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) })?;
            let token = OwnedHandle(token);
            let mut len = 0u32;
            // SAFETY: asks for the size only (fails with ERROR_INSUFFICIENT_BUFFER, setting len).
            unsafe { GetTokenInformation(token.0, TokenUser, null_mut(), 0, &mut len) };
            if (len as usize) < size_of::<TOKEN_USER>() {
                return Err(io::Error::last_os_error());
            }
            let mut buffer = vec![0u64; (len as usize).div_ceil(8)];
            // SAFETY: the buffer holds `len` bytes, aligned for TOKEN_USER.
            check(unsafe { GetTokenInformation(token.0, TokenUser, buffer.as_mut_ptr().cast(), len, &mut len) })?;
            Ok(CurrentUser(buffer))
        }

        fn sid(&self) -> PSID {
            // SAFETY: GetTokenInformation filled the buffer with a TOKEN_USER.
            unsafe { (*self.0.as_ptr().cast::<TOKEN_USER>()).User.Sid }
        }
    }

    /// A DACL granting each of `sids` full access and nobody anything else, in a DWORD-aligned
    /// buffer.
    fn acl_granting(sids: &[PSID]) -> io::Result<Vec<u64>> {
        let ace_len = size_of::<ACCESS_ALLOWED_ACE>() - size_of::<u32>();
        // SAFETY: valid SIDs (the current user's, or well-known ones).
        let len = size_of::<ACL>()
            + sids
                .iter()
                .map(|&sid| ace_len + unsafe { GetLengthSid(sid) } as usize)
                .sum::<usize>();
        let mut buffer = vec![0u64; len.div_ceil(8)];
        let acl = buffer.as_mut_ptr().cast::<ACL>();
        // SAFETY: the buffer is large enough for the ACL header and one ACE per SID.
        check(unsafe { InitializeAcl(acl, (buffer.len() * 8) as u32, ACL_REVISION) })?;
        for &sid in sids {
            check(unsafe { AddAccessAllowedAce(acl, ACL_REVISION, FILE_ALL_ACCESS, sid) })?;
        }
        Ok(buffer)
    }

    pub fn open_for_reading(path: &Path) -> io::Result<File> {
        File::open(path)
    }

    pub fn create_private(path: &Path) -> io::Result<File> {
        let user = CurrentUser::get()?;
        let mut acl = acl_granting(&[user.sid()])?;
        // SAFETY: zeroed is a valid starting state; InitializeSecurityDescriptor sets it up.
        let mut descriptor: SECURITY_DESCRIPTOR = unsafe { zeroed() };
        let descriptor_ptr: PSECURITY_DESCRIPTOR = (&mut descriptor as *mut SECURITY_DESCRIPTOR).cast();
        // SAFETY: descriptor and ACL live until CreateFileW has returned.
        check(unsafe { InitializeSecurityDescriptor(descriptor_ptr, SECURITY_DESCRIPTOR_REVISION) })?;
        check(unsafe { SetSecurityDescriptorDacl(descriptor_ptr, 1, acl.as_mut_ptr().cast::<ACL>(), 0) })?;
        // Protected: the directory's inheritable entries are not added to it.
        check(unsafe { SetSecurityDescriptorControl(descriptor_ptr, SE_DACL_PROTECTED, SE_DACL_PROTECTED) })?;
        let attributes = SECURITY_ATTRIBUTES {
            nLength: size_of::<SECURITY_ATTRIBUTES>() as u32,
            lpSecurityDescriptor: descriptor_ptr,
            bInheritHandle: 0,
        };
        let wide: Vec<u16> = path.as_os_str().encode_wide().chain(Some(0)).collect();
        // SAFETY: a NUL-terminated path and attributes valid for the call; the sharing mode is
        // std's, so that the file can be renamed over while another process reads it.
        let handle = unsafe {
            CreateFileW(
                wide.as_ptr(),
                GENERIC_READ | GENERIC_WRITE,
                FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                &attributes,
                CREATE_NEW,
                FILE_ATTRIBUTE_NORMAL,
                null_mut(),
            )
        };
        if handle == INVALID_HANDLE_VALUE {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a new handle that nothing else owns.
        Ok(unsafe { File::from_raw_handle(handle) })
    }

    pub fn exposure(file: &File) -> io::Result<Option<String>> {
        let mut dacl: *mut ACL = null_mut();
        let mut descriptor: PSECURITY_DESCRIPTOR = null_mut();
        // SAFETY: an open handle (std opens files for reading with READ_CONTROL); the system
        // allocates the descriptor that `dacl` points into, freed by LocalMemory.
        let status = unsafe {
            GetSecurityInfo(
                file.as_raw_handle() as HANDLE,
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION,
                null_mut(),
                null_mut(),
                &mut dacl,
                null_mut(),
                &mut descriptor,
            )
        };
        if status != ERROR_SUCCESS {
            return Err(io::Error::from_raw_os_error(status as i32));
        }
        let _descriptor = LocalMemory(descriptor);
        if dacl.is_null() {
            return Ok(Some("it has no access control list: everyone may read and change it".into()));
        }
        let user = CurrentUser::get()?;
        // SAFETY: a valid ACL returned by GetSecurityInfo.
        let count = unsafe { (*dacl).AceCount };
        for index in 0..u32::from(count) {
            let mut ace: *mut c_void = null_mut();
            // SAFETY: index < AceCount.
            check(unsafe { GetAce(dacl, index, &mut ace) })?;
            // SAFETY: every ACE starts with an ACE_HEADER.
            let header = unsafe { &*ace.cast::<ACE_HEADER>() };
            let allows = matches!(
                u32::from(header.AceType),
                ACCESS_ALLOWED_ACE_TYPE | ACCESS_ALLOWED_CALLBACK_ACE_TYPE
            );
            if !allows || u32::from(header.AceFlags) & INHERIT_ONLY_ACE != 0 {
                continue;
            }
            // SAFETY: both allowing types start with the header, the mask and the SID.
            let allowed = unsafe { &*ace.cast::<ACCESS_ALLOWED_ACE>() };
            let sid: PSID = (&allowed.SidStart as *const u32).cast_mut().cast();
            if allowed.Mask & RIGHTS_OF_THE_OWNER_ALONE == 0 || is_trusted(sid, &user) {
                continue;
            }
            return Ok(Some(format!("the account {} may read or change it", sid_text(sid))));
        }
        Ok(None)
    }

    /// The current user, and the accounts that may read every file anyway.
    fn is_trusted(sid: PSID, user: &CurrentUser) -> bool {
        // SAFETY: valid SIDs.
        unsafe {
            EqualSid(sid, user.sid()) != 0
                || IsWellKnownSid(sid, WinLocalSystemSid) != 0
                || IsWellKnownSid(sid, WinBuiltinAdministratorsSid) != 0
        }
    }

    /// `S-1-5-32-545` and the like.
    fn sid_text(sid: PSID) -> String {
        let mut text: *mut u16 = null_mut();
        // SAFETY: a valid SID; the system allocates `text`, freed by LocalMemory.
        if unsafe { ConvertSidToStringSidW(sid, &mut text) } == 0 {
            return "(unknown)".into();
        }
        let _text = LocalMemory(text.cast());
        // SAFETY: a NUL-terminated string from ConvertSidToStringSidW.
        let len = (0..).take_while(|&i| unsafe { *text.add(i) } != 0).count();
        String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(text, len) })
    }

    pub fn how_to_restrict(path: &Path) -> String {
        format!(
            "run icacls \"{}\" /inheritance:r /grant:r \"%USERNAME%:F\", or delete it (it is created again, owner-only)",
            path.display()
        )
    }

    pub fn try_lock(file: &File) -> io::Result<bool> {
        // SAFETY: zeroed is how an OVERLAPPED for offset 0 starts.
        let mut overlapped: OVERLAPPED = unsafe { zeroed() };
        let flags = LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY;
        // SAFETY: an open, synchronous handle; the first byte is the lock.
        if unsafe { LockFileEx(file.as_raw_handle() as HANDLE, flags, 0, 1, 0, &mut overlapped) } != 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(code) if code == ERROR_LOCK_VIOLATION as i32 => Ok(false),
            _ => Err(e),
        }
    }

    pub fn unlock(file: &File) {
        // SAFETY: as in try_lock.
        let mut overlapped: OVERLAPPED = unsafe { zeroed() };
        unsafe { UnlockFileEx(file.as_raw_handle() as HANDLE, 0, 1, 0, &mut overlapped) };
    }

    /// Gives everyone (S-1-1-0) full access to `path`, as a careless `icacls` would.
    #[cfg(test)]
    pub fn let_everyone_in(path: &Path) -> io::Result<()> {
        use std::os::windows::fs::OpenOptionsExt;
        use windows_sys::Win32::Security::Authorization::SetSecurityInfo;
        use windows_sys::Win32::Security::{CreateWellKnownSid, WinWorldSid, PROTECTED_DACL_SECURITY_INFORMATION, SECURITY_MAX_SID_SIZE};
        use windows_sys::Win32::Storage::FileSystem::{READ_CONTROL, WRITE_DAC};
        let mut everyone = vec![0u64; (SECURITY_MAX_SID_SIZE as usize).div_ceil(8)];
        let mut len = SECURITY_MAX_SID_SIZE;
        // SAFETY: the buffer holds the largest SID.
        check(unsafe { CreateWellKnownSid(WinWorldSid, null_mut(), everyone.as_mut_ptr().cast(), &mut len) })?;
        let user = CurrentUser::get()?;
        let acl = acl_granting(&[user.sid(), everyone.as_mut_ptr().cast()])?;
        let file = std::fs::OpenOptions::new()
            .read(true)
            .access_mode(READ_CONTROL | WRITE_DAC)
            .open(path)?;
        let info = DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION;
        // SAFETY: an open handle with WRITE_DAC and a valid ACL.
        let status = unsafe {
            SetSecurityInfo(
                file.as_raw_handle() as HANDLE,
                SE_FILE_OBJECT,
                info,
                null_mut(),
                null_mut(),
                acl.as_ptr().cast(),
                null_mut(),
            )
        };
        if status != ERROR_SUCCESS {
            return Err(io::Error::from_raw_os_error(status as i32));
        }
        Ok(())
    }

    /// Windows makes a rename durable without flushing the directory (std cannot open one).
    pub fn sync_directory(_: &Path) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("libdpop-private-file-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_replaced_file_is_private_and_whole() {
        let dir = scratch("replace");
        let path = dir.join("f.json");
        replace(&path, b"first").unwrap();
        replace(&path, b"second").unwrap();
        let file = open_existing(&path).unwrap().expect("the file");
        assert_eq!(exposure(&file).unwrap(), None);
        assert_eq!(read_bounded(file, 100).unwrap(), b"second");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temp file left");
        assert!(open_existing(&dir.join("absent")).unwrap().is_none());
        // Windows refuses to open a directory as a file before we can look at it.
        let not_a_file = open_existing(&dir).unwrap_err().to_string();
        assert!(cfg!(windows) || not_a_file.contains("not a regular file"), "{not_a_file}");
        assert_eq!(
            read_bounded(File::open(&path).unwrap(), 3).unwrap(),
            b"seco",
            "one byte past the limit"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_others_may_read_is_named_with_the_fix() {
        let dir = scratch("exposed");
        let path = dir.join("f.json");
        replace(&path, b"x").unwrap();
        os::let_everyone_in(&path).unwrap();
        let who = exposure(&File::open(&path).unwrap()).unwrap().expect("exposed");
        let fix = how_to_restrict(&path);
        let _ = fs::remove_dir_all(&dir);
        #[cfg(unix)]
        assert!(who.contains("mode is 0644") && fix.contains("chmod 600"), "{who}; {fix}");
        #[cfg(windows)]
        assert!(who.contains("S-1-1-0") && fix.contains("icacls"), "{who}; {fix}");
    }

    #[test]
    fn files_opened_for_writing_are_created_private_and_keep_their_rights() {
        let dir = scratch("writing");
        let path = dir.join("session.log");
        open_for_writing(&path, true).unwrap().write_all(b"one ").unwrap();
        open_for_writing(&path, true).unwrap().write_all(b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one two");
        assert_eq!(exposure(&File::open(&path).unwrap()).unwrap(), None, "created owner-only");
        os::let_everyone_in(&path).unwrap();
        open_for_writing(&path, false).unwrap().write_all(b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new", "truncated");
        assert!(
            exposure(&File::open(&path).unwrap()).unwrap().is_some(),
            "an existing file keeps its rights"
        );
        assert!(open_for_writing(&dir.join("absent-dir").join("f"), true).is_err());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn locks_exclude_each_other_until_dropped() {
        let dir = scratch("lock");
        let path = dir.join("f.lock");
        let held = FileLock::acquire(&path, Duration::ZERO).unwrap().expect("free");
        let started = Instant::now();
        assert!(FileLock::acquire(&path, Duration::from_millis(150)).unwrap().is_none());
        assert!(started.elapsed() >= Duration::from_millis(150));
        drop(held);
        assert!(FileLock::acquire(&path, Duration::ZERO).unwrap().is_some(), "free again");
        let _ = fs::remove_dir_all(&dir);
    }
}
