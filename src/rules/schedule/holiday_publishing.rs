//! A column that skips holidays (`except holidays`) is moved onto a holiday
//! by `moves`. The column says it does not publish on holidays, so the move
//! contradicts it: move the occurrence to a working day instead.
//!
//! <!-- zh-CN -->
//! 节假日停更的栏目（`except holidays`）被 `moves` 改到了节假日。栏目写明了
//! 节假日停更，这次改期与之矛盾：把这一期改到工作日。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::Plan;
use crate::rules::Context;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for col in &plan.columns {
        if !col.skips_holidays {
            continue;
        }
        for (_, to) in &col.moves {
            if !plan.calendar.is_holiday(to.value) {
                continue;
            }
            let day = plan.calendar.day_name(to.value);
            let (name_zh, name_en) = (day.unwrap_or("节假日"), day.unwrap_or("a holiday"));
            let (col_name, date) = (&col.id.name, to.value);
            out.push(
                Diagnostic::new(
                    &codes::P003,
                    to.span,
                    tr!(
                        "栏目 `{col_name}` 节假日停更，却被改到了 {date}（{name_zh}）",
                        "column `{col_name}` skips holidays but is moved onto {date} ({name_en})"
                    ),
                )
                .label(tr!("节假日", "a holiday"))
                .secondary(col.recurrence_span, tr!("节假日停更", "skips holidays"))
                .help(match first_after(plan, to.value) {
                    Some(d) => tr!(
                        "改到非节假日（{name_zh}后第一个非节假日是 {d}），或有意在节假日发布：去掉 `except holidays`，写上 `holidays = \"publish\"`",
                        "move it to a day that is not a holiday (the first after {name_en} is {d}), or publish on holidays on purpose: drop `except holidays` and write `holidays = \"publish\"`"
                    ),
                    None => tr!("改到非节假日", "move it to a day that is not a holiday"),
                }),
            );
        }
    }
}

/// The first day after `d` that is not a holiday.
fn first_after(plan: &Plan, d: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    d.iter_days()
        .skip(1)
        .take(366)
        .find(|x| !plan.calendar.is_holiday(*x))
}
