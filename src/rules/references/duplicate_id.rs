//! The same id is declared twice, in one file or across a plan and the
//! files it includes. References to it would be ambiguous; the diagnostic
//! points at both declarations. A section that can appear once (`[budget]`,
//! `[reserve]`, `[kol]`) declared in two files is reported the same way.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "R002",
    name: "duplicate-id",
    family: Family::References,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "The same id declared twice",
    source: include_str!("duplicate_id.rs"),
};
