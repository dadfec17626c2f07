//! A channel publishes more on one day than its limit allows
//! (`max_per_day = 1`: a WeChat subscription account sends one push a
//! day). Column episodes and publishing tasks on the channel are counted
//! per day.
//!
//! <!-- zh-CN -->
//! 渠道某一天的发布数超过了上限（`max_per_day = 1`：微信订阅号每天只能群发
//! 一次）。按天统计该渠道上的栏目各期和发布任务。

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, codes};
use crate::model::ChannelId;
use crate::rules::Context;
use crate::schedule::Kind;
use crate::tr;

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
        let (name, limit, posts) = (&c.id.name, max.value, items.len());
        let message = if list.len() == 1 {
            tr!(
                "`{name}` 在 {day} 发布 {posts} 条，超过每天 {limit} 条的上限",
                "`{name}` has {posts} posts on {day}, over its limit of {limit} a day"
            )
        } else {
            let s = if limit == 1 { "" } else { "s" };
            let n = list.len();
            let dates = crate::rules::schedule::date_list(&days);
            let (dz, de) = (&dates.zh, &dates.en);
            tr!(
                "`{name}` 有 {n} 天超过每天 {limit} 条的发布上限：{dz}",
                "`{name}` is over its limit of {limit} post{s} a day on {n} days: {de}"
            )
        };
        let title = &first.title;
        let mut d = Diagnostic::new(&codes::C003, first.span, message)
            .label(tr!("{day} 的{title}", "{title} on {day}"))
            .secondary(max.span, tr!("每日发布上限", "the daily limit"));
        for &i in items {
            let it = &schedule.items[i];
            if it.span != first.span {
                let title = &it.title;
                d = d.secondary(it.span, tr!("{day} 的{title}", "{title} on {day}"));
            }
        }
        let titles: Vec<&str> = items
            .iter()
            .map(|&i| schedule.items[i].title.as_str())
            .collect();
        let (tz, te) = (titles.join("、"), titles.join(", "));
        out.push(d.help(tr!(
            "{day}：{tz}；把其中一条挪到别的日期，或调高 `max_per_day`",
            "{day}: {te}; move one of them to another day, or raise `max_per_day`"
        )));
    }
}
