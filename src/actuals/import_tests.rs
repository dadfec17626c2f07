//! `prepare` in memory: every diagnostic an import can give, for each kind
//! of bad export or mapping, is said in both languages (no English left in
//! the Chinese), and nothing is offered for writing when one is an error.

use std::path::{Path, PathBuf};

use super::{Request, prepare};
use crate::world::MemWorld;

const PLAN: &str = "[plan]\nid = \"p\"\nyear = 2025\n\n\
    [channels.douyin]\nname = \"抖音\"\n\n\
    [campaigns.double11]\nname = \"双11\"\nwindow = \"11-01..11-11\"\n\n\
    [campaigns.warmup]\nname = \"预热\"\nwindow = \"10-20..10-31\"\n\n\
    [kpis.fans]\nname = \"粉丝\"\ntarget = \"8万\"\n";

/// The diagnostics of importing `export` with `map` into [`PLAN`].
fn import(map: &str, export: &[u8]) -> Vec<crate::diagnostics::Diagnostic> {
    let w = MemWorld::default()
        .with_file("p/plan.toml", PLAN)
        .with_file("p/map.toml", map)
        .with_file("p/export.csv", export.to_vec());
    let files = [PathBuf::from("p/export.csv")];
    let req = Request {
        files: &files,
        map: Path::new("p/map.toml"),
        plan: Path::new("p/plan.toml"),
        root: None,
    };
    let out = prepare(&w, &req).expect("the files are there");
    assert!(out.errors() == 0 || out.new.is_none());
    out.diagnostics
}

const FANS: &str = "[[metrics]]\ncolumn = \"涨粉\"\nkpi = \"fans\"\n";
const BY_ROW: &str = "[campaigns]\ncolumn = \"名称\"\nmatch = \"contains\"\n\n\
                      [[metrics]]\ncolumn = \"曝光\"\ncampaign = \"*\"\nmetric = \"reach\"\n";

#[test]
fn every_diagnostic_is_said_in_both_languages() {
    let gbk_bad = [0xB0, 0xA1, 0xFF, 0xFF, b'\n'];
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("I001", FANS, "名称,新增\n甲,1\n".into()),
        ("I002", FANS, "名称,涨粉\n甲,两万\n".into()),
        ("I002", FANS, "名称,涨粉\n甲,-\n".into()),
        ("I002", FANS, "名称,涨粉\n甲,\n".into()),
        ("I002", FANS, "名称,涨粉\n甲,5%\n乙,5\n".into()),
        (
            "I002",
            "[file]\ndate_column = \"日期\"\n\n[[metrics]]\ncolumn = \"涨粉\"\nkpi = \"fans\"\n",
            "日期,涨粉\n昨天,1\n".into(),
        ),
        (
            "I003",
            "[[metrics]]\ncolumn = \"涨粉\"\nkpi = \"fan\"\n",
            "涨粉\n1\n".into(),
        ),
        (
            "I003",
            "[[metrics]]\ncolumn = \"涨粉\"\ncampaign = \"double12\"\nmetric = \"reach\"\n",
            "涨粉\n1\n".into(),
        ),
        ("I004", BY_ROW, "名称,曝光\n春节,1\n".into()),
        ("I005", BY_ROW, "名称,曝光\n双11 预热,1\n".into()),
        (
            "I006",
            "[file]\ndate_column = \"日期\"\n\n[[metrics]]\ncolumn = \"涨粉\"\nkpi = \"fans\"\naggregate = \"last\"\n",
            "日期,涨粉\n2025-12-31,1\n2025-12-31,2\n".into(),
        ),
        (
            "I007",
            "[[metrics]]\ncolum = \"涨粉\"\nkpi = \"fans\"\n",
            "涨粉\n1\n".into(),
        ),
        (
            "I007",
            "[[metrics]]\ncolumn = \"涨粉\"\n",
            "涨粉\n1\n".into(),
        ),
        (
            "I007",
            "[[metrics]]\ncolumn = \"涨粉\"\nkpi = \"fans\"\naggregate = \"last\"\n",
            "涨粉\n1\n".into(),
        ),
        (
            "I007",
            "[file]\nfrom = \"2025-01-01\"\n\n[[metrics]]\ncolumn = \"涨粉\"\nkpi = \"fans\"\n",
            "涨粉\n1\n".into(),
        ),
        (
            "I007",
            "[file]\nencoding = \"latin1\"\n\n[[metrics]]\ncolumn = \"涨粉\"\nkpi = \"fans\"\n",
            "涨粉\n1\n".into(),
        ),
        ("I007", "", "涨粉\n1\n".into()),
        (
            "I007",
            "[campaigns]\nmatch = \"exact\"\n",
            "涨粉\n1\n".into(),
        ),
        ("I008", FANS, b"PK\x03\x04 broken".to_vec()),
        ("I008", FANS, b"a\0b".to_vec()),
        ("I008", FANS, gbk_bad.to_vec()),
        (
            "I008",
            "[file]\nencoding = \"utf-8\"\n\n[[metrics]]\ncolumn = \"涨粉\"\nkpi = \"fans\"\n",
            vec![0xB0, 0xA1],
        ),
    ];
    for (code, map, export) in cases {
        let diags = import(map, &export);
        assert!(
            diags.iter().any(|d| d.code() == code),
            "{code} expected from {map:?}: {diags:?}"
        );
        for d in &diags {
            let texts = std::iter::once(&d.message)
                .chain(std::iter::once(&d.primary.text))
                .chain(d.secondary.iter().map(|l| &l.text))
                .chain(&d.help);
            for m in texts {
                assert_eq!(m.untranslated(), None, "{}: {m:?}", d.code());
            }
            assert!(!d.help.is_empty(), "{} has no help: {d:?}", d.code());
        }
    }
}

#[test]
fn a_clean_import_offers_the_new_text() {
    let w = MemWorld::default()
        .with_file("p/plan.toml", PLAN)
        .with_file("p/map.toml", FANS)
        .with_file("p/a.csv", "名称,涨粉\n甲,1.2万\n")
        .with_file("p/b.csv", "名称,涨粉\n乙,\"3,000\"\n");
    let files = [PathBuf::from("p/a.csv"), PathBuf::from("p/b.csv")];
    let req = Request {
        files: &files,
        map: Path::new("p/map.toml"),
        plan: Path::new("p/plan.toml"),
        root: None,
    };
    let out = prepare(&w, &req).expect("reads");
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let new = String::from_utf8(out.new.expect("new text")).expect("UTF-8");
    assert!(
        new.ends_with("target = \"8万\"\nactual = \"1.5万\"\n"),
        "{new}"
    );
    assert_eq!(out.values[0].path, "kpis.fans.actual");
    assert_eq!(out.values[0].rows, 2);
    // Nothing was written: `prepare` only reads.
    assert!(w.written_under("p").is_empty());
}
