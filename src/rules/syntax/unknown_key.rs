//! A key that the plan format does not know at this place, usually a typo.
//! Unknown keys are errors, not ignored, because a misspelt `shar = "60%"`
//! would otherwise silently drop a share. The help line suggests the closest
//! known key, or lists the keys of that table.
//!
//! ```toml
//! [channels.wechat]
//! slots_per_wek = 7    # did you mean `slots_per_week`?
//! ```

use crate::diagnostics::Severity;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    code: "S003",
    name: "unknown-key",
    family: Family::Syntax,
    default_severity: Severity::Error,
    configurable: false,
    options: &[],
    summary: "A key the plan format does not know",
    source: include_str!("unknown_key.rs"),
};
