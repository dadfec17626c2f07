//! One slide's part: the frame every slide shares (the section kicker, the
//! title and its rule, the footer with the deck title and `N / M`, the
//! logo) and the cover's background, around the body its layout draws.

use crate::slides::deck::Slide;

use super::draw::{Align, Anchor, Canvas, PT, Rect, Shape, Stroke, Text, h, text_width};
use super::layouts::{self, CW, Ctx, DIVIDER_PANEL, MX, p, pb};
use super::{parts, xml};

/// The part of slide `index` (0-based): its frame, its body, and the logo
/// when the brand has a PNG one (`logo`: its relationship id and size).
/// `charts`: the relationship ids of the body's charts (`Body::charts`).
pub fn slide_xml(
    ctx: &Ctx<'_>,
    index: usize,
    slide: &Slide,
    logo: Option<&(String, (i64, i64))>,
    charts: &[String],
) -> String {
    use crate::slides::deck::Body;
    let mut cv = Canvas::new(ctx.brand, ctx.lang);
    let c = ctx.c;
    let mut background = None;
    match &slide.body {
        Body::Cover { subtitle, lines } => {
            background = Some(c.primary.as_str());
            layouts::cover(&mut cv, ctx, &slide.title, subtitle.as_deref(), lines);
        }
        Body::Divider { number } => layouts::divider(&mut cv, ctx, number, &slide.title),
        body => {
            header(&mut cv, ctx, slide, logo.is_some());
            match body {
                Body::Agenda { items } => layouts::agenda(&mut cv, ctx, items),
                Body::Table(t) => layouts::table(&mut cv, ctx, t),
                Body::Bars(b) => layouts::bars(&mut cv, ctx, b, charts),
                Body::Cards { cards: cs } => layouts::cards(&mut cv, ctx, cs),
                Body::Statement {
                    headline,
                    tags,
                    groups,
                } => layouts::statement(&mut cv, ctx, headline, tags, groups),
                Body::Timeline(t) => layouts::timeline(&mut cv, ctx, t),
                Body::Months { months: m } => layouts::months(&mut cv, ctx, m),
                Body::Week(w) => layouts::week(&mut cv, ctx, w),
                Body::Budget(b) => layouts::budget(&mut cv, ctx, b, charts),
                Body::Chart(v) => layouts::chart(&mut cv, ctx, v, charts),
                Body::Steps { steps: s } => layouts::steps(&mut cv, ctx, s),
                Body::Bullets { items } => layouts::bullets(&mut cv, ctx, items),
                Body::Cover { .. } | Body::Divider { .. } => {}
            }
        }
    }
    let on_dark = matches!(slide.body, Body::Cover { .. });
    // The divider's footer starts right of its coloured panel.
    let left = if matches!(slide.body, Body::Divider { .. }) {
        DIVIDER_PANEL + h(80)
    } else {
        MX
    };
    footer(&mut cv, ctx, index, on_dark, left);
    if let Some((rel_id, (pw, ph))) = logo {
        // At most 0.45 in tall and 1.8 in wide, top right.
        let (mut lh, mut lw) = (h(45), h(45) * pw / ph);
        if lw > h(180) {
            lw = h(180);
            lh = lw * ph / pw;
        }
        let r = Rect::new(MX + CW - lw, h(30), lw, lh);
        if on_dark {
            cv.shape(
                "Logo backing",
                r.inset(-h(8)),
                &Shape::new("roundRect").fill(&c.background),
            );
        }
        cv.picture("Logo", r, rel_id);
    }

    let mut x = xml::Xml::new();
    let ns = parts::root_ns();
    x.open("p:sld", &ns);
    x.open("p:cSld", &[]);
    if let Some(bg) = background {
        x.open("p:bg", &[]).open("p:bgPr", &[]);
        x.open("a:solidFill", &[])
            .empty("a:srgbClr", &[("val", bg)])
            .close();
        x.empty("a:effectLst", &[]);
        x.close().close();
    }
    parts::sp_tree_start(&mut x);
    x.raw(&cv.finish());
    parts::close_page(&mut x);
    x.finish()
}

/// The section kicker, the title and its rule.
fn header(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, slide: &Slide, logo: bool) {
    let c = ctx.c;
    let w = if logo { CW - h(200) } else { CW };
    if let Some(section) = &slide.section {
        cv.text(
            "Section",
            Rect::new(MX, h(36), w, h(34)),
            Text::new(vec![pb(section, 14, &c.primary)]).anchor(Anchor::Bottom),
        );
    }
    let size = if text_width(&slide.title, 2800, true) > CW {
        24
    } else {
        28
    };
    cv.text(
        "Title",
        Rect::new(MX, h(72), CW, h(62)),
        Text::new(vec![pb(&slide.title, size, &c.text)]).anchor(Anchor::Middle),
    );
    cv.rect("Title rule", Rect::new(MX, h(140), h(72), h(6)), &c.primary);
}

/// The deck title and `N / M` at the bottom.
fn footer(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, index: usize, on_dark: bool, left: i64) {
    let c = ctx.c;
    let color = if on_dark { &c.surface } else { &c.muted };
    let y = h(702);
    if !on_dark {
        cv.line(
            "Footer rule",
            (left, y - h(6)),
            (MX + CW, y - h(6)),
            Stroke::new(&c.surface, PT),
        );
        cv.text(
            "Deck title",
            Rect::new(left, y, MX + CW - left - h(200), h(30)),
            Text::new(vec![p(ctx.deck_title, 12, color)]).anchor(Anchor::Middle),
        );
    }
    cv.text(
        "Slide number",
        Rect::new(MX + CW - h(180), y, h(180), h(30)),
        Text::new(vec![
            p(&format!("{} / {}", index + 1, ctx.total), 12, color).align(Align::Right),
        ])
        .anchor(Anchor::Middle),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slides::brand::Brand;
    use crate::slides::deck;

    #[test]
    fn english_decks_say_en_us_on_every_run() {
        let mut d = deck::sample();
        d.lang = "en";
        let brand = Brand::builtin();
        let ctx = Ctx {
            brand: &brand,
            c: &brand.colors,
            lang: "en-US",
            total: d.slides.len(),
            deck_title: &d.title,
        };
        for (i, s) in d.slides.iter().enumerate() {
            let x = slide_xml(
                &ctx,
                i,
                s,
                None,
                &["rId9".into(), "rId10".into(), "rId11".into()],
            );
            assert!(!x.contains("zh-CN"));
            assert!(x.contains("lang=\"en-US\""));
        }
    }
}
