//! A string that should hold a date, range, duration, recurrence, amount,
//! share or assertion, but cannot be read as one. The underline points at the
//! first character that does not fit; `grammar/GRAMMAR.md` lists what each key
//! accepts. Full-width characters typed by an input method (`６０％`) are
//! shown with their ASCII spelling (`60%`).
//!
//! ```toml
//! window = "spring_festival - 7 days..+2"   # `+2` needs a unit: `+2d`
//! ```

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "S005",
    name: "invalid-expression",
    family: Family::Syntax,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "An expression that cannot be parsed",
    source: include_str!("invalid_expression.rs"),
};
