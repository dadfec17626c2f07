//! A review deck (or the review half of a year-end deck) was asked of a
//! plan that holds no results: none of its KPIs has an `actual`, and it
//! has no `[highlights]`. A review without results would be a deck of
//! empty tables, so nothing is written. Fill in the year's actuals
//! (`actual = "+35%"` beside each KPI's `target`), or ask for the plan
//! deck with `almanac slides PLAN --kind plan`.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "O001",
    name: "review-without-actuals",
    family: Family::Outputs,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "A review deck is asked of a plan with no actuals",
    source: include_str!("no_actuals.rs"),
};
