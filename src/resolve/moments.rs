//! `[moments]` and `[blackouts]`: the days the plan names (festivals,
//! sales, launches) and the days it keeps clear, each with the channels it
//! concerns. A moment's date is a date name, worked out through `names.rs`
//! since campaigns and other moments may refer to it; a blackout's is
//! evaluated where it is written.

use crate::diagnostics::Diagnostic;
use crate::model::{Blackout, ChannelId, Moment};
use crate::source::Spanned;
use crate::syntax::raw::{RawBlackout, RawMoment, Val};

use super::dates::DateCx;
use super::names::{Index, PlanNames, noun};
use super::{text, text_or};

pub(super) fn moments(
    raw: &[RawMoment],
    cx: &DateCx<'_>,
    names: &mut PlanNames<'_>,
    channels: &Index<ChannelId>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Moment> {
    let mut moments = Vec::new();
    for mo in raw {
        let Val::Known(date) = &mo.date else {
            continue;
        };
        let Some(Some(when)) = names.range(cx, &mo.id.name, diags) else {
            continue;
        };
        moments.push(Moment {
            id: mo.id.clone(),
            name: text_or(&mo.name, &mo.id.name),
            when: Spanned {
                value: when,
                span: date.span(),
            },
            channels: channels.refs(&mo.channels, noun::CHANNEL, diags),
            content: text(&mo.content),
        });
    }
    moments
}

pub(super) fn blackouts(
    raw: &[RawBlackout],
    cx: &DateCx<'_>,
    names: &mut PlanNames<'_>,
    channels: &Index<ChannelId>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Blackout> {
    let mut blackouts = Vec::new();
    for b in raw {
        let Val::Known(e) = &b.date else {
            continue;
        };
        let Some(when) = cx.range(&mut names.with(cx), &e.node, &e.src, diags) else {
            continue;
        };
        blackouts.push(Blackout {
            id: b.id.clone(),
            reason: text_or(&b.reason, &b.id.name),
            when: Spanned {
                value: when,
                span: e.span(),
            },
            channels: channels.refs(&b.channels, noun::CHANNEL, diags),
        });
    }
    blackouts
}
