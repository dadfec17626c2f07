//! The OPC package: parts, their relationships, `[Content_Types].xml`
//! and the zip. PowerPoint refuses (or "repairs") a package with an
//! Override for a missing part or a relationship to nowhere, so parts and
//! relationships are only ever added together here and the content types
//! are derived from the parts actually written. The zip is reproducible:
//! fixed order (`[Content_Types].xml` first), fixed timestamps
//! (1980-01-01) and fixed permissions, so one deck gives one byte string.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::xml::Xml;

const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT_NS: &str = "http://schemas.openxmlformats.org/package/2006/content-types";

/// Relationship types (the officeDocument ones share a prefix).
pub mod rel {
    pub const OFFICE_DOCUMENT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    pub const CORE: &str =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    pub const APP: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
    pub const SLIDE_MASTER: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster";
    pub const SLIDE_LAYOUT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout";
    pub const SLIDE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide";
    pub const NOTES_MASTER: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster";
    pub const NOTES_SLIDE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide";
    pub const THEME: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
    pub const PRES_PROPS: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps";
    pub const VIEW_PROPS: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps";
    pub const TABLE_STYLES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles";
    pub const IMAGE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
    pub const CHART: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
    /// A chart's embedded workbook.
    pub const PACKAGE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package";
}

/// Content types of the parts (given as Overrides).
pub mod ct {
    const PML: &str = "application/vnd.openxmlformats-officedocument.presentationml.";
    pub fn pml(kind: &str) -> String {
        format!("{PML}{kind}+xml")
    }
    pub const THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
    pub const CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
    pub const APP: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
    pub const CHART: &str = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
}

/// Content types by extension: relationships, and media and embedded
/// workbooks (which carry no Override).
const DEFAULTS: &[(&str, &str)] = &[
    (
        "rels",
        "application/vnd.openxmlformats-package.relationships+xml",
    ),
    ("xml", "application/xml"),
    ("png", "image/png"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
];

/// One relationship of a part: `rId{n}` in the order added.
struct Rel {
    kind: &'static str,
    /// The target's part name (absolute, without the leading `/`).
    target: String,
}

struct Part {
    /// `ppt/slides/slide1.xml` (no leading `/`).
    name: String,
    /// `None`: covered by a Default (media).
    content_type: Option<String>,
    data: Vec<u8>,
    rels: Vec<Rel>,
}

/// A package being assembled.
#[derive(Default)]
pub struct Package {
    /// The package's own relationships (`_rels/.rels`).
    root_rels: Vec<Rel>,
    parts: Vec<Part>,
}

impl Package {
    /// Adds a part with its content type (an Override).
    pub fn add(&mut self, name: &str, content_type: &str, data: String) {
        self.parts.push(Part {
            name: name.to_string(),
            content_type: Some(content_type.to_string()),
            data: data.into_bytes(),
            rels: Vec::new(),
        });
    }

    /// Adds a media part, typed by its extension's Default.
    pub fn add_media(&mut self, name: &str, data: Vec<u8>) {
        debug_assert!(
            DEFAULTS
                .iter()
                .any(|(e, _)| name.ends_with(&format!(".{e}")))
        );
        self.parts.push(Part {
            name: name.to_string(),
            content_type: None,
            data,
            rels: Vec::new(),
        });
    }

    /// A relationship of the package itself; returns its id.
    pub fn relate_root(&mut self, kind: &'static str, target: &str) -> String {
        self.root_rels.push(Rel {
            kind,
            target: target.to_string(),
        });
        format!("rId{}", self.root_rels.len())
    }

    /// A relationship from part `from` to part `to` (both part names);
    /// returns its id (`rId1`, …, in the order added).
    pub fn relate(&mut self, from: &str, kind: &'static str, to: &str) -> String {
        let Some(part) = self.parts.iter_mut().find(|p| p.name == from) else {
            unreachable!("relationship from a part not added: {from}");
        };
        part.rels.push(Rel {
            kind,
            target: to.to_string(),
        });
        format!("rId{}", part.rels.len())
    }

    /// Replaces a part's bytes (for parts whose text depends on the ids of
    /// relationships added after them).
    pub fn set_data(&mut self, name: &str, data: String) {
        if let Some(p) = self.parts.iter_mut().find(|p| p.name == name) {
            p.data = data.into_bytes();
        }
    }

    fn content_types(&self) -> String {
        let mut x = Xml::new();
        x.open("Types", &[("xmlns", CT_NS)]);
        for (ext, ty) in DEFAULTS {
            x.empty("Default", &[("Extension", ext), ("ContentType", ty)]);
        }
        for p in &self.parts {
            if let Some(ty) = &p.content_type {
                x.empty(
                    "Override",
                    &[("PartName", &format!("/{}", p.name)), ("ContentType", ty)],
                );
            }
        }
        x.close();
        x.finish()
    }

    /// The zip, entries in a fixed order: content types, the package
    /// relationships, then each part followed by its relationships.
    pub fn finish(self) -> Vec<u8> {
        let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
        entries.push((
            "[Content_Types].xml".into(),
            self.content_types().into_bytes(),
        ));
        entries.push(("_rels/.rels".into(), rels_xml("", &self.root_rels)));
        for p in self.parts {
            let rels =
                (!p.rels.is_empty()).then(|| (rels_name(&p.name), rels_xml(&p.name, &p.rels)));
            entries.push((p.name, p.data));
            entries.extend(rels);
        }
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(6))
            .last_modified_time(DateTime::DEFAULT)
            .unix_permissions(0o644);
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            // Writing to memory cannot fail but for a bug in the zip crate.
            let written = zip
                .start_file(name.as_str(), options)
                .and_then(|()| zip.write_all(&data).map_err(Into::into));
            if let Err(e) = written {
                unreachable!("writing {name} to memory: {e}");
            }
        }
        match zip.finish() {
            Ok(c) => c.into_inner(),
            Err(e) => unreachable!("finishing a zip in memory: {e}"),
        }
    }
}

/// `ppt/slides/slide1.xml` → `ppt/slides/_rels/slide1.xml.rels`.
fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The target of a relationship from `from` to `to`, relative to `from`'s
/// folder (`../slideLayouts/slideLayout1.xml`).
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

fn rels_xml(from: &str, rels: &[Rel]) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_NS)]);
    for (i, r) in rels.iter().enumerate() {
        let target = if from.is_empty() {
            r.target.clone()
        } else {
            relative(from, &r.target)
        };
        x.empty(
            "Relationship",
            &[
                ("Id", &format!("rId{}", i + 1)),
                ("Type", r.kind),
                ("Target", &target),
            ],
        );
    }
    x.close();
    x.finish().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_targets() {
        assert_eq!(
            relative("ppt/slides/slide1.xml", "ppt/slideLayouts/slideLayout1.xml"),
            "../slideLayouts/slideLayout1.xml"
        );
        assert_eq!(
            relative("ppt/presentation.xml", "ppt/slides/slide1.xml"),
            "slides/slide1.xml"
        );
        assert_eq!(
            relative("ppt/slides/slide1.xml", "ppt/slides/slide2.xml"),
            "slide2.xml"
        );
        assert_eq!(
            relative("ppt/slides/slide1.xml", "ppt/media/logo.png"),
            "../media/logo.png"
        );
    }

    #[test]
    fn rels_parts_sit_beside_their_part() {
        assert_eq!(
            rels_name("ppt/slides/slide1.xml"),
            "ppt/slides/_rels/slide1.xml.rels"
        );
    }

    #[test]
    fn content_types_list_exactly_the_parts() {
        let mut p = Package::default();
        p.add("ppt/a.xml", "x/y", "<a/>".into());
        p.add_media("ppt/media/l.png", vec![1]);
        let ct = p.content_types();
        assert!(ct.contains("PartName=\"/ppt/a.xml\""));
        assert!(!ct.contains("/ppt/media/l.png"));
        assert_eq!(ct.matches("<Override").count(), 1);
    }
}
