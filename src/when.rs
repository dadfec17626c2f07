//! `almanac when`: evaluates one date, range or recurrence against a plan's
//! calendar — or, without a plan, China's official calendar and the current
//! year — so an author can see what `spring_festival - 7d` or `every wed
//! except holidays` means before writing it into a plan.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use crate::calendar::{WorkCalendar, WorkWeek};
use crate::check::{CheckError, Checked, check_paths};
use crate::diagnostics::{Diagnostic, Severity, codes};
use crate::locale::{Locale, words};
use crate::model::{DateRange, Plan, weekday_short};
use crate::resolve::dates::{DateCx, Names};
use crate::schedule::recur;
use crate::source::{SourceMap, Span};
use crate::syntax::ast::{DateBase, Exception, RangeExpr, TimeOfDay, When};
use crate::syntax::expr::parse_when;
use crate::syntax::strlit::StrSrc;
use crate::tr;
use crate::world::World;

/// How many occurrences of a recurrence are listed.
pub const SHOWN: usize = 10;

pub enum Answer {
    Date(NaiveDate),
    Range(DateRange),
    /// Every occurrence in the period, the period, and the time of day.
    Occurrences(Vec<NaiveDate>, DateRange, Option<TimeOfDay>),
}

/// What went wrong: the diagnostics (of the plan or the expression) and
/// where to render them from.
pub enum WhenError {
    Usage(CheckError),
    Diagnostics(SourceMap, Vec<Diagnostic>, bool),
}

/// The moments and campaigns of a resolved plan, by id.
struct PlanRanges<'p>(Option<&'p Plan>);

impl Names for PlanRanges<'_> {
    fn range(&mut self, name: &str, _: &mut Vec<Diagnostic>) -> Option<Option<DateRange>> {
        let plan = self.0?;
        if let Some(m) = plan.moments.iter().find(|m| m.id.name == name) {
            return Some(Some(m.when.value));
        }
        plan.campaigns
            .iter()
            .find(|c| c.id.name == name)
            .map(|c| Some(c.window.value))
    }
    fn local(&self, _: &str) -> Option<NaiveDate> {
        None
    }
    fn candidates(&self) -> Vec<String> {
        let Some(plan) = self.0 else {
            return Vec::new();
        };
        plan.moments
            .iter()
            .map(|m| m.id.name.clone())
            .chain(plan.campaigns.iter().map(|c| c.id.name.clone()))
            .collect()
    }
}

pub struct Evaluated {
    pub answer: Answer,
    pub calendar: WorkCalendar,
    /// The `locale` the plan writes, if a plan was given and writes one.
    pub locale: Option<Locale>,
}

/// Evaluates `text` against the plan at `plan` (or the built-in calendar in
/// the current year).
pub fn evaluate(
    world: &dyn World,
    text: &str,
    plan: Option<&PathBuf>,
) -> Result<Evaluated, WhenError> {
    let checked = match plan {
        Some(p) => {
            let c = check_paths(world, std::slice::from_ref(p)).map_err(WhenError::Usage)?;
            if c.count(Severity::Error) > 0 || c.plans.is_empty() {
                return Err(WhenError::Diagnostics(c.sources, c.diagnostics, true));
            }
            Some(c)
        }
        None => None,
    };
    let plan: Option<&Plan> = checked.as_ref().and_then(|c: &Checked| c.plans.first());
    let locale = checked
        .as_ref()
        .zip(plan)
        .and_then(|(c, p)| c.locales.get(&p.span.file).copied());
    let mut e = evaluate_on(plan, world.today(), text)?;
    e.locale = locale;
    Ok(e)
}

/// Evaluates `text` against a resolved plan (or, with none, the built-in
/// calendar in the year of `today`).
pub fn evaluate_on(
    plan: Option<&Plan>,
    today: NaiveDate,
    text: &str,
) -> Result<Evaluated, WhenError> {
    let (period, calendar) = match plan {
        Some(p) => (p.period.value, p.calendar.clone()),
        None => {
            let y = today.year();
            let cal = WorkCalendar::new(WorkWeek::mon_fri()).with_cn_official();
            let period = DateRange {
                start: NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
                end: NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default(),
            };
            (period, cal)
        }
    };
    let mut sources = SourceMap::default();
    let id = sources.add(PathBuf::from("<expression>"), text.to_string());
    let src = StrSrc::verbatim(Span::new(id, 0, text.len()));
    let mut diags = Vec::new();
    let node = match parse_when(text) {
        Ok(n) => n,
        Err(e) => {
            let mut d =
                Diagnostic::new(&codes::S005, src.at(e.loc), e.message).label(tr!("这里", "here"));
            if let Some(h) = e.help {
                d = d.help(h);
            }
            return Err(WhenError::Diagnostics(sources, vec![d], false));
        }
    };
    let cx = DateCx {
        period,
        calendar: &calendar,
    };
    let mut names = PlanRanges(plan);
    let answer = match &node {
        // A campaign or moment named alone: its whole range.
        When::Date(e)
            if e.offsets.is_empty()
                && matches!(&e.base, DateBase::Name(p) if p.len() == 1 && names.range(&p[0], &mut diags).is_some()) =>
        {
            cx.range(&mut names, &RangeExpr::Day(e.clone()), &src, &mut diags)
                .map(Answer::Range)
        }
        When::Date(e) => cx.date(&mut names, e, &src, &mut diags).map(Answer::Date),
        When::Range(e) => cx.range(&mut names, e, &src, &mut diags).map(Answer::Range),
        When::Recurrence(r) if r.frequency.zero_interval().is_some() => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    src.span,
                    tr!("间隔为 0，永远不会重复", "an interval of 0 never repeats"),
                )
                .label(tr!("间隔为 0", "interval of 0"))
                .help(tr!(
                    "间隔至少为 1，例如 `every 2 weeks on mon`",
                    "the interval must be at least 1, e.g. `every 2 weeks on mon`"
                )),
            );
            None
        }
        When::Recurrence(r) => {
            let mut skip = Vec::new();
            for ex in &r.except {
                if let Exception::Date(d) = ex
                    && let Some(v) = cx.date(&mut names, d, &src, &mut diags)
                {
                    skip.push(v);
                }
            }
            let holidays = r.except.contains(&Exception::Holidays);
            match recur::expand(&r.frequency, period, &calendar) {
                Ok(mut days) => {
                    days.retain(|d| !(skip.contains(d) || (holidays && calendar.is_holiday(*d))));
                    Some(Answer::Occurrences(days, period, r.time))
                }
                Err(n) => {
                    diags.push(
                        Diagnostic::new(
                            &codes::P007,
                            src.span,
                            tr!("超过 {n} 次", "more than {n} occurrences"),
                        )
                        .label(tr!("次数太多", "too many"))
                        .help(tr!(
                            "重复规则最多只列出一个计划周期内的日期",
                            "a recurrence is listed for one plan period at most"
                        )),
                    );
                    None
                }
            }
        }
    };
    match answer {
        Some(a) if diags.is_empty() => Ok(Evaluated {
            answer: a,
            calendar,
            locale: None,
        }),
        _ => Err(WhenError::Diagnostics(sources, diags, false)),
    }
}

/// What a day is on the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Workday,
    Holiday,
    MakeupWorkday,
    Weekend,
    DayOff,
}

impl Status {
    /// The stable name the JSON answer carries.
    fn key(self) -> &'static str {
        match self {
            Status::Workday => "workday",
            Status::Holiday => "holiday",
            Status::MakeupWorkday => "make-up workday",
            Status::Weekend => "weekend",
            Status::DayOff => "day off",
        }
    }

    fn word(self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.key(),
            Locale::ZhCn => match self {
                Status::Workday => "工作日",
                Status::Holiday => "节假日",
                Status::MakeupWorkday => "调休上班",
                Status::Weekend => "周末",
                Status::DayOff => "休息日",
            },
        }
    }
}

/// A day's status and, on a holiday or a make-up workday, the holiday's name.
fn status(d: NaiveDate, cal: &WorkCalendar) -> (Status, Option<&str>) {
    if cal.is_makeup_workday(d) {
        (Status::MakeupWorkday, cal.day_name(d))
    } else if cal.is_holiday(d) {
        (Status::Holiday, cal.day_name(d))
    } else if cal.is_workday(d) {
        (Status::Workday, None)
    } else if !cal.week().contains(d.weekday()) {
        (Status::Weekend, None)
    } else {
        (Status::DayOff, None)
    }
}

/// `2026-02-10 Tue (workday)`, `2026-02-16 Mon (holiday: 春节)`;
/// `2026-02-16 周一（节假日：春节）`. A day of a year whose official
/// schedule is not built in says so: `2027-10-01 Fri (holiday: 国庆节)
/// (provisional: 2027 official schedule not built in)`.
pub fn describe(d: NaiveDate, cal: &WorkCalendar, locale: Locale) -> String {
    let (s, name) = status(d, cal);
    let day = weekday(d, locale);
    let mut out = match (locale, name) {
        (Locale::En, Some(n)) => format!("{d} {day} ({}: {n})", s.word(locale)),
        (Locale::En, None) => format!("{d} {day} ({})", s.word(locale)),
        (Locale::ZhCn, Some(n)) => format!("{d} {day}（{}：{n}）", s.word(locale)),
        (Locale::ZhCn, None) => format!("{d} {day}（{}）", s.word(locale)),
    };
    if cal.is_provisional(d) {
        let year = d.year();
        out.push_str(&match locale {
            Locale::En => format!(" (provisional: {year} official schedule not built in)"),
            Locale::ZhCn => format!("（暂定：尚未内置 {year} 年官方放假安排）"),
        });
    }
    out
}

/// `Mon` / `周一`.
fn weekday(d: NaiveDate, locale: Locale) -> &'static str {
    match locale {
        Locale::En => weekday_short(d.weekday()),
        Locale::ZhCn => words(locale).weekdays[d.weekday().num_days_from_monday() as usize],
    }
}

/// The answer as versioned JSON: a date, a range with its days and
/// workdays, or a recurrence's every occurrence, each day with its weekday
/// and status.
pub fn render_json(text: &str, e: &Evaluated) -> String {
    use serde_json::json;
    let cal = &e.calendar;
    let day = |d: NaiveDate| {
        let (status, name) = status(d, cal);
        json!({
            "date": d.to_string(),
            "weekday": weekday_short(d.weekday()),
            "status": status.key(),
            "holiday": name,
            "provisional": cal.is_provisional(d),
        })
    };
    let answer = match &e.answer {
        Answer::Date(d) => json!({ "kind": "date", "day": day(*d) }),
        Answer::Range(r) => json!({
            "kind": "range",
            "start": day(r.start),
            "end": day(r.end),
            "days": r.days(),
            "workdays": range_workdays(*r, cal),
        }),
        Answer::Occurrences(days, period, time) => json!({
            "kind": "recurrence",
            "period": { "start": period.start.to_string(), "end": period.end.to_string() },
            "time": time.map(|t| format!("{:02}:{:02}", t.hour, t.minute)),
            "count": days.len(),
            "occurrences": days.iter().map(|d| day(*d)).collect::<Vec<_>>(),
        }),
    };
    let doc = json!({ "version": 1, "expression": text, "answer": answer });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The workdays of a range, both ends counted.
fn range_workdays(r: DateRange, cal: &WorkCalendar) -> i64 {
    cal.workdays_between(r.start, r.end) + i64::from(cal.is_workday(r.start))
}

/// The answer as lines of text in `locale`: a recurrence's first
/// [`SHOWN`] occurrences, or all of them with `all`.
pub fn render(text: &str, e: &Evaluated, all: bool, locale: Locale) -> String {
    let cal = &e.calendar;
    let s = |n: i64| if n == 1 { "" } else { "s" };
    match &e.answer {
        Answer::Date(d) => format!("{text} → {}\n", describe(*d, cal, locale)),
        Answer::Range(r) => {
            let work = range_workdays(*r, cal);
            let (start, end, days) = (r.start, r.end, r.days());
            let (ws, we) = (weekday(start, locale), weekday(end, locale));
            match locale {
                Locale::En => format!(
                    "{text} → {start} {ws} .. {end} {we} ({days} day{}, {work} workday{})\n",
                    s(days),
                    s(work),
                ),
                Locale::ZhCn => format!(
                    "{text} → {start} {ws} .. {end} {we}（共 {days} 天，{work} 个工作日）\n"
                ),
            }
        }
        Answer::Occurrences(days, period, time) => {
            let n = days.len();
            let (from, to) = (period.start, period.end);
            let mut out = match (locale, time) {
                (Locale::En, Some(t)) => format!(
                    "{text} → {n} occurrence{} at {:02}:{:02} in {from}..{to}\n",
                    s(n as i64),
                    t.hour,
                    t.minute
                ),
                (Locale::En, None) => {
                    format!("{text} → {n} occurrence{} in {from}..{to}\n", s(n as i64))
                }
                (Locale::ZhCn, Some(t)) => format!(
                    "{text} → {from}..{to} 期间共 {n} 次，时间均为 {:02}:{:02}\n",
                    t.hour, t.minute
                ),
                (Locale::ZhCn, None) => format!("{text} → {from}..{to} 期间共 {n} 次\n"),
            };
            let shown = if all { n } else { SHOWN };
            for d in days.iter().take(shown) {
                out.push_str(&format!("  {}\n", describe(*d, cal, locale)));
            }
            if n > shown {
                let more = n - shown;
                out.push_str(&match locale {
                    Locale::En => format!("  … and {more} more (--all lists them)\n"),
                    Locale::ZhCn => format!("  …… 还有 {more} 次（加 --all 全部列出）\n"),
                });
            }
            out
        }
    }
}
