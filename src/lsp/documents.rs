//! The documents the editor has open, and the file system as `check` sees
//! it while they are: an open document's unsaved text stands in for the
//! file on disk, so diagnostics follow what is typed, not what was saved.
//! Everything else (folders, the project root, the clock) is the real
//! world's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_types::Uri;

use crate::world::Replaced;

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

/// An open document's text stands in for its file.
impl Replaced for Documents {
    fn replaced(&self, path: &Path) -> Option<&[u8]> {
        self.get(path).map(|d| d.text.as_bytes())
    }
}

/// The world with the open documents over it.
pub type Overlay<'a> = crate::world::Overlay<'a, Documents>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{MemWorld, World};

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
            let w = Overlay {
                base: &base,
                files: docs,
            };
            w.read(Path::new("/p/plan.toml")).ok()
        };
        assert_eq!(read(&docs), Some(b"typed".to_vec()));
        docs.close(Path::new("/p/plan.toml"));
        assert_eq!(read(&docs), Some(b"saved".to_vec()));
        let w = Overlay {
            base: &base,
            files: &docs,
        };
        assert!(w.write_file(Path::new("/p/x"), b"").is_err());
    }
}
