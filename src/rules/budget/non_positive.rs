//! A budget amount or share of zero or less: a line, the total, or what a
//! campaign draws. A line with nothing in it is better removed (or given a
//! note); a negative amount is always a mistake.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::Allocation;
use crate::rules::Context;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
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
                &codes::B005,
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
                        &codes::B005,
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
