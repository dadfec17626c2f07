//! `almanac lsp`: the plan's meaning in the editor. A language server over
//! stdio on `lsp-server` (rust-analyzer's synchronous scaffolding: no async
//! runtime, one loop reading messages in order). Each change to an open
//! document re-checks, from the unsaved text, the plans it belongs to — the
//! plan itself, or the plans that include a fragment — with `check` itself,
//! and publishes the diagnostics of every file those plans read. Requests
//! read the last results or the documents as they are now. One file per
//! concern: `text.rs` (positions and URIs), `documents.rs` (open documents
//! over the file system), `analysis.rs` (a plan's check and its
//! diagnostics), `hover.rs`, `symbols.rs` (where ids are declared and
//! used), `navigate.rs` (definition, references, rename, outline),
//! `complete.rs`, `formatting.rs`, `tokens.rs` (semantic tokens inside
//! expression strings).

mod analysis;
mod complete;
mod documents;
mod formatting;
mod hover;
mod navigate;
mod symbols;
mod text;
mod tokens;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    InlayHintRequest, PrepareRenameRequest, RangeFormatting, References, Rename, Request as _,
    SemanticTokensFullRequest,
};
use lsp_types::{
    CompletionOptions, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, LogMessageParams, MarkupContent, MarkupKind, MessageType, OneOf,
    PositionEncodingKind, PublishDiagnosticsParams, RenameOptions, ServerCapabilities, ServerInfo,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, WorkDoneProgressOptions,
};

use crate::diagnostics::Lang;
use crate::world::World;
use analysis::PlanState;
use documents::{Doc, Documents, Overlay};
use text::{Encoding, LineIndex, path_to_uri, uri_to_path};

/// The request that answers a rule code with `almanac explain` in Markdown,
/// for the editor to show where a diagnostic's code links.
const EXPLAIN: &str = "almanac/explain";

/// Where diagnostics' codes link by default: a URI the VS Code extension
/// opens with the `almanac/explain` request.
const EXPLAIN_LINKS: &str = "almanac-explain:{code}";

#[derive(serde::Deserialize)]
struct ExplainParams {
    code: String,
}

/// Why the server stopped other than by `shutdown` and `exit`.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("the connection to the editor closed: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves the editor on stdin and stdout until it asks the server to exit.
pub fn run_stdio(world: &dyn World) -> Result<(), LspError> {
    let (connection, io) = Connection::stdio();
    serve(world, &connection)?;
    drop(connection);
    io.join()?;
    Ok(())
}

/// Serves one connection: the handshake, then messages until `exit`.
pub fn serve(world: &dyn World, connection: &Connection) -> Result<(), LspError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding = choose_encoding(&params);
    // `initializationOptions: { "inlayHints": false }` turns the hints off.
    let inlay_hints = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("inlayHints"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(true);
    // `initializationOptions: { "ruleLinks": "https://…/rules.md#{code}" }`
    // sends a diagnostic's code somewhere else.
    let rule_links = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("ruleLinks"))
        .and_then(serde_json::Value::as_str)
        .unwrap_or(EXPLAIN_LINKS)
        .to_string();
    // `initializationOptions: { "lang": "en" }` fixes the language of
    // messages; by default each plan's `locale`, else the environment's.
    let lang = Lang::new(
        world,
        (params.initialization_options.as_ref())
            .and_then(|o| o.get("lang"))
            .and_then(serde_json::Value::as_str)
            .and_then(crate::locale::parse),
    );
    let capabilities = ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(
            lsp_types::SemanticTokensServerCapabilities::SemanticTokensOptions(
                lsp_types::SemanticTokensOptions {
                    legend: tokens::legend(),
                    full: Some(lsp_types::SemanticTokensFullOptions::Bool(true)),
                    ..lsp_types::SemanticTokensOptions::default()
                },
            ),
        ),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "[".into(), ".".into()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    let result = lsp_types::InitializeResult {
        capabilities,
        server_info: Some(ServerInfo {
            name: "almanac".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result).unwrap_or_default())?;
    let mut server = Server {
        world,
        encoding,
        inlay_hints,
        rule_links,
        lang,
        connection,
        docs: Documents::default(),
        plans: BTreeMap::new(),
    };
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(());
                }
                server.request(req);
            }
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// UTF-8 columns when the client offers them (no conversion), else UTF-16,
/// which every client understands.
fn choose_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

struct Server<'w> {
    world: &'w dyn World,
    encoding: Encoding,
    inlay_hints: bool,
    /// Where a diagnostic's code links, `{code}` standing for the code.
    rule_links: String,
    /// The language of messages.
    lang: Lang,
    connection: &'w Connection,
    docs: Documents,
    /// Every plan (or lone fragment) checked so far, by path.
    plans: BTreeMap<PathBuf, PlanState>,
}

impl Server<'_> {
    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let response = match req.method.as_str() {
            HoverRequest::METHOD => self.answer(req, |s, p: HoverParams| Ok(s.hover(&p))),
            GotoDefinition::METHOD => self.answer(req, |s, p: lsp_types::GotoDefinitionParams| {
                let at = &p.text_document_position_params;
                Ok(s.files_at(at).and_then(|(files, path, offset)| {
                    let sym = files.symbol_at(&path, offset)?;
                    files
                        .definition(sym)
                        .map(lsp_types::GotoDefinitionResponse::Scalar)
                }))
            }),
            References::METHOD => self.answer(req, |s, p: lsp_types::ReferenceParams| {
                let at = &p.text_document_position;
                Ok(s.files_at(at).and_then(|(files, path, offset)| {
                    let sym = files.symbol_at(&path, offset)?;
                    Some(files.references(sym, p.context.include_declaration))
                }))
            }),
            PrepareRenameRequest::METHOD => self.answer(req, |s, p: TextDocumentPositionParams| {
                Ok(s.files_at(&p).and_then(|(files, path, offset)| {
                    files
                        .rename_range(&path, offset)
                        .map(lsp_types::PrepareRenameResponse::Range)
                }))
            }),
            Rename::METHOD => self.answer(req, |s, p: lsp_types::RenameParams| {
                let Some((files, path, offset)) = s.files_at(&p.text_document_position) else {
                    return Ok(None);
                };
                let Some(sym) = files.symbol_at(&path, offset) else {
                    return Err("there is no id here to rename".to_string());
                };
                files.rename(sym, &p.new_name).map(Some)
            }),
            DocumentSymbolRequest::METHOD => {
                self.answer(req, |s, p: lsp_types::DocumentSymbolParams| {
                    let path = uri_to_path(&p.text_document.uri).filter(|p| s.is_ours(p));
                    Ok(path.map(|path| {
                        let files = s.files_of(&path);
                        lsp_types::DocumentSymbolResponse::Nested(files.outline(&path))
                    }))
                })
            }
            Formatting::METHOD => self.answer(req, |s, p: lsp_types::DocumentFormattingParams| {
                Ok(s.format(&p.text_document.uri, None))
            }),
            RangeFormatting::METHOD => {
                self.answer(req, |s, p: lsp_types::DocumentRangeFormattingParams| {
                    Ok(s.format(&p.text_document.uri, Some(p.range)))
                })
            }
            SemanticTokensFullRequest::METHOD => {
                self.answer(req, |s, p: lsp_types::SemanticTokensParams| {
                    let doc = uri_to_path(&p.text_document.uri)
                        .filter(|p| s.is_ours(p))
                        .and_then(|p| s.docs.get(&p));
                    Ok(doc.map(|d| {
                        lsp_types::SemanticTokensResult::Tokens(lsp_types::SemanticTokens {
                            result_id: None,
                            data: tokens::tokens(&d.text, s.encoding),
                        })
                    }))
                })
            }
            InlayHintRequest::METHOD => self.answer(req, |s, p: lsp_types::InlayHintParams| {
                Ok(s.inlay_hints(&p.text_document.uri, p.range))
            }),
            CodeActionRequest::METHOD => self.answer(req, |_, p: lsp_types::CodeActionParams| {
                Ok(Some(code_actions(&p)))
            }),
            Completion::METHOD => self.answer(req, |s, p: lsp_types::CompletionParams| {
                Ok(s.complete(&p.text_document_position))
            }),
            // What a rule code's link (`almanac-explain:R001`) opens.
            EXPLAIN => self.answer(req, |s, p: ExplainParams| {
                Ok(hover::rule_doc(&p.code, s.lang.of_run([]))
                    .map(|markdown| serde_json::json!({ "markdown": markdown })))
            }),
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("almanac does not answer `{}`", req.method),
            ),
        };
        self.send(response.into());
    }

    /// Reads a request's parameters, runs `f` (guarded against panics) and
    /// makes the response: its result, `null`, or an error it gives.
    fn answer<P, R>(
        &mut self,
        req: Request,
        f: impl FnOnce(&mut Self, P) -> Result<Option<R>, String>,
    ) -> Response
    where
        P: serde::de::DeserializeOwned,
        R: serde::Serialize,
    {
        let id = req.id.clone();
        let method = req.method.clone();
        let params = match req.extract::<P>(&method) {
            Ok((_, p)) => p,
            Err(e) => return invalid(id, &format!("{e:?}")),
        };
        match self.guarded(&method, |s| f(s, params)) {
            Some(Ok(result)) => Response::new_ok(id, result),
            Some(Err(why)) => Response::new_err(id, ErrorCode::RequestFailed as i32, why),
            None => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("almanac: internal error in {method}"),
            ),
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    let doc = Doc {
                        uri: p.text_document.uri,
                        text: p.text_document.text,
                        version: p.text_document.version,
                    };
                    self.docs.open(path.clone(), doc);
                    self.recheck(&path);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) && let Some(path) = uri_to_path(&p.text_document.uri)
                    && let Some(doc) = self.docs.get_mut(&path)
                {
                    for change in p.content_changes {
                        match change.range {
                            Some(range) => {
                                text::apply_change(
                                    &mut doc.text,
                                    range,
                                    &change.text,
                                    self.encoding,
                                );
                            }
                            None => doc.text = change.text,
                        }
                    }
                    doc.version = p.text_document.version;
                    self.recheck(&path);
                }
            }
            // A plan or fragment changed on disk (a checkout, another
            // editor): what is not open is read again.
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = n.extract::<lsp_types::DidChangeWatchedFilesParams>(
                    DidChangeWatchedFiles::METHOD,
                ) {
                    for change in p.changes {
                        if let Some(path) = uri_to_path(&change.uri)
                            && self.docs.get(&path).is_none()
                            && self.is_ours(&path)
                        {
                            self.recheck(&path);
                        }
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    // What is on disk counts again.
                    self.docs.close(&path);
                    self.recheck(&path);
                }
            }
            _ => {}
        }
    }

    /// Runs `f`, turning a panic into a message in the editor's log: a bug
    /// in one request must not end the session.
    fn guarded<R>(&mut self, what: &str, f: impl FnOnce(&mut Self) -> R) -> Option<R> {
        match catch_unwind(AssertUnwindSafe(|| f(self))) {
            Ok(r) => Some(r),
            Err(_) => {
                self.log(&format!(
                    "almanac: internal error in {what}; please report it"
                ));
                None
            }
        }
    }

    /// Re-checks what the document at `path` belongs to, and publishes.
    fn recheck(&mut self, path: &Path) {
        let mut touched = BTreeSet::from([path.to_path_buf()]);
        let mut targets = self.targets(path);
        if targets.is_empty() {
            // A fragment no known plan includes: look for its plans in the
            // project; if none includes it either, it is checked alone.
            let found = self.project_plans(path);
            self.check_all(found, &mut touched);
            targets = self.includers(path);
            if !targets.is_empty() {
                targets.clear();
            } else if self.declares_plan_schema(path) {
                targets.push(path.to_path_buf());
            }
            // Any other TOML file (an editor may send every one) is not
            // almanac's: it gets no diagnostics.
        }
        if targets.iter().all(|t| t != path)
            && let Some(alone) = self.plans.remove(path)
        {
            touched.extend(alone.files);
        }
        self.check_all(targets, &mut touched);
        self.publish(&touched);
    }

    /// Whether `path` is a plan or a file a plan read: the only files the
    /// server answers for (an editor may send any TOML file).
    fn is_ours(&self, path: &Path) -> bool {
        self.plans.contains_key(path) || self.plans.values().any(|s| s.files.contains(path))
    }

    /// Whether the document says it is a plan file though no plan includes
    /// it: a first line `#:schema …plan.schema.json`.
    fn declares_plan_schema(&self, path: &Path) -> bool {
        self.docs.get(path).is_some_and(|d| {
            d.text
                .lines()
                .next()
                .is_some_and(|l| l.starts_with("#:schema") && l.contains("plan.schema.json"))
        })
    }

    /// The plans to re-check when `path` changes: itself if it is a plan,
    /// else the known plans that include it (none: not known yet).
    fn targets(&self, path: &Path) -> Vec<PathBuf> {
        let text = self.docs.get(path).map(|d| d.text.as_str());
        let is_plan = match text.map(crate::syntax::tree::parse) {
            Some(Ok(t)) => t.get("plan").is_some(),
            // Half typed (or closed): a plan if it was one, or if it still
            // has a `[plan]` line or the plan schema's first line.
            Some(Err(_)) | None => {
                self.plans.contains_key(path)
                    || text.is_some_and(|t| t.lines().any(|l| l.trim() == "[plan]"))
                    || self.declares_plan_schema(path)
            }
        };
        if is_plan {
            return vec![path.to_path_buf()];
        }
        self.includers(path)
    }

    fn includers(&self, path: &Path) -> Vec<PathBuf> {
        self.plans
            .iter()
            .filter(|(p, s)| p.as_path() != path && s.files.contains(path))
            .map(|(p, _)| p.clone())
            .collect()
    }

    /// The plans of `path`'s project not checked yet (files with a
    /// `[plan]` table below the project root).
    fn project_plans(&self, path: &Path) -> Vec<PathBuf> {
        let overlay = Overlay {
            base: self.world,
            files: &self.docs,
        };
        let Ok(root) = crate::project::root_of(&overlay, path, None) else {
            return Vec::new();
        };
        let mut files = Vec::new();
        if crate::check::toml_files_below(&overlay, &root, &mut BTreeSet::new(), &mut files)
            .is_err()
        {
            return Vec::new();
        }
        files
            .into_iter()
            .filter(|f| f != path && !self.plans.contains_key(f))
            .filter(|f| {
                overlay
                    .read(f)
                    .is_ok_and(|b| crate::syntax::toml::is_plan(&b))
            })
            .collect()
    }

    fn check_all(&mut self, targets: Vec<PathBuf>, touched: &mut BTreeSet<PathBuf>) {
        for target in targets {
            let old = self.plans.remove(&target);
            if let Some(o) = &old {
                touched.extend(o.files.iter().cloned());
            }
            let state = self.guarded("check", |s| {
                let overlay = Overlay {
                    base: s.world,
                    files: &s.docs,
                };
                analysis::check_plan(&overlay, &target, old, s.encoding, &s.rule_links, s.lang)
            });
            if let Some(state) = state {
                touched.extend(state.files.iter().cloned());
                self.plans.insert(target, state);
            }
        }
    }

    /// Publishes the diagnostics of each of `files`: those of every plan
    /// that read it (a fragment included twice reports once).
    fn publish(&self, files: &BTreeSet<PathBuf>) {
        for file in files {
            let mut diagnostics = Vec::new();
            for state in self.plans.values() {
                for d in state.diagnostics.get(file).into_iter().flatten() {
                    if !diagnostics.contains(d) {
                        diagnostics.push(d.clone());
                    }
                }
            }
            let doc = self.docs.get(file);
            let Some(uri) = doc.map(|d| d.uri.clone()).or_else(|| path_to_uri(file)) else {
                continue;
            };
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: doc.map(|d| d.version),
            };
            self.send(Notification::new(PublishDiagnostics::METHOD.into(), params).into());
        }
    }

    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let path = uri_to_path(&at.text_document.uri)?;
        let doc = self.docs.get(&path).filter(|_| self.is_ours(&path))?;
        let index = LineIndex::new(&doc.text);
        let offset = index.offset(&doc.text, at.position, self.encoding);
        let good = self.good_for(&path);
        // The text of the last good check of this file, and whether the
        // cursor is before the first change since: there its spans hold.
        let good_text = good.and_then(|c| {
            let f = c.sources.find(&path)?;
            Some(c.sources.get(f).text.as_str())
        });
        let stable = good_text.is_some_and(|g| offset < common_prefix(g, &doc.text));
        // Half typed, the document may not parse; before the change, the
        // last good text says what is under the cursor.
        let leaf = hover::leaf_at(&doc.text, offset).or_else(|| {
            stable
                .then(|| good_text.and_then(|g| hover::leaf_at(g, offset)))
                .flatten()
        });
        // The rules of the diagnostics under the cursor, explained.
        let explained = self.explain_at(&path, at.position);
        let Some(leaf) = leaf else {
            let (range, value) = explained?;
            return Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                }),
                range: Some(range),
            });
        };
        let today = self.world.today();
        let (span, value) = match &leaf.value {
            None => {
                let name = leaf.path.last()?;
                let doc = match (leaf.path.first().map(String::as_str), leaf.path.len()) {
                    // A rule's code or name in `[rules]`: its explanation.
                    (Some("rules"), 2) => hover::rule_doc(name, self.lang.of_run([])),
                    _ => hover::key_at(&leaf.path).map(|k| hover::key_doc(name, k)),
                };
                (leaf.key.clone(), doc)
            }
            Some((span, text)) => {
                // An id reference: what it names.
                let target = hover::key_at(&leaf.path).and_then(|k| k.kind.target());
                let campaign = match leaf.path.as_slice() {
                    [c, id, ..] if c == "campaigns" => Some(id.as_str()),
                    _ => None,
                };
                let named = target.and_then(|t| {
                    let c = good?;
                    let (plan, schedule) = (c.plans.first()?, c.schedules.first()?);
                    hover::reference(plan, schedule, t, text, campaign)
                });
                let value = named
                    .or_else(|| {
                        good.filter(|_| stable)
                            .and_then(|c| hover::resolved(c, &path, offset, today))
                    })
                    .or_else(|| {
                        let plan = good.and_then(|c| c.plans.first());
                        hover::holds_expression(&leaf.path)
                            .then(|| hover::evaluated(plan, today, text))
                            .flatten()
                    });
                (span.clone(), value)
            }
        };
        let value = match (value, explained) {
            (Some(value), Some((_, rules))) => format!("{value}\n\n---\n\n{rules}"),
            (Some(value), None) => value,
            (None, Some((_, rules))) => rules,
            (None, None) => return None,
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(index.range(&doc.text, span, self.encoding)),
        })
    }

    /// `almanac explain` for each rule with a diagnostic at `pos` of
    /// `path`, and the range of the first.
    fn explain_at(
        &self,
        path: &Path,
        pos: lsp_types::Position,
    ) -> Option<(lsp_types::Range, String)> {
        let mut range = None;
        let mut codes: Vec<String> = Vec::new();
        for state in self.plans.values() {
            for d in state.diagnostics.get(path).into_iter().flatten() {
                if d.range.start <= pos
                    && pos <= d.range.end
                    && let Some(lsp_types::NumberOrString::String(code)) = &d.code
                    && !codes.contains(code)
                {
                    range.get_or_insert(d.range);
                    codes.push(code.clone());
                }
            }
        }
        let docs: Vec<String> = codes
            .iter()
            .filter_map(|c| hover::rule_doc(c, self.lang.of_run([])))
            .collect();
        Some((range?, docs.join("\n\n---\n\n")))
    }

    /// The last good check that read `path`: its own plan's, else that of a
    /// plan including it.
    fn good_for(&self, path: &Path) -> Option<&crate::check::Checked> {
        self.plans
            .get(path)
            .and_then(|s| s.good.as_ref())
            .or_else(|| {
                self.plans
                    .values()
                    .filter(|s| s.files.contains(path))
                    .find_map(|s| s.good.as_ref())
            })
    }

    /// The text the server sees for `path`: the open document's, else the
    /// file's (decoded, without a byte-order mark).
    fn text_of(&self, path: &Path) -> Option<String> {
        if let Some(d) = self.docs.get(path) {
            return Some(d.text.clone());
        }
        let bytes = self.world.read(path).ok()?;
        crate::syntax::toml::decode(&bytes).ok()
    }

    /// The files of every plan `path` belongs to (and `path` itself), as
    /// they are now, with the index of their ids.
    fn files_of(&self, path: &Path) -> navigate::Files {
        // Half typed, a plan may not get as far as its includes: the files
        // of its last good check count too.
        let mut paths: BTreeSet<PathBuf> = self
            .plans
            .values()
            .filter(|s| s.files.contains(path))
            .flat_map(|s| {
                let good = s
                    .good
                    .iter()
                    .flat_map(|c| c.sources.iter().map(|(_, f)| f.path.clone()));
                s.files.iter().cloned().chain(good)
            })
            .collect();
        paths.insert(path.to_path_buf());
        let files = paths
            .into_iter()
            .filter_map(|p| {
                let text = self.text_of(&p)?;
                let uri = self.docs.get(&p).map(|d| d.uri.clone());
                Some((p, text, uri))
            })
            .collect();
        navigate::Files::new(files, self.encoding)
    }

    /// The files around the document of `at`, its path and the byte offset
    /// of the position.
    fn files_at(
        &self,
        at: &TextDocumentPositionParams,
    ) -> Option<(navigate::Files, PathBuf, usize)> {
        let path = uri_to_path(&at.text_document.uri)?;
        if !self.is_ours(&path) {
            return None;
        }
        let files = self.files_of(&path);
        let text = files.text(&path)?;
        let offset = LineIndex::new(text).offset(text, at.position, self.encoding);
        Some((files, path, offset))
    }

    fn inlay_hints(
        &self,
        uri: &lsp_types::Uri,
        range: lsp_types::Range,
    ) -> Option<Vec<lsp_types::InlayHint>> {
        if !self.inlay_hints {
            return None;
        }
        let path = uri_to_path(uri)?;
        let doc = self.docs.get(&path)?;
        let good = self.good_for(&path)?;
        let checked_text = &good.sources.get(good.sources.find(&path)?).text;
        let upto = common_prefix(checked_text, &doc.text);
        let index = LineIndex::new(&doc.text);
        let hints = hover::hints(good, &path, upto)
            .into_iter()
            .map(|(at, label)| lsp_types::InlayHint {
                position: index.position(&doc.text, at, self.encoding),
                label: lsp_types::InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
            .filter(|h| range.start <= h.position && h.position <= range.end)
            .collect();
        Some(hints)
    }

    fn format(
        &self,
        uri: &lsp_types::Uri,
        range: Option<lsp_types::Range>,
    ) -> Option<Vec<lsp_types::TextEdit>> {
        let path = uri_to_path(uri)?;
        let doc = self.docs.get(&path).filter(|_| self.is_ours(&path))?;
        formatting::edits(&doc.text, range, self.encoding)
    }

    fn complete(&self, at: &TextDocumentPositionParams) -> Option<Vec<lsp_types::CompletionItem>> {
        let (files, path, offset) = self.files_at(at)?;
        let text = files.text(&path)?;
        // The plan's own moments and campaigns, from its last good check.
        let names: Vec<String> = self
            .good_for(&path)
            .and_then(|c| c.plans.first())
            .map(|p| {
                p.moments
                    .iter()
                    .map(|m| m.id.name.clone())
                    .chain(p.campaigns.iter().map(|c| c.id.name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        Some(complete::complete(text, offset, &files.index, &names))
    }

    fn log(&self, message: &str) {
        let params = LogMessageParams {
            typ: MessageType::ERROR,
            message: message.to_string(),
        };
        self.send(Notification::new(LogMessage::METHOD.into(), params).into());
    }

    fn send(&self, msg: Message) {
        // A closed connection ends the loop in `serve`; nothing to do here.
        let _ = self.connection.sender.send(msg);
    }
}

/// Quick fixes: the replacements each diagnostic in the request carries,
/// one action each, the first preferred.
#[allow(
    clippy::mutable_key_type,
    reason = "lsp-types keys the edits by Uri, whose hash is its text"
)]
fn code_actions(p: &lsp_types::CodeActionParams) -> lsp_types::CodeActionResponse {
    let mut out = Vec::new();
    for d in &p.context.diagnostics {
        let fixes = d
            .data
            .as_ref()
            .and_then(|v| v.get("fixes"))
            .and_then(|f| f.as_array())
            .cloned()
            .unwrap_or_default();
        for (i, f) in fixes.iter().enumerate() {
            let (Some(uri), Ok(range), Some(new_text)) = (
                f["uri"]
                    .as_str()
                    .and_then(|u| u.parse::<lsp_types::Uri>().ok()),
                serde_json::from_value::<lsp_types::Range>(f["range"].clone()),
                f["newText"].as_str(),
            ) else {
                continue;
            };
            // An insertion reads as what it adds (` except holidays`, a
            // new `skip` line), a replacement as the new text.
            let shown = new_text.trim_start_matches([',', '\n', ' ']).trim_end();
            let title = if range.start == range.end {
                format!("Insert `{shown}`")
            } else {
                format!("Replace with `{shown}`")
            };
            let edit = lsp_types::TextEdit {
                range,
                new_text: new_text.to_string(),
            };
            out.push(lsp_types::CodeActionOrCommand::CodeAction(
                lsp_types::CodeAction {
                    title,
                    kind: Some(lsp_types::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(lsp_types::WorkspaceEdit {
                        changes: Some(std::collections::HashMap::from([(uri, vec![edit])])),
                        ..lsp_types::WorkspaceEdit::default()
                    }),
                    is_preferred: Some(i == 0),
                    ..lsp_types::CodeAction::default()
                },
            ));
        }
    }
    out
}

/// The length of the longest common start of `a` and `b`, in bytes.
fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn invalid(id: RequestId, why: &str) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, why.to_string())
}

#[cfg(test)]
mod tests;
