//! Moving through a plan by its ids: go to definition, find references,
//! rename (every file that mentions the id, refused when the new name is
//! not an id or is taken), and the outline of a file (its campaigns with
//! their tasks, people, channels, columns, moments, …). All of it reads the
//! index of `symbols.rs` over the files of the plans the document belongs
//! to, as they are now (open documents unsaved).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{DocumentSymbol, Location, Range, SymbolKind, TextEdit, Uri, WorkspaceEdit};

use super::symbols::{Index, Occurrence, Symbol, is_id};
use super::text::{Encoding, LineIndex, path_to_uri};

/// The texts of a set of files as the server sees them now, with the
/// index of their ids.
pub struct Files {
    texts: BTreeMap<PathBuf, String>,
    uris: BTreeMap<PathBuf, Uri>,
    pub index: Index,
    enc: Encoding,
}

impl Files {
    /// `files`: path, text and the URI the editor knows it by (if open).
    pub fn new(files: Vec<(PathBuf, String, Option<Uri>)>, enc: Encoding) -> Files {
        let mut texts = BTreeMap::new();
        let mut uris = BTreeMap::new();
        for (path, text, uri) in files {
            if let Some(uri) = uri.or_else(|| path_to_uri(&path)) {
                uris.insert(path.clone(), uri);
            }
            texts.insert(path, text);
        }
        let index = Index::build(texts.iter().map(|(p, t)| (p.as_path(), t.as_str())));
        Files {
            texts,
            uris,
            index,
            enc,
        }
    }

    pub fn text(&self, path: &Path) -> Option<&str> {
        self.texts.get(path).map(String::as_str)
    }

    fn range(&self, path: &Path, span: std::ops::Range<usize>) -> Option<Range> {
        let text = self.text(path)?;
        Some(LineIndex::new(text).range(text, span, self.enc))
    }

    fn location(&self, o: &Occurrence) -> Option<Location> {
        Some(Location {
            uri: self.uris.get(&o.file)?.clone(),
            range: self.range(&o.file, o.span.clone())?,
        })
    }

    /// The symbol at `offset` of `path`.
    pub fn symbol_at(&self, path: &Path, offset: usize) -> Option<&Symbol> {
        self.index.at(path, offset)
    }

    pub fn definition(&self, sym: &Symbol) -> Option<Location> {
        self.location(self.index.definition(sym)?)
    }

    pub fn references(&self, sym: &Symbol, with_declaration: bool) -> Vec<Location> {
        self.index
            .occurrences(sym)
            .filter(|o| with_declaration || !o.declaration)
            .filter_map(|o| self.location(o))
            .collect()
    }

    /// The range of the id at `offset`, if it may be renamed.
    pub fn rename_range(&self, path: &Path, offset: usize) -> Option<Range> {
        let sym = self.symbol_at(path, offset)?;
        let o = self
            .index
            .occurrences(sym)
            .find(|o| o.file == path && o.span.start <= offset && offset <= o.span.end)?;
        self.range(path, o.span.clone())
    }

    /// Every edit that renames `sym` to `new`; `Err` says why not.
    #[allow(
        clippy::mutable_key_type,
        reason = "lsp-types keys the edits by Uri, whose hash is its text"
    )]
    pub fn rename(&self, sym: &Symbol, new: &str) -> Result<WorkspaceEdit, String> {
        if !is_id(new) {
            return Err(format!(
                "`{new}` is not an id: use letters, digits and `_`, not starting with a digit"
            ));
        }
        // A budget line is named by its path; the new name replaces its last
        // key.
        let full = match sym.name.rsplit_once('.') {
            Some((parent, _)) if sym.section == "budget" => format!("{parent}.{new}"),
            _ => new.to_string(),
        };
        if full != sym.name
            && self
                .index
                .declared(sym.section, sym.scope.as_deref())
                .any(|s| s.name == full)
        {
            return Err(format!("`{new}` is already taken in `{}`", sym.section));
        }
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for o in self.index.occurrences(sym) {
            let (Some(uri), Some(range)) =
                (self.uris.get(&o.file), self.range(&o.file, o.span.clone()))
            else {
                continue;
            };
            // As a key, a name that is not a bare key needs quotes.
            let text = self.text(&o.file).unwrap_or_default();
            let quoted = o.span.start > 0 && text.as_bytes()[o.span.start - 1] == b'"';
            let bare = new
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            let new_text = if o.as_key && !bare && !quoted {
                format!("\"{new}\"")
            } else {
                new.to_string()
            };
            changes
                .entry(uri.clone())
                .or_default()
                .push(TextEdit { range, new_text });
        }
        for edits in changes.values_mut() {
            edits.sort_by_key(|e| (e.range.start.line, e.range.start.character));
        }
        Ok(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        })
    }

    /// The outline of `path`: the ids it declares, tasks under their
    /// campaign.
    pub fn outline(&self, path: &Path) -> Vec<DocumentSymbol> {
        let Some(text) = self.text(path) else {
            return Vec::new();
        };
        let headers: Vec<usize> = header_starts(text);
        // A declaration's table runs to the next header.
        let extent = |start: usize| {
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let end = headers
                .iter()
                .copied()
                .find(|&h| h > line_start)
                .unwrap_or(text.len());
            line_start..text[..end].trim_end().len().max(start)
        };
        let mut nodes: Vec<(Symbol, DocumentSymbol)> = Vec::new();
        for (sym, o) in &self.index.entries {
            if o.file != path || !o.declaration {
                continue;
            }
            let (Some(range), Some(selection_range)) = (
                self.range(path, extent(o.span.start)),
                self.range(path, o.span.clone()),
            ) else {
                continue;
            };
            #[allow(deprecated, reason = "the field must be written; it is not set")]
            let ds = DocumentSymbol {
                name: sym.name.rsplit('.').next().unwrap_or(&sym.name).to_string(),
                detail: Some(
                    sym.section
                        .replace("<id>.", "")
                        .replace("campaigns.tasks", "task"),
                ),
                kind: symbol_kind(sym.section),
                tags: None,
                deprecated: None,
                range,
                selection_range,
                children: None,
            };
            nodes.push((sym.clone(), ds));
        }
        // Tasks go under their campaign, sub-lines under their line: the
        // deepest first, so each is whole when it moves.
        let mut order: Vec<usize> = (0..nodes.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(depth(&nodes[i].0)));
        let mut moved = vec![false; nodes.len()];
        for i in order {
            let Some(parent) = parent_of(&nodes[i].0) else {
                continue;
            };
            if let Some(j) = nodes.iter().position(|(s, _)| *s == parent) {
                let child = nodes[i].1.clone();
                nodes[j].1.children.get_or_insert_with(Vec::new).push(child);
                moved[i] = true;
            }
        }
        nodes
            .into_iter()
            .zip(moved)
            .filter(|(_, m)| !m)
            .map(|((_, d), _)| d)
            .collect()
    }
}

/// What a symbol is nested under in the outline: a task under its
/// campaign, a budget line under its parent line.
fn parent_of(sym: &Symbol) -> Option<Symbol> {
    let (section, name) = match (sym.section, &sym.scope) {
        ("campaigns.<id>.tasks", Some(campaign)) => ("campaigns", campaign.clone()),
        ("budget", None) => ("budget", sym.name.rsplit_once('.')?.0.to_string()),
        _ => return None,
    };
    Some(Symbol {
        section,
        scope: None,
        name,
    })
}

fn depth(sym: &Symbol) -> usize {
    parent_of(sym).map_or(0, |p| 1 + depth(&p))
}

fn symbol_kind(section: &str) -> SymbolKind {
    match section {
        "campaigns" => SymbolKind::EVENT,
        "campaigns.<id>.tasks" => SymbolKind::METHOD,
        "people" => SymbolKind::CONSTANT,
        "channels" => SymbolKind::INTERFACE,
        "columns" => SymbolKind::CLASS,
        "moments" | "holidays" | "blackouts" => SymbolKind::KEY,
        "kpis" | "assertions" => SymbolKind::PROPERTY,
        "budget" => SymbolKind::NUMBER,
        _ => SymbolKind::OBJECT,
    }
}

/// Byte offsets of the lines that start a `[header]`.
fn header_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            out.push(offset);
        }
        offset += line.len();
    }
    out
}
