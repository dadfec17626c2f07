//! A template given with `--templates` cannot be used: a syntax error
//! (an unclosed `{% for %}`, a misspelt filter) or an error while
//! rendering (a variable the view does not have). The diagnostic points at
//! the line in the template file. Remove the file from the folder to fall
//! back to the built-in template, or extend it with
//! `{% extends "__builtin/tasks.md.j2" %}`.
//!
//! <!-- zh-CN -->
//! 通过 `--templates` 提供的模板无法使用：语法错误（未闭合的 `{% for %}`、
//! 拼错的过滤器），或者渲染时出错（用到了视图中没有的变量）。诊断指向模板文件中
//! 出错的那一行。把该文件从目录中删掉即可回退到内置模板，也可以用
//! `{% extends "__builtin/tasks.md.j2" %}` 在内置模板的基础上扩展。
