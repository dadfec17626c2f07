//! The budget lines add up to more than `budget.total`. Lines given in money
//! and lines given as shares of the total are added exactly; the message
//! gives the sum and the excess.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Allocation, money_text};
use crate::rules::Context;
use crate::rules::budget::Excess;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let b = &plan.budget;
    let Some(total) = b.total() else {
        return;
    };
    if !matches!(total.allocation, Allocation::Money(_)) {
        return;
    }
    let Some(e) = Excess::of(b, 0) else {
        return;
    };
    let d = Diagnostic::new(
        &codes::B004,
        total.value_span,
        format!(
            "the budget lines add up to {}, more than the total of {}",
            money_text(e.kids.sum, &plan.currency),
            money_text(e.whole, &plan.currency)
        ),
    );
    let d = e.explain(d, b, &plan.currency);
    out.push(d.help("raise `budget.total` or lower the lines"));
}
