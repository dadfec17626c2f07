//! The file is empty (or holds only whitespace). A plan starts with a
//! `[plan]` table; `almanac init` writes a commented starter plan.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "S008",
    name: "empty-file",
    family: Family::Syntax,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "The file is empty",
    source: include_str!("empty_file.rs"),
};
