//! A recurring column would publish more often than any plan can mean — a
//! daily column over a period of many years, say. Expansion stops at a
//! fixed bound (5,000 occurrences per column) instead of running for ever
//! or filling memory; check `every` and `during`.
//!
//! <!-- zh-CN -->
//! 栏目的发布频率高到不可能是计划本意——比如在跨越很多年的计划周期里
//! 每天一期。展开到固定上限（每个栏目 5,000 期）就停止，而不是无休止地运行
//! 或耗尽内存；检查 `every` 和 `during`。
