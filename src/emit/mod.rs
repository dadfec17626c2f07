//! Outputs. Each emitter is a pure function from a plan and its schedule
//! to bytes, and knows nothing of the others; `emit` dispatches to the ones
//! asked for and returns `Artifact`s. Machine formats (iCalendar, CSV,
//! JSON) use typed writers; the Markdown task list uses a template. Only
//! `build` writes files.

pub mod calendar;
pub mod csv;
pub mod ics;
pub mod json;
pub mod mermaid;
pub mod rows;
pub mod timeline;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDateTime};
use serde::Serialize;

use crate::locale::Words;
use crate::model::{Locale, Plan};
use crate::schedule::Schedule;
use crate::source::SourceMap;
use crate::templates::{TemplateError, Templates};
use calendar::Split;
use rows::Row;

/// One output file, relative to the plan's output folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Artifact {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Which outputs to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Calendar,
    Markdown,
    Csv,
    Json,
    Plan,
    /// The slide deck as one HTML file (made by `slides`, not here).
    Html,
    /// The slide deck as an editable PPTX.
    Pptx,
    /// The deck model as JSON, for tests and custom renderers (not in `ALL`).
    DeckJson,
    /// The year at a glance: a month calendar and a Gantt (`timeline.html`).
    Timeline,
    /// `timeline.mmd`, a Mermaid gantt of the campaigns (not in `ALL`).
    Mermaid,
}

impl Target {
    /// What `build` makes when `--only` is not given.
    pub const ALL: [Target; 8] = [
        Target::Calendar,
        Target::Markdown,
        Target::Csv,
        Target::Json,
        Target::Plan,
        Target::Timeline,
        Target::Html,
        Target::Pptx,
    ];

    /// The name `--only` and `--format` take.
    pub fn name(self) -> &'static str {
        match self {
            Target::Calendar => "calendar",
            Target::Markdown => "markdown",
            Target::Csv => "csv",
            Target::Json => "json",
            Target::Plan => "plan",
            Target::Html => "html",
            Target::Pptx => "pptx",
            Target::DeckJson => "deck-json",
            Target::Timeline => "timeline",
            Target::Mermaid => "mermaid",
        }
    }

    /// Whether this target is rendered through a template (by `emit`, on
    /// its own thread, while the machine formats are written).
    pub fn templated(self) -> bool {
        matches!(self, Target::Markdown | Target::Timeline)
    }

    /// Whether this target is a slide deck.
    pub fn is_deck(self) -> bool {
        matches!(self, Target::Html | Target::Pptx | Target::DeckJson)
    }

    /// `calendar`, `markdown`, `csv`, `json`, `plan`, `html`, `pptx`,
    /// `deck-json`, `timeline`, `mermaid`, and `tasks` for the three task
    /// lists, `slides` for both decks.
    pub fn parse(s: &str) -> Option<Vec<Target>> {
        Some(match s {
            "calendar" | "ics" => vec![Target::Calendar],
            "markdown" | "md" => vec![Target::Markdown],
            "csv" => vec![Target::Csv],
            "json" => vec![Target::Json],
            "plan" => vec![Target::Plan],
            "tasks" => vec![Target::Markdown, Target::Csv, Target::Json],
            "html" => vec![Target::Html],
            "pptx" => vec![Target::Pptx],
            "deck-json" => vec![Target::DeckJson],
            "timeline" => vec![Target::Timeline],
            "slides" | "deck" => vec![Target::Html, Target::Pptx],
            "mermaid" | "mmd" => vec![Target::Mermaid],
            _ => return None,
        })
    }

    /// The files this target writes (one calendar may become several).
    pub fn owns(self, path: &str) -> bool {
        match self {
            Target::Calendar => {
                (path.starts_with("calendar") && path.ends_with(".ics"))
                    || path == calendar::REVIEWS
            }
            Target::Markdown => path == "tasks.md",
            Target::Csv => path == "tasks.csv",
            Target::Json => path == "tasks.json",
            Target::Plan => path == "plan.json",
            Target::Html => path == "deck.html",
            Target::Pptx => path == "deck.pptx",
            Target::DeckJson => path == "deck.json",
            Target::Timeline => path == timeline::FILE,
            Target::Mermaid => path == mermaid::FILE,
        }
    }
}

pub struct Options {
    pub targets: Vec<Target>,
    pub split: Option<Split>,
    pub locale: Option<Locale>,
    pub bom: bool,
    /// DTSTAMP and any other timestamp: from the plan or `SOURCE_DATE_EPOCH`.
    pub stamp: NaiveDateTime,
}

#[derive(Serialize)]
struct OwnerGroup<'a> {
    name: String,
    rows: Vec<&'a Row<'a>>,
}

#[derive(Serialize)]
struct Month<'a> {
    label: String,
    owners: Vec<OwnerGroup<'a>>,
}

/// A month as a heading reads: `2026年2月`, `February 2026`.
pub fn month_label(labels: &Words, year: i32, month: u32) -> String {
    let name = labels.months[(month.clamp(1, 12) - 1) as usize];
    match labels.lang {
        Locale::ZhCn => format!("{year}年{name}"),
        Locale::En => format!("{name} {year}"),
    }
}

/// The Markdown task list's view: rows grouped by month, then owner.
fn months<'a>(rows: &'a [Row<'a>], labels: &Words) -> Vec<Month<'a>> {
    // (year, month) → (unassigned last, owner) → rows.
    type ByOwner<'r> = BTreeMap<(u8, String), Vec<&'r Row<'r>>>;
    let mut by: BTreeMap<(i32, u32), ByOwner<'a>> = BTreeMap::new();
    for r in rows {
        let owner = match &r.owner {
            Some(o) => (0, o.to_string()),
            None => (1, labels.unassigned.to_string()),
        };
        by.entry((r.date.year(), r.date.month()))
            .or_default()
            .entry(owner)
            .or_default()
            .push(r);
    }
    by.into_iter()
        .map(|((y, m), owners)| Month {
            label: month_label(labels, y, m),
            owners: owners
                .into_iter()
                .map(|((_, name), rows)| OwnerGroup { name, rows })
                .collect(),
        })
        .collect()
}

/// The machine formats, each from its typed writer.
fn machine(
    plan: &Plan,
    schedule: &Schedule,
    opts: &Options,
    labels: &Words,
    rows: &[Row<'_>],
    t: Target,
) -> Vec<Artifact> {
    match t {
        Target::Calendar => calendar::calendars(plan, schedule, labels, opts.stamp, opts.split)
            .into_iter()
            .map(|(path, text)| Artifact {
                path,
                bytes: text.into_bytes(),
            })
            .collect(),
        Target::Csv => vec![Artifact {
            path: "tasks.csv".into(),
            bytes: csv::tasks_csv(rows, labels, opts.bom),
        }],
        Target::Json => vec![Artifact {
            path: "tasks.json".into(),
            bytes: json::tasks_json(plan, rows),
        }],
        Target::Plan => vec![Artifact {
            path: "plan.json".into(),
            bytes: json::plan_json(plan, schedule),
        }],
        Target::Mermaid => vec![Artifact {
            path: mermaid::FILE.into(),
            bytes: mermaid::timeline(plan, schedule, labels).into_bytes(),
        }],
        Target::Markdown | Target::Timeline | Target::Html | Target::Pptx | Target::DeckJson => {
            Vec::new()
        }
    }
}

/// A templated output: its file name and text.
fn render(
    plan: &Plan,
    schedule: &Schedule,
    labels: &'static Words,
    rows: &[Row<'_>],
    templates: &Templates,
    t: Target,
) -> Result<(String, String), (String, minijinja::Error)> {
    if t == Target::Timeline {
        return timeline::render(plan, schedule, labels, templates)
            .map(|text| (timeline::FILE.to_string(), text));
    }
    let ctx = minijinja::context! {
        plan => minijinja::context! {
            id => plan.id.clone(),
            name => plan.name.clone(),
            start => plan.period.value.start.to_string(),
            end => plan.period.value.end.to_string(),
        },
        labels => minijinja::Value::from(minijinja::value::Serde(labels)),
        months => minijinja::Value::from(minijinja::value::Serde(months(rows, labels))),
    };
    templates
        .render_text("tasks.md.j2", ctx)
        .map(|text| ("tasks.md".to_string(), text))
}

/// Every requested output of one plan. Each machine format is written on
/// a thread of its own while the template renders on this one.
pub fn emit(
    plan: &Plan,
    schedule: &Schedule,
    opts: &Options,
    templates: &Templates,
    sources: &mut SourceMap,
) -> Result<Vec<Artifact>, TemplateError> {
    let labels = crate::locale::words(opts.locale.unwrap_or(plan.locale));
    let rows = rows::rows(plan, schedule, labels);
    let machine_targets: Vec<Target> = opts
        .targets
        .iter()
        .copied()
        .filter(|t| !t.templated() && !t.is_deck())
        .collect();
    let (mut machine_out, rendered) = std::thread::scope(|s| {
        let rows = &rows;
        let workers: Vec<_> = machine_targets
            .iter()
            .map(|&t| s.spawn(move || (t, machine(plan, schedule, opts, labels, rows, t))))
            .collect();
        let mut rendered = Vec::new();
        for &t in &opts.targets {
            if t.templated() && !rendered.iter().any(|(r, _)| *r == t) {
                rendered.push((t, render(plan, schedule, labels, rows, templates, t)));
            }
        }
        let machine_out: Vec<_> = workers.into_iter().filter_map(|w| w.join().ok()).collect();
        (machine_out, rendered)
    });
    let mut texts = Vec::new();
    for (t, text) in rendered {
        match text {
            Ok(text) => texts.push((
                t,
                Artifact {
                    path: text.0,
                    bytes: text.1.into_bytes(),
                },
            )),
            Err(e) => return Err(templates.error(e, sources)),
        }
    }
    // In the order the targets were asked for; the bytes are moved, not
    // copied, unless a target was asked for twice.
    let mut out = Vec::new();
    for (i, t) in opts.targets.iter().enumerate() {
        let last = !opts.targets[i + 1..].contains(t);
        let made = if t.templated() {
            texts.iter_mut().find(|(m, _)| m == t).map(|(_, a)| a)
        } else {
            None
        };
        if let Some(a) = made {
            out.push(if last { std::mem::take(a) } else { a.clone() });
            continue;
        }
        if let Some((_, a)) = machine_out.iter_mut().find(|(m, _)| m == t) {
            if last {
                out.append(a);
            } else {
                out.extend(a.iter().cloned());
            }
        }
    }
    Ok(out)
}
