//! `check` as a library function: expands the paths given on the command
//! line into plans and fragments, loads each plan with its includes,
//! resolves it and runs the rules. Problems in files are diagnostics; a path
//! that cannot be read at all is an operational error (exit code 2).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity, codes};
use crate::locale::Msg;
use crate::model::Plan;
use crate::project;
use crate::resolve::load::{Keep, Loaded, Loader, load_includes};
use crate::rules::config::RuleConfig;
use crate::source::{SourceMap, Span};
use crate::tr;
use crate::world::World;
use crate::world::io_reason;
use crate::world::normalize;

/// A path on the command line that could not be used.
#[derive(Debug)]
pub enum CheckError {
    Unreadable { path: PathBuf, reason: Msg },
    NoPlans { path: PathBuf },
}

impl CheckError {
    /// What went wrong, in both languages.
    pub fn msg(&self) -> Msg {
        match self {
            CheckError::Unreadable { path, reason } => {
                let path = path.display();
                let (rz, re) = (&reason.zh, &reason.en);
                tr!("无法读取 `{path}`：{rz}", "cannot read `{path}`: {re}")
            }
            CheckError::NoPlans { path } => {
                let path = path.display();
                tr!(
                    "`{path}` 中没有计划：其中没有任何含 `[plan]` 表的 `.toml` 文件",
                    "no plans in `{path}`: no `.toml` file there has a `[plan]` table"
                )
            }
        }
    }
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().en)
    }
}

impl std::error::Error for CheckError {}

/// Everything one run found.
pub struct Checked {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub plans: Vec<Plan>,
    /// The schedule of each plan, in the same order.
    pub schedules: Vec<crate::schedule::Schedule>,
    /// The `locale` written in the plan that reads each file (the first
    /// such plan), for the language of messages about it.
    pub locales: BTreeMap<crate::source::FileId, crate::locale::Locale>,
}

impl Checked {
    /// The language of text about the whole run (a summary line): `lang`'s
    /// choice for the locales the checked plans write.
    pub fn run_locale(&self, lang: crate::diagnostics::Lang) -> crate::locale::Locale {
        lang.of_run(self.locales.values().copied().map(Some))
    }

    /// Adds diagnostics found after the check (a deck's, a template's),
    /// each in the language of the plan it is about.
    pub fn add(&mut self, diags: impl IntoIterator<Item = Diagnostic>) {
        for mut d in diags {
            d.locale = self.locales.get(&d.primary.span.file).copied();
            self.diagnostics.push(d);
        }
    }

    pub fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }
}

/// How a run reads its files.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The project root every file must lie in (`--root`); by default each
    /// plan's own (see `crate::project`).
    pub root: Option<PathBuf>,
}

/// Checks files and directories (every `.toml` file below a directory).
pub fn check_paths(world: &dyn World, paths: &[PathBuf]) -> Result<Checked, CheckError> {
    check_with(world, paths, &Options::default())
}

/// [`check_paths`] with options.
pub fn check_with(
    world: &dyn World,
    paths: &[PathBuf],
    opts: &Options,
) -> Result<Checked, CheckError> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| normalize(p)).collect();
    let (files, roots) =
        expand_paths(world, &paths, opts.root.as_deref()).map_err(|e| match e {
            Expanded::Unreadable(path, reason) => CheckError::Unreadable { path, reason },
            Expanded::Empty(path) => CheckError::NoPlans { path },
        })?;
    let mut loader = Loader::new(world);
    let mut diags = Vec::new();
    let mut plans_found = Vec::new();
    let mut fragments = Vec::new();
    for path in &files {
        let raw = match loader.parsed(path, Keep::Moved, &mut diags) {
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
    // The language each file's diagnostics are shown in: the `locale` the
    // plan that reads it writes (the first such plan).
    let mut file_locales = BTreeMap::new();
    for plan in plans_found {
        let mut plan_diags = Vec::new();
        let path = &loader.sources.get(plan.file).path;
        let root = roots[path].clone();
        let written = (plan.plan.as_ref())
            .and_then(|m| m.locale.as_ref())
            .and_then(|s| crate::locale::parse(&s.text));
        let loaded = load_includes(&mut loader, plan, &root, &mut plan_diags);
        if let Some(l) = written {
            for f in &loaded.files {
                file_locales.entry(f.file).or_insert(l);
            }
        }
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
    duplicate_plan_ids(&plans, &mut diags);
    for i in 0..plans.len() {
        let path = loader.sources.get(plans[i].span.file).path.clone();
        let root = &roots[&path];
        let Some(target) = previous_plan(world, &plans[i], &path, root, &mut diags) else {
            continue;
        };
        // Last year's plan: one checked in this run, or read now without
        // reporting its own problems (checking it reports them).
        let mut found = Vec::new();
        let (plan, previous) = match plans
            .iter()
            .position(|p| loader.sources.get(p.span.file).path == target)
        {
            Some(j) => (&plans[i], &plans[j]),
            None => match read_quietly(world, &target, root) {
                Some(p) => {
                    found.push(p);
                    (&plans[i], &found[0])
                }
                None => continue,
            },
        };
        let mut k005 = Vec::new();
        crate::rules::kpi::baseline_previous::compare(plan, previous, &mut k005);
        let config = RuleConfig::from_raw(&plan.rule_settings, &mut Vec::new());
        diags.extend(config.apply(k005));
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
                Diagnostic::new(
                    &codes::S009,
                    Span::new(file, 0, 0),
                    tr!(
                        "`{0}` 不是计划，这次检查的计划也都没有引入它",
                        "`{0}` is not a plan, and no plan checked here includes it",
                        path.display()
                    ),
                )
                .label(tr!("片段文件（没有 `[plan]` 表）", "a fragment (no `[plan]` table)"))
                .help(tr!(
                    "在计划里用 `include = [\"…\"]` 引入它，或者检查引入它的那个计划",
                    "include it from a plan with `include = [\"…\"]`, or check the plan that includes it"
                )),
            );
        }
    }
    for d in &mut diags {
        d.locale = file_locales.get(&d.primary.span.file).copied();
    }
    let locales = file_locales;
    // By place; diagnostics at the same place keep the order they were
    // found in (D004's festivals in the order of the year), and one
    // reported twice there (a fragment two plans include) is kept once.
    diags.sort_by_key(Diagnostic::sort_key);
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    let mut run_start = 0;
    for d in diags {
        if kept.last().is_none_or(|l| l.sort_key() != d.sort_key()) {
            run_start = kept.len();
        }
        if !kept[run_start..].contains(&d) {
            kept.push(d);
        }
    }
    let diags = kept;
    Ok(Checked {
        sources: loader.sources,
        diagnostics: diags,
        plans,
        schedules,
        locales,
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
    let files: Vec<crate::source::FileId> = loaded.files.iter().map(|f| f.file).collect();
    let Some(plan) = crate::resolve::resolve(sources, loaded, &mut diags) else {
        return (None, diags);
    };
    let schedule = crate::schedule::build(&plan, &mut diags);
    let config = RuleConfig::from_raw(&plan.rule_settings, &mut diags);
    let cx = crate::rules::Context {
        plan: &plan,
        schedule: &schedule,
        config: &config,
        sources,
        files: &files,
    };
    crate::rules::check_plan(&cx, &mut diags);
    let diags = config.apply(diags);
    (Some((plan, schedule)), diags)
}

/// `items.map(f)`, on up to as many threads as there are cores, each taking
/// a contiguous chunk (the first on this thread); the results come back in
/// the order of `items`.
fn in_parallel<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    /// The stack a main thread gets on Linux, so that deep plans behave the
    /// same on every thread.
    const STACK: usize = 8 << 20;
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
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

/// A plan read only for what another plan compares with it (last year's
/// actuals): its problems are not this run's to report, and its files,
/// read through a loader of their own, are not among the files this run
/// checked (the language server publishes diagnostics for those).
fn read_quietly(world: &dyn World, path: &Path, root: &Path) -> Option<Plan> {
    let mut loader = Loader::new(world);
    let mut quiet = Vec::new();
    let raw = loader.parsed(path, Keep::Moved, &mut quiet).ok()?.1?;
    raw.plan.as_ref()?;
    let loaded = load_includes(&mut loader, raw, root, &mut quiet);
    crate::resolve::resolve(&loader.sources, loaded, &mut quiet)
}

/// The plan a `previous` names must be a file inside the project: `build`
/// reads it for a year-end deck, and `check` says now what `build` would
/// refuse then. Returns the file when it is one.
fn previous_plan(
    world: &dyn World,
    plan: &Plan,
    path: &Path,
    root: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<PathBuf> {
    let prev = plan.previous.as_ref()?;
    let target = normalize(&path.parent().unwrap_or(Path::new("")).join(&prev.value));
    let why = match project::confine(world, root, &prev.value, &target) {
        Ok(_) if world.is_dir(&target) => {
            tr!("是一个目录，不是计划文件", "is a folder, not a plan file")
        }
        Ok(_) => return Some(target),
        Err(project::Refusal::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            tr!("不存在", "does not exist")
        }
        Err(project::Refusal::Io(e)) => {
            let r = io_reason(&e);
            let (rz, re) = (&r.zh, &r.en);
            tr!("无法读取：{rz}", "cannot be read: {re}")
        }
        Err(_) => tr!(
            "在计划所在的项目之外，almanac 不读取项目外的文件",
            "is outside the plan's project, where almanac does not read"
        ),
    };
    let target = target.display();
    let (wz, we) = (&why.zh, &why.en);
    diags.push(
        Diagnostic::new(
            &codes::O002,
            prev.span,
            tr!("上一年计划 `{target}` {wz}", "the previous plan `{target}` {we}"),
        )
        .label(tr!("年终汇报演示文稿要用的上一年计划", "last year's plan, for the year-end deck"))
        .help(tr!(
            "写出上一年计划相对于本文件的路径（须在项目之内），或者删除 `previous`",
            "give the path of last year's plan relative to this file, inside the project, or remove `previous`"
        )),
    );
    None
}

/// Two plans of one run with the same id would write the same output
/// folder: the second is an error, pointing at the first.
fn duplicate_plan_ids(plans: &[Plan], diags: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
    for p in plans {
        match seen.get(p.id.as_str()) {
            Some(&first) => diags.push(
                Diagnostic::new(
                    &codes::R002,
                    p.id_span,
                    tr!(
                        "两个计划的 ID 都是 `{0}`",
                        "two plans have the id `{0}`",
                        p.id
                    ),
                )
                .label(tr!(
                    "这个计划的输出文件会覆盖另一个计划的",
                    "this plan's outputs would replace the other's"
                ))
                .secondary(
                    first,
                    tr!("另一个同 ID 的计划", "the other plan with this id"),
                )
                .help(tr!(
                    "在 `[plan]` 中给每个计划一个不同的 `id`",
                    "give each plan its own `id` in `[plan]`"
                )),
            ),
            None => {
                seen.insert(&p.id, p.id_span);
            }
        }
    }
}

fn included_by_any(loader: &Loader<'_>, path: &Path) -> bool {
    loader.included.contains(path)
}

/// Why paths could not be expanded into files.
pub enum Expanded {
    /// A path that cannot be read, or that leaves its project, and why.
    Unreadable(PathBuf, Msg),
    /// A folder with no `.toml` file.
    Empty(PathBuf),
}

/// The files named and the `.toml` files below the folders named, each once
/// however many names (symlinks, `a/../a`) reach it, with the project root
/// of each (`root`, from `--root`, or see `crate::project`). A file that
/// resolves outside its project is refused: a link in a pull request must
/// not make almanac read, quote or rewrite a file elsewhere.
pub fn expand_paths(
    world: &dyn World,
    paths: &[PathBuf],
    root: Option<&Path>,
) -> Result<(Vec<PathBuf>, BTreeMap<PathBuf, PathBuf>), Expanded> {
    // Each file with its project: a file named, its own; a file found in a
    // folder, the folder's (so a link in the folder cannot lead out).
    let mut files = Vec::new();
    for p in paths {
        let unreadable = |e: std::io::Error| Expanded::Unreadable(p.clone(), io_reason(&e));
        if world.is_dir(p) {
            let project = project::root_of_folder(world, p, root).map_err(unreadable)?;
            let mut found = Vec::new();
            toml_files_below(world, p, &mut Default::default(), &mut found)
                .map_err(|(path, e)| Expanded::Unreadable(path, io_reason(&e)))?;
            if found.is_empty() {
                return Err(Expanded::Empty(p.clone()));
            }
            files.extend(found.into_iter().map(|f| (f, project.clone())));
        } else {
            let project = project::root_of(world, p, root).map_err(unreadable)?;
            files.push((p.clone(), project));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut roots = BTreeMap::new();
    let mut unique = Vec::new();
    for (path, project) in files {
        let unreadable = |reason: Msg| Expanded::Unreadable(path.clone(), reason);
        let real = world
            .canonicalize(&path)
            .map_err(|e| unreadable(io_reason(&e)))?;
        if !real.starts_with(&project) {
            return Err(unreadable(match root {
                Some(_) => tr!(
                    "它在 `--root` 指定的目录之外",
                    "it is outside the folder given with `--root`"
                ),
                None => tr!(
                    "它是指向项目之外文件的链接（项目是它上方最近的含 `.git` 的目录）；用 `--root DIR` 指定项目",
                    "it is a link to a file outside its project (the nearest folder above it that holds `.git`); `--root DIR` sets the project"
                ),
            }));
        }
        if seen.insert(real) {
            roots.insert(path.clone(), project);
            unique.push(path);
        }
    }
    Ok((unique, roots))
}

/// Every `.toml` file below `dir`, skipping hidden folders and `target`
/// (version control, editor state, build output). A folder reached twice
/// (through symlinks, or a link to a folder above it) is walked once:
/// `walked` holds the canonical folders seen. `Err` names the folder that
/// could not be read.
pub fn toml_files_below(
    world: &dyn World,
    dir: &Path,
    walked: &mut std::collections::BTreeSet<PathBuf>,
    out: &mut Vec<PathBuf>,
) -> Result<(), (PathBuf, std::io::Error)> {
    let real = world
        .canonicalize(dir)
        .map_err(|e| (dir.to_path_buf(), e))?;
    if !walked.insert(real) {
        return Ok(());
    }
    let entries = world.read_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
    for e in entries {
        let hidden = e
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.') || n == "target");
        if hidden {
            continue;
        }
        if world.is_dir(&e) {
            toml_files_below(world, &e, walked, out)?;
        } else if e.extension().is_some_and(|x| x == "toml") {
            out.push(normalize(&e));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::check_paths;
    use crate::world::MemWorld;

    /// Last year's plan is read for its actuals (K005) but is not one of
    /// the files this check reads: its own problems are not reported, and
    /// the language server publishes nothing for it.
    #[test]
    fn the_previous_plan_is_compared_but_not_checked() {
        let w = MemWorld::default()
            .with_file(
                "p/last.toml",
                "[plan]\nname = \"2025\"\nyear = 2025\n\n[kpis.rate]\nactual = \"5.8%\"\nbogus = 1\n",
            )
            .with_file(
                "p/plan.toml",
                "[plan]\nname = \"2026\"\nyear = 2026\nprevious = \"last.toml\"\n\n[kpis.rate]\nbaseline = \"5.2%\"\ntarget = \"8%\"\n",
            );
        let c = check_paths(&w, &[PathBuf::from("p/plan.toml")]).expect("checks");
        let codes: Vec<&str> = c
            .diagnostics
            .iter()
            .map(crate::diagnostics::Diagnostic::code)
            .collect();
        assert_eq!(codes, ["K005"]);
        let files: Vec<String> = c
            .sources
            .iter()
            .map(|(_, f)| f.path.display().to_string())
            .collect();
        assert_eq!(files, ["p/plan.toml"]);
    }

    /// The generated plan compared with TaskJuggler checks clean and has
    /// the same campaigns and tasks as its TaskJuggler twin, and nothing
    /// dated besides.
    #[test]
    fn the_twin_checks_clean_with_only_campaigns_and_tasks() {
        let g = plangen::twin(1000);
        let w = MemWorld::default()
            .with_file("g/plan.toml", g.plan)
            .with_file("g/gen-team.toml", g.fragment);
        let checked = check_paths(&w, &[PathBuf::from("g/plan.toml")]).expect("checks");
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let plan = &checked.plans[0];
        assert_eq!(plan.campaigns.len(), 100);
        assert!(plan.columns.is_empty() && plan.moments.is_empty());
        let tjp = plangen::tjp(1000, &[]);
        assert_eq!(tjp.matches("\ntask c").count(), 100);
        assert_eq!(tjp.matches("  task t").count(), 900);
    }
}
