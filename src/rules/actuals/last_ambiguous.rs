//! A metric aggregated with `aggregate = "last"` takes the value of the
//! latest row by the date column (never by position in the file: exports
//! are often sorted newest first). Two rows on that latest date with
//! different values leave the last value undecided, so this is an error;
//! two rows with the same value are fine. Remove the duplicate row, or add
//! the rows up with `aggregate = "sum"` if they are parts of one total.
//! `last` without a `date_column` in the mapping's `[file]` is an I007.
//!
//! <!-- zh-CN -->
//! 用 `aggregate = "last"` 汇总的指标取日期列最新的那一行（从不按文件中的位置，
//! 导出文件常常是倒序排列的）。如果最新日期有两行且数值不同，最后的值无法确定，
//! 因此报错；两行数值相同则没有问题。删掉重复的一行；如果这几行是同一合计的
//! 组成部分，就改用 `aggregate = "sum"` 相加。映射文件的 `[file]` 没有
//! `date_column` 却使用 `last`，会报 I007。
