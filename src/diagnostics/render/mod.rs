//! Renderers: one file per output format, each a pure function from
//! diagnostics and the source map to text. The CLI picks one and prints.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;

pub use github::{render_github, render_github_summary};
pub use human::render_human;
pub use json::render_json;
pub use sarif::render_sarif;
pub use short::render_short;

use std::path::Path;

/// A path as machine formats print it: with `/` separators on every system.
pub(crate) fn slash_path(path: &Path) -> String {
    let s = path.display().to_string();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s
    }
}
