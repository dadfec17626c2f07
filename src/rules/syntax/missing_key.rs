//! A required key is missing: a plan needs a `year` or a `period`, a
//! campaign needs a `window`, a column needs `every`, a moment needs a
//! `date`, a budget line needs an amount or a share (or sub-lines).
//!
//! <!-- zh-CN -->
//! 缺少必填的键：计划需要 `year` 或 `period`，活动需要 `window`，栏目需要
//! `every`，营销节点需要 `date`，预算科目需要金额或占比（或者子科目）。
