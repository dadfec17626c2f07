//! The only door to the outside: reading files, listing folders, the clock
//! and the environment. The compiler takes a `&dyn World`, so tests run
//! entirely in memory (`MemWorld`) and a build never depends on the machine's
//! clock unless the command line asks for it.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;

/// Files larger than this are refused with a message instead of being read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

pub trait World: Sync {
    /// The bytes of a file.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Whether `path` is a directory (false when it does not exist).
    fn is_dir(&self, path: &Path) -> bool;
    /// The entries of a directory, sorted by name.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>>;
    /// Today's date, for commands that default to "this year".
    fn today(&self) -> NaiveDate;
    /// An environment variable.
    fn env(&self, key: &str) -> Option<String>;

    // Output, used only by `build`.

    /// Whether anything (file or directory) exists at `path`.
    fn exists(&self, path: &Path) -> bool;
    fn create_dir_all(&self, path: &Path) -> io::Result<()>;
    /// Writes a whole file, replacing it.
    fn write_file(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Renames a file or a directory (atomic on one file system).
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn remove_dir_all(&self, path: &Path) -> io::Result<()>;
}

/// The real file system and clock.
#[derive(Debug, Default)]
pub struct OsWorld;

impl World for OsWorld {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let meta = std::fs::metadata(path)?;
        if meta.is_dir() {
            return Err(io::Error::other("is a directory"));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(io::Error::other(format!(
                "file is {} MB; almanac reads plans of at most {} MB",
                meta.len() / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            )));
        }
        std::fs::read(path)
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

    fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_dir_all(path)
    }
}

/// An in-memory world for tests: files by path, a fixed date, fixed variables.
#[derive(Debug)]
pub struct MemWorld {
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    pub today: NaiveDate,
    pub vars: BTreeMap<String, String>,
    /// What `build` wrote: files, and directories created.
    pub out: Mutex<MemOut>,
    /// Fail every write after this many have succeeded (to test atomicity).
    pub fail_after_writes: Option<usize>,
}

#[derive(Debug, Default)]
pub struct MemOut {
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    pub dirs: BTreeSet<PathBuf>,
    pub writes: usize,
}

impl Default for MemWorld {
    fn default() -> Self {
        MemWorld {
            files: BTreeMap::new(),
            today: NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date"),
            vars: BTreeMap::new(),
            out: Mutex::new(MemOut::default()),
            fail_after_writes: None,
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
        self.out.lock().unwrap_or_else(|e| e.into_inner())
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
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if let Some(b) = self.out().files.get(path) {
            return Ok(b.clone());
        }
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "No such file or directory"))
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
        let mut out = self.out();
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
        let mut out = self.out();
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
        let mut out = self.out();
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

    fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
        let mut out = self.out();
        out.files.retain(|p, _| !p.starts_with(path));
        out.dirs.retain(|p| !p.starts_with(path));
        Ok(())
    }
}
