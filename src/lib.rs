//! almanac compiles a team's annual campaign plan, written as TOML, the way a
//! compiler compiles a program. The pipeline is visible in the module tree:
//! `syntax` reads each file into a `RawFile` (what the file says, with byte
//! spans, expressions parsed but not evaluated); `resolve` follows includes,
//! merges fragments, looks up names and evaluates expressions on the plan's
//! workday `calendar` into a `model::Plan` (what the plan means); `rules`
//! checks the plan and pushes `diagnostics`. No stage prints or touches the
//! file system: all reading goes through `world::World`, and only `cli`
//! writes to the terminal.

pub mod actuals;
pub mod build;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod copy;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod fmt;
pub mod format;
pub mod fuzzing;
pub mod locale;
pub mod lsp;
pub mod markdown;
pub mod model;
pub mod percent;
pub mod project;
pub mod ratio;
pub mod resolve;
pub mod rules;
pub mod schedule;
pub mod schema;
pub mod serve;
pub mod slides;
pub mod source;
pub mod syntax;
pub mod templates;
pub mod text;
pub mod when;
pub mod world;

#[cfg(test)]
mod layers_tests;
