//! The sub-lines of a budget line add up to more than the line itself, e.g.
//! `ads` is ¥3M but `ads.douyin_feed` and `ads.xhs_search` are ¥2M each.
//! (For the top level, see `total-exceeded`; for sub-lines given only as
//! shares, see `budget-shares`.)

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Plan, money_text};
use crate::rules::budget::children_sum;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "B002",
    name: "budget-over-parent",
    family: Family::Budget,
    default_severity: Severity::Error,
    configurable: true,
    options: &[],
    summary: "Sub-lines add up to more than their budget line",
    source: include_str!("over_parent.rs"),
};

pub fn check(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let b = &plan.budget;
    for (i, line) in b.lines.iter().enumerate().skip(1) {
        let Some((sum, all_shares)) = children_sum(b, i) else {
            continue;
        };
        if all_shares || sum <= line.amount {
            continue;
        }
        let over = sum.checked_sub(line.amount).unwrap_or(sum);
        let mut d = Diagnostic::new(
            &RULE,
            line.value_span,
            format!(
                "the sub-lines of `{}` add up to {}, more than its {}",
                line.path,
                money_text(sum, &plan.currency),
                money_text(line.amount, &plan.currency)
            ),
        )
        .label(format!("over by {}", money_text(over, &plan.currency)));
        for &c in &line.children {
            d = d.secondary(
                b.lines[c].value_span,
                money_text(b.lines[c].amount, &plan.currency),
            );
        }
        out.push(d.help(format!("raise `{}` or lower its sub-lines", line.path)));
    }
}
