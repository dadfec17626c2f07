//! A channel publishes more on one day than its limit allows
//! (`max_per_day = 1`: a WeChat subscription account sends one push a
//! day). Column episodes and publishing tasks on the channel are counted
//! per day.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Plan;
use crate::rules::{Family, Rule};
use crate::schedule::{Kind, Schedule};

pub static RULE: Rule = Rule {
    code: "C003",
    name: "posting-limit",
    family: Family::Capacity,
    default_severity: Severity::Error,
    configurable: true,
    options: &[],
    summary: "A channel publishes more in a day than its limit",
    source: include_str!("posting_limit.rs"),
};

pub fn check(plan: &Plan, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
    let mut days: BTreeMap<(usize, chrono::NaiveDate), Vec<usize>> = BTreeMap::new();
    for (i, it) in schedule.publishing() {
        for &c in &it.channels {
            days.entry((c, it.start)).or_default().push(i);
        }
    }
    // Per channel: the days over the limit; the first is detailed.
    let mut over: BTreeMap<usize, Vec<(chrono::NaiveDate, Vec<usize>)>> = BTreeMap::new();
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
        let mut d = Diagnostic::new(&RULE, first.span, message)
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
