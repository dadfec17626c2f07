//! `almanac when`: every kind of expression, against the built-in calendar
//! and against a plan.

use crate::support::{Scratch, repo, run_in};

fn when(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["when"];
    all.extend_from_slice(args);
    let r = run_in(&repo(), &all);
    (r.code, r.stdout, r.stderr)
}

/// `when EXPR` on the 2026 example, in English (the plan is zh-CN).
fn plan_2026(expr: &str) -> String {
    let (code, out, err) = when(&[expr, "--plan", "plans/new-media-2026.toml", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn dates_show_weekday_and_workday_status() {
    assert_eq!(
        plan_2026("spring_festival - 7d"),
        "spring_festival - 7d → 2026-02-10 Tue (workday)\n"
    );
    // The worked example: 3 workdays before Tue 02-24 crosses the Spring
    // Festival holiday (02-15..02-23) and counts make-up Saturday 02-14.
    assert_eq!(
        plan_2026("2026-02-24 - 3wd"),
        "2026-02-24 - 3wd → 2026-02-12 Thu (workday)\n"
    );
    assert_eq!(
        plan_2026("2026-02-14"),
        "2026-02-14 → 2026-02-14 Sat (make-up workday: 春节)\n"
    );
    assert_eq!(
        plan_2026("2nd sun of may"),
        "2nd sun of may → 2026-05-10 Sun (weekend)\n"
    );
    assert_eq!(
        plan_2026("national_day + 2d"),
        "national_day + 2d → 2026-10-03 Sat (holiday: 国庆节)\n"
    );
    assert_eq!(
        plan_2026("end of Q1"),
        "end of Q1 → 2026-03-31 Tue (workday)\n"
    );
    assert_eq!(
        plan_2026("2026-W12-wed"),
        "2026-W12-wed → 2026-03-18 Wed (workday)\n"
    );
}

#[test]
fn ranges_count_days_and_workdays() {
    // Q3 2026: 66 weekdays less Fri 09-25 (Mid-Autumn), plus make-up Sun 09-20.
    assert_eq!(
        plan_2026("Q3"),
        "Q3 → 2026-07-01 Wed .. 2026-09-30 Wed (92 days, 66 workdays)\n"
    );
    assert_eq!(
        plan_2026("spring_festival-14d..+7d"),
        "spring_festival-14d..+7d → 2026-02-03 Tue .. 2026-02-24 Tue (22 days, 11 workdays)\n"
    );
    // A campaign named alone is its window.
    assert_eq!(
        plan_2026("nianwei_lab"),
        "nianwei_lab → 2026-01-27 Tue .. 2026-03-04 Wed (37 days, 23 workdays)\n"
    );
}

#[test]
fn recurrences_list_their_first_occurrences() {
    let out = plan_2026("every wed except holidays");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "every wed except holidays → 50 occurrences in 2026-01-01..2026-12-31"
    );
    assert_eq!(lines[6], "  2026-02-11 Wed (workday)");
    // 02-18 falls in the Spring Festival holiday and is skipped.
    assert_eq!(lines[7], "  2026-02-25 Wed (workday)");
    assert_eq!(lines[11], "  … and 40 more (--all lists them)");
    // 261 weekdays in 2026, less 19 weekday holidays, plus 6 make-up days
    // (01-04, 02-14, 02-28, 05-09, 09-20, 10-10).
    let out = plan_2026("every workday");
    assert!(out.starts_with("every workday → 248 occurrences"), "{out}");
    let out = plan_2026("every fri 20:00");
    assert!(out.starts_with("every fri 20:00 → 52 occurrences at 20:00 in 2026-01-01..2026-12-31\n  2026-01-02 Fri (holiday: 元旦)\n"), "{out}");
}

#[test]
fn without_a_plan_the_current_year_and_official_calendar_are_used() {
    let (code, out, _) = when(&["2026-10-10"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "2026-10-10 → 2026-10-10 Sat (make-up workday: 国庆节)\n"
    );
}

#[test]
fn bad_expressions_are_located() {
    let (code, out, err) = when(&["sprng_festival - 7d"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with("error[R001]: unknown date name `sprng_festival`\n --> <expression>:1:1"),
        "{err}"
    );
    assert!(err.contains("did you mean `spring_festival`?"), "{err}");
    let (code, _, err) = when(&["every 0 weeks on mon"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error[S006]: an interval of 0 never repeats"),
        "{err}"
    );
    let (code, _, err) = when(&["2026-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("February 2026 has 28 days"), "{err}");
}

#[test]
fn a_plan_with_errors_is_reported() {
    let (code, _, err) = when(&[
        "Q1",
        "--plan",
        "tests/fixtures/rules/B001_shares_over_100.toml",
    ]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error[B001]"), "{err}");
    assert!(
        err.ends_with("error: the plan has errors; fix them first (`almanac check`)\n"),
        "{err}"
    );
}

#[test]
fn all_lists_every_occurrence_and_json_says_each_days_status() {
    let plan = "plans/new-media-2026.toml";
    let (code, out, err) = when(&["every fri 20:00", "--plan", plan, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("… and 42 more (--all lists them)"), "{out}");
    let (code, all, _) = when(&["every fri 20:00", "--plan", plan, "--all", "--lang", "en"]);
    assert_eq!(code, 0);
    assert_eq!(all.lines().filter(|l| l.starts_with("  2026-")).count(), 52);
    assert!(all.contains("  2026-02-20 Fri (holiday: 春节)\n"), "{all}");

    let (code, json, _) = when(&["every fri 20:00", "--plan", plan, "--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(doc["version"], 1);
    let a = &doc["answer"];
    assert_eq!(a["kind"], "recurrence");
    assert_eq!(a["time"], "20:00");
    assert_eq!(a["count"], 52);
    let days = a["occurrences"].as_array().expect("a list");
    assert_eq!(days.len(), 52);
    let feb20 = days
        .iter()
        .find(|d| d["date"] == "2026-02-20")
        .expect("02-20");
    assert_eq!(
        feb20,
        &serde_json::json!({"date": "2026-02-20", "weekday": "Fri", "status": "holiday", "holiday": "春节", "provisional": false})
    );
    let (_, range, _) = when(&[
        "spring_festival-21d..+15d",
        "--plan",
        plan,
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&range).expect("JSON");
    assert_eq!(
        (
            doc["answer"]["days"].as_i64(),
            doc["answer"]["workdays"].as_i64()
        ),
        (Some(37), Some(23))
    );
}

/// A plan that writes `locale = "zh-CN"` gets its answers in Chinese.
#[test]
fn a_chinese_plan_is_answered_in_chinese() {
    let plan = "plans/new-media-2026.toml";
    let (code, out, _) = when(&["spring_festival - 7d", "--plan", plan]);
    assert_eq!(code, 0);
    assert_eq!(out, "spring_festival - 7d → 2026-02-10 周二（工作日）\n");
    let (_, out, _) = when(&["2026-02-14", "--plan", plan]);
    assert_eq!(out, "2026-02-14 → 2026-02-14 周六（调休上班：春节）\n");
    let (_, out, _) = when(&["Q3", "--plan", plan]);
    assert_eq!(
        out,
        "Q3 → 2026-07-01 周三 .. 2026-09-30 周三（共 92 天，66 个工作日）\n"
    );
    let (_, out, _) = when(&["every wed except holidays", "--plan", plan]);
    assert!(
        out.starts_with("every wed except holidays → 2026-01-01..2026-12-31 期间共 50 次\n"),
        "{out}"
    );
    assert!(
        out.ends_with("  …… 还有 40 次（加 --all 全部列出）\n"),
        "{out}"
    );
}

/// In a year whose official schedule is not built in, the statutory
/// holidays count and every date says the calendar is provisional.
#[test]
fn a_provisional_year_is_marked() {
    let s = Scratch::new().file("p.toml", "[plan]\nyear = 2027\nlocale = \"en\"\n");
    let r = s.run(&["when", "national_day", "--plan", "p.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "national_day → 2027-10-01 Fri (holiday: 国庆节) (provisional: 2027 official schedule not built in)\n"
    );
    let r = s.run(&["when", "2027-03-03", "--plan", "p.toml", "--lang", "zh-CN"]);
    assert_eq!(
        r.stdout,
        "2027-03-03 → 2027-03-03 周三（工作日）（暂定：尚未内置 2027 年官方放假安排）\n"
    );
    // Declaring National Day from the notice makes its days certain.
    let s = Scratch::new().file(
        "p.toml",
        "[plan]\nyear = 2027\nlocale = \"en\"\n[holidays.national_day]\nname = \"国庆节\"\noff = \"2027-10-01..2027-10-07\"\n",
    );
    let r = s.run(&["when", "2027-10-05", "--plan", "p.toml", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(doc["answer"]["day"]["status"], "holiday");
    // Other festivals of 2027 are still provisional, so the year is too.
    assert_eq!(doc["answer"]["day"]["provisional"], true);
}
