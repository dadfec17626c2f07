//! The only door to the outside: reading files, listing folders, the clock
//! and the environment. The compiler takes a `&dyn World`, so tests run
//! entirely in memory (`MemWorld`) and a build never depends on the machine's
//! clock unless the command line asks for it.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

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
}

/// An in-memory world for tests: files by path, a fixed date, fixed variables.
#[derive(Debug)]
pub struct MemWorld {
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    pub today: NaiveDate,
    pub vars: BTreeMap<String, String>,
}

impl Default for MemWorld {
    fn default() -> Self {
        MemWorld {
            files: BTreeMap::new(),
            today: NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date"),
            vars: BTreeMap::new(),
        }
    }
}

impl MemWorld {
    pub fn with_file(mut self, path: impl Into<PathBuf>, text: impl Into<Vec<u8>>) -> Self {
        self.files.insert(path.into(), text.into());
        self
    }
}

impl World for MemWorld {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "No such file or directory"))
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.files.keys().any(|p| p.parent() == Some(path)) && !self.files.contains_key(path)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let mut out: Vec<PathBuf> = Vec::new();
        for p in self.files.keys() {
            let Ok(rest) = p.strip_prefix(path) else {
                continue;
            };
            let Some(first) = rest.components().next() else {
                continue;
            };
            let child = path.join(first);
            if !out.contains(&child) {
                out.push(child);
            }
        }
        if out.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "No such file or directory",
            ));
        }
        out.sort();
        Ok(out)
    }

    fn today(&self) -> NaiveDate {
        self.today
    }

    fn env(&self, key: &str) -> Option<String> {
        self.vars.get(key).cloned()
    }
}
