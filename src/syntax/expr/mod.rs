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
//!
//! The parser is split by what it reads: `date` (dates, offsets,
//! durations, ranges), `recurrence` (with times of day), `number` (money,
//! shares, quantities) and `assertion` (user rules and the dotted names
//! they use), over the word tables of `words`; `zh` reads the Chinese
//! forms (`春节前7天`, `3月8日`, `每周三 节假日除外`) into the same trees as
//! their English twins; `errors` turns pest's failures into messages. This
//! file holds the entry points, one per kind of expression, and the small
//! helpers they all share.

use pest::Parser;
use pest::iterators::{Pair, Pairs};

use crate::format::ExprKind;
use crate::locale::Msg;
use crate::syntax::ast::{
    Amount, Assertion, DateExpr, Duration, ExprError, Loc, MoneyLit, Path, Quantity, RangeExpr,
    Recurrence, ShareLit, TimeOfDay, When,
};
use crate::tr;

mod assertion;
mod date;
mod errors;
mod number;
mod recurrence;
mod words;
mod zh;
pub use words::{MONTHS, WEEKDAYS};

mod grammar {
    // The derive resolves the path against the crate root (CARGO_MANIFEST_DIR)
    // first, then against `src/`; `grammar/expr.pest` sits at the crate root.
    #[derive(pest_derive::Parser)]
    #[grammar = "grammar/expr.pest"]
    pub struct ExprParser;
}

use grammar::{ExprParser, Rule};

type Res<T> = Result<T, ExprError>;

// ------------------------------------------------------------------ public API

/// A date: `2027-03-08`, `03-08`, `spring_festival - 7d`, `2nd sun of may`,
/// `end of Q1`, `2027-W12-wed`.
pub fn parse_date(src: &str) -> Result<DateExpr, ExprError> {
    let p = entry(Rule::date_entry, src)?;
    match date::date_item(p)? {
        date::DateItem::Date(d) => Ok(d),
        date::DateItem::Period { period, loc } => {
            Err(date::period_not_date(src, loc, period, false))
        }
    }
}

/// A range: `a..b`, `a..+7d`, `Q3`, `jul`, `jul..aug`, `year`, or a single
/// date (a one-day range).
pub fn parse_range(src: &str) -> Result<RangeExpr, ExprError> {
    date::range(entry(Rule::range_entry, src)?)
}

/// `3d`, `2w`, `3wd`, `24h`, `30min`.
pub fn parse_duration(src: &str) -> Result<Duration, ExprError> {
    date::duration(entry(Rule::duration_entry, src)?)
}

/// `every wed`, `every fri 20:00`, `every 2 weeks on mon`, `monthly on 1st mon`,
/// `every weekday except holidays`.
pub fn parse_recurrence(src: &str) -> Result<Recurrence, ExprError> {
    recurrence::recurrence(entry(Rule::recurrence_entry, src)?)
}

/// `1_200_000`, `¥1.2M`, `120万元`, `1.5亿`, `CNY 50k`, `50k CNY`, `$50k`.
pub fn parse_money(src: &str) -> Result<MoneyLit, ExprError> {
    number::money(entry(Rule::money_entry, src)?)
}

/// `60%`, `33.3%`, `25% of kol`, `25% of budget.kol`.
pub fn parse_share(src: &str) -> Result<ShareLit, ExprError> {
    number::share(entry(Rule::share_entry, src)?)
}

/// Money or a share.
pub fn parse_amount(src: &str) -> Result<Amount, ExprError> {
    let p = entry(Rule::amount_entry, src)?;
    match p.as_rule() {
        Rule::share => Ok(Amount::Share(number::share(p)?)),
        _ => Ok(Amount::Money(number::money(p)?)),
    }
}

/// A KPI value: `3.2%`, `+35%`, `+2.3pp`, `12万`, `2600`, `1:5`, `1.5x`, `12万+`.
pub fn parse_quantity(src: &str) -> Result<Quantity, ExprError> {
    number::quantity(entry(Rule::quantity_entry, src)?)
}

/// A user rule: `sum(budget.ads.*) <= 60% of budget.total`.
pub fn parse_assertion(src: &str) -> Result<Assertion, ExprError> {
    assertion::assertion(entry(Rule::assertion_entry, src)?)
}

/// `20:00`, `9:30`.
pub fn parse_time(src: &str) -> Result<TimeOfDay, ExprError> {
    recurrence::time(entry(Rule::time_entry, src)?)
}

/// Whatever `almanac when` accepts: a recurrence when the text starts with
/// `every`, `daily`, `weekly` or `monthly`, or reads as a Chinese one
/// (`每周三`, `隔周周一`, `工作日`); otherwise a range when it has `..` or is
/// a period (`Q3`, `jul`, `year`); otherwise a date.
pub fn parse_when(src: &str) -> Result<When, ExprError> {
    let t = src.trim_start();
    // `每周三` is a recurrence (and `每周八` a wrong one); a plan's own
    // `每日优选`, which the recurrence grammar does not read, is a name.
    if ["每", "隔周", "工作日"].iter().any(|w| t.starts_with(w))
        && (ExprParser::parse(Rule::recurrence_entry, src).is_ok() || parse_range(src).is_err())
    {
        return parse_recurrence(src).map(When::Recurrence);
    }
    let first: String = t
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
    Ok(assertion::path(&entry(Rule::path_entry, src)?))
}

// ------------------------------------------------------------------ entry and shared helpers

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

fn err(loc: Loc, message: Msg) -> ExprError {
    ExprError {
        loc,
        message,
        help: None,
        fix: None,
    }
}

fn err_help(loc: Loc, message: Msg, help: Msg) -> ExprError {
    ExprError {
        loc,
        message,
        help: Some(Box::new(help)),
        fix: None,
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
        tr!(
            "内部错误：表达式解析器遇到了意料之外的结构",
            "internal error: the expression parser met an unexpected shape"
        ),
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

/// Parses `src` with an entry rule and returns the entry's first child (the
/// expression, without `EOI`).
fn entry(rule: Rule, src: &str) -> Res<Pair<'_, Rule>> {
    #[cfg(test)]
    tests::FULL_PARSES.with(|n| n.set(n.get() + 1));
    errors::precheck(rule, src)?;
    let whole = span(0, src.len());
    let mut pairs = ExprParser::parse(rule, src).map_err(|e| errors::syntax_error(rule, src, e))?;
    let top = pairs.next().ok_or_else(|| internal(whole))?;
    top.into_inner().next().ok_or_else(|| internal(whole))
}

#[cfg(test)]
mod props_tests;
#[cfg(test)]
mod zh_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ratio::Ratio;
    use crate::syntax::ast::{DateBase, Offset, Unit};

    thread_local! {
        /// How many times `entry` ran on this thread: the work an error costs.
        pub(super) static FULL_PARSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    pub(super) fn dec(s: &str) -> Ratio {
        Ratio::parse_decimal(s).unwrap()
    }

    pub(super) fn loc(start: usize, end: usize) -> Loc {
        Loc { start, end }
    }

    pub(super) fn base(src: &str) -> DateBase {
        parse_date(src).unwrap().base
    }

    /// (negative, amount, unit) of each offset.
    pub(super) fn offsets(o: &[Offset]) -> Vec<(bool, i64, Unit)> {
        o.iter()
            .map(|o| (o.negative, o.duration.amount, o.duration.unit))
            .collect()
    }

    pub(super) fn name(parts: &[&str]) -> DateBase {
        DateBase::Name(parts.iter().map(std::string::ToString::to_string).collect())
    }

    pub(super) fn error<T: std::fmt::Debug>(r: Result<T, ExprError>) -> ExprError {
        r.expect_err("expected an error")
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
}
