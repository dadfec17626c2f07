//! Writes the seed corpus of the fuzz targets (see `fuzz/README.md`):
//! `cargo run --example fuzz_seeds -- fuzz/corpus` fills
//! `fuzz/corpus/{toml,expr,check}/` from what the repository already holds.
//! Seeds matter because a fuzzer starting from nothing spends hours
//! rediscovering `[plan]`; starting from real plans it mutates them.
//!
//! - `toml`: every `.toml` file of `plans/` and `tests/fixtures/rules/`.
//! - `check`: each example plan with `shared/team.toml` and the plan its
//!   `previous` names; each rule fixture, a folder fixture with all of its
//!   files (joined with `almanac::fuzzing::join_files`).
//! - `expr`: every string value of those files, and every code span of
//!   `grammar/GRAMMAR.md` (inline, in `text` blocks and in the strings of
//!   its `toml` blocks).
//!
//! Seeds are named after where they come from; `cargo fuzz cmin` later
//! renames the ones it keeps after their content.

// A development tool, not part of the compiler: it reads and writes files
// and prints directly.
#![allow(clippy::disallowed_methods, clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use almanac::fuzzing::join_files;
use almanac::syntax::tree::{self, Item, Table, Value};

/// Strings longer than this are prose, not expressions.
const MAX_EXPR: usize = 200;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out] = args.as_slice() else {
        eprintln!("usage: fuzz_seeds OUT_DIR   (e.g. fuzz/corpus)");
        return std::process::ExitCode::from(2);
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Path::new(out);
    let mut toml_files = Vec::new();
    for dir in ["plans", "tests/fixtures/rules"] {
        toml_below(&root.join(dir), &mut toml_files);
    }
    toml_files.sort();

    let mut n = 0;
    for f in &toml_files {
        n += write(out, "toml", &slug(root, f), &read(f));
    }

    let mut strings = BTreeSet::new();
    for f in &toml_files {
        if let Ok(text) = String::from_utf8(read(f))
            && let Ok(t) = tree::parse(&text)
        {
            strings_of_table(&t, &mut strings);
        }
    }
    let grammar = String::from_utf8_lossy(&read(&root.join("grammar/GRAMMAR.md"))).into_owned();
    grammar_snippets(&grammar, &mut strings);
    for (i, s) in strings.iter().enumerate() {
        n += write(out, "expr", &format!("expr-{i:04}"), s.as_bytes());
    }

    for seed in check_seeds(root) {
        n += write(out, "check", &seed.0, &seed.1);
    }
    println!("wrote {n} seeds under {}", out.display());
    std::process::ExitCode::SUCCESS
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Writes one seed; returns 1.
fn write(out: &Path, target: &str, name: &str, bytes: &[u8]) -> usize {
    let dir = out.join(target);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let p = dir.join(format!("seed-{name}"));
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    1
}

/// `tests/fixtures/rules/R003_diamond.ok/plan.toml` → `R003_diamond.ok-plan.toml`.
fn slug(root: &Path, f: &Path) -> String {
    let rel = f.strip_prefix(root).unwrap_or(f);
    let rel = rel.strip_prefix("tests/fixtures/rules").unwrap_or(rel);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

fn toml_below(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            toml_below(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn strings_of_table(t: &Table<'_>, out: &mut BTreeSet<String>) {
    for (_, v) in t.iter() {
        strings_of_item(v, out);
    }
}

fn strings_of_item(item: &Item<'_>, out: &mut BTreeSet<String>) {
    match item.get_ref() {
        Value::String(s) if !s.is_empty() && s.len() <= MAX_EXPR => {
            out.insert(s.to_string());
        }
        Value::Array(items) => items.iter().for_each(|i| strings_of_item(i, out)),
        Value::Table(t) => strings_of_table(t, out),
        _ => {}
    }
}

/// Inline code spans, the lines of `text` blocks and the strings of `toml`
/// blocks.
fn grammar_snippets(md: &str, out: &mut BTreeSet<String>) {
    let mut fence: Option<(String, String)> = None;
    for line in md.lines() {
        if let Some(lang) = line.trim_start().strip_prefix("```") {
            match fence.take() {
                Some((lang, body)) => {
                    if lang == "toml"
                        && let Ok(t) = tree::parse(&body)
                    {
                        strings_of_table(&t, out);
                    }
                }
                None => fence = Some((lang.trim().to_string(), String::new())),
            }
            continue;
        }
        match &mut fence {
            Some((lang, body)) => {
                if lang == "text" && !line.trim().is_empty() {
                    out.insert(line.trim().to_string());
                }
                body.push_str(line);
                body.push('\n');
            }
            None => {
                for (i, part) in line.split('`').enumerate() {
                    if i % 2 == 1 && !part.is_empty() && part.len() <= MAX_EXPR {
                        out.insert(part.to_string());
                    }
                }
            }
        }
    }
}

/// (name, joined files) for the `check` target.
fn check_seeds(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    let plans = root.join("plans");
    let team = read(&plans.join("shared/team.toml"));
    for e in sorted(&plans) {
        if e.extension().is_none_or(|x| x != "toml") || e.is_dir() {
            continue;
        }
        let plan = read(&e);
        let mut others: Vec<(String, Vec<u8>)> = vec![("shared/team.toml".into(), team.clone())];
        if let Some(prev) = previous(&plan)
            && let Ok(bytes) = std::fs::read(plans.join(&prev))
        {
            others.push((prev, bytes));
        }
        seeds.push((slug(root, &e), joined(&plan, &others)));
    }
    let fixtures = root.join("tests/fixtures/rules");
    for e in sorted(&fixtures) {
        if e.is_dir() {
            let mut files = Vec::new();
            toml_below(&e, &mut files);
            files.sort();
            let plan = read(&e.join("plan.toml"));
            let others: Vec<(String, Vec<u8>)> = files
                .iter()
                .filter(|f| {
                    f.file_name().is_some_and(|n| n != "plan.toml") || f.parent() != Some(&e)
                })
                .map(|f| {
                    let rel = f.strip_prefix(&e).unwrap_or(f);
                    (rel.to_string_lossy().replace('\\', "/"), read(f))
                })
                .collect();
            seeds.push((slug(root, &e), joined(&plan, &others)));
        } else if e.extension().is_some_and(|x| x == "toml") {
            seeds.push((slug(root, &e), read(&e)));
        }
    }
    seeds
}

fn joined(plan: &[u8], others: &[(String, Vec<u8>)]) -> Vec<u8> {
    let refs: Vec<(&str, &[u8])> = others
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    join_files(plan, &refs)
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

/// The file a plan's `[plan] previous` names.
fn previous(plan: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(plan).ok()?;
    let t = tree::parse(text).ok()?;
    let Value::Table(meta) = t.get("plan")?.get_ref() else {
        return None;
    };
    match meta.get("previous")?.get_ref() {
        Value::String(s) => Some(s.to_string()),
        _ => None,
    }
}
