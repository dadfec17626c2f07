//! Date expressions to civil dates on the plan's workday calendar. A date
//! without a year (`03-08`, `2nd sun of may`, `spring_festival`) falls in
//! the plan's period: for a period spanning two years, the year that puts it
//! inside the period. Names are looked up in the local scope (a campaign's
//! `start`, `end` and tasks), then the plan's moments and campaigns, then
//! the built-in festivals.

use chrono::{Datelike, NaiveDate};

use crate::calendar::{self, WorkCalendar, add_days, month_end};
use crate::diagnostics::{Diagnostic, codes, suggest};
use crate::model::DateRange;
use crate::syntax::ast::{DateBase, DateExpr, Loc, Offset, Period, RangeEnd, RangeExpr, Unit};
use crate::syntax::strlit::StrSrc;

/// What a name in a date expression can refer to.
pub trait Names {
    /// Whether names may be declared in an include that could not be
    /// loaded: an unknown one is then not reported.
    fn partial(&self) -> bool {
        false
    }
    /// A range declared by the plan (a moment or a campaign), if `name` is one.
    fn range(&mut self, name: &str, diags: &mut Vec<Diagnostic>) -> Option<Option<DateRange>>;
    /// A name in the local scope (`start`, a task id).
    fn local(&self, name: &str) -> Option<NaiveDate>;
    /// Every name that could be meant, for suggestions.
    fn candidates(&self) -> Vec<String>;
}

pub struct DateCx<'a> {
    pub period: DateRange,
    pub calendar: &'a WorkCalendar,
}

impl DateCx<'_> {
    /// The date with this month and day that lies in the period (or in its first year).
    pub fn in_period(&self, f: impl Fn(i32) -> Option<NaiveDate>) -> Option<NaiveDate> {
        let (a, b) = (self.period.start.year(), self.period.end.year());
        (a..=b)
            .filter_map(&f)
            .find(|d| self.period.contains(*d))
            .or_else(|| f(a))
    }

    fn year(&self) -> i32 {
        self.period.start.year()
    }

    pub fn period_range(&self, p: Period) -> Option<DateRange> {
        let y = self.year();
        match p {
            Period::Year => Some(DateRange {
                start: NaiveDate::from_ymd_opt(y, 1, 1)?,
                end: NaiveDate::from_ymd_opt(y, 12, 31)?,
            }),
            Period::Quarter(q) => {
                // In a fiscal year, the quarter that lies in the period.
                let m = (u32::from(q) - 1) * 3 + 1;
                let start = self.in_period(|y| NaiveDate::from_ymd_opt(y, m, 1))?;
                Some(DateRange {
                    start,
                    end: month_end(start.year(), m + 2)?,
                })
            }
            Period::Month(m) => {
                let start = self.in_period(|y| NaiveDate::from_ymd_opt(y, m, 1))?;
                Some(DateRange {
                    start,
                    end: month_end(start.year(), m)?,
                })
            }
        }
    }

    pub fn date(
        &self,
        names: &mut dyn Names,
        e: &DateExpr,
        src: &StrSrc,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<NaiveDate> {
        let base = self.base(names, e, src, diags)?;
        self.apply(base, &e.offsets, src, diags)
    }

    pub fn apply(
        &self,
        mut d: NaiveDate,
        offsets: &[Offset],
        src: &StrSrc,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<NaiveDate> {
        for o in offsets {
            let n = if o.negative {
                -o.duration.amount
            } else {
                o.duration.amount
            };
            let next = match o.duration.unit {
                Unit::Days => add_days(d, n),
                Unit::Weeks => n.checked_mul(7).and_then(|n| add_days(d, n)),
                Unit::Workdays => self.calendar.add_workdays(d, n),
                Unit::Hours | Unit::Minutes => {
                    diags.push(
                        Diagnostic::new(&codes::S006, src.at(o.loc), "a date cannot be moved by hours or minutes")
                            .label("use days (`d`), weeks (`w`) or workdays (`wd`)")
                            .help("`24h` as a date offset is `1d`; as a review response time it is one workday"),
                    );
                    return None;
                }
            };
            let Some(next) = next else {
                diags.push(
                    Diagnostic::new(
                        &codes::S006,
                        src.at(o.loc),
                        "this offset moves the date out of the calendar",
                    )
                    .label("too far")
                    .help("use an offset of at most a few years"),
                );
                return None;
            };
            d = next;
            if !crate::model::within_years(d) {
                diags.push(out_of_years(src.at(o.loc), d));
                return None;
            }
        }
        Some(d)
    }

    fn base(
        &self,
        names: &mut dyn Names,
        e: &DateExpr,
        src: &StrSrc,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<NaiveDate> {
        let span = src.at(e.base_loc);
        let invalid = |diags: &mut Vec<Diagnostic>, what: String, help: String| {
            diags.push(
                Diagnostic::new(&codes::S006, span, what)
                    .label("no such day")
                    .help(help),
            );
        };
        match &e.base {
            DateBase::Iso { year, month, day } => {
                let d = NaiveDate::from_ymd_opt(*year, *month, *day);
                if d.is_none() {
                    let help = match month_end(*year, *month) {
                        Some(end) => {
                            format!("{} {year} has {} days", month_name(*month), end.day())
                        }
                        None => "months are numbered 01 to 12".into(),
                    };
                    invalid(
                        diags,
                        format!("`{year:04}-{month:02}-{day:02}` is not a date"),
                        help,
                    );
                }
                match d {
                    Some(d) if !crate::model::within_years(d) => {
                        diags.push(out_of_years(span, d));
                        None
                    }
                    d => d,
                }
            }
            DateBase::MonthDay { month, day } => {
                let d = self.in_period(|y| NaiveDate::from_ymd_opt(y, *month, *day));
                if d.is_none() {
                    invalid(
                        diags,
                        format!("`{month:02}-{day:02}` is not a date in {}", self.year()),
                        "months are numbered 01 to 12 and have at most 31 days".into(),
                    );
                }
                d
            }
            DateBase::IsoWeek {
                year,
                week,
                weekday,
            } => {
                let d = NaiveDate::from_isoywd_opt(*year, *week, *weekday);
                if d.is_none() {
                    invalid(
                        diags,
                        format!("week {week} of {year} does not exist"),
                        "ISO years have 52 or 53 weeks".into(),
                    );
                }
                d
            }
            DateBase::NthWeekday { n, weekday, month } => {
                let d = self.in_period(|y| calendar::nth_weekday_of_month(y, *month, *n, *weekday));
                if d.is_none() {
                    invalid(
                        diags,
                        format!("{} has no such {weekday:?}", month_name(*month)),
                        "use `last` for the last one".into(),
                    );
                }
                d
            }
            DateBase::Boundary { end, period } => {
                let r = self.period_range(*period)?;
                Some(if *end { r.end } else { r.start })
            }
            DateBase::Name(path) => self.name(names, path, e.base_loc, src, diags),
        }
    }

    fn name(
        &self,
        names: &mut dyn Names,
        path: &[String],
        loc: Loc,
        src: &StrSrc,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<NaiveDate> {
        let span = src.at(loc);
        let first = path.first()?;
        if path.len() == 1
            && let Some(d) = names.local(first)
        {
            return Some(d);
        }
        if let Some(r) = names.range(first, diags) {
            let r = r?;
            return match path.get(1).map(String::as_str) {
                None | Some("start") if path.len() <= 2 => Some(r.start),
                Some("end") if path.len() == 2 => Some(r.end),
                _ => {
                    diags.push(
                        Diagnostic::new(
                            &codes::R001,
                            span,
                            format!("`{}` has no part `{}`", first, path[1..].join(".")),
                        )
                        .label("unknown part")
                        .help(format!("write `{first}.start` or `{first}.end`")),
                    );
                    None
                }
            };
        }
        if path.len() == 1
            && let Some(m) = calendar::find_moment(first)
        {
            let date = self.in_period(|y| calendar::moment_date(m, y));
            if date.is_none() {
                let years = calendar::lunar_years();
                diags.push(
                    Diagnostic::new(
                        &codes::D003,
                        span,
                        format!("`{first}` is not defined for {}", self.year()),
                    )
                    .label("no date in the built-in table")
                    .help(format!(
                        "the built-in lunar calendar covers {}–{}; declare the date under `[moments]`",
                        years.start(),
                        years.end()
                    )),
                );
            }
            return date;
        }
        if names.partial() {
            return None;
        }
        let mut candidates = names.candidates();
        candidates.extend(
            calendar::builtin_moments()
                .iter()
                .map(|m| m.key.to_string()),
        );
        let mut d = Diagnostic::new(
            &codes::R001,
            span,
            format!("unknown date name `{}`", path.join(".")),
        )
        .label("not a moment, campaign or built-in festival");
        if let Some(h) = suggest(first, candidates.iter().map(String::as_str)) {
            d = d.help(h);
        } else {
            d = d.help("declare it under `[moments]`, or see `almanac explain R001` for the built-in names");
        }
        diags.push(d);
        None
    }

    pub fn range(
        &self,
        names: &mut dyn Names,
        e: &RangeExpr,
        src: &StrSrc,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<DateRange> {
        let r = match e {
            RangeExpr::Day(d) => {
                // A campaign or moment named alone is its whole range.
                if let DateBase::Name(path) = &d.base
                    && path.len() == 1
                    && d.offsets.is_empty()
                    && names.local(&path[0]).is_none()
                    && let Some(r) = names.range(&path[0], diags)
                {
                    return r;
                }
                let d = self.date(names, d, src, diags)?;
                DateRange { start: d, end: d }
            }
            RangeExpr::Period { period, .. } => self.period_range(*period)?,
            RangeExpr::Months { from, to, .. } => {
                let start = self.in_period(|y| NaiveDate::from_ymd_opt(y, *from, 1))?;
                let end_year = if to < from {
                    start.year() + 1
                } else {
                    start.year()
                };
                DateRange {
                    start,
                    end: month_end(end_year, *to)?,
                }
            }
            RangeExpr::Between { start, end, loc } => {
                let anchor = self.base(names, start, src, diags);
                let s = anchor.and_then(|a| self.apply(a, &start.offsets, src, diags));
                let e_date = match end {
                    RangeEnd::Date(d) => self.date(names, d, src, diags),
                    RangeEnd::Relative { offsets, .. } => {
                        anchor.and_then(|a| self.apply(a, offsets, src, diags))
                    }
                };
                let (s, e_date) = (s?, e_date?);
                if e_date < s {
                    diags.push(
                        Diagnostic::new(
                            &codes::D002,
                            src.at(*loc),
                            format!("this range ends on {e_date} before it starts on {s}"),
                        )
                        .label("end before start")
                        .help("swap the two ends, or check the offsets"),
                    );
                    return None;
                }
                DateRange {
                    start: s,
                    end: e_date,
                }
            }
        };
        Some(r)
    }
}

/// S006 for a date outside [`crate::model::YEARS`].
fn out_of_years(span: crate::source::Span, d: NaiveDate) -> Diagnostic {
    let (first, last) = (crate::model::YEARS.start(), crate::model::YEARS.end());
    Diagnostic::new(
        &codes::S006,
        span,
        format!("{d} is outside the years almanac plans, {first} to {last}"),
    )
    .label("out of range")
    .help(format!(
        "plans, holidays and their dates fall between {first}-01-01 and {last}-12-31"
    ))
}

pub fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(m.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("month")
}
