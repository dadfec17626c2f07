//! `[highlights]`, `[audiences]`, `[guidelines]` and `[sections]`: what
//! the plan tells rather than schedules (results worth showing, who the
//! plan speaks to and with which messages, the team's working rules, the
//! review's findings per section of the outline), kept as text for the
//! decks and documents; only channels, durations, the dates of cases and
//! the sections' ids are looked up.

use crate::diagnostics::{Diagnostic, closest, codes, did_you_mean};
use crate::model::{Audience, Case, ChannelId, Figure, Guideline, Highlight, Outline, Section};
use crate::syntax::raw::{RawAudience, RawGuideline, RawHighlight, RawSection};
use crate::tr;

use super::dates::DateCx;
use super::goals::kpi_value;
use super::names::{Index, PlanNames, noun};
use super::{lead, text, text_or};

pub(super) fn highlights(
    raw: &[RawHighlight],
    channels: &Index<ChannelId>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Highlight> {
    raw.iter()
        .map(|h| Highlight {
            id: h.id.clone(),
            name: text_or(&h.name, &h.id.name),
            channels: channels.refs(&h.channels, noun::CHANNEL, diags),
            results: h.results.iter().map(|s| s.text.clone()).collect(),
        })
        .collect()
}

pub(super) fn audiences(raw: &[RawAudience]) -> Vec<Audience> {
    raw.iter()
        .map(|a| Audience {
            id: a.id.clone(),
            name: text_or(&a.name, &a.id.name),
            messages: a.messages.iter().map(|s| s.text.clone()).collect(),
        })
        .collect()
}

pub(super) fn guidelines(raw: &[RawGuideline], diags: &mut Vec<Diagnostic>) -> Vec<Guideline> {
    raw.iter()
        .map(|g| Guideline {
            id: g.id.clone(),
            text: text_or(&g.text, &g.id.name),
            within: g
                .within
                .known()
                .and_then(|e| lead(e, diags))
                .map(|d| d.value),
        })
        .collect()
}

/// The sections in the outline's order; an id that is not a section of
/// the outline is reported (S003) and left out.
pub(super) fn sections(
    raw: &[RawSection],
    cx: &DateCx<'_>,
    names: &mut PlanNames<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Section> {
    let mut out = Vec::new();
    for s in raw {
        let Some(outline) = Outline::from_id(&s.id.name) else {
            let id = &s.id.name;
            let mut d = Diagnostic::new(
                &codes::S003,
                s.id.span,
                tr!(
                    "`sections` 中没有 `{id}` 这个章节",
                    "no section `{id}` in the outline"
                ),
            )
            .label(tr!("不是大纲中的章节", "not a section of the outline"));
            let ids = Outline::ALL.map(Outline::id);
            if let Some(meant) = closest(id, ids) {
                d = d.help(did_you_mean(meant)).fix(s.id.span, meant);
            } else {
                let list = ids.join(", ");
                d = d.help(tr!("大纲的章节：{list}", "the outline's sections: {list}"));
            }
            diags.push(d);
            continue;
        };
        out.push(Section {
            outline,
            id: s.id.clone(),
            title: text(&s.title),
            summary: text(&s.summary),
            points: s.points.iter().map(|p| p.text.clone()).collect(),
            figures: s
                .figures
                .iter()
                .filter_map(|f| {
                    Some(Figure {
                        id: f.id.clone(),
                        name: text_or(&f.name, &f.id.name),
                        value: kpi_value(&f.value)?,
                        note: text(&f.note),
                    })
                })
                .collect(),
            cases: s
                .cases
                .iter()
                .map(|c| Case {
                    id: c.id.clone(),
                    name: text_or(&c.name, &c.id.name),
                    date: c
                        .date
                        .known()
                        .and_then(|e| cx.date(&mut names.with(cx), &e.node, &e.src, diags)),
                    what: text(&c.what),
                    response: c
                        .response
                        .known()
                        .and_then(|e| lead(e, diags))
                        .map(|d| d.value),
                    outcome: text(&c.outcome),
                    lessons: c.lessons.iter().map(|l| l.text.clone()).collect(),
                })
                .collect(),
        });
    }
    out.sort_by_key(|s| s.outline);
    out
}
