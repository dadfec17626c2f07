//! Recurrence expansion: the days a recurring column publishes on, within a
//! range, on the plan's calendar. Expansion is bounded: a recurrence that
//! would yield more than `MAX_OCCURRENCES` days is cut off and reported, so
//! a daily column over a century can never hang or exhaust memory.

use chrono::{Datelike, Days, NaiveDate};

use crate::calendar::{WorkCalendar, nth_weekday_of_month};
use crate::model::DateRange;
use crate::syntax::ast::{Frequency, MonthDay};

/// More occurrences than this for one column is certainly a mistake.
pub const MAX_OCCURRENCES: usize = 5_000;

/// The days of `freq` in `range`, in order; `Err` with the count so far if
/// the bound is reached.
pub fn expand(
    freq: &Frequency,
    range: DateRange,
    calendar: &WorkCalendar,
) -> Result<Vec<NaiveDate>, usize> {
    let mut out = Vec::new();
    let mut push = |d: NaiveDate| {
        if out.len() >= MAX_OCCURRENCES {
            return false;
        }
        out.push(d);
        true
    };
    let days = |from: NaiveDate| from.iter_days().take_while(move |d| *d <= range.end);
    match freq {
        Frequency::Daily { interval } => {
            let step = u64::from((*interval).max(1));
            let mut d = range.start;
            while d <= range.end {
                if !push(d) {
                    return Err(MAX_OCCURRENCES);
                }
                let Some(next) = d.checked_add_days(Days::new(step)) else {
                    break;
                };
                d = next;
            }
        }
        Frequency::Weekly { interval, days: on } => {
            // Weeks count from the week of the first matching day, so the
            // first occurrence is the first such day in the range (and an
            // RRULE with that day as DTSTART gives the same days).
            let step = i64::from((*interval).max(1));
            let Some(first) = days(range.start).find(|d| on.contains(&d.weekday())) else {
                return Ok(out);
            };
            let anchor = monday(first);
            for d in days(range.start) {
                let week = (monday(d) - anchor).num_days() / 7;
                if week % step == 0 && on.contains(&d.weekday()) && !push(d) {
                    return Err(MAX_OCCURRENCES);
                }
            }
        }
        Frequency::Weekdays => {
            for d in days(range.start) {
                if calendar.week().contains(d.weekday()) && !push(d) {
                    return Err(MAX_OCCURRENCES);
                }
            }
        }
        Frequency::Workdays => {
            for d in days(range.start) {
                if calendar.is_workday(d) && !push(d) {
                    return Err(MAX_OCCURRENCES);
                }
            }
        }
        Frequency::Monthly { interval, on } => {
            let step = (*interval).max(1) as i32;
            let (mut y, mut m) = (range.start.year(), range.start.month());
            let mut k = 0;
            loop {
                if NaiveDate::from_ymd_opt(y, m, 1).is_none_or(|f| f > range.end) {
                    break;
                }
                if k % step == 0 {
                    let day = match on {
                        MonthDay::NthWeekday { n, weekday } => {
                            nth_weekday_of_month(y, m, *n, *weekday)
                        }
                        MonthDay::Day(n) => NaiveDate::from_ymd_opt(y, m, *n),
                    };
                    if let Some(d) = day.filter(|d| range.contains(*d))
                        && !push(d)
                    {
                        return Err(MAX_OCCURRENCES);
                    }
                }
                k += 1;
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
    }
    Ok(out)
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WorkWeek;
    use chrono::Weekday;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn year(y: i32) -> DateRange {
        DateRange {
            start: NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(y, 12, 31).unwrap(),
        }
    }

    #[test]
    fn every_wednesday_of_2026() {
        let cal = WorkCalendar::new(WorkWeek::mon_fri()).with_cn_official();
        let f = Frequency::Weekly {
            interval: 1,
            days: vec![Weekday::Wed],
        };
        let days = expand(&f, year(2026), &cal).unwrap();
        assert_eq!(days.len(), 52);
        assert_eq!(days[0], d("2026-01-07"));
        assert!(days.contains(&d("2026-02-18")));
    }

    #[test]
    fn every_workday_counts_makeup_saturdays_and_skips_holidays() {
        let cal = WorkCalendar::new(WorkWeek::mon_fri()).with_cn_official();
        let feb = DateRange {
            start: d("2026-02-09"),
            end: d("2026-03-01"),
        };
        let work = expand(&Frequency::Workdays, feb, &cal).unwrap();
        let week = expand(&Frequency::Weekdays, feb, &cal).unwrap();
        assert!(work.contains(&d("2026-02-14")) && !week.contains(&d("2026-02-14")));
        assert!(!work.contains(&d("2026-02-16")) && week.contains(&d("2026-02-16")));
        assert!(work.contains(&d("2026-02-28")));
    }

    #[test]
    fn monthly_and_biweekly() {
        let cal = WorkCalendar::new(WorkWeek::mon_fri());
        let f = Frequency::Monthly {
            interval: 1,
            on: MonthDay::NthWeekday {
                n: 1,
                weekday: Weekday::Mon,
            },
        };
        let days = expand(&f, year(2026), &cal).unwrap();
        assert_eq!(days.len(), 12);
        assert_eq!(days[0], d("2026-01-05"));
        let f = Frequency::Monthly {
            interval: 1,
            on: MonthDay::Day(31),
        };
        assert_eq!(expand(&f, year(2026), &cal).unwrap().len(), 7);
        let f = Frequency::Weekly {
            interval: 2,
            days: vec![Weekday::Mon],
        };
        let days = expand(&f, year(2026), &cal).unwrap();
        assert_eq!(days[0], d("2026-01-05"));
        assert_eq!(days[1], d("2026-01-19"));
    }

    #[test]
    fn a_daily_column_over_a_century_is_cut_off() {
        let cal = WorkCalendar::new(WorkWeek::mon_fri());
        let r = DateRange {
            start: d("2000-01-01"),
            end: d("2099-12-31"),
        };
        assert_eq!(
            expand(&Frequency::Daily { interval: 1 }, r, &cal),
            Err(MAX_OCCURRENCES)
        );
    }
}
