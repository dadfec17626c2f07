//! The editable PowerPoint deck: `render` turns a `deck::Deck` into the
//! bytes of a `.pptx` package, written part by part (no PPTX library is
//! mature enough, and a hand-written package is reproducible). This file
//! assembles the package: the fixed parts, a part per slide and per slide
//! with notes, and their relationships. `slide` writes a slide's frame,
//! `layouts` places each kind of body on it (one file per kind), `draw`
//! writes the shapes, `chart` the native charts and their workbooks,
//! `parts` the fixed parts, `package` the relationships, content types and
//! zip, `xml` the escaping. Everything on a slide is a real object a user
//! can edit: text boxes, tables, native charts whose numbers open in the
//! application's data editor (growth bars, the budget split and its
//! breakdowns), and diagrams drawn as shapes (a timeline, grids, steps).
//!
//! Text never leaves the slide: the deck model caps how long each text
//! and how many items each body may be, and the layouts size boxes and
//! fonts for those caps (estimated with `draw::text_width`), stepping
//! down a size or moving a label (never below 12 pt) only when a body is
//! full. Boxes do not autofit: LibreOffice shrinks boxes that fit.

mod chart;
mod draw;
mod layouts;
mod package;
#[cfg(test)]
mod package_tests;
mod parts;
mod slide;
mod xml;

use crate::slides::brand::Brand;
use crate::slides::deck::{Body, Deck, Slide};

use layouts::Ctx;
use package::{Package, ct, rel};

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
    let mut charts = 0;
    for (i, slide) in deck.slides.iter().enumerate() {
        let name = format!("ppt/slides/slide{}.xml", i + 1);
        pkg.add(&name, &ct::pml("slide"), String::new());
        slide_rels.push(pkg.relate(PRES, rel::SLIDE, &name));
        pkg.relate(&name, rel::SLIDE_LAYOUT, LAYOUT);
        let logo_rel = logo.map(|(_, size)| (pkg.relate(&name, rel::IMAGE, LOGO_PNG), size));
        let mut chart_rels = Vec::new();
        for (k, c) in slide.body.charts().into_iter().enumerate() {
            charts += 1;
            let part = format!("ppt/charts/chart{charts}.xml");
            let book = format!("ppt/embeddings/Microsoft_Excel_Worksheet{charts}.xlsx");
            pkg.add(&part, ct::CHART, String::new());
            pkg.add_media(&book, chart::workbook(c));
            let book_rel = pkg.relate(&part, rel::PACKAGE, &book);
            let style = chart::Style {
                brand,
                lang,
                // The first chart of a slide is its main one.
                size: if k == 0 { 14 } else { 12 },
                points: match &slide.body {
                    Body::Bars(b) => b
                        .bars
                        .iter()
                        .map(|b| layouts::status_color(&brand.colors, b.status))
                        .collect(),
                    _ => Vec::new(),
                },
            };
            pkg.set_data(&part, chart::chart_xml(c, &style, &book_rel));
            chart_rels.push(pkg.relate(&name, rel::CHART, &part));
        }
        pkg.set_data(
            &name,
            slide::slide_xml(&ctx, i, slide, logo_rel.as_ref(), &chart_rels),
        );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slides::deck;

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
}
