//! The findings a plan writes per section of the outline (`[sections]`):
//! each section's key points as bullets (a long list over several slides,
//! each point in full in the notes when cut), its figures as a table and
//! its cases as cards — date and response time, what happened, the
//! outcome and the lessons. They follow, within their section, whatever
//! the plan's other tables already show there.

use super::*;
use crate::model::{Case, Section};

pub(super) fn section_slides(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
    for s in &p.sections {
        let title = s.title.as_deref().unwrap_or(w.sections[s.outline as usize]);
        points(s, title, w, out);
        figures(s, title, w, out);
        cases(p, s, title, w, out);
    }
}

/// The summary heads the first page of the points, as its first bullet.
fn points(s: &Section, title: &str, w: &Words, out: &mut Vec<Draft>) {
    let all: Vec<&String> = s.summary.iter().chain(&s.points).collect();
    for (i, page) in pages(&all, MAX_BULLETS).enumerate() {
        let mut notes = Vec::new();
        let items = page
            .iter()
            .map(|t| {
                let short = shorten(t, WIDTH_LINE);
                if short != **t {
                    notes.push((*t).clone());
                }
                short
            })
            .collect();
        out.push(Draft {
            sec: Some(s.outline),
            key: format!("{}-points", s.outline.id()),
            title: paged(
                &format!("{title}{}{}", w.colon, w.key_points),
                i,
                all.len(),
                MAX_BULLETS,
            ),
            body: Body::Bullets { items },
            notes,
        });
    }
}

fn figures(s: &Section, title: &str, w: &Words, out: &mut Vec<Draft>) {
    for (i, page) in pages(&s.figures, MAX_TABLE_ROWS).enumerate() {
        let mut notes = Vec::new();
        let rows = page
            .iter()
            .map(|f| {
                let note = f.note.as_deref().unwrap_or("");
                if f.name.chars().count() > WIDTH_CELL || note.chars().count() > WIDTH_CELL {
                    notes.push(format!(
                        "{}{}{} {note}",
                        f.name,
                        w.colon,
                        quantity(&f.value.q, w)
                    ));
                }
                Row {
                    cells: vec![
                        shorten(&f.name, WIDTH_CELL),
                        quantity(&f.value.q, w),
                        shorten(note, WIDTH_CELL),
                    ],
                    status: Status::None,
                }
            })
            .collect();
        out.push(Draft {
            sec: Some(s.outline),
            key: format!("{}-figures", s.outline.id()),
            title: paged(
                &format!("{title}{}{}", w.colon, w.more_results),
                i,
                s.figures.len(),
                MAX_TABLE_ROWS,
            ),
            body: Body::Table(Table {
                columns: columns(&[(w.kpi, false), (w.actual, true), (w.note, false)]),
                rows,
            }),
            notes,
        });
    }
}

fn cases(p: &Plan, s: &Section, title: &str, w: &Words, out: &mut Vec<Draft>) {
    let year = p.period.value.start.year();
    for (i, page) in pages(&s.cases, MAX_CARDS).enumerate() {
        let mut notes = Vec::new();
        let cards = page
            .iter()
            .map(|c| {
                notes.push(case_note(c, year, w));
                let subtitle: Vec<String> = c
                    .date
                    .map(|d| range_text(d, d, year))
                    .into_iter()
                    .chain(
                        c.response
                            .map(|r| format!("{} {}", w.case_response, lead_text(r, w))),
                    )
                    .collect();
                let mut lines: Vec<String> = Vec::new();
                lines.extend(c.what.iter().cloned());
                lines.extend(
                    c.outcome
                        .iter()
                        .map(|o| format!("{}{}{o}", w.case_outcome, w.colon)),
                );
                if !c.lessons.is_empty() {
                    lines.push(format!(
                        "{}{}{}",
                        w.case_lessons,
                        w.colon,
                        c.lessons.join(w.semicolon)
                    ));
                }
                Card {
                    title: shorten(&c.name, WIDTH_ITEM),
                    subtitle: (!subtitle.is_empty())
                        .then(|| shorten(&subtitle.join(" · "), WIDTH_ITEM)),
                    lines: lines
                        .iter()
                        .take(4)
                        .map(|l| shorten(l, WIDTH_ITEM))
                        .collect(),
                }
            })
            .collect();
        out.push(Draft {
            sec: Some(s.outline),
            key: format!("{}-cases", s.outline.id()),
            title: paged(
                &format!("{title}{}{}", w.colon, w.cases),
                i,
                s.cases.len(),
                MAX_CARDS,
            ),
            body: Body::Cards { cards },
            notes,
        });
    }
}

/// A case in full, for the speaker notes.
fn case_note(c: &Case, year: i32, w: &Words) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = c.date {
        parts.push(range_text(d, d, year));
    }
    if let Some(r) = c.response {
        parts.push(format!("{} {}", w.case_response, lead_text(r, w)));
    }
    parts.extend(c.what.iter().cloned());
    parts.extend(
        c.outcome
            .iter()
            .map(|o| format!("{}{}{o}", w.case_outcome, w.colon)),
    );
    if !c.lessons.is_empty() {
        parts.push(format!(
            "{}{}{}",
            w.case_lessons,
            w.colon,
            c.lessons.join(w.comma)
        ));
    }
    format!("{}{}{}", c.name, w.colon, parts.join(w.semicolon))
}
