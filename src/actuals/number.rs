//! Numbers and dates as the back ends write them in a cell: `1,234`,
//! `12.3万`, `1.2亿`, `5.8%`, `+35`; `2025-03-08`, `2025/3/8 20:00`,
//! `2025年3月8日`. Read exactly (`Ratio`), never through a float; and the
//! value written back into a plan in the plan's own spelling (`12万`).

use chrono::NaiveDate;

use crate::ratio::Ratio;

/// A number read from a cell, with its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number {
    pub value: Ratio,
    pub percent: bool,
}

/// What a number cell holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Read {
    Number(Number),
    /// Empty, or a dash the back ends write for "no data" (`-`, `--`, `—`).
    Blank,
    Invalid,
}

/// Reads a number cell.
pub fn number(text: &str) -> Read {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "--" | "—" | "–" | "/" | "N/A" | "n/a") {
        return Read::Blank;
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (body, percent) = match body.strip_suffix('%').or_else(|| body.strip_suffix('％')) {
        Some(b) => (b, true),
        None => (body, false),
    };
    let (body, scale) = if let Some(b) = body.strip_suffix('万') {
        (b, 10_000)
    } else if let Some(b) = body.strip_suffix('亿') {
        (b, 100_000_000)
    } else if let Some(b) = body.strip_suffix(['w', 'W']) {
        (b, 10_000)
    } else {
        (body, 1)
    };
    if !grouping_ok(body) || (percent && scale != 1) {
        return Read::Invalid;
    }
    let digits: String = body.chars().filter(|c| *c != ',').collect();
    let Some(v) = Ratio::parse_decimal(&digits) else {
        return Read::Invalid;
    };
    let Some(v) = v.checked_mul(Ratio::int(scale)) else {
        return Read::Invalid;
    };
    let value = if neg {
        Ratio::ZERO.checked_sub(v)
    } else {
        Some(v)
    };
    match value {
        Some(value) => Read::Number(Number { value, percent }),
        None => Read::Invalid,
    }
}

/// Digits, at most one `.`, and thousands commas only between groups of
/// three digits before it (`1,234` yes; `1,23` and `12,,3` no).
fn grouping_ok(body: &str) -> bool {
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if body.contains('.') && frac.is_empty() {
        return false;
    }
    let groups: Vec<&str> = int.split(',').collect();
    groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && !groups[0].is_empty()
        && groups[1..].iter().all(|g| g.len() == 3)
        && (groups.len() == 1 || groups[0].len() <= 3)
}

/// Reads a date cell: `2025-03-08`, `2025/3/8`, `2025.3.8`, `2025年3月8日`,
/// each optionally followed by a time, which is ignored.
pub fn date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let day = t.split([' ', 'T']).next().unwrap_or(t);
    let day = day.trim_end_matches('日');
    let parts: Vec<&str> = day.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A value as a plan writes it: `12万` for whole hundreds of ten thousands
/// and above, else the number with at most two decimals; `5.8%` for a
/// percentage.
pub fn plan_text(n: Number) -> String {
    if n.percent {
        return format!("{}%", n.value.to_decimal_string(2));
    }
    let wan = Ratio::int(10_000);
    if n.value.abs() >= wan
        && let Some(w) = n.value.checked_div(wan)
        && w.checked_mul(Ratio::HUNDRED)
            .is_some_and(|h| h.denom() == 1)
    {
        return format!("{}万", w.to_decimal_string(2));
    }
    n.value.to_decimal_string(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Option<(String, bool)> {
        match number(text) {
            Read::Number(n) => Some((n.value.to_decimal_string(4), n.percent)),
            _ => None,
        }
    }

    #[test]
    fn back_end_spellings_read_exactly() {
        assert_eq!(n("12.3万"), Some(("123000".into(), false)));
        assert_eq!(n("1,234"), Some(("1234".into(), false)));
        assert_eq!(n("1,234,567.5"), Some(("1234567.5".into(), false)));
        assert_eq!(n("5.8%"), Some(("5.8".into(), true)));
        assert_eq!(n("+35"), Some(("35".into(), false)));
        assert_eq!(n("-32%"), Some(("-32".into(), true)));
        assert_eq!(n("1.2亿"), Some(("120000000".into(), false)));
        assert_eq!(n("3.5w"), Some(("35000".into(), false)));
        assert_eq!(n(" 0.1 "), Some(("0.1".into(), false)));
    }

    #[test]
    fn dashes_are_blank_and_the_rest_invalid() {
        for b in ["", "-", "--", "—", " "] {
            assert_eq!(number(b), Read::Blank, "{b:?}");
        }
        for bad in [
            "abc", "1,23", "12,,3", "1.2.3", "5%万", "1.", ".", "1 234", "1234,",
        ] {
            assert_eq!(number(bad), Read::Invalid, "{bad:?}");
        }
    }

    #[test]
    fn dates_in_the_usual_spellings() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 8);
        for t in [
            "2025-03-08",
            "2025/3/8",
            "2025.3.8",
            "2025年3月8日",
            "2025-03-08 20:15:00",
        ] {
            assert_eq!(date(t), d, "{t}");
        }
        assert_eq!(date("3月8日"), None);
        assert_eq!(date("2025-02-30"), None);
    }

    #[test]
    fn values_are_written_as_plans_write_them() {
        let w = |v: i128| {
            plan_text(Number {
                value: Ratio::int(v),
                percent: false,
            })
        };
        assert_eq!(w(120_000), "12万");
        assert_eq!(w(85_000), "8.5万");
        assert_eq!(w(2_850_000), "285万");
        assert_eq!(w(123_456), "123456");
        assert_eq!(w(9_999), "9999");
        let p = Number {
            value: Ratio::new(58, 10).expect("ratio"),
            percent: true,
        };
        assert_eq!(plan_text(p), "5.8%");
    }
}
