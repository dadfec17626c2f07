//! A date outside the plan's period: a campaign window, a moment, a
//! blackout, a column's `during` range, a task's due date or a review step
//! that falls (partly) before the plan starts or after it ends. Usually a
//! wrong year (`2026-07-01` in a 2027 plan) or an offset that went too far.
//!
//! The year has soft edges. Preparation starts before the year does: a
//! task or a review step may fall in the *lead-in* before the period's
//! first day, 3 months by default (a Q1 campaign's brief due in December).
//! And a campaign may *overhang* into the next year, by 31 days by default
//! (a New Year campaign from 12-20 to 01-10 in a `year = 2026` plan); its
//! tasks may fall in those days too, and so may moments, blackouts and a
//! column's `during` as far as the campaigns run. The overhanging campaign
//! appears whole in the calendar and the task lists. Beyond either edge
//! the date is reported. Both edges are settings of this rule:
//!
//! ```toml
//! [rules.date-outside-period]
//! lead_in = 4     # months before the period's first day
//! overhang = 45   # days after the period's last day
//! ```
//!
//! <!-- zh-CN -->
//! 日期落在计划周期之外：活动的起止日期、营销节点、禁发期、
//! 栏目的 `during` 范围、任务的截止日期或审核步骤（部分）早于计划开始，
//! 或晚于计划结束。通常是年份写错了（2027 年的计划里写了 `2026-07-01`），
//! 或者偏移量推得太远。
//!
//! 年份的边界是有弹性的。筹备总是早于新的一年开始：任务和审核步骤可以
//! 落在计划周期第一天之前的*筹备期*内，默认 3 个月（一季度活动的
//! brief 在 12 月截止）。活动也可以*跨年延续*到下一年，默认最多 31 天
//! （`year = 2026` 的计划里从 12-20 到 01-10 的元旦活动）；活动的任务
//! 可以落在这段时间里，营销节点、禁发期和栏目的 `during` 也可以，只要
//! 不超过活动的结束日期。跨年的活动在日历和任务清单里完整显示。超出
//! 这两条边界的日期会被报告。两条边界都是这条规则的设置：
//!
//! ```toml
//! [rules.date-outside-period]
//! lead_in = 4     # 计划周期第一天之前的月数
//! overhang = 45   # 计划周期最后一天之后的天数
//! ```

use chrono::{Days, Months, NaiveDate};

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::model::DateRange;
use crate::rules::Context;
use crate::schedule::Kind;
use crate::source::Span;
use crate::tr;

/// Months a task or review step may fall before the period's first day.
pub const LEAD_IN_MONTHS: u32 = 3;
/// Days a campaign may run past the period's last day.
pub const OVERHANG_DAYS: u64 = 31;
/// The largest lead-in a plan may set: a year.
pub const MAX_LEAD_IN: u32 = 12;
/// The largest overhang a plan may set: a year.
pub const MAX_OVERHANG: u64 = 366;

/// What may fall outside the period, and how far.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    /// Nothing: the period only (a campaign that starts before the year).
    None,
    /// Preparation: before the period, within the lead-in.
    LeadIn,
    /// A campaign or its task: after the period, within the overhang.
    Overhang,
    /// Moments, blackouts, columns: after the period, as far as the campaigns run.
    Campaigns,
}

/// The plan's settings, read once.
struct Edges {
    period: DateRange,
    lead_in: u32,
    /// The first day of the lead-in.
    earliest: NaiveDate,
    overhang: u64,
    /// The last day a campaign may run to.
    latest: NaiveDate,
    /// The last day of the last campaign, within the overhang.
    campaigns_end: NaiveDate,
}

impl Edges {
    fn new(cx: &Context) -> Edges {
        let period = cx.plan.period.value;
        let whole = |name: &str, default: u64, max: u64| {
            cx.option(&codes::D001, name)
                .and_then(|v| v.round_scaled(0))
                .map_or(default, |v| v.clamp(0, i128::from(max)) as u64)
        };
        let lead_in = whole("lead_in", LEAD_IN_MONTHS.into(), MAX_LEAD_IN.into()) as u32;
        let overhang = whole("overhang", OVERHANG_DAYS, MAX_OVERHANG);
        let earliest = period
            .start
            .checked_sub_months(Months::new(lead_in))
            .unwrap_or(period.start);
        let latest = period
            .end
            .checked_add_days(Days::new(overhang))
            .unwrap_or(period.end);
        let campaigns_end = cx
            .plan
            .campaigns
            .iter()
            .map(|c| c.window.value.end.min(latest))
            .fold(period.end, NaiveDate::max);
        Edges {
            period,
            lead_in,
            earliest,
            overhang,
            latest,
            campaigns_end,
        }
    }

    /// The days `edge` allows.
    fn allowed(&self, edge: Edge) -> DateRange {
        let p = self.period;
        match edge {
            Edge::None => p,
            Edge::LeadIn => DateRange {
                start: self.earliest,
                end: p.end,
            },
            Edge::Overhang => DateRange {
                start: p.start,
                end: self.latest,
            },
            Edge::Campaigns => DateRange {
                start: p.start,
                end: self.campaigns_end,
            },
        }
    }
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let edges = Edges::new(cx);
    let period = edges.period;
    let (from, to) = (period.start, period.end);
    // `what` is only built for dates that are outside.
    let mut report = |what: &dyn Fn() -> Msg, r: DateRange, span: Span, edge: Edge| {
        let allowed = edges.allowed(edge);
        if allowed.contains(r.start) && allowed.contains(r.end) {
            return;
        }
        let when = if r.start == r.end {
            r.start.to_string()
        } else {
            format!("{}..{}", r.start, r.end)
        };
        let what = what();
        let (what_zh, what_en) = (&what.zh, &what.en);
        let early = r.start < allowed.start;
        let message = match edge {
            Edge::LeadIn if early => {
                let n = edges.lead_in;
                tr!(
                    "{what_zh}（{when}）早于计划周期 {from}..{to} 前 {n} 个月的筹备期",
                    "{what_en} ({when}) is before the plan's period {from}..{to} and its {n}-month lead-in"
                )
            }
            Edge::Overhang if !early => {
                let n = edges.overhang;
                tr!(
                    "{what_zh}（{when}）超出了计划周期 {from}..{to} 之后最多 {n} 天的跨年延续期",
                    "{what_en} ({when}) runs more than {n} days past the plan's period {from}..{to}"
                )
            }
            _ => tr!(
                "{what_zh}（{when}）超出了计划周期 {from}..{to}",
                "{what_en} ({when}) is outside the plan's period {from}..{to}"
            ),
        };
        let d = Diagnostic::new(&codes::D001, span, message)
            .label(tr!("算出来是 {when}", "resolves to {when}"))
            .secondary(plan.period.span, tr!("计划周期", "the plan's period"));
        let d = match edge {
            Edge::LeadIn if early && months_before(from, r.start) <= MAX_LEAD_IN => {
                let earliest = edges.earliest;
                let n = edges.lead_in;
                let months = if n == 1 { "month" } else { "months" };
                let need = months_before(from, r.start);
                d.help(tr!(
                    "筹备可以提前到计划周期前 {n} 个月（{earliest} 起）；检查年份和偏移量，或在 `[rules.date-outside-period]` 中设置更长的筹备期：`lead_in = {need}`",
                    "preparation may start up to {n} {months} before the period (from {earliest}); check the year and the offsets, or set a longer lead-in in `[rules.date-outside-period]`: `lead_in = {need}`"
                ))
            }
            Edge::Overhang if !early && (r.end - to).num_days() <= MAX_OVERHANG as i64 => {
                let (n, latest) = (edges.overhang, edges.latest);
                let days = if n == 1 { "day" } else { "days" };
                let need = (r.end - to).num_days();
                d.help(tr!(
                    "活动最多可以跨年延续到计划周期结束后 {n} 天（{latest} 为止）；检查年份和偏移量，或在 `[rules.date-outside-period]` 中放宽：`overhang = {need}`",
                    "a campaign may overhang the period by up to {n} {days} (to {latest}); check the year and the offsets, or allow more in `[rules.date-outside-period]`: `overhang = {need}`"
                ))
            }
            Edge::Campaigns if !early && edges.campaigns_end > to => {
                let end = edges.campaigns_end;
                d.help(tr!(
                    "计划周期之后的日期不能晚于跨年活动的结束日期 {end}；检查年份和偏移量，或放宽 `plan.period`",
                    "after the period, dates may run only as far as the campaigns do ({end}); check the year and the offsets, or widen `plan.period`"
                ))
            }
            _ => d.help(tr!(
                "检查年份和偏移量，或放宽 `plan.period`",
                "check the year and the offsets, or widen `plan.period`"
            )),
        };
        out.push(d);
    };
    for c in &plan.campaigns {
        let id = &c.id.name;
        report(
            &|| tr!("活动 `{id}`", "campaign `{id}`"),
            c.window.value,
            c.window.span,
            if c.window.value.start < from {
                Edge::None
            } else {
                Edge::Overhang
            },
        );
        for t in &c.tasks {
            if let Some(d) = t.due {
                let task = &t.id.name;
                let edge = if d.value < from {
                    Edge::LeadIn
                } else {
                    Edge::Overhang
                };
                report(
                    &|| tr!("任务 `{id}.{task}`", "task `{id}.{task}`"),
                    DateRange {
                        start: d.value,
                        end: d.value,
                    },
                    d.span,
                    edge,
                );
            }
        }
    }
    // A review step before the lead-in, for content published early in
    // the year: the first one of each item, and none for an item that is
    // itself before the lead-in (reported above).
    let mut reviewed = std::collections::BTreeSet::new();
    for (_, step) in cx.schedule.of_kind(Kind::Review) {
        if step.start >= edges.earliest {
            continue;
        }
        let target = step.reviews.map(|i| &cx.schedule.items[i]);
        if target.is_some_and(|t| t.start < edges.earliest) || !reviewed.insert(step.reviews) {
            continue;
        }
        let title = &step.title;
        report(
            &|| tr!("审核步骤“{title}”", "review step \u{201c}{title}\u{201d}"),
            DateRange {
                start: step.start,
                end: step.end,
            },
            step.span,
            Edge::LeadIn,
        );
    }
    for m in &plan.moments {
        let id = &m.id.name;
        report(
            &|| tr!("营销节点 `{id}`", "moment `{id}`"),
            m.when.value,
            m.when.span,
            Edge::Campaigns,
        );
    }
    for b in &plan.blackouts {
        let id = &b.id.name;
        report(
            &|| tr!("禁发期 `{id}`", "blackout `{id}`"),
            b.when.value,
            b.when.span,
            Edge::Campaigns,
        );
    }
    for c in &plan.columns {
        if c.during.span != plan.period.span {
            let id = &c.id.name;
            report(
                &|| tr!("栏目 `{id}`", "column `{id}`"),
                c.during.value,
                c.during.span,
                Edge::Campaigns,
            );
        }
    }
}

/// The whole months from `d` to `start` (the lead-in that would reach `d`).
fn months_before(start: NaiveDate, d: NaiveDate) -> u32 {
    (1..=MAX_LEAD_IN * 10)
        .find(|&n| {
            start
                .checked_sub_months(Months::new(n))
                .is_some_and(|e| e <= d)
        })
        .unwrap_or(MAX_LEAD_IN * 10)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::check::check_paths;
    use crate::world::MemWorld;

    /// The D001 lines of a 2026 plan with one task due on `due` in a
    /// campaign over `window`, and `rules` as its D001 settings.
    fn d001(window: &str, due: &str, rules: &str) -> Vec<String> {
        let text = format!(
            "[plan]\nyear = 2026\ncalendar = \"none\"\n\n\
             [campaigns.c]\nname = \"C\"\nwindow = \"{window}\"\n\n\
             [campaigns.c.tasks.t]\nname = \"T\"\ndue = \"{due}\"\n\n\
             [rules.date-outside-period]\n{rules}\n"
        );
        let world = MemWorld::default().with_file("p.toml", text);
        let Ok(checked) = check_paths(&world, &[PathBuf::from("p.toml")]) else {
            panic!("the plan is read");
        };
        checked
            .diagnostics
            .iter()
            .filter(|d| d.code() == "D001")
            .map(|d| d.message.en.clone())
            .collect()
    }

    #[test]
    fn the_lead_in_and_the_overhang_end_on_their_last_day() {
        let q1 = "2026-01-05..2026-01-25";
        assert!(d001(q1, "2025-10-01", "").is_empty());
        assert_eq!(d001(q1, "2025-09-30", "").len(), 1);
        assert!(d001(q1, "2025-09-01", "lead_in = 4").is_empty());
        assert_eq!(d001(q1, "2025-12-31", "lead_in = 0").len(), 1);
        let new_year = "2026-12-20..2027-01-31";
        assert!(d001(new_year, "2027-01-31", "").is_empty());
        let over = d001("2026-12-20..2027-02-01", "2027-01-10", "");
        assert_eq!(over.len(), 1, "{over:?}");
        assert!(over[0].contains("runs more than 31 days past"), "{over:?}");
        assert!(d001("2026-12-20..2027-02-01", "2027-02-01", "overhang = 32").is_empty());
        // A campaign never starts in the lead-in: that is not preparation.
        let early = d001("2025-12-20..2026-01-10", "2025-12-20", "");
        assert_eq!(early.len(), 1, "{early:?}");
        assert!(early[0].starts_with("campaign `c`"), "{early:?}");
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn the_lead_in_that_reaches_a_day_counts_whole_months() {
        let start = day("2026-01-01");
        assert_eq!(months_before(start, day("2025-12-31")), 1);
        assert_eq!(months_before(start, day("2025-10-01")), 3);
        assert_eq!(months_before(start, day("2025-09-30")), 4);
    }
}
