//! The budget lines add up to more than `budget.total`. Lines given in money
//! and lines given as shares of the total are added exactly; the message
//! gives the sum and the excess.
//!
//! <!-- zh-CN -->
//! 各预算科目加起来超过了 `budget.total`。
//! 写成金额的科目和写成总预算占比的科目都按精确值相加；
//! 诊断会给出合计和超出的金额。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Allocation, money_text};
use crate::rules::Context;
use crate::rules::budget::Excess;
use crate::tr;

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
    let sum = money_text(e.kids.sum, &plan.currency);
    let whole = money_text(e.whole, &plan.currency);
    let d = Diagnostic::new(
        &codes::B004,
        total.value_span,
        tr!(
            "各预算科目加起来是 {sum}，超过了总预算 {whole}",
            "the budget lines add up to {sum}, more than the total of {whole}"
        ),
    );
    let d = e.explain(d, b, &plan.currency);
    out.push(d.help(tr!(
        "调高 `budget.total`，或调低各科目",
        "raise `budget.total` or lower the lines"
    )));
}
