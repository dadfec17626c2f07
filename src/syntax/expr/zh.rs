//! The Chinese forms of the expression language (`grammar/expr.pest`,
//! "中文写法"): `春节前7天`, `3月8日`, `5月第二个周日`, `三季度`, `7月底`,
//! `每周三`, `每周六、日`, `每两周的周一`, `每个工作日`, `每月15日`, and the
//! Chinese numerals they may hold (`七`, `十五`, `两`). Each builds the syntax
//! tree of its English twin (`spring_festival - 7d`, `03-08`,
//! `2nd sun of may`, `Q3`, `end of jul`, `every wed`, `every sat, sun`,
//! `every 2 weeks on mon`, `every workday`, `monthly on 15th`), so nothing
//! after the parser knows which language an expression was written in.

use chrono::Weekday;
use pest::iterators::Pair;

use crate::locale::{Msg, Pair as Words};
use crate::syntax::ast::{DateBase, Duration, Frequency, MonthDay, Offset, Period};
use crate::tr;

use super::grammar::Rule;
use super::number::number_too_large;
use super::words::{UNITS, lookup, zh_weekday, zh_weekday_char, zh_weekday_help};
use super::{Res, err_help, internal, loc_of, next, span};

/// The value of a Chinese numeral: `七` 7, `十` 10, `十五` 15, `二十` 20,
/// `两` 2, `一百零五` 105, `一百五` 150 (the spoken short form), `零` 0.
/// `None` for what is not a numeral (`十十`, `一二`) or is above 9999.
pub(super) fn numeral(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    }
    fn unit(c: char) -> Option<u32> {
        Some(match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        })
    }
    if s.is_empty() {
        return None;
    }
    if s == "零" || s == "〇" {
        return Some(0);
    }
    // `zero` marks a 零 waiting for its digit; `gap`, that one was written
    // (`一百零五` is 105, where `一百五` would be 150).
    let (mut total, mut pending, mut last_unit) = (0u32, None::<u32>, u32::MAX);
    let (mut zero, mut gap) = (false, false);
    for c in s.chars() {
        if let Some(d) = digit(c) {
            if d == 0 {
                // A zero only stands between a unit and a digit.
                if zero || pending.is_some() || last_unit == u32::MAX {
                    return None;
                }
                zero = true;
                gap = true;
                continue;
            }
            if pending.is_some() {
                return None;
            }
            pending = Some(d);
            zero = false;
        } else {
            let u = unit(c)?;
            if u >= last_unit || zero {
                return None;
            }
            // `十五` is ten and five; `二十` two tens; `百` alone is not a number.
            let n = match pending.take() {
                Some(n) => n,
                None if u == 10 && total == 0 => 1,
                None => return None,
            };
            total += n * u;
            last_unit = u;
        }
    }
    match pending {
        _ if zero => None,
        // `一百五` is 150: a last digit right after 百 or 千 counts a tenth of it.
        Some(d) if !gap && (100..u32::MAX).contains(&last_unit) => Some(total + d * last_unit / 10),
        Some(d) => Some(total + d),
        None => Some(total),
    }
}

/// A number written with ASCII digits or a Chinese numeral (`zh_num`, or a
/// duration's `dcount`).
pub(super) fn num(p: &Pair<'_, Rule>) -> Res<u32> {
    let t = p.as_str();
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        return t.parse::<u32>().map_err(|_| number_too_large(loc_of(p)));
    }
    numeral(t).ok_or_else(|| {
        err_help(
            loc_of(p),
            tr!("`{t}` 不是数字", "`{t}` is not a number"),
            tr!(
                "写成 `7` 这样的数字，或 `七`、`十五`、`二十` 这样的中文数字",
                "write a number such as `7`, or a Chinese numeral such as `七`, `十五` or `二十`"
            ),
        )
    })
}

const MONTH: Words = Words {
    zh: "月份",
    en: "month",
};
const DAY: Words = Words {
    zh: "日",
    en: "day of the month",
};

/// A month (1 to 12) or a day of the month (1 to 31) in a Chinese date.
fn small(p: &Pair<'_, Rule>, what: Words, max: u32) -> Res<u32> {
    let t = p.as_str();
    let digits = t.starts_with(|c: char| c.is_ascii_digit());
    let n = num(p)?;
    if (1..=max).contains(&n) && (!digits || t.len() <= 2) {
        return Ok(n);
    }
    let Words { zh, en } = what;
    Err(err_help(
        loc_of(p),
        tr!("`{t}` 不是有效的{zh}", "`{t}` is not a {en}"),
        tr!(
            "{zh}是 1 到 {max} 之间的数字，如 `3月8日`",
            "a {en} is a number from 1 to {max}, such as `3月8日`"
        ),
    ))
}

fn quarter(p: &Pair<'_, Rule>) -> Res<Period> {
    let loc = loc_of(p);
    let n = num(&next(&mut p.clone().into_inner(), loc)?)?;
    match u8::try_from(n) {
        Ok(q @ 1..=4) => Ok(Period::Quarter(q)),
        _ => {
            let w = p.as_str();
            Err(err_help(
                loc,
                tr!("没有季度 `{w}`", "there is no quarter `{w}`"),
                tr!(
                    "季度只有 `一季度` 到 `四季度`（`Q1` 到 `Q4`）",
                    "quarters are `一季度` to `四季度` (`Q1` to `Q4`)"
                ),
            ))
        }
    }
}

/// `三季度`, `7月`, `全年` (and `年` before `初`/`底`).
fn period_part(p: &Pair<'_, Rule>) -> Res<Period> {
    let loc = loc_of(p);
    match p.as_rule() {
        Rule::zh_quarter => quarter(p),
        Rule::zh_month => Ok(Period::Month(small(
            &next(&mut p.clone().into_inner(), loc)?,
            MONTH,
            12,
        )?)),
        Rule::zh_whole_year | Rule::zh_year => Ok(Period::Year),
        _ => Err(internal(loc)),
    }
}

/// A bare period: `7月`, `三季度`, `第三季度`, `全年` (`zh_period`).
pub(super) fn period(p: &Pair<'_, Rule>) -> Res<Period> {
    let loc = loc_of(p);
    period_part(&next(&mut p.clone().into_inner(), loc)?)
}

/// How the first and last day of a Chinese period are written: `7月初` and
/// `7月底`, `三季度初` and `三季度末`, `年初` and `年底`.
pub(super) fn edges(word: &str, period: Period) -> (String, String) {
    match period {
        Period::Year => ("年初".into(), "年底".into()),
        Period::Quarter(_) => (format!("{word}初"), format!("{word}末")),
        Period::Month(_) => (format!("{word}初"), format!("{word}底")),
    }
}

/// `第二个` (2), `最后一个` (-1): the nth weekday of a month.
fn ordinal(p: &Pair<'_, Rule>) -> Res<i8> {
    let loc = loc_of(p);
    let first = next(&mut p.clone().into_inner(), loc)?;
    if first.as_rule() == Rule::zh_last {
        return Ok(-1);
    }
    match num(&first)? {
        n @ 1..=5 => Ok(n as i8),
        _ => {
            let t = p.as_str();
            Err(err_help(
                loc,
                tr!(
                    "一个月里同一个星期几最多只有 5 个，没有 `{t}`",
                    "a month has no `{t}` weekday"
                ),
                tr!(
                    "用 `第一个` 到 `第五个`，或 `最后一个`",
                    "use `第一个` to `第五个`, or `最后一个`"
                ),
            ))
        }
    }
}

/// A weekday of a Chinese form: `周三`, `星期天` (`zh_weekday`), or a later
/// day of a list without the prefix, `日` in `每周六、日` (`zh_day`).
fn weekday(p: &Pair<'_, Rule>) -> Res<Weekday> {
    let w = p.as_str();
    let day = match p.as_rule() {
        Rule::zh_weekday => zh_weekday(w),
        _ => {
            let mut c = w.chars();
            c.next()
                .filter(|_| c.next().is_none())
                .and_then(zh_weekday_char)
        }
    };
    day.ok_or_else(|| {
        err_help(
            loc_of(p),
            tr!("无法识别的星期几 `{w}`", "unknown weekday `{w}`"),
            zh_weekday_help(w),
        )
    })
}

/// The weekdays among a Chinese form's children, in order.
fn weekdays<'i>(kids: impl Iterator<Item = Pair<'i, Rule>>) -> Res<Vec<Weekday>> {
    kids.filter(|k| {
        matches!(
            k.as_rule(),
            Rule::zh_weekday | Rule::zh_day | Rule::zh_day_strict
        )
    })
    .map(|k| weekday(&k))
    .collect()
}

/// `前7天` → `- 7d`, `后3个工作日` → `+ 3wd`.
pub(super) fn offset(p: Pair<'_, Rule>) -> Res<Offset> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let dir = next(&mut k, loc)?;
    let n = next(&mut k, loc)?;
    let u = next(&mut k, loc)?;
    let amount = i64::from(num(&n)?);
    let word = u.as_str();
    let unit = lookup(UNITS, word).ok_or_else(|| {
        err_help(
            loc_of(&u),
            tr!(
                "日期不能按 `{word}` 前后移动",
                "a date can't be moved by `{word}`"
            ),
            tr!(
                "月和年的天数不固定：按天、周或工作日计算（如 `前30天`），或者用日期（如 `3月底`）",
                "months and years have no fixed length: count days, weeks or workdays (such as `前30天`), or use a date such as `3月底`"
            ),
        )
    })?;
    let duration = Duration {
        amount,
        unit,
        loc: span(loc_of(&n).start, loc_of(&u).end),
    };
    Ok(Offset {
        negative: dir.as_str() == "前",
        duration,
        loc,
    })
}

/// `2027年3月8日`, `3月8日`, `5月第二个周日`, `3月底`, `三季度末`, `年初`.
pub(super) fn date_base(p: Pair<'_, Rule>) -> Res<DateBase> {
    let loc = loc_of(&p);
    let rule = p.as_rule();
    let mut k = p.into_inner();
    match rule {
        Rule::zh_date => {
            let y = next(&mut k, loc)?;
            let year = y.as_str().parse::<i32>().map_err(|_| internal(loc))?;
            Ok(DateBase::Iso {
                year,
                month: small(&next(&mut k, loc)?, MONTH, 12)?,
                day: small(&next(&mut k, loc)?, DAY, 31)?,
            })
        }
        Rule::zh_month_day => Ok(DateBase::MonthDay {
            month: small(&next(&mut k, loc)?, MONTH, 12)?,
            day: small(&next(&mut k, loc)?, DAY, 31)?,
        }),
        Rule::zh_nth_weekday => {
            let month = small(&next(&mut k, loc)?, MONTH, 12)?;
            let n = ordinal(&next(&mut k, loc)?)?;
            let weekday = weekday(&next(&mut k, loc)?)?;
            Ok(DateBase::NthWeekday { n, weekday, month })
        }
        Rule::zh_boundary => {
            let period = period_part(&next(&mut k, loc)?)?;
            let edge = next(&mut k, loc)?;
            Ok(DateBase::Boundary {
                end: edge.as_str() != "初",
                period,
            })
        }
        _ => Err(internal(loc)),
    }
}

/// `每周三`, `每两周的周一`, `隔周周一`, `工作日`, `每天`, `每3天`, `每月15日`,
/// `每月第一个周一`, `每两个月的最后一个周五`.
pub(super) fn frequency(p: Pair<'_, Rule>) -> Res<Frequency> {
    let loc = loc_of(&p);
    let rule = p.as_rule();
    let mut k = p.into_inner();
    // The number of weeks, days or months, when one is written.
    let interval = match k.peek().map(|x| x.as_rule()) {
        Some(Rule::zh_num) => Some(num(&next(&mut k, loc)?)?),
        Some(Rule::zh_other_week) => {
            k.next();
            Some(2)
        }
        _ => None,
    };
    match rule {
        Rule::zh_workdays => Ok(Frequency::Workdays),
        Rule::zh_daily => Ok(Frequency::Daily {
            interval: interval.unwrap_or(1),
        }),
        Rule::zh_weekly | Rule::zh_every_weeks => Ok(Frequency::Weekly {
            interval: interval.unwrap_or(1),
            days: weekdays(k)?,
        }),
        Rule::zh_monthly => {
            let on = next(&mut k, loc)?;
            let on_loc = loc_of(&on);
            let mut o = on.clone().into_inner();
            let on = match on.as_rule() {
                Rule::zh_month_date => {
                    let d = next(&mut o, on_loc)?;
                    match num(&d)? {
                        n @ 1..=31 => MonthDay::Day(n),
                        _ => {
                            let t = on.as_str();
                            return Err(err_help(
                                on_loc,
                                tr!("一个月里没有 `{t}` 这一天", "a month has no day `{t}`"),
                                tr!("用 `1日` 到 `31日`", "use `1日` to `31日`"),
                            ));
                        }
                    }
                }
                _ => MonthDay::NthWeekday {
                    n: ordinal(&next(&mut o, on_loc)?)?,
                    weekday: weekday(&next(&mut o, on_loc)?)?,
                },
            };
            Ok(Frequency::Monthly {
                interval: interval.unwrap_or(1),
                on,
            })
        }
        _ => Err(internal(loc)),
    }
}

/// The help for a date written with `/` or `.` (`2027/03/01`, `3.8`): the
/// whole expression with such dates in ISO form, if it then reads.
pub(super) fn slashed_dates(src: &str) -> Option<String> {
    let b = src.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut changed = false;
    while i < b.len() {
        let word_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if b[i].is_ascii_digit() && !word_before {
            // Digit groups joined by one `/` or `.` (never `..`).
            let mut groups = vec![(i, i)];
            let mut sep = None;
            let mut j = i;
            loop {
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                if let Some(g) = groups.last_mut() {
                    g.1 = j;
                }
                let s = b.get(j).copied();
                let joined = matches!(s, Some(b'/' | b'.'))
                    && sep.is_none_or(|x| Some(x) == s)
                    && b.get(j + 1).is_some_and(u8::is_ascii_digit)
                    && groups.len() < 3;
                if !joined {
                    break;
                }
                sep = s;
                j += 1;
                groups.push((j, j));
            }
            let text = |g: (usize, usize)| &src[g.0..g.1];
            let ends_word = b.get(j).is_none_or(|c| !c.is_ascii_alphanumeric());
            // A year of four digits makes a date of any numbers; a month
            // and day alone must be one (`3.8`, not `0.8` or `5.58`).
            let day = |m: (usize, usize), d: (usize, usize)| {
                let (m, d) = (text(m).parse::<u32>(), text(d).parse::<u32>());
                matches!((m, d), (Ok(1..=12), Ok(1..=31)))
            };
            let iso = match groups[..] {
                [y, m, d] if text(y).len() == 4 && text(m).len() <= 2 && text(d).len() <= 2 => {
                    Some(format!("{}-{:0>2}-{:0>2}", text(y), text(m), text(d)))
                }
                [m, d] if text(m).len() <= 2 && text(d).len() <= 2 && day(m, d) => {
                    Some(format!("{:0>2}-{:0>2}", text(m), text(d)))
                }
                _ => None,
            };
            match iso.filter(|_| sep.is_some() && ends_word) {
                Some(iso) => {
                    out.push_str(&iso);
                    changed = true;
                }
                None => out.push_str(&src[i..j]),
            }
            i = j;
            continue;
        }
        let c = src[i..].chars().next()?;
        out.push(c);
        i += c.len_utf8();
    }
    changed.then_some(out)
}

/// The message of a date written with `/` or `.`.
pub(super) fn slashed_message() -> Msg {
    tr!(
        "日期的年、月、日之间用 `-` 分隔",
        "dates are written with `-` between year, month and day"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let cases = [
            ("零", 0),
            ("一", 1),
            ("两", 2),
            ("七", 7),
            ("十", 10),
            ("十一", 11),
            ("十五", 15),
            ("二十", 20),
            ("二十一", 21),
            ("三十一", 31),
            ("一百", 100),
            ("一百零五", 105),
            ("一百五", 150),
            ("一百二十", 120),
            ("一千零一", 1001),
            ("一千零五十", 1050),
            ("两千零二十六", 2026),
            ("两千", 2000),
        ];
        for (text, n) in cases {
            assert_eq!(numeral(text), Some(n), "{text}");
        }
        for bad in [
            "", "十十", "一二", "百", "零零", "十零", "百十", "一零", "千百",
        ] {
            assert_eq!(numeral(bad), None, "{bad}");
        }
    }

    #[test]
    fn slashed_dates_are_rewritten() {
        let f = |s: &str| slashed_dates(s);
        assert_eq!(f("2027/03/01").as_deref(), Some("2027-03-01"));
        assert_eq!(f("2027.03.01").as_deref(), Some("2027-03-01"));
        assert_eq!(f("2027/3/1").as_deref(), Some("2027-03-01"));
        assert_eq!(f("3/8").as_deref(), Some("03-08"));
        assert_eq!(
            f("2027/01/20..2027/02/28").as_deref(),
            Some("2027-01-20..2027-02-28")
        );
        assert_eq!(f("2027.1.20 - 7d").as_deref(), Some("2027-01-20 - 7d"));
        // Mixed separators, a range of numbers, a decimal: not a date.
        assert_eq!(f("2027/03.01"), None);
        assert_eq!(f("03..08"), None);
        assert_eq!(f("1.5d"), None);
        assert_eq!(f("2027-03-01"), None);
        assert_eq!(f("a/b"), None);
    }
}
