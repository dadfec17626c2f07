//! The file is not valid TOML: a missing quote or bracket, a key without a
//! value, a full-width character typed by an input method (`＝`, a full-width
//! space). almanac points at the first character it could not read.
//!
//! ```toml
//! [plan]
//! name = "年度计划     # the closing quote is missing
//! ```
//!
//! Fix the syntax at the marked place; when the help line shows the line in
//! ASCII characters, copy it.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "S001",
    name: "toml-syntax",
    family: Family::Syntax,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "The file is not valid TOML",
    source: include_str!("toml_syntax.rs"),
};
