//! A budget amount or share of zero or less: a line, the total, or what a
//! campaign draws. A line with nothing in it is better removed (or given a
//! note); a negative amount is always a mistake.
//!
//! <!-- zh-CN -->
//! 预算金额或占比为零或负数：某个预算科目、总预算，或活动支取的金额。
//! 没有金额的科目最好删掉（或改成一条备注）；金额为负数一定是写错了。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::Allocation;
use crate::rules::Context;
use crate::tr;

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
        let message = if line.parent.is_none() {
            tr!("总预算为零或负数", "the budget total is zero or negative")
        } else {
            let path = &line.path;
            tr!(
                "预算科目 `{path}` 为零或负数",
                "budget line `{path}` is zero or negative"
            )
        };
        out.push(
            Diagnostic::new(&codes::B005, line.value_span, message)
                .label(tr!("必须大于零", "must be more than zero"))
                .help(tr!(
                    "填上金额，或删掉这个科目",
                    "give it an amount, or remove the line"
                )),
        );
    }
    for c in &plan.campaigns {
        for d in &c.budget {
            if d.amount.is_some_and(|a| a.is_negative() || a.is_zero()) {
                let (id, path) = (&c.id.name, &plan.budget.lines[d.line].path);
                out.push(
                    Diagnostic::new(
                        &codes::B005,
                        d.span,
                        tr!(
                            "活动 `{id}` 没有从 `{path}` 支取任何金额",
                            "campaign `{id}` draws nothing from `{path}`"
                        ),
                    )
                    .label(tr!("为零或负数", "zero or negative"))
                    .help(tr!(
                        "删掉这一项，或填上活动需要的金额",
                        "remove the entry or give the amount the campaign needs"
                    )),
                );
            }
        }
    }
}
