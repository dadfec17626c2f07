//! The budget lines add up to more than `budget.total`. Lines given in money
//! and lines given as shares of the total are added exactly; the message
//! gives the sum and the excess.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Allocation, money_text};
use crate::rules::Context;
use crate::rules::budget::children_sum;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let b = &plan.budget;
    let Some(total) = b.total() else {
        return;
    };
    if !matches!(total.allocation, Allocation::Money(_)) {
        return;
    }
    let (Some(kids), Some(whole)) = (children_sum(b, 0), total.amount) else {
        return;
    };
    if kids.all_shares || kids.sum <= whole {
        return;
    }
    let over = kids.sum.checked_sub(whole).unwrap_or(kids.sum);
    let mut d = Diagnostic::new(
        &codes::B004,
        total.value_span,
        format!(
            "the budget lines add up to {}, more than the total of {}",
            money_text(kids.sum, &plan.currency),
            money_text(whole, &plan.currency)
        ),
    )
    .label(format!("over by {}", money_text(over, &plan.currency)));
    for &(c, amount) in &kids.amounts {
        d = d.secondary(b.lines[c].value_span, money_text(amount, &plan.currency));
    }
    out.push(d.help("raise `budget.total` or lower the lines"));
}
