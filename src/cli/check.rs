//! `almanac check`: checks plans and prints their diagnostics.

use std::path::PathBuf;

use super::Exit;
use crate::check::{Checked, check_with};
use crate::cli::args::{CheckArgs, Format};
use crate::cli::{err, fail_in, out, use_color, warn_in};
use crate::diagnostics::render::{
    render_github, render_github_summary, render_human, render_json, render_sarif, render_short,
};
use crate::diagnostics::{Lang, Severity};
use crate::locale::Locale;
use crate::tr;
use crate::world::World;

pub fn run(world: &dyn World, a: &CheckArgs, lang: Lang) -> Exit {
    let format = a.format.unwrap_or_else(|| default_format(world));
    let opts = crate::check::Options {
        root: a.project.root.clone(),
    };
    let checked = match check_with(world, &a.paths, &opts) {
        Ok(c) => c,
        Err(e) => {
            fail_in(lang.of_run([]), &e.msg());
            return Exit::Usage;
        }
    };
    let errors = checked.count(Severity::Error);
    let warnings = checked.count(Severity::Warning);
    print_diagnostics(
        world,
        format,
        &checked,
        use_color(a.project.color, &std::io::stderr()),
        a.project.quiet,
        lang,
    );
    if matches!(format, Format::Human | Format::Github) && !a.project.quiet {
        let plans = checked.plans.len();
        let l = checked.run_locale(lang);
        let counts = crate::diagnostics::counts(l, errors, warnings);
        err(&match l {
            Locale::ZhCn => format!("检查了 {plans} 个计划：{counts}\n"),
            Locale::En => format!(
                "checked {plans} plan{}: {counts}\n",
                if plans == 1 { "" } else { "s" }
            ),
        });
    }
    // The process ends here: freeing a large plan's memory piece by piece
    // would only add to the wall time.
    std::mem::forget(checked);
    if errors > 0 || (a.deny_warnings && warnings > 0) {
        Exit::Problems
    } else {
        Exit::Clean
    }
}

/// The format when none is asked for: GitHub workflow commands inside
/// GitHub Actions, otherwise the human format.
pub(crate) fn default_format(world: &dyn World) -> Format {
    if world.env("GITHUB_ACTIONS").as_deref() == Some("true") {
        Format::Github
    } else {
        Format::Human
    }
}

/// Prints a run's diagnostics in `format` (only the errors when `quiet`):
/// the human format on stderr, the others on stdout. The GitHub format also
/// appends a summary of every diagnostic to `$GITHUB_STEP_SUMMARY` when it
/// is set.
pub(crate) fn print_diagnostics(
    world: &dyn World,
    format: Format,
    c: &Checked,
    color: bool,
    quiet: bool,
    lang: Lang,
) {
    let errors_only: Vec<crate::diagnostics::Diagnostic>;
    let diags = if quiet {
        errors_only = (c.diagnostics.iter())
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        &errors_only
    } else {
        &c.diagnostics
    };
    let sources = &c.sources;
    match format {
        Format::Human => err(&render_human(diags, sources, color, lang)),
        Format::Short => out(&render_short(diags, sources, lang)),
        Format::Json => out(&render_json(diags, sources, lang)),
        Format::Sarif => out(&render_sarif(diags, sources, lang)),
        Format::Github => {
            out(&render_github(diags, sources, lang));
            append_step_summary(world, c, lang);
        }
    }
}

/// Appends the Markdown summary to the file `GITHUB_STEP_SUMMARY` names,
/// keeping what earlier steps wrote there. A summary that cannot be written
/// is reported but does not change the exit code.
fn append_step_summary(world: &dyn World, c: &Checked, lang: Lang) {
    let l = c.run_locale(lang);
    let Some(path) = world.env("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let path = PathBuf::from(path);
    let mut bytes = match world.read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            warn_in(
                l,
                &tr!(
                    "无法读取 `GITHUB_STEP_SUMMARY` 文件 `{0}`：{e}",
                    "cannot read GITHUB_STEP_SUMMARY `{0}`: {e}",
                    path.display()
                ),
            );
            return;
        }
    };
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(
        render_github_summary(&c.diagnostics, &c.sources, c.plans.len(), lang).as_bytes(),
    );
    if let Err(e) = world.write_file(&path, &bytes) {
        warn_in(
            l,
            &tr!(
                "无法写入 `GITHUB_STEP_SUMMARY` 文件 `{0}`：{e}",
                "cannot write GITHUB_STEP_SUMMARY `{0}`: {e}",
                path.display()
            ),
        );
    }
}
