//! Content is scheduled to publish on a blackout date: a column episode or
//! a publishing task on a day the plan declares closed for publishing
//! (such as 国家公祭日 for promotions), on the blackout's channels or on all
//! channels when it names none. Blackouts do not change workday arithmetic;
//! they only forbid publishing. Skip or move the occurrence (`skip`,
//! `moves`), or move the task.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, codes};
use crate::rules::Context;
use crate::rules::schedule::{date_list, skip_fix};
use crate::schedule::Kind;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    // (source span of the item, blackout) → the days it hits.
    type Hit = (String, Kind, Option<usize>, Vec<NaiveDate>);
    let mut hits: BTreeMap<(crate::source::Span, usize), Hit> = BTreeMap::new();
    for (_, it) in schedule.publishing() {
        for (bi, b) in plan.blackouts.iter().enumerate() {
            let on_channel =
                b.channels.is_empty() || it.channels.iter().any(|c| b.channels.contains(c));
            if !b.when.value.contains(it.start) || !on_channel {
                continue;
            }
            let e = hits.entry((it.span, bi)).or_insert_with(|| {
                let what = match (it.task, it.column) {
                    (Some((c, t)), _) => format!(
                        "task `{}.{}`",
                        plan.campaigns[c].id.name, plan.campaigns[c].tasks[t].id.name
                    ),
                    (None, Some(k)) => format!("column `{}`", plan.columns[k].id.name),
                    _ => format!("`{}`", it.title),
                };
                (what, it.kind, it.column, Vec::new())
            });
            e.3.push(it.start);
        }
    }
    for ((span, bi), (what, kind, column, days)) in hits {
        let b = &plan.blackouts[bi];
        let help = if kind == Kind::Task {
            "move the task to another day, or limit the blackout to other `channels`".to_string()
        } else {
            let list: Vec<String> = days.iter().take(4).map(|d| format!("\"{d}\"")).collect();
            format!(
                "leave {} out with `skip = [{}{}]` or move {} with `moves`, or limit the blackout to other `channels`",
                if days.len() == 1 { "it" } else { "them" },
                list.join(", "),
                if days.len() > 4 { ", …" } else { "" },
                if days.len() == 1 { "it" } else { "them" },
            )
        };
        let d = Diagnostic::new(
            &codes::P002,
            span,
            format!(
                "{what} publishes on blackout `{}`: {}",
                b.id.name,
                date_list(&days)
            ),
        )
        .label("publishes on a blackout date")
        .secondary(b.when.span, b.reason.clone())
        .help(help);
        // A column's episodes can be skipped in place.
        out.push(match column.filter(|_| kind != Kind::Task) {
            Some(k) => {
                let (at, text) = skip_fix(cx.sources, &plan.columns[k], &days);
                d.fix(at, text)
            }
            None => d,
        });
    }
}
