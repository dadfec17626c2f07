//! A value that is well-formed but cannot be: `2026-02-30`, a share of
//! `150%`, an amount too large to represent, an amount in another currency
//! than the plan's, `every 0 weeks`, a plan with both `year` and `period`,
//! an id with spaces. The help line says what is allowed.
//!
//! <!-- zh-CN -->
//! 值的写法没问题，但不可能成立：`2026-02-30`、`150%` 的占比、大到无法表示的
//! 金额、币种与计划不同的金额、`every 0 weeks`、同时写了 `year` 和 `period` 的
//! 计划、带空格的标识。提示行会说明允许的写法。
