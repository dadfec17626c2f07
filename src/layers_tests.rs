//! The pipeline's layers, checked: every top-level module of `src/` may use
//! only modules that come before it in `ORDER` (ARCHITECTURE.md states the
//! same order). The test reads the `crate::` paths of every source file,
//! leaving out test code (a file's `#[cfg(test)]` tail and `*_tests.rs`
//! files), so an import that points up the pipeline fails here by name.

// The test reads the source files themselves.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeSet;
use std::path::Path;

/// The top-level modules, lowest first.
const ORDER: &[&str] = &[
    // Foundations: text, positions, exact numbers, the file system, the
    // calendar data and the format's definition.
    "text",
    "percent",
    "locale",
    "source",
    "ratio",
    "world",
    "calendar",
    "format",
    // Diagnostics and their rule table; escaping; the project's bounds.
    "diagnostics",
    "markdown",
    "project",
    // The pipeline.
    "syntax",
    "model",
    "resolve",
    "schedule",
    "rules",
    "check",
    // Outputs.
    "templates",
    "emit",
    "slides",
    "build",
    // Commands beside the pipeline, then the command line.
    "diff",
    "fmt",
    "schema",
    "when",
    "copy",
    "actuals",
    "fuzzing",
    "lsp",
    "serve",
    "cli",
];

/// The modules a source text names through `crate::`, outside its test code.
fn used_modules(text: &str) -> BTreeSet<String> {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a::b, c};`: the first word of each part.
            let inner = group.split('}').next().unwrap_or("");
            for part in inner.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// `(file, module, used)` for each import that does not point down.
fn violations(files: &[(String, String)]) -> Vec<String> {
    let rank = |m: &str| ORDER.iter().position(|x| *x == m);
    let mut out = Vec::new();
    for (path, text) in files {
        let top = path.split('/').next().unwrap_or("").trim_end_matches(".rs");
        // `crate::tr!` is exported at the crate's root from `locale`.
        let used_modules = |text: &str| {
            let mut m = used_modules(text);
            if m.remove("tr") {
                m.insert("locale".to_string());
            }
            m
        };
        let Some(own) = rank(top) else {
            if top != "lib" && top != "main" {
                out.push(format!("{path}: module `{top}` is not in ORDER"));
            }
            continue;
        };
        for used in used_modules(text) {
            match rank(&used) {
                Some(r) if r < own || used == top => {}
                Some(_) => out.push(format!("{path}: `{top}` uses `{used}`, which comes later")),
                None => out.push(format!("{path}: uses `crate::{used}`, not in ORDER")),
            }
        }
    }
    out
}

fn source_files(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let rel = format!("{prefix}{name}");
        if p.is_dir() {
            source_files(&p, &format!("{rel}/"), out);
        } else if name.ends_with(".rs") && !name.ends_with("_tests.rs") {
            let text = std::fs::read_to_string(&p).expect("a source file is UTF-8");
            out.push((rel, text));
        }
    }
}

#[test]
fn no_module_imports_a_later_stage() {
    let mut files = Vec::new();
    source_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "",
        &mut files,
    );
    assert!(files.len() > 100, "read {} files", files.len());
    let bad = violations(&files);
    assert!(bad.is_empty(), "imports that point up:\n{}", bad.join("\n"));
}

#[test]
fn a_planted_upward_import_is_found() {
    let files = vec![
        (
            "model/mod.rs".to_string(),
            "use crate::{ratio::Ratio, check::Checked};\n".to_string(),
        ),
        (
            "syntax/reader.rs".to_string(),
            "fn f() { crate::resolve::x(); }\n#[cfg(test)]\nmod t { use crate::cli; }\n"
                .to_string(),
        ),
        (
            "rules/mod.rs".to_string(),
            "use crate::model::Plan;\n".to_string(),
        ),
    ];
    assert_eq!(
        violations(&files),
        [
            "model/mod.rs: `model` uses `check`, which comes later",
            "syntax/reader.rs: `syntax` uses `resolve`, which comes later",
        ]
    );
}
