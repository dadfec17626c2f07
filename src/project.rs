//! Which files a plan may make almanac read. A plan can come from a
//! stranger's pull request, and its `include` and `previous` paths are
//! followed; so every file reached from a plan must lie inside the plan's
//! project, after symlinks are resolved. The project root is the nearest
//! folder above the plan that holds `.git` (a repository or a worktree),
//! else the plan's own folder; `--root DIR` sets it. A path that leaves it
//! — absolute, `../..`, or a symlink pointing out — is refused before it is
//! opened, so no diagnostic can quote a line of a file the user did not
//! mean to check.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::world::World;

/// The root of the project a plan at `plan` belongs to (canonical), or
/// `given` (from `--root`) made canonical. `Err` when the plan's folder or
/// the given root cannot be resolved.
pub fn root_of(world: &dyn World, plan: &Path, given: Option<&Path>) -> io::Result<PathBuf> {
    let dir = match plan.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    root_of_folder(world, dir, given)
}

/// The root of the project the folder `dir` is in: the nearest folder at
/// or above it that holds `.git`, else `dir`; or `given`.
pub fn root_of_folder(world: &dyn World, dir: &Path, given: Option<&Path>) -> io::Result<PathBuf> {
    if let Some(root) = given {
        return world.canonicalize(root);
    }
    let dir = world.canonicalize(dir)?;
    let found = dir.ancestors().find(|a| world.exists(&a.join(".git")));
    Ok(found.unwrap_or(&dir).to_path_buf())
}

/// Why a path may not be read from a project.
#[derive(Debug)]
pub enum Refusal {
    /// The path was written as an absolute path.
    Absolute,
    /// It resolves (after symlinks) to a file outside the root.
    Outside,
    /// It cannot be resolved: it does not exist, or a folder on the way
    /// cannot be read.
    Io(io::Error),
}

/// The canonical path of `path` (as written: `written`) if it lies inside
/// `root` (canonical).
pub fn confine(
    world: &dyn World,
    root: &Path,
    written: &str,
    path: &Path,
) -> Result<PathBuf, Refusal> {
    let absolute = Path::new(written).has_root()
        || matches!(
            Path::new(written).components().next(),
            Some(Component::Prefix(_))
        );
    if absolute {
        return Err(Refusal::Absolute);
    }
    let real = world.canonicalize(path).map_err(Refusal::Io)?;
    if real.starts_with(root) {
        Ok(real)
    } else {
        Err(Refusal::Outside)
    }
}

/// The bytes of `dir/name`, if that file lies inside `dir` after symlinks:
/// for the files of a `--templates` folder, which a pull request can hold
/// too.
pub fn read_inside(world: &dyn World, dir: &Path, name: &str) -> io::Result<Vec<u8>> {
    let path = dir.join(name);
    let real = world.canonicalize(&path)?;
    if !real.starts_with(world.canonicalize(dir)?) {
        return Err(io::Error::other(format!(
            "it is outside the folder `{}`, where almanac does not read",
            dir.display()
        )));
    }
    world.read(&path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::MemWorld;

    fn world() -> MemWorld {
        MemWorld::default()
            .with_file("repo/.git/HEAD", "ref: main")
            .with_file("repo/plans/a.toml", "")
            .with_file("repo/plans/shared/team.toml", "")
            .with_file("elsewhere/secret.toml", "")
    }

    #[test]
    fn the_root_is_the_nearest_folder_with_git_else_the_plans_folder() {
        let w = world();
        let root = root_of(&w, Path::new("repo/plans/a.toml"), None).unwrap();
        assert_eq!(root, Path::new("repo"));
        let root = root_of(&w, Path::new("elsewhere/secret.toml"), None).unwrap();
        assert_eq!(root, Path::new("elsewhere"));
        let given = root_of(
            &w,
            Path::new("repo/plans/a.toml"),
            Some(Path::new("repo/plans")),
        );
        assert_eq!(given.unwrap(), Path::new("repo/plans"));
    }

    #[test]
    fn paths_inside_are_confined_and_the_rest_refused() {
        let w = world();
        let root = Path::new("repo");
        let ok = confine(
            &w,
            root,
            "shared/team.toml",
            Path::new("repo/plans/shared/team.toml"),
        );
        assert_eq!(ok.unwrap(), Path::new("repo/plans/shared/team.toml"));
        let out = confine(
            &w,
            root,
            "../../elsewhere/secret.toml",
            Path::new("elsewhere/secret.toml"),
        );
        assert!(matches!(out, Err(Refusal::Outside)), "{out:?}");
        let abs = confine(&w, root, "/etc/passwd", Path::new("/etc/passwd"));
        assert!(matches!(abs, Err(Refusal::Absolute)), "{abs:?}");
        let missing = confine(&w, root, "nope.toml", Path::new("repo/plans/nope.toml"));
        assert!(matches!(missing, Err(Refusal::Io(_))), "{missing:?}");
        let above = confine(&w, root, "../../../x.toml", Path::new("../x.toml"));
        assert!(matches!(above, Err(Refusal::Io(_))), "{above:?}");
    }
}
