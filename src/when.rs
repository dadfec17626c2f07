//! `almanac when`: evaluates one date, range or recurrence against a plan's
//! calendar — or, without a plan, China's official calendar and the current
//! year — so an author can see what `spring_festival - 7d` or `every wed
//! except holidays` means before writing it into a plan.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use crate::calendar::{WorkCalendar, WorkWeek};
use crate::check::{CheckError, Checked, check_paths};
use crate::diagnostics::{Diagnostic, Severity, codes};
use crate::model::{DateRange, Plan, weekday_short};
use crate::resolve::dates::{DateCx, Names};
use crate::schedule::recur;
use crate::source::{SourceMap, Span};
use crate::syntax::ast::{DateBase, Exception, RangeExpr, TimeOfDay, When};
use crate::syntax::expr::parse_when;
use crate::syntax::strlit::StrSrc;
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
    evaluate_on(plan, world.today(), text)
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
            let mut d = Diagnostic::new(&codes::S005, src.at(e.loc), e.message).label("here");
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
                Diagnostic::new(&codes::S006, src.span, "an interval of 0 never repeats")
                    .label("interval of 0")
                    .help("the interval must be at least 1, e.g. `every 2 weeks on mon`"),
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
                            format!("more than {n} occurrences"),
                        )
                        .label("too many")
                        .help("a recurrence is listed for one plan period at most"),
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
        }),
        _ => Err(WhenError::Diagnostics(sources, diags, false)),
    }
}

/// What a day is on the calendar: its status (`workday`, `holiday`,
/// `make-up workday`, `weekend`, `day off`) and the holiday's name.
fn status(d: NaiveDate, cal: &WorkCalendar) -> (&'static str, Option<&str>) {
    if cal.is_makeup_workday(d) {
        ("make-up workday", cal.day_name(d))
    } else if cal.is_holiday(d) {
        ("holiday", cal.day_name(d))
    } else if cal.is_workday(d) {
        ("workday", None)
    } else if !cal.week().contains(d.weekday()) {
        ("weekend", None)
    } else {
        ("day off", None)
    }
}

/// `2026-02-10 Tue (workday)`, `2026-02-16 Mon (holiday: 春节)`.
pub fn describe(d: NaiveDate, cal: &WorkCalendar) -> String {
    let status = match status(d, cal) {
        (s @ ("holiday" | "make-up workday"), name) => format!("{s}: {}", name.unwrap_or("")),
        (s, _) => s.to_string(),
    };
    format!("{d} {} ({status})", weekday_short(d.weekday()))
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
            "status": status,
            "holiday": name,
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

/// The answer as lines of text: a recurrence's first [`SHOWN`]
/// occurrences, or all of them with `all`.
pub fn render(text: &str, e: &Evaluated, all: bool) -> String {
    let cal = &e.calendar;
    match &e.answer {
        Answer::Date(d) => format!("{text} → {}\n", describe(*d, cal)),
        Answer::Range(r) => {
            let work = range_workdays(*r, cal);
            format!(
                "{text} → {} {} .. {} {} ({} day{}, {work} workday{})\n",
                r.start,
                weekday_short(r.start.weekday()),
                r.end,
                weekday_short(r.end.weekday()),
                r.days(),
                if r.days() == 1 { "" } else { "s" },
                if work == 1 { "" } else { "s" },
            )
        }
        Answer::Occurrences(days, period, time) => {
            let at = time.map_or(String::new(), |t| {
                format!(" at {:02}:{:02}", t.hour, t.minute)
            });
            let mut out = format!(
                "{text} → {} occurrence{}{at} in {}..{}\n",
                days.len(),
                if days.len() == 1 { "" } else { "s" },
                period.start,
                period.end
            );
            let shown = if all { days.len() } else { SHOWN };
            for d in days.iter().take(shown) {
                out.push_str(&format!("  {}\n", describe(*d, cal)));
            }
            if days.len() > shown {
                out.push_str(&format!(
                    "  … and {} more (--all lists them)\n",
                    days.len() - shown
                ));
            }
            out
        }
    }
}
