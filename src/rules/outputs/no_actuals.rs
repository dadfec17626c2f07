//! A review deck (or the review half of a year-end deck) was asked of a
//! plan that holds no results: none of its KPIs has an `actual`, and it
//! has no `[highlights]`. A review without results would be a deck of
//! empty tables, so nothing is written. Fill in the year's actuals
//! (`actual = "+35%"` beside each KPI's `target`), or ask for the plan
//! deck with `almanac slides PLAN --kind plan`.
//!
//! <!-- zh-CN -->
//! 要为一个没有任何结果的计划生成复盘演示文稿（或年终汇报演示文稿的复盘
//! 部分）：它的 KPI 都没有 `actual`，也没有 `[highlights]`。没有结果的复盘只会
//! 是一份满是空表格的演示文稿，所以不生成任何文件。补上这一年的实际值（在每个
//! KPI 的 `target` 旁写 `actual = "+35%"`），或用
//! `almanac slides PLAN --kind plan` 生成计划演示文稿。
