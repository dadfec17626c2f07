//! A recurring column would publish more often than any plan can mean — a
//! daily column over a period of many years, say. Expansion stops at a
//! fixed bound (5,000 occurrences per column) instead of running for ever
//! or filling memory; check `every` and `during`.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "P007",
    name: "too-many-occurrences",
    family: Family::Schedule,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "A recurring column would publish absurdly often",
    source: include_str!("too_many.rs"),
};
