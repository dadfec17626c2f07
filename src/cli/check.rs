//! `almanac check`: checks plans and prints their diagnostics.

use crate::check::check_paths;
use crate::cli::args::{CheckArgs, Format};
use crate::cli::{err, out, use_color};
use crate::diagnostics::Severity;
use crate::diagnostics::render::{render_human, render_json};
use crate::world::World;

pub fn run(world: &dyn World, a: &CheckArgs) -> u8 {
    let checked = match check_paths(world, &a.paths) {
        Ok(c) => c,
        Err(e) => {
            err(&format!("error: {e}\n"));
            return 2;
        }
    };
    let errors = checked.count(Severity::Error);
    let warnings = checked.count(Severity::Warning);
    match a.format {
        Format::Short | Format::Github | Format::Sarif => {
            out(&render_json(&checked.diagnostics, &checked.sources))
        }
        Format::Human => {
            let color = use_color(a.color);
            err(&render_human(&checked.diagnostics, &checked.sources, color));
            let plans = checked.plans.len();
            err(&format!(
                "checked {plans} plan{}: {errors} error{}, {warnings} warning{}\n",
                if plans == 1 { "" } else { "s" },
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" },
            ));
        }
        Format::Json => out(&render_json(&checked.diagnostics, &checked.sources)),
    }
    // The process ends here: freeing a large plan's memory piece by piece
    // would only add to the wall time.
    std::mem::forget(checked);
    if errors > 0 || (a.deny_warnings && warnings > 0) {
        1
    } else {
        0
    }
}
