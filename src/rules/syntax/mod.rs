//! Syntax rules: problems found while reading a file (TOML, encoding, the
//! plan schema, expressions). Their files hold only the explanation.

pub mod control_character;
pub mod empty_file;
pub mod invalid_expression;
pub mod invalid_value;
pub mod missing_key;
pub mod not_utf8;
pub mod orphan_fragment;
pub mod template_error;
pub mod toml_syntax;
pub mod unknown_key;
pub mod wrong_type;
