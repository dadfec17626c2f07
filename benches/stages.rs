//! One benchmark per stage of the pipeline on the generated plan of 10,000
//! items (`plangen::plan`), so that a regression shows where it
//! is: TOML parse, parse and schema read, load with includes, resolve,
//! schedule, rules, and each output on its own (the calendar, the CSV and
//! JSON task lists, plan.json, the Markdown task list). Everything runs in
//! memory; the stages after resolve start from an already checked plan.
//! Allocates with mimalloc, like the `almanac` binary.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};

use almanac::diagnostics::Diagnostic;
use almanac::emit::{Options, Target};
use almanac::resolve::load::{Keep, Loader, load_includes};
use almanac::rules::Context;
use almanac::rules::config::RuleConfig;
use almanac::source::SourceMap;
use almanac::templates::Templates;
use almanac::world::MemWorld;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const N: usize = 10_000;

fn world() -> MemWorld {
    let g = plangen::plan(N);
    MemWorld::default()
        .with_file("gen/plan.toml", g.plan)
        .with_file("gen/gen-team.toml", g.fragment)
}

fn stages(c: &mut Criterion) {
    let w = world();
    let path = PathBuf::from("gen/plan.toml");
    let text = plangen::plan(N).plan;
    let mut g = c.benchmark_group("stage/10000");
    g.sample_size(20);

    g.bench_function("parse (TOML, almanac's parser)", |b| {
        b.iter(|| almanac::syntax::tree::parse(&text).expect("parses").len());
    });
    g.bench_function("parse (TOML, toml crate)", |b| {
        b.iter(|| {
            toml::de::DeTable::parse(&text)
                .expect("parses")
                .get_ref()
                .len()
        });
    });
    g.bench_function("read (TOML + schema)", |b| {
        b.iter(|| {
            let mut sources = SourceMap::default();
            let mut diags = Vec::new();
            let (_, raw) = almanac::resolve::load::read_one(
                &w,
                &mut sources,
                Path::new("gen/plan.toml"),
                text.as_bytes(),
                &mut diags,
            );
            assert!(raw.is_some() && diags.is_empty());
        });
    });
    g.bench_function("load (files and includes)", |b| {
        b.iter(|| {
            let mut diags: Vec<Diagnostic> = Vec::new();
            let mut loader = Loader::new(&w);
            let (_, raw) = loader
                .parsed(&path, Keep::Moved, &mut diags)
                .expect("reads");
            let loaded = load_includes(
                &mut loader,
                raw.expect("parses"),
                Path::new("gen"),
                &mut diags,
            );
            assert!(diags.is_empty());
            loaded
        });
    });
    g.bench_function("resolve", |b| {
        b.iter_batched(
            || {
                let mut diags: Vec<Diagnostic> = Vec::new();
                let mut loader = Loader::new(&w);
                let (_, raw) = loader
                    .parsed(&path, Keep::Moved, &mut diags)
                    .expect("reads");
                let loaded = load_includes(
                    &mut loader,
                    raw.expect("parses"),
                    Path::new("gen"),
                    &mut diags,
                );
                (loader.sources, loaded)
            },
            |(sources, loaded)| {
                let mut diags = Vec::new();
                let plan = almanac::resolve::resolve(&sources, loaded, &mut diags);
                assert!(plan.is_some() && diags.is_empty());
                plan
            },
            BatchSize::LargeInput,
        );
    });

    let mut checked = almanac::check::check_paths(&w, std::slice::from_ref(&path)).expect("checks");
    assert!(checked.diagnostics.is_empty());
    let plan = &checked.plans[0];
    let schedule = &checked.schedules[0];
    g.bench_function("schedule", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            almanac::schedule::build(plan, &mut diags).items.len()
        });
    });
    let files: Vec<_> = checked.sources.iter().map(|(id, _)| id).collect();
    g.bench_function("rules", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            let config = RuleConfig::from_raw(&plan.rule_settings, &mut diags);
            let cx = Context {
                plan,
                schedule,
                config: &config,
                sources: &checked.sources,
                files: &files,
            };
            almanac::rules::check_plan(&cx, &mut diags);
            assert!(diags.is_empty());
        });
    });

    let Ok(templates) = Templates::load(&w, None, &mut checked.sources) else {
        panic!("the built-in templates load")
    };
    for t in [
        Target::Calendar,
        Target::Csv,
        Target::Json,
        Target::Plan,
        Target::Markdown,
    ] {
        let opts = Options {
            targets: vec![t],
            split: None,
            locale: None,
            bom: true,
            stamp: almanac::build::stamp(&w, plan),
        };
        g.bench_function(format!("emit {}", t.name()), |b| {
            b.iter(|| {
                let out =
                    almanac::emit::emit(plan, schedule, &opts, &templates, &mut checked.sources)
                        .unwrap_or_else(|_| panic!("emits"));
                assert!(!out.is_empty());
                out
            });
        });
    }
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
