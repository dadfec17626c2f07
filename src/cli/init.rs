//! `almanac init` (being written).

use crate::cli::args::InitArgs;
use crate::world::World;

pub fn run(world: &dyn World, a: &InitArgs) -> u8 {
    let _ = (a, world);
    crate::cli::err("error: `almanac init` is not available yet\n");
    2
}
