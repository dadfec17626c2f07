//! `build` as a library function: check the plans, make every requested
//! output in memory, and only then write them — atomically per plan. Each
//! plan's outputs go to a temporary folder beside the target; when every
//! plan's files are written, each temporary folder is swapped in for the
//! old one (renaming a folder over a non-empty one fails on Linux, so the
//! old one is moved aside first and removed after). A build that fails at
//! any point leaves the previous outputs as they were.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime};

use crate::check::{CheckError, Checked, check_with};
use crate::diagnostics::Severity;
use crate::emit::{self, Artifact, Options, Target};
use crate::locale::Msg;
use crate::model::Plan;
use crate::slides;
use crate::templates::{TemplateError, Templates};
use crate::tr;
use crate::world::World;

pub struct BuildOptions {
    /// The folder that receives one sub-folder per plan.
    pub out: PathBuf,
    pub targets: Vec<Target>,
    pub split: Option<emit::calendar::Split>,
    pub locale: Option<crate::model::Locale>,
    pub bom: bool,
    pub templates: Option<PathBuf>,
    /// Which deck each plan gets (`--kind`).
    pub kind: slides::Kind,
    /// Two plans given to `slides`: one year-end deck of the pair, written
    /// into the second plan's folder; nothing else is written.
    pub pair: bool,
    /// How files are read (the project root).
    pub check: crate::check::Options,
}

#[derive(Debug)]
pub enum BuildError {
    Check(CheckError),
    Write { path: PathBuf, reason: Msg },
}

impl From<CheckError> for BuildError {
    fn from(e: CheckError) -> Self {
        BuildError::Check(e)
    }
}

impl BuildError {
    /// What went wrong, in both languages.
    pub fn msg(&self) -> Msg {
        match self {
            BuildError::Check(e) => e.msg(),
            BuildError::Write { path, reason } => {
                let path = path.display();
                let (rz, re) = (&reason.zh, &reason.en);
                tr!("无法写入 `{path}`：{rz}", "cannot write `{path}`: {re}")
            }
        }
    }
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().en)
    }
}

impl std::error::Error for BuildError {}

/// What a build did.
pub struct Built {
    /// The check's result (diagnostics include template errors).
    pub checked: Checked,
    /// Per plan written: its id, folder and file names.
    pub written: Vec<(String, PathBuf, Vec<String>)>,
}

/// The timestamp outputs carry: `SOURCE_DATE_EPOCH` if set, else the start
/// of the plan's period (never the clock).
pub fn stamp(world: &dyn World, plan: &Plan) -> NaiveDateTime {
    world
        .env("SOURCE_DATE_EPOCH")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .map_or_else(
            || {
                plan.period
                    .value
                    .start
                    .and_hms_opt(0, 0, 0)
                    .unwrap_or_default()
            },
            |d| d.naive_utc(),
        )
}

/// A build's outputs in memory: the check, and each plan's files.
pub struct Made {
    /// The check's result (diagnostics include template errors).
    pub checked: Checked,
    /// Per plan to write, in order: its id and its files. Empty when the
    /// check found errors.
    pub outputs: Vec<(String, Vec<Artifact>)>,
}

/// `build`: [`make`], then, when the check found no errors, [`write`].
pub fn build(
    world: &dyn World,
    paths: &[PathBuf],
    opts: &BuildOptions,
) -> Result<Built, BuildError> {
    let made = make(world, paths, opts)?;
    if made.checked.count(Severity::Error) > 0 {
        return Ok(Built {
            checked: made.checked,
            written: Vec::new(),
        });
    }
    let written = write(world, &made.outputs, opts)?;
    Ok(Built {
        checked: made.checked,
        written,
    })
}

/// The first half of a build: check the plans and make every requested
/// output in memory; nothing is written. (`serve` serves these.)
pub fn make(world: &dyn World, paths: &[PathBuf], opts: &BuildOptions) -> Result<Made, BuildError> {
    let mut checked = check_with(world, paths, &opts.check)?;
    if checked.count(Severity::Error) > 0 {
        // Nothing more is read: a `previous` that `check` refused (O002)
        // is never opened.
        return Ok(Made {
            checked,
            outputs: Vec::new(),
        });
    }
    let decks = opts.targets.iter().any(|t| t.is_deck());
    // Previous plans that year-end decks need are checked too, but only
    // for their actuals: nothing is written for them.
    let mut deck_diags = Vec::new();
    let extra = if decks {
        slides::missing_previous(world, &checked, opts.kind)
    } else {
        Vec::new()
    };
    if !extra.is_empty() {
        let mut all = paths.to_vec();
        all.extend(extra.iter().cloned());
        checked = check_with(world, &all, &opts.check)?;
    }
    let emitted: Vec<usize> = (0..checked.plans.len())
        .filter(|&i| !extra.contains(&slides::plan_file(&checked, &checked.plans[i])))
        .collect();
    let specs = if decks {
        slides::choose(&checked, &emitted, opts.kind, opts.pair, &mut deck_diags)
    } else {
        Vec::new()
    };
    checked.add(deck_diags);
    if checked.count(Severity::Error) > 0 {
        return Ok(Made {
            checked,
            outputs: Vec::new(),
        });
    }
    // Compiling the templates is a third of a small plan's build: only when
    // an output renders one, or overrides were given (to report their errors).
    let templated = decks || opts.targets.iter().any(|t| t.templated()) || opts.templates.is_some();
    let templates = if templated {
        match Templates::load(world, opts.templates.as_deref(), &mut checked.sources) {
            Ok(t) => t,
            Err(e) => return template_failure(checked, e),
        }
    } else {
        Templates::none()
    };
    let brand = if decks {
        match slides::brand::load(world, opts.templates.as_deref(), &mut checked.sources) {
            Ok(b) => Some(b),
            Err(e) => return template_failure(checked, e),
        }
    } else {
        None
    };
    let plain: Vec<Target> = opts
        .targets
        .iter()
        .copied()
        .filter(|t| !t.is_deck())
        .collect();
    // Everything in memory first.
    let mut outputs: Vec<(String, Vec<Artifact>)> = Vec::new();
    for &i in &emitted {
        let (plan, schedule) = (&checked.plans[i], &checked.schedules[i]);
        let spec = specs.iter().find(|s| s.owner() == i);
        if opts.pair && spec.is_none() {
            continue;
        }
        let o = Options {
            targets: plain.clone(),
            split: opts.split,
            locale: opts.locale,
            bom: opts.bom,
            stamp: stamp(world, plan),
        };
        let mut artifacts = match emit::emit(plan, schedule, &o, &templates, &mut checked.sources) {
            Ok(a) => a,
            Err(e) => return template_failure(checked, e),
        };
        if let (Some(spec), Some(brand)) = (spec, &brand) {
            let deck = slides::deck_for(&checked, *spec, opts.locale);
            match slides::render(&deck, brand, &templates, &opts.targets) {
                Ok(a) => artifacts.extend(a),
                Err(e) => {
                    let e = templates.error(e, &mut checked.sources);
                    return template_failure(checked, e);
                }
            }
        }
        outputs.push((plan.id.clone(), artifacts));
    }
    Ok(Made { checked, outputs })
}

/// The second half of a build: each plan's files into its folder below
/// `opts.out`, atomically (see the module's comment). Returns, per plan
/// written, its id, folder and file names.
pub fn write(
    world: &dyn World,
    outputs: &[(String, Vec<Artifact>)],
    opts: &BuildOptions,
) -> Result<Vec<(String, PathBuf, Vec<String>)>, BuildError> {
    let mut written = Vec::new();
    // Then every plan into its temporary folder; then the swaps.
    let mut staged = Vec::new();
    // `check` refuses such ids; this keeps a bug there from ever writing
    // outside `-o`.
    for (id, _) in outputs {
        if let Some(why) = crate::model::plan_id_problem(id) {
            return Err(BuildError::Write {
                path: opts.out.join(id),
                reason: {
                    let (wz, we) = (why.zh, why.en);
                    tr!(
                        "计划 ID 不能用作目录名：{wz}",
                        "the plan id cannot name a folder: {we}"
                    )
                },
            });
        }
    }
    let _lock = if outputs.is_empty() {
        None
    } else {
        Some(take_out(world, &opts.out)?)
    };
    for (id, artifacts) in outputs {
        let target = opts.out.join(id);
        match stage(world, &target, artifacts, &opts.targets) {
            Ok(tmp) => staged.push((id.clone(), target, tmp, artifacts)),
            Err(e) => {
                for (_, _, tmp, _) in &staged {
                    let _ = world.remove_dir_all(tmp);
                }
                return Err(e);
            }
        }
    }
    for (id, target, tmp, artifacts) in staged {
        swap(world, &target, &tmp)?;
        let mut files: Vec<String> = artifacts.iter().map(|a| a.path.clone()).collect();
        files.sort();
        written.push((id, target, files));
    }
    Ok(written)
}

fn template_failure(mut checked: Checked, e: TemplateError) -> Result<Made, BuildError> {
    match e {
        TemplateError::Diagnostic(d) => {
            checked.add([*d]);
            Ok(Made {
                checked,
                outputs: Vec::new(),
            })
        }
        TemplateError::Io(path, err) => Err(BuildError::Write {
            path,
            reason: crate::world::io_reason(&err),
        }),
    }
}

/// The suffixes of a plan folder's staging and old copies (`.<id>.<suffix>`).
const STAGING: [&str; 2] = ["almanac-tmp", "almanac-old"];

/// Makes the output folder and takes its lock: one build at a time writes
/// into a folder, and a second waits here. Under the lock, the staging and
/// old folders a killed build left are stale, and are removed.
fn take_out(world: &dyn World, out: &Path) -> Result<Box<dyn std::any::Any>, BuildError> {
    world.create_dir_all(out).map_err(|e| write_err(out, e))?;
    let lock = world.lock(out).map_err(|e| write_err(out, e))?;
    for entry in world.read_dir(out).map_err(|e| write_err(out, e))? {
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stale = name.starts_with('.')
            && STAGING.iter().any(|s| name.ends_with(&format!(".{s}")))
            && world.is_dir(&entry);
        if stale {
            world
                .remove_dir_all(&entry)
                .map_err(|e| write_err(&entry, e))?;
        }
    }
    Ok(lock)
}

fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{suffix}"))
}

fn write_err(path: &Path, e: std::io::Error) -> BuildError {
    BuildError::Write {
        path: path.to_path_buf(),
        reason: crate::world::io_reason(&e),
    }
}

/// Writes a plan's outputs into a fresh temporary folder beside `target`.
/// With `--only`, the target's other files are carried over.
fn stage(
    world: &dyn World,
    target: &Path,
    artifacts: &[Artifact],
    targets: &[Target],
) -> Result<PathBuf, BuildError> {
    if world.exists(target) && !world.is_dir(target) {
        return Err(BuildError::Write {
            path: target.to_path_buf(),
            reason: tr!("它是文件，不是目录", "it is a file, not a folder"),
        });
    }
    let tmp = sibling(target, STAGING[0]);
    if world.exists(&tmp) {
        world.remove_dir_all(&tmp).map_err(|e| write_err(&tmp, e))?;
    }
    world.create_dir_all(&tmp).map_err(|e| write_err(&tmp, e))?;
    let result = (|| {
        if world.is_dir(target) && !Target::ALL.iter().all(|t| targets.contains(t)) {
            for old in world.read_dir(target).map_err(|e| write_err(target, e))? {
                let Some(name) = old.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                    continue;
                };
                if world.is_dir(&old) || targets.iter().any(|t| t.owns(&name)) {
                    continue;
                }
                let bytes = world.read(&old).map_err(|e| write_err(&old, e))?;
                let to = tmp.join(&name);
                world
                    .write_file(&to, &bytes)
                    .map_err(|e| write_err(&to, e))?;
            }
        }
        for a in artifacts {
            let p = tmp.join(&a.path);
            world
                .write_file(&p, &a.bytes)
                .map_err(|e| write_err(&p, e))?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = world.remove_dir_all(&tmp);
            Err(e)
        }
    }
}

/// Puts `tmp` in place of `target`. Where the system can, the two are
/// exchanged in one step, so `target` is at every moment either the old
/// folder or the new one, even if the process is killed; elsewhere the old
/// folder is moved aside first and removed after.
fn swap(world: &dyn World, target: &Path, tmp: &Path) -> Result<(), BuildError> {
    if world.exists(target) {
        match world.exchange(tmp, target) {
            Ok(()) => {
                // `tmp` now holds the old folder.
                let _ = world.remove_dir_all(tmp);
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {}
            Err(e) => {
                let _ = world.remove_dir_all(tmp);
                return Err(write_err(target, e));
            }
        }
    }
    let old = sibling(target, STAGING[1]);
    if world.exists(&old) {
        world.remove_dir_all(&old).map_err(|e| write_err(&old, e))?;
    }
    let had = world.exists(target);
    if had {
        world
            .rename(target, &old)
            .map_err(|e| write_err(target, e))?;
    }
    if let Err(e) = world.rename(tmp, target) {
        if had {
            let _ = world.rename(&old, target);
        }
        let _ = world.remove_dir_all(tmp);
        return Err(write_err(target, e));
    }
    if had {
        let _ = world.remove_dir_all(&old);
    }
    Ok(())
}
