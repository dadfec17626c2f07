//! `almanac schema` (being written).

use crate::cli::args::SchemaArgs;

pub fn run(a: &SchemaArgs) -> u8 {
    let _ = (a,);
    crate::cli::err("error: `almanac schema` is not available yet\n");
    2
}
