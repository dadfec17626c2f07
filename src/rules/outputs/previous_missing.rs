//! A year-end deck needs last year's plan (with its actuals) and this
//! year's. The plan's `previous = "…"` names a file that does not exist, a
//! folder, or a file outside the plan's project (the path is relative to
//! the plan's own file; `check` reports it, since `build` would refuse
//! it); or `--kind year-end` was asked of a plan that names no previous
//! plan. Fix the path, remove `previous`, or give both plans (`almanac
//! slides LAST.toml NEXT.toml`).
//!
//! <!-- zh-CN -->
//! 年终汇报演示文稿需要上一年计划（含实际值）和今年的计划。计划中
//! `previous = "…"` 指向的文件不存在、是一个目录，或在计划项目之外（路径相对于
//! 计划文件本身；`check` 就会报告，因为 `build` 会拒绝它）；或者计划没有写明
//! 上一年计划，却要求了 `--kind year-end`。修正路径、删掉 `previous`，或同时
//! 给出两个计划（`almanac slides LAST.toml NEXT.toml`）。
