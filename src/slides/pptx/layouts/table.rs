//! A table: columns as wide as their widest text at 16 pt (14 pt when that
//! is too wide for the slide), spare width spread half evenly and half to
//! the first (label) column, rows as tall as their wrapped text, banded. A
//! row's status marks its last cell in the good or bad colour.

use crate::slides::deck::{Status, Table};
use crate::slides::pptx::draw::{
    Align, Canvas, Cell, PT, Stroke, TableSpec, h, line_height, lines_needed, text_width,
};

use super::{BODY, CW, Ctx, MX, p, pb, status_color};

pub fn table(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, t: &Table) {
    let c = ctx.c;
    let ncols = t.columns.len().max(1);
    let last = ncols - 1;
    let mark = |s: Status| match s {
        Status::None => "",
        _ => " \u{25CF}",
    };
    let margin = 2 * h(12) + h(6);
    // Natural width of each column at a size, header bold.
    let natural = |size: u32| -> Vec<i64> {
        (0..ncols)
            .map(|i| {
                let head = t
                    .columns
                    .get(i)
                    .map_or(0, |col| text_width(&col.label, size, true));
                let cells = t.rows.iter().map(|r| {
                    let cell = r.cells.get(i).map_or("", String::as_str);
                    let m = if i == last { mark(r.status) } else { "" };
                    text_width(
                        &format!("{cell}{m}"),
                        size,
                        i == last && r.status != Status::None,
                    )
                });
                cells.fold(head, i64::max) + margin
            })
            .collect()
    };
    let mut size = 1600;
    let mut widths = natural(size);
    if widths.iter().sum::<i64>() > CW {
        size = 1400;
        widths = natural(size);
    }
    let sum: i64 = widths.iter().sum();
    // Spread the spare width: half evenly, half to the first (label) column.
    if sum < CW {
        let spare = CW - sum;
        let each = spare / 2 / ncols as i64;
        for w in &mut widths {
            *w += each;
        }
        widths[0] += CW - widths.iter().sum::<i64>();
    } else {
        let mut acc = 0;
        for w in &mut widths {
            *w = *w * CW / sum;
            acc += *w;
        }
        widths[0] += CW - acc;
    }
    let lh = line_height(size);
    let head_h = h(50);
    let rows: Vec<i64> = t
        .rows
        .iter()
        .map(|r| {
            let lines = r
                .cells
                .iter()
                .zip(&widths)
                .map(|(cell, w)| lines_needed(cell, size, false, w - margin))
                .max()
                .unwrap_or(1);
            (lines * lh + h(20)).max(h(48))
        })
        .collect();
    let avail = BODY.h - head_h;
    let total: i64 = rows.iter().sum();
    let rows: Vec<i64> = if total > avail {
        rows.iter().map(|r| r * avail / total).collect()
    } else {
        // Roomy rows, up to 0.62 in.
        let extra = ((avail - total) / rows.len().max(1) as i64).min(h(14));
        rows.iter().map(|r| r + extra).collect()
    };
    let pt = size / 100;
    let align = |i: usize| {
        if t.columns.get(i).is_some_and(|col| col.numeric) {
            Align::Right
        } else {
            Align::Left
        }
    };
    let mut spec = TableSpec {
        columns: widths,
        rows: Vec::new(),
        rule: Stroke::new(&c.surface, PT),
    };
    spec.rows.push((
        head_h,
        t.columns
            .iter()
            .enumerate()
            .map(|(i, col)| Cell {
                para: pb(&col.label, pt, &c.background).align(align(i)),
                fill: Some(c.primary.clone()),
            })
            .collect(),
    ));
    for (ri, (r, rh)) in t.rows.iter().zip(rows).enumerate() {
        let fill = (ri % 2 == 1).then(|| c.surface.clone());
        let cells = (0..ncols)
            .map(|i| {
                let text = r.cells.get(i).map_or("", String::as_str);
                let para = match status_color(c, r.status) {
                    Some(sc) if i == last => pb(&format!("{text}{}", mark(r.status)), pt, sc),
                    _ if i == 0 => pb(text, pt, &c.text),
                    _ => p(text, pt, &c.text),
                };
                Cell {
                    para: para.align(align(i)),
                    fill: fill.clone(),
                }
            })
            .collect();
        spec.rows.push((rh, cells));
    }
    cv.table("Table", MX, BODY.y, &spec);
}
