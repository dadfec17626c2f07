//! `almanac fmt` as a library: a canonical layout for plan files that
//! keeps every comment. Sections and keys are put in the plan format's
//! order (the order of keys in `crate::format`), whitespace is made
//! regular (`layout.rs`), and a few spellings are tidied where the meaning
//! is certainly unchanged (`spelling.rs`). Ids, budget lines and list items
//! keep the order they were written in: that order is part of the plan.
//!
//! A file with TOML errors is not touched; its problems are S001/S002
//! diagnostics, as `check` reports them. Writing is atomic: the new text
//! goes to a file in a hidden folder beside the plan, which is then renamed
//! over it.

mod layout;
mod spelling;

use std::path::{Path, PathBuf};

use crate::check::Expanded;
use crate::diagnostics::{Diagnostic, codes};
use crate::source::{SourceMap, Span};
use crate::tr;
use crate::world::World;
use crate::world::io_reason;
use crate::world::normalize;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A path that could not be used (exit code 2).
#[derive(Debug)]
pub enum FmtError {
    Unreadable {
        path: PathBuf,
        reason: crate::locale::Msg,
    },
    NoFiles {
        path: PathBuf,
    },
    Unwritable {
        path: PathBuf,
        reason: crate::locale::Msg,
    },
    /// The formatter's own failure; `reason` is the TOML parser's words.
    Bug {
        path: PathBuf,
        reason: String,
    },
}

impl FmtError {
    /// What went wrong, in both languages.
    pub fn msg(&self) -> crate::locale::Msg {
        use crate::tr;
        match self {
            FmtError::Unreadable { path, reason } => {
                let (path, rz, re) = (path.display(), &reason.zh, &reason.en);
                tr!("无法读取 `{path}`：{rz}", "cannot read `{path}`: {re}")
            }
            FmtError::NoFiles { path } => {
                let path = path.display();
                tr!(
                    "`{path}` 里没有 `.toml` 文件",
                    "no `.toml` files in `{path}`"
                )
            }
            FmtError::Unwritable { path, reason } => {
                let (path, rz, re) = (path.display(), &reason.zh, &reason.en);
                tr!("无法写入 `{path}`：{rz}", "cannot write `{path}`: {re}")
            }
            FmtError::Bug { path, reason } => {
                let path = path.display();
                tr!(
                    "无法排版 `{path}`：{reason}；这是 almanac 的缺陷，文件没有改动",
                    "cannot format `{path}`: {reason}; this is a bug in almanac, the file is unchanged"
                )
            }
        }
    }
}

impl std::fmt::Display for FmtError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().en)
    }
}

impl std::error::Error for FmtError {}

/// Why a text could not be formatted.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The text is not TOML.
    #[error("{0}")]
    Toml(#[from] toml_edit::TomlError),
    /// The formatter produced text that is not TOML (a bug).
    #[error("the formatted text is not valid TOML: {0}")]
    Output(String),
}

/// One file, read and formatted.
#[derive(Debug)]
pub struct Formatted {
    pub path: PathBuf,
    /// The text as read (without a byte-order mark).
    pub old: String,
    /// The canonical text; equal to `old` when the file is formatted.
    pub new: String,
    /// What to write: `new`, after the file's byte-order mark if it had one.
    pub bytes: Vec<u8>,
}

impl Formatted {
    pub fn changed(&self) -> bool {
        self.old != self.new
    }
}

/// Everything one run found: the files that could be formatted, and the
/// problems of those that could not.
pub struct Report {
    pub files: Vec<Formatted>,
    /// Files the formatter failed on (never expected; they are not changed).
    pub failed: Vec<FmtError>,
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

/// The canonical layout of a file's text (decoded, without a byte-order
/// mark). Line endings follow the file's first line. `Err` carries the
/// parser's message when the text is not TOML.
pub fn format_source(text: &str) -> Result<String, SourceError> {
    let crlf = text.find('\n').is_some_and(|i| text[..i].ends_with('\r'));
    let lf = text.replace("\r\n", "\n");
    let out = layout::format(&lf)?;
    // A last guard before anything is written: the output must read as
    // `check` reads it.
    if let Err(e) = crate::syntax::tree::parse(&out) {
        return Err(SourceError::Output(e.message.en));
    }
    Ok(if crlf { out.replace('\n', "\r\n") } else { out })
}

/// Reads and formats every `.toml` file named or below a folder named
/// (hidden folders and `target` are skipped, as `check` does). Nothing is
/// written.
pub fn format_paths(world: &dyn World, paths: &[PathBuf]) -> Result<Report, FmtError> {
    let mut report = Report {
        files: Vec::new(),
        failed: Vec::new(),
        sources: SourceMap::default(),
        diagnostics: Vec::new(),
    };
    for path in toml_paths(world, paths)? {
        let bytes = world.read(&path).map_err(|e| FmtError::Unreadable {
            path: path.clone(),
            reason: io_reason(&e),
        })?;
        match format_bytes(&path, &bytes, &mut report.sources, &mut report.diagnostics) {
            Ok(Some(f)) => report.files.push(f),
            Ok(None) => {}
            Err(e) => report.failed.push(e),
        }
    }
    Ok(report)
}

/// Formats one file's bytes; `None` (with diagnostics pushed) when the
/// file is not UTF-8 TOML.
pub fn format_bytes(
    path: &Path,
    bytes: &[u8],
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<Formatted>, FmtError> {
    let before = diags.len();
    let (id, usable) = crate::syntax::toml::add_file(sources, path.to_path_buf(), bytes, diags);
    if !usable {
        // An empty file (or one of comments only) is fine to format.
        let only_empty = diags[before..].iter().all(|d| d.code() == "S008");
        if !only_empty || diags.len() == before {
            return Ok(None);
        }
        diags.truncate(before);
    }
    if crate::syntax::toml::parse(sources, id, diags).is_none() {
        return Ok(None);
    }
    let old = sources.get(id).text.clone();
    match format_source(&old) {
        Ok(new) => {
            let mut out = Vec::with_capacity(new.len() + 3);
            if bytes.starts_with(BOM) {
                out.extend_from_slice(BOM);
            }
            out.extend_from_slice(new.as_bytes());
            Ok(Some(Formatted {
                path: path.to_path_buf(),
                old,
                new,
                bytes: out,
            }))
        }
        Err(SourceError::Output(reason)) => Err(FmtError::Bug {
            path: path.to_path_buf(),
            reason,
        }),
        Err(SourceError::Toml(e)) => {
            // The two TOML parsers disagree; report it like any syntax error.
            let range = e.span().unwrap_or(0..0);
            let end = range.end.min(old.len());
            let start = range.start.min(end);
            let message = e.message().trim().trim_end_matches('.').to_string();
            diags.push(
                Diagnostic::new(
                    &codes::S001,
                    Span::new(id, start, end),
                    tr!("TOML 语法错误：{message}", "invalid TOML: {message}"),
                )
                .label(tr!("这里", "here"))
                .help(tr!(
                    "TOML 的语法见 `https://toml.io/cn/`",
                    "see https://toml.io for the syntax of TOML files"
                )),
            );
            Ok(None)
        }
    }
}

/// Replaces `path` with `bytes` atomically: writes them into a hidden
/// folder beside it, gives them the file's permissions, renames the file
/// over `path`, removes the folder. A symlink stays a symlink: its target
/// is what gets replaced. A read-only file is refused, not rewritten.
pub fn write_atomic(world: &dyn World, path: &Path, bytes: &[u8]) -> Result<(), FmtError> {
    let unwritable = |e: std::io::Error| FmtError::Unwritable {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let real = world.canonicalize(path).map_err(unwritable)?;
    if world.is_readonly(&real).map_err(unwritable)? {
        return Err(FmtError::Unwritable {
            path: path.to_path_buf(),
            reason: crate::tr!(
                "文件是只读的；改为可写后才能排版",
                "it is read-only; make it writable to format it"
            ),
        });
    }
    let name = real
        .file_name()
        .map_or_else(|| "plan.toml".into(), |n| n.to_string_lossy().into_owned());
    let dir = real.parent().unwrap_or(Path::new(""));
    let tmp_dir = dir.join(format!(".{name}.almanac-fmt"));
    let tmp = tmp_dir.join(&name);
    world.create_dir_all(&tmp_dir).map_err(unwritable)?;
    let done = world
        .write_file(&tmp, bytes)
        .and_then(|()| world.copy_permissions(&real, &tmp))
        .and_then(|()| world.rename(&tmp, &real));
    let _ = world.remove_dir_all(&tmp_dir);
    done.map_err(unwritable)
}

/// The files named and the `.toml` files below the folders named, each
/// once, as `check` finds them.
fn toml_paths(world: &dyn World, paths: &[PathBuf]) -> Result<Vec<PathBuf>, FmtError> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| normalize(p)).collect();
    match crate::check::expand_paths(world, &paths, None) {
        Ok((files, _)) => Ok(files),
        Err(Expanded::Unreadable(path, reason)) => Err(FmtError::Unreadable { path, reason }),
        Err(Expanded::Empty(path)) => Err(FmtError::NoFiles { path }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::MemWorld;

    fn fmt(text: &str) -> String {
        format_source(text).expect("valid TOML")
    }

    #[test]
    fn sections_and_keys_follow_the_schema_and_comments_follow_them() {
        let text = "\
# The plan.

[kpis.followers]
target = \"15万\"
name = \"粉丝\"

# who
[people.li]
capacity =   \"40h\"   # a full week
name = \"李\"

[plan]
year = 2026
id  = \"p\"
";
        let want = "\
# The plan.

[plan]
id = \"p\"
year = 2026

# who
[people.li]
name = \"李\"
capacity = \"40h\"   # a full week

[kpis.followers]
name = \"粉丝\"
target = \"15万\"
";
        assert_eq!(fmt(text), want);
        assert_eq!(fmt(want), want);
    }

    #[test]
    fn ids_and_budget_lines_keep_their_order() {
        let text = "[budget]\nkol = \"30%\"\ntotal = \"100万\"\nads = \"70%\"\n\n\
                    [campaigns.b]\nwindow = \"Q3\"\n\n[campaigns.a]\nwindow = \"Q2\"\nname = \"A\"\n";
        let want = "[budget]\ntotal = \"100万\"\nkol = \"30%\"\nads = \"70%\"\n\n\
                    [campaigns.b]\nwindow = \"Q3\"\n\n[campaigns.a]\nname = \"A\"\nwindow = \"Q2\"\n";
        assert_eq!(fmt(text), want);
    }

    #[test]
    fn whitespace_is_regular() {
        let text = "include = [ \"a.toml\" ,\"b.toml\",]  \n\n\n\n[ plan ]   \n  id=\"p\"\t\n\n\n\nname = \"n\"\n\n\n";
        let want = "include = [\"a.toml\", \"b.toml\"]\n\n[plan]\nid = \"p\"\n\nname = \"n\"\n";
        assert_eq!(fmt(text), want);
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("# only a comment  \n\n\n"), "# only a comment\n");
    }

    #[test]
    fn toml_1_1_syntax_is_written_as_1_0() {
        let text =
            "[budget]\nads = { name = \"广告\",\n  # the line's share\n  share = \"60%\", }\n";
        let want = "[budget]\n# the line's share\nads = { name = \"广告\", share = \"60%\" }\n";
        assert_eq!(fmt(text), want);
    }

    #[test]
    fn the_schema_line_stays_first_and_crlf_stays() {
        let text = "#:schema ./plan.schema.json\n[people.a]\nname = \"A\"\n\n[plan]\nid = \"p\"\n";
        let want =
            "#:schema ./plan.schema.json\n\n[plan]\nid = \"p\"\n\n[people.a]\nname = \"A\"\n";
        assert_eq!(fmt(text), want);
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(fmt(&crlf), want.replace('\n', "\r\n"));
    }

    #[test]
    fn writes_are_atomic_and_go_through_the_world() {
        let w = MemWorld::default().with_file("p/a.toml", "[plan]\nid  = \"p\"\n");
        let r = format_paths(&w, &["p".into()]).expect("formats");
        assert_eq!(r.files.len(), 1);
        assert!(r.files[0].changed());
        write_atomic(&w, Path::new("p/a.toml"), &r.files[0].bytes).expect("writes");
        assert_eq!(
            w.read(Path::new("p/a.toml")).expect("read"),
            b"[plan]\nid = \"p\"\n"
        );
        assert!(w.written_under("p/.a.toml.almanac-fmt").is_empty());
    }

    #[test]
    fn a_syntax_error_is_a_diagnostic() {
        let mut sources = SourceMap::default();
        let mut diags = Vec::new();
        let f = format_bytes(
            Path::new("a.toml"),
            b"[plan\nid = 1\n",
            &mut sources,
            &mut diags,
        );
        assert!(matches!(f, Ok(None)));
        assert_eq!(diags[0].code(), "S001");
    }
}
