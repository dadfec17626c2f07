//! `results` of campaigns and columns: what a reviewed plan says it
//! achieved, kept as the quantities written (with their units) and, for
//! what was spent, as money in the plan's currency; the channels of a
//! campaign's results per channel are looked up like any other channel.

use crate::diagnostics::Diagnostic;
use crate::model::{ChannelId, Results};
use crate::source::Spanned;
use crate::syntax::raw::{RawResults, Str};
use crate::syntax::strlit::StrSrc;

use super::budget::spent;
use super::goals::kpi_value;
use super::names::{Index, noun};

pub(super) fn results(
    raw: Option<&RawResults>,
    channels: &Index<ChannelId>,
    currency: &str,
    diags: &mut Vec<Diagnostic>,
) -> Results {
    let Some(r) = raw else {
        return Results::default();
    };
    Results {
        reach: kpi_value(&r.reach),
        engagement: kpi_value(&r.engagement),
        conversions: kpi_value(&r.conversions),
        leads: kpi_value(&r.leads),
        spent: r.spent.known().and_then(|e| spent(e, currency, diags)),
        episodes: r.episodes.known().and_then(|n| {
            Some(Spanned {
                value: u32::try_from(n.value).ok()?,
                span: n.span,
            })
        }),
        avg_reads: kpi_value(&r.avg_reads),
        avg_plays: kpi_value(&r.avg_plays),
        channels: r
            .channels
            .iter()
            .filter_map(|(id, one)| {
                let key = Str {
                    text: id.name.clone(),
                    src: StrSrc::verbatim(id.span),
                };
                let channel = channels.get(&key, noun::CHANNEL, diags)?;
                Some((channel, results(Some(one), channels, currency, diags)))
            })
            .collect(),
    }
}
