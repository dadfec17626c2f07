//! A required key is missing: a plan needs a `year` or a `period`, a
//! campaign needs a `window`, a column needs `every`, a moment needs a
//! `date`, a budget line needs an amount or a share (or sub-lines).

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "S007",
    name: "missing-key",
    family: Family::Syntax,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "A required key is missing",
    source: include_str!("missing_key.rs"),
};
