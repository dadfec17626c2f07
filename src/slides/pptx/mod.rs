//! The editable PowerPoint deck: `render` turns a `deck::Deck` into the
//! bytes of a `.pptx` package, written part by part (no PPTX library is
//! mature enough, and a hand-written package is reproducible). This file
//! decides where things go on each kind of slide; `draw` writes the
//! shapes, `parts` the fixed parts, `package` the relationships, content
//! types and zip, `xml` the escaping. Everything on a slide is a real
//! object a user can edit: text boxes, tables, and charts drawn as shapes
//! (bars, markers, stacked segments, a pyramid, a timeline, grids).
//!
//! Text never leaves the slide: the deck model caps how long each text
//! and how many items each body may be, and the layouts here size boxes
//! and fonts for those caps (estimated with `draw::text_width`), stepping
//! down a size or moving a label (never below 12 pt) only when a body is
//! full. Boxes do not autofit: LibreOffice shrinks boxes that fit.

mod draw;
mod package;
#[cfg(test)]
mod package_tests;
mod parts;
mod xml;

use crate::slides::brand::{Brand, Colors};
use crate::slides::deck::{
    AgendaItem, Bar, BudgetView, Card, Deck, Group, MonthCell, Segment, Slide, Status, Step, Table,
    Timeline, Week,
};

use draw::{
    Align, Anchor, Canvas, Cell, PT, Para, Rect, Run, Shape, Stroke, TableSpec, Text, h,
    line_height, lines_needed, text_width,
};
use package::{Package, ct, rel};
use parts::{SLIDE_H, SLIDE_W};

/// The deck as a `.pptx` package. The same deck and brand always give the
/// same bytes.
pub fn render(deck: &Deck, brand: &Brand) -> Vec<u8> {
    let lang = if deck.lang == "en" {
        "en-US"
    } else {
        deck.lang
    };
    let mut pkg = Package::default();

    const PRES: &str = "ppt/presentation.xml";
    const MASTER: &str = "ppt/slideMasters/slideMaster1.xml";
    const LAYOUT: &str = "ppt/slideLayouts/slideLayout1.xml";
    const THEME: &str = "ppt/theme/theme1.xml";
    const NOTES_MASTER: &str = "ppt/notesMasters/notesMaster1.xml";
    const NOTES_THEME: &str = "ppt/theme/theme2.xml";
    const LOGO_PNG: &str = "ppt/media/logo.png";

    let notes_count = deck.slides.iter().filter(|s| has_notes(s)).count();
    pkg.add(
        "docProps/core.xml",
        ct::CORE,
        parts::core(&deck.title, lang),
    );
    pkg.add(
        "docProps/app.xml",
        ct::APP,
        parts::app(deck.slides.len(), notes_count),
    );
    pkg.relate_root(rel::OFFICE_DOCUMENT, PRES);
    pkg.relate_root(rel::CORE, "docProps/core.xml");
    pkg.relate_root(rel::APP, "docProps/app.xml");

    pkg.add(PRES, &ct::pml("presentation.main"), String::new());
    pkg.add(MASTER, &ct::pml("slideMaster"), String::new());
    pkg.add(LAYOUT, &ct::pml("slideLayout"), parts::blank_layout());
    pkg.add(THEME, ct::THEME, parts::theme(brand, "almanac"));
    pkg.add(
        NOTES_MASTER,
        &ct::pml("notesMaster"),
        parts::notes_master(brand, lang),
    );
    pkg.add(NOTES_THEME, ct::THEME, parts::theme(brand, "almanac notes"));
    pkg.add(
        "ppt/presProps.xml",
        &ct::pml("presProps"),
        parts::pres_props(),
    );
    pkg.add(
        "ppt/viewProps.xml",
        &ct::pml("viewProps"),
        parts::view_props(),
    );
    pkg.add(
        "ppt/tableStyles.xml",
        &ct::pml("tableStyles"),
        parts::table_styles(),
    );

    let master_rel = pkg.relate(PRES, rel::SLIDE_MASTER, MASTER);
    let layout_rel = pkg.relate(MASTER, rel::SLIDE_LAYOUT, LAYOUT);
    pkg.relate(MASTER, rel::THEME, THEME);
    pkg.set_data(MASTER, parts::slide_master(brand, &layout_rel, lang));
    pkg.relate(LAYOUT, rel::SLIDE_MASTER, MASTER);
    let notes_master_rel = pkg.relate(PRES, rel::NOTES_MASTER, NOTES_MASTER);
    pkg.relate(NOTES_MASTER, rel::THEME, NOTES_THEME);
    pkg.relate(PRES, rel::THEME, THEME);
    pkg.relate(PRES, rel::PRES_PROPS, "ppt/presProps.xml");
    pkg.relate(PRES, rel::VIEW_PROPS, "ppt/viewProps.xml");
    pkg.relate(PRES, rel::TABLE_STYLES, "ppt/tableStyles.xml");

    // PNG logos only: an SVG needs a raster fallback in PPTX.
    let logo = brand
        .logo
        .as_ref()
        .filter(|l| l.mime == "image/png")
        .and_then(|l| png_size(&l.bytes).map(|size| (l, size)));
    if let Some((l, _)) = logo {
        pkg.add_media(LOGO_PNG, l.bytes.clone());
    }

    let ctx = Ctx {
        brand,
        c: &brand.colors,
        lang,
        total: deck.slides.len(),
        deck_title: &deck.title,
    };
    let mut slide_rels = Vec::new();
    for (i, slide) in deck.slides.iter().enumerate() {
        let name = format!("ppt/slides/slide{}.xml", i + 1);
        pkg.add(&name, &ct::pml("slide"), String::new());
        slide_rels.push(pkg.relate(PRES, rel::SLIDE, &name));
        pkg.relate(&name, rel::SLIDE_LAYOUT, LAYOUT);
        let logo_rel = logo.map(|(_, size)| (pkg.relate(&name, rel::IMAGE, LOGO_PNG), size));
        pkg.set_data(&name, slide_xml(&ctx, i, slide, logo_rel.as_ref()));
        if has_notes(slide) {
            let notes = format!("ppt/notesSlides/notesSlide{}.xml", i + 1);
            pkg.add(
                &notes,
                &ct::pml("notesSlide"),
                parts::notes_slide(&slide.notes, lang, brand),
            );
            pkg.relate(&notes, rel::NOTES_MASTER, NOTES_MASTER);
            pkg.relate(&notes, rel::SLIDE, &name);
            pkg.relate(&name, rel::NOTES_SLIDE, &notes);
        }
    }
    pkg.set_data(
        PRES,
        parts::presentation(
            &parts::PresentationRels {
                master: &master_rel,
                notes_master: &notes_master_rel,
                slides: &slide_rels,
            },
            lang,
        ),
    );
    pkg.finish()
}

fn has_notes(s: &Slide) -> bool {
    s.notes.iter().any(|n| !n.trim().is_empty())
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> Option<(i64, i64)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    (w > 0 && h > 0).then_some((i64::from(w), i64::from(h)))
}

/// What every slide's layout needs to know.
struct Ctx<'a> {
    brand: &'a Brand,
    c: &'a Colors,
    lang: &'a str,
    total: usize,
    deck_title: &'a str,
}

/// Left and right margin, and the width between them.
const MX: i64 = h(60);
const CW: i64 = SLIDE_W - 2 * MX;
/// The body area under the title.
const BODY_Y: i64 = h(170);
const BODY_BOTTOM: i64 = h(682);
const BODY: Rect = Rect::new(MX, BODY_Y, CW, BODY_BOTTOM - BODY_Y);
/// The width of the coloured panel on a section divider.
const DIVIDER_PANEL: i64 = h(470);

fn slide_xml(
    ctx: &Ctx<'_>,
    index: usize,
    slide: &Slide,
    logo: Option<&(String, (i64, i64))>,
) -> String {
    use crate::slides::deck::Body;
    let mut cv = Canvas::new(ctx.brand, ctx.lang);
    let c = ctx.c;
    let mut background = None;
    match &slide.body {
        Body::Cover { subtitle, lines } => {
            background = Some(c.primary.as_str());
            cover(&mut cv, ctx, &slide.title, subtitle.as_deref(), lines);
        }
        Body::Divider { number } => divider(&mut cv, ctx, number, &slide.title),
        body => {
            header(&mut cv, ctx, slide, logo.is_some());
            match body {
                Body::Agenda { items } => agenda(&mut cv, ctx, items),
                Body::Table(t) => table(&mut cv, ctx, t),
                Body::Bars(b) => bars(&mut cv, ctx, b.caption.as_deref(), &b.bars),
                Body::Cards { cards: cs } => cards(&mut cv, ctx, cs),
                Body::Statement {
                    headline,
                    tags,
                    groups,
                } => statement(&mut cv, ctx, headline, tags, groups),
                Body::Timeline(t) => timeline(&mut cv, ctx, t),
                Body::Months { months: m } => months(&mut cv, ctx, m),
                Body::Week(w) => week(&mut cv, ctx, w),
                Body::Budget(b) => budget(&mut cv, ctx, b),
                Body::Steps { steps: s } => steps(&mut cv, ctx, s),
                Body::Bullets { items } => bullets(&mut cv, ctx, items),
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

/// One paragraph of one run.
fn p(text: &str, pt: u32, color: &str) -> Para {
    Para::one(Run::new(text, pt, color))
}

fn pb(text: &str, pt: u32, color: &str) -> Para {
    Para::one(Run::new(text, pt, color).bold())
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

fn cover(
    cv: &mut Canvas<'_>,
    ctx: &Ctx<'_>,
    title: &str,
    subtitle: Option<&str>,
    lines: &[String],
) {
    let c = ctx.c;
    let w = h(1000);
    let x = MX + h(40);
    // A band of the accent colour on the left edge; the title grows
    // upwards from a fixed line, the subtitle and details hang below it.
    cv.rect("Band", Rect::new(0, 0, h(18), SLIDE_H), &c.accent);
    let base = h(380);
    let title_h = h(240);
    cv.text(
        "Title",
        Rect::new(x, base - title_h, w, title_h),
        Text::new(vec![pb(title, 40, &c.background)]).anchor(Anchor::Bottom),
    );
    let lines_in_title = lines_needed(title, 4000, true, w);
    cv.rect(
        "Rule",
        Rect::new(
            x,
            base - lines_in_title * line_height(4000) - h(40),
            h(110),
            h(8),
        ),
        &c.accent,
    );
    let mut y = base + h(16);
    if let Some(s) = subtitle {
        let sub_h = lines_needed(s, 2400, false, w) * line_height(2400) + h(10);
        cv.text(
            "Subtitle",
            Rect::new(x, y, w, sub_h),
            Text::new(vec![p(s, 24, &c.background)]),
        );
        y += sub_h + h(10);
    }
    if !lines.is_empty() {
        cv.text(
            "Details",
            Rect::new(x, y, w, lines.len() as i64 * line_height(1600) + h(10)),
            Text::new(lines.iter().map(|l| p(l, 16, &c.surface)).collect()),
        );
    }
}

fn divider(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, number: &str, title: &str) {
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

fn agenda(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, items: &[AgendaItem]) {
    let c = ctx.c;
    let columns = if items.len() > 7 { 2 } else { 1 };
    let rows = items.len().div_ceil(columns).max(1) as i64;
    let gap = h(50);
    let col_w = (CW - gap * (columns as i64 - 1)) / columns as i64;
    let row_h = (BODY.h / rows).min(h(72));
    for (i, item) in items.iter().enumerate() {
        let (col, row) = ((i as i64) / rows, (i as i64) % rows);
        let x = MX + col * (col_w + gap);
        let y = BODY.y + row * row_h;
        cv.text(
            "Number",
            Rect::new(x, y, h(70), row_h),
            Text::new(vec![pb(&item.number, 22, &c.primary)]).anchor(Anchor::Middle),
        );
        let size = if text_width(&item.title, 1800, false) > col_w - h(80) {
            16
        } else {
            18
        };
        cv.text(
            "Entry",
            Rect::new(x + h(80), y, col_w - h(80), row_h),
            Text::new(vec![p(&item.title, size, &c.text)]).anchor(Anchor::Middle),
        );
        cv.line(
            "Entry rule",
            (x, y + row_h),
            (x + col_w, y + row_h),
            Stroke::new(&c.surface, PT),
        );
    }
}

fn status_color(c: &Colors, s: Status) -> Option<&str> {
    match s {
        Status::None => None,
        Status::Hit => Some(&c.good),
        Status::Miss => Some(&c.bad),
    }
}

fn table(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, t: &Table) {
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
        for w in widths.iter_mut() {
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

fn bars(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, caption: Option<&str>, bars: &[Bar]) {
    let c = ctx.c;
    let mut top = BODY.y;
    if let Some(cap) = caption {
        cv.text(
            "Caption",
            Rect::new(MX, top, CW, h(32)),
            Text::new(vec![p(cap, 14, &c.muted)]).anchor(Anchor::Middle),
        );
        top += h(42);
    }
    let label_w = h(320);
    let x0 = MX + label_w + h(24);
    let value_w = h(170);
    let bw = MX + CW - value_w - x0;
    let note_w = MX + CW - x0;
    let avail = BODY.bottom() - top;
    // Roomy: each target's label above its marker, notes wrapped below
    // the bar. Dense (when that does not fit): target labels move under
    // the bar's label, beside the note, and notes keep to one line.
    let band_h = line_height(1600);
    let roomy: Vec<i64> = bars
        .iter()
        .map(|b| {
            let notes = b.note.as_deref().map_or(0, |n| {
                lines_needed(n, 1400, false, note_w) * line_height(1400) + h(4)
            });
            let marker = if b.target.is_some() { h(28) } else { 0 };
            marker + band_h.max(h(40)) + notes + h(22)
        })
        .collect();
    let dense = roomy.iter().sum::<i64>() > avail;
    let rows: Vec<i64> = if dense {
        bars.iter()
            .map(|b| {
                let second = b.note.is_some() || b.target.is_some();
                band_h + if second { line_height(1400) } else { 0 } + h(4)
            })
            .collect()
    } else {
        roomy
    };
    let total: i64 = rows.iter().sum();
    // Spare room goes between rows, up to 0.3 in each.
    let extra = ((avail - total).max(0) / bars.len().max(1) as i64).min(h(30));
    let bar_h = if dense { band_h * 80 / 100 } else { h(40) };
    let bh = band_h.max(bar_h);
    let mut y = top;
    for (b, row) in bars.iter().zip(rows) {
        let by = y + if b.target.is_some() && !dense {
            h(28)
        } else {
            0
        };
        let lsize = if text_width(&b.label, 1600, true) > label_w {
            14
        } else {
            16
        };
        cv.text(
            "Label",
            Rect::new(MX, by, label_w, bh),
            Text::new(vec![pb(&b.label, lsize, &c.text).align(Align::Right)])
                .anchor(Anchor::Middle),
        );
        let bar_y = by + (bh - bar_h) / 2;
        cv.rect("Track", Rect::new(x0, bar_y, bw, bar_h), &c.surface);
        let len = i64::from(b.length.min(1000)) * bw / 1000;
        if len > 0 {
            let fill = status_color(c, b.status).unwrap_or(&c.primary);
            cv.rect("Bar", Rect::new(x0, bar_y, len, bar_h), fill);
        }
        // The value sits after the bar, or after the marker when that is further.
        let marker_x = b
            .target
            .as_ref()
            .map(|t| x0 + i64::from(t.at.min(1000)) * bw / 1000);
        let vx = (x0 + len).max(marker_x.unwrap_or(0) + h(4)) + h(10);
        cv.text(
            "Value",
            Rect::new(vx, by, MX + CW - vx, bh),
            Text::new(vec![pb(&b.value, 16, &c.text)]).anchor(Anchor::Middle),
        );
        let sub_y = by + bh + h(4);
        if let (Some(t), Some(tx)) = (&b.target, marker_x) {
            cv.line(
                "Target",
                (tx, if dense { bar_y - h(4) } else { by - h(4) }),
                (tx, bar_y + bar_h + h(6)),
                Stroke::new(&c.text, 2 * PT).dashed(),
            );
            if dense {
                cv.text(
                    "Target label",
                    Rect::new(MX, sub_y, label_w, line_height(1400)),
                    Text::new(vec![p(&t.label, 14, &c.muted).align(Align::Right)])
                        .anchor(Anchor::Middle),
                );
            } else {
                let lw = text_width(&t.label, 1400, false) + h(20);
                let lx = (tx - lw / 2).clamp(x0, MX + CW - lw);
                cv.text(
                    "Target label",
                    Rect::new(lx, y, lw, h(28)),
                    Text::new(vec![p(&t.label, 14, &c.muted).align(Align::Center)])
                        .anchor(Anchor::Bottom),
                );
            }
        }
        if let Some(n) = &b.note {
            let (size, lines) = if dense {
                let size = [14, 13, 12]
                    .into_iter()
                    .find(|s| text_width(n, s * 100, false) <= note_w)
                    .unwrap_or(12);
                (size, 1)
            } else {
                (14, lines_needed(n, 1400, false, note_w))
            };
            cv.text(
                "Note",
                Rect::new(x0, sub_y, note_w, lines * line_height(size * 100)),
                Text::new(vec![p(n, size, &c.muted)]).anchor(Anchor::Middle),
            );
        }
        y += row + extra;
    }
}

fn cards(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, cards: &[Card]) {
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

fn statement(
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
                &Shape::new("roundRect")
                    .adjust("adj", 50_000)
                    .fill(&c.background)
                    .stroke(Stroke::new(&c.primary, 2 * PT))
                    .text(
                        Text::new(vec![pb(t, 16, &c.primary).align(Align::Center)])
                            .anchor(Anchor::Middle)
                            .inset(h(10), 0),
                    ),
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

fn timeline(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, t: &Timeline) {
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
                vec![
                    Run::new(&item.name, size, &c.text).bold(),
                    Run::new(format!("  {}", item.dates), size, &c.muted),
                ]
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

fn months(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, months: &[MonthCell]) {
    let c = ctx.c;
    let (cols, gap) = (4i64, h(10));
    let rows = (months.len().div_ceil(cols as usize) as i64).max(1);
    let w = (CW - gap * (cols - 1)) / cols;
    let ch = (BODY.h - gap * (rows - 1)) / rows;
    let pad = h(10);
    let inner = w - 2 * pad;
    for (i, m) in months.iter().enumerate() {
        let (col, row) = (i as i64 % cols, i as i64 / cols);
        let r = Rect::new(MX + col * (w + gap), BODY.y + row * (ch + gap), w, ch);
        let busy = !m.items.is_empty();
        let cell = Shape::rect().fill(if busy { &c.surface } else { &c.background });
        let cell = if busy {
            cell
        } else {
            cell.stroke(Stroke::new(&c.surface, 2 * PT))
        };
        cv.shape("Month", r, &cell);
        if busy {
            cv.rect("Month accent", Rect::new(r.x, r.y, r.w, h(6)), &c.primary);
        }
        // One line per item: 14 pt when every item fits the cell, else 13.
        let size = if m
            .items
            .iter()
            .all(|it| text_width(it, 1400, false) <= inner)
        {
            14
        } else {
            13
        };
        let mut paras = vec![pb(&m.label, 18, if busy { &c.primary } else { &c.muted })];
        for item in &m.items {
            paras.push(p(item, size, &c.text).before(4));
        }
        cv.text(
            "Month text",
            Rect::new(r.x, r.y + h(6), r.w, r.h - h(6)),
            Text::new(paras).inset(pad, h(8)),
        );
        if m.more > 0 {
            cv.text(
                "More",
                Rect::new(r.right() - h(80), r.y + h(6), h(80), h(44)),
                Text::new(vec![
                    pb(&format!("+{}", m.more), 14, &c.muted).align(Align::Right),
                ])
                .inset(pad, h(8)),
            );
        }
    }
}

fn week(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, wk: &Week) {
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
                &Shape::new("roundRect")
                    .adjust("adj", 50_000)
                    .fill(&c.background)
                    .stroke(Stroke::new(&c.accent, 2 * PT))
                    .text(
                        Text::new(vec![Para::new(chip_runs(o, 14)).align(Align::Center)])
                            .anchor(Anchor::Middle)
                            .inset(h(10), 0),
                    ),
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

fn budget(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, b: &BudgetView) {
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

fn steps(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, steps: &[Step]) {
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
                Rect::new(ax, y + (head_h + body_h) / 2 - h(22), arrow - h(24), h(44)),
                &Shape::new("chevron").fill(&c.accent),
            );
        }
    }
}

fn bullets(cv: &mut Canvas<'_>, ctx: &Ctx<'_>, items: &[String]) {
    let c = ctx.c;
    let inner = CW - h(40);
    let height = |size: u32| -> i64 {
        items
            .iter()
            .map(|i| lines_needed(i, size, false, inner) * line_height(size) + 10 * PT)
            .sum()
    };
    let size = [22, 20, 18, 16]
        .into_iter()
        .find(|s| height(s * 100) <= BODY.h - h(20))
        .unwrap_or(16);
    cv.text(
        "Bullets",
        Rect::new(MX, BODY.y + h(10), CW, BODY.h - h(10)),
        Text::new(
            items
                .iter()
                .map(|i| p(i, size, &c.text).bullet(&c.primary).before(10))
                .collect(),
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slides::deck;
    use draw::IN;

    #[test]
    fn renders_a_zip_starting_with_content_types() {
        let bytes = render(&deck::sample(), &Brand::builtin());
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        assert_eq!(&bytes[30..49], b"[Content_Types].xml");
    }

    #[test]
    fn png_size_reads_the_header() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(200u32.to_be_bytes());
        png.extend(100u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((200, 100)));
        assert_eq!(png_size(b"GIF89a"), None);
    }

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
            let x = slide_xml(&ctx, i, s, None);
            assert!(!x.contains("zh-CN"));
            assert!(x.contains("lang=\"en-US\""));
        }
    }

    #[test]
    fn one_inch_is_914400_emu() {
        assert_eq!(h(100), IN);
    }
}
