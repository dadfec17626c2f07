//! A file named in `include` lies outside the plan's project: the path is
//! absolute, climbs out with `..`, or is a symlink that points out. A plan
//! can come from a stranger's pull request, so almanac reads only files
//! inside the project — the nearest folder above the checked plan that
//! holds `.git`, or else the plan's own folder (`--root DIR` sets it) — and
//! does not open the file at all. Move the shared file into the project,
//! or check with a `--root` that contains it.
//!
//! <!-- zh-CN -->
//! `include` 中写的文件在计划项目之外：路径是绝对路径、用 `..` 跳出了项目，
//! 或是指向项目之外的符号链接。计划可能来自外部人员在 GitHub 上提交的合并请求，
//! 所以 almanac 只读取项目内的文件（项目是被检查的计划往上最近的、含有 `.git`
//! 的目录，没有则是计划自己所在的目录，可用 `--root DIR` 指定），项目外的文件
//! 根本不会打开。把共用的文件移进项目，或用一个包含它的 `--root` 来检查。
