//! Numbers, dates, lead times and cadences as a slide says them, in the
//! deck's language: `12万` / `120,000`, `3 个工作日` / `3 workdays`,
//! `每周二` / `every Tue`, and the exact per-mille lengths of chart bars.

use super::*;

/// A KPI value as the deck shows it: `12万` in Chinese, `120,000` in English.
pub(super) fn quantity(q: &Quantity, w: &Words) -> String {
    if w.lang == Locale::ZhCn && q.unit == QuantityUnit::Number && !q.signed {
        let wan = Ratio::int(10_000);
        if q.value.abs() >= wan
            && let Some(v) = q.value.checked_div(wan)
        {
            return format!("{}万", v.to_decimal_string(2));
        }
    }
    quantity_text(q)
}

pub(super) fn value(v: &Option<crate::model::KpiValue>, w: &Words) -> String {
    v.as_ref().map(|v| quantity(&v.q, w)).unwrap_or_default()
}

/// Completion against the target (`117%`, with hit or miss), or else the
/// change from the baseline (`+2.6pp`, `+66.7%`).
pub(super) fn completion(k: &Kpi, w: &Words) -> (String, Status) {
    let (Some(actual), direction) = (k.actual.as_ref().map(|a| &a.q), k.direction) else {
        return (String::new(), Status::None);
    };
    let down = direction == Some(Direction::Down);
    if let Some(target) = k.target.as_ref().map(|t| &t.q) {
        let hit = if down {
            actual.value <= target.value
        } else {
            actual.value >= target.value
        };
        let status = if hit { Status::Hit } else { Status::Miss };
        let word = if hit { w.hit_word } else { w.miss_word };
        if !down
            && target.value > Ratio::ZERO
            && actual.value >= Ratio::ZERO
            && let Some(rate) = actual
                .value
                .checked_mul(Ratio::HUNDRED)
                .and_then(|v| v.checked_div(target.value))
        {
            {
                return (
                    format!("{} {word}", percent_text(round_to(rate, 0))),
                    status,
                );
            }
        }
        return (word.to_string(), status);
    }
    if let Some(base) = k.baseline.as_ref().map(|b| &b.q) {
        let Some(diff) = actual.value.checked_sub(base.value) else {
            return (String::new(), Status::None);
        };
        let sign = if diff.is_negative() { "" } else { "+" };
        let text = match actual.unit {
            QuantityUnit::Percent | QuantityUnit::Points => {
                format!("{sign}{}pp", round_to(diff, 1).to_decimal_string(1))
            }
            _ if !base.value.is_zero() => diff
                .checked_mul(Ratio::HUNDRED)
                .and_then(|v| v.checked_div(base.value))
                .map(|r| format!("{sign}{}%", round_to(r, 1).to_decimal_string(1)))
                .unwrap_or_default(),
            _ => String::new(),
        };
        return (text, Status::None);
    }
    (String::new(), Status::None)
}

/// A KPI's full name and note, for the speaker notes.
pub(super) fn kpi_notes(k: &Kpi, w: &Words, notes: &mut Vec<String>) {
    let mut parts = Vec::new();
    for (label, v) in [
        (w.baseline, &k.baseline),
        (w.target, &k.target),
        (w.actual, &k.actual),
    ] {
        if let Some(v) = v {
            parts.push(format!("{label} {}", quantity(&v.q, w)));
        }
    }
    let mut text = format!("{}{}{}", k.name, w.colon, parts.join(w.semicolon));
    if let Some(n) = &k.note {
        text.push_str(&format!("{}{n}", w.semicolon));
    }
    notes.push(text);
}

/// The name all KPIs of a chart share after their channel's name
/// (`微信公众号新增粉丝` and `抖音新增粉丝` → `新增粉丝`).
pub(super) fn common_name(kpis: &[&Kpi], p: &Plan) -> Option<String> {
    let mut common: Option<String> = None;
    for k in kpis {
        let ch = &p.channels[k.channel?].name;
        let rest = k.name.strip_prefix(ch.as_str())?.trim().to_string();
        match &common {
            None => common = Some(rest),
            Some(c) if *c == rest => {}
            Some(_) => return None,
        }
    }
    common.filter(|c| !c.is_empty())
}

pub(super) fn round_to(r: Ratio, places: u32) -> Ratio {
    let scale = 10i128.pow(places);
    r.round_scaled(places)
        .and_then(|n| Ratio::new(n, scale))
        .unwrap_or(r)
}

/// `part` of `whole` in per mille, 0..=1000.
pub(super) fn per_mille(part: Ratio, whole: Ratio) -> u32 {
    if whole <= Ratio::ZERO || part <= Ratio::ZERO {
        return 0;
    }
    part.checked_mul(Ratio::int(1000))
        .and_then(|v| v.checked_div(whole))
        .and_then(|v| v.round_scaled(0))
        .map_or(0, |n| n.clamp(0, 1000) as u32)
}

/// A day's position in a period of `days` days, 0..=1000.
pub(super) fn position(d: NaiveDate, start: NaiveDate, days: i64) -> u32 {
    let at = (d - start).num_days().clamp(0, days);
    per_mille(
        Ratio::int(i128::from(at)),
        Ratio::int(i128::from(days.max(1))),
    )
}

/// `01-26 – 02-28`, with years only when they are not the plan's.
pub(super) fn range_text(a: NaiveDate, b: NaiveDate, year: i32) -> String {
    let f = |d: NaiveDate| {
        if d.year() == year {
            d.format("%m-%d").to_string()
        } else {
            d.to_string()
        }
    };
    if a == b {
        f(a)
    } else {
        format!("{} – {}", f(a), f(b))
    }
}

pub(super) fn lead_text(l: Lead, w: &Words) -> String {
    match (l, w.lang) {
        (Lead::Days(n), Locale::En) => format!("{n} day{}", if n == 1 { "" } else { "s" }),
        (Lead::Workdays(n), Locale::En) => format!("{n} workday{}", if n == 1 { "" } else { "s" }),
        (Lead::Hours(n), Locale::En) => format!("{n} h"),
        (Lead::Days(n), _) => format!("{n} 天"),
        (Lead::Workdays(n), _) => format!("{n} 个工作日"),
        (Lead::Hours(n), _) => format!("{n} 小时"),
    }
}

/// `1st`, `2nd`, `11th`, `23rd`.
pub(super) fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub(super) fn cadence_text(f: &Frequency, w: &Words) -> String {
    let wd = |d: &chrono::Weekday| w.weekdays[d.num_days_from_monday() as usize];
    let en = w.lang == Locale::En;
    match f {
        Frequency::Daily { interval: 1 } => if en { "daily" } else { "每天" }.to_string(),
        Frequency::Daily { interval } => {
            if en {
                format!("every {interval} days")
            } else {
                format!("每 {interval} 天")
            }
        }
        Frequency::Weekly { interval, days } => {
            let days: Vec<&str> = days.iter().map(wd).collect();
            if *interval == 1 {
                if en {
                    format!("every {}", days.join(", "))
                } else {
                    format!("每{}", days.join("、"))
                }
            } else if en {
                format!("every {interval} weeks on {}", days.join(", "))
            } else {
                format!("每 {interval} 周{}", days.join("、"))
            }
        }
        Frequency::Weekdays => if en {
            "every weekday"
        } else {
            "周一至周五"
        }
        .to_string(),
        Frequency::Workdays => if en {
            "every workday"
        } else {
            "每个工作日"
        }
        .to_string(),
        Frequency::Monthly { interval, on } => {
            let on = match (on, en) {
                (MonthDay::Day(d), true) => ordinal(i64::from(*d)),
                (MonthDay::Day(d), false) => format!("{d} 日"),
                (MonthDay::NthWeekday { n: -1, weekday }, true) => format!("last {}", wd(weekday)),
                (MonthDay::NthWeekday { n: -1, weekday }, false) => {
                    format!("最后一个{}", wd(weekday))
                }
                (MonthDay::NthWeekday { n, weekday }, true) => {
                    format!("{} {}", ordinal(i64::from(*n)), wd(weekday))
                }
                (MonthDay::NthWeekday { n, weekday }, false) => format!("第 {n} 个{}", wd(weekday)),
            };
            match (interval, en) {
                (1, true) => format!("monthly on the {on}"),
                (i, true) => format!("every {i} months on the {on}"),
                (1, false) => format!("每月{on}"),
                (i, false) => format!("每 {i} 个月{on}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31]
            .map(ordinal)
            .to_vec();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"
            ]
        );
    }

    #[test]
    fn large_counts_read_in_wan_in_chinese_only() {
        let q = |v: i128| Quantity {
            value: Ratio::int(v),
            unit: QuantityUnit::Number,
            signed: false,
            loc: Default::default(),
        };
        assert_eq!(quantity(&q(120_000), words(Locale::ZhCn)), "12万");
        assert_eq!(quantity(&q(85_000), words(Locale::ZhCn)), "8.5万");
        assert_eq!(quantity(&q(2_600), words(Locale::ZhCn)), "2,600");
        assert_eq!(quantity(&q(120_000), words(Locale::En)), "120,000");
    }

    #[test]
    fn per_mille_is_exact_and_bounded() {
        assert_eq!(per_mille(Ratio::int(1), Ratio::int(3)), 333);
        assert_eq!(per_mille(Ratio::int(2), Ratio::int(3)), 667);
        assert_eq!(per_mille(Ratio::int(5), Ratio::int(3)), 1000);
        assert_eq!(per_mille(Ratio::int(-1), Ratio::int(3)), 0);
        assert_eq!(per_mille(Ratio::int(1), Ratio::ZERO), 0);
    }
}
