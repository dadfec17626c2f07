//! A recurring column falls on public holidays and the plan does not say
//! what should happen then. Either the column skips them (`every wed except
//! holidays`), or it publishes on purpose (`holidays = "publish"`); single
//! days can also be left out (`skip = ["2026-10-07"]`) or moved
//! (`moves = { "2026-10-07" = "2026-10-09" }`).
//! A warning, because publishing on a holiday is sometimes right.

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, codes};
use crate::rules::Context;
use crate::rules::schedule::{date_list, skip_fix};
use crate::schedule::Kind;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    let mut days: Vec<Vec<NaiveDate>> = vec![Vec::new(); plan.columns.len()];
    for (_, it) in schedule.of_kind(Kind::Episode) {
        if let Some(k) = it.column
            && plan.calendar.is_holiday(it.start)
        {
            days[k].push(it.start);
        }
    }
    for (k, col) in plan.columns.iter().enumerate() {
        if days[k].is_empty() || col.skips_holidays || col.publishes_on_holidays {
            continue;
        }
        let every = &col.recurrence_span;
        let d = Diagnostic::new(
            &codes::P004,
            *every,
            format!(
                "column `{}` falls on holidays: {}",
                col.id.name,
                date_list(&days[k])
            ),
        )
        .label("no rule for holidays")
        .help(
            "add `except holidays` to skip them, list them in `skip`, or `holidays = \"publish\"` to publish on purpose",
        );
        // A recurrence without exceptions takes ` except holidays` before
        // its closing quote; any column can list the days in `skip`.
        let end = every.range().len().saturating_sub(1);
        let d = if col.recurrence.except.is_empty() {
            d.fix(every.sub(end, end), " except holidays")
        } else {
            d
        };
        let (at, text) = skip_fix(cx.sources, col, &days[k]);
        out.push(d.fix(at, text));
    }
}
