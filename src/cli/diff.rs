//! `almanac diff OLD NEW` and `almanac diff --git REV PLAN`: what changed in
//! meaning between two versions of a plan, as Markdown for a pull request or
//! as JSON. Each side is checked like `almanac check`; a side with errors is
//! reported on stderr and still compared as far as it resolved. With
//! `--git`, the plan and the files it includes are read at REV with
//! `git show` into a `MemWorld` — the only place almanac runs a program.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Exit;
use crate::check::{Checked, check_with};
use crate::cli::args::{DiffArgs, DiffFormat};
use crate::cli::{err, fail, out, use_color};
use crate::diagnostics::Severity;
use crate::diagnostics::render::render_human;
use crate::diff::{Side, diff, render_json, render_markdown};
use crate::world::normalize;
use crate::world::{MemWorld, World};

pub fn run(world: &dyn World, a: &DiffArgs) -> Exit {
    let color = use_color(a.color, &std::io::stderr());
    let (old_checked, old_path, new_path) = match (&a.git, &a.new) {
        (Some(_), Some(_)) => {
            err("error: with `--git REV`, give one plan: `almanac diff --git REV PLAN`\n");
            return Exit::Usage;
        }
        (None, None) => {
            err(
                "error: give two plans (`almanac diff OLD NEW`) or a revision (`almanac diff --git REV PLAN`)\n",
            );
            return Exit::Usage;
        }
        (None, Some(new)) => {
            let old = match load(world, &a.old, "old", color, None) {
                Ok(c) => c,
                Err(code) => return code,
            };
            (old, a.old.display().to_string(), new.clone())
        }
        (Some(rev), None) => {
            let (mem, key) = match git_world(rev, &a.old) {
                Ok(w) => w,
                Err(e) => {
                    fail(e);
                    return Exit::Usage;
                }
            };
            // Git shows only files of the repository: the old side's
            // project is everything read from REV.
            let rev_root = PathBuf::from(format!("{rev}:"));
            let old = match load(&mem, &key, "old", color, Some(rev_root)) {
                Ok(c) => c,
                Err(code) => return code,
            };
            (old, key.display().to_string(), a.old.clone())
        }
    };
    let new_checked = match load(world, &new_path, "new", color, None) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (Some(old_plan), Some(new_plan)) = (old_checked.plans.first(), new_checked.plans.first())
    else {
        for (c, which, path) in [
            (&old_checked, "old", old_path.as_str()),
            (&new_checked, "new", &new_path.display().to_string()),
        ] {
            if c.plans.is_empty() {
                err(&format!(
                    "error: the {which} plan `{path}` does not resolve, so there is nothing to compare\n"
                ));
            }
        }
        return Exit::Problems;
    };
    let new_path = new_path.display().to_string();
    let d = diff(
        Side {
            plan: old_plan,
            schedule: &old_checked.schedules[0],
            path: &old_path,
        },
        Side {
            plan: new_plan,
            schedule: &new_checked.schedules[0],
            path: &new_path,
        },
    );
    match a.format {
        DiffFormat::Markdown => out(&render_markdown(&d)),
        DiffFormat::Json => out(&render_json(&d)),
    }
    if a.exit_code && !d.is_empty() {
        Exit::Problems
    } else {
        Exit::Clean
    }
}

/// Checks one side. Its diagnostics are printed when it has errors; a path
/// that cannot be read is exit code 2.
/// Checks the plan at `path`; `root` is its project (by default found as
/// `check` finds it).
fn load(
    world: &dyn World,
    path: &Path,
    which: &str,
    color: bool,
    root: Option<PathBuf>,
) -> Result<Checked, Exit> {
    if world.is_dir(path) {
        err(&format!(
            "error: `{}` is a folder; `almanac diff` compares two plan files\n",
            path.display()
        ));
        return Err(Exit::Usage);
    }
    let opts = crate::check::Options { root };
    let checked = match check_with(world, &[path.to_path_buf()], &opts) {
        Ok(c) => c,
        Err(e) => {
            fail(e);
            return Err(Exit::Usage);
        }
    };
    let errors = checked.count(Severity::Error);
    if errors > 0 {
        err(&render_human(&checked.diagnostics, &checked.sources, color));
        if !checked.plans.is_empty() {
            err(&format!(
                "warning: the {which} plan `{}` has {errors} error{}; the diff shows what resolved\n",
                path.display(),
                if errors == 1 { "" } else { "s" }
            ));
        }
    }
    Ok(checked)
}

/// Reads PLAN and the files it includes, as they are at REV, into memory.
/// Returns the world and the plan's path in it (`REV:/plans/a.toml`).
fn git_world(rev: &str, plan: &Path) -> Result<(MemWorld, PathBuf), String> {
    let plan = normalize(plan);
    let dir = match plan.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let git = |args: &[&str]| -> Result<std::process::Output, String> {
        Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))
    };
    if !dir.is_dir() {
        return Err(format!("cannot read `{}`: no such folder", dir.display()));
    }
    if !git(&["rev-parse", "--git-dir"])?.status.success() {
        return Err(format!(
            "`{}` is not in a git repository; `--git` reads the plan from git",
            plan.display()
        ));
    }
    let verify = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])?;
    if !verify.status.success() {
        return Err(format!("unknown git revision `{rev}`"));
    }
    let Some(name) = plan.file_name() else {
        return Err(format!("`{}` is not a file", plan.display()));
    };
    // The old files live under a `REV:` folder, so paths (and the plan id
    // taken from the file name) stay those of the working copy.
    let root_key = normalize(&Path::new(&format!("{rev}:")).join(&plan));
    let mut mem = MemWorld::default();
    // (key in the world, path relative to the plan's folder)
    let mut todo = vec![(root_key.clone(), PathBuf::from(name))];
    while let Some((key, rel)) = todo.pop() {
        if mem.files.contains_key(&key) {
            continue;
        }
        let spec = format!("{rev}:./{}", slash_path(&rel));
        let shown = git(&["show", &spec])?;
        if !shown.status.success() {
            if key == root_key {
                let why = String::from_utf8_lossy(&shown.stderr);
                let why = why.trim().trim_start_matches("fatal: ");
                return Err(format!(
                    "`{}` is not in git at `{rev}` ({why})",
                    plan.display()
                ));
            }
            continue; // reported as a missing include when the plan is checked
        }
        for inc in includes(&shown.stdout) {
            let inc = Path::new(&inc);
            if inc.is_absolute() {
                continue;
            }
            let k = normalize(&key.parent().unwrap_or(Path::new("")).join(inc));
            let r = normalize(&rel.parent().unwrap_or(Path::new("")).join(inc));
            todo.push((k, r));
        }
        mem.files.insert(key, shown.stdout);
    }
    Ok((mem, root_key))
}

/// A relative path as git writes it, with `/`.
fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The `include` paths of a file (a string or a list of strings).
fn includes(bytes: &[u8]) -> Vec<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    use crate::syntax::tree::Value;
    let Ok(table) = crate::syntax::tree::parse(text) else {
        return Vec::new();
    };
    match table
        .get("include")
        .map(super::super::syntax::tree::Item::get_ref)
    {
        Some(Value::String(s)) => vec![s.to_string()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| match v.get_ref() {
                Value::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
