//! Reading files: TOML into a spanned `RawFile`, and the expression language
//! inside TOML strings into `ast` nodes. Nothing here knows what a name
//! refers to or which day a date falls on.

pub mod ast;
pub mod expr;
pub mod raw;
pub mod reader;
pub mod strlit;
pub mod toml;
pub mod tree;
