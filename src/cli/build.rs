//! `almanac build`: check, then write every output of every plan.

use std::io::IsTerminal;

use crate::build::{BuildOptions, build};
use crate::cli::args::BuildArgs;
use crate::cli::{err, use_color};
use crate::diagnostics::Severity;
use crate::emit::Target;
use crate::world::World;

pub fn run(world: &dyn World, a: &BuildArgs) -> u8 {
    let mut targets = Vec::new();
    for item in a
        .only
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let Some(ts) = Target::parse(item) else {
            err(&format!(
                "error: unknown output `{item}`; choose from calendar, markdown, csv, json, plan, tasks\n"
            ));
            return 2;
        };
        for t in ts {
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
    }
    if targets.is_empty() {
        targets = Target::ALL.to_vec();
    }
    let opts = BuildOptions {
        out: a.out.clone(),
        targets,
        split: a.split.map(|s| match s {
            crate::cli::args::SplitArg::Channel => crate::emit::calendar::Split::Channel,
            crate::cli::args::SplitArg::Owner => crate::emit::calendar::Split::Owner,
        }),
        locale: a.locale.map(|l| match l {
            crate::cli::args::LocaleArg::ZhCn => crate::model::Locale::ZhCn,
            crate::cli::args::LocaleArg::En => crate::model::Locale::En,
        }),
        bom: !a.no_bom,
        templates: a.templates.clone(),
    };
    let progress = std::io::stderr().is_terminal();
    if progress {
        err("almanac: checking and building…\n");
    }
    let built = match build(world, &a.paths, &opts) {
        Ok(b) => b,
        Err(e) => {
            err(&format!("error: {e}\n"));
            return 2;
        }
    };
    let c = &built.checked;
    let errors = c.count(Severity::Error);
    let warnings = c.count(Severity::Warning);
    crate::cli::check::print_diagnostics(world, a.format, c, use_color(a.color));
    if errors > 0 {
        err(&format!(
            "error: nothing written: {errors} error{} (see above)\n",
            if errors == 1 { "" } else { "s" }
        ));
        return 1;
    }
    for (id, dir, files) in &built.written {
        err(&format!(
            "built {id} → {}/ ({})\n",
            dir.display(),
            files.join(", ")
        ));
    }
    // The process ends here; freeing a large plan piece by piece would only
    // add to the wall time.
    std::mem::forget(built);
    if warnings > 0 && a.deny_warnings {
        return 1;
    }
    0
}
