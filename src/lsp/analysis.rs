//! What the server knows of each plan: the files it read, the diagnostics
//! of its last check by file, and the last check that resolved it (for
//! hover while a document is half typed). A plan is checked with `check`
//! itself, through the open documents, so the editor shows exactly what
//! the command line would.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString,
};

use crate::check::{Checked, Options, check_with};
use crate::diagnostics::{Diagnostic, Lang, Severity, help_word};
use crate::locale::Locale;
use crate::source::SourceMap;
use crate::world::World;

use super::text::{Encoding, LineIndex, path_to_uri};

/// The state of one plan (or of a fragment checked on its own, when no
/// plan is known to include it).
#[derive(Default)]
pub struct PlanState {
    /// Every file its last check read.
    pub files: BTreeSet<PathBuf>,
    /// Its last check's diagnostics, by file.
    pub diagnostics: BTreeMap<PathBuf, Vec<LspDiagnostic>>,
    /// The last check that produced a plan.
    pub good: Option<Checked>,
}

/// Checks the plan at `path` through `world` and returns its new state
/// (keeping `old`'s last good check if this one resolved no plan).
pub fn check_plan(
    world: &dyn World,
    path: &Path,
    old: Option<PlanState>,
    enc: Encoding,
    rule_links: &str,
    lang: Lang,
) -> PlanState {
    let mut state = PlanState {
        good: old.and_then(|o| o.good),
        ..PlanState::default()
    };
    let checked = match check_with(world, &[path.to_path_buf()], &Options::default()) {
        Ok(c) => c,
        Err(e) => {
            // The file cannot be read at all: say so at its start.
            state.files.insert(path.to_path_buf());
            state.diagnostics.insert(
                path.to_path_buf(),
                vec![LspDiagnostic {
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("almanac".into()),
                    message: e.to_string(),
                    ..LspDiagnostic::default()
                }],
            );
            return state;
        }
    };
    let mut indexes: BTreeMap<u32, LineIndex> = BTreeMap::new();
    for d in &checked.diagnostics {
        let file = checked.sources.get(d.primary.span.file);
        let lsp = to_lsp(
            d,
            &checked.sources,
            &mut indexes,
            enc,
            rule_links,
            lang.of(d),
        );
        state
            .diagnostics
            .entry(file.path.clone())
            .or_default()
            .push(lsp);
    }
    state.files = files_of(&checked.sources);
    if !checked.plans.is_empty() {
        state.good = Some(checked);
    }
    state
}

/// The paths of every file in `sources`.
fn files_of(sources: &SourceMap) -> BTreeSet<PathBuf> {
    sources.iter().map(|(_, f)| f.path.clone()).collect()
}

/// A diagnostic as the protocol carries it: the same code and message as
/// `check`, its help lines after the message, its other labels as related
/// information, its code linking to the rule's explanation (`rule_links`
/// with `{code}` replaced).
fn to_lsp(
    d: &Diagnostic,
    sources: &SourceMap,
    indexes: &mut BTreeMap<u32, LineIndex>,
    enc: Encoding,
    rule_links: &str,
    locale: Locale,
) -> LspDiagnostic {
    let mut range = |span: crate::source::Span| {
        let file = sources.get(span.file);
        let index = indexes
            .entry(span.file.0)
            .or_insert_with(|| LineIndex::new(&file.text));
        index.range(&file.text, span.range(), enc)
    };
    let mut message = d.message.get(locale).to_string();
    let label = d.primary.text.get(locale);
    if !label.is_empty() {
        message.push_str(&match locale {
            Locale::ZhCn => format!("（{label}）"),
            Locale::En => format!(" ({label})"),
        });
    }
    for h in &d.help {
        message.push_str(&format!("\n{}{}", help_word(locale), h.get(locale)));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|l| {
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: path_to_uri(&sources.get(l.span.file).path)?,
                    range: range(l.span),
                },
                message: l.text.get(locale).to_string(),
            })
        })
        .collect();
    // Fixes travel with the diagnostic; a code action hands them back.
    let fixes: Vec<serde_json::Value> = d
        .fixes
        .iter()
        .filter_map(|f| {
            let uri = path_to_uri(&sources.get(f.span.file).path)?;
            Some(
                serde_json::json!({"uri": uri.as_str(), "range": range(f.span), "newText": f.text}),
            )
        })
        .collect();
    LspDiagnostic {
        data: (!fixes.is_empty()).then(|| serde_json::json!({ "fixes": fixes })),
        range: range(d.primary.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.code.to_string())),
        code_description: rule_links
            .replace("{code}", d.rule.code)
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("almanac".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..LspDiagnostic::default()
    }
}
