//! Chart bodies: a native chart that a manager edits in the application,
//! with a line under it per entry that has a note, the entry's label
//! first. The growth bars (actuals, and targets as a second series) and
//! the charts on their own (`Body::Chart`) share it.

use crate::slides::deck::{Bars, ChartView};
use crate::slides::pptx::draw::{
    Anchor, Canvas, Para, Rect, Run, Text, h, line_height, lines_needed,
};

use super::{BODY, CW, Ctx, MX};

/// Note text size and the notes' height: 14 pt while the notes leave the
/// chart 2.4 in, else 12.
fn note_size(notes: &[String]) -> (u32, i64) {
    let height = |size: u32| {
        let lines: i64 = notes
            .iter()
            .map(|n| lines_needed(n, size * 100, false, CW))
            .sum();
        lines * line_height(size * 100)
    };
    if BODY.h - height(14) - h(20) >= h(240) {
        (14, height(14))
    } else {
        (12, height(12))
    }
}

/// The chart `rel` over the body, and the notes (label, text) under it.
fn chart_with_notes(
    cv: &mut Canvas<'_>,
    ctx: &Ctx<'_>,
    rel: Option<&String>,
    notes: &[(&str, &str)],
) {
    let c = ctx.c;
    let texts: Vec<String> = notes.iter().map(|(l, n)| format!("{l}  {n}")).collect();
    let (size, notes_h) = note_size(&texts);
    let chart_h = if notes.is_empty() {
        BODY.h
    } else {
        BODY.h - notes_h - h(20)
    };
    if let Some(rel) = rel {
        cv.chart("Chart", Rect::new(MX, BODY.y, CW, chart_h), rel);
    }
    if notes.is_empty() {
        return;
    }
    let paras = notes
        .iter()
        .map(|(label, note)| {
            Para::new(vec![
                Run::new(*label, size, &c.text).bold(),
                Run::new(format!("  {note}"), size, &c.muted),
            ])
        })
        .collect();
    cv.text(
        "Notes",
        Rect::new(MX, BODY.bottom() - notes_h, CW, notes_h),
        Text::new(paras).anchor(Anchor::Bottom),
    );
}

pub fn bars(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, b: &Bars, charts: &[String]) {
    let notes: Vec<(&str, &str)> = b
        .bars
        .iter()
        .filter_map(|bar| bar.note.as_deref().map(|n| (bar.label.as_str(), n)))
        .collect();
    chart_with_notes(cv, ctx, charts.first(), &notes);
}

pub fn chart(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, v: &ChartView, charts: &[String]) {
    let notes: Vec<(&str, &str)> = v
        .notes
        .iter()
        .map(|(l, n)| (l.as_str(), n.as_str()))
        .collect();
    chart_with_notes(cv, ctx, charts.first(), &notes);
}
