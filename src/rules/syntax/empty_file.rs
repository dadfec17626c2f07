//! The file is empty (or holds only whitespace). A plan starts with a
//! `[plan]` table; `almanac init` writes a commented starter plan.
//!
//! <!-- zh-CN -->
//! 文件是空的（或只有空白字符）。计划文件以 `[plan]` 表开头；`almanac init`
//! 会写出一份带注释的入门计划。
