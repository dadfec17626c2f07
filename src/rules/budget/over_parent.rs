//! The sub-lines of a budget line add up to more than the line itself, e.g.
//! `ads` is ¥3M but `ads.douyin_feed` and `ads.xhs_search` are ¥2M each.
//! (For the top level, see `total-exceeded`; for sub-lines given only as
//! shares, see `budget-shares`.)
//!
//! <!-- zh-CN -->
//! 预算科目的子科目加起来超过了科目本身，比如 `ads` 是 300 万，
//! 而 `ads.douyin_feed` 和 `ads.xhs_search` 各 200 万。
//! （顶层的情况见 `total-exceeded`；只按占比分配的子科目见 `budget-shares`。）

use crate::diagnostics::{Diagnostic, codes};
use crate::model::money_text;
use crate::rules::Context;
use crate::rules::budget::Excess;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let b = &plan.budget;
    for (i, line) in b.lines.iter().enumerate().skip(1) {
        let Some(e) = Excess::of(b, i) else {
            continue;
        };
        let path = &line.path;
        let sum = money_text(e.kids.sum, &plan.currency);
        let whole = money_text(e.whole, &plan.currency);
        let d = Diagnostic::new(
            &codes::B002,
            line.value_span,
            tr!(
                "`{path}` 的子科目加起来是 {sum}，超过了它的 {whole}",
                "the sub-lines of `{path}` add up to {sum}, more than its {whole}"
            ),
        );
        let d = e.explain(d, b, &plan.currency);
        out.push(d.help(tr!(
            "调高 `{path}`，或调低它的子科目",
            "raise `{path}` or lower its sub-lines"
        )));
    }
}
