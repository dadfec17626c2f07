//! A timeline: lanes of campaigns as bars on an axis of equal segments,
//! with gridlines at the segments' edges. A bar's label goes on the side
//! where it fits at 14 pt, else on the roomier side at 12 pt. Flagship
//! campaigns are drawn in the primary colour with a star before the name,
//! and the star is explained in the corner above the lanes.

use crate::slides::deck::Timeline;
use crate::slides::pptx::draw::{
    Align, Anchor, Canvas, PT, Para, Rect, Run, Shape, Stroke, Text, h, text_width,
};

use super::{BODY, CW, Ctx, MX, pb};
use crate::locale::{Locale, words};

/// Marks a flagship campaign (as the HTML deck does).
const STAR: &str = "★ ";

pub fn timeline(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, t: &Timeline) {
    let c = ctx.c;
    let lane_w = h(120);
    let x0 = MX + lane_w + h(20);
    let x1 = MX + CW - h(10);
    let cw = x1 - x0;
    let axis_h = h(40);
    let top = BODY.y + axis_h + h(10);
    let items: usize = t.lanes.iter().map(|l| l.items.len()).sum();
    let lane_pad = h(14);
    let avail = BODY.bottom() - top - lane_pad * 2 * t.lanes.len() as i64;
    let item_h = (avail / items.max(1) as i64).min(h(56));
    let at = |m: u32| x0 + i64::from(m.min(1000)) * cw / 1000;
    // The axis: labels centred in equal segments, a gridline at each boundary.
    let segs = t.axis.len().max(1) as i64;
    let lanes_h: i64 = t
        .lanes
        .iter()
        .map(|l| l.items.len() as i64 * item_h + 2 * lane_pad)
        .sum();
    // Lane bands first, so the gridlines sit on them.
    let mut y = top;
    for (i, lane) in t.lanes.iter().enumerate() {
        let lh = lane.items.len() as i64 * item_h + 2 * lane_pad;
        if i % 2 == 0 {
            cv.rect("Lane band", Rect::new(MX, y, CW, lh), &c.surface);
        }
        cv.text(
            "Lane",
            Rect::new(MX, y, lane_w, lh),
            Text::new(vec![pb(&lane.label, 16, &c.primary)])
                .anchor(Anchor::Middle)
                .inset(h(14), 0),
        );
        y += lh;
    }
    // The legend, in the corner above the lane labels.
    if t.lanes.iter().flat_map(|l| &l.items).any(|i| i.flagship) {
        let locale = if ctx.lang.starts_with("en") {
            Locale::En
        } else {
            Locale::ZhCn
        };
        cv.text(
            "Legend",
            Rect::new(MX, BODY.y, lane_w + h(20), axis_h),
            Text::new(vec![Para::new(vec![
                Run::new(STAR, 12, &c.primary),
                Run::new(words(locale).flagship, 12, &c.muted),
            ])])
            .anchor(Anchor::Middle)
            .inset(h(14), 0),
        );
    }
    for (i, label) in t.axis.iter().enumerate() {
        let sx = x0 + cw * i as i64 / segs;
        cv.text(
            "Axis label",
            Rect::new(sx, BODY.y, cw / segs, axis_h),
            Text::new(vec![pb(label, 16, &c.muted).align(Align::Center)]).anchor(Anchor::Middle),
        );
    }
    for i in 0..=segs {
        let gx = x0 + cw * i / segs;
        let stroke = if i == 0 || i == segs {
            Stroke::new(&c.muted, PT)
        } else {
            Stroke::new(&c.muted, PT).dashed()
        };
        cv.line("Gridline", (gx, top - h(6)), (gx, top + lanes_h), stroke);
    }
    cv.line(
        "Axis",
        (x0, top - h(6)),
        (x1, top - h(6)),
        Stroke::new(&c.muted, 2 * PT),
    );
    let mut y = top;
    for lane in &t.lanes {
        y += lane_pad;
        for item in &lane.items {
            let bh = (item_h * 55 / 100).min(h(30));
            let bx = at(item.start);
            let bw = (at(item.end.max(item.start)) - bx).max(h(10));
            let by = y + (item_h - bh) / 2;
            let fill = if item.flagship { &c.primary } else { &c.accent };
            cv.shape(
                "Campaign",
                Rect::new(bx, by, bw, bh),
                &Shape::new("roundRect").adjust("adj", 30_000).fill(fill),
            );
            let runs = |size: u32| {
                let mut runs = Vec::with_capacity(3);
                if item.flagship {
                    runs.push(Run::new(STAR, size, &c.primary));
                }
                runs.push(Run::new(&item.name, size, &c.text).bold());
                runs.push(Run::new(format!("  {}", item.dates), size, &c.muted));
                runs
            };
            let need = |size: u32| {
                runs(size)
                    .iter()
                    .map(|r| text_width(&r.text, r.size, r.bold))
                    .sum::<i64>()
                    + h(10)
            };
            let right_room = x1 + h(10) - (bx + bw + h(10));
            let left_room = bx - h(10) - x0;
            // The side where the label fits at 14 pt, else the roomier side
            // at 12 pt.
            let right = need(14) <= right_room || (need(14) > left_room && right_room >= left_room);
            let room = if right { right_room } else { left_room };
            let size = if need(14) <= room { 14 } else { 12 };
            let (rect, align) = if right {
                (
                    Rect::new(bx + bw + h(10), y, right_room.max(h(50)), item_h),
                    Align::Left,
                )
            } else {
                (Rect::new(x0, y, left_room, item_h), Align::Right)
            };
            let runs = runs(size);
            cv.text(
                "Campaign label",
                rect,
                Text::new(vec![Para::new(runs).align(align)]).anchor(Anchor::Middle),
            );
            y += item_h;
        }
        y += lane_pad;
    }
}
