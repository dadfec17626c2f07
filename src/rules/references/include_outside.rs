//! A file named in `include` lies outside the plan's project: the path is
//! absolute, climbs out with `..`, or is a symlink that points out. A plan
//! can come from a stranger's pull request, so almanac reads only files
//! inside the project — the nearest folder above the checked plan that
//! holds `.git`, or else the plan's own folder (`--root DIR` sets it) — and
//! does not open the file at all. Move the shared file into the project,
//! or check with a `--root` that contains it.
