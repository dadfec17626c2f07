//! `[highlights]`, `[audiences]` and `[guidelines]`: what the plan tells
//! rather than schedules (results worth showing, who the plan speaks to
//! and with which messages, the team's working rules), kept as text for the
//! decks and documents; only channels and durations are looked up.

use crate::diagnostics::Diagnostic;
use crate::model::{Audience, ChannelId, Guideline, Highlight};
use crate::syntax::raw::{RawAudience, RawGuideline, RawHighlight};

use super::names::{Index, noun};
use super::{lead, text_or};

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
