//! A rate above 100%: an engagement rate, a conversion rate or a share
//! written as a level (`105%`) cannot exceed the whole. Changes written
//! with a sign (`+135%` follower growth) are not rates and may exceed 100%.
//!
//! <!-- zh-CN -->
//! 比率超过 100%：互动率、转化率，或写成绝对值（`105%`）的占比，
//! 都不可能超过 100%。带正负号的变化量（粉丝增长 `+135%`）不是比率，
//! 可以超过 100%。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::percent_text;
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::syntax::ast::QuantityUnit;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for k in &plan.kpis {
        for ((what_zh, what_en), v) in [
            (("基线", "baseline"), &k.baseline),
            (("目标值", "target"), &k.target),
            (("实际值", "actual"), &k.actual),
        ] {
            let Some(v) = v else {
                continue;
            };
            if v.q.unit != QuantityUnit::Percent || v.q.signed || v.q.value <= Ratio::HUNDRED {
                continue;
            }
            let (id, rate) = (&k.id.name, percent_text(v.q.value));
            out.push(
                Diagnostic::new(
                    &codes::K002,
                    v.span,
                    tr!(
                        "`{id}` 的{what_zh}是比率 {rate}",
                        "the {what_en} of `{id}` is a rate of {rate}"
                    ),
                )
                .label(tr!("超过 100%", "above 100%"))
                .help(tr!(
                    "比率最高是 100%；如果要表示增长，写成带正负号的变化量（`+135%`）",
                    "a rate is at most 100%; write a change with its sign (`+135%`) if growth is meant"
                )),
            );
        }
    }
}
