//! `RawFile`: what one file says, section by section, with every value's
//! span. Expressions are already parsed (their syntax errors reported) but
//! nothing is evaluated and no name is looked up: a fragment can mention a
//! channel that another file declares. `resolve` merges the raw files of a
//! plan and gives them meaning.

use chrono::Weekday;

use crate::source::Ident;
use crate::source::{FileId, Span, Spanned};
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

/// A key's value as the reader found it. `Unknown` is a value that was
/// written but could not be read (a syntax error, a wrong type): its
/// diagnostic is already out, so whatever depends on it must stay silent
/// rather than take it for absent (a total that failed to parse is not a
/// budget without a total) or for zero. Every single value the schema
/// parses is a `Val`; lists hold one per entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Val<T> {
    #[default]
    Absent,
    /// Written here, unreadable.
    Unknown(Span),
    Known(T),
}

impl<T> Val<T> {
    /// `Known` for `Some`, `Unknown` at `span` for `None` (a value that was
    /// present and reported as unreadable).
    pub fn read(span: Span, value: Option<T>) -> Val<T> {
        match value {
            Some(v) => Val::Known(v),
            None => Val::Unknown(span),
        }
    }

    pub fn known(&self) -> Option<&T> {
        match self {
            Val::Known(v) => Some(v),
            _ => None,
        }
    }

    /// Written, readable or not.
    pub fn is_given(&self) -> bool {
        !matches!(self, Val::Absent)
    }
}

#[derive(Clone, Debug, Default)]
pub struct RawFile {
    pub file: FileId,
    /// `include` entries; an unreadable one (`include = 5`) is `Unknown`.
    pub includes: Vec<Val<Str>>,
    pub plan: Option<RawMeta>,
    pub holidays: Vec<RawHoliday>,
    pub people: Vec<RawPerson>,
    pub channels: Vec<RawChannel>,
    pub budget: Option<RawBudget>,
    pub campaigns: Vec<RawCampaign>,
    pub columns: Vec<RawColumn>,
    /// `[rituals]`, read like columns that publish nothing.
    pub rituals: Vec<RawColumn>,
    pub moments: Vec<RawMoment>,
    pub blackouts: Vec<RawBlackout>,
    pub review: Vec<RawReviewLevel>,
    pub reserve: Option<RawReserve>,
    pub kpis: Vec<RawKpi>,
    pub kol: Option<RawKol>,
    pub highlights: Vec<RawHighlight>,
    pub audiences: Vec<RawAudience>,
    pub guidelines: Vec<RawGuideline>,
    pub sections: Vec<RawSection>,
    pub rules: Vec<RawRuleSetting>,
    pub assertions: Vec<RawAssertion>,
    pub effort: Option<RawEffort>,
}

/// `[effort]`: default hours of work per kind of item.
#[derive(Clone, Debug)]
pub struct RawEffort {
    pub span: Span,
    pub task: Val<Expr<Duration>>,
    pub episode: Val<Expr<Duration>>,
    pub review: Val<Expr<Duration>>,
}

#[derive(Clone, Debug, Default)]
pub struct RawMeta {
    /// The `plan` key of the `[plan]` header.
    pub span: Span,
    pub id: Option<Str>,
    pub name: Option<Str>,
    pub year: Val<Spanned<i64>>,
    pub period: Val<Expr<RangeExpr>>,
    pub timezone: Option<Str>,
    pub currency: Option<Str>,
    pub locale: Option<Str>,
    pub calendar: Option<Str>,
    pub working_week: Option<Spanned<Vec<Weekday>>>,
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
    pub off: Vec<Val<Expr<RangeExpr>>>,
    pub workdays: Vec<Val<Expr<DateExpr>>>,
}

#[derive(Clone, Debug)]
pub struct RawPerson {
    pub id: Ident,
    pub name: Option<Str>,
    pub role: Option<Str>,
    pub capacity: Val<Expr<Duration>>,
}

#[derive(Clone, Debug)]
pub struct RawChannel {
    pub id: Ident,
    pub name: Option<Str>,
    pub followers: Val<Expr<Quantity>>,
    pub slots_per_week: Val<Spanned<i64>>,
    pub max_per_day: Val<Spanned<i64>>,
    pub note: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawBudget {
    pub span: Span,
    pub total: Val<Expr<MoneyLit>>,
    /// What was spent in all (a review's actual).
    pub spent: Val<Expr<MoneyLit>>,
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
    /// The amount or share; `Unknown` also for a misspelt `share`/`amount` key.
    pub amount: Val<Expr<Amount>>,
    /// Given beside its id (`ads = "60%"`), not as a table with `amount`
    /// or `share`.
    pub shorthand: bool,
    /// What was spent on the line (a review's actual).
    pub spent: Val<Expr<MoneyLit>>,
    pub note: Option<Str>,
    pub children: Vec<RawLine>,
}

#[derive(Clone, Debug)]
pub struct RawDraw {
    /// The budget line's path, as written.
    pub line: String,
    pub line_span: Span,
    pub amount: Val<Expr<Amount>>,
}

#[derive(Clone, Debug)]
pub struct RawCampaign {
    pub id: Ident,
    pub name: Option<Str>,
    pub window: Val<Expr<RangeExpr>>,
    pub channels: Vec<Str>,
    pub owner: Option<Str>,
    pub flagship: Option<Spanned<bool>>,
    pub messages: Vec<Str>,
    pub description: Option<Str>,
    pub budget: Vec<RawDraw>,
    pub kpis: Vec<(Ident, Val<Expr<Quantity>>)>,
    pub tasks: Vec<RawTask>,
    pub results: Option<RawResults>,
}

/// A campaign's or a column's `results` (a review's actuals): the keys the
/// format allows for each; the others stay absent.
#[derive(Clone, Debug, Default)]
pub struct RawResults {
    pub span: Span,
    pub reach: Val<Expr<Quantity>>,
    pub engagement: Val<Expr<Quantity>>,
    pub conversions: Val<Expr<Quantity>>,
    pub leads: Val<Expr<Quantity>>,
    pub spent: Val<Expr<MoneyLit>>,
    pub episodes: Val<Spanned<i64>>,
    pub avg_reads: Val<Expr<Quantity>>,
    pub avg_plays: Val<Expr<Quantity>>,
    /// Per channel id (campaigns only).
    pub channels: Vec<(Ident, RawResults)>,
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
    pub due: Val<Expr<DateExpr>>,
    /// `due` was written `after X + …`: X is a dependency like those in `after`.
    pub due_after: bool,
    pub after: Vec<Str>,
    pub duration: Val<Expr<Duration>>,
    pub effort: Val<Expr<Duration>>,
    /// The task publishes content (on `channels`, or the campaign's).
    pub publish: Option<Spanned<bool>>,
    pub channels: Vec<Str>,
    /// The review level this task performs (`final`).
    pub review: Option<Str>,
    /// The budget line that pays for it (`kol.waist`).
    pub budget: Option<Str>,
    /// The label its published content carries (`广告`).
    pub label: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawColumn {
    pub id: Ident,
    pub name: Option<Str>,
    pub channel: Option<Str>,
    pub owner: Option<Str>,
    pub every: Val<Expr<Recurrence>>,
    pub during: Val<Expr<RangeExpr>>,
    pub skip: Vec<Val<Expr<DateExpr>>>,
    pub pause: Vec<Val<Expr<RangeExpr>>>,
    /// `moves = { "10-07" = "10-09" }`: an occurrence moved to another day.
    pub moves: Vec<Val<(Expr<DateExpr>, Expr<DateExpr>)>>,
    /// `holidays = "publish"`: the column publishes on holidays on purpose.
    pub holidays: Option<Str>,
    pub category: Option<Str>,
    pub effort: Val<Expr<Duration>>,
    pub description: Option<Str>,
    /// The budget line that pays for it (`ads.xhs_search`).
    pub budget: Option<Str>,
    /// The label its episodes carry (`广告`).
    pub label: Option<Str>,
    pub results: Option<RawResults>,
    /// Read from `[rituals]`: the team's own recurring meeting.
    pub ritual: bool,
    /// A ritual's attendees besides its owner.
    pub attendees: Vec<Str>,
}

#[derive(Clone, Debug)]
pub struct RawMoment {
    pub id: Ident,
    pub name: Option<Str>,
    pub date: Val<Expr<RangeExpr>>,
    pub channels: Vec<Str>,
    pub content: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawBlackout {
    pub id: Ident,
    pub reason: Option<Str>,
    pub date: Val<Expr<RangeExpr>>,
    pub channels: Vec<Str>,
}

#[derive(Clone, Debug)]
pub struct RawReviewLevel {
    pub id: Ident,
    pub name: Option<Str>,
    pub checks: Option<Str>,
    pub lead: Val<Expr<Duration>>,
    pub response: Val<Expr<Duration>>,
    pub owner: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawReserve {
    pub span: Span,
    pub share: Val<Expr<ShareLit>>,
    pub purpose: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawKpi {
    pub id: Ident,
    pub name: Option<Str>,
    pub direction: Option<Str>,
    pub baseline: Val<Expr<Quantity>>,
    pub target: Val<Expr<Quantity>>,
    pub actual: Val<Expr<Quantity>>,
    pub channel: Option<Str>,
    pub part_of: Option<Str>,
    pub group: Option<Str>,
    pub note: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawKol {
    pub span: Span,
    pub budget: Option<Str>,
    pub pyramid: Vec<(Ident, Val<Expr<ShareLit>>)>,
    pub criteria: Vec<(Ident, Val<Expr<Quantity>>)>,
}

#[derive(Clone, Debug)]
pub struct RawHighlight {
    pub id: Ident,
    pub name: Option<Str>,
    pub channels: Vec<Str>,
    pub results: Vec<Str>,
}

/// `[sections.<id>]`: the findings of one section of the deck's outline.
#[derive(Clone, Debug)]
pub struct RawSection {
    pub id: Ident,
    pub title: Option<Str>,
    pub summary: Option<Str>,
    pub points: Vec<Str>,
    pub figures: Vec<RawFigure>,
    pub cases: Vec<RawCase>,
}

#[derive(Clone, Debug)]
pub struct RawFigure {
    pub id: Ident,
    pub name: Option<Str>,
    pub value: Val<Expr<Quantity>>,
    pub note: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct RawCase {
    pub id: Ident,
    pub name: Option<Str>,
    pub date: Val<Expr<DateExpr>>,
    pub what: Option<Str>,
    pub response: Val<Expr<Duration>>,
    pub outcome: Option<Str>,
    pub lessons: Vec<Str>,
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
    pub within: Val<Expr<Duration>>,
}

#[derive(Clone, Debug)]
pub struct RawRuleSetting {
    /// A code (`B001`) or a name (`budget-shares`).
    pub key: Ident,
    pub severity: Option<Str>,
    pub options: Vec<(Ident, Expr<Quantity>)>,
    /// Settings that are lists of words (`allow = ["最佳拍档"]`).
    pub lists: Vec<(Ident, Vec<Str>)>,
}

#[derive(Clone, Debug)]
pub struct RawAssertion {
    pub id: Ident,
    pub expr: Val<Expr<Assertion>>,
    pub message: Option<Str>,
}
