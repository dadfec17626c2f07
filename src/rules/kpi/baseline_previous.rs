//! This year's baseline of a KPI is not what last year's plan says it
//! achieved: the plan names its `previous` plan, that plan has a KPI with
//! the same id and an `actual`, and this plan's `baseline` differs from it.
//! One of the two is out of date, and the year-end deck would show two
//! different numbers for the same thing. Checked when the previous plan
//! can be read; its own problems are reported when it is checked itself.
//!
//! <!-- zh-CN -->
//! 今年某个 KPI 的基线，和去年计划记录的实际值不一致：计划用 `previous` 指明了上一年计划，
//! 那个计划里有同一标识、写了 `actual` 的 KPI，而本计划的 `baseline` 与之不同。
//! 两者必有一个过时了，年终汇报的演示文稿会对同一件事给出两个数字。
//! 能读取上一年计划时才检查；上一年计划本身的问题在检查它时报告。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Plan, quantity_text};
use crate::tr;

/// Compares `plan`'s baselines with `previous`'s actuals, KPI by KPI.
pub fn compare(plan: &Plan, previous: &Plan, out: &mut Vec<Diagnostic>) {
    for k in &plan.kpis {
        let Some(base) = &k.baseline else {
            continue;
        };
        let Some(actual) = previous
            .kpis
            .iter()
            .find(|p| p.id.name == k.id.name)
            .and_then(|p| p.actual.as_ref())
        else {
            continue;
        };
        let same = base.q.unit == actual.q.unit
            && base.q.signed == actual.q.signed
            && base.q.value == actual.q.value;
        if same {
            continue;
        }
        let id = &k.id.name;
        let (b, a) = (quantity_text(&base.q), quantity_text(&actual.q));
        let prev = &previous.id;
        out.push(
            Diagnostic::new(
                &codes::K005,
                base.span,
                tr!(
                    "`{id}` 的基线是 {b}，但上一年计划 `{prev}` 记录的实际值是 {a}",
                    "the baseline of `{id}` is {b}, but the previous plan `{prev}` says it achieved {a}"
                ),
            )
            .label(tr!("上一年的实际值是 {a}", "last year's actual is {a}"))
            .help(tr!(
                "把基线改成 {a}，或者改正上一年计划中 `[kpis.{id}]` 的 `actual`",
                "set the baseline to {a}, or correct `actual` in `[kpis.{id}]` of the previous plan"
            ))
            .fix(base.span, format!("\"{a}\"")),
        );
    }
}
