//! A task is due before a task it waits for (`after`). Dependencies say
//! what must be finished first; a task due earlier than one of them cannot
//! be done in that order. Count its date from the dependency
//! (`due = "brief + 3wd"`) to keep the two in step.

use crate::diagnostics::{Diagnostic, codes};
use crate::rules::Context;

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
            out.push(
                Diagnostic::new(
                    &codes::D007,
                    due.span,
                    format!(
                        "task `{}.{}` is due on {}, before `{}` ({}) which it waits for",
                        c.id.name, t.id.name, due.value, dep.id.name, dd.value
                    ),
                )
                .label(format!("due {}", due.value))
                .secondary(dd.span, format!("`{}` is due {}", dep.id.name, dd.value))
                .help(format!(
                    "count from the dependency, e.g. `due = \"after {} + 2wd\"`",
                    dep.id.name
                )),
            );
        }
    }
}
