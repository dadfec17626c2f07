//! Recurrences: `every wed`, `every fri 20:00`, `every 2 weeks on mon`,
//! `monthly on 1st mon`, `every weekday except holidays`, and the times of
//! day they may carry. Each frequency takes the kind of `on` it can use
//! (weekdays for weeks, a day of the month for months, none for days), and
//! the wrong kind is reported in the user's own words (`every 2 weeks`).
//! The Chinese frequencies (`每周三`, `每两周的周一`) are read by `zh`; the
//! Chinese exceptions (`节假日除外`) here, beside the English ones.

use chrono::Weekday;
use pest::iterators::Pair;

use crate::diagnostics::did_you_mean;
use crate::syntax::ast::{Exception, Frequency, Loc, MonthDay, Recurrence, TimeOfDay};
use crate::tr;

use super::date::{DateItem, date_item, period_not_date};
use super::grammar::Rule;
use super::number::number_too_large;
use super::words::{lookup, nth, suggest, weekday};
use super::{Res, err_help, internal, loc_of, next, take, zh};

fn interval(p: &Pair<'_, Rule>) -> Res<u32> {
    p.as_str()
        .parse::<u32>()
        .map_err(|_| number_too_large(loc_of(p)))
}

enum Every {
    Days,
    Weeks,
    Months,
}

fn every_unit(p: &Pair<'_, Rule>) -> Res<Every> {
    const WORDS: &[(&str, u8)] = &[
        ("day", 0),
        ("days", 0),
        ("week", 1),
        ("weeks", 1),
        ("month", 2),
        ("months", 2),
    ];
    let w = p.as_str();
    match lookup(WORDS, w) {
        Some(0) => Ok(Every::Days),
        Some(1) => Ok(Every::Weeks),
        Some(2) => Ok(Every::Months),
        _ => {
            let help = match suggest(WORDS, w) {
                Some(s) => did_you_mean(s),
                None => tr!(
                    "写 `days`、`weeks` 或 `months`，如 `every 2 weeks on mon`",
                    "write `days`, `weeks` or `months`, such as `every 2 weeks on mon`"
                ),
            };
            Err(err_help(
                loc_of(p),
                tr!("无法识别的间隔单位 `{w}`", "unknown interval `{w}`"),
                help,
            ))
        }
    }
}

fn weekday_list(p: Pair<'_, Rule>) -> Res<Vec<Weekday>> {
    p.into_inner()
        .filter(|k| k.as_rule() == Rule::weekday_name)
        .map(|k| weekday(&k))
        .collect()
}

fn month_day_spec(p: Pair<'_, Rule>) -> Res<MonthDay> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let ord = next(&mut k, loc)?;
    match k.next() {
        Some(wd) => Ok(MonthDay::NthWeekday {
            n: nth(&ord)?,
            weekday: weekday(&wd)?,
        }),
        None => {
            let t = ord.as_str();
            if t.eq_ignore_ascii_case("last") {
                return Err(err_help(
                    loc_of(&ord),
                    tr!("`last` 后面要跟星期几", "`last` needs a weekday"),
                    tr!(
                        "写成 `last fri`，或者写每月的某一天，如 `28th`",
                        "write `last fri`, or a day of the month such as `28th`"
                    ),
                ));
            }
            let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
            match digits.parse::<u32>() {
                Ok(n @ 1..=31) => Ok(MonthDay::Day(n)),
                _ => Err(err_help(
                    loc_of(&ord),
                    tr!("一个月里没有 `{t}` 这一天", "a month has no day `{t}`"),
                    tr!("用 `1st` 到 `31st`", "use `1st` to `31st`"),
                )),
            }
        }
    }
}

/// What follows `every N weeks` / `weekly` / `monthly`.
fn on_weekdays(on: Option<Pair<'_, Rule>>, what: &str, at: Loc) -> Res<Vec<Weekday>> {
    let Some(on) = on else {
        return Err(err_help(
            at,
            tr!("`{what}` 要指定星期几", "`{what}` needs a weekday"),
            tr!(
                "写成 `{what} on mon`（或 `on mon,thu`）",
                "write `{what} on mon` (or `on mon,thu`)"
            ),
        ));
    };
    let loc = loc_of(&on);
    let mut k = on.into_inner();
    let _kw = next(&mut k, loc)?;
    let body = next(&mut k, loc)?;
    if body.as_rule() != Rule::weekday_list {
        let day = body.as_str();
        return Err(err_help(
            loc_of(&body),
            tr!(
                "`{what}` 按星期几重复，不能指定每月的某一天",
                "`{what}` repeats on weekdays, not on a day of the month"
            ),
            tr!(
                "写成 `{what} on mon`，或者 `monthly on {day}`",
                "write `{what} on mon`, or `monthly on {day}`"
            ),
        ));
    }
    weekday_list(body)
}

fn on_month_day(on: Option<Pair<'_, Rule>>, what: &str, at: Loc) -> Res<MonthDay> {
    let Some(on) = on else {
        return Err(err_help(
            at,
            tr!(
                "`{what}` 要指定每月的哪一天",
                "`{what}` needs a day of the month"
            ),
            tr!(
                "写成 `{what} on 15th`、`{what} on 1st mon` 或 `{what} on last fri`",
                "write `{what} on 15th`, `{what} on 1st mon` or `{what} on last fri`"
            ),
        ));
    };
    let loc = loc_of(&on);
    let mut k = on.into_inner();
    let _kw = next(&mut k, loc)?;
    let body = next(&mut k, loc)?;
    if body.as_rule() != Rule::month_day_spec {
        let day = body.as_str();
        return Err(err_help(
            loc_of(&body),
            tr!(
                "`{what}` 要指定每月的哪一天，而不是星期几",
                "`{what}` needs a day of the month, not a weekday"
            ),
            tr!(
                "写成 `{what} on 1st {day}` 或 `{what} on last {day}`",
                "write `{what} on 1st {day}` or `{what} on last {day}`"
            ),
        ));
    }
    month_day_spec(body)
}

fn no_on(on: Option<Pair<'_, Rule>>, what: &str) -> Res<()> {
    match on {
        None => Ok(()),
        Some(on) => Err(err_help(
            loc_of(&on),
            tr!("`{what}` 不能指定哪一天", "`{what}` can't be given a day"),
            tr!(
                "按周或按月重复才能指定，如 `every 2 weeks on mon` 或 `monthly on 15th`",
                "use weeks or months, such as `every 2 weeks on mon` or `monthly on 15th`"
            ),
        )),
    }
}

fn frequency(p: Pair<'_, Rule>) -> Res<Frequency> {
    let loc = loc_of(&p);
    let input = p.get_input();
    let rule = p.as_rule();
    if matches!(
        rule,
        Rule::zh_workdays
            | Rule::zh_every_weeks
            | Rule::zh_weekly
            | Rule::zh_monthly
            | Rule::zh_daily
    ) {
        return zh::frequency(p);
    }
    let mut k = p.into_inner();
    let _kw = next(&mut k, loc)?;
    match rule {
        Rule::daily_freq => Ok(Frequency::Daily { interval: 1 }),
        Rule::weekly_freq => Ok(Frequency::Weekly {
            interval: 1,
            days: on_weekdays(take(&mut k, Rule::on_clause), "weekly", loc)?,
        }),
        Rule::monthly_freq => Ok(Frequency::Monthly {
            interval: 1,
            on: on_month_day(take(&mut k, Rule::on_clause), "monthly", loc)?,
        }),
        Rule::every_freq => {
            let body = next(&mut k, loc)?;
            let body_loc = loc_of(&body);
            match body.as_rule() {
                Rule::kw_weekdays => Ok(Frequency::Weekdays),
                Rule::kw_workdays => Ok(Frequency::Workdays),
                Rule::weekday_list => Ok(Frequency::Weekly {
                    interval: 1,
                    days: weekday_list(body)?,
                }),
                Rule::every_interval | Rule::every_unit => {
                    let counted = body.as_rule() == Rule::every_interval;
                    let mut b = body.into_inner();
                    let n = if counted {
                        interval(&next(&mut b, body_loc)?)?
                    } else {
                        1
                    };
                    let unit = every_unit(&next(&mut b, body_loc)?)?;
                    let on = take(&mut b, Rule::on_clause);
                    // The user's own words before `on` (`every 2 weeks`), for messages.
                    let before_on = on.as_ref().map_or(body_loc.end, |o| loc_of(o).start);
                    let what = input.get(loc.start..before_on).unwrap_or("every").trim();
                    match unit {
                        Every::Days => {
                            no_on(on, what)?;
                            Ok(Frequency::Daily { interval: n })
                        }
                        Every::Weeks => Ok(Frequency::Weekly {
                            interval: n,
                            days: on_weekdays(on, what, loc)?,
                        }),
                        Every::Months => Ok(Frequency::Monthly {
                            interval: n,
                            on: on_month_day(on, what, loc)?,
                        }),
                    }
                }
                _ => Err(internal(body_loc)),
            }
        }
        _ => Err(internal(loc)),
    }
}

pub(super) fn time(p: Pair<'_, Rule>) -> Res<TimeOfDay> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let h = next(&mut k, loc)?;
    let m = next(&mut k, loc)?;
    let hour = h.as_str().parse::<u32>().unwrap_or(99);
    let minute = m.as_str().parse::<u32>().unwrap_or(99);
    if hour > 23 || minute > 59 {
        let t = p_str(&h, &m);
        return Err(err_help(
            loc,
            tr!("`{t}` 不是有效的时间", "`{t}` is not a time of day"),
            tr!(
                "按 24 小时制写，从 `00:00` 到 `23:59`",
                "write a 24-hour time from `00:00` to `23:59`"
            ),
        ));
    }
    Ok(TimeOfDay { hour, minute })
}

fn p_str(h: &Pair<'_, Rule>, m: &Pair<'_, Rule>) -> String {
    format!("{}:{}", h.as_str(), m.as_str())
}

pub(super) fn recurrence(p: Pair<'_, Rule>) -> Res<Recurrence> {
    let loc = loc_of(&p);
    let input = p.get_input();
    let mut k = p.into_inner();
    let freq = next(&mut k, loc)?;
    let frequency = frequency(freq)?;
    let mut time_of_day = None;
    if let Some(t) = take(&mut k, Rule::time_clause) {
        let tl = loc_of(&t);
        let tp = t
            .into_inner()
            .find(|x| x.as_rule() == Rule::time)
            .ok_or_else(|| internal(tl))?;
        time_of_day = Some(time(tp)?);
    }
    let mut except = Vec::new();
    // `except holidays, 10-01` or `节假日、10-01除外`: the same list.
    let clause = take(&mut k, Rule::except_clause).or_else(|| take(&mut k, Rule::zh_except_clause));
    if let Some(x) = clause {
        for item in x.into_inner() {
            match item.as_rule() {
                Rule::kw_holidays | Rule::zh_holidays => except.push(Exception::Holidays),
                Rule::date => match date_item(item)? {
                    DateItem::Date(d) => except.push(Exception::Date(d)),
                    DateItem::Period { period, loc } => {
                        return Err(period_not_date(input, loc, period, false));
                    }
                },
                _ => {}
            }
        }
    }
    Ok(Recurrence {
        frequency,
        time: time_of_day,
        except,
        loc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::{DateBase, Unit};
    use crate::syntax::expr::tests::{error, loc, name, offsets};
    use crate::syntax::expr::{parse_recurrence, parse_time};

    fn freq(src: &str) -> Frequency {
        parse_recurrence(src).unwrap().frequency
    }

    fn weekly(interval: u32, days: &[Weekday]) -> Frequency {
        Frequency::Weekly {
            interval,
            days: days.to_vec(),
        }
    }

    #[test]
    fn weekly_recurrences() {
        use Weekday::*;
        assert_eq!(freq("every wed"), weekly(1, &[Wed]));
        assert_eq!(freq("every sat,sun"), weekly(1, &[Sat, Sun]));
        assert_eq!(freq("every sat, sun"), weekly(1, &[Sat, Sun]));
        assert_eq!(freq("every sat and sun"), weekly(1, &[Sat, Sun]));
        assert_eq!(freq("every 2 weeks on mon"), weekly(2, &[Mon]));
        assert_eq!(freq("every 2 weeks on mon,thu"), weekly(2, &[Mon, Thu]));
        assert_eq!(freq("every week on tuesday"), weekly(1, &[Tue]));
        assert_eq!(freq("weekly on wed"), weekly(1, &[Wed]));
        assert_eq!(freq("Every Monday"), weekly(1, &[Mon]));
        assert_eq!(freq("every 0 weeks on mon"), weekly(0, &[Mon]));
    }

    #[test]
    fn daily_recurrences() {
        assert_eq!(freq("every day"), Frequency::Daily { interval: 1 });
        assert_eq!(freq("daily"), Frequency::Daily { interval: 1 });
        assert_eq!(freq("every 3 days"), Frequency::Daily { interval: 3 });
        assert_eq!(freq("every weekday"), Frequency::Weekdays);
        assert_eq!(freq("every workday"), Frequency::Workdays);
    }

    #[test]
    fn monthly_recurrences() {
        let m = |interval, on| Frequency::Monthly { interval, on };
        assert_eq!(
            freq("monthly on 1st mon"),
            m(
                1,
                MonthDay::NthWeekday {
                    n: 1,
                    weekday: Weekday::Mon
                }
            )
        );
        assert_eq!(
            freq("monthly on last fri"),
            m(
                1,
                MonthDay::NthWeekday {
                    n: -1,
                    weekday: Weekday::Fri
                }
            )
        );
        assert_eq!(freq("monthly on 15th"), m(1, MonthDay::Day(15)));
        assert_eq!(
            freq("every 2 months on 1st mon"),
            m(
                2,
                MonthDay::NthWeekday {
                    n: 1,
                    weekday: Weekday::Mon
                }
            )
        );
        assert_eq!(freq("every month on 31st"), m(1, MonthDay::Day(31)));
    }

    #[test]
    fn recurrence_times() {
        let t = |s: &str| parse_recurrence(s).unwrap().time;
        let at = |hour, minute| Some(TimeOfDay { hour, minute });
        assert_eq!(t("every fri 20:00"), at(20, 0));
        assert_eq!(t("every fri at 20:00"), at(20, 0));
        assert_eq!(t("daily at 9:30"), at(9, 30));
        assert_eq!(t("every wed"), None);
    }

    #[test]
    fn recurrence_exceptions() {
        let r = parse_recurrence("every weekday except holidays").unwrap();
        assert_eq!(r.except, [Exception::Holidays]);
        let r = parse_recurrence("every wed except 10-01").unwrap();
        let [Exception::Date(d)] = r.except.as_slice() else {
            panic!("{:?}", r.except)
        };
        assert_eq!(d.base, DateBase::MonthDay { month: 10, day: 1 });
        let r = parse_recurrence("every fri 20:00 except holidays, 2026-02-18, national_day - 1d")
            .unwrap();
        assert_eq!(r.except.len(), 3);
        assert_eq!(r.except[0], Exception::Holidays);
        let Exception::Date(last) = &r.except[2] else {
            panic!()
        };
        assert_eq!(last.base, name(&["national_day"]));
        assert_eq!(offsets(&last.offsets), [(true, 1, Unit::Days)]);
        assert_eq!(r.loc, loc(0, 62));
    }

    #[test]
    fn recurrence_errors() {
        let e = error(parse_recurrence("every wedn"));
        assert_eq!(e.loc, loc(6, 10));
        assert_eq!(e.message.en, "unknown weekday `wedn`");
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("did you mean `wed`?")
        );
        let e = error(parse_recurrence("every 2 weeks"));
        assert_eq!(e.message.en, "`every 2 weeks` needs a weekday");
        let e = error(parse_recurrence("monthly on mon"));
        assert_eq!(e.loc, loc(11, 14));
        let e = error(parse_recurrence("every fri 25:00"));
        assert_eq!(e.message.en, "`25:00` is not a time of day");
        let e = error(parse_recurrence("every"));
        assert_eq!(e.loc, loc(5, 5));
        assert!(
            e.message.en.starts_with("expected what repeats"),
            "{}",
            e.message.en
        );
        let e = error(parse_recurrence("every wed except"));
        assert!(e.message.en.contains("`holidays`"), "{}", e.message.en);
    }

    #[test]
    fn times() {
        assert_eq!(
            parse_time("20:00").unwrap(),
            TimeOfDay {
                hour: 20,
                minute: 0
            }
        );
        assert_eq!(
            parse_time("9:05").unwrap(),
            TimeOfDay { hour: 9, minute: 5 }
        );
        assert!(parse_time("24:00").is_err());
        assert!(parse_time("12:60").is_err());
        assert!(parse_time("20").is_err());
    }
}
