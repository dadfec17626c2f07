//! A value of the wrong TOML type: a number where a string is expected, a
//! string where a table is expected. Dates, amounts and shares are written as
//! strings (`date = "2027-05-10"`, `share = "60%"`) because they use almanac's
//! expression language; counts (`slots_per_week = 7`) are integers.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "S004",
    name: "wrong-type",
    family: Family::Syntax,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "A value of the wrong type",
    source: include_str!("wrong_type.rs"),
};
