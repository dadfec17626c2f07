//! The same id is declared twice, in one file or across a plan and the
//! files it includes. References to it would be ambiguous; the diagnostic
//! points at both declarations. A section that can appear once (`[budget]`,
//! `[reserve]`, `[kol]`) declared in two files is reported the same way.
//!
//! <!-- zh-CN -->
//! 同一个标识声明了两次，可能在同一个文件中，也可能分别在计划文件和它引入
//! 的文件中。引用它时就说不清指的是哪一个；诊断会同时指出两处声明。只能出现
//! 一次的表（`[budget]`、`[reserve]`、`[kol]`）在两个文件中都有声明，也按同样
//! 的方式报告。
