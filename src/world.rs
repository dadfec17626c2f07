//! The only door to the outside: reading files, listing folders, the clock
//! and the environment. The compiler takes a `&dyn World`, so tests run
//! entirely in memory (`MemWorld`) and a build never depends on the machine's
//! clock unless the command line asks for it.

// This is the one module that reaches the file system, the environment
// and the clock; everything else goes through `World` (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;

/// Files larger than this are refused with a message instead of being read
/// (16 MiB: a generated plan of 10,000 campaigns and 90,000 tasks is 11 MB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The error for a file over [`MAX_FILE_BYTES`].
fn too_large(len: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "it is larger than {} MiB ({len} bytes), the most almanac reads",
            MAX_FILE_BYTES >> 20
        ),
    )
}

/// The error for something that is not a regular file.
fn not_a_file(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file"),
    )
}

pub trait World: Sync {
    /// The bytes of a regular file (after symlinks) of at most
    /// [`MAX_FILE_BYTES`]. Anything else — a folder, a FIFO, a device, a
    /// socket, a larger file — is refused from its metadata, before it is
    /// opened, so reading never blocks or runs on.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// The absolute path with every symlink resolved (`Err` when nothing
    /// is there).
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    /// Whether `path` is a directory (false when it does not exist).
    fn is_dir(&self, path: &Path) -> bool;
    /// The entries of a directory, sorted by name.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>>;
    /// Today's date, for commands that default to "this year".
    fn today(&self) -> NaiveDate;
    /// An environment variable.
    fn env(&self, key: &str) -> Option<String>;
    /// Standard input, read to its end (at most [`MAX_FILE_BYTES`]), for
    /// `fmt --stdin`.
    fn stdin(&self) -> io::Result<Vec<u8>> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "no standard input here",
        ))
    }

    // Output, used only by `build`.

    /// Whether anything (file or directory) exists at `path`.
    fn exists(&self, path: &Path) -> bool;
    fn create_dir_all(&self, path: &Path) -> io::Result<()>;
    /// Writes a whole file, replacing it.
    fn write_file(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Renames a file or a directory (atomic on one file system).
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Swaps two folders in one atomic step, so that neither name is ever
    /// missing. `Err` of kind `Unsupported` where the system cannot.
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()>;
    /// Waits for and takes an exclusive lock on the folder `dir`, held
    /// until the guard is dropped or the process ends, however it ends.
    fn lock(&self, dir: &Path) -> io::Result<Box<dyn std::any::Any>>;
    fn remove_dir_all(&self, path: &Path) -> io::Result<()>;
    /// Whether the file (after symlinks) has no write permission.
    fn is_readonly(&self, path: &Path) -> io::Result<bool>;
    /// Gives `to` the permissions of `from` (before `to` replaces `from`).
    fn copy_permissions(&self, from: &Path, to: &Path) -> io::Result<()>;
}

/// The real file system and clock.
#[derive(Debug, Default)]
pub struct OsWorld;

impl World for OsWorld {
    fn stdin(&self) -> io::Result<Vec<u8>> {
        use std::io::Read;
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(bytes.len() as u64));
        }
        Ok(bytes)
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        use std::io::Read;
        regular(&std::fs::metadata(path)?)?;
        // Opened without blocking (a FIFO swapped in after the check would
        // otherwise wait for a writer), checked again on the open file, and
        // read no further than the cap.
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
        let file = options.open(path)?;
        let len = regular(&file.metadata()?)?;
        let mut bytes = Vec::with_capacity(len as usize);
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(bytes.len() as u64));
        }
        Ok(bytes)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(path)? {
            out.push(entry?.path());
        }
        out.sort();
        Ok(out)
    }

    fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }

    fn env(&self, key: &str) -> Option<String> {
        std::env::var(key).ok()
    }

    fn exists(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok()
    }

    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        std::fs::create_dir_all(path)
    }

    fn write_file(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(path, bytes)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    #[cfg(target_os = "linux")]
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        use std::os::unix::ffi::OsStrExt;
        let c =
            |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
        let (a, b) = (c(a)?, c(b)?);
        // SAFETY: both paths are NUL-terminated strings that outlive the
        // call; renameat2 reads them and touches no other memory.
        let r = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if r == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            // An old kernel, or a file system without the flag.
            Some(libc::ENOSYS | libc::EINVAL) => Err(io::Error::new(io::ErrorKind::Unsupported, e)),
            _ => Err(e),
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn exchange(&self, _: &Path, _: &Path) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }

    /// The folder itself is locked where the system allows it (no lock
    /// file is left among the outputs); elsewhere a `.almanac.lock` in it.
    fn lock(&self, dir: &Path) -> io::Result<Box<dyn std::any::Any>> {
        #[cfg(unix)]
        let file = std::fs::File::open(dir)?;
        #[cfg(not(unix))]
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(".almanac.lock"))?;
        file.lock()?;
        Ok(Box::new(file))
    }

    fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_dir_all(path)
    }

    fn is_readonly(&self, path: &Path) -> io::Result<bool> {
        Ok(std::fs::metadata(path)?.permissions().readonly())
    }

    fn copy_permissions(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::set_permissions(to, std::fs::metadata(from)?.permissions())
    }
}

/// The length of a regular file within the cap; an error naming what else
/// the metadata describes.
fn regular(meta: &std::fs::Metadata) -> io::Result<u64> {
    let t = meta.file_type();
    if t.is_file() {
        return if meta.len() > MAX_FILE_BYTES {
            Err(too_large(meta.len()))
        } else {
            Ok(meta.len())
        };
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let what = if t.is_fifo() {
            Some("a named pipe (FIFO)")
        } else if t.is_char_device() || t.is_block_device() {
            Some("a device")
        } else if t.is_socket() {
            Some("a socket")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(not_a_file(what));
        }
    }
    Err(not_a_file(if t.is_dir() {
        "a folder"
    } else {
        "not a file"
    }))
}

/// Files whose text stands in for what is on disk (see [`Overlay`]).
pub trait Replaced: Sync {
    /// The text that stands in for `path`, if any.
    fn replaced(&self, path: &Path) -> Option<&[u8]>;
}

/// One file's new text: a plan before it is written.
impl Replaced for (PathBuf, Vec<u8>) {
    fn replaced(&self, path: &Path) -> Option<&[u8]> {
        (path == self.0).then_some(self.1.as_slice())
    }
}

/// A read-only view of `base` in which some files hold other text: the
/// language server's unsaved documents, a plan an import would write, so
/// that `check` reads what is typed or about to be written. A replaced
/// file is found by the path given or by its canonical path; one that does
/// not exist on disk yet is its own canonical path. Folders, the clock and
/// the environment are the base's, and it writes nothing.
pub struct Overlay<'a, R: Replaced + ?Sized> {
    pub base: &'a dyn World,
    pub files: &'a R,
}

impl<R: Replaced + ?Sized> Overlay<'_, R> {
    fn replaced(&self, path: &Path) -> Option<&[u8]> {
        self.files.replaced(path).or_else(|| {
            let real = self.base.canonicalize(path).ok()?;
            self.files.replaced(&real)
        })
    }
}

impl<R: Replaced + ?Sized> World for Overlay<'_, R> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.replaced(path) {
            Some(b) => Ok(b.to_vec()),
            None => self.base.read(path),
        }
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        match self.base.canonicalize(path) {
            Err(_) if self.files.replaced(path).is_some() => Ok(path.to_path_buf()),
            r => r,
        }
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.base.is_dir(path)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        self.base.read_dir(path)
    }

    fn today(&self) -> NaiveDate {
        self.base.today()
    }

    fn env(&self, key: &str) -> Option<String> {
        self.base.env(key)
    }

    fn exists(&self, path: &Path) -> bool {
        self.files.replaced(path).is_some() || self.base.exists(path)
    }

    fn create_dir_all(&self, _: &Path) -> io::Result<()> {
        Err(read_only())
    }

    fn write_file(&self, _: &Path, _: &[u8]) -> io::Result<()> {
        Err(read_only())
    }

    fn rename(&self, _: &Path, _: &Path) -> io::Result<()> {
        Err(read_only())
    }

    fn exchange(&self, _: &Path, _: &Path) -> io::Result<()> {
        Err(read_only())
    }

    fn lock(&self, _: &Path) -> io::Result<Box<dyn std::any::Any>> {
        Err(read_only())
    }

    fn remove_dir_all(&self, _: &Path) -> io::Result<()> {
        Err(read_only())
    }

    fn is_readonly(&self, path: &Path) -> io::Result<bool> {
        self.base.is_readonly(path)
    }

    fn copy_permissions(&self, _: &Path, _: &Path) -> io::Result<()> {
        Err(read_only())
    }
}

fn read_only() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "a view for checking writes nothing",
    )
}

/// An in-memory world for tests: files by path, a fixed date, fixed variables.
#[derive(Debug)]
pub struct MemWorld {
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    pub today: NaiveDate,
    pub vars: BTreeMap<String, String>,
    /// What standard input holds.
    pub stdin: Vec<u8>,
    /// What `build` wrote: files, and directories created.
    pub out: Mutex<MemOut>,
    /// Fail every write after this many have succeeded (to test atomicity).
    pub fail_after_writes: Option<usize>,
    /// Die after this many changes to the output (writes, folders made,
    /// renames, exchanges, removals): every later change fails and does
    /// nothing, as if the process had been killed between two system calls.
    pub die_after_changes: Option<usize>,
}

#[derive(Debug, Default)]
pub struct MemOut {
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    pub dirs: BTreeSet<PathBuf>,
    pub writes: usize,
    /// Changes made so far (see `MemWorld::die_after_changes`).
    pub changes: usize,
}

impl Default for MemWorld {
    fn default() -> Self {
        MemWorld {
            files: BTreeMap::new(),
            today: NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date"),
            vars: BTreeMap::new(),
            stdin: Vec::new(),
            out: Mutex::new(MemOut::default()),
            fail_after_writes: None,
            die_after_changes: None,
        }
    }
}

impl MemWorld {
    pub fn with_file(mut self, path: impl Into<PathBuf>, text: impl Into<Vec<u8>>) -> Self {
        self.files.insert(path.into(), text.into());
        self
    }
}

impl MemWorld {
    fn out(&self) -> std::sync::MutexGuard<'_, MemOut> {
        self.out
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The output, to make one change to it; `Err` once the simulated
    /// process has died.
    fn change(&self) -> io::Result<std::sync::MutexGuard<'_, MemOut>> {
        let mut out = self.out();
        if self.die_after_changes.is_some_and(|n| out.changes >= n) {
            return Err(io::Error::other("the process was killed"));
        }
        out.changes += 1;
        Ok(out)
    }

    /// A file `build` wrote.
    pub fn written(&self, path: impl AsRef<Path>) -> Option<Vec<u8>> {
        self.out().files.get(path.as_ref()).cloned()
    }

    /// Every file `build` wrote under `dir`.
    pub fn written_under(&self, dir: impl AsRef<Path>) -> Vec<PathBuf> {
        let dir = dir.as_ref();
        self.out()
            .files
            .keys()
            .filter(|p| p.starts_with(dir))
            .cloned()
            .collect()
    }
}

impl World for MemWorld {
    fn stdin(&self) -> io::Result<Vec<u8>> {
        Ok(self.stdin.clone())
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if let Some(b) = self.out().files.get(path) {
            return Ok(b.clone());
        }
        match self.files.get(path) {
            Some(b) if b.len() as u64 > MAX_FILE_BYTES => Err(too_large(b.len() as u64)),
            Some(b) => Ok(b.clone()),
            None if self.is_dir(path) => Err(not_a_file("a folder")),
            None => Err(io::Error::new(
                io::ErrorKind::NotFound,
                "No such file or directory",
            )),
        }
    }

    /// The path without `.` and `..` (no symlinks here); the top folder,
    /// which holds every relative path, is the empty path.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let p = normalize(path);
        if p == Path::new(".") {
            return Ok(PathBuf::new());
        }
        let up = matches!(p.components().next(), Some(std::path::Component::ParentDir));
        if up || !self.exists(&p) {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "No such file or directory",
            ));
        }
        Ok(p)
    }

    fn is_dir(&self, path: &Path) -> bool {
        let out = self.out();
        out.dirs.contains(path)
            || (self.files.keys().any(|p| p.parent() == Some(path))
                && !self.files.contains_key(path))
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let out = self.out();
        let mut found: Vec<PathBuf> = Vec::new();
        let written = out.files.keys().chain(out.dirs.iter());
        for p in self.files.keys().chain(written) {
            let Ok(rest) = p.strip_prefix(path) else {
                continue;
            };
            let Some(first) = rest.components().next() else {
                continue;
            };
            let child = path.join(first);
            if !found.contains(&child) {
                found.push(child);
            }
        }
        if found.is_empty() && !out.dirs.contains(path) {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "No such file or directory",
            ));
        }
        found.sort();
        Ok(found)
    }

    fn today(&self) -> NaiveDate {
        self.today
    }

    fn env(&self, key: &str) -> Option<String> {
        self.vars.get(key).cloned()
    }

    fn exists(&self, path: &Path) -> bool {
        let out = self.out();
        out.files.contains_key(path)
            || out.dirs.contains(path)
            || self.files.contains_key(path)
            || self.files.keys().any(|p| p.starts_with(path))
    }

    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        let mut out = self.change()?;
        if out.files.contains_key(path) || self.files.contains_key(path) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, "File exists"));
        }
        let mut p = path.to_path_buf();
        loop {
            out.dirs.insert(p.clone());
            if !p.pop() || p.as_os_str().is_empty() {
                break;
            }
        }
        Ok(())
    }

    fn write_file(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut out = self.change()?;
        if self.fail_after_writes.is_some_and(|n| out.writes >= n) {
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ));
        }
        if path
            .parent()
            .is_some_and(|d| !d.as_os_str().is_empty() && !out.dirs.contains(d))
        {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "No such file or directory",
            ));
        }
        out.writes += 1;
        out.files.insert(path.to_path_buf(), bytes.to_vec());
        Ok(())
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        rename_in(&mut *self.change()?, from, to)
    }

    /// One change, like the system call it stands for.
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        let mut out = self.change()?;
        let swap = a.with_file_name(".almanac-mem-exchange");
        rename_in(&mut out, a, &swap)?;
        rename_in(&mut out, b, a)?;
        rename_in(&mut out, &swap, b)
    }

    /// One process: nothing to wait for.
    fn lock(&self, _: &Path) -> io::Result<Box<dyn std::any::Any>> {
        Ok(Box::new(()))
    }

    fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
        let mut out = self.change()?;
        out.files.retain(|p, _| !p.starts_with(path));
        out.dirs.retain(|p| !p.starts_with(path));
        Ok(())
    }

    /// No permissions in memory: every file is writable.
    fn is_readonly(&self, _: &Path) -> io::Result<bool> {
        Ok(false)
    }

    fn copy_permissions(&self, _: &Path, _: &Path) -> io::Result<()> {
        Ok(())
    }
}

/// Renames a file or a folder of `out`.
fn rename_in(out: &mut MemOut, from: &Path, to: &Path) -> io::Result<()> {
    if let Some(b) = out.files.remove(from) {
        out.files.insert(to.to_path_buf(), b);
        return Ok(());
    }
    if !out.dirs.contains(from) {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            "No such file or directory",
        ));
    }
    if out.dirs.contains(to) && out.files.keys().any(|p| p.starts_with(to)) {
        return Err(io::Error::new(
            io::ErrorKind::DirectoryNotEmpty,
            "Directory not empty",
        ));
    }
    let moved: Vec<PathBuf> = out
        .files
        .keys()
        .filter(|p| p.starts_with(from))
        .cloned()
        .collect();
    for p in moved {
        if let (Some(b), Ok(rest)) = (out.files.remove(&p), p.strip_prefix(from)) {
            out.files.insert(to.join(rest), b);
        }
    }
    let dirs: Vec<PathBuf> = out
        .dirs
        .iter()
        .filter(|p| p.starts_with(from))
        .cloned()
        .collect();
    for d in dirs {
        out.dirs.remove(&d);
        if let Ok(rest) = d.strip_prefix(from) {
            out.dirs.insert(to.join(rest));
        }
    }
    Ok(())
}

/// `./a/b/../c.toml` → `a/c.toml`, without touching the file system.
pub fn normalize(p: &Path) -> PathBuf {
    if p.as_os_str().is_empty() || p == Path::new(".") {
        return PathBuf::from(".");
    }
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                let up = matches!(
                    out.components().next_back(),
                    None | Some(std::path::Component::ParentDir)
                );
                if up {
                    out.push("..");
                } else {
                    out.pop();
                }
            }
            c => out.push(c),
        }
    }
    if out.as_os_str().is_empty() {
        return PathBuf::from(".");
    }
    out
}

/// Why a file could not be read or written, for a person: the two common
/// cases in both languages, any other in the system's words.
pub fn io_reason(e: &std::io::Error) -> crate::locale::Msg {
    match e.kind() {
        std::io::ErrorKind::NotFound => crate::tr!("文件不存在", "no such file"),
        std::io::ErrorKind::PermissionDenied => crate::tr!("没有权限", "permission denied"),
        _ => crate::locale::Msg::same(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlay_reads_the_new_text_and_writes_nothing() {
        let base = MemWorld::default()
            .with_file("/p/plan.toml", "saved")
            .with_file("/p/team.toml", "team");
        let new = (PathBuf::from("/p/plan.toml"), b"new".to_vec());
        let w = Overlay {
            base: &base,
            files: &new,
        };
        assert_eq!(
            w.read(Path::new("/p/plan.toml")).ok(),
            Some(b"new".to_vec())
        );
        assert_eq!(
            w.read(Path::new("/p/team.toml")).ok(),
            Some(b"team".to_vec())
        );
        assert!(w.write_file(Path::new("/p/plan.toml"), b"x").is_err());
        assert_eq!(
            base.read(Path::new("/p/plan.toml")).ok(),
            Some(b"saved".to_vec())
        );
        // A file that is not on disk yet is there, as itself.
        let unsaved = (PathBuf::from("/p/new.toml"), b"typed".to_vec());
        let w = Overlay {
            base: &base,
            files: &unsaved,
        };
        assert!(w.exists(Path::new("/p/new.toml")));
        assert_eq!(
            w.canonicalize(Path::new("/p/new.toml")).ok(),
            Some(PathBuf::from("/p/new.toml"))
        );
    }

    #[test]
    fn normalize_removes_dots_lexically() {
        assert_eq!(
            normalize(Path::new("./plans/a.toml")),
            Path::new("plans/a.toml")
        );
        assert_eq!(
            normalize(Path::new("plans/shared/../a.toml")),
            Path::new("plans/a.toml")
        );
        assert_eq!(
            normalize(Path::new("../../a.toml")),
            Path::new("../../a.toml")
        );
        assert_eq!(normalize(Path::new("a/..")), Path::new("."));
    }
}
