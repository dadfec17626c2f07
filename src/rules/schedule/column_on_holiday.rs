//! A recurring column falls on public holidays and the plan does not say
//! what should happen then. Either the column skips them (`every wed except
//! holidays`), or it publishes on purpose (`holidays = "publish"`); single
//! days can also be left out (`skip = ["2026-10-07"]`) or moved
//! (`moves = { "2026-10-07" = "2026-10-09" }`).
//! A warning, because publishing on a holiday is sometimes right.
//!
//! <!-- zh-CN -->
//! 栏目有几期落在法定节假日上，而计划没有说明这时该怎么办。要么栏目
//! 在节假日停更（`every wed except holidays`），要么有意照常发布
//! （`holidays = "publish"`）；个别日子也可以跳过（`skip = ["2026-10-07"]`）
//! 或改期（`moves = { "2026-10-07" = "2026-10-09" }`）。
//! 这是警告而不是错误，因为有时确实需要在节假日发布。

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, codes};
use crate::rules::Context;
use crate::rules::schedule::{date_list, skip_fix};
use crate::schedule::Kind;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    let mut days: Vec<Vec<NaiveDate>> = vec![Vec::new(); plan.columns.len()];
    for (_, it) in schedule.of_kind(Kind::Episode) {
        if let Some(k) = it.column
            && plan.calendar.is_holiday(it.start)
        {
            days[k].push(it.start);
        }
    }
    for (k, col) in plan.columns.iter().enumerate() {
        if days[k].is_empty() || col.skips_holidays || col.publishes_on_holidays {
            continue;
        }
        let every = &col.recurrence_span;
        let (name, dates) = (&col.id.name, date_list(&days[k]));
        let (dz, de) = (&dates.zh, &dates.en);
        let d = Diagnostic::new(
            &codes::P004,
            *every,
            tr!(
                "栏目 `{name}` 的排期落在节假日：{dz}",
                "column `{name}` falls on holidays: {de}"
            ),
        )
        .label(tr!("没有说明节假日怎么处理", "no rule for holidays"))
        .help(tr!(
            "加上 `except holidays` 在节假日停更，或把这些日期列入 `skip`，或写 `holidays = \"publish\"` 表示有意照常发布",
            "add `except holidays` to skip them, list them in `skip`, or `holidays = \"publish\"` to publish on purpose"
        ));
        // A recurrence without exceptions takes ` except holidays` before
        // its closing quote; any column can list the days in `skip`.
        let end = every.range().len().saturating_sub(1);
        let d = if col.recurrence.except.is_empty() {
            d.fix(every.sub(end, end), " except holidays")
        } else {
            d
        };
        let (at, text) = skip_fix(cx.sources, col, &days[k]);
        out.push(d.fix(at, text));
    }
}
