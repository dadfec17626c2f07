//! The PPTX package against the rules PowerPoint enforces and LibreOffice
//! and python-pptx do not (they open packages PowerPoint "repairs"): every
//! content-type Override names an existing part and every part has a
//! content type; every relationship resolves to a part and every `r:id`
//! used in a part is defined in its relationships; shape ids are unique on
//! each slide; every part is well-formed XML without control characters;
//! colours are RRGGBB; and the same deck gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use super::render;
use crate::slides::brand::Brand;
use crate::slides::deck;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// The zip's entries, in order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("an entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("readable");
            (f.name().expect("a UTF-8 name").to_string(), data)
        })
        .collect()
}

/// One element with its attributes (values unescaped).
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
}

/// Every element of a part, checked for well-formedness and control
/// characters on the way; the texts of `a:t` elements.
fn parse(part: &str, data: &[u8]) -> (Vec<Element>, Vec<String>) {
    let text = std::str::from_utf8(data).unwrap_or_else(|e| panic!("{part}: not UTF-8: {e}"));
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut elements = Vec::new();
    let mut texts = Vec::new();
    let mut in_t = false;
    let mut depth = 0usize;
    let mut roots = 0;
    let element = |e: &BytesStart<'_>| -> Element {
        let name = e.name().as_ref().to_string();
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|err| panic!("{part}: bad attribute: {err}"));
                assert!(
                    !a.value.chars().any(char::is_control),
                    "{part}: control character in attribute {:?}",
                    a.value
                );
                let v = a
                    .normalized_value(XmlVersion::Explicit1_0)
                    .unwrap_or_else(|err| panic!("{part}: bad attribute value: {err}"));
                (a.key.as_ref().to_string(), v.into_owned())
            })
            .collect();
        Element { name, attrs }
    };
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
                let el = element(&e);
                in_t = el.name == "a:t";
                if in_t {
                    texts.push(String::new());
                }
                elements.push(el);
            }
            Ok(Event::Empty(e)) => {
                if depth == 0 {
                    roots += 1;
                }
                elements.push(element(&e));
            }
            Ok(Event::End(_)) => {
                depth -= 1;
                in_t = false;
            }
            Ok(Event::Text(t)) => {
                let s = t.xml10_content();
                if depth == 0 {
                    assert!(s.trim().is_empty(), "{part}: text outside the root");
                }
                assert!(
                    !s.chars()
                        .any(|c| c.is_control() && !(depth == 0 && c == '\n')),
                    "{part}: control character in text {s:?}"
                );
                if in_t && let Some(last) = texts.last_mut() {
                    last.push_str(&s);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                let name = r.as_ref().to_string();
                let c = match name.as_str() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("{part}: unexpected reference &{other};"),
                };
                if in_t && let Some(last) = texts.last_mut() {
                    last.push(c);
                }
            }
            Ok(Event::Decl(_)) => {}
            Ok(other) => panic!("{part}: unexpected {other:?}"),
            Err(e) => panic!(
                "{part}: not well-formed at {}: {e}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "{part}: unclosed elements");
    assert_eq!(roots, 1, "{part}: one root element");
    (elements, texts)
}

fn attr<'e>(e: &'e Element, key: &str) -> Option<&'e str> {
    e.attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The part a relationship's target names, from the `.rels` part's source.
fn resolve(source: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = source.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// `ppt/slides/_rels/slide1.xml.rels` → `ppt/slides/slide1.xml`;
/// `_rels/.rels` → `` (the package).
fn rels_source(rels: &str) -> String {
    let (dir, file) = rels.rsplit_once('/').unwrap_or(("", rels));
    let dir = dir.strip_suffix("_rels").unwrap_or(dir);
    format!("{dir}{}", file.strip_suffix(".rels").unwrap_or(file))
}

#[test]
fn the_sample_deck_is_a_package_powerpoint_opens() {
    let sample = deck::sample();
    let brand = Brand::builtin();
    let bytes = render(&sample, &brand);
    assert_eq!(bytes, render(&sample, &brand), "rendering is reproducible");

    let entries = entries(&bytes);
    assert_eq!(entries[0].0, "[Content_Types].xml", "content types first");
    let names: BTreeSet<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), entries.len(), "no duplicate entries");

    let parsed: BTreeMap<&str, (Vec<Element>, Vec<String>)> = entries
        .iter()
        .filter(|(n, _)| n.ends_with(".xml") || n.ends_with(".rels"))
        .map(|(n, d)| (n.as_str(), parse(n, d)))
        .collect();

    // Content types: Overrides name existing parts, every part is typed.
    let (types, _) = &parsed["[Content_Types].xml"];
    let mut defaults = BTreeSet::new();
    let mut overrides = BTreeSet::new();
    for e in types {
        match e.name.as_str() {
            "Default" => {
                defaults.insert(
                    attr(e, "Extension")
                        .expect("Extension")
                        .to_ascii_lowercase(),
                );
            }
            "Override" => {
                let part = attr(e, "PartName").expect("PartName");
                let part = part.strip_prefix('/').expect("absolute part name");
                assert!(names.contains(part), "Override of a missing part {part}");
                assert!(
                    overrides.insert(part.to_string()),
                    "two Overrides for {part}"
                );
            }
            _ => {}
        }
    }
    for name in &names {
        if *name == "[Content_Types].xml" {
            continue;
        }
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        assert!(
            overrides.contains(*name) || defaults.contains(&ext),
            "{name} has no content type"
        );
        if !name.ends_with(".rels") {
            // PowerPoint wants an Override for every XML part.
            assert!(
                !name.ends_with(".xml") || overrides.contains(*name),
                "{name} has no Override"
            );
        }
    }

    // Relationships resolve; ids used in a part are defined for it.
    let mut defined: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, (elements, _)) in &parsed {
        if !name.ends_with(".rels") {
            continue;
        }
        let source = rels_source(name);
        assert!(
            source.is_empty() || names.contains(source.as_str()),
            "{name}: relationships of a missing part"
        );
        let ids = defined.entry(source.clone()).or_default();
        for e in elements.iter().filter(|e| e.name == "Relationship") {
            let id = attr(e, "Id").expect("Id");
            assert!(ids.insert(id.to_string()), "{name}: duplicate id {id}");
            if attr(e, "TargetMode") == Some("External") {
                continue;
            }
            let target = resolve(&source, attr(e, "Target").expect("Target"));
            assert!(
                names.contains(target.as_str()),
                "{name}: {id} points to missing {target}"
            );
        }
    }
    for (name, (elements, _)) in &parsed {
        if name.ends_with(".rels") {
            continue;
        }
        for e in elements {
            for (k, v) in &e.attrs {
                if k.starts_with("r:") {
                    assert!(
                        defined.get(*name).is_some_and(|ids| ids.contains(v)),
                        "{name}: {k}=\"{v}\" is not defined in its relationships"
                    );
                }
            }
        }
    }

    // Colours, shape ids, and text per slide.
    let mut slide_texts = Vec::new();
    for (name, (elements, texts)) in &parsed {
        for e in elements.iter().filter(|e| e.name == "a:srgbClr") {
            let v = attr(e, "val").expect("val");
            assert!(
                v.len() == 6 && v.bytes().all(|b| b.is_ascii_hexdigit()),
                "{name}: colour {v:?} is not RRGGBB"
            );
        }
        assert!(
            !elements
                .iter()
                .any(|e| e.name.eq_ignore_ascii_case("script")),
            "{name}: text became markup"
        );
        if name.starts_with("ppt/slides/slide") || name.starts_with("ppt/notesSlides/") {
            let mut ids = BTreeSet::new();
            for e in elements.iter().filter(|e| e.name == "p:cNvPr") {
                let id = attr(e, "id").expect("id");
                assert!(ids.insert(id), "{name}: shape id {id} twice");
            }
            for e in elements.iter().filter(|e| e.name == "a:rPr") {
                assert_eq!(attr(e, "lang"), Some("zh-CN"), "{name}: run language");
            }
        }
        if name.starts_with("ppt/slides/slide") {
            slide_texts.push((name.to_string(), texts.join("")));
        }
    }

    // Every slide is there, in order, with its title; the hostile text
    // reads back as text.
    let presentation = &parsed["ppt/presentation.xml"].0;
    let slide_ids: Vec<u32> = presentation
        .iter()
        .filter(|e| e.name == "p:sldId")
        .map(|e| attr(e, "id").expect("id").parse().expect("a number"))
        .collect();
    assert_eq!(
        slide_ids,
        (256..256 + sample.slides.len() as u32).collect::<Vec<_>>()
    );
    for e in presentation.iter().filter(|e| e.name == "p:sldMasterId") {
        let id: u64 = attr(e, "id").expect("id").parse().expect("a number");
        assert!(id >= 2_147_483_648);
    }
    assert_eq!(slide_texts.len(), sample.slides.len());
    for (i, slide) in sample.slides.iter().enumerate() {
        let name = format!("ppt/slides/slide{}.xml", i + 1);
        let text = &slide_texts
            .iter()
            .find(|(n, _)| *n == name)
            .expect("the slide")
            .1;
        assert!(text.contains(&slide.title), "{name} lacks its title");
        assert!(text.contains(&format!("{} / {}", i + 1, sample.slides.len())));
    }
    let all: String = slide_texts.iter().map(|(_, t)| t.as_str()).collect();
    assert!(all.contains("<script>alert(1)</script> & \"quotes\" 'single'"));
    let notes = &parsed["ppt/notesSlides/notesSlide1.xml"].1.join("");
    assert!(notes.contains("备注：<script>"), "{notes}");
}

#[test]
fn rels_sources_and_targets_resolve() {
    assert_eq!(rels_source("_rels/.rels"), "");
    assert_eq!(
        rels_source("ppt/slides/_rels/slide1.xml.rels"),
        "ppt/slides/slide1.xml"
    );
    assert_eq!(
        resolve("ppt/slides/slide1.xml", "../slideLayouts/slideLayout1.xml"),
        "ppt/slideLayouts/slideLayout1.xml"
    );
    assert_eq!(resolve("", "ppt/presentation.xml"), "ppt/presentation.xml");
}

/// The character an entity reference stands for.
fn unref(name: &str) -> char {
    match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        other => panic!("unexpected reference &{other};"),
    }
}

/// A text and the attributes of the sheet cell it is in.
type Leaf = (String, Vec<(String, String)>);

/// The texts of the elements named `leaf` inside the elements named
/// `under` (every element when `under` is empty), one list per `under`
/// element, with each text's innermost enclosing `c` element's attributes
/// (a sheet cell's `r` and `t`).
fn leaf_texts(data: &[u8], under: &str, leaf: &str) -> Vec<Vec<Leaf>> {
    let mut reader = Reader::from_str(std::str::from_utf8(data).expect("UTF-8"));
    let mut lists: Vec<Vec<Leaf>> = Vec::new();
    if under.is_empty() {
        lists.push(Vec::new());
    }
    let (mut inside, mut in_leaf) = (under.is_empty(), false);
    let mut cell: Vec<(String, String)> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == under {
                    inside = true;
                    lists.push(Vec::new());
                }
                if name == "c" {
                    cell = e
                        .attributes()
                        .flatten()
                        .map(|a| {
                            (
                                a.key.as_ref().to_string(),
                                a.normalized_value(XmlVersion::Explicit1_0)
                                    .expect("a value")
                                    .into_owned(),
                            )
                        })
                        .collect();
                }
                in_leaf = inside && name == leaf;
                if in_leaf && let Some(list) = lists.last_mut() {
                    list.push((String::new(), cell.clone()));
                }
            }
            Event::End(e) => {
                if e.name().as_ref() == under {
                    inside = false;
                }
                in_leaf = false;
            }
            Event::Text(t) if in_leaf => {
                if let Some((v, _)) = lists.last_mut().and_then(|l| l.last_mut()) {
                    v.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_leaf => {
                if let Some((v, _)) = lists.last_mut().and_then(|l| l.last_mut()) {
                    v.push(unref(r.as_ref()));
                }
            }
            _ => {}
        }
    }
    lists
}

/// The text of the `c:v` elements under each element named `under`, in
/// order, one list per such element (a chart's `c:cat`, `c:val`, `c:tx`).
fn values_under(data: &[u8], under: &str) -> Vec<Vec<String>> {
    leaf_texts(data, under, "c:v")
        .into_iter()
        .map(|l| l.into_iter().map(|(v, _)| v).collect())
        .collect()
}

/// The cells of a workbook's first sheet as text (`A1` → `新增粉丝（万）`),
/// shared strings resolved; every XML part of the workbook well-formed.
fn workbook_cells(xlsx: &[u8]) -> BTreeMap<String, String> {
    let files: BTreeMap<String, Vec<u8>> = entries(xlsx).into_iter().collect();
    for (name, data) in &files {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            parse(name, data);
        }
    }
    let shared: Vec<String> = leaf_texts(&files["xl/sharedStrings.xml"], "", "t")
        .concat()
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let mut cells = BTreeMap::new();
    for (v, attrs) in leaf_texts(&files["xl/worksheets/sheet1.xml"], "", "v").concat() {
        let get = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
        let v = if get("t") == Some("s") {
            shared[v.parse::<usize>().expect("an index")].clone()
        } else {
            v
        };
        cells.insert(get("r").expect("a cell reference").to_string(), v);
    }
    cells
}

#[test]
fn the_sample_decks_charts_are_native_and_hold_their_numbers() {
    let sample = deck::sample();
    let bytes = render(&sample, &Brand::builtin());
    let files: BTreeMap<String, Vec<u8>> = entries(&bytes).into_iter().collect();
    let text = |name: &str| {
        std::str::from_utf8(files.get(name).unwrap_or_else(|| panic!("{name} missing")))
            .expect("UTF-8")
            .to_string()
    };
    let types = text("[Content_Types].xml");
    assert!(types.contains(
        "<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>"
    ));
    let mut number = 0;
    for (i, slide) in sample.slides.iter().enumerate() {
        let name = format!("ppt/slides/slide{}.xml", i + 1);
        let rels = text(&format!("ppt/slides/_rels/slide{}.xml.rels", i + 1));
        let frames = text(&name).matches("<c:chart ").count();
        let charts = slide.body.charts();
        assert_eq!(frames, charts.len(), "{name}: one frame per chart");
        for chart in charts {
            number += 1;
            let part = format!("ppt/charts/chart{number}.xml");
            assert!(
                rels.contains(&format!(
                    "relationships/chart\" Target=\"../charts/chart{number}.xml\""
                )),
                "{name} relates {part}"
            );
            assert!(types.contains(&format!(
                "<Override PartName=\"/{part}\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"
            )));
            let book = format!("ppt/embeddings/Microsoft_Excel_Worksheet{number}.xlsx");
            let chart_rels = text(&format!("ppt/charts/_rels/chart{number}.xml.rels"));
            assert!(chart_rels.contains(&format!(
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" Target=\"../embeddings/Microsoft_Excel_Worksheet{number}.xlsx\"/>"
            )));
            let xml = files[&part].as_slice();
            assert!(text(&part).contains("<c:externalData r:id=\"rId1\">"));
            assert!(text(&part).contains("<a:ea typeface=\"Microsoft YaHei\"/>"));

            // The caches hold the categories, names and values.
            let n = chart.series.len();
            let cats = values_under(xml, "c:cat");
            assert_eq!(cats.len(), n);
            assert!(cats.iter().all(|c| *c == chart.categories), "{part}");
            let names: Vec<String> = values_under(xml, "c:tx").concat();
            let want: Vec<String> = chart.series.iter().map(|s| s.name.clone()).collect();
            assert_eq!(names, want);
            let vals = values_under(xml, "c:val");
            for (s, got) in chart.series.iter().zip(&vals) {
                let want: Vec<String> = s.values.iter().flatten().cloned().collect();
                assert_eq!(*got, want, "{part}: {}", s.name);
            }

            // The workbook opens and holds the same numbers where the
            // caches' formulas point.
            let cells = workbook_cells(&files[&book]);
            assert_eq!(cells["A1"], chart.title);
            for (r, c) in chart.categories.iter().enumerate() {
                assert_eq!(cells[&format!("A{}", r + 2)], *c);
            }
            for (k, s) in chart.series.iter().enumerate() {
                let col = char::from(b'B' + k as u8);
                assert_eq!(cells[&format!("{col}1")], s.name);
                assert!(text(&part).contains(&format!(
                    "<c:f>Sheet1!${col}$2:${col}${}</c:f>",
                    chart.categories.len() + 1
                )));
                for (r, v) in s.values.iter().enumerate() {
                    assert_eq!(cells.get(&format!("{col}{}", r + 2)), v.as_ref(), "{book}");
                }
            }
        }
    }
    assert_eq!(
        number, 4,
        "the sample's bars, budget split, pyramid and chart"
    );
}
