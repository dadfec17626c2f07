//! A budget line given as a plain number among lines given as shares: the
//! number is read as money, which is rarely what was meant. In
//!
//! ```toml
//! [budget]
//! total = "500万"
//! ads = 50        # ¥50, not 50%
//! kol = "35%"
//! tools = "15%"
//! ```
//!
//! `ads` holds ¥50 while its siblings split the total by percent; the `%`
//! was most likely forgotten (a TOML number cannot hold one). The help
//! offers `"50%"`.
//!
//! Only a plausible slip is reported: a line written beside its id as a
//! number alone (`ads = 50` or `ads = "50"`: no currency, no `万`/`k`/`M`)
//! of more than 0 and at most 100, on a level where at least one sibling
//! is a share of the same parent. A level may mix amounts and shares on
//! purpose; an amount written with its currency (`"¥50"`), with a
//! multiplier (`"50万"`), as `amount = 50` in the line's table, or larger
//! than 100 (which no share can be) is taken as meant.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Allocation, money_text, percent_text};
use crate::ratio::Ratio;
use crate::rules::Context;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let b = &plan.budget;
    for (i, parent) in b.lines.iter().enumerate() {
        let is_share =
            |c: &usize| matches!(b.lines[*c].allocation, Allocation::Share { of: None, .. });
        let Some(&share) = parent.children.iter().find(|c| is_share(c)) else {
            continue;
        };
        let whole = if i == 0 {
            "the total".to_string()
        } else {
            format!("`{}`", parent.path)
        };
        for &c in &parent.children {
            let line = &b.lines[c];
            let Allocation::Money(v) = line.allocation else {
                continue;
            };
            if !line.plain_number || v <= Ratio::ZERO || v > Ratio::HUNDRED {
                continue;
            }
            let as_money = money_text(v, &plan.currency);
            let as_share = percent_text(v);
            out.push(
                Diagnostic::new(
                    &codes::B007,
                    line.value_span,
                    format!(
                        "budget line `{}` is {as_money}, among shares of {whole}",
                        line.path
                    ),
                )
                .label(format!("{as_money}, not {as_share}"))
                .secondary(b.lines[share].value_span, "a share")
                .help(format!(
                    "for {as_share} of {whole}, write `{} = \"{as_share}\"`; an amount \
                     this small is written with its currency (`\"{as_money}\"`)",
                    line.id.name
                )),
            );
        }
    }
}
