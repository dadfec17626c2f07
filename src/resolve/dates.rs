//! Date expressions to civil dates on the plan's workday calendar. A date
//! without a year (`03-08`, `2nd sun of may`, `spring_festival`) falls in
//! the plan's period: for a period spanning two years, the year that puts it
//! inside the period. Names are looked up in the local scope (a campaign's
//! `start`, `end` and tasks), then the plan's moments and campaigns, then
//! the built-in festivals.

use chrono::{Datelike, NaiveDate};

use crate::calendar::{self, WorkCalendar, add_days, month_end};
use crate::diagnostics::{Diagnostic, codes, suggest};
use crate::locale::Msg;
use crate::model::DateRange;
use crate::syntax::ast::{DateBase, DateExpr, Loc, Offset, Period, RangeEnd, RangeExpr, Unit};
use crate::syntax::strlit::StrSrc;
use crate::tr;

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
                        Diagnostic::new(
                            &codes::S006,
                            src.at(o.loc),
                            tr!(
                                "日期不能按小时或分钟偏移",
                                "a date cannot be moved by hours or minutes"
                            ),
                        )
                        .label(tr!(
                            "用天（`d`）、周（`w`）或工作日（`wd`）",
                            "use days (`d`), weeks (`w`) or workdays (`wd`)"
                        ))
                        .help(tr!(
                            "作为日期偏移，`24h` 就是 `1d`；作为审核答复时限，它是 1 个工作日",
                            "`24h` as a date offset is `1d`; as a review response time it is one workday"
                        )),
                    );
                    return None;
                }
            };
            let Some(next) = next else {
                diags.push(
                    Diagnostic::new(
                        &codes::S006,
                        src.at(o.loc),
                        tr!(
                            "这个偏移量把日期推出了日历范围",
                            "this offset moves the date out of the calendar"
                        ),
                    )
                    .label(tr!("偏移太远", "too far"))
                    .help(tr!(
                        "偏移量不要超过几年",
                        "use an offset of at most a few years"
                    )),
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
        let invalid = |diags: &mut Vec<Diagnostic>, what: Msg, help: Msg| {
            diags.push(
                Diagnostic::new(&codes::S006, span, what)
                    .label(tr!("没有这一天", "no such day"))
                    .help(help),
            );
        };
        match &e.base {
            DateBase::Iso { year, month, day } => {
                let d = NaiveDate::from_ymd_opt(*year, *month, *day);
                if d.is_none() {
                    let help = match month_end(*year, *month) {
                        Some(end) => {
                            let (name, days) = (month_name(*month), end.day());
                            tr!(
                                "{year} 年 {month} 月有 {days} 天",
                                "{name} {year} has {days} days"
                            )
                        }
                        None => tr!("月份是 01 到 12", "months are numbered 01 to 12"),
                    };
                    invalid(
                        diags,
                        tr!(
                            "`{year:04}-{month:02}-{day:02}` 不是有效的日期",
                            "`{year:04}-{month:02}-{day:02}` is not a date"
                        ),
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
                    let year = self.year();
                    invalid(
                        diags,
                        tr!(
                            "{year} 年没有 `{month:02}-{day:02}` 这一天",
                            "`{month:02}-{day:02}` is not a date in {year}"
                        ),
                        tr!(
                            "月份是 01 到 12，每月最多 31 天",
                            "months are numbered 01 to 12 and have at most 31 days"
                        ),
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
                        tr!(
                            "{year} 年没有第 {week} 周",
                            "week {week} of {year} does not exist"
                        ),
                        tr!(
                            "按国际标准周历，一年有 52 或 53 周",
                            "ISO years have 52 or 53 weeks"
                        ),
                    );
                }
                d
            }
            DateBase::NthWeekday { n, weekday, month } => {
                let d = self.in_period(|y| calendar::nth_weekday_of_month(y, *month, *n, *weekday));
                if d.is_none() {
                    let name = month_name(*month);
                    let zh_day = weekday_zh(*weekday);
                    invalid(
                        diags,
                        tr!(
                            "{month} 月没有第 {n} 个{zh_day}",
                            "{name} has no such {weekday:?}"
                        ),
                        tr!("最后一个用 `last` 表示", "use `last` for the last one"),
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
                    let part = path[1..].join(".");
                    diags.push(
                        Diagnostic::new(
                            &codes::R001,
                            span,
                            tr!(
                                "`{first}` 没有 `{part}` 这一部分",
                                "`{first}` has no part `{part}`"
                            ),
                        )
                        .label(tr!("未知的部分", "unknown part"))
                        .help(tr!(
                            "写成 `{first}.start` 或 `{first}.end`",
                            "write `{first}.start` or `{first}.end`"
                        )),
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
                let (year, from, to) = (self.year(), years.start(), years.end());
                diags.push(
                    Diagnostic::new(
                        &codes::D003,
                        span,
                        tr!(
                            "`{first}` 在 {year} 年没有日期",
                            "`{first}` is not defined for {year}"
                        ),
                    )
                    .label(tr!(
                        "内置日期表中没有这一年的日期",
                        "no date in the built-in table"
                    ))
                    .help(tr!(
                        "内置农历只覆盖 {from}–{to} 年；在 `[moments]` 中声明这个日期",
                        "the built-in lunar calendar covers {from}–{to}; declare the date under `[moments]`"
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
        let name = path.join(".");
        let mut d = Diagnostic::new(
            &codes::R001,
            span,
            tr!("未知的日期名称 `{name}`", "unknown date name `{name}`"),
        )
        .label(tr!(
            "既不是营销节点、活动，也不是内置节日",
            "not a moment, campaign or built-in festival"
        ));
        if let Some(h) = suggest(first, candidates.iter().map(String::as_str)) {
            d = d.help(h);
        } else {
            d = d.help(tr!(
                "在 `[moments]` 中声明它；内置的名称见 `almanac explain R001`",
                "declare it under `[moments]`, or see `almanac explain R001` for the built-in names"
            ));
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
                            tr!(
                                "这个日期范围的结束日 {e_date} 早于开始日 {s}",
                                "this range ends on {e_date} before it starts on {s}"
                            ),
                        )
                        .label(tr!("结束早于开始", "end before start"))
                        .help(tr!(
                            "把两端对调，或检查偏移量",
                            "swap the two ends, or check the offsets"
                        )),
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
        tr!(
            "{d} 超出了 almanac 支持的年份范围（{first}–{last} 年）",
            "{d} is outside the years almanac plans, {first} to {last}"
        ),
    )
    .label(tr!("超出范围", "out of range"))
    .help(tr!(
        "计划、节假日及其中的日期都要在 {first}-01-01 到 {last}-12-31 之间",
        "plans, holidays and their dates fall between {first}-01-01 and {last}-12-31"
    ))
}

/// `周一` … `周日`.
fn weekday_zh(w: chrono::Weekday) -> &'static str {
    crate::locale::words(crate::locale::Locale::ZhCn).weekdays[w.num_days_from_monday() as usize]
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
