//! A channel's week leaves less free than the reserve. A channel declares
//! its weekly publishing slots (`slots_per_week = 7`) and the plan a reserve
//! (`[reserve] share = "20%"`): that share of every week's slots stays
//! unassigned, free for breaking topics. Column episodes and publishing
//! tasks on the channel take slots; if they take more than the slots less
//! the reserve, the week is reported. Without a `[reserve]`, a week with
//! more posts than slots is reported the same way.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::percent_text;
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::rules::capacity::{by_week, week_text};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    // Without a `[reserve]`, the slots themselves are the limit.
    let none = crate::model::Reserve {
        percent: crate::source::Spanned {
            value: Ratio::ZERO,
            span: plan.span,
        },
        purpose: None,
    };
    let reserve = plan.reserve.as_ref().unwrap_or(&none);
    let weeks = by_week(
        schedule
            .publishing()
            .flat_map(|(i, it)| it.channels.iter().map(move |&c| (c, it.start, i))),
    );
    // Per channel: the weeks over, the first of them with its items.
    type Week = ((i32, u32), Vec<usize>);
    let mut over: std::collections::BTreeMap<crate::model::ChannelId, Vec<Week>> =
        Default::default();
    // The posts a week may have: the slots less the reserve.
    let free_share = Ratio::HUNDRED
        .checked_sub(reserve.percent.value)
        .unwrap_or(Ratio::ZERO);
    let allowed_of = |slots: u32| {
        Ratio::int(i128::from(slots))
            .checked_mul(free_share)
            .and_then(|v| v.checked_div(Ratio::HUNDRED))
    };
    for ((ch, week), items) in weeks {
        let Some(slots) = plan.channels[ch].slots_per_week else {
            continue;
        };
        let Some(allowed) = allowed_of(slots.value) else {
            continue;
        };
        if Ratio::int(items.len() as i128) > allowed {
            over.entry(ch).or_default().push((week, items));
        }
    }
    for (ch, weeks) in over {
        let c = &plan.channels[ch];
        let Some(slots) = c.slots_per_week else {
            continue;
        };
        let (week, items) = &weeks[0];
        let Some(allowed) = allowed_of(slots.value) else {
            continue;
        };
        let titles: Vec<String> = items
            .iter()
            .take(6)
            .map(|&i| format!("{} {}", schedule.items[i].start, schedule.items[i].title))
            .collect();
        let list: Vec<String> = weeks.iter().take(6).map(|(w, _)| week_text(*w)).collect();
        let more = if weeks.len() > 6 { ", …" } else { "" };
        let mut d = Diagnostic::new(
            &codes::C002,
            slots.span,
            if plan.reserve.is_some() {
                format!(
                    "`{}` leaves less than the {} reserve free in {} week{}: {}{more}",
                    c.id.name,
                    percent_text(reserve.percent.value),
                    weeks.len(),
                    if weeks.len() == 1 { "" } else { "s" },
                    list.join(", ")
                )
            } else {
                format!(
                    "`{}` has more posts than slots in {} week{}: {}{more}",
                    c.id.name,
                    weeks.len(),
                    if weeks.len() == 1 { "" } else { "s" },
                    list.join(", ")
                )
            },
        )
        // Whole slots: 5.6 allowed means 5 can be planned.
        .label(format!(
            "{} slots a week, at most {} to plan",
            slots.value,
            allowed.numer().div_euclid(allowed.denom())
        ));
        if plan.reserve.is_some() {
            d = d.secondary(reserve.percent.span, "the reserve");
        }
        out.push(d.help(format!(
            "{} has {} of {} slots taken: {}; move some to another week, or raise `slots_per_week`",
            week_text(*week),
            items.len(),
            slots.value,
            titles.join("; ")
        )));
    }
}
