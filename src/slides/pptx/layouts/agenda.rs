//! The agenda: the sections that follow, numbered, one to a row; in two
//! columns when there are more than seven.

use crate::slides::deck::AgendaItem;
use crate::slides::pptx::draw::{Anchor, Canvas, PT, Rect, Stroke, Text, h, text_width};

use super::{BODY, CW, Ctx, MX, p, pb};

pub fn agenda(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, items: &[AgendaItem]) {
    let c = ctx.c;
    let columns = if items.len() > 7 { 2 } else { 1 };
    let rows = items.len().div_ceil(columns).max(1) as i64;
    let gap = h(50);
    let col_w = (CW - gap * (columns as i64 - 1)) / columns as i64;
    let row_h = (BODY.h / rows).min(h(72));
    for (i, item) in items.iter().enumerate() {
        let (col, row) = ((i as i64) / rows, (i as i64) % rows);
        let x = MX + col * (col_w + gap);
        let y = BODY.y + row * row_h;
        cv.text(
            "Number",
            Rect::new(x, y, h(70), row_h),
            Text::new(vec![pb(&item.number, 22, &c.primary)]).anchor(Anchor::Middle),
        );
        let size = if text_width(&item.title, 1800, false) > col_w - h(80) {
            16
        } else {
            18
        };
        cv.text(
            "Entry",
            Rect::new(x + h(80), y, col_w - h(80), row_h),
            Text::new(vec![p(&item.title, size, &c.text)]).anchor(Anchor::Middle),
        );
        cv.line(
            "Entry rule",
            (x, y + row_h),
            (x + col_w, y + row_h),
            Stroke::new(&c.surface, PT),
        );
    }
}
