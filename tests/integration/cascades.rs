//! One mistake, one diagnostic. A value that could not be read is unknown,
//! and nothing computed from it is reported again: not the budget lines
//! that are shares of an unreadable total, not a draw from a line whose
//! share did not parse, not the task counted from a task without a date.
//! A plan whose include did not load does not report the names that file
//! may have declared, and still reports everything else. Each test states
//! the whole list of diagnostics the real CLI gives.

use crate::support::{Scratch, repo};

const PLAN_HEAD: &str = "[plan]\nname = \"测试\"\nyear = 2026\n";

fn plan(body: &str) -> String {
    format!("{PLAN_HEAD}{body}")
}

/// `file:line:column code` of every diagnostic `check file` gives.
fn reported(s: &Scratch, file: &str) -> Vec<String> {
    let r = s.run(&["check", "--format", "short", file]);
    let out = format!("{}{}", r.stdout, r.stderr);
    let found: Vec<String> = out
        .lines()
        .filter_map(|l| {
            let (at, rest) = l.split_once(": ")?;
            let code = rest.split_once('[')?.1.split_once(']')?.0;
            Some(format!("{at} {code}"))
        })
        .collect();
    assert_eq!(r.code, i32::from(!found.is_empty()), "{out}");
    found
}

/// Checks that `check file` reports exactly `expected` (`line:column code`
/// in `file`, or `other.toml:line:column code`).
fn only(s: &Scratch, file: &str, expected: &[&str]) {
    let expected: Vec<String> = expected
        .iter()
        .map(|e| {
            if e.contains(".toml:") {
                e.to_string()
            } else {
                format!("{file}:{e}")
            }
        })
        .collect();
    assert_eq!(reported(s, file), expected);
}

#[test]
fn a_total_that_does_not_parse_is_one_error() {
    // Sub-lines shared out of the total, and campaigns drawing from them.
    let s = Scratch::new().file(
        "p.toml",
        plan(
            "[budget]\ntotal = \"200w\"\n\
             [budget.ads]\nshare = \"60%\"\nfeed = \"50%\"\nsearch = \"50%\"\n\
             [budget.kol]\nshare = \"40%\"\nhead = \"30%\"\nwaist = \"70%\"\n\
             [campaigns.a]\nwindow = \"Q1\"\n\
             budget = { ads.feed = \"10万\", kol.waist = \"20万\", ads.search = \"20% of kol\" }\n\
             [assertions]\nkol_cap = \"budget.kol >= ¥500000\"\n",
        ),
    );
    only(&s, "p.toml", &["5:13 S005"]);
}

#[test]
fn a_full_width_total_is_one_error() {
    let s = Scratch::new().file(
        "p.toml",
        plan("[budget]\ntotal = \"１２０万\"\nads = \"60%\"\nkol = \"30%\"\ntools = \"10%\"\n"),
    );
    only(&s, "p.toml", &["5:10 S005"]);
}

#[test]
fn a_line_that_does_not_parse_leaves_its_sub_lines_and_draws_unknown() {
    let s = Scratch::new().file(
        "p.toml",
        plan(
            "[budget]\ntotal = \"100万\"\ntools = \"10%\"\n\
             [budget.ads]\nshare = \"6O%\"\nfeed = \"50%\"\nsearch = \"50%\"\n\
             [budget.kol]\nshare = \"30%\"\n\
             [campaigns.a]\nwindow = \"Q1\"\nbudget = { ads.feed = \"40万\", kol = \"10% of ads\" }\n",
        ),
    );
    only(&s, "p.toml", &["8:11 S005"]);
}

#[test]
fn a_share_of_a_line_that_does_not_exist_is_unknown() {
    let s = Scratch::new().file(
        "p.toml",
        plan(
            "[budget]\ntotal = \"100万\"\nads = \"60%\"\nkol = \"40%\"\ntools = \"10% of kool\"\n\
             [campaigns.a]\nwindow = \"Q1\"\nbudget = { tools = \"50万\" }\n",
        ),
    );
    only(&s, "p.toml", &["8:17 R001"]);
}

#[test]
fn a_draw_that_does_not_parse_is_unknown_to_the_rules() {
    // `a` draws 50万 and an unreadable amount: what it draws in all is
    // unknown, so its assertion says nothing; the line `ads` is still
    // overdrawn by what is known (50万 + 20万 > 60万).
    let s = Scratch::new().file(
        "p.toml",
        plan(
            "[budget]\ntotal = \"100万\"\nads = \"60%\"\nkol = \"40%\"\n\
             [campaigns.a]\nwindow = \"Q1\"\nbudget = { ads = \"50万\", kol = \"5O万\" }\n\
             [campaigns.b]\nwindow = \"Q2\"\nbudget = { ads = \"20万\" }\n\
             [assertions]\nbig = \"campaigns.a.budget >= ¥600000\"\n",
        ),
    );
    only(&s, "p.toml", &["10:33 S005", "13:18 B003"]);
}

#[test]
fn shares_without_a_total_are_one_error() {
    let s = Scratch::new().file("p.toml", plan("[budget]\nads = \"60%\"\nkol = \"40%\"\n"));
    let r = s.run(&["check", "p.toml"]);
    assert!(
        r.stderr.contains("`ads` waits on it too") && r.stderr.contains("`kol` waits on it too"),
        "{}",
        r.stderr
    );
    only(&s, "p.toml", &["4:2 S006"]);
}

#[test]
fn an_assertion_over_an_unknown_amount_says_nothing() {
    let s = Scratch::new().file(
        "p.toml",
        plan(
            "[budget]\ntotal = \"100万\"\nads = \"6O%\"\nkol = \"40%\"\n\
             [campaigns.late]\nwindow = \"Q5\"\n\
             [assertions]\nads_floor = \"budget.ads >= 50% of budget.total\"\n\
             late = \"campaigns.late.budget >= ¥1\"\nall = \"count(campaigns.*) >= 1\"\n",
        ),
    );
    only(&s, "p.toml", &["6:9 S005", "9:11 S005"]);
}

#[test]
fn a_date_name_whose_date_does_not_parse_is_still_a_name() {
    let s = Scratch::new().file(
        "p.toml",
        plan(
            "[moments.mday]\ndate = \"05-1O\"\n\
             [campaigns.a]\nwindow = \"mday-7d..mday\"\n\
             [campaigns.b]\nwindow = \"Q5\"\n\
             [campaigns.c]\nwindow = \"b+1d..+30d\"\n",
        ),
    );
    only(&s, "p.toml", &["5:9 S005", "9:11 S005"]);
}

#[test]
fn a_task_without_a_date_is_reported_once() {
    let s = Scratch::new().file(
        "p.toml",
        plan(
            "[campaigns.a]\nwindow = \"Q2\"\n\
             [campaigns.a.tasks.brief]\ndue = \"start - 5wd\"\n\
             [campaigns.a.tasks.visuals]\nafter = [\"brief\"]\nduration = \"3 dais\"\n\
             [campaigns.a.tasks.copy]\ndue = \"visuals + 2wd\"\n\
             [campaigns.b]\nwindow = \"Q3\"\n\
             [campaigns.b.tasks.brief]\nname = \"brief\"\n\
             [campaigns.b.tasks.copy]\ndue = \"brief + 2wd\"\n",
        ),
    );
    only(&s, "p.toml", &["10:15 S005", "15:20 S007"]);
}

#[test]
fn a_column_whose_days_are_unknown_is_left_out() {
    // Without its skipped day or its holiday policy, a daily column would
    // be reported on every holiday of the year.
    let s = Scratch::new().file(
        "p.toml",
        plan(
            "[channels.douyin]\nname = \"抖音\"\n\
             [columns.a]\nchannel = \"douyin\"\nevery = \"every day\"\nskip = [\"10-0l\"]\n\
             [columns.b]\nchannel = \"douyin\"\nevery = \"every day\"\nholidays = \"skiip\"\n",
        ),
    );
    only(&s, "p.toml", &["9:10 S005", "13:12 S006"]);
}

#[test]
fn a_year_of_the_wrong_type_is_not_also_missing() {
    let s = Scratch::new().file("p.toml", "[plan]\nname = \"测试\"\nyear = \"2026\"\n");
    only(&s, "p.toml", &["3:8 S004"]);
}

#[test]
fn a_pyramid_tier_that_does_not_parse_is_not_a_drift() {
    let s = Scratch::new().file(
        "p.toml",
        plan(
            "[budget]\ntotal = \"100万\"\nads = \"60%\"\nkol = \"40%\"\n\
             [kol]\nbudget = \"kol\"\npyramid = { head = \"5%\", waist = \"２５%\", amateur = \"70%\" }\n",
        ),
    );
    only(&s, "p.toml", &["10:35 S005"]);
}

#[test]
fn a_plan_copied_without_its_fragment_reports_the_missing_include_only() {
    // With last year's plan, which it names as `previous`, but not the team.
    let text = std::fs::read_to_string(repo().join("plans/new-media-2026.toml")).expect("plan");
    let last = std::fs::read_to_string(repo().join("plans/new-media-2025.toml")).expect("plan");
    let s = Scratch::new()
        .file("new-media-2026.toml", text)
        .file("new-media-2025.toml", last);
    only(&s, "new-media-2026.toml", &["8:12 R004"]);
}

#[test]
fn a_fragment_with_toml_errors_hides_unknown_names_but_not_other_problems() {
    let s = Scratch::new()
        .file(
            "plan.toml",
            "include = [\"team.toml\"]\n\
             [plan]\nname = \"测试\"\nyear = 2026\n\
             [budget]\ntotal = \"100万\"\nads = \"70%\"\nkol = \"40%\"\n\
             [campaigns.a]\nwindow = \"launch..+7d\"\nowner = \"li\"\nchannels = [\"douyin\"]\n\
             [campaigns.b]\nwindow = \"Q2\"\nowner = \"li\"\nbudget = { tools = \"1万\" }\n\
             [campaigns.b.tasks.copy]\nafter = [\"brief\"]\nduration = \"2d\"\nreview = \"legal\"\n\
             [assertions]\nreach = \"kpis.reach.target >= 1\"\n",
        )
        .file(
            "team.toml",
            "[people.li]\nname = \"李\"\n[channels.douyin\nname = \"抖音\"\n",
        );
    // The fragment's syntax error, and the plan's own problems: shares
    // over 100%, a line missing from the plan's complete `[budget]`, and
    // a task the campaign does not declare.
    only(
        &s,
        "plan.toml",
        &[
            "7:7 B001",
            "16:12 R001",
            "18:10 R001",
            "team.toml:3:17 S001",
        ],
    );
}

#[test]
fn an_include_that_is_not_a_path_hides_unknown_names() {
    let s = Scratch::new().file(
        "p.toml",
        "include = 5\n[plan]\nname = \"测试\"\nyear = 2026\n\
         [campaigns.a]\nwindow = \"Q2\"\nowner = \"li\"\nchannels = [\"douyin\"]\n",
    );
    only(&s, "p.toml", &["1:11 S004"]);
}

#[test]
fn a_review_level_whose_timing_does_not_parse_leaves_the_review_dates_unknown() {
    let plan = std::fs::read_to_string(repo().join("plans/new-media-2026.toml")).expect("plan");
    let team = std::fs::read_to_string(repo().join("plans/shared/team.toml")).expect("team");
    let plan = plan.replacen("lead = \"3d\"", "lead = \"3 dias\"", 1);
    let last = std::fs::read_to_string(repo().join("plans/new-media-2025.toml")).expect("plan");
    let s = Scratch::new()
        .file("new-media-2026.toml", &plan)
        .file("new-media-2025.toml", last)
        .file("shared/team.toml", team);
    let line = plan
        .lines()
        .position(|l| l.contains("3 dias"))
        .expect("edited")
        + 1;
    only(&s, "new-media-2026.toml", &[&format!("{line}:11 S005")]);
}
