//! Flagship campaigns overlap on one channel. A flagship (`flagship =
//! true`) takes a channel's attention and budget; two at once on the same
//! channel compete with each other. By default at most one flagship runs
//! on a channel at a time; a plan can allow more:
//!
//! ```toml
//! [rules.flagship-overlap]
//! max = 2
//! ```

use crate::diagnostics::{Diagnostic, codes};
use crate::rules::Context;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let max = cx
        .option(&codes::P005, "max")
        .and_then(|m| m.round_scaled(0))
        .unwrap_or(1)
        .max(1) as usize;
    let flagships: Vec<usize> = (0..plan.campaigns.len())
        .filter(|&i| plan.campaigns[i].flagship)
        .collect();
    for (pos, &b) in flagships.iter().enumerate() {
        let cb = &plan.campaigns[b];
        let wb = cb.window.value;
        // Per shared channel: the first day within this campaign's window on
        // which `max` earlier flagships run on the channel as well. The
        // number running at once peaks on the first day of one of them (or
        // of this campaign), so only those days need counting.
        for &ch in &cb.channels {
            let earlier: Vec<usize> = flagships[..pos]
                .iter()
                .copied()
                .filter(|&a| {
                    let ca = &plan.campaigns[a];
                    ca.channels.contains(&ch) && ca.window.value.overlaps(&wb)
                })
                .collect();
            if earlier.len() < max {
                continue;
            }
            let mut days: Vec<chrono::NaiveDate> = earlier
                .iter()
                .map(|&a| plan.campaigns[a].window.value.start.max(wb.start))
                .collect();
            days.sort();
            days.dedup();
            let Some((day, running)) = days.into_iter().find_map(|d| {
                let running: Vec<usize> = earlier
                    .iter()
                    .copied()
                    .filter(|&a| plan.campaigns[a].window.value.contains(d))
                    .collect();
                (running.len() >= max).then_some((d, running))
            }) else {
                continue;
            };
            // The days all of them run together, from `day`.
            let until = running
                .iter()
                .map(|&a| plan.campaigns[a].window.value.end)
                .chain([wb.end])
                .min()
                .unwrap_or(day);
            let together = if until == day {
                format!("on {day}")
            } else {
                format!("from {day} to {until}")
            };
            // With one flagship allowed, every other overlap is one too.
            let others: Vec<usize> = if max == 1 {
                earlier
                    .iter()
                    .copied()
                    .filter(|a| !running.contains(a))
                    .collect()
            } else {
                Vec::new()
            };
            let also = if others.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = others
                    .iter()
                    .take(3)
                    .map(|&a| {
                        let wa = plan.campaigns[a].window.value;
                        let (from, to) = (wa.start.max(wb.start), wa.end.min(wb.end));
                        if from == to {
                            format!("`{}` on {from}", plan.campaigns[a].id.name)
                        } else {
                            format!("`{}` from {from} to {to}", plan.campaigns[a].id.name)
                        }
                    })
                    .collect();
                let more = if others.len() > 3 {
                    format!(" and {} more", others.len() - 3)
                } else {
                    String::new()
                };
                format!("; also {}{more}", list.join(", "))
            };
            let mut d = Diagnostic::new(
                &codes::P005,
                cb.window.span,
                format!(
                    "flagship `{}` overlaps {} on channel `{}` {together}{also}",
                    cb.id.name,
                    running
                        .iter()
                        .map(|&a| format!("`{}`", plan.campaigns[a].id.name))
                        .collect::<Vec<_>>()
                        .join(", "),
                    plan.channels[ch].id.name
                ),
            )
            .label(format!("{}..{}", wb.start, wb.end));
            for &a in running.iter().chain(&others) {
                let ca = &plan.campaigns[a];
                d = d.secondary(
                    ca.window.span,
                    format!(
                        "`{}` runs {}..{}",
                        ca.id.name, ca.window.value.start, ca.window.value.end
                    ),
                );
            }
            let allowed = if max == 1 {
                "one flagship campaign per channel at a time".to_string()
            } else {
                format!("at most {max} flagship campaigns per channel at a time")
            };
            out.push(d.help(format!(
                "{allowed}; move one, take `{}` off `{}`, or raise `max` in `[rules.flagship-overlap]`",
                cb.id.name,
                plan.channels[ch].id.name
            )));
            break; // one report per campaign
        }
    }
}
