//! What the user reads when an expression does not parse. pest reports a
//! byte position and the grammar rules it tried there; this module turns
//! that into one message in the plan author's terms ("expected a duration
//! such as `3d`, …", never a rule name), with a help line for common slips
//! (`=` for `==`, a comma in a number, `200w` for `200万`). It also catches,
//! before parsing, what pest would report badly: an empty text, full-width
//! characters typed by a Chinese input method, absurd nesting.

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};

use crate::locale::{Msg, Pair};
use crate::syntax::ast::{ExprError, Loc};
use crate::tr;

use super::grammar::{ExprParser, Rule};
use super::{Res, check_as, err, err_help, span, zh};

/// Parentheses nested deeper than this are refused (the parser recurses).
const MAX_NESTING: usize = 32;

/// A description of what was expected, in both languages: a noun phrase
/// that follows "expected" / "此处应为".
const fn w(zh: &'static str, en: &'static str) -> Pair {
    Pair { zh, en }
}

// What the user is told was expected (see `describe`).
const DATE_EXAMPLES: Pair = w(
    "日期（如 `2027-03-08`、`spring_festival - 7d` 或 `2nd sun of may`）",
    "a date such as `2027-03-08`, `spring_festival - 7d` or `2nd sun of may`",
);
const RANGE_EXAMPLES: Pair = w(
    "日期或日期范围（如 `2027-01-20..2027-02-28`、`spring_festival-14d..+7d`、`Q3` 或 `jul..aug`）",
    "a date or range such as `2027-01-20..2027-02-28`, `spring_festival-14d..+7d`, `Q3` or `jul..aug`",
);
const RECURRENCE_EXAMPLES: Pair = w(
    "重复规则（如 `every wed`、`every 2 weeks on mon` 或 `monthly on 1st mon`）",
    "a recurrence such as `every wed`, `every 2 weeks on mon` or `monthly on 1st mon`",
);
const MONEY_EXAMPLES: Pair = w(
    "金额（如 `1_200_000`、`¥1.2M`、`120万` 或 `CNY 50k`）",
    "an amount of money such as `1_200_000`, `¥1.2M`, `120万` or `CNY 50k`",
);
const SHARE_EXAMPLES: Pair = w(
    "占比（如 `60%` 或 `25% of kol`）",
    "a share such as `60%` or `25% of kol`",
);
const QUANTITY_EXAMPLES: Pair = w(
    "数值（如 `2600`、`3.2%`、`+35%`、`12万` 或 `1:5`）",
    "a number such as `2600`, `3.2%`, `+35%`, `12万` or `1:5`",
);
const VALUE_EXAMPLES: Pair = w(
    "值（如 `sum(budget.ads.*)`、`60% of budget.total`、`¥5M` 或 `budget.kol`）",
    "a value such as `sum(budget.ads.*)`, `60% of budget.total`, `¥5M` or `budget.kol`",
);
const END: Pair = w("表达式的结尾", "the end of the expression");
const DURATION_EXAMPLES: Pair = w(
    "时长（如 `3d`、`2w`、`3wd`、`24h` 或 `30min`）",
    "a duration such as `3d`, `2w`, `3wd`, `24h` or `30min`",
);
const EVERY_EXAMPLES: Pair = w(
    "重复的周期（如 `day`、`weekday`、`workday`、`wed` 或 `2 weeks on mon`）",
    "what repeats, such as `day`, `weekday`, `workday`, `wed` or `2 weeks on mon`",
);
const EXCEPTION_EXAMPLES: Pair = w(
    "`holidays` 或日期（如 `10-01` 或 `national_day`）",
    "`holidays` or a date such as `10-01` or `national_day`",
);
const ON_EXAMPLES: Pair = w(
    "星期几（如 `mon`），或每月的某一天（如 `15th` 或 `1st mon`）",
    "a weekday such as `mon`, or a day of the month such as `15th` or `1st mon`",
);
const ASSERTION_EXAMPLES: Pair = w(
    "比较式（如 `sum(budget.ads.*) <= 60% of budget.total`）",
    "a comparison such as `sum(budget.ads.*) <= 60% of budget.total`",
);
const TIME_EXAMPLES: Pair = w("时间（如 `20:00`）", "a time such as `20:00`");
const PATH_EXAMPLES: Pair = w("名称（如 `budget.ads`）", "a name such as `budget.ads`");
const NUMBER: Pair = w("数字", "a number");

fn is_full_width(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')
}

fn to_ascii(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Problems found before parsing: empty input, full-width characters typed
/// by a Chinese input method, absurd nesting.
pub(super) fn precheck(entry: Rule, src: &str) -> Res<()> {
    if src.trim().is_empty() {
        return Err(err(
            span(0, src.len()),
            tr!("表达式为空", "empty expression"),
        ));
    }
    if let Some((i, c)) = src.char_indices().find(|(_, c)| is_full_width(*c)) {
        let ascii: String = src.trim().chars().map(to_ascii).collect();
        let shown = if c == '\u{3000}' {
            tr!("全角空格", "full-width space")
        } else {
            tr!("全角字符 `{c}`", "full-width character `{c}`")
        };
        // The ASCII spelling, if it is right; else what is wrong with it
        // (`1，200，000` is `1,200,000`, whose commas are the next error).
        let (help, fix) = match check_as(entry, &ascii) {
            Ok(()) => (
                tr!(
                    "写成 `{ascii}`（把全角字符换成半角）",
                    "write `{ascii}` (ASCII characters instead of full-width ones)"
                ),
                Some(ascii),
            ),
            Err(ExprError {
                help: Some(h), fix, ..
            }) if h.en.starts_with("write `") => (*h, fix),
            Err(e) => {
                let Msg { zh, en } = e.message;
                (
                    tr!(
                        "换成半角的 `{ascii}` 仍然有误：{zh}",
                        "`{ascii}` in ASCII would still be wrong: {en}"
                    ),
                    None,
                )
            }
        };
        let mut e = err_help(span(i, i + c.len_utf8()), shown, help);
        e.fix = fix;
        return Err(e);
    }
    let mut depth = 0usize;
    for (i, c) in src.char_indices() {
        match c {
            '(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(err(
                        span(i, i + 1),
                        tr!(
                            "括号嵌套超过了 {MAX_NESTING} 层",
                            "parentheses nested more than {MAX_NESTING} deep"
                        ),
                    ));
                }
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// What the user typed at byte `pos`: a word, `..`, one character, or
/// nothing at the end.
fn token_at(src: &str, pos: usize) -> (Option<&str>, Loc) {
    let pos = pos.min(src.len());
    let rest = src.get(pos..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return (None, span(pos, pos));
    };
    let wordy = |c: char| c.is_alphanumeric() || c == '_';
    // `至` and `到` join a range; the error is about them, not the word after.
    let len = if matches!(first, '至' | '到') {
        first.len_utf8()
    } else if wordy(first) {
        rest.char_indices()
            .find(|(_, c)| !wordy(*c))
            .map_or(rest.len(), |(i, _)| i)
    } else if ["..", "<=", ">=", "==", "!="]
        .iter()
        .any(|t| rest.starts_with(t))
    {
        2
    } else {
        first.len_utf8()
    };
    (Some(&rest[..len]), span(pos, pos + len))
}

/// How a grammar rule is named to the user; `None` for rules that never
/// help on their own.
fn describe(rule: Rule, entry: Rule) -> Option<Pair> {
    use Rule as R;
    Some(match rule {
        R::EOI => END,
        R::date
        | R::iso_week
        | R::iso_date
        | R::month_day
        | R::nth_weekday
        | R::boundary_date
        | R::name
        | R::digit_moment
        | R::zh_date
        | R::zh_month_day
        | R::zh_nth_weekday
        | R::zh_boundary
        | R::zh_period => {
            if entry == R::range_entry {
                RANGE_EXAMPLES
            } else {
                DATE_EXAMPLES
            }
        }
        R::range => RANGE_EXAMPLES,
        R::offset | R::sign | R::zh_offset | R::zh_dir => {
            w("偏移量（如 `+ 3d`）", "an offset such as `+ 3d`")
        }
        R::relative_end => w(
            "相对开始日期的偏移量（如 `+7d`）",
            "an offset from the start such as `+7d`",
        ),
        R::duration => DURATION_EXAMPLES,
        R::count | R::dcount => {
            if entry == R::recurrence_entry {
                NUMBER
            } else {
                DURATION_EXAMPLES
            }
        }
        R::unit_name => w(
            "单位（`d`、`w`、`wd`、`h` 或 `min`）",
            "a unit (`d`, `w`, `wd`, `h` or `min`)",
        ),
        R::zh_unit => w(
            "单位（如 `天`、`周` 或 `个工作日`）",
            "a unit such as `天`, `周` or `个工作日`",
        ),
        R::zh_num => NUMBER,
        R::zh_weekday | R::zh_day | R::zh_day_strict => w(
            "星期几（如 `周一` 或 `周日`）",
            "a weekday such as `周一` or `周日`",
        ),
        R::zh_ordinal | R::zh_last => w(
            "序数（如 `第一个` 或 `最后一个`）",
            "an ordinal such as `第一个` or `最后一个`",
        ),
        R::zh_edge => w(
            "`初`（第一天），或 `底`、`末`（最后一天）",
            "`初` (the first day), or `底` or `末` (the last day)",
        ),
        R::zh_quarter | R::zh_month | R::zh_year | R::zh_whole_year => w(
            "季度（如 `三季度`）、月份（如 `7月`）或 `全年`",
            "a quarter such as `三季度`, a month such as `7月`, or `全年`",
        ),
        R::zh_month_date | R::zh_month_nth => w(
            "每月的某一天（如 `15日` 或 `第一个周一`）",
            "a day of the month such as `15日` or `第一个周一`",
        ),
        R::zh_workdays
        | R::zh_every_weeks
        | R::zh_other_week
        | R::zh_weekly
        | R::zh_monthly
        | R::zh_daily => RECURRENCE_EXAMPLES,
        // Not `zh_except_clause`: after an English recurrence, "or `除外`"
        // would only puzzle; once a Chinese list is under way, `除外` is said.
        R::zh_except_kw => w("`除外`", "`除外`"),
        R::zh_holidays => EXCEPTION_EXAMPLES,
        R::range_dots => w("`..`", "`..`"),
        R::kw_of => w("`of`", "`of`"),
        R::kw_on | R::on_clause => w(
            "`on` 加上哪一天（如 `on mon`）",
            "`on` and the day, such as `on mon`",
        ),
        R::kw_at => w("`at`", "`at`"),
        R::kw_and | R::comma => w("`,`", "`,`"),
        R::kw_except | R::except_clause => w("`except`", "`except`"),
        R::kw_holidays => EXCEPTION_EXAMPLES,
        R::weekday_name | R::weekday_list => w(
            "星期几（如 `mon` 或 `friday`）",
            "a weekday such as `mon` or `friday`",
        ),
        R::month_name => w(
            "月份（如 `may` 或 `nov`）",
            "a month such as `may` or `nov`",
        ),
        R::period_name => w(
            "季度（`Q1` 到 `Q4`）、月份（如 `mar`）或 `year`",
            "a quarter (`Q1` to `Q4`), a month such as `mar`, or `year`",
        ),
        R::ordinal => w(
            "序数（如 `1st`、`2nd` 或 `last`）",
            "an ordinal such as `1st`, `2nd` or `last`",
        ),
        R::month_day_spec => ON_EXAMPLES,
        R::boundary_kw => w("`start` 或 `end`", "`start` or `end`"),
        R::recurrence
        | R::every_freq
        | R::daily_freq
        | R::weekly_freq
        | R::monthly_freq
        | R::kw_every
        | R::kw_daily
        | R::kw_weekly
        | R::kw_monthly => RECURRENCE_EXAMPLES,
        R::every_interval | R::every_unit | R::interval_unit | R::kw_weekdays | R::kw_workdays => {
            EVERY_EXAMPLES
        }
        R::every_unit_name => w("`days`、`weeks` 或 `months`", "`days`, `weeks` or `months`"),
        R::time_clause | R::time | R::hour => TIME_EXAMPLES,
        R::minute => w(
            "两位数的分钟（如 `20:00`）",
            "minutes with two digits, such as `20:00`",
        ),
        R::money | R::currency_symbol => MONEY_EXAMPLES,
        R::iso_code | R::yuan => w("币种代码（如 `CNY`）", "a currency code such as `CNY`"),
        R::decimal | R::digits | R::year4 => NUMBER,
        R::multiplier => w(
            "数量单位（`k`、`M`、`B`、`万` 或 `亿`）",
            "a multiplier (`k`, `M`, `B`, `万` or `亿`)",
        ),
        R::share | R::percent => SHARE_EXAMPLES,
        R::quantity | R::q_sign | R::q_ratio | R::q_number => QUANTITY_EXAMPLES,
        R::q_unit => w("单位（`%`、`pp` 或 `x`）", "a unit (`%`, `pp` or `x`)"),
        R::at_least => w("`+`", "`+`"),
        R::path => PATH_EXAMPLES,
        R::assertion => ASSERTION_EXAMPLES,
        R::cmp_op => w(
            "比较运算符（`<`、`<=`、`>`、`>=`、`==` 或 `!=`）",
            "a comparison (`<`, `<=`, `>`, `>=`, `==` or `!=`)",
        ),
        R::value_expr | R::paren | R::call | R::signed_number | R::func_name => VALUE_EXAMPLES,
        R::op_add | R::op_sub | R::op_mul | R::op_div => w(
            "运算符（`+`、`-`、`*` 或 `/`）",
            "an operator (`+`, `-`, `*` or `/`)",
        ),
        R::rparen => w("`)`", "`)`"),
        R::week_num => w("周数（如 `W12`）", "a week such as `W12`"),
        R::iso_week_day => w(
            "星期几（如 `wed` 或 `3`）",
            "a weekday such as `wed` or `3`",
        ),
        // `(` is only ever missing after a name that could have been a call.
        _ => return None,
    })
}

/// Descriptions that stand for a whole construct: when one of them is
/// expected, the narrower expectations at the same spot are left out.
/// Earlier entries win.
const UMBRELLAS: &[Pair] = &[
    EVERY_EXAMPLES,
    EXCEPTION_EXAMPLES,
    ON_EXAMPLES,
    RANGE_EXAMPLES,
    DATE_EXAMPLES,
    RECURRENCE_EXAMPLES,
    VALUE_EXAMPLES,
];

/// `a`, `a or b`, `a, b, or c` (descriptions contain "or" themselves, so a
/// comma marks where one ends); in Chinese `a 或 b`, `a、b 或 c`, or with
/// `；` between descriptions that list choices themselves.
fn join_or(items: &[Pair]) -> Msg {
    let en = match items {
        [] => String::new(),
        [one] => one.en.to_string(),
        [a, b] if !a.en.contains(" or ") => format!("{} or {}", a.en, b.en),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(|p| p.en).collect();
            format!("{}, or {}", init.join(", "), last.en)
        }
    };
    let listing = items.iter().any(|p| lists_choices(p.zh));
    let zh = match items {
        [] => String::new(),
        [one] => one.zh.to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(|p| p.zh).collect();
            if listing {
                glue(&[&init.join("；"), "；或", last.zh])
            } else {
                glue(&[&init.join("、"), "或", last.zh])
            }
        }
    };
    Msg { zh, en }
}

/// Whether a Chinese description offers choices of its own (`或`, `、` or
/// `，` outside its parentheses and code).
fn lists_choices(zh: &str) -> bool {
    let (mut depth, mut code) = (0usize, false);
    for c in zh.chars() {
        match c {
            '`' => code = !code,
            '（' if !code => depth += 1,
            '）' if !code => depth = depth.saturating_sub(1),
            '或' | '、' | '，' if !code && depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// Chinese text from pieces, with a space where a Chinese character meets
/// Latin letters, digits or code (`应为 `..``), as Chinese messages are
/// written.
fn glue(parts: &[&str]) -> String {
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}');
    let latin = |c: char| c.is_ascii_alphanumeric() || c == '`';
    let mut out = String::new();
    for part in parts {
        if let (Some(a), Some(b)) = (out.chars().next_back(), part.chars().next())
            && ((han(a) && latin(b)) || (latin(a) && han(b)))
        {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

fn entry_examples(entry: Rule) -> Pair {
    match entry {
        Rule::date_entry => DATE_EXAMPLES,
        Rule::range_entry => RANGE_EXAMPLES,
        Rule::duration_entry => DURATION_EXAMPLES,
        Rule::recurrence_entry => RECURRENCE_EXAMPLES,
        Rule::money_entry => MONEY_EXAMPLES,
        Rule::share_entry => SHARE_EXAMPLES,
        Rule::amount_entry => w(
            "金额或占比（如 `¥1.2M`、`120万` 或 `60%`）",
            "an amount such as `¥1.2M`, `120万` or `60%`",
        ),
        Rule::quantity_entry => QUANTITY_EXAMPLES,
        Rule::assertion_entry => ASSERTION_EXAMPLES,
        Rule::time_entry => TIME_EXAMPLES,
        _ => PATH_EXAMPLES,
    }
}

/// Turns pest's failure (a byte position and the rules it tried there) into
/// one message in the user's terms.
pub(super) fn syntax_error(entry: Rule, src: &str, e: pest::error::Error<Rule>) -> ExprError {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let positives: Vec<Rule> = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let (found, loc) = token_at(src, pos);
    let before = src.get(..pos).unwrap_or("").trim_end();
    if let Some(e) = slashed_date(entry, src, loc, &positives) {
        return e;
    }

    let mut wanted: Vec<Pair> = Vec::new();
    for r in &positives {
        if let Some(d) = describe(*r, entry)
            && !wanted.contains(&d)
        {
            wanted.push(d);
        }
    }
    if positives.contains(&Rule::ordinal) && positives.contains(&Rule::weekday_name) {
        wanted.push(ON_EXAMPLES);
    }
    if let Some(u) = UMBRELLAS.iter().find(|u| wanted.contains(u)) {
        wanted.retain(|w| w == u || *w == END);
    }
    if entry == Rule::range_entry && before.ends_with("..") {
        wanted = vec![w(
            "日期（如 `2027-02-28`），或相对开始日期的偏移量（如 `+7d`）",
            "a date such as `2027-02-28`, or an offset from the start such as `+7d`",
        )];
    }
    let at_end = wanted.contains(&END) && found.is_some();
    wanted.retain(|w| *w != END);
    if wanted.is_empty() && !at_end {
        wanted.push(entry_examples(entry));
    }
    let expected = join_or(&wanted);
    let (special, fix) = match found.and_then(|tok| syntax_help(entry, tok, &positives, src, loc)) {
        Some((help, fix)) => (Some(Box::new(help)), fix),
        None => (None, None),
    };
    match (found, at_end) {
        // Something left over where the expression could have ended.
        (Some(tok), true) => {
            let help = special.or_else(|| {
                (!wanted.is_empty()).then(|| {
                    Box::new(Msg {
                        zh: glue(&["此处后面只能接", &expected.zh]),
                        en: format!("only {} can follow here", expected.en),
                    })
                })
            });
            ExprError {
                loc,
                message: tr!("此处不应出现 `{tok}`", "unexpected `{tok}`"),
                help,
                fix,
            }
        }
        (Some(tok), false) => ExprError {
            loc,
            message: Msg {
                zh: glue(&["此处应为", &expected.zh, &format!("，而不是 `{tok}`")]),
                en: format!("expected {}, found `{tok}`", expected.en),
            },
            help: special,
            fix,
        },
        (None, _) => ExprError {
            loc,
            message: Msg {
                zh: glue(&["此处应为", &expected.zh, "，但表达式已经结束"]),
                en: format!("expected {}, found the end of the expression", expected.en),
            },
            help: None,
            fix: None,
        },
    }
}

/// Whether a date could start where pest stopped.
fn date_could_start(positives: &[Rule]) -> bool {
    positives.iter().any(|r| {
        matches!(
            r,
            Rule::date
                | Rule::name
                | Rule::iso_date
                | Rule::month_day
                | Rule::range
                | Rule::zh_date
                | Rule::zh_month_day
                | Rule::digit_moment
        )
    })
}

/// `2027/03/01` or `2027.03.01` where a date goes: the error covers the
/// whole date and the help writes it with `-` (the whole expression, when
/// that reads).
fn slashed_date(entry: Rule, src: &str, at: Loc, positives: &[Rule]) -> Option<ExprError> {
    let rest = src.get(at.start..)?;
    let b = rest.as_bytes();
    let sep = |i: usize| {
        matches!(b.get(i), Some(b'/' | b'.'))
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (i == 0 || b[i - 1] != b'.')
    };
    if !b.first().is_some_and(u8::is_ascii_digit) || !date_could_start(positives) {
        return None;
    }
    let mut end = 0;
    while end < b.len() && (b[end].is_ascii_digit() || sep(end)) {
        end += 1;
    }
    let date = &rest[..end];
    zh::slashed_dates(date)?;
    let fixed = zh::slashed_dates(src)?;
    let loc = span(at.start, at.start + end);
    let (help, fix) = if check_as(entry, &fixed).is_ok() {
        (tr!("写成 `{fixed}`", "write `{fixed}`"), Some(fixed))
    } else {
        (
            tr!(
                "日期写成 `2027-03-08` 或 `03-08` 这样",
                "write dates such as `2027-03-08` or `03-08`"
            ),
            None,
        )
    };
    let mut e = err_help(loc, zh::slashed_message(), help);
    e.fix = fix;
    Some(e)
}

/// A hint for common slips at the error's spot.
/// The help line, and the expression rewritten when that is the fix.
fn syntax_help(
    entry: Rule,
    tok: &str,
    positives: &[Rule],
    src: &str,
    loc: Loc,
) -> Option<(Msg, Option<String>)> {
    let has = |r: Rule| positives.contains(&r);
    let after = src.get(loc.end..).unwrap_or("");
    let spaced = src
        .get(..loc.start)
        .is_some_and(|b| b.ends_with(char::is_whitespace));
    if tok == "=" && has(Rule::cmp_op) {
        return Some((tr!("比较是否相等要写 `==`", "write `==` to compare"), None));
    }
    let compared = src
        .get(..loc.start)
        .is_some_and(|b| b.contains(['<', '>']) || b.contains("==") || b.contains("!="));
    if matches!(tok, "<" | ">" | "=" | "!") && compared && !has(Rule::cmp_op) {
        return Some((
            tr!(
                "一条断言只做一次比较；拆成两条断言来写",
                "an assertion makes one comparison; write two assertions instead"
            ),
            None,
        ));
    }
    if matches!(tok, "~" | "–" | "—") && has(Rule::range_dots) {
        return Some((
            tr!(
                "日期范围用 `..` 连接，如 `2027-01-20..2027-02-28`",
                "write a range with `..`, such as `2027-01-20..2027-02-28`"
            ),
            None,
        ));
    }
    if (tok == ".." && entry != Rule::range_entry)
        || (matches!(tok, "至" | "到") && entry == Rule::date_entry)
    {
        return Some((
            tr!(
                "这里只能写一个日期，不能写日期范围",
                "this takes a single date, not a range"
            ),
            None,
        ));
    }
    if tok == "," && has(Rule::EOI) && !has(Rule::comma) {
        return Some((
            tr!(
                "一个表达式只能有一个值；多个值用 TOML 数组来写",
                "an expression holds one value; use a TOML list for several"
            ),
            None,
        ));
    }
    let number_before = src
        .get(..loc.start)
        .is_some_and(|b| b.trim_end().ends_with(|c: char| c.is_ascii_digit()));
    let numeric_entry = matches!(
        entry,
        Rule::quantity_entry
            | Rule::share_entry
            | Rule::money_entry
            | Rule::amount_entry
            | Rule::assertion_entry
    );
    if spaced
        && numeric_entry
        && number_before
        && matches!(tok, "%" | "pp" | "万" | "亿" | "k" | "M" | "x")
    {
        return Some((
            tr!("去掉 `{tok}` 前面的空格", "remove the space before `{tok}`"),
            None,
        ));
    }
    // `200w`: `w` (pinyin `wan`) is how 万 is often typed.
    let lower = tok.to_lowercase();
    let wan = if lower.starts_with("wan") {
        3
    } else {
        usize::from(lower.starts_with('w'))
    };
    if numeric_entry && number_before && wan > 0 {
        let fixed = format!(
            "{}万{}",
            src[..loc.start].trim(),
            src.get(loc.start + wan..).unwrap_or("").trim_end()
        );
        // The grammar first: a full check of text that still does not parse
        // would come back here for its next `w`, once per `w` in the text.
        if ExprParser::parse(entry, &fixed).is_ok() && check_as(entry, &fixed).is_ok() {
            let typed = tok.get(..wan).unwrap_or(tok);
            let help = tr!(
                "写成 `{fixed}`（`{typed}` 是“万”的缩写）",
                "write `{fixed}` (`{typed}` is short for 万, ten thousand)"
            );
            return Some((help, Some(fixed)));
        }
    }
    let numeric = !tok.is_empty() && tok.chars().all(|c| c.is_ascii_digit());
    let date_start = positives.iter().any(|r| {
        matches!(
            r,
            Rule::date | Rule::name | Rule::iso_date | Rule::month_day | Rule::range
        )
    });
    if date_start && numeric && !after.starts_with('-') {
        return Some((
            tr!(
                "名称不能以数字开头：给这个节点起一个标识，如 `sale_618`",
                "a name can't start with a digit: give the moment an id such as `sale_618`"
            ),
            None,
        ));
    }
    if has(Rule::unit_name) && tok == "." {
        return Some((
            tr!(
                "偏移量只能是整数天或整数个工作日，如 `+ 2d` 或 `+ 3wd`",
                "offsets are whole numbers of days or workdays, such as `+ 2d` or `+ 3wd`"
            ),
            None,
        ));
    }
    if (has(Rule::iso_code) || has(Rule::money))
        && tok.len() == 3
        && tok.chars().all(|c| c.is_ascii_alphabetic())
        && tok.chars().any(|c| c.is_ascii_lowercase())
    {
        let code = tok.to_ascii_uppercase();
        return Some((
            tr!(
                "币种代码要大写：`{code}`",
                "write currency codes in capitals: `{code}`"
            ),
            None,
        ));
    }
    if entry == Rule::share_entry && numeric {
        let rest: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        return Some((
            tr!(
                "占比要带 `%`：写成 `{tok}{rest}%`",
                "a share needs `%`: write `{tok}{rest}%`"
            ),
            None,
        ));
    }
    None
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::syntax::expr::tests::{FULL_PARSES, error, loc};
    use crate::syntax::expr::*;

    #[test]
    fn empty_expression() {
        for src in ["", "   ", "\t"] {
            assert_eq!(error(parse_date(src)).message.en, "empty expression");
            assert_eq!(error(parse_assertion(src)).message.en, "empty expression");
        }
    }

    #[test]
    fn error_after_chinese_text_is_located_in_bytes() {
        let e = error(parse_date("春节 +"));
        assert_eq!(e.loc, loc(8, 8));
        assert_eq!(
            e.message.en,
            "expected a duration such as `3d`, `2w`, `3wd`, `24h` or `30min`, found the end of the expression"
        );
        let e = error(parse_date("年货节..x"));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(9, 11), "unexpected `..`")
        );
        let e = error(parse_range("年货节..x+"));
        assert_eq!(e.loc, loc(13, 13));
        let e = error(parse_date("春节 - 7dx"));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(10, 12), "unknown unit `dx`")
        );
        // `周三` is a weekday in either language's recurrence; `周八` is none.
        let e = error(parse_recurrence("every 周八"));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(6, 12), "unknown weekday `周八`")
        );
        let e = error(parse_date("春节 春节"));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(7, 13), "unexpected `春节`")
        );
    }

    /// Inputs every parser must refuse with a message for people.
    const BAD: &[&str] = &[
        "@",
        "2027-03-08 x",
        "a..b..c",
        "every ,",
        "every 2 weeks on",
        "¥",
        "25% of",
        "a <",
        "(a",
        "2027-01-20~2027-02-28",
        "end of",
        "2nd sun",
        "monthly on 15th at",
    ];

    #[test]
    fn syntax_errors_never_name_grammar_rules() {
        for &src in BAD {
            for e in [
                parse_date(src).err(),
                parse_range(src).err(),
                parse_recurrence(src).err(),
                parse_money(src).err(),
                parse_share(src).err(),
                parse_quantity(src).err(),
                parse_assertion(src).err(),
            ]
            .into_iter()
            .flatten()
            {
                let help = e.help.clone().unwrap_or_default();
                for text in [
                    format!("{} {}", e.message.en, help.en),
                    format!("{} {}", e.message.zh, help.zh),
                ] {
                    assert!(!text.contains('_') || text.contains('`'), "{src}: {text}");
                    for rule in [
                        "weekday_name",
                        "EOI",
                        "kw_",
                        "value_expr",
                        "decimal",
                        "iso_",
                    ] {
                        assert!(!text.contains(rule), "{src}: {text}");
                    }
                }
                assert!(!e.message.en.ends_with('.'), "{src}: {}", e.message.en);
                assert!(!e.message.zh.ends_with('。'), "{src}: {}", e.message.zh);
                assert_chinese(&e.message, src);
                assert_chinese(&help, src);
            }
        }
    }

    #[test]
    fn full_width_input_is_reported_with_its_ascii_spelling() {
        let e = error(parse_share("６０％"));
        assert_eq!(e.loc, loc(0, 3));
        assert_eq!(e.message.en, "full-width character `６`");
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `60%` (ASCII characters instead of full-width ones)")
        );
        let e = error(parse_date("春节－７ｄ"));
        assert_eq!(e.loc, loc(6, 9));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `春节-7d` (ASCII characters instead of full-width ones)")
        );
        let e = error(parse_recurrence("every\u{3000}wed"));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(5, 8), "full-width space")
        );
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `every wed` (ASCII characters instead of full-width ones)")
        );
        let e = error(parse_assertion("sum（budget.ads.*） <= 60%"));
        assert_eq!(e.loc, loc(3, 6));
        // `￥` (U+FFE5) is a currency sign, not a typing slip.
        assert!(parse_money("￥30万").is_ok());
    }

    #[test]
    fn a_text_full_of_w_is_not_rechecked_once_per_w() {
        // Found by fuzzing: each `w` after a number tried the `200万` fix by
        // checking the whole text again, whose error was at the next `w`.
        let src = format!("budget.total == {}", "1w-".repeat(300));
        FULL_PARSES.with(|n| n.set(0));
        let e = error(parse_assertion(&src));
        assert_eq!(e.message.en, "unexpected `w`");
        assert_eq!(e.loc, loc(17, 18));
        let parses = FULL_PARSES.with(std::cell::Cell::get);
        assert!(parses <= 2, "{parses} full parses for one error");
    }

    #[test]
    fn wan_typed_as_w_gets_the_character() {
        let help = |src: &str| error(parse_money(src)).help.unwrap_or_default().en;
        assert_eq!(
            help("200w"),
            "write `200万` (`w` is short for 万, ten thousand)"
        );
        assert_eq!(
            help("200W"),
            "write `200万` (`W` is short for 万, ten thousand)"
        );
        assert_eq!(
            help("¥1.5w"),
            "write `¥1.5万` (`w` is short for 万, ten thousand)"
        );
        assert_eq!(
            help("1.5w元"),
            "write `1.5万元` (`w` is short for 万, ten thousand)"
        );
        assert_eq!(
            help("200wan"),
            "write `200万` (`wan` is short for 万, ten thousand)"
        );
        // Only where 万 makes it right.
        assert!(!help("200week").starts_with("write"));
        let e = error(parse_amount("200w"));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `200万` (`w` is short for 万, ten thousand)")
        );
        let e = error(parse_quantity("12w"));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `12万` (`w` is short for 万, ten thousand)")
        );
    }

    #[test]
    fn full_width_text_whose_ascii_is_still_wrong_gets_the_next_fix() {
        let e = error(parse_money("1，200，000"));
        assert_eq!(e.message.en, "full-width character `，`");
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `1200000` or `1_200_000`")
        );
        let e = error(parse_money("６０％"));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("`60%` in ASCII would still be wrong: unexpected `%`")
        );
        let e = error(parse_money("２００w"));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `200万` (`w` is short for 万, ten thousand)")
        );
    }

    /// Every `X` a help line offers as "write `X`" (or "write `X` or `Y`").
    fn suggested(help: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = help;
        while let Some(i) = rest.find("write `") {
            rest = &rest[i + "write ".len()..];
            // `X`, then ` or `Y`` / `, `Y`` as long as the list goes on.
            while let Some(body) = rest.strip_prefix('`') {
                let Some(end) = body.find('`') else { break };
                out.push(body[..end].to_string());
                rest = &body[end + 1..];
                match [" or ", ", "]
                    .iter()
                    .find(|sep| rest.starts_with(&format!("{sep}`")))
                {
                    Some(sep) => rest = &rest[sep.len()..],
                    None => break,
                }
            }
        }
        out
    }

    #[test]
    fn a_help_never_suggests_text_that_is_itself_an_error() {
        let money = [
            "200w",
            "200W",
            "1.5w元",
            "¥200wan",
            "200 w",
            "1，200，000",
            "１２０万",
            "２００w",
            "６０％",
            "1,200,000",
            "1,2",
            "12,50",
            "$1,200.50",
            "1.2m",
            "¥1.2m",
            "1 200",
            "50 cny",
            "CNY CNY 5",
            "¥$5",
            "5亿万",
            "１.２M",
            "万",
            "¥",
            "二百万",
            "200万w",
            "1_200,000",
            "0.5 k",
            "5 万",
            "5％",
            "1e6",
            "-5",
            "12.",
        ];
        let dates = [
            "jul - 7d",
            "03－08",
            "春节－７ｄ",
            "start of jul + 3",
            "2nd sun of mai",
            "2027-W60",
            "03-08 + 1.5d",
            "618",
            "end of jul - 3x",
            "Q3",
            "jul",
            "2027-1-5",
            "2027/01/05",
            "3月8日前",
            "spring festival",
            "春节 - 7",
            "mon",
            "2027-02-30..",
            "start - 5 wk",
            "０３-０８",
            "launch + 3wd + ",
            "+7d",
            "３月８日",
            "2027/03/01",
            "2027.03.01",
            "3/8 - 7d",
            "7月",
            "三季度 + 1d",
            "全年",
            "13月1日",
            "春节前3个月",
            "7月至8月",
        ];
        let ranges = [
            "jul..aug..sep",
            "２０２７-01-20..2027-02-28",
            "2027-01-20 ~ 2027-02-28",
            "2027-01-20–2027-02-28",
            "Q3 - 7d",
            "spring_festival-14d..+7 days",
            "jul～aug",
            "jul..",
            "..aug",
            "2027-01-20 至 2027-02-28",
            "Q5",
            "jul..aug 1",
            "2027/01/20..2027/02/28",
            "７月至８月",
            "第五季度",
        ];
        let shares = [
            "60",
            "６０％",
            "60 %",
            "60％ of kol",
            "60,5%",
            "1，5%",
            "60% kol",
            "60%%",
            "sixty%",
            "60 percent",
            "60% of",
            "60% of ６",
            "0.6",
            "60%of kol",
            "5 5%",
        ];
        let amounts = [
            "200w",
            "６０％",
            "1，200，000",
            "60",
            "60 %",
            "1.2m",
            "60% of kol ads",
        ];
        let entries = [
            (Rule::money_entry, &money[..]),
            (Rule::date_entry, &dates[..]),
            (Rule::range_entry, &ranges[..]),
            (Rule::share_entry, &shares[..]),
            (Rule::amount_entry, &amounts[..]),
        ];
        let mut offered = 0;
        for (entry, inputs) in entries {
            for src in inputs {
                let Err(e) = check_as(entry, src) else {
                    continue;
                };
                for x in suggested(e.help.as_ref().map_or("", |h| h.en.as_str())) {
                    offered += 1;
                    assert!(
                        check_as(entry, &x).is_ok(),
                        "{entry:?} `{src}`: the help {:?} offers `{x}`, which is an error: {:?}",
                        e.help,
                        check_as(entry, &x).err().map(|e| e.message)
                    );
                }
            }
        }
        assert!(offered >= 20, "only {offered} suggestions were checked");
    }

    /// The Chinese text is there and has no English left outside code.
    pub(in crate::syntax::expr) fn assert_chinese(m: &Msg, src: &str) {
        assert_eq!(m.untranslated(), None, "{src}: {m:?}");
        assert!(!m.zh.contains("  "), "{src}: {:?}", m.zh);
    }

    #[test]
    fn every_error_reads_in_chinese_too() {
        let more = [
            "",
            "200w",
            "1，200，000",
            "６０％",
            "1.2m",
            "50 cny",
            "¥5 USD",
            "0:5",
            "5 %",
            "60",
            "jul",
            "Q3 + 1d",
            "Q7",
            "2027-13-01",
            "2027-01-32",
            "27-01-01",
            "2027-W60",
            "2027-W12-9",
            "3dayz",
            "5m",
            "5M",
            "3y",
            "3",
            "every wedn",
            "every 2 weeks",
            "monthly on mon",
            "every fri 25:00",
            "every",
            "every wed except",
            "every 2 fortnights",
            "monthly on last",
            "monthly on 40th",
            "every 2 days on mon",
            "6th sun of may",
            "end of Q5",
            "last fri of novembr",
            "a = b",
            "a < b < c",
            "2027-01-20..2027-02-28",
            "a, b",
            "618",
            "a + 1.5d",
            "60,5%",
            "CNY 5 EUR",
            "budget.total ==",
            "03-08..",
            "jul..aug 1",
            "2nd wedn of may",
            "every sat and",
            "every weekend",
            "sum(",
            "every 2 months on mon",
            "every 99999999999 weeks on mon",
            "每周八",
            "每周末",
            "每周",
            "每周三 节假日",
            "13月1日",
            "3月32日",
            "３月８日",
            "2027/03/01",
            "春节前7",
            "春节前3个月",
            "十十月一日",
            "每月第六个周一",
            "每月32日",
            "7月",
            "春节 +",
            &format!("{}1{}", "(".repeat(40), ")".repeat(40)),
            &format!("a == {}", vec!["1"; 300].join(" + ")),
        ];
        let mut seen = 0;
        for src in BAD.iter().copied().chain(more) {
            for e in [
                parse_date(src).err(),
                parse_range(src).err(),
                parse_duration(src).err(),
                parse_recurrence(src).err(),
                parse_money(src).err(),
                parse_share(src).err(),
                parse_amount(src).err(),
                parse_quantity(src).err(),
                parse_assertion(src).err(),
                parse_time(src).err(),
                parse_path(src).err(),
            ]
            .into_iter()
            .flatten()
            {
                seen += 1;
                assert_chinese(&e.message, src);
                assert!(!e.message.zh.ends_with('。'), "{src}: {}", e.message.zh);
                if let Some(h) = &e.help {
                    assert_chinese(h, src);
                }
            }
        }
        assert!(seen > 300, "{seen}");
    }
}
