//! A template given with `--templates` cannot be used: a syntax error
//! (an unclosed `{% for %}`, a misspelt filter) or an error while
//! rendering (a variable the view does not have). The diagnostic points at
//! the line in the template file. Remove the file from the folder to fall
//! back to the built-in template, or extend it with
//! `{% extends "__builtin/tasks.md.j2" %}`.
