//! The Chinese forms against their English twins: each parses to the same
//! syntax tree (locations aside) and, on a plan's calendar, to the same
//! days; the built-in moments' Chinese names and short forms read as
//! names; the bad inputs get a located error in both languages; and a plan
//! whose `locale` is English may use the Chinese forms all the same.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::calendar::{builtin_moments, find_moment};
use crate::syntax::ast::{DateBase, Unit};

use super::errors::tests::assert_chinese;
use super::tests::{error, loc, offsets};
use super::*;

/// A syntax tree's debug text with every location taken out: the twins
/// are written differently, so only their locations may differ.
fn shape(tree: impl std::fmt::Debug) -> String {
    let text = format!("{tree:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("Loc { start: ") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find('}').map_or(rest.len(), |e| e + 1);
        out.push_str("Loc");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn same<T: std::fmt::Debug>(parse: fn(&str) -> Result<T, ExprError>, zh: &str, en: &str) {
    let z = parse(zh).unwrap_or_else(|e| panic!("`{zh}`: {e:?}"));
    let e = parse(en).unwrap_or_else(|e| panic!("`{en}`: {e:?}"));
    assert_eq!(shape(&z), shape(&e), "`{zh}` is not `{en}`");
}

const DATES: &[(&str, &str)] = &[
    ("春节前7天", "春节 - 7d"),
    ("春节前七天", "春节 - 7d"),
    ("春节 前 7 天", "春节-7d"),
    ("春节后3个工作日", "春节 + 3wd"),
    ("春节后三个工作日", "春节 + 3wd"),
    ("春节后3工作日", "春节 + 3wd"),
    ("spring_festival前7天", "spring_festival - 7d"),
    ("上线前3个工作日", "上线 - 3wd"),
    ("launch前3个工作日", "launch - 3wd"),
    ("春节前两周", "春节 - 2w"),
    ("春节前1个星期", "春节 - 1w"),
    ("春节前2个礼拜", "春节 - 2 weeks"),
    ("春节前十五天", "春节 - 15d"),
    ("春节前一百天", "春节 - 100d"),
    ("春节前7日", "春节 - 7 days"),
    ("春节前3小时", "春节 - 3h"),
    ("双十一前3天后1天", "双十一 - 3d + 1d"),
    ("春节前7天 + 1wd", "春节 - 7d + 1wd"),
    ("春节 - 7天", "春节 - 7d"),
    ("春节 - 七天", "春节 - 7d"),
    ("summer.start前3天", "summer.start - 3d"),
    ("brief后2个工作日", "brief + 2wd"),
    ("3月8日", "03-08"),
    ("3月8号", "03-08"),
    ("03月08日", "03-08"),
    ("12月31日", "12-31"),
    ("三月八日", "03-08"),
    ("十二月三十一日", "12-31"),
    ("2027年3月8日", "2027-03-08"),
    ("3月8日前3天", "03-08 - 3d"),
    ("2027-03-08前3天", "2027-03-08 - 3d"),
    ("03-08后1天", "03-08 + 1d"),
    ("5月第二个周日", "2nd sun of may"),
    ("5月的第2个星期天", "2nd sun of may"),
    ("9月第一个礼拜一", "1st mon of sep"),
    ("11月最后一个周五", "last fri of nov"),
    ("3月底", "end of mar"),
    ("3月末", "end of mar"),
    ("三月初", "start of mar"),
    ("三季度末", "end of Q3"),
    ("第一季度初", "start of Q1"),
    ("年初", "start of year"),
    ("年底", "end of year"),
    ("全年末", "end of year"),
    ("3月底前3天", "end of mar - 3d"),
    ("2nd 周日 of may", "2nd sun of may"),
    ("618", "618"),
    ("618前7天", "618 - 7d"),
    ("三月三", "三月三"),
    ("两会前3天", "两会 - 3d"),
];

const RANGES: &[(&str, &str)] = &[
    ("7月", "jul"),
    ("七月", "jul"),
    ("12月", "dec"),
    ("7月..8月", "jul..aug"),
    ("7月至8月", "jul..aug"),
    ("七月到八月", "jul..aug"),
    ("7月 至 8月", "jul .. aug"),
    ("jul 至 8月", "jul..aug"),
    ("三季度", "Q3"),
    ("第三季度", "Q3"),
    ("3季度", "Q3"),
    ("第3季度", "Q3"),
    ("全年", "year"),
    ("一季度..二季度", "Q1..Q2"),
    ("一季度至二季度", "Q1..Q2"),
    ("春节前21天..后15天", "春节-21d..+15d"),
    ("春节前21天至后15天", "春节-21d..+15d"),
    ("3月8日..3月10日", "03-08..03-10"),
    ("3月8日至3月10日", "03-08..03-10"),
    ("2027-01-20 至 2027-02-28", "2027-01-20..2027-02-28"),
    ("2027-01-20至2027-02-28", "2027-01-20..2027-02-28"),
    ("春节 至 元宵节", "春节..元宵节"),
    ("7月..2027-08-15", "jul..2027-08-15"),
];

const RECURRENCES: &[(&str, &str)] = &[
    ("每周三", "every wed"),
    ("每个周三", "every wed"),
    ("每星期三", "every wed"),
    ("每礼拜三", "every wed"),
    ("每周日", "every sun"),
    ("每周天", "every sun"),
    ("每周六、日", "every sat, sun"),
    ("每周六、周日", "every sat,sun"),
    ("每周六日", "every sat and sun"),
    ("每周一、三、五", "every mon,wed,fri"),
    ("每周一三五", "every mon, wed, fri"),
    ("每周一和周四", "every mon and thu"),
    ("每周二, 四", "every tue, thu"),
    ("工作日", "every workday"),
    ("每个工作日", "every workday"),
    ("每工作日", "every workday"),
    ("每两周的周一", "every 2 weeks on mon"),
    ("每2周周一、周四", "every 2 weeks on mon,thu"),
    ("每两个星期的周二", "every 2 weeks on tue"),
    ("隔周周一", "every 2 weeks on mon"),
    ("隔周的周五", "every 2 weeks on fri"),
    ("每天", "every day"),
    ("每日", "daily"),
    ("每3天", "every 3 days"),
    ("每三天", "every 3 days"),
    ("每月15日", "monthly on 15th"),
    ("每个月1号", "monthly on 1st"),
    ("每月第一个周一", "monthly on 1st mon"),
    ("每月最后一个周五", "monthly on last fri"),
    ("每两个月的15号", "every 2 months on 15th"),
    ("每3个月的第二个周三", "every 3 months on 2nd wed"),
    ("每周五 20:00", "every fri 20:00"),
    ("每周五20:00", "every fri at 20:00"),
    ("每周五 20:00 节假日除外", "every fri 20:00 except holidays"),
    ("每周三 节假日除外", "every wed except holidays"),
    ("每周三节假日除外", "every wed except holidays"),
    ("每周三 节假日停更", "every wed except holidays"),
    ("每周三 法定节假日除外", "every wed except holidays"),
    (
        "每周三 节假日、国庆节除外",
        "every wed except holidays, 国庆节",
    ),
    (
        "每周三 节假日和10-01除外",
        "every wed except holidays and 10-01",
    ),
    ("每周三 国庆节除外", "every wed except 国庆节"),
    ("每周三 10-01除外", "every wed except 10-01"),
    ("每周三 3月8日除外", "every wed except 03-08"),
    ("每周三 春节前1天除外", "every wed except 春节 - 1d"),
    // Mixed: either language's parts in either order.
    ("每周三 except holidays", "every wed except holidays"),
    (
        "每周五 at 20:00 except holidays, 10-01",
        "every fri 20:00 except holidays, 10-01",
    ),
    ("every wed 节假日除外", "every wed except holidays"),
    ("every wed except 节假日", "every wed except holidays"),
    ("every 周三", "every wed"),
    ("every 周六、周日", "every sat, sun"),
    ("weekly on 星期三", "weekly on wed"),
    ("every 2 weeks on 周一", "every 2 weeks on mon"),
    ("monthly on 1st 周一", "monthly on 1st mon"),
    (
        "monthly on 15th 国庆节除外",
        "monthly on 15th except 国庆节",
    ),
    (
        "monthly on 15th 节假日、国庆节除外",
        "monthly on 15th except holidays, 国庆节",
    ),
    ("每周一 三月1日除外", "every mon except 03-01"),
];

const DURATIONS: &[(&str, &str)] = &[
    ("3天", "3d"),
    ("三天", "3d"),
    ("3 天", "3 days"),
    ("3个工作日", "3wd"),
    ("三个工作日", "3wd"),
    ("两周", "2w"),
    ("2个星期", "2w"),
    ("24小时", "24h"),
    ("24个小时", "24h"),
    ("30分钟", "30min"),
    ("十五天", "15d"),
];

const MONEY: &[(&str, &str)] = &[
    ("120万元", "CNY 1.2M"),
    ("1.2亿元", "CNY 120M"),
    ("120万", "1.2M"),
    ("¥120万", "¥1.2M"),
    ("￥120万元", "CNY 1_200_000"),
    ("¥ 120万", "¥1.2M"),
    ("50万元", "500k CNY"),
];

#[test]
fn every_chinese_form_parses_like_its_english_twin() {
    for (zh, en) in DATES {
        same(parse_date, zh, en);
    }
    for (zh, en) in RANGES {
        same(parse_range, zh, en);
    }
    for (zh, en) in RECURRENCES {
        same(parse_recurrence, zh, en);
    }
    for (zh, en) in DURATIONS {
        same(parse_duration, zh, en);
    }
    for (zh, en) in MONEY {
        same(parse_money, zh, en);
        same(parse_amount, zh, en);
    }
    // `almanac when` takes each for what it is.
    for (zh, en) in DATES.iter().chain(RANGES).chain(RECURRENCES) {
        same(parse_when, zh, en);
    }
}

#[test]
fn chinese_forms_keep_their_places() {
    let d = parse_date("春节前7天").unwrap();
    assert_eq!((d.base_loc, d.loc), (loc(0, 6), loc(0, 13)));
    assert_eq!(d.offsets[0].loc, loc(6, 13));
    assert_eq!(d.offsets[0].duration.loc, loc(9, 13));
    assert_eq!(offsets(&d.offsets), [(true, 7, Unit::Days)]);
    let d = parse_date("上线前三个工作日").unwrap();
    assert_eq!(d.base, DateBase::Name(vec!["上线".into()]));
    assert_eq!(offsets(&d.offsets), [(true, 3, Unit::Workdays)]);
    let d = parse_date("3月8日").unwrap();
    assert_eq!(d.base, DateBase::MonthDay { month: 3, day: 8 });
    assert_eq!(d.loc, loc(0, 8));
    let r = parse_recurrence("每周六、日 节假日除外").unwrap();
    assert_eq!(r.loc, loc(0, 31));
}

#[test]
fn a_name_goes_on_past_words_that_only_look_like_an_offset() {
    // No number and unit after 前, or more of the word after them: a name.
    for name in [
        "年前",
        "节前3天促销",
        "前3天",
        "冬至",
        "除外日",
        "三月三",
        "第一天",
    ] {
        assert_eq!(
            parse_date(name).unwrap().base,
            DateBase::Name(vec![name.into()]),
            "{name}"
        );
    }
}

/// What `almanac when` answers, as text.
fn answer(plan: Option<&crate::model::Plan>, text: &str) -> String {
    let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    match crate::when::evaluate_on(plan, today, text) {
        Ok(e) => match e.answer {
            crate::when::Answer::Date(d) => d.to_string(),
            crate::when::Answer::Range(r) => format!("{}..{}", r.start, r.end),
            crate::when::Answer::Occurrences(days, r, t) => {
                format!("{days:?} in {}..{} at {t:?}", r.start, r.end)
            }
        },
        Err(_) => format!("`{text}` did not evaluate"),
    }
}

/// The same days as the English twin, on the built-in calendar of 2026:
/// the Chinese names of the built-in moments included.
#[test]
fn chinese_forms_mean_the_same_days() {
    let pairs = [
        ("春节前7天", "spring_festival - 7d"),
        ("春节前七天", "spring_festival - 7d"),
        ("春节后3个工作日", "spring_festival + 3wd"),
        ("中秋", "mid_autumn"),
        ("中秋节", "mid_autumn"),
        ("端午", "dragon_boat"),
        ("端午节前3天", "dragon_boat - 3d"),
        ("双十一", "double_11"),
        ("双11", "double_11"),
        ("双十二", "double_12"),
        ("六一八", "sale_618"),
        ("618", "sale_618"),
        ("618前7天", "sale_618 - 7d"),
        ("三八", "womens_day"),
        ("妇女节", "womens_day"),
        ("315", "consumer_rights_day"),
        ("520", "day_520"),
        ("国庆", "national_day"),
        ("3月8日", "03-08"),
        ("12月31日", "12-31"),
        ("7月至8月", "jul..aug"),
        ("三季度", "Q3"),
        ("每周三 节假日除外", "every wed except holidays"),
        ("每周六、日", "every sat, sun"),
        ("每两周的周一", "every 2 weeks on mon"),
        ("每个工作日", "every workday"),
        ("每周五 20:00", "every fri 20:00"),
    ];
    for (zh, en) in pairs {
        let z = answer(None, zh);
        assert!(!z.contains("did not evaluate"), "{z}");
        assert_eq!(z, answer(None, en), "`{zh}` and `{en}`");
    }
}

#[test]
fn every_built_in_moment_is_found_by_its_chinese_names() {
    for m in builtin_moments() {
        for name in std::iter::once(m.name_zh).chain(m.aliases()) {
            // Read as a name (the numbers `618`, `520`, `315` too), and as
            // the moment it names; an offset after it stays an offset.
            let d = parse_date(name).unwrap_or_else(|e| panic!("`{name}`: {e:?}"));
            assert_eq!(d.base, DateBase::Name(vec![name.into()]), "{name}");
            assert_eq!(find_moment(name).map(|f| f.key), Some(m.key), "{name}");
            let d = parse_date(&format!("{name}前3天")).unwrap();
            assert_eq!(d.base, DateBase::Name(vec![name.into()]), "{name}前3天");
            assert_eq!(offsets(&d.offsets), [(true, 3, Unit::Days)]);
        }
    }
    // Other numbers are not names.
    let e = error(parse_date("619"));
    assert_eq!(
        e.help.map(|h| h.en).as_deref(),
        Some("a name can't start with a digit: give the moment an id such as `sale_618`")
    );
}

/// Checks that `src`, read by `parse`, fails at `at` with `message` (in
/// English) and a help line, both in both languages.
fn bad<T: std::fmt::Debug>(
    parse: fn(&str) -> Result<T, ExprError>,
    src: &str,
    at: (usize, usize),
    message: &str,
    help: &str,
) -> ExprError {
    let e = error(parse(src));
    assert_eq!(
        (e.loc, e.message.en.as_str()),
        (loc(at.0, at.1), message),
        "{src}"
    );
    assert_eq!(e.help.as_ref().map(|h| h.en.as_str()), Some(help), "{src}");
    assert_chinese(&e.message, src);
    assert_chinese(e.help.as_deref().unwrap_or(&Msg::default()), src);
    assert!(!e.message.zh.is_empty() && !e.help.as_ref().unwrap().zh.is_empty());
    e
}

#[test]
fn bad_chinese_forms_are_located_and_said_in_both_languages() {
    let weekdays = "weekdays are written `周一`, `周二`, … `周日` (or `星期一`, `礼拜一`)";
    let e = bad(
        parse_recurrence,
        "每周八",
        (3, 9),
        "unknown weekday `周八`",
        weekdays,
    );
    assert_eq!(e.message.zh, "无法识别的星期几 `周八`");
    assert_eq!(
        e.help.unwrap().zh,
        "星期几写作 `周一`、`周二`……`周日`（也可以写 `星期一` 或 `礼拜一`）"
    );
    bad(
        parse_recurrence,
        "每周六、八",
        (12, 15),
        "unknown weekday `八`",
        weekdays,
    );
    bad(
        parse_recurrence,
        "每两周的周八",
        (12, 18),
        "unknown weekday `周八`",
        weekdays,
    );
    bad(
        parse_recurrence,
        "every 周八",
        (6, 12),
        "unknown weekday `周八`",
        weekdays,
    );
    bad(
        parse_recurrence,
        "每周末",
        (3, 9),
        "unknown weekday `周末`",
        "write `每周六、日` for the weekend",
    );
    let e = bad(
        parse_date,
        "13月1日",
        (0, 2),
        "`13` is not a month",
        "a month is a number from 1 to 12, such as `3月8日`",
    );
    assert_eq!(e.message.zh, "`13` 不是有效的月份");
    bad(
        parse_date,
        "2027年13月1日",
        (7, 9),
        "`13` is not a month",
        "a month is a number from 1 to 12, such as `3月8日`",
    );
    bad(
        parse_date,
        "3月32日",
        (4, 6),
        "`32` is not a day of the month",
        "a day of the month is a number from 1 to 31, such as `3月8日`",
    );
    bad(
        parse_date,
        "十十月一日",
        (0, 6),
        "`十十` is not a number",
        "write a number such as `7`, or a Chinese numeral such as `七`, `十五` or `二十`",
    );
    bad(
        parse_range,
        "第五季度",
        (0, 12),
        "there is no quarter `第五季度`",
        "quarters are `一季度` to `四季度` (`Q1` to `Q4`)",
    );
    bad(
        parse_date,
        "5月第六个周日",
        (4, 13),
        "a month has no `第六个` weekday",
        "use `第一个` to `第五个`, or `最后一个`",
    );
    bad(
        parse_recurrence,
        "每月32日",
        (6, 11),
        "a month has no day `32日`",
        "use `1日` to `31日`",
    );
    let e = bad(
        parse_date,
        "春节前3个月",
        (10, 16),
        "a date can't be moved by `个月`",
        "months and years have no fixed length: count days, weeks or workdays (such as `前30天`), or use a date such as `3月底`",
    );
    assert_eq!(e.message.zh, "日期不能按 `个月` 前后移动");
    let e = bad(
        parse_date,
        "7月",
        (0, 4),
        "`7月` is a month, not a date",
        "write `7月初` or `7月底`",
    );
    assert_eq!(e.help.unwrap().zh, "写成 `7月初` 或 `7月底`");
    bad(
        parse_date,
        "三季度 + 1d",
        (0, 9),
        "`三季度` is a quarter, not a date",
        "offsets need a day to start from: write `三季度初` or `三季度末`",
    );
    bad(
        parse_date,
        "7月至8月",
        (4, 7),
        "unexpected `至`",
        "this takes a single date, not a range",
    );
    // Full-width digits in a Chinese form: the ASCII spelling, which reads.
    let e = bad(
        parse_date,
        "３月８日",
        (0, 3),
        "full-width character `３`",
        "write `3月8日` (ASCII characters instead of full-width ones)",
    );
    assert_eq!(e.message.zh, "全角字符 `３`");
    assert_eq!(e.fix.as_deref(), Some("3月8日"));
    let e = bad(
        parse_recurrence,
        "每周三 ２０:００",
        (10, 13),
        "full-width character `２`",
        "write `每周三 20:00` (ASCII characters instead of full-width ones)",
    );
    assert_eq!(e.fix.as_deref(), Some("每周三 20:00"));
}

#[test]
fn chinese_forms_missing_a_part_say_which() {
    type Parse = fn(&str) -> Result<(), ExprError>;
    let cases: &[(Parse, &str, (usize, usize), &str)] = &[
        (
            |s| parse_date(s).map(drop),
            "春节前7",
            (10, 10),
            "expected a unit such as `天`, `周` or `个工作日`, found the end of the expression",
        ),
        (
            |s| parse_date(s).map(drop),
            "3月8日前",
            (11, 11),
            "expected a number, found the end of the expression",
        ),
        (
            |s| parse_recurrence(s).map(drop),
            "每周",
            (6, 6),
            "expected a weekday such as `周一` or `周日`, found the end of the expression",
        ),
        (
            |s| parse_recurrence(s).map(drop),
            "每两周",
            (9, 9),
            "expected a weekday such as `周一` or `周日`, found the end of the expression",
        ),
        (
            |s| parse_recurrence(s).map(drop),
            "每周三 节假日",
            (19, 19),
            "expected `,` or `除外`, found the end of the expression",
        ),
    ];
    for (parse, src, at, message) in cases {
        let e = error(parse(src));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(at.0, at.1), *message),
            "{src}"
        );
        assert_chinese(&e.message, src);
    }
    // The numbers are read: `七` is 7, and a numeral that is none is said so.
    let d = parse_date("春节前七天").unwrap();
    assert_eq!(offsets(&d.offsets), [(true, 7, Unit::Days)]);
    let d = parse_date("春节后两个工作日").unwrap();
    assert_eq!(offsets(&d.offsets), [(false, 2, Unit::Workdays)]);
    let e = error(parse_date("春节前十十天"));
    assert_eq!(
        (e.loc, e.message.en.as_str()),
        (loc(9, 15), "`十十` is not a number")
    );
}

/// `2027/03/01` and `2027.03.01` are not read as dates: the error covers
/// the date and its help (and fix) writes it with `-`.
#[test]
fn dates_with_slashes_or_dots_are_shown_with_dashes() {
    let cases = [
        ("2027/03/01", (0, 10), "2027-03-01"),
        ("2027.03.01", (0, 10), "2027-03-01"),
        ("2027/3/1 - 7d", (0, 8), "2027-03-01 - 7d"),
        ("3/8", (0, 3), "03-08"),
        ("2027/01/20..2027/02/28", (0, 10), "2027-01-20..2027-02-28"),
    ];
    for (src, at, fixed) in cases {
        let e = bad(
            parse_range,
            src,
            at,
            "dates are written with `-` between year, month and day",
            &format!("write `{fixed}`"),
        );
        assert_eq!(e.message.zh, "日期的年、月、日之间用 `-` 分隔");
        assert_eq!(e.help.unwrap().zh, format!("写成 `{fixed}`"));
        assert_eq!(e.fix.as_deref(), Some(fixed));
        assert!(parse_range(fixed).is_ok());
    }
    let e = error(parse_recurrence("every wed except 2027/10/01"));
    assert_eq!(e.loc, loc(17, 27));
    assert_eq!(e.fix.as_deref(), Some("every wed except 2027-10-01"));
    // Not a date: what it was before.
    let e = error(parse_date("2027/13/01"));
    assert_eq!(
        e.help.map(|h| h.en).as_deref(),
        Some("write dates such as `2027-03-08` or `03-08`")
    );
    assert!(
        error(parse_date("0.8"))
            .message
            .en
            .starts_with("expected a date")
    );
}

const PLAN_ZH: &str = r#"[plan]
name = "Launch plan"
year = 2026
locale = "en"

[budget]
total = "120万元"

[people.editor]
name = "Editor"

[channels.wechat]
name = "WeChat"

[moments."上线"]
name = "Launch day"
date = "6月1日"
channels = ["wechat"]

[columns.weekly]
name = "Weekly notes"
channel = "wechat"
owner = "editor"
every = "每周三 20:00 节假日除外"
during = "三季度"

[columns.weekend]
name = "Weekend picks"
channel = "wechat"
owner = "editor"
every = "每两周的周六、日"
during = "7月至8月"

[campaigns.launch]
name = "Launch"
window = "上线前3个工作日..后两周"
channels = ["wechat"]
owner = "editor"

[campaigns.launch.tasks.brief]
name = "Brief"
owner = "editor"
due = "上线前10个工作日"

[campaigns.launch.tasks.post]
name = "Post"
owner = "editor"
publish = true
due = "brief后2个工作日"
"#;

/// The same plan in the English forms.
fn plan_en() -> String {
    PLAN_ZH
        .replace("\"120万元\"", "\"CNY 1.2M\"")
        .replace("\"6月1日\"", "\"06-01\"")
        .replace("每周三 20:00 节假日除外", "every wed 20:00 except holidays")
        .replace("\"三季度\"", "\"Q3\"")
        .replace("每两周的周六、日", "every 2 weeks on sat, sun")
        .replace("7月至8月", "jul..aug")
        .replace("上线前3个工作日..后两周", "上线 - 3wd..+2w")
        .replace("上线前10个工作日", "上线 - 10wd")
        .replace("brief后2个工作日", "brief + 2wd")
}

/// A plan written in English (`locale = "en"`) may use the Chinese forms:
/// the language of a plan's messages does not restrict how it writes
/// dates. It checks as its English twin does and schedules the same days.
#[test]
fn a_plan_in_english_reads_the_chinese_forms() {
    let check = |text: String| {
        let w = crate::world::MemWorld::default().with_file("p/plan.toml", text);
        crate::check::check_paths(&w, &[PathBuf::from("p/plan.toml")]).expect("checks")
    };
    let en = plan_en();
    assert!(!en.contains(['前', '后', '每', '至', '除']));
    let (zh, en) = (check(PLAN_ZH.to_string()), check(en));
    let codes = |c: &crate::check::Checked| -> Vec<String> {
        c.diagnostics
            .iter()
            .map(|d| format!("{} {}", d.rule.code, d.message.en))
            .collect()
    };
    assert!(
        zh.diagnostics
            .iter()
            .all(|d| d.severity != crate::diagnostics::Severity::Error),
        "{:?}",
        codes(&zh)
    );
    assert_eq!(codes(&zh), codes(&en));
    let days = |c: &crate::check::Checked| -> Vec<String> {
        c.schedules[0]
            .items
            .iter()
            .map(|i| format!("{} {}..{} {:?}", i.id, i.start, i.end, i.time))
            .collect()
    };
    let (z, e) = (days(&zh), days(&en));
    assert!(z.iter().any(|i| i.starts_with("episode:weekly:")), "{z:?}");
    assert!(z.iter().any(|i| i.starts_with("task:launch.post")), "{z:?}");
    assert_eq!(z, e);
    // `when` on the plan: its own `上线` with a Chinese offset.
    let plan = &zh.plans[0];
    assert_eq!(plan.locale, crate::locale::Locale::En);
    assert_eq!(
        answer(Some(plan), "上线前3个工作日"),
        answer(Some(plan), "上线 - 3wd")
    );
    assert_eq!(answer(Some(plan), "上线前3个工作日"), "2026-05-27");
}
