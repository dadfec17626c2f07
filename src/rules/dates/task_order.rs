//! A task is due before a task it waits for (`after`). Dependencies say
//! what must be finished first; a task due earlier than one of them cannot
//! be done in that order. Count its date from the dependency
//! (`due = "brief + 3wd"`) to keep the two in step.
//!
//! <!-- zh-CN -->
//! 任务的截止日期早于它所依赖（`after`）的任务。
//! 依赖关系说明哪些事必须先完成；截止得比依赖任务还早，
//! 就没法按这个顺序做完。
//! 让它的日期从依赖的任务起算（`due = "brief + 3wd"`），两者就能保持同步。

use crate::diagnostics::{Diagnostic, codes};
use crate::rules::Context;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for (c, t, due) in plan.dated_tasks() {
        for &j in &t.after {
            let dep = &c.tasks[j];
            let Some(dd) = dep.due else {
                continue;
            };
            if dd.value <= due.value {
                continue;
            }
            let (campaign, task, day) = (&c.id.name, &t.id.name, due.value);
            let (dep, dep_day) = (&dep.id.name, dd.value);
            out.push(
                Diagnostic::new(
                    &codes::D007,
                    due.span,
                    tr!(
                        "任务 `{campaign}.{task}` 截止于 {day}，早于它所依赖的 `{dep}`（{dep_day}）",
                        "task `{campaign}.{task}` is due on {day}, before `{dep}` ({dep_day}) which it waits for"
                    ),
                )
                .label(tr!("{day} 截止", "due {day}"))
                .secondary(dd.span, tr!("`{dep}` {dep_day} 截止", "`{dep}` is due {dep_day}"))
                .help(tr!(
                    "从依赖的任务起算，例如 `due = \"after {dep} + 2wd\"`",
                    "count from the dependency, e.g. `due = \"after {dep} + 2wd\"`"
                )),
            );
        }
    }
}
