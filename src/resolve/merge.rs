//! Merging a plan's files: the plan file and the fragments it includes give
//! one list per section, in file order. An id declared twice is reported at
//! its second declaration, pointing at the first, and only the first is
//! kept; so is a single table (`[budget]`, `[reserve]`, `[kol]`, `[effort]`)
//! declared in two files.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::{Msg, Pair};
use crate::source::{Ident, Span};
use crate::syntax::raw::*;
use crate::tr;

use super::names::noun;

/// Everything the plan's files declare, merged.
#[derive(Default)]
pub(super) struct Merged {
    pub(super) holidays: Vec<RawHoliday>,
    pub(super) people: Vec<RawPerson>,
    pub(super) channels: Vec<RawChannel>,
    pub(super) budget: Option<RawBudget>,
    pub(super) campaigns: Vec<RawCampaign>,
    pub(super) columns: Vec<RawColumn>,
    pub(super) rituals: Vec<RawColumn>,
    pub(super) moments: Vec<RawMoment>,
    pub(super) blackouts: Vec<RawBlackout>,
    pub(super) review: Vec<RawReviewLevel>,
    pub(super) reserve: Option<RawReserve>,
    pub(super) kpis: Vec<RawKpi>,
    pub(super) kol: Option<RawKol>,
    pub(super) highlights: Vec<RawHighlight>,
    pub(super) audiences: Vec<RawAudience>,
    pub(super) guidelines: Vec<RawGuideline>,
    pub(super) sections: Vec<RawSection>,
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
            ($($field:ident: $what:expr),* $(,)?) => {
                $(append(&mut m.$field, f.$field, $what, |x| &x.id, diags);)*
            };
        }
        append!(
            holidays: noun::HOLIDAY,
            people: noun::PERSON,
            channels: noun::CHANNEL,
            campaigns: noun::CAMPAIGN,
            columns: noun::COLUMN,
            rituals: noun::RITUAL,
            moments: noun::MOMENT,
            blackouts: noun::BLACKOUT,
            review: noun::REVIEW_LEVEL,
            kpis: noun::KPI,
            highlights: noun::HIGHLIGHT,
            audiences: noun::AUDIENCE,
            guidelines: noun::GUIDELINE,
            sections: noun::SECTION,
        );
        append(&mut m.rules, f.rules, noun::RULE_SETTING, |x| &x.key, diags);
        append(
            &mut m.assertions,
            f.assertions,
            noun::ASSERTION,
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
    what: Pair,
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

/// R002: `this` repeats an id of a `what` ([`noun`]) first declared at `first`.
pub fn duplicate(what: Pair, this: &Ident, first: Span) -> Diagnostic {
    let (w, ws, id) = (what.zh, what.en, &this.name);
    Diagnostic::new(
        &codes::R002,
        this.span,
        tr!("{w} `{id}` 声明了两次", "{ws} `{id}` is declared twice"),
    )
    .label(again_here())
    .secondary(first, first_here())
    .help(tr!(
        "标识不能重复：给其中一个改名，或删掉重复的那个",
        "ids must be unique; rename one of them or remove the copy"
    ))
}

fn again_here() -> Msg {
    tr!("在这里再次声明", "declared again here")
}

fn first_here() -> Msg {
    tr!("首次声明在这里", "first declared here")
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
                tr!(
                    "`[{what}]` 在两个文件中都有声明",
                    "`[{what}]` is declared in two files"
                ),
            )
            .label(again_here())
            .secondary(span(first), first_here())
            .help(tr!("只保留一个 `[{what}]` 表", "keep one `[{what}]` table")),
        ),
        None => *into = Some(item),
    }
}
