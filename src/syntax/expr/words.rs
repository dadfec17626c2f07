//! The words the grammar leaves open: weekdays, months, duration units,
//! periods (`Q1` to `Q4`, a month, `year`) and ordinals (`1st` to `5th`,
//! `last`). The grammar accepts any word in these slots; the tables here
//! decide which word is meant, and an unknown one is reported as "unknown
//! weekday `wedn`" with the closest spelling as a did-you-mean. A weekday
//! slot also takes the Chinese names (`周三`, `星期三`, `礼拜三`), and the unit
//! table has the Chinese units (`天`, `周`, `个工作日`), so `every 周三` and
//! `春节 - 7天` read too.

use chrono::Weekday;
use pest::iterators::Pair;

use crate::diagnostics::did_you_mean;
use crate::locale::Msg;
use crate::syntax::ast::{Period, Unit};
use crate::tr;

use super::grammar::Rule;
use super::{Res, err_help, loc_of};

pub const WEEKDAYS: &[(&str, Weekday)] = &[
    ("mon", Weekday::Mon),
    ("monday", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("tuesday", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("weds", Weekday::Wed),
    ("wednesday", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("thursday", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("friday", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("saturday", Weekday::Sat),
    ("sun", Weekday::Sun),
    ("sunday", Weekday::Sun),
];

pub const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("january", 1),
    ("feb", 2),
    ("february", 2),
    ("mar", 3),
    ("march", 3),
    ("apr", 4),
    ("april", 4),
    ("may", 5),
    ("jun", 6),
    ("june", 6),
    ("jul", 7),
    ("july", 7),
    ("aug", 8),
    ("august", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("oct", 10),
    ("october", 10),
    ("nov", 11),
    ("november", 11),
    ("dec", 12),
    ("december", 12),
];

pub(super) const UNITS: &[(&str, Unit)] = &[
    ("d", Unit::Days),
    ("day", Unit::Days),
    ("days", Unit::Days),
    ("w", Unit::Weeks),
    ("week", Unit::Weeks),
    ("weeks", Unit::Weeks),
    ("wd", Unit::Workdays),
    ("workday", Unit::Workdays),
    ("workdays", Unit::Workdays),
    ("h", Unit::Hours),
    ("hour", Unit::Hours),
    ("hours", Unit::Hours),
    ("hr", Unit::Hours),
    ("hrs", Unit::Hours),
    ("min", Unit::Minutes),
    ("mins", Unit::Minutes),
    ("minute", Unit::Minutes),
    ("minutes", Unit::Minutes),
    ("天", Unit::Days),
    ("日", Unit::Days),
    ("周", Unit::Weeks),
    ("个周", Unit::Weeks),
    ("星期", Unit::Weeks),
    ("个星期", Unit::Weeks),
    ("礼拜", Unit::Weeks),
    ("个礼拜", Unit::Weeks),
    ("工作日", Unit::Workdays),
    ("个工作日", Unit::Workdays),
    ("小时", Unit::Hours),
    ("个小时", Unit::Hours),
    ("分钟", Unit::Minutes),
];

/// The day a Chinese weekday name ends in: `一` Monday … `六` Saturday,
/// `日` or `天` Sunday.
pub(super) fn zh_weekday_char(c: char) -> Option<Weekday> {
    Some(match c {
        '一' => Weekday::Mon,
        '二' => Weekday::Tue,
        '三' => Weekday::Wed,
        '四' => Weekday::Thu,
        '五' => Weekday::Fri,
        '六' => Weekday::Sat,
        '日' | '天' => Weekday::Sun,
        _ => return None,
    })
}

/// `周三`, `星期三`, `礼拜三`, `周日`, `星期天`.
pub(super) fn zh_weekday(word: &str) -> Option<Weekday> {
    let day = ["周", "星期", "礼拜"]
        .iter()
        .find_map(|p| word.strip_prefix(p))?;
    let mut chars = day.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => zh_weekday_char(c),
        _ => None,
    }
}

/// The help line for a Chinese weekday that is not one (`周八`, `周末`).
pub(super) fn zh_weekday_help(word: &str) -> Msg {
    if word.ends_with('末') {
        tr!(
            "周末写成 `每周六、日`",
            "write `每周六、日` for the weekend"
        )
    } else {
        tr!(
            "星期几写作 `周一`、`周二`……`周日`（也可以写 `星期一` 或 `礼拜一`）",
            "weekdays are written `周一`, `周二`, … `周日` (or `星期一`, `礼拜一`)"
        )
    }
}

pub(super) fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    let w = word.to_lowercase();
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// The closest spelling in `table`, if it is close enough to be a typo:
/// a Chinese spelling for a word without Latin letters or digits, and only
/// for one of two characters or more (`天前` for `天`, but `万` is no typo
/// of `天`); an ASCII spelling otherwise (`week春s` for `weeks`).
pub(super) fn suggest<T>(table: &[(&'static str, T)], word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    let chars = w.chars().count();
    let limit = (chars / 3).max(1);
    let chinese = !w.chars().any(|c| c.is_ascii_alphanumeric());
    if chinese && chars < 2 {
        return None;
    }
    table
        .iter()
        .filter(|(k, _)| k.is_ascii() != chinese)
        .map(|(k, _)| (strsim::osa_distance(&w, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

pub(super) fn weekday(p: &Pair<'_, Rule>) -> Res<Weekday> {
    let w = p.as_str();
    lookup(WEEKDAYS, w)
        .or_else(|| zh_weekday(w))
        .ok_or_else(|| {
            let help = match suggest(WEEKDAYS, w) {
                Some(s) => did_you_mean(s),
                None if w == "周末" => {
                    tr!("周末写成 `sat,sun`", "write `sat,sun` for the weekend")
                }
                None if ["周", "星期", "礼拜"].iter().any(|p| w.starts_with(p)) => {
                    zh_weekday_help(w)
                }
                None if w.eq_ignore_ascii_case("weekend") => {
                    tr!("周末写成 `sat,sun`", "write `sat,sun` for the weekend")
                }
                None => tr!(
                    "星期几写作 `mon`、`tue`、`wed`、`thu`、`fri`、`sat` 和 `sun`",
                    "weekdays are `mon`, `tue`, `wed`, `thu`, `fri`, `sat` and `sun`"
                ),
            };
            err_help(
                loc_of(p),
                tr!("无法识别的星期几 `{w}`", "unknown weekday `{w}`"),
                help,
            )
        })
}

pub(super) fn month(p: &Pair<'_, Rule>) -> Res<u32> {
    let w = p.as_str();
    lookup(MONTHS, w).ok_or_else(|| {
        let help = match suggest(MONTHS, w) {
            Some(s) => did_you_mean(s),
            None => tr!(
                "月份写作 `jan`、`feb`、`mar`……`dec`（也可以写全称）",
                "months are `jan`, `feb`, `mar`, … `dec` (or spelled out)"
            ),
        };
        err_help(
            loc_of(p),
            tr!("无法识别的月份 `{w}`", "unknown month `{w}`"),
            help,
        )
    })
}

/// `Q1`..`Q4`, a month name, `year`.
pub(super) fn period_word(word: &str) -> Option<Period> {
    let w = word.to_lowercase();
    match w.as_str() {
        "q1" => Some(Period::Quarter(1)),
        "q2" => Some(Period::Quarter(2)),
        "q3" => Some(Period::Quarter(3)),
        "q4" => Some(Period::Quarter(4)),
        "year" => Some(Period::Year),
        _ => lookup(MONTHS, &w).map(Period::Month),
    }
}

pub(super) fn period(p: &Pair<'_, Rule>) -> Res<Period> {
    let w = p.as_str();
    period_word(w).ok_or_else(|| {
        let help = match suggest(MONTHS, w) {
            Some(s) => did_you_mean(s),
            None => tr!(
                "可以写季度（`Q1` 到 `Q4`）、月份（如 `mar`）或 `year`",
                "use a quarter (`Q1` to `Q4`), a month such as `mar`, or `year`"
            ),
        };
        err_help(
            loc_of(p),
            tr!("无法识别的时间段 `{w}`", "unknown period `{w}`"),
            help,
        )
    })
}

/// `1st`..`5th` or `last` (-1), for "the nth weekday of a month".
pub(super) fn nth(p: &Pair<'_, Rule>) -> Res<i8> {
    let t = p.as_str();
    if t.eq_ignore_ascii_case("last") {
        return Ok(-1);
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u8>() {
        Ok(n @ 1..=5) => Ok(n as i8),
        _ => Err(err_help(
            loc_of(p),
            tr!(
                "一个月里同一个星期几最多只有 5 个，没有 `{t}`",
                "a month has no `{t}` weekday"
            ),
            tr!(
                "用 `1st` 到 `5th`，或 `last`",
                "use `1st` to `5th`, or `last`"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::expr::parse_date;
    use crate::syntax::expr::tests::{error, loc};

    #[test]
    fn unknown_words_get_suggestions() {
        let e = error(parse_date("2nd wedn of may"));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(4, 8), "unknown weekday `wedn`")
        );
        assert_eq!(e.help.map(|h| h.en).as_deref(), Some("did you mean `wed`?"));
        let e = error(parse_date("last fri of novembr"));
        assert_eq!(
            e.help.map(|h| h.en).as_deref(),
            Some("did you mean `november`?")
        );
        let e = error(parse_date("end of Q5"));
        assert_eq!(e.message.en, "unknown period `Q5`");
        assert_eq!(e.message.zh, "无法识别的时间段 `Q5`");
        let e = error(parse_date("6th sun of may"));
        assert_eq!(e.loc, loc(0, 3));
    }
}
