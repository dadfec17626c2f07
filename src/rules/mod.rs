//! The rule catalogue's checks. Each rule is one file whose `//!` doc
//! comment is its explanation (`almanac explain CODE` prints it); its
//! identity (code, name, severity, settings) is one line of the rule table
//! in `diagnostics::codes`. Codes are stable forever: a family letter and a
//! number (`B001`).
//!
//! Some rules are found while reading or resolving a plan (syntax, unknown
//! names, include cycles); those files hold only the explanation. The
//! others check a resolved `Plan` and have a `check` function taking a
//! `Context`, called by `registry::check_plan` in table order.

pub mod actuals;
pub mod assertions;
pub mod budget;
pub mod capacity;
pub mod config;
pub mod copy;
pub mod dates;
pub mod kpi;
pub mod outputs;
pub mod references;
pub mod registry;
pub mod schedule;
pub mod syntax;

use crate::model::Plan;
use crate::rules::config::RuleConfig;
use crate::schedule::Schedule;

pub use registry::check_plan;

/// What a rule's `check` looks at: the resolved plan, its schedule, the
/// plan's `[rules]` settings, and the text of its files (for fixes that
/// depend on how a table is written).
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub schedule: &'a Schedule,
    pub config: &'a RuleConfig,
    pub sources: &'a crate::source::SourceMap,
    /// The plan's files: its own and those it includes.
    pub files: &'a [crate::source::FileId],
}

impl Context<'_> {
    /// A threshold the plan sets for a rule (`tolerance`), if any.
    pub fn option(
        &self,
        rule: &crate::diagnostics::codes::Rule,
        name: &str,
    ) -> Option<crate::ratio::Ratio> {
        self.config.option(rule.code, name)
    }
}
