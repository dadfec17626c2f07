//! The file is not UTF-8 text: it was saved in another encoding (GBK or
//! GB18030 on Chinese Windows) or it is not a text file at all. almanac reads
//! plans as UTF-8; save the file again as UTF-8 (in VS Code: "Save with
//! Encoding", UTF-8). A UTF-8 byte-order mark is fine.
//!
//! <!-- zh-CN -->
//! 文件不是 UTF-8 文本：它是用其他编码保存的（中文系统上常见的 `GBK` 或
//! `GB18030`），或者根本不是文本文件。almanac 按 UTF-8 读取计划；把文件重新
//! 保存为 UTF-8（在 `VS Code` 中：“通过编码保存”，选 UTF-8）。文件开头带 UTF-8
//! 字节顺序标记也没有问题。
