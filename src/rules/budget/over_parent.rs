//! The sub-lines of a budget line add up to more than the line itself, e.g.
//! `ads` is ¥3M but `ads.douyin_feed` and `ads.xhs_search` are ¥2M each.
//! (For the top level, see `total-exceeded`; for sub-lines given only as
//! shares, see `budget-shares`.)

use crate::diagnostics::{Diagnostic, codes};
use crate::model::money_text;
use crate::rules::Context;
use crate::rules::budget::children_sum;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let b = &plan.budget;
    for (i, line) in b.lines.iter().enumerate().skip(1) {
        let (Some(kids), Some(whole)) = (children_sum(b, i), line.amount) else {
            continue;
        };
        if kids.all_shares || kids.sum <= whole {
            continue;
        }
        let over = kids.sum.checked_sub(whole).unwrap_or(kids.sum);
        let mut d = Diagnostic::new(
            &codes::B002,
            line.value_span,
            format!(
                "the sub-lines of `{}` add up to {}, more than its {}",
                line.path,
                money_text(kids.sum, &plan.currency),
                money_text(whole, &plan.currency)
            ),
        )
        .label(format!("over by {}", money_text(over, &plan.currency)));
        for &(c, amount) in &kids.amounts {
            d = d.secondary(b.lines[c].value_span, money_text(amount, &plan.currency));
        }
        out.push(d.help(format!("raise `{}` or lower its sub-lines", line.path)));
    }
}
