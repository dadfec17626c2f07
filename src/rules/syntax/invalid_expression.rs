//! A string that should hold a date, range, duration, recurrence, amount,
//! share or assertion, but cannot be read as one. The underline points at the
//! first character that does not fit; `grammar/GRAMMAR.md` lists what each key
//! accepts. Full-width characters typed by an input method (`６０％`) are
//! shown with their ASCII spelling (`60%`).
//!
//! ```toml
//! window = "spring_festival - 7 days..+2"   # `+2` needs a unit: `+2d`
//! ```
//!
//! <!-- zh-CN -->
//! 某个字符串本应是日期、日期范围、时长、重复规则、金额、占比或断言，却无法
//! 按对应的写法解析。下划线指向第一个不符合的字符；`grammar/GRAMMAR.md` 列出了
//! 每个键接受的写法。输入法打出的全角字符（`６０％`）会附上对应的半角写法
//! （`60%`）。
//!
//! ```toml
//! window = "spring_festival - 7 days..+2"   # `+2` 缺少单位：`+2d`
//! ```
