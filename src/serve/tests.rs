//! The rebuild loop on an in-memory world: a good build is served, a
//! broken plan keeps its last good outputs and reports its diagnostics,
//! a fix clears them; generations move only when something changed.

use std::path::{Path, PathBuf};

use super::{Options, Site, key};
use crate::build::BuildOptions;
use crate::diagnostics::Lang;
use crate::emit::Target;
use crate::locale::Locale;
use crate::world::MemWorld;

pub(super) const PLAN: &str = "/p/plans/mini.toml";
pub(super) const TEAM: &str = "/p/plans/shared/team.toml";

pub(super) const GOOD: &str = r#"include = ["shared/team.toml"]

[plan]
id = "mini"
name = "Mini <plan>"
year = 2026
locale = "en"

[campaigns.launch]
name = "Launch"
window = "2026-04-13..+2w"
channels = ["blog"]
owner = "ann"

[campaigns.launch.tasks.post]
name = "Launch post"
owner = "ann"
due = "start"
"#;

const TEAM_TEXT: &str = r#"[people.ann]
name = "Ann"

[channels.blog]
name = "Blog"
"#;

pub(super) fn world() -> MemWorld {
    MemWorld::default()
        .with_file(PLAN, GOOD)
        .with_file(TEAM, TEAM_TEXT)
        .with_file("/p/.git/HEAD", "ref: refs/heads/main\n")
}

pub(super) fn options() -> Options {
    Options {
        build: BuildOptions {
            out: PathBuf::from("/p/out"),
            targets: vec![Target::Markdown, Target::Json],
            split: None,
            locale: None,
            bom: true,
            templates: None,
            kind: crate::slides::Kind::Auto,
            pair: false,
            check: crate::check::Options::default(),
        },
        lang: Lang::only(Locale::En),
        color: false,
    }
}

pub(super) fn site(world: &MemWorld) -> Site {
    let opts = options();
    let mut site = Site::new(world, &[PathBuf::from(PLAN)], &opts).expect("the plan is found");
    site.rebuild(world, &opts, None);
    site
}

fn edit(world: &mut MemWorld, path: &str, text: &str) {
    world
        .files
        .insert(PathBuf::from(path), text.as_bytes().to_vec());
}

#[test]
fn a_good_build_is_served() {
    let w = world();
    let site = site(&w);
    let p = &site.plans[0];
    assert_eq!(p.id, "mini");
    assert_eq!(p.name, "Mini <plan>");
    assert_eq!((p.errors, p.warnings), (0, 0));
    assert_eq!(p.report, "");
    assert_eq!((p.built, p.generation, site.generation), (1, 1, 1));
    let names: Vec<&str> = p.artifacts.iter().map(|a| a.path.as_str()).collect();
    assert!(
        names.contains(&"tasks.md") && names.contains(&"tasks.json"),
        "{names:?}"
    );
    let json =
        String::from_utf8_lossy(&p.artifact("tasks.json").expect("built").bytes).into_owned();
    assert!(json.contains("2026-04-13"), "{json}");
    // The files the check read: the plan and its include.
    let read: Vec<&Path> = p.sources.iter().map(|(p, _)| p.as_path()).collect();
    assert!(read.iter().any(|p| p.ends_with("mini.toml")), "{read:?}");
    assert!(read.iter().any(|p| p.ends_with("team.toml")), "{read:?}");
}

#[test]
fn a_broken_plan_keeps_the_last_good_build_and_reports_then_a_fix_clears() {
    let mut w = world();
    let mut site = site(&w);
    let opts = options();
    let good = site.plans[0].artifacts.clone();

    edit(&mut w, PLAN, &GOOD.replace("[\"blog\"]", "[\"blgo\"]"));
    let moved = site.rebuild(&w, &opts, Some(&[key(&w, Path::new(PLAN))]));
    assert_eq!(moved, vec![0]);
    let p = &site.plans[0];
    assert_eq!(p.errors, 1);
    assert_eq!(p.artifacts, good, "the last good outputs stay");
    assert_eq!(p.built, 1);
    assert_eq!((p.generation, site.generation), (2, 2));
    // The same text `check` prints: code, message, location, underline, help.
    assert!(
        p.report
            .starts_with("error[R001]: unknown channel `blgo`\n"),
        "{}",
        p.report
    );
    assert!(
        p.report.contains("--> /p/plans/mini.toml:12:13"),
        "{}",
        p.report
    );
    assert!(p.report.contains("did you mean `blog`?"), "{}", p.report);

    // Saving the same broken text again changes nothing.
    let moved = site.rebuild(&w, &opts, Some(&[key(&w, Path::new(PLAN))]));
    assert!(moved.is_empty());
    assert_eq!(site.generation, 2);

    // Fixed, and the campaign moved a week: new outputs, a new generation.
    edit(&mut w, PLAN, &GOOD.replace("2026-04-13", "2026-04-20"));
    let moved = site.rebuild(&w, &opts, Some(&[key(&w, Path::new(PLAN))]));
    assert_eq!(moved, vec![0]);
    let p = &site.plans[0];
    assert_eq!((p.errors, p.report.as_str()), (0, ""));
    assert_eq!((p.built, p.generation, site.generation), (3, 3, 3));
    let json =
        String::from_utf8_lossy(&p.artifact("tasks.json").expect("built").bytes).into_owned();
    assert!(
        json.contains("2026-04-20") && !json.contains("2026-04-13"),
        "{json}"
    );
}

#[test]
fn an_include_is_watched_and_a_change_to_it_rebuilds() {
    let mut w = world();
    let mut site = site(&w);
    let opts = options();
    let watched = site.watched(&w);
    assert!(watched.contains(&key(&w, Path::new(PLAN))), "{watched:?}");
    assert!(watched.contains(&key(&w, Path::new(TEAM))), "{watched:?}");
    // A file no plan reads rebuilds nothing.
    let moved = site.rebuild(&w, &opts, Some(&[PathBuf::from("/p/plans/other.toml")]));
    assert!(moved.is_empty());
    // Renaming the channel in the include breaks the plan that uses it.
    edit(
        &mut w,
        TEAM,
        &TEAM_TEXT.replace("[channels.blog]", "[channels.news]"),
    );
    let moved = site.rebuild(&w, &opts, Some(&[key(&w, Path::new(TEAM))]));
    assert_eq!(moved, vec![0]);
    assert_eq!(site.plans[0].errors, 1, "{}", site.plans[0].report);
}

#[test]
fn a_plan_that_cannot_be_read_is_an_error_that_a_new_file_clears() {
    let mut w = world();
    w.files.remove(&PathBuf::from(PLAN));
    let mut site = site(&w);
    let opts = options();
    let p = &site.plans[0];
    assert_eq!((p.errors, p.built, p.id.as_str()), (1, 0, "mini"));
    assert!(p.report.starts_with("error: "), "{}", p.report);
    assert!(site.watched(&w).contains(&key(&w, Path::new(PLAN))));
    edit(&mut w, PLAN, GOOD);
    assert_eq!(
        site.rebuild(&w, &opts, Some(&[key(&w, Path::new(PLAN))])),
        vec![0]
    );
    assert_eq!((site.plans[0].errors, site.plans[0].built), (0, 2));
}

#[test]
fn a_change_in_the_templates_folder_rebuilds_every_plan() {
    let w = world().with_file("/p/tpl/tasks.md.j2", "# {{ plan.name }}\n");
    let mut opts = options();
    opts.build.templates = Some(PathBuf::from("/p/tpl"));
    let mut site = Site::new(&w, &[PathBuf::from(PLAN)], &opts).expect("found");
    site.rebuild(&w, &opts, None);
    assert_eq!(site.plans[0].errors, 0, "{}", site.plans[0].report);
    let md = String::from_utf8_lossy(&site.plans[0].artifact("tasks.md").expect("built").bytes)
        .into_owned();
    assert_eq!(md, "# Mini <plan>\n");
    assert!(site.watched(&w).contains(&key(&w, Path::new("/p/tpl"))));
    let changed = [key(&w, Path::new("/p/tpl/tasks.md.j2"))];
    // Same outputs: rebuilt, but nothing moved.
    assert!(site.rebuild(&w, &opts, Some(&changed)).is_empty());
}

#[test]
fn the_terminal_gets_colour_when_asked_and_the_page_never() {
    let mut w = world();
    edit(&mut w, PLAN, &GOOD.replace("[\"blog\"]", "[\"blgo\"]"));
    let mut opts = options();
    opts.color = true;
    let mut site = Site::new(&w, &[PathBuf::from(PLAN)], &opts).expect("found");
    site.rebuild(&w, &opts, None);
    let p = &site.plans[0];
    assert!(p.terminal.contains("\u{1b}["), "{:?}", p.terminal);
    assert!(!p.report.contains('\u{1b}'), "{:?}", p.report);
    assert!(p.report.starts_with("error[R001]"), "{}", p.report);
}
