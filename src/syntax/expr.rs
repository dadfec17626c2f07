//! The expression parser. TOML can say "a string" but not "a date seven days
//! before the spring festival" or "a quarter of the KOL budget", so plans
//! write such values as short expressions inside TOML strings
//! (`window = "spring_festival-14d..+7d"`). This module turns one decoded
//! string into an `ast` node, or into one `ExprError` located at the first
//! problem, worded for the plan's author (never a grammar rule name). It
//! looks nothing up: whether `spring_festival` exists, or `2026-02-30` is a
//! real day, is `resolve`'s business.
//!
//! The grammar is `grammar/expr.pest` (documented for users in
//! `grammar/GRAMMAR.md`). It is deliberately lenient in the slots that hold a
//! weekday, month, unit or period: it accepts any word there and this module
//! checks the word, so the user reads "unknown weekday `wedn`" with "did you
//! mean `wed`?" rather than "expected something". pest's own error `Display`
//! is not used: its column counts characters, and our locations are bytes.
//!
//! Decisions that `resolve` relies on: a lone `Q1`..`Q4`, month name or
//! `year` is a period, never a name (in a range it is `RangeExpr::Period`, at
//! a range end it becomes `start of`/`end of`, and as a date it is an error);
//! `start`/`end` are keywords only before `of`; in an assertion a number is
//! `Value::Number` unless a currency is written (`¥5M` is `Value::Money`).

use std::sync::LazyLock;

use chrono::Weekday;
use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};

use crate::format::ExprKind;
use crate::ratio::Ratio;
use crate::syntax::ast::{
    Amount, Assertion, BinOp, CmpOp, DateBase, DateExpr, Duration, Exception, ExprError, Frequency,
    Loc, MoneyLit, MonthDay, Offset, Path, Period, Quantity, QuantityUnit, RangeEnd, RangeExpr,
    Recurrence, Segment, ShareLit, TimeOfDay, Unit, Value, When,
};

mod grammar {
    // The derive resolves the path against the crate root (CARGO_MANIFEST_DIR)
    // first, then against `src/`; `grammar/expr.pest` sits at the crate root.
    #[derive(pest_derive::Parser)]
    #[grammar = "grammar/expr.pest"]
    pub struct ExprParser;
}

use grammar::{ExprParser, Rule};

type Res<T> = Result<T, ExprError>;

/// Parentheses nested deeper than this are refused (the parser recurses).
const MAX_NESTING: usize = 32;
/// Operands in one arithmetic expression (the tree is built recursively).
const MAX_TERMS: usize = 256;

// What the user is told was expected (see `describe`).
const DATE_EXAMPLES: &str =
    "a date such as `2027-03-08`, `spring_festival - 7d` or `2nd sun of may`";
const RANGE_EXAMPLES: &str = "a date or range such as `2027-01-20..2027-02-28`, `spring_festival-14d..+7d`, `Q3` or `jul..aug`";
const RECURRENCE_EXAMPLES: &str =
    "a recurrence such as `every wed`, `every 2 weeks on mon` or `monthly on 1st mon`";
const MONEY_EXAMPLES: &str =
    "an amount of money such as `1_200_000`, `¥1.2M`, `120万` or `CNY 50k`";
const SHARE_EXAMPLES: &str = "a share such as `60%` or `25% of kol`";
const QUANTITY_EXAMPLES: &str = "a number such as `2600`, `3.2%`, `+35%`, `12万` or `1:5`";
const VALUE_EXAMPLES: &str =
    "a value such as `sum(budget.ads.*)`, `60% of budget.total`, `¥5M` or `budget.kol`";
const END: &str = "the end of the expression";
const DURATION_EXAMPLES: &str = "a duration such as `3d`, `2w`, `3wd`, `24h` or `30min`";
const EVERY_EXAMPLES: &str =
    "what repeats, such as `day`, `weekday`, `workday`, `wed` or `2 weeks on mon`";
const EXCEPTION_EXAMPLES: &str = "`holidays` or a date such as `10-01` or `national_day`";
const ON_EXAMPLES: &str =
    "a weekday such as `mon`, or a day of the month such as `15th` or `1st mon`";

// ------------------------------------------------------------------ public API

/// A date: `2027-03-08`, `03-08`, `spring_festival - 7d`, `2nd sun of may`,
/// `end of Q1`, `2027-W12-wed`.
pub fn parse_date(src: &str) -> Result<DateExpr, ExprError> {
    let p = entry(Rule::date_entry, src)?;
    match date_item(p)? {
        DateItem::Date(d) => Ok(d),
        DateItem::Period { loc, .. } => Err(period_not_date(src, loc, false)),
    }
}

/// A range: `a..b`, `a..+7d`, `Q3`, `jul`, `jul..aug`, `year`, or a single
/// date (a one-day range).
pub fn parse_range(src: &str) -> Result<RangeExpr, ExprError> {
    range(entry(Rule::range_entry, src)?)
}

/// `3d`, `2w`, `3wd`, `24h`, `30min`.
pub fn parse_duration(src: &str) -> Result<Duration, ExprError> {
    duration(entry(Rule::duration_entry, src)?)
}

/// `every wed`, `every fri 20:00`, `every 2 weeks on mon`, `monthly on 1st mon`,
/// `every weekday except holidays`.
pub fn parse_recurrence(src: &str) -> Result<Recurrence, ExprError> {
    recurrence(entry(Rule::recurrence_entry, src)?)
}

/// `1_200_000`, `¥1.2M`, `120万元`, `1.5亿`, `CNY 50k`, `50k CNY`, `$50k`.
pub fn parse_money(src: &str) -> Result<MoneyLit, ExprError> {
    money(entry(Rule::money_entry, src)?)
}

/// `60%`, `33.3%`, `25% of kol`, `25% of budget.kol`.
pub fn parse_share(src: &str) -> Result<ShareLit, ExprError> {
    share(entry(Rule::share_entry, src)?)
}

/// Money or a share.
pub fn parse_amount(src: &str) -> Result<Amount, ExprError> {
    let p = entry(Rule::amount_entry, src)?;
    match p.as_rule() {
        Rule::share => Ok(Amount::Share(share(p)?)),
        _ => Ok(Amount::Money(money(p)?)),
    }
}

/// A KPI value: `3.2%`, `+35%`, `+2.3pp`, `12万`, `2600`, `1:5`, `1.5x`, `12万+`.
pub fn parse_quantity(src: &str) -> Result<Quantity, ExprError> {
    quantity(entry(Rule::quantity_entry, src)?)
}

/// A user rule: `sum(budget.ads.*) <= 60% of budget.total`.
pub fn parse_assertion(src: &str) -> Result<Assertion, ExprError> {
    assertion(entry(Rule::assertion_entry, src)?)
}

/// `20:00`, `9:30`.
pub fn parse_time(src: &str) -> Result<TimeOfDay, ExprError> {
    time(entry(Rule::time_entry, src)?)
}

/// Whatever `almanac when` accepts: a recurrence when the text starts with
/// `every`, `daily`, `weekly` or `monthly`; otherwise a range when it has
/// `..` or is a period (`Q3`, `jul`, `year`); otherwise a date.
pub fn parse_when(src: &str) -> Result<When, ExprError> {
    let first: String = src
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<String>()
        .to_lowercase();
    if matches!(first.as_str(), "every" | "daily" | "weekly" | "monthly") {
        return parse_recurrence(src).map(When::Recurrence);
    }
    match parse_range(src)? {
        RangeExpr::Day(d) => Ok(When::Date(d)),
        r => Ok(When::Range(r)),
    }
}

/// A dotted name: `budget.ads`, `ads.douyin_feed`, `budget.ads.*`.
pub fn parse_path(src: &str) -> Result<Path, ExprError> {
    Ok(path(&entry(Rule::path_entry, src)?))
}

// ------------------------------------------------------------------ entry and errors

/// Whether `text` parses as this kind of expression (the format's
/// definition names the kinds; the parsers are here).
pub fn parses(kind: ExprKind, text: &str) -> bool {
    let entry = match kind {
        ExprKind::Date => Rule::date_entry,
        ExprKind::Range => Rule::range_entry,
        ExprKind::Duration | ExprKind::DayDuration => Rule::duration_entry,
        ExprKind::Recurrence => Rule::recurrence_entry,
        ExprKind::Money => Rule::money_entry,
        ExprKind::Share => Rule::share_entry,
        ExprKind::Amount => Rule::amount_entry,
        ExprKind::Quantity => Rule::quantity_entry,
        ExprKind::Assertion => Rule::assertion_entry,
        ExprKind::Due => {
            let t = text.trim_start();
            let date = match t.get(..6).filter(|p| p.eq_ignore_ascii_case("after ")) {
                Some(_) => &t[6..],
                None => text,
            };
            return parse_date(date).is_ok();
        }
    };
    check_as(entry, text).is_ok()
}

fn span(start: usize, end: usize) -> Loc {
    Loc { start, end }
}

fn err(loc: Loc, message: impl Into<String>) -> ExprError {
    ExprError {
        loc,
        message: message.into(),
        help: None,
    }
}

fn err_help(loc: Loc, message: impl Into<String>, help: impl Into<String>) -> ExprError {
    ExprError {
        loc,
        message: message.into(),
        help: Some(help.into()),
    }
}

/// A pair's byte range. pest lets a rule's span run over the whitespace it
/// skipped before an optional part that then did not match (`2027-01-20 ..`),
/// so trailing whitespace is trimmed off.
fn loc_of(p: &Pair<'_, Rule>) -> Loc {
    let s = p.as_span();
    span(s.start(), s.start() + s.as_str().trim_end().len())
}

/// The grammar guarantees the tree's shape; should it ever disagree, report
/// an error rather than panic.
fn internal(loc: Loc) -> ExprError {
    err(
        loc,
        "internal error: the expression parser met an unexpected shape",
    )
}

fn next<'i>(kids: &mut Pairs<'i, Rule>, parent: Loc) -> Res<Pair<'i, Rule>> {
    kids.next().ok_or_else(|| internal(parent))
}

/// Takes the next child if it has rule `rule`.
fn take<'i>(kids: &mut Pairs<'i, Rule>, rule: Rule) -> Option<Pair<'i, Rule>> {
    if kids.peek().is_some_and(|p| p.as_rule() == rule) {
        kids.next()
    } else {
        None
    }
}

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

/// Parses `text` the way `entry` does, to the end: the grammar and the
/// values (a date's day, a number's commas). Help lines check the text
/// they suggest with it, so a suggestion is never itself an error.
fn check_as(entry: Rule, text: &str) -> Res<()> {
    match entry {
        Rule::date_entry => parse_date(text).map(drop),
        Rule::range_entry => parse_range(text).map(drop),
        Rule::duration_entry => parse_duration(text).map(drop),
        Rule::recurrence_entry => parse_recurrence(text).map(drop),
        Rule::money_entry => parse_money(text).map(drop),
        Rule::share_entry => parse_share(text).map(drop),
        Rule::amount_entry => parse_amount(text).map(drop),
        Rule::quantity_entry => parse_quantity(text).map(drop),
        Rule::assertion_entry => parse_assertion(text).map(drop),
        Rule::time_entry => parse_time(text).map(drop),
        _ => parse_path(text).map(drop),
    }
}

/// Problems found before parsing: empty input, full-width characters typed
/// by a Chinese input method, absurd nesting.
fn precheck(entry: Rule, src: &str) -> Res<()> {
    if src.trim().is_empty() {
        return Err(err(span(0, src.len()), "empty expression"));
    }
    if let Some((i, c)) = src.char_indices().find(|(_, c)| is_full_width(*c)) {
        let ascii: String = src.trim().chars().map(to_ascii).collect();
        let shown = if c == '\u{3000}' {
            "full-width space".to_string()
        } else {
            format!("full-width character `{c}`")
        };
        // The ASCII spelling, if it is right; else what is wrong with it
        // (`1，200，000` is `1,200,000`, whose commas are the next error).
        let help = match check_as(entry, &ascii) {
            Ok(()) => format!("write `{ascii}` (ASCII characters instead of full-width ones)"),
            Err(ExprError { help: Some(h), .. }) if h.starts_with("write `") => h,
            Err(e) => format!("`{ascii}` in ASCII would still be wrong: {}", e.message),
        };
        return Err(err_help(span(i, i + c.len_utf8()), shown, help));
    }
    let mut depth = 0usize;
    for (i, c) in src.char_indices() {
        match c {
            '(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(err(
                        span(i, i + 1),
                        format!("parentheses nested more than {MAX_NESTING} deep"),
                    ));
                }
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Parses `src` with an entry rule and returns the entry's first child (the
/// expression, without `EOI`).
fn entry(rule: Rule, src: &str) -> Res<Pair<'_, Rule>> {
    #[cfg(test)]
    tests::FULL_PARSES.with(|n| n.set(n.get() + 1));
    precheck(rule, src)?;
    let whole = span(0, src.len());
    let mut pairs = ExprParser::parse(rule, src).map_err(|e| syntax_error(rule, src, e))?;
    let top = pairs.next().ok_or_else(|| internal(whole))?;
    top.into_inner().next().ok_or_else(|| internal(whole))
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
    let len = if wordy(first) {
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
fn describe(rule: Rule, entry: Rule) -> Option<&'static str> {
    use Rule as R;
    Some(match rule {
        R::EOI => END,
        R::date
        | R::iso_week
        | R::iso_date
        | R::month_day
        | R::nth_weekday
        | R::boundary_date
        | R::name => {
            if entry == R::range_entry {
                RANGE_EXAMPLES
            } else {
                DATE_EXAMPLES
            }
        }
        R::range => RANGE_EXAMPLES,
        R::offset | R::sign => "an offset such as `+ 3d`",
        R::relative_end => "an offset from the start such as `+7d`",
        R::duration => DURATION_EXAMPLES,
        R::count => {
            if entry == R::recurrence_entry {
                "a number"
            } else {
                DURATION_EXAMPLES
            }
        }
        R::unit_name => "a unit (`d`, `w`, `wd`, `h` or `min`)",
        R::range_dots => "`..`",
        R::kw_of => "`of`",
        R::kw_on | R::on_clause => "`on` and the day, such as `on mon`",
        R::kw_at => "`at`",
        R::kw_and | R::comma => "`,`",
        R::kw_except | R::except_clause => "`except`",
        R::kw_holidays => EXCEPTION_EXAMPLES,
        R::weekday_name | R::weekday_list => "a weekday such as `mon` or `friday`",
        R::month_name => "a month such as `may` or `nov`",
        R::period_name => "a quarter (`Q1` to `Q4`), a month such as `mar`, or `year`",
        R::ordinal => "an ordinal such as `1st`, `2nd` or `last`",
        R::month_day_spec => ON_EXAMPLES,
        R::boundary_kw => "`start` or `end`",
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
        R::every_unit_name => "`days`, `weeks` or `months`",
        R::time_clause | R::time | R::hour => "a time such as `20:00`",
        R::minute => "minutes with two digits, such as `20:00`",
        R::money | R::currency_symbol => MONEY_EXAMPLES,
        R::iso_code | R::yuan => "a currency code such as `CNY`",
        R::decimal | R::digits | R::year4 => "a number",
        R::multiplier => "a multiplier (`k`, `M`, `B`, `万` or `亿`)",
        R::share | R::percent => SHARE_EXAMPLES,
        R::quantity | R::q_sign | R::q_ratio | R::q_number => QUANTITY_EXAMPLES,
        R::q_unit => "a unit (`%`, `pp` or `x`)",
        R::at_least => "`+`",
        R::path => "a name such as `budget.ads`",
        R::assertion => "a comparison such as `sum(budget.ads.*) <= 60% of budget.total`",
        R::cmp_op => "a comparison (`<`, `<=`, `>`, `>=`, `==` or `!=`)",
        R::value_expr | R::paren | R::call | R::signed_number | R::func_name => VALUE_EXAMPLES,
        R::op_add | R::op_sub | R::op_mul | R::op_div => "an operator (`+`, `-`, `*` or `/`)",
        R::rparen => "`)`",
        R::week_num => "a week such as `W12`",
        R::iso_week_day => "a weekday such as `wed` or `3`",
        // `(` is only ever missing after a name that could have been a call.
        _ => return None,
    })
}

/// Descriptions that stand for a whole construct: when one of them is
/// expected, the narrower expectations at the same spot are left out.
/// Earlier entries win.
const UMBRELLAS: &[&str] = &[
    EVERY_EXAMPLES,
    EXCEPTION_EXAMPLES,
    ON_EXAMPLES,
    RANGE_EXAMPLES,
    DATE_EXAMPLES,
    RECURRENCE_EXAMPLES,
    VALUE_EXAMPLES,
];

/// `a`, `a or b`, `a, b, or c` (descriptions contain "or" themselves, so a
/// comma marks where one ends).
fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [a, b] if !a.contains(" or ") => format!("{a} or {b}"),
        [init @ .., last] => format!("{}, or {last}", init.join(", ")),
    }
}

fn entry_examples(entry: Rule) -> &'static str {
    match entry {
        Rule::date_entry => DATE_EXAMPLES,
        Rule::range_entry => RANGE_EXAMPLES,
        Rule::duration_entry => DURATION_EXAMPLES,
        Rule::recurrence_entry => RECURRENCE_EXAMPLES,
        Rule::money_entry => MONEY_EXAMPLES,
        Rule::share_entry => SHARE_EXAMPLES,
        Rule::amount_entry => "an amount such as `¥1.2M`, `120万` or `60%`",
        Rule::quantity_entry => QUANTITY_EXAMPLES,
        Rule::assertion_entry => "a comparison such as `sum(budget.ads.*) <= 60% of budget.total`",
        Rule::time_entry => "a time such as `20:00`",
        _ => "a name such as `budget.ads`",
    }
}

/// Turns pest's failure (a byte position and the rules it tried there) into
/// one message in the user's terms.
fn syntax_error(entry: Rule, src: &str, e: pest::error::Error<Rule>) -> ExprError {
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

    let mut wanted: Vec<&str> = Vec::new();
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
        wanted = vec!["a date such as `2027-02-28`, or an offset from the start such as `+7d`"];
    }
    let at_end = wanted.contains(&END) && found.is_some();
    wanted.retain(|w| *w != END);
    if wanted.is_empty() && !at_end {
        wanted.push(entry_examples(entry));
    }
    let expected = join_or(&wanted);
    let special = found.and_then(|tok| syntax_help(entry, tok, &positives, src, loc));
    match (found, at_end) {
        // Something left over where the expression could have ended.
        (Some(tok), true) => {
            let help = special.or_else(|| {
                (!wanted.is_empty()).then(|| format!("only {expected} can follow here"))
            });
            ExprError {
                loc,
                message: format!("unexpected `{tok}`"),
                help,
            }
        }
        (Some(tok), false) => ExprError {
            loc,
            message: format!("expected {expected}, found `{tok}`"),
            help: special,
        },
        (None, _) => ExprError {
            loc,
            message: format!("expected {expected}, found the end of the expression"),
            help: None,
        },
    }
}

/// A hint for common slips at the error's spot.
fn syntax_help(entry: Rule, tok: &str, positives: &[Rule], src: &str, loc: Loc) -> Option<String> {
    let has = |r: Rule| positives.contains(&r);
    let after = src.get(loc.end..).unwrap_or("");
    let spaced = src
        .get(..loc.start)
        .is_some_and(|b| b.ends_with(char::is_whitespace));
    if tok == "=" && has(Rule::cmp_op) {
        return Some("write `==` to compare".into());
    }
    let compared = src
        .get(..loc.start)
        .is_some_and(|b| b.contains(['<', '>']) || b.contains("==") || b.contains("!="));
    if matches!(tok, "<" | ">" | "=" | "!") && compared && !has(Rule::cmp_op) {
        return Some("an assertion makes one comparison; write two assertions instead".into());
    }
    if matches!(tok, "~" | "–" | "—") && has(Rule::range_dots) {
        return Some("write a range with `..`, such as `2027-01-20..2027-02-28`".into());
    }
    if tok == ".." && entry != Rule::range_entry {
        return Some("this takes a single date, not a range".into());
    }
    if tok == "," && has(Rule::EOI) && !has(Rule::comma) {
        return Some("an expression holds one value; use a TOML list for several".into());
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
        return Some(format!("remove the space before `{tok}`"));
    }
    // `200w`: `w` (pinyin `wan`) is how 万 is often typed.
    let lower = tok.to_lowercase();
    let wan = if lower.starts_with("wan") {
        3
    } else if lower.starts_with('w') {
        1
    } else {
        0
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
            return Some(format!(
                "write `{fixed}` (`{}` is short for 万, ten thousand)",
                tok.get(..wan).unwrap_or(tok)
            ));
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
        return Some(
            "a name can't start with a digit: give the moment an id such as `sale_618`".into(),
        );
    }
    if has(Rule::unit_name) && tok == "." {
        return Some(
            "offsets are whole numbers of days or workdays, such as `+ 2d` or `+ 3wd`".into(),
        );
    }
    if (has(Rule::iso_code) || has(Rule::money))
        && tok.len() == 3
        && tok.chars().all(|c| c.is_ascii_alphabetic())
        && tok.chars().any(|c| c.is_ascii_lowercase())
    {
        return Some(format!(
            "write currency codes in capitals: `{}`",
            tok.to_ascii_uppercase()
        ));
    }
    if entry == Rule::share_entry && numeric {
        let rest: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        return Some(format!("a share needs `%`: write `{tok}{rest}%`"));
    }
    None
}

// ------------------------------------------------------------------ words

const WEEKDAYS: &[(&str, Weekday)] = &[
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

const MONTHS: &[(&str, u32)] = &[
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

const UNITS: &[(&str, Unit)] = &[
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
];

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    let w = word.to_lowercase();
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// The closest spelling in `table`, if it is close enough to be a typo.
fn suggest<T>(table: &[(&'static str, T)], word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    let limit = (w.chars().count() / 3).max(1);
    table
        .iter()
        .map(|(k, _)| (strsim::osa_distance(&w, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn weekday(p: &Pair<'_, Rule>) -> Res<Weekday> {
    let w = p.as_str();
    lookup(WEEKDAYS, w).ok_or_else(|| {
        let help = match suggest(WEEKDAYS, w) {
            Some(s) => format!("did you mean `{s}`?"),
            None if w.eq_ignore_ascii_case("weekend") => "write `sat,sun` for the weekend".into(),
            None => "weekdays are `mon`, `tue`, `wed`, `thu`, `fri`, `sat` and `sun`".into(),
        };
        err_help(loc_of(p), format!("unknown weekday `{w}`"), help)
    })
}

fn month(p: &Pair<'_, Rule>) -> Res<u32> {
    let w = p.as_str();
    lookup(MONTHS, w).ok_or_else(|| {
        let help = match suggest(MONTHS, w) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "months are `jan`, `feb`, `mar`, … `dec` (or spelled out)".into(),
        };
        err_help(loc_of(p), format!("unknown month `{w}`"), help)
    })
}

/// `Q1`..`Q4`, a month name, `year`.
fn period_word(word: &str) -> Option<Period> {
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

fn period(p: &Pair<'_, Rule>) -> Res<Period> {
    let w = p.as_str();
    period_word(w).ok_or_else(|| {
        let help = match suggest(MONTHS, w) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "use a quarter (`Q1` to `Q4`), a month such as `mar`, or `year`".into(),
        };
        err_help(loc_of(p), format!("unknown period `{w}`"), help)
    })
}

/// `1st`..`5th` or `last` (-1), for "the nth weekday of a month".
fn nth(p: &Pair<'_, Rule>) -> Res<i8> {
    let t = p.as_str();
    if t.eq_ignore_ascii_case("last") {
        return Ok(-1);
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u8>() {
        Ok(n @ 1..=5) => Ok(n as i8),
        _ => Err(err_help(
            loc_of(p),
            format!("a month has no `{t}` weekday"),
            "use `1st` to `5th`, or `last`",
        )),
    }
}

fn period_not_date(src: &str, loc: Loc, with_offsets: bool) -> ExprError {
    let w = src.get(loc.start..loc.end).unwrap_or("");
    let what = match period_word(w) {
        Some(Period::Quarter(_)) => "a quarter",
        Some(Period::Month(_)) => "a month",
        _ => "a period",
    };
    let help = if with_offsets {
        format!("offsets need a day to start from: write `start of {w}` or `end of {w}`")
    } else {
        format!("write `start of {w}` or `end of {w}`")
    };
    err_help(loc, format!("`{w}` is {what}, not a date"), help)
}

// ------------------------------------------------------------------ dates

/// A date, or a bare period word (`Q3`, `jul`, `year`) where a date was
/// written: ranges accept periods, dates reject them.
enum DateItem {
    Date(DateExpr),
    Period { period: Period, loc: Loc },
}

impl DateItem {
    /// A period at the start of a range means its first day.
    fn into_date(self, end: bool) -> DateExpr {
        match self {
            DateItem::Date(d) => d,
            DateItem::Period { period, loc } => DateExpr {
                base: DateBase::Boundary { end, period },
                base_loc: loc,
                offsets: Vec::new(),
                loc,
            },
        }
    }
}

fn date_item(p: Pair<'_, Rule>) -> Res<DateItem> {
    let loc = loc_of(&p);
    let mut kids = p.into_inner();
    let base_pair = next(&mut kids, loc)?;
    let base_loc = loc_of(&base_pair);
    let has_offsets = kids.peek().is_some();
    if base_pair.as_rule() == Rule::name {
        let w = base_pair.as_str();
        let quarter_like =
            w.len() >= 2 && w.starts_with(['q', 'Q']) && w[1..].chars().all(|c| c.is_ascii_digit());
        if quarter_like && period_word(w).is_none() {
            return Err(err_help(
                base_loc,
                format!("there is no quarter `{w}`"),
                "quarters are `Q1` to `Q4`",
            ));
        }
        if let Some(period) = period_word(w) {
            if has_offsets {
                return Err(period_not_date(base_pair.get_input(), base_loc, true));
            }
            return Ok(DateItem::Period { period, loc });
        }
    }
    let base = date_base(base_pair)?;
    let offsets = kids.map(offset).collect::<Res<Vec<_>>>()?;
    Ok(DateItem::Date(DateExpr {
        base,
        base_loc,
        offsets,
        loc,
    }))
}

/// A number written with one or two digits (a month or a day).
fn small_number(p: &Pair<'_, Rule>, what: &str, max: u32) -> Res<u32> {
    let t = p.as_str();
    match t.parse::<u32>() {
        Ok(n) if t.len() <= 2 && (1..=max).contains(&n) => Ok(n),
        _ => Err(err_help(
            loc_of(p),
            format!("`{t}` is not a {what}"),
            format!("a {what} is a number from 1 to {max}, such as `2027-03-08`"),
        )),
    }
}

fn year(p: &Pair<'_, Rule>) -> Res<i32> {
    let t = p.as_str();
    match t.parse::<i32>() {
        Ok(y) if t.len() == 4 => Ok(y),
        _ => Err(err_help(
            loc_of(p),
            format!("`{t}` is not a year"),
            "write the year with four digits, such as `2027-03-08`",
        )),
    }
}

fn date_base(p: Pair<'_, Rule>) -> Res<DateBase> {
    let loc = loc_of(&p);
    match p.as_rule() {
        Rule::name => Ok(DateBase::Name(
            p.as_str().split('.').map(str::to_string).collect(),
        )),
        Rule::iso_date => {
            let mut k = p.into_inner();
            let (y, m, d) = (next(&mut k, loc)?, next(&mut k, loc)?, next(&mut k, loc)?);
            Ok(DateBase::Iso {
                year: year(&y)?,
                month: small_number(&m, "month", 12)?,
                day: small_number(&d, "day of the month", 31)?,
            })
        }
        Rule::month_day => {
            let mut k = p.into_inner();
            let (m, d) = (next(&mut k, loc)?, next(&mut k, loc)?);
            Ok(DateBase::MonthDay {
                month: small_number(&m, "month", 12)?,
                day: small_number(&d, "day of the month", 31)?,
            })
        }
        Rule::iso_week => {
            let mut k = p.into_inner();
            let y = year(&next(&mut k, loc)?)?;
            let w = next(&mut k, loc)?;
            let week = w.as_str()[1..]
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=53).contains(n))
                .ok_or_else(|| {
                    err_help(
                        loc_of(&w),
                        format!("`{}` is not a week", w.as_str()),
                        "ISO weeks run from `W1` to `W53`",
                    )
                })?;
            let weekday = match k.next() {
                None => Weekday::Mon,
                Some(d) => match d.as_str().parse::<u32>() {
                    Ok(n @ 1..=7) => {
                        Weekday::try_from((n - 1) as u8).map_err(|_| internal(loc_of(&d)))?
                    }
                    Ok(_) => {
                        return Err(err_help(
                            loc_of(&d),
                            format!("`{}` is not a day of the week", d.as_str()),
                            "ISO weekdays run from 1 (Monday) to 7 (Sunday)",
                        ));
                    }
                    Err(_) => weekday(&d)?,
                },
            };
            Ok(DateBase::IsoWeek {
                year: y,
                week,
                weekday,
            })
        }
        Rule::nth_weekday => {
            let mut k = p.into_inner();
            let n = nth(&next(&mut k, loc)?)?;
            let wd = weekday(&next(&mut k, loc)?)?;
            let _of = next(&mut k, loc)?;
            let m = month(&next(&mut k, loc)?)?;
            Ok(DateBase::NthWeekday {
                n,
                weekday: wd,
                month: m,
            })
        }
        Rule::boundary_date => {
            let mut k = p.into_inner();
            let kw = next(&mut k, loc)?;
            let _of = next(&mut k, loc)?;
            let per = period(&next(&mut k, loc)?)?;
            Ok(DateBase::Boundary {
                end: kw.as_str().eq_ignore_ascii_case("end"),
                period: per,
            })
        }
        _ => Err(internal(loc)),
    }
}

fn offset(p: Pair<'_, Rule>) -> Res<Offset> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let sign = next(&mut k, loc)?;
    let d = duration(next(&mut k, loc)?)?;
    Ok(Offset {
        negative: sign.as_str() == "-",
        duration: d,
        loc,
    })
}

fn duration(p: Pair<'_, Rule>) -> Res<Duration> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let n = next(&mut k, loc)?;
    let u = next(&mut k, loc)?;
    let amount = n
        .as_str()
        .parse::<i64>()
        .map_err(|_| err(loc_of(&n), "number too large"))?;
    let word = u.as_str();
    let unit = lookup(UNITS, word).ok_or_else(|| {
        let lower = word.to_lowercase();
        let help = match word {
            "m" => "write `min` for minutes".to_string(),
            "M" => "a month has no fixed length: count days or weeks, or use a date such as `end of mar`".into(),
            _ => match lower.as_str() {
            "mo" | "mon" | "month" | "months" => {
                "a month has no fixed length: count days or weeks, or use a date such as `end of mar`".into()
            }
            "y" | "year" | "years" => "count days or weeks, or use a date such as `end of year`".into(),
            _ => match suggest(UNITS, word) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "use `d` (days), `w` (weeks), `wd` (workdays), `h` (hours) or `min` (minutes)"
                    .into(),
            },
            },
        };
        err_help(loc_of(&u), format!("unknown unit `{word}`"), help)
    })?;
    Ok(Duration { amount, unit, loc })
}

// ------------------------------------------------------------------ ranges

fn range(p: Pair<'_, Rule>) -> Res<RangeExpr> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let start = date_item(next(&mut k, loc)?)?;
    let Some(_dots) = k.next() else {
        return Ok(match start {
            DateItem::Date(d) => RangeExpr::Day(d),
            DateItem::Period { period, loc } => RangeExpr::Period { period, loc },
        });
    };
    let end = next(&mut k, loc)?;
    if end.as_rule() == Rule::relative_end {
        let end_loc = loc_of(&end);
        let offsets = end.into_inner().map(offset).collect::<Res<Vec<_>>>()?;
        return Ok(RangeExpr::Between {
            start: start.into_date(false),
            end: RangeEnd::Relative {
                offsets,
                loc: end_loc,
            },
            loc,
        });
    }
    let end = date_item(end)?;
    if let (
        DateItem::Period {
            period: Period::Month(from),
            ..
        },
        DateItem::Period {
            period: Period::Month(to),
            ..
        },
    ) = (&start, &end)
    {
        return Ok(RangeExpr::Months {
            from: *from,
            to: *to,
            loc,
        });
    }
    Ok(RangeExpr::Between {
        start: start.into_date(false),
        end: RangeEnd::Date(end.into_date(true)),
        loc,
    })
}

// ------------------------------------------------------------------ recurrences

fn interval(p: &Pair<'_, Rule>) -> Res<u32> {
    p.as_str()
        .parse::<u32>()
        .map_err(|_| err(loc_of(p), "number too large"))
}

enum Every {
    Days,
    Weeks,
    Months,
}

fn every_unit(p: &Pair<'_, Rule>) -> Res<Every> {
    const WORDS: &[(&str, u8)] = &[
        ("day", 0),
        ("days", 0),
        ("week", 1),
        ("weeks", 1),
        ("month", 2),
        ("months", 2),
    ];
    let w = p.as_str();
    match lookup(WORDS, w) {
        Some(0) => Ok(Every::Days),
        Some(1) => Ok(Every::Weeks),
        Some(2) => Ok(Every::Months),
        _ => {
            let help = match suggest(WORDS, w) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "write `days`, `weeks` or `months`, such as `every 2 weeks on mon`".into(),
            };
            Err(err_help(loc_of(p), format!("unknown interval `{w}`"), help))
        }
    }
}

fn weekday_list(p: Pair<'_, Rule>) -> Res<Vec<Weekday>> {
    p.into_inner()
        .filter(|k| k.as_rule() == Rule::weekday_name)
        .map(|k| weekday(&k))
        .collect()
}

fn month_day_spec(p: Pair<'_, Rule>) -> Res<MonthDay> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let ord = next(&mut k, loc)?;
    match k.next() {
        Some(wd) => Ok(MonthDay::NthWeekday {
            n: nth(&ord)?,
            weekday: weekday(&wd)?,
        }),
        None => {
            let t = ord.as_str();
            if t.eq_ignore_ascii_case("last") {
                return Err(err_help(
                    loc_of(&ord),
                    "`last` needs a weekday",
                    "write `last fri`, or a day of the month such as `28th`",
                ));
            }
            let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
            match digits.parse::<u32>() {
                Ok(n @ 1..=31) => Ok(MonthDay::Day(n)),
                _ => Err(err_help(
                    loc_of(&ord),
                    format!("a month has no day `{t}`"),
                    "use `1st` to `31st`",
                )),
            }
        }
    }
}

/// What follows `every N weeks` / `weekly` / `monthly`.
fn on_weekdays(on: Option<Pair<'_, Rule>>, what: &str, at: Loc) -> Res<Vec<Weekday>> {
    let Some(on) = on else {
        return Err(err_help(
            at,
            format!("`{what}` needs a weekday"),
            format!("write `{what} on mon` (or `on mon,thu`)"),
        ));
    };
    let loc = loc_of(&on);
    let mut k = on.into_inner();
    let _kw = next(&mut k, loc)?;
    let body = next(&mut k, loc)?;
    if body.as_rule() != Rule::weekday_list {
        return Err(err_help(
            loc_of(&body),
            format!("`{what}` repeats on weekdays, not on a day of the month"),
            format!("write `{what} on mon`, or `monthly on {}`", body.as_str()),
        ));
    }
    weekday_list(body)
}

fn on_month_day(on: Option<Pair<'_, Rule>>, what: &str, at: Loc) -> Res<MonthDay> {
    let Some(on) = on else {
        return Err(err_help(
            at,
            format!("`{what}` needs a day of the month"),
            format!("write `{what} on 15th`, `{what} on 1st mon` or `{what} on last fri`"),
        ));
    };
    let loc = loc_of(&on);
    let mut k = on.into_inner();
    let _kw = next(&mut k, loc)?;
    let body = next(&mut k, loc)?;
    if body.as_rule() != Rule::month_day_spec {
        return Err(err_help(
            loc_of(&body),
            format!("`{what}` needs a day of the month, not a weekday"),
            format!(
                "write `{what} on 1st {}` or `{what} on last {}`",
                body.as_str(),
                body.as_str()
            ),
        ));
    }
    month_day_spec(body)
}

fn no_on(on: Option<Pair<'_, Rule>>, what: &str) -> Res<()> {
    match on {
        None => Ok(()),
        Some(on) => Err(err_help(
            loc_of(&on),
            format!("`{what}` can't be given a day"),
            "use weeks or months, such as `every 2 weeks on mon` or `monthly on 15th`",
        )),
    }
}

fn frequency(p: Pair<'_, Rule>) -> Res<Frequency> {
    let loc = loc_of(&p);
    let input = p.get_input();
    let rule = p.as_rule();
    let mut k = p.into_inner();
    let _kw = next(&mut k, loc)?;
    match rule {
        Rule::daily_freq => Ok(Frequency::Daily { interval: 1 }),
        Rule::weekly_freq => Ok(Frequency::Weekly {
            interval: 1,
            days: on_weekdays(take(&mut k, Rule::on_clause), "weekly", loc)?,
        }),
        Rule::monthly_freq => Ok(Frequency::Monthly {
            interval: 1,
            on: on_month_day(take(&mut k, Rule::on_clause), "monthly", loc)?,
        }),
        Rule::every_freq => {
            let body = next(&mut k, loc)?;
            let body_loc = loc_of(&body);
            match body.as_rule() {
                Rule::kw_weekdays => Ok(Frequency::Weekdays),
                Rule::kw_workdays => Ok(Frequency::Workdays),
                Rule::weekday_list => Ok(Frequency::Weekly {
                    interval: 1,
                    days: weekday_list(body)?,
                }),
                Rule::every_interval | Rule::every_unit => {
                    let counted = body.as_rule() == Rule::every_interval;
                    let mut b = body.into_inner();
                    let n = if counted {
                        interval(&next(&mut b, body_loc)?)?
                    } else {
                        1
                    };
                    let unit = every_unit(&next(&mut b, body_loc)?)?;
                    let on = take(&mut b, Rule::on_clause);
                    // The user's own words before `on` (`every 2 weeks`), for messages.
                    let before_on = on.as_ref().map_or(body_loc.end, |o| loc_of(o).start);
                    let what = input.get(loc.start..before_on).unwrap_or("every").trim();
                    match unit {
                        Every::Days => {
                            no_on(on, what)?;
                            Ok(Frequency::Daily { interval: n })
                        }
                        Every::Weeks => Ok(Frequency::Weekly {
                            interval: n,
                            days: on_weekdays(on, what, loc)?,
                        }),
                        Every::Months => Ok(Frequency::Monthly {
                            interval: n,
                            on: on_month_day(on, what, loc)?,
                        }),
                    }
                }
                _ => Err(internal(body_loc)),
            }
        }
        _ => Err(internal(loc)),
    }
}

fn time(p: Pair<'_, Rule>) -> Res<TimeOfDay> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let h = next(&mut k, loc)?;
    let m = next(&mut k, loc)?;
    let hour = h.as_str().parse::<u32>().unwrap_or(99);
    let minute = m.as_str().parse::<u32>().unwrap_or(99);
    if hour > 23 || minute > 59 {
        return Err(err_help(
            loc,
            format!("`{}` is not a time of day", p_str(&h, &m)),
            "write a 24-hour time from `00:00` to `23:59`",
        ));
    }
    Ok(TimeOfDay { hour, minute })
}

fn p_str(h: &Pair<'_, Rule>, m: &Pair<'_, Rule>) -> String {
    format!("{}:{}", h.as_str(), m.as_str())
}

fn recurrence(p: Pair<'_, Rule>) -> Res<Recurrence> {
    let loc = loc_of(&p);
    let input = p.get_input();
    let mut k = p.into_inner();
    let freq = next(&mut k, loc)?;
    let frequency = frequency(freq)?;
    let mut time_of_day = None;
    if let Some(t) = take(&mut k, Rule::time_clause) {
        let tl = loc_of(&t);
        let tp = t
            .into_inner()
            .find(|x| x.as_rule() == Rule::time)
            .ok_or_else(|| internal(tl))?;
        time_of_day = Some(time(tp)?);
    }
    let mut except = Vec::new();
    if let Some(x) = take(&mut k, Rule::except_clause) {
        for item in x.into_inner() {
            match item.as_rule() {
                Rule::kw_holidays => except.push(Exception::Holidays),
                Rule::date => match date_item(item)? {
                    DateItem::Date(d) => except.push(Exception::Date(d)),
                    DateItem::Period { loc, .. } => {
                        return Err(period_not_date(input, loc, false));
                    }
                },
                _ => {}
            }
        }
    }
    Ok(Recurrence {
        frequency,
        time: time_of_day,
        except,
        loc,
    })
}

// ------------------------------------------------------------------ numbers and money

fn number_too_large(loc: Loc) -> ExprError {
    err(loc, "number too large")
}

/// A decimal (`1_200`, `1.25`); commas get an error suggesting the fix.
fn decimal(p: &Pair<'_, Rule>) -> Res<Ratio> {
    decimal_text(p.as_str(), loc_of(p))
}

fn decimal_text(t: &str, loc: Loc) -> Res<Ratio> {
    if let Some(i) = t.find(',') {
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        let groups: Vec<&str> = int.split(',').collect();
        let thousands = groups[1..].iter().all(|g| g.len() == 3);
        let at = span(loc.start + i, loc.start + i + 1);
        if thousands {
            let plain: String = t.chars().filter(|c| *c != ',').collect();
            let under = groups.join("_");
            let under = if frac.is_empty() {
                under
            } else {
                format!("{under}.{frac}")
            };
            return Err(err_help(
                at,
                "commas are not allowed in numbers",
                format!("write `{plain}` or `{under}`"),
            ));
        }
        return Err(err_help(
            at,
            "commas are not allowed in numbers",
            format!(
                "write decimals with a point, such as `{}`",
                t.replacen(',', ".", 1)
            ),
        ));
    }
    Ratio::parse_decimal(t).ok_or_else(|| number_too_large(loc))
}

/// The multiplier `p` of the number literal `whole` (`1.2m` of `¥1.2m`).
fn multiplier(p: &Pair<'_, Rule>, whole: &Pair<'_, Rule>) -> Res<Ratio> {
    let n: i128 = match p.as_str() {
        "k" | "K" => 1_000,
        "M" => 1_000_000,
        "B" | "bn" => 1_000_000_000,
        "万" => 10_000,
        "亿" => 100_000_000,
        "m" => {
            let at = p.as_span().start() - whole.as_span().start();
            let text = whole.as_str().trim_end();
            let million = format!("{}M{}", &text[..at], &text[at + 1..]);
            return Err(err_help(
                loc_of(p),
                "`m` is ambiguous",
                format!("write `{million}` for million"),
            ));
        }
        _ => return Err(internal(loc_of(p))),
    };
    Ok(Ratio::int(n))
}

fn currency_code(p: &Pair<'_, Rule>) -> String {
    match p.as_str() {
        "¥" | "￥" | "元" => "CNY".into(),
        "$" => "USD".into(),
        "€" => "EUR".into(),
        "£" => "GBP".into(),
        code => code.to_string(),
    }
}

fn money(p: Pair<'_, Rule>) -> Res<MoneyLit> {
    let loc = loc_of(&p);
    let mut currency: Option<String> = None;
    let mut value: Option<Ratio> = None;
    let mut multiplied = false;
    for k in p.clone().into_inner() {
        match k.as_rule() {
            Rule::currency_symbol | Rule::iso_code | Rule::yuan => {
                let code = currency_code(&k);
                match &currency {
                    Some(c) if *c != code => {
                        return Err(err_help(
                            loc_of(&k),
                            format!("a second currency `{}`", k.as_str()),
                            format!("the amount is already in {c}"),
                        ));
                    }
                    _ => currency = Some(code),
                }
            }
            Rule::decimal => value = Some(decimal(&k)?),
            Rule::multiplier => {
                let m = multiplier(&k, &p)?;
                multiplied = true;
                let v = value.ok_or_else(|| internal(loc))?;
                value = Some(v.checked_mul(m).ok_or_else(|| number_too_large(loc))?);
            }
            _ => {}
        }
    }
    Ok(MoneyLit {
        plain: currency.is_none() && !multiplied,
        currency,
        value: value.ok_or_else(|| internal(loc))?,
        loc,
    })
}

fn share(p: Pair<'_, Rule>) -> Res<ShareLit> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let pct = next(&mut k, loc)?;
    let t = pct.as_str();
    let body = t.strip_suffix('%').unwrap_or(t);
    let (neg, digits, skip) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..], 1),
        Some(b'+') => (false, &body[1..], 1),
        _ => (false, body, 0),
    };
    let pl = loc_of(&pct);
    let mut percent = decimal_text(digits, span(pl.start + skip, pl.end - 1))?;
    if neg {
        percent = Ratio::ZERO
            .checked_sub(percent)
            .ok_or_else(|| number_too_large(pl))?;
    }
    let of = k.find(|x| x.as_rule() == Rule::path).map(|x| path(&x));
    Ok(ShareLit { percent, of, loc })
}

fn quantity(p: Pair<'_, Rule>) -> Res<Quantity> {
    let loc = loc_of(&p);
    let mut negative = false;
    let mut signed = false;
    let mut value = Ratio::ZERO;
    let mut unit = QuantityUnit::Number;
    for k in p.into_inner() {
        match k.as_rule() {
            Rule::q_sign => {
                signed = true;
                negative = k.as_str() == "-";
            }
            Rule::q_ratio => {
                let kl = loc_of(&k);
                let mut r = k.into_inner();
                let (l, rt) = (next(&mut r, kl)?, next(&mut r, kl)?);
                let left = decimal(&l)?;
                let right = decimal(&rt)?;
                if left.is_zero() {
                    return Err(err_help(
                        loc_of(&l),
                        "a ratio's left side can't be 0",
                        "write a ratio such as `1:5` (five for every one)",
                    ));
                }
                value = right
                    .checked_div(left)
                    .ok_or_else(|| number_too_large(kl))?;
                unit = QuantityUnit::Ratio;
            }
            Rule::q_number => {
                let kl = loc_of(&k);
                for n in k.clone().into_inner() {
                    match n.as_rule() {
                        Rule::decimal => value = decimal(&n)?,
                        Rule::multiplier => {
                            value = value
                                .checked_mul(multiplier(&n, &k)?)
                                .ok_or_else(|| number_too_large(kl))?;
                        }
                        Rule::q_unit => {
                            unit = match n.as_str() {
                                "%" => QuantityUnit::Percent,
                                "x" | "X" | "×" => QuantityUnit::Times,
                                _ => QuantityUnit::Points,
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if negative {
        value = Ratio::ZERO
            .checked_sub(value)
            .ok_or_else(|| number_too_large(loc))?;
    }
    Ok(Quantity {
        value,
        unit,
        signed,
        loc,
    })
}

// ------------------------------------------------------------------ paths and assertions

fn path(p: &Pair<'_, Rule>) -> Path {
    let segments = p
        .as_str()
        .split('.')
        .map(|s| {
            if s == "*" {
                Segment::Wildcard
            } else {
                Segment::Name(s.to_string())
            }
        })
        .collect();
    Path {
        segments,
        loc: loc_of(p),
    }
}

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::infix(Rule::op_mul, Assoc::Left) | Op::infix(Rule::op_div, Assoc::Left))
});

fn value_expr(p: Pair<'_, Rule>) -> Res<Value> {
    let loc = loc_of(&p);
    let pairs = p.into_inner();
    if pairs.len() > 2 * MAX_TERMS {
        return Err(err(
            loc,
            format!("too long: at most {MAX_TERMS} values in one calculation"),
        ));
    }
    PRATT
        .map_primary(value_term)
        .map_infix(|left, op, right| {
            let (left, right) = (left?, right?);
            let op = match op.as_rule() {
                Rule::op_add => BinOp::Add,
                Rule::op_sub => BinOp::Sub,
                Rule::op_mul => BinOp::Mul,
                _ => BinOp::Div,
            };
            let loc = span(left.loc().start, right.loc().end);
            Ok(Value::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
                loc,
            })
        })
        .parse(pairs)
}

fn value_term(p: Pair<'_, Rule>) -> Res<Value> {
    let loc = loc_of(&p);
    match p.as_rule() {
        Rule::paren => {
            let inner = p
                .into_inner()
                .find(|k| k.as_rule() == Rule::value_expr)
                .ok_or_else(|| internal(loc))?;
            value_expr(inner)
        }
        Rule::call => {
            let mut k = p.into_inner();
            let f = next(&mut k, loc)?;
            let arg = k
                .find(|x| x.as_rule() == Rule::path)
                .ok_or_else(|| internal(loc))?;
            Ok(Value::Call {
                func: f.as_str().to_string(),
                func_loc: loc_of(&f),
                arg: path(&arg),
                loc,
            })
        }
        Rule::share => Ok(Value::Share(share(p)?)),
        Rule::money => {
            let m = money(p)?;
            if m.currency.is_some() {
                Ok(Value::Money(m))
            } else {
                Ok(Value::Number {
                    value: m.value,
                    loc: m.loc,
                })
            }
        }
        Rule::signed_number => {
            let t = p.as_str();
            let v = decimal_text(&t[1..], span(loc.start + 1, loc.end))?;
            let value = if t.starts_with('-') {
                Ratio::ZERO
                    .checked_sub(v)
                    .ok_or_else(|| number_too_large(loc))?
            } else {
                v
            };
            Ok(Value::Number { value, loc })
        }
        Rule::path => Ok(Value::Path(path(&p))),
        _ => Err(internal(loc)),
    }
}

fn assertion(p: Pair<'_, Rule>) -> Res<Assertion> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let left = value_expr(next(&mut k, loc)?)?;
    let op = next(&mut k, loc)?;
    let right = value_expr(next(&mut k, loc)?)?;
    let op = match op.as_str() {
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        ">" => CmpOp::Gt,
        ">=" => CmpOp::Ge,
        "==" => CmpOp::Eq,
        _ => CmpOp::Ne,
    };
    Ok(Assertion {
        left,
        op,
        right,
        loc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// How many times `entry` ran on this thread: the work an error costs.
        pub(super) static FULL_PARSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    fn dec(s: &str) -> Ratio {
        Ratio::parse_decimal(s).unwrap()
    }

    fn loc(start: usize, end: usize) -> Loc {
        Loc { start, end }
    }

    fn base(src: &str) -> DateBase {
        parse_date(src).unwrap().base
    }

    /// (negative, amount, unit) of each offset.
    fn offsets(o: &[Offset]) -> Vec<(bool, i64, Unit)> {
        o.iter()
            .map(|o| (o.negative, o.duration.amount, o.duration.unit))
            .collect()
    }

    fn name(parts: &[&str]) -> DateBase {
        DateBase::Name(parts.iter().map(|s| s.to_string()).collect())
    }

    fn error<T: std::fmt::Debug>(r: Result<T, ExprError>) -> ExprError {
        r.expect_err("expected an error")
    }

    // ---------------------------------------------------------------- dates

    #[test]
    fn iso_date() {
        let d = parse_date("2027-03-08").unwrap();
        assert_eq!(
            d.base,
            DateBase::Iso {
                year: 2027,
                month: 3,
                day: 8
            }
        );
        assert_eq!((d.base_loc, d.loc), (loc(0, 10), loc(0, 10)));
        assert!(d.offsets.is_empty());
    }

    #[test]
    fn iso_date_is_not_checked_against_the_calendar() {
        assert_eq!(
            base("2026-02-30"),
            DateBase::Iso {
                year: 2026,
                month: 2,
                day: 30
            }
        );
    }

    #[test]
    fn month_day() {
        assert_eq!(base("03-08"), DateBase::MonthDay { month: 3, day: 8 });
        let d = parse_date("03-08-7d").unwrap();
        assert_eq!(d.base, DateBase::MonthDay { month: 3, day: 8 });
        assert_eq!(offsets(&d.offsets), [(true, 7, Unit::Days)]);
    }

    #[test]
    fn names() {
        assert_eq!(base("spring_festival"), name(&["spring_festival"]));
        assert_eq!(base("春节"), name(&["春节"]));
        assert_eq!(base("双11"), name(&["双11"]));
        assert_eq!(base("sale_618"), name(&["sale_618"]));
        assert_eq!(base("summer.start"), name(&["summer", "start"]));
    }

    #[test]
    fn keywords_are_names_unless_followed_by_of() {
        assert_eq!(base("end_of_q1"), name(&["end_of_q1"]));
        assert_eq!(base("summer.end"), name(&["summer", "end"]));
        assert_eq!(base("start"), name(&["start"]));
        assert_eq!(base("last_call"), name(&["last_call"]));
        let d = parse_date("end + 3d").unwrap();
        assert_eq!(d.base, name(&["end"]));
        assert_eq!(offsets(&d.offsets), [(false, 3, Unit::Days)]);
    }

    #[test]
    fn nth_weekday_of_month() {
        assert_eq!(
            base("2nd sun of may"),
            DateBase::NthWeekday {
                n: 2,
                weekday: Weekday::Sun,
                month: 5
            }
        );
        assert_eq!(
            base("last FRI of November"),
            DateBase::NthWeekday {
                n: -1,
                weekday: Weekday::Fri,
                month: 11
            }
        );
        assert_eq!(
            base("5th wednesday of sept"),
            DateBase::NthWeekday {
                n: 5,
                weekday: Weekday::Wed,
                month: 9
            }
        );
    }

    #[test]
    fn boundaries() {
        let b = |end, period| DateBase::Boundary { end, period };
        assert_eq!(base("start of Q1"), b(false, Period::Quarter(1)));
        assert_eq!(base("end of q4"), b(true, Period::Quarter(4)));
        assert_eq!(base("end of mar"), b(true, Period::Month(3)));
        assert_eq!(base("End Of Year"), b(true, Period::Year));
    }

    #[test]
    fn iso_weeks() {
        let w = |week, weekday| DateBase::IsoWeek {
            year: 2027,
            week,
            weekday,
        };
        assert_eq!(base("2027-W12-wed"), w(12, Weekday::Wed));
        assert_eq!(base("2027-W12-3"), w(12, Weekday::Wed));
        assert_eq!(base("2027-w12-7"), w(12, Weekday::Sun));
        assert_eq!(base("2027-W12"), w(12, Weekday::Mon));
        // A digit glued to a unit is an offset, not a weekday.
        let d = parse_date("2027-W12-3d").unwrap();
        assert_eq!(d.base, w(12, Weekday::Mon));
        assert_eq!(offsets(&d.offsets), [(true, 3, Unit::Days)]);
    }

    #[test]
    fn offsets_with_and_without_spaces() {
        let a = parse_date("spring_festival-14d").unwrap();
        let b = parse_date("spring_festival - 14d").unwrap();
        assert_eq!(a.base, b.base);
        assert_eq!(offsets(&a.offsets), offsets(&b.offsets));
        assert_eq!(a.base_loc, loc(0, 15));
        assert_eq!(a.offsets[0].loc, loc(15, 19));
        assert_eq!(a.offsets[0].duration.loc, loc(16, 19));
        assert_eq!(b.offsets[0].loc, loc(16, 21));
        assert_eq!(b.loc, loc(0, 21));
    }

    #[test]
    fn several_offsets_and_all_units() {
        let d = parse_date("launch + 3wd - 1w + 2 days + 24h - 30min + 1 workday").unwrap();
        assert_eq!(
            offsets(&d.offsets),
            [
                (false, 3, Unit::Workdays),
                (true, 1, Unit::Weeks),
                (false, 2, Unit::Days),
                (false, 24, Unit::Hours),
                (true, 30, Unit::Minutes),
                (false, 1, Unit::Workdays),
            ]
        );
    }

    #[test]
    fn cjk_name_with_offsets_has_byte_locations() {
        let d = parse_date("春节 - 7d").unwrap();
        assert_eq!(d.base_loc, loc(0, 6));
        assert_eq!(d.offsets[0].loc, loc(7, 11));
        assert_eq!(d.loc, loc(0, 11));
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        let d = parse_date("  2027-03-08  ").unwrap();
        assert_eq!(d.loc, loc(2, 12));
    }

    #[test]
    fn a_period_is_not_a_date() {
        let e = error(parse_date("jul"));
        assert_eq!(e.message, "`jul` is a month, not a date");
        assert_eq!(
            e.help.as_deref(),
            Some("write `start of jul` or `end of jul`")
        );
        let e = error(parse_date("Q3 + 1d"));
        assert_eq!(
            (e.loc, e.message.as_str()),
            (loc(0, 2), "`Q3` is a quarter, not a date")
        );
        let e = error(parse_date("Q7"));
        assert_eq!(e.message, "there is no quarter `Q7`");
    }

    // ---------------------------------------------------------------- ranges

    #[test]
    fn range_between_dates() {
        let RangeExpr::Between { start, end, loc: l } =
            parse_range("2027-01-20 .. 2027-02-28").unwrap()
        else {
            panic!("not a range")
        };
        assert_eq!(start.loc, loc(0, 10));
        assert_eq!(l, loc(0, 24));
        let RangeEnd::Date(end) = end else {
            panic!("not a date end")
        };
        assert_eq!(
            end.base,
            DateBase::Iso {
                year: 2027,
                month: 2,
                day: 28
            }
        );
    }

    #[test]
    fn range_with_relative_end() {
        let RangeExpr::Between { start, end, .. } =
            parse_range("spring_festival-14d..+7d").unwrap()
        else {
            panic!("not a range")
        };
        assert_eq!(offsets(&start.offsets), [(true, 14, Unit::Days)]);
        let RangeEnd::Relative { offsets: o, loc: l } = end else {
            panic!("not relative")
        };
        assert_eq!(offsets(&o), [(false, 7, Unit::Days)]);
        assert_eq!(l, loc(21, 24));
        let RangeExpr::Between { end, .. } = parse_range("a..+2w - 1d").unwrap() else {
            panic!("not a range")
        };
        let RangeEnd::Relative { offsets: o, .. } = end else {
            panic!("not relative")
        };
        assert_eq!(
            offsets(&o),
            [(false, 2, Unit::Weeks), (true, 1, Unit::Days)]
        );
    }

    #[test]
    fn range_periods() {
        let p = |src: &str| match parse_range(src).unwrap() {
            RangeExpr::Period { period, .. } => period,
            other => panic!("{other:?}"),
        };
        assert_eq!(p("Q3"), Period::Quarter(3));
        assert_eq!(p("q1"), Period::Quarter(1));
        assert_eq!(p("jul"), Period::Month(7));
        assert_eq!(p("December"), Period::Month(12));
        assert_eq!(p("year"), Period::Year);
    }

    #[test]
    fn range_of_months() {
        assert_eq!(
            parse_range("jul..aug").unwrap(),
            RangeExpr::Months {
                from: 7,
                to: 8,
                loc: loc(0, 8)
            }
        );
    }

    #[test]
    fn periods_at_range_ends_mean_their_first_and_last_day() {
        let RangeExpr::Between { start, end, .. } = parse_range("Q1..Q2").unwrap() else {
            panic!("not a range")
        };
        assert_eq!(
            start.base,
            DateBase::Boundary {
                end: false,
                period: Period::Quarter(1)
            }
        );
        let RangeEnd::Date(end) = end else { panic!() };
        assert_eq!(
            end.base,
            DateBase::Boundary {
                end: true,
                period: Period::Quarter(2)
            }
        );
    }

    #[test]
    fn single_date_is_a_one_day_range() {
        let RangeExpr::Day(d) = parse_range("2nd sun of may").unwrap() else {
            panic!("not a day")
        };
        assert!(matches!(d.base, DateBase::NthWeekday { n: 2, .. }));
    }

    // ---------------------------------------------------------------- durations

    #[test]
    fn durations() {
        let d = |s: &str| {
            let d = parse_duration(s).unwrap();
            (d.amount, d.unit)
        };
        assert_eq!(d("3d"), (3, Unit::Days));
        assert_eq!(d("2w"), (2, Unit::Weeks));
        assert_eq!(d("3wd"), (3, Unit::Workdays));
        assert_eq!(d("24h"), (24, Unit::Hours));
        assert_eq!(d("30min"), (30, Unit::Minutes));
        assert_eq!(d("0d"), (0, Unit::Days));
        assert_eq!(d("3 days"), (3, Unit::Days));
        assert_eq!(d("1 hour"), (1, Unit::Hours));
        assert_eq!(parse_duration(" 3d ").unwrap().loc, loc(1, 3));
    }

    #[test]
    fn duration_errors() {
        let e = error(parse_duration("3"));
        assert_eq!(e.loc, loc(1, 1));
        assert!(e.message.starts_with("expected a unit"), "{}", e.message);
        let e = error(parse_duration("3dayz"));
        assert_eq!(e.message, "unknown unit `dayz`");
        assert_eq!(e.help.as_deref(), Some("did you mean `day`?"));
        let e = error(parse_duration("5m"));
        assert_eq!(e.help.as_deref(), Some("write `min` for minutes"));
        let e = error(parse_duration("99999999999999999999d"));
        assert_eq!(
            (e.loc, e.message.as_str()),
            (loc(0, 20), "number too large")
        );
    }

    // ---------------------------------------------------------------- recurrences

    fn freq(src: &str) -> Frequency {
        parse_recurrence(src).unwrap().frequency
    }

    fn weekly(interval: u32, days: &[Weekday]) -> Frequency {
        Frequency::Weekly {
            interval,
            days: days.to_vec(),
        }
    }

    #[test]
    fn weekly_recurrences() {
        use Weekday::*;
        assert_eq!(freq("every wed"), weekly(1, &[Wed]));
        assert_eq!(freq("every sat,sun"), weekly(1, &[Sat, Sun]));
        assert_eq!(freq("every sat, sun"), weekly(1, &[Sat, Sun]));
        assert_eq!(freq("every sat and sun"), weekly(1, &[Sat, Sun]));
        assert_eq!(freq("every 2 weeks on mon"), weekly(2, &[Mon]));
        assert_eq!(freq("every 2 weeks on mon,thu"), weekly(2, &[Mon, Thu]));
        assert_eq!(freq("every week on tuesday"), weekly(1, &[Tue]));
        assert_eq!(freq("weekly on wed"), weekly(1, &[Wed]));
        assert_eq!(freq("Every Monday"), weekly(1, &[Mon]));
        assert_eq!(freq("every 0 weeks on mon"), weekly(0, &[Mon]));
    }

    #[test]
    fn daily_recurrences() {
        assert_eq!(freq("every day"), Frequency::Daily { interval: 1 });
        assert_eq!(freq("daily"), Frequency::Daily { interval: 1 });
        assert_eq!(freq("every 3 days"), Frequency::Daily { interval: 3 });
        assert_eq!(freq("every weekday"), Frequency::Weekdays);
        assert_eq!(freq("every workday"), Frequency::Workdays);
    }

    #[test]
    fn monthly_recurrences() {
        let m = |interval, on| Frequency::Monthly { interval, on };
        assert_eq!(
            freq("monthly on 1st mon"),
            m(
                1,
                MonthDay::NthWeekday {
                    n: 1,
                    weekday: Weekday::Mon
                }
            )
        );
        assert_eq!(
            freq("monthly on last fri"),
            m(
                1,
                MonthDay::NthWeekday {
                    n: -1,
                    weekday: Weekday::Fri
                }
            )
        );
        assert_eq!(freq("monthly on 15th"), m(1, MonthDay::Day(15)));
        assert_eq!(
            freq("every 2 months on 1st mon"),
            m(
                2,
                MonthDay::NthWeekday {
                    n: 1,
                    weekday: Weekday::Mon
                }
            )
        );
        assert_eq!(freq("every month on 31st"), m(1, MonthDay::Day(31)));
    }

    #[test]
    fn recurrence_times() {
        let t = |s: &str| parse_recurrence(s).unwrap().time;
        let at = |hour, minute| Some(TimeOfDay { hour, minute });
        assert_eq!(t("every fri 20:00"), at(20, 0));
        assert_eq!(t("every fri at 20:00"), at(20, 0));
        assert_eq!(t("daily at 9:30"), at(9, 30));
        assert_eq!(t("every wed"), None);
    }

    #[test]
    fn recurrence_exceptions() {
        let r = parse_recurrence("every weekday except holidays").unwrap();
        assert_eq!(r.except, [Exception::Holidays]);
        let r = parse_recurrence("every wed except 10-01").unwrap();
        let [Exception::Date(d)] = r.except.as_slice() else {
            panic!("{:?}", r.except)
        };
        assert_eq!(d.base, DateBase::MonthDay { month: 10, day: 1 });
        let r = parse_recurrence("every fri 20:00 except holidays, 2026-02-18, national_day - 1d")
            .unwrap();
        assert_eq!(r.except.len(), 3);
        assert_eq!(r.except[0], Exception::Holidays);
        let Exception::Date(last) = &r.except[2] else {
            panic!()
        };
        assert_eq!(last.base, name(&["national_day"]));
        assert_eq!(offsets(&last.offsets), [(true, 1, Unit::Days)]);
        assert_eq!(r.loc, loc(0, 62));
    }

    #[test]
    fn recurrence_errors() {
        let e = error(parse_recurrence("every wedn"));
        assert_eq!(e.loc, loc(6, 10));
        assert_eq!(e.message, "unknown weekday `wedn`");
        assert_eq!(e.help.as_deref(), Some("did you mean `wed`?"));
        let e = error(parse_recurrence("every 2 weeks"));
        assert_eq!(e.message, "`every 2 weeks` needs a weekday");
        let e = error(parse_recurrence("monthly on mon"));
        assert_eq!(e.loc, loc(11, 14));
        let e = error(parse_recurrence("every fri 25:00"));
        assert_eq!(e.message, "`25:00` is not a time of day");
        let e = error(parse_recurrence("every"));
        assert_eq!(e.loc, loc(5, 5));
        assert!(
            e.message.starts_with("expected what repeats"),
            "{}",
            e.message
        );
        let e = error(parse_recurrence("every wed except"));
        assert!(e.message.contains("`holidays`"), "{}", e.message);
    }

    // ---------------------------------------------------------------- money

    fn money_of(src: &str) -> (Option<String>, Ratio) {
        let m = parse_money(src).unwrap();
        (m.currency, m.value)
    }

    #[test]
    fn money_without_currency() {
        assert_eq!(money_of("1_200_000"), (None, Ratio::int(1_200_000)));
        assert_eq!(money_of("1200000.50"), (None, dec("1200000.5")));
        assert_eq!(money_of("120万"), (None, Ratio::int(1_200_000)));
        assert_eq!(money_of("1.5亿"), (None, Ratio::int(150_000_000)));
        assert_eq!(money_of("2.5B"), (None, Ratio::int(2_500_000_000)));
        assert_eq!(money_of("3bn"), (None, Ratio::int(3_000_000_000)));
    }

    #[test]
    fn money_with_currency() {
        let cny = Some("CNY".to_string());
        assert_eq!(money_of("¥1.2M"), (cny.clone(), Ratio::int(1_200_000)));
        assert_eq!(money_of("￥30万"), (cny.clone(), Ratio::int(300_000)));
        assert_eq!(money_of("120万元"), (cny.clone(), Ratio::int(1_200_000)));
        assert_eq!(money_of("CNY 50k"), (cny.clone(), Ratio::int(50_000)));
        assert_eq!(money_of("50k CNY"), (cny, Ratio::int(50_000)));
        assert_eq!(money_of("$50k"), (Some("USD".into()), Ratio::int(50_000)));
        assert_eq!(money_of("€30k"), (Some("EUR".into()), Ratio::int(30_000)));
        assert_eq!(
            money_of("EUR 1.2M"),
            (Some("EUR".into()), Ratio::int(1_200_000))
        );
        assert_eq!(money_of("£5"), (Some("GBP".into()), Ratio::int(5)));
        assert_eq!(parse_money("¥1.2M").unwrap().loc, loc(0, 6));
    }

    #[test]
    fn money_errors() {
        let e = error(parse_money("1.2m"));
        assert_eq!((e.loc, e.message.as_str()), (loc(3, 4), "`m` is ambiguous"));
        let e = error(parse_money("1,200,000"));
        assert_eq!(e.loc, loc(1, 2));
        assert_eq!(e.help.as_deref(), Some("write `1200000` or `1_200_000`"));
        let e = error(parse_money("99999999999999999999999999999999999999亿"));
        assert_eq!(e.message, "number too large");
        let e = error(parse_money("999999999999999999999999999999999999999999999"));
        assert_eq!(e.message, "number too large");
        let e = error(parse_money("50 cny"));
        assert_eq!(
            e.help.as_deref(),
            Some("write currency codes in capitals: `CNY`")
        );
        let e = error(parse_money("¥5 USD"));
        assert_eq!(e.loc, loc(4, 7));
    }

    // ---------------------------------------------------------------- shares and amounts

    #[test]
    fn shares() {
        let s = parse_share("60%").unwrap();
        assert_eq!((s.percent, s.of, s.loc), (Ratio::int(60), None, loc(0, 3)));
        assert_eq!(parse_share("33.3%").unwrap().percent, dec("33.3"));
        assert_eq!(parse_share("0.5%").unwrap().percent, dec("0.5"));
        assert_eq!(parse_share("-5%").unwrap().percent, Ratio::int(-5));
        assert_eq!(parse_share("150%").unwrap().percent, Ratio::int(150));
        let s = parse_share("25% of budget.kol").unwrap();
        let of = s.of.unwrap();
        assert_eq!(
            of.segments,
            [Segment::Name("budget".into()), Segment::Name("kol".into())]
        );
        assert_eq!(of.loc, loc(7, 17));
        assert!(parse_share("25% of kol").unwrap().of.is_some());
        let e = error(parse_share("60"));
        assert_eq!(e.help.as_deref(), Some("a share needs `%`: write `60%`"));
    }

    #[test]
    fn amounts() {
        assert!(matches!(parse_amount("60%").unwrap(), Amount::Share(_)));
        assert!(matches!(
            parse_amount("25% of kol").unwrap(),
            Amount::Share(_)
        ));
        assert!(matches!(parse_amount("¥1.2M").unwrap(), Amount::Money(_)));
        assert!(matches!(
            parse_amount("1_200_000").unwrap(),
            Amount::Money(_)
        ));
    }

    // ---------------------------------------------------------------- quantities

    fn qty(src: &str) -> (Ratio, QuantityUnit, bool) {
        let q = parse_quantity(src).unwrap();
        (q.value, q.unit, q.signed)
    }

    #[test]
    fn quantities() {
        use QuantityUnit::{Number, Percent, Points, Times};
        assert_eq!(qty("3.2%"), (dec("3.2"), Percent, false));
        assert_eq!(qty("+35%"), (Ratio::int(35), Percent, true));
        assert_eq!(qty("-7%"), (Ratio::int(-7), Percent, true));
        assert_eq!(qty("+2.3pp"), (dec("2.3"), Points, true));
        assert_eq!(qty("12万"), (Ratio::int(120_000), Number, false));
        assert_eq!(qty("8.5万"), (Ratio::int(85_000), Number, false));
        assert_eq!(qty("2600"), (Ratio::int(2600), Number, false));
        assert_eq!(qty("2_600"), (Ratio::int(2600), Number, false));
        assert_eq!(qty("1:5"), (Ratio::int(5), QuantityUnit::Ratio, false));
        assert_eq!(
            qty("2:7"),
            (Ratio::new(7, 2).unwrap(), QuantityUnit::Ratio, false)
        );
        assert_eq!(qty("1.5x"), (dec("1.5"), Times, false));
        assert_eq!(qty("12万+"), (Ratio::int(120_000), Number, false));
    }

    #[test]
    fn quantity_errors() {
        let e = error(parse_quantity("2,600"));
        assert_eq!(e.loc, loc(1, 2));
        assert_eq!(e.message, "commas are not allowed in numbers");
        assert_eq!(e.help.as_deref(), Some("write `2600` or `2_600`"));
        let e = error(parse_quantity("0:5"));
        assert_eq!(e.loc, loc(0, 1));
        let e = error(parse_quantity("5 %"));
        assert_eq!(e.help.as_deref(), Some("remove the space before `%`"));
    }

    // ---------------------------------------------------------------- assertions

    fn path_of(parts: &[&str]) -> Vec<Segment> {
        parts
            .iter()
            .map(|p| {
                if *p == "*" {
                    Segment::Wildcard
                } else {
                    Segment::Name(p.to_string())
                }
            })
            .collect()
    }

    #[test]
    fn assertion_budget_rule() {
        let a = parse_assertion("sum(budget.ads.*) <= 60% of budget.total").unwrap();
        assert_eq!(a.op, CmpOp::Le);
        let Value::Call {
            func,
            func_loc,
            arg,
            loc: l,
        } = &a.left
        else {
            panic!("{:?}", a.left)
        };
        assert_eq!(func, "sum");
        assert_eq!((*func_loc, *l), (loc(0, 3), loc(0, 17)));
        assert_eq!(arg.segments, path_of(&["budget", "ads", "*"]));
        let Value::Share(s) = &a.right else {
            panic!("{:?}", a.right)
        };
        assert_eq!(s.percent, Ratio::int(60));
        assert_eq!(
            s.of.as_ref().unwrap().segments,
            path_of(&["budget", "total"])
        );
        assert_eq!(a.loc, loc(0, 40));
    }

    #[test]
    fn assertion_operators() {
        let op = |s: &str| parse_assertion(s).unwrap().op;
        assert_eq!(op("a < b"), CmpOp::Lt);
        assert_eq!(op("a<=b"), CmpOp::Le);
        assert_eq!(op("a > b"), CmpOp::Gt);
        assert_eq!(op("a >= b"), CmpOp::Ge);
        assert_eq!(op("a == b"), CmpOp::Eq);
        assert_eq!(op("a != b"), CmpOp::Ne);
    }

    #[test]
    fn assertion_arithmetic_precedence_and_parentheses() {
        let a = parse_assertion("a + b * 2 >= (c - d) / 2").unwrap();
        let Value::Binary {
            op: BinOp::Add,
            right,
            ..
        } = &a.left
        else {
            panic!("{:?}", a.left)
        };
        assert!(matches!(**right, Value::Binary { op: BinOp::Mul, .. }));
        let Value::Binary {
            op: BinOp::Div,
            left,
            loc: l,
            ..
        } = &a.right
        else {
            panic!("{:?}", a.right)
        };
        assert!(matches!(**left, Value::Binary { op: BinOp::Sub, .. }));
        assert_eq!(*l, loc(14, 24));
        // Left-associative: a - b - c is (a - b) - c.
        let a = parse_assertion("a - b - c == 0").unwrap();
        let Value::Binary { left, .. } = &a.left else {
            panic!()
        };
        assert!(matches!(**left, Value::Binary { op: BinOp::Sub, .. }));
    }

    #[test]
    fn assertion_values() {
        let right = |s: &str| parse_assertion(s).unwrap().right;
        assert!(matches!(right("a == ¥1.2M"), Value::Money(_)));
        assert!(matches!(right("a == CNY 5k"), Value::Money(_)));
        assert_eq!(
            right("a == 3"),
            Value::Number {
                value: Ratio::int(3),
                loc: loc(5, 6)
            }
        );
        assert!(matches!(right("a == 12万"), Value::Number { .. }));
        assert!(matches!(right("a >= -5"), Value::Number { value, .. } if value == Ratio::int(-5)));
        assert!(matches!(
            right("a <= 60%"),
            Value::Share(ShareLit { of: None, .. })
        ));
        assert!(matches!(
            right("a <= count(campaigns.*)"),
            Value::Call { .. }
        ));
        assert!(matches!(right("a <= budget.kol"), Value::Path(_)));
    }

    #[test]
    fn assertion_errors() {
        let e = error(parse_assertion("a = b"));
        assert_eq!(e.loc, loc(2, 3));
        assert_eq!(e.help.as_deref(), Some("write `==` to compare"));
        let e = error(parse_assertion("a < b < c"));
        assert_eq!((e.loc, e.message.as_str()), (loc(6, 7), "unexpected `<`"));
        let e = error(parse_assertion("(a + b <= c"));
        assert_eq!(e.loc, loc(7, 9));
        let e = error(parse_assertion("sum() < 3"));
        assert_eq!(e.loc, loc(4, 5));
        let deep = format!("{}a{} < 1", "(".repeat(40), ")".repeat(40));
        assert!(error(parse_assertion(&deep)).message.contains("nested"));
    }

    // ---------------------------------------------------------------- time, when, path

    #[test]
    fn times() {
        assert_eq!(
            parse_time("20:00").unwrap(),
            TimeOfDay {
                hour: 20,
                minute: 0
            }
        );
        assert_eq!(
            parse_time("9:05").unwrap(),
            TimeOfDay { hour: 9, minute: 5 }
        );
        assert!(parse_time("24:00").is_err());
        assert!(parse_time("12:60").is_err());
        assert!(parse_time("20").is_err());
    }

    #[test]
    fn when_picks_the_kind() {
        assert!(matches!(
            parse_when("every wed").unwrap(),
            When::Recurrence(_)
        ));
        assert!(matches!(
            parse_when("Daily at 9:00").unwrap(),
            When::Recurrence(_)
        ));
        assert!(matches!(
            parse_when("weekly on mon").unwrap(),
            When::Recurrence(_)
        ));
        assert!(matches!(
            parse_when("monthly on 15th").unwrap(),
            When::Recurrence(_)
        ));
        assert!(matches!(
            parse_when("Q3").unwrap(),
            When::Range(RangeExpr::Period { .. })
        ));
        assert!(matches!(
            parse_when("jul..aug").unwrap(),
            When::Range(RangeExpr::Months { .. })
        ));
        assert!(matches!(
            parse_when("a..+3d").unwrap(),
            When::Range(RangeExpr::Between { .. })
        ));
        assert!(matches!(
            parse_when("spring_festival - 7d").unwrap(),
            When::Date(_)
        ));
        assert!(matches!(parse_when("everyday").unwrap(), When::Date(_)));
    }

    #[test]
    fn paths() {
        let p = parse_path("budget.ads").unwrap();
        assert_eq!(p.segments, path_of(&["budget", "ads"]));
        assert_eq!(p.loc, loc(0, 10));
        assert_eq!(
            parse_path("ads.douyin_feed").unwrap().segments,
            path_of(&["ads", "douyin_feed"])
        );
        assert_eq!(
            parse_path("budget.ads.*").unwrap().segments,
            path_of(&["budget", "ads", "*"])
        );
        assert_eq!(
            parse_path("campaigns.618").unwrap().segments,
            path_of(&["campaigns", "618"])
        );
        assert!(parse_path("budget.").is_err());
        assert!(parse_path("*").is_err());
    }

    // ---------------------------------------------------------------- errors

    #[test]
    fn empty_expression() {
        for src in ["", "   ", "\t"] {
            assert_eq!(error(parse_date(src)).message, "empty expression");
            assert_eq!(error(parse_assertion(src)).message, "empty expression");
        }
    }

    #[test]
    fn error_after_chinese_text_is_located_in_bytes() {
        let e = error(parse_date("春节 +"));
        assert_eq!(e.loc, loc(8, 8));
        assert_eq!(
            e.message,
            "expected a duration such as `3d`, `2w`, `3wd`, `24h` or `30min`, found the end of the expression"
        );
        let e = error(parse_date("年货节..x"));
        assert_eq!((e.loc, e.message.as_str()), (loc(9, 11), "unexpected `..`"));
        let e = error(parse_range("年货节..x+"));
        assert_eq!(e.loc, loc(13, 13));
        let e = error(parse_date("春节 - 7dx"));
        assert_eq!(
            (e.loc, e.message.as_str()),
            (loc(10, 12), "unknown unit `dx`")
        );
        let e = error(parse_recurrence("every 周三"));
        assert_eq!(
            (e.loc, e.message.as_str()),
            (loc(6, 12), "unknown weekday `周三`")
        );
        let e = error(parse_date("春节 春节"));
        assert_eq!(
            (e.loc, e.message.as_str()),
            (loc(7, 13), "unexpected `春节`")
        );
    }

    #[test]
    fn unknown_words_get_suggestions() {
        let e = error(parse_date("2nd wedn of may"));
        assert_eq!(
            (e.loc, e.message.as_str()),
            (loc(4, 8), "unknown weekday `wedn`")
        );
        assert_eq!(e.help.as_deref(), Some("did you mean `wed`?"));
        let e = error(parse_date("last fri of novembr"));
        assert_eq!(e.help.as_deref(), Some("did you mean `november`?"));
        let e = error(parse_date("end of Q5"));
        assert_eq!(e.message, "unknown period `Q5`");
        let e = error(parse_date("6th sun of may"));
        assert_eq!(e.loc, loc(0, 3));
    }

    #[test]
    fn syntax_errors_never_name_grammar_rules() {
        let bad = [
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
        for src in bad {
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
                let text = format!("{} {}", e.message, e.help.unwrap_or_default());
                assert!(!text.contains('_') || text.contains("`"), "{src}: {text}");
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
                assert!(!e.message.ends_with('.'), "{src}: {}", e.message);
            }
        }
    }

    #[test]
    fn full_width_input_is_reported_with_its_ascii_spelling() {
        let e = error(parse_share("６０％"));
        assert_eq!(e.loc, loc(0, 3));
        assert_eq!(e.message, "full-width character `６`");
        assert_eq!(
            e.help.as_deref(),
            Some("write `60%` (ASCII characters instead of full-width ones)")
        );
        let e = error(parse_date("春节－７ｄ"));
        assert_eq!(e.loc, loc(6, 9));
        assert_eq!(
            e.help.as_deref(),
            Some("write `春节-7d` (ASCII characters instead of full-width ones)")
        );
        let e = error(parse_recurrence("every\u{3000}wed"));
        assert_eq!((e.loc, e.message.as_str()), (loc(5, 8), "full-width space"));
        assert_eq!(
            e.help.as_deref(),
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
        assert_eq!(e.message, "unexpected `w`");
        assert_eq!(e.loc, loc(17, 18));
        let parses = FULL_PARSES.with(std::cell::Cell::get);
        assert!(parses <= 2, "{parses} full parses for one error");
    }

    #[test]
    fn wan_typed_as_w_gets_the_character() {
        let help = |src: &str| error(parse_money(src)).help.unwrap_or_default();
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
            e.help.as_deref(),
            Some("write `200万` (`w` is short for 万, ten thousand)")
        );
        let e = error(parse_quantity("12w"));
        assert_eq!(
            e.help.as_deref(),
            Some("write `12万` (`w` is short for 万, ten thousand)")
        );
    }

    #[test]
    fn full_width_text_whose_ascii_is_still_wrong_gets_the_next_fix() {
        let e = error(parse_money("1，200，000"));
        assert_eq!(e.message, "full-width character `，`");
        assert_eq!(e.help.as_deref(), Some("write `1200000` or `1_200_000`"));
        let e = error(parse_money("６０％"));
        assert_eq!(
            e.help.as_deref(),
            Some("`60%` in ASCII would still be wrong: unexpected `%`")
        );
        let e = error(parse_money("２００w"));
        assert_eq!(
            e.help.as_deref(),
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
                for x in suggested(e.help.as_deref().unwrap_or("")) {
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

    // ---------------------------------------------------------------- properties

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Random capitalisation: keywords are case-insensitive.
        fn cased(word: &'static str) -> impl Strategy<Value = String> {
            proptest::collection::vec(any::<bool>(), word.len()).prop_map(move |up| {
                word.chars()
                    .zip(up)
                    .map(|(c, u)| if u { c.to_ascii_uppercase() } else { c })
                    .collect()
            })
        }

        fn sp() -> impl Strategy<Value = &'static str> {
            prop_oneof![Just(""), Just(" "), Just("  ")]
        }

        fn sp1() -> impl Strategy<Value = &'static str> {
            prop_oneof![Just(" "), Just("  "), Just("\t")]
        }

        fn weekday() -> impl Strategy<Value = (String, Weekday)> {
            proptest::sample::select(WEEKDAYS).prop_flat_map(|(w, d)| (cased(w), Just(d)))
        }

        fn month() -> impl Strategy<Value = (String, u32)> {
            proptest::sample::select(MONTHS).prop_flat_map(|(w, m)| (cased(w), Just(m)))
        }

        fn unit() -> impl Strategy<Value = (String, Unit)> {
            proptest::sample::select(UNITS).prop_flat_map(|(w, u)| (cased(w), Just(u)))
        }

        fn date_name() -> impl Strategy<Value = (String, DateBase)> {
            proptest::sample::select(
                &[
                    "spring_festival",
                    "春节",
                    "双11",
                    "sale_618",
                    "summer.start",
                    "summer.end",
                    "end_of_q1",
                    "年货节",
                    "launch",
                    "start",
                    "last",
                    "_draft",
                ][..],
            )
            .prop_map(|n| (n.to_string(), name(&n.split('.').collect::<Vec<_>>())))
        }

        fn period() -> impl Strategy<Value = (String, Period)> {
            prop_oneof![
                (1u8..=4, any::<bool>()).prop_map(|(q, up)| (
                    format!("{}{q}", if up { "Q" } else { "q" }),
                    Period::Quarter(q)
                )),
                month().prop_map(|(w, m)| (w, Period::Month(m))),
                cased("year").prop_map(|w| (w, Period::Year)),
            ]
        }

        fn ordinal() -> impl Strategy<Value = (String, i8)> {
            prop_oneof![
                Just(("1st".to_string(), 1)),
                Just(("2nd".to_string(), 2)),
                Just(("3rd".to_string(), 3)),
                Just(("4th".to_string(), 4)),
                Just(("5th".to_string(), 5)),
                cased("last").prop_map(|w| (w, -1)),
            ]
        }

        fn date_base() -> impl Strategy<Value = (String, DateBase)> {
            prop_oneof![
                (1000i32..=9999, 1u32..=12, 1u32..=31).prop_map(|(year, month, day)| (
                    format!("{year}-{month:02}-{day:02}"),
                    DateBase::Iso { year, month, day }
                )),
                (1u32..=12, 1u32..=31).prop_map(|(month, day)| (
                    format!("{month:02}-{day:02}"),
                    DateBase::MonthDay { month, day }
                )),
                date_name(),
                (ordinal(), weekday(), sp1(), month()).prop_map(|((o, n), (w, wd), s, (m, mo))| (
                    format!("{o}{s}{w} of {m}"),
                    DateBase::NthWeekday {
                        n,
                        weekday: wd,
                        month: mo
                    }
                )),
                (any::<bool>(), period()).prop_map(|(end, (p, period))| (
                    format!("{} of {p}", if end { "end" } else { "start" }),
                    DateBase::Boundary { end, period }
                )),
                (
                    2000i32..=2099,
                    1u32..=53,
                    prop_oneof![
                        Just(None),
                        (1u8..=7).prop_map(|n| Some((n.to_string(), n))),
                        weekday().prop_map(|(w, d)| Some((w, d.num_days_from_monday() as u8 + 1))),
                    ]
                )
                    .prop_map(|(year, week, day)| {
                        let (text, n) = match day {
                            None => (String::new(), 1),
                            Some((t, n)) => (format!("-{t}"), n),
                        };
                        (
                            format!("{year}-W{week:02}{text}"),
                            DateBase::IsoWeek {
                                year,
                                week,
                                weekday: Weekday::try_from(n - 1).unwrap(),
                            },
                        )
                    }),
            ]
        }

        type Offs = Vec<(bool, i64, Unit)>;

        fn offsets_strategy(min: usize) -> impl Strategy<Value = (String, Offs)> {
            proptest::collection::vec((any::<bool>(), 0i64..10_000, unit(), sp(), sp()), min..4)
                .prop_map(|v| {
                    let mut text = String::new();
                    let mut offs = Vec::new();
                    for (neg, n, (u, unit), s1, s2) in v {
                        // A unit word needs a space before it when it starts
                        // like a digit would not: always fine, numbers are digits.
                        text += &format!("{s1}{}{s2}{n}{u}", if neg { '-' } else { '+' });
                        offs.push((neg, n, unit));
                    }
                    (text, offs)
                })
        }

        fn date() -> impl Strategy<Value = (String, DateBase, Offs)> {
            (date_base(), offsets_strategy(0)).prop_map(|((b, base), (o, offs))| {
                // `2027-W12` followed by `-3d` must stay an offset: keep a space.
                let glue = if matches!(base, DateBase::IsoWeek { .. }) && !o.is_empty() {
                    " "
                } else {
                    ""
                };
                (format!("{b}{glue}{o}"), base, offs)
            })
        }

        fn weekday_list() -> impl Strategy<Value = (String, Vec<Weekday>)> {
            let days = proptest::collection::vec(weekday(), 1..4).prop_flat_map(|ds| {
                let n = ds.len();
                (
                    Just(ds),
                    proptest::collection::vec(
                        prop_oneof![Just(","), Just(", "), Just(" and "), Just(" , ")],
                        n,
                    ),
                )
            });
            days.prop_map(|(ds, seps)| {
                let mut text = String::new();
                for (i, (w, _)) in ds.iter().enumerate() {
                    if i > 0 {
                        text += seps[i];
                    }
                    text += w;
                }
                (text, ds.into_iter().map(|(_, d)| d).collect::<Vec<_>>())
            })
        }

        fn recurrence() -> impl Strategy<Value = (String, Frequency)> {
            let month_day = prop_oneof![
                (ordinal(), weekday()).prop_map(|((o, n), (w, weekday))| (
                    format!("{o} {w}"),
                    MonthDay::NthWeekday { n, weekday }
                )),
                (1u32..=31).prop_map(|d| (format!("{d}th"), MonthDay::Day(d))),
            ];
            prop_oneof![
                weekday_list().prop_map(|(t, days)| (
                    format!("every {t}"),
                    Frequency::Weekly { interval: 1, days }
                )),
                (0u32..100, weekday_list()).prop_map(|(n, (t, days))| (
                    format!("every {n} weeks on {t}"),
                    Frequency::Weekly { interval: n, days }
                )),
                weekday_list().prop_map(|(t, days)| (
                    format!("weekly on {t}"),
                    Frequency::Weekly { interval: 1, days }
                )),
                Just(("every day".to_string(), Frequency::Daily { interval: 1 })),
                Just(("daily".to_string(), Frequency::Daily { interval: 1 })),
                (1u32..100)
                    .prop_map(|n| (format!("every {n} days"), Frequency::Daily { interval: n })),
                Just(("every weekday".to_string(), Frequency::Weekdays)),
                Just(("every workday".to_string(), Frequency::Workdays)),
                (1u32..13, month_day).prop_map(|(n, (t, on))| (
                    if n == 1 {
                        format!("monthly on {t}")
                    } else {
                        format!("every {n} months on {t}")
                    },
                    Frequency::Monthly { interval: n, on }
                )),
            ]
        }

        fn money() -> impl Strategy<Value = (String, Option<&'static str>, Ratio)> {
            let mult = prop_oneof![
                Just(("", 1i128)),
                Just(("k", 1_000)),
                Just(("M", 1_000_000)),
                Just(("B", 1_000_000_000)),
                Just(("万", 10_000)),
                Just(("亿", 100_000_000)),
            ];
            let cur = prop_oneof![
                Just(("", "", None)),
                Just(("¥", "", Some("CNY"))),
                Just(("￥", "", Some("CNY"))),
                Just(("$", "", Some("USD"))),
                Just(("€", "", Some("EUR"))),
                Just(("£", "", Some("GBP"))),
                Just(("CNY ", "", Some("CNY"))),
                Just(("", " CNY", Some("CNY"))),
                Just(("", " USD", Some("USD"))),
                Just(("", "元", Some("CNY"))),
            ];
            (0u64..10_000_000, 0u32..100, any::<bool>(), mult, cur).prop_map(
                |(int, cents, frac, (m, factor), (pre, post, code))| {
                    let (text, value) = if frac {
                        (
                            format!("{int}.{cents:02}"),
                            Ratio::new(int as i128 * 100 + cents as i128, 100).unwrap(),
                        )
                    } else {
                        (int.to_string(), Ratio::int(int as i128))
                    };
                    let value = value.checked_mul(Ratio::int(factor)).unwrap();
                    (format!("{pre}{text}{m}{post}"), code, value)
                },
            )
        }

        /// Any valid expression with the parser that accepts it.
        fn any_valid() -> impl Strategy<Value = String> {
            prop_oneof![
                date().prop_map(|(t, _, _)| t),
                (date(), offsets_strategy(1)).prop_map(|((a, _, _), (o, _))| format!("{a}..{o}")),
                (date(), date()).prop_map(|((a, _, _), (b, _, _))| format!("{a} .. {b}")),
                recurrence().prop_map(|(t, _)| t),
                money().prop_map(|(t, _, _)| t),
                Just("sum(budget.ads.*) <= 60% of budget.total".to_string()),
                Just("a + b * 2 >= (c - d) / 2".to_string()),
                Just("every fri at 20:00 except holidays, 10-01".to_string()),
                Just("+2.3pp".to_string()),
                Just("12万+".to_string()),
                Just("25% of budget.kol".to_string()),
            ]
        }

        fn all_parsers(src: &str) -> Vec<Option<ExprError>> {
            vec![
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
                parse_when(src).err(),
                parse_path(src).err(),
            ]
        }

        fn check_error(src: &str, e: &ExprError) {
            assert!(
                e.loc.start <= e.loc.end && e.loc.end <= src.len(),
                "{src:?}: {e:?}"
            );
            assert!(src.is_char_boundary(e.loc.start), "{src:?}: {e:?}");
            assert!(src.is_char_boundary(e.loc.end), "{src:?}: {e:?}");
            assert!(!e.message.is_empty() && !e.message.ends_with('.'), "{e:?}");
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn generated_dates_parse((text, base, offs) in date()) {
                let d = parse_date(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e:?}")))?;
                prop_assert_eq!(d.base, base);
                prop_assert_eq!(offsets(&d.offsets), offs);
                prop_assert_eq!(d.loc, loc(0, text.len()));
            }

            #[test]
            fn generated_ranges_parse(
                (a, abase, _) in date(),
                (b, bbase, _) in date(),
                (rel, roffs) in offsets_strategy(1),
                s in sp(),
            ) {
                let text = format!("{a}{s}..{s}{b}");
                match parse_range(&text) {
                    Ok(RangeExpr::Between { start, end: RangeEnd::Date(end), .. }) => {
                        prop_assert_eq!(start.base, abase.clone());
                        prop_assert_eq!(end.base, bbase);
                    }
                    other => prop_assert!(false, "{text:?}: {other:?}"),
                }
                let text = format!("{a}..{rel}");
                match parse_range(&text) {
                    Ok(RangeExpr::Between { start, end: RangeEnd::Relative { offsets: o, .. }, .. }) => {
                        prop_assert_eq!(start.base, abase);
                        prop_assert_eq!(offsets(&o), roffs);
                    }
                    other => prop_assert!(false, "{text:?}: {other:?}"),
                }
            }

            #[test]
            fn generated_periods_parse((p, period) in period(), (m2, mo2) in month()) {
                let r = parse_range(&p).map_err(|e| TestCaseError::fail(format!("{p:?}: {e:?}")))?;
                let ok = matches!(r, RangeExpr::Period { period: q, .. } if q == period);
                prop_assert!(ok, "{:?} gave {:?}", p, r);
                if let Period::Month(m) = period {
                    let text = format!("{p}..{m2}");
                    prop_assert_eq!(
                        parse_range(&text).ok(),
                        Some(RangeExpr::Months { from: m, to: mo2, loc: loc(0, text.len()) })
                    );
                }
            }

            #[test]
            fn generated_recurrences_parse(
                (text, frequency) in recurrence(),
                time in proptest::option::of((0u32..24, 0u32..60, any::<bool>())),
                except in proptest::option::of(proptest::collection::vec(
                    prop_oneof![Just("holidays".to_string()), date().prop_map(|(t, _, _)| t)], 1..4)),
            ) {
                let mut src = text;
                if let Some((h, m, at)) = time {
                    src += &format!("{}{h}:{m:02}", if at { " at " } else { " " });
                }
                if let Some(list) = &except {
                    src += &format!(" except {}", list.join(", "));
                }
                let r = parse_recurrence(&src).map_err(|e| TestCaseError::fail(format!("{src:?}: {e:?}")))?;
                prop_assert_eq!(r.frequency, frequency);
                prop_assert_eq!(r.time, time.map(|(hour, minute, _)| TimeOfDay { hour, minute }));
                prop_assert_eq!(r.except.len(), except.map_or(0, |l| l.len()));
                prop_assert!(matches!(parse_when(&src), Ok(When::Recurrence(_))));
            }

            #[test]
            fn generated_money_parses((text, code, value) in money()) {
                let m = parse_money(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e:?}")))?;
                prop_assert_eq!(m.currency.as_deref(), code);
                prop_assert_eq!(m.value, value);
                prop_assert!(matches!(parse_amount(&text), Ok(Amount::Money(_))));
            }

            #[test]
            fn generated_durations_parse(n in 0i64..1_000_000, (u, unit) in unit(), s in sp()) {
                let text = format!("{n}{s}{u}");
                let d = parse_duration(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e:?}")))?;
                prop_assert_eq!((d.amount, d.unit), (n, unit));
            }

            #[test]
            fn mutated_expressions_never_panic(
                src in any_valid(),
                edits in proptest::collection::vec((any::<bool>(), any::<proptest::sample::Index>(), proptest::sample::select(&[
                    ' ', '.', '-', '+', ',', '%', '(', ')', '*', ':', '¥', 'W', 'x', '0', '9',
                    '春', '节', '６', '％', '\u{3000}', '_', 'é', '𝄞', '元', '万', '<', '=',
                ][..])), 1..4),
            ) {
                let mut chars: Vec<char> = src.chars().collect();
                for (insert, at, c) in edits {
                    if insert {
                        let i = at.index(chars.len() + 1);
                        chars.insert(i, c);
                    } else if !chars.is_empty() {
                        let i = at.index(chars.len());
                        chars.remove(i);
                    }
                }
                let text: String = chars.into_iter().collect();
                for e in all_parsers(&text).into_iter().flatten() {
                    check_error(&text, &e);
                }
            }

            #[test]
            fn arbitrary_strings_never_panic(text in "\\PC{0,40}") {
                for e in all_parsers(&text).into_iter().flatten() {
                    check_error(&text, &e);
                }
            }
        }
    }
}
