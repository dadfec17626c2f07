//! Tasks (through `after` or dates relative to each other) or moments and
//! campaigns (through dates relative to each other) that depend on each other
//! in a cycle, so none of them can be dated. The message names the whole
//! cycle.
