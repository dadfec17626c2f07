//! A statement: one headline (the theme), centred; the key messages as
//! tags under it; then labelled groups in panels side by side, their items
//! stepping down from 16 to 12 pt until the groups fit.

use crate::slides::deck::Group;
use crate::slides::pptx::draw::{
    Align, Canvas, PT, Rect, Shape, Text, h, line_height, lines_needed, text_width,
};

use super::{BODY, CW, Ctx, MX, p, pb};

pub fn statement(
    cv: &mut Canvas<'_>,
    ctx: &Ctx<'_>,
    headline: &str,
    tags: &[String],
    groups: &[Group],
) {
    let c = ctx.c;
    let size = if text_width(headline, 4000, true) > CW {
        3200
    } else {
        4000
    };
    let head_h = lines_needed(headline, size, true, CW) * line_height(size) + h(10);
    let tag_h = if tags.is_empty() { 0 } else { h(46) + h(30) };
    let group_w = if groups.is_empty() {
        CW
    } else {
        (CW - h(40) * (groups.len() as i64 - 1)) / groups.len() as i64
    };
    let groups_h_at = |size: u32| {
        groups
            .iter()
            .map(|g| {
                h(46)
                    + g.items
                        .iter()
                        .map(|i| {
                            lines_needed(i, size, false, group_w - h(46)) * line_height(size)
                                + 6 * PT
                        })
                        .sum::<i64>()
            })
            .max()
            .unwrap_or(0)
    };
    let room = BODY.h - head_h - tag_h - h(40);
    let item_pt = [16, 14, 12]
        .into_iter()
        .find(|pt| groups_h_at(pt * 100) <= room)
        .unwrap_or(12);
    let groups_h = groups_h_at(item_pt * 100);
    let groups_h = groups_h.min(BODY.h - head_h - tag_h - h(40));
    let block = head_h
        + tag_h
        + if groups.is_empty() {
            0
        } else {
            h(40) + groups_h
        };
    let mut y = BODY.y + ((BODY.h - block) / 2).max(0);
    cv.text(
        "Headline",
        Rect::new(MX, y, CW, head_h),
        Text::new(vec![
            pb(headline, size / 100, &c.primary).align(Align::Center),
        ]),
    );
    y += head_h + h(20);
    if !tags.is_empty() {
        let widths: Vec<i64> = tags
            .iter()
            .map(|t| text_width(t, 1600, true) + h(60))
            .collect();
        let gap = h(20);
        let total = widths.iter().sum::<i64>() + gap * (tags.len() as i64 - 1);
        let scale = if total > CW { CW * 1000 / total } else { 1000 };
        let mut x = MX + (CW - total.min(CW)) / 2;
        for (t, w) in tags.iter().zip(widths) {
            let w = w * scale / 1000;
            cv.shape(
                "Tag",
                Rect::new(x, y, w, h(46)),
                &Shape::pill(&c.background, &c.primary, pb(t, 16, &c.primary)),
            );
            x += w + gap;
        }
        y += h(46) + h(30);
    }
    if !groups.is_empty() {
        y += h(20);
        for (i, g) in groups.iter().enumerate() {
            let x = MX + i as i64 * (group_w + h(40));
            cv.rect(
                "Group panel",
                Rect::new(x, y, group_w, groups_h),
                &c.surface,
            );
            cv.rect("Group accent", Rect::new(x, y, h(6), groups_h), &c.accent);
            let mut paras = vec![pb(&g.label, 16, &c.primary)];
            paras.extend(g.items.iter().map(|it| p(it, item_pt, &c.text).before(6)));
            cv.text(
                "Group",
                Rect::new(x + h(6), y, group_w - h(6), groups_h),
                Text::new(paras).inset(h(20), h(12)),
            );
        }
    }
}
