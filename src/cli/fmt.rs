//! `almanac fmt`: lays plan files out canonically (or, with `--check`,
//! shows what would change). Exit codes: 0 all formatted, 1 a file would
//! change under `--check` or has TOML errors, 2 a path that cannot be read
//! or written.

use std::io::IsTerminal;

use crate::cli::args::{Color, FmtArgs};
use crate::cli::{err, fail, out, use_color};
use crate::diagnostics::render::render_human;
use crate::fmt::{diff, format_paths, write_atomic};
use crate::world::World;

pub fn run(world: &dyn World, a: &FmtArgs) -> u8 {
    let report = match format_paths(world, &a.paths) {
        Ok(r) => r,
        Err(e) => {
            fail(e);
            return 2;
        }
    };
    let mut code = 0;
    if !report.diagnostics.is_empty() {
        err(&render_human(
            &report.diagnostics,
            &report.sources,
            use_color(a.color),
        ));
        code = 1;
    }
    for e in &report.failed {
        fail(e);
        code = 2;
    }
    let changed: Vec<_> = report.files.iter().filter(|f| f.changed()).collect();
    let unchanged = report.files.len() - changed.len();
    let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
    if a.check {
        let color = diff_color(a.color);
        for f in &changed {
            out(&diff::unified(
                &f.old,
                &f.new,
                &f.path.display().to_string(),
                color,
            ));
        }
        if !changed.is_empty() {
            err(&format!(
                "{} would be reformatted, {} already formatted\n",
                files(changed.len()),
                unchanged
            ));
            code = code.max(1);
        }
        return code;
    }
    let mut written = 0;
    for f in &changed {
        match write_atomic(world, &f.path, &f.bytes) {
            Ok(()) => written += 1,
            Err(e) => {
                fail(format!("{e}; the file is unchanged"));
                code = 2;
            }
        }
    }
    err(&format!(
        "formatted {}, {} already formatted\n",
        files(written),
        unchanged
    ));
    code
}

/// Colour in the diff on stdout: only on a terminal, never with `NO_COLOR`.
fn diff_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
