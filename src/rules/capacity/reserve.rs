//! A channel's week leaves less free than the reserve. A channel declares
//! its weekly publishing slots (`slots_per_week = 7`) and the plan a reserve
//! (`[reserve] share = "20%"`): that share of every week's slots stays
//! unassigned, free for breaking topics. Column episodes and publishing
//! tasks on the channel take slots; if they take more than the slots less
//! the reserve, the week is reported. Without a `[reserve]`, a week with
//! more posts than slots is reported the same way.
//!
//! <!-- zh-CN -->
//! 渠道某一周空出的档期少于机动预留。渠道设定每周的发布档期
//! （`slots_per_week = 7`），计划设定机动预留（`[reserve] share = "20%"`）：
//! 每周档期中要有这个占比不排内容，留给突发热点。该渠道上的栏目各期和发布
//! 任务都占用档期；占用数超过档期数减去预留后的数量，这一周就会被报告。
//! 没有 `[reserve]` 时，一周的发布数多于档期数也同样报告。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::percent_text;
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::rules::capacity::{by_week, week_text};
use crate::tr;

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
        let (tz, te) = (titles.join("；"), titles.join("; "));
        let list: Vec<String> = weeks.iter().take(6).map(|(w, _)| week_text(*w)).collect();
        let (lz, le) = (list.join("、"), list.join(", "));
        let (mz, me) = if weeks.len() > 6 {
            ("、…", ", …")
        } else {
            ("", "")
        };
        let (name, n) = (&c.id.name, weeks.len());
        let s = if n == 1 { "" } else { "s" };
        let mut d = Diagnostic::new(
            &codes::C002,
            slots.span,
            if plan.reserve.is_some() {
                let share = percent_text(reserve.percent.value);
                tr!(
                    "`{name}` 有 {n} 周空出的档期不足 {share} 的机动预留：{lz}{mz}",
                    "`{name}` leaves less than the {share} reserve free in {n} week{s}: {le}{me}"
                )
            } else {
                tr!(
                    "`{name}` 有 {n} 周的发布数多于档期数：{lz}{mz}",
                    "`{name}` has more posts than slots in {n} week{s}: {le}{me}"
                )
            },
        );
        // Whole slots: 5.6 allowed means 5 can be planned.
        let (per_week, most) = (slots.value, allowed.numer().div_euclid(allowed.denom()));
        d = d.label(tr!(
            "每周 {per_week} 个档期，最多排 {most} 个",
            "{per_week} slots a week, at most {most} to plan"
        ));
        if plan.reserve.is_some() {
            d = d.secondary(reserve.percent.span, tr!("机动预留", "the reserve"));
        }
        let (week, taken) = (week_text(*week), items.len());
        out.push(d.help(tr!(
            "{week} 的 {per_week} 个档期已占用 {taken} 个：{tz}；把一部分挪到别的周，或调高 `slots_per_week`",
            "{week} has {taken} of {per_week} slots taken: {te}; move some to another week, or raise `slots_per_week`"
        )));
    }
}
