//! `almanac diff` (being written).

use crate::cli::args::DiffArgs;
use crate::world::World;

pub fn run(world: &dyn World, a: &DiffArgs) -> u8 {
    let _ = (a, world);
    crate::cli::err("error: `almanac diff` is not available yet\n");
    2
}
