//! The plan uses China's holiday calendar (`calendar = "cn"`) for a year
//! whose official schedule almanac does not have, and the plan declares no
//! holidays of its own for that year. The State Council publishes each
//! year's holidays and make-up workdays (调休) in November of the year
//! before; until almanac ships them, workday arithmetic for that year knows
//! only weekends. Declare the year's holidays in the plan once they are
//! published:
//!
//! ```toml
//! [holidays.spring_festival]
//! name = "春节"
//! off = "2027-02-06..2027-02-12"
//! workdays = ["2027-02-14"]
//! ```

use chrono::Datelike;

use crate::calendar::cn_has_official_schedule;
use crate::diagnostics::{Diagnostic, codes};
use crate::rules::Context;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    if plan.calendar_name != "cn" {
        return;
    }
    let p = plan.period.value;
    let missing: Vec<i32> = (p.start.year()..=p.end.year())
        .filter(|&year| {
            !cn_has_official_schedule(year)
                && !plan.holidays.iter().any(|h| {
                    h.off
                        .iter()
                        .any(|r| r.value.start.year() == year || r.value.end.year() == year)
                        || h.workdays.iter().any(|w| w.value.year() == year)
                })
        })
        .collect();
    let Some(&first) = missing.first() else {
        return;
    };
    // One warning for all such years.
    let years = if missing.len() == 1 {
        first.to_string()
    } else {
        let last = missing[missing.len() - 1];
        let contiguous = last - first + 1 == missing.len() as i32;
        if contiguous {
            format!("{first}–{last}")
        } else {
            missing
                .iter()
                .map(std::string::ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    out.push(
        Diagnostic::new(&codes::D004, plan.period.span, format!("no official holiday schedule for {years}"))
            .label(if missing.len() == 1 {
                "workdays in this year count only weekends"
            } else {
                "workdays in these years count only weekends"
            })
            .help(format!(
                "declare {years}'s holidays and make-up workdays under `[holidays]` once the State Council publishes them"
            )),
    );
}
