//! `almanac actuals import FILE… --map MAP.toml PLAN`: prints the import's
//! diagnostics, and either the plan's semantic diff (`--dry-run`) or what
//! was written. The work is `crate::actuals`.

use super::Exit;
use crate::actuals::{Request, check_new, prepare};
use crate::cli::args::{ActualsArgs, ActualsCommand, Format, ImportArgs};
use crate::cli::check::default_format;
use crate::cli::{err, fail_in, out, use_color};
use crate::diagnostics::render::{
    render_github, render_human, render_json, render_sarif, render_short,
};
use crate::diagnostics::{Diagnostic, Lang, Severity};
use crate::diff::{Side, diff, render_markdown};
use crate::source::SourceMap;
use crate::tr;
use crate::world::World;

pub fn run(world: &dyn World, a: &ActualsArgs, lang: Lang) -> Exit {
    match &a.command {
        ActualsCommand::Import(i) => import(world, i, lang),
    }
}

fn import(world: &dyn World, a: &ImportArgs, lang: Lang) -> Exit {
    let (plan_path, files) = match a.paths.split_last() {
        Some((plan, files)) if !files.is_empty() => (plan, files),
        _ => {
            fail_in(
                lang.of_run([]),
                &tr!(
                    "给出导出文件和计划（`almanac actuals import FILE… --map MAP.toml PLAN`）",
                    "give the exports and the plan (`almanac actuals import FILE… --map MAP.toml PLAN`)"
                ),
            );
            return Exit::Usage;
        }
    };
    let req = Request {
        files,
        map: &a.map,
        plan: plan_path,
        root: a.project.root.clone(),
    };
    let outcome = match prepare(world, &req) {
        Ok(o) => o,
        Err(e) => {
            fail_in(lang.of_run([]), &e.msg());
            return Exit::Usage;
        }
    };
    let l = lang.for_plan(outcome.locale);
    let format = a.format.unwrap_or_else(|| default_format(world));
    let color = use_color(a.project.color, &std::io::stderr());
    print(
        format,
        &outcome.diagnostics,
        &outcome.sources,
        color,
        a.project.quiet,
        lang,
    );
    let plan = plan_path.display();
    let errors = outcome.errors();
    let (Some(bytes), 0) = (&outcome.new, errors) else {
        if matches!(format, Format::Human) && !a.project.quiet {
            let counts = crate::diagnostics::counts(l, errors, 0);
            let m = tr!(
                "{counts}；`{plan}` 没有改动",
                "{counts}; `{plan}` is unchanged"
            );
            err(&format!("{}\n", m.get(l)));
        }
        return Exit::Problems;
    };
    // What is written must read as before: a value almanac wrote that the
    // plan's reader refuses would be a bug, and is not written.
    let after = match check_new(world, &req, bytes) {
        Ok(c) => c,
        Err(e) => {
            fail_in(l, &e.msg());
            return Exit::Usage;
        }
    };
    let Some(before) = &outcome.before else {
        return Exit::Usage;
    };
    let syntax = |c: &crate::check::Checked| {
        (c.diagnostics.iter())
            .filter(|d| d.severity == Severity::Error && d.code().starts_with('S'))
            .count()
    };
    if syntax(&after) > syntax(before) || after.plans.is_empty() != before.plans.is_empty() {
        err(&render_human(
            &after.diagnostics,
            &after.sources,
            color,
            lang,
        ));
        fail_in(
            l,
            &tr!(
                "导入后的计划无法读取；这是 almanac 的缺陷，`{plan}` 没有改动",
                "the plan would not read after the import; this is a bug in almanac, `{plan}` is unchanged"
            ),
        );
        return Exit::Usage;
    }
    if a.dry_run {
        if let (Some(old), Some(new)) = (before.plans.first(), after.plans.first()) {
            let path = plan_path.display().to_string();
            let d = diff(
                Side {
                    plan: old,
                    schedule: &before.schedules[0],
                    path: &path,
                },
                Side {
                    plan: new,
                    schedule: &after.schedules[0],
                    path: &path,
                },
            );
            out(&render_markdown(&d));
        }
        if !a.project.quiet {
            let m = tr!(
                "试运行：`{plan}` 没有改动",
                "dry run: `{plan}` is unchanged"
            );
            err(&format!("{}\n", m.get(l)));
        }
        return Exit::Clean;
    }
    let current = world.read(plan_path).unwrap_or_default();
    if current != *bytes
        && let Err(e) = crate::fmt::write_atomic(world, plan_path, bytes)
    {
        fail_in(l, &e.msg());
        return Exit::Usage;
    }
    if !a.project.quiet {
        let n = outcome.values.len();
        let s = if n == 1 { "" } else { "s" };
        let head = tr!(
            "向 `{plan}` 写入了 {n} 个值：",
            "wrote {n} value{s} into `{plan}`:"
        );
        let mut text = format!("{}\n", head.get(l));
        for v in &outcome.values {
            let (path, value, rows) = (&v.path, &v.text, v.rows);
            let s = if rows == 1 { "" } else { "s" };
            let line = tr!(
                "  {path} = {value}（来自 {rows} 行）",
                "  {path} = {value} (from {rows} row{s})"
            );
            text.push_str(&crate::text::for_display(line.get(l)));
            text.push('\n');
        }
        err(&text);
    }
    Exit::Clean
}

fn print(
    format: Format,
    diags: &[Diagnostic],
    sources: &SourceMap,
    color: bool,
    quiet: bool,
    lang: Lang,
) {
    let errors_only: Vec<Diagnostic>;
    let diags = if quiet {
        errors_only = (diags.iter())
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        &errors_only
    } else {
        diags
    };
    match format {
        Format::Human => {
            if !diags.is_empty() {
                err(&render_human(diags, sources, color, lang));
            }
        }
        Format::Short => out(&render_short(diags, sources, lang)),
        Format::Json => out(&render_json(diags, sources, lang)),
        Format::Sarif => out(&render_sarif(diags, sources, lang)),
        Format::Github => out(&render_github(diags, sources, lang)),
    }
}
