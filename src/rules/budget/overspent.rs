//! What was spent is above what was planned: a budget line whose `spent`
//! is more than its amount, or a campaign whose `results.spent` is more
//! than it draws from the budget. A review reports it so that the
//! overspend is explained, not discovered in the deck; a warning, since
//! the money is gone.
//!
//! <!-- zh-CN -->
//! 实际花费超出计划：预算科目的 `spent` 高于它的金额，或者活动的 `results.spent`
//! 高于它从预算中支取的金额。复盘时报告出来，让超支在汇报前就得到解释，
//! 而不是在演示文稿里才被发现；钱已经花出去了，所以是警告。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::money_text;
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let cur = &plan.currency;
    for line in &plan.budget.lines {
        let (Some(spent), Some(amount)) = (line.spent, line.amount) else {
            continue;
        };
        let Some((s, a, over)) = overspend(spent.value, amount, cur) else {
            continue;
        };
        let path = &line.path;
        out.push(
            Diagnostic::new(
                &codes::B008,
                spent.span,
                tr!(
                    "`{path}` 实际花费 {s}，超出预算 {a}",
                    "`{path}` spent {s}, more than its budget of {a}"
                ),
            )
            .label(tr!("超支 {over}", "{over} over"))
            .secondary(line.value_span, tr!("预算 {a}", "budget {a}"))
            .help(tr!(
                "在 `note` 中说明超支的原因；如果是录入错误，改正 `spent`",
                "explain the overspend in the line's `note`; if it is a typing error, correct `spent`"
            )),
        );
    }
    for c in &plan.campaigns {
        let (Some(spent), Some(drawn)) = (c.results.spent, c.drawn()) else {
            continue;
        };
        let Some((s, a, over)) = overspend(spent.value, drawn, cur) else {
            continue;
        };
        let id = &c.id.name;
        out.push(
            Diagnostic::new(
                &codes::B008,
                spent.span,
                tr!(
                    "活动 `{id}` 实际花费 {s}，超出它支取的预算 {a}",
                    "campaign `{id}` spent {s}, more than the {a} it draws from the budget"
                ),
            )
            .label(tr!("超支 {over}", "{over} over"))
            .help(tr!(
                "在活动的 `description` 中说明超支的原因；如果是录入错误，改正 `results.spent`",
                "explain the overspend in the campaign's `description`; if it is a typing error, correct `results.spent`"
            )),
        );
    }
}

/// What was spent, what was planned and the difference, as money, when
/// more was spent.
fn overspend(spent: Ratio, planned: Ratio, cur: &str) -> Option<(String, String, String)> {
    let over = spent.checked_sub(planned).filter(|o| *o > Ratio::ZERO)?;
    Some((
        money_text(spent, cur),
        money_text(planned, cur),
        money_text(over, cur),
    ))
}
