//! The budget: the total, then the split of its lines as a native doughnut
//! chart with a legend under it, and beside it each breakdown (a doughnut,
//! or bars for the KOL pyramid's tiers, top tier first) with its legend.
//! The charts open their numbers in the application's data editor; the
//! legends give each line's amount and share as text.

use crate::slides::deck::{BudgetView, Chart, Segment};
use crate::slides::pptx::draw::{
    Anchor, Canvas, PT, Para, Rect, Run, Stroke, Text, h, line_height, text_width,
};

use super::{BODY, CW, Ctx, MX, pb};

/// Swatch + the label on one line and `amount · share` on the next, one
/// entry under another. Returns the height used.
fn legend(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, r: Rect, segments: &[Segment], size: u32) -> i64 {
    let c = ctx.c;
    let line = line_height(size * 100);
    let row_h = 2 * line + h(6);
    for (i, s) in segments.iter().enumerate() {
        let y = r.y + i as i64 * row_h;
        cv.rect(
            "Swatch",
            Rect::new(r.x, y + (line - h(14)) / 2, h(14), h(14)),
            ctx.brand.series(i),
        );
        let label_size = if text_width(&s.label, size * 100, true) > r.w - h(24) {
            size - 2
        } else {
            size
        };
        cv.text(
            "Legend",
            Rect::new(r.x + h(22), y, r.w - h(22), 2 * line),
            Text::new(vec![
                Para::one(Run::new(&s.label, label_size, &c.text).bold()),
                Para::new(vec![
                    Run::new(&s.amount, size, &c.text),
                    Run::new(format!(" · {}", s.share), size, &c.muted),
                ]),
            ])
            .anchor(Anchor::Top),
        );
    }
    segments.len() as i64 * row_h
}

/// A chart and its legend in the column `r`: side by side when the column
/// is wide, else the legend under the chart, taking what its entries need.
fn column(
    cv: &mut Canvas<'_>,
    ctx: &Ctx<'_>,
    r: Rect,
    chart: (&Chart, Option<&String>),
    segments: &[Segment],
) {
    let size = if segments.len() > 4 { 12 } else { 14 };
    let legend_h = segments.len() as i64 * (2 * line_height(size * 100) + h(6));
    let name = format!("Chart {}", chart.0.title);
    if r.w >= h(560) {
        let side = r.h.min(r.w * 45 / 100);
        if let Some(rel) = chart.1 {
            cv.chart(&name, Rect::new(r.x, r.y, side, side), rel);
        }
        let lx = r.x + side + h(30);
        let ly = r.y + ((side - legend_h) / 2).max(0);
        legend(
            cv,
            ctx,
            Rect::new(lx, ly, r.right() - lx, legend_h),
            segments,
            size,
        );
        return;
    }
    let chart_h = (r.h - legend_h - h(10)).max(h(120));
    if let Some(rel) = chart.1 {
        cv.chart(&name, Rect::new(r.x, r.y, r.w, chart_h), rel);
    }
    legend(
        cv,
        ctx,
        Rect::new(r.x, r.y + chart_h + h(10), r.w, legend_h),
        segments,
        size,
    );
}

pub fn budget(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, b: &BudgetView, charts: &[String]) {
    let c = ctx.c;
    let mut y = BODY.y;
    cv.text(
        "Total",
        Rect::new(MX, y, CW, h(70)),
        Text::new(vec![Para::new(vec![
            Run::new(format!("{}  ", b.total_label), 16, &c.muted),
            Run::new(&b.total, 32, &c.primary).bold(),
        ])])
        .anchor(Anchor::Middle),
    );
    y += h(80);
    let area_h = BODY.bottom() - y;
    let k = b.breakdowns.len() as i64;
    let gap = h(50);
    // The whole split takes the first column, a little wider than the others.
    let (main_w, w) = if k == 0 {
        (CW / 2, 0)
    } else {
        let w = (CW - gap * k) * 10 / (12 + 10 * k);
        (CW - gap * k - w * k, w)
    };
    column(
        cv,
        ctx,
        Rect::new(MX, y, main_w, area_h),
        (&b.chart, charts.first()),
        &b.segments,
    );
    for (i, bd) in b.breakdowns.iter().enumerate() {
        let x = MX + main_w + gap + i as i64 * (w + gap);
        cv.line(
            "Breakdown rule",
            (x - gap / 2, y),
            (x - gap / 2, BODY.bottom()),
            Stroke::new(&c.surface, 2 * PT),
        );
        cv.text(
            "Breakdown",
            Rect::new(x, y, w, h(36)),
            Text::new(vec![pb(&bd.label, 16, &c.text)]).anchor(Anchor::Middle),
        );
        column(
            cv,
            ctx,
            Rect::new(x, y + h(44), w, area_h - h(44)),
            (&bd.chart, charts.get(i + 1)),
            &bd.segments,
        );
    }
}
