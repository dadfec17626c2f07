//! Flagship campaigns overlap on one channel. A flagship (`flagship =
//! true`) takes a channel's attention and budget; two at once on the same
//! channel compete with each other. By default at most one flagship runs
//! on a channel at a time; a plan can allow more:
//!
//! ```toml
//! [rules.flagship-overlap]
//! max = 2
//! ```
//!
//! <!-- zh-CN -->
//! 同一渠道上的旗舰活动档期重叠。旗舰活动（`flagship = true`）要集中渠道的
//! 流量和预算；同一渠道上同时进行两个，会互相抢资源。默认同一渠道同一时间
//! 最多只有一个旗舰活动；计划可以放宽：
//!
//! ```toml
//! [rules.flagship-overlap]
//! max = 2
//! ```

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::rules::Context;
use crate::rules::schedule::join_msgs;
use crate::tr;

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
                tr!("（{day}）", " on {day}")
            } else {
                tr!("（{day} 至 {until}）", " from {day} to {until}")
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
                Msg::default()
            } else {
                let list: Vec<Msg> = others
                    .iter()
                    .take(3)
                    .map(|&a| {
                        let wa = plan.campaigns[a].window.value;
                        let (from, to) = (wa.start.max(wb.start), wa.end.min(wb.end));
                        let name = &plan.campaigns[a].id.name;
                        if from == to {
                            tr!("`{name}`（{from}）", "`{name}` on {from}")
                        } else {
                            tr!("`{name}`（{from} 至 {to}）", "`{name}` from {from} to {to}")
                        }
                    })
                    .collect();
                let list = join_msgs(&list, "、", ", ");
                let (lz, le) = (&list.zh, &list.en);
                let n = others.len().saturating_sub(3);
                if n > 0 {
                    tr!(
                        "；与 {lz} 及另外 {n} 个活动也有重叠",
                        "; also {le} and {n} more"
                    )
                } else {
                    tr!("；与 {lz} 也有重叠", "; also {le}")
                }
            };
            let name = &cb.id.name;
            let channel = &plan.channels[ch].id.name;
            let running_list = |sep: &str| {
                running
                    .iter()
                    .map(|&a| format!("`{}`", plan.campaigns[a].id.name))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let (rz, re) = (running_list("、"), running_list(", "));
            let (tz, te) = (&together.zh, &together.en);
            let (az, ae) = (&also.zh, &also.en);
            let mut d = Diagnostic::new(
                &codes::P005,
                cb.window.span,
                tr!(
                    "旗舰活动 `{name}` 与 {rz} 在渠道 `{channel}` 上档期重叠{tz}{az}",
                    "flagship `{name}` overlaps {re} on channel `{channel}`{te}{ae}"
                ),
            )
            .label(Msg::same(format!("{}..{}", wb.start, wb.end)));
            for &a in running.iter().chain(&others) {
                let ca = &plan.campaigns[a];
                let (other, from, to) = (&ca.id.name, ca.window.value.start, ca.window.value.end);
                d = d.secondary(
                    ca.window.span,
                    tr!(
                        "`{other}` 的档期是 {from}..{to}",
                        "`{other}` runs {from}..{to}"
                    ),
                );
            }
            let allowed = if max == 1 {
                tr!(
                    "同一渠道同一时间只能有一个旗舰活动",
                    "one flagship campaign per channel at a time"
                )
            } else {
                tr!(
                    "同一渠道同一时间最多 {max} 个旗舰活动",
                    "at most {max} flagship campaigns per channel at a time"
                )
            };
            let (alz, ale) = (&allowed.zh, &allowed.en);
            out.push(d.help(tr!(
                "{alz}：挪开其中一个，或把 `{channel}` 从 `{name}` 的渠道中去掉，或调高 `[rules.flagship-overlap]` 中的 `max`",
                "{ale}; move one, take `{name}` off `{channel}`, or raise `max` in `[rules.flagship-overlap]`"
            )));
            break; // one report per campaign
        }
    }
}
