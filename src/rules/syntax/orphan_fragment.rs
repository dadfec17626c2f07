//! A TOML file without a `[plan]` table is a fragment (shared people,
//! channels or calendars). It is checked as part of every plan that includes
//! it. A fragment that no checked plan includes is never checked against a
//! plan, so almanac warns about it: include it from a plan, or delete it.
//!
//! <!-- zh-CN -->
//! 没有 `[plan]` 表的 TOML 文件是片段文件（共享的成员、渠道或日历），它作为
//! 每个引入它的计划的一部分接受检查。没有任何被检查的计划引入的片段文件，永远
//! 不会结合计划检查，所以 almanac 会对它发出警告：在某个计划中引入它，或者
//! 删除它。
