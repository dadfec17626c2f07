//! Slide decks: the year-end review and the plan, compiled from plans.
//! `content` turns one or two checked plans into a `deck::Deck`; `html`
//! renders it as one self-contained HTML file through a template, `pptx`
//! as an editable PowerPoint package written part by part. The two
//! renderers read the same deck, so they show the same slides. This file
//! decides which deck each plan gets: a plan that names its `previous`
//! plan gets the year-end deck, a plan with actuals the review deck, any
//! other the plan deck; `--kind` overrides the choice.

pub mod brand;
pub mod content;
pub mod deck;
pub mod html;
pub mod pptx;

use std::path::{Path, PathBuf};

use crate::check::Checked;
use crate::diagnostics::{Diagnostic, codes};
use crate::model::Plan;
use crate::tr;
use crate::world::World;
use crate::world::normalize;

/// Which deck to make (`--kind`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    /// Year-end when the plan names its previous plan, review when it has
    /// actuals, else the plan deck.
    #[default]
    Auto,
    Plan,
    Review,
    YearEnd,
}

/// A deck to make: indices into `Checked::plans`. The deck is written
/// into the folder of `plan` (or of `review`, for a review deck).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub review: Option<usize>,
    pub plan: Option<usize>,
}

impl Spec {
    /// The plan whose output folder receives the deck.
    pub fn owner(&self) -> usize {
        self.plan.or(self.review).unwrap_or(0)
    }
}

/// The file a plan was read from.
pub fn plan_file(checked: &Checked, plan: &Plan) -> PathBuf {
    checked.sources.get(plan.span.file).path.clone()
}

/// The file a plan's `previous` names, relative to the plan's own file.
pub fn previous_file(checked: &Checked, plan: &Plan) -> Option<PathBuf> {
    let prev = plan.previous.as_ref()?;
    let file = plan_file(checked, plan);
    let dir = file.parent().unwrap_or(Path::new(""));
    Some(normalize(&dir.join(&prev.value)))
}

/// Previous plans that decks need and that were not checked with the
/// others (`check` reports a `previous` that names no file, O002).
pub fn missing_previous(world: &dyn World, checked: &Checked, kind: Kind) -> Vec<PathBuf> {
    if matches!(kind, Kind::Plan | Kind::Review) {
        return Vec::new();
    }
    let have: Vec<PathBuf> = checked
        .plans
        .iter()
        .map(|p| plan_file(checked, p))
        .collect();
    let mut out = Vec::new();
    for p in &checked.plans {
        let Some(path) = previous_file(checked, p) else {
            continue;
        };
        if have.contains(&path) || out.contains(&path) {
            continue;
        }
        // `check` reported a `previous` that is missing or outside the
        // project (O002), so the build stops before any deck is made.
        if world.exists(&path) && !world.is_dir(&path) {
            out.push(path);
        }
    }
    out
}

/// The deck each plan gets. `emit` are the plans whose folders are written
/// (previous plans loaded only for their actuals are not); with `pair`
/// (two plans given to `slides`), the first is the review and the second
/// the plan of one year-end deck. Plans that cannot have the deck asked
/// for get a diagnostic instead.
pub fn choose(
    checked: &Checked,
    emit: &[usize],
    kind: Kind,
    pair: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Spec> {
    let plans = &checked.plans;
    let no_actuals = |i: usize,
                      at: crate::source::Span,
                      whose: crate::locale::Pair,
                      diags: &mut Vec<Diagnostic>| {
        let (wz, we, id) = (whose.zh, whose.en, &plans[i].id);
        diags.push(
            Diagnostic::new(
                &codes::O001,
                at,
                tr!(
                    "{wz} `{id}` 没有可供复盘的实际值",
                    "{we} `{id}` has no actuals to review"
                ),
            )
            .label(tr!(
                "这里没有任何 KPI 写了 `actual`，也没有 `[highlights]`",
                "no KPI here has an `actual`, and there are no `[highlights]`"
            ))
            .help(tr!(
                "填上这一年的实际值（在 KPI 中写 `actual = \"+35%\"`），或者用 `--kind plan` 生成计划演示文稿",
                "fill in the year's actuals (`actual = \"+35%\"` on its KPIs), or build the plan deck with `--kind plan`"
            )),
        );
    };
    let pair_of = |zh, en| crate::locale::Pair { zh, en };
    if pair && emit.len() == 2 && matches!(kind, Kind::Auto | Kind::YearEnd) {
        let (r, p) = (emit[0], emit[1]);
        if !plans[r].has_results() {
            no_actuals(
                r,
                plans[r].span,
                pair_of("第一个计划", "the first plan"),
                diags,
            );
            return Vec::new();
        }
        return vec![Spec {
            review: Some(r),
            plan: Some(p),
        }];
    }
    let find = |path: &Path| plans.iter().position(|q| plan_file(checked, q) == path);
    let mut out = Vec::new();
    for &i in emit {
        let p = &plans[i];
        let prev = previous_file(checked, p).and_then(|f| find(&f));
        match (kind, prev) {
            (Kind::Plan, _) => out.push(Spec {
                review: None,
                plan: Some(i),
            }),
            (Kind::Review, _) | (Kind::Auto, None) if p.has_results() => out.push(Spec {
                review: Some(i),
                plan: None,
            }),
            (Kind::Review, _) => no_actuals(i, p.span, pair_of("计划", "the plan"), diags),
            (Kind::Auto, None) => out.push(Spec {
                review: None,
                plan: Some(i),
            }),
            (Kind::Auto | Kind::YearEnd, Some(r)) => {
                let at = p.previous.as_ref().map_or(p.span, |d| d.span);
                if plans[r].has_results() {
                    out.push(Spec {
                        review: Some(r),
                        plan: Some(i),
                    });
                } else {
                    no_actuals(r, at, pair_of("上一年计划", "the previous plan"), diags);
                }
            }
            (Kind::YearEnd, None) => {
                // A missing file was reported by `missing_previous`.
                if p.previous.is_none() {
                    let id = &p.id;
                    diags.push(
                        Diagnostic::new(
                            &codes::O002,
                            p.span,
                            tr!(
                                "年终汇报演示文稿需要上一年计划，但 `{id}` 没有指定",
                                "a year-end deck needs last year's plan, and `{id}` names none"
                            ),
                        )
                        .label(tr!("这个表中没有 `previous`", "no `previous` in this table"))
                        .help(tr!(
                            "在 `[plan]` 中添加 `previous = \"<上一年计划>.toml\"`，或者同时给出两个计划：`almanac slides LAST.toml NEXT.toml`",
                            "add `previous = \"<last year's plan>.toml\"` to `[plan]`, or give both plans: `almanac slides LAST.toml NEXT.toml`"
                        )),
                    );
                }
            }
        }
    }
    out
}

/// The deck for a spec, in `locale` or the deck's plan's language.
pub fn deck_for(checked: &Checked, spec: Spec, locale: Option<crate::model::Locale>) -> deck::Deck {
    let review = spec.review.map(|i| &checked.plans[i]);
    let plan = spec.plan.map(|i| &checked.plans[i]);
    let locale = locale.unwrap_or_else(|| {
        plan.or(review)
            .map_or(crate::model::Locale::ZhCn, |p| p.locale)
    });
    content::deck(review, plan, locale)
}

/// A deck's files for the deck targets among `targets` (HTML, PPTX, JSON).
pub fn render(
    deck: &deck::Deck,
    brand: &brand::Brand,
    templates: &crate::templates::Templates,
    targets: &[crate::emit::Target],
) -> Result<Vec<crate::emit::Artifact>, (String, minijinja::Error)> {
    use crate::emit::{Artifact, Target};
    let mut out = Vec::new();
    if targets.contains(&Target::Html) {
        out.push(Artifact {
            path: "deck.html".into(),
            bytes: html::render(deck, brand, templates)?.into_bytes(),
        });
    }
    if targets.contains(&Target::Pptx) {
        out.push(Artifact {
            path: "deck.pptx".into(),
            bytes: pptx::render(deck, brand),
        });
    }
    if targets.contains(&Target::DeckJson) {
        let mut bytes = serde_json::to_vec_pretty(deck).unwrap_or_default();
        bytes.push(b'\n');
        out.push(Artifact {
            path: "deck.json".into(),
            bytes,
        });
    }
    Ok(out)
}
