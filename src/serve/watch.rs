//! Watching the files a site's plans read, with `notify` and its mini
//! debouncer (events within [`DEBOUNCE`] of each other come as one batch).
//! Editors save by writing a new file and renaming it over the old one, so
//! a file's folder is watched, not the file, and events are kept only for
//! the files asked for (or anything below the templates folder). Each
//! batch reaches the rebuild loop as a [`Wake::Changed`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long the watcher waits for more events before reporting a batch.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// What wakes the rebuild loop.
#[derive(Debug)]
pub enum Wake {
    /// Files changed (as `serve::key`s would name them: canonical folders).
    Changed(Vec<PathBuf>),
    /// The watcher failed; the text says why.
    Failed(String),
    /// Ctrl-C.
    Stop,
}

pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher>,
    /// Folders watched, with whether recursively.
    dirs: BTreeSet<(PathBuf, bool)>,
}

impl Watcher {
    /// A watcher that sends its batches to `tx`.
    pub fn new(tx: Sender<Wake>) -> Result<Watcher, String> {
        let debouncer = new_debouncer(DEBOUNCE, move |r: DebounceEventResult| {
            let _ = tx.send(match r {
                Ok(events) => Wake::Changed(events.into_iter().map(|e| e.path).collect()),
                Err(e) => Wake::Failed(e.to_string()),
            });
        })
        .map_err(|e| e.to_string())?;
        Ok(Watcher {
            debouncer,
            dirs: BTreeSet::new(),
        })
    }

    /// Watches the folders of `files` (canonical paths) and, recursively,
    /// `tree`; stops watching folders no longer needed. A folder that
    /// cannot be watched (it is gone) is skipped.
    pub fn set(&mut self, files: &BTreeSet<PathBuf>, tree: Option<&Path>) {
        let mut want: BTreeSet<(PathBuf, bool)> = files
            .iter()
            .filter(|f| Some(f.as_path()) != tree)
            .filter_map(|f| f.parent().map(|d| (d.to_path_buf(), false)))
            .collect();
        if let Some(t) = tree {
            want.insert((t.to_path_buf(), true));
        }
        for gone in self.dirs.difference(&want) {
            let _ = self.debouncer.watcher().unwatch(&gone.0);
        }
        let mut now = BTreeSet::new();
        for (dir, recursive) in want {
            let mode = if recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            if self.dirs.contains(&(dir.clone(), recursive))
                || self.debouncer.watcher().watch(&dir, mode).is_ok()
            {
                now.insert((dir, recursive));
            }
        }
        self.dirs = now;
    }
}

/// The changed paths that matter: files watched, and anything below `tree`.
pub fn relevant(
    changed: Vec<PathBuf>,
    files: &BTreeSet<PathBuf>,
    tree: Option<&Path>,
) -> Vec<PathBuf> {
    changed
        .into_iter()
        .filter(|p| files.contains(p) || tree.is_some_and(|t| p.starts_with(t)))
        .collect()
}
