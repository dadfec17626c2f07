//! `almanac copy`: drafts checked for the advertising law's absolute terms
//! with the plan rule's list (L001), located at their exact characters.

use crate::support::{Scratch, repo, run_in};

fn findings(json: &str) -> Vec<(String, u64, u64, u64)> {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    v["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            let p = &d["primary"];
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                p["line"].as_u64().unwrap_or(0),
                p["column"].as_u64().unwrap_or(0),
                p["end_column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn a_draft_gets_each_term_at_its_characters() {
    let r = run_in(
        &repo(),
        &["copy", "tests/fixtures/copy/draft.md", "--format", "json"],
    );
    // Terms are warnings: exit 0 unless denied.
    assert_eq!(r.code, 0, "{}", r.stderr);
    let l001 = |line, col, len| ("L001".to_string(), line, col, col + len);
    assert_eq!(
        findings(&r.stdout),
        [
            l001(3, 12, 4), // 销量第一, not 第一 alone
            l001(3, 17, 3), // 国家级
            l001(5, 3, 2),  // 独家
            l001(5, 10, 4), // 100%
            l001(6, 3, 2),  // 最佳, not 最 alone
        ]
    );
    let r = run_in(
        &repo(),
        &["copy", "tests/fixtures/copy/draft.md", "--deny-warnings"],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("warning[L001]: `销量第一` is an absolute term China's advertising law forbids\n --> tests/fixtures/copy/draft.md:3:12\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .ends_with("checked 1 draft: 0 errors, 5 warnings\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn everyday_words_in_a_draft_are_not_claims() {
    let r = run_in(
        &repo(),
        &[
            "copy",
            "tests/fixtures/copy/near-misses.md",
            "--format",
            "json",
            "--deny-warnings",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(findings(&r.stdout).is_empty(), "{}", r.stdout);
}

/// A plan lends its own terms, its exemptions and its language.
#[test]
fn a_plan_extends_and_narrows_the_list_for_drafts() {
    let s = Scratch::new()
        .file(
            "plan.toml",
            "[plan]\nyear = 2026\nlocale = \"zh-CN\"\n\n[rules.absolute-term]\nterms = [\"吊打\"]\nallow = [\"最佳\", \"100%\"]\n",
        )
        .file("draft.md", "最佳拍档，100% 好评，吊打同行\n");
    let r = s.run(&["copy", "draft.md", "--plan", "plan.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("警告[L001]: `吊打` 是广告法禁止的绝对化用语\n --> draft.md:1:14\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.ends_with("检查了 1 份稿件：0 个错误，1 个警告\n"),
        "{}",
        r.stderr
    );
    // A list given where a threshold goes, or the reverse, is refused.
    let s = Scratch::new().file(
        "plan.toml",
        "[plan]\nyear = 2026\nlocale = \"en\"\n\n[rules.absolute-term]\nallow = \"5%\"\n\n[rules.budget-shares]\ntolerance = [\"1%\"]\n",
    );
    let r = s.run(&["check", "plan.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("error[S004]: `allow` of L001 `absolute-term` should be a list of words"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("error[S004]: `tolerance` of B001 `budget-shares` should be a number"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_draft_that_is_not_utf8_is_located_and_one_that_is_missing_is_a_usage_error() {
    let s = Scratch::new().file("gbk.md", b"\xd7\xee\xbc\xd1\n".as_slice());
    let r = s.run(&["copy", "gbk.md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("error[S002]: the draft is not UTF-8 text"),
        "{}",
        r.stderr
    );
    let r = s.run(&["copy", "missing.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: cannot read `missing.md`: no such file"),
        "{}",
        r.stderr
    );
}
