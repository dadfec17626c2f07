//! `RawFile`: what one file says, section by section, with every value's
//! span. Expressions are already parsed (their syntax errors reported) but
//! nothing is evaluated and no name is looked up: a fragment can mention a
//! channel that another file declares. `resolve` merges the raw files of a
//! plan and gives them meaning.

use chrono::Weekday;

use crate::model::Ident;
use crate::source::{FileId, Span};
use crate::syntax::ast::{
    Amount, Assertion, DateExpr, Duration, MoneyLit, Quantity, RangeExpr, Recurrence, ShareLit,
};
use crate::syntax::strlit::StrSrc;

/// A string value and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Str {
    pub text: String,
    pub src: StrSrc,
}

impl Str {
    pub fn span(&self) -> Span {
        self.src.span
    }
}

/// A parsed expression and the string it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr<T> {
    pub node: T,
    pub src: StrSrc,
}

impl<T> Expr<T> {
    pub fn span(&self) -> Span {
        self.src.span
    }
}

/// A plain value and its span.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct RawFile {
    pub file: FileId,
    pub includes: Vec<Str>,
    pub plan: Option<RawMeta>,
    pub holidays: Vec<RawHoliday>,
    pub people: Vec<RawPerson>,
    pub channels: Vec<RawChannel>,
    pub budget: Option<RawBudget>,
    pub campaigns: Vec<RawCampaign>,
    pub columns: Vec<RawColumn>,
    pub moments: Vec<RawMoment>,
    pub blackouts: Vec<RawBlackout>,
    pub review: Vec<RawReviewLevel>,
    pub reserve: Option<RawReserve>,
    pub kpis: Vec<RawKpi>,
    pub kol: Option<RawKol>,
    pub highlights: Vec<RawHighlight>,
    pub audiences: Vec<RawAudience>,
    pub guidelines: Vec<RawGuideline>,
    pub rules: Vec<RawRuleSetting>,
    pub assertions: Vec<RawAssertion>,
    pub effort: Option<RawEffort>,
}

/// `[effort]`: default hours of work per kind of item.
#[derive(Clone, Debug)]
pub struct RawEffort {
    pub span: Span,
    pub task: Option<Expr<Duration>>,
    pub episode: Option<Expr<Duration>>,
    pub review: Option<Expr<Duration>>,
}

#[derive(Clone, Debug, Default)]
pub struct RawMeta {
    /// The `plan` key of the `[plan]` header.
    pub span: Span,
    pub id: Option<Str>,
    pub name: Option<Str>,
    pub year: Option<Sp<i64>>,
    pub period: Option<Expr<RangeExpr>>,
    pub timezone: Option<Str>,
    pub currency: Option<Str>,
    pub locale: Option<Str>,
    pub calendar: Option<Str>,
    pub working_week: Option<Sp<Vec<Weekday>>>,
    pub previous: Option<Str>,
    pub theme: Option<Str>,
    pub key_messages: Vec<Str>,
    pub threads: Vec<Str>,
    pub description: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawHoliday {
    pub id: Ident,
    pub name: Option<Str>,
    pub off: Vec<Expr<RangeExpr>>,
    pub workdays: Vec<Expr<DateExpr>>,
}

#[derive(Clone, Debug)]
pub struct RawPerson {
    pub id: Ident,
    pub name: Option<Str>,
    pub role: Option<Str>,
    pub capacity: Option<Expr<Duration>>,
}

#[derive(Clone, Debug)]
pub struct RawChannel {
    pub id: Ident,
    pub name: Option<Str>,
    pub followers: Option<Expr<Quantity>>,
    pub slots_per_week: Option<Sp<i64>>,
    pub max_per_day: Option<Sp<i64>>,
    pub note: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawBudget {
    pub span: Span,
    pub total: Option<Expr<MoneyLit>>,
    /// What was spent in all (a review's actual).
    pub spent: Option<Expr<MoneyLit>>,
    pub name: Option<Str>,
    pub note: Option<Str>,
    pub lines: Vec<RawLine>,
}

#[derive(Clone, Debug)]
pub struct RawLine {
    pub id: Ident,
    /// `ads.douyin_feed`.
    pub path: String,
    pub name: Option<Str>,
    pub amount: Option<Expr<Amount>>,
    /// An amount or share was written (`amount` is `None` if it was invalid).
    pub given: bool,
    /// What was spent on the line (a review's actual).
    pub spent: Option<Expr<MoneyLit>>,
    pub note: Option<Str>,
    pub children: Vec<RawLine>,
}

#[derive(Clone, Debug)]
pub struct RawDraw {
    /// The budget line's path, as written.
    pub line: String,
    pub line_span: Span,
    pub amount: Expr<Amount>,
}

#[derive(Clone, Debug)]
pub struct RawCampaign {
    pub id: Ident,
    pub name: Option<Str>,
    pub window: Option<Expr<RangeExpr>>,
    pub channels: Vec<Str>,
    pub owner: Option<Str>,
    pub flagship: Option<Sp<bool>>,
    pub messages: Vec<Str>,
    pub description: Option<Str>,
    pub budget: Vec<RawDraw>,
    pub kpis: Vec<(Ident, Expr<Quantity>)>,
    pub tasks: Vec<RawTask>,
}

#[derive(Clone, Debug)]
pub struct RawTask {
    pub id: Ident,
    pub name: Option<Str>,
    pub owner: Option<Str>,
    pub role: Option<Str>,
    pub accountable: Option<Str>,
    pub consulted: Vec<Str>,
    pub informed: Vec<Str>,
    pub due: Option<Expr<DateExpr>>,
    /// `due` was written `after X + …`: X is a dependency like those in `after`.
    pub due_after: bool,
    pub after: Vec<Str>,
    pub duration: Option<Expr<Duration>>,
    pub effort: Option<Expr<Duration>>,
    /// The task publishes content (on `channels`, or the campaign's).
    pub publish: Option<Sp<bool>>,
    pub channels: Vec<Str>,
    /// The review level this task performs (`final`).
    pub review: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawColumn {
    pub id: Ident,
    pub name: Option<Str>,
    pub channel: Option<Str>,
    pub owner: Option<Str>,
    pub every: Option<Expr<Recurrence>>,
    pub during: Option<Expr<RangeExpr>>,
    pub skip: Vec<Expr<DateExpr>>,
    pub pause: Vec<Expr<RangeExpr>>,
    /// `moves = { "10-07" = "10-09" }`: an occurrence moved to another day.
    pub moves: Vec<(Expr<DateExpr>, Expr<DateExpr>)>,
    /// `holidays = "publish"`: the column publishes on holidays on purpose.
    pub holidays: Option<Str>,
    pub category: Option<Str>,
    pub effort: Option<Expr<Duration>>,
    pub description: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawMoment {
    pub id: Ident,
    pub name: Option<Str>,
    pub date: Option<Expr<RangeExpr>>,
    pub channels: Vec<Str>,
    pub content: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawBlackout {
    pub id: Ident,
    pub reason: Option<Str>,
    pub date: Option<Expr<RangeExpr>>,
    pub channels: Vec<Str>,
}

#[derive(Clone, Debug)]
pub struct RawReviewLevel {
    pub id: Ident,
    pub name: Option<Str>,
    pub checks: Option<Str>,
    pub lead: Option<Expr<Duration>>,
    pub response: Option<Expr<Duration>>,
    pub owner: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawReserve {
    pub span: Span,
    pub share: Option<Expr<ShareLit>>,
    pub purpose: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawKpi {
    pub id: Ident,
    pub name: Option<Str>,
    pub direction: Option<Str>,
    pub baseline: Option<Expr<Quantity>>,
    pub target: Option<Expr<Quantity>>,
    pub actual: Option<Expr<Quantity>>,
    pub channel: Option<Str>,
    pub part_of: Option<Str>,
    pub group: Option<Str>,
    pub note: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawKol {
    pub span: Span,
    pub budget: Option<Str>,
    pub pyramid: Vec<(Ident, Expr<ShareLit>)>,
    pub criteria: Vec<(Ident, Expr<Quantity>)>,
}

#[derive(Clone, Debug)]
pub struct RawHighlight {
    pub id: Ident,
    pub name: Option<Str>,
    pub channels: Vec<Str>,
    pub results: Vec<Str>,
}

#[derive(Clone, Debug)]
pub struct RawAudience {
    pub id: Ident,
    pub name: Option<Str>,
    pub messages: Vec<Str>,
}

#[derive(Clone, Debug)]
pub struct RawGuideline {
    pub id: Ident,
    pub text: Option<Str>,
    pub within: Option<Expr<Duration>>,
}

#[derive(Clone, Debug)]
pub struct RawRuleSetting {
    /// A code (`B001`) or a name (`budget-shares`).
    pub key: Ident,
    pub severity: Option<Str>,
    pub options: Vec<(Ident, Expr<Quantity>)>,
}

#[derive(Clone, Debug)]
pub struct RawAssertion {
    pub id: Ident,
    pub expr: Option<Expr<Assertion>>,
    pub message: Option<Str>,
}
