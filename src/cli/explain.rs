//! `almanac explain CODE`: a rule's documentation.

use super::Exit;
use crate::cli::args::ExplainArgs;
use crate::cli::{err, out};
use crate::diagnostics::codes::{ALL as RULES, find};
use crate::diagnostics::suggest;

pub fn run(a: &ExplainArgs) -> Exit {
    let Some(r) = find(&a.code) else {
        let hint = suggest(
            &a.code,
            RULES
                .iter()
                .map(|r| r.name)
                .chain(RULES.iter().map(|r| r.code)),
        )
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
        err(&format!(
            "error: no rule `{}`{hint}; `almanac rules` lists them\n",
            a.code
        ));
        return Exit::Usage;
    };
    out(&format!(
        "{} {} ({}, {} by default{})\n\n{}",
        r.code,
        r.name,
        r.family.as_str(),
        r.default_severity.as_str(),
        if r.configurable {
            ""
        } else {
            ", cannot be changed"
        },
        r.explanation()
    ));
    Exit::Clean
}
