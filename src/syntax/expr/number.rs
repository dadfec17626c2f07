//! Numbers as plans write them: decimals with `_` between digit groups
//! (a comma is refused, with the fix), multipliers (`k`, `M`, `B`, `万`,
//! `亿`; `m` is ambiguous), money with a currency symbol or code (`¥1.2M`,
//! `CNY 50k`, `120万元`), shares (`60%`, `25% of kol`) and KPI quantities
//! (`3.2%`, `+2.3pp`, `1:5`, `1.5x`). Values are exact `Ratio`s: a number
//! too large for one is an error, never a rounding.

use pest::iterators::Pair;

use crate::ratio::Ratio;
use crate::syntax::ast::{ExprError, Loc, MoneyLit, Quantity, QuantityUnit, ShareLit};
use crate::tr;

use super::assertion::path;
use super::grammar::Rule;
use super::{Res, err, err_help, internal, loc_of, next, span};

pub(super) fn number_too_large(loc: Loc) -> ExprError {
    err(loc, tr!("数字太大", "number too large"))
}

/// A decimal (`1_200`, `1.25`); commas get an error suggesting the fix.
fn decimal(p: &Pair<'_, Rule>) -> Res<Ratio> {
    decimal_text(p.as_str(), loc_of(p))
}

fn commas() -> crate::locale::Msg {
    tr!("数字中不能有逗号", "commas are not allowed in numbers")
}

pub(super) fn decimal_text(t: &str, loc: Loc) -> Res<Ratio> {
    if let Some(i) = t.find(',') {
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        let groups: Vec<&str> = int.split(',').collect();
        let thousands = groups[1..].iter().all(|g| g.len() == 3);
        let at = span(loc.start + i, loc.start + i + 1);
        if thousands {
            let plain: String = t.chars().filter(|c| *c != ',').collect();
            let under = groups.join("_");
            let under = if frac.is_empty() {
                under
            } else {
                format!("{under}.{frac}")
            };
            return Err(err_help(
                at,
                commas(),
                tr!(
                    "写成 `{plain}` 或 `{under}`",
                    "write `{plain}` or `{under}`"
                ),
            ));
        }
        let point = t.replacen(',', ".", 1);
        return Err(err_help(
            at,
            commas(),
            tr!(
                "小数要用小数点，如 `{point}`",
                "write decimals with a point, such as `{point}`"
            ),
        ));
    }
    Ratio::parse_decimal(t).ok_or_else(|| number_too_large(loc))
}

/// The multiplier `p` of the number literal `whole` (`1.2m` of `¥1.2m`).
fn multiplier(p: &Pair<'_, Rule>, whole: &Pair<'_, Rule>) -> Res<Ratio> {
    let n: i128 = match p.as_str() {
        "k" | "K" => 1_000,
        "M" => 1_000_000,
        "B" | "bn" => 1_000_000_000,
        "万" => 10_000,
        "亿" => 100_000_000,
        "m" => {
            let at = p.as_span().start() - whole.as_span().start();
            let text = whole.as_str().trim_end();
            let million = format!("{}M{}", &text[..at], &text[at + 1..]);
            return Err(err_help(
                loc_of(p),
                tr!("`m` 有歧义", "`m` is ambiguous"),
                tr!(
                    "表示百万要写成 `{million}`",
                    "write `{million}` for million"
                ),
            ));
        }
        _ => return Err(internal(loc_of(p))),
    };
    Ok(Ratio::int(n))
}

fn currency_code(p: &Pair<'_, Rule>) -> String {
    match p.as_str() {
        "¥" | "￥" | "元" => "CNY".into(),
        "$" => "USD".into(),
        "€" => "EUR".into(),
        "£" => "GBP".into(),
        code => code.to_string(),
    }
}

pub(super) fn money(p: Pair<'_, Rule>) -> Res<MoneyLit> {
    let loc = loc_of(&p);
    let mut currency: Option<String> = None;
    let mut value: Option<Ratio> = None;
    let mut multiplied = false;
    for k in p.clone().into_inner() {
        match k.as_rule() {
            Rule::currency_symbol | Rule::iso_code | Rule::yuan => {
                let code = currency_code(&k);
                match &currency {
                    Some(c) if *c != code => {
                        let second = k.as_str();
                        return Err(err_help(
                            loc_of(&k),
                            tr!(
                                "又出现了一个币种 `{second}`",
                                "a second currency `{second}`"
                            ),
                            tr!("这个金额已经用了币种 `{c}`", "the amount is already in {c}"),
                        ));
                    }
                    _ => currency = Some(code),
                }
            }
            Rule::decimal => value = Some(decimal(&k)?),
            Rule::multiplier => {
                let m = multiplier(&k, &p)?;
                multiplied = true;
                let v = value.ok_or_else(|| internal(loc))?;
                value = Some(v.checked_mul(m).ok_or_else(|| number_too_large(loc))?);
            }
            _ => {}
        }
    }
    Ok(MoneyLit {
        plain: currency.is_none() && !multiplied,
        currency,
        value: value.ok_or_else(|| internal(loc))?,
        loc,
    })
}

pub(super) fn share(p: Pair<'_, Rule>) -> Res<ShareLit> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let pct = next(&mut k, loc)?;
    let t = pct.as_str();
    let body = t.strip_suffix('%').unwrap_or(t);
    let (neg, digits, skip) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..], 1),
        Some(b'+') => (false, &body[1..], 1),
        _ => (false, body, 0),
    };
    let pl = loc_of(&pct);
    let mut percent = decimal_text(digits, span(pl.start + skip, pl.end - 1))?;
    if neg {
        percent = Ratio::ZERO
            .checked_sub(percent)
            .ok_or_else(|| number_too_large(pl))?;
    }
    let of = k.find(|x| x.as_rule() == Rule::path).map(|x| path(&x));
    Ok(ShareLit { percent, of, loc })
}

pub(super) fn quantity(p: Pair<'_, Rule>) -> Res<Quantity> {
    let loc = loc_of(&p);
    let mut negative = false;
    let mut signed = false;
    let mut value = Ratio::ZERO;
    let mut unit = QuantityUnit::Number;
    for k in p.into_inner() {
        match k.as_rule() {
            Rule::q_sign => {
                signed = true;
                negative = k.as_str() == "-";
            }
            Rule::q_ratio => {
                let kl = loc_of(&k);
                let mut r = k.into_inner();
                let (l, rt) = (next(&mut r, kl)?, next(&mut r, kl)?);
                let left = decimal(&l)?;
                let right = decimal(&rt)?;
                if left.is_zero() {
                    return Err(err_help(
                        loc_of(&l),
                        tr!("比例的左边不能是 0", "a ratio's left side can't be 0"),
                        tr!(
                            "比例写成 `1:5` 这样（每 1 对应 5）",
                            "write a ratio such as `1:5` (five for every one)"
                        ),
                    ));
                }
                value = right
                    .checked_div(left)
                    .ok_or_else(|| number_too_large(kl))?;
                unit = QuantityUnit::Ratio;
            }
            Rule::q_number => {
                let kl = loc_of(&k);
                for n in k.clone().into_inner() {
                    match n.as_rule() {
                        Rule::decimal => value = decimal(&n)?,
                        Rule::multiplier => {
                            value = value
                                .checked_mul(multiplier(&n, &k)?)
                                .ok_or_else(|| number_too_large(kl))?;
                        }
                        Rule::q_unit => {
                            unit = match n.as_str() {
                                "%" => QuantityUnit::Percent,
                                "x" | "X" | "×" => QuantityUnit::Times,
                                _ => QuantityUnit::Points,
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if negative {
        value = Ratio::ZERO
            .checked_sub(value)
            .ok_or_else(|| number_too_large(loc))?;
    }
    Ok(Quantity {
        value,
        unit,
        signed,
        loc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::{Amount, Segment};
    use crate::syntax::expr::tests::{dec, error, loc};
    use crate::syntax::expr::{parse_amount, parse_money, parse_quantity, parse_share};

    fn money_of(src: &str) -> (Option<String>, Ratio) {
        let m = parse_money(src).unwrap();
        (m.currency, m.value)
    }

    #[test]
    fn money_without_currency() {
        assert_eq!(money_of("1_200_000"), (None, Ratio::int(1_200_000)));
        assert_eq!(money_of("1200000.50"), (None, dec("1200000.5")));
        assert_eq!(money_of("120万"), (None, Ratio::int(1_200_000)));
        assert_eq!(money_of("1.5亿"), (None, Ratio::int(150_000_000)));
        assert_eq!(money_of("2.5B"), (None, Ratio::int(2_500_000_000)));
        assert_eq!(money_of("3bn"), (None, Ratio::int(3_000_000_000)));
    }

    #[test]
    fn money_with_currency() {
        let cny = Some("CNY".to_string());
        assert_eq!(money_of("¥1.2M"), (cny.clone(), Ratio::int(1_200_000)));
        assert_eq!(money_of("￥30万"), (cny.clone(), Ratio::int(300_000)));
        assert_eq!(money_of("120万元"), (cny.clone(), Ratio::int(1_200_000)));
        assert_eq!(money_of("CNY 50k"), (cny.clone(), Ratio::int(50_000)));
        assert_eq!(money_of("50k CNY"), (cny, Ratio::int(50_000)));
        assert_eq!(money_of("$50k"), (Some("USD".into()), Ratio::int(50_000)));
        assert_eq!(money_of("€30k"), (Some("EUR".into()), Ratio::int(30_000)));
        assert_eq!(
            money_of("EUR 1.2M"),
            (Some("EUR".into()), Ratio::int(1_200_000))
        );
        assert_eq!(money_of("£5"), (Some("GBP".into()), Ratio::int(5)));
        assert_eq!(parse_money("¥1.2M").unwrap().loc, loc(0, 6));
    }

    #[test]
    fn money_errors() {
        let e = error(parse_money("1.2m"));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(3, 4), "`m` is ambiguous")
        );
        let e = error(parse_money("1,200,000"));
        assert_eq!(e.loc, loc(1, 2));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `1200000` or `1_200_000`")
        );
        let e = error(parse_money("99999999999999999999999999999999999999亿"));
        assert_eq!(e.message.en, "number too large");
        let e = error(parse_money("999999999999999999999999999999999999999999999"));
        assert_eq!(e.message.en, "number too large");
        let e = error(parse_money("50 cny"));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write currency codes in capitals: `CNY`")
        );
        let e = error(parse_money("¥5 USD"));
        assert_eq!(e.loc, loc(4, 7));
    }

    // ---------------------------------------------------------------- shares and amounts

    #[test]
    fn shares() {
        let s = parse_share("60%").unwrap();
        assert_eq!((s.percent, s.of, s.loc), (Ratio::int(60), None, loc(0, 3)));
        assert_eq!(parse_share("33.3%").unwrap().percent, dec("33.3"));
        assert_eq!(parse_share("0.5%").unwrap().percent, dec("0.5"));
        assert_eq!(parse_share("-5%").unwrap().percent, Ratio::int(-5));
        assert_eq!(parse_share("150%").unwrap().percent, Ratio::int(150));
        let s = parse_share("25% of budget.kol").unwrap();
        let of = s.of.unwrap();
        assert_eq!(
            of.segments,
            [Segment::Name("budget".into()), Segment::Name("kol".into())]
        );
        assert_eq!(of.loc, loc(7, 17));
        assert!(parse_share("25% of kol").unwrap().of.is_some());
        let e = error(parse_share("60"));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("a share needs `%`: write `60%`")
        );
    }

    #[test]
    fn amounts() {
        assert!(matches!(parse_amount("60%").unwrap(), Amount::Share(_)));
        assert!(matches!(
            parse_amount("25% of kol").unwrap(),
            Amount::Share(_)
        ));
        assert!(matches!(parse_amount("¥1.2M").unwrap(), Amount::Money(_)));
        assert!(matches!(
            parse_amount("1_200_000").unwrap(),
            Amount::Money(_)
        ));
    }

    // ---------------------------------------------------------------- quantities

    fn qty(src: &str) -> (Ratio, QuantityUnit, bool) {
        let q = parse_quantity(src).unwrap();
        (q.value, q.unit, q.signed)
    }

    #[test]
    fn quantities() {
        use QuantityUnit::{Number, Percent, Points, Times};
        assert_eq!(qty("3.2%"), (dec("3.2"), Percent, false));
        assert_eq!(qty("+35%"), (Ratio::int(35), Percent, true));
        assert_eq!(qty("-7%"), (Ratio::int(-7), Percent, true));
        assert_eq!(qty("+2.3pp"), (dec("2.3"), Points, true));
        assert_eq!(qty("12万"), (Ratio::int(120_000), Number, false));
        assert_eq!(qty("8.5万"), (Ratio::int(85_000), Number, false));
        assert_eq!(qty("2600"), (Ratio::int(2600), Number, false));
        assert_eq!(qty("2_600"), (Ratio::int(2600), Number, false));
        assert_eq!(qty("1:5"), (Ratio::int(5), QuantityUnit::Ratio, false));
        assert_eq!(
            qty("2:7"),
            (Ratio::new(7, 2).unwrap(), QuantityUnit::Ratio, false)
        );
        assert_eq!(qty("1.5x"), (dec("1.5"), Times, false));
        assert_eq!(qty("12万+"), (Ratio::int(120_000), Number, false));
    }

    #[test]
    fn quantity_errors() {
        let e = error(parse_quantity("2,600"));
        assert_eq!(e.loc, loc(1, 2));
        assert_eq!(e.message.en, "commas are not allowed in numbers");
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `2600` or `2_600`")
        );
        let e = error(parse_quantity("0:5"));
        assert_eq!(e.loc, loc(0, 1));
        let e = error(parse_quantity("5 %"));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("remove the space before `%`")
        );
    }
}
