//! How numbers read in messages, task lists and decks: money with its
//! symbol and thousands separators, percentages, KPI values. One place, so
//! that a diagnostic, a slide and a diff show the same amount the same way;
//! below both the rules and the decks, which use it.

use crate::ratio::Ratio;
use crate::syntax::ast::{Quantity, QuantityUnit};

/// An amount as messages show it: `¥5,200,000`, `€1,250.50` (rounded half-up to cents).
pub fn money_text(v: Ratio, currency: &str) -> String {
    let symbol = match currency {
        "CNY" => "¥",
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        _ => "",
    };
    let text = v.abs().to_decimal_string(2);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = thousands(int);
    let sign = if v.is_negative() { "-" } else { "" };
    let frac = if frac.is_empty() {
        String::new()
    } else {
        format!(".{frac:0<2}")
    };
    if symbol.is_empty() {
        format!("{sign}{grouped}{frac} {currency}")
    } else {
        format!("{sign}{symbol}{grouped}{frac}")
    }
}

/// A percentage as messages show it: `33.3%`.
pub fn percent_text(p: Ratio) -> String {
    format!("{}%", p.to_decimal_string(2))
}

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
    format!("{sign}{}{frac}", thousands(int))
}

/// `1234567` → `1,234,567`: the digits of a whole number, grouped by three.
fn thousands(int: &str) -> String {
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_and_rounded() {
        assert_eq!(money_text(Ratio::int(5_200_000), "CNY"), "¥5,200,000");
        assert_eq!(
            money_text(Ratio::parse_decimal("1250.505").unwrap(), "EUR"),
            "€1,250.51"
        );
        assert_eq!(money_text(Ratio::int(-300), "JPY"), "-300 JPY");
        assert_eq!(
            percent_text(Ratio::parse_decimal("33.30").unwrap()),
            "33.3%"
        );
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped(Ratio::int(120_000)), "120,000");
        assert_eq!(grouped(Ratio::int(-1_234_567)), "-1,234,567");
        assert_eq!(grouped(Ratio::parse_decimal("0.8").unwrap()), "0.8");
        assert_eq!(grouped(Ratio::parse_decimal("999.5").unwrap()), "999.5");
    }
}
