//! The Mermaid charts, through the real binary: `build --only mermaid`
//! writes `timeline.mmd` and nothing else; its lines keep to the gantt
//! grammar whatever the plan's names hold; `diff --mermaid` appends a chart
//! of the campaigns that moved, in a git repository as a pull request does.
//! (That the real Mermaid library parses and renders them is the e2e
//! suite's part, `tests/e2e/mermaid.mjs`.)

use std::path::Path;

use crate::support::{Scratch, all_files, git, repo, run_in};

/// Every file below `dir`, relative to it, sorted.
fn files(dir: &Path) -> Vec<String> {
    all_files(dir)
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

#[test]
fn build_only_mermaid_writes_only_the_timeline() {
    let s = Scratch::new().with_examples(|t| t);
    let r = s.run(&[
        "build",
        "plans/new-media-2026.toml",
        "--only",
        "mermaid",
        "-o",
        "out",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = s.dir.path().join("out");
    assert_eq!(files(&out), ["new-media-2026/timeline.mmd"]);
    let text = std::fs::read_to_string(out.join("new-media-2026/timeline.mmd")).expect("read");
    insta::assert_snapshot!("timeline_2026", text);

    // `mmd` names the same output; the bytes do not change between builds.
    let r = s.run(&[
        "build",
        "plans/new-media-2026.toml",
        "--only",
        "mmd",
        "-o",
        "again",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let again = std::fs::read_to_string(s.dir.path().join("again/new-media-2026/timeline.mmd"))
        .expect("read");
    assert_eq!(again, text);

    // A build of everything does not write it: it is asked for by name.
    let r = s.run(&["build", "plans/new-media-2026.toml", "-o", "all"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let all = files(&s.dir.path().join("all"));
    assert!(all.iter().any(|f| f.ends_with("tasks.json")), "{all:?}");
    assert!(!all.iter().any(|f| f.ends_with(".mmd")), "{all:?}");
}

#[test]
fn the_timeline_follows_the_locale_option() {
    let s = Scratch::new().with_examples(|t| t);
    let r = s.run(&[
        "build",
        "plans/new-media-2026.toml",
        "--only",
        "mermaid",
        "--locale",
        "en",
        "-o",
        "out",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(s.dir.path().join("out/new-media-2026/timeline.mmd"))
        .expect("read");
    assert!(text.contains("\n    section Q1 2026\n"), "{text}");
    assert!(!text.contains("季度"), "{text}");
}

/// Whether `name` (a task's or section's text) holds only what the gantt
/// grammar reads as text: no `:`, no `%`, and `#`/`;` only in an entity code.
fn plain_text(name: &str) -> bool {
    if name.is_empty() || name.contains([':', '%', '"', '`']) || name != name.trim() {
        return false;
    }
    let mut rest = name;
    while let Some(at) = rest.find(['#', ';']) {
        let tail = &rest[at..];
        let Some(code) = tail.strip_prefix('#') else {
            return false; // a `;` outside an entity code
        };
        let digits = code.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || !code[digits..].starts_with(';') {
            return false;
        }
        rest = &code[digits + 1..];
    }
    true
}

/// One bar's data: `crit, c1, 2026-01-27, 2026-03-04`.
fn bar_data(data: &str) -> bool {
    let parts: Vec<&str> = data.split(", ").collect();
    let n = parts.len();
    let date = |s: &str| s.len() == 10 && s.parse::<chrono::NaiveDate>().is_ok();
    n >= 3
        && parts[..n - 3]
            .iter()
            .all(|t| ["crit", "done", "active", "milestone"].contains(t))
        && parts[n - 3]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && date(parts[n - 2])
        && date(parts[n - 1])
        && parts[n - 2] <= parts[n - 1]
}

/// Checks every line of a chart against the statements almanac writes.
fn assert_grammar(text: &str) {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("gantt"), "{text}");
    for line in lines {
        let Some(body) = line.strip_prefix("    ") else {
            panic!("line not indented: {line:?}");
        };
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "{line:?}"
        );
        let keyword = body.split(' ').next().unwrap_or("");
        match keyword {
            "%%" | "dateFormat" | "axisFormat" | "inclusiveEndDates" | "excludes" => {}
            "title" | "section" => {
                let rest = &body[keyword.len() + 1..];
                assert!(plain_text(rest), "{line:?}");
            }
            _ => {
                let Some((name, data)) = body.rsplit_once(" :") else {
                    panic!("not a bar: {line:?}");
                };
                assert!(plain_text(name), "name {name:?} in {line:?}");
                assert!(bar_data(data), "data {data:?} in {line:?}");
                // A bar's text never starts like a keyword or a date.
                let first = name.split(' ').next().unwrap_or("").to_lowercase();
                for kw in ["title", "section", "click", "call", "excludes", "gantt"] {
                    assert_ne!(first, kw, "{line:?}");
                }
            }
        }
    }
}

#[test]
fn hostile_names_keep_to_the_grammar() {
    let hostile = repo().join("tests/e2e/fixtures/hostile.toml");
    let s = Scratch::new().file(
        "hostile.toml",
        std::fs::read(&hostile).expect("the hostile plan"),
    );
    let r = s.run(&["build", "hostile.toml", "--only", "mermaid", "-o", "out"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text =
        std::fs::read_to_string(s.dir.path().join("out/hostile/timeline.mmd")).expect("read");
    assert_grammar(&text);
    // The script tag is text, escaped, not markup.
    assert!(
        text.contains("#60;script#62;alert(1)#60;/script#62;"),
        "{text}"
    );
    assert!(!text.contains("<script"), "{text}");
}

#[test]
fn names_that_mean_something_to_mermaid_are_escaped() {
    let plan = "[plan]\nid = \"p\"\nname = \"Plan: #1; 100%\"\nyear = 2026\nlocale = \"en\"\n\n\
        [campaigns.a]\nname = \"click here: now\"\nwindow = \"03-01..03-10\"\nflagship = true\n\n\
        [campaigns.a.tasks.t]\nname = \"title\\n%% comment ; x\"\ndue = \"02-20\"\n\n\
        [campaigns.b]\nname = \"2026-05-01 launch #2\"\nwindow = \"05-01..05-03\"\n\n\
        [moments.m]\nname = \"section \\\"Q\\\" ```\"\ndate = \"06-18\"\n";
    let s = Scratch::new().file("p.toml", plan);
    let r = s.run(&["build", "p.toml", "--only", "mermaid", "-o", "out"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(s.dir.path().join("out/p/timeline.mmd")).expect("read");
    assert_grammar(&text);
    for line in [
        "    title Plan#58; #35;1#59; 100#37;",
        "    #99;lick here#58; now :crit, c1, 2026-03-01, 2026-03-10",
        "    #116;itle #37;#37; comment #59; x :c1t1, 2026-02-20, 2026-02-20",
        "    #50;026-05-01 launch #35;2 :c2, 2026-05-01, 2026-05-03",
        "    #115;ection #34;Q#34; #96;#96;#96; :milestone, m1, 2026-06-18, 2026-06-18",
    ] {
        assert!(text.lines().any(|l| l == line), "no {line:?} in\n{text}");
    }
}

const V1: &str = "[plan]\nid = \"brand-2026\"\nname = \"2026 品牌计划\"\nyear = 2026\nlocale = \"zh-CN\"\n\n\
    [campaigns.summer]\nname = \"夏日计划\"\nwindow = \"07-01..07-31\"\n\n\
    [campaigns.spring]\nname = \"春季: 上新\"\nwindow = \"03-01..03-20\"\n\n\
    [campaigns.winter]\nname = \"冬季\"\nwindow = \"12-01..12-20\"\n";

/// The summer campaign a week later, spring renamed only, winter removed,
/// autumn added.
fn v2() -> String {
    V1.replace("07-01..07-31", "07-08..08-07")
        .replace("春季: 上新", "春季上新")
        .replace(
            "[campaigns.winter]\nname = \"冬季\"\nwindow = \"12-01..12-20\"\n",
            "[campaigns.autumn]\nname = \"秋季\"\nwindow = \"sep\"\n",
        )
}

#[test]
fn diff_mermaid_draws_the_campaigns_that_moved_in_a_pull_request() {
    let s = Scratch::new().file("plans/plan.toml", V1);
    let dir = s.dir.path();
    git(dir, &["init", "-q"]);
    git(dir, &["config", "user.name", "Almanac Test"]);
    git(dir, &["config", "user.email", "test@example.com"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "v1"]);
    std::fs::write(dir.join("plans/plan.toml"), v2()).expect("write");

    let plain = run_in(dir, &["diff", "--git", "HEAD", "plans/plan.toml"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(!plain.stdout.contains("```mermaid"), "{}", plain.stdout);

    let r = run_in(
        dir,
        &["diff", "--git", "HEAD", "plans/plan.toml", "--mermaid"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The Markdown diff unchanged, then the chart.
    let Some(chart) = r.stdout.strip_prefix(&plain.stdout) else {
        panic!("the chart comes after the diff:\n{}", r.stdout);
    };
    let block = chart.trim_start_matches('\n');
    assert!(
        block.starts_with("```mermaid\n") && block.ends_with("\n```\n"),
        "{block}"
    );
    assert_grammar(&block["```mermaid\n".len()..block.len() - "```\n".len()]);
    insta::assert_snapshot!("diff_mermaid", block);

    // A folder of plans: each plan's chart after its own diff.
    let r = run_in(dir, &["diff", "--git", "HEAD", "plans", "--mermaid"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.matches("```mermaid").count(), 1, "{}", r.stdout);
    assert!(r.stdout.ends_with(block), "{}", r.stdout);
}

#[test]
fn diff_mermaid_adds_nothing_when_no_campaign_dates_changed() {
    let s = Scratch::new()
        .file("v1.toml", V1)
        .file("v2.toml", V1.replace("春季: 上新", "春季上新"));
    let r = s.run(&["diff", "v1.toml", "v2.toml", "--mermaid"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("春季上新"), "{}", r.stdout);
    assert!(!r.stdout.contains("```mermaid"), "{}", r.stdout);
    assert!(!r.stdout.contains("gantt"), "{}", r.stdout);
}

#[test]
fn diff_mermaid_is_for_markdown_only() {
    let s = Scratch::new().file("v1.toml", V1).file("v2.toml", v2());
    let r = s.run(&[
        "diff",
        "v1.toml",
        "v2.toml",
        "--mermaid",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("--mermaid"), "{}", r.stderr);
}
