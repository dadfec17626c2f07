//! The review chain does not fit before publishing. The plan's review
//! levels (`[review.levels.*]`, first to last) each receive an item their
//! lead time before it is published — legal three days before, say (`3d`;
//! `3wd` counts workdays, skipping holidays and counting make-up days) —
//! and answer within their response time (`24h` = one workday). Every
//! level's answer must reach the next level by the date that level
//! receives the item, and the last level's answer must come before
//! publishing. The diagnostic names the level, how many published items
//! are affected and the first of them.
//!
//! A task that performs a review level for a campaign (`review = "final"`)
//! must be due no later than the date that level has to receive the
//! content it reviews: the publishing tasks (`publish = true`) that wait
//! for it (`after`), or, if none does, every publishing task of the
//! campaign.
//!
//! <!-- zh-CN -->
//! 审核流程赶不上发布。计划中的各审核级别（`[review.levels.*]`，从第一级到
//! 最后一级）按各自的提前量在内容发布前收到内容——比如法务审核提前三天
//! （`3d`；`3wd` 按工作日计，跳过节假日、计入调休上班日）——并在答复时限内
//! 给出意见（`24h` 即一个工作日）。每一级的意见必须在下一级收到内容之前
//! 送到，最后一级的意见必须在发布之前给出。诊断会指出是哪一级、影响多少项
//! 发布内容，以及其中最早的一项。
//!
//! 为某个活动执行某一审核级别的任务（`review = "final"`），截止日期不能晚于
//! 这一级必须收到待审内容的日期：待审内容指依赖它（`after`）的发布任务
//! （`publish = true`）；若没有这样的任务，则是该活动的所有发布任务。

use chrono::{Datelike, NaiveDate};

use crate::calendar::add_days;
use crate::diagnostics::{Diagnostic, codes};
use crate::locale::{Msg, words};
use crate::model::{Lead, ReviewLevel};
use crate::rules::Context;
use crate::schedule::review::chain;
use crate::source::Spanned;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    if plan.review.is_empty() {
        return;
    }
    // Chains that do not fit, per level: how many items, and the first.
    // (item, receive, answer, deadline) of the first.
    type First = (usize, NaiveDate, NaiveDate, NaiveDate);
    let mut failing: Vec<(usize, Option<First>)> = vec![(0, None); plan.review.len()];
    let mut chains = crate::schedule::review::Chains::default();
    for (i, it) in schedule.publishing() {
        for s in chains.get(plan, it.start) {
            if s.fits() {
                continue;
            }
            let f = &mut failing[s.level];
            f.0 += 1;
            f.1.get_or_insert((i, s.receive, s.answer_by, s.deadline));
        }
    }
    for (k, (count, first)) in failing.into_iter().enumerate() {
        let Some((i, receive, answer, deadline)) = first else {
            continue;
        };
        let level = &plan.review[k];
        let it = &schedule.items[i];
        let span = level
            .response
            .or(level.lead)
            .map_or(level.id.span, |l| l.span);
        let lv = level_text(level);
        let next = match plan.review.get(k + 1) {
            None => tr!("发布前", "publishing"),
            Some(n) => {
                let n = level_text(n);
                let (nz, ne) = (&n.zh, &n.en);
                tr!("{nz}收到前", "{ne}")
            }
        };
        let title = &it.title;
        let start = it.start;
        let first = if count == 1 {
            tr!("`{title}` 于 {start} 发布", "`{title}` publishes {start}")
        } else {
            tr!(
                "`{title}` 于 {start} 发布，是 {count} 项中最早的一项",
                "`{title}` publishes {start}, the first of {count}"
            )
        };
        let items = if count == 1 { "" } else { "s" };
        let (lz, le) = (&lv.zh, &lv.en);
        let (nz, ne) = (&next.zh, &next.en);
        let mut d = Diagnostic::new(
            &codes::P001,
            span,
            spaced(tr!(
                "审核级别 {lz}来不及在{nz}给出意见，涉及 {count} 项发布内容",
                "review level {le} cannot answer before {ne} for {count} published item{items}"
            )),
        )
        .label(tr!(
            "{receive} 收到，{answer} 才给出意见，但最晚要在 {deadline} 给出",
            "receives {receive}, answers {answer}, needed by {deadline}"
        ))
        .secondary(it.span, first);
        if let Some(lead) = level.lead {
            d = d.secondary(lead.span, tr!("提前量", "lead time"));
        }
        // A lead in calendar days that lands on a day off moves back to the
        // workday before, which may be long before across a holiday.
        let help = match level.lead.map(|l| l.value) {
            Some(Lead::Days(n))
                if let Some(raw) =
                    add_days(it.start, -n).filter(|d| !plan.calendar.is_workday(*d)) =>
            {
                if let Some(lead) = level.lead {
                    d = d.fix(lead.span, format!("\"{n}wd\""));
                }
                let why = match plan.calendar.day_name(raw) {
                    Some(name) => tr!("正值{name}", "a holiday ({name})"),
                    None => {
                        let wd = words(crate::locale::Locale::ZhCn).weekdays
                            [raw.weekday().num_days_from_monday() as usize];
                        let en = raw.format("%A");
                        tr!("是{wd}", "a {en}")
                    }
                };
                let (wz, we) = (&why.zh, &why.en);
                let name = &level.name;
                let who = zh_name(level);
                spaced(tr!(
                    "{start} 前 {n} 天是 {raw}，{wz}，所以{who}要提前到前一个工作日 {receive} 收到；改按工作日计算提前量（`{n}wd`），或跳过、改期那一天",
                    "{n}d before {start} is {raw}, {we}, so {name} receives it on the workday before, {receive}; count the lead in workdays (`{n}wd`), or skip or move that day"
                ))
            }
            _ => tr!(
                "加大这一级的提前量、缩短答复时限，或让下一级晚些收到",
                "give this level a longer lead time, a shorter response time, or let the next level receive the item later"
            ),
        };
        out.push(d.help(help));
    }
    // Tasks that perform a review level must come early enough for the
    // publishing tasks they review: those that wait for them (`after`), or
    // else every publishing task of the campaign. One report per task, about
    // the publishing task that needs it first.
    for c in &plan.campaigns {
        for (ti, t) in c.tasks.iter().enumerate() {
            let (Some(level), Some(due)) = (t.review, t.due) else {
                continue;
            };
            let publishing = |p: &(usize, &crate::model::Task)| p.0 != ti && p.1.publish;
            let mut reviewed: Vec<&crate::model::Task> = c
                .tasks
                .iter()
                .enumerate()
                .filter(|p| publishing(p) && p.1.after.contains(&ti))
                .map(|p| p.1)
                .collect();
            if reviewed.is_empty() {
                reviewed = c
                    .tasks
                    .iter()
                    .enumerate()
                    .filter(publishing)
                    .map(|p| p.1)
                    .collect();
            }
            let late: Vec<(&crate::model::Task, Spanned<NaiveDate>, NaiveDate)> = reviewed
                .iter()
                .filter_map(|p| {
                    let pd = p.due?;
                    let step = chain(plan, pd.value)
                        .into_iter()
                        .find(|s| s.level == level.value)?;
                    (due.value > step.receive).then_some((*p, pd, step.receive))
                })
                .collect();
            let Some(&(p, pd, receive)) = late.iter().min_by_key(|l| l.2) else {
                continue;
            };
            let lv = &plan.review[level.value];
            let more = match late.len() {
                1 => Msg::default(),
                2 => tr!(
                    "（另有 1 个发布任务也是如此）",
                    " (and 1 more publishing task)"
                ),
                n => {
                    let n = n - 1;
                    tr!(
                        "（另有 {n} 个发布任务也是如此）",
                        " (and {n} more publishing tasks)"
                    )
                }
            };
            let (task, due_on, publishing, published_on) =
                (&t.id.name, due.value, &p.id.name, pd.value);
            let (name, who) = (&lv.name, zh_name(lv));
            let (mz, me) = (&more.zh, &more.en);
            let mut d = Diagnostic::new(
                &codes::P001,
                due.span,
                spaced(tr!(
                    "`{task}`（{who}）截止于 {due_on}，但 `{publishing}` 在 {published_on} 发布，{who}最晚要在 {receive} 收到{mz}",
                    "`{task}` ({name}) is due {due_on}, but `{publishing}` publishes on {published_on} and {name} must receive it by {receive}{me}"
                )),
            )
            .label(tr!("太晚", "too late"))
            .secondary(pd.span, tr!("在这里发布", "published here"));
            if let Some(lead) = lv.lead {
                d = d.secondary(lead.span, tr!("提前量", "lead time"));
            }
            d = d.help(tr!(
                "把 `{task}` 提前到 {receive} 或更早",
                "move `{task}` to {receive} or earlier"
            ));
            // A `due` the plan writes (not one counted from `after`) can
            // be given the date.
            if t.due_written {
                d = d.fix(due.span, format!("\"{receive}\""));
            }
            out.push(d);
        }
    }
}

/// `final` (终审): a level's id, and its name when it has another
/// (`` `final`（终审） `` in Chinese).
fn level_text(l: &ReviewLevel) -> Msg {
    let (id, name) = (&l.id.name, &l.name);
    if name == id {
        tr!("`{id}`", "`{id}`")
    } else {
        tr!("`{id}`（{name}）", "`{id}` ({name})")
    }
}

/// A level as Chinese running text calls it: its name (`终审`), or its id
/// in backticks when it has no other.
fn zh_name(l: &ReviewLevel) -> String {
    if l.name == l.id.name {
        format!("`{}`", l.id.name)
    } else {
        l.name.clone()
    }
}

/// `msg` with a space put between a code span and the Chinese characters
/// either side of it in the Chinese text (`审核级别 `final` 来不及`), where
/// the text was put together from parts that may or may not be code.
fn spaced(mut msg: Msg) -> Msg {
    let han = |c: char| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}');
    let mut out = String::with_capacity(msg.zh.len() + 8);
    let mut in_code = false;
    let mut prev: Option<char> = None;
    for c in msg.zh.chars() {
        if c == '`' {
            if !in_code && prev.is_some_and(han) {
                out.push(' ');
            }
            in_code = !in_code;
        } else if !in_code && prev == Some('`') && han(c) {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    msg.zh = out;
    msg
}
