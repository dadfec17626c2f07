//! Horizontal bars with their values, targets (a dashed marker and its
//! label) and notes. Roomy when the rows fit: target labels above their
//! markers, notes wrapped under the bar. Dense otherwise: target labels
//! under the bar's label, notes on one line, down to 12 pt.

use crate::slides::deck::Bar;
use crate::slides::pptx::draw::{
    Align, Anchor, Canvas, PT, Rect, Stroke, Text, h, line_height, lines_needed, text_width,
};

use super::{BODY, CW, Ctx, MX, p, pb, status_color};

pub fn bars(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, caption: Option<&str>, bars: &[Bar]) {
    let c = ctx.c;
    let mut top = BODY.y;
    if let Some(cap) = caption {
        cv.text(
            "Caption",
            Rect::new(MX, top, CW, h(32)),
            Text::new(vec![p(cap, 14, &c.muted)]).anchor(Anchor::Middle),
        );
        top += h(42);
    }
    let label_w = h(320);
    let x0 = MX + label_w + h(24);
    let value_w = h(170);
    let bw = MX + CW - value_w - x0;
    let note_w = MX + CW - x0;
    let avail = BODY.bottom() - top;
    // Roomy: each target's label above its marker, notes wrapped below
    // the bar. Dense (when that does not fit): target labels move under
    // the bar's label, beside the note, and notes keep to one line.
    let band_h = line_height(1600);
    let roomy: Vec<i64> = bars
        .iter()
        .map(|b| {
            let notes = b.note.as_deref().map_or(0, |n| {
                lines_needed(n, 1400, false, note_w) * line_height(1400) + h(4)
            });
            let marker = if b.target.is_some() { h(28) } else { 0 };
            marker + band_h.max(h(40)) + notes + h(22)
        })
        .collect();
    let dense = roomy.iter().sum::<i64>() > avail;
    let rows: Vec<i64> = if dense {
        bars.iter()
            .map(|b| {
                let second = b.note.is_some() || b.target.is_some();
                band_h + if second { line_height(1400) } else { 0 } + h(4)
            })
            .collect()
    } else {
        roomy
    };
    let total: i64 = rows.iter().sum();
    // Spare room goes between rows, up to 0.3 in each.
    let extra = ((avail - total).max(0) / bars.len().max(1) as i64).min(h(30));
    let bar_h = if dense { band_h * 80 / 100 } else { h(40) };
    let bh = band_h.max(bar_h);
    let mut y = top;
    for (b, row) in bars.iter().zip(rows) {
        let by = y + if b.target.is_some() && !dense {
            h(28)
        } else {
            0
        };
        let lsize = if text_width(&b.label, 1600, true) > label_w {
            14
        } else {
            16
        };
        cv.text(
            "Label",
            Rect::new(MX, by, label_w, bh),
            Text::new(vec![pb(&b.label, lsize, &c.text).align(Align::Right)])
                .anchor(Anchor::Middle),
        );
        let bar_y = by + (bh - bar_h) / 2;
        cv.rect("Track", Rect::new(x0, bar_y, bw, bar_h), &c.surface);
        let len = i64::from(b.length.min(1000)) * bw / 1000;
        if len > 0 {
            let fill = status_color(c, b.status).unwrap_or(&c.primary);
            cv.rect("Bar", Rect::new(x0, bar_y, len, bar_h), fill);
        }
        // The value sits after the bar, or after the marker when that is further.
        let marker_x = b
            .target
            .as_ref()
            .map(|t| x0 + i64::from(t.at.min(1000)) * bw / 1000);
        let vx = (x0 + len).max(marker_x.unwrap_or(0) + h(4)) + h(10);
        cv.text(
            "Value",
            Rect::new(vx, by, MX + CW - vx, bh),
            Text::new(vec![pb(&b.value, 16, &c.text)]).anchor(Anchor::Middle),
        );
        let sub_y = by + bh + h(4);
        if let (Some(t), Some(tx)) = (&b.target, marker_x) {
            cv.line(
                "Target",
                (tx, if dense { bar_y - h(4) } else { by - h(4) }),
                (tx, bar_y + bar_h + h(6)),
                Stroke::new(&c.text, 2 * PT).dashed(),
            );
            if dense {
                cv.text(
                    "Target label",
                    Rect::new(MX, sub_y, label_w, line_height(1400)),
                    Text::new(vec![p(&t.label, 14, &c.muted).align(Align::Right)])
                        .anchor(Anchor::Middle),
                );
            } else {
                let lw = text_width(&t.label, 1400, false) + h(20);
                let lx = (tx - lw / 2).clamp(x0, MX + CW - lw);
                cv.text(
                    "Target label",
                    Rect::new(lx, y, lw, h(28)),
                    Text::new(vec![p(&t.label, 14, &c.muted).align(Align::Center)])
                        .anchor(Anchor::Bottom),
                );
            }
        }
        if let Some(n) = &b.note {
            let (size, lines) = if dense {
                let size = [14, 13, 12]
                    .into_iter()
                    .find(|s| text_width(n, s * 100, false) <= note_w)
                    .unwrap_or(12);
                (size, 1)
            } else {
                (14, lines_needed(n, 1400, false, note_w))
            };
            cv.text(
                "Note",
                Rect::new(x0, sub_y, note_w, lines * line_height(size * 100)),
                Text::new(vec![p(n, size, &c.muted)]).anchor(Anchor::Middle),
            );
        }
        y += row + extra;
    }
}
