//! Dates, offsets, durations and ranges: `2027-03-08`, `03-08`,
//! `spring_festival - 7d`, `2nd sun of may`, `end of Q1`, `2027-W12-wed`,
//! `3wd`, `a..b`, `a..+7d`, `jul..aug`. Numbers are checked for their shape
//! (a month from 1 to 12, a year of four digits), not against the calendar:
//! whether `2026-02-30` exists is `resolve`'s business. A bare period word
//! is a `DateItem::Period`, which a range accepts and a date refuses. The
//! Chinese forms (`3月8日`, `三季度`, `春节前7天`) are read by `zh` into the
//! same nodes.

use chrono::Weekday;
use pest::iterators::Pair;

use crate::diagnostics::did_you_mean;
use crate::locale::Pair as Words;
use crate::syntax::ast::{
    DateBase, DateExpr, Duration, ExprError, Loc, Offset, Period, RangeEnd, RangeExpr,
};
use crate::tr;

use super::grammar::Rule;
use super::number::number_too_large;
use super::words::{UNITS, lookup, month, nth, period, period_word, suggest, weekday};
use super::{Res, err_help, internal, loc_of, next, zh};

pub(super) fn period_not_date(
    src: &str,
    loc: Loc,
    period: Period,
    with_offsets: bool,
) -> ExprError {
    let w = src.get(loc.start..loc.end).unwrap_or("");
    let message = match period {
        Period::Quarter(_) => tr!("`{w}` 是季度，不是日期", "`{w}` is a quarter, not a date"),
        Period::Month(_) => tr!("`{w}` 是月份，不是日期", "`{w}` is a month, not a date"),
        Period::Year => tr!("`{w}` 是时间段，不是日期", "`{w}` is a period, not a date"),
    };
    // A Chinese period's first and last day are written the Chinese way.
    let (first, last) = if w.is_ascii() {
        (format!("start of {w}"), format!("end of {w}"))
    } else {
        zh::edges(w, period)
    };
    let help = if with_offsets {
        tr!(
            "偏移量要从某一天算起：写成 `{first}` 或 `{last}`",
            "offsets need a day to start from: write `{first}` or `{last}`"
        )
    } else {
        tr!("写成 `{first}` 或 `{last}`", "write `{first}` or `{last}`")
    };
    err_help(loc, message, help)
}

/// A date, or a bare period word (`Q3`, `jul`, `year`) where a date was
/// written: ranges accept periods, dates reject them.
pub(super) enum DateItem {
    Date(DateExpr),
    Period { period: Period, loc: Loc },
}

impl DateItem {
    /// A period at the start of a range means its first day.
    fn into_date(self, end: bool) -> DateExpr {
        match self {
            DateItem::Date(d) => d,
            DateItem::Period { period, loc } => DateExpr {
                base: DateBase::Boundary { end, period },
                base_loc: loc,
                offsets: Vec::new(),
                loc,
            },
        }
    }
}

pub(super) fn date_item(p: Pair<'_, Rule>) -> Res<DateItem> {
    let loc = loc_of(&p);
    let mut kids = p.into_inner();
    let base_pair = next(&mut kids, loc)?;
    let base_loc = loc_of(&base_pair);
    let has_offsets = kids.peek().is_some();
    if base_pair.as_rule() == Rule::name {
        let w = base_pair.as_str();
        let quarter_like =
            w.len() >= 2 && w.starts_with(['q', 'Q']) && w[1..].chars().all(|c| c.is_ascii_digit());
        if quarter_like && period_word(w).is_none() {
            return Err(err_help(
                base_loc,
                tr!("没有季度 `{w}`", "there is no quarter `{w}`"),
                tr!("季度只有 `Q1` 到 `Q4`", "quarters are `Q1` to `Q4`"),
            ));
        }
        if let Some(period) = period_word(w) {
            if has_offsets {
                return Err(period_not_date(
                    base_pair.get_input(),
                    base_loc,
                    period,
                    true,
                ));
            }
            return Ok(DateItem::Period { period, loc });
        }
    }
    if base_pair.as_rule() == Rule::zh_period {
        let period = zh::period(&base_pair)?;
        if has_offsets {
            return Err(period_not_date(
                base_pair.get_input(),
                base_loc,
                period,
                true,
            ));
        }
        return Ok(DateItem::Period { period, loc });
    }
    let base = date_base(base_pair)?;
    let offsets = kids.map(offset).collect::<Res<Vec<_>>>()?;
    Ok(DateItem::Date(DateExpr {
        base,
        base_loc,
        offsets,
        loc,
    }))
}

/// What a small number is, in both languages.
const MONTH: Words = Words {
    zh: "月份",
    en: "month",
};
const DAY: Words = Words {
    zh: "日",
    en: "day of the month",
};

/// A number written with one or two digits (a month or a day).
fn small_number(p: &Pair<'_, Rule>, what: Words, max: u32) -> Res<u32> {
    let t = p.as_str();
    let Words { zh, en } = what;
    match t.parse::<u32>() {
        Ok(n) if t.len() <= 2 && (1..=max).contains(&n) => Ok(n),
        _ => Err(err_help(
            loc_of(p),
            tr!("`{t}` 不是有效的{zh}", "`{t}` is not a {en}"),
            tr!(
                "{zh}是 1 到 {max} 之间的数字，如 `2027-03-08`",
                "a {en} is a number from 1 to {max}, such as `2027-03-08`"
            ),
        )),
    }
}

fn year(p: &Pair<'_, Rule>) -> Res<i32> {
    let t = p.as_str();
    match t.parse::<i32>() {
        Ok(y) if t.len() == 4 => Ok(y),
        _ => Err(err_help(
            loc_of(p),
            tr!("`{t}` 不是有效的年份", "`{t}` is not a year"),
            tr!(
                "年份写成四位数字，如 `2027-03-08`",
                "write the year with four digits, such as `2027-03-08`"
            ),
        )),
    }
}

fn date_base(p: Pair<'_, Rule>) -> Res<DateBase> {
    let loc = loc_of(&p);
    match p.as_rule() {
        Rule::name => Ok(DateBase::Name(
            p.as_str().split('.').map(str::to_string).collect(),
        )),
        Rule::digit_moment => Ok(DateBase::Name(vec![p.as_str().to_string()])),
        Rule::zh_date | Rule::zh_month_day | Rule::zh_nth_weekday | Rule::zh_boundary => {
            zh::date_base(p)
        }
        Rule::iso_date => {
            let mut k = p.into_inner();
            let (y, m, d) = (next(&mut k, loc)?, next(&mut k, loc)?, next(&mut k, loc)?);
            Ok(DateBase::Iso {
                year: year(&y)?,
                month: small_number(&m, MONTH, 12)?,
                day: small_number(&d, DAY, 31)?,
            })
        }
        Rule::month_day => {
            let mut k = p.into_inner();
            let (m, d) = (next(&mut k, loc)?, next(&mut k, loc)?);
            Ok(DateBase::MonthDay {
                month: small_number(&m, MONTH, 12)?,
                day: small_number(&d, DAY, 31)?,
            })
        }
        Rule::iso_week => {
            let mut k = p.into_inner();
            let y = year(&next(&mut k, loc)?)?;
            let w = next(&mut k, loc)?;
            let week = w.as_str()[1..]
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=53).contains(n))
                .ok_or_else(|| {
                    let at = loc_of(&w);
                    let w = w.as_str();
                    err_help(
                        at,
                        tr!("`{w}` 不是有效的周数", "`{w}` is not a week"),
                        tr!("周数从 `W1` 到 `W53`", "ISO weeks run from `W1` to `W53`"),
                    )
                })?;
            let weekday = match k.next() {
                None => Weekday::Mon,
                Some(d) => match d.as_str().parse::<u32>() {
                    Ok(n @ 1..=7) => {
                        Weekday::try_from((n - 1) as u8).map_err(|_| internal(loc_of(&d)))?
                    }
                    Ok(_) => {
                        let day = d.as_str();
                        return Err(err_help(
                            loc_of(&d),
                            tr!(
                                "`{day}` 不是有效的星期几",
                                "`{day}` is not a day of the week"
                            ),
                            tr!(
                                "星期几用 1（周一）到 7（周日）表示",
                                "ISO weekdays run from 1 (Monday) to 7 (Sunday)"
                            ),
                        ));
                    }
                    Err(_) => weekday(&d)?,
                },
            };
            Ok(DateBase::IsoWeek {
                year: y,
                week,
                weekday,
            })
        }
        Rule::nth_weekday => {
            let mut k = p.into_inner();
            let n = nth(&next(&mut k, loc)?)?;
            let wd = weekday(&next(&mut k, loc)?)?;
            let _of = next(&mut k, loc)?;
            let m = month(&next(&mut k, loc)?)?;
            Ok(DateBase::NthWeekday {
                n,
                weekday: wd,
                month: m,
            })
        }
        Rule::boundary_date => {
            let mut k = p.into_inner();
            let kw = next(&mut k, loc)?;
            let _of = next(&mut k, loc)?;
            let per = period(&next(&mut k, loc)?)?;
            Ok(DateBase::Boundary {
                end: kw.as_str().eq_ignore_ascii_case("end"),
                period: per,
            })
        }
        _ => Err(internal(loc)),
    }
}

fn offset(p: Pair<'_, Rule>) -> Res<Offset> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let sign = next(&mut k, loc)?;
    if sign.as_rule() == Rule::zh_offset {
        return zh::offset(sign);
    }
    let d = duration(next(&mut k, loc)?)?;
    Ok(Offset {
        negative: sign.as_str() == "-",
        duration: d,
        loc,
    })
}

pub(super) fn duration(p: Pair<'_, Rule>) -> Res<Duration> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let n = next(&mut k, loc)?;
    let u = next(&mut k, loc)?;
    let amount = if n.as_str().starts_with(|c: char| c.is_ascii_digit()) {
        n.as_str()
            .parse::<i64>()
            .map_err(|_| number_too_large(loc_of(&n)))?
    } else {
        i64::from(zh::num(&n)?)
    };
    let word = u.as_str();
    let unit = lookup(UNITS, word).ok_or_else(|| {
        let lower = word.to_lowercase();
        let month = || {
            tr!(
                "一个月的天数不固定：按天或周计算，或者用日期，如 `end of mar`",
                "a month has no fixed length: count days or weeks, or use a date such as `end of mar`"
            )
        };
        let help = match word {
            "m" => tr!("分钟写成 `min`", "write `min` for minutes"),
            "M" => month(),
            _ => match lower.as_str() {
                "mo" | "mon" | "month" | "months" | "月" | "个月" => month(),
                "y" | "year" | "years" | "年" => tr!(
                    "按天或周计算，或者用日期，如 `end of year`",
                    "count days or weeks, or use a date such as `end of year`"
                ),
                _ => match suggest(UNITS, word) {
                    Some(s) => did_you_mean(s),
                    None => tr!(
                        "可用的单位有 `d`（天）、`w`（周）、`wd`（工作日）、`h`（小时）和 `min`（分钟）",
                        "use `d` (days), `w` (weeks), `wd` (workdays), `h` (hours) or `min` (minutes)"
                    ),
                },
            },
        };
        err_help(
            loc_of(&u),
            tr!("无法识别的单位 `{word}`", "unknown unit `{word}`"),
            help,
        )
    })?;
    Ok(Duration { amount, unit, loc })
}

pub(super) fn range(p: Pair<'_, Rule>) -> Res<RangeExpr> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let start = date_item(next(&mut k, loc)?)?;
    let Some(_dots) = k.next() else {
        return Ok(match start {
            DateItem::Date(d) => RangeExpr::Day(d),
            DateItem::Period { period, loc } => RangeExpr::Period { period, loc },
        });
    };
    let end = next(&mut k, loc)?;
    if end.as_rule() == Rule::relative_end {
        let end_loc = loc_of(&end);
        let offsets = end.into_inner().map(offset).collect::<Res<Vec<_>>>()?;
        return Ok(RangeExpr::Between {
            start: start.into_date(false),
            end: RangeEnd::Relative {
                offsets,
                loc: end_loc,
            },
            loc,
        });
    }
    let end = date_item(end)?;
    if let (
        DateItem::Period {
            period: Period::Month(from),
            ..
        },
        DateItem::Period {
            period: Period::Month(to),
            ..
        },
    ) = (&start, &end)
    {
        return Ok(RangeExpr::Months {
            from: *from,
            to: *to,
            loc,
        });
    }
    Ok(RangeExpr::Between {
        start: start.into_date(false),
        end: RangeEnd::Date(end.into_date(true)),
        loc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::Unit;
    use crate::syntax::expr::tests::{base, error, loc, name, offsets};
    use crate::syntax::expr::{parse_date, parse_duration, parse_range};

    #[test]
    fn iso_date() {
        let d = parse_date("2027-03-08").unwrap();
        assert_eq!(
            d.base,
            DateBase::Iso {
                year: 2027,
                month: 3,
                day: 8
            }
        );
        assert_eq!((d.base_loc, d.loc), (loc(0, 10), loc(0, 10)));
        assert!(d.offsets.is_empty());
    }

    #[test]
    fn iso_date_is_not_checked_against_the_calendar() {
        assert_eq!(
            base("2026-02-30"),
            DateBase::Iso {
                year: 2026,
                month: 2,
                day: 30
            }
        );
    }

    #[test]
    fn month_day() {
        assert_eq!(base("03-08"), DateBase::MonthDay { month: 3, day: 8 });
        let d = parse_date("03-08-7d").unwrap();
        assert_eq!(d.base, DateBase::MonthDay { month: 3, day: 8 });
        assert_eq!(offsets(&d.offsets), [(true, 7, Unit::Days)]);
    }

    #[test]
    fn names() {
        assert_eq!(base("spring_festival"), name(&["spring_festival"]));
        assert_eq!(base("春节"), name(&["春节"]));
        assert_eq!(base("双11"), name(&["双11"]));
        assert_eq!(base("sale_618"), name(&["sale_618"]));
        assert_eq!(base("summer.start"), name(&["summer", "start"]));
    }

    #[test]
    fn keywords_are_names_unless_followed_by_of() {
        assert_eq!(base("end_of_q1"), name(&["end_of_q1"]));
        assert_eq!(base("summer.end"), name(&["summer", "end"]));
        assert_eq!(base("start"), name(&["start"]));
        assert_eq!(base("last_call"), name(&["last_call"]));
        let d = parse_date("end + 3d").unwrap();
        assert_eq!(d.base, name(&["end"]));
        assert_eq!(offsets(&d.offsets), [(false, 3, Unit::Days)]);
    }

    #[test]
    fn nth_weekday_of_month() {
        assert_eq!(
            base("2nd sun of may"),
            DateBase::NthWeekday {
                n: 2,
                weekday: Weekday::Sun,
                month: 5
            }
        );
        assert_eq!(
            base("last FRI of November"),
            DateBase::NthWeekday {
                n: -1,
                weekday: Weekday::Fri,
                month: 11
            }
        );
        assert_eq!(
            base("5th wednesday of sept"),
            DateBase::NthWeekday {
                n: 5,
                weekday: Weekday::Wed,
                month: 9
            }
        );
    }

    #[test]
    fn boundaries() {
        let b = |end, period| DateBase::Boundary { end, period };
        assert_eq!(base("start of Q1"), b(false, Period::Quarter(1)));
        assert_eq!(base("end of q4"), b(true, Period::Quarter(4)));
        assert_eq!(base("end of mar"), b(true, Period::Month(3)));
        assert_eq!(base("End Of Year"), b(true, Period::Year));
    }

    #[test]
    fn iso_weeks() {
        let w = |week, weekday| DateBase::IsoWeek {
            year: 2027,
            week,
            weekday,
        };
        assert_eq!(base("2027-W12-wed"), w(12, Weekday::Wed));
        assert_eq!(base("2027-W12-3"), w(12, Weekday::Wed));
        assert_eq!(base("2027-w12-7"), w(12, Weekday::Sun));
        assert_eq!(base("2027-W12"), w(12, Weekday::Mon));
        // A digit glued to a unit is an offset, not a weekday.
        let d = parse_date("2027-W12-3d").unwrap();
        assert_eq!(d.base, w(12, Weekday::Mon));
        assert_eq!(offsets(&d.offsets), [(true, 3, Unit::Days)]);
    }

    #[test]
    fn offsets_with_and_without_spaces() {
        let a = parse_date("spring_festival-14d").unwrap();
        let b = parse_date("spring_festival - 14d").unwrap();
        assert_eq!(a.base, b.base);
        assert_eq!(offsets(&a.offsets), offsets(&b.offsets));
        assert_eq!(a.base_loc, loc(0, 15));
        assert_eq!(a.offsets[0].loc, loc(15, 19));
        assert_eq!(a.offsets[0].duration.loc, loc(16, 19));
        assert_eq!(b.offsets[0].loc, loc(16, 21));
        assert_eq!(b.loc, loc(0, 21));
    }

    #[test]
    fn several_offsets_and_all_units() {
        let d = parse_date("launch + 3wd - 1w + 2 days + 24h - 30min + 1 workday").unwrap();
        assert_eq!(
            offsets(&d.offsets),
            [
                (false, 3, Unit::Workdays),
                (true, 1, Unit::Weeks),
                (false, 2, Unit::Days),
                (false, 24, Unit::Hours),
                (true, 30, Unit::Minutes),
                (false, 1, Unit::Workdays),
            ]
        );
    }

    #[test]
    fn cjk_name_with_offsets_has_byte_locations() {
        let d = parse_date("春节 - 7d").unwrap();
        assert_eq!(d.base_loc, loc(0, 6));
        assert_eq!(d.offsets[0].loc, loc(7, 11));
        assert_eq!(d.loc, loc(0, 11));
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        let d = parse_date("  2027-03-08  ").unwrap();
        assert_eq!(d.loc, loc(2, 12));
    }

    #[test]
    fn a_period_is_not_a_date() {
        let e = error(parse_date("jul"));
        assert_eq!(e.message.en, "`jul` is a month, not a date");
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `start of jul` or `end of jul`")
        );
        let e = error(parse_date("Q3 + 1d"));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(0, 2), "`Q3` is a quarter, not a date")
        );
        let e = error(parse_date("Q7"));
        assert_eq!(e.message.en, "there is no quarter `Q7`");
    }

    // ---------------------------------------------------------------- ranges

    #[test]
    fn range_between_dates() {
        let RangeExpr::Between { start, end, loc: l } =
            parse_range("2027-01-20 .. 2027-02-28").unwrap()
        else {
            panic!("not a range")
        };
        assert_eq!(start.loc, loc(0, 10));
        assert_eq!(l, loc(0, 24));
        let RangeEnd::Date(end) = end else {
            panic!("not a date end")
        };
        assert_eq!(
            end.base,
            DateBase::Iso {
                year: 2027,
                month: 2,
                day: 28
            }
        );
    }

    #[test]
    fn range_with_relative_end() {
        let RangeExpr::Between { start, end, .. } =
            parse_range("spring_festival-14d..+7d").unwrap()
        else {
            panic!("not a range")
        };
        assert_eq!(offsets(&start.offsets), [(true, 14, Unit::Days)]);
        let RangeEnd::Relative { offsets: o, loc: l } = end else {
            panic!("not relative")
        };
        assert_eq!(offsets(&o), [(false, 7, Unit::Days)]);
        assert_eq!(l, loc(21, 24));
        let RangeExpr::Between { end, .. } = parse_range("a..+2w - 1d").unwrap() else {
            panic!("not a range")
        };
        let RangeEnd::Relative { offsets: o, .. } = end else {
            panic!("not relative")
        };
        assert_eq!(
            offsets(&o),
            [(false, 2, Unit::Weeks), (true, 1, Unit::Days)]
        );
    }

    #[test]
    fn range_periods() {
        let p = |src: &str| match parse_range(src).unwrap() {
            RangeExpr::Period { period, .. } => period,
            other => panic!("{other:?}"),
        };
        assert_eq!(p("Q3"), Period::Quarter(3));
        assert_eq!(p("q1"), Period::Quarter(1));
        assert_eq!(p("jul"), Period::Month(7));
        assert_eq!(p("December"), Period::Month(12));
        assert_eq!(p("year"), Period::Year);
    }

    #[test]
    fn range_of_months() {
        assert_eq!(
            parse_range("jul..aug").unwrap(),
            RangeExpr::Months {
                from: 7,
                to: 8,
                loc: loc(0, 8)
            }
        );
    }

    #[test]
    fn periods_at_range_ends_mean_their_first_and_last_day() {
        let RangeExpr::Between { start, end, .. } = parse_range("Q1..Q2").unwrap() else {
            panic!("not a range")
        };
        assert_eq!(
            start.base,
            DateBase::Boundary {
                end: false,
                period: Period::Quarter(1)
            }
        );
        let RangeEnd::Date(end) = end else { panic!() };
        assert_eq!(
            end.base,
            DateBase::Boundary {
                end: true,
                period: Period::Quarter(2)
            }
        );
    }

    #[test]
    fn single_date_is_a_one_day_range() {
        let RangeExpr::Day(d) = parse_range("2nd sun of may").unwrap() else {
            panic!("not a day")
        };
        assert!(matches!(d.base, DateBase::NthWeekday { n: 2, .. }));
    }

    // ---------------------------------------------------------------- durations

    #[test]
    fn durations() {
        let d = |s: &str| {
            let d = parse_duration(s).unwrap();
            (d.amount, d.unit)
        };
        assert_eq!(d("3d"), (3, Unit::Days));
        assert_eq!(d("2w"), (2, Unit::Weeks));
        assert_eq!(d("3wd"), (3, Unit::Workdays));
        assert_eq!(d("24h"), (24, Unit::Hours));
        assert_eq!(d("30min"), (30, Unit::Minutes));
        assert_eq!(d("0d"), (0, Unit::Days));
        assert_eq!(d("3 days"), (3, Unit::Days));
        assert_eq!(d("1 hour"), (1, Unit::Hours));
        assert_eq!(parse_duration(" 3d ").unwrap().loc, loc(1, 3));
    }

    #[test]
    fn duration_errors() {
        let e = error(parse_duration("3"));
        assert_eq!(e.loc, loc(1, 1));
        assert!(
            e.message.en.starts_with("expected a unit"),
            "{}",
            e.message.en
        );
        let e = error(parse_duration("3dayz"));
        assert_eq!(e.message.en, "unknown unit `dayz`");
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("did you mean `day`?")
        );
        let e = error(parse_duration("5m"));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `min` for minutes")
        );
        let e = error(parse_duration("99999999999999999999d"));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(0, 20), "number too large")
        );
    }
}
