//! Bullets: one list, stepping down from 22 to 16 pt until it fits the body.

use crate::slides::pptx::draw::{Canvas, PT, Rect, Text, h, line_height, lines_needed};

use super::{BODY, CW, Ctx, MX, p};

pub fn bullets(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, items: &[String]) {
    let c = ctx.c;
    let inner = CW - h(40);
    let height = |size: u32| -> i64 {
        items
            .iter()
            .map(|i| lines_needed(i, size, false, inner) * line_height(size) + 10 * PT)
            .sum()
    };
    let size = [22, 20, 18, 16]
        .into_iter()
        .find(|s| height(s * 100) <= BODY.h - h(20))
        .unwrap_or(16);
    cv.text(
        "Bullets",
        Rect::new(MX, BODY.y + h(10), CW, BODY.h - h(10)),
        Text::new(
            items
                .iter()
                .map(|i| p(i, size, &c.text).bullet(&c.primary).before(10))
                .collect(),
        ),
    );
}
