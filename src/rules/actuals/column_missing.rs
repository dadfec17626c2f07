//! The mapping names a column that the export's header does not have. The
//! header row is looked for among the first twenty rows: the first row that
//! holds every column the mapping names (a cell merged over several columns
//! or rows counts for each of them). When no row holds them all, each
//! missing column is reported against the row that came closest, with the
//! closest header as a suggestion. Back ends rename columns between
//! versions (`阅读人数` becomes `阅读次数`); change the mapping's `column`
//! to the export's spelling. Nothing is written into the plan.
//!
//! <!-- zh-CN -->
//! 映射文件指定的列不在导出文件的表头里。almanac 在前二十行中找表头：第一个
//! 包含映射文件全部列名的行（合并单元格对它覆盖的每一列都算数）。如果没有哪
//! 一行包含全部列名，就对最接近的那一行报告每个缺少的列，并给出最接近的列名。
//! 后台的导出格式升级时常会改列名（`阅读人数` 改成 `阅读次数`）；把映射文件
//! 中的 `column` 改成导出文件里的写法即可。计划文件不会被改动。
