//! A rule the plan wrote for itself does not hold. `[assertions]` holds
//! comparisons in the expression language, checked against the resolved
//! plan; when one fails, the message shows the values of both sides.
//!
//! ```toml
//! [assertions]
//! ads_cap = "sum(budget.ads.*) <= 60% of budget.total"
//! kol_head = { expr = "budget.kol.head <= 10% of budget.kol", message = "head KOLs stay a small tier" }
//! ```
//!
//! Paths: `budget.total`, `budget.<line>`, `budget.<line>.*`,
//! `campaigns.<id>.budget`, `campaigns.*.budget`,
//! `kpis.<id>.target|baseline|actual`, `channels.<id>.slots_per_week`,
//! `reserve`. Functions: `sum`, `count`, `min`, `max`, `avg`. Operators:
//! `+ - * /`, comparisons `< <= > >= == !=`.
//!
//! Values keep their unit: money, a percentage (KPI rates, `reserve`, a bare
//! `10%`) or a plain number. An assertion that compares money with a plain
//! number or a bare percentage (`budget.tools <= 10`, `budget.tools <= 10%`)
//! is reported as `S006` rather than evaluated: write `¥10` or
//! `10% of budget.total`.

use crate::diagnostics::{Diagnostic, codes};
use crate::rules::Context;
use crate::rules::assertions::eval::{Unit, eval};
use crate::syntax::ast::CmpOp;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for a in &plan.assertions {
        let e = &a.expr;
        let (l, r) = match (eval(plan, &e.left), eval(plan, &e.right)) {
            (Ok(l), Ok(r)) => (l, r),
            (l, r) => {
                // The first problem worth a word: a value that is unknown
                // was reported where it is written, and a name the plan
                // does not declare may be in an include that did not load.
                let shown = [l.err(), r.err()].into_iter().flatten().find_map(|x| {
                    let code = x.code.filter(|_| !(plan.partial && x.undeclared))?;
                    Some((code, x))
                });
                if let Some((code, x)) = shown {
                    out.push(
                        Diagnostic::new(code, a.src.at(x.loc), x.message)
                            .label(format!("in assertion `{}`", a.id.name))
                            .help(x.help),
                    );
                }
                continue;
            }
        };
        let (ls, rs) = (a.src.at(e.left.loc()), a.src.at(e.right.loc()));
        let cur = &plan.currency;
        // Money against a plain number (`budget.tools <= 10`) compares
        // nothing real; zero is the one number that fits both.
        if l.is_money() != r.is_money() && !l.value.is_zero() && !r.value.is_zero() {
            let (money, other, other_span) = if l.is_money() { (l, r, rs) } else { (r, l, ls) };
            let (what, fix) = if other.unit == Unit::Percent {
                (
                    "a percentage",
                    format!(
                        "a share needs the line it is a share of: write `{} of budget.total`",
                        other.text(cur)
                    ),
                )
            } else {
                (
                    "a plain number",
                    format!(
                        "write the amount with its currency: `{}`",
                        money_literal(other.value, cur)
                    ),
                )
            };
            out.push(
                Diagnostic::new(
                    &codes::S006,
                    other_span,
                    format!(
                        "assertion `{}` compares money with {what}: {} against {}",
                        a.id.name,
                        l.text(cur),
                        r.text(cur)
                    ),
                )
                .label("not an amount of money")
                .secondary(
                    if l.is_money() { ls } else { rs },
                    format!("is {}", money.text(cur)),
                )
                .help(fix),
            );
            continue;
        }
        let holds = match e.op {
            CmpOp::Lt => l.value < r.value,
            CmpOp::Le => l.value <= r.value,
            CmpOp::Gt => l.value > r.value,
            CmpOp::Ge => l.value >= r.value,
            CmpOp::Eq => l.value == r.value,
            CmpOp::Ne => l.value != r.value,
        };
        if holds {
            continue;
        }
        let mut d = Diagnostic::new(
            &codes::A001,
            a.src.at(e.loc),
            format!(
                "assertion `{}` does not hold: {} against {}",
                a.id.name,
                l.text(&plan.currency),
                r.text(&plan.currency)
            ),
        )
        .label("false for this plan")
        .secondary(ls, format!("is {}", l.text(&plan.currency)))
        .secondary(rs, format!("is {}", r.text(&plan.currency)));
        d = match &a.message {
            Some(m) => d.help(m.clone()),
            None => d.help(format!(
                "the left side must be {} {}; change the plan (or the assertion, if the rule itself changed)",
                match e.op {
                    CmpOp::Lt => "less than",
                    CmpOp::Le => "at most",
                    CmpOp::Gt => "more than",
                    CmpOp::Ge => "at least",
                    CmpOp::Eq => "equal to",
                    CmpOp::Ne => "different from",
                },
                r.text(&plan.currency)
            )),
        };
        out.push(d);
    }
}

/// An amount as the expression language writes it: `¥1_000_000`, `EUR 250.5`.
fn money_literal(v: crate::ratio::Ratio, currency: &str) -> String {
    let text = v.to_decimal_string(2);
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), format!(".{f}")),
        None => (text.clone(), String::new()),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d.to_string()),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('_');
        }
        grouped.push(c);
    }
    let symbol = match currency {
        "CNY" => Some("¥"),
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        _ => None,
    };
    match symbol {
        Some(s) => format!("{sign}{s}{grouped}{frac}"),
        None => format!("{currency} {sign}{grouped}{frac}"),
    }
}
