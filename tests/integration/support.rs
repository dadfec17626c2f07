//! Helpers: run the real binary in a temporary directory and capture
//! stdout, stderr and the exit code together.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_almanac"))
}

/// The almanac binary with no CI variables and an environment that names
/// no language (messages follow the plan's `locale`, else English).
pub fn almanac() -> Command {
    let mut c = Command::new(bin());
    c.env_remove("GITHUB_ACTIONS")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    c
}

/// Runs `almanac args…` in `dir`, with no colour (see [`almanac`]).
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = almanac()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the almanac binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A temporary directory with files written into it.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn file(self, name: &str, bytes: impl AsRef<[u8]>) -> Scratch {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(p, bytes).expect("write");
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args)
    }

    /// The bundled example plans under `plans/`, each passed through `edit`.
    pub fn with_examples(mut self, edit: impl Fn(String) -> String) -> Scratch {
        for f in EXAMPLES {
            let text = std::fs::read_to_string(repo().join("plans").join(f)).expect("example");
            self = self.file(&format!("plans/{f}"), edit(text));
        }
        self
    }
}

/// The example plans and their fragment, relative to `plans/`.
pub const EXAMPLES: [&str; 4] = [
    "new-media-2025.toml",
    "new-media-2026.toml",
    "northbeam-2027.toml",
    "shared/team.toml",
];

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file below `dir` with its bytes, paths relative to `dir`, sorted.
pub fn all_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                out.push((p.strip_prefix(dir).expect("prefix").to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

/// Runs `git` in `dir`; a failure fails the test with git's message.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
