//! A file named in `include` cannot be read: it does not exist or is not
//! readable. Paths in `include` are relative to the file that includes
//! them.
//!
//! <!-- zh-CN -->
//! `include` 中写的文件无法读取：文件不存在，或没有读取权限。`include` 中的路径
//! 相对于引入它的那个文件。
