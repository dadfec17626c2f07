//! The fuzzing corpus and every saved crash, replayed on the stable
//! compiler: each file of `fuzz/corpus/<target>/` and
//! `fuzz/regressions/<target>/` goes through the same function the
//! cargo-fuzz target calls (`almanac::fuzzing`), whose assertions check
//! spans and renderings. A crash once found stays a test here.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use almanac::fuzzing::TARGETS;

use crate::support::repo;

/// The files of a folder, sorted; none when it does not exist.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// Runs `target` on each file; returns the files that panicked, with the
/// panic's message.
fn replay(target: fn(&[u8]), files: &[PathBuf]) -> Vec<String> {
    let mut failed = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).expect("a corpus file is readable");
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| target(&bytes))) {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| {
                    panic
                        .downcast_ref::<&str>()
                        .map(std::string::ToString::to_string)
                })
                .unwrap_or_default();
            failed.push(format!("{}: {why}", f.display()));
        }
    }
    failed
}

fn replay_folder(kind: &str, must_exist: bool) {
    let mut failed = Vec::new();
    for (name, target) in TARGETS {
        let dir = repo().join("fuzz").join(kind).join(name);
        let files = files_in(&dir);
        if must_exist {
            assert!(
                files.len() >= 10,
                "`fuzz/{kind}/{name}` has {} files; build it as fuzz/README.md says",
                files.len()
            );
        }
        failed.extend(replay(*target, &files));
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn the_fuzzing_corpus_replays_cleanly() {
    replay_folder("corpus", true);
}

#[test]
fn every_saved_fuzzing_crash_replays_cleanly() {
    replay_folder("regressions", false);
}

#[test]
fn a_broken_invariant_is_reported_with_its_file() {
    fn boom(data: &[u8]) {
        assert!(data.is_empty(), "not empty");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("x");
    std::fs::write(&f, "1").expect("write");
    let failed = replay(boom, std::slice::from_ref(&f));
    assert_eq!(failed, [format!("{}: not empty", f.display())]);
}
