//! Schedule rules: checks of the dated `Schedule` — review chains, blackout
//! and holiday publishing, flagship overlaps, columns that never occur,
//! tasks out of order or on days off.

pub mod blackout;
pub mod column_on_holiday;
pub mod flagship_overlap;
pub mod holiday_publishing;
pub mod lead_time;
pub mod never_occurs;
pub mod too_many;

use chrono::NaiveDate;

/// `2026-02-18, 2026-05-01, … (9 in all)`: a short list of dates.
pub fn date_list(days: &[NaiveDate]) -> String {
    let shown: Vec<String> = days
        .iter()
        .take(4)
        .map(std::string::ToString::to_string)
        .collect();
    if days.len() > 4 {
        format!("{}, … ({} in all)", shown.join(", "), days.len())
    } else {
        shown.join(", ")
    }
}
