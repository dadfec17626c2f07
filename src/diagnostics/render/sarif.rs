//! SARIF 2.1.0 (OASIS, errata 01): the interchange format code-scanning
//! tools read (GitHub code scanning, editors' SARIF viewers). One run whose
//! driver lists every registered rule; one result per diagnostic, with the
//! primary location, the secondary labels as related locations, and a stable
//! fingerprint so a scanner can follow a problem across commits.
//!
//! Regions are 1-based lines and character (code point) columns, the end
//! exclusive, as `columnKind: "unicodeCodePoints"` declares. No character
//! or byte offsets are given: spans are counted after a byte-order mark,
//! which the artifact itself may still start with. Output is deterministic:
//! structs serialize in declaration order, and nothing depends on a hash
//! map or the clock.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::diagnostics::codes::ALL as RULES;
use crate::diagnostics::codes::Rule;
use crate::diagnostics::{Diagnostic, Label, Lang, Severity, help_word};
use crate::locale::Locale;
use crate::source::SourceMap;

use super::slash_path;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of [`partial_fingerprint`] in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "almanacLineHash/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
    /// The language of the messages and the rules' descriptions.
    language: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Properties {
    tags: [&'static str; 1],
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<MessageRef<'a>>,
}

#[derive(Serialize)]
struct MessageRef<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn descriptor(r: &Rule, locale: Locale) -> Descriptor {
    Descriptor {
        id: r.code,
        name: r.name,
        short_description: Text {
            text: r.summary_in(locale).to_string(),
        },
        full_description: Text {
            text: r.explanation(locale).trim_end().to_string(),
        },
        default_configuration: Configuration {
            level: level(r.default_severity),
        },
        properties: Properties {
            tags: [r.family.as_str()],
        },
    }
}

fn location<'a>(
    l: &'a Label,
    sources: &SourceMap,
    id: Option<usize>,
    locale: Locale,
) -> Location<'a> {
    let f = sources.get(l.span.file);
    let s = f.position(l.span.start as usize);
    let e = f.position(l.span.end as usize);
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri(&f.path) },
            region: Region {
                start_line: s.line,
                start_column: s.column,
                end_line: e.line,
                end_column: e.column,
            },
        },
        message: (!l.text.is_empty()).then_some(MessageRef {
            text: l.text.get(locale),
        }),
    }
}

/// SARIF has one language per run: the run's (see [`Lang::of_run`]).
pub fn render_sarif(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let diags = &*super::shown(diags);
    let l = lang.of_run(diags.iter().map(|d| d.locale));
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    let results = diags
        .iter()
        .map(|d| {
            let hash = line_hash(d, sources);
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            let mut text = d.message.get(l).to_string();
            for h in &d.help {
                text.push('\n');
                text.push_str(help_word(l));
                text.push_str(h.get(l));
            }
            SarifResult {
                rule_id: d.rule.code,
                rule_index: RULES.iter().position(|r| r.code == d.rule.code),
                level: level(d.severity),
                message: Text { text },
                locations: vec![location(&d.primary, sources, None, l)],
                related_locations: d
                    .secondary
                    .iter()
                    .enumerate()
                    .map(|(i, x)| location(x, sources, Some(i), l))
                    .collect(),
                partial_fingerprints: BTreeMap::from([(
                    FINGERPRINT_KEY,
                    format!("{hash:016x}:{n}"),
                )]),
            }
        })
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "almanac",
                    version,
                    semantic_version: version,
                    rules: RULES.iter().map(|r| descriptor(r, l)).collect(),
                },
            },
            results,
            column_kind: "unicodeCodePoints",
            language: match l {
                Locale::ZhCn => "zh-CN",
                Locale::En => "en-US",
            },
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

/// FNV-1a (64 bit) of the rule's code, the file's path and the trimmed text
/// of the primary line: stable while lines move, changed when the line is
/// edited. `render_sarif` appends which occurrence of the hash it is.
fn line_hash(d: &Diagnostic, sources: &SourceMap) -> u64 {
    let f = sources.get(d.primary.span.file);
    let line = f.position(d.primary.span.start as usize).line - 1;
    let mut h = Fnv::default();
    h.write(d.rule.code.as_bytes());
    h.write(&[0]);
    h.write(slash_path(&f.path).as_bytes());
    h.write(&[0]);
    h.write(f.line_text(line).trim().as_bytes());
    h.0
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A path as a URI reference: relative paths stay relative (with `/`),
/// absolute ones become `file:` URIs; anything but unreserved characters
/// and `/` is percent-encoded.
fn uri(path: &Path) -> String {
    let p = slash_path(path);
    let mut out = String::new();
    if path.is_absolute() {
        out.push_str(if p.starts_with('/') {
            "file://"
        } else {
            "file:///"
        });
    }
    for b in p.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char);
            }
            b':' if cfg!(windows) && path.is_absolute() => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_1a_matches_the_reference_values() {
        let mut h = Fnv::default();
        h.write(b"");
        assert_eq!(h.0, 0xcbf2_9ce4_8422_2325);
        let mut h = Fnv::default();
        h.write(b"a");
        assert_eq!(h.0, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri(Path::new("plans/2027 计划.toml")),
            "plans/2027%20%E8%AE%A1%E5%88%92.toml"
        );
        if cfg!(unix) {
            assert_eq!(uri(Path::new("/tmp/p.toml")), "file:///tmp/p.toml");
        }
    }
}
