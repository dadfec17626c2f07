//! The plan uses China's holiday calendar (`calendar = "cn"`) for a year
//! whose official schedule almanac does not have. The State Council
//! publishes each year's holidays and make-up workdays (调休) in November of
//! the year before. Until almanac ships them, such a year is planned on a
//! provisional calendar: the statutory public holidays as the law fixes them
//! (New Year's Day, Spring Festival from New Year's Eve for 4 days, Qingming,
//! Labour Day 2 days, Dragon Boat, Mid-Autumn, National Day 3 days), with
//! no bridging days and no make-up workdays. One warning names each
//! statutory holiday the plan has not declared and that falls on a workday:
//! its days may grow, and the weekends around it may become workdays, once
//! the notice is out. Declaring the festival's days off (with its make-up
//! workdays) from the notice removes its warning:
//!
//! ```toml
//! [holidays.spring_festival]
//! name = "春节"
//! off = "2027-02-05..2027-02-11"
//! workdays = ["2027-02-20"]
//! ```
//!
//! A year beyond the built-in lunar table (after 2040) has no provisional
//! calendar either: its workdays count only weekends, and one warning says
//! so until the plan declares holidays in that year.
//!
//! <!-- zh-CN -->
//! 计划使用中国的节假日日历（`calendar = "cn"`），但 almanac 还没有某一年的
//! 官方放假安排。国务院办公厅每年 11 月前后公布下一年的节假日和调休上班日。
//! 在 almanac 收录之前，这一年按暂定日历排期：只算法律规定的法定节假日（元旦、
//! 春节从除夕起 4 天、清明节、劳动节 2 天、端午节、中秋节、国庆节 3 天），不含
//! 调休拼出的连休，也没有调休上班日。计划没有声明、又落在工作日的每个法定节假日
//! 各有一条警告：通知公布后，它的假期可能变长，前后的周末也可能要调休上班。按
//! 通知在计划里声明这个节日的放假日期（和调休上班日）后，这条警告就不再出现：
//!
//! ```toml
//! [holidays.spring_festival]
//! name = "春节"
//! off = "2027-02-05..2027-02-11"
//! workdays = ["2027-02-20"]  # 调休上班日
//! ```
//!
//! 超出内置农历表的年份（2040 年以后）连暂定日历也没有：工作日只排除周末，
//! 在计划声明那一年的节假日之前，会有一条警告说明这一点。

use chrono::{Datelike, NaiveDate};

use crate::calendar::{cn_has_official_schedule, cn_is_provisional};
use crate::diagnostics::{Diagnostic, codes};
use crate::rules::Context;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    if plan.calendar_name != "cn" {
        return;
    }
    let p = plan.period.value;
    let cal = &plan.calendar;
    let mut unknown = Vec::new();
    for year in p.start.year()..=p.end.year() {
        if cn_has_official_schedule(year) {
            continue;
        }
        if !cn_is_provisional(year) {
            if !declares_holidays(cx, year) {
                unknown.push(year);
            }
            continue;
        }
        for (s, days) in cal.provisional(year) {
            let in_period: Vec<NaiveDate> = days.into_iter().filter(|d| p.contains(*d)).collect();
            if !in_period.iter().any(|d| cal.week().contains(d.weekday())) {
                continue;
            }
            let dates = match (in_period.first(), in_period.last()) {
                (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
                (Some(a), _) => a.to_string(),
                _ => continue,
            };
            let (zh, en, key) = (s.name_zh, s.name_en, s.key);
            out.push(
                Diagnostic::new(
                    &codes::D004,
                    plan.period.span,
                    tr!(
                        "{zh}（{dates}）是暂定假期：almanac 没有内置 {year} 年的官方放假安排",
                        "{en} ({zh}, {dates}) is a provisional holiday: the {year} official schedule is not built in"
                    ),
                )
                .label(tr!(
                    "{year} 年先按法定节假日排期，调休上班日要等通知",
                    "{year} is planned on its statutory holidays; make-up workdays are unknown until the notice"
                ))
                .help(tr!(
                    "国务院办公厅公布 {year} 年放假安排后，在 `[holidays.{key}]` 中声明{zh}的放假日期和调休上班日",
                    "once the State Council publishes the {year} schedule, declare {en}'s days off and make-up workdays under `[holidays.{key}]`"
                )),
            );
        }
    }
    if unknown.is_empty() {
        return;
    }
    let all: Vec<String> = unknown.iter().map(ToString::to_string).collect();
    let (zh, en) = (all.join("、"), all.join(", "));
    out.push(
        Diagnostic::new(
            &codes::D004,
            plan.period.span,
            tr!(
                "没有 {zh} 年的官方放假安排",
                "no official holiday schedule for {en}"
            ),
        )
        .label(tr!(
            "工作日只排除了周末",
            "workdays count only weekends"
        ))
        .help(tr!(
            "国务院办公厅公布后，在 `[holidays]` 中声明 {zh} 年的节假日和调休上班日",
            "declare {en}'s holidays and make-up workdays under `[holidays]` once the State Council publishes them"
        )),
    );
}

/// Whether the plan declares a day off or a make-up workday in `year`.
fn declares_holidays(cx: &Context, year: i32) -> bool {
    cx.plan.holidays.iter().any(|h| {
        h.off
            .iter()
            .any(|r| r.value.start.year() == year || r.value.end.year() == year)
            || h.workdays.iter().any(|w| w.value.year() == year)
    })
}
