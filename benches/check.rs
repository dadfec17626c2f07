//! Benchmarks of `check` (read, parse, resolve, rules) on the example plans
//! and on generated plans of 1,000 and 10,000 items, all in memory so the
//! figures measure the compiler, not the disk.
//! Allocates with mimalloc, like the `almanac` binary.

// The benchmark reads the example plans from the repository.
#![allow(clippy::disallowed_methods)]

mod support;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};

use almanac::check::check_paths;
use almanac::rules::Context;
use almanac::rules::config::RuleConfig;
use almanac::world::MemWorld;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn examples() -> MemWorld {
    support::examples(Path::new(""), &["plans/northbeam-2027.toml"])
}

fn generated(n: usize) -> MemWorld {
    let g = plangen::plan(n);
    MemWorld::default()
        .with_file("gen/plan.toml", g.plan)
        .with_file("gen/gen-team.toml", g.fragment)
}

fn bench_check(c: &mut Criterion) {
    let w = examples();
    let plans: Vec<PathBuf> = [
        "plans/new-media-2025.toml",
        "plans/new-media-2026.toml",
        "plans/northbeam-2027.toml",
    ]
    .into_iter()
    .map(PathBuf::from)
    .collect();
    c.bench_function("check/example plans", |b| {
        b.iter(|| {
            let checked = check_paths(&w, &plans).expect("checks");
            assert!(checked.diagnostics.is_empty());
        });
    });
    let mut group = c.benchmark_group("check/generated");
    for n in [1_000, 10_000] {
        let w = generated(n);
        let paths = [PathBuf::from("gen/plan.toml")];
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let checked = check_paths(&w, &paths).expect("checks");
                assert!(checked.diagnostics.is_empty());
            });
        });
    }
    group.finish();
}

/// Building the schedule (recurrences, review chains) and running the
/// schedule and capacity rules, on an already resolved plan.
fn bench_schedule(c: &mut Criterion) {
    let mut group = c.benchmark_group("schedule/generated");
    for n in [1_000, 10_000] {
        let w = generated(n);
        let checked = check_paths(&w, &[PathBuf::from("gen/plan.toml")]).expect("checks");
        let plan = &checked.plans[0];
        let files: Vec<_> = checked.sources.iter().map(|(id, _)| id).collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let mut diags = Vec::new();
                let s = almanac::schedule::build(plan, &mut diags);
                let config = RuleConfig::from_raw(&plan.rule_settings, &mut diags);
                let cx = Context {
                    plan,
                    schedule: &s,
                    config: &config,
                    sources: &checked.sources,
                    files: &files,
                };
                almanac::rules::check_plan(&cx, &mut diags);
                assert!(diags.is_empty());
                s.items.len()
            });
        });
    }
    group.finish();
}

/// `build` with every output, into memory.
fn bench_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build/generated");
    group.sample_size(20);
    for n in [1_000, 10_000] {
        let w = generated(n);
        let opts = almanac::build::BuildOptions {
            out: PathBuf::from("out"),
            targets: almanac::emit::Target::ALL.to_vec(),
            split: None,
            locale: None,
            bom: true,
            templates: None,
            kind: Default::default(),
            pair: false,
            check: Default::default(),
        };
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let built = almanac::build::build(&w, &[PathBuf::from("gen/plan.toml")], &opts)
                    .expect("builds");
                assert_eq!(built.written.len(), 1);
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_check, bench_schedule, bench_build);
criterion_main!(benches);
