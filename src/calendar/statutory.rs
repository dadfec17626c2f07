//! China's statutory public holidays as the law fixes them
//! (`data/calendar/cn-statutory.csv`): which festivals, from which day and
//! for how many days. The State Council's yearly notice turns them into the
//! days actually off, with bridging days and make-up workdays (调休); until
//! that notice is built in (`official.rs`), a year after the last official
//! one gets these days as a provisional calendar, so that a legal review is
//! not scheduled on New Year's Day, and the compiler says the year is
//! provisional (D004, `almanac when`).

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use super::moments::{find_moment, lunar_years, moment_date};
use super::official::cn_official_days;
use super::table;

const CN_STATUTORY_CSV: &str = include_str!("../../data/calendar/cn-statutory.csv");

/// Where a statutory holiday starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum First {
    /// The same Gregorian month and day every year.
    Fixed { month: u32, day: u32 },
    /// A date of the lunar festival table (`new_years_eve`, `qingming`).
    Lunar(&'static str),
}

/// One statutory public holiday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Statutory {
    /// The built-in moment's key (`spring_festival`, `national_day`).
    pub key: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    first: First,
    /// Days off by law, counted from the first.
    pub days: u32,
}

impl Statutory {
    /// The statutory days off in `year`, or `None` when the first day is
    /// unknown (a lunar date outside the table).
    pub fn dates(&self, year: i32) -> Option<Vec<NaiveDate>> {
        let first = match self.first {
            First::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day)?,
            First::Lunar(key) => moment_date(find_moment(key)?, year)?,
        };
        Some(first.iter_days().take(self.days as usize).collect())
    }
}

/// Every statutory public holiday, in the order of the year.
pub fn cn_statutory() -> &'static [Statutory] {
    static ALL: OnceLock<Vec<Statutory>> = OnceLock::new();
    ALL.get_or_init(|| {
        parse(CN_STATUTORY_CSV).unwrap_or_else(|e| panic!("data/calendar/cn-statutory.csv: {e}"))
    })
}

/// Whether `year` gets the provisional calendar: it comes after the last
/// year of the built-in official schedules, and the lunar table knows its
/// festivals.
pub fn cn_is_provisional(year: i32) -> bool {
    let last_official = cn_official_days()
        .last()
        .map_or(i32::MIN, |d| d.date.year());
    year > last_official && lunar_years().contains(&year)
}

fn parse(text: &'static str) -> Result<Vec<Statutory>, String> {
    let mut out = Vec::new();
    for row in table::rows(text, &["key", "name_zh", "name_en", "first_day", "days"])? {
        let line = row.line;
        let [key, name_zh, name_en, first, days] = row.fields[..] else {
            unreachable!("table::rows checked the field count")
        };
        let first = match first.strip_prefix("lunar:") {
            Some(k) if find_moment(k).is_some() => First::Lunar(k),
            Some(k) => return Err(format!("line {line}: no lunar moment `{k}`")),
            None => {
                let (m, d) = first
                    .split_once('-')
                    .and_then(|(m, d)| Some((m.parse().ok()?, d.parse().ok()?)))
                    .filter(|&(m, d)| NaiveDate::from_ymd_opt(2000, m, d).is_some())
                    .ok_or_else(|| format!("line {line}: `{first}` is not MM-DD or lunar:KEY"))?;
                First::Fixed { month: m, day: d }
            }
        };
        let days = days
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=7).contains(d))
            .ok_or_else(|| format!("line {line}: days `{days}` must be 1 to 7"))?;
        if find_moment(key).is_none() {
            return Err(format!("line {line}: `{key}` is not a built-in moment"));
        }
        out.push(Statutory {
            key,
            name_zh,
            name_en,
            first,
            days,
        });
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
    fn the_law_gives_thirteen_days_in_seven_holidays() {
        let all = cn_statutory();
        assert_eq!(all.len(), 7);
        assert_eq!(all.iter().map(|s| s.days).sum::<u32>(), 13);
    }

    #[test]
    fn the_2027_statutory_days_follow_the_lunar_table() {
        let dates = |key: &str| {
            cn_statutory()
                .iter()
                .find(|s| s.key == key)
                .and_then(|s| s.dates(2027))
                .unwrap()
        };
        assert_eq!(dates("new_year"), [ymd(2027, 1, 1)]);
        // 除夕 to 初三.
        assert_eq!(
            dates("spring_festival"),
            [
                ymd(2027, 2, 5),
                ymd(2027, 2, 6),
                ymd(2027, 2, 7),
                ymd(2027, 2, 8)
            ]
        );
        assert_eq!(dates("qingming"), [ymd(2027, 4, 5)]);
        assert_eq!(dates("labour_day"), [ymd(2027, 5, 1), ymd(2027, 5, 2)]);
        assert_eq!(dates("dragon_boat"), [ymd(2027, 6, 9)]);
        assert_eq!(dates("mid_autumn"), [ymd(2027, 9, 15)]);
        assert_eq!(
            dates("national_day"),
            [ymd(2027, 10, 1), ymd(2027, 10, 2), ymd(2027, 10, 3)]
        );
    }

    #[test]
    fn only_years_after_the_official_ones_are_provisional() {
        assert!(!cn_is_provisional(2026));
        assert!(!cn_is_provisional(2020));
        assert!(cn_is_provisional(2027));
        assert!(cn_is_provisional(2040));
        assert!(!cn_is_provisional(2041));
    }

    #[test]
    fn bad_rows_are_refused_with_their_line() {
        let head = "key,name_zh,name_en,first_day,days\n";
        for (row, why) in [
            ("new_year,元旦,New Year,13-01,1", "MM-DD"),
            ("new_year,元旦,New Year,lunar:nope,1", "no lunar moment"),
            ("new_year,元旦,New Year,01-01,0", "1 to 7"),
            ("nope,元旦,New Year,01-01,1", "not a built-in moment"),
        ] {
            let text: &'static str = Box::leak(format!("{head}{row}\n").into_boxed_str());
            let e = parse(text).unwrap_err();
            assert!(e.contains("line 2") && e.contains(why), "{e}");
        }
    }
}
