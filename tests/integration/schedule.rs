//! The schedule: dates of the example plan and of small in-memory plans,
//! each derived by hand from the official 2026 holiday table
//! (`data/calendar/cn-holidays.csv`), written out in a comment beside the
//! test; bad input (recurrences that never or too often occur, broken and
//! very long dependency chains); and recurrence expansion compared with the
//! `rrule` crate.
//!
//! The 2026 rows of the table used below:
//!
//! ```text
//! 2026-01-01..01-03 holiday 元旦          2026-01-04 make-up (Sun)
//! 2026-02-14 make-up (Sat)               2026-02-15..02-23 holiday 春节
//! 2026-02-28 make-up (Sat)               2026-04-04..04-06 holiday 清明节
//! 2026-05-01..05-05 holiday 劳动节        2026-05-09 make-up (Sat)
//! 2026-06-19..06-21 holiday 端午节        2026-09-20 make-up (Sun)
//! 2026-09-25..09-27 holiday 中秋节        2026-10-01..10-07 holiday 国庆节
//! 2026-10-10 make-up (Sat)
//! ```

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use almanac::check::{Checked, check_paths};
use almanac::schedule::{Item, Kind, Schedule};
use almanac::world::{MemWorld, OsWorld};
use chrono::NaiveDate;

use crate::support::repo;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

/// Checks one in-memory plan.
fn check(text: &str) -> Checked {
    let world = MemWorld::default().with_file("plan.toml", text);
    check_paths(&world, &[PathBuf::from("plan.toml")]).expect("checks")
}

/// Checks one in-memory plan that must check clean.
fn clean(text: &str) -> Checked {
    let c = check(text);
    let msgs: Vec<String> = c
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code(), d.message.en))
        .collect();
    assert!(msgs.is_empty(), "unexpected diagnostics: {msgs:#?}");
    assert_eq!(c.plans.len(), 1);
    assert_eq!(c.schedules.len(), 1);
    c
}

fn codes(c: &Checked) -> Vec<&str> {
    c.diagnostics
        .iter()
        .map(almanac::diagnostics::Diagnostic::code)
        .collect()
}

fn example() -> Checked {
    let c = check_paths(&OsWorld, &[repo().join("plans/new-media-2026.toml")]).expect("checks");
    assert!(c.diagnostics.is_empty());
    c
}

fn item<'a>(s: &'a Schedule, id: &str) -> &'a Item {
    s.items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item `{id}` in the schedule"))
}

fn has(s: &Schedule, id: &str) -> bool {
    s.items.iter().any(|i| i.id == id)
}

/// The days of a column's episodes.
fn episodes(s: &Schedule, column: &str) -> Vec<NaiveDate> {
    let prefix = format!("episode:{column}:");
    s.items
        .iter()
        .filter(|i| i.kind == Kind::Episode && i.id.starts_with(&prefix))
        .map(|i| i.start)
        .collect()
}

/// The due date of `campaign.task`.
fn due(s: &Schedule, task: &str) -> NaiveDate {
    item(s, &format!("task:{task}")).start
}

const HEAD: &str = r#"
[plan]
name = "测试计划"
year = 2026

[people.editor]
name = "内容编辑"

[people.manager]
name = "新媒体经理"

[people.legal]
name = "法务"

[channels.wechat]
name = "微信公众号"

[channels.douyin]
name = "抖音"
"#;

fn plan(body: &str) -> String {
    format!("{HEAD}\n{body}")
}

// ── the worked example ────────────────────────────────────────────────────

/// Publishing on Tuesday 2026-02-24, the first workday after the Spring
/// Festival holiday, with legal's lead `3wd`: counting back, 02-23 … 02-15
/// are holidays and do not count, Saturday 02-14 is a make-up workday (1),
/// Friday 02-13 (2), Thursday 02-12 (3). Legal receives the post on
/// 2026-02-12. 复审 (no lead, 24h) must answer by then: it receives it one
/// workday earlier, Wednesday 02-11; 初审 one more, Tuesday 02-10.
#[test]
fn legal_receives_three_workdays_before_across_spring_festival() {
    let c = clean(&plan(
        r#"
[campaigns.after_holiday]
name = "开工季"
window = "02-24..03-06"
channels = ["wechat"]
owner = "manager"

[campaigns.after_holiday.tasks.post]
name = "开工推文"
owner = "editor"
publish = true
due = "start"

[review.levels.first]
name = "初审"
response = "24h"
owner = "editor"

[review.levels.second]
name = "复审"
response = "24h"
owner = "manager"

[review.levels.final]
name = "终审"
lead = "3wd"
response = "24h"
owner = "legal"
"#,
    ));
    let s = &c.schedules[0];
    let plan = &c.plans[0];
    assert_eq!(
        plan.calendar.add_workdays(d("2026-02-24"), -3),
        Some(d("2026-02-12"))
    );
    let post = item(s, "task:after_holiday.post");
    assert_eq!(post.start, d("2026-02-24"));
    assert!(post.publishes);
    let step = |level: &str| item(s, &format!("review:{level}@task:after_holiday.post"));
    assert_eq!(step("final").start, d("2026-02-12"));
    assert_eq!(step("second").start, d("2026-02-11"));
    assert_eq!(step("first").start, d("2026-02-10"));
    // Each step is owned by its level's owner and points at the post.
    let owner = step("final").owner.map(|o| plan.people[o].id.name.as_str());
    assert_eq!(owner, Some("legal"));
    assert_eq!(step("final").kind, Kind::Review);
    let reviewed = step("final").reviews.map(|r| s.items[r].id.as_str());
    assert_eq!(reviewed, Some("task:after_holiday.post"));
    // The same chain, computed directly: answers fit before the next level.
    let chain = almanac::schedule::review::chain(plan, d("2026-02-24"));
    let receive: Vec<NaiveDate> = chain.iter().map(|s| s.receive).collect();
    assert_eq!(receive, [d("2026-02-10"), d("2026-02-11"), d("2026-02-12")]);
    let answers: Vec<NaiveDate> = chain.iter().map(|s| s.answer_by).collect();
    assert_eq!(answers, [d("2026-02-11"), d("2026-02-12"), d("2026-02-13")]);
    assert!(chain.iter().all(almanac::schedule::review::Step::fits));
}

// ── the example plan ──────────────────────────────────────────────────────

/// `探店vlog` is `every wed except holidays`. Wednesday 2026-02-18 lies in
/// the Spring Festival holiday (02-15..02-23): no episode. Wednesday 02-25
/// is an ordinary workday: an episode. 2026 has 52 Wednesdays (01-07 …
/// 12-30); two are holidays, 02-18 and 10-07 (国庆节 10-01..10-07), so 50
/// episodes.
#[test]
fn store_vlog_skips_the_spring_festival_wednesday() {
    let c = example();
    let s = &c.schedules[0];
    let days = episodes(s, "store_vlog");
    assert!(!days.contains(&d("2026-02-18")));
    assert!(days.contains(&d("2026-02-11")));
    assert!(days.contains(&d("2026-02-25")));
    assert!(!days.contains(&d("2026-10-07")));
    assert_eq!(days.len(), 50);
    assert_eq!(days.first(), Some(&d("2026-01-07")));
    assert_eq!(days.last(), Some(&d("2026-12-30")));
    let e = item(s, "episode:store_vlog:2026-02-25");
    assert_eq!(e.title, "探店vlog");
    assert!(e.publishes);
    // The example plan has no `[effort]`: an episode is 3 hours.
    assert_eq!(e.hours, almanac::ratio::Ratio::int(3));
}

/// Mother's Day is the second Sunday of May. 2026-05-01 is a Friday, so the
/// Sundays of May are 05-03, 05-10, …: Mother's Day is 05-10, and the
/// `mothers_day_story` moment (`mothers_day - 7d..mothers_day`) runs
/// 05-03..05-10.
#[test]
fn mothers_day_story_runs_the_week_up_to_may_10() {
    let c = example();
    let m = item(&c.schedules[0], "moment:mothers_day_story");
    assert_eq!(m.kind, Kind::Moment);
    assert_eq!((m.start, m.end), (d("2026-05-03"), d("2026-05-10")));
}

/// The review chain of the example plan: 初审 and 复审 without a lead,
/// 终审 (legal) with `lead = "3d"`; every response `24h` (one workday).
///
/// `探店vlog` on Wednesday 2026-03-04: 3 days before is Sunday 03-01, not a
/// workday, so legal receives it on the workday before — Saturday 02-28, a
/// make-up workday — and answers Monday 03-02. 复审 must answer by 02-28:
/// receives Friday 02-27, answers 02-28. 初审 receives Thursday 02-26.
///
/// `粉丝福利日` on Friday 2026-02-27: 3 days before is Tuesday 02-24, a
/// workday: legal receives it then and answers Wednesday 02-25. 复审 must
/// answer by 02-24; one workday before 02-24 is back across the holiday
/// (02-15..02-23): make-up Saturday 02-14, and its answer, one workday
/// later, is 02-24. 初审 receives Friday 02-13 and answers 02-14.
#[test]
fn review_steps_of_episodes_fall_on_workdays() {
    let c = example();
    let s = &c.schedules[0];
    let steps = |episode: &str| -> Vec<NaiveDate> {
        ["first", "second", "final"]
            .iter()
            .map(|l| item(s, &format!("review:{l}@episode:{episode}")).start)
            .collect()
    };
    assert_eq!(
        steps("store_vlog:2026-03-04"),
        [d("2026-02-26"), d("2026-02-27"), d("2026-02-28")]
    );
    assert_eq!(
        steps("fan_day:2026-02-27"),
        [d("2026-02-13"), d("2026-02-14"), d("2026-02-24")]
    );
    let plan = &c.plans[0];
    let chain = almanac::schedule::review::chain(plan, d("2026-02-27"));
    let answers: Vec<NaiveDate> = chain.iter().map(|s| s.answer_by).collect();
    assert_eq!(answers, [d("2026-02-14"), d("2026-02-24"), d("2026-02-25")]);
    assert!(chain.iter().all(almanac::schedule::review::Step::fits));
    // Review steps only for items that publish, and every one on a workday.
    for it in s.items.iter().filter(|i| i.kind == Kind::Review) {
        assert!(
            plan.calendar.is_workday(it.start),
            "{} on {}",
            it.id,
            it.start
        );
        let target = &s.items[it.reviews.expect("a reviewed item")];
        assert!(target.publishes, "{} reviews {}", it.id, target.id);
        assert!(it.start <= target.start, "{} after {}", it.id, target.id);
    }
    // The fan-benefit day skips Friday 02-20 (`skip = ["02-20"]`).
    assert!(!has(s, "episode:fan_day:2026-02-20"));
    assert!(has(s, "episode:fan_day:2026-02-13"));
}

/// `理性消费倡导` runs from `double_11 - 21d` = Wednesday 2026-10-21. Its
/// brief is due `start - 15wd`. Counting back: 10-20 (1), 10-19 (2), 10-16
/// (3), 10-15 (4), 10-14 (5), 10-13 (6), 10-12 (7), Saturday 10-10, a
/// make-up workday (8), 10-09 (9), 10-08 (10); 10-07 … 10-01 are the
/// National Day holiday; 09-30 (11), 09-29 (12), 09-28 (13); 09-27 … 09-25
/// are the Mid-autumn holiday; 09-24 (14), 09-23 (15): 2026-09-23. The KOL
/// booking, `start - 5wd`, is 10-14.
#[test]
fn task_dates_across_national_day_in_the_example_plan() {
    let c = example();
    let s = &c.schedules[0];
    let w = item(s, "campaign:rational_11");
    assert_eq!((w.start, w.end), (d("2026-10-21"), d("2026-11-14")));
    assert_eq!(due(s, "rational_11.brief"), d("2026-09-23"));
    assert_eq!(due(s, "rational_11.kol_booking"), d("2026-10-14"));
}

/// From Wednesday 2026-09-30, the last workday before National Day:
/// `+ 1wd` skips the holiday 10-01..10-07 and is Thursday 10-08; `+ 2wd`
/// Friday 10-09; `+ 3wd` make-up Saturday 10-10; `+ 4wd` Monday 10-12
/// (Sunday 10-11 is a day off). Backwards from Thursday 10-08, `- 1wd` is
/// 09-30. In calendar days, `+ 8d` is 10-08 as well.
#[test]
fn workday_offsets_across_national_day() {
    let c = clean(&plan(
        r#"
[campaigns.golden_week]
name = "国庆返工"
window = "09-30..10-31"
owner = "manager"

[campaigns.golden_week.tasks.a]
owner = "editor"
due = "start + 1wd"

[campaigns.golden_week.tasks.b]
owner = "editor"
due = "start + 2wd"

[campaigns.golden_week.tasks.c]
owner = "editor"
due = "start + 3wd"

[campaigns.golden_week.tasks.d]
owner = "editor"
due = "start + 4wd"

[campaigns.golden_week.tasks.e]
owner = "editor"
due = "2026-10-08 - 1wd"

[campaigns.golden_week.tasks.f]
owner = "editor"
due = "start + 8d"
"#,
    ));
    let s = &c.schedules[0];
    assert_eq!(due(s, "golden_week.a"), d("2026-10-08"));
    assert_eq!(due(s, "golden_week.b"), d("2026-10-09"));
    assert_eq!(due(s, "golden_week.c"), d("2026-10-10"));
    assert_eq!(due(s, "golden_week.d"), d("2026-10-12"));
    assert_eq!(due(s, "golden_week.e"), d("2026-09-30"));
    assert_eq!(due(s, "golden_week.f"), d("2026-10-08"));
}

// ── tasks counted from each other ─────────────────────────────────────────

/// `after brief + 2wd` with the brief due Thursday 2026-02-12: Friday 02-13
/// (1), make-up Saturday 02-14 (2): 2026-02-14.
#[test]
fn after_brief_plus_two_workdays() {
    let c = clean(&plan(
        r#"
[campaigns.spring]
name = "春节预热"
window = "02-09..02-28"
owner = "manager"

[campaigns.spring.tasks.brief]
owner = "manager"
due = "2026-02-12"

[campaigns.spring.tasks.visuals]
owner = "editor"
due = "after brief + 2wd"
"#,
    ));
    let s = &c.schedules[0];
    assert_eq!(due(s, "spring.brief"), d("2026-02-12"));
    assert_eq!(due(s, "spring.visuals"), d("2026-02-14"));
    // Counted from the brief, the visuals are resolved after it whatever
    // the order of the tables.
    let c = clean(&plan(
        r#"
[campaigns.spring]
name = "春节预热"
window = "02-09..02-28"
owner = "manager"

[campaigns.spring.tasks.visuals]
owner = "editor"
due = "after brief + 2wd"

[campaigns.spring.tasks.brief]
owner = "manager"
due = "2026-02-12"
"#,
    ));
    assert_eq!(due(&c.schedules[0], "spring.visuals"), d("2026-02-14"));
}

/// `after` with `duration` and no `due`: done `duration` after the last
/// dependency. The brief is due Thursday 2026-09-24; 09-25..09-27 are the
/// Mid-autumn holiday, so `3wd` later is Monday 09-28 (1), 09-29 (2),
/// Wednesday 09-30 (3). The launch waits for the edit and for the venue,
/// due Friday 10-09; the later of the two is 10-09, and `1wd` after it is
/// make-up Saturday 10-10. In calendar days, `2d` after 09-30 is 10-02.
#[test]
fn duration_counts_from_the_last_dependency() {
    let c = check(&plan(
        r#"
[campaigns.autumn]
name = "秋季上新"
window = "09-21..10-31"
owner = "manager"

[campaigns.autumn.tasks.brief]
owner = "manager"
due = "2026-09-24"

[campaigns.autumn.tasks.edit]
owner = "editor"
after = ["brief"]
duration = "3wd"

[campaigns.autumn.tasks.venue]
owner = "manager"
due = "2026-10-09"

[campaigns.autumn.tasks.launch]
owner = "manager"
after = ["edit", "venue"]
duration = "1wd"

[campaigns.autumn.tasks.recap]
owner = "editor"
after = ["edit"]
duration = "2d"
"#,
    ));
    let s = &c.schedules[0];
    assert_eq!(due(s, "autumn.edit"), d("2026-09-30"));
    assert_eq!(due(s, "autumn.launch"), d("2026-10-10"));
    assert_eq!(due(s, "autumn.recap"), d("2026-10-02"));
    // 10-02 is a holiday: the only diagnostic is D006 for the recap.
    assert_eq!(codes(&c), ["D006"]);
}

// ── columns: pause and moves ──────────────────────────────────────────────

/// `pause = "nianwei_lab"` pauses a column for the campaign's window,
/// `spring_festival-21d..+15d`: the Spring Festival is 2026-02-17, so
/// 01-27..03-04. The Wednesdays 01-28, 02-04, 02-11, 02-18, 02-25 and 03-04
/// have no episode; 01-21 and 03-11 do. A second pause, `jul..aug`, leaves
/// out every Wednesday from 07-01 to 08-26; 06-24 and 09-02 remain. 2026 has
/// 52 Wednesdays: 6 + 9 paused, and 10-07 (国庆节) skipped: 36 episodes.
#[test]
fn pause_for_a_campaign_window() {
    let c = clean(&plan(
        r#"
[campaigns.nianwei_lab]
name = "年味实验室"
window = "spring_festival-21d..+15d"
channels = ["wechat"]
owner = "manager"

[columns.tips]
name = "生活小贴士"
channel = "douyin"
every = "every wed except holidays"
pause = ["nianwei_lab", "jul..aug"]
owner = "editor"
"#,
    ));
    let s = &c.schedules[0];
    let w = item(s, "campaign:nianwei_lab");
    assert_eq!((w.start, w.end), (d("2026-01-27"), d("2026-03-04")));
    let days = episodes(s, "tips");
    for paused in [
        "2026-01-28",
        "2026-02-04",
        "2026-02-11",
        "2026-02-18",
        "2026-02-25",
        "2026-03-04",
        "2026-07-01",
        "2026-08-26",
    ] {
        assert!(!days.contains(&d(paused)), "{paused}");
    }
    for kept in ["2026-01-21", "2026-03-11", "2026-06-24", "2026-09-02"] {
        assert!(days.contains(&d(kept)), "{kept}");
    }
    assert_eq!(days.len(), 36);
}

/// `moves = { "10-07" = "10-09" }`: Wednesday 10-07 is the last day of the
/// National Day holiday; the episode goes out on Friday 10-09 instead. The
/// column runs in Q4 (10-01..12-31), whose only holiday Wednesday is 10-07,
/// so after the move none falls on a holiday.
#[test]
fn moves_an_episode_off_the_holiday() {
    let c = clean(&plan(
        r#"
[columns.tips]
name = "生活小贴士"
channel = "douyin"
every = "every wed"
during = "Q4"
moves = { "10-07" = "10-09" }
owner = "editor"
"#,
    ));
    let s = &c.schedules[0];
    let days = episodes(s, "tips");
    assert!(!days.contains(&d("2026-10-07")));
    assert!(days.contains(&d("2026-10-09")));
    assert_eq!(days.first(), Some(&d("2026-10-09")));
    assert!(has(s, "episode:tips:2026-10-09"));
    // Q4 2026 has 13 Wednesdays (10-07 … 12-30); one moved: still 13.
    assert_eq!(days.len(), 13);
}

// ── bad input ─────────────────────────────────────────────────────────────

/// `monthly on 31st` during February: February has no 31st.
#[test]
fn a_recurrence_that_never_occurs_is_reported() {
    let c = check(&plan(
        r#"
[columns.monthly]
name = "月末复盘"
channel = "wechat"
every = "monthly on 31st"
during = "feb"
owner = "editor"
"#,
    ));
    assert_eq!(codes(&c), ["P006"]);
    assert!(c.diagnostics[0].message.en.contains("never publishes"));
    assert!(episodes(&c.schedules[0], "monthly").is_empty());
}

#[test]
fn an_interval_of_zero_is_an_error() {
    for every in [
        "every 0 weeks on mon",
        "every 0 days",
        "every 0 months on 1st mon",
    ] {
        let c = check(&plan(&format!(
            "[columns.zero]\nname = \"零\"\nchannel = \"wechat\"\nevery = \"{every}\"\nowner = \"editor\"\n"
        )));
        assert_eq!(codes(&c), ["S006"], "{every}");
        assert!(
            c.diagnostics[0].message.en.contains("never repeats"),
            "{every}"
        );
        let s = &c.schedules[0];
        assert!(episodes(s, "zero").is_empty(), "{every}");
    }
}

/// Runs `f` on another thread and fails if it takes longer than `secs`: a
/// hang fails the test instead of blocking the run.
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("thread");
    rx.recv_timeout(Duration::from_secs(secs))
        .expect("finished in time (and did not panic)")
}

/// A daily column over a century, 2000-01-01..2099-12-31 (36,525 days):
/// expansion stops at the bound and reports P007, quickly.
#[test]
fn a_daily_column_over_a_century_is_bounded() {
    let text = r#"
[plan]
name = "百年计划"
period = "2000-01-01..2099-12-31"
calendar = "none"

[people.editor]
name = "内容编辑"

[channels.weibo]
name = "微博"

[columns.daily]
name = "每日话题"
channel = "weibo"
every = "every day"
owner = "editor"
"#;
    let c = within(60, move || check(text));
    assert_eq!(codes(&c), ["P007"]);
    assert!(c.diagnostics[0].message.en.contains("5000"));
    assert!(episodes(&c.schedules[0], "daily").is_empty());
}

#[test]
fn a_dependency_on_a_missing_task_is_reported() {
    let c = check(&plan(
        r#"
[campaigns.spring]
name = "春节预热"
window = "02-09..02-28"
owner = "manager"

[campaigns.spring.tasks.brief]
owner = "manager"
due = "2026-02-12"

[campaigns.spring.tasks.visuals]
owner = "editor"
after = ["breif"]
due = "2026-02-13"
"#,
    ));
    assert_eq!(codes(&c), ["R001"]);
    let d0 = &c.diagnostics[0];
    assert!(d0.message.en.contains("breif"), "{}", d0.message.en);
    assert!(
        d0.help.iter().any(|h| h.en.contains("brief")),
        "{:?}",
        d0.help
    );
}

#[test]
fn a_task_waiting_for_itself_is_a_cycle() {
    for (after, due) in [("after = [\"brief\"]\n", "2026-02-12"), ("", "brief + 1wd")] {
        let c = check(&plan(&format!(
            r#"
[campaigns.spring]
name = "春节预热"
window = "02-09..02-28"
owner = "manager"

[campaigns.spring.tasks.brief]
owner = "manager"
{after}due = "{due}"
"#
        )));
        assert_eq!(codes(&c), ["D005"], "{after}{due}");
    }
}

/// Ten thousand tasks, each waiting for the one before and due on the same
/// day (`after = ["t{i-1}"]`, `due = "t{i-1}"`): no stack overflow, no
/// diagnostic, and the last task is due on the first one's day.
#[test]
fn a_chain_of_ten_thousand_tasks() {
    const N: usize = 10_000;
    let mut text = plan(
        "[campaigns.long]\nname = \"长链\"\nwindow = \"03-02..03-31\"\nowner = \"manager\"\n\n\
         [campaigns.long.tasks.t0]\nowner = \"editor\"\ndue = \"start\"\n",
    );
    for i in 1..N {
        text.push_str(&format!(
            "\n[campaigns.long.tasks.t{i}]\nowner = \"editor\"\nafter = [\"t{p}\"]\ndue = \"t{p}\"\n",
            p = i - 1
        ));
    }
    // The default test-thread stack is 2 MiB; run on one of that size too.
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let c = check(&text);
            let _ = tx.send((
                codes(&c)
                    .into_iter()
                    .map(str::to_string)
                    .collect::<Vec<_>>(),
                c.schedules
                    .first()
                    .map(|s| due(s, &format!("long.t{}", N - 1))),
                c.plans
                    .first()
                    .map(|p| p.campaigns[0].tasks[N - 1].after.clone()),
            ));
        })
        .expect("thread");
    let (codes, last, after) = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("finished in time (and did not overflow its stack)");
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(last, Some(d("2026-03-02")));
    assert_eq!(after, Some(vec![N - 2]));
}

// ── recurrences against RRULE ─────────────────────────────────────────────

mod against_rrule {
    use almanac::calendar::{WorkCalendar, WorkWeek};
    use almanac::model::DateRange;
    use almanac::schedule::recur::{MAX_OCCURRENCES, expand};
    use almanac::syntax::ast::{Frequency, MonthDay};
    use chrono::{Days, NaiveDate, Weekday};
    use proptest::prelude::*;
    use rrule::RRuleSet;

    const WEEKDAYS: [(Weekday, &str); 7] = [
        (Weekday::Mon, "MO"),
        (Weekday::Tue, "TU"),
        (Weekday::Wed, "WE"),
        (Weekday::Thu, "TH"),
        (Weekday::Fri, "FR"),
        (Weekday::Sat, "SA"),
        (Weekday::Sun, "SU"),
    ];

    fn code(w: Weekday) -> &'static str {
        WEEKDAYS[w.num_days_from_monday() as usize].1
    }

    /// The RRULE (without DTSTART and UNTIL) for the frequencies RRULE can
    /// express.
    fn rule(f: &Frequency) -> String {
        match f {
            Frequency::Daily { interval } => format!("FREQ=DAILY;INTERVAL={interval}"),
            Frequency::Weekly { interval, days } => {
                let by: Vec<&str> = days.iter().map(|d| code(*d)).collect();
                format!(
                    "FREQ=WEEKLY;INTERVAL={interval};WKST=MO;BYDAY={}",
                    by.join(",")
                )
            }
            Frequency::Monthly {
                interval,
                on: MonthDay::Day(n),
            } => {
                format!("FREQ=MONTHLY;INTERVAL={interval};BYMONTHDAY={n}")
            }
            Frequency::Monthly {
                interval,
                on: MonthDay::NthWeekday { n, weekday },
            } => {
                format!(
                    "FREQ=MONTHLY;INTERVAL={interval};BYDAY={n}{}",
                    code(*weekday)
                )
            }
            Frequency::Weekdays | Frequency::Workdays => unreachable!("not generated"),
        }
    }

    fn stamp(d: NaiveDate) -> String {
        d.format("%Y%m%dT000000Z").to_string()
    }

    /// The days of the RRULE from `dtstart` until `until`, inclusive.
    fn rrule_days(f: &Frequency, dtstart: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        let text = format!(
            "DTSTART:{}\nRRULE:{};UNTIL={}",
            stamp(dtstart),
            rule(f),
            stamp(until)
        );
        let set: RRuleSet = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        let result = set.all(u16::MAX);
        assert!(
            !result.limited || result.dates.len() < u16::MAX as usize,
            "{text}"
        );
        result
            .dates
            .iter()
            .map(chrono::DateTime::date_naive)
            .collect()
    }

    fn weekday_set() -> impl Strategy<Value = Vec<Weekday>> {
        (1u8..128).prop_map(|mask| {
            WEEKDAYS
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, (w, _))| *w)
                .collect()
        })
    }

    fn frequency() -> impl Strategy<Value = Frequency> {
        let weekday = (0usize..7).prop_map(|i| WEEKDAYS[i].0);
        prop_oneof![
            (1u32..=10).prop_map(|interval| Frequency::Daily { interval }),
            (1u32..=5, weekday_set())
                .prop_map(|(interval, days)| Frequency::Weekly { interval, days }),
            (1u32..=4, 1u32..=31).prop_map(|(interval, n)| Frequency::Monthly {
                interval,
                on: MonthDay::Day(n)
            }),
            (1u32..=4, prop_oneof![1i8..=5, Just(-1i8)], weekday).prop_map(
                |(interval, n, weekday)| {
                    Frequency::Monthly {
                        interval,
                        on: MonthDay::NthWeekday { n, weekday },
                    }
                }
            ),
        ]
    }

    /// A range within 2024-01-01..2027-12-31.
    fn range() -> impl Strategy<Value = DateRange> {
        let first = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
        let last = NaiveDate::from_ymd_opt(2027, 12, 31).expect("date");
        let days = (last - first).num_days() as u64;
        (0..=days, 0..=days).prop_map(move |(a, b)| DateRange {
            start: first + Days::new(a.min(b)),
            end: first + Days::new(a.max(b)),
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// DTSTART is the first day almanac gives (weekly intervals count
        /// from the week of that day, as RRULE's do from DTSTART's week with
        /// `WKST=MO`), UNTIL the end of the range. When almanac gives no
        /// day, RRULE from the start of the range gives none either (other
        /// than DTSTART itself, which RRULE may count regardless).
        #[test]
        fn expand_agrees_with_rrule(f in frequency(), r in range()) {
            let cal = WorkCalendar::new(WorkWeek::mon_fri());
            let days = expand(&f, r, &cal).expect("within the bound");
            prop_assert!(days.len() <= MAX_OCCURRENCES);
            prop_assert!(days.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(days.iter().all(|d| r.contains(*d)));
            match days.first() {
                Some(&first) => {
                    let theirs = rrule_days(&f, first, r.end);
                    prop_assert_eq!(&days, &theirs, "{} from {} to {}", rule(&f), first, r.end);
                }
                None => {
                    let theirs: Vec<NaiveDate> = rrule_days(&f, r.start, r.end)
                        .into_iter()
                        .filter(|d| *d != r.start)
                        .collect();
                    prop_assert!(theirs.is_empty(), "{} in {}..{}: {:?}", rule(&f), r.start, r.end, theirs);
                }
            }
        }
    }

    /// Spot checks of the translation itself.
    #[test]
    fn rrule_translation() {
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        let f = Frequency::Weekly {
            interval: 2,
            days: vec![Weekday::Mon, Weekday::Thu],
        };
        assert_eq!(rule(&f), "FREQ=WEEKLY;INTERVAL=2;WKST=MO;BYDAY=MO,TH");
        // Every other week on Monday and Thursday, from Thursday 2026-01-08:
        // the week of 01-05 counts, the week of 01-12 not, 01-19 does.
        let theirs = rrule_days(&f, d("2026-01-08"), d("2026-01-31"));
        assert_eq!(theirs, [d("2026-01-08"), d("2026-01-19"), d("2026-01-22")]);
        let r = DateRange {
            start: d("2026-01-07"),
            end: d("2026-01-31"),
        };
        let cal = WorkCalendar::new(WorkWeek::mon_fri());
        assert_eq!(expand(&f, r, &cal), Ok(theirs));
        let last_fri = Frequency::Monthly {
            interval: 1,
            on: MonthDay::NthWeekday {
                n: -1,
                weekday: Weekday::Fri,
            },
        };
        assert_eq!(rule(&last_fri), "FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR");
        assert_eq!(
            rrule_days(&last_fri, d("2026-01-30"), d("2026-03-31")),
            [d("2026-01-30"), d("2026-02-27"), d("2026-03-27")]
        );
    }
}

// ── rituals ───────────────────────────────────────────────────────────────

/// A weekly case review: every Monday but holidays, held by the manager
/// with the editor. It is work (hours for both), never content: with a
/// review chain in place, nothing of it is reviewed.
#[test]
fn a_ritual_recurs_takes_hours_from_each_person_and_is_never_reviewed() {
    let c = clean(&plan(
        r#"
[review.levels.first]
name = "初审"
owner = "editor"
response = "24h"

[review.levels.final]
name = "终审"
owner = "legal"
lead = "3wd"

[columns.fan_day]
name = "粉丝福利日"
channel = "wechat"
every = "every fri except holidays"
owner = "editor"

[rituals.case_review]
name = "每周内部案例复盘"
every = "every mon 10:00 except holidays"
owner = "manager"
attendees = ["editor"]
effort = "1h"
"#,
    ));
    let s = &c.schedules[0];
    let rituals: Vec<&Item> = s.items.iter().filter(|i| i.kind == Kind::Ritual).collect();
    // 52 Mondays in 2026, less those in holidays: 01-05 is the first (01-01
    // is a Thursday), Spring Festival's Monday 02-16 and 02-23 are off, as
    // are Labour Day's 05-04 and National Day's 10-05.
    assert_eq!(rituals[0].start, d("2026-01-05"));
    for off in ["2026-02-16", "2026-02-23", "2026-05-04", "2026-10-05"] {
        assert!(!has(s, &format!("ritual:case_review:{off}")), "{off}");
    }
    assert!(
        rituals.iter().all(|r| !r.publishes
            && r.hours == almanac::ratio::Ratio::ONE
            && r.attendees.len() == 1)
    );
    // Every review step reviews an episode; none a ritual.
    let steps: Vec<&Item> = s.items.iter().filter(|i| i.kind == Kind::Review).collect();
    assert!(!steps.is_empty());
    for step in steps {
        let target = &s.items[step.reviews.expect("reviews an item")];
        assert_eq!(target.kind, Kind::Episode, "{}", step.id);
    }
    // In the calendar, one recurring event with the holidays excepted.
    let stamp = d("2026-01-01").and_hms_opt(0, 0, 0).expect("a time");
    let words = almanac::locale::words(c.plans[0].locale);
    let (_, ics) = almanac::emit::calendar::calendars(&c.plans[0], s, words, stamp, None)
        .into_iter()
        .next()
        .expect("calendar.ics");
    let event = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("SUMMARY:每周内部案例复盘"))
        .expect("the ritual's event");
    assert!(event.contains("RRULE:FREQ=WEEKLY"), "{event}");
    assert!(event.contains("EXDATE"), "{event}");
    assert_eq!(ics.matches("SUMMARY:每周内部案例复盘").count(), 1);
}
