//! Cards side by side, all as tall as the fullest (within the body): a
//! strip of the primary colour on top, a title, a subtitle and lines, the
//! first line stressed.

use crate::slides::deck::Card;
use crate::slides::pptx::draw::{Canvas, PT, Rect, Text, h, line_height, lines_needed};

use super::{BODY, CW, Ctx, MX, p, pb};

pub fn cards(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, cards: &[Card]) {
    let c = ctx.c;
    let n = cards.len().max(1) as i64;
    let gap = h(30);
    let w = ((CW - gap * (n - 1)) / n).min(h(420));
    let x_start = MX + (CW - (w * n + gap * (n - 1))) / 2;
    let pad = h(22);
    let inner = w - 2 * pad;
    let natural = |card: &Card| -> i64 {
        let mut t = lines_needed(&card.title, 2000, true, inner) * line_height(2000);
        if let Some(s) = &card.subtitle {
            t += lines_needed(s, 1400, false, inner) * line_height(1400) + 4 * PT;
        }
        for l in &card.lines {
            t += lines_needed(l, 1600, false, inner) * line_height(1600) + 10 * PT;
        }
        t + 2 * pad + h(30)
    };
    let ch = cards
        .iter()
        .map(natural)
        .max()
        .unwrap_or(0)
        .clamp(h(280), BODY.h - h(20));
    let y = BODY.y + h(10);
    for (i, card) in cards.iter().enumerate() {
        let x = x_start + i as i64 * (w + gap);
        cv.rect("Card", Rect::new(x, y, w, ch), &c.surface);
        cv.rect("Card accent", Rect::new(x, y, w, h(8)), &c.primary);
        let mut paras = vec![pb(&card.title, 20, &c.text)];
        if let Some(s) = &card.subtitle {
            paras.push(p(s, 14, &c.muted).before(4));
        }
        for (j, l) in card.lines.iter().enumerate() {
            let color = if j == 0 { &c.primary } else { &c.text };
            let para = if j == 0 {
                pb(l, 16, color)
            } else {
                p(l, 16, color)
            };
            paras.push(para.before(10));
        }
        cv.text(
            "Card text",
            Rect::new(x, y + h(20), w, ch - h(20)),
            Text::new(paras).inset(pad, pad),
        );
    }
}
