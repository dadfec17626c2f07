//! A key that the plan format does not know at this place, usually a typo.
//! Unknown keys are errors, not ignored, because a misspelt `shar = "60%"`
//! would otherwise silently drop a share. The help line suggests the closest
//! known key, or lists the keys of that table.
//!
//! ```toml
//! [channels.wechat]
//! slots_per_wek = 7    # did you mean `slots_per_week`?
//! ```
//!
//! `include` written below a table header belongs to that table in TOML;
//! it is reported as a key that must come before the first table, and the
//! files it names are still loaded, so the names they declare are known.
//!
//! <!-- zh-CN -->
//! 计划格式在此处不支持的键，通常是拼写错误。未知的键会报错而不是被忽略，
//! 否则拼错的 `shar = "60%"` 会被悄悄跳过，白白丢掉一个占比。提示行会给出最接近的
//! 已知键，或者列出这个表的所有键。
//!
//! ```toml
//! [channels.wechat]
//! slots_per_wek = 7    # 是不是想写 `slots_per_week`？
//! ```
//!
//! 写在表头下方的 `include` 在 TOML 中属于那个表；这种情况会报告为“必须写在
//! 第一个表之前”的键，它列出的文件仍会加载，其中声明的名称照样可用。
