//! A channel publishes more on one day than its limit allows
//! (`max_per_day = 1`: a WeChat subscription account sends one push a
//! day). Column episodes and publishing tasks on the channel are counted
//! per day.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, codes};
use crate::model::ChannelId;
use crate::rules::Context;
use crate::schedule::Kind;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    let mut days: BTreeMap<(ChannelId, chrono::NaiveDate), Vec<usize>> = BTreeMap::new();
    for (i, it) in schedule.publishing() {
        for &c in &it.channels {
            days.entry((c, it.start)).or_default().push(i);
        }
    }
    // Per channel: the days over the limit; the first is detailed.
    let mut over: BTreeMap<ChannelId, Vec<(chrono::NaiveDate, Vec<usize>)>> = BTreeMap::new();
    for ((ch, day), items) in days {
        let Some(max) = plan.channels[ch].max_per_day else {
            continue;
        };
        if items.len() as u32 > max.value {
            over.entry(ch).or_default().push((day, items));
        }
    }
    for (ch, list) in over {
        let c = &plan.channels[ch];
        let Some(max) = c.max_per_day else {
            continue;
        };
        let (day, items) = &list[0];
        // The primary location is a one-off task if there is one (the
        // easiest thing to move), else the last of the day's items.
        let main = items
            .iter()
            .rev()
            .copied()
            .find(|&i| schedule.items[i].kind == Kind::Task)
            .unwrap_or(items[items.len() - 1]);
        let first = &schedule.items[main];
        let days: Vec<chrono::NaiveDate> = list.iter().map(|(d, _)| *d).collect();
        let message = if list.len() == 1 {
            format!(
                "`{}` has {} posts on {day}, over its limit of {} a day",
                c.id.name,
                items.len(),
                max.value
            )
        } else {
            format!(
                "`{}` is over its limit of {} post{} a day on {} days: {}",
                c.id.name,
                max.value,
                if max.value == 1 { "" } else { "s" },
                list.len(),
                crate::rules::schedule::date_list(&days)
            )
        };
        let mut d = Diagnostic::new(&codes::C003, first.span, message)
            .label(format!("{} on {day}", first.title))
            .secondary(max.span, "the daily limit");
        for &i in items {
            let it = &schedule.items[i];
            if it.span != first.span {
                d = d.secondary(it.span, format!("{} on {day}", it.title));
            }
        }
        out.push(d.help(format!(
            "{day}: {}; move one of them to another day, or raise `max_per_day`",
            items.iter().map(|&i| schedule.items[i].title.as_str()).collect::<Vec<_>>().join(", ")
        )));
    }
}
