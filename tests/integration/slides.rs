//! `almanac slides`: which deck each plan gets, what the year-end deck
//! says (read back from `deck.json`, the model both renderers draw), and
//! the diagnostics for decks a plan cannot give.

use std::path::Path;

use serde_json::Value;

use crate::support::{Scratch, repo, run_in};

/// The deck model of one plan `text`, written as `file` in a scratch
/// project and built with `almanac slides FILE --format deck-json`.
fn scratch_deck(file: &str, text: &str, id: &str) -> Value {
    let s = Scratch::new().file(file, text);
    let r = s.run(&["slides", file, "--format", "deck-json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json =
        std::fs::read_to_string(s.dir.path().join("out").join(id).join("deck.json")).expect("deck");
    serde_json::from_str(&json).expect("json")
}

/// Runs `almanac slides ARGS --format deck-json -o OUT` in the repository
/// and returns the deck of `id`.
fn deck(args: &[&str], id: &str) -> Value {
    let out = tempfile::tempdir().expect("tmp");
    let o = out.path().to_string_lossy().into_owned();
    let mut all = vec!["slides"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "deck-json", "-o", &o]);
    let r = run_in(&repo(), &all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(out.path().join(id).join("deck.json")).expect("deck.json");
    serde_json::from_str(&text).expect("json")
}

/// Every string in the deck (titles, cells, labels, notes), in order.
fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
        Value::Object(o) => o.values().for_each(|x| texts(x, out)),
        _ => {}
    }
}

fn slide_titles(d: &Value) -> Vec<String> {
    d["slides"]
        .as_array()
        .expect("slides")
        .iter()
        .map(|s| s["title"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_2026_plan_alone_gives_the_year_end_deck_with_the_founding_figures() {
    let d = deck(&["plans/new-media-2026.toml"], "new-media-2026");
    assert_eq!(d["kind"], "year-end");
    assert_eq!(d["lang"], "zh-CN");
    let mut all = Vec::new();
    // Only what is on the slides, not the notes.
    for s in d["slides"].as_array().expect("slides") {
        texts(&s["title"], &mut all);
        texts(&s["body"], &mut all);
    }
    let text = all.join("\n");
    for needle in [
        "+35%",
        "+30%",
        "12万",
        "8.5万",
        "6.2万",
        "3.8万",
        "60%",
        "30%",
        "10%",
        "5%",
        "25%",
        "70%",
        "年味实验室",
        "城市探索指南",
        "理性消费倡导",
        "探店vlog",
        "粉丝福利日",
    ] {
        assert!(text.contains(needle), "the deck lacks {needle}");
    }
    // The scorecard: +35% against +30% is 117% and a hit.
    let scorecard = &d["slides"]
        .as_array()
        .expect("slides")
        .iter()
        .find(|s| s["id"].as_str().is_some_and(|i| i.ends_with("-scorecard")))
        .expect("a scorecard")["body"];
    let row = &scorecard["rows"][0];
    assert_eq!(row["cells"][2], "+30%");
    assert_eq!(row["cells"][3], "+35%");
    assert_eq!(row["cells"][4], "117% 达成");
    assert_eq!(row["status"], "hit");
    // The agenda lists the sections that have slides, in the founding
    // document's order, numbered from 01.
    let agenda: Vec<String> = d["slides"][1]["body"]["items"]
        .as_array()
        .expect("agenda")
        .iter()
        .map(|i| {
            format!(
                "{} {}",
                i["number"].as_str().unwrap_or(""),
                i["title"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        agenda,
        [
            "01 年度运营成果总览",
            "02 平台运营策略复盘",
            "03 内容生产体系构建",
            "04 用户增长与留存分析",
            "05 社群运营价值挖掘",
            "06 品牌传播效果评估",
            "07 广告投放ROI分析",
            "08 数据驱动运营实践",
            "09 团队管理与协作",
            "10 年度传播计划框架",
            "11 创意内容生产规划",
            "12 预算与效果预测"
        ]
    );
    // The 2025 campaigns with their results, the budget planned against
    // spent, and the crisis case, each on its slide.
    let body = |suffix: &str| -> Vec<String> {
        let mut out = Vec::new();
        for s in d["slides"].as_array().expect("slides") {
            if s["id"].as_str().is_some_and(|i| i.ends_with(suffix)) {
                texts(&s["body"], &mut out);
            }
        }
        out
    };
    let campaigns = body("-campaign-results");
    for needle in [
        "行业白皮书",
        "2,600",
        "创始人访谈",
        "80万",
        "中秋互动 H5",
        "5万",
        "双11",
    ] {
        assert!(
            campaigns.iter().any(|t| t == needle),
            "campaign results lack {needle}"
        );
    }
    let spending = body("-spending");
    for needle in ["¥4,500,000", "¥4,250,000", "¥2,400,000", "94.4%"] {
        assert!(
            spending.iter().any(|t| t == needle),
            "spending lacks {needle}: {spending:?}"
        );
    }
    let cases = body("-brand-cases");
    assert!(cases.iter().any(|t| t == "物流投诉"), "{cases:?}");
    // The two plans given explicitly give the same deck.
    let pair = deck(
        &["plans/new-media-2025.toml", "plans/new-media-2026.toml"],
        "new-media-2026",
    );
    assert_eq!(pair, d);
}

#[test]
fn each_plan_gets_the_deck_its_data_allows() {
    let review = deck(&["plans/new-media-2025.toml"], "new-media-2025");
    assert_eq!(review["kind"], "review");
    // A review shows what was spent, not a plan's budget split.
    let titles = slide_titles(&review);
    assert!(titles.iter().any(|t| t == "预算执行"), "{titles:?}");
    assert!(!titles.iter().any(|t| t == "预算分配"), "{titles:?}");
    let plan = deck(&["plans/northbeam-2027.toml"], "northbeam-2027");
    assert_eq!(plan["kind"], "plan");
    assert_eq!(plan["lang"], "en");
    assert_eq!(slide_titles(&plan)[1], "Agenda");
    let forced = deck(
        &["plans/new-media-2026.toml", "--kind", "plan"],
        "new-media-2026",
    );
    assert_eq!(forced["kind"], "plan");
    let english = deck(
        &["plans/new-media-2026.toml", "--locale", "en"],
        "new-media-2026",
    );
    assert_eq!(slide_titles(&english)[1], "Agenda");
}

#[test]
fn slide_ids_are_unique_and_numbered() {
    let d = deck(&["plans/new-media-2026.toml"], "new-media-2026");
    let ids: Vec<&str> = d["slides"]
        .as_array()
        .expect("slides")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        assert!(id.starts_with(&format!("s{:02}-", i + 1)), "{id}");
    }
    assert_eq!(ids[0], "s01-cover");
}

const PLAN: &str = r#"
[plan]
id = "p"
name = "Plan"
year = 2027
calendar = "none"
locale = "en"

[campaigns.launch]
name = "Launch"
window = "mar"
"#;

#[test]
fn a_review_of_a_plan_without_actuals_is_refused_with_o001() {
    let s = Scratch::new().file("plan.toml", PLAN);
    let r = s.run(&["slides", "plan.toml", "--kind", "review"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[O001]: the plan `p` has no actuals to review"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--> plan.toml:2:2"), "{}", r.stderr);
    assert!(r.stderr.contains("help: "), "{}", r.stderr);
    assert!(!s.dir.path().join("out").exists());
    // The plan deck is what it offers, and it works.
    assert!(r.stderr.contains("--kind plan"));
    assert_eq!(s.run(&["slides", "plan.toml", "--kind", "plan"]).code, 0);
    assert!(s.dir.path().join("out/p").is_dir());
}

#[test]
fn a_missing_previous_plan_is_o002_at_its_path() {
    let text = PLAN.replace(
        "locale = \"en\"",
        "locale = \"en\"\nprevious = \"plan-2026.toml\"",
    );
    let s = Scratch::new().file("plan.toml", &text);
    let r = s.run(&["slides", "plan.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[O002]: the previous plan `plan-2026.toml` does not exist"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("\"plan-2026.toml\""), "{}", r.stderr);
    // `check` reports what `build` would refuse.
    let r = s.run(&["check", "plan.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[O002]: the previous plan `plan-2026.toml` does not exist"),
        "{}",
        r.stderr
    );
    let y = Scratch::new().file("plan.toml", PLAN);
    let r = y.run(&["slides", "plan.toml", "--kind", "year-end"]);
    assert!(
        r.stderr
            .contains("error[O002]: a year-end deck needs last year's plan"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_previous_plan_without_actuals_is_o001_at_previous() {
    let last = PLAN
        .replace("id = \"p\"", "id = \"last\"")
        .replace("year = 2027", "year = 2026");
    let next = PLAN.replace(
        "locale = \"en\"",
        "locale = \"en\"\nprevious = \"last.toml\"",
    );
    let s = Scratch::new()
        .file("last.toml", last)
        .file("next.toml", next);
    let r = s.run(&["slides", "next.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[O001]: the previous plan `last` has no actuals"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("next.toml:8:"), "{}", r.stderr);
}

#[test]
fn a_section_of_forty_points_runs_over_even_slides_and_loses_nothing() {
    let points: Vec<String> = (1..=40)
        .map(|i| format!("第 {i} 条要点：{}", "很长的说明".repeat(i % 5 * 6)))
        .collect();
    let list = points
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!("{PLAN}\n[sections.trends]\npoints = [{list}]\n");
    let d = scratch_deck("plan.toml", &text, "p");
    let slides: Vec<&Value> = d["slides"]
        .as_array()
        .expect("slides")
        .iter()
        .filter(|s| {
            s["id"]
                .as_str()
                .is_some_and(|i| i.ends_with("-trends-points"))
        })
        .collect();
    // 40 points at most 6 a slide: 7 slides of 6 or 5.
    assert_eq!(slides.len(), 7);
    assert!(
        slides[6]["title"]
            .as_str()
            .expect("title")
            .ends_with("(7/7)")
    );
    let mut shown = Vec::new();
    let mut notes = Vec::new();
    for s in &slides {
        let items = s["body"]["items"].as_array().expect("bullets");
        assert!((5..=6).contains(&items.len()));
        shown.extend(items.iter().map(|i| i.as_str().expect("text").to_string()));
        texts(&s["notes"], &mut notes);
    }
    assert_eq!(shown.len(), 40);
    for (point, bullet) in points.iter().zip(&shown) {
        if bullet != point {
            assert!(bullet.ends_with('…'), "{bullet}");
            assert!(notes.contains(point), "the notes lack {point}");
        }
    }
    assert!(
        shown.iter().any(|b| b.ends_with('…')),
        "some points are cut"
    );
}

#[test]
fn long_names_are_shortened_on_slides_and_kept_in_the_notes() {
    let long = "长".repeat(300);
    let mut text = PLAN.to_string();
    text.push_str(&format!(
        "\n[campaigns.long]\nname = \"{long}\"\nwindow = \"apr\"\n"
    ));
    for i in 0..40 {
        text.push_str(&format!(
            "\n[campaigns.c{i}]\nname = \"Campaign {i}\"\nwindow = \"may\"\n"
        ));
    }
    let d = scratch_deck("plan.toml", &text, "p");
    let timelines: Vec<&Value> = d["slides"]
        .as_array()
        .expect("slides")
        .iter()
        .filter(|s| s["body"]["type"] == "timeline")
        .collect();
    // 42 campaigns at 10 a slide.
    assert_eq!(timelines.len(), 5);
    assert!(
        timelines[0]["title"]
            .as_str()
            .expect("title")
            .ends_with("(1/5)")
    );
    let first = &timelines[0]["body"]["lanes"][0]["items"];
    let shown: Vec<&str> = timelines
        .iter()
        .flat_map(|t| t["body"]["lanes"].as_array().expect("lanes").iter())
        .flat_map(|l| l["items"].as_array().expect("items").iter())
        .map(|i| i["name"].as_str().expect("name"))
        .collect();
    assert_eq!(shown.len(), 42);
    let cut = shown
        .iter()
        .find(|n| n.starts_with('长'))
        .expect("the long one");
    assert!(cut.ends_with('…') && cut.chars().count() < 30, "{cut}");
    assert!(first.is_array());
    let mut notes = Vec::new();
    for t in &timelines {
        texts(&t["notes"], &mut notes);
    }
    assert!(notes.iter().any(|n| n.contains(&long)));
}

/// Every campaign is on the timeline, flagships among the others: lanes
/// by the quarter a campaign starts in, at most ten a slide, each slide's
/// notes holding its campaigns whole (flagships starred), none lost.
#[test]
fn the_timeline_shows_every_campaign_by_quarter_with_flagships_marked() {
    let mut text = PLAN.to_string();
    let months = ["jan", "feb", "apr", "may", "jul", "aug", "oct", "nov"];
    let mut names = vec!["Launch".to_string()];
    for i in 0..24 {
        let flagship = i % 6 == 0;
        let name = format!("Campaign {i:02} with a name long enough to be cut on a slide");
        text.push_str(&format!(
            "\n[campaigns.c{i}]\nname = \"{name}\"\nwindow = \"{}\"\nflagship = {flagship}\n",
            months[i % months.len()]
        ));
        names.push(name);
    }
    let d = scratch_deck("plan.toml", &text, "p");
    let timelines: Vec<&Value> = d["slides"]
        .as_array()
        .expect("slides")
        .iter()
        .filter(|s| s["body"]["type"] == "timeline")
        .collect();
    // 25 campaigns at most 10 a slide.
    assert_eq!(timelines.len(), 3);
    assert!(
        timelines[2]["title"]
            .as_str()
            .expect("title")
            .ends_with("(3/3)")
    );
    let mut shown = Vec::new();
    let mut quarters = Vec::new();
    for t in &timelines {
        let mut on_slide = 0;
        for lane in t["body"]["lanes"].as_array().expect("lanes") {
            let label = lane["label"].as_str().expect("label");
            quarters.push(label.to_string());
            for item in lane["items"].as_array().expect("items") {
                on_slide += 1;
                let name = item["name"].as_str().expect("name");
                shown.push((name.to_string(), item["flagship"].as_bool().expect("flag")));
            }
        }
        assert!(on_slide <= 10, "{on_slide} on one slide");
        // The slide's notes: one line per campaign on it, whole.
        let notes: Vec<&str> = t["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(notes.len(), on_slide, "{notes:?}");
    }
    assert_eq!(shown.len(), names.len(), "every campaign is shown");
    assert_eq!(
        shown.iter().filter(|(_, f)| *f).count(),
        4,
        "four flagships"
    );
    let mut sorted = quarters.clone();
    sorted.sort();
    assert_eq!(quarters, sorted, "lanes in quarter order across the slides");
    assert_eq!(quarters.first().map(String::as_str), Some("Q1"));
    assert_eq!(quarters.last().map(String::as_str), Some("Q4"));
    let mut notes = Vec::new();
    for t in &timelines {
        texts(&t["notes"], &mut notes);
    }
    for (i, name) in names.iter().enumerate() {
        let flagship = i > 0 && (i - 1) % 6 == 0;
        let line = notes
            .iter()
            .find(|n| n.contains(name.as_str()))
            .unwrap_or_else(|| panic!("{name} is not in the notes"));
        assert_eq!(line.starts_with("★ "), flagship, "{line}");
    }
    assert!(shown.iter().any(|(n, _)| n.ends_with('…')), "names are cut");
}

#[test]
fn templates_writes_the_builtins_and_keeps_existing_files() {
    let s = Scratch::new();
    let r = s.run(&["templates", "mine"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dir = s.dir.path().join("mine");
    assert!(dir.join("brand.toml").is_file());
    assert!(dir.join("tasks.md.j2").is_file());
    std::fs::write(dir.join("brand.toml"), "edited").expect("write");
    let again = s.run(&["templates", "mine"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exist"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("brand.toml")).expect("read"),
        "edited"
    );
    assert_eq!(s.run(&["templates", "mine", "--force"]).code, 0);
    assert_ne!(
        std::fs::read_to_string(dir.join("brand.toml")).expect("read"),
        "edited"
    );
}

#[test]
fn a_bad_brand_colour_is_t001_in_brand_toml() {
    let brand = almanac::slides::brand::BUILTIN.replace("good = \"1A7F37\"", "good = \"green\"");
    let s = Scratch::new()
        .file("plan.toml", PLAN)
        .file("t/brand.toml", brand);
    let r = s.run(&["slides", "plan.toml", "--templates", "t"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[T001]: brand file: colour `good` is not RRGGBB"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("t/brand.toml"), "{}", r.stderr);
    assert!(!Path::new(&s.dir.path().join("out")).exists());
}

#[test]
fn a_review_shows_budget_planned_against_spent() {
    let text = r#"
[plan]
id = "r"
name = "Review"
year = 2026
calendar = "none"
locale = "en"
currency = "EUR"

[budget]
total = "€100k"
spent = "€96_500.50"
ads = { share = "60%", spent = "€63k" }
events = { share = "40%", spent = "€33_500.50" }

[kpis.leads]
name = "Leads"
target = "500"
actual = "620"
"#;
    let d = scratch_deck("r.toml", text, "r");
    assert_eq!(d["kind"], "review");
    let spending = d["slides"]
        .as_array()
        .expect("slides")
        .iter()
        .find(|s| s["title"] == "Budget: planned and spent")
        .expect("a spending slide");
    let rows: Vec<(Vec<String>, String)> = spending["body"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["cells"]
                    .as_array()
                    .expect("cells")
                    .iter()
                    .map(|c| c.as_str().unwrap_or("").to_string())
                    .collect(),
                r["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                vec![
                    "Total budget".to_string(),
                    "€100,000".into(),
                    "€96,500.50".into(),
                    "96.5%".into()
                ],
                "hit".to_string()
            ),
            (
                vec![
                    "ads".to_string(),
                    "€60,000".into(),
                    "€63,000".into(),
                    "105%".into()
                ],
                "miss".to_string()
            ),
            (
                vec![
                    "events".to_string(),
                    "€40,000".into(),
                    "€33,500.50".into(),
                    "83.8%".into()
                ],
                "hit".to_string()
            ),
        ]
    );
}

#[test]
fn one_brand_file_recolours_both_formats() {
    let brand = almanac::slides::brand::BUILTIN
        .replace("primary = \"B4232A\"", "primary = \"123ABC\"")
        .replace(
            "pptx_east_asian = \"Microsoft YaHei\"",
            "pptx_east_asian = \"SimHei\"",
        );
    let s = Scratch::new()
        .file("plan.toml", PLAN)
        .file("t/brand.toml", brand);
    let r = s.run(&["slides", "plan.toml", "--templates", "t"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = std::fs::read_to_string(s.dir.path().join("out/p/deck.html")).expect("html");
    assert!(
        html.contains("#123ABC"),
        "the HTML uses the brand's primary colour"
    );
    assert!(!html.contains("#B4232A"));
    let file = std::fs::File::open(s.dir.path().join("out/p/deck.pptx")).expect("pptx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut theme = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("ppt/theme/theme1.xml").expect("the theme"),
        &mut theme,
    )
    .expect("read");
    assert!(theme.contains("<a:srgbClr val=\"123ABC\"/>"), "{theme}");
    assert!(theme.contains("typeface=\"SimHei\""));
}

#[test]
fn review_charts_hold_the_plans_exact_numbers_and_the_pptx_embeds_them() {
    let text = r#"
[plan]
id = "r"
name = "Review"
year = 2026
calendar = "none"
locale = "en"
currency = "EUR"

[budget]
total = "€100k"
ads = { share = "60%", spent = "€63k" }
events = { share = "40%", spent = "€33_500.50" }

[kpis.leads]
name = "Leads"
target = "500"
actual = "620"

[kpis.mqls]
name = "MQLs"
baseline = "100"
target = "150"
actual = "140"
"#;
    let s = Scratch::new().file("r.toml", text);
    let r = s.run(&["slides", "r.toml", "--format", "deck-json,pptx"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d: Value = serde_json::from_str(
        &std::fs::read_to_string(s.dir.path().join("out/r/deck.json")).expect("deck"),
    )
    .expect("json");
    let charts: Vec<&Value> = d["slides"]
        .as_array()
        .expect("slides")
        .iter()
        .filter(|s| s["body"]["type"] == "chart")
        .map(|s| &s["body"]["chart"])
        .collect();
    let series = |c: &Value| -> Vec<(String, Vec<Value>)> {
        c["series"]
            .as_array()
            .expect("series")
            .iter()
            .map(|s| {
                (
                    s["name"].as_str().unwrap_or("").to_string(),
                    s["values"].as_array().expect("values").clone(),
                )
            })
            .collect()
    };
    assert_eq!(
        charts.len(),
        2,
        "the KPIs compared, then planned against spent"
    );
    assert_eq!(charts[0]["title"], "KPI");
    assert_eq!(
        charts[0]["categories"],
        serde_json::json!(["Leads", "MQLs"])
    );
    assert_eq!(
        series(charts[0]),
        [
            ("Baseline".to_string(), vec![Value::Null, "100".into()]),
            ("Target".to_string(), vec!["500".into(), "150".into()]),
            ("Actual".to_string(), vec!["620".into(), "140".into()]),
        ]
    );
    assert_eq!(charts[1]["title"], "Amount (€)");
    assert_eq!(
        charts[1]["categories"],
        serde_json::json!(["ads", "events"])
    );
    assert_eq!(
        series(charts[1]),
        [
            ("Planned".to_string(), vec!["60000".into(), "40000".into()]),
            ("Spent".to_string(), vec!["63000".into(), "33500.5".into()]),
        ]
    );
    // The package holds one chart part and one workbook per chart.
    let bytes = std::fs::read(s.dir.path().join("out/r/deck.pptx")).expect("pptx");
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("a UTF-8 name").into_owned())
        .collect();
    let count = |prefix: &str| names.iter().filter(|n| n.starts_with(prefix)).count();
    assert_eq!(count("ppt/charts/chart"), 2, "{names:?}");
    assert_eq!(count("ppt/embeddings/"), 2, "{names:?}");
}
