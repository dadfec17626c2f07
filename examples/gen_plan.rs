//! Prints a generated plan of N campaigns and tasks:
//! `cargo run --release --example gen_plan -- 10000 > plans-gen/plan.toml`.
//! With a directory (`-- 10000 DIR`) it writes `DIR/plan.toml` and the team
//! fragment `DIR/gen-team.toml` that the plan includes.

use std::io::Write;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(n) = args.next().and_then(|a| a.parse::<usize>().ok()) else {
        eprintln!("usage: gen_plan N [DIR]");
        return std::process::ExitCode::from(2);
    };
    let g = almanac::generate::plan(n);
    match args.next() {
        Some(dir) => {
            let dir = std::path::Path::new(&dir);
            let write = |name: &str, text: &str| std::fs::write(dir.join(name), text);
            if let Err(e) = std::fs::create_dir_all(dir)
                .and_then(|_| write("plan.toml", &g.plan))
                .and_then(|_| write("gen-team.toml", &g.fragment))
            {
                eprintln!("error: cannot write to {}: {e}", dir.display());
                return std::process::ExitCode::from(2);
            }
        }
        None => {
            let _ = std::io::stdout().write_all(g.plan.as_bytes());
        }
    }
    std::process::ExitCode::SUCCESS
}
