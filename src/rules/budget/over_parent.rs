//! The sub-lines of a budget line add up to more than the line itself, e.g.
//! `ads` is ¥3M but `ads.douyin_feed` and `ads.xhs_search` are ¥2M each.
//! (For the top level, see `total-exceeded`; for sub-lines given only as
//! shares, see `budget-shares`.)

use crate::diagnostics::{Diagnostic, codes};
use crate::model::money_text;
use crate::rules::Context;
use crate::rules::budget::Excess;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let b = &plan.budget;
    for (i, line) in b.lines.iter().enumerate().skip(1) {
        let Some(e) = Excess::of(b, i) else {
            continue;
        };
        let d = Diagnostic::new(
            &codes::B002,
            line.value_span,
            format!(
                "the sub-lines of `{}` add up to {}, more than its {}",
                line.path,
                money_text(e.kids.sum, &plan.currency),
                money_text(e.whole, &plan.currency)
            ),
        );
        let d = e.explain(d, b, &plan.currency);
        out.push(d.help(format!("raise `{}` or lower its sub-lines", line.path)));
    }
}
