//! The machine format: a versioned JSON document. Positions are given both
//! as byte offsets and as 1-based line and character (code point) columns, as
//! product.md decides; the shape is documented in `docs/diagnostics.md`.

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Label, Lang, Severity};
use crate::locale::Locale;
use crate::source::SourceMap;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    /// The language of `message`, the labels' `text` and `help`.
    locale: &'static str,
    message: &'a str,
    file: String,
    primary: JsonLabel<'a>,
    secondary: Vec<JsonLabel<'a>>,
    help: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: String,
    start: u32,
    end: u32,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
}

fn label<'a>(l: &'a Label, sources: &SourceMap, locale: Locale) -> JsonLabel<'a> {
    let f = sources.get(l.span.file);
    let s = f.position(l.span.start as usize);
    let e = f.position(l.span.end as usize);
    JsonLabel {
        file: f.path.display().to_string(),
        start: l.span.start,
        end: l.span.end,
        line: s.line,
        column: s.column,
        end_line: e.line,
        end_column: e.column,
        text: l.text.get(locale),
    }
}

pub fn render_json(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let diags = &*super::shown(diags);
    let doc = Document {
        version: 1,
        diagnostics: diags
            .iter()
            .map(|d| {
                let l = lang.of(d);
                JsonDiagnostic {
                    code: d.rule.code,
                    rule: d.rule.name,
                    severity: d.severity.as_str(),
                    locale: crate::locale::words(l).locale,
                    message: d.message.get(l),
                    file: sources.get(d.primary.span.file).path.display().to_string(),
                    primary: label(&d.primary, sources, l),
                    secondary: d.secondary.iter().map(|x| label(x, sources, l)).collect(),
                    help: d.help.iter().map(|h| h.get(l)).collect(),
                }
            })
            .collect(),
        summary: Summary {
            errors: diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count(),
            warnings: diags
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count(),
        },
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
