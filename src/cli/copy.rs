//! `almanac copy FILE… [--plan PLAN]`: drafts checked for the advertising
//! law's absolute terms, printed as `check` prints a plan's diagnostics.

use std::collections::BTreeMap;

use super::Exit;
use crate::check::{Checked, check_with};
use crate::cli::args::CopyArgs;
use crate::cli::check::{default_format, print_diagnostics};
use crate::cli::{err, fail_in, use_color};
use crate::copy::{check_drafts, terms_of};
use crate::diagnostics::{Lang, Severity, counts};
use crate::locale::Locale;
use crate::rules::copy::terms::Terms;
use crate::world::World;

pub fn run(world: &dyn World, a: &CopyArgs, lang: Lang) -> Exit {
    let format = a.format.unwrap_or_else(|| default_format(world));
    let color = use_color(a.project.color, &std::io::stderr());
    // The plan lends its term list and its language.
    let (terms, locale) = match &a.plan {
        None => (Terms::builtin().clone(), None),
        Some(p) => {
            let opts = crate::check::Options {
                root: a.project.root.clone(),
            };
            let plan = match check_with(world, std::slice::from_ref(p), &opts) {
                Ok(c) => c,
                Err(e) => {
                    fail_in(lang.of_run([]), &e.msg());
                    return Exit::Usage;
                }
            };
            let Some(first) = plan.plans.first() else {
                print_diagnostics(world, format, &plan, color, a.project.quiet, lang);
                return Exit::Problems;
            };
            let locale = plan.locales.get(&first.span.file).copied();
            (terms_of(first), locale)
        }
    };
    let drafts = match check_drafts(world, &a.paths, &terms) {
        Ok(d) => d,
        Err(e) => {
            fail_in(lang.of_run([]), &e.msg());
            return Exit::Usage;
        }
    };
    let mut checked = Checked {
        sources: drafts.sources,
        diagnostics: Vec::new(),
        plans: Vec::new(),
        schedules: Vec::new(),
        locales: BTreeMap::new(),
    };
    for mut d in drafts.diagnostics {
        d.locale = locale;
        checked.diagnostics.push(d);
    }
    let errors = checked.count(Severity::Error);
    let warnings = checked.count(Severity::Warning);
    print_diagnostics(world, format, &checked, color, a.project.quiet, lang);
    if matches!(format, crate::cli::args::Format::Human) && !a.project.quiet {
        let n = a.paths.len();
        let l = lang.for_plan(locale);
        let counts = counts(l, errors, warnings);
        err(&match l {
            Locale::ZhCn => format!("检查了 {n} 份稿件：{counts}\n"),
            Locale::En => format!(
                "checked {n} draft{}: {counts}\n",
                if n == 1 { "" } else { "s" }
            ),
        });
    }
    if errors > 0 || (a.deny_warnings && warnings > 0) {
        Exit::Problems
    } else {
        Exit::Clean
    }
}
