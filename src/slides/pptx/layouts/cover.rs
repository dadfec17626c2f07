//! The cover: the deck's title on the primary colour, with a band of the
//! accent colour down the left edge. The title grows upwards from a fixed
//! line; the subtitle and the details hang below it.

use crate::slides::pptx::draw::{Anchor, Canvas, Rect, Text, h, line_height, lines_needed};
use crate::slides::pptx::parts::SLIDE_H;

use super::{Ctx, MX, p, pb};

pub fn cover(
    cv: &mut Canvas<'_>,
    ctx: &Ctx<'_>,
    title: &str,
    subtitle: Option<&str>,
    lines: &[String],
) {
    let c = ctx.c;
    let w = h(1000);
    let x = MX + h(40);
    // A band of the accent colour on the left edge; the title grows
    // upwards from a fixed line, the subtitle and details hang below it.
    cv.rect("Band", Rect::new(0, 0, h(18), SLIDE_H), &c.accent);
    let base = h(380);
    let title_h = h(240);
    cv.text(
        "Title",
        Rect::new(x, base - title_h, w, title_h),
        Text::new(vec![pb(title, 40, &c.background)]).anchor(Anchor::Bottom),
    );
    let lines_in_title = lines_needed(title, 4000, true, w);
    cv.rect(
        "Rule",
        Rect::new(
            x,
            base - lines_in_title * line_height(4000) - h(40),
            h(110),
            h(8),
        ),
        &c.accent,
    );
    let mut y = base + h(16);
    if let Some(s) = subtitle {
        let sub_h = lines_needed(s, 2400, false, w) * line_height(2400) + h(10);
        cv.text(
            "Subtitle",
            Rect::new(x, y, w, sub_h),
            Text::new(vec![p(s, 24, &c.background)]),
        );
        y += sub_h + h(10);
    }
    if !lines.is_empty() {
        cv.text(
            "Details",
            Rect::new(x, y, w, lines.len() as i64 * line_height(1600) + h(10)),
            Text::new(lines.iter().map(|l| p(l, 16, &c.surface)).collect()),
        );
    }
}
