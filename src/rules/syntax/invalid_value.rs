//! A value that is well-formed but cannot be: `2026-02-30`, a share of
//! `150%`, an amount too large to represent, an amount in another currency
//! than the plan's, `every 0 weeks`, a plan with both `year` and `period`,
//! an id with spaces. The help line says what is allowed.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "S006",
    name: "invalid-value",
    family: Family::Syntax,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "A value that is well-formed but impossible",
    source: include_str!("invalid_value.rs"),
};
