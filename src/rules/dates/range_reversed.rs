//! A date range whose end comes before its start, such as
//! `2027-08-31..2027-07-01` or `launch..launch - 3d`. The message gives both
//! computed dates.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "D002",
    name: "range-reversed",
    family: Family::Dates,
    default_severity: Severity::Error,
    configurable: true,
    options: &[],
    summary: "A range that ends before it starts",
    source: include_str!("range_reversed.rs"),
};
