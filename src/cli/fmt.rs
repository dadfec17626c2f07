//! `almanac fmt`: lays plan files out canonically (or, with `--check`,
//! shows what would change as a unified diff). Exit codes: 0 all
//! formatted, 1 a file would change under `--check` or has TOML errors, 2 a
//! path that cannot be read or written.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use similar::udiff::UnifiedHunkHeader;
use similar::{Algorithm, ChangeTag, DiffOp};

use super::Exit;
use crate::cli::args::FmtArgs;
use crate::cli::{err, fail_in, out, use_color};
use crate::diagnostics::Lang;
use crate::diagnostics::render::render_human;
use crate::fmt::{format_paths, write_atomic};
use crate::locale::Locale;
use crate::tr;
use crate::world::World;

pub fn run(world: &dyn World, a: &FmtArgs, lang: Lang) -> Exit {
    if a.stdin {
        return run_stdin(world, a, lang);
    }
    let report = match format_paths(world, &a.paths) {
        Ok(r) => r,
        Err(e) => {
            fail_in(lang.of_run([]), &e.msg());
            return Exit::Usage;
        }
    };
    let mut code = Exit::Clean;
    if !report.diagnostics.is_empty() {
        err(&render_human(
            &report.diagnostics,
            &report.sources,
            use_color(a.color, &std::io::stderr()),
            lang,
        ));
        code = Exit::Problems;
    }
    for e in &report.failed {
        fail_in(lang.of_run([]), &e.msg());
        code = Exit::Usage;
    }
    let changed: Vec<_> = report.files.iter().filter(|f| f.changed()).collect();
    let unchanged = report.files.len() - changed.len();
    let l = lang.of_run([]);
    let files = |n: usize| match l {
        Locale::ZhCn => format!("{n} 个文件"),
        Locale::En => format!("{n} file{}", if n == 1 { "" } else { "s" }),
    };
    if a.check {
        let color = use_color(a.color, &std::io::stdout());
        for f in &changed {
            out(&unified(
                &f.old,
                &f.new,
                &f.path.display().to_string(),
                color,
            ));
        }
        if !changed.is_empty() {
            let (would, already) = (files(changed.len()), unchanged);
            err(&match l {
                Locale::ZhCn => format!("{would}需要重新排版，{already} 个已是规范格式\n"),
                Locale::En => {
                    format!("{would} would be reformatted, {already} already formatted\n")
                }
            });
            code = code.max(Exit::Problems);
        }
        return code;
    }
    let mut written = 0;
    for f in &changed {
        match write_atomic(world, &f.path, &f.bytes) {
            Ok(()) => written += 1,
            Err(e) => {
                let m = e.msg();
                let (ez, ee) = (&m.zh, &m.en);
                fail_in(l, &tr!("{ez}；文件没有改动", "{ee}; the file is unchanged"));
                code = Exit::Usage;
            }
        }
    }
    let (done, already) = (files(written), unchanged);
    err(&match l {
        Locale::ZhCn => format!("已排版 {done}，{already} 个已是规范格式\n"),
        Locale::En => format!("formatted {done}, {already} already formatted\n"),
    });
    code
}

/// `fmt --stdin`: standard input, laid out, on standard output; with
/// `--check`, the difference instead and exit 1 when there is one. Text
/// that is not TOML prints its diagnostics and nothing on standard output,
/// so an editor keeps its buffer as it is.
fn run_stdin(world: &dyn World, a: &FmtArgs, lang: Lang) -> Exit {
    let bytes = match world.stdin() {
        Ok(b) => b,
        Err(e) => {
            fail_in(
                lang.of_run([]),
                &tr!("无法读取标准输入：{e}", "cannot read standard input: {e}"),
            );
            return Exit::Usage;
        }
    };
    let mut sources = crate::source::SourceMap::default();
    let mut diags = Vec::new();
    match crate::fmt::format_bytes(&a.stdin_filename, &bytes, &mut sources, &mut diags) {
        Ok(Some(f)) if a.check => {
            if f.changed() {
                let name = f.path.display().to_string();
                out(&unified(
                    &f.old,
                    &f.new,
                    &name,
                    use_color(a.color, &std::io::stdout()),
                ));
                Exit::Problems
            } else {
                Exit::Clean
            }
        }
        Ok(Some(f)) => {
            out(&f.new);
            Exit::Clean
        }
        Ok(None) => {
            err(&render_human(
                &diags,
                &sources,
                use_color(a.color, &std::io::stderr()),
                lang,
            ));
            Exit::Problems
        }
        Err(e) => {
            fail_in(lang.of_run([]), &e.msg());
            Exit::Usage
        }
    }
}

/// Lines of context around each change.
const CONTEXT: usize = 3;
/// Past this many changed lines the diff is one hunk that replaces the
/// changed middle of the file: a line-by-line account would not be read.
const MAX_CHANGED: usize = 1000;
/// The search for the shortest edit script costs up to the length of the
/// changed middle times the script's length. Past this many lines in the
/// middle (old and new together) the diff is the whole-middle hunk without
/// a search, so the work is bounded and the output is the same on every
/// machine (a time limit would make it depend on the machine's speed).
const MAX_SEARCHED: usize = 10_000;

/// The file names.
const HEADER: Style = Style::new().bold();
/// `@@ -a,b +c,d @@`.
const HUNK: Style = AnsiColor::Cyan.on_default();
const REMOVED: Style = AnsiColor::Red.on_default();
const ADDED: Style = AnsiColor::Green.on_default();
/// Context lines.
const SAME: Style = Style::new();

/// The unified diff of a file (`old`) and its formatted text (`new`),
/// headed `--- path` / `+++ path (formatted)`; empty when they are equal.
/// The edit script is Myers' shortest one, from `similar`; line endings
/// are not shown, and a last line without one is marked as `diff` does.
fn unified(old: &str, new: &str, path: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.split_inclusive('\n').collect(),
        new.split_inclusive('\n').collect(),
    );
    let middle = whole_middle(&a, &b);
    let ops = if changed(&middle) > MAX_SEARCHED {
        middle
    } else {
        let shortest = similar::capture_diff_slices(Algorithm::Myers, &a, &b);
        if changed(&shortest) > MAX_CHANGED {
            middle
        } else {
            shortest
        }
    };
    let mut out = String::new();
    let mut line = |style: Style, text: &str| {
        let _ = if color {
            writeln!(out, "{style}{text}{style:#}")
        } else {
            writeln!(out, "{text}")
        };
    };
    line(HEADER, &format!("--- {path}"));
    line(HEADER, &format!("+++ {path} (formatted)"));
    for hunk in similar::group_diff_ops(ops, CONTEXT) {
        line(HUNK, &UnifiedHunkHeader::new(&hunk).to_string());
        for change in hunk.iter().flat_map(|op| op.iter_changes(&a, &b)) {
            let text = change.value();
            let (mark, style) = match change.tag() {
                ChangeTag::Equal => (' ', SAME),
                ChangeTag::Delete => ('-', REMOVED),
                ChangeTag::Insert => ('+', ADDED),
            };
            line(
                style,
                &format!("{mark}{}", text.trim_end_matches(['\n', '\r'])),
            );
            if !text.ends_with('\n') {
                line(SAME, "\\ No newline at end of file");
            }
        }
    }
    out
}

/// How many lines an edit script removes and adds.
fn changed(ops: &[DiffOp]) -> usize {
    ops.iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| op.old_range().len() + op.new_range().len())
        .sum()
}

/// The edit that replaces everything between the common first and last
/// lines of `a` and `b`.
fn whole_middle(a: &[&str], b: &[&str]) -> Vec<DiffOp> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (a.len() - head - tail, b.len() - head - tail);
    let ops = [
        DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: head,
        },
        DiffOp::Replace {
            old_index: head,
            old_len: a_mid,
            new_index: head,
            new_len: b_mid,
        },
        DiffOp::Equal {
            old_index: head + a_mid,
            new_index: head + b_mid,
            len: tail,
        },
    ];
    ops.into_iter()
        .filter(|op| !op.old_range().is_empty() || !op.new_range().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unified_diff_has_hunks_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n";
        assert_eq!(
            unified(old, new, "p.toml", false),
            "--- p.toml\n+++ p.toml (formatted)\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
        assert_eq!(unified(old, old, "p.toml", false), "");
        let d = unified("a", "a\n", "p.toml", false);
        assert_eq!(
            d,
            "--- p.toml\n+++ p.toml (formatted)\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"
        );
    }

    fn hunk_heads(diff: &str) -> Vec<&str> {
        diff.lines().filter(|l| l.starts_with("@@")).collect()
    }

    #[test]
    fn changes_six_lines_apart_share_a_hunk_and_seven_apart_do_not() {
        let lines = |changed: &[usize]| -> String {
            (0..20)
                .map(|i| {
                    if changed.contains(&i) {
                        format!("X{i}\n")
                    } else {
                        format!("{i}\n")
                    }
                })
                .collect()
        };
        let old = lines(&[]);
        let one = unified(&old, &lines(&[5, 12]), "p", false);
        assert_eq!(hunk_heads(&one), ["@@ -3,14 +3,14 @@"]);
        let two = unified(&old, &lines(&[5, 13]), "p", false);
        assert_eq!(hunk_heads(&two), ["@@ -3,7 +3,7 @@", "@@ -11,7 +11,7 @@"]);
    }

    #[test]
    fn line_endings_are_not_shown_and_insertions_and_deletions_count_from_the_line_before() {
        let d = unified("a\r\nb\r\n", "a\r\nc\r\nb\r\n", "p", false);
        assert_eq!(d, "--- p\n+++ p (formatted)\n@@ -1,2 +1,3 @@\n a\n+c\n b\n");
        let d = unified("a\nb\n", "b\n", "p", false);
        assert_eq!(d, "--- p\n+++ p (formatted)\n@@ -1,2 +1 @@\n-a\n b\n");
        let d = unified("", "a\n", "p", false);
        assert_eq!(d, "--- p\n+++ p (formatted)\n@@ -0,0 +1 @@\n+a\n");
    }

    #[test]
    fn past_the_limit_the_changed_middle_is_replaced_whole() {
        // Moving the first 600 of 2,000 lines to the end changes 1,200 lines.
        let old: String = (0..2000).map(|i| format!("{i}\n")).collect();
        let new: String = (600..2000)
            .chain(0..600)
            .map(|i| format!("{i}\n"))
            .collect();
        let d = unified(
            &format!("head\n{old}tail\n"),
            &format!("head\n{new}tail\n"),
            "p",
            false,
        );
        assert_eq!(hunk_heads(&d), ["@@ -1,2002 +1,2002 @@"]);
        let count = |mark: &str| {
            let header = mark.repeat(3);
            d.lines()
                .filter(|l| l.starts_with(mark) && !l.starts_with(&header))
                .count()
        };
        assert_eq!((count("-"), count("+")), (2000, 2000));
        // Dels first, then adds, between the common first and last lines.
        assert!(d.contains("@@\n head\n-0\n-1\n"), "{}", &d[..80]);
        assert!(d.contains("\n-1999\n+600\n") && d.ends_with("\n+599\n tail\n"));
    }

    #[test]
    fn a_middle_too_long_to_search_is_replaced_whole_without_a_search() {
        // Two changed lines 6,000 lines apart: a two-line script, but its
        // middle holds 12,002 lines, past `MAX_SEARCHED`.
        let body = |first: &str, n: usize, last: &str| -> String {
            std::iter::once(first.to_string())
                .chain((0..n).map(|i| i.to_string()))
                .chain(std::iter::once(last.to_string()))
                .map(|l| l + "\n")
                .collect()
        };
        let d = unified(&body("a", 6000, "z"), &body("b", 6000, "y"), "p", false);
        assert_eq!(hunk_heads(&d), ["@@ -1,6002 +1,6002 @@"]);
        // A shorter middle is searched: two hunks.
        let d = unified(&body("a", 4000, "z"), &body("b", 4000, "y"), "p", false);
        assert_eq!(hunk_heads(&d), ["@@ -1,4 +1,4 @@", "@@ -3999,4 +3999,4 @@"]);
    }

    #[test]
    fn colour_paints_headers_hunks_and_changed_lines_only() {
        let d = unified("a\nb\n", "a\nc\n", "p", true);
        assert_eq!(
            d,
            "\x1b[1m--- p\x1b[0m\n\x1b[1m+++ p (formatted)\x1b[0m\n\x1b[36m@@ -1,2 +1,2 @@\x1b[0m\n a\n\x1b[31m-b\x1b[0m\n\x1b[32m+c\x1b[0m\n"
        );
    }
}
