//! The fuzz targets' bodies, defined once so that two very different
//! drivers run exactly the same code: the cargo-fuzz targets in `fuzz/`
//! (nightly compiler flags, libFuzzer, millions of inputs) and a plain
//! stable `cargo test` that replays every committed corpus file and every
//! saved crash (`tests/integration/fuzz_replay.rs`). A crash found by the
//! fuzzer therefore stays a failing test until it is fixed, on any machine.
//!
//! This is an ordinary public module rather than one behind a cargo
//! feature: it adds no dependency and almost no code, the library already
//! exposes `generate` for the benchmarks in the same way, and a feature
//! would have to be switched on by hand for the replay test to exist, which
//! is exactly how a replay silently stops running.
//!
//! Each target takes arbitrary bytes and panics only when an invariant of
//! the library is broken: a span outside its file or inside a character, an
//! error location outside its expression, a machine format that is not what
//! it promises (JSON that does not parse, more or fewer lines than
//! diagnostics). A panic anywhere else inside the library is a bug too.

use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use crate::diagnostics::render::{
    render_github, render_github_summary, render_human, render_json, render_sarif, render_short,
};
use crate::diagnostics::{Diagnostic, Lang};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast::{ExprError, Loc};
use crate::syntax::expr;
use crate::syntax::strlit::StrSrc;
use crate::syntax::tree::{self, Item, Table, Value};
use crate::world::MemWorld;

/// Every target by name, as `fuzz/fuzz_targets/<name>.rs` and the corpus
/// folders `fuzz/corpus/<name>/` and `fuzz/regressions/<name>/` call it.
pub const TARGETS: &[(&str, Target)] = &[("toml", toml), ("expr", expr), ("check", check)];

/// A target's body: panics when the input breaks an invariant.
pub type Target = fn(&[u8]);

/// A line of this form in a `check` input starts another file, named by
/// the rest of the line (`#@file shared/team.toml`). It is a TOML comment,
/// so each part of a seed stays a readable plan file.
pub const FILE_MARKER: &str = "#@file ";

/// At most this many files in one `check` input; later markers are text.
pub const MAX_FILES: usize = 8;

/// The folder the files of a `check` input are put in (`plan.toml` first).
const FOLDER: &str = "plan";

/// An empty world with a fixed date, shared by every run.
static WORLD: LazyLock<MemWorld> = LazyLock::new(MemWorld::default);

/// The TOML reader: bytes → text → TOML tree → `RawFile`, the way the
/// loader reads every file. Checks that the `toml` crate accepts what our
/// parser accepts, that the tree's spans and the diagnostics' spans are inside
/// the text, that every string's characters map back to the file where
/// they are written, that a file is schema-read exactly when its tree
/// parses, and that the diagnostics render.
pub fn toml(data: &[u8]) {
    let mut sources = SourceMap::default();
    let mut diags = Vec::new();
    let path = Path::new("plan.toml");
    let (id, raw) = crate::resolve::load::read_one(&*WORLD, &mut sources, path, data, &mut diags);
    let text = &sources.get(id).text;
    let decoded = crate::syntax::toml::decode(data).ok();
    let parsed = decoded.as_deref().map(crate::syntax::tree::parse);
    if let (Some(text), Some(ours)) = (decoded.as_deref(), &parsed) {
        accepted_by_the_toml_crate(text, ours);
    }
    match parsed {
        Some(Ok(tree)) => {
            check_table(&tree, text);
            let blank = text.lines().all(|l| {
                let l = l.trim();
                l.is_empty() || l.starts_with('#')
            });
            assert_eq!(
                raw.is_some(),
                !blank,
                "a parsed file is read unless it is blank"
            );
        }
        Some(Err(_)) => assert!(raw.is_none(), "a file with a syntax error was read"),
        None => assert!(raw.is_none(), "a file that is not text was read"),
    }
    check_diagnostics(&diags, &sources);
}

/// Whatever our TOML parser accepts, the `toml` crate accepts too: `fmt`
/// edits files with `toml_edit`, built on the same parser as that crate,
/// so a file `check` passes must never be one `fmt` cannot read. The other
/// way round is not asked: the crate is more lenient than the TOML 1.1
/// grammar in places (it takes a line break between a key and its `=`
/// inside an inline table), and there ours is the stricter one on purpose;
/// our nesting limit is the lower one too.
fn accepted_by_the_toml_crate(text: &str, ours: &Result<Table<'_>, tree::Error>) {
    if ours.is_err() {
        return;
    }
    if let Err(e) = text.parse::<::toml::Table>() {
        panic!("our parser accepts what the toml crate refuses: {e}");
    }
}

/// Every key's and value's span is a range of `text` on character
/// boundaries.
fn check_table(t: &Table<'_>, text: &str) {
    for (k, v) in t.iter() {
        check_range(k.span(), text, "key");
        check_string_map(k.span(), k.get_ref(), text);
        check_item(v, text);
    }
}

fn check_item(item: &Item<'_>, text: &str) {
    check_range(item.span(), text, "value");
    match item.get_ref() {
        Value::String(s) => check_string_map(item.span(), s, text),
        Value::Table(t) => check_table(t, text),
        Value::Array(items) => items.iter().for_each(|i| check_item(i, text)),
        _ => {}
    }
}

/// Each character of a decoded string (a key or a value) maps, through the
/// `StrSrc` the schema reader builds, to the place in the file that says
/// it: the character itself, or an escape starting with a backslash (a
/// line break may be CR LF in the file). The places go forward through the
/// file. This is what puts an expression error under the right characters.
fn check_string_map(r: std::ops::Range<usize>, decoded: &str, text: &str) {
    let src = StrSrc::new(Span::new(FileId(0), r.start, r.end), &text[r], decoded);
    let mut last = 0;
    for (i, ch) in decoded.char_indices() {
        let at = src.at(Loc {
            start: i,
            end: i + ch.len_utf8(),
        });
        check_range(at.range(), text, "a string's character");
        let shown = &text[at.range()];
        assert!(
            shown.starts_with(ch)
                || escaped(shown) == Some(ch)
                || (ch == '\n' && shown.starts_with("\r\n")),
            "{ch:?} (byte {i} of {decoded:?}) maps to {shown:?}"
        );
        assert!(at.start as usize >= last, "{ch:?} maps backwards");
        last = at.end as usize;
    }
}

/// The character a TOML escape at the start of `s` stands for.
fn escaped(s: &str) -> Option<char> {
    let rest = s.strip_prefix('\\')?;
    let hex = |n: usize| {
        let digits = rest.get(1..1 + n)?;
        char::from_u32(u32::from_str_radix(digits, 16).ok()?)
    };
    match rest.chars().next()? {
        'b' => Some('\u{8}'),
        't' => Some('\t'),
        'n' => Some('\n'),
        'f' => Some('\u{c}'),
        'r' => Some('\r'),
        'e' => Some('\u{1b}'),
        '"' => Some('"'),
        '\\' => Some('\\'),
        'x' => hex(2),
        'u' => hex(4),
        'U' => hex(8),
        _ => None,
    }
}

fn check_range(r: std::ops::Range<usize>, text: &str, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} span {r:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} span {r:?} cuts a character"
    );
}

/// The expression parser: the input (lossily decoded) through every entry
/// point of `syntax::expr`, then through `almanac when` on the built-in
/// calendar, which evaluates dates, ranges and recurrences. Every error
/// location must be inside the expression, and the answer or the
/// diagnostics must render.
pub fn expr(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let loc = |r: Result<(), ExprError>, parser: &str| {
        if let Err(e) = r {
            check_range(e.loc.start..e.loc.end, text, parser);
            assert!(!e.message.is_empty(), "{parser}: an empty message");
        }
    };
    loc(expr::parse_date(text).map(drop), "date");
    loc(expr::parse_range(text).map(drop), "range");
    loc(expr::parse_duration(text).map(drop), "duration");
    loc(expr::parse_recurrence(text).map(drop), "recurrence");
    loc(expr::parse_money(text).map(drop), "money");
    loc(expr::parse_share(text).map(drop), "share");
    loc(expr::parse_amount(text).map(drop), "amount");
    loc(expr::parse_quantity(text).map(drop), "quantity");
    loc(expr::parse_assertion(text).map(drop), "assertion");
    loc(expr::parse_time(text).map(drop), "time");
    loc(expr::parse_path(text).map(drop), "path");
    loc(expr::parse_when(text).map(drop), "when");
    match crate::when::evaluate(&*WORLD, text, None) {
        Ok(answer) => {
            let out = crate::when::render(text, &answer, false, crate::locale::Locale::ZhCn);
            assert!(out.ends_with('\n'), "an answer is whole lines");
            let json = crate::when::render_json(text, &answer);
            assert!(
                serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                "the JSON answer parses"
            );
        }
        Err(crate::when::WhenError::Diagnostics(sources, diags, _)) => {
            assert!(!diags.is_empty(), "an error without a diagnostic");
            check_diagnostics(&diags, &sources);
        }
        Err(crate::when::WhenError::Usage(e)) => panic!("no plan was named, yet: {e}"),
    }
}

/// The whole `check` pipeline on in-memory files: the input is split into
/// files at [`FILE_MARKER`] lines ([`split_files`]), put in one folder,
/// and that folder is checked, as `almanac check plan/` would. Every
/// diagnostic must point inside its file and render in every format of
/// `src/diagnostics/render/`.
pub fn check(data: &[u8]) {
    let mut world = MemWorld::default();
    for (path, bytes) in split_files(data) {
        world
            .files
            .insert(Path::new(FOLDER).join(path), bytes.to_vec());
    }
    let Ok(checked) = crate::check::check_paths(&world, &[PathBuf::from(FOLDER)]) else {
        return;
    };
    assert_eq!(checked.plans.len(), checked.schedules.len());
    check_diagnostics(&checked.diagnostics, &checked.sources);
    check_renderers(&checked.diagnostics, &checked.sources);
}

/// Every label of every diagnostic lies inside its file, on character
/// boundaries, and the terminal format renders it.
fn check_diagnostics(diags: &[Diagnostic], sources: &SourceMap) {
    for d in diags {
        assert!(!d.message.is_empty(), "{d:?}");
        for l in std::iter::once(&d.primary).chain(&d.secondary) {
            let text = &sources.get(l.span.file).text;
            check_range(l.span.range(), text, d.code());
        }
    }
    for lang in LANGS {
        let colour = render_human(diags, sources, true, lang);
        let plain = render_human(diags, sources, false, lang);
        assert_eq!(
            without_sgr(&colour),
            without_sgr(&plain),
            "colour changes nothing but the paint"
        );
        no_unsafe_text(&plain, "the terminal rendering");
    }
}

/// A rendering shows plan text only with its unsafe characters escaped.
fn no_unsafe_text(rendered: &str, what: &str) {
    if let Some((at, c)) = crate::text::find_unsafe(rendered) {
        panic!("{what} holds {c:?} at byte {at}");
    }
}

/// `s` without ANSI colour sequences (`ESC [ digits and ; m`).
fn without_sgr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let params = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[params..].starts_with('m') {
            rest = &after[params + 1..];
        } else {
            out.push_str(&rest[at..at + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Every other renderer keeps its promise about the shape of its output:
/// one line per diagnostic for `short` and `github`, JSON that parses and
/// lists every diagnostic, a SARIF log. (Only the `check` target runs
/// these: SARIF carries the whole rule registry and would dominate the
/// cost of the small targets.)
fn check_renderers(diags: &[Diagnostic], sources: &SourceMap) {
    for &lang in &LANGS {
        let short = render_short(diags, sources, lang);
        assert_eq!(short.lines().count(), diags.len());
        no_unsafe_text(&short, "the short format");
        let github = render_github(diags, sources, lang);
        assert_eq!(github.lines().count(), diags.len());
        no_unsafe_text(&github, "the github format");
        let _ = render_github_summary(diags, sources, 1, lang);
        let json: serde_json::Value = serde_json::from_str(&render_json(diags, sources, lang))
            .expect("render_json writes JSON");
        assert_eq!(
            json["diagnostics"].as_array().map(Vec::len),
            Some(diags.len())
        );
        let sarif: serde_json::Value = serde_json::from_str(&render_sarif(diags, sources, lang))
            .expect("render_sarif writes JSON");
        assert!(sarif["runs"].is_array(), "a SARIF log has runs");
    }
}

/// Every rendering is tried in both languages.
const LANGS: [Lang; 2] = [
    Lang::only(crate::locale::Locale::ZhCn),
    Lang::only(crate::locale::Locale::En),
];

/// Splits a `check` input into files: the text before the first
/// [`FILE_MARKER`] line is `plan.toml`; each marker line starts a file
/// named by the rest of the line. A name keeps only its plain components
/// (no root, `.` or `..`), so every file lands inside the plan's folder;
/// a name with none left is `part<N>.toml`. Later files of the same name
/// replace earlier ones, as writing them to disk would.
pub fn split_files(data: &[u8]) -> Vec<(PathBuf, &[u8])> {
    let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
    let mut name = PathBuf::from("plan.toml");
    let mut start = 0;
    let mut line = 0;
    while line < data.len() {
        let end = data[line..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(data.len(), |i| line + i + 1);
        if files.len() + 1 < MAX_FILES && data[line..end].starts_with(FILE_MARKER.as_bytes()) {
            files.push((name, &data[start..line]));
            let raw = &data[line + FILE_MARKER.len()..end];
            let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            name = file_name(raw, files.len());
            start = end;
        }
        line = end;
    }
    files.push((name, &data[start..]));
    let mut out: Vec<(PathBuf, &[u8])> = Vec::new();
    for (name, bytes) in files {
        out.retain(|(n, _)| *n != name);
        out.push((name, bytes));
    }
    out
}

fn file_name(raw: &[u8], n: usize) -> PathBuf {
    let text = String::from_utf8_lossy(raw);
    let name: PathBuf = Path::new(text.trim())
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    if name.as_os_str().is_empty() {
        PathBuf::from(format!("part{n}.toml"))
    } else {
        name
    }
}

/// The inverse of [`split_files`] for files whose text has no marker
/// line: `plan.toml`'s text first, then each other file after its marker.
pub fn join_files(plan: &[u8], others: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = plan.to_vec();
    for (name, bytes) in others {
        if !out.is_empty() && !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        out.extend_from_slice(FILE_MARKER.as_bytes());
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_input_splits_into_the_files_it_joins() {
        let plan = b"[plan]\nid = \"p\"\ninclude = [\"shared/team.toml\"]\n";
        let team = b"[people.a]\nname = \"A\"\n";
        let joined = join_files(plan, &[("shared/team.toml", team), ("x.toml", b"")]);
        let files = split_files(&joined);
        let names: Vec<_> = files.iter().map(|(n, _)| n.clone()).collect();
        assert_eq!(
            names,
            [
                PathBuf::from("plan.toml"),
                PathBuf::from("shared/team.toml"),
                PathBuf::from("x.toml")
            ]
        );
        assert_eq!(files[0].1, plan);
        assert_eq!(files[1].1, team);
        assert_eq!(files[2].1, b"");
    }

    #[test]
    fn file_names_stay_inside_the_folder() {
        let data = b"a\n#@file ../../etc/passwd\nb\n#@file /abs/x.toml\r\nc\n#@file ..\nd";
        let files = split_files(data);
        let names: Vec<_> = files.iter().map(|(n, _)| n.clone()).collect();
        assert_eq!(
            names,
            [
                PathBuf::from("plan.toml"),
                PathBuf::from("etc/passwd"),
                PathBuf::from("abs/x.toml"),
                PathBuf::from("part3.toml")
            ]
        );
        assert_eq!(files[2].1, b"c\n");
        assert_eq!(files[3].1, b"d");
    }

    #[test]
    fn markers_past_the_limit_are_text_and_repeated_names_replace() {
        let mut data = Vec::new();
        for _ in 0..MAX_FILES + 3 {
            data.extend_from_slice(b"#@file same.toml\nx\n");
        }
        let files = split_files(&data);
        assert_eq!(files.len(), 2, "plan.toml and one `same.toml`");
        assert_eq!(files[0].1, b"");
        assert_eq!(files[1].1.len(), 2 + 4 * (b"#@file same.toml\nx\n".len()));
    }

    #[test]
    fn colour_sequences_are_removed_and_other_escapes_kept() {
        assert_eq!(without_sgr("\x1b[1;31merror\x1b[0m: x"), "error: x");
        assert_eq!(without_sgr("a\x1b[2Jb\x1b["), "a\x1b[2Jb\x1b[");
    }

    #[test]
    fn escapes_are_read_as_toml_reads_them() {
        assert_eq!(escaped(r"\u5E74x"), Some('年'));
        assert_eq!(escaped(r"\x41"), Some('A'));
        assert_eq!(escaped(r#"\""#), Some('"'));
        assert_eq!(escaped(r"\\"), Some('\\'));
        assert_eq!(escaped(r"\ "), None);
        assert_eq!(escaped(r"\u12"), None);
        assert_eq!(escaped("x"), None);
    }

    #[test]
    fn every_target_accepts_empty_and_arbitrary_bytes() {
        for (_, run) in TARGETS {
            run(b"");
            run(b"\xff\xfe\0[plan]\n");
            run(b"[plan]\nid = \"p\"\nyear = 2027\n");
        }
    }
}
