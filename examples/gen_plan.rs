//! Prints a generated plan of N campaigns and tasks:
//! `cargo run --release --example gen_plan -- 10000 > plans-gen/plan.toml`.
//! With a directory (`-- 10000 DIR`) it writes `DIR/plan.toml` and the team
//! fragment `DIR/gen-team.toml` that the plan includes. With `--tjp` as well
//! (`-- 10000 DIR --tjp`) it writes the pair compared with TaskJuggler
//! instead (see `bench/compare.sh`): the plan cut down to what TaskJuggler
//! can also say (`plangen::twin`) and `DIR/plan.tjp`, its
//! TaskJuggler project.

// A development tool, not part of the compiler: it reads and writes files
// and prints directly.
#![allow(clippy::disallowed_methods, clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;

fn main() -> std::process::ExitCode {
    let (flags, args): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.starts_with("--"));
    let usage = || {
        eprintln!("usage: gen_plan N [DIR [--tjp]]");
        std::process::ExitCode::from(2)
    };
    let tjp = match flags.as_slice() {
        [] => false,
        [f] if f == "--tjp" => true,
        _ => return usage(),
    };
    let Some(n) = args.first().and_then(|a| a.parse::<usize>().ok()) else {
        return usage();
    };
    if args.len() > 2 || (tjp && args.len() < 2) {
        return usage();
    }
    let g = if tjp {
        plangen::twin(n)
    } else {
        plangen::plan(n)
    };
    match args.get(1) {
        Some(dir) => {
            let dir = std::path::Path::new(dir);
            let write = |name: &str, text: &str| std::fs::write(dir.join(name), text);
            if let Err(e) = std::fs::create_dir_all(dir)
                .and_then(|()| write("plan.toml", &g.plan))
                .and_then(|()| write("gen-team.toml", &g.fragment))
                .and_then(|()| {
                    if tjp {
                        write("plan.tjp", &plangen::tjp(n, &official_days()))
                    } else {
                        Ok(())
                    }
                })
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

/// almanac's official days (holidays and make-up workdays) for the
/// TaskJuggler project.
fn official_days() -> Vec<plangen::OfficialDay> {
    use almanac::calendar::{DayKind, cn_official_days};
    cn_official_days()
        .iter()
        .map(|d| plangen::OfficialDay {
            date: d.date,
            holiday: d.kind == DayKind::Holiday,
            name_zh: d.name_zh,
        })
        .collect()
}
