//! A recurring column falls on public holidays and the plan does not say
//! what should happen then. Either the column skips them (`every wed except
//! holidays`), or it publishes on purpose (`holidays = "publish"`); a
//! single day can also be moved (`moves = { "2026-10-07" = "2026-10-09" }`).
//! A warning, because publishing on a holiday is sometimes right.

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Plan;
use crate::rules::schedule::date_list;
use crate::rules::{Family, Rule};
use crate::schedule::{Kind, Schedule};

pub static RULE: Rule = Rule {
    code: "P004",
    name: "column-on-holiday",
    family: Family::Schedule,
    default_severity: Severity::Warning,
    configurable: true,
    options: &[],
    summary: "A column falls on holidays without a rule for them",
    source: include_str!("column_on_holiday.rs"),
};

pub fn check(plan: &Plan, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
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
        out.push(
            Diagnostic::new(&RULE, *every, format!("column `{}` falls on holidays: {}", col.id.name, date_list(&days[k])))
                .label("no rule for holidays")
                .help("add `except holidays` to skip them, or `holidays = \"publish\"` to publish on purpose"),
        );
    }
}
