//! A person has more work in an ISO week than their declared weekly
//! capacity (`[people.*] capacity = "40h"`). Work is counted from the
//! schedule: tasks they own (in the week they are due), column episodes
//! they own, and review steps of the levels they own (in the week they
//! receive the item). Each kind has a default effort that the plan can
//! change in `[effort]` (`task = "4h"`, `episode = "3h"`, `review = "1h"`)
//! and each task or column its own `effort`. The message says by how much
//! the week is over and lists the items.
//!
//! <!-- zh-CN -->
//! 某位成员在一个 ISO 周内的工作量超出了设定的每周产能
//! （`[people.*] capacity = "40h"`）。工作量按排期统计：他负责的任务（计在
//! 截止那一周）、他负责的栏目每一期，以及他负责的审核级别的每次审核（计在收到
//! 内容那一周）。每类工作有默认工时，可在 `[effort]` 中修改（`task = "4h"`、
//! `episode = "3h"`、`review = "1h"`），每个任务或栏目也可以单独设置
//! `effort`。诊断会说明这一周超出多少，并列出各项工作。

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::rules::capacity::{by_week, week_text};
use crate::rules::schedule::join_msgs;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    let weeks = by_week(
        schedule
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| !it.hours.is_zero())
            .flat_map(|(i, it)| {
                it.owner
                    .iter()
                    .chain(&it.attendees)
                    .map(move |&o| (o, it.start, i))
            }),
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
    let h = |r: Ratio| {
        let n = r.to_decimal_string(1);
        tr!("{n} 小时", "{n}h")
    };
    for (person, weeks) in over {
        let p = &plan.people[person];
        let Some(cap) = p.capacity else {
            continue;
        };
        let (week, total, items) = &weeks[0];
        let excess = total.checked_sub(cap.value).unwrap_or(*total);
        let list: Vec<Msg> = items
            .iter()
            .take(6)
            .map(|&i| {
                let it = &schedule.items[i];
                let (start, title, hours) = (it.start, &it.title, h(it.hours));
                let (hz, he) = (&hours.zh, &hours.en);
                tr!("{start} {title}（{hz}）", "{start} {title} ({he})")
            })
            .collect();
        let list = join_msgs(&list, "；", "; ");
        let more = if items.len() > 6 {
            let n = items.len() - 6;
            tr!("；另有 {n} 项", "; and {n} more")
        } else {
            Msg::default()
        };
        let others = if weeks.len() > 1 {
            let rest: Vec<Msg> = weeks[1..]
                .iter()
                .take(5)
                .map(|(w, t, _)| {
                    let (w, t) = (week_text(*w), h(*t));
                    let (tz, te) = (&t.zh, &t.en);
                    tr!("{w}（{tz}）", "{w} ({te})")
                })
                .collect();
            let rest = join_msgs(&rest, "、", ", ");
            let (rz, re) = (&rest.zh, &rest.en);
            let n = weeks.len() - 1;
            let s = if weeks.len() == 2 { "" } else { "s" };
            let (ez, ee) = if weeks.len() > 6 {
                ("、…", ", …")
            } else {
                ("", "")
            };
            tr!(
                "；另有 {n} 周也超出：{rz}{ez}",
                " and {n} more week{s}: {re}{ee}"
            )
        } else {
            Msg::default()
        };
        let name = &p.id.name;
        let week = week_text(*week);
        let (total, excess, cap_h) = (h(*total), h(excess), h(cap.value));
        let (tz, te) = (&total.zh, &total.en);
        let (xz, xe) = (&excess.zh, &excess.en);
        let (cz, ce) = (&cap_h.zh, &cap_h.en);
        let (oz, oe) = (&others.zh, &others.en);
        let (lz, le) = (&list.zh, &list.en);
        let (mz, me) = (&more.zh, &more.en);
        out.push(
            Diagnostic::new(
                &codes::C001,
                cap.span,
                tr!(
                    "`{name}` 在 {week} 的工作量为 {tz}，比每周产能 {cz}多出 {xz}{oz}",
                    "`{name}` has {te} of work in {week}, {xe} over their {ce}{oe}"
                ),
            )
            .label(tr!("每周 {cz}", "{ce} a week"))
            .help(tr!(
                "{week}：{lz}{mz}；把部分工作挪到别的周或交给其他成员，或调高 `capacity`",
                "{week}: {le}{me}; move some of it to another week or person, or raise `capacity`"
            )),
        );
    }
}
