//! Property tests over whole files: no input makes `check` panic, and
//! every diagnostic points inside the file it names. Inputs are arbitrary
//! bytes, and the example plans mutated at random places (characters
//! deleted, duplicated or replaced with TOML punctuation, CJK text and
//! full-width forms), which reach far deeper than random bytes do.

use std::path::PathBuf;

use almanac::check::check_paths;
use almanac::diagnostics::Lang;
use almanac::diagnostics::render::{render_human, render_json};
use almanac::locale::Locale;
use almanac::world::MemWorld;
use proptest::prelude::*;

use crate::support::repo;

fn check_bytes(plan: Vec<u8>) {
    let team = std::fs::read(repo().join("plans/shared/team.toml")).expect("team");
    let w = MemWorld::default()
        .with_file("p/plan.toml", plan)
        .with_file("p/shared/team.toml", team);
    let Ok(checked) = check_paths(&w, &[PathBuf::from("p/plan.toml")]) else {
        return;
    };
    for d in &checked.diagnostics {
        for l in std::iter::once(&d.primary).chain(&d.secondary) {
            let text = &checked.sources.get(l.span.file).text;
            assert!(
                l.span.start <= l.span.end && l.span.end as usize <= text.len(),
                "{d:?}"
            );
            assert!(text.is_char_boundary(l.span.start as usize), "{d:?}");
            assert!(text.is_char_boundary(l.span.end as usize), "{d:?}");
        }
        assert!(!d.message.is_empty());
    }
    let _ = render_human(
        &checked.diagnostics,
        &checked.sources,
        true,
        Lang::only(Locale::ZhCn),
    );
    let _ = render_json(
        &checked.diagnostics,
        &checked.sources,
        Lang::only(Locale::En),
    );
}

const SPLICES: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "=",
    "\n",
    ".",
    "..",
    "%",
    "+",
    "-",
    "{",
    "}",
    ",",
    "#",
    "\\",
    "\\u",
    "年",
    "６０％",
    "\u{3000}",
    "wd",
    "every",
    "of",
    "¥",
    "万",
    "2026-02-30",
    "\r\n",
    "\0",
];

fn mutate(text: &str, edits: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for &(pos, kind, pick) in edits {
        if bytes.is_empty() {
            break;
        }
        let at = pos % bytes.len();
        match kind % 3 {
            0 => {
                let end = (at + 1 + pick % 8).min(bytes.len());
                bytes.drain(at..end);
            }
            1 => {
                let s = SPLICES[pick % SPLICES.len()].as_bytes();
                bytes.splice(at..at, s.iter().copied());
            }
            _ => {
                let end = (at + 1 + pick % 40).min(bytes.len());
                let copy: Vec<u8> = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_bytes(bytes);
    }

    #[test]
    fn mutated_example_plans_never_panic(
        which in 0usize..3,
        edits in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 1..6),
    ) {
        let name = ["new-media-2025.toml", "new-media-2026.toml", "northbeam-2027.toml"][which];
        let text = std::fs::read_to_string(repo().join("plans").join(name)).expect("plan");
        check_bytes(mutate(&text, &edits));
    }
}

#[test]
fn a_ten_megabyte_plan_checks_like_any_other() {
    let g = plangen::plan(100_000);
    assert!(g.plan.len() > 10_000_000, "{}", g.plan.len());
    let w = MemWorld::default()
        .with_file("g/plan.toml", g.plan)
        .with_file("g/gen-team.toml", g.fragment);
    let checked = check_paths(&w, &[PathBuf::from("g/plan.toml")]).expect("checks");
    assert!(checked.diagnostics.is_empty());
    assert_eq!(checked.plans[0].campaigns.len(), 10_000);
}
