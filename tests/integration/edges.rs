//! The year's edges through the command line: a Q1 campaign prepared in
//! December and a New Year campaign that overhangs into January check and
//! build clean within their limits (the overhang appears whole in the
//! calendar and the task list), fail beyond them with D001 saying which
//! setting to change, and the settings themselves are checked.

use crate::support::Scratch;

/// A `year = 2026` plan: a Q1 campaign whose brief is due in December, and
/// a New Year campaign from 12-20 to 01-10 with a daily countdown column.
/// `rules` is appended as the plan's `[rules.date-outside-period]` table.
fn plan(rules: &str) -> String {
    format!(
        r#"[plan]
id = "edges"
name = "Edges"
year = 2026

[people.manager]
name = "Manager"

[channels.weibo]
name = "Weibo"

[campaigns.nianhuo]
name = "New Year goods"
window = "2026-01-05..2026-01-25"

[campaigns.nianhuo.tasks.brief]
name = "Brief"
owner = "manager"
due = "2025-12-10"

[campaigns.newyear]
name = "New Year"
window = "2026-12-20..2027-01-10"
channels = ["weibo"]
owner = "manager"

[campaigns.newyear.tasks.recap]
name = "Recap"
owner = "manager"
due = "2027-01-08"

[columns.countdown]
name = "Countdown"
channel = "weibo"
every = "every day"
during = "2026-12-20..2027-01-10"
holidays = "publish"
owner = "manager"

[rules.date-outside-period]
{rules}
"#
    )
}

#[test]
fn a_december_brief_and_a_new_year_campaign_build_whole() {
    let s = Scratch::new().file("p.toml", plan(""));
    let r = s.run(&["build", "p.toml", "--only", "calendar,json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("D001"), "{}", r.stderr);
    let out = s.dir.path().join("out/edges");
    let ics = std::fs::read_to_string(out.join("calendar.ics")).expect("calendar");
    let unfolded = icalendar::parser::unfold(&ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let event = |uid: &str| {
        cal.components
            .iter()
            .find(|c| {
                c.name == "VEVENT"
                    && c.find_prop("UID")
                        .is_some_and(|p| p.val.as_str().starts_with(uid))
            })
            .unwrap_or_else(|| panic!("no event {uid}"))
    };
    // The campaign whole: DTEND is exclusive, the day after 01-10.
    let campaign = event("campaign-newyear@");
    assert_eq!(
        campaign.find_prop("DTEND").expect("end").val.as_str(),
        "20270111"
    );
    // The column runs to the campaign's last day, not the period's.
    let column = event("column-countdown@");
    assert!(
        column
            .find_prop("RRULE")
            .expect("rule")
            .val
            .as_str()
            .ends_with("UNTIL=20270110"),
        "{ics}"
    );
    event("task-newyear.recap@");
    event("task-nianhuo.brief@");
    let tasks: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("tasks.json")).expect("json"))
            .expect("parses");
    let dates: Vec<&str> = tasks["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["date"].as_str())
        .collect();
    assert_eq!(dates.first(), Some(&"2025-12-10"), "the brief comes first");
    assert_eq!(dates.last(), Some(&"2027-01-10"), "the last countdown");
    let countdown = dates.iter().filter(|d| d.starts_with("2027-01")).count();
    // Ten countdown days and the recap in January 2027.
    assert_eq!(countdown, 11, "{dates:?}");
}

#[test]
fn beyond_the_edges_d001_names_the_setting_and_nothing_is_written() {
    let s = Scratch::new().file("p.toml", plan("lead_in = 0\novershoot = 1\n"));
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("rule D001 `date-outside-period` has no setting `overshoot`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: settings: lead_in, overhang"),
        "{}",
        r.stderr
    );

    let s = Scratch::new().file("p.toml", plan("lead_in = 0\noverhang = 9\n"));
    let r = s.run(&["build", "p.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "error[D001]: task `nianhuo.brief` (2025-12-10) is before the plan's period \
             2026-01-01..2026-12-31 and its 0-month lead-in"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("`lead_in = 1`"), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "error[D001]: campaign `newyear` (2026-12-20..2027-01-10) runs more than 9 days past"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("`overhang = 10`"), "{}", r.stderr);
    // The column follows the campaign: reported once the campaign is over.
    assert!(
        r.stderr
            .contains("column `countdown` (2026-12-20..2027-01-10)"),
        "{}",
        r.stderr
    );
    assert!(!s.dir.path().join("out").exists(), "nothing is written");

    // Exactly at the limits again: clean.
    let s = Scratch::new().file("p.toml", plan("lead_in = 1\noverhang = 10\n"));
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("D001"), "{}", r.stderr);
}

#[test]
fn an_edge_setting_is_a_whole_number_in_range() {
    for (setting, shown) in [
        ("lead_in = -1", "-1"),
        ("lead_in = 13", "13"),
        ("overhang = \"2.5\"", "\"2.5\""),
        ("overhang = 400", "400"),
    ] {
        let s = Scratch::new().file("p.toml", plan(setting));
        let r = s.run(&["check", "p.toml"]);
        assert_eq!(r.code, 1, "{setting}: {}", r.stderr);
        let name = setting.split(' ').next().unwrap_or_default();
        let max = if name == "lead_in" { 12 } else { 366 };
        assert!(
            r.stderr.contains(&format!(
                "error[S006]: `{name}` of D001 `date-outside-period` should be a whole number from 0 to {max}"
            )),
            "{setting}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&format!("| {setting}")) && r.stderr.contains(shown),
            "{setting}: located\n{}",
            r.stderr
        );
    }
}
