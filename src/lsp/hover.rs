//! Hover: what the text under the cursor means. On a key, its
//! documentation from the format definition; on a value, what it resolves
//! to on the plan's calendar — a date with its weekday and whether it is a
//! workday, a range with its length in days and workdays, a column's
//! recurrence with its episodes, a budget line's amount with its share of
//! its parent and of the total. Values are read from the last check that
//! resolved the plan when the document is unchanged since; otherwise the
//! expression is evaluated on that plan's calendar, as `almanac when` would.

use std::ops::Range;

use chrono::NaiveDate;

use crate::calendar::WorkCalendar;
use crate::check::Checked;
use crate::format::{self, Key, Kind};
use crate::model::{DateRange, Plan, money_text, percent_text};
use crate::ratio::Ratio;
use crate::schedule::Kind as ItemKind;
use crate::syntax::tree::{self, Table, Value};
use crate::when::{Answer, describe, evaluate_on};

/// The key or value under the cursor.
#[derive(Debug, PartialEq)]
pub struct Leaf {
    /// The keys from the file's root to it.
    pub path: Vec<String>,
    pub key: Range<usize>,
    /// The value's span (a string's includes its quotes), when the cursor
    /// is on a value; for a list, the item's.
    pub value: Option<(Range<usize>, String)>,
}

/// The key or string value at byte `offset` of `text`, if the text parses.
pub fn leaf_at(text: &str, offset: usize) -> Option<Leaf> {
    let root = tree::parse(text).ok()?;
    let mut path = Vec::new();
    find(&root, offset, &mut path)
}

fn find(t: &Table<'_>, offset: usize, path: &mut Vec<String>) -> Option<Leaf> {
    for (k, v) in t.iter() {
        path.push(k.get_ref().to_string());
        if k.span().contains(&offset) {
            return Some(Leaf {
                path: path.clone(),
                key: k.span(),
                value: None,
            });
        }
        let found = match v.get_ref() {
            Value::Table(sub) => find(sub, offset, path),
            Value::Array(items) => items.iter().find_map(|i| match i.get_ref() {
                Value::Table(sub) => find(sub, offset, path),
                Value::String(s) if i.span().contains(&offset) => Some(Leaf {
                    path: path.clone(),
                    key: k.span(),
                    value: Some((i.span(), s.to_string())),
                }),
                _ => None,
            }),
            Value::String(s) if v.span().contains(&offset) => Some(Leaf {
                path: path.clone(),
                key: k.span(),
                value: Some((v.span(), s.to_string())),
            }),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        path.pop();
    }
    None
}

/// The format's definition of the key at `path`.
pub fn key_at(path: &[String]) -> Option<&'static Key> {
    let (last, parents) = path.split_last()?;
    let mut table = &format::FILE;
    for p in parents {
        table = table.child(p)?.table()?;
    }
    table
        .key(last)
        .or_else(|| table.other.as_ref().map(|o| o.value))
}

/// A key's documentation, as Markdown.
pub fn key_doc(name: &str, key: &Key) -> String {
    let mut s = format!("**`{name}`**");
    if key.required {
        s.push_str(" (required)");
    }
    s.push_str("\n\n");
    s.push_str(key.doc);
    if let Some(e) = key.kind.expr() {
        s.push_str("\n\n");
        s.push_str(e.doc());
    }
    if let Some(x) = key.examples.first() {
        s.push_str(&format!("\n\nExample: `{name} = {}`", x.toml()));
    }
    s
}

/// A rule's explanation, as `almanac explain` gives it.
pub fn rule_doc(code_or_name: &str, locale: crate::locale::Locale) -> Option<String> {
    let r = crate::diagnostics::codes::find(code_or_name)?;
    Some(match locale {
        crate::locale::Locale::ZhCn => format!(
            "**{} {}**（{}，默认级别：{}）\n\n{}",
            r.code,
            r.name,
            r.family.as_str(),
            r.default_severity.word(locale),
            r.explanation(locale)
        ),
        crate::locale::Locale::En => format!(
            "**{} {}** ({}, {} by default)\n\n{}",
            r.code,
            r.name,
            r.family.as_str(),
            r.default_severity.as_str(),
            r.explanation(locale)
        ),
    })
}

/// What the value at `offset` of the file `path` resolves to, from a check
/// of exactly this text.
pub fn resolved(
    checked: &Checked,
    path: &std::path::Path,
    offset: usize,
    today: NaiveDate,
) -> Option<String> {
    let file = checked.sources.find(path)?;
    let at = |span: crate::source::Span| span.file == file && span.range().contains(&offset);
    for (plan, schedule) in checked.plans.iter().zip(&checked.schedules) {
        let cal = &plan.calendar;
        for c in &plan.campaigns {
            if at(c.window.span) {
                return Some(range_text(c.window.value, cal));
            }
            for t in &c.tasks {
                if let Some(d) = t.due.filter(|d| at(d.span)) {
                    return Some(describe(d.value, cal, crate::locale::Locale::En));
                }
            }
        }
        let ranges = plan
            .moments
            .iter()
            .map(|m| m.when)
            .chain(plan.blackouts.iter().map(|b| b.when))
            .chain(plan.holidays.iter().flat_map(|h| h.off.iter().copied()))
            .chain(plan.columns.iter().map(|c| c.during));
        for r in ranges {
            if at(r.span) {
                return Some(range_text(r.value, cal));
            }
        }
        let days = plan
            .holidays
            .iter()
            .flat_map(|h| h.workdays.iter().copied())
            .chain(plan.columns.iter().flat_map(|c| c.skip.iter().copied()));
        for d in days {
            if at(d.span) {
                return Some(describe(d.value, cal, crate::locale::Locale::En));
            }
        }
        for (k, col) in plan.columns.iter().enumerate() {
            if at(col.recurrence_span) {
                let episodes: Vec<NaiveDate> = schedule
                    .items
                    .iter()
                    .filter(|i| i.column == Some(k))
                    .filter(|i| matches!(i.kind, ItemKind::Episode | ItemKind::Ritual))
                    .map(|i| i.start)
                    .collect();
                let skipped: Vec<NaiveDate> = col.skip.iter().map(|d| d.value).collect();
                return Some(episodes_text(
                    &episodes,
                    &skipped,
                    col.skips_holidays,
                    today,
                ));
            }
        }
        if let Some(text) = budget_text(plan, &at) {
            return Some(text);
        }
    }
    None
}

/// A budget line's amount, with its share of its parent and of the total.
fn budget_text(plan: &Plan, at: &dyn Fn(crate::source::Span) -> bool) -> Option<String> {
    let lines = &plan.budget.lines;
    let line = lines.iter().find(|l| at(l.value_span))?;
    let amount = line.amount?;
    let mut s = format!("`{}`: {}", line.path, money_text(amount, &plan.currency));
    let share = |whole: Option<Ratio>| {
        whole
            .filter(|w| !w.is_zero())
            .and_then(|w| amount.checked_mul(Ratio::HUNDRED)?.checked_div(w))
            .map(percent_text)
    };
    if let Some(parent) = line.parent.map(|p| &lines[p])
        && let Some(p) = share(parent.amount)
    {
        s.push_str(&format!(", {p} of `{}`", parent.path));
    }
    if line.parent.is_some_and(|p| p != 0)
        && let Some(p) = share(plan.budget.total().and_then(|t| t.amount))
    {
        s.push_str(&format!(", {p} of the total"));
    }
    Some(s)
}

/// `2026-01-27 Tue (workday) → 2026-02-18 Wed (workday)`, with its length.
fn range_text(r: DateRange, cal: &WorkCalendar) -> String {
    if r.start == r.end {
        return describe(r.start, cal, crate::locale::Locale::En);
    }
    let workdays = r
        .start
        .iter_days()
        .take_while(|d| *d <= r.end)
        .filter(|d| cal.is_workday(*d))
        .count();
    format!(
        "{} → {}\n\n{} days, {workdays} workdays",
        describe(r.start, cal, crate::locale::Locale::En),
        describe(r.end, cal, crate::locale::Locale::En),
        r.days()
    )
}

/// A recurrence's episodes: how many, the first, the next after `today`,
/// and what it skips.
fn episodes_text(
    days: &[NaiveDate],
    skipped: &[NaiveDate],
    holidays: bool,
    today: NaiveDate,
) -> String {
    let Some(first) = days.first() else {
        return "no episodes in the plan's period".to_string();
    };
    let mut s = format!("{} episodes, the first on {first}", days.len());
    if let Some(next) = days.iter().find(|d| **d >= today) {
        s.push_str(&format!(", the next on {next}"));
    }
    let mut skips: Vec<String> = skipped.iter().map(NaiveDate::to_string).collect();
    if holidays {
        skips.insert(0, "holidays".to_string());
    }
    if !skips.is_empty() {
        s.push_str(&format!("\n\nskips {}", skips.join(", ")));
    }
    s
}

/// `text` evaluated as a date, range or recurrence on `plan`'s calendar.
pub fn evaluated(plan: Option<&Plan>, today: NaiveDate, text: &str) -> Option<String> {
    let e = evaluate_on(plan, today, text).ok()?;
    Some(match &e.answer {
        Answer::Date(d) => describe(*d, &e.calendar, crate::locale::Locale::En),
        Answer::Range(r) => range_text(*r, &e.calendar),
        Answer::Occurrences(days, _, _) => episodes_text(days, &[], false, today),
    })
}

/// Whether the key at `path` holds an expression.
pub fn holds_expression(path: &[String]) -> bool {
    key_at(path).is_some_and(|k| k.kind.expr().is_some() || matches!(k.kind, Kind::Draws))
}

/// Inlay hints: what each value of `path` resolves to, shown after it —
/// dates after date expressions, the amount after a share, the number of
/// episodes after a recurrence. Only values before byte `upto` (where the
/// text still is what `checked` read) get one; each is (offset, label).
pub fn hints(checked: &Checked, path: &std::path::Path, upto: usize) -> Vec<(usize, String)> {
    let Some(file) = checked.sources.find(path) else {
        return Vec::new();
    };
    let text = &checked.sources.get(file).text;
    // After the closing quote of the string the value is in.
    let after = |span: crate::source::Span| -> Option<usize> {
        let end = span.end as usize;
        (span.file == file && end < upto).then(|| match text.as_bytes().get(end) {
            Some(b'"' | b'\'') => end + 1,
            _ => end,
        })
    };
    let day = |d: NaiveDate| d.format("%m-%d %a").to_string();
    let mut out = Vec::new();
    for (plan, schedule) in checked.plans.iter().zip(&checked.schedules) {
        let range = |r: DateRange| {
            if r.start == r.end {
                day(r.start)
            } else {
                format!("{}..{}", day(r.start), day(r.end))
            }
        };
        for c in &plan.campaigns {
            out.extend(after(c.window.span).map(|at| (at, range(c.window.value))));
            for t in &c.tasks {
                if let Some(d) = t.due {
                    out.extend(after(d.span).map(|at| (at, day(d.value))));
                }
            }
            for d in &c.budget {
                if let Some(amount) = d.amount {
                    out.extend(after(d.span).map(|at| (at, money_text(amount, &plan.currency))));
                }
            }
        }
        let ranges = plan
            .moments
            .iter()
            .map(|m| m.when)
            .chain(plan.blackouts.iter().map(|b| b.when))
            .chain(plan.holidays.iter().flat_map(|h| h.off.iter().copied()));
        for r in ranges {
            out.extend(after(r.span).map(|at| (at, range(r.value))));
        }
        for (k, col) in plan.columns.iter().enumerate() {
            let n = schedule
                .items
                .iter()
                .filter(|i| i.column == Some(k))
                .filter(|i| matches!(i.kind, ItemKind::Episode | ItemKind::Ritual))
                .count();
            let what = if col.ritual { "times" } else { "episodes" };
            out.extend(after(col.recurrence_span).map(|at| (at, format!("{n} {what}"))));
        }
        for l in &plan.budget.lines {
            if let (crate::model::Allocation::Share { .. }, Some(amount)) =
                (&l.allocation, l.amount)
            {
                out.extend(after(l.value_span).map(|at| (at, money_text(amount, &plan.currency))));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What an id reference names, from the resolved plan: a person with
/// their capacity and load, a channel with its posting limits, a review
/// level with its lead and response, a KPI with its target, a task with its
/// due date. `campaign` scopes a task.
pub fn reference(
    plan: &Plan,
    schedule: &crate::schedule::Schedule,
    target: format::Target,
    id: &str,
    campaign: Option<&str>,
) -> Option<String> {
    use crate::model::{PersonId, with_ids};
    use chrono::Datelike;
    use format::Target;
    let hours = |r: Ratio| r.to_decimal_string(1);
    Some(match target {
        Target::Person => {
            let (pid, p) = with_ids::<PersonId, _>(&plan.people).find(|(_, p)| p.id.name == id)?;
            let mut s = format!("**{}** (`{id}`)", p.name);
            if let Some(role) = &p.role {
                s.push_str(&format!(", {role}"));
            }
            if let Some(cap) = p.capacity {
                s.push_str(&format!("\n\ncapacity {}h a week", hours(cap.value)));
            }
            // Load: the hours of the items they own, in all and by week.
            let mut weeks: std::collections::BTreeMap<(i32, u32), Ratio> = Default::default();
            let mut total = Ratio::ZERO;
            let mut items = 0;
            for it in schedule.items.iter().filter(|i| i.owner == Some(pid)) {
                let w = it.start.iso_week();
                let week = weeks.entry((w.year(), w.week())).or_insert(Ratio::ZERO);
                *week = week.checked_add(it.hours).unwrap_or(*week);
                total = total.checked_add(it.hours).unwrap_or(total);
                items += 1;
            }
            s.push_str(&format!("\n\nowns {items} items, {}h in all", hours(total)));
            if let Some(((y, w), h)) = weeks.iter().max_by_key(|(_, h)| **h) {
                s.push_str(&format!("; busiest week {y}-W{w:02}, {}h", hours(*h)));
            }
            s
        }
        Target::Channel => {
            let c = plan.channels.iter().find(|c| c.id.name == id)?;
            let mut s = format!("**{}** (`{id}`)", c.name);
            if let Some(n) = c.slots_per_week {
                s.push_str(&format!("\n\n{} posts a week", n.value));
            }
            if let Some(n) = c.max_per_day {
                s.push_str(&format!(", at most {} a day", n.value));
            }
            s
        }
        Target::ReviewLevel => {
            let l = plan.review.iter().find(|l| l.id.name == id)?;
            let lead = |x: Option<crate::source::Spanned<crate::model::Lead>>| {
                x.map_or_else(
                    || "—".to_string(),
                    |l| match l.value {
                        crate::model::Lead::Days(n) => format!("{n}d"),
                        crate::model::Lead::Workdays(n) => format!("{n}wd"),
                        crate::model::Lead::Hours(n) => format!("{n}h"),
                    },
                )
            };
            format!(
                "review level **{}** (`{id}`): receives the item {} before publishing, answers within {}",
                l.name,
                lead(l.lead),
                lead(l.response)
            )
        }
        Target::Kpi => {
            let k = plan.kpis.iter().find(|k| k.id.name == id)?;
            let v = |x: &Option<crate::model::KpiValue>| {
                x.as_ref()
                    .map_or_else(|| "—".to_string(), |v| crate::model::quantity_text(&v.q))
            };
            format!(
                "KPI **{}** (`{id}`): target {}, actual {}",
                k.name,
                v(&k.target),
                v(&k.actual)
            )
        }
        Target::Task => {
            let c = plan
                .campaigns
                .iter()
                .find(|c| Some(c.id.name.as_str()) == campaign)?;
            let t = c.tasks.iter().find(|t| t.id.name == id)?;
            let due = t.due.map_or_else(
                || "no due date".to_string(),
                |d| describe(d.value, &plan.calendar, crate::locale::Locale::En),
            );
            format!("task **{}** (`{id}`): due {due}", t.name)
        }
    })
}
