//! The floor for the benchmark in `bench/compare.sh`: reads the files and
//! parses each as TOML with `toml::de::DeTable::parse` (the parser almanac
//! uses), nothing more — no schema, no names, no dates, no output.
//! `cargo run --release --example parse_only -- plan.toml gen-team.toml`.
//! It uses the same allocator as the `almanac` binary, so the floor is
//! the parser alone, not a difference of allocators.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: parse_only FILE…");
        return std::process::ExitCode::from(2);
    }
    let mut keys = 0;
    for path in &paths {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                return std::process::ExitCode::from(2);
            }
        };
        match toml::de::DeTable::parse(&text) {
            Ok(table) => keys += table.get_ref().len(),
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return std::process::ExitCode::from(1);
            }
        }
    }
    println!("{} files, {keys} top-level keys", paths.len());
    std::process::ExitCode::SUCCESS
}
