//! A cell of a number column is not a number, or a cell of the date column
//! is not a date. Numbers may be written as the back ends write them:
//! `1234`, `1,234`, `12.3万`, `1.2亿`, `5.8%`, with a sign. An empty cell or
//! a dash (`-`, `--`, `—`), which exports use for "no data", is an error
//! too, unless the mapping's `[file]` says `blanks = "skip"`: a missing
//! number silently counted as zero would make a wrong total. A column that
//! mixes percentages and plain numbers cannot be added up either, and a
//! column's `episodes` must come out whole (count the rows with
//! `aggregate = "count"` when each row is an episode). Dates
//! are `2025-03-08`, `2025/3/8`, `2025.3.8` or `2025年3月8日`, optionally
//! followed by a time. Nothing is written into the plan.
//!
//! <!-- zh-CN -->
//! 数字列的单元格不是数字，或日期列的单元格不是日期。数字可以按后台导出的
//! 写法书写：`1234`、`1,234`、`12.3万`、`1.2亿`、`5.8%`，可以带正负号。空单
//! 元格或短横线（`-`、`--`、`—`，导出文件常用来表示“没有数据”）也算错误，
//! 除非映射文件的 `[file]` 写了 `blanks = "skip"`：把缺失的数字悄悄当作零，
//! 合计就错了。同一列混有百分比和普通数字也无法汇总；栏目的 `episodes`
//! 汇总后必须是整数（每期一行时用 `aggregate = "count"` 数行数）。日期写作
//! `2025-03-08`、`2025/3/8`、`2025.3.8` 或 `2025年3月8日`，后面可以带时间。
//! 计划文件不会被改动。
