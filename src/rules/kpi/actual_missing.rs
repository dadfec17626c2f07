//! A plan that reports results (a KPI's actual, a campaign's results, what
//! a budget line spent, highlights) is a year-end review; in it,
//! a KPI that set a target but has no actual leaves a gap the review deck
//! would show as a blank. Fill in the actual, or, if the KPI was dropped
//! during the year, say so in its `note` and remove its target.
//!
//! <!-- zh-CN -->
//! 写了成果（KPI 的实际值、活动成果、预算科目的实际花费或亮点）的计划是一份年终复盘；
//! 在复盘计划里，定了目标却没有实际值的 KPI 会在复盘演示文稿中留下空白。
//! 补上实际值；如果这个 KPI 在年中取消了，在 `note` 中说明，并删掉它的目标值。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::quantity_text;
use crate::rules::Context;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    if !plan.has_results() {
        return;
    }
    for k in &plan.kpis {
        let (Some(target), None) = (&k.target, &k.actual) else {
            continue;
        };
        let id = &k.id.name;
        let t = quantity_text(&target.q);
        out.push(
            Diagnostic::new(
                &codes::K004,
                target.span,
                tr!(
                    "`{id}` 定了目标 {t}，却没有实际值",
                    "`{id}` has a target of {t} but no actual"
                ),
            )
            .label(tr!("复盘时这个目标没有结果", "this target has no result in the review"))
            .help(tr!(
                "在 `[kpis.{id}]` 中补上 `actual = \"…\"`（或用 `almanac actuals import` 从后台导出的数据填入）",
                "add `actual = \"…\"` to `[kpis.{id}]` (or fill it from a back end's export with `almanac actuals import`)"
            )),
        );
    }
}
