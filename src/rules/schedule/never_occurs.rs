//! A recurring column has no occurrence in the plan's period: its `during`
//! range lies outside the period, every day it would publish on is skipped,
//! paused or a holiday it skips, or the recurrence names a day that does
//! not exist (`monthly on 31st` with `during = "feb"`).
//!
//! <!-- zh-CN -->
//! 栏目在计划周期内一期也没有：它的 `during` 范围在计划周期之外；它本该
//! 发布的每一天都被跳过、处于暂停期，或是它停更的节假日；或者重复规则指定的
//! 日子根本不存在（`monthly on 31st` 配上 `during = "feb"`）。

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::model::{Column, DateRange, Plan};
use crate::rules::Context;
use crate::rules::schedule::{date_list, join_msgs};
use crate::schedule::Kind;
use crate::schedule::recur;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    let mut counts = vec![0usize; plan.columns.len()];
    for it in &schedule.items {
        if let (Kind::Episode | Kind::Ritual, Some(k)) = (it.kind, it.column) {
            counts[k] += 1;
        }
    }
    for (k, col) in plan.columns.iter().enumerate() {
        if counts[k] > 0
            || out
                .iter()
                .any(|d| d.rule.code == "P007" && d.primary.span == col.recurrence_span)
        {
            continue;
        }
        let name = &col.id.name;
        out.push(
            Diagnostic::new(
                &codes::P006,
                col.recurrence_span,
                if col.ritual {
                    tr!(
                        "团队例行事项 `{name}` 在计划周期内一次也没有",
                        "ritual `{name}` never takes place in the plan's period"
                    )
                } else {
                    tr!(
                        "栏目 `{name}` 在计划周期内一期也不发布",
                        "column `{name}` never publishes in the plan's period"
                    )
                },
            )
            .label(tr!("一期也没有", "no occurrence"))
            .secondary(col.during.span, tr!("在这个范围内", "within this range"))
            .help(why(plan, col)),
        );
    }
}

/// Why a column has no episode: the range, the recurrence, or what left
/// its days out.
fn why(plan: &Plan, col: &Column) -> Msg {
    // The period, and any campaign's overhang into the next year.
    let p = crate::schedule::reach(plan);
    let w = col.during.value;
    let range = DateRange {
        start: w.start.max(p.start),
        end: w.end.min(p.end),
    };
    if range.start > range.end {
        let (ws, we, ps, pe) = (w.start, w.end, p.start, p.end);
        return tr!(
            "`during` 是 {ws}..{we}，在计划周期 {ps}..{pe} 之外；把 `during` 改到计划周期内",
            "`during` is {ws}..{we}, outside the plan's period {ps}..{pe}; move `during` into the period"
        );
    }
    let span = format!("{}..{}", range.start, range.end);
    let Ok(days) = recur::expand(&col.recurrence.frequency, range, &plan.calendar) else {
        return tr!(
            "检查 `every`、`during`、`skip` 和 `pause`",
            "check `every`, `during`, `skip` and `pause`"
        );
    };
    if days.is_empty() {
        return tr!(
            "重复规则在 {span} 内没有一天可发布；检查 `every` 和 `during`",
            "the recurrence has no day in {span}; check `every` and `during`"
        );
    }
    let is_holiday = |d: &NaiveDate| col.skips_holidays && plan.calendar.is_holiday(*d);
    let is_skipped = |d: &NaiveDate| col.skip.iter().any(|s| s.value == *d);
    let is_paused = |d: &NaiveDate| col.pause.iter().any(|r| r.value.contains(*d));
    let remedy = tr!(
        "放宽 `during`，或检查 `skip`、`pause` 和 `except`",
        "widen `during`, or check `skip`, `pause` and `except`"
    );
    let (rz, re) = (&remedy.zh, &remedy.en);
    if let [d] = days.as_slice() {
        let reason = if is_holiday(d) {
            let day = plan.calendar.day_name(*d);
            let (hz, he) = (day.unwrap_or("节假日"), day.unwrap_or("holiday"));
            tr!("是它停更的节假日（{hz}）", "a holiday it skips ({he})")
        } else if is_skipped(d) {
            tr!("列在 `skip` 或 `except` 中", "in `skip` or `except`")
        } else {
            tr!("处于暂停期", "paused")
        };
        let (wz, we) = (&reason.zh, &reason.en);
        return tr!(
            "它在 {span} 内唯一的发布日 {d} {wz}；{rz}",
            "its only day in {span}, {d}, is {we}; {re}"
        );
    }
    let holidays = days.iter().filter(|d| is_holiday(d)).count();
    let skipped = days
        .iter()
        .filter(|d| !is_holiday(d) && is_skipped(d))
        .count();
    let paused = days
        .iter()
        .filter(|d| !is_holiday(d) && !is_skipped(d) && is_paused(d))
        .count();
    let mut reasons: Vec<Msg> = Vec::new();
    if holidays > 0 {
        let s = if holidays == 1 { "" } else { "s" };
        reasons.push(tr!(
            "{holidays} 天是它停更的节假日",
            "{holidays} holiday{s} it skips"
        ));
    }
    if skipped > 0 {
        reasons.push(tr!(
            "{skipped} 天列在 `skip` 或 `except` 中",
            "{skipped} in `skip` or `except`"
        ));
    }
    if paused > 0 {
        reasons.push(tr!("{paused} 天处于暂停期", "{paused} paused"));
    }
    let reasons = join_msgs(&reasons, "，", ", ");
    let (sz, se) = (&reasons.zh, &reasons.en);
    let n = days.len();
    let dates = date_list(&days);
    let (dz, de) = (&dates.zh, &dates.en);
    tr!(
        "它在 {span} 内的 {n} 个发布日（{dz}）全被排除了：{sz}；{rz}",
        "all {n} of its days in {span} ({de}) are left out: {se}; {re}"
    )
}
