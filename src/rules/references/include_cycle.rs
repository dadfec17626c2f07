//! Files include each other in a cycle (`a.toml` includes `b.toml`, which
//! includes `a.toml`). The message shows the whole chain. Shared parts belong
//! in a fragment that includes nothing back.
//!
//! <!-- zh-CN -->
//! 文件之间循环引入（`a.toml` 引入 `b.toml`，`b.toml` 又引入 `a.toml`）。诊断会
//! 列出完整的引入链。共用的部分应放进一个不反过来引入它们的片段文件。
