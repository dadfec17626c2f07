//! Drawing primitives for one slide: text boxes, preset shapes, lines,
//! tables, pictures and the frames of native charts (whose parts `chart`
//! writes), as PresentationML with editable objects only (no pictures of
//! text). A `Canvas` hands out the
//! shape ids, so ids are unique on every slide, and writes every run with
//! the deck's language and both typefaces, so Chinese text gets an East
//! Asian font wherever it is edited. Geometry is in EMU, integers only, so
//! the bytes never depend on floating-point formatting.
//!
//! It also estimates how wide a text is at a font size (`text_width`), so
//! that the layouts in `layouts/` can size boxes and fonts to keep text on
//! the slide without a renderer's help.

use crate::slides::brand::Brand;

use super::xml::{Xml, fragment};

/// EMU per inch and per point.
pub const IN: i64 = 914_400;
pub const PT: i64 = 12_700;

/// Hundredths of an inch, in EMU: `h(60)` is 0.6 in.
pub const fn h(hundredths: i64) -> i64 {
    hundredths * IN / 100
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
}

impl Rect {
    pub const fn new(x: i64, y: i64, w: i64, h: i64) -> Rect {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> i64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> i64 {
        self.y + self.h
    }
    /// The rectangle shrunk by `d` on every side.
    pub fn inset(&self, d: i64) -> Rect {
        Rect::new(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)
    }
}

/// Estimated width of `s` at `size` (hundredths of a point), in EMU.
/// CJK characters are one em; Latin letters and digits are estimated on
/// the wide side of Arial's metrics so that an estimate that fits does fit.
pub fn text_width(s: &str, size: u32, bold: bool) -> i64 {
    use unicode_width::UnicodeWidthChar;
    let per_mille: i64 = s
        .chars()
        .map(|c| match c {
            ' ' => 300,
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 300,
            'm' | 'w' | 'M' | 'W' => 900,
            'A'..='Z' | '0'..='9' | '%' | '¥' | '$' | '&' => 680,
            'a'..='z' => 560,
            // Full width in CJK fonts, whatever Unicode says.
            '…' | '—' | '“' | '”' | '·' => 1000,
            c if c.width() == Some(2) => 1000,
            c if c.is_control() => 0,
            _ => 620,
        })
        .sum();
    let w = per_mille * i64::from(size) * PT / 100 / 1000;
    if bold { w * 106 / 100 } else { w }
}

/// Height of one line at `size`, with the line spacing CJK fonts take.
pub fn line_height(size: u32) -> i64 {
    i64::from(size) * PT * 135 / 10_000
}

/// Lines `s` needs in a box `width` wide (word wrap loses a little: 8%).
pub fn lines_needed(s: &str, size: u32, bold: bool, width: i64) -> i64 {
    if width <= 0 {
        return 1;
    }
    let w = text_width(s, size, bold) * 108 / 100;
    (w + width - 1).div_euclid(width).max(1)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Top,
    Middle,
    Bottom,
}

/// A run of text in one style.
#[derive(Clone, Debug)]
pub struct Run {
    pub text: String,
    /// Hundredths of a point.
    pub size: u32,
    pub bold: bool,
    pub color: String,
}

impl Run {
    pub fn new(text: impl Into<String>, size_pt: u32, color: &str) -> Run {
        Run {
            text: text.into(),
            size: size_pt * 100,
            bold: false,
            color: color.to_string(),
        }
    }
    pub fn bold(mut self) -> Run {
        self.bold = true;
        self
    }
}

/// A paragraph: runs, alignment, an optional bullet in a colour.
#[derive(Clone, Debug)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    pub bullet: Option<String>,
    /// Space before, in hundredths of a point.
    pub space_before: u32,
}

impl Para {
    pub fn new(runs: Vec<Run>) -> Para {
        Para {
            runs,
            align: Align::Left,
            bullet: None,
            space_before: 0,
        }
    }
    pub fn one(run: Run) -> Para {
        Para::new(vec![run])
    }
    pub fn align(mut self, a: Align) -> Para {
        self.align = a;
        self
    }
    pub fn bullet(mut self, color: &str) -> Para {
        self.bullet = Some(color.to_string());
        self
    }
    pub fn before(mut self, pt: u32) -> Para {
        self.space_before = pt * 100;
        self
    }
}

/// A shape's text: paragraphs, where they sit, how far from the edges.
#[derive(Clone, Debug)]
pub struct Text {
    pub paras: Vec<Para>,
    pub anchor: Anchor,
    /// Left/right and top/bottom insets, EMU.
    pub inset_x: i64,
    pub inset_y: i64,
    /// Let the application shrink the text when it overflows. Off by
    /// default: the layouts size text for the deck's capacities, and
    /// LibreOffice shrinks some boxes that fit.
    pub autofit: bool,
}

impl Text {
    pub fn new(paras: Vec<Para>) -> Text {
        Text {
            paras,
            anchor: Anchor::Top,
            inset_x: 0,
            inset_y: 0,
            autofit: false,
        }
    }
    pub fn anchor(mut self, a: Anchor) -> Text {
        self.anchor = a;
        self
    }
    pub fn inset(mut self, x: i64, y: i64) -> Text {
        self.inset_x = x;
        self.inset_y = y;
        self
    }
}

/// An outline.
#[derive(Clone, Debug)]
pub struct Stroke {
    pub color: String,
    /// Width in EMU.
    pub width: i64,
    pub dashed: bool,
}

impl Stroke {
    pub fn new(color: &str, width: i64) -> Stroke {
        Stroke {
            color: color.to_string(),
            width,
            dashed: false,
        }
    }
    pub fn dashed(mut self) -> Stroke {
        self.dashed = true;
        self
    }
}

/// A preset shape: geometry, fill, outline and optional text.
#[derive(Clone, Debug)]
pub struct Shape {
    pub prst: &'static str,
    /// Adjust values (`adj`, `adj1`, …) of the preset geometry.
    pub adjust: Vec<(&'static str, i64)>,
    pub fill: Option<String>,
    pub stroke: Option<Stroke>,
    pub text: Option<Text>,
    pub flip_v: bool,
}

impl Shape {
    pub fn new(prst: &'static str) -> Shape {
        Shape {
            prst,
            adjust: Vec::new(),
            fill: None,
            stroke: None,
            text: None,
            flip_v: false,
        }
    }
    pub fn rect() -> Shape {
        Shape::new("rect")
    }
    pub fn fill(mut self, color: &str) -> Shape {
        self.fill = Some(color.to_string());
        self
    }
    pub fn stroke(mut self, s: Stroke) -> Shape {
        self.stroke = Some(s);
        self
    }
    pub fn text(mut self, t: Text) -> Shape {
        self.text = Some(t);
        self
    }
    pub fn adjust(mut self, name: &'static str, value: i64) -> Shape {
        self.adjust.push((name, value));
        self
    }
    /// A pill with one centred line: a tag or a chip, outlined in `edge`.
    pub fn pill(fill: &str, edge: &str, para: Para) -> Shape {
        Shape::new("roundRect")
            .adjust("adj", 50_000)
            .fill(fill)
            .stroke(Stroke::new(edge, 2 * PT))
            .text(
                Text::new(vec![para.align(Align::Center)])
                    .anchor(Anchor::Middle)
                    .inset(h(10), 0),
            )
    }
}

/// A table cell.
#[derive(Clone, Debug)]
pub struct Cell {
    pub para: Para,
    pub fill: Option<String>,
}

/// A table: column widths and rows (height, cells).
#[derive(Clone, Debug)]
pub struct TableSpec {
    pub columns: Vec<i64>,
    pub rows: Vec<(i64, Vec<Cell>)>,
    /// The line under every row.
    pub rule: Stroke,
}

/// The shapes of one slide being written.
pub struct Canvas<'a> {
    x: Xml,
    next_id: u32,
    brand: &'a Brand,
    lang: &'a str,
}

fn n(v: i64) -> String {
    v.to_string()
}

impl<'a> Canvas<'a> {
    pub fn new(brand: &'a Brand, lang: &'a str) -> Canvas<'a> {
        Canvas {
            x: fragment(),
            // 1 is the shape tree itself.
            next_id: 2,
            brand,
            lang,
        }
    }

    /// The shapes' markup, to go inside `p:spTree`.
    pub fn finish(self) -> String {
        self.x.finish()
    }

    fn id(&mut self) -> String {
        let id = self.next_id;
        self.next_id += 1;
        id.to_string()
    }

    fn xfrm(&mut self, r: Rect, flip_v: bool) {
        let attrs: &[(&str, &str)] = if flip_v { &[("flipV", "1")] } else { &[] };
        self.x.open("a:xfrm", attrs);
        self.x
            .empty("a:off", &[("x", &n(r.x)), ("y", &n(r.y))])
            .empty("a:ext", &[("cx", &n(r.w.max(0))), ("cy", &n(r.h.max(0)))])
            .close();
    }

    fn solid(&mut self, color: &str) {
        self.x.open("a:solidFill", &[]);
        self.x.empty("a:srgbClr", &[("val", color)]);
        self.x.close();
    }

    fn stroke(&mut self, s: Option<&Stroke>) {
        match s {
            Some(s) => {
                self.x.open("a:ln", &[("w", &n(s.width))]);
                self.solid(&s.color);
                if s.dashed {
                    self.x.empty("a:prstDash", &[("val", "dash")]);
                }
                self.x.close();
            }
            None => {
                self.x.open("a:ln", &[]).empty("a:noFill", &[]).close();
            }
        }
    }

    fn run_props(&mut self, tag: &'static str, run: &Run) {
        let size = run.size.to_string();
        let mut attrs: Vec<(&str, &str)> =
            vec![("lang", self.lang), ("altLang", "en-US"), ("sz", &size)];
        if run.bold {
            attrs.push(("b", "1"));
        }
        attrs.push(("dirty", "0"));
        self.x.open(tag, &attrs);
        self.solid(&run.color);
        let (latin, ea) = (
            self.brand.fonts.pptx_latin.clone(),
            self.brand.fonts.pptx_east_asian.clone(),
        );
        self.x.empty("a:latin", &[("typeface", &latin)]);
        self.x.empty("a:ea", &[("typeface", &ea)]);
        self.x.close();
    }

    fn para(&mut self, p: &Para) {
        self.x.open("a:p", &[]);
        let algn = match p.align {
            Align::Left => "l",
            Align::Center => "ctr",
            Align::Right => "r",
        };
        let size = p.runs.first().map_or(1800, |r| r.size);
        let indent = i64::from(size) * PT / 100;
        let (mar_l, ind) = (n(indent * 3 / 2), n(-indent * 3 / 2));
        let mut attrs = vec![("algn", algn)];
        if p.bullet.is_some() {
            attrs.push(("marL", &mar_l));
            attrs.push(("indent", &ind));
        }
        self.x.open("a:pPr", &attrs);
        if p.space_before > 0 {
            self.x
                .open("a:spcBef", &[])
                .empty("a:spcPts", &[("val", &p.space_before.to_string())])
                .close();
        }
        match &p.bullet {
            Some(color) => {
                self.x.open("a:buClr", &[]);
                self.x.empty("a:srgbClr", &[("val", color)]);
                self.x.close();
                self.x.empty("a:buSzPct", &[("val", "100000")]);
                self.x.empty("a:buFont", &[("typeface", "Arial")]);
                self.x.empty("a:buChar", &[("char", "\u{25A0}")]);
            }
            None => {
                self.x.empty("a:buNone", &[]);
            }
        }
        self.x.close();
        for run in &p.runs {
            // A newline inside a run is a line break in the paragraph.
            for (i, line) in run.text.split('\n').enumerate() {
                if i > 0 {
                    self.x.open("a:br", &[]);
                    self.run_props("a:rPr", run);
                    self.x.close();
                }
                if line.is_empty() {
                    continue;
                }
                self.x.open("a:r", &[]);
                self.run_props("a:rPr", run);
                self.x.leaf("a:t", &[], line);
                self.x.close();
            }
        }
        let size = size.to_string();
        self.x.empty(
            "a:endParaRPr",
            &[
                ("lang", self.lang),
                ("altLang", "en-US"),
                ("sz", &size),
                ("dirty", "0"),
            ],
        );
        self.x.close();
    }

    fn tx_body(&mut self, tag: &'static str, t: &Text) {
        self.x.open(tag, &[]);
        let anchor = match t.anchor {
            Anchor::Top => "t",
            Anchor::Middle => "ctr",
            Anchor::Bottom => "b",
        };
        let (ix, iy) = (n(t.inset_x), n(t.inset_y));
        self.x.open(
            "a:bodyPr",
            &[
                ("wrap", "square"),
                ("lIns", &ix),
                ("tIns", &iy),
                ("rIns", &ix),
                ("bIns", &iy),
                ("rtlCol", "0"),
                ("anchor", anchor),
            ],
        );
        if t.autofit {
            self.x.empty("a:normAutofit", &[]);
        } else {
            self.x.empty("a:noAutofit", &[]);
        }
        self.x.close();
        self.x.empty("a:lstStyle", &[]);
        if t.paras.is_empty() {
            self.x.open("a:p", &[]).close();
        }
        for p in &t.paras {
            self.para(p);
        }
        self.x.close();
    }

    /// A preset shape.
    pub fn shape(&mut self, name: &str, r: Rect, s: &Shape) {
        let id = self.id();
        self.x.open("p:sp", &[]);
        self.x.open("p:nvSpPr", &[]);
        self.x
            .empty("p:cNvPr", &[("id", &id), ("name", &format!("{name} {id}"))]);
        let is_box = s.prst == "rect" && s.fill.is_none() && s.stroke.is_none() && s.text.is_some();
        if is_box {
            self.x.empty("p:cNvSpPr", &[("txBox", "1")]);
        } else {
            self.x.empty("p:cNvSpPr", &[]);
        }
        self.x.empty("p:nvPr", &[]);
        self.x.close();
        self.x.open("p:spPr", &[]);
        self.xfrm(r, s.flip_v);
        self.x.open("a:prstGeom", &[("prst", s.prst)]);
        if s.adjust.is_empty() {
            self.x.empty("a:avLst", &[]);
        } else {
            self.x.open("a:avLst", &[]);
            for (k, v) in &s.adjust {
                self.x
                    .empty("a:gd", &[("name", k), ("fmla", &format!("val {v}"))]);
            }
            self.x.close();
        }
        self.x.close();
        match &s.fill {
            Some(c) => self.solid(c),
            None => {
                self.x.empty("a:noFill", &[]);
            }
        }
        self.stroke(s.stroke.as_ref());
        self.x.close();
        if let Some(t) = &s.text {
            self.tx_body("p:txBody", t);
        }
        self.x.close();
    }

    /// A text box: no fill, no outline.
    pub fn text(&mut self, name: &str, r: Rect, t: Text) {
        self.shape(name, r, &Shape::rect().text(t));
    }

    /// A filled rectangle.
    pub fn rect(&mut self, name: &str, r: Rect, color: &str) {
        self.shape(name, r, &Shape::rect().fill(color));
    }

    /// A straight line from (x1, y1) to (x2, y2), with x2 ≥ x1.
    pub fn line(&mut self, name: &str, (x1, y1): (i64, i64), (x2, y2): (i64, i64), s: Stroke) {
        let r = Rect::new(x1, y1.min(y2), x2 - x1, (y2 - y1).abs());
        let shape = Shape {
            flip_v: y2 < y1,
            ..Shape::new("line").stroke(s)
        };
        self.shape(name, r, &shape);
    }

    /// A table of editable cells.
    pub fn table(&mut self, name: &str, x: i64, y: i64, t: &TableSpec) {
        let id = self.id();
        let w: i64 = t.columns.iter().sum();
        let total_h: i64 = t.rows.iter().map(|r| r.0).sum();
        self.x.open("p:graphicFrame", &[]);
        self.x.open("p:nvGraphicFramePr", &[]);
        self.x
            .empty("p:cNvPr", &[("id", &id), ("name", &format!("{name} {id}"))]);
        self.x
            .open("p:cNvGraphicFramePr", &[])
            .empty("a:graphicFrameLocks", &[("noGrp", "1")])
            .close();
        self.x.empty("p:nvPr", &[]);
        self.x.close();
        self.x.open("p:xfrm", &[]);
        self.x
            .empty("a:off", &[("x", &n(x)), ("y", &n(y))])
            .empty("a:ext", &[("cx", &n(w)), ("cy", &n(total_h))])
            .close();
        self.x.open("a:graphic", &[]);
        self.x.open(
            "a:graphicData",
            &[(
                "uri",
                "http://schemas.openxmlformats.org/drawingml/2006/table",
            )],
        );
        self.x.open("a:tbl", &[]);
        self.x
            .empty("a:tblPr", &[("firstRow", "1"), ("bandRow", "1")]);
        self.x.open("a:tblGrid", &[]);
        for c in &t.columns {
            self.x.empty("a:gridCol", &[("w", &n(*c))]);
        }
        self.x.close();
        for (height, cells) in &t.rows {
            self.x.open("a:tr", &[("h", &n(*height))]);
            for cell in cells {
                self.x.open("a:tc", &[]);
                let text = Text {
                    autofit: false,
                    ..Text::new(vec![cell.para.clone()])
                };
                self.x.open("a:txBody", &[]);
                self.x.empty("a:bodyPr", &[]);
                self.x.empty("a:lstStyle", &[]);
                for p in &text.paras {
                    self.para(p);
                }
                self.x.close();
                let (mx, my) = (n(h(12)), n(h(6)));
                self.x.open(
                    "a:tcPr",
                    &[
                        ("marL", &mx),
                        ("marR", &mx),
                        ("marT", &my),
                        ("marB", &my),
                        ("anchor", "ctr"),
                    ],
                );
                for tag in ["a:lnL", "a:lnR", "a:lnT"] {
                    self.x
                        .open(tag, &[("w", "0")])
                        .empty("a:noFill", &[])
                        .close();
                }
                self.x.open("a:lnB", &[("w", &n(t.rule.width))]);
                self.solid(&t.rule.color);
                self.x.close();
                match &cell.fill {
                    Some(c) => self.solid(c),
                    None => {
                        self.x.empty("a:noFill", &[]);
                    }
                }
                self.x.close();
                self.x.close();
            }
            self.x.close();
        }
        self.x.close(); // tbl
        self.x.close(); // graphicData
        self.x.close(); // graphic
        self.x.close(); // graphicFrame
    }

    /// A picture from the relationship `rel` (an image part).
    /// The frame of a native chart, its part related as `rel`.
    pub fn chart(&mut self, name: &str, r: Rect, rel: &str) {
        let id = self.id();
        self.x.open("p:graphicFrame", &[]);
        self.x.open("p:nvGraphicFramePr", &[]);
        self.x
            .empty("p:cNvPr", &[("id", &id), ("name", &format!("{name} {id}"))]);
        self.x
            .open("p:cNvGraphicFramePr", &[])
            .empty("a:graphicFrameLocks", &[("noGrp", "1")])
            .close();
        self.x.empty("p:nvPr", &[]);
        self.x.close();
        self.x.open("p:xfrm", &[]);
        self.x
            .empty("a:off", &[("x", &n(r.x)), ("y", &n(r.y))])
            .empty("a:ext", &[("cx", &n(r.w.max(0))), ("cy", &n(r.h.max(0)))]);
        self.x.close();
        self.x.open("a:graphic", &[]);
        self.x.open(
            "a:graphicData",
            &[(
                "uri",
                "http://schemas.openxmlformats.org/drawingml/2006/chart",
            )],
        );
        self.x
            .empty("c:chart", &[("xmlns:c", super::chart::NS_C), ("r:id", rel)]);
        self.x.close().close();
        self.x.close();
    }

    pub fn picture(&mut self, name: &str, r: Rect, rel: &str) {
        let id = self.id();
        self.x.open("p:pic", &[]);
        self.x.open("p:nvPicPr", &[]);
        self.x
            .empty("p:cNvPr", &[("id", &id), ("name", &format!("{name} {id}"))]);
        self.x
            .open("p:cNvPicPr", &[])
            .empty("a:picLocks", &[("noChangeAspect", "1")])
            .close();
        self.x.empty("p:nvPr", &[]);
        self.x.close();
        self.x.open("p:blipFill", &[]);
        self.x.empty("a:blip", &[("r:embed", rel)]);
        self.x
            .open("a:stretch", &[])
            .empty("a:fillRect", &[])
            .close();
        self.x.close();
        self.x.open("p:spPr", &[]);
        self.xfrm(r, false);
        self.x
            .open("a:prstGeom", &[("prst", "rect")])
            .empty("a:avLst", &[])
            .close();
        self.x.close();
        self.x.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_one_em_and_latin_narrower() {
        assert_eq!(text_width("年", 1000, false), 10 * PT);
        assert!(text_width("ab", 1000, false) < text_width("年", 1000, false) * 2);
        assert_eq!(lines_needed("年年年年", 1000, false, 20 * PT), 3);
        assert_eq!(lines_needed("", 1000, false, 20 * PT), 1);
    }

    #[test]
    fn shape_ids_count_up_from_two() {
        let b = Brand::builtin();
        let mut c = Canvas::new(&b, "zh-CN");
        c.rect("A", Rect::new(0, 0, 1, 1), "FFFFFF");
        c.text(
            "B",
            Rect::new(0, 0, 1, 1),
            Text::new(vec![Para::one(Run::new("x\ny", 14, "000000"))]),
        );
        let s = c.finish();
        assert!(s.contains("id=\"2\"") && s.contains("id=\"3\""));
        assert!(s.contains("<a:br>"));
        assert!(s.contains("lang=\"zh-CN\" altLang=\"en-US\""));
        assert!(s.contains("<a:ea typeface=\"Microsoft YaHei\"/>"));
    }

    #[test]
    fn one_inch_is_914400_emu() {
        assert_eq!(h(100), IN);
    }
}
