//! The floor for the benchmark in `bench/compare.sh`: reads the files and
//! parses each as TOML, nothing more — no schema, no names, no dates, no
//! output. `--parser almanac` (the default) uses almanac's reader of TOML
//! into its spanned tree (`almanac::syntax::tree`, on `toml_parser`),
//! `--parser toml` the `toml` crate's `DeTable::parse`, the
//! general-purpose parser almanac used before.
//! `cargo run --release --example parse_only -- [--parser toml] plan.toml gen-team.toml`.
//! It uses the same allocator as the `almanac` binary, so the floor is
//! the parser alone, not a difference of allocators.

// A development tool, not part of the compiler: it reads and writes files
// and prints directly.
#![allow(clippy::disallowed_methods, clippy::print_stdout, clippy::print_stderr)]

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn usage() -> std::process::ExitCode {
    eprintln!("usage: parse_only [--parser almanac|toml] FILE…");
    std::process::ExitCode::from(2)
}

fn main() -> std::process::ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut crate_parser = false;
    if let Some(i) = args.iter().position(|a| a == "--parser") {
        match args.get(i + 1).map(String::as_str) {
            Some("toml") => crate_parser = true,
            Some("almanac") => {}
            _ => return usage(),
        }
        args.drain(i..i + 2);
    }
    if args.is_empty() {
        return usage();
    }
    let mut keys = 0;
    for path in &args {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                return std::process::ExitCode::from(2);
            }
        };
        let parsed = if crate_parser {
            toml::de::DeTable::parse(&text)
                .map(|t| t.get_ref().len())
                .map_err(|e| e.to_string())
        } else {
            almanac::syntax::tree::parse(&text)
                .map(|t| t.len())
                .map_err(|e| e.message.en)
        };
        match parsed {
            Ok(n) => keys += n,
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return std::process::ExitCode::from(1);
            }
        }
    }
    println!("{} files, {keys} top-level keys", args.len());
    std::process::ExitCode::SUCCESS
}
