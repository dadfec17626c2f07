//! A row's campaign name matches two or more campaigns, which are named in
//! the message: with `match = "contains"`, a title such as `双11 预热直播`
//! contains both `双11` and `预热`. The row's numbers cannot be given to one
//! of them without a guess. Say which campaign the name means with an alias
//! in `[campaigns.aliases]`, or match names exactly.
//!
//! <!-- zh-CN -->
//! 某一行的活动名称同时匹配两个或更多活动，消息中会列出它们：使用
//! `match = "contains"` 时，`双11 预热直播` 这样的标题既包含 `双11` 也包含
//! `预热`。不猜测就无法把这一行的数字记到其中一个活动上。在
//! `[campaigns.aliases]` 中用别名写明它指哪个活动，或改为精确匹配。
