//! A task is due on a day that is not a workday on the plan's calendar: a
//! weekend, a public holiday, or a day the plan declares off. Make-up
//! workdays (调休) count as workdays. Offsets in workdays (`start - 5wd`)
//! always land on workdays; calendar-day offsets (`start - 7d`) may not.
//! A warning: move the date, or count in workdays.
//!
//! A task that publishes (`publish = true`) is exempt: its date is when the
//! content goes out, and content goes out on weekends and holidays like a
//! column's episodes do; the work before it is checked through the review
//! chain, whose levels receive the item on workdays.
//!
//! <!-- zh-CN -->
//! 任务的截止日在计划日历上不是工作日：周末、法定节假日，
//! 或计划声明的休息日。调休上班日算作工作日。
//! 按工作日计算的偏移量（`start - 5wd`）总会落在工作日上；
//! 按自然日计算的偏移量（`start - 7d`）则不一定。这是警告：挪一下日期，
//! 或改为按工作日计算。
//!
//! 发布型任务（`publish = true`）不受此限：它的日期是内容上线的日子，
//! 而内容和栏目的各期一样，周末和节假日也照常发布；
//! 发布前的工作通过审核链检查，各审核级别都在工作日收到内容。

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::{Locale, words};
use crate::model::weekday_short;
use crate::rules::Context;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    use chrono::Datelike;
    for (c, t, due) in plan.dated_tasks() {
        if t.publish || plan.calendar.is_workday(due.value) {
            continue;
        }
        let zh_weekday = |d: chrono::NaiveDate| {
            words(Locale::ZhCn).weekdays[d.weekday().num_days_from_monday() as usize]
        };
        let (campaign, task, day) = (&c.id.name, &t.id.name, due.value);
        let message = match plan.calendar.day_name(day) {
            Some(n) => tr!(
                "任务 `{campaign}.{task}` 的截止日期 {day} 是节假日（{n}）",
                "task `{campaign}.{task}` is due on {day}, a holiday ({n})"
            ),
            None => {
                let (zh, en) = (zh_weekday(day), day.format("%A"));
                tr!(
                    "任务 `{campaign}.{task}` 的截止日期 {day} 是{zh}",
                    "task `{campaign}.{task}` is due on {day}, a {en}"
                )
            }
        };
        out.push(
            Diagnostic::new(&codes::D006, due.span, message)
                .label(tr!("不是工作日", "not a workday"))
                .help(match plan.calendar.add_workdays(day, -1) {
                    Some(before) => {
                        let (zh, en) = (zh_weekday(before), weekday_short(before.weekday()));
                        let (makeup_zh, makeup_en) =
                            if plan.calendar.week().contains(before.weekday()) {
                                ("", "")
                            } else {
                                ("，调休上班日", ", a make-up workday")
                            };
                        tr!(
                            "前一个工作日是 {before}（{zh}{makeup_zh}）；按工作日（`wd`）计算，或换一天",
                            "the workday before is {before} ({en}{makeup_en}); count in workdays (`wd`) or pick another day"
                        )
                    }
                    None => tr!(
                        "按工作日（`wd`）计算，或换一天",
                        "count in workdays (`wd`) or pick another day"
                    ),
                }),
        );
    }
}
