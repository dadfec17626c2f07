//! The `almanac` command. Everything but the choice of allocator lives in
//! the library (`almanac::cli`). A check or build allocates and frees
//! hundreds of thousands of small strings and vectors (the TOML tree, the
//! plan, the rows of every output); mimalloc does that in about half the
//! instructions of the system allocator, which shows directly in the
//! whole-process times (see `docs/performance.md`).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    almanac::cli::run()
}
