//! Property tests of the whole parser: generated dates, ranges, periods,
//! recurrences, money and durations parse back to what generated them, and
//! mutated or arbitrary text gets, from every parser, an error located
//! inside the text, never a panic.

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
    (date_base(), offsets_strategy(0)).prop_map(|((b, base), (o, offs))| {
        // `2027-W12` followed by `-3d` must stay an offset: keep a space.
        let glue = if matches!(base, DateBase::IsoWeek { .. }) && !o.is_empty() {
            " "
        } else {
            ""
        };
        (format!("{b}{glue}{o}"), base, offs)
    })
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
