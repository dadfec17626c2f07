//! A person has more work in an ISO week than their declared weekly
//! capacity (`[people.*] capacity = "40h"`). Work is counted from the
//! schedule: tasks they own (in the week they are due), column episodes
//! they own, and review steps of the levels they own (in the week they
//! receive the item). Each kind has a default effort that the plan can
//! change in `[effort]` (`task = "4h"`, `episode = "3h"`, `review = "1h"`)
//! and each task or column its own `effort`. The message says by how much
//! the week is over and lists the items.

use crate::diagnostics::{Diagnostic, codes};
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::rules::capacity::{by_week, week_text};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    let weeks = by_week(
        schedule
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| !it.hours.is_zero())
            .filter_map(|(i, it)| it.owner.map(|o| (o, it.start, i))),
    );
    // Per person: every week over capacity; the first is detailed.
    type Week = ((i32, u32), Ratio, Vec<usize>);
    let mut over: std::collections::BTreeMap<crate::model::PersonId, Vec<Week>> =
        Default::default();
    for ((person, week), items) in weeks {
        let Some(cap) = plan.people[person].capacity else {
            continue;
        };
        let Some(total) = items
            .iter()
            .try_fold(Ratio::ZERO, |a, &i| a.checked_add(schedule.items[i].hours))
        else {
            continue;
        };
        if total > cap.value {
            over.entry(person).or_default().push((week, total, items));
        }
    }
    let h = |r: Ratio| format!("{}h", r.to_decimal_string(1));
    for (person, weeks) in over {
        let p = &plan.people[person];
        let Some(cap) = p.capacity else {
            continue;
        };
        let (week, total, items) = &weeks[0];
        let excess = total.checked_sub(cap.value).unwrap_or(*total);
        let list: Vec<String> = items
            .iter()
            .take(6)
            .map(|&i| {
                let it = &schedule.items[i];
                format!("{} {} ({})", it.start, it.title, h(it.hours))
            })
            .collect();
        let more = if items.len() > 6 {
            format!("; and {} more", items.len() - 6)
        } else {
            String::new()
        };
        let others = if weeks.len() > 1 {
            let rest: Vec<String> = weeks[1..]
                .iter()
                .take(5)
                .map(|(w, t, _)| format!("{} ({})", week_text(*w), h(*t)))
                .collect();
            format!(
                " and {} more week{}: {}{}",
                weeks.len() - 1,
                if weeks.len() == 2 { "" } else { "s" },
                rest.join(", "),
                if weeks.len() > 6 { ", …" } else { "" }
            )
        } else {
            String::new()
        };
        out.push(
            Diagnostic::new(
                &codes::C001,
                cap.span,
                format!(
                    "`{}` has {} of work in {}, {} over their {}{others}",
                    p.id.name,
                    h(*total),
                    week_text(*week),
                    h(excess),
                    h(cap.value)
                ),
            )
            .label(format!("{} a week", h(cap.value)))
            .help(format!(
                "{}: {}{more}; move some of it to another week or person, or raise `capacity`",
                week_text(*week),
                list.join("; ")
            )),
        );
    }
}
