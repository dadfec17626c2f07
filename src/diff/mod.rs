//! The semantic diff of two versions of a plan (`almanac diff`): what the
//! plans *mean* compared by id — budget amounts, campaign windows, column
//! episodes, KPI values, rule settings — never how they are spelled. Both
//! sides are resolved plans with their schedules, so `¥1.2M` and `120万`,
//! reordered keys and comments show no difference. The changes come out in
//! a stable order (section, then id, then field) and render as Markdown for
//! a pull-request comment (`markdown.rs`) or as versioned JSON.

mod markdown;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::diagnostics::codes::ALL as RULES;
use crate::model::{BudgetLine, DateRange, Locale, Plan};
use crate::ratio::Ratio;
use crate::rules::config::RuleConfig;
use crate::schedule::{Kind, Schedule};
use crate::syntax::ast::{self, Frequency, MonthDay, QuantityUnit};

pub use markdown::render_markdown;

/// One side of a diff: a resolved plan, its schedule and where it was read.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub plan: &'a Plan,
    pub schedule: &'a Schedule,
    /// As shown to the reader: `plans/a.toml`, `HEAD:/plans/a.toml`.
    pub path: &'a str,
}

/// The parts of a plan, in the order the diff reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Plan,
    Budget,
    Campaigns,
    Columns,
    Moments,
    Blackouts,
    Kpis,
    Rules,
    People,
    Channels,
}

impl Section {
    pub const ALL: [Section; 10] = [
        Section::Plan,
        Section::Budget,
        Section::Campaigns,
        Section::Columns,
        Section::Moments,
        Section::Blackouts,
        Section::Kpis,
        Section::Rules,
        Section::People,
        Section::Channels,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Plan => "plan",
            Section::Budget => "budget",
            Section::Campaigns => "campaigns",
            Section::Columns => "columns",
            Section::Moments => "moments",
            Section::Blackouts => "blackouts",
            Section::Kpis => "kpis",
            Section::Rules => "rules",
            Section::People => "people",
            Section::Channels => "channels",
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
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Compares two resolved plans.
pub fn diff(old: Side<'_>, new: Side<'_>) -> Diff {
    let mut changes = Vec::new();
    plan_header(old.plan, new.plan, &mut changes);
    budget(old.plan, new.plan, &mut changes);
    campaigns(old.plan, new.plan, &mut changes);
    columns(old, new, &mut changes);
    moments(old.plan, new.plan, &mut changes);
    blackouts(old.plan, new.plan, &mut changes);
    kpis(old.plan, new.plan, &mut changes);
    rules(old.plan, new.plan, &mut changes);
    people(old.plan, new.plan, &mut changes);
    channels(old.plan, new.plan, &mut changes);
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
    }
}

/// Collects the changes of one section.
struct Out<'a> {
    section: Section,
    changes: &'a mut Vec<Change>,
}

impl Out<'_> {
    fn added(&mut self, id: &str, name: Option<&str>, new: Option<Val>) {
        self.push(id, ChangeKind::Added, None, None, new, name);
    }

    fn removed(&mut self, id: &str, name: Option<&str>, old: Option<Val>) {
        self.push(id, ChangeKind::Removed, None, old, None, name);
    }

    /// A field, reported when the values differ.
    fn field(
        &mut self,
        id: &str,
        name: Option<&str>,
        field: &str,
        old: Option<Val>,
        new: Option<Val>,
    ) {
        if old != new {
            self.push(
                id,
                ChangeKind::Changed,
                Some(field.to_string()),
                old,
                new,
                name,
            );
        }
    }

    fn push(
        &mut self,
        id: &str,
        kind: ChangeKind,
        field: Option<String>,
        old: Option<Val>,
        new: Option<Val>,
        name: Option<&str>,
    ) {
        self.changes.push(Change {
            section: self.section,
            id: id.to_string(),
            kind,
            field,
            old,
            new,
            name: name.map(str::to_string),
            share: (None, None),
        });
    }
}

/// Pairs items of the two plans by id, sorted by id.
fn pair<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> &str,
) -> Vec<(String, Option<&'a T>, Option<&'a T>)> {
    let mut m: BTreeMap<String, (Option<&T>, Option<&T>)> = BTreeMap::new();
    for o in old {
        m.entry(id(o).to_string()).or_default().0 = Some(o);
    }
    for n in new {
        m.entry(id(n).to_string()).or_default().1 = Some(n);
    }
    m.into_iter().map(|(k, (o, n))| (k, o, n)).collect()
}

fn text(s: &str) -> Option<Val> {
    Some(Val::Text(s.to_string()))
}

fn opt_text(s: &Option<String>) -> Option<Val> {
    s.as_deref().and_then(text)
}

fn person(p: &Plan, i: Option<usize>) -> Option<Val> {
    i.and_then(|i| p.people.get(i))
        .map(|x| Val::Text(x.id.name.clone()))
}

fn channel(p: &Plan, i: Option<usize>) -> Option<Val> {
    i.and_then(|i| p.channels.get(i))
        .map(|x| Val::Text(x.id.name.clone()))
}

/// Channel ids as a set: the order they are listed in means nothing.
fn channel_set(p: &Plan, v: &[usize]) -> Option<Val> {
    let set: BTreeSet<String> = v
        .iter()
        .filter_map(|&i| p.channels.get(i))
        .map(|c| c.id.name.clone())
        .collect();
    Some(Val::List(set.into_iter().collect()))
}

fn plan_header(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Plan,
        changes,
    };
    let id = "plan";
    o.field(id, None, "id", text(&old.id), text(&new.id));
    o.field(id, None, "name", text(&old.name), text(&new.name));
    o.field(
        id,
        None,
        "period",
        Some(Val::Range(old.period.value)),
        Some(Val::Range(new.period.value)),
    );
    o.field(
        id,
        None,
        "currency",
        text(&old.currency),
        text(&new.currency),
    );
    o.field(
        id,
        None,
        "locale",
        text(locale_str(old.locale)),
        text(locale_str(new.locale)),
    );
    o.field(
        id,
        None,
        "calendar",
        text(&old.calendar_name),
        text(&new.calendar_name),
    );
    o.field(
        id,
        None,
        "timezone",
        text(&old.timezone),
        text(&new.timezone),
    );
    o.field(
        id,
        None,
        "theme",
        opt_text(&old.theme),
        opt_text(&new.theme),
    );
    o.field(
        id,
        None,
        "key_messages",
        Some(Val::List(old.key_messages.clone())),
        Some(Val::List(new.key_messages.clone())),
    );
    o.field(
        id,
        None,
        "reserve",
        old.reserve
            .as_ref()
            .map(|r| Val::Text(percent(r.percent.value))),
        new.reserve
            .as_ref()
            .map(|r| Val::Text(percent(r.percent.value))),
    );
}

fn locale_str(l: Locale) -> &'static str {
    match l {
        Locale::ZhCn => "zh-CN",
        Locale::En => "en",
    }
}

fn percent(p: Ratio) -> String {
    format!("{}%", p.to_decimal_string(2))
}

/// A budget line's amount and its share of its parent, in percent.
fn line_share(p: &Plan, i: usize) -> Option<Ratio> {
    let l = &p.budget.lines[i];
    let whole = p.budget.lines[l.parent?].amount?;
    if whole.is_zero() {
        return None;
    }
    l.amount?
        .checked_mul(Ratio::HUNDRED)
        .and_then(|x| x.checked_div(whole))
}

fn budget(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Budget,
        changes,
    };
    let lines = |p: &Plan| -> Vec<(String, usize)> {
        p.budget
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.path.clone(), i))
            .collect()
    };
    let (ol, nl) = (lines(old), lines(new));
    let mut pairs = pair(&ol, &nl, |x| x.0.as_str());
    // The total first, then the lines by path.
    pairs.sort_by_key(|(path, _, _)| (path != "total", path.clone()));
    for (path, a, b) in pairs {
        let a = a.map(|x| (&old.budget.lines[x.1], line_share(old, x.1)));
        let b = b.map(|x| (&new.budget.lines[x.1], line_share(new, x.1)));
        let name = b.or(a).and_then(|(l, _)| l.name.as_deref());
        let start = o.changes.len();
        match (a, b) {
            (Some((l, _)), None) => o.removed(&path, name, l.amount.map(Val::Money)),
            (None, Some((l, _))) => o.added(&path, name, l.amount.map(Val::Money)),
            (Some((x, _)), Some((y, _))) => {
                o.field(&path, name, "name", opt_text(&x.name), opt_text(&y.name));
                o.field(
                    &path,
                    name,
                    "amount",
                    x.amount.map(Val::Money),
                    y.amount.map(Val::Money),
                );
            }
            (None, None) => {}
        }
        for c in &mut o.changes[start..] {
            c.share = (a.and_then(|x| x.1), b.and_then(|x| x.1));
        }
    }
}

fn campaigns(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Campaigns,
        changes,
    };
    for (id, a, b) in pair(&old.campaigns, &new.campaigns, |c| &c.id.name) {
        let name = b.or(a).map(|c| c.name.as_str());
        match (a, b) {
            (Some(a), None) => o.removed(&id, name, Some(Val::Range(a.window.value))),
            (None, Some(b)) => o.added(&id, name, Some(Val::Range(b.window.value))),
            (Some(a), Some(b)) => {
                o.field(&id, name, "name", text(&a.name), text(&b.name));
                o.field(
                    &id,
                    name,
                    "window",
                    Some(Val::Range(a.window.value)),
                    Some(Val::Range(b.window.value)),
                );
                o.field(
                    &id,
                    name,
                    "flagship",
                    Some(Val::Bool(a.flagship)),
                    Some(Val::Bool(b.flagship)),
                );
                o.field(
                    &id,
                    name,
                    "channels",
                    channel_set(old, &a.channels),
                    channel_set(new, &b.channels),
                );
                o.field(
                    &id,
                    name,
                    "owner",
                    person(old, a.owner),
                    person(new, b.owner),
                );
                let draws = |p: &Plan, c: &crate::model::Campaign| {
                    let mut m: BTreeMap<String, Ratio> = BTreeMap::new();
                    // An unknown draw (a side with errors) is left out.
                    for d in &c.budget {
                        let path = p.budget.lines[d.line].path.clone();
                        let e = m.entry(path).or_insert(Ratio::ZERO);
                        *e = d.amount.and_then(|a| e.checked_add(a)).unwrap_or(*e);
                    }
                    m
                };
                let (da, db) = (draws(old, a), draws(new, b));
                let lines: BTreeSet<&String> = da.keys().chain(db.keys()).collect();
                for l in lines {
                    o.field(
                        &id,
                        name,
                        &format!("budget.{l}"),
                        da.get(l).map(|v| Val::Money(*v)),
                        db.get(l).map(|v| Val::Money(*v)),
                    );
                }
                for (t, x, y) in pair(&a.tasks, &b.tasks, |t| &t.id.name) {
                    let due = |t: &crate::model::Task| t.due.map(|d| Val::Date(d.value));
                    match (x, y) {
                        (Some(x), Some(y)) => {
                            o.field(
                                &id,
                                name,
                                &format!("tasks.{t}.name"),
                                text(&x.name),
                                text(&y.name),
                            );
                            o.field(&id, name, &format!("tasks.{t}.due"), due(x), due(y));
                            o.field(
                                &id,
                                name,
                                &format!("tasks.{t}.owner"),
                                person(old, x.owner),
                                person(new, y.owner),
                            );
                        }
                        (x, y) => o.field(
                            &id,
                            name,
                            &format!("tasks.{t}"),
                            x.map(|x| Val::Text(x.name.clone())),
                            y.map(|y| Val::Text(y.name.clone())),
                        ),
                    }
                }
            }
            (None, None) => {}
        }
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
            days.sort_by_key(|d| d.num_days_from_monday());
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

fn time_text(t: Option<ast::TimeOfDay>) -> Option<Val> {
    t.map(|t| Val::Text(format!("{:02}:{:02}", t.hour, t.minute)))
}

fn episode_days(s: &Schedule, k: usize) -> BTreeSet<NaiveDate> {
    s.of_kind(Kind::Episode)
        .filter(|(_, i)| i.column == Some(k))
        .map(|(_, i)| i.start)
        .collect()
}

fn columns(old: Side<'_>, new: Side<'_>, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Columns,
        changes,
    };
    let (op, np) = (old.plan, new.plan);
    let index = |p: &Plan| -> Vec<(String, usize)> {
        p.columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.name.clone(), i))
            .collect()
    };
    let (oi, ni) = (index(op), index(np));
    for (id, a, b) in pair(&oi, &ni, |x| x.0.as_str()) {
        let a = a.map(|x| (&op.columns[x.1], x.1));
        let b = b.map(|x| (&np.columns[x.1], x.1));
        let name = b.or(a).map(|(c, _)| c.name.as_str());
        let rec = |c: &crate::model::Column| Some(Val::Text(recurrence_text(&c.recurrence)));
        // An added or removed column: when it publishes, with its time.
        let when =
            |c: &crate::model::Column| Some(Val::Text(recurrence_with_time(&c.recurrence, c.time)));
        match (a, b) {
            (Some((a, _)), None) => o.removed(&id, name, when(a)),
            (None, Some((b, _))) => o.added(&id, name, when(b)),
            (Some((a, ka)), Some((b, kb))) => {
                o.field(&id, name, "name", text(&a.name), text(&b.name));
                o.field(
                    &id,
                    name,
                    "channel",
                    channel(op, a.channel),
                    channel(np, b.channel),
                );
                o.field(&id, name, "owner", person(op, a.owner), person(np, b.owner));
                o.field(&id, name, "recurrence", rec(a), rec(b));
                o.field(&id, name, "time", time_text(a.time), time_text(b.time));
                let (da, db) = (
                    episode_days(old.schedule, ka),
                    episode_days(new.schedule, kb),
                );
                o.field(
                    &id,
                    name,
                    "episodes",
                    Some(Val::Int(da.len() as i64)),
                    Some(Val::Int(db.len() as i64)),
                );
                if da != db {
                    // Which days it no longer publishes on, and which it now does.
                    let gone: Vec<NaiveDate> = da.difference(&db).copied().collect();
                    let came: Vec<NaiveDate> = db.difference(&da).copied().collect();
                    o.push(
                        &id,
                        ChangeKind::Changed,
                        Some("episode_dates".to_string()),
                        Some(Val::Dates(gone)),
                        Some(Val::Dates(came)),
                        name,
                    );
                }
            }
            (None, None) => {}
        }
    }
}

fn moments(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Moments,
        changes,
    };
    for (id, a, b) in pair(&old.moments, &new.moments, |m| &m.id.name) {
        let name = b.or(a).map(|m| m.name.as_str());
        match (a, b) {
            (Some(a), None) => o.removed(&id, name, Some(Val::Range(a.when.value))),
            (None, Some(b)) => o.added(&id, name, Some(Val::Range(b.when.value))),
            (Some(a), Some(b)) => {
                o.field(&id, name, "name", text(&a.name), text(&b.name));
                o.field(
                    &id,
                    name,
                    "date",
                    Some(Val::Range(a.when.value)),
                    Some(Val::Range(b.when.value)),
                );
                o.field(
                    &id,
                    name,
                    "channels",
                    channel_set(old, &a.channels),
                    channel_set(new, &b.channels),
                );
                o.field(
                    &id,
                    name,
                    "content",
                    opt_text(&a.content),
                    opt_text(&b.content),
                );
            }
            (None, None) => {}
        }
    }
}

fn blackouts(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Blackouts,
        changes,
    };
    for (id, a, b) in pair(&old.blackouts, &new.blackouts, |m| &m.id.name) {
        let name = b.or(a).map(|m| m.reason.as_str());
        match (a, b) {
            (Some(a), None) => o.removed(&id, name, Some(Val::Range(a.when.value))),
            (None, Some(b)) => o.added(&id, name, Some(Val::Range(b.when.value))),
            (Some(a), Some(b)) => {
                o.field(&id, name, "reason", text(&a.reason), text(&b.reason));
                o.field(
                    &id,
                    name,
                    "date",
                    Some(Val::Range(a.when.value)),
                    Some(Val::Range(b.when.value)),
                );
                o.field(
                    &id,
                    name,
                    "channels",
                    channel_set(old, &a.channels),
                    channel_set(new, &b.channels),
                );
            }
            (None, None) => {}
        }
    }
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

fn kpis(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Kpis,
        changes,
    };
    let q = |v: &Option<crate::model::KpiValue>| v.as_ref().map(|v| Val::Text(quantity_text(&v.q)));
    let dir = |d: Option<crate::model::Direction>| {
        d.map(|d| {
            Val::Text(
                match d {
                    crate::model::Direction::Up => "up",
                    crate::model::Direction::Down => "down",
                }
                .to_string(),
            )
        })
    };
    for (id, a, b) in pair(&old.kpis, &new.kpis, |k| &k.id.name) {
        let name = b.or(a).map(|k| k.name.as_str());
        match (a, b) {
            // An added or removed KPI: its target, or what it measured.
            (Some(a), None) => {
                o.removed(&id, name, q(&a.target).or(q(&a.actual)).or(q(&a.baseline)))
            }
            (None, Some(b)) => o.added(&id, name, q(&b.target).or(q(&b.actual)).or(q(&b.baseline))),
            (Some(a), Some(b)) => {
                o.field(&id, name, "name", text(&a.name), text(&b.name));
                o.field(&id, name, "baseline", q(&a.baseline), q(&b.baseline));
                o.field(&id, name, "target", q(&a.target), q(&b.target));
                o.field(&id, name, "actual", q(&a.actual), q(&b.actual));
                o.field(&id, name, "direction", dir(a.direction), dir(b.direction));
                o.field(
                    &id,
                    name,
                    "channel",
                    channel(old, a.channel),
                    channel(new, b.channel),
                );
            }
            (None, None) => {}
        }
    }
}

fn rules(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Rules,
        changes,
    };
    // The settings as `check` reads them; their mistakes are `check`'s to report.
    let config = |p: &Plan| RuleConfig::from_raw(&p.rule_settings, &mut Vec::new());
    let (old_config, new_config) = (config(old), config(new));
    let sev = |c: &RuleConfig| -> BTreeMap<&'static str, Option<crate::diagnostics::Severity>> {
        c.severities().collect()
    };
    let opts = |c: &RuleConfig| -> BTreeMap<(&'static str, String), Ratio> {
        c.options()
            .map(|(c, n, v)| ((c, n.to_string()), v))
            .collect()
    };
    let (sa, sb, oa, ob) = (
        sev(&old_config),
        sev(&new_config),
        opts(&old_config),
        opts(&new_config),
    );
    for r in RULES {
        let effective = |m: &BTreeMap<&'static str, Option<crate::diagnostics::Severity>>| {
            let s = match m.get(r.code) {
                None => Some(r.default_severity),
                Some(s) => *s,
            };
            Some(Val::Text(s.map_or("allow", |s| s.as_str()).to_string()))
        };
        let name = Some(r.name);
        o.field(r.code, name, "severity", effective(&sa), effective(&sb));
        let settings: BTreeSet<&String> = oa
            .keys()
            .chain(ob.keys())
            .filter(|(c, _)| *c == r.code)
            .map(|(_, n)| n)
            .collect();
        for s in settings {
            let v = |m: &BTreeMap<(&'static str, String), Ratio>| {
                m.get(&(r.code, s.clone()))
                    .map(|v| Val::Text(v.to_decimal_string(4)))
            };
            o.field(r.code, name, s, v(&oa), v(&ob));
        }
    }
}

fn people(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::People,
        changes,
    };
    let cap = |p: &crate::model::Person| {
        p.capacity
            .map(|c| Val::Text(format!("{}h", c.value.to_decimal_string(2))))
    };
    for (id, a, b) in pair(&old.people, &new.people, |p| &p.id.name) {
        let name = b.or(a).map(|p| p.name.as_str());
        match (a, b) {
            (Some(a), None) => o.removed(&id, name, text(&a.name)),
            (None, Some(b)) => o.added(&id, name, text(&b.name)),
            (Some(a), Some(b)) => {
                o.field(&id, name, "name", text(&a.name), text(&b.name));
                o.field(&id, name, "role", opt_text(&a.role), opt_text(&b.role));
                o.field(&id, name, "capacity", cap(a), cap(b));
            }
            (None, None) => {}
        }
    }
}

fn channels(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Channels,
        changes,
    };
    let n = |v: Option<crate::source::Spanned<u32>>| v.map(|v| Val::Int(i64::from(v.value)));
    for (id, a, b) in pair(&old.channels, &new.channels, |c| &c.id.name) {
        let name = b.or(a).map(|c| c.name.as_str());
        match (a, b) {
            (Some(a), None) => o.removed(&id, name, text(&a.name)),
            (None, Some(b)) => o.added(&id, name, text(&b.name)),
            (Some(a), Some(b)) => {
                o.field(&id, name, "name", text(&a.name), text(&b.name));
                o.field(
                    &id,
                    name,
                    "slots_per_week",
                    n(a.slots_per_week),
                    n(b.slots_per_week),
                );
                o.field(&id, name, "max_per_day", n(a.max_per_day), n(b.max_per_day));
            }
            (None, None) => {}
        }
    }
}
