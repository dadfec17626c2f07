//! The semantic diff of two versions of a plan (`almanac diff`): what the
//! plans *mean* compared by id — budget amounts, campaign windows, column
//! episodes, KPI values, rule settings — never how they are spelled. Both
//! sides are resolved plans with their schedules, so `¥1.2M` and `120万`,
//! reordered keys and comments show no difference. The changes come out in
//! a stable order (section, then id, then field) and render as Markdown for
//! a pull-request comment (`markdown.rs`) or as versioned JSON.

mod markdown;
mod mermaid;
mod sections;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::model::{BudgetLine, DateRange, Locale, Plan};
use crate::ratio::Ratio;
use crate::schedule::Schedule;
use crate::syntax::ast::{self, Frequency, MonthDay, QuantityUnit};

pub use markdown::render_markdown;
pub use mermaid::render_mermaid;

/// One side of a diff: a resolved plan, its schedule and where it was read.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub plan: &'a Plan,
    pub schedule: &'a Schedule,
    /// As shown to the reader: `plans/a.toml`, `HEAD:/plans/a.toml`.
    pub path: &'a str,
}

/// The parts of a plan, in the order the diff reports them. `Schedule` is
/// the backstop: dated items that moved when no other section changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Plan,
    Holidays,
    Budget,
    Kol,
    Campaigns,
    Columns,
    Rituals,
    Moments,
    Blackouts,
    Review,
    Kpis,
    Highlights,
    Audiences,
    Guidelines,
    Assertions,
    Rules,
    People,
    Channels,
    Schedule,
}

impl Section {
    pub const ALL: [Section; 19] = [
        Section::Plan,
        Section::Holidays,
        Section::Budget,
        Section::Kol,
        Section::Campaigns,
        Section::Columns,
        Section::Rituals,
        Section::Moments,
        Section::Blackouts,
        Section::Review,
        Section::Kpis,
        Section::Highlights,
        Section::Audiences,
        Section::Guidelines,
        Section::Assertions,
        Section::Rules,
        Section::People,
        Section::Channels,
        Section::Schedule,
    ];

    /// The section's key in the plan format (`schedule` is not one).
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Plan => "plan",
            Section::Holidays => "holidays",
            Section::Budget => "budget",
            Section::Kol => "kol",
            Section::Campaigns => "campaigns",
            Section::Columns => "columns",
            Section::Rituals => "rituals",
            Section::Moments => "moments",
            Section::Blackouts => "blackouts",
            Section::Review => "review",
            Section::Kpis => "kpis",
            Section::Highlights => "highlights",
            Section::Audiences => "audiences",
            Section::Guidelines => "guidelines",
            Section::Assertions => "assertions",
            Section::Rules => "rules",
            Section::People => "people",
            Section::Channels => "channels",
            Section::Schedule => "schedule",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Removed,
    Added,
    Changed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// A resolved value, typed so that each output can show it its own way.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Text(String),
    /// In the plan's currency (the old plan's for `old`, the new one's for `new`).
    Money(Ratio),
    Bool(bool),
    Int(i64),
    Date(NaiveDate),
    Range(DateRange),
    /// Ids.
    List(Vec<String>),
    Dates(Vec<NaiveDate>),
}

impl Val {
    /// The JSON form: money as a decimal string, dates ISO, ranges `a..b`.
    pub fn to_json(&self) -> Value {
        match self {
            Val::Text(s) => Value::String(s.clone()),
            Val::Money(r) => Value::String(r.to_decimal_string(2)),
            Val::Bool(b) => Value::Bool(*b),
            Val::Int(n) => Value::from(*n),
            Val::Date(d) => Value::String(d.to_string()),
            Val::Range(r) => Value::String(format!("{}..{}", r.start, r.end)),
            Val::List(v) => Value::Array(v.iter().cloned().map(Value::String).collect()),
            Val::Dates(v) => Value::Array(v.iter().map(|d| Value::String(d.to_string())).collect()),
        }
    }
}

/// One difference: an item added or removed, or one field of an item changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub section: Section,
    /// The item's id (a budget line's path, a rule's code; `plan` for the header).
    pub id: String,
    pub kind: ChangeKind,
    /// The changed field; `None` for an added or removed item.
    pub field: Option<String>,
    pub old: Option<Val>,
    pub new: Option<Val>,
    /// The item's name, for people reading the diff.
    pub name: Option<String>,
    /// Budget lines: the share of the parent line, in percent (old, new).
    pub share: (Option<Ratio>, Option<Ratio>),
}

/// The diff of two plans.
#[derive(Debug)]
pub struct Diff {
    pub old_id: String,
    pub old_path: String,
    pub new_id: String,
    pub new_path: String,
    /// The language of labels: the new plan's.
    pub locale: Locale,
    pub old_currency: String,
    pub new_currency: String,
    /// The budget totals (old, new), when either plan has a budget.
    pub totals: Option<(Ratio, Ratio)>,
    pub changes: Vec<Change>,
    /// The campaigns whose dates changed, that were added or removed: new
    /// ones in the new plan's order, then removed ones in the old plan's.
    pub moved: Vec<Moved>,
}

/// A campaign of [`Diff::moved`]: its window on each side it is on.
#[derive(Clone, Debug, PartialEq)]
pub struct Moved {
    pub id: String,
    /// The new name (the old one for a removed campaign).
    pub name: String,
    pub old: Option<DateRange>,
    pub new: Option<DateRange>,
}

/// The campaigns whose windows differ between the two plans.
fn moved(old: &Plan, new: &Plan) -> Vec<Moved> {
    let window = |p: &Plan, id: &str| {
        p.campaigns
            .iter()
            .find(|c| c.id.name == id)
            .map(|c| c.window.value)
    };
    let mut out = Vec::new();
    for c in &new.campaigns {
        let was = window(old, &c.id.name);
        if was != Some(c.window.value) {
            out.push(Moved {
                id: c.id.name.clone(),
                name: c.name.clone(),
                old: was,
                new: Some(c.window.value),
            });
        }
    }
    for c in &old.campaigns {
        if window(new, &c.id.name).is_none() {
            out.push(Moved {
                id: c.id.name.clone(),
                name: c.name.clone(),
                old: Some(c.window.value),
                new: None,
            });
        }
    }
    out
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Whether the two plans have different ids (perhaps unrelated plans).
    pub fn ids_differ(&self) -> bool {
        self.old_id != self.new_id
    }
}

#[derive(Serialize)]
struct JsonSide<'a> {
    id: &'a str,
    path: &'a str,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    section: &'static str,
    id: &'a str,
    kind: &'static str,
    field: Option<&'a str>,
    old: Value,
    new: Value,
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    old: JsonSide<'a>,
    new: JsonSide<'a>,
    changes: Vec<JsonChange<'a>>,
}

/// The diff as versioned JSON (documented in `docs/diff.md`).
pub fn render_json(d: &Diff) -> String {
    let mut s = serde_json::to_string_pretty(&json_value(d)).unwrap_or_default();
    s.push('\n');
    s
}

/// The JSON document of [`render_json`], as a value.
pub fn json_value(d: &Diff) -> Value {
    let val = |v: &Option<Val>| v.as_ref().map_or(Value::Null, Val::to_json);
    let doc = JsonDiff {
        version: 1,
        old: JsonSide {
            id: &d.old_id,
            path: &d.old_path,
        },
        new: JsonSide {
            id: &d.new_id,
            path: &d.new_path,
        },
        changes: d
            .changes
            .iter()
            .map(|c| JsonChange {
                section: c.section.as_str(),
                id: &c.id,
                kind: c.kind.as_str(),
                field: c.field.as_deref(),
                old: val(&c.old),
                new: val(&c.new),
            })
            .collect(),
    };
    serde_json::to_value(&doc).unwrap_or_default()
}

/// Compares two resolved plans.
pub fn diff(old: Side<'_>, new: Side<'_>) -> Diff {
    let mut changes = Vec::new();
    sections::compare(old, new, &mut changes);
    let totals = match (old.plan.budget.total(), new.plan.budget.total()) {
        (None, None) => None,
        // An unknown amount (a side with errors) leaves the totals out.
        (o, n) => {
            let amount = |l: Option<&BudgetLine>| l.map_or(Some(Ratio::ZERO), |l| l.amount);
            amount(o).zip(amount(n))
        }
    };
    Diff {
        old_id: old.plan.id.clone(),
        old_path: old.path.to_string(),
        new_id: new.plan.id.clone(),
        new_path: new.path.to_string(),
        locale: new.plan.locale,
        old_currency: old.plan.currency.clone(),
        new_currency: new.plan.currency.clone(),
        totals,
        changes,
        moved: moved(old.plan, new.plan),
    }
}

/// A recurrence as it resolves, without its spelling: `every 2 weeks on mon,fri except holidays`.
/// Exceptions on dates show in the episodes instead.
pub fn recurrence_text(r: &ast::Recurrence) -> String {
    recurrence_with_time(r, None)
}

/// A recurrence with a time of day: `every tue 09:00 except holidays`.
pub fn recurrence_with_time(r: &ast::Recurrence, time: Option<ast::TimeOfDay>) -> String {
    let wd = |w: chrono::Weekday| crate::model::weekday_short(w).to_lowercase();
    let nth = |n: i8| match n {
        -1 => "last".to_string(),
        1 => "1st".to_string(),
        2 => "2nd".to_string(),
        3 => "3rd".to_string(),
        n => format!("{n}th"),
    };
    let mut s = match &r.frequency {
        Frequency::Daily { interval: 1 } => "every day".to_string(),
        Frequency::Daily { interval } => format!("every {interval} days"),
        Frequency::Weekly { interval, days } => {
            let mut days = days.clone();
            days.sort_by_key(chrono::Weekday::num_days_from_monday);
            days.dedup();
            let days: Vec<String> = days.into_iter().map(wd).collect();
            if *interval == 1 {
                format!("every {}", days.join(","))
            } else {
                format!("every {interval} weeks on {}", days.join(","))
            }
        }
        Frequency::Weekdays => "every weekday".to_string(),
        Frequency::Workdays => "every workday".to_string(),
        Frequency::Monthly { interval, on } => {
            let on = match on {
                MonthDay::NthWeekday { n, weekday } => format!("{} {}", nth(*n), wd(*weekday)),
                MonthDay::Day(d) => match d {
                    1 | 21 | 31 => format!("{d}st"),
                    2 | 22 => format!("{d}nd"),
                    3 | 23 => format!("{d}rd"),
                    d => format!("{d}th"),
                },
            };
            if *interval == 1 {
                format!("monthly on {on}")
            } else {
                format!("every {interval} months on {on}")
            }
        }
    };
    if let Some(t) = time {
        s.push_str(&format!(" {:02}:{:02}", t.hour, t.minute));
    }
    if r.except
        .iter()
        .any(|e| matches!(e, ast::Exception::Holidays))
    {
        s.push_str(" except holidays");
    }
    s
}

/// A KPI value as it resolves: `+35%`, `1:3`, `1.5x`, `85000`, `2pp`.
pub fn quantity_text(q: &ast::Quantity) -> String {
    let sign = if q.signed && !q.value.is_negative() {
        "+"
    } else {
        ""
    };
    let n = q.value.to_decimal_string(4);
    match q.unit {
        QuantityUnit::Number => format!("{sign}{n}"),
        QuantityUnit::Percent => format!("{sign}{n}%"),
        QuantityUnit::Points => format!("{sign}{n}pp"),
        QuantityUnit::Ratio => format!("{sign}1:{n}"),
        QuantityUnit::Times => format!("{sign}{n}x"),
    }
}
