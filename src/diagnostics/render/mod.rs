//! Renderers: one file per output format, each a pure function from
//! diagnostics and the source map to text. The CLI picks one and prints.

pub mod human;
pub mod json;

pub use human::render_human;
pub use json::render_json;
