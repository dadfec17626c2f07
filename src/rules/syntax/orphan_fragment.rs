//! A TOML file without a `[plan]` table is a fragment (shared people,
//! channels or calendars). It is checked as part of every plan that includes
//! it. A fragment that no checked plan includes is never checked against a
//! plan, so almanac warns about it: include it from a plan, or delete it.
//!
//! <!-- zh-CN -->
//! 没有 `[plan]` 表的 TOML 文件是片段文件（共享的成员、渠道或日历），它会作为
//! 引入它的每个计划的一部分一起检查。如果没有任何被检查的计划引入它，它就永远
//! 不会随计划一起检查，所以 almanac 会对它发出警告：在某个计划中引入它，或者
//! 删除它。
