//! The expression language's syntax tree. Expressions live inside TOML
//! strings (`window = "spring_festival-14d..+7d"`); the parser in `expr/`
//! turns such a string into these types and nothing more. Names are not
//! looked up and dates are not computed here — that is `resolve`'s job — so
//! every node keeps its `Loc` (a byte range in the decoded string) for
//! diagnostics.

use chrono::Weekday;

use crate::locale::Msg;
use crate::ratio::Ratio;

/// A byte range inside the decoded expression string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Loc {
    pub start: usize,
    pub end: usize,
}

/// A date: a base and any number of offsets (`spring_festival - 7d + 2wd`).
#[derive(Clone, Debug, PartialEq)]
pub struct DateExpr {
    pub base: DateBase,
    pub base_loc: Loc,
    pub offsets: Vec<Offset>,
    pub loc: Loc,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DateBase {
    /// `2027-03-08` (not yet validated: `2026-02-30` parses and is rejected by resolve).
    Iso { year: i32, month: u32, day: u32 },
    /// `03-08`: in the plan's year.
    MonthDay { month: u32, day: u32 },
    /// `2027-W12-wed`, `2027-W12-3`, `2027-W12` (Monday).
    IsoWeek {
        year: i32,
        week: u32,
        weekday: Weekday,
    },
    /// `2nd sun of may`, `last fri of nov` (`n` is 1..=5, or -1 for `last`).
    NthWeekday { n: i8, weekday: Weekday, month: u32 },
    /// `start of Q1`, `end of Q1`, `end of mar`, `end of year`.
    Boundary { end: bool, period: Period },
    /// A named date: a moment, a built-in festival, `summer.start`, `春节`.
    Name(Vec<String>),
}

/// A calendar period of the plan's year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Quarter(u8),
    Month(u32),
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Days,
    Weeks,
    Workdays,
    Hours,
    Minutes,
}

/// `3d`, `2w`, `3wd`, `24h`, `30min`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duration {
    pub amount: i64,
    pub unit: Unit,
    pub loc: Loc,
}

/// `+ 3wd` or `- 7d`: `negative` is true for `-`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offset {
    pub negative: bool,
    pub duration: Duration,
    pub loc: Loc,
}

/// A range of days, both ends inclusive once resolved.
#[derive(Clone, Debug, PartialEq)]
pub enum RangeExpr {
    /// `a..b`, or `a..+7d` where the end counts from `a`'s base.
    Between {
        start: DateExpr,
        end: RangeEnd,
        loc: Loc,
    },
    /// `Q3`, `jul`, `year`.
    Period { period: Period, loc: Loc },
    /// `jul..aug`: from the first of one month to the end of another.
    Months { from: u32, to: u32, loc: Loc },
    /// A single date used as a one-day range.
    Day(DateExpr),
}

#[derive(Clone, Debug, PartialEq)]
pub enum RangeEnd {
    Date(DateExpr),
    /// `+7d`, `+2w - 1d`: offsets from the start's base (its anchor).
    Relative {
        offsets: Vec<Offset>,
        loc: Loc,
    },
}

/// A time of day, `20:00`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeOfDay {
    pub hour: u32,
    pub minute: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Frequency {
    /// `every day`, `daily`, `every 3 days`.
    Daily { interval: u32 },
    /// `every wed`, `every sat,sun`, `every 2 weeks on mon`, `weekly on wed`.
    Weekly { interval: u32, days: Vec<Weekday> },
    /// `every weekday`: each day of the plan's working week.
    Weekdays,
    /// `every workday`: each working day on the plan's calendar (make-up days in, holidays out).
    Workdays,
    /// `monthly on 1st mon`, `monthly on last fri`, `every 2 months on 15th`.
    Monthly { interval: u32, on: MonthDay },
}

impl Frequency {
    /// `every 0 weeks` and the like: an interval of zero never repeats.
    pub fn zero_interval(&self) -> Option<&'static str> {
        match self {
            Frequency::Daily { interval: 0 } => Some("every 0 days"),
            Frequency::Weekly { interval: 0, .. } => Some("every 0 weeks"),
            Frequency::Monthly { interval: 0, .. } => Some("every 0 months"),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthDay {
    /// `1st mon`, `last fri`: `n` is 1..=5 or -1.
    NthWeekday { n: i8, weekday: Weekday },
    /// `15th`, `1st` (day of month).
    Day(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Exception {
    /// `except holidays`: public holidays and the plan's own holidays.
    Holidays,
    /// `except 10-01`, `except national_day`.
    Date(DateExpr),
}

/// `every wed 20:00 except holidays`.
#[derive(Clone, Debug, PartialEq)]
pub struct Recurrence {
    pub frequency: Frequency,
    pub time: Option<TimeOfDay>,
    pub except: Vec<Exception>,
    pub loc: Loc,
}

/// `¥1.2M`, `120万`, `CNY 50k`, `1_200_000`: `value` is in major units.
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyLit {
    /// An ISO code (`CNY`, `USD`, `EUR`); symbols are mapped (`¥`/`￥` → CNY, `$` → USD, `€` → EUR, `£` → GBP).
    pub currency: Option<String>,
    pub value: Ratio,
    /// Written as a number alone (`50`, `1_200_000`): no currency, no
    /// multiplier.
    pub plain: bool,
    pub loc: Loc,
}

/// `60%`, `33.3%`, `25% of kol`: `percent` is the number before `%`.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareLit {
    pub percent: Ratio,
    pub of: Option<Path>,
    pub loc: Loc,
}

/// A budget amount: money or a share of the parent (or of a named line).
#[derive(Clone, Debug, PartialEq)]
pub enum Amount {
    Money(MoneyLit),
    Share(ShareLit),
}

/// A dotted name: `budget.ads`, `budget.ads.*`, `kpi.engagement.target`.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub segments: Vec<Segment>,
    pub loc: Loc,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    Name(String),
    /// `*`: every child.
    Wildcard,
}

/// A number with a unit, as KPIs are written: `3.2%`, `12万`, `1:5`, `+35%`, `2600`.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    pub value: Ratio,
    pub unit: QuantityUnit,
    /// Written with a leading `+` or `-` (a change, not a level).
    pub signed: bool,
    pub loc: Loc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityUnit {
    /// A plain count or number.
    Number,
    /// `%`: `value` is the number before `%`.
    Percent,
    /// `pp`: percentage points.
    Points,
    /// `1:5`: `value` is 5 (the right side over the left).
    Ratio,
    /// `1.5x`.
    Times,
}

/// A user assertion: `sum(budget.ads.*) <= 60% of budget.total`.
#[derive(Clone, Debug, PartialEq)]
pub struct Assertion {
    pub left: Value,
    pub op: CmpOp,
    pub right: Value,
    pub loc: Loc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Money(MoneyLit),
    /// `60% of budget.total` or a bare `60%` (a number 0.6).
    Share(ShareLit),
    Number {
        value: Ratio,
        loc: Loc,
    },
    Path(Path),
    /// `sum(budget.ads.*)`, `count(campaigns.*)`, `min(...)`, `max(...)`.
    Call {
        func: String,
        func_loc: Loc,
        arg: Path,
        loc: Loc,
    },
    Binary {
        op: BinOp,
        left: Box<Value>,
        right: Box<Value>,
        loc: Loc,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// What `almanac when` accepts: any date, range or recurrence.
#[derive(Clone, Debug, PartialEq)]
pub enum When {
    Date(DateExpr),
    Range(RangeExpr),
    Recurrence(Recurrence),
}

/// A syntax error inside an expression, located in the decoded string.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub loc: Loc,
    /// Lowercase, no final period: "expected a date, found `x`" (in
    /// Chinese, no final 。).
    pub message: Msg,
    /// E.g. the ASCII spelling of full-width input. Boxed, so that the
    /// parsers' results stay small (most errors have no help).
    pub help: Option<Box<Msg>>,
    /// The whole expression rewritten, when the help says to write it so
    /// (and it reads): offered to editors as a fix.
    pub fix: Option<String>,
}

/// An error's boxed help line is a help line (`Diagnostic::help` takes it
/// as it is).
impl From<Box<Msg>> for Msg {
    fn from(m: Box<Msg>) -> Msg {
        *m
    }
}

impl Value {
    pub fn loc(&self) -> Loc {
        match self {
            Value::Money(m) => m.loc,
            Value::Share(s) => s.loc,
            Value::Number { loc, .. } => *loc,
            Value::Path(p) => p.loc,
            Value::Call { loc, .. } => *loc,
            Value::Binary { loc, .. } => *loc,
        }
    }
}

impl RangeExpr {
    pub fn loc(&self) -> Loc {
        match self {
            RangeExpr::Between { loc, .. } => *loc,
            RangeExpr::Period { loc, .. } => *loc,
            RangeExpr::Months { loc, .. } => *loc,
            RangeExpr::Day(d) => d.loc,
        }
    }
}
