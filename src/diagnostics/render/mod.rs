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

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::locale::Msg;
use crate::text::for_display;

/// The diagnostics as every format shows them: the plan text their
/// messages, labels and help quote has its unsafe characters escaped and
/// is clipped (`text::for_display`), so a plan cannot send escape sequences
/// to a terminal or a log, nor fill it. Borrowed when nothing needs it.
pub(crate) fn shown(diags: &[Diagnostic]) -> Cow<'_, [Diagnostic]> {
    let changes = |m: &Msg| {
        matches!(for_display(&m.zh), Cow::Owned(_)) || matches!(for_display(&m.en), Cow::Owned(_))
    };
    let needed = diags.iter().any(|d| {
        changes(&d.message)
            || changes(&d.primary.text)
            || d.secondary.iter().any(|l| changes(&l.text))
            || d.help.iter().any(changes)
    });
    if !needed {
        return Cow::Borrowed(diags);
    }
    let fix = |m: &mut Msg| *m = m.map(|s| for_display(s).into_owned());
    let mut out = diags.to_vec();
    for d in &mut out {
        fix(&mut d.message);
        fix(&mut d.primary.text);
        d.secondary.iter_mut().for_each(|l| fix(&mut l.text));
        d.help.iter_mut().for_each(fix);
    }
    Cow::Owned(out)
}

/// A path as machine formats print it: with `/` separators on every
/// system, and unsafe characters (a file name can hold them) escaped.
pub(crate) fn slash_path(path: &Path) -> String {
    let s = crate::text::escape_unsafe(&path.display().to_string()).into_owned();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s
    }
}
