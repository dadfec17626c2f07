//! Workday arithmetic on a plan's calendar. Lead times (`3wd`), review chains
//! and `every workday` all count working days, and in China a working day is
//! not simply Monday–Friday: official holidays take weekdays off and make-up
//! workdays (调休) put weekend days back to work. A [`WorkCalendar`] is the
//! plan's working week plus those special days (the built-in official ones
//! and the plan's own), and answers "the n-th workday after d" fast enough to
//! be asked for every item of a large plan.

use std::collections::BTreeMap;
use std::ops::Bound::{Excluded, Included, Unbounded};

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::moments::lunar_years;
use super::official::{DayKind, OfficialDay, cn_official_days};
use super::statutory::{Statutory, cn_is_provisional, cn_statutory};

/// The longest stretch without a workday that [`WorkCalendar::add_workdays`]
/// will cross: 10 years. A longer one means the calendar has no more workdays
/// in that direction (an empty working week and no make-up days).
const GAP_LIMIT_DAYS: i64 = 3653;

/// A duration as a plan counts it: calendar days, workdays or hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lead {
    Days(i64),
    Workdays(i64),
    Hours(i64),
}

/// `n` calendar days after `d` (before it for negative `n`); `None` outside
/// the dates chrono represents.
pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The last day of a month.
pub fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The working week: which weekdays are working days (default Mon–Fri).
/// A bitmask with Monday as bit 0 … Sunday as bit 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WorkWeek(u8);

impl WorkWeek {
    /// Monday to Friday.
    pub const fn mon_fri() -> Self {
        WorkWeek(0b001_1111)
    }

    /// From a bitmask (Monday = bit 0 … Sunday = bit 6); bit 7 is ignored.
    pub const fn from_bits(bits: u8) -> Self {
        WorkWeek(bits & 0b111_1111)
    }

    /// The bitmask (Monday = bit 0 … Sunday = bit 6).
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The week whose working days are `days` (duplicates are harmless).
    pub fn from_days(days: &[Weekday]) -> Self {
        WorkWeek(
            days.iter()
                .fold(0, |bits, d| bits | (1 << d.num_days_from_monday())),
        )
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.contains_index(day.num_days_from_monday())
    }

    /// The working days, Monday first.
    pub fn days(self) -> Vec<Weekday> {
        WEEKDAYS.into_iter().filter(|&d| self.contains(d)).collect()
    }

    /// How many days of the week are working days.
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// `i` = 0 for Monday … 6 for Sunday.
    const fn contains_index(self, i: u32) -> bool {
        (self.0 >> i) & 1 == 1
    }
}

impl Default for WorkWeek {
    fn default() -> Self {
        WorkWeek::mon_fri()
    }
}

/// A working week plus holidays and make-up workdays.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WorkCalendar {
    week: WorkWeek,
    /// Every holiday and make-up workday, by date.
    special: BTreeMap<NaiveDate, Special>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Special {
    /// A built-in official day.
    Official(&'static OfficialDay),
    /// A statutory holiday in a year whose official schedule is not built
    /// in (see `statutory.rs`).
    Provisional(&'static Statutory),
    /// A day the plan declares itself.
    Declared { kind: DayKind, name: String },
}

impl Special {
    fn kind(&self) -> DayKind {
        match self {
            Special::Official(day) => day.kind,
            Special::Provisional(_) => DayKind::Holiday,
            Special::Declared { kind, .. } => *kind,
        }
    }

    fn is_workday(&self) -> bool {
        self.kind() == DayKind::MakeupWorkday
    }

    fn name(&self) -> &str {
        match self {
            Special::Official(day) => day.name_zh,
            Special::Provisional(s) => s.name_zh,
            Special::Declared { name, .. } => name,
        }
    }
}

impl WorkCalendar {
    /// A calendar with only the working week: no holidays, no make-up days.
    pub fn new(week: WorkWeek) -> Self {
        WorkCalendar {
            week,
            special: BTreeMap::new(),
        }
    }

    /// Adds the built-in official holidays and make-up workdays
    /// ([`cn_official_days`]), and for each later year the lunar table
    /// knows, the statutory holidays as provisional days off
    /// ([`cn_statutory`]). Days the plan declared itself win over the
    /// built-in ones, whichever was added first.
    pub fn with_cn_official(mut self) -> Self {
        for day in cn_official_days() {
            self.add_builtin(day.date, Special::Official(day));
        }
        let years =
            (cn_official_days().last().map_or(0, |d| d.date.year()) + 1)..=*lunar_years().end();
        for year in years.filter(|&y| cn_is_provisional(y)) {
            for s in cn_statutory() {
                for d in s.dates(year).unwrap_or_default() {
                    self.add_builtin(d, Special::Provisional(s));
                }
            }
        }
        self
    }

    /// A built-in day, unless the plan declared that date.
    fn add_builtin(&mut self, date: NaiveDate, day: Special) {
        let entry = self.special.entry(date).or_insert_with(|| day.clone());
        if !matches!(entry, Special::Declared { .. }) {
            *entry = day;
        }
    }

    /// Declares a day off. A later declaration (holiday or make-up workday)
    /// on the same date replaces an earlier one.
    pub fn add_holiday(&mut self, date: NaiveDate, name: &str) {
        self.declare(date, DayKind::Holiday, name);
    }

    /// Declares a working day (typically a weekend day, 调休上班). A later
    /// declaration on the same date replaces an earlier one.
    pub fn add_makeup_workday(&mut self, date: NaiveDate, name: &str) {
        self.declare(date, DayKind::MakeupWorkday, name);
    }

    /// A declared day off on a provisional statutory holiday declares that
    /// festival: its other provisional days that year are dropped, since
    /// the plan now says which days the festival has off.
    fn declare(&mut self, date: NaiveDate, kind: DayKind, name: &str) {
        let name = name.to_owned();
        let replaced = self.special.insert(date, Special::Declared { kind, name });
        if let (Some(Special::Provisional(s)), DayKind::Holiday) = (replaced, kind) {
            self.special.retain(|d, day| {
                !(d.year() == date.year()
                    && matches!(day, Special::Provisional(o) if o.key == s.key))
            });
        }
    }

    /// The statutory holidays still provisional in `year` (not declared by
    /// the plan), each with its provisional days, in the order of the year.
    pub fn provisional(&self, year: i32) -> Vec<(&'static Statutory, Vec<NaiveDate>)> {
        let mut out: Vec<(&'static Statutory, Vec<NaiveDate>)> = Vec::new();
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        for (d, day) in self.special.range(start..=end) {
            let Special::Provisional(s) = day else {
                continue;
            };
            match out.iter_mut().find(|(o, _)| o.key == s.key) {
                Some((_, days)) => days.push(*d),
                None => out.push((s, vec![*d])),
            }
        }
        out
    }

    /// Whether `d` is a provisional statutory holiday, or any day of a year
    /// that still has one: its make-up workdays are not known yet.
    pub fn is_provisional(&self, d: NaiveDate) -> bool {
        !self.provisional(d.year()).is_empty()
    }

    /// A make-up workday is a workday, a holiday is not, and any other day is
    /// a workday when its weekday is in the working week.
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        match self.special.get(&d) {
            Some(s) => s.is_workday(),
            None => self.week.contains(d.weekday()),
        }
    }

    /// Whether `d` is an official or declared day off (ordinary weekends are
    /// not holidays).
    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        self.special
            .get(&d)
            .is_some_and(|s| s.kind() == DayKind::Holiday)
    }

    pub fn is_makeup_workday(&self, d: NaiveDate) -> bool {
        self.special.get(&d).is_some_and(Special::is_workday)
    }

    /// The name of the holiday or make-up workday on `d`: the Chinese name
    /// for a built-in official day (see [`WorkCalendar::official_day`] for
    /// the English one), the declared name for the plan's own.
    pub fn day_name(&self, d: NaiveDate) -> Option<&str> {
        self.special.get(&d).map(Special::name)
    }

    /// The built-in official day in effect on `d` (`None` when there is none
    /// or the plan declared that date itself).
    pub fn official_day(&self, d: NaiveDate) -> Option<&'static OfficialDay> {
        match self.special.get(&d) {
            Some(Special::Official(day)) => Some(day),
            _ => None,
        }
    }

    /// Every holiday and make-up workday in the calendar, by date.
    pub fn special_days(&self) -> impl Iterator<Item = (NaiveDate, DayKind, &str)> + '_ {
        self.special.iter().map(|(d, s)| (*d, s.kind(), s.name()))
    }

    pub fn week(&self) -> WorkWeek {
        self.week
    }

    /// `n` workdays after `d`: for n > 0 the n-th workday strictly after `d`,
    /// for n < 0 the |n|-th workday strictly before it, for 0 `d` itself.
    ///
    /// `None` when there is no such day: the walk would cross more than 10
    /// years without a workday (a calendar with no workdays in that
    /// direction), or leave the range of dates chrono represents.
    pub fn add_workdays(&self, d: NaiveDate, n: i64) -> Option<NaiveDate> {
        let k = n.unsigned_abs();
        match n {
            0 => Some(d),
            1.. => self.walk(d, k, 1, self.special.range((Excluded(d), Unbounded))),
            _ => self.walk(d, k, -1, self.special.range((Unbounded, Excluded(d))).rev()),
        }
    }

    /// The day a step with lead time `lead` must start to be done by `d`:
    /// `lead` back from `d`, then to the last workday on or before that day
    /// (a lead in calendar days that lands on a day off moves back, which
    /// may be long before across a holiday).
    pub fn lead_back(&self, d: NaiveDate, lead: Lead) -> Option<NaiveDate> {
        self.on_or_before_workday(self.step(d, lead, -1)?)
    }

    /// The day `lead` after `d`.
    pub fn lead_forward(&self, d: NaiveDate, lead: Lead) -> Option<NaiveDate> {
        self.step(d, lead, 1)
    }

    /// `lead` after `d` (`sign` 1) or before it (-1); hours count as
    /// started days.
    fn step(&self, d: NaiveDate, lead: Lead, sign: i64) -> Option<NaiveDate> {
        match lead {
            Lead::Days(n) => add_days(d, sign * n),
            Lead::Workdays(n) => self.add_workdays(d, sign * n),
            Lead::Hours(h) => self.add_workdays(d, sign * ((h + 23) / 24)),
        }
    }

    /// `d` when it is a workday, else the workday before it.
    pub fn on_or_before_workday(&self, d: NaiveDate) -> Option<NaiveDate> {
        if self.is_workday(d) {
            Some(d)
        } else {
            self.add_workdays(d, -1)
        }
    }

    /// The number of workdays in `(from, to]`; negative (minus the workdays in
    /// `(to, from]`) when `to` is before `from`.
    pub fn workdays_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.workdays_between(to, from);
        }
        if to == from {
            return 0;
        }
        let mut count = self.plain_count(day_number(from) + 1, day_number(to));
        for (date, s) in self.special.range((Excluded(from), Included(to))) {
            count += i64::from(s.is_workday()) - i64::from(self.week.contains(date.weekday()));
        }
        count
    }

    /// The `k`-th workday (k ≥ 1) from `start` in direction `dir` (±1),
    /// given the special days beyond `start` in walking order. Between two
    /// special days only the working week counts, so each such stretch is
    /// counted and skipped whole; the cost is one step per special day passed
    /// plus at most a week of single days.
    fn walk<'a>(
        &self,
        start: NaiveDate,
        k: u64,
        dir: i64,
        specials: impl Iterator<Item = (&'a NaiveDate, &'a Special)>,
    ) -> Option<NaiveDate> {
        let start = day_number(start);
        let mut cur = start; // every day from `start` (exclusive) to `cur` (inclusive) is counted
        let mut remaining = k;
        let mut last_work = start; // the last workday found, for the gap limit
        for (date, special) in specials {
            let s = day_number(*date);
            // Ordinary days strictly between `cur` and `s`.
            if (s - cur) * dir > 1 && !self.week.is_empty() {
                let (lo, hi) = if dir > 0 {
                    (cur + 1, s - 1)
                } else {
                    (s + 1, cur - 1)
                };
                let count = self.plain_count(lo, hi) as u64;
                if count > 0 {
                    let first = self.next_in_week(cur + dir, dir);
                    if (first - last_work) * dir > GAP_LIMIT_DAYS {
                        return None;
                    }
                    if count >= remaining {
                        return self.locate(first, remaining, dir);
                    }
                    remaining -= count;
                    last_work = self.next_in_week(s - dir, -dir);
                }
            }
            cur = s;
            // Checked at every special day, not only at workdays: a run of
            // days off centuries long is given up on after 10 years instead
            // of being walked to its end.
            if (s - last_work) * dir > GAP_LIMIT_DAYS {
                return None;
            }
            if special.is_workday() {
                remaining -= 1;
                if remaining == 0 {
                    return date_of(s);
                }
                last_work = s;
            }
        }
        // Beyond the last special day only the working week counts.
        if self.week.is_empty() {
            return None;
        }
        let first = self.next_in_week(cur + dir, dir);
        if (first - last_work) * dir > GAP_LIMIT_DAYS {
            return None;
        }
        self.locate(first, remaining, dir)
    }

    /// The `k`-th day (k ≥ 1) in the working week counting from `first`
    /// (itself in the working week) in direction `dir`, ignoring special
    /// days: whole weeks are skipped, then at most a week is stepped.
    fn locate(&self, first: i64, k: u64, dir: i64) -> Option<NaiveDate> {
        let per_week = u64::from(self.week.len());
        let weeks = (k - 1) / per_week;
        let mut left = k - weeks * per_week; // 1..=per_week
        let mut day = i64::try_from(weeks)
            .ok()
            .and_then(|w| w.checked_mul(7 * dir))
            .and_then(|offset| first.checked_add(offset))?;
        loop {
            if self.week.contains_index(weekday_index(day)) {
                left -= 1;
                if left == 0 {
                    return date_of(day);
                }
            }
            day += dir;
        }
    }

    /// The first day from `from` (inclusive) in direction `dir` whose weekday
    /// is in the working week. The week must not be empty.
    fn next_in_week(&self, from: i64, dir: i64) -> i64 {
        let mut day = from;
        while !self.week.contains_index(weekday_index(day)) {
            day += dir;
        }
        day
    }

    /// Days in `lo..=hi` (day numbers) whose weekday is in the working week.
    fn plain_count(&self, lo: i64, hi: i64) -> i64 {
        if hi < lo {
            return 0;
        }
        let len = hi - lo + 1;
        let partial = (lo..lo + len % 7)
            .filter(|&day| self.week.contains_index(weekday_index(day)))
            .count() as i64;
        len / 7 * i64::from(self.week.len()) + partial
    }
}

/// Days since the start of the common era (0001-01-01 is day 1, a Monday).
fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn date_of(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)
}

/// 0 for Monday … 6 for Sunday.
fn weekday_index(day: i64) -> u32 {
    (day - 1).rem_euclid(7) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cn() -> WorkCalendar {
        WorkCalendar::new(WorkWeek::mon_fri()).with_cn_official()
    }

    #[test]
    fn a_lead_in_days_that_lands_in_spring_festival_moves_to_the_make_up_saturday() {
        let cal = cn();
        // 3 days before 2026-02-24 is 02-21, inside the holiday (02-15..23);
        // the workday before it is the make-up Saturday 02-14.
        assert_eq!(
            cal.lead_back(ymd(2026, 2, 24), Lead::Days(3)),
            Some(ymd(2026, 2, 14))
        );
        // In workdays: 02-14 (make-up), 02-13, 02-12.
        assert_eq!(
            cal.lead_back(ymd(2026, 2, 24), Lead::Workdays(3)),
            Some(ymd(2026, 2, 12))
        );
        // 25 hours are two started days.
        assert_eq!(
            cal.lead_forward(ymd(2026, 2, 13), Lead::Hours(25)),
            Some(ymd(2026, 2, 24))
        );
        assert_eq!(
            cal.lead_forward(ymd(2026, 2, 13), Lead::Days(2)),
            Some(ymd(2026, 2, 15))
        );
        assert_eq!(month_end(2028, 2), Some(ymd(2028, 2, 29)));
        assert_eq!(add_days(NaiveDate::MIN, -1), None);
    }

    #[test]
    fn day_numbers_agree_with_chrono() {
        let mut d = ymd(2023, 12, 25);
        for _ in 0..30 {
            assert_eq!(
                weekday_index(day_number(d)),
                d.weekday().num_days_from_monday()
            );
            assert_eq!(date_of(day_number(d)), Some(d));
            d = d.succ_opt().unwrap();
        }
        assert_eq!(
            weekday_index(day_number(NaiveDate::MIN)),
            NaiveDate::MIN.weekday().num_days_from_monday()
        );
    }

    #[test]
    fn work_week() {
        use Weekday::*;
        let week = WorkWeek::mon_fri();
        assert_eq!(week, WorkWeek::default());
        assert_eq!(week.days(), [Mon, Tue, Wed, Thu, Fri]);
        assert!(week.contains(Fri) && !week.contains(Sat));
        assert_eq!(WorkWeek::from_days(&[Fri, Mon, Tue, Wed, Thu, Mon]), week);
        assert_eq!(WorkWeek::from_days(&[Sun]).bits(), 0b100_0000);
        assert_eq!(
            WorkWeek::from_bits(0xff),
            WorkWeek::from_days(&[Mon, Tue, Wed, Thu, Fri, Sat, Sun])
        );
        assert!(WorkWeek::from_days(&[]).is_empty());
        assert_eq!(WorkWeek::from_days(&[Tue, Sat]).len(), 2);
    }

    #[test]
    fn facts_2026() {
        let cal = cn();
        // Saturday, but a make-up workday for the Spring Festival.
        assert!(cal.is_workday(ymd(2026, 2, 14)));
        assert!(cal.is_makeup_workday(ymd(2026, 2, 14)));
        assert!(!cal.is_holiday(ymd(2026, 2, 14)));
        assert_eq!(cal.day_name(ymd(2026, 2, 14)), Some("春节"));
        assert!(cal.is_holiday(ymd(2026, 2, 16)));
        assert!(!cal.is_workday(ymd(2026, 2, 16)));
        // A Wednesday inside the holiday.
        assert!(!cal.is_workday(ymd(2026, 2, 18)));
        assert!(cal.is_workday(ymd(2026, 2, 24)));
        // An ordinary weekend is neither a workday nor a holiday.
        assert!(!cal.is_workday(ymd(2026, 3, 7)) && !cal.is_holiday(ymd(2026, 3, 7)));
        assert_eq!(cal.day_name(ymd(2026, 3, 7)), None);
        // Without the official days, 2026-02-18 is an ordinary Wednesday.
        let plain = WorkCalendar::new(WorkWeek::mon_fri());
        assert!(plain.is_workday(ymd(2026, 2, 18)) && !plain.is_workday(ymd(2026, 2, 14)));
        assert_eq!(
            cal.official_day(ymd(2026, 2, 16)).unwrap().name_en,
            "Spring Festival"
        );
        // Every official day, then the provisional days of later years.
        let (official, later): (Vec<_>, Vec<_>) = cal
            .special_days()
            .partition(|(d, _, _)| cal.official_day(*d).is_some());
        assert_eq!(official.len(), cn_official_days().len());
        assert!(later.iter().all(|(d, _, _)| cal.is_provisional(*d)));
        assert!(later.iter().all(|(d, _, _)| d.year() > 2026));
    }

    #[test]
    fn add_workdays_across_spring_festival_2026() {
        let cal = cn();
        // By hand from data/calendar/cn-holidays.csv: going back from Tue
        // 2026-02-24, the days 02-23 … 02-15 are the Spring Festival holiday,
        // 02-14 (Sat) is a make-up workday (1st), then Fri 02-13 (2nd) and
        // Thu 02-12 (3rd).
        assert_eq!(
            cal.add_workdays(ymd(2026, 2, 24), -3),
            Some(ymd(2026, 2, 12))
        );
        assert_eq!(
            cal.add_workdays(ymd(2026, 2, 24), -1),
            Some(ymd(2026, 2, 14))
        );
        // Forward: after Fri 02-13 come Sat 02-14 (make-up), then Tue 02-24.
        assert_eq!(
            cal.add_workdays(ymd(2026, 2, 13), 1),
            Some(ymd(2026, 2, 14))
        );
        assert_eq!(
            cal.add_workdays(ymd(2026, 2, 13), 2),
            Some(ymd(2026, 2, 24))
        );
        assert_eq!(
            cal.add_workdays(ymd(2026, 2, 18), 0),
            Some(ymd(2026, 2, 18))
        );
        assert_eq!(cal.workdays_between(ymd(2026, 2, 13), ymd(2026, 2, 24)), 2);
        assert_eq!(cal.workdays_between(ymd(2026, 2, 24), ymd(2026, 2, 13)), -2);
        assert_eq!(cal.workdays_between(ymd(2026, 2, 24), ymd(2026, 2, 24)), 0);
    }

    #[test]
    fn declared_days_override() {
        let mut cal = cn();
        // The plan gives the team 02-24 off too, and works 02-21.
        cal.add_holiday(ymd(2026, 2, 24), "团建");
        cal.add_makeup_workday(ymd(2026, 2, 21), "加班");
        assert!(!cal.is_workday(ymd(2026, 2, 24)));
        assert!(cal.is_workday(ymd(2026, 2, 21)));
        assert_eq!(cal.day_name(ymd(2026, 2, 21)), Some("加班"));
        assert_eq!(cal.official_day(ymd(2026, 2, 21)), None);
        assert_eq!(
            cal.add_workdays(ymd(2026, 2, 20), 2),
            Some(ymd(2026, 2, 25))
        );
        // A later declaration on the same date wins.
        cal.add_makeup_workday(ymd(2026, 2, 24), "补班");
        assert!(cal.is_workday(ymd(2026, 2, 24)));
        assert_eq!(cal.day_name(ymd(2026, 2, 24)), Some("补班"));
        // Declared days survive adding the official ones afterwards.
        let mut late = WorkCalendar::new(WorkWeek::mon_fri());
        late.add_makeup_workday(ymd(2026, 2, 16), "值班");
        let late = late.with_cn_official();
        assert!(late.is_workday(ymd(2026, 2, 16)));
        assert!(late.is_holiday(ymd(2026, 2, 17)));
    }

    #[test]
    fn no_workdays_means_none() {
        let empty = WorkCalendar::new(WorkWeek::from_bits(0));
        let d = ymd(2026, 3, 1);
        assert_eq!(empty.add_workdays(d, 1), None);
        assert_eq!(empty.add_workdays(d, -1), None);
        assert_eq!(empty.add_workdays(d, 0), Some(d));
        assert_eq!(empty.workdays_between(d, ymd(2030, 1, 1)), 0);
        // Only make-up days are workdays.
        let mut cal = empty.clone().with_cn_official();
        assert_eq!(cal.add_workdays(d, 1), Some(ymd(2026, 5, 9)));
        assert_eq!(cal.add_workdays(d, -1), Some(ymd(2026, 2, 28)));
        assert_eq!(cal.add_workdays(ymd(2026, 10, 10), 1), None);
        // Further than 10 years away counts as never.
        cal.add_makeup_workday(ymd(2046, 1, 6), "far");
        assert_eq!(cal.add_workdays(ymd(2026, 10, 10), 1), None);
        cal.add_makeup_workday(ymd(2035, 1, 6), "near");
        assert_eq!(
            cal.add_workdays(ymd(2026, 10, 10), 1),
            Some(ymd(2035, 1, 6))
        );
        // 2035-01-06 to 2046-01-06 is again more than 10 years.
        assert_eq!(cal.add_workdays(ymd(2026, 10, 10), 2), None);
        assert_eq!(cal.add_workdays(ymd(2046, 1, 6), -1), None);
        assert_eq!(
            cal.add_workdays(ymd(2035, 1, 6), -1),
            Some(ymd(2026, 10, 10))
        );
    }

    #[test]
    fn a_stretch_of_days_off_longer_than_ten_years_is_given_up_on() {
        // Found by fuzzing `check`: a holiday `off = "0035-12-24..2027-12-31"`
        // made every workday offset from inside it walk two thousand years
        // of special days, one by one (seconds per plan). Thirty years of
        // days off show the same: the answer is `None` after ten years.
        let mut cal = WorkCalendar::new(WorkWeek::mon_fri());
        let (from, to) = (ymd(1990, 1, 1), ymd(2019, 12, 31));
        for d in from.iter_days().take_while(|d| *d <= to) {
            cal.add_holiday(d, "long");
        }
        for (d, n) in [(ymd(2005, 6, 1), 1), (ymd(2005, 6, 1), -1)] {
            assert_eq!(cal.add_workdays(d, n), None);
            assert_eq!(naive_add(&cal, d, n), None);
        }
        // Less than ten years to the edge is crossed.
        for (d, n) in [(ymd(2015, 6, 1), 1), (ymd(1995, 6, 1), -3)] {
            let found = cal.add_workdays(d, n);
            assert!(found.is_some(), "{d} {n}");
            assert_eq!(found, naive_add(&cal, d, n), "{d} {n}");
        }
    }

    #[test]
    fn huge_offsets_do_not_panic() {
        let cal = cn();
        let d = ymd(2026, 1, 1);
        for n in [i64::MAX, i64::MIN, i64::MAX / 2, -(1 << 40), 1 << 33] {
            assert_eq!(cal.add_workdays(d, n), None, "{n}");
        }
        let far = cal.add_workdays(d, 1_000_000).unwrap();
        assert_eq!(cal.workdays_between(d, far), 1_000_000);
        let near_end = NaiveDate::MAX;
        assert_eq!(cal.add_workdays(near_end, 10), None);
        assert!(cal.add_workdays(near_end, -10).is_some());
        assert_eq!(cal.add_workdays(NaiveDate::MIN, -1), None);
    }

    /// The n-th workday by stepping one day at a time, with the same 10-year
    /// gap rule.
    fn naive_add(cal: &WorkCalendar, d: NaiveDate, n: i64) -> Option<NaiveDate> {
        let mut left = n.unsigned_abs();
        if left == 0 {
            return Some(d);
        }
        let mut cur = d;
        let mut since_work = 0;
        loop {
            cur = if n > 0 {
                cur.succ_opt()?
            } else {
                cur.pred_opt()?
            };
            since_work += 1;
            if since_work > GAP_LIMIT_DAYS {
                return None;
            }
            if cal.is_workday(cur) {
                left -= 1;
                if left == 0 {
                    return Some(cur);
                }
                since_work = 0;
            }
        }
    }

    fn naive_between(cal: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> i64 {
        let (lo, hi, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let count = lo
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= hi)
            .filter(|d| cal.is_workday(*d))
            .count();
        sign * count as i64
    }

    fn calendar(mask: u8, with_cn: bool, declared: &[(u32, bool)]) -> WorkCalendar {
        let mut cal = WorkCalendar::new(WorkWeek::from_bits(mask));
        if with_cn {
            cal = cal.with_cn_official();
        }
        let base = ymd(2024, 1, 1);
        for &(offset, work) in declared {
            let d = base + chrono::Days::new(u64::from(offset));
            if work {
                cal.add_makeup_workday(d, "w");
            } else {
                cal.add_holiday(d, "h");
            }
        }
        cal
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn add_workdays_matches_day_by_day(
            offset in 0u32..1461,
            n in -400i64..400,
            mask in 0u8..128,
            with_cn: bool,
            declared in proptest::collection::vec((0u32..1461, any::<bool>()), 0..12),
            other in 0u32..1461,
        ) {
            let cal = calendar(mask, with_cn, &declared);
            let d = ymd(2024, 1, 1) + chrono::Days::new(u64::from(offset));
            prop_assert_eq!(cal.add_workdays(d, n), naive_add(&cal, d, n));
            let to = ymd(2024, 1, 1) + chrono::Days::new(u64::from(other));
            prop_assert_eq!(cal.workdays_between(d, to), naive_between(&cal, d, to));
            // The two agree: counting back from the result gives n again.
            if let Some(e) = cal.add_workdays(d, n) {
                let expected = match n {
                    1.. => n,
                    0 => 0,
                    _ => n + 1 - i64::from(cal.is_workday(d)),
                };
                prop_assert_eq!(cal.workdays_between(d, e), expected);
            }
        }
    }
}
