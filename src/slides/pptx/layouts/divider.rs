//! A section divider: the section's number, large, on a coloured panel
//! at the left, and its title beside it, centred from top to bottom.

use crate::slides::pptx::draw::{
    Align, Anchor, Canvas, Rect, Shape, Text, h, line_height, lines_needed,
};
use crate::slides::pptx::parts::{SLIDE_H, SLIDE_W};

use super::{Ctx, DIVIDER_PANEL, MX, pb};

pub fn divider(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, number: &str, title: &str) {
    let c = ctx.c;
    let panel = DIVIDER_PANEL;
    cv.shape(
        "Section number",
        Rect::new(0, 0, panel, SLIDE_H),
        &Shape::rect().fill(&c.primary).text(
            Text::new(vec![pb(number, 120, &c.background).align(Align::Center)])
                .anchor(Anchor::Middle),
        ),
    );
    let x = panel + h(80);
    let w = SLIDE_W - x - MX;
    let lines = lines_needed(title, 3600, true, w);
    let th = lines * line_height(3600) + h(10);
    let y = (SLIDE_H - th) / 2;
    cv.rect("Rule", Rect::new(x, y - h(30), h(90), h(8)), &c.accent);
    cv.text(
        "Title",
        Rect::new(x, y, w, th),
        Text::new(vec![pb(title, 36, &c.text)]),
    );
}
