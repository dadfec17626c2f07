//! China's official public holidays and make-up workdays (调休), as announced
//! each year by the State Council General Office. They are data
//! (`data/calendar/cn-holidays.csv`), expanded here into one entry per day so
//! that a workday calendar can look a date up directly. The schedule for next
//! year is usually published in November, so [`cn_has_official_schedule`]
//! lets the compiler warn when a plan's year is not covered.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};

use super::table;

const CN_HOLIDAYS_CSV: &str = include_str!("../../data/calendar/cn-holidays.csv");

/// The longest run of days one row may cover; guards against a typo in a year
/// expanding into thousands of days.
const MAX_RUN_DAYS: i64 = 31;

/// Whether an official day is a day off or a working weekend day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DayKind {
    /// A day off (放假).
    Holiday,
    /// A day that is a working day although it falls on the weekend (调休上班).
    MakeupWorkday,
}

impl DayKind {
    /// The data-file spelling: `holiday` or `makeup_workday`.
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::MakeupWorkday => "makeup_workday",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "holiday" => Some(DayKind::Holiday),
            "makeup_workday" => Some(DayKind::MakeupWorkday),
            _ => None,
        }
    }
}

/// One official holiday or make-up workday. The names are those of the
/// festival the day belongs to (a make-up day for 春节 is named 春节).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OfficialDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name_en: &'static str,
    pub name_zh: &'static str,
}

/// Every official day, one entry per date, sorted by date.
pub fn cn_official_days() -> &'static [OfficialDay] {
    static DAYS: OnceLock<Vec<OfficialDay>> = OnceLock::new();
    DAYS.get_or_init(|| {
        parse_cn_holidays(CN_HOLIDAYS_CSV)
            .unwrap_or_else(|e| panic!("data/calendar/cn-holidays.csv: {e}"))
    })
}

/// The official day on `date`, if there is one.
pub fn cn_official_day(date: NaiveDate) -> Option<&'static OfficialDay> {
    let days = cn_official_days();
    days.binary_search_by_key(&date, |d| d.date)
        .ok()
        .map(|i| &days[i])
}

/// Whether the built-in data has the official schedule for `year`.
pub fn cn_has_official_schedule(year: i32) -> bool {
    let days = cn_official_days();
    let i = days.partition_point(|d| d.date.year() < year);
    days.get(i).is_some_and(|d| d.date.year() == year)
}

fn parse_cn_holidays(text: &'static str) -> Result<Vec<OfficialDay>, String> {
    let mut out: Vec<OfficialDay> = Vec::new();
    let header = ["first_day", "last_day", "kind", "name_zh", "name_en"];
    for row in table::rows(text, &header)? {
        let line = row.line;
        let [first, last, kind, name_zh, name_en] = row.fields[..] else {
            unreachable!("table::rows checked the field count")
        };
        let (first, last) = (table::date(line, first)?, table::date(line, last)?);
        let len = (last - first).num_days() + 1;
        if !(1..=MAX_RUN_DAYS).contains(&len) {
            return Err(format!(
                "line {line}: {first}..{last} must be 1 to {MAX_RUN_DAYS} days"
            ));
        }
        let kind = DayKind::parse(kind).ok_or_else(|| {
            format!("line {line}: kind `{kind}` is not holiday or makeup_workday")
        })?;
        for date in first.iter_days().take(len as usize) {
            if kind == DayKind::MakeupWorkday
                && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            {
                return Err(format!(
                    "line {line}: make-up workday {date} is not a weekend day"
                ));
            }
            out.push(OfficialDay {
                date,
                kind,
                name_en,
                name_zh,
            });
        }
    }
    out.sort_by_key(|d| d.date);
    if let Some(w) = out.windows(2).find(|w| w[0].date == w[1].date) {
        return Err(format!("{} is listed twice", w[0].date));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_official_row_parses() {
        let days = parse_cn_holidays(CN_HOLIDAYS_CSV).unwrap();
        let rows = table::rows(
            CN_HOLIDAYS_CSV,
            &["first_day", "last_day", "kind", "name_zh", "name_en"],
        )
        .unwrap();
        assert_eq!(rows.len(), 41);
        let expanded: i64 = rows
            .iter()
            .map(|r| {
                let f = table::date(r.line, r.fields[0]).unwrap();
                let l = table::date(r.line, r.fields[1]).unwrap();
                (l - f).num_days() + 1
            })
            .sum();
        assert_eq!(days.len() as i64, expanded);
        assert_eq!(days.len(), 108);
        // Per year, counted from the State Council notices: (holidays, make-up days).
        let count = |year, kind| {
            days.iter()
                .filter(|d| d.date.year() == year && d.kind == kind)
                .count()
        };
        for (year, holidays, makeups) in [(2024, 28, 8), (2025, 28, 5), (2026, 33, 6)] {
            assert_eq!(count(year, DayKind::Holiday), holidays, "{year}");
            assert_eq!(count(year, DayKind::MakeupWorkday), makeups, "{year}");
        }
        assert_eq!(cn_official_days(), &days[..]);
        assert!(days.windows(2).all(|w| w[0].date < w[1].date));
    }

    #[test]
    fn facts_2026() {
        let day = |m, d| cn_official_day(ymd(2026, m, d));
        let sat = day(2, 14).unwrap();
        assert_eq!(
            (sat.kind, sat.name_zh, sat.name_en),
            (DayKind::MakeupWorkday, "春节", "Spring Festival")
        );
        assert_eq!(day(2, 16).unwrap().kind, DayKind::Holiday);
        assert_eq!(day(2, 18).unwrap().kind, DayKind::Holiday);
        assert_eq!(day(2, 23).unwrap().kind, DayKind::Holiday);
        assert_eq!(day(2, 24), None);
        assert_eq!(day(10, 10).unwrap().kind, DayKind::MakeupWorkday);
        assert_eq!(day(10, 1).unwrap().name_zh, "国庆节");
        // 2025: 中秋 falls inside the National Day run.
        assert_eq!(cn_official_day(ymd(2025, 10, 6)).unwrap().name_zh, "中秋节");
        assert_eq!(cn_official_day(ymd(2025, 10, 7)).unwrap().name_zh, "国庆节");
    }

    #[test]
    fn schedule_years() {
        assert!(!cn_has_official_schedule(2023));
        assert!(cn_has_official_schedule(2024));
        assert!(cn_has_official_schedule(2025));
        assert!(cn_has_official_schedule(2026));
        assert!(!cn_has_official_schedule(2027));
    }

    #[test]
    fn bad_rows_are_rejected() {
        let header = "first_day,last_day,kind,name_zh,name_en\n";
        for bad in [
            "2026-02-15,2026-02-14,holiday,春节,Spring Festival\n",
            "2026-01-01,2026-03-01,holiday,春节,Spring Festival\n",
            "2026-02-15,2026-02-15,day_off,春节,Spring Festival\n",
            "2026-02-16,2026-02-16,makeup_workday,春节,Spring Festival\n",
            "2026-02-15,2026-02-16,holiday,春节,Spring Festival\n2026-02-16,2026-02-16,holiday,x,y\n",
            "2026-2-15,2026-02-16,holiday,春节,Spring Festival\n",
        ] {
            let text: &'static str = format!("{header}{bad}").leak();
            assert!(parse_cn_holidays(text).is_err(), "{bad}");
        }
    }
}
