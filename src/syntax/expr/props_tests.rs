//! Property tests of the whole parser: generated dates, ranges, periods,
//! recurrences, money and durations parse back to what generated them, in
//! the English forms, the Chinese forms (`春节前七天`, `每两周的周一`,
//! `节假日除外`) and mixtures of both, and mutated or arbitrary text gets,
//! from every parser, an error located inside the text, never a panic.

use chrono::Weekday;
use proptest::prelude::*;

use crate::ratio::Ratio;
use crate::syntax::ast::{DateBase, Frequency, MonthDay, Period, RangeEnd, Unit};

use super::tests::{loc, name, offsets};
use super::words::{MONTHS, UNITS, WEEKDAYS};
use super::*;

/// Random capitalisation: keywords are case-insensitive.
fn cased(word: &'static str) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<bool>(), word.len()).prop_map(move |up| {
        word.chars()
            .zip(up)
            .map(|(c, u)| if u { c.to_ascii_uppercase() } else { c })
            .collect()
    })
}

fn sp() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just(""), Just(" "), Just("  ")]
}

fn sp1() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just(" "), Just("  "), Just("\t")]
}

fn weekday() -> impl Strategy<Value = (String, Weekday)> {
    proptest::sample::select(WEEKDAYS).prop_flat_map(|(w, d)| (cased(w), Just(d)))
}

fn month() -> impl Strategy<Value = (String, u32)> {
    proptest::sample::select(MONTHS).prop_flat_map(|(w, m)| (cased(w), Just(m)))
}

fn unit() -> impl Strategy<Value = (String, Unit)> {
    proptest::sample::select(UNITS).prop_flat_map(|(w, u)| (cased(w), Just(u)))
}

fn date_name() -> impl Strategy<Value = (String, DateBase)> {
    proptest::sample::select(
        &[
            "spring_festival",
            "春节",
            "双11",
            "sale_618",
            "summer.start",
            "summer.end",
            "end_of_q1",
            "年货节",
            "launch",
            "start",
            "last",
            "_draft",
        ][..],
    )
    .prop_map(|n| (n.to_string(), name(&n.split('.').collect::<Vec<_>>())))
}

fn period() -> impl Strategy<Value = (String, Period)> {
    prop_oneof![
        (1u8..=4, any::<bool>()).prop_map(|(q, up)| (
            format!("{}{q}", if up { "Q" } else { "q" }),
            Period::Quarter(q)
        )),
        month().prop_map(|(w, m)| (w, Period::Month(m))),
        cased("year").prop_map(|w| (w, Period::Year)),
    ]
}

fn ordinal() -> impl Strategy<Value = (String, i8)> {
    prop_oneof![
        Just(("1st".to_string(), 1)),
        Just(("2nd".to_string(), 2)),
        Just(("3rd".to_string(), 3)),
        Just(("4th".to_string(), 4)),
        Just(("5th".to_string(), 5)),
        cased("last").prop_map(|w| (w, -1)),
    ]
}

fn date_base() -> impl Strategy<Value = (String, DateBase)> {
    prop_oneof![
        (1000i32..=9999, 1u32..=12, 1u32..=31).prop_map(|(year, month, day)| (
            format!("{year}-{month:02}-{day:02}"),
            DateBase::Iso { year, month, day }
        )),
        (1u32..=12, 1u32..=31).prop_map(|(month, day)| (
            format!("{month:02}-{day:02}"),
            DateBase::MonthDay { month, day }
        )),
        date_name(),
        (ordinal(), weekday(), sp1(), month()).prop_map(|((o, n), (w, wd), s, (m, mo))| (
            format!("{o}{s}{w} of {m}"),
            DateBase::NthWeekday {
                n,
                weekday: wd,
                month: mo
            }
        )),
        (any::<bool>(), period()).prop_map(|(end, (p, period))| (
            format!("{} of {p}", if end { "end" } else { "start" }),
            DateBase::Boundary { end, period }
        )),
        (
            2000i32..=2099,
            1u32..=53,
            prop_oneof![
                Just(None),
                (1u8..=7).prop_map(|n| Some((n.to_string(), n))),
                weekday().prop_map(|(w, d)| Some((w, d.num_days_from_monday() as u8 + 1))),
            ]
        )
            .prop_map(|(year, week, day)| {
                let (text, n) = match day {
                    None => (String::new(), 1),
                    Some((t, n)) => (format!("-{t}"), n),
                };
                (
                    format!("{year}-W{week:02}{text}"),
                    DateBase::IsoWeek {
                        year,
                        week,
                        weekday: Weekday::try_from(n - 1).unwrap(),
                    },
                )
            }),
    ]
}

type Offs = Vec<(bool, i64, Unit)>;

fn offsets_strategy(min: usize) -> impl Strategy<Value = (String, Offs)> {
    proptest::collection::vec((any::<bool>(), 0i64..10_000, unit(), sp(), sp()), min..4).prop_map(
        |v| {
            let mut text = String::new();
            let mut offs = Vec::new();
            for (neg, n, (u, unit), s1, s2) in v {
                // A unit word needs a space before it when it starts
                // like a digit would not: always fine, numbers are digits.
                text += &format!("{s1}{}{s2}{n}{u}", if neg { '-' } else { '+' });
                offs.push((neg, n, unit));
            }
            (text, offs)
        },
    )
}

fn date() -> impl Strategy<Value = (String, DateBase, Offs)> {
    (
        prop_oneof![date_base(), zh_date_base()],
        prop_oneof![offsets_strategy(0), zh_offsets(0), mixed_offsets()],
    )
        .prop_map(|((b, base), (o, offs))| {
            // `2027-W12` followed by `-3d` must stay an offset: keep a space.
            let glue = if matches!(base, DateBase::IsoWeek { .. }) && !o.is_empty() {
                " "
            } else {
                ""
            };
            (format!("{b}{glue}{o}"), base, offs)
        })
}

// ---------------------------------------------------------------- Chinese forms

/// `n` as a Chinese numeral: `七`, `十五`, `二十`, `一百零五`, `一千零五十`.
fn zh_numeral(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "零".into();
    }
    let mut out = String::new();
    let (mut rest, mut gap) = (n, false);
    for (unit, c) in [(1000, '千'), (100, '百'), (10, '十')] {
        let d = rest / unit;
        rest %= unit;
        if d == 0 {
            gap |= !out.is_empty();
            continue;
        }
        if gap {
            out.push('零');
            gap = false;
        }
        // `十五`, not `一十五`, at the start.
        if !(unit == 10 && d == 1 && out.is_empty()) {
            out.push(DIGITS[d as usize]);
        }
        out.push(c);
    }
    if rest > 0 {
        if gap {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

/// A number as digits or as a Chinese numeral (`两` for 2 now and then).
fn zh_count(range: std::ops::Range<u32>) -> impl Strategy<Value = (String, u32)> {
    (range, 0u8..3).prop_map(|(n, how)| {
        let text = match how {
            0 => n.to_string(),
            _ if n == 2 && how == 2 => "两".to_string(),
            _ => zh_numeral(n),
        };
        (text, n)
    })
}

/// `周三`, `星期三`, `礼拜天`.
fn zh_weekday() -> impl Strategy<Value = (String, Weekday)> {
    let prefix = prop_oneof![Just("周"), Just("星期"), Just("礼拜")];
    let day = prop_oneof![
        Just(("一", Weekday::Mon)),
        Just(("二", Weekday::Tue)),
        Just(("三", Weekday::Wed)),
        Just(("四", Weekday::Thu)),
        Just(("五", Weekday::Fri)),
        Just(("六", Weekday::Sat)),
        Just(("日", Weekday::Sun)),
        Just(("天", Weekday::Sun)),
    ];
    (prefix, day).prop_map(|(p, (d, wd))| (format!("{p}{d}"), wd))
}

/// The units of a Chinese offset (`前7天`, `后3个工作日`).
fn zh_unit() -> impl Strategy<Value = (&'static str, Unit)> {
    proptest::sample::select(
        &[
            ("天", Unit::Days),
            ("日", Unit::Days),
            ("周", Unit::Weeks),
            ("个星期", Unit::Weeks),
            ("个礼拜", Unit::Weeks),
            ("工作日", Unit::Workdays),
            ("个工作日", Unit::Workdays),
            ("小时", Unit::Hours),
            ("分钟", Unit::Minutes),
        ][..],
    )
}

fn zh_offset() -> impl Strategy<Value = (String, (bool, i64, Unit))> {
    (
        any::<bool>(),
        zh_count(0..10_000),
        zh_unit(),
        sp(),
        sp(),
        sp(),
    )
        .prop_map(|(before, (n, v), (u, unit), s0, s1, s2)| {
            let dir = if before { '前' } else { '后' };
            // Spaces inside an offset only: `前 7 天`.
            let _ = s0;
            (format!("{dir}{s1}{n}{s2}{u}"), (before, i64::from(v), unit))
        })
}

fn zh_offsets(min: usize) -> impl Strategy<Value = (String, Offs)> {
    proptest::collection::vec((zh_offset(), sp()), min..4).prop_map(|v| {
        let mut text = String::new();
        let mut offs = Vec::new();
        for ((t, o), s) in v {
            text += s;
            text += &t;
            offs.push(o);
        }
        (text, offs)
    })
}

/// English and Chinese offsets in one list: `前7天 + 1wd后2天`.
fn mixed_offsets() -> impl Strategy<Value = (String, Offs)> {
    proptest::collection::vec(prop_oneof![offsets_strategy(1), zh_offsets(1)], 1..3).prop_map(
        |parts| {
            let mut text = String::new();
            let mut offs = Vec::new();
            for (t, o) in parts {
                text += &t;
                offs.extend(o);
            }
            (text, offs)
        },
    )
}

/// `3月8日`, `三月八日`, `2027年3月8日`, `5月第二个周日`, `三季度末`, `年初`,
/// and the Chinese names of moments.
fn zh_date_base() -> impl Strategy<Value = (String, DateBase)> {
    let day_word = prop_oneof![Just("日"), Just("号")];
    prop_oneof![
        (zh_count(1..13), zh_count(1..32), day_word.clone()).prop_map(
            |((m, month), (d, day), w)| (format!("{m}月{d}{w}"), DateBase::MonthDay { month, day })
        ),
        (1000i32..=9999, zh_count(1..13), zh_count(1..32), day_word).prop_map(
            |(year, (m, month), (d, day), w)| (
                format!("{year}年{m}月{d}{w}"),
                DateBase::Iso { year, month, day }
            )
        ),
        (
            zh_count(1..13),
            any::<bool>(),
            prop_oneof![
                zh_count(1..6).prop_map(|(t, n)| (format!("第{t}个"), n as i8)),
                Just(("最后一个".to_string(), -1i8)),
            ],
            zh_weekday()
        )
            .prop_map(|((m, month), of, (o, n), (w, weekday))| (
                format!("{m}月{}{o}{w}", if of { "的" } else { "" }),
                DateBase::NthWeekday { n, weekday, month }
            )),
        (
            zh_period(),
            prop_oneof![Just(("初", false)), Just(("底", true)), Just(("末", true))]
        )
            .prop_map(|((p, period), (edge, end))| {
                let p = if period == Period::Year {
                    "年".to_string()
                } else {
                    p
                };
                (format!("{p}{edge}"), DateBase::Boundary { end, period })
            }),
        proptest::sample::select(
            &[
                "春节",
                "中秋",
                "双十一",
                "六一八",
                "618",
                "520",
                "三八",
                "上线",
                "两会",
                "三月三"
            ][..]
        )
        .prop_map(|n| (n.to_string(), name(&[n]))),
    ]
}

/// `7月`, `七月`, `三季度`, `第3季度`, `全年`.
fn zh_period() -> impl Strategy<Value = (String, Period)> {
    prop_oneof![
        (zh_count(1..5), any::<bool>()).prop_map(|((q, n), first)| (
            format!("{}{q}季度", if first { "第" } else { "" }),
            Period::Quarter(n as u8)
        )),
        zh_count(1..13).prop_map(|(m, n)| (format!("{m}月"), Period::Month(n))),
        Just(("全年".to_string(), Period::Year)),
    ]
}

/// `周一、三、五`, `周六日`, `周一和周四`: the days after `每`.
fn zh_weekday_list() -> impl Strategy<Value = (String, Vec<Weekday>)> {
    let later = (
        prop_oneof![Just(""), Just("、"), Just(", "), Just("和"), Just(" 及 ")],
        any::<bool>(),
        zh_weekday(),
    );
    (zh_weekday(), proptest::collection::vec(later, 0..3)).prop_map(|((w, d), more)| {
        let mut text = w;
        let mut days = vec![d];
        for (sep, prefixed, (w, d)) in more {
            // A bare day (`日` of `六、日`) needs a separator, and is never `天`.
            let bare = !prefixed && !sep.is_empty() && !w.ends_with('天');
            let day = if bare {
                w.trim_start_matches(['周', '星', '期', '礼', '拜'])
                    .to_string()
            } else {
                w
            };
            text += sep;
            text += &day;
            days.push(d);
        }
        (text, days)
    })
}

fn zh_recurrence() -> impl Strategy<Value = (String, Frequency)> {
    let month_day = prop_oneof![
        (zh_count(1..32), prop_oneof![Just("日"), Just("号")])
            .prop_map(|((t, d), w)| (format!("{t}{w}"), MonthDay::Day(d))),
        (
            prop_oneof![
                zh_count(1..6).prop_map(|(t, n)| (format!("第{t}个"), n as i8)),
                Just(("最后一个".to_string(), -1i8)),
            ],
            zh_weekday()
        )
            .prop_map(|((o, n), (w, weekday))| (
                format!("{o}{w}"),
                MonthDay::NthWeekday { n, weekday }
            )),
    ];
    prop_oneof![
        (any::<bool>(), zh_weekday_list()).prop_map(|(each, (t, days))| (
            format!("每{}{t}", if each { "个" } else { "" }),
            Frequency::Weekly { interval: 1, days }
        )),
        (zh_count(0..100), any::<bool>(), zh_weekday_list()).prop_map(
            |((n, interval), of, (t, days))| (
                format!("每{n}周{}{t}", if of { "的" } else { "" }),
                Frequency::Weekly { interval, days }
            )
        ),
        zh_weekday_list()
            .prop_map(|(t, days)| (format!("隔周{t}"), Frequency::Weekly { interval: 2, days })),
        prop_oneof![Just("工作日"), Just("每个工作日"), Just("每工作日")]
            .prop_map(|t| (t.to_string(), Frequency::Workdays)),
        prop_oneof![Just("每天"), Just("每日")]
            .prop_map(|t| (t.to_string(), Frequency::Daily { interval: 1 })),
        zh_count(1..100)
            .prop_map(|(t, interval)| (format!("每{t}天"), Frequency::Daily { interval })),
        (zh_count(1..13), any::<bool>(), month_day).prop_map(|((t, interval), of, (d, on))| (
            format!(
                "每{}月{}{d}",
                if interval == 1 {
                    String::new()
                } else {
                    format!("{t}个")
                },
                if of { "的" } else { "" }
            ),
            Frequency::Monthly { interval, on }
        )),
    ]
}

fn weekday_list() -> impl Strategy<Value = (String, Vec<Weekday>)> {
    let days = proptest::collection::vec(weekday(), 1..4).prop_flat_map(|ds| {
        let n = ds.len();
        (
            Just(ds),
            proptest::collection::vec(
                prop_oneof![Just(","), Just(", "), Just(" and "), Just(" , ")],
                n,
            ),
        )
    });
    days.prop_map(|(ds, seps)| {
        let mut text = String::new();
        for (i, (w, _)) in ds.iter().enumerate() {
            if i > 0 {
                text += seps[i];
            }
            text += w;
        }
        (text, ds.into_iter().map(|(_, d)| d).collect::<Vec<_>>())
    })
}

fn recurrence() -> impl Strategy<Value = (String, Frequency)> {
    let month_day = prop_oneof![
        (ordinal(), weekday()).prop_map(|((o, n), (w, weekday))| (
            format!("{o} {w}"),
            MonthDay::NthWeekday { n, weekday }
        )),
        (1u32..=31).prop_map(|d| (format!("{d}th"), MonthDay::Day(d))),
    ];
    prop_oneof![
        weekday_list().prop_map(|(t, days)| (
            format!("every {t}"),
            Frequency::Weekly { interval: 1, days }
        )),
        (0u32..100, weekday_list()).prop_map(|(n, (t, days))| (
            format!("every {n} weeks on {t}"),
            Frequency::Weekly { interval: n, days }
        )),
        weekday_list().prop_map(|(t, days)| (
            format!("weekly on {t}"),
            Frequency::Weekly { interval: 1, days }
        )),
        Just(("every day".to_string(), Frequency::Daily { interval: 1 })),
        Just(("daily".to_string(), Frequency::Daily { interval: 1 })),
        (1u32..100).prop_map(|n| (format!("every {n} days"), Frequency::Daily { interval: n })),
        Just(("every weekday".to_string(), Frequency::Weekdays)),
        Just(("every workday".to_string(), Frequency::Workdays)),
        (1u32..13, month_day).prop_map(|(n, (t, on))| (
            if n == 1 {
                format!("monthly on {t}")
            } else {
                format!("every {n} months on {t}")
            },
            Frequency::Monthly { interval: n, on }
        )),
    ]
}

fn money() -> impl Strategy<Value = (String, Option<&'static str>, Ratio)> {
    let mult = prop_oneof![
        Just(("", 1i128)),
        Just(("k", 1_000)),
        Just(("M", 1_000_000)),
        Just(("B", 1_000_000_000)),
        Just(("万", 10_000)),
        Just(("亿", 100_000_000)),
    ];
    let cur = prop_oneof![
        Just(("", "", None)),
        Just(("¥", "", Some("CNY"))),
        Just(("￥", "", Some("CNY"))),
        Just(("$", "", Some("USD"))),
        Just(("€", "", Some("EUR"))),
        Just(("£", "", Some("GBP"))),
        Just(("CNY ", "", Some("CNY"))),
        Just(("", " CNY", Some("CNY"))),
        Just(("", " USD", Some("USD"))),
        Just(("", "元", Some("CNY"))),
    ];
    (0u64..10_000_000, 0u32..100, any::<bool>(), mult, cur).prop_map(
        |(int, cents, frac, (m, factor), (pre, post, code))| {
            let (text, value) = if frac {
                (
                    format!("{int}.{cents:02}"),
                    Ratio::new(i128::from(int) * 100 + i128::from(cents), 100).unwrap(),
                )
            } else {
                (int.to_string(), Ratio::int(i128::from(int)))
            };
            let value = value.checked_mul(Ratio::int(factor)).unwrap();
            (format!("{pre}{text}{m}{post}"), code, value)
        },
    )
}

/// Any valid expression with the parser that accepts it.
fn any_valid() -> impl Strategy<Value = String> {
    prop_oneof![
        zh_recurrence().prop_map(|(t, _)| format!("{t} 20:00 节假日、国庆节除外")),
        zh_period().prop_map(|(t, _)| format!("{t}至{t}")),
        Just("春节前21天至后15天".to_string()),
        date().prop_map(|(t, _, _)| t),
        (date(), offsets_strategy(1)).prop_map(|((a, _, _), (o, _))| format!("{a}..{o}")),
        (date(), date()).prop_map(|((a, _, _), (b, _, _))| format!("{a} .. {b}")),
        recurrence().prop_map(|(t, _)| t),
        money().prop_map(|(t, _, _)| t),
        Just("sum(budget.ads.*) <= 60% of budget.total".to_string()),
        Just("a + b * 2 >= (c - d) / 2".to_string()),
        Just("every fri at 20:00 except holidays, 10-01".to_string()),
        Just("+2.3pp".to_string()),
        Just("12万+".to_string()),
        Just("25% of budget.kol".to_string()),
    ]
}

fn all_parsers(src: &str) -> Vec<Option<ExprError>> {
    vec![
        parse_date(src).err(),
        parse_range(src).err(),
        parse_duration(src).err(),
        parse_recurrence(src).err(),
        parse_money(src).err(),
        parse_share(src).err(),
        parse_amount(src).err(),
        parse_quantity(src).err(),
        parse_assertion(src).err(),
        parse_time(src).err(),
        parse_when(src).err(),
        parse_path(src).err(),
    ]
}

fn check_error(src: &str, e: &ExprError) {
    assert!(
        e.loc.start <= e.loc.end && e.loc.end <= src.len(),
        "{src:?}: {e:?}"
    );
    assert!(src.is_char_boundary(e.loc.start), "{src:?}: {e:?}");
    assert!(src.is_char_boundary(e.loc.end), "{src:?}: {e:?}");
    assert!(
        !e.message.en.is_empty() && !e.message.en.ends_with('.'),
        "{e:?}"
    );
    assert!(
        !e.message.zh.is_empty() && !e.message.zh.ends_with('。'),
        "{e:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_dates_parse((text, base, offs) in date()) {
        let d = parse_date(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e:?}")))?;
        prop_assert_eq!(d.base, base);
        prop_assert_eq!(offsets(&d.offsets), offs);
        prop_assert_eq!(d.loc, loc(0, text.len()));
    }

    #[test]
    fn generated_ranges_parse(
        (a, abase, _) in date(),
        (b, bbase, _) in date(),
        (rel, roffs) in offsets_strategy(1),
        s in sp(),
    ) {
        let text = format!("{a}{s}..{s}{b}");
        match parse_range(&text) {
            Ok(RangeExpr::Between { start, end: RangeEnd::Date(end), .. }) => {
                prop_assert_eq!(start.base, abase.clone());
                prop_assert_eq!(end.base, bbase);
            }
            other => prop_assert!(false, "{text:?}: {other:?}"),
        }
        let text = format!("{a}..{rel}");
        match parse_range(&text) {
            Ok(RangeExpr::Between { start, end: RangeEnd::Relative { offsets: o, .. }, .. }) => {
                prop_assert_eq!(start.base, abase);
                prop_assert_eq!(offsets(&o), roffs);
            }
            other => prop_assert!(false, "{text:?}: {other:?}"),
        }
    }

    #[test]
    fn generated_ranges_with_chinese_joins_parse(
        (a, abase, _) in date(),
        (b, bbase, _) in date(),
        (rel, roffs) in prop_oneof![zh_offsets(1), mixed_offsets()],
        join in prop_oneof![Just(" 至 "), Just(" 到 "), Just(".."), Just(" .. ")],
    ) {
        let text = format!("{a}{join}{b}");
        match parse_range(&text) {
            Ok(RangeExpr::Between { start, end: RangeEnd::Date(end), .. }) => {
                prop_assert_eq!(start.base, abase.clone());
                prop_assert_eq!(end.base, bbase);
            }
            other => prop_assert!(false, "{text:?}: {other:?}"),
        }
        let text = format!("{a}{join}{rel}");
        match parse_range(&text) {
            Ok(RangeExpr::Between { start, end: RangeEnd::Relative { offsets: o, .. }, .. }) => {
                prop_assert_eq!(start.base, abase);
                prop_assert_eq!(offsets(&o), roffs);
            }
            other => prop_assert!(false, "{text:?}: {other:?}"),
        }
    }

    #[test]
    fn generated_chinese_periods_parse(
        (p, period) in zh_period(),
        (m2, mo2) in prop_oneof![month(), zh_count(1..13).prop_map(|(t, n)| (format!("{t}月"), n))],
        join in prop_oneof![Just(".."), Just("至"), Just("到"), Just(" 至 ")],
    ) {
        let r = parse_range(&p).map_err(|e| TestCaseError::fail(format!("{p:?}: {e:?}")))?;
        let ok = matches!(r, RangeExpr::Period { period: q, .. } if q == period);
        prop_assert!(ok, "{:?} gave {:?}", p, r);
        prop_assert!(parse_date(&p).is_err());
        if let Period::Month(m) = period {
            let text = format!("{p}{join}{m2}");
            prop_assert_eq!(
                parse_range(&text).ok(),
                Some(RangeExpr::Months { from: m, to: mo2, loc: loc(0, text.len()) })
            );
        }
    }

    #[test]
    fn generated_chinese_recurrences_parse(
        (text, frequency) in prop_oneof![zh_recurrence(), recurrence()],
        time in proptest::option::of((0u32..24, 0u32..60, prop_oneof![Just(" "), Just(""), Just(" at ")])),
        except in proptest::option::of((
            any::<bool>(),
            prop_oneof![Just("除外"), Just("停更")],
            proptest::collection::vec(
                prop_oneof![
                    Just("节假日".to_string()),
                    Just("法定节假日".to_string()),
                    date().prop_filter("a space before `除外` after a week", |(t, b, _)| {
                        !matches!(b, DateBase::IsoWeek { .. }) || !t.ends_with(|c: char| c.is_ascii_alphanumeric())
                    }).prop_map(|(t, _, _)| t),
                ],
                1..4,
            ),
        )),
    ) {
        let mut src = text;
        if let Some((h, m, at)) = time {
            // Right after a Chinese weekday, a time needs no space.
            let at = if at.is_empty() && src.ends_with(|c: char| c.is_ascii_alphanumeric()) { " " } else { at };
            src += &format!("{at}{h}:{m:02}");
        }
        let mut count = 0;
        if let Some((chinese, word, list)) = &except {
            let mut list = list.clone();
            // After `monthly on 15th`, a word could be the weekday of
            // `15th mon`: a Chinese list there starts with `节假日`.
            if *chinese && src.is_ascii() && !list[0].contains("节假日") {
                list.insert(0, "节假日".to_string());
            }
            count = list.len();
            if *chinese {
                // `节假日、国庆节除外` needs `节假日` first or the word at the end.
                src += &format!(" {}{word}", list.join("、"));
            } else {
                src += &format!(" except {}", list.join(", "));
            }
        }
        let r = parse_recurrence(&src).map_err(|e| TestCaseError::fail(format!("{src:?}: {e:?}")))?;
        prop_assert_eq!(r.frequency, frequency);
        prop_assert_eq!(r.time, time.map(|(hour, minute, _)| TimeOfDay { hour, minute }));
        prop_assert_eq!(r.except.len(), count);
        prop_assert_eq!(r.loc, loc(0, src.len()));
        prop_assert!(matches!(parse_when(&src), Ok(When::Recurrence(_))), "{:?}", src);
    }

    #[test]
    fn generated_chinese_durations_parse(
        (n, v) in zh_count(0..10_000),
        (u, unit) in prop_oneof![unit().prop_map(|(u, x)| (u, x)), zh_unit().prop_map(|(u, x)| (u.to_string(), x))],
        s in sp(),
    ) {
        let text = format!("{n}{s}{u}");
        let d = parse_duration(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e:?}")))?;
        prop_assert_eq!((d.amount, d.unit), (i64::from(v), unit));
    }

    #[test]
    fn generated_periods_parse((p, period) in period(), (m2, mo2) in month()) {
        let r = parse_range(&p).map_err(|e| TestCaseError::fail(format!("{p:?}: {e:?}")))?;
        let ok = matches!(r, RangeExpr::Period { period: q, .. } if q == period);
        prop_assert!(ok, "{:?} gave {:?}", p, r);
        if let Period::Month(m) = period {
            let text = format!("{p}..{m2}");
            prop_assert_eq!(
                parse_range(&text).ok(),
                Some(RangeExpr::Months { from: m, to: mo2, loc: loc(0, text.len()) })
            );
        }
    }

    #[test]
    fn generated_recurrences_parse(
        (text, frequency) in recurrence(),
        time in proptest::option::of((0u32..24, 0u32..60, any::<bool>())),
        except in proptest::option::of(proptest::collection::vec(
            prop_oneof![Just("holidays".to_string()), date().prop_map(|(t, _, _)| t)], 1..4)),
    ) {
        let mut src = text;
        if let Some((h, m, at)) = time {
            src += &format!("{}{h}:{m:02}", if at { " at " } else { " " });
        }
        if let Some(list) = &except {
            src += &format!(" except {}", list.join(", "));
        }
        let r = parse_recurrence(&src).map_err(|e| TestCaseError::fail(format!("{src:?}: {e:?}")))?;
        prop_assert_eq!(r.frequency, frequency);
        prop_assert_eq!(r.time, time.map(|(hour, minute, _)| TimeOfDay { hour, minute }));
        prop_assert_eq!(r.except.len(), except.map_or(0, |l| l.len()));
        prop_assert!(matches!(parse_when(&src), Ok(When::Recurrence(_))));
    }

    #[test]
    fn generated_money_parses((text, code, value) in money()) {
        let m = parse_money(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e:?}")))?;
        prop_assert_eq!(m.currency.as_deref(), code);
        prop_assert_eq!(m.value, value);
        prop_assert!(matches!(parse_amount(&text), Ok(Amount::Money(_))));
    }

    #[test]
    fn generated_durations_parse(n in 0i64..1_000_000, (u, unit) in unit(), s in sp()) {
        let text = format!("{n}{s}{u}");
        let d = parse_duration(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e:?}")))?;
        prop_assert_eq!((d.amount, d.unit), (n, unit));
    }

    #[test]
    fn mutated_expressions_never_panic(
        src in any_valid(),
        edits in proptest::collection::vec((any::<bool>(), any::<proptest::sample::Index>(), proptest::sample::select(&[
            ' ', '.', '-', '+', ',', '%', '(', ')', '*', ':', '¥', 'W', 'x', '0', '9',
            '春', '节', '６', '％', '\u{3000}', '_', 'é', '𝄞', '元', '万', '<', '=',
            '前', '后', '天', '周', '每', '月', '日', '至', '除', '外', '、', '七', '十', '第',
        ][..])), 1..4),
    ) {
        let mut chars: Vec<char> = src.chars().collect();
        for (insert, at, c) in edits {
            if insert {
                let i = at.index(chars.len() + 1);
                chars.insert(i, c);
            } else if !chars.is_empty() {
                let i = at.index(chars.len());
                chars.remove(i);
            }
        }
        let text: String = chars.into_iter().collect();
        for e in all_parsers(&text).into_iter().flatten() {
            check_error(&text, &e);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,40}") {
        for e in all_parsers(&text).into_iter().flatten() {
            check_error(&text, &e);
        }
    }
}
