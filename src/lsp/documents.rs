//! The documents the editor has open, and the file system as `check` sees
//! it while they are: an open document's unsaved text stands in for the
//! file on disk, so diagnostics follow what is typed, not what was saved.
//! Everything else (folders, the project root, the clock) is the real
//! world's.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lsp_types::Uri;

use crate::world::World;

/// An open document.
pub struct Doc {
    pub uri: Uri,
    pub text: String,
    pub version: i32,
}

/// The open documents, by the path their URI names.
#[derive(Default)]
pub struct Documents {
    by_path: BTreeMap<PathBuf, Doc>,
}

impl Documents {
    pub fn open(&mut self, path: PathBuf, doc: Doc) {
        self.by_path.insert(path, doc);
    }

    pub fn close(&mut self, path: &Path) -> Option<Doc> {
        self.by_path.remove(path)
    }

    pub fn get(&self, path: &Path) -> Option<&Doc> {
        self.by_path.get(path)
    }

    pub fn get_mut(&mut self, path: &Path) -> Option<&mut Doc> {
        self.by_path.get_mut(path)
    }
}

/// The world with the open documents over it.
pub struct Overlay<'a> {
    pub base: &'a dyn World,
    pub docs: &'a Documents,
}

impl World for Overlay<'_> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.docs.get(path) {
            Some(d) => Ok(d.text.as_bytes().to_vec()),
            None => self.base.read(path),
        }
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        // A document not yet saved has no file to resolve; it is itself.
        match self.base.canonicalize(path) {
            Err(_) if self.docs.get(path).is_some() => Ok(path.to_path_buf()),
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

    // The server checks; it never writes.

    fn exists(&self, path: &Path) -> bool {
        self.docs.get(path).is_some() || self.base.exists(path)
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
        "the language server does not write files",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::MemWorld;

    #[test]
    fn an_open_document_stands_in_for_its_file() {
        let base = MemWorld::default().with_file("/p/plan.toml", "saved");
        let mut docs = Documents::default();
        let uri: Uri = "file:///p/plan.toml"
            .parse()
            .unwrap_or_else(|_| panic!("a URI"));
        docs.open(
            PathBuf::from("/p/plan.toml"),
            Doc {
                uri,
                text: "typed".into(),
                version: 2,
            },
        );
        let read = |docs: &Documents| {
            let w = Overlay { base: &base, docs };
            w.read(Path::new("/p/plan.toml")).ok()
        };
        assert_eq!(read(&docs), Some(b"typed".to_vec()));
        docs.close(Path::new("/p/plan.toml"));
        assert_eq!(read(&docs), Some(b"saved".to_vec()));
        let w = Overlay {
            base: &base,
            docs: &docs,
        };
        assert!(w.write_file(Path::new("/p/x"), b"").is_err());
    }
}
