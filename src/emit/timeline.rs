//! `timeline.html`: the whole year at a glance, one self-contained page —
//! a month calendar with every publish item per day by channel, holidays
//! and make-up workdays (调休) marked, moments and blackouts shaded; and a
//! Gantt of the campaigns, their tasks and dependencies, the columns and
//! rituals, with the review deadlines on each row. A plan of a thousand
//! campaigns is tens of thousands of marks, so the page draws from data
//! rather than holding them as markup: this module turns the plan and its
//! schedule into that data (`Data`, embedded as JSON), and the
//! `timeline.html.j2` template holds the page's look and the script that
//! draws only the rows on screen and filters by channel, owner and kind.
//! Everything a day shows is decided here, from the schedule, so the page
//! agrees with `tasks.json` and `calendar.ics`; the only thing the page
//! decides itself is today's line, because outputs never read the clock.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::calendar::DayKind;
use crate::locale::Words;
use crate::model::{Id, Locale, Plan};
use crate::schedule::{Item, Kind, Schedule};
use crate::templates::Templates;
use crate::text::strip_unsafe;

/// The template's name (in `templates/`, overridable with `--templates`).
pub const TEMPLATE: &str = "timeline.html.j2";

/// The file it writes.
pub const FILE: &str = "timeline.html";

/// What the page draws. Dates are ISO text (`2026-02-14`); people and
/// channels are indices into `people` and `channels`; rows are in the
/// order the Gantt shows them.
#[derive(Debug, Serialize)]
pub struct Data {
    pub lang: &'static str,
    pub plan: PlanInfo,
    /// The first and last day the Gantt shows: the period, widened to any
    /// item before or after it (a task in December for January, a campaign
    /// running into the next year).
    pub range: (NaiveDate, NaiveDate),
    /// The days of the week that are not working days (0 = Monday).
    pub weekend: Vec<u32>,
    /// Holidays (`off`) and make-up workdays (`work`) in `range`.
    pub special: Vec<(NaiveDate, &'static str, String)>,
    /// `(id, name)`.
    pub channels: Vec<(String, String)>,
    /// `(id, name)`.
    pub people: Vec<(String, String)>,
    /// Moments and blackouts, shaded across both views.
    pub bands: Vec<Band>,
    pub rows: Vec<Row>,
    /// Every publish item, one per channel it goes out on, by date.
    pub posts: Vec<Post>,
}

#[derive(Debug, Serialize)]
pub struct PlanInfo {
    pub id: String,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Serialize)]
pub struct Band {
    pub id: String,
    /// `moment` or `blackout`.
    pub kind: &'static str,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Empty: every channel.
    pub ch: Vec<usize>,
}

/// One line of the Gantt.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The schedule item's id (`campaign:<id>`, `task:<campaign>.<task>`),
    /// or `column:<id>` / `ritual:<id>` for a recurring item's line.
    pub id: String,
    /// `campaign`, `task`, `episode` (a column's line) or `ritual`.
    pub kind: &'static str,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flagship: bool,
    pub ch: Vec<usize>,
    pub owner: Option<usize>,
    /// The campaign row a task belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<usize>,
    /// Rows (tasks) that must finish first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<usize>,
    /// The days a recurring line occurs (episodes, meetings).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<NaiveDate>,
    /// Review deadlines of what this row publishes: `(date, reviewer)`,
    /// the day the level must receive the item.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<(NaiveDate, Option<usize>)>,
}

impl Row {
    fn new(id: String, kind: &'static str, name: &str, start: NaiveDate, end: NaiveDate) -> Row {
        Row {
            id,
            kind,
            name: clean(name),
            start,
            end,
            flagship: false,
            ch: Vec::new(),
            owner: None,
            parent: None,
            after: Vec::new(),
            marks: Vec::new(),
            reviews: Vec::new(),
        }
    }
}

/// A publish item on one channel: `(date, channel, kind, title, owner, id)`.
#[derive(Debug, Serialize)]
pub struct Post(
    pub NaiveDate,
    pub Option<usize>,
    pub &'static str,
    pub String,
    pub Option<usize>,
    pub String,
);

fn clean(s: &str) -> String {
    strip_unsafe(s).into_owned()
}

/// The page's data for a plan and its schedule.
pub fn data(plan: &Plan, schedule: &Schedule, labels: &Words) -> Data {
    let period = plan.period.value;
    let weekend = (0..7)
        .filter(|&i| {
            let day = chrono::Weekday::try_from(u8::try_from(i).unwrap_or(0))
                .unwrap_or(chrono::Weekday::Mon);
            !plan.calendar.week().contains(day)
        })
        .collect();
    let channels = plan
        .channels
        .iter()
        .map(|c| (clean(&c.id.name), clean(&c.name)))
        .collect();
    let people = plan
        .people
        .iter()
        .map(|p| (clean(&p.id.name), clean(&p.name)))
        .collect();
    let ch = |it: &Item| {
        it.channels
            .iter()
            .copied()
            .map(Id::index)
            .collect::<Vec<_>>()
    };

    let mut bands = Vec::new();
    let mut posts = Vec::new();
    // Schedule index → Gantt row, for review steps and dependencies.
    let mut row_of: BTreeMap<usize, usize> = BTreeMap::new();
    let mut rows: Vec<Row> = Vec::new();
    // Campaigns by start date, each followed by its tasks by due date.
    let mut campaigns: Vec<(usize, &Item)> = schedule.of_kind(Kind::Campaign).collect();
    campaigns.sort_by(|a, b| (a.1.start, a.1.end, &a.1.id).cmp(&(b.1.start, b.1.end, &b.1.id)));
    let mut tasks: BTreeMap<usize, Vec<(usize, &Item)>> = BTreeMap::new();
    for (i, it) in schedule.of_kind(Kind::Task) {
        if let Some((c, _)) = it.task {
            tasks.entry(c.index()).or_default().push((i, it));
        }
    }
    for (ci, c) in campaigns {
        let Some(cid) = c.campaign else { continue };
        let parent = rows.len();
        row_of.insert(ci, parent);
        rows.push(Row {
            flagship: plan.campaigns[cid].flagship,
            ch: ch(c),
            owner: c.owner.map(Id::index),
            ..Row::new(c.id.clone(), "campaign", &c.title, c.start, c.end)
        });
        let mut own = tasks.remove(&cid.index()).unwrap_or_default();
        own.sort_by(|a, b| (a.1.start, &a.1.id).cmp(&(b.1.start, &b.1.id)));
        let first = rows.len();
        for (ti, t) in &own {
            let start = t.work_start(plan);
            row_of.insert(*ti, rows.len());
            rows.push(Row {
                // A task that publishes nothing is filed under its campaign's channels.
                ch: if t.channels.is_empty() { ch(c) } else { ch(t) },
                owner: t.owner.map(Id::index),
                parent: Some(parent),
                ..Row::new(t.id.clone(), "task", &t.title, start, t.end)
            });
        }
        // Dependencies: a task's `after` are indices among the campaign's tasks.
        for (n, (_, t)) in own.iter().enumerate() {
            let Some(task) = t.task.map(|(_, k)| &plan.campaigns[cid].tasks[k]) else {
                continue;
            };
            let after: Vec<usize> = task
                .after
                .iter()
                .filter_map(|&k| {
                    own.iter()
                        .position(|(_, o)| o.task.is_some_and(|(_, ok)| ok == k))
                        .map(|p| first + p)
                })
                .collect();
            rows[first + n].after = after;
        }
    }
    // Columns and rituals: one line each, in the order they first occur.
    let mut lines: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, it) in schedule.items.iter().enumerate() {
        match it.kind {
            Kind::Episode | Kind::Ritual => {
                let Some(k) = it.column else { continue };
                let row = *lines.entry(k).or_insert_with(|| {
                    let col = &plan.columns[k];
                    let id = format!("{}:{}", it.kind.as_str(), col.id.name);
                    rows.push(Row {
                        ch: ch(it),
                        owner: it.owner.map(Id::index),
                        ..Row::new(id, it.kind.as_str(), &col.name, it.start, it.end)
                    });
                    rows.len() - 1
                });
                let r = &mut rows[row];
                r.start = r.start.min(it.start);
                r.end = r.end.max(it.end);
                r.marks.push(it.start);
                row_of.insert(i, row);
            }
            Kind::Moment | Kind::Blackout => bands.push(Band {
                id: it.id.clone(),
                kind: it.kind.as_str(),
                name: clean(&it.title),
                start: it.start,
                end: it.end,
                ch: ch(it),
            }),
            _ => {}
        }
        if it.publishes {
            let kind = it.kind.as_str();
            let title = clean(&it.title);
            let owner = it.owner.map(Id::index);
            if it.channels.is_empty() {
                posts.push(Post(it.start, None, kind, title, owner, it.id.clone()));
            } else {
                for c in &it.channels {
                    posts.push(Post(
                        it.start,
                        Some(c.index()),
                        kind,
                        title.clone(),
                        owner,
                        it.id.clone(),
                    ));
                }
            }
        }
    }
    // Review deadlines on the line of what they review.
    for it in &schedule.items {
        if it.kind != Kind::Review {
            continue;
        }
        if let Some(&row) = it.reviews.and_then(|t| row_of.get(&t)) {
            rows[row].reviews.push((it.start, it.owner.map(Id::index)));
        }
    }
    for r in &mut rows {
        r.reviews.sort();
    }
    posts.sort_by(|a, b| (a.0, a.1, &a.5).cmp(&(b.0, b.1, &b.5)));
    let mut range = (period.start, period.end);
    for (start, end) in schedule
        .items
        .iter()
        .map(|it| (it.start, it.end))
        .chain(rows.iter().map(|r| (r.start, r.end)))
    {
        range.0 = range.0.min(start);
        range.1 = range.1.max(end);
    }
    let english = labels.lang == Locale::En;
    let special = plan
        .calendar
        .special_days()
        .filter(|(d, _, _)| (range.0..=range.1).contains(d))
        .map(|(d, kind, name)| {
            let name = match plan.calendar.official_day(d) {
                Some(o) if english => o.name_en,
                _ => name,
            };
            let kind = match kind {
                DayKind::Holiday => "off",
                DayKind::MakeupWorkday => "work",
            };
            (d, kind, clean(name))
        })
        .collect();
    Data {
        lang: labels.locale,
        plan: PlanInfo {
            id: plan.id.clone(),
            name: clean(&plan.name),
            start: period.start,
            end: period.end,
        },
        range,
        weekend,
        special,
        channels,
        people,
        bands,
        rows,
        posts,
    }
}

/// JSON that can stand inside a `<script>` element: `<`, `>` and `&` only
/// ever occur in strings, where their `\u` escapes mean the same.
fn script_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The page, through `timeline.html.j2`.
pub fn render(
    plan: &Plan,
    schedule: &Schedule,
    labels: &Words,
    templates: &Templates,
) -> Result<String, (String, minijinja::Error)> {
    let data = data(plan, schedule, labels);
    let months: Vec<_> = month_starts(data.plan.start, data.plan.end)
        .into_iter()
        .map(|d| {
            minijinja::context! {
                key => format!("{:04}-{:02}", d.year(), d.month()),
                label => super::month_label(labels, d.year(), d.month()),
            }
        })
        .collect();
    let ctx = minijinja::context! {
        plan => minijinja::Value::from(minijinja::value::Serde(&data.plan)),
        months => months,
        labels => minijinja::Value::from(minijinja::value::Serde(labels)),
        data_json => minijinja::Value::from_safe_string(script_json(&data)),
    };
    templates.render_text(TEMPLATE, ctx)
}

/// The first day of every month from `start`'s to `end`'s.
fn month_starts(start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = start.with_day(1);
    while let Some(m) = d.filter(|m| *m <= end) {
        out.push(m);
        d = m.checked_add_months(chrono::Months::new(1));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::check::check_paths;
    use crate::world::MemWorld;

    const PLAN: &str = r#"[plan]
id = "p"
name = "P </script><b>x</b>"
year = 2026
locale = "en"

[people.ed]
name = "Ed"

[people.lee]
name = "Lee"

[channels.wx]
name = "WX"

[channels.dy]
name = "DY"

[review.levels.final]
name = "Final"
owner = "lee"
lead = "2wd"

[campaigns.spring]
name = "Spring \u202Egnp"
window = "spring_festival-7d..+3d"
channels = ["wx", "dy"]
owner = "ed"
flagship = true

[campaigns.spring.tasks.brief]
name = "Brief"
owner = "ed"
due = "start - 10wd"
duration = "3wd"

[campaigns.spring.tasks.launch]
name = "Launch"
owner = "lee"
due = "start"
after = ["brief"]
publish = true
channels = ["wx"]

[campaigns.early]
name = "Early"
window = "01-05..01-09"
channels = ["dy"]

[columns.weekly]
name = "Weekly"
channel = "dy"
owner = "ed"
every = "every wed except holidays"
during = "02-01..02-28"

[moments.lanterns]
name = "Lanterns"
date = "03-03"

[blackouts.quiet]
reason = "Quiet"
date = "02-16"
"#;

    fn data_of(text: &str) -> Data {
        let world = MemWorld::default().with_file("p.toml", text);
        let Ok(mut checked) = check_paths(&world, &[PathBuf::from("p.toml")]) else {
            panic!("the plan is read");
        };
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .map(|d| d.message.en.clone())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        let (plan, schedule) = (checked.plans.remove(0), checked.schedules.remove(0));
        data(&plan, &schedule, crate::locale::words(plan.locale))
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn rows_are_campaigns_by_start_each_with_its_tasks_then_the_columns() {
        let d = data_of(PLAN);
        let ids: Vec<&str> = d.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "campaign:early",
                "campaign:spring",
                "task:spring.brief",
                "task:spring.launch",
                "episode:weekly",
            ]
        );
        let spring = &d.rows[1];
        assert!(spring.flagship && !d.rows[0].flagship);
        assert_eq!(
            (spring.start, spring.end),
            (day("2026-02-10"), day("2026-02-20"))
        );
        // The launch waits for the brief; both are filed under the campaign.
        assert_eq!(d.rows[3].after, [2]);
        assert_eq!((d.rows[2].parent, d.rows[3].parent), (Some(1), Some(1)));
        // The brief is worked on for three workdays up to its due date.
        let brief = &d.rows[2];
        assert!(brief.start < brief.end, "{brief:?}");
        // A task that publishes nothing is filed under its campaign's channels.
        assert_eq!(brief.ch, [0, 1]);
        assert_eq!(d.rows[3].ch, [0]);
        assert_eq!(d.people[d.rows[3].owner.unwrap_or(9)].0, "lee");
    }

    #[test]
    fn a_column_is_one_line_with_its_episodes_and_their_review_deadlines() {
        let d = data_of(PLAN);
        let Some(weekly) = d.rows.iter().find(|r| r.id == "episode:weekly") else {
            panic!("{:?}", d.rows);
        };
        // Wednesdays of February 2026 but the one in Spring Festival (02-18).
        let marks: Vec<String> = weekly.marks.iter().map(ToString::to_string).collect();
        assert_eq!(marks, ["2026-02-04", "2026-02-11", "2026-02-25"]);
        assert_eq!(
            (weekly.start, weekly.end),
            (day("2026-02-04"), day("2026-02-25"))
        );
        // Each episode's review: Lee receives it two workdays before.
        assert_eq!(weekly.reviews.len(), 3);
        assert!(weekly.reviews.iter().all(|(_, who)| *who == Some(1)));
        assert!(
            weekly
                .reviews
                .iter()
                .zip(&weekly.marks)
                .all(|((r, _), m)| r < m)
        );
        // The launch task publishes, so it is reviewed too.
        assert_eq!(d.rows[3].reviews.len(), 1);
    }

    #[test]
    fn the_calendar_marks_holidays_and_make_up_days_in_the_range() {
        let d = data_of(PLAN);
        let find = |s: &str| d.special.iter().find(|(x, _, _)| *x == day(s));
        let Some((_, kind, name)) = find("2026-02-14") else {
            panic!("{:?}", d.special);
        };
        assert_eq!((*kind, name.as_str()), ("work", "Spring Festival"));
        assert_eq!(find("2026-02-18").map(|s| s.1), Some("off"));
        assert_eq!(find("2026-02-28").map(|s| s.1), Some("work"));
        assert_eq!(d.weekend, [5, 6]);
        assert_eq!(d.range, (day("2026-01-01"), day("2026-12-31")));
        let bands: Vec<(&str, &str)> = d.bands.iter().map(|b| (b.kind, b.id.as_str())).collect();
        assert_eq!(
            bands,
            [
                ("blackout", "blackout:quiet"),
                ("moment", "moment:lanterns")
            ]
        );
    }

    #[test]
    fn posts_are_every_publish_item_once_per_channel_by_date() {
        let d = data_of(PLAN);
        let posts: Vec<(String, Option<usize>, &str)> = d
            .posts
            .iter()
            .map(|p| (p.0.to_string(), p.1, p.5.as_str()))
            .collect();
        assert_eq!(
            posts,
            [
                ("2026-02-04".into(), Some(1), "episode:weekly:2026-02-04"),
                ("2026-02-10".into(), Some(0), "task:spring.launch"),
                ("2026-02-11".into(), Some(1), "episode:weekly:2026-02-11"),
                ("2026-02-25".into(), Some(1), "episode:weekly:2026-02-25"),
            ]
        );
    }

    #[test]
    fn the_range_widens_to_a_task_before_the_year() {
        let text = PLAN.replace("due = \"start - 10wd\"", "due = \"2025-12-15\"");
        let d = data_of(&text);
        assert_eq!(d.range.0, day("2025-12-10"));
        assert!(d.special.iter().all(|(x, _, _)| *x >= d.range.0));
    }

    #[test]
    fn plan_text_cannot_end_the_script_element_and_unsafe_characters_are_dropped() {
        let d = data_of(PLAN);
        assert_eq!(d.rows[1].name, "Spring gnp");
        let json = script_json(&d);
        assert!(!json.contains('<') && !json.contains('>'), "{json}");
        assert!(json.contains(r"P \u003c/script\u003e\u003cb\u003ex\u003c/b\u003e"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back["plan"]["name"], "P </script><b>x</b>");
    }

    #[test]
    fn the_page_embeds_the_data_and_the_months_of_the_period() {
        let world = MemWorld::default().with_file("p.toml", PLAN);
        let Ok(mut checked) = check_paths(&world, &[PathBuf::from("p.toml")]) else {
            panic!("the plan is read");
        };
        let (plan, schedule) = (checked.plans.remove(0), checked.schedules.remove(0));
        let templates = Templates::load(&world, None, &mut checked.sources)
            .unwrap_or_else(|_| panic!("the built-in templates compile"));
        let labels = crate::locale::words(Locale::En);
        let html = render(&plan, &schedule, labels, &templates)
            .unwrap_or_else(|(name, e)| panic!("{name}: {e}"));
        assert_eq!(html.matches("<section class=\"month\"").count(), 12);
        assert!(html.contains("id=\"month-2026-02\" data-month=\"2026-02\""));
        assert!(html.contains("<h2>February 2026</h2>"));
        assert!(html.contains(
            "<title>P &lt;&#x2f;script&gt;&lt;b&gt;x&lt;&#x2f;b&gt; · The year at a glance</title>"
        ));
        assert_eq!(
            html.matches("</script>").count(),
            2,
            "two script elements, nothing more"
        );
        let start = html.find("id=\"timeline-data\">").map_or(0, |i| i + 19);
        let end = html[start..].find("</script>").map_or(start, |i| start + i);
        let back: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap_or_default();
        assert_eq!(back["rows"][1]["id"], "campaign:spring");
        assert_eq!(back["lang"], "en");
    }
}
