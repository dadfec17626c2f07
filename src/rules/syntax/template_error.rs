//! A template given with `--templates` cannot be used: a syntax error
//! (an unclosed `{% for %}`, a misspelt filter) or an error while
//! rendering (a variable the view does not have). The diagnostic points at
//! the line in the template file. Remove the file from the folder to fall
//! back to the built-in template, or extend it with
//! `{% extends "__builtin/tasks.md.j2" %}`.

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "T001",
    name: "template-error",
    family: Family::Syntax,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "A template cannot be compiled or rendered",
    source: include_str!("template_error.rs"),
};
