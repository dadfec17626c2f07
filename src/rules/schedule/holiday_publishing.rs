//! A column that skips holidays (`except holidays`) is moved onto a holiday
//! by `moves`. The column says it does not publish on holidays, so the move
//! contradicts it: move the occurrence to a working day instead.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::Plan;
use crate::rules::Context;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for col in &plan.columns {
        if !col.skips_holidays {
            continue;
        }
        for (_, to) in &col.moves {
            if !plan.calendar.is_holiday(to.value) {
                continue;
            }
            let name = plan.calendar.day_name(to.value).unwrap_or("a holiday");
            out.push(
                Diagnostic::new(&codes::P003, to.span, format!("column `{}` skips holidays but is moved onto {} ({name})", col.id.name, to.value))
                    .label("a holiday")
                    .secondary(col.recurrence_span, "skips holidays")
                    .help(match first_after(plan, to.value) {
                        Some(d) => format!("move it to a day that is not a holiday (the first after {name} is {d}), or publish on holidays on purpose: drop `except holidays` and write `holidays = \"publish\"`"),
                        None => "move it to a day that is not a holiday".to_string(),
                    }),
            );
        }
    }
}

/// The first day after `d` that is not a holiday.
fn first_after(plan: &Plan, d: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    d.iter_days()
        .skip(1)
        .take(366)
        .find(|x| !plan.calendar.is_holiday(*x))
}
