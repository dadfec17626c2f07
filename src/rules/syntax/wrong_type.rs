//! A value of the wrong TOML type: a number where a string is expected, a
//! string where a table is expected. Dates, amounts and shares are written as
//! strings (`date = "2027-05-10"`, `share = "60%"`) because they use almanac's
//! expression language; counts (`slots_per_week = 7`) are integers.
//!
//! <!-- zh-CN -->
//! 值的 TOML 类型不对：该写字符串的地方写了数字，该写表的地方写了字符串。
//! 日期、金额和占比都写成字符串（`date = "2027-05-10"`、`share = "60%"`），
//! 因为它们用的是 almanac 的表达式语言；数量（`slots_per_week = 7`）写成整数。
