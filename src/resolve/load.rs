//! Loading a plan's files: the plan itself and, recursively, the files it
//! includes (paths relative to the including file). Cycles, missing files
//! and files outside the plan's project (`crate::project`) are reported at
//! the `include` entry that causes them, with the chain; a file outside
//! the project is never opened.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Label, codes, did_you_mean};
use crate::locale::Msg;
use crate::project::{Refusal, confine};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::raw::{RawFile, Val};
use crate::syntax::reader::{Reader, read_file};
use crate::tr;
use crate::world::{World, normalize};

/// Reads, parses and schema-checks one file. `None` if it could not be parsed.
pub fn read_one(
    world: &dyn World,
    sources: &mut SourceMap,
    path: &Path,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> (FileId, Option<RawFile>) {
    let _ = world;
    let (id, ok) = crate::syntax::toml::add_file(sources, path.to_path_buf(), bytes, diags);
    if !ok {
        return (id, None);
    }
    let Some(mut tree) = crate::syntax::toml::parse(sources, id, diags) else {
        return (id, None);
    };
    let mut reader = Reader {
        file: id,
        text: &sources.get(id).text,
        diags,
        memo: Default::default(),
    };
    let raw = read_file(&mut reader, &mut tree);
    (id, Some(raw))
}

/// What the loader keeps of a file it hands out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// An include: kept for the next plan that includes it.
    Cached,
    /// A plan file, read once: moved out of the cache.
    Moved,
}

/// Reads each file once per run, however many plans include it, so its
/// syntax problems are reported once.
pub struct Loader<'w> {
    pub world: &'w dyn World,
    pub sources: SourceMap,
    cache: BTreeMap<PathBuf, (FileId, Option<RawFile>)>,
    /// Files some plan included.
    pub included: std::collections::BTreeSet<PathBuf>,
}

impl<'w> Loader<'w> {
    pub fn new(world: &'w dyn World) -> Self {
        Loader {
            world,
            sources: SourceMap::default(),
            cache: BTreeMap::new(),
            included: Default::default(),
        }
    }

    /// The parsed file at `path`; `Err` if it cannot be read at all. An
    /// include stays cached for the next plan that includes it
    /// (`Keep::Cached`); a plan file, read once and not included by
    /// others, is moved out (`Keep::Moved`).
    pub fn parsed(
        &mut self,
        path: &Path,
        keep: Keep,
        diags: &mut Vec<Diagnostic>,
    ) -> std::io::Result<(FileId, Option<RawFile>)> {
        if let Some((id, raw)) = self.cache.get_mut(path) {
            return Ok((
                *id,
                match keep {
                    Keep::Cached => raw.clone(),
                    Keep::Moved => raw.take(),
                },
            ));
        }
        let bytes = self.world.read(path)?;
        let (id, raw) = read_one(self.world, &mut self.sources, path, &bytes, diags);
        let cached = match keep {
            Keep::Cached => raw.clone(),
            Keep::Moved => None,
        };
        self.cache.insert(path.to_path_buf(), (id, cached));
        Ok((id, raw))
    }

    /// Puts a taken file back (a fragment, which plans may include).
    pub fn restore(&mut self, path: &Path, raw: RawFile) {
        if let Some((_, slot)) = self.cache.get_mut(path) {
            *slot = Some(raw);
        }
    }

    /// Whether a file was loaded (as a plan or through an include).
    pub fn was_loaded(&self, path: &Path) -> bool {
        self.cache.contains_key(path)
    }
}

/// The files of one plan, the plan's own first, each once.
pub struct Loaded {
    pub files: Vec<RawFile>,
    /// An include could not be loaded (unreadable, not valid TOML, not a
    /// path): the names it may declare are unknown, so a name the plan uses
    /// and no loaded file declares is not reported as unknown.
    pub incomplete: bool,
}

/// Follows `include`s from `plan` depth-first, reading only files inside
/// `project` (the canonical project root).
pub fn load_includes(
    loader: &mut Loader<'_>,
    plan: RawFile,
    project: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Loaded {
    let mut loaded = Loaded {
        files: Vec::new(),
        incomplete: false,
    };
    let mut stack: Vec<(FileId, Span)> = Vec::new();
    visit(loader, plan, project, &mut stack, &mut loaded, diags);
    loaded
}

fn visit(
    loader: &mut Loader<'_>,
    raw: RawFile,
    project: &Path,
    stack: &mut Vec<(FileId, Span)>,
    loaded: &mut Loaded,
    diags: &mut Vec<Diagnostic>,
) {
    let includes = raw.includes.clone();
    let this = raw.file;
    loaded.files.push(raw);
    let dir = loader
        .sources
        .get(this)
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    for inc in includes {
        let Val::Known(inc) = inc else {
            loaded.incomplete = true;
            continue;
        };
        let target = normalize(&dir.join(&inc.text));
        let sources = &loader.sources;
        // A cycle: the target is on the stack (or is this file).
        let on_stack = stack
            .iter()
            .map(|(f, _)| *f)
            .chain([this])
            .find(|f| sources.get(*f).path == target);
        if let Some(first) = on_stack {
            let mut chain: Vec<String> = Vec::new();
            let mut in_cycle = false;
            for f in stack.iter().map(|(f, _)| *f).chain([this]) {
                in_cycle |= f == first;
                if in_cycle {
                    chain.push(sources.get(f).path.display().to_string());
                }
            }
            chain.push(target.display().to_string());
            // In Chinese text, file names are quoted.
            let quoted: Vec<String> = chain.iter().map(|p| format!("`{p}`")).collect();
            let (chain_zh, chain) = (quoted.join(" → "), chain.join(" → "));
            let mut d = Diagnostic::new(
                &codes::R003,
                inc.span(),
                tr!("循环引入：{chain_zh}", "include cycle: {chain}"),
            )
            .label(tr!(
                "引入的文件又引入了这个文件",
                "includes a file that includes this one"
            ));
            let mut in_cycle = false;
            for (f, span) in stack.iter() {
                in_cycle |= *f == first;
                if in_cycle {
                    d = d.secondary(*span, included_from_here());
                }
            }
            diags.push(d.help(tr!(
                "删掉其中一条 `include`；共用的部分放进一个不反过来引入它们的片段文件",
                "remove one of the `include` entries; shared parts belong in a fragment that includes nothing back"
            )));
            continue;
        }
        if loaded
            .files
            .iter()
            .any(|f| sources.get(f.file).path == target)
        {
            continue; // already loaded through another include
        }
        let read = match confine(loader.world, project, &inc.text, &target) {
            Ok(_) => {
                loader.included.insert(target.clone());
                let before = diags.len();
                let read = loader.parsed(&target, Keep::Cached, diags);
                if let Ok((id, None)) = read {
                    // The file could not be parsed: its errors also point
                    // at the entry that brought it in.
                    for d in diags[before..]
                        .iter_mut()
                        .filter(|d| d.primary.span.file == id)
                    {
                        d.secondary.push(Label {
                            span: inc.span(),
                            text: included_from_here(),
                        });
                    }
                }
                read
            }
            Err(Refusal::Io(e)) => Err(e),
            Err(refusal) => {
                diags.push(outside(&inc.text, inc.span(), &refusal));
                loaded.incomplete = true;
                continue;
            }
        };
        let raw = match read {
            Ok((_, raw)) => raw,
            Err(e) => {
                let (written, reason) = (&inc.text, crate::world::io_reason(&e));
                let (reason_zh, reason_en) = (&reason.zh, &reason.en);
                let looked = target.display();
                diags.push(
                    Diagnostic::new(
                        &codes::R004,
                        inc.span(),
                        tr!(
                            "引入的文件 `{written}` 无法读取：{reason_zh}",
                            "included file `{written}` cannot be read: {reason_en}"
                        ),
                    )
                    .label(tr!("查找的路径：`{looked}`", "looked for {looked}"))
                    .help(
                        similar_file(loader.world, &target, &inc.text).unwrap_or_else(|| {
                            tr!(
                                "`include` 中的路径相对于引入它的那个文件",
                                "paths in `include` are relative to the file that includes them"
                            )
                        }),
                    ),
                );
                loaded.incomplete = true;
                continue;
            }
        };
        let Some(mut raw) = raw else {
            loaded.incomplete = true; // its syntax errors are reported
            continue;
        };
        if let Some(meta) = raw.plan.take() {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    meta.span,
                    tr!(
                        "被引入的文件不能有自己的 `[plan]` 表",
                        "an included file cannot have its own `[plan]` table"
                    ),
                )
                .secondary(inc.span(), included_from_here())
                .help(tr!(
                    "把 `[plan]` 移到引入它的文件中；片段文件只放共用的部分",
                    "move `[plan]` into the including file; a fragment holds only shared sections"
                )),
            );
        }
        stack.push((this, inc.span()));
        visit(loader, raw, project, stack, loaded, diags);
        stack.pop();
    }
}

/// R005: an include that leaves the project, written as `written`.
fn outside(written: &str, at: Span, why: &Refusal) -> Diagnostic {
    let (message, label) = match why {
        Refusal::Absolute => (
            tr!(
                "`{written}` 是绝对路径；almanac 只读取计划所在项目内的引入文件",
                "`{written}` is an absolute path; included files are read only inside the plan's project"
            ),
            tr!("绝对路径", "an absolute path"),
        ),
        _ => (
            tr!(
                "`{written}` 在计划所在项目之外；almanac 只读取项目内的引入文件",
                "`{written}` is outside the plan's project; included files are read only inside it"
            ),
            tr!(
                "（经过 `..` 和符号链接后）指向项目之外",
                "leads out of the project (after `..` and symlinks)"
            ),
        ),
    };
    Diagnostic::new(&codes::R005, at, message)
        .label(label)
        .help(tr!(
            "项目是计划所在位置往上最近的、含有 `.git` 的目录，没有则是计划自己所在的目录；把文件移进项目，或用 `--root DIR` 指定项目",
            "the project is the nearest folder above the plan that holds `.git`, or the plan's own folder; move the file into it, or set the project with `--root DIR`"
        ))
}

fn included_from_here() -> Msg {
    tr!("从这里引入", "included from here")
}

/// "did you mean `shared/team.toml`?" for a misspelt include.
fn similar_file(world: &dyn World, target: &Path, written: &str) -> Option<Msg> {
    let dir = target.parent()?;
    let wanted = target.file_name()?.to_string_lossy().into_owned();
    let names: Vec<String> = world
        .read_dir(dir)
        .ok()?
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".toml"))
        .collect();
    let name = crate::diagnostics::closest(&wanted, names.iter().map(String::as_str))?;
    let prefix = written
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    Some(did_you_mean(&format!("{prefix}{name}")))
}
