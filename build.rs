//! Links the `almanac` binary as a position-dependent executable on Linux.
//! A position-independent one spends a millisecond or two of every run
//! before `main` applying some 37,000 relocations to a megabyte of tables
//! (copying those pages first); for a command that checks a small plan in
//! about 5 ms that was a third of the time. The code is still compiled as
//! position-independent; only the final link of the binary changes (tests,
//! benches and the library are untouched). The cost is that the binary's
//! own addresses are not randomised at load.

// A build script talks to cargo through the environment and stdout.
#![allow(clippy::disallowed_methods, clippy::print_stdout)]

fn main() {
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let gnu_like = std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if linux && gnu_like {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
