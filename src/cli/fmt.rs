//! `almanac fmt` (being written).

use crate::cli::args::FmtArgs;
use crate::world::World;

pub fn run(world: &dyn World, a: &FmtArgs) -> u8 {
    let _ = (a, world);
    crate::cli::err("error: `almanac fmt` is not available yet\n");
    2
}
