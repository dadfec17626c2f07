//! `[holidays]`: the plan's own days off and make-up workdays, added to the
//! workday calendar. Their dates are evaluated on the calendar as it is
//! before them, and without the plan's date names (moments and campaign
//! windows need the finished calendar).

use crate::calendar::WorkCalendar;
use crate::diagnostics::Diagnostic;
use crate::model::{DateRange, Holiday};
use crate::source::Spanned;
use crate::syntax::raw::{RawHoliday, Val};

use super::dates::DateCx;
use super::{names, text_or};

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
        let off: Vec<_> = h
            .off
            .iter()
            .filter_map(Val::known)
            .filter_map(|e| {
                cx.range(&mut no_names, &e.node, &e.src, diags)
                    .map(|value| Spanned {
                        value,
                        span: e.span(),
                    })
            })
            .collect();
        let workdays: Vec<_> = h
            .workdays
            .iter()
            .filter_map(Val::known)
            .filter_map(|e| {
                cx.date(&mut no_names, &e.node, &e.src, diags)
                    .map(|value| Spanned {
                        value,
                        span: e.span(),
                    })
            })
            .collect();
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
