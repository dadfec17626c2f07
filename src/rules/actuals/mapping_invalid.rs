//! The mapping file cannot be used as written: an unknown key (with the
//! closest known one), a value of the wrong type, an `aggregate`,
//! `encoding`, `blanks` or `match` that is not one of its words, a metric
//! with no target or two targets, a result `metric` the plan format does
//! not have, `last` without a date column, a date range without one, or
//! two metrics writing the same value. The format of the mapping is in
//! `docs/actuals.md`.
//!
//! <!-- zh-CN -->
//! 映射文件的写法无法使用：未知的键（附最接近的键名）、类型错误的值、
//! `aggregate`、`encoding`、`blanks` 或 `match` 的取值不在可选范围内、某一项
//! 没有写入目标或有两个目标、计划格式中没有的结果指标 `metric`、没有日期列却
//! 使用 `last` 或日期范围，或两项写入同一个值。映射文件的格式见
//! `docs/actuals.md`。
