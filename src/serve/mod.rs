//! `almanac serve` and `almanac watch`: the rebuild loop. A [`Site`] holds,
//! per plan, the outputs of its last good build (in memory, through
//! `build::make`), the diagnostics of its last check (rendered as `check`
//! prints them) and generation numbers that move when either changes, so
//! the browser knows when to reload. It is a state machine over a
//! `&dyn World`: the watcher (`watch.rs`) tells it which files changed, it
//! rebuilds the plans that read them, and the HTTP side (`http.rs`,
//! `pages.rs`, `net.rs`) serves only what it holds. A broken plan keeps its
//! last good outputs: the page shows them with the diagnostics over them.

pub mod http;
pub mod net;
pub mod pages;
pub mod watch;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::build::{BuildOptions, make};
use crate::check::CheckError;
use crate::diagnostics::render::render_human;
use crate::diagnostics::{Lang, Severity};
use crate::emit::Artifact;
use crate::locale::Locale;
use crate::world::World;

/// How the site builds its plans.
pub struct Options {
    /// The outputs made (`out` is used only by `watch`, which writes).
    pub build: BuildOptions,
    /// The language of diagnostics and pages.
    pub lang: Lang,
    /// Whether the diagnostics printed on the terminal are coloured (the
    /// page's text never is).
    pub color: bool,
}

/// One plan and what the site knows of it.
#[derive(Debug)]
pub struct PlanState {
    /// The plan file, as found.
    pub path: PathBuf,
    /// The plan's id (its folder in `build`, its path in the site): from the
    /// last check that resolved it, else the file's name.
    pub id: String,
    /// The plan's name, when a check resolved it.
    pub name: String,
    /// The language of text about this plan.
    pub locale: Locale,
    /// The outputs of the last build without errors.
    pub artifacts: Vec<Artifact>,
    /// The generation those outputs were made in (0: never built).
    pub built: u64,
    /// The last build's error and warning counts.
    pub errors: usize,
    pub warnings: usize,
    /// The last build's diagnostics as `check` prints them (no colour), or
    /// the reason the plan could not be read.
    pub report: String,
    /// The same for the terminal, coloured when asked for.
    pub terminal: String,
    /// The files the last check read, with their text (the plan, its
    /// includes, its `previous`, the brand file): the files the page may
    /// show and the watcher watches.
    pub sources: Vec<(PathBuf, String)>,
    /// Where this plan's state last changed.
    pub generation: u64,
}

impl PlanState {
    pub fn artifact(&self, name: &str) -> Option<&Artifact> {
        self.artifacts.iter().find(|a| a.path == name)
    }
}

/// Every plan served or watched.
#[derive(Debug)]
pub struct Site {
    pub plans: Vec<PlanState>,
    /// Moves on every change of any plan's state.
    pub generation: u64,
    /// The `--templates` folder, watched as a whole.
    pub templates: Option<PathBuf>,
}

impl Site {
    /// A site of the plans `paths` names: plan files as given, and the plans
    /// found below folders (those a check of the folder resolves; files
    /// added to a folder later are not picked up). Nothing is built yet.
    pub fn new(world: &dyn World, paths: &[PathBuf], opts: &Options) -> Result<Site, CheckError> {
        let mut files: Vec<PathBuf> = Vec::new();
        for p in paths {
            if world.is_dir(p) {
                let checked =
                    crate::check::check_with(world, std::slice::from_ref(p), &opts.build.check)?;
                for plan in &checked.plans {
                    let file = checked.sources.get(plan.span.file).path.clone();
                    if !files.contains(&file) {
                        files.push(file);
                    }
                }
            } else if !files.contains(p) {
                files.push(p.clone());
            }
        }
        let fallback = opts.lang.of_run([]);
        let plans = files
            .into_iter()
            .map(|path| PlanState {
                id: file_stem(&path),
                name: String::new(),
                locale: fallback,
                artifacts: Vec::new(),
                built: 0,
                errors: 0,
                warnings: 0,
                report: String::new(),
                terminal: String::new(),
                sources: Vec::new(),
                generation: 0,
                path,
            })
            .collect();
        Ok(Site {
            plans,
            generation: 0,
            templates: opts.build.templates.clone(),
        })
    }

    pub fn plan(&self, id: &str) -> Option<&PlanState> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// Rebuilds the plans that read one of `changed` (every plan when
    /// `changed` is `None` or names a file in the templates folder), and
    /// returns the indices of the plans whose state changed. `changed`
    /// holds paths as [`key`] makes them.
    pub fn rebuild(
        &mut self,
        world: &dyn World,
        opts: &Options,
        changed: Option<&[PathBuf]>,
    ) -> Vec<usize> {
        let templates = self.templates.as_deref().map(|t| key(world, t));
        let all = match changed {
            None => true,
            Some(c) => templates
                .as_ref()
                .is_some_and(|t| c.iter().any(|p| p.starts_with(t))),
        };
        let mut moved = Vec::new();
        for i in 0..self.plans.len() {
            let affected = all
                || changed.is_some_and(|c| {
                    let reads = self.plans[i].reads(world);
                    c.iter().any(|p| reads.contains(p))
                });
            if affected && self.rebuild_one(world, opts, i) {
                moved.push(i);
            }
        }
        moved
    }

    /// Builds plan `i`; true when its state changed.
    fn rebuild_one(&mut self, world: &dyn World, opts: &Options, i: usize) -> bool {
        let next = self.generation + 1;
        let p = &mut self.plans[i];
        let before = (p.errors, p.warnings, p.report.clone(), p.id.clone());
        let mut new_artifacts = None;
        match make(world, std::slice::from_ref(&p.path), &opts.build) {
            Ok(made) => {
                let c = &made.checked;
                if let Some(plan) = c.plans.first() {
                    p.id.clone_from(&plan.id);
                    p.name.clone_from(&plan.name);
                    p.locale = opts.lang.for_plan(Some(plan.locale));
                }
                p.errors = c.count(Severity::Error);
                p.warnings = c.count(Severity::Warning);
                p.report = render_human(&c.diagnostics, &c.sources, false, opts.lang);
                p.terminal = if opts.color {
                    render_human(&c.diagnostics, &c.sources, true, opts.lang)
                } else {
                    p.report.clone()
                };
                p.sources = (c.sources.iter())
                    .map(|(_, f)| (f.path.clone(), f.text.clone()))
                    .collect();
                if p.errors == 0 {
                    let mine = made.outputs.into_iter().find(|(id, _)| *id == p.id);
                    new_artifacts = Some(mine.map(|(_, a)| a).unwrap_or_default());
                }
            }
            Err(e) => {
                p.errors = 1;
                p.warnings = 0;
                p.report = format!(
                    "{}: {}\n",
                    Severity::Error.word(p.locale),
                    crate::text::for_display(e.msg().get(p.locale))
                );
                p.terminal = p.report.clone();
                // The plan file itself stays watched, so fixing it rebuilds.
                p.sources.retain(|(path, _)| *path == p.path);
            }
        }
        let mut changed = before != (p.errors, p.warnings, p.report.clone(), p.id.clone());
        if let Some(a) = new_artifacts
            && (a != p.artifacts || p.built == 0)
        {
            p.artifacts = a;
            p.built = next;
            changed = true;
        }
        if changed {
            p.generation = next;
            self.generation = next;
        }
        changed
    }

    /// Every file to watch: what each plan's last check read, each plan
    /// file, and the templates folder.
    pub fn watched(&self, world: &dyn World) -> BTreeSet<PathBuf> {
        let mut out = BTreeSet::new();
        for p in &self.plans {
            out.extend(p.reads(world));
        }
        if let Some(t) = &self.templates {
            out.insert(key(world, t));
        }
        out
    }
}

impl PlanState {
    /// The files this plan's last check read, and the plan file, as [`key`]s.
    fn reads(&self, world: &dyn World) -> BTreeSet<PathBuf> {
        let mut out: BTreeSet<PathBuf> = self.sources.iter().map(|(p, _)| key(world, p)).collect();
        out.insert(key(world, &self.path));
        out
    }
}

/// A path as the watcher and the site compare them: its folder made
/// canonical and absolute, then its name (the file itself may be missing
/// for a moment while an editor saves by renaming).
pub fn key(world: &dyn World, path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            world
                .canonicalize(dir)
                .map_or_else(|_| path.to_path_buf(), |d| d.join(name))
        }
        _ => world
            .canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf()),
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
