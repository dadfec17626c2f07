//! A typical week: a column per day with its entries, at 12 pt when the
//! fullest day does not fit at 14; the other columns as pills under it (one
//! line of text when there are too many for pills), and the reserve as a
//! bar of its share.

use crate::slides::deck::Week;
use crate::slides::pptx::draw::{
    Align, Anchor, Canvas, Para, Rect, Run, Shape, Text, h, line_height, lines_needed, text_width,
};

use super::{BODY, CW, Ctx, MX, p, pb};

pub fn week(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, wk: &Week) {
    use crate::slides::deck::WeekEntry;
    let c = ctx.c;
    let n = wk.days.len().max(1) as i64;
    let gap = h(8);
    let w = (CW - gap * (n - 1)) / n;
    let head_h = h(44);
    let inner = w - h(29);
    let entry_h = |e: &WeekEntry, size: u32| {
        let mut t = lines_needed(&e.name, size, true, inner) * line_height(size);
        if let Some(d) = &e.detail {
            t += lines_needed(d, size, false, inner) * line_height(size);
        }
        t + h(12)
    };
    let others_h = if wk.others.is_empty() {
        0
    } else {
        h(44) + h(16)
    };
    let reserve_h = if wk.reserve.is_some() {
        h(90) + h(16)
    } else {
        0
    };
    let col_h = BODY.h - head_h - others_h - reserve_h;
    // 14 pt when the fullest day fits its column, else 12.
    let fits = |size: u32| {
        wk.days.iter().all(|d| {
            d.entries
                .iter()
                .map(|e| entry_h(e, size) + h(8))
                .sum::<i64>()
                + h(8)
                <= col_h
        })
    };
    let size = if fits(1400) { 1400 } else { 1200 };
    let pt = size / 100;
    for (i, day) in wk.days.iter().enumerate() {
        let x = MX + i as i64 * (w + gap);
        cv.shape(
            "Day",
            Rect::new(x, BODY.y, w, head_h),
            &Shape::rect().fill(&c.primary).text(
                Text::new(vec![pb(&day.label, 16, &c.background).align(Align::Center)])
                    .anchor(Anchor::Middle),
            ),
        );
        cv.rect(
            "Day column",
            Rect::new(x, BODY.y + head_h, w, col_h),
            &c.surface,
        );
        let heights: Vec<i64> = day.entries.iter().map(|e| entry_h(e, size)).collect();
        let total: i64 = heights.iter().sum::<i64>() + h(8) * (heights.len() as i64 + 1);
        let scale = if total > col_h {
            col_h * 1000 / total
        } else {
            1000
        };
        let mut y = BODY.y + head_h + h(8) * scale / 1000;
        for (e, eh) in day.entries.iter().zip(heights) {
            let eh = eh * scale / 1000;
            cv.rect(
                "Entry",
                Rect::new(x + h(6), y, w - h(12), eh),
                &c.background,
            );
            cv.rect("Entry accent", Rect::new(x + h(6), y, h(5), eh), &c.accent);
            let mut paras = vec![pb(&e.name, pt, &c.text)];
            if let Some(d) = &e.detail {
                paras.push(p(d, pt, &c.muted));
            }
            cv.text(
                "Entry text",
                Rect::new(x + h(11), y, w - h(17), eh),
                Text::new(paras).anchor(Anchor::Middle).inset(h(5), h(3)),
            );
            y += eh + h(8) * scale / 1000;
        }
    }
    let mut y = BODY.y + head_h + col_h + h(16);
    let chip_runs = |o: &WeekEntry, size: u32| {
        let mut runs = vec![Run::new(&o.name, size, &c.text).bold()];
        if let Some(d) = &o.detail {
            runs.push(Run::new(format!(" · {d}"), size, &c.muted));
        }
        runs
    };
    let chip_w = |o: &WeekEntry| {
        chip_runs(o, 14)
            .iter()
            .map(|r| text_width(&r.text, r.size, r.bold))
            .sum::<i64>()
            + h(50)
    };
    let chips_w: i64 = wk.others.iter().map(|o| chip_w(o) + h(16)).sum();
    if chips_w > CW + h(16) {
        // Too many for pills: one line of text.
        let mut runs = Vec::new();
        for (i, o) in wk.others.iter().enumerate() {
            if i > 0 {
                runs.push(Run::new("   |   ", 12, &c.accent));
            }
            runs.extend(chip_runs(o, 12));
        }
        cv.text(
            "Other columns",
            Rect::new(MX, y, CW, h(44)),
            Text::new(vec![Para::new(runs)]).anchor(Anchor::Middle),
        );
        y += h(44) + h(16);
    } else if !wk.others.is_empty() {
        let mut x = MX;
        for o in &wk.others {
            let ow = chip_w(o);
            cv.shape(
                "Other column",
                Rect::new(x, y, ow, h(44)),
                &Shape::pill(&c.background, &c.accent, Para::new(chip_runs(o, 14))),
            );
            x += ow + h(16);
        }
        y += h(44) + h(16);
    }
    if let Some(r) = &wk.reserve {
        let mut runs = vec![
            Run::new(&r.label, 16, &c.text).bold(),
            Run::new(format!("  {}", r.share), 16, &c.accent).bold(),
        ];
        if let Some(pur) = &r.purpose {
            runs.push(Run::new(format!("    {pur}"), 14, &c.muted));
        }
        cv.text(
            "Reserve",
            Rect::new(MX, y, CW, h(40)),
            Text::new(vec![Para::new(runs)]).anchor(Anchor::Middle),
        );
        let by = y + h(46);
        cv.rect("Reserve track", Rect::new(MX, by, CW, h(30)), &c.surface);
        let len = i64::from(r.length.min(1000)) * CW / 1000;
        if len > 0 {
            cv.rect("Reserve share", Rect::new(MX, by, len, h(30)), &c.accent);
        }
    }
}
