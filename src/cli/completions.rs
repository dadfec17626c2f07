//! `almanac completions SHELL` and `almanac man` (being written).

use crate::cli::args::CompletionsArgs;

pub fn run(a: &CompletionsArgs) -> u8 {
    let _ = a;
    crate::cli::err("error: `almanac completions` is not available yet\n");
    2
}

pub fn man() -> u8 {
    crate::cli::err("error: `almanac man` is not available yet\n");
    2
}
