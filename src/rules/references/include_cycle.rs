//! Files include each other in a cycle (`a.toml` includes `b.toml`, which
//! includes `a.toml`). The message shows the whole chain. Shared parts belong
//! in a fragment that includes nothing back.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "R003",
    name: "include-cycle",
    family: Family::References,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "Files that include each other",
    source: include_str!("include_cycle.rs"),
};
