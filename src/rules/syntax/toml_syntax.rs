//! The file is not valid TOML: a missing quote or bracket, a key without a
//! value, a full-width character typed by an input method (`＝`, a full-width
//! space). almanac points at the first character it could not read.
//!
//! ```toml
//! [plan]
//! name = "年度计划     # the closing quote is missing
//! ```
//!
//! Fix the syntax at the marked place; when the help line shows the line in
//! ASCII characters, copy it.
