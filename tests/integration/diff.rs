//! `almanac diff`: the semantic diff of two versions of a plan, driven
//! through the real binary — the pull-request scenario, spelling-only
//! changes, exit codes, unrelated plans, plans with errors, and `--git`.

use serde_json::{Value, json};

use crate::support::{Scratch, git, run_in};

/// Version 1 of a small plan: ¥5M split 60/30/10, one summer campaign and a
/// weekly column.
const V1: &str = r#"
[plan]
id = "brand-2026"
name = "2026 品牌计划"
year = 2026
locale = "zh-CN"

[people.lead]
name = "负责人"

[channels.douyin]
name = "抖音"

[budget]
total = "500万"

[budget.ads]
name = "广告投放"
share = "60%"

[budget.kol]
name = "KOL"
share = "30%"

[budget.tools]
name = "工具"
share = "10%"

[campaigns.summer]
name = "夏日计划"
window = "07-01..07-31"
channels = ["douyin"]
owner = "lead"
budget = { ads = "50万" }

[columns.vlog]
name = "探店vlog"
channel = "douyin"
every = "every wed except holidays"
owner = "lead"
"#;

/// Version 2: ¥200k moved from KOL to ads, the summer campaign a week
/// later, an autumn campaign added.
fn v2() -> String {
    let v = V1
        .replace(r#"share = "60%""#, r#"share = "64%""#)
        .replace(r#"share = "30%""#, r#"share = "26%""#)
        .replace("07-01..07-31", "07-08..08-07");
    format!(
        "{v}
[campaigns.autumn]
name = \"秋季上新\"
window = \"sep\"
channels = [\"douyin\"]
owner = \"lead\"
"
    )
}

/// Version 1 spelled differently: money in other notations, shares as
/// amounts, keys and tables reordered, comments, one-element lists as
/// strings, a month for a range.
const V1_RESPELLED: &str = r#"
# The same plan, written by someone else.
[plan]
locale = "zh-CN"
year = 2026
name = "2026 品牌计划"
id = "brand-2026"

[channels.douyin]
name = "抖音"

[people.lead]
name = "负责人"   # the only person

[columns.vlog]
owner = "lead"
every = "every wed except holidays"
channel = "douyin"
name = "探店vlog"

[budget]
total = "¥5M"

[budget.tools]
amount = "CNY 500k"
name = "工具"

[budget.kol]
amount = "¥1.5M"
name = "KOL"

[budget.ads]
name = "广告投放"
amount = "300万"

[campaigns.summer]
owner = "lead"
budget = { ads = "¥0.5M" }
channels = "douyin"
window = "jul"
name = "夏日计划"
"#;

fn changes(stdout: &str) -> Value {
    let doc: Value = serde_json::from_str(stdout).expect("diff --format json prints JSON");
    assert_eq!(doc["version"], 1);
    doc["changes"].clone()
}

#[test]
fn pull_request_shows_exactly_the_changes() {
    let s = Scratch::new().file("v1.toml", V1).file("v2.toml", v2());
    let r = s.run(&["diff", "v1.toml", "v2.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        "## 计划变更：`brand-2026`

`v1.toml` → `v2.toml`

共 4 处变更：预算科目 2 项修改；活动 1 项新增、1 项修改

### 预算

| 科目 | 原 | 新 | 变化 |
|---|---|---|---|
| `ads` 广告投放 | ¥3,000,000 (60%) | ¥3,200,000 (64%) | +¥200,000 |
| `kol` KOL | ¥1,500,000 (30%) | ¥1,300,000 (26%) | -¥200,000 |
| **总预算** | ¥5,000,000 | ¥5,000,000 | ±0 |

### 活动

| 项目 | 变更 | 原 | 新 |
|---|---|---|---|
| `autumn` 秋季上新 | 新增 | — | 2026-09-01 – 2026-09-30 |
| `summer` 夏日计划 | 推迟一周 | 2026-07-01 – 2026-07-31 | 2026-07-08 – 2026-08-07 |
"
    );

    let r = s.run(&["diff", "v1.toml", "v2.toml", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(doc["old"], json!({"id": "brand-2026", "path": "v1.toml"}));
    assert_eq!(doc["new"], json!({"id": "brand-2026", "path": "v2.toml"}));
    assert_eq!(
        changes(&r.stdout),
        json!([
            {"section": "budget", "id": "ads", "kind": "changed", "field": "amount", "old": "3000000", "new": "3200000"},
            {"section": "budget", "id": "kol", "kind": "changed", "field": "amount", "old": "1500000", "new": "1300000"},
            {"section": "campaigns", "id": "autumn", "kind": "added", "field": null, "old": null, "new": "2026-09-01..2026-09-30"},
            {"section": "campaigns", "id": "summer", "kind": "changed", "field": "window", "old": "2026-07-01..2026-07-31", "new": "2026-07-08..2026-08-07"},
        ])
    );
}

#[test]
fn english_plans_get_english_labels() {
    let en = |v: &str| v.replace(r#"locale = "zh-CN""#, r#"locale = "en""#);
    let s = Scratch::new()
        .file("v1.toml", en(V1))
        .file("v2.toml", en(&v2()));
    let r = s.run(&["diff", "v1.toml", "v2.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "## Plan diff: `brand-2026`\n\n`v1.toml` → `v2.toml`\n\n\
             4 changes: 2 budget lines changed, 1 campaign added, 1 campaign changed\n"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("| `summer` 夏日计划 | moved a week later | 2026-07-01 – 2026-07-31 | 2026-07-08 – 2026-08-07 |"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("| **Total** | ¥5,000,000 | ¥5,000,000 | ±0 |"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_change_of_spelling_is_no_difference() {
    let s = Scratch::new()
        .file("v1.toml", V1)
        .file("same.toml", V1_RESPELLED);
    let r = s.run(&["diff", "v1.toml", "same.toml", "--exit-code"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("无变更：两个版本的计划含义相同。"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("###"), "{}", r.stdout);
    let r = s.run(&[
        "diff",
        "v1.toml",
        "same.toml",
        "--format",
        "json",
        "--exit-code",
    ]);
    assert_eq!(r.code, 0);
    assert_eq!(changes(&r.stdout), json!([]));
}

#[test]
fn exit_code_reports_differences() {
    let s = Scratch::new().file("v1.toml", V1).file("v2.toml", v2());
    assert_eq!(
        s.run(&["diff", "v1.toml", "v2.toml", "--exit-code"]).code,
        1
    );
    let r = s.run(&[
        "diff",
        "v1.toml",
        "v2.toml",
        "--format",
        "json",
        "--exit-code",
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(changes(&r.stdout).as_array().map(Vec::len), Some(4));
}

/// Each change of a JSON diff as (section, id, kind, field).
fn change_rows(stdout: &str) -> Vec<(String, String, String, String)> {
    changes(stdout)
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
            (s("section"), s("id"), s("kind"), s("field"))
        })
        .collect()
}

#[test]
fn columns_kpis_rules_people_and_channels() {
    let v1 = format!(
        "{V1}
[kpis.followers]
name = \"粉丝\"
baseline = \"10万\"
target = \"12万\"
"
    );
    let v2 = v1
        .replace(
            "every = \"every wed except holidays\"",
            "every = \"every thu except holidays\"",
        )
        .replace("target = \"12万\"", "target = \"130000\"")
        .replace(
            "[people.lead]\nname = \"负责人\"",
            "[people.lead]\nname = \"负责人\"\n\n[people.editor]\nname = \"编辑\"",
        )
        + "\n[channels.wechat]\nname = \"微信\"\n\n[rules]\nbudget-shares = { severity = \"warn\", tolerance = \"0.5pp\" }\n";
    let s = Scratch::new().file("v1.toml", v1).file("v2.toml", v2);
    let r = s.run(&["diff", "v1.toml", "v2.toml", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let got = change_rows(&r.stdout);
    let want: Vec<(String, String, String, String)> = [
        ("columns", "vlog", "changed", "recurrence"),
        ("columns", "vlog", "changed", "episode_dates"),
        ("kpis", "followers", "changed", "target"),
        ("rules", "B001", "changed", "severity"),
        ("rules", "B001", "changed", "tolerance"),
        ("people", "editor", "added", ""),
        ("channels", "wechat", "added", ""),
    ]
    .iter()
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
    .collect();
    assert_eq!(got, want);
    let all = changes(&r.stdout);
    let find = |field: &str| {
        all.as_array()
            .and_then(|v| v.iter().find(|c| c["field"] == field).cloned())
            .expect("the change")
    };
    // As many Thursdays as Wednesdays: the count is unchanged, the days are not.
    assert_eq!(find("episode_dates")["old"][0], "2026-01-07");
    assert_eq!(find("episode_dates")["new"][0], "2026-01-08");
    assert_eq!(find("recurrence")["old"], "every wed except holidays");
    assert_eq!(find("recurrence")["new"], "every thu except holidays");
    assert_eq!(find("target")["old"], "120000");
    assert_eq!(find("target")["new"], "130000");
    assert_eq!(find("severity")["old"], "error");
    assert_eq!(find("severity")["new"], "warning");
    assert_eq!(find("tolerance")["old"], Value::Null);
    assert_eq!(find("tolerance")["new"], "0.5");

    let r = s.run(&["diff", "v1.toml", "v2.toml"]);
    assert!(
        r.stdout.contains(
            "| `vlog` 探店vlog | 周期 | every wed except holidays | every thu except holidays |"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("| `B001` budget-shares | 级别 | error | warning |"),
        "{}",
        r.stdout
    );
}

#[test]
fn unrelated_plans_are_still_compared() {
    let other = r#"
[plan]
id = "other-2026"
name = "Other"
year = 2026
locale = "en"

[channels.blog]
name = "Blog"
"#;
    let s = Scratch::new().file("v1.toml", V1).file("other.toml", other);
    let r = s.run(&["diff", "v1.toml", "other.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("> **Note:** the plan ids differ (`brand-2026` and `other-2026`); these may be two unrelated plans."),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .starts_with("## Plan diff: `brand-2026` → `other-2026`\n"),
        "{}",
        r.stdout
    );
    let r = s.run(&["diff", "v1.toml", "other.toml", "--format", "json"]);
    let all = changes(&r.stdout);
    let all = all.as_array().expect("a list");
    assert_eq!(
        all[0],
        json!({"section": "plan", "id": "plan", "kind": "changed", "field": "id", "old": "brand-2026", "new": "other-2026"})
    );
    for (section, id, kind) in [
        ("budget", "total", "removed"),
        ("campaigns", "summer", "removed"),
        ("columns", "vlog", "removed"),
        ("people", "lead", "removed"),
        ("channels", "blog", "added"),
        ("channels", "douyin", "removed"),
    ] {
        assert!(
            all.iter()
                .any(|c| c["section"] == section && c["id"] == id && c["kind"] == kind),
            "{section} {id} {kind}: {all:?}"
        );
    }
}

#[test]
fn a_side_with_errors_is_reported_and_still_compared() {
    let bad = v2().replace("owner = \"lead\"\nbudget", "owner = \"leda\"\nbudget");
    let s = Scratch::new()
        .file("v1.toml", V1)
        .file("bad.toml", bad)
        .file("broken.toml", "[plan\nid = 1\n");
    let r = s.run(&["diff", "v1.toml", "bad.toml", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("错误[R001]: 成员 `leda` 不存在"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("bad.toml:"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("警告：新计划 `bad.toml` 有 1 个错误；差异只包含能解析的部分"),
        "{}",
        r.stderr
    );
    let all = changes(&r.stdout);
    assert!(
        all.as_array()
            .expect("a list")
            .iter()
            .any(|c| c["id"] == "autumn"),
        "{all}"
    );

    let r = s.run(&["diff", "broken.toml", "v1.toml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("error[S001]"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the old plan `broken.toml` does not resolve"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");

    let r = s.run(&["diff", "v1.toml", "missing.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.toml"), "{}", r.stderr);
}

#[test]
fn git_compares_with_a_revision() {
    // The plan includes its team from a fragment; both are read at HEAD.
    let team = "[people.lead]\nname = \"负责人\"\n\n[channels.douyin]\nname = \"抖音\"\n";
    let plan = |v: &str| {
        let body = v.replace(
            "[people.lead]\nname = \"负责人\"\n\n[channels.douyin]\nname = \"抖音\"\n",
            "",
        );
        format!("include = [\"shared/team.toml\"]\n{body}")
    };
    let s = Scratch::new()
        .file("plans/plan.toml", plan(V1))
        .file("plans/shared/team.toml", team);
    let dir = s.dir.path();
    git(dir, &["init", "-q"]);
    git(dir, &["config", "user.name", "Almanac Test"]);
    git(dir, &["config", "user.email", "test@example.com"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "v1"]);

    // Unchanged working copy: no differences.
    let r = run_in(
        dir,
        &["diff", "--git", "HEAD", "plans/plan.toml", "--exit-code"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("无变更"), "{}", r.stdout);

    // The pull request's edits, and a channel renamed in the fragment.
    std::fs::write(dir.join("plans/plan.toml"), plan(&v2())).expect("write");
    std::fs::write(
        dir.join("plans/shared/team.toml"),
        team.replace("\"抖音\"", "\"抖音号\""),
    )
    .expect("write");
    let r = run_in(
        dir,
        &[
            "diff",
            "--git",
            "HEAD",
            "plans/plan.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(
        doc["old"],
        json!({"id": "brand-2026", "path": "HEAD:plans/plan.toml"})
    );
    assert_eq!(
        doc["new"],
        json!({"id": "brand-2026", "path": "plans/plan.toml"})
    );
    let got: Vec<(String, String)> = doc["changes"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or("").to_string(),
                c["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("ads", "amount"),
        ("kol", "amount"),
        ("autumn", ""),
        ("summer", "window"),
        ("douyin", "name"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);

    // From inside the plan's folder, too.
    let r = run_in(
        &dir.join("plans"),
        &["diff", "--git", "HEAD", "plan.toml", "--exit-code"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);

    let r = run_in(dir, &["diff", "--git", "no-such-rev", "plans/plan.toml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown git revision `no-such-rev`"),
        "{}",
        r.stderr
    );

    std::fs::write(dir.join("plans/new.toml"), V1).expect("write");
    let r = run_in(dir, &["diff", "--git", "HEAD", "plans/new.toml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("`plans/new.toml` is not in git at `HEAD`"),
        "{}",
        r.stderr
    );
}

#[test]
fn misuse_is_exit_code_2() {
    let s = Scratch::new().file("v1.toml", V1);
    let r = s.run(&["diff", "v1.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("give two plans"), "{}", r.stderr);
    let r = s.run(&["diff", "--git", "HEAD"]);
    assert_eq!(r.code, 2);
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("p.toml"), V1).expect("write");
    let r = run_in(outside.path(), &["diff", "--git", "HEAD", "p.toml"]);
    // Not a repository (unless the temporary folder sits inside one).
    assert_eq!(r.code, 2, "{}", r.stderr);
}

/// A plan without an `id` takes it from its file name, on both sides of a
/// `--git` diff: an unchanged plan has no differences.
#[test]
fn git_diff_of_a_plan_without_an_id_is_empty_when_unchanged() {
    let s = Scratch::new().file(
        "plan.toml",
        "[plan]\nyear = 2026\n\n[channels.douyin]\nname = \"抖音\"\n",
    );
    let dir = s.dir.path();
    git(dir, &["init", "-q"]);
    git(dir, &["config", "user.email", "t@example.com"]);
    git(dir, &["config", "user.name", "t"]);
    git(dir, &["add", "plan.toml"]);
    git(dir, &["commit", "-q", "-m", "v1"]);
    let r = s.run(&[
        "diff",
        "--git",
        "HEAD",
        "plan.toml",
        "--exit-code",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["old"]["id"], "plan");
    assert_eq!(v["new"]["id"], "plan");
    assert_eq!(v["changes"], serde_json::json!([]));
}

/// Names a plan from a fork can give its items to attack the pull-request
/// comment: an HTML comment that hides the rest of it, a script, an image
/// with a handler, a link, a backtick, a table pipe, a terminal escape
/// sequence and a bidi override.
const HOSTILE: [&str; 8] = [
    "<!--",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[x](http://evil)",
    "a`b",
    "|",
    "\u{1b}[2J",
    "rtl\u{202e}txt",
];

/// Characters no document may hold raw (C0 but TAB and LF, DEL, C1,
/// U+2028/U+2029, the bidi embeddings, overrides and isolates), written
/// out here apart from the library's own list.
fn is_unsafe(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && c != '\t' && c != '\n')
        || (0x7f..=0x9f).contains(&n)
        || (0x2028..=0x202e).contains(&n)
        || (0x2066..=0x2069).contains(&n)
}

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' | '"' => {
                out.push('\\');
                out.push(c);
            }
            c if is_unsafe(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn hostile_names_show_as_text_in_the_markdown() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    let all = HOSTILE.join(" ");
    let name = |old: &str| format!("name = {}", toml_string(&format!("{old} {all}")));
    // Every kind of item renamed, plus one new campaign per hostile name.
    let mut v2 = V1
        .replace(r#"name = "2026 品牌计划""#, &name("plan"))
        .replace(r#"name = "负责人""#, &name("lead"))
        .replace(r#"name = "抖音""#, &name("douyin"))
        .replace(r#"name = "广告投放""#, &name("ads"))
        .replace(r#"name = "夏日计划""#, &name("summer"))
        .replace(r#"name = "探店vlog""#, &name("vlog"))
        .replace(
            "locale = \"zh-CN\"\n",
            &format!(
                "locale = \"zh-CN\"\nkey_messages = [{}]\n",
                toml_string(&all)
            ),
        );
    for (i, h) in HOSTILE.iter().enumerate() {
        v2.push_str(&format!(
            "\n[campaigns.h{i}]\nname = {}\nwindow = \"sep\"\nchannels = [\"douyin\"]\nowner = \"lead\"\n",
            toml_string(h)
        ));
    }
    // The new plan's file name is shown too.
    let new_file = "v2 <!--|`x`.toml";
    let s = Scratch::new().file("v1.toml", V1).file(new_file, &v2);
    let r = s.run(&["diff", "v1.toml", new_file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = r.stdout;

    let raw: Vec<char> = md.chars().filter(|&c| is_unsafe(c)).collect();
    assert!(raw.is_empty(), "raw unsafe characters {raw:?} in:\n{md}");

    let mut html = Vec::new();
    let mut links = Vec::new();
    let mut shown = String::new();
    let mut cells: Vec<String> = Vec::new();
    let mut in_cell = false;
    for e in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match e {
            // The diff writes no HTML of its own: any is the plan's.
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.into_string()),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.into_string());
            }
            Event::Start(Tag::TableCell) => {
                cells.push(String::new());
                in_cell = true;
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) | Event::Code(t) => {
                shown.push_str(&t);
                if let Some(c) = cells.last_mut().filter(|_| in_cell) {
                    c.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => shown.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => shown.push('\n'),
            _ => {}
        }
    }
    assert!(html.is_empty(), "raw HTML {html:?} in:\n{md}");
    assert!(links.is_empty(), "links {links:?} in:\n{md}");

    // Each name shows literally, without its unsafe characters, in a cell
    // of its own row.
    let literal = |s: &str| s.chars().filter(|&c| !is_unsafe(c)).collect::<String>();
    for (i, h) in HOSTILE.iter().enumerate() {
        let want = format!("h{i} {}", literal(h));
        assert!(
            cells.contains(&want),
            "no cell {want:?} in {cells:?} from:\n{md}"
        );
    }
    let all = literal(&all);
    for old in ["lead", "douyin", "ads", "summer", "vlog"] {
        let want = format!("{old} {old} {all}");
        assert!(
            cells.contains(&want),
            "no cell {want:?} in {cells:?} from:\n{md}"
        );
    }
    assert!(
        cells.contains(&format!("plan {all}")),
        "the plan's new name is not a cell: {cells:?}"
    );
    assert!(
        cells.contains(&all),
        "the key message is not a cell: {cells:?}"
    );
    assert!(
        shown.contains("v1.toml → v2 <!--|`x`.toml\n"),
        "the paths are not shown as written:\n{shown}"
    );
}

/// What the bundled plans' pull request would show: the legal review's
/// `lead` and a company holiday, which move dates without touching any
/// campaign, are reported; several plans nest under one heading; a plan
/// removed or added is listed; the labels are `REV:path-from-the-root`
/// however almanac is run.
#[test]
fn git_diff_of_a_folder_shows_review_and_holiday_changes_under_one_heading() {
    let s = Scratch::new().with_examples(|text| text);
    let dir = s.dir.path();
    git(dir, &["init", "-q"]);
    git(dir, &["config", "user.name", "Almanac Test"]);
    git(dir, &["config", "user.email", "test@example.com"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    let r = run_in(dir, &["diff", "--git", "HEAD", "plans", "--exit-code"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    let path = dir.join("plans/new-media-2026.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("\nlead = \"3d\""));
    let text = text
        .replacen("\nlead = \"3d\"", "\nlead = \"5wd\"", 1)
        .replacen(
            "[budget]",
            "[holidays.team_day]\nname = \"团建日\"\noff = \"2026-06-05\"\n\n[budget]",
            1,
        );
    std::fs::write(&path, text).expect("write");
    std::fs::remove_file(dir.join("plans/northbeam-2027.toml")).expect("remove");

    let r = run_in(
        &dir.join("plans"),
        &["diff", "--git", "HEAD", ".", "--exit-code"],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let md = &r.stdout;
    assert!(md.starts_with("# 计划变更\n"), "{md}");
    assert!(
        md.contains("- 已删除的计划: `HEAD:plans/northbeam-2027.toml`"),
        "{md}"
    );
    assert!(md.contains("- 含义未变: `new-media-2025`"), "{md}");
    assert!(md.contains("\n## 计划变更：`new-media-2026`\n"), "{md}");
    assert!(
        md.contains("`HEAD:plans/new-media-2026.toml` → `new-media-2026.toml`"),
        "{md}"
    );
    assert!(md.contains("| `final` 终审 | 提前量 | 3d | 5wd |"), "{md}");
    assert!(
        md.contains("| `calendar` | 放假日（取消 / 新增） | — | 2026-06-05 |"),
        "{md}"
    );
    // No heading skips a level.
    let mut last = 0;
    for line in md.lines().filter(|l| l.starts_with('#')) {
        let level = line.chars().take_while(|c| *c == '#').count();
        assert!(level <= last + 1, "`{line}` after level {last}:\n{md}");
        last = level;
    }
}

// ------------------------------------------------ the diff misses nothing

/// Edits of the 2026 example plan and its team fragment (file, from, to):
/// some change what the plan means, some only how it is written.
const EDITS: &[(&str, &str, &str)] = &[
    ("plan", "\nlead = \"3d\"", "\nlead = \"5wd\""),
    (
        "plan",
        "[budget]",
        "[holidays.team_day]\nname = \"团建日\"\noff = \"2026-06-05\"\n\n[budget]",
    ),
    ("plan", "\nresponse = \"24h\"", "\nresponse = \"2wd\""),
    (
        "plan",
        "min_engagement_rate = \"5%\"",
        "min_engagement_rate = \"6%\"",
    ),
    ("plan", "within = \"2h\"", "within = \"3h\""),
    (
        "plan",
        "<= 60% of budget.total\"",
        "<= 65% of budget.total\"",
    ),
    (
        "plan",
        "sum(budget.ads.*) <= 60%",
        "sum( budget.ads.* )  <=  60%",
    ),
    (
        "plan",
        "every = \"every wed except holidays\"",
        "every = \"every wed\"",
    ),
    ("plan", "total = \"500万\"", "total = \"5000000\""),
    ("plan", "total = \"500万\"", "total = \"¥5M\""),
    ("plan", "[assertions]", "# a comment\n\n[assertions]"),
    (
        "plan",
        "text = \"热点出现后 2 小时内出初稿\"",
        "text = \"热点出现后 2 小时内出稿\"",
    ),
    ("plan", "\nwithin = \"72h\"", ""),
    ("team", "capacity = \"8h\"", "capacity = \"12h\""),
    ("team", "capacity = \"8h\"", "capacity   =   \"8h\""),
];

/// One side of a diff: the checked example's plan.
fn side(c: &almanac::check::Checked) -> almanac::diff::Side<'_> {
    almanac::diff::Side {
        plan: &c.plans[0],
        schedule: &c.schedules[0],
        path: "p",
    }
}

/// What a resolved plan and its schedule say, without where anything was
/// written: their debug form with every span, location and source map cut,
/// and money without its spelling (`500万`, `5000000` and `¥5M` in a CNY
/// plan are one amount: the literal's currency and `plain` flag go).
fn meaning(c: &almanac::check::Checked) -> String {
    let text = format!("{:?}\n{:?}", c.plans[0], c.schedules[0]);
    // Fields cut with their values: any `…span`, and these.
    let cut = [
        "span: ",
        "loc: ",
        "src: ",
        "plain: ",
        "plain_number: ",
        "MoneyLit { currency: ",
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some((mut i, len)) = cut
        .iter()
        .filter_map(|c| rest.find(c).map(|i| (i, c.len())))
        .min()
    {
        let end_of_name = i + len;
        // `value_span: `, `func_loc: `: the whole field name.
        while i > 0
            && (rest.as_bytes()[i - 1].is_ascii_alphanumeric() || rest.as_bytes()[i - 1] == b'_')
        {
            i -= 1;
        }
        out.push_str(&rest[..i]);
        // Skip the value: up to the `,` or closing bracket that ends it.
        let mut depth = 0i32;
        let mut end = rest.len();
        for (j, ch) in rest[end_of_name..].char_indices() {
            match ch {
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' if depth > 0 => depth -= 1,
                ',' | '}' | ')' | ']' if depth == 0 => {
                    end = end_of_name + j;
                    break;
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn checked_example(edits: &[usize]) -> almanac::check::Checked {
    let root = crate::support::repo();
    let read = |f: &str| std::fs::read_to_string(root.join("plans").join(f)).expect("example");
    let (mut plan, mut team) = (read("new-media-2026.toml"), read("shared/team.toml"));
    // (An edit whose text an earlier one replaced does nothing.)
    for &e in edits {
        let (file, from, to) = EDITS[e];
        let text = if file == "plan" { &mut plan } else { &mut team };
        *text = text.replacen(from, to, 1);
    }
    let w = almanac::world::MemWorld::default()
        .with_file("p/plans/new-media-2026.toml", plan)
        .with_file("p/plans/shared/team.toml", team)
        .with_file("p/plans/new-media-2025.toml", read("new-media-2025.toml"));
    almanac::check::check_paths(
        &w,
        &[std::path::PathBuf::from("p/plans/new-media-2026.toml")],
    )
    .expect("checks")
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// For any two sets of edits, the diff is empty exactly when the two
    /// resolved plans and their schedules are the same.
    #[test]
    fn the_diff_is_empty_exactly_when_plan_and_schedule_are_equal(
        a in proptest::collection::btree_set(0..EDITS.len(), 0..3),
        b in proptest::collection::btree_set(0..EDITS.len(), 0..3),
    ) {
        let (a, b): (Vec<usize>, Vec<usize>) = (a.into_iter().collect(), b.into_iter().collect());
        let (x, y) = (checked_example(&a), checked_example(&b));
        let d = almanac::diff::diff(side(&x), side(&y));
        let equal = meaning(&x) == meaning(&y);
        proptest::prop_assert_eq!(
            d.is_empty(),
            equal,
            "edits {:?} → {:?}: {:?}",
            a,
            b,
            d.changes
        );
    }
}

/// Each edit of the list on its own against the plan as it is: the ones
/// that change the meaning show in the diff, the others do not, and at
/// least one of each kind is in the list.
#[test]
fn each_edit_shows_in_the_diff_exactly_when_it_changes_the_meaning() {
    let base = checked_example(&[]);
    let (mut shown, mut hidden) = (0, 0);
    let root = crate::support::repo();
    for (e, (file, from, _)) in EDITS.iter().enumerate() {
        let path = if *file == "plan" {
            "new-media-2026.toml"
        } else {
            "shared/team.toml"
        };
        let text = std::fs::read_to_string(root.join("plans").join(path)).expect("example");
        assert!(text.contains(from), "edit {e}: no `{from}` in {path}");
        let edited = checked_example(&[e]);
        let d = almanac::diff::diff(side(&base), side(&edited));
        let equal = meaning(&base) == meaning(&edited);
        assert_eq!(
            d.is_empty(),
            equal,
            "edit {e} {:?}: {:?}",
            EDITS[e],
            d.changes
        );
        if equal { hidden += 1 } else { shown += 1 }
    }
    assert!(shown >= 10 && hidden >= 4, "{shown} shown, {hidden} hidden");
}

#[test]
fn a_ritual_is_its_own_section_of_the_diff() {
    let v1 = format!(
        "{V1}
[rituals.sync]
name = \"周会\"
every = \"every mon 10:00\"
owner = \"lead\"
"
    );
    let v2 = v1.replace("every mon 10:00", "every tue 10:00")
        + "\n[rituals.training]\nevery = \"monthly on 1st thu\"\n";
    let s = Scratch::new().file("v1.toml", v1).file("v2.toml", v2);
    let r = s.run(&["diff", "v1.toml", "v2.toml", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let got = change_rows(&r.stdout);
    let want: Vec<(String, String, String, String)> = [
        ("rituals", "sync", "changed", "recurrence"),
        ("rituals", "sync", "changed", "episode_dates"),
        ("rituals", "training", "added", ""),
    ]
    .iter()
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
    .collect();
    assert_eq!(got, want);
    let md = s.run(&["diff", "v1.toml", "v2.toml"]);
    assert!(md.stdout.contains("团队例行事项"), "{}", md.stdout);
}
