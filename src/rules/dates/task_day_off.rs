//! A task is due on a day that is not a workday on the plan's calendar: a
//! weekend, a public holiday, or a day the plan declares off. Make-up
//! workdays (调休) count as workdays. Offsets in workdays (`start - 5wd`)
//! always land on workdays; calendar-day offsets (`start - 7d`) may not.
//! A warning: move the date, or count in workdays.
//!
//! A task that publishes (`publish = true`) is exempt: its date is when the
//! content goes out, and content goes out on weekends and holidays like a
//! column's episodes do; the work before it is checked through the review
//! chain, whose levels receive the item on workdays.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::weekday_short;
use crate::rules::Context;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    use chrono::Datelike;
    for (c, t, due) in plan.dated_tasks() {
        if t.publish || plan.calendar.is_workday(due.value) {
            continue;
        }
        let why = match plan.calendar.day_name(due.value) {
            Some(n) => format!("a holiday ({n})"),
            None => format!("a {}", due.value.format("%A")),
        };
        out.push(
                Diagnostic::new(
                    &codes::D006,
                    due.span,
                    format!(
                        "task `{}.{}` is due on {}, {why}",
                        c.id.name, t.id.name, due.value
                    ),
                )
                .label("not a workday")
                .help(match plan.calendar.add_workdays(due.value, -1) {
                    Some(before) => format!(
                        "the workday before is {before} ({}{}); count in workdays (`wd`) or pick another day",
                        weekday_short(before.weekday()),
                        if plan.calendar.week().contains(before.weekday()) { "" } else { ", a make-up workday" }
                    ),
                    None => "count in workdays (`wd`) or pick another day".to_string(),
                }),
            );
    }
}
