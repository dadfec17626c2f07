//! The budget lines add up to more than `budget.total`. Lines given in money
//! and lines given as shares of the total are added exactly; the message
//! gives the sum and the excess.

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Allocation, Plan, money_text};
use crate::rules::budget::children_sum;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "B004",
    name: "total-exceeded",
    family: Family::Budget,
    default_severity: Severity::Error,
    configurable: true,
    options: &[],
    summary: "The budget lines add up to more than the total",
    source: include_str!("total_exceeded.rs"),
};

pub fn check(plan: &Plan, out: &mut Vec<Diagnostic>) {
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
        &RULE,
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
