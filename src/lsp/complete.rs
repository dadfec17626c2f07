//! Completion: what may be written where the cursor is. At a key, the keys
//! the format defines for the table the cursor is in (with their docs), or
//! in `[rules]` the rules' codes and names; in a header, the sections; at a
//! value, the ids a reference may name (people, channels, tasks of the same
//! campaign, review levels, KPIs), the words of a choice (severities,
//! `raci`), and in a date expression the moments (built-in and the plan's)
//! and weekday and month words. The text is read line by line, so it works
//! while the document is half typed.

use lsp_types::{CompletionItem, CompletionItemKind, Documentation, MarkupContent, MarkupKind};

use crate::format::{self, ExprKind, Kind, Target, Text};

use super::hover::key_doc;
use super::symbols::{Index, header_segments, section_of};

/// The completions at byte `offset` of `text`; `index` holds the plan's
/// ids, `moments` the plan's moments and campaigns.
pub fn complete(
    text: &str,
    offset: usize,
    index: &Index,
    moments: &[String],
) -> Vec<CompletionItem> {
    let offset = crate::source::floor_char_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    if before.trim_start().starts_with('[') {
        return format::FILE
            .keys
            .iter()
            .filter(|k| k.kind.table().is_some())
            .map(|k| key_item(k.name, k))
            .collect();
    }
    let (table, campaign) = table_at(&text[..line_start]);
    match before.split_once('=') {
        None => {
            if table.path == "rules" {
                return crate::diagnostics::codes::ALL
                    .iter()
                    .flat_map(|r| {
                        [r.code, r.name].map(|label| CompletionItem {
                            label: label.to_string(),
                            kind: Some(CompletionItemKind::ENUM_MEMBER),
                            detail: Some(r.summary.to_string()),
                            ..CompletionItem::default()
                        })
                    })
                    .collect();
            }
            let present = keys_present(text, line_start);
            table
                .keys
                .iter()
                .filter(|k| !present.contains(&k.name))
                .map(|k| key_item(k.name, k))
                .collect()
        }
        Some((key, rest)) => {
            // `budget = { ads.` — a key of a campaign's draws: a budget line.
            if matches!(table.child(key.trim()), Some(Kind::Draws))
                && let Some(open) = rest.rfind(['{', ','])
                && !rest[open..].contains('=')
            {
                return index
                    .declared("budget", None)
                    .map(|s| CompletionItem {
                        label: s.name.clone(),
                        kind: Some(CompletionItemKind::REFERENCE),
                        detail: Some("budget line".into()),
                        ..CompletionItem::default()
                    })
                    .collect();
            }
            let key = key
                .trim()
                .rsplit('.')
                .next()
                .unwrap_or_default()
                .trim_matches('"');
            let kind = match table.child(key) {
                Some(Kind::Either(inner, _)) => *inner,
                Some(k) => k,
                None => return Vec::new(),
            };
            values(kind, index, campaign.as_deref(), moments)
        }
    }
}

/// What may be written as a value of `kind`.
fn values(
    kind: &Kind,
    index: &Index,
    campaign: Option<&str>,
    moments: &[String],
) -> Vec<CompletionItem> {
    let word = |label: &str, kind: CompletionItemKind, detail: &str| CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: (!detail.is_empty()).then(|| detail.to_string()),
        ..CompletionItem::default()
    };
    match kind {
        Kind::Text(Text::Ref(target)) | Kind::Texts(Text::Ref(target)) => {
            let section = section_of(*target);
            let scope = if *target == Target::Task {
                campaign
            } else {
                None
            };
            let mut names: Vec<&str> = index
                .declared(section, scope)
                .map(|s| s.name.as_str())
                .collect();
            names.sort_unstable();
            names.dedup();
            names
                .into_iter()
                .map(|n| word(n, CompletionItemKind::REFERENCE, target.noun()))
                .collect()
        }
        Kind::Text(Text::Choice(words)) | Kind::Texts(Text::Choice(words)) => words
            .iter()
            .map(|w| word(w, CompletionItemKind::ENUM_MEMBER, ""))
            .collect(),
        Kind::Bool => ["true", "false"]
            .iter()
            .map(|w| word(w, CompletionItemKind::KEYWORD, ""))
            .collect(),
        _ => match kind.expr() {
            Some(ExprKind::Date | ExprKind::Range | ExprKind::Recurrence | ExprKind::Due) => {
                let builtin = crate::calendar::builtin_moments()
                    .iter()
                    .map(|m| word(m.key, CompletionItemKind::CONSTANT, m.name_zh));
                let own = moments
                    .iter()
                    .map(|m| word(m, CompletionItemKind::VARIABLE, "in this plan"));
                let days = crate::syntax::expr::WEEKDAYS
                    .iter()
                    .map(|(w, _)| word(w, CompletionItemKind::KEYWORD, "weekday"));
                let months = crate::syntax::expr::MONTHS
                    .iter()
                    .map(|(w, _)| word(w, CompletionItemKind::KEYWORD, "month"));
                builtin.chain(own).chain(days).chain(months).collect()
            }
            _ => Vec::new(),
        },
    }
}

fn key_item(name: &str, key: &format::Key) -> CompletionItem {
    CompletionItem {
        label: name.to_string(),
        kind: Some(CompletionItemKind::PROPERTY),
        detail: key.required.then(|| "required".to_string()),
        documentation: Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: key_doc(name, key),
        })),
        ..CompletionItem::default()
    }
}

/// The table of the last `[header]` in `before`, and the campaign it is
/// in (for tasks' `after`).
fn table_at(before: &str) -> (&'static format::Table, Option<String>) {
    let header = before
        .lines()
        .rev()
        .map(str::trim_start)
        .find(|l| l.starts_with('['))
        .and_then(header_segments);
    let mut table = &format::FILE;
    let mut campaign = None;
    for (i, (name, _)) in header.iter().flatten().enumerate() {
        if table.path == "campaigns" && i == 1 {
            campaign = Some(name.clone());
        }
        match table.child(name).and_then(Kind::table) {
            Some(t) => table = t,
            None => break,
        }
    }
    (table, campaign)
}

/// The keys already written in the table the cursor's line is in.
fn keys_present(text: &str, line_start: usize) -> Vec<&str> {
    let start = text[..line_start].rfind("\n[").map_or(0, |i| i + 1);
    let end = text[line_start..]
        .find("\n[")
        .map_or(text.len(), |i| line_start + i);
    text[start..end]
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
        .filter(|k| !k.starts_with('#') && !k.starts_with('['))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draw_offers_the_budget_lines() {
        let text = "[budget]\ntotal = \"100万\"\n\n[budget.ads]\nshare = \"60%\"\nfeed = { share = \"50%\" }\n\n[campaigns.c]\nwindow = \"Q1\"\nbudget = { ads.feed = \"5万\", \n";
        let index = Index::build([(std::path::Path::new("/p.toml"), text)].into_iter());
        let labels: Vec<String> = complete(text, text.len() - 1, &index, &[])
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(labels, ["ads", "ads.feed"]);
    }

    #[test]
    fn after_offers_the_campaigns_tasks() {
        let text = "[campaigns.c]\nwindow = \"Q1\"\n\n[campaigns.c.tasks.a]\ndue = \"start\"\n\n[campaigns.c.tasks.b]\nafter = [\"\ndue = \"start\"\n";
        let index = Index::build([(std::path::Path::new("/p.toml"), text)].into_iter());
        let offset = text.find("after = [\"").unwrap_or_default() + 10;
        let labels: Vec<String> = complete(text, offset, &index, &[])
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(labels, ["a", "b"]);
    }
}
