//! The growth bars: a native bar chart of the actuals (and targets, as a
//! second series) that a manager edits in the application, with each bar's
//! note listed under the chart, the bar's label first.

use crate::slides::deck::Bars;
use crate::slides::pptx::draw::{
    Anchor, Canvas, Para, Rect, Run, Text, h, line_height, lines_needed,
};

use super::{BODY, CW, Ctx, MX};

/// Note text size: 14 pt while the notes leave the chart 2.4 in, else 12.
fn note_size(notes: &[String]) -> (u32, i64) {
    for size in [14, 12] {
        let lines: i64 = notes
            .iter()
            .map(|n| lines_needed(n, size * 100, false, CW))
            .sum();
        let height = lines * line_height(size * 100);
        if BODY.h - height - h(20) >= h(240) || size == 12 {
            return (size, height);
        }
    }
    (12, 0)
}

pub fn bars(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, b: &Bars, charts: &[String]) {
    let c = ctx.c;
    let notes: Vec<(&str, &str)> = b
        .bars
        .iter()
        .filter_map(|bar| bar.note.as_deref().map(|n| (bar.label.as_str(), n)))
        .collect();
    let texts: Vec<String> = notes.iter().map(|(l, n)| format!("{l}  {n}")).collect();
    let (size, notes_h) = note_size(&texts);
    let chart_h = if notes.is_empty() {
        BODY.h
    } else {
        BODY.h - notes_h - h(20)
    };
    if let Some(rel) = charts.first() {
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
