//! Content is scheduled to publish on a blackout date: a column episode or
//! a publishing task on a day the plan declares closed for publishing
//! (such as 国家公祭日 for promotions), on the blackout's channels or on all
//! channels when it names none. Blackouts do not change workday arithmetic;
//! they only forbid publishing. Skip or move the occurrence (`skip`,
//! `moves`), or move the task.
//!
//! <!-- zh-CN -->
//! 内容排在了禁发日发布：栏目的某一期或某个发布任务，落在计划声明不得发布的
//! 日子（比如国家公祭日不发促销内容），且在该禁发期所限的渠道上；禁发期没有
//! 列出渠道时，对所有渠道生效。禁发期不影响工作日的计算，只是禁止发布。用
//! `skip` 跳过这一期或用 `moves` 改期，任务则改到别的日期。

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::rules::Context;
use crate::rules::schedule::{date_list, skip_fix};
use crate::schedule::Kind;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    // (source span of the item, blackout) → the days it hits.
    type Hit = (Msg, Kind, Option<usize>, Vec<NaiveDate>);
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
                    (Some((c, t)), _) => {
                        let (c, t) = (
                            &plan.campaigns[c].id.name,
                            &plan.campaigns[c].tasks[t].id.name,
                        );
                        tr!("任务 `{c}.{t}`", "task `{c}.{t}`")
                    }
                    (None, Some(k)) => {
                        let k = &plan.columns[k].id.name;
                        tr!("栏目 `{k}`", "column `{k}`")
                    }
                    _ => Msg::same(format!("`{}`", it.title)),
                };
                (what, it.kind, it.column, Vec::new())
            });
            e.3.push(it.start);
        }
    }
    for ((span, bi), (what, kind, column, days)) in hits {
        let b = &plan.blackouts[bi];
        let help = if kind == Kind::Task {
            tr!(
                "把任务改到别的日期，或用 `channels` 把禁发期限定在其他渠道",
                "move the task to another day, or limit the blackout to other `channels`"
            )
        } else {
            let list: Vec<String> = days.iter().take(4).map(|d| format!("\"{d}\"")).collect();
            let list = format!(
                "{}{}",
                list.join(", "),
                if days.len() > 4 { ", …" } else { "" }
            );
            let them = if days.len() == 1 { "it" } else { "them" };
            tr!(
                "用 `skip = [{list}]` 跳过，或用 `moves` 改期，或用 `channels` 把禁发期限定在其他渠道",
                "leave {them} out with `skip = [{list}]` or move {them} with `moves`, or limit the blackout to other `channels`"
            )
        };
        let (id, dates) = (&b.id.name, date_list(&days));
        let (dz, de) = (&dates.zh, &dates.en);
        let d = Diagnostic::new(
            &codes::P002,
            span,
            what.join(
                "",
                "",
                &tr!(
                    " 在禁发期 `{id}` 内发布：{dz}",
                    " publishes on blackout `{id}`: {de}"
                ),
            ),
        )
        .label(tr!("在禁发日发布", "publishes on a blackout date"))
        .secondary(b.when.span, Msg::same(b.reason.clone()))
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
