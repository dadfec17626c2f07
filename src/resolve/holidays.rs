//! `[holidays]`: the plan's own days off and make-up workdays, added to the
//! workday calendar. Their dates are evaluated on the calendar as it is
//! before them, and without the plan's date names (moments and campaign
//! windows need the finished calendar).

use crate::calendar::WorkCalendar;
use crate::diagnostics::Diagnostic;
use crate::model::{DateRange, Holiday};
use crate::syntax::raw::RawHoliday;

use super::dates::DateCx;
use super::{evaluate_each, names, text_or};

/// The plan's holidays, each added to `calendar` as it is read. `None` when
/// a day off runs up to the last date there is.
pub(super) fn holidays(
    raw: &[RawHoliday],
    period: DateRange,
    calendar: &mut WorkCalendar,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Holiday>> {
    let mut holidays = Vec::new();
    let base = calendar.clone();
    let cx = DateCx {
        period,
        calendar: &base,
    };
    let mut no_names = names::NoNames;
    for h in raw {
        let name = text_or(&h.name, &h.id.name);
        let (off, _) = evaluate_each(&h.off, |e| cx.range(&mut no_names, &e.node, &e.src, diags));
        let (workdays, _) = evaluate_each(&h.workdays, |e| {
            cx.date(&mut no_names, &e.node, &e.src, diags)
        });
        for r in &off {
            let mut d = r.value.start;
            while d <= r.value.end {
                calendar.add_holiday(d, &name);
                d = d.succ_opt()?;
            }
        }
        for w in &workdays {
            calendar.add_makeup_workday(w.value, &name);
        }
        holidays.push(Holiday {
            id: h.id.clone(),
            name,
            off,
            workdays,
        });
    }
    Some(holidays)
}
