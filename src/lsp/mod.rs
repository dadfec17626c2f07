//! `almanac lsp`: the plan's meaning in the editor. A language server over
//! stdio on `lsp-server` (rust-analyzer's synchronous scaffolding: no async
//! runtime, one loop reading messages in order). Each change to an open
//! document re-checks, from the unsaved text, the plans it belongs to — the
//! plan itself, or the plans that include a fragment — with `check` itself,
//! and publishes the diagnostics of every file those plans read. Requests
//! (hover) read the last results. One file per concern: `text.rs`
//! (positions and URIs), `documents.rs` (open documents over the file
//! system), `analysis.rs` (a plan's check and its diagnostics), `hover.rs`.

mod analysis;
mod documents;
mod hover;
mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, LogMessage,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{HoverRequest, Request as _};
use lsp_types::{
    Hover, HoverContents, HoverParams, HoverProviderCapability, InitializeParams, LogMessageParams,
    MarkupContent, MarkupKind, MessageType, PositionEncodingKind, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions,
};

use crate::world::World;
use analysis::PlanState;
use documents::{Doc, Documents, Overlay};
use text::{Encoding, LineIndex, path_to_uri, uri_to_path};

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
    connection: &'w Connection,
    docs: Documents,
    /// Every plan (or lone fragment) checked so far, by path.
    plans: BTreeMap<PathBuf, PlanState>,
}

impl Server<'_> {
    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let response = match req.method.as_str() {
            HoverRequest::METHOD => match req.extract::<HoverParams>(HoverRequest::METHOD) {
                Ok((_, params)) => {
                    let hover = self.guarded("hover", |s| s.hover(&params)).flatten();
                    Response::new_ok(id, hover)
                }
                Err(e) => invalid(id, &format!("{e:?}")),
            },
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("almanac does not answer `{}`", req.method),
            ),
        };
        self.send(response.into());
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
            if targets.is_empty() {
                targets.push(path.to_path_buf());
            } else {
                targets.clear();
            }
        }
        if targets.iter().all(|t| t != path)
            && let Some(alone) = self.plans.remove(path)
        {
            touched.extend(alone.files);
        }
        self.check_all(targets, &mut touched);
        self.publish(&touched);
    }

    /// The plans to re-check when `path` changes: itself if it is a plan,
    /// else the known plans that include it (none: not known yet).
    fn targets(&self, path: &Path) -> Vec<PathBuf> {
        let text = self.docs.get(path).map(|d| d.text.as_str());
        let is_plan = match text.map(crate::syntax::tree::parse) {
            Some(Ok(t)) => t.get("plan").is_some(),
            // Half typed: whatever it was before (a plan if never seen).
            Some(Err(_)) | None => self.includers(path).is_empty(),
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
            docs: &self.docs,
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
                let Ok(bytes) = overlay.read(f) else {
                    return false;
                };
                let text = String::from_utf8_lossy(&bytes);
                crate::syntax::tree::parse(&text).is_ok_and(|t| t.get("plan").is_some())
            })
            .collect()
    }

    fn check_all(&mut self, targets: Vec<PathBuf>, touched: &mut BTreeSet<PathBuf>) {
        for target in targets {
            let old = self.plans.remove(&target);
            if let Some(o) = &old {
                touched.extend(o.files.iter().cloned());
            }
            let encoding = self.encoding;
            let state = self.guarded("check", |s| {
                let overlay = Overlay {
                    base: s.world,
                    docs: &s.docs,
                };
                analysis::check_plan(&overlay, &target, old, encoding)
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
        let doc = self.docs.get(&path)?;
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
        })?;
        let today = self.world.today();
        let (span, value) = match &leaf.value {
            None => {
                let key = hover::key_at(&leaf.path)?;
                (leaf.key.clone(), hover::key_doc(leaf.path.last()?, key))
            }
            Some((span, text)) => {
                let value = good
                    .filter(|_| stable)
                    .and_then(|c| hover::resolved(c, &path, offset, today))
                    .or_else(|| {
                        let plan = good.and_then(|c| c.plans.first());
                        hover::holds_expression(&leaf.path)
                            .then(|| hover::evaluated(plan, today, text))
                            .flatten()
                    })?;
                (span.clone(), value)
            }
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(index.range(&doc.text, span, self.encoding)),
        })
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

/// The length of the longest common start of `a` and `b`, in bytes.
fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn invalid(id: RequestId, why: &str) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, why.to_string())
}

#[cfg(test)]
mod tests;
