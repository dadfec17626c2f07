//! The budget: the total, a stacked bar of its lines in the series colours
//! with a legend, then the breakdowns side by side, each a stacked bar with
//! a legend or a pyramid of tiers.

use crate::slides::deck::{BudgetView, Segment};
use crate::slides::pptx::draw::{
    Align, Anchor, Canvas, PT, Para, Rect, Run, Shape, Stroke, Text, h, text_width,
};

use super::{BODY, CW, Ctx, MX, pb};

/// A stacked bar of segments in the series colours, each labelled inside
/// when its label fits.
fn stacked(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, r: Rect, segments: &[Segment]) {
    let c = ctx.c;
    let mut x = r.x;
    let total: i64 = segments
        .iter()
        .map(|s| i64::from(s.length))
        .sum::<i64>()
        .max(1);
    let mut acc = 0;
    for (i, s) in segments.iter().enumerate() {
        acc += i64::from(s.length);
        let end = r.x + acc * r.w / total.max(1000);
        let w = end - x;
        if w <= 0 {
            continue;
        }
        let label = format!("{} {}", s.label, s.share);
        let fits = text_width(&label, 1400, true) + h(16) <= w;
        let mut shape = Shape::rect().fill(ctx.brand.series(i));
        if fits {
            shape = shape.text(
                Text::new(vec![pb(&label, 14, &c.background).align(Align::Center)])
                    .anchor(Anchor::Middle)
                    .inset(h(4), 0),
            );
        }
        cv.shape("Segment", Rect::new(x, r.y, w, r.h), &shape);
        x = end;
    }
}

/// Swatch + `label  amount · share` for each segment, at most `per_row`
/// to a row (fewer when the entries are long). Returns the height used.
fn legend(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, r: Rect, segments: &[Segment], per_row: i64) -> i64 {
    let c = ctx.c;
    let widest = segments
        .iter()
        .map(|s| {
            text_width(&s.label, 1400, true)
                + text_width(&format!("  {} · {}", s.amount, s.share), 1400, false)
                + h(40)
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let per_row = (r.w / widest).clamp(1, per_row.max(1));
    let cell_w = r.w / per_row;
    let row_h = h(30);
    for (i, s) in segments.iter().enumerate() {
        let (col, row) = (i as i64 % per_row, i as i64 / per_row);
        let x = r.x + col * cell_w;
        let y = r.y + row * row_h;
        cv.rect(
            "Swatch",
            Rect::new(x, y + (row_h - h(16)) / 2, h(16), h(16)),
            ctx.brand.series(i),
        );
        let runs = vec![
            Run::new(&s.label, 14, &c.text).bold(),
            Run::new(format!("  {}", s.amount), 14, &c.text),
            Run::new(format!(" · {}", s.share), 14, &c.muted),
        ];
        cv.text(
            "Legend",
            Rect::new(x + h(24), y, cell_w - h(30), row_h),
            Text::new(vec![Para::new(runs)]).anchor(Anchor::Middle),
        );
    }
    segments.len().div_ceil(per_row as usize) as i64 * row_h
}

pub fn budget(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, b: &BudgetView) {
    let c = ctx.c;
    let mut y = BODY.y;
    cv.text(
        "Total",
        Rect::new(MX, y, CW, h(80)),
        Text::new(vec![Para::new(vec![
            Run::new(format!("{}  ", b.total_label), 16, &c.muted),
            Run::new(&b.total, 32, &c.primary).bold(),
        ])])
        .anchor(Anchor::Middle),
    );
    y += h(90);
    stacked(cv, ctx, Rect::new(MX, y, CW, h(54)), &b.segments);
    y += h(54) + h(10);
    y += legend(cv, ctx, Rect::new(MX, y, CW, 0), &b.segments, 3) + h(26);
    if b.breakdowns.is_empty() {
        return;
    }
    let k = b.breakdowns.len() as i64;
    let gap = h(50);
    let w = (CW - gap * (k - 1)) / k;
    let area_h = BODY.bottom() - y;
    for (i, bd) in b.breakdowns.iter().enumerate() {
        let x = MX + i as i64 * (w + gap);
        cv.line(
            "Breakdown rule",
            (x, y),
            (x + w, y),
            Stroke::new(&c.surface, 2 * PT),
        );
        cv.text(
            "Breakdown",
            Rect::new(x, y + h(6), w, h(36)),
            Text::new(vec![pb(&bd.label, 16, &c.text)]).anchor(Anchor::Middle),
        );
        let top = y + h(50);
        let h_left = area_h - h(50);
        if bd.pyramid {
            pyramid(cv, ctx, Rect::new(x, top, w, h_left), &bd.segments);
        } else {
            stacked(cv, ctx, Rect::new(x, top, w, h(44)), &bd.segments);
            legend(
                cv,
                ctx,
                Rect::new(x, top + h(54), w, 0),
                &bd.segments,
                if k > 1 { 1 } else { 3 },
            );
        }
    }
}

/// Bands of a triangle, narrowest first, with a label beside each band.
fn pyramid(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, r: Rect, segments: &[Segment]) {
    let c = ctx.c;
    let n = segments.len().max(1) as i64;
    let pw = (r.w * 45 / 100).min(h(460));
    let band = (r.h / n).min(h(80));
    let ph = band * n;
    let cx = r.x + pw / 2;
    let label_x = r.x + pw + h(60);
    for (i, s) in segments.iter().enumerate() {
        let i = i as i64;
        let top_w = pw * i / n;
        let bot_w = pw * (i + 1) / n;
        let y = r.y + i * band;
        let inset = (bot_w - top_w) / 2;
        let ss = bot_w.min(band).max(1);
        let shape = if i == 0 {
            Shape::new("triangle")
        } else {
            Shape::new("trapezoid").adjust("adj", inset * 100_000 / ss)
        };
        cv.shape(
            "Tier",
            Rect::new(cx - bot_w / 2, y + h(3), bot_w, band - h(3)),
            &shape
                .fill(ctx.brand.series(i as usize))
                .stroke(Stroke::new(&c.background, PT)),
        );
        let mid = y + band / 2;
        let edge = cx + (top_w + bot_w) / 4;
        cv.line(
            "Leader",
            (edge + h(8), mid),
            (label_x - h(10), mid),
            Stroke::new(&c.muted, PT).dashed(),
        );
        let runs = vec![
            Run::new(&s.label, 16, &c.text).bold(),
            Run::new(format!("  {}", s.amount), 14, &c.text),
            Run::new(format!(" · {}", s.share), 14, &c.muted),
        ];
        cv.text(
            "Tier label",
            Rect::new(label_x, y, r.right() - label_x, band),
            Text::new(vec![Para::new(runs)]).anchor(Anchor::Middle),
        );
    }
    let _ = ph;
}
