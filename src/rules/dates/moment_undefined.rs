//! A built-in moment that has no date in the plan's year: the lunar
//! festivals come from a table covering 2020–2040. Declare the date yourself
//! under `[moments]` for years outside it.
//!
//! <!-- zh-CN -->
//! 内置营销节点在计划年份中没有日期：
//! 农历节日来自一张覆盖 2020–2040 年的表。超出这个范围的年份，
//! 在 `[moments]` 下自行声明日期。
