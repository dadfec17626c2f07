//! Resolve: from the raw files of one plan to a `Plan`. Merges the plan file
//! with its fragments (an id declared twice is an error pointing at both),
//! builds the workday calendar, looks up every name (with a did-you-mean when
//! it is unknown) and evaluates every expression. A `Plan` exists only when
//! the plan's metadata could be read; everything else degrades item by item,
//! so one run reports every problem.
//!
//! `resolve` reads the plan section by section, one function each, in the
//! files beside this one: `merge` (the files put together), `header`
//! (`[plan]`), `holidays`, `moments` (and blackouts), `campaigns` (and
//! their tasks), `columns`, `team` (people, channels, review levels,
//! effort), `budget` (and the reserve and KOL policy), `goals` (KPIs and
//! assertions) and `story` (highlights, audiences, guidelines). This file
//! holds that sequence and the small readers the sections share.

pub mod budget;
mod campaigns;
mod columns;
pub mod dates;
mod goals;
mod header;
mod holidays;
pub mod load;
mod merge;
mod moments;
mod names;
mod results;
mod story;
mod team;

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Lead, Plan};
use crate::ratio::Ratio;
use crate::source::{SourceMap, Spanned};
use crate::syntax::ast::{self, Unit};
use crate::syntax::raw::{Expr, Str, Val};
use crate::tr;
use dates::DateCx;
use load::Loaded;
use names::{Index, PlanNames};

pub use merge::duplicate;

/// Resolves a loaded plan. `None` when its `[plan]` table is unusable.
pub fn resolve(sources: &SourceMap, loaded: Loaded, diags: &mut Vec<Diagnostic>) -> Option<Plan> {
    let partial = loaded.incomplete;
    let mut files = loaded.files;
    let root = files.first_mut()?;
    let meta = root.plan.take()?;
    let root_file = root.file;
    let m = merge::merge(files, diags);

    let currency = header::currency(meta.currency.as_ref(), diags);
    let period = header::period(&meta, diags)?;
    let (calendar_name, mut calendar) = header::calendar(&meta, diags);
    let holidays = holidays::holidays(&m.holidays, period.value, &mut calendar, diags)?;

    let cx = DateCx {
        period: period.value,
        calendar: &calendar,
    };
    // Names the plan uses may be declared in an include that did not load.
    let ids = Ids {
        people: Index::new(m.people.iter().map(|p| p.id.name.as_str())).partial(partial),
        channels: Index::new(m.channels.iter().map(|c| c.id.name.as_str())).partial(partial),
        levels: Index::new(m.review.iter().map(|l| l.id.name.as_str())).partial(partial),
    };

    let mut names = PlanNames::new(&m.moments, &m.campaigns, diags).partial(partial);
    let budget = budget::resolve_budget(m.budget.as_ref(), &currency, diags);
    // `[budget]` is declared in one file; if none of the loaded files has
    // it, its lines may be in the one that did not load, and none is looked up.
    let known_budget = (!partial || m.budget.is_some()).then_some(&budget);

    let moments = moments::moments(&m.moments, &cx, &mut names, &ids.channels, diags);
    let (campaigns, unresolved) = campaigns::campaigns(
        &m.campaigns,
        &cx,
        &mut names,
        &ids,
        known_budget,
        &currency,
        diags,
    );
    // Rituals are recurring items like columns, after them.
    let columns = columns::columns(
        m.columns.iter().chain(&m.rituals),
        &cx,
        &mut names,
        period,
        &ids,
        known_budget,
        diags,
    );
    let blackouts = moments::blackouts(&m.blackouts, &cx, &mut names, &ids.channels, diags);
    let review = team::review(&m.review, &ids.people, diags);
    let reserve = budget::reserve(m.reserve.as_ref(), diags);
    let kpis = goals::kpis(&m.kpis, partial, &ids.channels, diags);
    let kol = budget::kol(m.kol.as_ref(), known_budget, diags);
    let sections = story::sections(&m.sections, &cx, &mut names, diags);

    // The rest of `[plan]`, and the sections nothing refers to. Diagnostics
    // are found in this order (`check` keeps it for reports at one place).
    let (id, id_span) = header::plan_id(&meta, sources, root_file, diags);
    let plan = Plan {
        id,
        id_span,
        name: meta
            .name
            .as_ref()
            .map_or_else(|| header::file_stem(sources, root_file), |s| s.text.clone()),
        span: meta.span,
        period,
        timezone: header::timezone(meta.timezone.as_ref(), diags),
        currency,
        locale: header::locale(meta.locale.as_ref(), diags),
        calendar_name,
        calendar,
        previous: meta.previous.as_ref().map(|s| Spanned {
            value: s.text.clone(),
            span: s.span(),
        }),
        theme: text(&meta.theme),
        key_messages: meta.key_messages.iter().map(|s| s.text.clone()).collect(),
        threads: meta.threads.iter().map(|s| s.text.clone()).collect(),
        description: text(&meta.description),
        holidays,
        people: team::people(&m.people, diags),
        channels: team::channels(&m.channels, diags),
        budget,
        campaigns,
        columns,
        moments,
        blackouts,
        review,
        reserve,
        kpis,
        kol,
        highlights: story::highlights(&m.highlights, &ids.channels, diags),
        audiences: story::audiences(&m.audiences),
        guidelines: story::guidelines(&m.guidelines, diags),
        sections,
        assertions: goals::assertions(&m.assertions),
        effort: team::effort(m.effort.as_ref(), diags),
        rule_settings: m.rules,
        partial,
        unresolved,
    };
    Some(plan)
}

/// The id tables sections refer to: people, channels and review levels.
struct Ids {
    people: Index<crate::model::PersonId>,
    channels: Index<crate::model::ChannelId>,
    levels: Index,
}

fn text(s: &Option<Str>) -> Option<String> {
    s.as_ref().map(|s| s.text.clone())
}

fn text_or(s: &Option<Str>, default: &str) -> String {
    s.as_ref()
        .map_or_else(|| default.to_string(), |s| s.text.clone())
}

/// The values of a list of expressions, each with its span: those that
/// were read and evaluate, in order. The flag says whether all of them did.
fn evaluate_each<T: Clone, V>(
    list: &[Val<Expr<T>>],
    mut eval: impl FnMut(&Expr<T>) -> Option<V>,
) -> (Vec<Spanned<V>>, bool) {
    let mut all = true;
    let values = list
        .iter()
        .filter_map(|v| {
            let e = v.known();
            let value = e.and_then(&mut eval);
            all &= value.is_some();
            Some(Spanned {
                value: value?,
                span: e?.span(),
            })
        })
        .collect();
    (values, all)
}

/// A duration written negative, with `help` saying what to write.
fn negative(e: &Expr<ast::Duration>, help: crate::locale::Msg) -> Diagnostic {
    Diagnostic::new(
        &codes::S006,
        e.span(),
        tr!("时长不能为负数", "a duration cannot be negative"),
    )
    .label(tr!("负数", "negative"))
    .help(help)
}

fn hours(e: &Expr<ast::Duration>, diags: &mut Vec<Diagnostic>) -> Option<Ratio> {
    let d = e.node;
    let h = match d.unit {
        Unit::Hours => Ratio::int(i128::from(d.amount)),
        Unit::Minutes => Ratio::new(i128::from(d.amount), 60)?,
        Unit::Days | Unit::Workdays => Ratio::int(i128::from(d.amount) * 8),
        Unit::Weeks => Ratio::int(i128::from(d.amount) * 40),
    };
    if h.is_negative() {
        diags.push(negative(
            e,
            tr!(
                "写一个正的时长，例如 `6h`",
                "write a positive duration such as `6h`"
            ),
        ));
        return None;
    }
    Some(h)
}

fn lead(e: &Expr<ast::Duration>, diags: &mut Vec<Diagnostic>) -> Option<Spanned<Lead>> {
    let d = e.node;
    if d.amount < 0 {
        diags.push(negative(
            e,
            tr!(
                "写成 `3d`、`3wd` 或 `24h` 这样的时长",
                "write e.g. `3d`, `3wd` or `24h`"
            ),
        ));
        return None;
    }
    let value = match d.unit {
        Unit::Days => Lead::Days(d.amount),
        Unit::Weeks => Lead::Days(d.amount * 7),
        Unit::Workdays => Lead::Workdays(d.amount),
        Unit::Hours => Lead::Hours(d.amount),
        Unit::Minutes => Lead::Hours((d.amount + 59) / 60),
    };
    Some(Spanned {
        value,
        span: e.span(),
    })
}
