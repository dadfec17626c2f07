//! The fixed parts of the package: presentation, properties, theme,
//! master, layout and notes master. They change only with the brand and
//! the number of slides; the slides themselves are drawn in `draw` and
//! laid out in `slide` and `layouts`. Each function returns a part's complete text, with
//! elements in the order the PresentationML schema requires (PowerPoint
//! repairs a part whose children are out of order).

use crate::slides::brand::Brand;

use super::xml::Xml;

pub const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
pub const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";

/// The slide, 16:9 (13.333 in × 7.5 in), in EMU.
pub const SLIDE_W: i64 = 12_192_000;
pub const SLIDE_H: i64 = 6_858_000;
/// The notes page, portrait 7.5 in × 10 in.
const NOTES_W: i64 = 6_858_000;
const NOTES_H: i64 = 9_144_000;

/// The namespaces of a PresentationML part's root.
pub fn root_ns() -> [(&'static str, &'static str); 3] {
    [("xmlns:a", NS_A), ("xmlns:r", NS_R), ("xmlns:p", NS_P)]
}

/// Relationship ids used by `presentation.xml`, decided by the caller.
pub struct PresentationRels<'a> {
    pub master: &'a str,
    pub notes_master: &'a str,
    pub slides: &'a [String],
}

pub fn presentation(rels: &PresentationRels<'_>, lang: &str) -> String {
    let mut x = Xml::new();
    let ns = root_ns();
    x.open(
        "p:presentation",
        &[ns[0], ns[1], ns[2], ("saveSubsetFonts", "1")],
    );
    x.open("p:sldMasterIdLst", &[])
        .empty(
            "p:sldMasterId",
            &[("id", "2147483648"), ("r:id", rels.master)],
        )
        .close();
    x.open("p:notesMasterIdLst", &[])
        .empty("p:notesMasterId", &[("r:id", rels.notes_master)])
        .close();
    x.open("p:sldIdLst", &[]);
    for (i, r) in rels.slides.iter().enumerate() {
        x.empty(
            "p:sldId",
            &[("id", &(256 + i).to_string()), ("r:id", r.as_str())],
        );
    }
    x.close();
    x.empty(
        "p:sldSz",
        &[("cx", &SLIDE_W.to_string()), ("cy", &SLIDE_H.to_string())],
    );
    x.empty(
        "p:notesSz",
        &[("cx", &NOTES_W.to_string()), ("cy", &NOTES_H.to_string())],
    );
    x.open("p:defaultTextStyle", &[]);
    x.open("a:defPPr", &[])
        .empty("a:defRPr", &[("lang", lang)])
        .close();
    x.close();
    x.close();
    x.finish()
}

pub fn pres_props() -> String {
    let mut x = Xml::new();
    let ns = root_ns();
    x.empty("p:presentationPr", &ns);
    x.finish()
}

pub fn view_props() -> String {
    let mut x = Xml::new();
    let ns = root_ns();
    x.open("p:viewPr", &ns);
    x.open("p:normalViewPr", &[])
        .empty("p:restoredLeft", &[("sz", "15620")])
        .empty("p:restoredTop", &[("sz", "94660")])
        .close();
    x.empty("p:gridSpacing", &[("cx", "76200"), ("cy", "76200")]);
    x.close();
    x.finish()
}

pub fn table_styles() -> String {
    let mut x = Xml::new();
    // The GUID of PowerPoint's built-in "Medium Style 2 - Accent 1"; the
    // tables set their own fills, so this only names a default.
    x.empty(
        "a:tblStyleLst",
        &[
            ("xmlns:a", NS_A),
            ("def", "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"),
        ],
    );
    x.finish()
}

/// `docProps/core.xml`: the title and language, and no timestamps (a
/// build must not depend on the clock).
pub fn core(title: &str, lang: &str) -> String {
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.leaf("dc:title", &[], title);
    x.leaf("dc:creator", &[], "almanac");
    x.leaf("dc:language", &[], lang);
    x.close();
    x.finish()
}

pub fn app(slides: usize, notes: usize) -> String {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    );
    x.leaf("TotalTime", &[], "0");
    x.leaf("Application", &[], "almanac");
    x.leaf("PresentationFormat", &[], "Widescreen");
    x.leaf("Slides", &[], &slides.to_string());
    x.leaf("Notes", &[], &notes.to_string());
    x.close();
    x.finish()
}

fn srgb(x: &mut Xml, val: &str) {
    x.empty("a:srgbClr", &[("val", val)]);
}

fn solid(x: &mut Xml, val: &str) {
    x.open("a:solidFill", &[]);
    srgb(x, val);
    x.close();
}

/// A theme whose colours and fonts come from the brand: dark 1 = text,
/// light 1 = background, dark 2 = primary, light 2 = surface, the six
/// accents = the series colours.
pub fn theme(brand: &Brand, name: &str) -> String {
    let c = &brand.colors;
    let mut x = Xml::new();
    x.open("a:theme", &[("xmlns:a", NS_A), ("name", name)]);
    x.open("a:themeElements", &[]);

    x.open("a:clrScheme", &[("name", "almanac")]);
    let named: [(&'static str, &str); 4] = [
        ("a:dk1", &c.text),
        ("a:lt1", &c.background),
        ("a:dk2", &c.primary),
        ("a:lt2", &c.surface),
    ];
    for (tag, val) in named {
        x.open(tag, &[]);
        srgb(&mut x, val);
        x.close();
    }
    const ACCENTS: [&str; 6] = [
        "a:accent1",
        "a:accent2",
        "a:accent3",
        "a:accent4",
        "a:accent5",
        "a:accent6",
    ];
    for (i, tag) in ACCENTS.into_iter().enumerate() {
        x.open(tag, &[]);
        srgb(&mut x, brand.series(i));
        x.close();
    }
    x.open("a:hlink", &[]);
    srgb(&mut x, &c.primary);
    x.close();
    x.open("a:folHlink", &[]);
    srgb(&mut x, &c.muted);
    x.close();
    x.close();

    x.open("a:fontScheme", &[("name", "almanac")]);
    for tag in ["a:majorFont", "a:minorFont"] {
        x.open(tag, &[]);
        x.empty("a:latin", &[("typeface", &brand.fonts.pptx_latin)]);
        x.empty("a:ea", &[("typeface", &brand.fonts.pptx_east_asian)]);
        x.empty("a:cs", &[("typeface", "")]);
        x.empty(
            "a:font",
            &[
                ("script", "Hans"),
                ("typeface", &brand.fonts.pptx_east_asian),
            ],
        );
        x.close();
    }
    x.close();

    // Three entries in each list: PowerPoint rejects shorter lists.
    x.open("a:fmtScheme", &[("name", "almanac")]);
    x.open("a:fillStyleLst", &[]);
    for _ in 0..3 {
        x.open("a:solidFill", &[])
            .empty("a:schemeClr", &[("val", "phClr")])
            .close();
    }
    x.close();
    x.open("a:lnStyleLst", &[]);
    for w in ["6350", "12700", "19050"] {
        x.open(
            "a:ln",
            &[("w", w), ("cap", "flat"), ("cmpd", "sng"), ("algn", "ctr")],
        );
        x.open("a:solidFill", &[])
            .empty("a:schemeClr", &[("val", "phClr")])
            .close();
        x.empty("a:prstDash", &[("val", "solid")]);
        x.empty("a:miter", &[("lim", "800000")]);
        x.close();
    }
    x.close();
    x.open("a:effectStyleLst", &[]);
    for _ in 0..3 {
        x.open("a:effectStyle", &[])
            .empty("a:effectLst", &[])
            .close();
    }
    x.close();
    x.open("a:bgFillStyleLst", &[]);
    for _ in 0..3 {
        x.open("a:solidFill", &[])
            .empty("a:schemeClr", &[("val", "phClr")])
            .close();
    }
    x.close();
    x.close();

    x.close(); // themeElements
    x.empty("a:objectDefaults", &[]);
    x.empty("a:extraClrSchemeLst", &[]);
    x.close();
    x.finish()
}

/// The colour map shared by the masters: scheme names to theme slots.
fn clr_map(x: &mut Xml, tag: &'static str) {
    x.empty(
        tag,
        &[
            ("bg1", "lt1"),
            ("tx1", "dk1"),
            ("bg2", "lt2"),
            ("tx2", "dk2"),
            ("accent1", "accent1"),
            ("accent2", "accent2"),
            ("accent3", "accent3"),
            ("accent4", "accent4"),
            ("accent5", "accent5"),
            ("accent6", "accent6"),
            ("hlink", "hlink"),
            ("folHlink", "folHlink"),
        ],
    );
}

/// The group properties every shape tree starts with.
pub fn sp_tree_start(x: &mut Xml) {
    x.open("p:spTree", &[]);
    x.open("p:nvGrpSpPr", &[])
        .empty("p:cNvPr", &[("id", "1"), ("name", "")])
        .empty("p:cNvGrpSpPr", &[])
        .empty("p:nvPr", &[])
        .close();
    x.open("p:grpSpPr", &[]);
    x.open("a:xfrm", &[])
        .empty("a:off", &[("x", "0"), ("y", "0")])
        .empty("a:ext", &[("cx", "0"), ("cy", "0")])
        .empty("a:chOff", &[("x", "0"), ("y", "0")])
        .empty("a:chExt", &[("cx", "0"), ("cy", "0")])
        .close();
    x.close();
}

fn level_styles(x: &mut Xml, brand: &Brand, size: &str, lang: &str) {
    x.open("a:lvl1pPr", &[]);
    x.open("a:defRPr", &[("lang", lang), ("sz", size)]);
    solid(x, &brand.colors.text);
    x.empty("a:latin", &[("typeface", "+mn-lt")]);
    x.empty("a:ea", &[("typeface", "+mn-ea")]);
    x.close();
    x.close();
}

/// The one slide master: the brand's background, no placeholders (every
/// shape is placed on the slides), plain text styles.
pub fn slide_master(brand: &Brand, layout_rel: &str, lang: &str) -> String {
    let mut x = Xml::new();
    let ns = root_ns();
    x.open("p:sldMaster", &ns);
    x.open("p:cSld", &[("name", "almanac")]);
    x.open("p:bg", &[]).open("p:bgPr", &[]);
    solid(&mut x, &brand.colors.background);
    x.empty("a:effectLst", &[]);
    x.close().close();
    sp_tree_start(&mut x);
    x.close(); // spTree
    x.close(); // cSld
    clr_map(&mut x, "p:clrMap");
    x.open("p:sldLayoutIdLst", &[])
        .empty(
            "p:sldLayoutId",
            &[("id", "2147483649"), ("r:id", layout_rel)],
        )
        .close();
    x.open("p:txStyles", &[]);
    for (tag, size) in [
        ("p:titleStyle", "3000"),
        ("p:bodyStyle", "1800"),
        ("p:otherStyle", "1800"),
    ] {
        x.open(tag, &[]);
        level_styles(&mut x, brand, size, lang);
        x.close();
    }
    x.close();
    x.close();
    x.finish()
}

/// The blank layout all slides use.
pub fn blank_layout() -> String {
    let mut x = Xml::new();
    let ns = root_ns();
    x.open(
        "p:sldLayout",
        &[ns[0], ns[1], ns[2], ("type", "blank"), ("preserve", "1")],
    );
    x.open("p:cSld", &[("name", "Blank")]);
    sp_tree_start(&mut x);
    x.close();
    x.close();
    x.open("p:clrMapOvr", &[])
        .empty("a:masterClrMapping", &[])
        .close();
    x.close();
    x.finish()
}

/// A placeholder shape without geometry of its own (notes pages).
fn placeholder(x: &mut Xml, id: &str, name: &str, ph: &[(&str, &str)], rect: [i64; 4]) {
    x.open("p:sp", &[]);
    x.open("p:nvSpPr", &[]);
    x.empty("p:cNvPr", &[("id", id), ("name", name)]);
    x.open("p:cNvSpPr", &[])
        .empty("a:spLocks", &[("noGrp", "1")])
        .close();
    x.open("p:nvPr", &[]).empty("p:ph", ph).close();
    x.close();
    x.open("p:spPr", &[]);
    x.open("a:xfrm", &[])
        .empty(
            "a:off",
            &[("x", &rect[0].to_string()), ("y", &rect[1].to_string())],
        )
        .empty(
            "a:ext",
            &[("cx", &rect[2].to_string()), ("cy", &rect[3].to_string())],
        )
        .close();
    x.open("a:prstGeom", &[("prst", "rect")])
        .empty("a:avLst", &[])
        .close();
    x.close();
}

/// Where the slide picture and the notes text sit on a notes page.
const NOTES_IMAGE: [i64; 4] = [381_000, 685_800, 6_096_000, 3_429_000];
const NOTES_BODY: [i64; 4] = [685_800, 4_343_400, 5_486_400, 4_114_800];

/// A notes page's slide picture and its notes placeholder, left open at
/// the notes text's body (`p:txBody`, after its `a:lstStyle`).
fn notes_placeholders(x: &mut Xml) {
    placeholder(x, "2", "Slide Image", &[("type", "sldImg")], NOTES_IMAGE);
    x.close(); // sp
    placeholder(
        x,
        "3",
        "Notes",
        &[("type", "body"), ("idx", "1")],
        NOTES_BODY,
    );
    x.open("p:txBody", &[])
        .empty("a:bodyPr", &[])
        .empty("a:lstStyle", &[]);
}

/// Closes a slide or notes page's shape tree and `p:cSld`, then maps its
/// colours to the master's and closes the page.
pub fn close_page(x: &mut Xml) {
    x.close(); // spTree
    x.close(); // cSld
    x.open("p:clrMapOvr", &[])
        .empty("a:masterClrMapping", &[])
        .close();
    x.close();
}

/// The notes master: a slide picture above the notes text.
pub fn notes_master(brand: &Brand, lang: &str) -> String {
    let mut x = Xml::new();
    let ns = root_ns();
    x.open("p:notesMaster", &ns);
    x.open("p:cSld", &[]);
    x.open("p:bg", &[]).open("p:bgPr", &[]);
    solid(&mut x, "FFFFFF");
    x.empty("a:effectLst", &[]);
    x.close().close();
    sp_tree_start(&mut x);
    notes_placeholders(&mut x);
    x.open("a:p", &[])
        .empty("a:endParaRPr", &[("lang", lang)])
        .close();
    x.close(); // txBody
    x.close(); // sp
    x.close(); // spTree
    x.close(); // cSld
    clr_map(&mut x, "p:clrMap");
    x.open("p:notesStyle", &[]);
    level_styles(&mut x, brand, "1200", lang);
    x.close();
    x.close();
    x.finish()
}

/// One slide's notes page: the slide picture and the notes, one `a:p`
/// per paragraph (and per line within one).
pub fn notes_slide(notes: &[String], lang: &str, brand: &Brand) -> String {
    let mut x = Xml::new();
    let ns = root_ns();
    x.open("p:notes", &ns);
    x.open("p:cSld", &[]);
    sp_tree_start(&mut x);
    notes_placeholders(&mut x);
    let mut lines: Vec<&str> = notes.iter().flat_map(|n| n.lines()).collect();
    if lines.is_empty() {
        lines.push("");
    }
    for line in lines {
        x.open("a:p", &[]);
        x.open("a:r", &[]);
        x.open(
            "a:rPr",
            &[
                ("lang", lang),
                ("altLang", "en-US"),
                ("sz", "1200"),
                ("dirty", "0"),
            ],
        );
        x.empty("a:latin", &[("typeface", &brand.fonts.pptx_latin)]);
        x.empty("a:ea", &[("typeface", &brand.fonts.pptx_east_asian)]);
        x.close();
        x.leaf("a:t", &[], line);
        x.close();
        x.close();
    }
    x.close(); // txBody
    x.close(); // sp
    close_page(&mut x);
    x.finish()
}
