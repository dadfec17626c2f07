//! Rule fixtures. Each rule has `tests/fixtures/rules/<CODE>_<slug>.toml`
//! (or a directory `<CODE>_<slug>/` with `plan.toml` and the files it
//! includes) that triggers it, and `<CODE>_<slug>.ok.toml` (or `.ok/`), a
//! near miss that must check clean. Expectations are comments in the
//! fixture, on the line before the text they are about:
//!
//! ```toml
//! # error[B001]: add up to 105%
//! ads = "65%"
//! ```
//!
//! `# error[S008]@1: file is empty` names the line explicitly. The harness
//! checks that exactly the annotated diagnostics are reported (code,
//! severity, file, line, and the message contains the text, in English or
//! Chinese), that every message, label and help line reads in Chinese as
//! well as English, and records the full human rendering in both languages
//! as an insta snapshot.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use almanac::check::check_paths;
use almanac::diagnostics::Lang;
use almanac::diagnostics::codes::ALL as RULES;
use almanac::diagnostics::render::render_human;
use almanac::locale::{Locale, Msg};
use almanac::world::OsWorld;

use crate::support::repo;

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Expect {
    file: String,
    line: usize,
    severity: String,
    code: String,
}

fn fixtures_dir() -> PathBuf {
    repo().join("tests/fixtures/rules")
}

fn fixtures() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|x| x == "toml"))
        .collect();
    out.sort();
    out
}

fn is_near_miss(p: &Path) -> bool {
    let name = p.file_name().unwrap_or_default().to_string_lossy();
    name.ends_with(".ok.toml") || name.ends_with(".ok")
}

fn toml_files(p: &Path) -> Vec<PathBuf> {
    if p.is_file() {
        return vec![p.to_path_buf()];
    }
    let mut out = Vec::new();
    for e in std::fs::read_dir(p).expect("dir") {
        let e = e.expect("entry").path();
        if e.is_dir() {
            out.extend(toml_files(&e));
        } else if e.extension().is_some_and(|x| x == "toml") {
            out.push(e);
        }
    }
    out.sort();
    out
}

/// Parses `# error[CODE]: text` / `# warning[CODE]@N: text` annotations.
fn expectations(file: &Path) -> Vec<(Expect, String)> {
    let bytes = std::fs::read(file).expect("read fixture");
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let Some(rest) = t.strip_prefix("# ") else {
            continue;
        };
        let Some((severity, rest)) = rest.split_once('[') else {
            continue;
        };
        if severity != "error" && severity != "warning" {
            continue;
        }
        let Some((code, rest)) = rest.split_once(']') else {
            continue;
        };
        let (at, message) = match rest.split_once(':') {
            Some((at, m)) => (at, m.trim()),
            None => (rest, ""),
        };
        let target = match at.strip_prefix('@') {
            Some(n) => n.trim().parse::<usize>().expect("line number after @"),
            None => {
                // The next line that is not itself an annotation.
                let mut j = i + 1;
                while j < lines.len() && is_annotation(lines[j]) {
                    j += 1;
                }
                j + 1
            }
        };
        out.push((
            Expect {
                file: file.display().to_string(),
                line: target,
                severity: severity.to_string(),
                code: code.to_string(),
            },
            message.to_string(),
        ));
    }
    out
}

fn is_annotation(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("# error[") || t.starts_with("# warning[")
}

fn check_fixture(path: &Path) -> String {
    let target = if path.is_dir() {
        path.join("plan.toml")
    } else {
        path.to_path_buf()
    };
    let checked = check_paths(&OsWorld, std::slice::from_ref(&target))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut expected = Vec::new();
    for f in toml_files(path) {
        expected.extend(expectations(&f));
    }
    let actual: Vec<(Expect, Msg)> = checked
        .diagnostics
        .iter()
        .map(|d| {
            let f = checked.sources.get(d.primary.span.file);
            let pos = f.position(d.primary.span.start as usize);
            (
                Expect {
                    file: f.path.display().to_string(),
                    line: pos.line,
                    severity: d.severity.as_str().to_string(),
                    code: d.code().to_string(),
                },
                d.message.clone(),
            )
        })
        .collect();
    let rendered = render_human(
        &checked.diagnostics,
        &checked.sources,
        false,
        Lang::only(Locale::En),
    );
    let rendered_zh = render_human(
        &checked.diagnostics,
        &checked.sources,
        false,
        Lang::only(Locale::ZhCn),
    );
    for d in &checked.diagnostics {
        let texts = std::iter::once(&d.message)
            .chain(std::iter::once(&d.primary.text))
            .chain(d.secondary.iter().map(|l| &l.text))
            .chain(&d.help);
        for m in texts {
            if let Some(word) = m.untranslated() {
                panic!(
                    "{}: {} has English ({word:?}) in its Chinese text {:?} (English: {:?})",
                    path.display(),
                    d.code(),
                    m.zh,
                    m.en
                );
            }
        }
    }
    let exp: BTreeSet<Expect> = expected.iter().map(|(e, _)| e.clone()).collect();
    let act: BTreeSet<Expect> = actual.iter().map(|(e, _)| e.clone()).collect();
    assert_eq!(
        exp,
        act,
        "{}: expected diagnostics differ from reported ones\n{rendered}",
        path.display()
    );
    for (e, text) in &expected {
        let found = actual
            .iter()
            .any(|(a, m)| a == e && (m.en.contains(text.as_str()) || m.zh.contains(text.as_str())));
        assert!(
            found,
            "{}: no {}[{}] on line {} whose message contains {text:?}\n{rendered}",
            path.display(),
            e.severity,
            e.code,
            e.line
        );
    }
    if is_near_miss(path) {
        assert!(
            checked.diagnostics.is_empty(),
            "{}: a near miss must check clean\n{rendered}",
            path.display()
        );
    } else {
        assert!(
            !expected.is_empty(),
            "{}: a fixture without expectations",
            path.display()
        );
    }
    // Paths in snapshots are relative to the repository.
    let root = format!("{}/", repo().display());
    format!("{rendered}--- zh-CN ---\n{rendered_zh}").replace(&root, "")
}

/// Every fixture is checked, and a failing one does not stop the rest:
/// each failure is printed as it happens and the test fails at the end
/// naming all of them.
#[test]
fn every_fixture_reports_exactly_its_annotations() {
    let mut snapshots = insta::Settings::clone_current();
    snapshots.set_snapshot_path("snapshots/rules");
    snapshots.set_prepend_module_to_snapshot(false);
    let all = fixtures();
    let mut failed = Vec::new();
    snapshots.bind(|| {
        for path in &all {
            let one = std::panic::AssertUnwindSafe(|| {
                let rendered = check_fixture(path);
                if !is_near_miss(path) {
                    let name = path
                        .file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned();
                    insta::assert_snapshot!(name, rendered);
                }
            });
            if std::panic::catch_unwind(one).is_err() {
                failed.push(
                    path.file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    });
    assert!(
        failed.is_empty(),
        "{} of {} fixtures failed: {}",
        failed.len(),
        all.len(),
        failed.join(", ")
    );
}

#[test]
fn every_rule_has_a_trigger_and_a_near_miss() {
    let names: Vec<String> = fixtures()
        .iter()
        .map(|p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut missing = Vec::new();
    // Rules whose trigger is not a plan alone: T001 (a broken template) is
    // tested through `almanac build --templates` in `build.rs`, O001 (a
    // deck the plan cannot give) through `almanac slides` in `slides.rs`,
    // the I rules (an export or its mapping) through `almanac actuals
    // import` in `actuals.rs`.
    const NOT_FROM_PLANS: &[&str] = &[
        "O001", "T001", "I001", "I002", "I003", "I004", "I005", "I006", "I007", "I008",
    ];
    for r in RULES.iter().filter(|r| !NOT_FROM_PLANS.contains(&r.code)) {
        let prefix = format!("{}_", r.code);
        let trigger = names
            .iter()
            .any(|n| n.starts_with(&prefix) && !n.ends_with(".ok.toml") && !n.ends_with(".ok"));
        let near = names
            .iter()
            .any(|n| n.starts_with(&prefix) && (n.ends_with(".ok.toml") || n.ends_with(".ok")));
        if !trigger || !near {
            missing.push(format!(
                "{} (trigger: {trigger}, near miss: {near})",
                r.code
            ));
        }
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}

#[test]
fn every_code_in_the_source_is_registered() {
    let mut missing = Vec::new();
    let mut stack = vec![repo().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).expect("src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).expect("source");
            let mut rest = text.as_str();
            while let Some(i) = rest.find("rule(\"") {
                let code = rest[i + 6..].chars().take(4).collect::<String>();
                if almanac::diagnostics::codes::find(&code).is_none() {
                    missing.push(format!("{}: {code}", p.display()));
                }
                rest = &rest[i + 6..];
            }
        }
    }
    assert!(missing.is_empty(), "unregistered codes: {missing:?}");
}

/// Every fix a diagnostic of a fixture offers mends that problem: with its
/// replacements applied, the file has one diagnostic of that code fewer
/// and no syntax error (S) of a code it did not have. (A mended key may
/// reveal what it holds: `chanels` → `channels` reads channels the plan
/// does not declare.)
#[test]
fn every_fix_mends_its_problem() {
    use almanac::diagnostics::Severity;
    let mut fixed = 0;
    for fixture in fixtures() {
        // A copy of the fixture (file or folder) to mend.
        let scratch = crate::support::Scratch::new();
        let name = fixture
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let mut files = vec![fixture.clone()];
        let mut i = 0;
        while i < files.len() {
            if files[i].is_dir() {
                let dir = files.remove(i);
                files.extend(
                    std::fs::read_dir(&dir)
                        .expect("dir")
                        .map(|e| e.expect("entry").path()),
                );
            } else {
                i += 1;
            }
        }
        let mut scratch = scratch;
        for f in &files {
            let rel = f.strip_prefix(fixtures_dir()).expect("inside");
            scratch = scratch.file(&rel.to_string_lossy(), std::fs::read(f).expect("read"));
        }
        let target = scratch.dir.path().join(&name);
        let before = check_paths(&OsWorld, std::slice::from_ref(&target)).expect("checks");
        // Each fix is one way to mend its diagnostic, tried on its own.
        for (d, f) in before
            .diagnostics
            .iter()
            .flat_map(|d| d.fixes.iter().map(move |f| (d, f)))
        {
            let file = before.sources.get(f.span.file);
            let mut text = file.text.clone();
            text.replace_range(f.span.range(), &f.text);
            let original = std::fs::read(&file.path).expect("read");
            std::fs::write(&file.path, &text).expect("write");
            let after = check_paths(&OsWorld, std::slice::from_ref(&target)).expect("checks");
            std::fs::write(&file.path, original).expect("restore");
            let count = |c: &almanac::check::Checked, code: &str| {
                c.diagnostics.iter().filter(|x| x.code() == code).count()
            };
            assert!(
                count(&after, d.code()) < count(&before, d.code()),
                "{name}: the fix of {} did not mend it:\n{text}",
                d.code()
            );
            let errors = |c: &almanac::check::Checked| -> BTreeSet<&'static str> {
                c.diagnostics
                    .iter()
                    .filter(|x| x.severity == Severity::Error && x.code().starts_with('S'))
                    .map(almanac::diagnostics::Diagnostic::code)
                    .collect()
            };
            let (had, has) = (errors(&before), errors(&after));
            let new: Vec<&&str> = has.difference(&had).collect();
            assert!(
                new.is_empty(),
                "{name}: the fix of {} brought {new:?}",
                d.code()
            );
            fixed += 1;
        }
    }
    // The fixtures of R001, S001, S003, P001, P002 and P004 (two ways) at
    // least offer fixes.
    assert!(fixed >= 7, "only {fixed} fixes were tried");
}
