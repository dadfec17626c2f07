//! A built-in moment that has no date in the plan's year: the lunar
//! festivals come from a table covering 2020–2040. Declare the date yourself
//! under `[moments]` for years outside it.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "D003",
    name: "moment-undefined",
    family: Family::Dates,
    default_severity: Severity::Error,
    configurable: true,
    options: &[],
    summary: "A built-in moment with no date in the plan's year",
    source: include_str!("moment_undefined.rs"),
};
