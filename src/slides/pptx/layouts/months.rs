//! The year in months: a grid of four columns, a busy month filled and
//! topped with the primary colour, an empty one outlined; one line per
//! item, at 13 pt when one is too long for 14, and `+N` for those left out.

use crate::slides::deck::MonthCell;
use crate::slides::pptx::draw::{Align, Canvas, PT, Rect, Shape, Stroke, Text, h, text_width};

use super::{BODY, CW, Ctx, MX, p, pb};

pub fn months(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, months: &[MonthCell]) {
    let c = ctx.c;
    let (cols, gap) = (4i64, h(10));
    let rows = (months.len().div_ceil(cols as usize) as i64).max(1);
    let w = (CW - gap * (cols - 1)) / cols;
    let ch = (BODY.h - gap * (rows - 1)) / rows;
    let pad = h(10);
    let inner = w - 2 * pad;
    for (i, m) in months.iter().enumerate() {
        let (col, row) = (i as i64 % cols, i as i64 / cols);
        let r = Rect::new(MX + col * (w + gap), BODY.y + row * (ch + gap), w, ch);
        let busy = !m.items.is_empty();
        let cell = Shape::rect().fill(if busy { &c.surface } else { &c.background });
        let cell = if busy {
            cell
        } else {
            cell.stroke(Stroke::new(&c.surface, 2 * PT))
        };
        cv.shape("Month", r, &cell);
        if busy {
            cv.rect("Month accent", Rect::new(r.x, r.y, r.w, h(6)), &c.primary);
        }
        // One line per item: 14 pt when every item fits the cell, else 13.
        let size = if m
            .items
            .iter()
            .all(|it| text_width(it, 1400, false) <= inner)
        {
            14
        } else {
            13
        };
        let mut paras = vec![pb(&m.label, 18, if busy { &c.primary } else { &c.muted })];
        for item in &m.items {
            paras.push(p(item, size, &c.text).before(4));
        }
        cv.text(
            "Month text",
            Rect::new(r.x, r.y + h(6), r.w, r.h - h(6)),
            Text::new(paras).inset(pad, h(8)),
        );
        if m.more > 0 {
            cv.text(
                "More",
                Rect::new(r.right() - h(80), r.y + h(6), h(80), h(44)),
                Text::new(vec![
                    pb(&format!("+{}", m.more), 14, &c.muted).align(Align::Right),
                ])
                .inset(pad, h(8)),
            );
        }
    }
}
