//! `almanac build` and `almanac slides`: check, then write the outputs
//! asked for (`slides` is a build of the decks alone, with the choice of
//! deck and the pairing of two plans).

use std::io::IsTerminal;

use super::Exit;
use crate::build::{BuildOptions, build};
use crate::cli::args::{BuildArgs, DeckKindArg, Format, ProjectArgs, SlidesArgs};
use crate::cli::{err, fail_in, use_color};
use crate::diagnostics::Lang;
use crate::diagnostics::Severity;
use crate::emit::Target;
use crate::locale::Locale;
use crate::tr;
use crate::world::World;

/// `--only`/`--format` items as targets; `None` after reporting an unknown one.
fn targets(items: &[String], allowed: &[&str], l: Locale) -> Option<Vec<Target>> {
    let mut targets = Vec::new();
    for item in items
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let Some(ts) =
            Target::parse(item).filter(|ts| ts.iter().all(|t| allowed.contains(&t.name())))
        else {
            let choices = allowed.join(", ");
            fail_in(
                l,
                &tr!(
                    "没有 `{item}` 这种输出；可选：{choices}",
                    "unknown output `{item}`; choose from {choices}"
                ),
            );
            return None;
        };
        for t in ts {
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
    }
    Some(targets)
}

fn locale(l: Option<crate::cli::args::LocaleArg>) -> Option<crate::model::Locale> {
    l.map(|l| match l {
        crate::cli::args::LocaleArg::ZhCn => crate::model::Locale::ZhCn,
        crate::cli::args::LocaleArg::En => crate::model::Locale::En,
    })
}

pub fn run(world: &dyn World, a: &BuildArgs, lang: Lang) -> Exit {
    let Some(mut targets) = targets(&a.only, crate::cli::args::BUILD_OUTPUTS, lang.of_run([]))
    else {
        return Exit::Usage;
    };
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
        locale: locale(a.locale),
        bom: !a.no_bom,
        templates: a.templates.clone(),
        kind: crate::slides::Kind::Auto,
        pair: false,
        check: crate::check::Options {
            root: a.project.root.clone(),
        },
    };
    run_build(
        world,
        &a.paths,
        &opts,
        (a.format, a.deny_warnings),
        &a.project,
        lang,
    )
}

/// `almanac slides`: the decks of the plans given.
pub fn slides(world: &dyn World, a: &SlidesArgs, lang: Lang) -> Exit {
    let Some(mut targets) = targets(&a.format, crate::cli::args::DECK_OUTPUTS, lang.of_run([]))
    else {
        return Exit::Usage;
    };
    if targets.is_empty() {
        targets = vec![Target::Html, Target::Pptx];
    }
    let opts = BuildOptions {
        out: a.out.clone(),
        targets,
        split: None,
        locale: locale(a.locale),
        bom: true,
        templates: a.templates.clone(),
        kind: match a.kind {
            DeckKindArg::Auto => crate::slides::Kind::Auto,
            DeckKindArg::Plan => crate::slides::Kind::Plan,
            DeckKindArg::Review => crate::slides::Kind::Review,
            DeckKindArg::YearEnd => crate::slides::Kind::YearEnd,
        },
        pair: a.plans.len() == 2,
        check: crate::check::Options {
            root: a.project.root.clone(),
        },
    };
    run_build(
        world,
        &a.plans,
        &opts,
        (Format::Human, false),
        &a.project,
        lang,
    )
}

fn run_build(
    world: &dyn World,
    paths: &[std::path::PathBuf],
    opts: &BuildOptions,
    (format, deny_warnings): (Format, bool),
    project: &ProjectArgs,
    lang: Lang,
) -> Exit {
    let (color, quiet) = (project.color, project.quiet);
    let progress = std::io::stderr().is_terminal() && !quiet;
    if progress {
        err(match lang.of_run([]) {
            Locale::ZhCn => "almanac：正在检查和生成……\n",
            Locale::En => "almanac: checking and building…\n",
        });
    }
    let built = match build(world, paths, opts) {
        Ok(b) => b,
        Err(e) => {
            fail_in(lang.of_run([]), &e.msg());
            return Exit::Usage;
        }
    };
    let c = &built.checked;
    let errors = c.count(Severity::Error);
    let warnings = c.count(Severity::Warning);
    crate::cli::check::print_diagnostics(
        world,
        format,
        c,
        use_color(color, &std::io::stderr()),
        quiet,
        lang,
    );
    let l = c.run_locale(lang);
    if errors > 0 {
        let s = if errors == 1 { "" } else { "s" };
        fail_in(
            l,
            &tr!(
                "未写入任何文件：有 {errors} 个错误（见上文）",
                "nothing written: {errors} error{s} (see above)"
            ),
        );
        return Exit::Problems;
    }
    for (id, dir, files) in built.written.iter().filter(|_| !quiet) {
        let (dir, files) = (dir.display(), files.join(", "));
        err(&match l {
            Locale::ZhCn => format!("已生成 {id} → {dir}/（{files}）\n"),
            Locale::En => format!("built {id} → {dir}/ ({files})\n"),
        });
    }
    // The process ends here; freeing a large plan piece by piece would only
    // add to the wall time.
    std::mem::forget(built);
    if warnings > 0 && deny_warnings {
        return Exit::Problems;
    }
    Exit::Clean
}
