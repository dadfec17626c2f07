//! The built-in marketing moments — festivals, commercial days such as 618
//! and 双11, and sensitive dates — and how to date them in a given year. Plans
//! anchor campaigns to moments by name (`spring_festival-14d`, `母亲节`), so
//! the names, rules and the lunar festival table live here as data
//! (`data/calendar/moments.csv`, `data/calendar/lunar-festivals.csv`) rather
//! than in code scattered across the resolver. Besides its key and Chinese
//! name, a moment is found by the short forms people write (`中秋`, `双十一`,
//! `六一八`, `三八`), listed in [`ALIASES`].

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};

use super::table;

const MOMENTS_CSV: &str = include_str!("../../data/calendar/moments.csv");
const LUNAR_CSV: &str = include_str!("../../data/calendar/lunar-festivals.csv");

/// What kind of day a moment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MomentKind {
    /// A public, traditional or lunar festival (春节, 国庆节, 母亲节).
    Festival,
    /// A commercial moment (618, 双11, 开学季).
    Marketing,
    /// A risk or memorial date on which promotions are inappropriate
    /// (消费者权益日, 国家公祭日).
    Sensitive,
}

impl MomentKind {
    /// The data-file spelling: `festival`, `marketing` or `sensitive`.
    pub fn as_str(self) -> &'static str {
        match self {
            MomentKind::Festival => "festival",
            MomentKind::Marketing => "marketing",
            MomentKind::Sensitive => "sensitive",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "festival" => MomentKind::Festival,
            "marketing" => MomentKind::Marketing,
            "sensitive" => MomentKind::Sensitive,
            _ => return None,
        })
    }
}

/// How a moment's date is found in a given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MomentRule {
    /// The same Gregorian month and day every year.
    Fixed { month: u32, day: u32 },
    /// The `n`-th `weekday` of `month`: `n` = 1..=5, or -1 for the last
    /// (-2 the second to last, …).
    NthWeekday { n: i8, weekday: Weekday, month: u32 },
    /// Looked up in the lunar festival table (see [`lunar_years`]).
    Lunar,
}

/// One built-in moment, as listed in `data/calendar/moments.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BuiltinMoment {
    /// ASCII snake_case identifier used in plans (`spring_festival`).
    pub key: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub rule: MomentRule,
    pub kind: MomentKind,
}

/// Common short and full forms of the moments' Chinese names, each read
/// as the moment it names: (alias, key). The names themselves are in
/// `moments.csv`; a test holds every key here to a row there and every
/// alias clear of the keys, the names and the other aliases. `十一` is left
/// out: it is 国庆 to some and one `双` short of 双十一 to others.
const ALIASES: &[(&str, &str)] = &[
    ("元旦节", "new_year"),
    ("除夕夜", "new_years_eve"),
    ("大年三十", "new_years_eve"),
    ("年三十", "new_years_eve"),
    ("元宵", "lantern"),
    ("三八", "womens_day"),
    ("三八节", "womens_day"),
    ("三八妇女节", "womens_day"),
    ("女神节", "womens_day"),
    ("315", "consumer_rights_day"),
    ("三一五", "consumer_rights_day"),
    ("清明节", "qingming"),
    ("五一", "labour_day"),
    ("五一劳动节", "labour_day"),
    ("五二零", "day_520"),
    ("六一", "childrens_day"),
    ("六一儿童节", "childrens_day"),
    ("端午", "dragon_boat"),
    ("六一八", "sale_618"),
    ("七七事变", "july_7th"),
    ("七夕节", "qixi"),
    ("开学", "back_to_school"),
    ("九一八", "sept_18th"),
    ("九一八事变", "sept_18th"),
    ("中秋", "mid_autumn"),
    ("国庆", "national_day"),
    ("重阳", "double_ninth"),
    ("双十一", "double_11"),
    ("双十二", "double_12"),
    ("公祭日", "memorial_day"),
    ("圣诞", "christmas"),
];

impl BuiltinMoment {
    /// The other Chinese forms the moment is found by (`中秋` for
    /// 中秋节), beside its key and `name_zh`.
    pub fn aliases(&self) -> impl Iterator<Item = &'static str> + use<> {
        let key = self.key;
        ALIASES
            .iter()
            .filter(move |(_, k)| *k == key)
            .map(|(alias, _)| *alias)
    }
}

/// Every built-in moment, sorted by key.
pub fn builtin_moments() -> &'static [BuiltinMoment] {
    static MOMENTS: OnceLock<Vec<BuiltinMoment>> = OnceLock::new();
    MOMENTS.get_or_init(|| {
        parse_moments(MOMENTS_CSV).unwrap_or_else(|e| panic!("data/calendar/moments.csv: {e}"))
    })
}

/// Finds a built-in moment by key (ASCII case-insensitive: `spring_festival`,
/// `Double_11`), by its Chinese name (`春节`, `母亲节`, `双11`, `618`) or by
/// one of its [`ALIASES`] (`中秋`, `双十一`, `六一八`). Surrounding whitespace
/// is ignored.
pub fn find_moment(name: &str) -> Option<&'static BuiltinMoment> {
    let name = name.trim();
    let moments = builtin_moments();
    moments
        .iter()
        .find(|m| m.key.eq_ignore_ascii_case(name))
        .or_else(|| {
            moments
                .iter()
                .find(|m| m.name_zh.eq_ignore_ascii_case(name))
        })
        .or_else(|| {
            let (_, key) = ALIASES.iter().find(|(alias, _)| *alias == name)?;
            moments.iter().find(|m| m.key == *key)
        })
}

/// The moment's date in `year`: `None` for a lunar moment outside
/// [`lunar_years`], or a fixed date that does not exist that year.
pub fn moment_date(m: &BuiltinMoment, year: i32) -> Option<NaiveDate> {
    match m.rule {
        MomentRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
        MomentRule::NthWeekday { n, weekday, month } => {
            nth_weekday_of_month(year, month, n, weekday)
        }
        MomentRule::Lunar => lunar_table().dates.get(&(m.key, year)).copied(),
    }
}

/// The years the lunar festival table covers (2020..=2040).
pub fn lunar_years() -> RangeInclusive<i32> {
    lunar_table().years.clone()
}

/// The `n`-th `weekday` of `month` in `year`. `n` = 1..=5 counts from the
/// start of the month, -1..=-5 from the end (-1 = last). `None` for any other
/// `n`, an invalid month, or when the month has no such day (no 5th Monday).
pub fn nth_weekday_of_month(year: i32, month: u32, n: i8, weekday: Weekday) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let target = weekday.num_days_from_monday();
    match n {
        1..=5 => {
            let offset = (target + 7 - first.weekday().num_days_from_monday()) % 7;
            let day = 1 + offset + 7 * (n as u32 - 1);
            NaiveDate::from_ymd_opt(year, month, day)
        }
        -5..=-1 => {
            let last = match month {
                12 => NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?,
                _ => NaiveDate::from_ymd_opt(year, month + 1, 1)?,
            }
            .pred_opt()?;
            let back = (last.weekday().num_days_from_monday() + 7 - target) % 7;
            let day = i64::from(last.day()) - i64::from(back) - 7 * (-i64::from(n) - 1);
            if day < 1 {
                return None;
            }
            NaiveDate::from_ymd_opt(year, month, day as u32)
        }
        _ => None,
    }
}

struct LunarTable {
    dates: BTreeMap<(&'static str, i32), NaiveDate>,
    years: RangeInclusive<i32>,
}

fn lunar_table() -> &'static LunarTable {
    static TABLE: OnceLock<LunarTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        parse_lunar(LUNAR_CSV).unwrap_or_else(|e| panic!("data/calendar/lunar-festivals.csv: {e}"))
    })
}

fn parse_moments(text: &'static str) -> Result<Vec<BuiltinMoment>, String> {
    let mut out: Vec<BuiltinMoment> = Vec::new();
    for row in table::rows(text, &["key", "name_zh", "name_en", "rule", "kind"])? {
        let line = row.line;
        let [key, name_zh, name_en, rule, kind] = row.fields[..] else {
            unreachable!("table::rows checked the field count")
        };
        if !table::is_snake_case(key) {
            return Err(format!("line {line}: key `{key}` is not ASCII snake_case"));
        }
        let rule = parse_rule(line, rule)?;
        let kind = MomentKind::parse(kind).ok_or_else(|| {
            format!("line {line}: kind `{kind}` is not festival, marketing or sensitive")
        })?;
        let clash = out.iter().find(|m| {
            m.key == key
                || m.name_zh.eq_ignore_ascii_case(name_zh)
                || m.key.eq_ignore_ascii_case(name_zh)
                || m.name_zh.eq_ignore_ascii_case(key)
        });
        if let Some(m) = clash {
            return Err(format!(
                "line {line}: `{key}`/`{name_zh}` clashes with `{}`",
                m.key
            ));
        }
        out.push(BuiltinMoment {
            key,
            name_zh,
            name_en,
            rule,
            kind,
        });
    }
    out.sort_by_key(|m| m.key);
    Ok(out)
}

/// `fixed:MM-DD`, `nth:N:WD:MM` or `lunar`.
fn parse_rule(line: usize, s: &str) -> Result<MomentRule, String> {
    let bad = || format!("line {line}: rule `{s}` is not fixed:MM-DD, nth:N:WD:MM or lunar");
    let month = |text: &str| {
        let m = text.parse::<u32>().ok().filter(|m| (1..=12).contains(m));
        m.filter(|_| text.len() == 2).ok_or_else(bad)
    };
    let parts: Vec<&str> = s.split(':').collect();
    match parts[..] {
        ["lunar"] => Ok(MomentRule::Lunar),
        ["fixed", md] => {
            let (m, d) = md.split_once('-').ok_or_else(bad)?;
            let month = month(m)?;
            let day = d
                .parse::<u32>()
                .ok()
                .filter(|_| d.len() == 2)
                .ok_or_else(bad)?;
            // 2000 is a leap year, so 02-29 is accepted (and dated only in leap years).
            NaiveDate::from_ymd_opt(2000, month, day).ok_or_else(bad)?;
            Ok(MomentRule::Fixed { month, day })
        }
        ["nth", n, wd, m] => {
            let n = n
                .parse::<i8>()
                .ok()
                .filter(|n| (1..=5).contains(n) || (-5..=-1).contains(n))
                .ok_or_else(bad)?;
            Ok(MomentRule::NthWeekday {
                n,
                weekday: table::weekday(line, wd)?,
                month: month(m)?,
            })
        }
        _ => Err(bad()),
    }
}

fn parse_lunar(text: &'static str) -> Result<LunarTable, String> {
    let mut dates = BTreeMap::new();
    for row in table::rows(text, &["year", "key", "date"])? {
        let line = row.line;
        let [year, key, date] = row.fields[..] else {
            unreachable!("table::rows checked the field count")
        };
        let year: i32 = year
            .parse()
            .map_err(|_| format!("line {line}: `{year}` is not a year"))?;
        if !table::is_snake_case(key) {
            return Err(format!("line {line}: key `{key}` is not ASCII snake_case"));
        }
        let date = table::date(line, date)?;
        if date.year() != year {
            return Err(format!("line {line}: {date} is not in {year}"));
        }
        if dates.insert((key, year), date).is_some() {
            return Err(format!("line {line}: `{key}` already has a date in {year}"));
        }
    }
    let first = dates.keys().map(|&(_, y)| y).min().ok_or("no rows")?;
    let last = dates.keys().map(|&(_, y)| y).max().ok_or("no rows")?;
    Ok(LunarTable {
        dates,
        years: first..=last,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn moment(name: &str) -> &'static BuiltinMoment {
        find_moment(name).unwrap_or_else(|| panic!("no moment {name}"))
    }

    #[test]
    fn every_moment_row_parses() {
        let parsed = parse_moments(MOMENTS_CSV).unwrap();
        let data_lines = MOMENTS_CSV.lines().skip(1).filter(|l| !l.trim().is_empty());
        assert_eq!(parsed.len(), data_lines.count());
        assert_eq!(parsed.len(), 29);
        assert_eq!(builtin_moments(), &parsed[..]);
    }

    #[test]
    fn every_lunar_row_parses_and_the_table_is_complete() {
        let table = parse_lunar(LUNAR_CSV).unwrap();
        let data_lines = LUNAR_CSV.lines().skip(1).filter(|l| !l.trim().is_empty());
        assert_eq!(table.dates.len(), data_lines.count());
        assert_eq!(table.years, 2020..=2040);
        assert_eq!(lunar_years(), 2020..=2040);
        // The table's keys are exactly the lunar moments, each with every year.
        let table_keys: BTreeSet<&str> = table.dates.keys().map(|&(k, _)| k).collect();
        let lunar_keys: BTreeSet<&str> = builtin_moments()
            .iter()
            .filter(|m| m.rule == MomentRule::Lunar)
            .map(|m| m.key)
            .collect();
        assert_eq!(table_keys, lunar_keys);
        assert_eq!(lunar_keys.len(), 8);
        for key in &lunar_keys {
            for year in lunar_years() {
                assert!(table.dates.contains_key(&(*key, year)), "{key} {year}");
            }
        }
        // 除夕 is the day before 春节; 元宵节 is the 15th day of the first month.
        for year in lunar_years() {
            let sf = table.dates[&("spring_festival", year)];
            assert_eq!(
                table.dates[&("new_years_eve", year)],
                sf.pred_opt().unwrap()
            );
            assert_eq!(table.dates[&("lantern", year)], sf + chrono::Days::new(14));
        }
    }

    #[test]
    fn moments_are_sorted_by_key_and_named() {
        let keys: Vec<&str> = builtin_moments().iter().map(|m| m.key).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(keys, sorted);
        for m in builtin_moments() {
            assert!(!m.name_zh.is_empty() && !m.name_en.is_empty(), "{}", m.key);
        }
    }

    #[test]
    fn kinds_follow_the_brief() {
        let sensitive: Vec<&str> = builtin_moments()
            .iter()
            .filter(|m| m.kind == MomentKind::Sensitive)
            .map(|m| m.key)
            .collect();
        assert_eq!(
            sensitive,
            [
                "consumer_rights_day",
                "july_7th",
                "memorial_day",
                "sept_18th",
                "victory_day",
                "wenchuan_memorial"
            ]
        );
        for key in [
            "sale_618",
            "double_11",
            "double_12",
            "day_520",
            "back_to_school",
        ] {
            assert_eq!(moment(key).kind, MomentKind::Marketing, "{key}");
        }
        assert_eq!(moment("spring_festival").kind, MomentKind::Festival);
    }

    #[test]
    fn find_by_key_or_chinese_name() {
        assert_eq!(moment("春节").key, "spring_festival");
        assert_eq!(moment("母亲节").key, "mothers_day");
        assert_eq!(moment("双11").key, "double_11");
        assert_eq!(moment("618").key, "sale_618");
        assert_eq!(moment("520").key, "day_520");
        assert_eq!(moment("Spring_Festival").key, "spring_festival");
        assert_eq!(moment("DOUBLE_11").key, "double_11");
        assert_eq!(moment(" qixi ").key, "qixi");
        assert_eq!(moment("国家公祭日").kind, MomentKind::Sensitive);
        assert!(find_moment("spring festival").is_none());
        assert!(find_moment("").is_none());
        assert!(find_moment("双十").is_none());
    }

    #[test]
    fn find_by_a_short_form() {
        for (alias, key) in [
            ("中秋", "mid_autumn"),
            ("端午", "dragon_boat"),
            ("双十一", "double_11"),
            ("双十二", "double_12"),
            ("六一八", "sale_618"),
            ("三八", "womens_day"),
            ("315", "consumer_rights_day"),
            ("国庆", "national_day"),
            (" 元宵 ", "lantern"),
        ] {
            assert_eq!(moment(alias).key, key, "{alias}");
        }
        assert_eq!(moment("中秋").aliases().collect::<Vec<_>>(), ["中秋"]);
        assert_eq!(
            moment("womens_day").aliases().collect::<Vec<_>>(),
            ["三八", "三八节", "三八妇女节", "女神节"]
        );
        assert!(find_moment("十一").is_none());
    }

    #[test]
    fn aliases_name_one_moment_each() {
        let moments = builtin_moments();
        let mut seen: BTreeSet<&str> = moments.iter().flat_map(|m| [m.key, m.name_zh]).collect();
        for (alias, key) in ALIASES {
            assert!(
                moments.iter().any(|m| m.key == *key),
                "{alias}: no moment `{key}`"
            );
            assert!(
                seen.insert(alias),
                "`{alias}` is already a key, a name or an alias"
            );
            assert!(!alias.is_empty() && alias.trim() == *alias, "{alias:?}");
        }
        // The short forms of every festival people shorten.
        for key in [
            "mid_autumn",
            "dragon_boat",
            "lantern",
            "double_ninth",
            "national_day",
        ] {
            assert!(moment(key).aliases().next().is_some(), "{key}");
        }
    }

    #[test]
    fn fixed_and_weekday_rules() {
        assert_eq!(
            moment("mothers_day").rule,
            MomentRule::NthWeekday {
                n: 2,
                weekday: Weekday::Sun,
                month: 5
            }
        );
        assert_eq!(
            moment_date(moment("mothers_day"), 2026),
            Some(ymd(2026, 5, 10))
        );
        assert_eq!(
            moment_date(moment("fathers_day"), 2026),
            Some(ymd(2026, 6, 21))
        );
        assert_eq!(
            moment_date(moment("mothers_day"), 2025),
            Some(ymd(2025, 5, 11))
        );
        assert_eq!(
            moment_date(moment("fathers_day"), 2025),
            Some(ymd(2025, 6, 15))
        );
        assert_eq!(
            moment_date(moment("double_11"), 2031),
            Some(ymd(2031, 11, 11))
        );
        assert_eq!(
            moment_date(moment("memorial_day"), 2026),
            Some(ymd(2026, 12, 13))
        );
        // Fixed and weekday rules work for any year, lunar ones only in the table.
        assert_eq!(moment_date(moment("new_year"), 1999), Some(ymd(1999, 1, 1)));
        for m in builtin_moments() {
            for year in lunar_years() {
                let d = moment_date(m, year).unwrap_or_else(|| panic!("{} {year}", m.key));
                assert_eq!(d.year(), year);
            }
        }
    }

    #[test]
    fn lunar_moments_come_from_the_table() {
        assert_eq!(
            moment_date(moment("spring_festival"), 2027),
            Some(ymd(2027, 2, 6))
        );
        assert_eq!(
            moment_date(moment("spring_festival"), 2026),
            Some(ymd(2026, 2, 17))
        );
        assert_eq!(moment_date(moment("除夕"), 2026), Some(ymd(2026, 2, 16)));
        assert_eq!(
            moment_date(moment("mid_autumn"), 2025),
            Some(ymd(2025, 10, 6))
        );
        assert_eq!(moment_date(moment("qingming"), 2026), Some(ymd(2026, 4, 5)));
        assert_eq!(moment_date(moment("spring_festival"), 2019), None);
        assert_eq!(moment_date(moment("spring_festival"), 2041), None);
    }

    #[test]
    fn nth_weekday() {
        use Weekday::*;
        // February 2026 starts on a Sunday: Mondays are 2, 9, 16, 23.
        assert_eq!(nth_weekday_of_month(2026, 2, 1, Mon), Some(ymd(2026, 2, 2)));
        assert_eq!(
            nth_weekday_of_month(2026, 2, 4, Mon),
            Some(ymd(2026, 2, 23))
        );
        assert_eq!(nth_weekday_of_month(2026, 2, 5, Mon), None);
        assert_eq!(
            nth_weekday_of_month(2026, 2, -1, Mon),
            Some(ymd(2026, 2, 23))
        );
        assert_eq!(
            nth_weekday_of_month(2026, 2, -4, Mon),
            Some(ymd(2026, 2, 2))
        );
        assert_eq!(nth_weekday_of_month(2026, 2, -5, Mon), None);
        assert_eq!(nth_weekday_of_month(2026, 2, 1, Sun), Some(ymd(2026, 2, 1)));
        assert_eq!(
            nth_weekday_of_month(2026, 2, -1, Sat),
            Some(ymd(2026, 2, 28))
        );
        assert_eq!(
            nth_weekday_of_month(2026, 5, -1, Sun),
            Some(ymd(2026, 5, 31))
        );
        assert_eq!(
            nth_weekday_of_month(2026, 12, -1, Thu),
            Some(ymd(2026, 12, 31))
        );
        assert_eq!(
            nth_weekday_of_month(2026, 8, 5, Mon),
            Some(ymd(2026, 8, 31))
        );
        assert_eq!(nth_weekday_of_month(2026, 13, 1, Mon), None);
        assert_eq!(nth_weekday_of_month(2026, 5, 0, Mon), None);
        assert_eq!(nth_weekday_of_month(2026, 5, 6, Mon), None);
        assert_eq!(nth_weekday_of_month(2026, 5, -6, Mon), None);
        // Against a scan of every month of a few years.
        for year in 2023..=2029 {
            for month in 1..=12 {
                for wd in [Mon, Tue, Wed, Thu, Fri, Sat, Sun] {
                    let days: Vec<NaiveDate> = (1..=31)
                        .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
                        .filter(|d| d.weekday() == wd)
                        .collect();
                    for n in 1..=5i8 {
                        assert_eq!(
                            nth_weekday_of_month(year, month, n, wd),
                            days.get(n as usize - 1).copied()
                        );
                        assert_eq!(
                            nth_weekday_of_month(year, month, -n, wd),
                            days.len().checked_sub(n as usize).map(|i| days[i])
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn bad_rules_are_rejected() {
        for bad in [
            "fixed:13-01",
            "fixed:02-30",
            "fixed:0101",
            "fixed:1-01",
            "fixed:01-1",
            "nth:0:sun:05",
            "nth:6:sun:05",
            "nth:2:sunday:05",
            "nth:2:sun",
            "Lunar",
            "",
        ] {
            assert!(parse_rule(1, bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_rule(1, "fixed:02-29").unwrap(),
            MomentRule::Fixed { month: 2, day: 29 }
        );
        assert_eq!(
            parse_rule(1, "nth:-1:mon:05").unwrap(),
            MomentRule::NthWeekday {
                n: -1,
                weekday: Weekday::Mon,
                month: 5
            }
        );
    }

    #[test]
    fn bad_moment_rows_are_rejected() {
        let header = "key,name_zh,name_en,rule,kind\n";
        for bad in [
            "NewYear,元旦,New Year,fixed:01-01,festival\n",
            "new_year,元旦,New Year,fixed:01-01,holiday\n",
            "new_year,元旦,New Year,fixed:01-01,festival\nnew_year,元旦2,x,lunar,festival\n",
            "a,甲,x,lunar,festival\nb,甲,y,lunar,festival\n",
            "a,b,x,lunar,festival\nb,c,y,lunar,festival\n",
        ] {
            let text: &'static str = format!("{header}{bad}").leak();
            assert!(parse_moments(text).is_err(), "{bad}");
        }
    }
}
