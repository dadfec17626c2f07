//! Steps in a row, joined by chevrons: each a numbered title on the
//! primary colour over a body with its owner, detail and timing, the heads
//! as tall as the longest title.

use crate::slides::deck::Step;
use crate::slides::pptx::draw::{
    Anchor, Canvas, PT, Para, Rect, Run, Shape, Text, h, line_height, lines_needed, text_width,
};

use super::{BODY, CW, Ctx, MX, p, pb};

pub fn steps(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, steps: &[Step]) {
    let c = ctx.c;
    let n = steps.len().max(1) as i64;
    let arrow = h(56);
    let w = ((CW - arrow * (n - 1)) / n).min(h(380));
    let row_w = w * n + arrow * (n - 1);
    let x_start = MX + (CW - row_w) / 2;
    let pad = h(18);
    let inner = w - 2 * pad;
    let title_size = |s: &Step| {
        if text_width(&s.title, 1800, true) + h(40) > inner {
            16
        } else {
            18
        }
    };
    // Tall enough for the longest title, wrapped after its number.
    let head_h = steps
        .iter()
        .map(|s| {
            let size = title_size(s) * 100;
            lines_needed(&format!("0  {}", s.title), size, true, inner) * line_height(size) + h(26)
        })
        .max()
        .unwrap_or(0)
        .max(h(64));
    let body_h = steps
        .iter()
        .map(|s| {
            let mut t = 0;
            if let Some(o) = &s.owner {
                t += lines_needed(o, 1600, true, inner) * line_height(1600);
            }
            if let Some(d) = &s.detail {
                t += lines_needed(d, 1400, false, inner) * line_height(1400) + 8 * PT;
            }
            if let Some(tm) = &s.timing {
                t += lines_needed(tm, 1400, false, inner) * line_height(1400) + 8 * PT;
            }
            t + 2 * pad
        })
        .max()
        .unwrap_or(0)
        .clamp(h(200), BODY.h - head_h - h(40));
    let y = BODY.y + (BODY.h - head_h - body_h) / 3;
    for (i, s) in steps.iter().enumerate() {
        let x = x_start + i as i64 * (w + arrow);
        let title_size = title_size(s);
        cv.shape(
            "Step",
            Rect::new(x, y, w, head_h),
            &Shape::rect().fill(&c.primary).text(
                Text::new(vec![Para::new(vec![
                    Run::new(format!("{}  ", i + 1), 22, &c.background).bold(),
                    Run::new(&s.title, title_size, &c.background).bold(),
                ])])
                .anchor(Anchor::Middle)
                .inset(pad, 0),
            ),
        );
        let mut paras = Vec::new();
        if let Some(o) = &s.owner {
            paras.push(pb(o, 16, &c.text));
        }
        if let Some(d) = &s.detail {
            paras.push(p(d, 14, &c.text).before(8));
        }
        if let Some(tm) = &s.timing {
            paras.push(p(tm, 14, &c.muted).before(8));
        }
        cv.shape(
            "Step body",
            Rect::new(x, y + head_h, w, body_h),
            &Shape::rect()
                .fill(&c.surface)
                .text(Text::new(paras).inset(pad, pad)),
        );
        if i + 1 < steps.len() {
            let ax = x + w + h(12);
            cv.shape(
                "Arrow",
                Rect::new(
                    ax,
                    y + i64::midpoint(head_h, body_h) - h(22),
                    arrow - h(24),
                    h(44),
                ),
                &Shape::new("chevron").fill(&c.accent),
            );
        }
    }
}
