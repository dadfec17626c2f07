//! The rule catalogue. Each rule is one file whose `//!` doc comment is its
//! explanation (`almanac explain CODE` prints it) and whose `RULE` constant
//! registers its code, name and default severity in `registry::RULES`.
//! Codes are stable forever: a family letter and a number (`B001`).
//!
//! Some rules are found while reading or resolving a plan (syntax, unknown
//! names, include cycles); those files hold only the explanation and the
//! constant. The others check a resolved `Plan` and have a `check` function,
//! called from `check_plan` below in registry order.

pub mod assertions;
pub mod budget;
pub mod capacity;
pub mod config;
pub mod dates;
pub mod kpi;
pub mod outputs;
pub mod references;
pub mod registry;
pub mod schedule;
pub mod syntax;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Plan;
use crate::schedule::Schedule;

#[derive(PartialEq, Eq)]
pub struct Rule {
    /// `B001`: family letter and number.
    pub code: &'static str,
    /// `budget-shares`: names the problem, never the fix.
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    /// Whether a plan's `[rules]` may change the severity or turn it off.
    pub configurable: bool,
    /// Thresholds a plan may set in `[rules.<name>]` (`tolerance`).
    pub options: &'static [&'static str],
    /// One line for `almanac rules`.
    pub summary: &'static str,
    /// The rule's own source file; its `//!` lines are the explanation.
    pub source: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Syntax,
    References,
    Budget,
    Dates,
    Kpi,
    Assertions,
    Schedule,
    Capacity,
    Outputs,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::References => "references",
            Family::Budget => "budget",
            Family::Dates => "dates",
            Family::Kpi => "kpi",
            Family::Assertions => "assertions",
            Family::Schedule => "schedule",
            Family::Capacity => "capacity",
            Family::Outputs => "outputs",
        }
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

impl Rule {
    /// The explanation: the `//!` paragraph(s) of the rule's file.
    pub fn explanation(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                if !out.is_empty() {
                    break;
                }
                continue;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out
    }
}

/// Runs every plan rule over a resolved plan and its schedule.
pub fn check_plan(plan: &Plan, sched: &Schedule, out: &mut Vec<Diagnostic>) {
    budget::shares::check(plan, out);
    budget::over_parent::check(plan, out);
    budget::total_exceeded::check(plan, out);
    budget::campaign_over_line::check(plan, out);
    budget::non_positive::check(plan, out);
    budget::kol_pyramid::check(plan, out);
    budget::mixed_units::check(plan, out);
    dates::outside_period::check(plan, out);
    dates::no_holiday_schedule::check(plan, out);
    dates::task_day_off::check(plan, out);
    dates::task_order::check(plan, out);
    kpi::target_not_better::check(plan, out);
    kpi::rate_over_100::check(plan, out);
    kpi::parts_total::check(plan, out);
    assertions::failed::check(plan, out);
    schedule::lead_time::check(plan, sched, out);
    schedule::blackout::check(plan, sched, out);
    schedule::holiday_publishing::check(plan, sched, out);
    schedule::column_on_holiday::check(plan, sched, out);
    schedule::flagship_overlap::check(plan, sched, out);
    schedule::never_occurs::check(plan, sched, out);
    capacity::over_capacity::check(plan, sched, out);
    capacity::reserve::check(plan, sched, out);
    capacity::posting_limit::check(plan, sched, out);
}
