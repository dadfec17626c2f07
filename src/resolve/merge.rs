//! Merging a plan's files: the plan file and the fragments it includes give
//! one list per section, in file order. An id declared twice is reported at
//! its second declaration, pointing at the first, and only the first is
//! kept; so is a single table (`[budget]`, `[reserve]`, `[kol]`, `[effort]`)
//! declared in two files.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, codes};
use crate::source::{Ident, Span};
use crate::syntax::raw::*;

/// Everything the plan's files declare, merged.
#[derive(Default)]
pub(super) struct Merged {
    pub(super) holidays: Vec<RawHoliday>,
    pub(super) people: Vec<RawPerson>,
    pub(super) channels: Vec<RawChannel>,
    pub(super) budget: Option<RawBudget>,
    pub(super) campaigns: Vec<RawCampaign>,
    pub(super) columns: Vec<RawColumn>,
    pub(super) moments: Vec<RawMoment>,
    pub(super) blackouts: Vec<RawBlackout>,
    pub(super) review: Vec<RawReviewLevel>,
    pub(super) reserve: Option<RawReserve>,
    pub(super) kpis: Vec<RawKpi>,
    pub(super) kol: Option<RawKol>,
    pub(super) highlights: Vec<RawHighlight>,
    pub(super) audiences: Vec<RawAudience>,
    pub(super) guidelines: Vec<RawGuideline>,
    pub(super) rules: Vec<RawRuleSetting>,
    pub(super) assertions: Vec<RawAssertion>,
    pub(super) effort: Option<RawEffort>,
}

pub(super) fn merge(files: Vec<RawFile>, diags: &mut Vec<Diagnostic>) -> Merged {
    let mut m = Merged::default();
    for f in files {
        // Sections of items with ids: a later file's items follow, and an
        // id declared twice is reported.
        macro_rules! append {
            ($($field:ident: $what:literal),* $(,)?) => {
                $(append(&mut m.$field, f.$field, $what, |x| &x.id, diags);)*
            };
        }
        append!(
            holidays: "holiday",
            people: "person",
            channels: "channel",
            campaigns: "campaign",
            columns: "column",
            moments: "moment",
            blackouts: "blackout",
            review: "review level",
            kpis: "KPI",
            highlights: "highlight",
            audiences: "audience",
            guidelines: "guideline",
        );
        append(&mut m.rules, f.rules, "rule setting", |x| &x.key, diags);
        append(
            &mut m.assertions,
            f.assertions,
            "assertion",
            |x| &x.id,
            diags,
        );
        single(&mut m.budget, f.budget, "budget", |b| b.span, diags);
        single(&mut m.reserve, f.reserve, "reserve", |r| r.span, diags);
        single(&mut m.kol, f.kol, "kol", |k| k.span, diags);
        single(&mut m.effort, f.effort, "effort", |e| e.span, diags);
    }
    m
}

fn append<T>(
    into: &mut Vec<T>,
    items: Vec<T>,
    what: &str,
    id: impl Fn(&T) -> &Ident,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: BTreeMap<String, usize> = into
        .iter()
        .enumerate()
        .map(|(i, x)| (id(x).name.clone(), i))
        .collect();
    for item in items {
        let this = id(&item);
        if let Some(&first) = seen.get(&this.name) {
            diags.push(duplicate(what, this, id(&into[first]).span));
            continue;
        }
        seen.insert(this.name.clone(), into.len());
        into.push(item);
    }
}

pub fn duplicate(what: &str, this: &Ident, first: Span) -> Diagnostic {
    Diagnostic::new(
        &codes::R002,
        this.span,
        format!("{what} `{}` is declared twice", this.name),
    )
    .label("declared again here")
    .secondary(first, "first declared here")
    .help("ids must be unique; rename one of them or remove the copy")
}

fn single<T>(
    into: &mut Option<T>,
    item: Option<T>,
    what: &str,
    span: impl Fn(&T) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(item) = item else {
        return;
    };
    match into {
        Some(first) => diags.push(
            Diagnostic::new(
                &codes::R002,
                span(&item),
                format!("`[{what}]` is declared in two files"),
            )
            .label("declared again here")
            .secondary(span(first), "first declared here")
            .help(format!("keep one `[{what}]` table")),
        ),
        None => *into = Some(item),
    }
}
