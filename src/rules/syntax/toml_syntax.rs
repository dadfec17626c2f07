//! The file is not valid TOML: a missing quote or bracket, a key without a
//! value, a full-width character typed by an input method (`＝`, a full-width
//! space). almanac points at the first character it could not read.
//!
//! ```toml
//! [plan]
//! name = "年度计划     # the closing quote is missing
//! ```
//!
//! Fix the syntax at the marked place; when the help line shows the line in
//! ASCII characters, copy it.
//!
//! <!-- zh-CN -->
//! 文件不是有效的 TOML：缺少引号或括号、键没有值、输入法打出的全角字符
//! （`＝`、全角空格）。almanac 会指出第一个无法读取的字符。
//!
//! ```toml
//! [plan]
//! name = "年度计划     # 缺少右引号
//! ```
//!
//! 在标出的位置修正语法；如果提示行给出了这一行的半角写法，直接复制即可。
