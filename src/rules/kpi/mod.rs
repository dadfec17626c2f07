//! KPI rules: targets that are no improvement, rates above 100%, parts that
//! do not add up to their total.

pub mod parts_total;
pub mod rate_over_100;
pub mod target_not_better;

use crate::model::ratio::Ratio;
use crate::syntax::ast::{Quantity, QuantityUnit};

/// A KPI value as messages show it: `120,000`, `0.8`, `5.8%`, `+35%`,
/// `+2.3pp`, `1:5`, `1.5x`.
pub fn quantity_text(q: &Quantity) -> String {
    let n = grouped(q.value);
    let sign = if q.signed && !q.value.is_negative() {
        "+"
    } else {
        ""
    };
    match q.unit {
        QuantityUnit::Number => format!("{sign}{n}"),
        QuantityUnit::Percent => format!("{sign}{n}%"),
        QuantityUnit::Points => format!("{sign}{n}pp"),
        QuantityUnit::Ratio => format!("1:{n}"),
        QuantityUnit::Times => format!("{sign}{n}x"),
    }
}

/// A number with thousands separators, at most two decimals: `120,000`, `0.8`.
pub fn grouped(v: Ratio) -> String {
    let text = v.to_decimal_string(2);
    let (sign, text) = match text.strip_prefix('-') {
        Some(t) => ("-", t),
        None => ("", text.as_str()),
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, format!(".{f}")),
        None => (text, String::new()),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped(Ratio::int(120_000)), "120,000");
        assert_eq!(grouped(Ratio::int(-1_234_567)), "-1,234,567");
        assert_eq!(grouped(Ratio::parse_decimal("0.8").unwrap()), "0.8");
        assert_eq!(grouped(Ratio::parse_decimal("999.5").unwrap()), "999.5");
    }
}
