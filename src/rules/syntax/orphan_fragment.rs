//! A TOML file without a `[plan]` table is a fragment (shared people,
//! channels or calendars). It is checked as part of every plan that includes
//! it. A fragment that no checked plan includes is never checked against a
//! plan, so almanac warns about it: include it from a plan, or delete it.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "S009",
    name: "orphan-fragment",
    family: Family::Syntax,
    default_severity: Severity::Warning,
    configurable: false,
    options: &[],
    summary: "A fragment no plan includes",
    source: include_str!("orphan_fragment.rs"),
};
