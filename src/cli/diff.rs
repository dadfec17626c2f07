//! `almanac diff OLD NEW` and `almanac diff --git REV PLAN…`: what changed
//! in meaning between two versions of a plan, as Markdown for a pull request
//! or as JSON. Each side is checked like `almanac check`; a side with errors
//! is reported on stderr and still compared as far as it resolved. With
//! `--git`, each plan and the files it reads (includes, `previous`) are read
//! at REV with `git show` into a `MemWorld` — the only place almanac runs a
//! program; a folder stands for every plan below it, then or now, and the
//! diffs come under one heading.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::Exit;
use crate::check::{Checked, check_with};
use crate::cli::args::{DiffArgs, DiffFormat};
use crate::cli::{err, fail_in, out, use_color, warn_in};
use crate::diagnostics::render::render_human;
use crate::diagnostics::{Lang, Severity};
use crate::diff::{Diff, Side, diff, json_value, render_json, render_markdown, render_mermaid};
use crate::locale::Msg;
use crate::tr;
use crate::world::normalize;
use crate::world::{MemWorld, World};

pub fn run(world: &dyn World, a: &DiffArgs, lang: Lang) -> Exit {
    let color = use_color(a.color, &std::io::stderr());
    if a.mermaid && a.format == DiffFormat::Json {
        fail_in(
            lang.of_run([]),
            &tr!(
                "`--mermaid` 只能用于 Markdown 输出，不能与 `--format json` 一起用",
                "`--mermaid` adds to the Markdown output; it cannot go with `--format json`"
            ),
        );
        return Exit::Usage;
    }
    let Some(rev) = &a.git else {
        let [old, new] = a.paths.as_slice() else {
            fail_in(
                lang.of_run([]),
                &tr!(
                    "给出两个计划（`almanac diff OLD NEW`）或一个版本（`almanac diff --git REV PLAN…`）",
                    "give two plans (`almanac diff OLD NEW`) or a revision (`almanac diff --git REV PLAN…`)"
                ),
            );
            return Exit::Usage;
        };
        let compared = load(world, old, Which::Old, color, None, lang).and_then(|o| {
            let n = load(world, new, Which::New, color, None, lang)?;
            compare(
                &o,
                &old.display().to_string(),
                &n,
                &new.display().to_string(),
                lang,
            )
        });
        return match compared {
            Ok(d) => print_one(a, &d),
            Err(code) => code,
        };
    };
    // One plan file: its diff alone, as before.
    if let [one] = a.paths.as_slice()
        && !world.is_dir(one)
    {
        return match git_diff(world, rev, one, color, lang) {
            Ok(d) => print_one(a, &d),
            Err(code) => code,
        };
    }
    let plans = match plans_in(world, rev, &a.paths) {
        Ok(p) => p,
        Err(e) => {
            fail_in(lang.of_run([]), &e);
            return Exit::Usage;
        }
    };
    let mut diffs = Vec::new();
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    let mut code = Exit::Clean;
    for (path, now, then) in plans {
        match (now, then) {
            (true, true) => match git_diff(world, rev, &path, color, lang) {
                Ok(d) => diffs.push(d),
                Err(c) => code = code.max(c),
            },
            (true, false) => added.push(path),
            (false, _) => removed.push(path),
        }
    }
    let changed = !added.is_empty() || !removed.is_empty() || diffs.iter().any(|d| !d.is_empty());
    match a.format {
        DiffFormat::Markdown => out(&render_many(&diffs, &added, &removed, rev, a.mermaid)),
        DiffFormat::Json => {
            let paths = |v: &[PathBuf]| -> Vec<String> { v.iter().map(|p| rev_label(p)).collect() };
            let doc = serde_json::json!({
                "version": 1,
                "diffs": diffs.iter().map(json_value).collect::<Vec<_>>(),
                "added": paths(&added),
                "removed": paths(&removed),
            });
            out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ));
        }
    }
    if a.exit_code && changed {
        code = code.max(Exit::Problems);
    }
    code
}

/// Prints one plan's diff; with `--exit-code`, exit 1 when it is not empty.
fn print_one(a: &DiffArgs, d: &Diff) -> Exit {
    match a.format {
        DiffFormat::Markdown => out(&markdown(d, a.mermaid)),
        DiffFormat::Json => out(&render_json(d)),
    }
    if a.exit_code && !d.is_empty() {
        Exit::Problems
    } else {
        Exit::Clean
    }
}

/// Compares two checked sides; a side that does not resolve is an error
/// (exit 1).
fn compare(
    old: &Checked,
    old_path: &str,
    new: &Checked,
    new_path: &str,
    lang: Lang,
) -> Result<Diff, Exit> {
    let (Some(old_plan), Some(new_plan)) = (old.plans.first(), new.plans.first()) else {
        for (c, which, path) in [(old, Which::Old, old_path), (new, Which::New, new_path)] {
            if c.plans.is_empty() {
                let (wz, we) = which.words();
                fail_in(
                    c.run_locale(lang),
                    &tr!(
                        "{wz}计划 `{path}` 无法解析，没有可比较的内容",
                        "the {we} plan `{path}` does not resolve, so there is nothing to compare"
                    ),
                );
            }
        }
        return Err(Exit::Problems);
    };
    Ok(diff(
        Side {
            plan: old_plan,
            schedule: &old.schedules[0],
            path: old_path,
        },
        Side {
            plan: new_plan,
            schedule: &new.schedules[0],
            path: new_path,
        },
    ))
}

/// The plan at `path` in the working copy against its version at `rev`.
fn git_diff(
    world: &dyn World,
    rev: &str,
    path: &Path,
    color: bool,
    lang: Lang,
) -> Result<Diff, Exit> {
    let (mem, key, label) = git_world(rev, path).map_err(|e| {
        fail_in(lang.of_run([]), &e);
        Exit::Usage
    })?;
    // Git shows only files of the repository: the old side's project is
    // everything read from REV.
    let rev_root = PathBuf::from(format!("{rev}:"));
    let old = load(&mem, &key, Which::Old, color, Some(rev_root), lang)?;
    let new = load(world, path, Which::New, color, None, lang)?;
    compare(&old, &label, &new, &path.display().to_string(), lang)
}

/// One plan's diff as Markdown; with `mermaid`, followed by the chart of
/// its campaigns that moved (when any did).
fn markdown(d: &Diff, mermaid: bool) -> String {
    let mut s = render_markdown(d);
    if let Some(chart) = render_mermaid(d).filter(|_| mermaid) {
        s.push('\n');
        s.push_str(&chart);
    }
    s
}

/// Several plans' diffs under one heading (each plan's own heading one
/// level down), then the plans added, removed and unchanged.
fn render_many(
    diffs: &[Diff],
    added: &[PathBuf],
    removed: &[PathBuf],
    rev: &str,
    mermaid: bool,
) -> String {
    use crate::markdown::code;
    let locale = diffs
        .first()
        .map_or(crate::locale::Locale::En, |d| d.locale);
    let w = crate::locale::words(locale);
    let mut s = format!("# {}\n\n", w.plans_diff_title);
    let list = |v: &[PathBuf]| -> String {
        v.iter()
            .map(|p| code(&p.display().to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let unchanged: Vec<&Diff> = diffs.iter().filter(|d| d.is_empty()).collect();
    if !added.is_empty() {
        s.push_str(&format!("- {}: {}\n", w.plan_new, list(added)));
    }
    if !removed.is_empty() {
        let at: Vec<PathBuf> = removed
            .iter()
            .map(|p| PathBuf::from(format!("{rev}:{}", rev_label(p))))
            .collect();
        s.push_str(&format!("- {}: {}\n", w.plan_gone, list(&at)));
    }
    if !unchanged.is_empty() {
        let ids: Vec<String> = unchanged.iter().map(|d| code(&d.new_id)).collect();
        s.push_str(&format!("- {}: {}\n", w.plans_unchanged, ids.join(", ")));
    }
    for d in diffs.iter().filter(|d| !d.is_empty()) {
        s.push('\n');
        s.push_str(&markdown(d, mermaid));
    }
    s
}

/// Checks one side. Its diagnostics are printed when it has errors; a path
/// that cannot be read is exit code 2.
/// Checks the plan at `path`; `root` is its project (by default found as
/// `check` finds it).
fn load(
    world: &dyn World,
    path: &Path,
    which: Which,
    color: bool,
    root: Option<PathBuf>,
    lang: Lang,
) -> Result<Checked, Exit> {
    if world.is_dir(path) {
        let path = path.display();
        fail_in(
            lang.of_run([]),
            &tr!(
                "`{path}` 是一个目录；`almanac diff` 比较的是两个计划文件",
                "`{path}` is a folder; `almanac diff` compares two plan files"
            ),
        );
        return Err(Exit::Usage);
    }
    let opts = crate::check::Options { root };
    let checked = match check_with(world, &[path.to_path_buf()], &opts) {
        Ok(c) => c,
        Err(e) => {
            fail_in(lang.of_run([]), &e.msg());
            return Err(Exit::Usage);
        }
    };
    let errors = checked.count(Severity::Error);
    if errors > 0 {
        err(&render_human(
            &checked.diagnostics,
            &checked.sources,
            color,
            lang,
        ));
        if !checked.plans.is_empty() {
            let (wz, we) = which.words();
            let path = path.display();
            let s = if errors == 1 { "" } else { "s" };
            warn_in(
                checked.run_locale(lang),
                &tr!(
                    "{wz}计划 `{path}` 有 {errors} 个错误；差异只包含能解析的部分",
                    "the {we} plan `{path}` has {errors} error{s}; the diff shows what resolved"
                ),
            );
        }
    }
    Ok(checked)
}

/// Which side of a comparison.
#[derive(Clone, Copy)]
enum Which {
    Old,
    New,
}

impl Which {
    /// `旧`/`old`, `新`/`new`.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Which::Old => ("旧", "old"),
            Which::New => ("新", "new"),
        }
    }
}

/// Runs git in `dir`.
fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, Msg> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| tr!("无法运行 `git`：{e}", "cannot run git: {e}"))
}

/// The folder of a file, `.` for a bare file name.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A file's path from the root of its git repository (`plans/a.toml`),
/// however almanac was run; the path as given when git cannot say.
fn rev_label(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let prefix = git(&folder_of(path), &["rev-parse", "--show-prefix"])
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match (prefix, name) {
        (Some(prefix), Some(name)) => format!("{prefix}{name}"),
        _ => slash_path(path),
    }
}

/// The plans named or below the folders named, each with whether it is in
/// the working copy and whether it is in git at `rev`: a plan deleted since
/// `rev` is found from git's list of the folder then.
fn plans_in(
    world: &dyn World,
    rev: &str,
    paths: &[PathBuf],
) -> Result<Vec<(PathBuf, bool, bool)>, Msg> {
    let mut found: BTreeMap<PathBuf, (bool, bool)> = BTreeMap::new();
    for p in paths {
        let p = normalize(p);
        if !world.is_dir(&p) {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            let spec = format!("{rev}:./{name}");
            let at_rev =
                git(&folder_of(&p), &["cat-file", "-e", &spec]).is_ok_and(|o| o.status.success());
            found.insert(p.clone(), (world.read(&p).is_ok(), at_rev));
            continue;
        }
        let files = match crate::check::expand_paths(world, std::slice::from_ref(&p), None) {
            Ok((files, _)) => files,
            Err(crate::check::Expanded::Empty(_)) => Vec::new(),
            Err(crate::check::Expanded::Unreadable(path, reason)) => {
                let (path, rz, re) = (path.display(), &reason.zh, &reason.en);
                return Err(tr!("无法读取 `{path}`：{rz}", "cannot read `{path}`: {re}"));
            }
        };
        for f in files {
            if world
                .read(&f)
                .is_ok_and(|b| crate::syntax::toml::is_plan(&b))
            {
                found.entry(normalize(&f)).or_default().0 = true;
            }
        }
        let listed = git(&p, &["ls-tree", "-r", "--name-only", rev, "--", "."])?;
        if !listed.status.success() {
            let why = String::from_utf8_lossy(&listed.stderr);
            let (p, why) = (p.display(), why.trim().trim_start_matches("fatal: "));
            return Err(tr!(
                "无法列出 `{p}` 在 git 版本 `{rev}` 中的文件（{why}）",
                "cannot list `{p}` at git revision `{rev}` ({why})"
            ));
        }
        for name in String::from_utf8_lossy(&listed.stdout).lines() {
            let hidden = name.split('/').any(|c| c.starts_with('.'));
            if hidden || !name.ends_with(".toml") {
                continue;
            }
            let shown = git(&p, &["show", &format!("{rev}:./{name}")])?;
            if shown.status.success() && crate::syntax::toml::is_plan(&shown.stdout) {
                found.entry(normalize(&p.join(name))).or_default().1 = true;
            }
        }
    }
    Ok(found
        .into_iter()
        .map(|(p, (now, then))| (p, now, then))
        .collect())
}

/// Reads PLAN and the files it includes, as they are at REV, into memory.
/// Returns the world, the plan's path in it and its label for readers
/// (`REV:plans/a.toml`, from the repository's root).
fn git_world(rev: &str, plan: &Path) -> Result<(MemWorld, PathBuf, String), Msg> {
    let plan = normalize(plan);
    let dir = folder_of(&plan);
    let git = |args: &[&str]| git(&dir, args);
    if !dir.is_dir() {
        let dir = dir.display();
        return Err(tr!(
            "无法读取 `{dir}`：目录不存在",
            "cannot read `{dir}`: no such folder"
        ));
    }
    if !git(&["rev-parse", "--git-dir"])?.status.success() {
        let plan = plan.display();
        return Err(tr!(
            "`{plan}` 不在 git 仓库里；`--git` 要从 git 读取计划",
            "`{plan}` is not in a git repository; `--git` reads the plan from git"
        ));
    }
    let verify = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])?;
    if !verify.status.success() {
        return Err(tr!("没有 git 版本 `{rev}`", "unknown git revision `{rev}`"));
    }
    let Some(name) = plan.file_name() else {
        let plan = plan.display();
        return Err(tr!("`{plan}` 不是文件", "`{plan}` is not a file"));
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
                let plan = plan.display();
                return Err(tr!(
                    "`{plan}` 在 git 版本 `{rev}` 中不存在（{why}）",
                    "`{plan}` is not in git at `{rev}` ({why})"
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
    let label = format!("{rev}:{}", rev_label(&plan));
    Ok((mem, root_key, label))
}

/// A relative path as git writes it, with `/`.
fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files a file reads: its `include` paths (a string or a list of
/// strings) and its `[plan]`'s `previous`.
fn includes(bytes: &[u8]) -> Vec<String> {
    use crate::syntax::tree::{Item, Value};
    let Ok(text) = crate::syntax::toml::decode(bytes) else {
        return Vec::new();
    };
    let Ok(table) = crate::syntax::tree::parse(&text) else {
        return Vec::new();
    };
    let mut found = match table.get("include").map(Item::get_ref) {
        Some(Value::String(s)) => vec![s.to_string()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| match v.get_ref() {
                Value::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    if let Some(Value::Table(plan)) = table.get("plan").map(Item::get_ref)
        && let Some(Value::String(previous)) = plan.get("previous").map(Item::get_ref)
    {
        found.push(previous.to_string());
    }
    found
}
