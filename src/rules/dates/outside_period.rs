//! A date outside the plan's period: a campaign window, a moment, a
//! blackout, a column's `during` range or a task's due date that falls
//! (partly) before the plan starts or after it ends. Usually a wrong year
//! (`2026-07-01` in a 2027 plan) or an offset that went too far.
//!
//! <!-- zh-CN -->
//! 日期落在计划周期之外：活动的起止日期、营销节点、禁发期、
//! 栏目的 `during` 范围或任务的截止日期（部分）早于计划开始，
//! 或晚于计划结束。通常是年份写错了（2027 年的计划里写了 `2026-07-01`），
//! 或者偏移量推得太远。

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::model::DateRange;
use crate::rules::Context;
use crate::source::Span;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let period = plan.period.value;
    let (from, to) = (period.start, period.end);
    // `what` is only built for dates that are outside.
    let mut report = |what: &dyn Fn() -> Msg, r: DateRange, span: Span| {
        if period.contains(r.start) && period.contains(r.end) {
            return;
        }
        let when = if r.start == r.end {
            r.start.to_string()
        } else {
            format!("{}..{}", r.start, r.end)
        };
        let what = what();
        let (what_zh, what_en) = (&what.zh, &what.en);
        out.push(
            Diagnostic::new(
                &codes::D001,
                span,
                tr!(
                    "{what_zh}（{when}）超出了计划周期 {from}..{to}",
                    "{what_en} ({when}) is outside the plan's period {from}..{to}"
                ),
            )
            .label(tr!("算出来是 {when}", "resolves to {when}"))
            .secondary(plan.period.span, tr!("计划周期", "the plan's period"))
            .help(tr!(
                "检查年份和偏移量，或放宽 `plan.period`",
                "check the year and the offsets, or widen `plan.period`"
            )),
        );
    };
    for c in &plan.campaigns {
        let id = &c.id.name;
        report(
            &|| tr!("活动 `{id}`", "campaign `{id}`"),
            c.window.value,
            c.window.span,
        );
        for t in &c.tasks {
            if let Some(d) = t.due {
                let task = &t.id.name;
                report(
                    &|| tr!("任务 `{id}.{task}`", "task `{id}.{task}`"),
                    DateRange {
                        start: d.value,
                        end: d.value,
                    },
                    d.span,
                );
            }
        }
    }
    for m in &plan.moments {
        let id = &m.id.name;
        report(
            &|| tr!("营销节点 `{id}`", "moment `{id}`"),
            m.when.value,
            m.when.span,
        );
    }
    for b in &plan.blackouts {
        let id = &b.id.name;
        report(
            &|| tr!("禁发期 `{id}`", "blackout `{id}`"),
            b.when.value,
            b.when.span,
        );
    }
    for c in &plan.columns {
        if c.during.span != plan.period.span {
            let id = &c.id.name;
            report(
                &|| tr!("栏目 `{id}`", "column `{id}`"),
                c.during.value,
                c.during.span,
            );
        }
    }
}
