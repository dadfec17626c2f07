//! A budget amount or share of zero or less: a line, the total, or what a
//! campaign draws. A line with nothing in it is better removed (or given a
//! note); a negative amount is always a mistake.

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Allocation, Plan};
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "B005",
    name: "non-positive-amount",
    family: Family::Budget,
    default_severity: Severity::Error,
    configurable: true,
    options: &[],
    summary: "A budget amount or share is zero or negative",
    source: include_str!("non_positive.rs"),
};

pub fn check(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for line in &plan.budget.lines {
        let bad = match &line.allocation {
            Allocation::Money(v) => !v.is_negative() && !v.is_zero(),
            Allocation::Share { percent, .. } => !percent.is_negative() && !percent.is_zero(),
            Allocation::Children | Allocation::Invalid => true,
        };
        if bad {
            continue;
        }
        let what = if line.parent.is_none() {
            "the budget total".to_string()
        } else {
            format!("budget line `{}`", line.path)
        };
        out.push(
            Diagnostic::new(
                &RULE,
                line.value_span,
                format!("{what} is zero or negative"),
            )
            .label("must be more than zero")
            .help("give it an amount, or remove the line"),
        );
    }
    for c in &plan.campaigns {
        for d in &c.budget {
            if d.amount.is_some_and(|a| a.is_negative() || a.is_zero()) {
                out.push(
                    Diagnostic::new(
                        &RULE,
                        d.span,
                        format!(
                            "campaign `{}` draws nothing from `{}`",
                            c.id.name, plan.budget.lines[d.line].path
                        ),
                    )
                    .label("zero or negative")
                    .help("remove the entry or give the amount the campaign needs"),
                );
            }
        }
    }
}
