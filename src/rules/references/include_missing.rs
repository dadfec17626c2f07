//! A file named in `include` cannot be read: it does not exist or is not
//! readable. Paths in `include` are relative to the file that includes
//! them.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "R004",
    name: "include-missing",
    family: Family::References,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "An included file that cannot be read",
    source: include_str!("include_missing.rs"),
};
