//! `[people]`, `[channels]`, `[review.levels]` and `[effort]`: who does the
//! work, where it is published, who approves it, and how many hours each
//! kind of work takes unless told; with the capacities (hours a week, slots
//! a week, posts a day) and lead times the checks hold the schedule to.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Channel, Effort, Person, PersonId, ReviewLevel};
use crate::ratio::Ratio;
use crate::source::Spanned;
use crate::syntax::ast;
use crate::syntax::raw::{Expr, RawChannel, RawEffort, RawPerson, RawReviewLevel, Val};
use crate::tr;

use super::names::{Index, noun};
use super::{hours, lead, text, text_or};

pub(super) fn people(raw: &[RawPerson], diags: &mut Vec<Diagnostic>) -> Vec<Person> {
    raw.iter()
        .map(|p| Person {
            id: p.id.clone(),
            name: text_or(&p.name, &p.id.name),
            role: text(&p.role),
            capacity: p.capacity.known().and_then(|e| {
                hours(e, diags).map(|value| Spanned {
                    value,
                    span: e.span(),
                })
            }),
        })
        .collect()
}

pub(super) fn channels(raw: &[RawChannel], diags: &mut Vec<Diagnostic>) -> Vec<Channel> {
    raw.iter()
        .map(|c| Channel {
            id: c.id.clone(),
            name: text_or(&c.name, &c.id.name),
            followers: c.followers.known().map(|q| q.node.value),
            slots_per_week: c.slots_per_week.known().and_then(|&s| {
                count(s, diags).map(|value| Spanned {
                    value,
                    span: s.span,
                })
            }),
            max_per_day: c.max_per_day.known().and_then(|&s| {
                count(s, diags).map(|value| Spanned {
                    value,
                    span: s.span,
                })
            }),
            note: text(&c.note),
        })
        .collect()
}

fn count(s: Spanned<i64>, diags: &mut Vec<Diagnostic>) -> Option<u32> {
    match u32::try_from(s.value) {
        Ok(v) => Some(v),
        Err(_) => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    s.span,
                    tr!("`{0}` 不是有效的数量", "`{0}` is not a count", s.value),
                )
                .label(tr!("应为不小于 0 的整数", "expected 0 or more"))
                .help(tr!(
                    "写一个整数，例如 `7`",
                    "write a whole number such as `7`"
                )),
            );
            None
        }
    }
}

pub(super) fn review(
    raw: &[RawReviewLevel],
    people: &Index<PersonId>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ReviewLevel> {
    raw.iter()
        .map(|l| {
            let lead_time = l.lead.known().and_then(|e| lead(e, diags));
            let response = l.response.known().and_then(|e| lead(e, diags));
            ReviewLevel {
                id: l.id.clone(),
                name: text_or(&l.name, &l.id.name),
                checks: text(&l.checks),
                unknown: (l.lead.is_given() && lead_time.is_none())
                    || (l.response.is_given() && response.is_none()),
                lead: lead_time,
                response,
                owner: l
                    .owner
                    .as_ref()
                    .and_then(|o| people.get(o, noun::PERSON, diags)),
            }
        })
        .collect()
}

pub(super) fn effort(raw: Option<&RawEffort>, diags: &mut Vec<Diagnostic>) -> Effort {
    let mut e = Effort::default();
    let Some(raw) = raw else {
        return e;
    };
    let mut set = |slot: &mut Ratio, v: &Val<Expr<ast::Duration>>| {
        if let Some(h) = v.known().and_then(|v| hours(v, diags)) {
            *slot = h;
        }
    };
    set(&mut e.task, &raw.task);
    set(&mut e.episode, &raw.episode);
    set(&mut e.review, &raw.review);
    e
}
