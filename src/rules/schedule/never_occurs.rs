//! A recurring column has no occurrence in the plan's period: its `during`
//! range lies outside the period, every day it would publish on is skipped,
//! paused or a holiday it skips, or the recurrence names a day that does
//! not exist (`monthly on 31st` with `during = "feb"`).

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Column, DateRange, Plan};
use crate::rules::Context;
use crate::rules::schedule::date_list;
use crate::schedule::Kind;
use crate::schedule::recur;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    let mut counts = vec![0usize; plan.columns.len()];
    for (_, it) in schedule.of_kind(Kind::Episode) {
        if let Some(k) = it.column {
            counts[k] += 1;
        }
    }
    for (k, col) in plan.columns.iter().enumerate() {
        if counts[k] > 0
            || out
                .iter()
                .any(|d| d.rule.code == "P007" && d.primary.span == col.recurrence_span)
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                &codes::P006,
                col.recurrence_span,
                format!(
                    "column `{}` never publishes in the plan's period",
                    col.id.name
                ),
            )
            .label("no occurrence")
            .secondary(col.during.span, "within this range")
            .help(why(plan, col)),
        );
    }
}

/// Why a column has no episode: the range, the recurrence, or what left
/// its days out.
fn why(plan: &Plan, col: &Column) -> String {
    let p = plan.period.value;
    let w = col.during.value;
    let range = DateRange {
        start: w.start.max(p.start),
        end: w.end.min(p.end),
    };
    if range.start > range.end {
        return format!(
            "`during` is {}..{}, outside the plan's period {}..{}; move `during` into the period",
            w.start, w.end, p.start, p.end
        );
    }
    let span = format!("{}..{}", range.start, range.end);
    let Ok(days) = recur::expand(&col.recurrence.frequency, range, &plan.calendar) else {
        return "check `every`, `during`, `skip` and `pause`".to_string();
    };
    if days.is_empty() {
        return format!("the recurrence has no day in {span}; check `every` and `during`");
    }
    let is_holiday = |d: &NaiveDate| col.skips_holidays && plan.calendar.is_holiday(*d);
    let is_skipped = |d: &NaiveDate| col.skip.iter().any(|s| s.value == *d);
    let is_paused = |d: &NaiveDate| col.pause.iter().any(|r| r.value.contains(*d));
    let remedy = "widen `during`, or check `skip`, `pause` and `except`";
    if let [d] = days.as_slice() {
        let reason = if is_holiday(d) {
            format!(
                "a holiday it skips ({})",
                plan.calendar.day_name(*d).unwrap_or("holiday")
            )
        } else if is_skipped(d) {
            "in `skip` or `except`".to_string()
        } else {
            "paused".to_string()
        };
        return format!("its only day in {span}, {d}, is {reason}; {remedy}");
    }
    let holidays = days.iter().filter(|d| is_holiday(d)).count();
    let skipped = days
        .iter()
        .filter(|d| !is_holiday(d) && is_skipped(d))
        .count();
    let paused = days
        .iter()
        .filter(|d| !is_holiday(d) && !is_skipped(d) && is_paused(d))
        .count();
    let mut reasons = Vec::new();
    if holidays > 0 {
        reasons.push(format!(
            "{holidays} holiday{} it skips",
            if holidays == 1 { "" } else { "s" }
        ));
    }
    if skipped > 0 {
        reasons.push(format!("{skipped} in `skip` or `except`"));
    }
    if paused > 0 {
        reasons.push(format!("{paused} paused"));
    }
    format!(
        "all {} of its days in {span} ({}) are left out: {}; {remedy}",
        days.len(),
        date_list(&days),
        reasons.join(", ")
    )
}
