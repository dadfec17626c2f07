//! The Mermaid timeline (`timeline.mmd`): a `gantt` chart of the plan's
//! campaigns and their tasks, sectioned by the quarter a campaign starts
//! in, flagships marked `crit`, moments as milestones and the calendar's
//! days off as `excludes` dates. Mermaid renders it in a Markdown file on
//! GitHub or in any editor with a Mermaid preview; `almanac diff --mermaid`
//! writes its chart with the same [`Gantt`] writer.
//!
//! Two properties of Mermaid's gantt shape what is written:
//!
//! - `excludes` stretches a bar given as a duration past the excluded
//!   days, but leaves a bar with an explicit end date alone (it only shades
//!   the days). Every bar is therefore written with its start and its end
//!   date (`inclusiveEndDates`, so the end is the plan's last day), and
//!   shows the plan's dates exactly; the holidays are shaded behind them.
//!   `excludes weekends` is never written: a make-up workday (调休) is a
//!   weekend day that is worked.
//! - The grammar has no quoting. A task's text ends at `:`, the data after
//!   it at `#` or `;`; Mermaid decodes `#NN;` entity codes in any text,
//!   drops lines starting with `%%`, and reads a line starting with a
//!   keyword (`title`, `section`, `click`, a date…) as that keyword. Text
//!   from the plan is written through [`text`], which drops the characters
//!   `text::strip_unsafe` calls unsafe, joins lines, and writes every
//!   character with a meaning as an entity code (`#58;` for `:`), which
//!   Mermaid shows as the character itself.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::calendar::DayKind;
use crate::locale::{Locale, Words};
use crate::model::{Id, Plan};
use crate::schedule::{Kind, Schedule};

/// The file `build --only mermaid` writes.
pub const FILE: &str = "timeline.mmd";

/// Keywords of the gantt grammar that a line may start with (lowercase);
/// a text whose first word is one of them has its first character encoded.
const KEYWORDS: &[&str] = &[
    "accdescr",
    "accdescription",
    "acctitle",
    "axisformat",
    "call",
    "click",
    "dateformat",
    "excludes",
    "gantt",
    "href",
    "inclusiveenddates",
    "includes",
    "section",
    "tickinterval",
    "title",
    "todaymarker",
    "topaxis",
    "weekday",
    "weekend",
];

/// `s` as the text of a task, a section or the title: unsafe characters
/// dropped, each run of spaces, tabs and line breaks as one space, trimmed, and every character
/// the grammar or Mermaid's entity decoding gives a meaning written as an
/// entity code. Empty when nothing visible is left.
pub fn text(s: &str) -> String {
    let s = crate::text::strip_unsafe(s);
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = flat.as_str();
    let mut out = String::with_capacity(flat.len() + 8);
    for (i, c) in flat.chars().enumerate() {
        let special = matches!(
            c,
            ':' | '#' | ';' | '%' | '"' | '<' | '>' | '&' | '`' | '¶' | 'ﬂ' | '{' | '}'
        );
        if special || (i == 0 && starts_like_keyword(flat)) {
            let _ = write!(out, "#{};", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a line holding `s` would be read as a keyword or a date.
fn starts_like_keyword(s: &str) -> bool {
    let word: String = s
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if KEYWORDS.contains(&word.as_str()) {
        return true;
    }
    // `2026-02-14`, which the lexer reads as a date before any task text.
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// A Mermaid `gantt` chart being written, four spaces in, one statement a
/// line, dates as `YYYY-MM-DD` with inclusive end dates.
pub struct Gantt {
    out: String,
}

impl Gantt {
    /// The chart's header: `title` (or `fallback` when the title has no
    /// visible text), the date format, and `comment` as a `%%` line.
    pub fn new(title: &str, fallback: &str, comment: &str) -> Gantt {
        let mut out = String::from("gantt\n");
        let _ = writeln!(out, "    %% {}", text(comment));
        let _ = writeln!(out, "    title {}", or(text(title), fallback));
        out.push_str("    dateFormat YYYY-MM-DD\n");
        out.push_str("    axisFormat %m-%d\n");
        out.push_str("    inclusiveEndDates\n");
        Gantt { out }
    }

    /// Days shown as excluded (shaded); bars keep their dates.
    pub fn excludes(&mut self, days: &[NaiveDate]) {
        if days.is_empty() {
            return;
        }
        let days: Vec<String> = days.iter().map(NaiveDate::to_string).collect();
        let _ = writeln!(self.out, "    excludes {}", days.join(", "));
    }

    pub fn section(&mut self, name: &str, fallback: &str) {
        let _ = writeln!(self.out, "    section {}", or(text(name), fallback));
    }

    /// A bar from `start` to `end` (both days included). `tags` are
    /// Mermaid's (`crit`, `done`, `active`, `milestone`); `id` must be
    /// letters, digits and `_`.
    pub fn bar(
        &mut self,
        label: &str,
        fallback: &str,
        tags: &[&str],
        id: &str,
        start: NaiveDate,
        end: NaiveDate,
    ) {
        let _ = write!(self.out, "    {} :", or(text(label), fallback));
        for t in tags {
            let _ = write!(self.out, "{t}, ");
        }
        let _ = writeln!(self.out, "{id}, {start}, {}", end.max(start));
    }

    /// A milestone in the middle of `day`.
    pub fn milestone(&mut self, label: &str, fallback: &str, id: &str, day: NaiveDate) {
        self.bar(label, fallback, &["milestone"], id, day, day);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// `s`, or `fallback` (escaped) when `s` is empty.
fn or(s: String, fallback: &str) -> String {
    if s.is_empty() { text(fallback) } else { s }
}

/// A quarter's section name: `2026年第一季度`, `Q1 2026`.
fn quarter_name(words: &Words, year: i32, quarter: u32) -> String {
    let q = words.quarters[(quarter as usize).clamp(1, 4) - 1];
    match words.lang {
        Locale::ZhCn => format!("{year}年{q}"),
        Locale::En => format!("{q} {year}"),
    }
}

/// One line of a quarter's section, with what it sorts by.
struct Line<'a> {
    /// (start, kind: campaigns before moments, position in the plan)
    key: (NaiveDate, u8, usize),
    label: Cow<'a, str>,
    fallback: String,
    tags: &'static [&'static str],
    id: String,
    start: NaiveDate,
    end: NaiveDate,
    /// A campaign's tasks, in date order.
    tasks: Vec<Line<'a>>,
}

/// `timeline.mmd`: every campaign in the section of the quarter it starts
/// in (by date, then plan order), each followed by its dated tasks, then
/// the quarter's moments as milestones on their first day; the official
/// days off of the plan's
/// period as `excludes`.
pub fn timeline(plan: &Plan, schedule: &Schedule, words: &Words) -> String {
    let mut g = Gantt::new(&plan.name, &plan.id, words.generated_from);
    let period = plan.period.value;
    let holidays: Vec<NaiveDate> = plan
        .calendar
        .special_days()
        .filter(|(d, kind, _)| *kind == DayKind::Holiday && *d >= period.start && *d <= period.end)
        .map(|(d, _, _)| d)
        .collect();
    g.excludes(&holidays);

    // (year, quarter) → lines.
    let mut quarters: BTreeMap<(i32, u32), Vec<Line<'_>>> = BTreeMap::new();
    let quarter = |d: NaiveDate| (d.year(), d.month0() / 3 + 1);
    let mut tasks: BTreeMap<usize, Vec<Line<'_>>> = BTreeMap::new();
    let mut moment_n = 0;
    for it in &schedule.items {
        match it.kind {
            Kind::Campaign => {
                let Some(ci) = it.campaign else { continue };
                let c = &plan.campaigns[ci.index()];
                quarters.entry(quarter(it.start)).or_default().push(Line {
                    key: (it.start, 0, ci.index()),
                    label: Cow::Borrowed(&c.name),
                    fallback: c.id.name.clone(),
                    tags: if c.flagship { &["crit"] } else { &[] },
                    id: format!("c{}", ci.index() + 1),
                    start: it.start,
                    end: it.end,
                    tasks: Vec::new(),
                });
            }
            Kind::Task => {
                let Some((ci, ti)) = it.task else { continue };
                let t = &plan.campaigns[ci.index()].tasks[ti];
                tasks.entry(ci.index()).or_default().push(Line {
                    key: (it.start, 0, ti),
                    label: Cow::Borrowed(&t.name),
                    fallback: t.id.name.clone(),
                    tags: &[],
                    id: format!("c{}t{}", ci.index() + 1, ti + 1),
                    start: it.start,
                    end: it.end,
                    tasks: Vec::new(),
                });
            }
            Kind::Moment => {
                moment_n += 1;
                // A milestone on the first day; a longer moment says its days.
                let label = if it.end > it.start {
                    let md = |d: NaiveDate| format!("{:02}-{:02}", d.month(), d.day());
                    Cow::Owned(format!("{} ({} – {})", it.title, md(it.start), md(it.end)))
                } else {
                    Cow::Borrowed(it.title.as_str())
                };
                quarters.entry(quarter(it.start)).or_default().push(Line {
                    key: (it.start, 1, moment_n),
                    label,
                    fallback: it.id.clone(),
                    tags: &["milestone"],
                    id: format!("m{moment_n}"),
                    start: it.start,
                    end: it.start,
                    tasks: Vec::new(),
                });
            }
            _ => {}
        }
    }
    for lines in quarters.values_mut() {
        for l in lines.iter_mut() {
            if l.key.1 == 0
                && let Some(mut ts) = tasks.remove(&l.key.2)
            {
                ts.sort_by_key(|t| t.key);
                l.tasks = ts;
            }
        }
        // Campaigns by date, then the quarter's moments.
        lines.sort_by_key(|l| (l.key.1, l.key.0, l.key.2));
    }
    for ((year, q), lines) in &quarters {
        let name = quarter_name(words, *year, *q);
        g.section(&name, &name);
        for l in lines {
            for l in std::iter::once(l).chain(&l.tasks) {
                g.bar(&l.label, &l.fallback, l.tags, &l.id, l.start, l.end);
            }
        }
    }
    g.finish()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::check::check_paths;
    use crate::world::MemWorld;

    fn checked(toml: &str) -> (Plan, Schedule) {
        let world = MemWorld::default().with_file("p.toml", toml);
        let Ok(mut c) = check_paths(&world, &[PathBuf::from("p.toml")]) else {
            panic!("the plan is read");
        };
        let errors: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        (c.plans.remove(0), c.schedules.remove(0))
    }

    #[test]
    fn text_writes_the_grammars_characters_as_entity_codes() {
        assert_eq!(text("A: b #1; 50%"), "A#58; b #35;1#59; 50#37;");
        assert_eq!(
            text("say \"hi\" <b>&</b>"),
            "say #34;hi#34; #60;b#62;#38;#60;/b#62;"
        );
        // Mermaid's own entity placeholders cannot be forged.
        assert_eq!(text("ﬂ°°58¶ß"), "#64258;°°58#182;ß");
        // A `%%` line would be a comment, `{`…`}` a directive.
        assert_eq!(text("%%{init}%%"), "#37;#37;#123;init#125;#37;#37;");
        assert_eq!(text("```"), "#96;#96;#96;");
    }

    #[test]
    fn text_is_one_line_without_unsafe_characters() {
        assert_eq!(
            text("  a\r\nb\tc\nsection x\u{1b}[2J\u{202e} "),
            "a b c section x[2J"
        );
        assert_eq!(text(" \n\u{7} "), "");
    }

    #[test]
    fn a_text_starting_with_a_keyword_or_a_date_is_not_read_as_one() {
        assert_eq!(text("Title sponsor"), "#84;itle sponsor");
        assert_eq!(text("section 2"), "#115;ection 2");
        assert_eq!(text("click here"), "#99;lick here");
        assert_eq!(text("gantt-chart"), "#103;antt-chart");
        assert_eq!(text("2026-02-14 launch"), "#50;026-02-14 launch");
        // Not a keyword: left as it is.
        assert_eq!(text("titles and 618"), "titles and 618");
        assert_eq!(text("618 大促"), "618 大促");
    }

    #[test]
    fn bars_have_both_dates_and_an_empty_label_falls_back() {
        let mut g = Gantt::new("", "plan_id", "c");
        let d = |s: &str| s.parse::<NaiveDate>().unwrap_or_default();
        g.section("\u{7}", "Q1 2026");
        g.bar(
            " ",
            "brief",
            &["crit"],
            "c1",
            d("2026-01-05"),
            d("2026-01-09"),
        );
        g.milestone("M", "m", "m1", d("2026-02-14"));
        let out = g.finish();
        assert!(out.contains("    title plan_id\n"), "{out}");
        assert!(out.contains("    section Q1 2026\n"), "{out}");
        assert!(
            out.contains("    brief :crit, c1, 2026-01-05, 2026-01-09\n"),
            "{out}"
        );
        assert!(
            out.contains("    M :milestone, m1, 2026-02-14, 2026-02-14\n"),
            "{out}"
        );
        assert!(out.contains("    inclusiveEndDates\n"));
    }

    const PLAN: &str = "[plan]\nname = \"P: #1\"\nyear = 2026\nlocale = \"en\"\n\n\
        [campaigns.late]\nname = \"Late\"\nwindow = \"10-01..10-20\"\n\n\
        [campaigns.big]\nname = \"Big; one\"\nwindow = \"02-01..04-10\"\nflagship = true\n\n\
        [campaigns.big.tasks.b]\nname = \"second\"\ndue = \"02-20\"\n\n\
        [campaigns.big.tasks.a]\nname = \"first\"\ndue = \"02-10\"\n\n\
        [campaigns.early]\nname = \"Early\"\nwindow = \"01-10..01-20\"\n\n\
        [moments.m]\nname = \"Mid\"\ndate = \"05-20\"\n\n\
        [moments.r]\nname = \"Run-up\"\ndate = \"06-01..06-07\"\n";

    #[test]
    fn campaigns_go_to_the_quarter_they_start_in_with_their_tasks() {
        let (plan, schedule) = checked(PLAN);
        let out = timeline(&plan, &schedule, crate::locale::words(plan.locale));
        let lines: Vec<&str> = out.lines().collect();
        let at = |s: &str| {
            lines
                .iter()
                .position(|l| l.starts_with(s))
                .unwrap_or_else(|| panic!("no line {s}: {out}"))
        };
        assert!(out.contains("    title P#58; #35;1\n"), "{out}");
        // Q1: early, then big (flagship) with its tasks by date.
        assert!(at("    section Q1 2026") < at("    Early :c3, 2026-01-10, 2026-01-20"));
        assert!(at("    Early") < at("    Big#59; one :crit, c2, 2026-02-01, 2026-04-10"));
        assert!(at("    Big") < at("    first :c2t2, 2026-02-10, 2026-02-10"));
        assert!(at("    first") < at("    second :c2t1, 2026-02-20, 2026-02-20"));
        assert!(at("    second") < at("    section Q2 2026"));
        assert!(at("    section Q2 2026") < at("    Mid :milestone, m1, 2026-05-20, 2026-05-20"));
        // A moment of several days: a milestone on its first, its days said.
        assert!(
            at("    Mid") < at("    Run-up (06-01 – 06-07) :milestone, m2, 2026-06-01, 2026-06-01")
        );
        assert!(at("    Run-up") < at("    section Q4 2026"));
        assert!(at("    section Q4 2026") < at("    Late :c1, 2026-10-01, 2026-10-20"));
        assert!(!out.contains("section Q3"), "{out}");
        // The same plan gives the same bytes.
        assert_eq!(
            out,
            timeline(&plan, &schedule, crate::locale::words(plan.locale))
        );
    }

    #[test]
    fn days_off_are_excluded_and_make_up_workdays_are_not() {
        let (plan, schedule) = checked(PLAN);
        let out = timeline(&plan, &schedule, crate::locale::words(plan.locale));
        let excludes = out
            .lines()
            .find_map(|l| l.strip_prefix("    excludes "))
            .unwrap_or_else(|| panic!("no excludes: {out}"));
        let days: Vec<&str> = excludes.split(", ").collect();
        // 2026's Spring Festival: 02-15..02-23 off, 02-14 and 02-28 worked.
        for d in ["2026-01-01", "2026-02-15", "2026-02-23", "2026-10-01"] {
            assert!(days.contains(&d), "{d} in {excludes}");
        }
        for d in ["2026-02-14", "2026-02-28", "2026-03-07", "2026-03-08"] {
            assert!(!days.contains(&d), "{d} in {excludes}");
        }
        assert!(!out.contains("weekends"));
        assert!(days.iter().all(|d| d.starts_with("2026-")), "{excludes}");
    }

    #[test]
    fn sections_are_in_the_plans_language() {
        let zh = PLAN.replace("locale = \"en\"", "locale = \"zh-CN\"");
        let (plan, schedule) = checked(&zh);
        let out = timeline(&plan, &schedule, crate::locale::words(plan.locale));
        assert!(out.contains("    section 2026年第一季度\n"), "{out}");
        assert!(out.contains("    %% 由 almanac 根据计划生成\n"), "{out}");
    }
}
