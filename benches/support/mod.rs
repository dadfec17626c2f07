//! What the benchmarks share: the example plans, read from the repository
//! into an in-memory world.

use std::path::{Path, PathBuf};

use almanac::world::MemWorld;

/// The example plans (and `extra` more files of `plans/`), under `root`.
pub fn examples(root: &Path, extra: &[&str]) -> MemWorld {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut w = MemWorld::default();
    let files = [
        "plans/new-media-2025.toml",
        "plans/new-media-2026.toml",
        "plans/shared/team.toml",
    ];
    for f in files.iter().chain(extra) {
        let bytes = std::fs::read(repo.join(f)).expect("example plan");
        w.files.insert(root.join(f), bytes);
    }
    w
}
