//! `check` as a library function: expands the paths given on the command
//! line into plans and fragments, loads each plan with its includes,
//! resolves it and runs the rules. Problems in files are diagnostics; a path
//! that cannot be read at all is an operational error (exit code 2).

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Plan;
use crate::resolve::load::{Loaded, Loader, io_reason, load_includes, normalize};
use crate::rules::registry::rule;
use crate::source::{SourceMap, Span};
use crate::world::World;

/// A path on the command line that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("cannot read `{path}`: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("no plans in `{path}`: no `.toml` file there has a `[plan]` table")]
    NoPlans { path: PathBuf },
}

/// Everything one run found.
pub struct Checked {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub plans: Vec<Plan>,
    /// The schedule of each plan, in the same order.
    pub schedules: Vec<crate::schedule::Schedule>,
}

impl Checked {
    pub fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }
}

/// Checks files and directories (every `.toml` file below a directory).
pub fn check_paths(world: &dyn World, paths: &[PathBuf]) -> Result<Checked, CheckError> {
    let mut files = Vec::new();
    let paths: Vec<PathBuf> = paths.iter().map(|p| normalize(p)).collect();
    for p in &paths {
        if world.is_dir(p) {
            let found = toml_files(world, p)?;
            files.extend(found.into_iter().map(|f| (f, true)));
        } else {
            files.push((p.clone(), false));
        }
    }
    let mut loader = Loader::new(world);
    let mut diags = Vec::new();
    let mut plans_found = Vec::new();
    let mut fragments = Vec::new();
    for (path, _) in &files {
        let path = &normalize(path);
        let raw = match loader.take(path, &mut diags) {
            Ok((_, raw)) => raw,
            Err(e) => {
                return Err(CheckError::Unreadable {
                    path: path.clone(),
                    reason: io_reason(&e),
                });
            }
        };
        match raw {
            Some(raw) if raw.plan.is_some() => plans_found.push(raw),
            Some(raw) => {
                fragments.push((path.clone(), raw.file));
                loader.restore(path, raw);
            }
            None => {}
        }
    }
    // Loading goes through the shared loader, one plan after another, so each
    // file is read once and its problems land with the first plan that
    // includes it. What follows loading depends only on the plan's own files
    // and may run in parallel; results are kept in plan order.
    let mut work = Vec::new();
    for root in plans_found {
        let mut plan_diags = Vec::new();
        let loaded = load_includes(&mut loader, root, &mut plan_diags);
        work.push((loaded, plan_diags));
    }
    let mut plans = Vec::new();
    let mut schedules = Vec::new();
    for (checked, plan_diags) in in_parallel(work, |(loaded, diags)| {
        check_loaded(&loader.sources, loaded, diags)
    }) {
        if let Some((plan, schedule)) = checked {
            plans.push(plan);
            schedules.push(schedule);
        }
        diags.extend(plan_diags);
    }
    // A directory of fragments only is a usage error; a fragment nobody
    // includes is worth a warning.
    let dirs: Vec<&PathBuf> = paths.iter().filter(|p| world.is_dir(p)).collect();
    if plans.is_empty() && diags.is_empty() && !dirs.is_empty() && fragments.len() == files.len() {
        return Err(CheckError::NoPlans {
            path: dirs[0].clone(),
        });
    }
    for (path, file) in fragments {
        let included = included_by_any(&loader, &path);
        if !included {
            diags.push(
                Diagnostic::new(rule("S009"), Span::new(file, 0, 0), format!("`{}` is not a plan, and no plan checked here includes it", path.display()))
                    .label("a fragment (no `[plan]` table)")
                    .help("include it from a plan with `include = [\"…\"]`, or check the plan that includes it"),
            );
        }
    }
    diags.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.message.cmp(&b.message))
    });
    diags.dedup();
    Ok(Checked {
        sources: loader.sources,
        diagnostics: diags,
        plans,
        schedules,
    })
}

type PlanAndSchedule = (Plan, crate::schedule::Schedule);

/// Resolves, schedules and runs the rules on one loaded plan. `diags`
/// already holds the plan's loading problems; the plan's `[rules]` settings
/// apply to all of them.
fn check_loaded(
    sources: &SourceMap,
    loaded: Loaded,
    mut diags: Vec<Diagnostic>,
) -> (Option<PlanAndSchedule>, Vec<Diagnostic>) {
    let Some(plan) = crate::resolve::resolve(sources, loaded, &mut diags) else {
        return (None, diags);
    };
    let schedule = crate::schedule::build(&plan, &mut diags);
    crate::rules::check_plan(&plan, &schedule, &mut diags);
    let diags = plan.rules.apply(diags);
    (Some((plan, schedule)), diags)
}

/// `items.map(f)`, on up to as many threads as there are cores, each taking
/// a contiguous chunk (the first on this thread); the results come back in
/// the order of `items`.
fn in_parallel<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    /// The stack a main thread gets on Linux, so that deep plans behave the
    /// same on every thread.
    const STACK: usize = 8 << 20;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.into_iter().map(f).collect();
    }
    let per_thread = items.len().div_ceil(threads);
    let mut chunks: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        chunks.push(items.by_ref().take(per_thread).collect());
    }
    let f = &f;
    std::thread::scope(|scope| {
        let mut chunks = chunks.into_iter();
        let first = chunks.next().unwrap_or_default();
        let handles: Vec<_> = chunks
            .map(|chunk| {
                std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, move || chunk.into_iter().map(f).collect::<Vec<R>>())
                    .expect("the system starts a thread")
            })
            .collect();
        let mut out: Vec<R> = first.into_iter().map(f).collect();
        for h in handles {
            match h.join() {
                Ok(results) => out.extend(results),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

fn included_by_any(loader: &Loader<'_>, path: &Path) -> bool {
    loader.included.contains(path)
}

fn toml_files(world: &dyn World, dir: &Path) -> Result<Vec<PathBuf>, CheckError> {
    let mut out = Vec::new();
    toml_files_below(world, dir, &mut out).map_err(|(path, e)| CheckError::Unreadable {
        path,
        reason: io_reason(&e),
    })?;
    if out.is_empty() {
        return Err(CheckError::NoPlans {
            path: dir.to_path_buf(),
        });
    }
    Ok(out)
}

/// Every `.toml` file below `dir`, skipping hidden folders and `target`
/// (version control, editor state, build output). `Err` names the folder
/// that could not be read.
pub fn toml_files_below(
    world: &dyn World,
    dir: &Path,
    out: &mut Vec<PathBuf>,
) -> Result<(), (PathBuf, std::io::Error)> {
    let entries = world.read_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
    for e in entries {
        let hidden = e
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.') || n == "target");
        if hidden {
            continue;
        }
        if world.is_dir(&e) {
            toml_files_below(world, &e, out)?;
        } else if e.extension().is_some_and(|x| x == "toml") {
            out.push(normalize(&e));
        }
    }
    Ok(())
}
