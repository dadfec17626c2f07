//! Native charts: a `deck::Chart` as a DrawingML chart part
//! (`c:chartSpace`) and the workbook embedded beside it, so that a
//! manager clicks a bar in PowerPoint, WPS or LibreOffice, chooses "Edit
//! data" and sees (and changes) the plan's numbers. The part's caches
//! (`c:strCache`, `c:numCache`) hold the same categories and values as
//! the workbook's cells, which the caches' formulas (`Sheet1!$B$2:$B$5`)
//! point at: categories down column A, one series per column from B,
//! series names in row 1. Elements follow the order of the chart schema
//! (PowerPoint repairs a chart whose children are out of order).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::slides::brand::Brand;
use crate::slides::deck::{Chart, ChartKind};

use super::parts::{NS_A, NS_R};
use super::xml::Xml;

pub const NS_C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
/// The workbook's one sheet, as the caches' formulas name it.
const SHEET: &str = "Sheet1";

/// The number format of the values: whole numbers grouped (`#,##0`),
/// money with its decimals (`#,##0.00`), others as written (`General`),
/// with the chart's prefix and suffix quoted around them: `"¥"#,##0`,
/// `General"万"`.
pub fn number_format(chart: &Chart) -> String {
    // Decimal places of the most precise value: money keeps them fixed
    // (`€33,500.50`), other numbers show as written (`8.5万`).
    let places = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .map(|v| v.split_once('.').map_or(0, |(_, f)| f.len()))
        .max()
        .unwrap_or(0);
    let body = match (places, chart.prefix.is_empty()) {
        (0, _) => "#,##0".to_string(),
        (p, false) => format!("#,##0.{}", "0".repeat(p.max(2))),
        (_, true) => "General".to_string(),
    };
    let quote = |s: &str| {
        let s: String = s.chars().filter(|c| !matches!(c, '"' | '\\')).collect();
        if s.is_empty() { s } else { format!("\"{s}\"") }
    };
    format!("{}{}{}", quote(&chart.prefix), body, quote(&chart.suffix))
}

/// `A`, `B`, … `Z`, `AA`: a column's letters (0-based).
fn column(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// `Sheet1!$B$2:$B$5`.
fn range(col: usize, first_row: usize, last_row: usize) -> String {
    let c = column(col);
    if first_row == last_row {
        format!("{SHEET}!${c}${first_row}")
    } else {
        format!("{SHEET}!${c}${first_row}:${c}${last_row}")
    }
}

/// The embedded workbook: the chart's title in A1, series names across
/// row 1, categories down column A, values as numbers. Its properties
/// carry a fixed date, so the same chart gives the same bytes.
pub fn workbook(chart: &Chart) -> Vec<u8> {
    let mut book = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1).ok();
    let mut props = DocProperties::new().set_author("almanac");
    if let Some(d) = &fixed {
        props = props.set_creation_datetime(d);
    }
    book.set_properties(&props);
    let sheet = book.add_worksheet();
    let numbers = Format::new().set_num_format(number_format(chart));
    let mut ok = sheet.set_name(SHEET).is_ok();
    ok &= sheet.write_string(0, 0, &chart.title).is_ok();
    for (r, cat) in chart.categories.iter().enumerate() {
        ok &= sheet.write_string(r as u32 + 1, 0, cat).is_ok();
    }
    for (c, s) in chart.series.iter().enumerate() {
        let col = c as u16 + 1;
        ok &= sheet.write_string(0, col, &s.name).is_ok();
        for (r, v) in s.values.iter().enumerate() {
            if let Some(v) = v.as_deref().and_then(|v| v.parse::<f64>().ok()) {
                ok &= sheet
                    .write_number_with_format(r as u32 + 1, col, v, &numbers)
                    .is_ok();
            }
        }
    }
    let widest = chart
        .categories
        .iter()
        .map(|c| crate::source::display_width(c))
        .max()
        .unwrap_or(8);
    let width = u16::try_from(widest + 2).unwrap_or(u16::MAX);
    ok &= sheet.set_column_width(0, f64::from(width)).is_ok();
    debug_assert!(ok, "a chart's cells are within the sheet's limits");
    match book.save_to_buffer() {
        Ok(b) => b,
        // Writing to memory fails only for a bug in the writer.
        Err(e) => unreachable!("writing a chart's workbook to memory: {e}"),
    }
}

/// What the chart part's text is drawn with.
pub struct Style<'a> {
    pub brand: &'a Brand,
    pub lang: &'a str,
    /// Points.
    pub size: u32,
    /// Colours of the first series' points that differ from the series'
    /// own (a missed target in the bad colour), by category.
    pub points: Vec<Option<&'a str>>,
}

fn solid(x: &mut Xml, color: &str) {
    x.open("a:solidFill", &[])
        .empty("a:srgbClr", &[("val", color)])
        .close();
}

/// `c:txPr`: the brand's Latin and East Asian fonts, so CJK labels render.
fn text_props(x: &mut Xml, st: &Style<'_>, size: u32, color: &str, bold: bool) {
    x.open("c:txPr", &[]);
    x.empty("a:bodyPr", &[]).empty("a:lstStyle", &[]);
    x.open("a:p", &[]).open("a:pPr", &[]);
    let sz = (size * 100).to_string();
    x.open(
        "a:defRPr",
        &[
            ("lang", st.lang),
            ("sz", &sz),
            ("b", if bold { "1" } else { "0" }),
        ],
    );
    solid(x, color);
    x.empty("a:latin", &[("typeface", &st.brand.fonts.pptx_latin)]);
    x.empty("a:ea", &[("typeface", &st.brand.fonts.pptx_east_asian)]);
    x.close();
    x.close();
    x.empty("a:endParaRPr", &[("lang", st.lang)]);
    x.close();
    x.close();
}

fn val(x: &mut Xml, tag: &'static str, v: &str) {
    x.empty(tag, &[("val", v)]);
}

fn str_cache(x: &mut Xml, formula: &str, items: &[&str]) {
    x.open("c:strRef", &[]);
    x.leaf("c:f", &[], formula);
    x.open("c:strCache", &[]);
    val(x, "c:ptCount", &items.len().to_string());
    for (i, s) in items.iter().enumerate() {
        x.open("c:pt", &[("idx", &i.to_string())])
            .leaf("c:v", &[], s)
            .close();
    }
    x.close();
    x.close();
}

/// Data labels: the value in the chart's format (or the share of the
/// whole, for a doughnut).
fn data_labels(x: &mut Xml, chart: &Chart, st: &Style<'_>) {
    let c = &st.brand.colors;
    let doughnut = chart.kind == ChartKind::Doughnut;
    x.open("c:dLbls", &[]);
    let format = if doughnut {
        "0%".to_string()
    } else {
        number_format(chart)
    };
    x.empty(
        "c:numFmt",
        &[("formatCode", &format), ("sourceLinked", "0")],
    );
    x.open("c:spPr", &[])
        .empty("a:noFill", &[])
        .open("a:ln", &[])
        .empty("a:noFill", &[])
        .close()
        .close();
    let color = if doughnut { &c.background } else { &c.text };
    text_props(x, st, st.size, color, true);
    if !doughnut {
        val(x, "c:dLblPos", "outEnd");
    }
    val(x, "c:showLegendKey", "0");
    val(x, "c:showVal", if doughnut { "0" } else { "1" });
    val(x, "c:showCatName", "0");
    val(x, "c:showSerName", "0");
    val(x, "c:showPercent", if doughnut { "1" } else { "0" });
    val(x, "c:showBubbleSize", "0");
    if doughnut {
        val(x, "c:showLeaderLines", "0");
    }
    x.close();
}

fn series(x: &mut Xml, chart: &Chart, st: &Style<'_>) {
    let n = chart.categories.len();
    let cats: Vec<&str> = chart.categories.iter().map(String::as_str).collect();
    let format = number_format(chart);
    for (i, s) in chart.series.iter().enumerate() {
        let col = i + 1;
        x.open("c:ser", &[]);
        val(x, "c:idx", &i.to_string());
        val(x, "c:order", &i.to_string());
        x.open("c:tx", &[]);
        str_cache(x, &range(col, 1, 1), &[s.name.as_str()]);
        x.close();
        x.open("c:spPr", &[]);
        solid(x, st.brand.series(i));
        x.close();
        if chart.kind != ChartKind::Doughnut {
            val(x, "c:invertIfNegative", "0");
        }
        // The parts of a whole each in their colour, else only the points
        // the style marks.
        let colors: Vec<Option<&str>> = (0..n)
            .map(|p| {
                if chart.parts {
                    Some(st.brand.series(p))
                } else if i == 0 {
                    st.points.get(p).copied().flatten()
                } else {
                    None
                }
            })
            .collect();
        {
            for (p, color) in colors.iter().enumerate() {
                let Some(color) = color else { continue };
                x.open("c:dPt", &[]);
                val(x, "c:idx", &p.to_string());
                if chart.kind == ChartKind::Doughnut {
                    val(x, "c:bubble3D", "0");
                } else {
                    val(x, "c:invertIfNegative", "0");
                    val(x, "c:bubble3D", "0");
                }
                x.open("c:spPr", &[]);
                solid(x, color);
                if chart.kind == ChartKind::Doughnut {
                    x.open("a:ln", &[("w", "19050")]);
                    solid(x, &st.brand.colors.background);
                    x.close();
                }
                x.close();
                x.close();
            }
        }
        // Parts of a whole have their amounts in the legend beside; bars
        // of them would only crowd a narrow chart with the same numbers.
        if chart.kind == ChartKind::Doughnut || !chart.parts {
            data_labels(x, chart, st);
        }
        x.open("c:cat", &[]);
        str_cache(x, &range(0, 2, n + 1), &cats);
        x.close();
        x.open("c:val", &[]).open("c:numRef", &[]);
        x.leaf("c:f", &[], &range(col, 2, n + 1));
        x.open("c:numCache", &[]);
        x.leaf("c:formatCode", &[], &format);
        val(x, "c:ptCount", &n.to_string());
        for (p, v) in s.values.iter().enumerate() {
            if let Some(v) = v {
                x.open("c:pt", &[("idx", &p.to_string())])
                    .leaf("c:v", &[], v)
                    .close();
            }
        }
        x.close().close().close();
        x.close(); // ser
    }
}

const CAT_AX: &str = "500000001";
const VAL_AX: &str = "500000002";

fn axis_line(x: &mut Xml, color: Option<&str>) {
    x.open("c:spPr", &[]);
    x.empty("a:noFill", &[]);
    x.open("a:ln", &[("w", "9525")]);
    match color {
        Some(c) => solid(x, c),
        None => {
            x.empty("a:noFill", &[]);
        }
    }
    x.close();
    x.close();
}

fn axes(x: &mut Xml, chart: &Chart, st: &Style<'_>) {
    let c = &st.brand.colors;
    let horizontal = chart.kind == ChartKind::Bar;
    // Categories: first on top (bars) or left (columns).
    x.open("c:catAx", &[]);
    val(x, "c:axId", CAT_AX);
    x.open("c:scaling", &[]);
    val(
        x,
        "c:orientation",
        if horizontal { "maxMin" } else { "minMax" },
    );
    x.close();
    val(x, "c:delete", "0");
    val(x, "c:axPos", if horizontal { "l" } else { "b" });
    x.empty(
        "c:numFmt",
        &[("formatCode", "General"), ("sourceLinked", "0")],
    );
    val(x, "c:majorTickMark", "none");
    val(x, "c:minorTickMark", "none");
    val(x, "c:tickLblPos", "nextTo");
    axis_line(x, Some(&c.muted));
    text_props(x, st, st.size, &c.text, true);
    val(x, "c:crossAx", VAL_AX);
    val(x, "c:crosses", "autoZero");
    val(x, "c:auto", "1");
    val(x, "c:lblAlgn", "ctr");
    val(x, "c:lblOffset", "100");
    val(x, "c:noMultiLvlLbl", "0");
    x.close();

    x.open("c:valAx", &[]);
    val(x, "c:axId", VAL_AX);
    x.open("c:scaling", &[]);
    val(x, "c:orientation", "minMax");
    x.close();
    val(x, "c:delete", "0");
    val(x, "c:axPos", if horizontal { "b" } else { "l" });
    x.open("c:majorGridlines", &[]);
    axis_line(x, Some(&c.surface));
    x.close();
    // The title names what is counted and its unit.
    x.open("c:title", &[]);
    x.open("c:tx", &[]).open("c:rich", &[]);
    x.empty("a:bodyPr", &[]).empty("a:lstStyle", &[]);
    x.open("a:p", &[]);
    x.open("a:pPr", &[]);
    x.open(
        "a:defRPr",
        &[("sz", &(st.size * 100).to_string()), ("b", "0")],
    );
    solid(x, &c.muted);
    x.close();
    x.close();
    x.open("a:r", &[]);
    x.open(
        "a:rPr",
        &[
            ("lang", st.lang),
            ("sz", &(st.size * 100).to_string()),
            ("b", "0"),
        ],
    );
    solid(x, &c.muted);
    x.empty("a:latin", &[("typeface", &st.brand.fonts.pptx_latin)]);
    x.empty("a:ea", &[("typeface", &st.brand.fonts.pptx_east_asian)]);
    x.close();
    x.leaf("a:t", &[], &chart.title);
    x.close();
    x.close(); // a:p
    x.close().close(); // rich, tx
    val(x, "c:overlay", "0");
    x.close(); // title
    x.empty(
        "c:numFmt",
        &[("formatCode", &number_format(chart)), ("sourceLinked", "0")],
    );
    val(x, "c:majorTickMark", "none");
    val(x, "c:minorTickMark", "none");
    val(x, "c:tickLblPos", "nextTo");
    axis_line(x, None);
    text_props(x, st, st.size.saturating_sub(2).max(10), &c.muted, false);
    val(x, "c:crossAx", CAT_AX);
    // With the categories reversed, the values stay at the bottom.
    val(x, "c:crosses", if horizontal { "max" } else { "autoZero" });
    val(x, "c:crossBetween", "between");
    x.close();
}

/// The chart part, its workbook related as `workbook_rel`.
pub fn chart_xml(chart: &Chart, st: &Style<'_>, workbook_rel: &str) -> String {
    let c = &st.brand.colors;
    let mut x = Xml::new();
    x.open(
        "c:chartSpace",
        &[("xmlns:c", NS_C), ("xmlns:a", NS_A), ("xmlns:r", NS_R)],
    );
    val(&mut x, "c:date1904", "0");
    val(&mut x, "c:lang", st.lang);
    val(&mut x, "c:roundedCorners", "0");
    x.open("c:chart", &[]);
    val(&mut x, "c:autoTitleDeleted", "1");
    x.open("c:plotArea", &[]);
    x.empty("c:layout", &[]);
    match chart.kind {
        ChartKind::Doughnut => {
            x.open("c:doughnutChart", &[]);
            val(&mut x, "c:varyColors", "1");
            series(&mut x, chart, st);
            val(&mut x, "c:firstSliceAng", "0");
            val(&mut x, "c:holeSize", "55");
            x.close();
        }
        ChartKind::Bar | ChartKind::Column => {
            x.open("c:barChart", &[]);
            val(
                &mut x,
                "c:barDir",
                if chart.kind == ChartKind::Bar {
                    "bar"
                } else {
                    "col"
                },
            );
            val(&mut x, "c:grouping", "clustered");
            val(&mut x, "c:varyColors", if chart.parts { "1" } else { "0" });
            series(&mut x, chart, st);
            val(&mut x, "c:gapWidth", "60");
            val(&mut x, "c:overlap", "-10");
            val(&mut x, "c:axId", CAT_AX);
            val(&mut x, "c:axId", VAL_AX);
            x.close();
            axes(&mut x, chart, st);
        }
    }
    x.open("c:spPr", &[]).empty("a:noFill", &[]).close();
    x.close(); // plotArea
    // A legend only when it tells the series apart.
    if chart.series.len() > 1 {
        x.open("c:legend", &[]);
        val(&mut x, "c:legendPos", "t");
        val(&mut x, "c:overlay", "0");
        text_props(&mut x, st, st.size, &c.text, false);
        x.close();
    }
    val(&mut x, "c:plotVisOnly", "1");
    val(&mut x, "c:dispBlanksAs", "gap");
    x.close(); // chart
    x.open("c:spPr", &[])
        .empty("a:noFill", &[])
        .open("a:ln", &[])
        .empty("a:noFill", &[])
        .close()
        .close();
    text_props(&mut x, st, st.size, &c.text, false);
    x.open("c:externalData", &[("r:id", workbook_rel)]);
    val(&mut x, "c:autoUpdate", "0");
    x.close();
    x.close();
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_follow_the_values() {
        use crate::slides::deck::test_chart;
        let mut c = test_chart(ChartKind::Bar, "t", &["a".into()], &[("s", &[12])], false);
        assert_eq!(number_format(&c), "#,##0\"万\"");
        c.series[0].values[0] = Some("8.5".into());
        assert_eq!(number_format(&c), "General\"万\"");
        c.prefix = "€".into();
        c.suffix = String::new();
        assert_eq!(number_format(&c), "\"€\"#,##0.00");
    }

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(range(1, 2, 5), "Sheet1!$B$2:$B$5");
        assert_eq!(range(2, 1, 1), "Sheet1!$C$1");
    }
}
