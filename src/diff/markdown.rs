//! The diff as Markdown for a pull-request comment: a heading, a one-line
//! summary, then a table per section. Labels follow the new plan's locale
//! (zh-CN or en); sections and keys are called by their labels in the
//! format's definition (`crate::format`); money is shown with
//! `model::money_text`. Plan text —
//! names, ids, paths, values as written — is written with the shared
//! escaping of `crate::markdown` (`code` outside tables, `text` and
//! `table_code` in a cell), so a plan from a fork cannot add markup to the
//! comment.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use chrono::NaiveDate;

use crate::diff::{Change, ChangeKind, Diff, Section, Val};
use crate::format::{FILE, Label};
use crate::locale::{Locale, Words, words};
use crate::markdown::{code, table_code, text};
use crate::model::{DateRange, money_text, percent_text};
use crate::ratio::Ratio;

/// The diff as Markdown.
pub fn render_markdown(d: &Diff) -> String {
    let zh = d.locale == Locale::ZhCn;
    let mut s = String::new();
    let title = if zh { "计划变更：" } else { "Plan diff: " };
    if d.ids_differ() {
        let _ = writeln!(s, "## {title}{} → {}", code(&d.old_id), code(&d.new_id));
    } else {
        let _ = writeln!(s, "## {title}{}", code(&d.new_id));
    }
    s.push('\n');
    let _ = writeln!(s, "{} → {}", code(&d.old_path), code(&d.new_path));
    s.push('\n');
    let _ = writeln!(s, "{}", summary(d, zh));
    if d.ids_differ() {
        s.push('\n');
        if zh {
            let _ = writeln!(
                s,
                "> **注意：** 两个计划的 ID 不同（{} 与 {}），可能不是同一计划的两个版本。",
                code(&d.old_id),
                code(&d.new_id)
            );
        } else {
            let _ = writeln!(
                s,
                "> **Note:** the plan ids differ ({} and {}); these may be two unrelated plans.",
                code(&d.old_id),
                code(&d.new_id)
            );
        }
    }
    for section in Section::ALL {
        let changes: Vec<&Change> = d.changes.iter().filter(|c| c.section == section).collect();
        if changes.is_empty() {
            continue;
        }
        s.push('\n');
        let _ = writeln!(s, "### {}", section_title(section, zh));
        s.push('\n');
        if section == Section::Budget {
            budget_table(&mut s, d, &changes, zh);
        } else if section == Section::Plan {
            plan_table(&mut s, d, &changes, zh);
        } else {
            table(&mut s, d, &changes, zh);
        }
    }
    s
}

fn summary(d: &Diff, zh: bool) -> String {
    if d.is_empty() {
        return lang(zh).no_changes.to_string();
    }
    // Things changed, by section and kind: items, or settings of the plan.
    let mut counts: BTreeMap<(Section, ChangeKind), BTreeSet<String>> = BTreeMap::new();
    for c in &d.changes {
        let key = if c.section == Section::Plan {
            c.field.clone().unwrap_or_default()
        } else {
            c.id.clone()
        };
        counts.entry((c.section, c.kind)).or_default().insert(key);
    }
    let total: usize = counts.values().map(BTreeSet::len).sum();
    let order = [ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed];
    if zh {
        let mut parts = Vec::new();
        for section in Section::ALL {
            let kinds: Vec<String> = order
                .iter()
                .filter_map(|k| counts.get(&(section, *k)).map(|n| (k, n.len())))
                .map(|(k, n)| format!("{n} 项{}", kind_word(*k, zh)))
                .collect();
            if !kinds.is_empty() {
                parts.push(format!(
                    "{} {}",
                    section_noun(section, 2, zh),
                    kinds.join("、")
                ));
            }
        }
        format!("共 {total} 处变更：{}", parts.join("；"))
    } else {
        let mut parts = Vec::new();
        for section in Section::ALL {
            for k in order {
                if let Some(n) = counts.get(&(section, k)).map(BTreeSet::len) {
                    parts.push(format!(
                        "{n} {} {}",
                        section_noun(section, n, zh),
                        k.as_str()
                    ));
                }
            }
        }
        let noun = if total == 1 { "change" } else { "changes" };
        format!("{total} {noun}: {}", parts.join(", "))
    }
}

fn locale(zh: bool) -> Locale {
    if zh { Locale::ZhCn } else { Locale::En }
}

/// The words of the comment's language.
fn lang(zh: bool) -> &'static Words {
    words(locale(zh))
}

fn kind_word(k: ChangeKind, zh: bool) -> &'static str {
    let w = lang(zh);
    match k {
        ChangeKind::Added => w.added,
        ChangeKind::Removed => w.removed,
        ChangeKind::Changed => w.changed,
    }
}

/// A section as a noun for `n` of its items (`campaign`, `campaigns`).
fn section_noun(s: Section, n: usize, zh: bool) -> &'static str {
    let at = Section::ALL.iter().position(|x| *x == s).unwrap_or(0);
    let w = lang(zh);
    if n == 1 {
        w.section_noun_one[at]
    } else {
        w.section_nouns[at]
    }
}

/// The section's label, as a heading (`Campaigns`, `活动`).
fn section_title(s: Section, zh: bool) -> String {
    if s == Section::Schedule {
        return lang(zh).schedule_title.to_string();
    }
    let Some(label) = FILE.key(s.as_str()).and_then(|k| k.label) else {
        return s.as_str().to_string();
    };
    let text = label.get(locale(zh));
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The label of `field` when it is a key of the section's items (a
/// campaign's `owner`, a channel's `slots_per_week`).
fn key_label(section: Section, field: &str) -> Option<Label> {
    let table = FILE.key(section.as_str())?;
    // Review levels are items of `[review.levels]`, not of `[review]`.
    let items = match section {
        Section::Review => table.kind.table()?.key("levels")?.item()?,
        _ => table.item()?,
    };
    items.key(field)?.label
}

/// The label of a key of a campaign's tasks.
fn task_label(field: &str) -> Option<Label> {
    let campaign = FILE.key(Section::Campaigns.as_str())?.item()?;
    campaign.table_of("tasks").entry().key(field)?.label
}

/// Fields the diff derives (from a column's `every` and its episodes, a
/// review level's place, the calendar); they are not keys of the plan.
fn derived_label(field: &str, zh: bool) -> Option<&'static str> {
    let w = lang(zh);
    Some(match field {
        "recurrence" => w.recurrence,
        "time" => w.time_of_day,
        "episodes" => w.episodes,
        "episode_dates" => w.episode_dates,
        "order" => w.review_order,
        "working_week" => w.working_week,
        "days_off" => w.days_off,
        "makeup_workdays" => w.makeup_workdays,
        _ => return None,
    })
}

fn item_cell(c: &Change) -> String {
    match &c.name {
        Some(n) if *n != c.id => format!("{} {}", table_code(&c.id), text(n)),
        _ => table_code(&c.id),
    }
}

fn range_text(r: DateRange) -> String {
    if r.start == r.end {
        r.start.to_string()
    } else {
        format!("{} – {}", r.start, r.end)
    }
}

fn dates_text(v: &[NaiveDate], zh: bool) -> String {
    const SHOWN: usize = 5;
    if v.is_empty() {
        return "—".to_string();
    }
    let mut s: Vec<String> = v.iter().take(SHOWN).map(NaiveDate::to_string).collect();
    if v.len() > SHOWN {
        if zh {
            s.push(format!("… 共 {} 天", v.len()));
        } else {
            s.push(format!("… ({} days)", v.len()));
        }
    }
    s.join(", ")
}

fn value_text(v: &Option<Val>, currency: &str, zh: bool) -> String {
    let Some(v) = v else {
        return "—".to_string();
    };
    match v {
        Val::Text(t) if t.is_empty() => "—".to_string(),
        Val::Text(t) => text(t),
        Val::Money(m) => money_text(*m, currency),
        Val::Bool(b) => match (b, zh) {
            (true, true) => "是",
            (false, true) => "否",
            (true, false) => "yes",
            (false, false) => "no",
        }
        .to_string(),
        Val::Int(n) => n.to_string(),
        Val::Date(d) => d.to_string(),
        Val::Range(r) => range_text(*r),
        Val::List(l) if l.is_empty() => "—".to_string(),
        Val::List(l) => l
            .iter()
            .map(|x| table_code(x))
            .collect::<Vec<_>>()
            .join(", "),
        Val::Dates(d) => dates_text(d, zh),
    }
}

/// `a week`, `3 days`; `一周`, `3 天`.
fn days_text(n: i64, zh: bool) -> String {
    let n = n.abs();
    match (n % 7 == 0, n / 7, zh) {
        (true, 1, true) => "一周".to_string(),
        (true, w, true) => format!("{w} 周"),
        (true, 1, false) => "a week".to_string(),
        (true, w, false) => format!("{w} weeks"),
        (false, _, true) => format!("{n} 天"),
        (false, _, false) if n == 1 => "a day".to_string(),
        (false, _, false) => format!("{n} days"),
    }
}

/// A space between Chinese text and a number: `推迟 3 天`, but `推迟一周`.
fn zh_gap(t: String) -> String {
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        format!(" {t}")
    } else {
        t
    }
}

/// How a window moved: `moved a week later`, `推迟一周`.
pub fn shift_text(a: DateRange, b: DateRange, zh: bool) -> String {
    let ds = (b.start - a.start).num_days();
    let de = (b.end - a.end).num_days();
    let one = |d: i64| -> String {
        match (d.signum(), zh) {
            (0, true) => "不变".to_string(),
            (0, false) => "unchanged".to_string(),
            (1, true) => format!("推迟{}", zh_gap(days_text(d, zh))),
            (_, true) => format!("提前{}", zh_gap(days_text(d, zh))),
            (1, false) => format!("{} later", days_text(d, zh)),
            (_, false) => format!("{} earlier", days_text(d, zh)),
        }
    };
    if ds == de {
        if zh {
            one(ds)
        } else {
            format!("moved {}", one(ds))
        }
    } else if zh {
        format!("开始{}，结束{}", one(ds), one(de))
    } else {
        format!("starts {}, ends {}", one(ds), one(de))
    }
}

fn field_label(c: &Change, zh: bool) -> String {
    match c.kind {
        ChangeKind::Added | ChangeKind::Removed => return kind_word(c.kind, zh).to_string(),
        ChangeKind::Changed => {}
    }
    let f = c.field.as_deref().unwrap_or("");
    if let ("window" | "date", Some(Val::Range(a)), Some(Val::Range(b))) = (f, &c.old, &c.new) {
        return shift_text(*a, *b, zh);
    }
    if let Some(line) = f.strip_prefix("budget.") {
        let line = table_code(line);
        return if zh {
            format!("预算 {line}")
        } else {
            format!("budget {line}")
        };
    }
    if let Some(rest) = f.strip_prefix("tasks.") {
        let (task, what) = rest.split_once('.').unwrap_or((rest, ""));
        let task = table_code(task);
        // A changed name reads as a rename; another field by its label.
        let label = (what != "name").then(|| task_label(what)).flatten();
        return match (what, zh, label) {
            ("", true, _) if c.old.is_none() => format!("新增任务 {task}"),
            ("", true, _) => format!("删除任务 {task}"),
            ("", false, _) if c.old.is_none() => format!("task {task} added"),
            ("", false, _) => format!("task {task} removed"),
            ("name", true, _) => format!("任务 {task} 改名"),
            ("name", false, _) => format!("task {task} renamed"),
            (_, true, Some(l)) => format!("任务 {task} {}", l.zh),
            (_, false, Some(l)) => format!("task {task} {}", l.en),
            (_, true, None) => format!("任务 {task} {}", table_code(what)),
            (_, false, None) => format!("task {task} {}", table_code(what)),
        };
    }
    if f == "name" {
        return lang(zh).renamed.to_string();
    }
    match key_label(c.section, f) {
        Some(l) => l.get(locale(zh)).to_string(),
        None => derived_label(f, zh).map_or_else(|| table_code(f), str::to_string),
    }
}

/// A Markdown table's header row and its delimiter row.
fn table_head(s: &mut String, cells: &[&str]) {
    let _ = writeln!(s, "| {} |", cells.join(" | "));
    let _ = writeln!(s, "|{}", "---|".repeat(cells.len()));
}

fn table(s: &mut String, d: &Diff, changes: &[&Change], zh: bool) {
    table_head(s, &lang(zh).item_columns);
    for c in changes {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            item_cell(c),
            field_label(c, zh),
            value_text(&c.old, &d.old_currency, zh),
            value_text(&c.new, &d.new_currency, zh),
        );
    }
}

/// The plan's own settings: one row per setting.
fn plan_table(s: &mut String, d: &Diff, changes: &[&Change], zh: bool) {
    table_head(s, &lang(zh).setting_columns);
    for c in changes {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            setting_label(c.field.as_deref().unwrap_or(""), zh),
            value_text(&c.old, &d.old_currency, zh),
            value_text(&c.new, &d.new_currency, zh),
        );
    }
}

/// A setting of the plan: a key of `[plan]`, or a section that holds one
/// value (`reserve`).
fn setting_label(f: &str, zh: bool) -> String {
    let label = key_label(Section::Plan, f).or_else(|| FILE.key(f).and_then(|k| k.label));
    match label {
        Some(l) => l.get(locale(zh)).to_string(),
        None => table_code(f),
    }
}

fn delta_text(a: Ratio, b: Ratio, currency: &str) -> String {
    match b.checked_sub(a) {
        Some(x) if x.is_zero() => "±0".to_string(),
        Some(x) if x.is_negative() => money_text(x, currency),
        Some(x) => format!("+{}", money_text(x, currency)),
        None => "—".to_string(),
    }
}

fn amount_with_share(v: &Option<Val>, share: Option<Ratio>, currency: &str, zh: bool) -> String {
    let text = value_text(v, currency, zh);
    match (v, share) {
        (Some(Val::Money(_)), Some(p)) => format!("{text} ({})", percent_text(p)),
        _ => text,
    }
}

fn budget_table(s: &mut String, d: &Diff, changes: &[&Change], zh: bool) {
    table_head(s, &lang(zh).budget_columns);
    let (oc, nc) = (&d.old_currency, &d.new_currency);
    for c in changes {
        if c.id == "total" && c.field.as_deref() != Some("name") {
            continue; // the totals row below
        }
        let old = amount_with_share(&c.old, c.share.0, oc, zh);
        let new = amount_with_share(&c.new, c.share.1, nc, zh);
        let money = |v: &Option<Val>| match v {
            Some(Val::Money(m)) => Some(*m),
            _ => None,
        };
        let change = match (c.kind, money(&c.old), money(&c.new)) {
            (ChangeKind::Added, _, Some(n)) => {
                let t = delta_text(Ratio::ZERO, n, nc);
                if zh {
                    format!("{t}（新增）")
                } else {
                    format!("{t} (added)")
                }
            }
            (ChangeKind::Removed, Some(o), _) => {
                let t = delta_text(o, Ratio::ZERO, oc);
                if zh {
                    format!("{t}（删除）")
                } else {
                    format!("{t} (removed)")
                }
            }
            (_, Some(_), Some(_)) if oc != nc => "—".to_string(),
            (_, Some(o), Some(n)) => delta_text(o, n, nc),
            _ => field_label(c, zh),
        };
        let _ = writeln!(s, "| {} | {old} | {new} | {change} |", item_cell(c));
    }
    if let Some((o, n)) = d.totals {
        let label = format!("**{}**", lang(zh).total_budget);
        let _ = writeln!(
            s,
            "| {label} | {} | {} | {} |",
            money_text(o, oc),
            money_text(n, nc),
            if oc == nc {
                delta_text(o, n, nc)
            } else {
                "—".to_string()
            }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: &str, b: &str) -> DateRange {
        DateRange {
            start: a.parse().unwrap(),
            end: b.parse().unwrap(),
        }
    }

    #[test]
    fn shifts_are_said_in_days_and_weeks() {
        let jul = r("2026-07-01", "2026-07-31");
        let week = r("2026-07-08", "2026-08-07");
        assert_eq!(shift_text(jul, week, false), "moved a week later");
        assert_eq!(shift_text(jul, week, true), "推迟一周");
        assert_eq!(shift_text(week, jul, false), "moved a week earlier");
        let two = r("2026-06-17", "2026-07-17");
        assert_eq!(shift_text(jul, two, false), "moved 2 weeks earlier");
        assert_eq!(shift_text(jul, two, true), "提前 2 周");
        let longer = r("2026-07-04", "2026-07-31");
        assert_eq!(
            shift_text(jul, longer, false),
            "starts 3 days later, ends unchanged"
        );
        assert_eq!(shift_text(jul, longer, true), "开始推迟 3 天，结束不变");
    }

    fn change(section: Section, field: &str) -> Change {
        Change {
            section,
            id: "x".into(),
            kind: ChangeKind::Changed,
            field: Some(field.into()),
            old: None,
            new: None,
            name: None,
            share: (None, None),
        }
    }

    #[test]
    fn fields_are_called_by_their_labels_in_the_format() {
        for (section, field, zh, expected) in [
            (Section::Channels, "slots_per_week", false, "slots per week"),
            (Section::Channels, "slots_per_week", true, "每周发布数"),
            (Section::Campaigns, "window", true, "日期"),
            (Section::Campaigns, "name", false, "renamed"),
            (
                Section::Campaigns,
                "tasks.brief.due",
                false,
                "task `brief` due",
            ),
            (
                Section::Campaigns,
                "tasks.brief.name",
                true,
                "任务 `brief` 改名",
            ),
            (Section::Columns, "episodes", true, "期数"),
            (Section::Rules, "tolerance", false, "`tolerance`"),
            // Every task field by its own label, none as a rename.
            (
                Section::Campaigns,
                "tasks.brief.after",
                true,
                "任务 `brief` 前置任务",
            ),
            (
                Section::Campaigns,
                "tasks.brief.publish",
                false,
                "task `brief` publishes",
            ),
            (Section::Review, "lead", true, "提前量"),
            (Section::Review, "response", false, "response time"),
            (Section::Review, "order", true, "审核顺序"),
            (Section::Holidays, "days_off", true, "放假日（取消 / 新增）"),
            (Section::Holidays, "working_week", false, "working week"),
        ] {
            assert_eq!(
                field_label(&change(section, field), zh),
                expected,
                "{field}"
            );
        }
        assert_eq!(setting_label("locale", false), "language");
        assert_eq!(setting_label("reserve", true), "热点预留");
        // Every key of a task has a label, so none reads as a rename.
        let campaign = FILE
            .key("campaigns")
            .and_then(|k| k.item())
            .expect("campaigns");
        for key in campaign.table_of("tasks").entry().keys {
            let field = format!("tasks.brief.{}", key.name);
            let shown = field_label(&change(Section::Campaigns, &field), true);
            assert!(
                key.name == "name" || !shown.ends_with("改名"),
                "{field}: {shown}"
            );
        }
    }

    #[test]
    fn every_section_has_a_title_in_both_languages() {
        // Every section but the schedule backstop is a table of the format,
        // labelled there; the schedule's title is in the word table.
        for s in Section::ALL.into_iter().filter(|s| *s != Section::Schedule) {
            let label = FILE.key(s.as_str()).and_then(|k| k.label);
            assert!(label.is_some(), "`{}` has no label", s.as_str());
        }
        assert_eq!(section_title(Section::Schedule, true), "排期");
        assert_eq!(section_title(Section::Review, false), "Review");
        assert_eq!(section_title(Section::Campaigns, false), "Campaigns");
        assert_eq!(section_title(Section::Kpis, false), "KPI");
        assert_eq!(section_title(Section::Rules, true), "规则设置");
    }

    #[test]
    fn item_cells_quote_the_id_and_the_name() {
        let c = Change {
            section: Section::Campaigns,
            id: "summer".into(),
            kind: ChangeKind::Added,
            field: None,
            old: None,
            new: None,
            name: Some("a|b\n<c>".into()),
            share: (None, None),
        };
        assert_eq!(item_cell(&c), "`summer` a\\|b \\<c\\>");
    }
}
