//! Tasks (through `after` or dates relative to each other) or moments and
//! campaigns (through dates relative to each other) that depend on each other
//! in a cycle, so none of them can be dated. The message names the whole
//! cycle.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "D005",
    name: "dependency-cycle",
    family: Family::Dates,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "Dates or tasks that depend on each other in a cycle",
    source: include_str!("dependency_cycle.rs"),
};
