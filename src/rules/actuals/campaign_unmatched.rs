//! A row's campaign name (in the column the mapping's `[campaigns]` names)
//! matches no campaign of the plan. With `match = "exact"` the cell must be
//! a campaign's `name` or id; with `match = "contains"` it must contain a
//! campaign's name. Exports name campaigns in their own words (a note's
//! title, an ad group), so the mapping may list aliases:
//! `[campaigns.aliases] "双十一" = "double11"`. The help line names the
//! closest campaign; a row is never dropped or guessed silently, since
//! that would change a campaign's results without a word.
//!
//! <!-- zh-CN -->
//! 某一行的活动名称（在映射文件 `[campaigns]` 指定的列中）匹配不到计划中的任
//! 何活动。`match = "exact"` 时单元格必须等于某个活动的 `name` 或标识；
//! `match = "contains"` 时单元格必须包含某个活动的名称。导出文件用自己的说法
//! 称呼活动（笔记标题、广告组名），所以映射文件可以列出别名：
//! `[campaigns.aliases] "双十一" = "double11"`。提示会给出最接近的活动；almanac
//! 从不悄悄丢掉或猜测某一行，那样会不声不响地改变活动的结果。
