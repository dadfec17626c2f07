//! Benchmarks of the language server as an editor meets it: an edit until
//! its diagnostics are published (the example plan, and the generated
//! 10,000-item plan), hover and completion, each a round trip over an
//! in-memory connection to `almanac::lsp::serve` on a thread. Then the
//! server's memory before and after 1,000 more edits (printed; it must not
//! grow). Allocates with mimalloc, like the `almanac` binary.

// The benchmark reads the example plans from the repository and prints the
// memory figures.
#![allow(clippy::disallowed_methods, clippy::print_stdout)]

mod support;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Duration;

use almanac::world::MemWorld;
use criterion::{Criterion, criterion_group, criterion_main};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

struct Client {
    conn: Connection,
    next: i32,
    version: i32,
}

impl Client {
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        let req = Request::new(id.clone(), method.into(), params);
        self.conn.sender.send(req.into()).expect("sent");
        loop {
            if let Message::Response(r) = self.recv()
                && r.id == id
            {
                return r.response_result.expect("an answer");
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.into(), params);
        self.conn.sender.send(n.into()).expect("sent");
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("a message from the server")
    }

    /// Waits for the diagnostics of `uri` at the current version.
    fn published(&self, uri: &str) {
        loop {
            if let Message::Notification(n) = self.recv()
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
                && n.params["version"] == self.version
            {
                return;
            }
        }
    }

    /// Types one character over the character at (line, character) and
    /// waits for the diagnostics.
    fn edit(&mut self, uri: &str, line: usize, character: usize) {
        self.version += 1;
        let letter = if self.version % 2 == 0 { "a" } else { "b" };
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": self.version},
                "contentChanges": [{"range": {
                    "start": {"line": line, "character": character},
                    "end": {"line": line, "character": character + 1},
                }, "text": letter}],
            }),
        );
        self.published(uri);
    }
}

/// Runs `f` with a client connected to a server over `world`, `path`
/// opened.
fn with_server(world: &MemWorld, path: &str, f: impl FnOnce(&mut Client, &str)) {
    let (server, client) = Connection::memory();
    std::thread::scope(|scope| {
        scope.spawn(|| almanac::lsp::serve(world, &server).expect("the server runs"));
        let mut c = Client {
            conn: client,
            next: 0,
            version: 1,
        };
        c.request("initialize", json!({"capabilities": {}, "processId": null}));
        c.notify("initialized", json!({}));
        let uri = format!("file://{path}");
        let text = String::from_utf8(world.files[&PathBuf::from(path)].clone()).expect("UTF-8");
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": text}}),
        );
        c.published(&uri);
        f(&mut c, &uri);
        c.request("shutdown", Value::Null);
        c.notify("exit", Value::Null);
    });
}

fn examples() -> MemWorld {
    let mut w = support::examples(Path::new("/p"), &[]);
    w.files
        .insert(PathBuf::from("/p/.git/HEAD"), b"ref: main\n".to_vec());
    w
}

/// The 0-based line of the first line starting with `start` in `path`.
fn line_of(world: &MemWorld, path: &str, start: &str) -> usize {
    let text = String::from_utf8_lossy(&world.files[&PathBuf::from(path)]).into_owned();
    text.lines()
        .position(|l| l.starts_with(start))
        .expect("the line")
}

/// The server's resident memory, in MB (Linux).
fn rss_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

fn bench_lsp(c: &mut Criterion) {
    let w = examples();
    let plan = "/p/plans/new-media-2026.toml";
    // A comment line at the top: typing there keeps the plan valid.
    let comment = line_of(&w, plan, "# 2026");
    let window = line_of(&w, plan, "window = \"spring_festival");
    let owner = line_of(&w, plan, "owner = \"designer\"");
    with_server(&w, plan, |client, uri| {
        c.bench_function("lsp/example plan: edit → diagnostics", |b| {
            b.iter(|| client.edit(uri, comment, 3));
        });
        c.bench_function("lsp/example plan: hover on a window", |b| {
            b.iter(|| {
                client.request(
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri}, "position": {"line": window, "character": 15}}),
                )
            });
        });
        c.bench_function("lsp/example plan: completion of an owner", |b| {
            b.iter(|| {
                client.request(
                    "textDocument/completion",
                    json!({"textDocument": {"uri": uri}, "position": {"line": owner, "character": 9}}),
                )
            });
        });
        let before = rss_mb();
        for _ in 0..1_000 {
            client.edit(uri, comment, 3);
        }
        let after = rss_mb();
        println!(
            "lsp/example plan: resident memory {before:.1} MB, after 1,000 more edits {after:.1} MB"
        );
    });

    let g = plangen::plan(10_000);
    let w = MemWorld::default()
        .with_file("/g/plan.toml", g.plan)
        .with_file("/g/gen-team.toml", g.fragment)
        .with_file("/g/.git/HEAD", "ref: main\n");
    let plan = "/g/plan.toml";
    let mut group = c.benchmark_group("lsp/10,000 items");
    group.sample_size(20);
    with_server(&w, plan, |client, uri| {
        group.bench_function("edit → diagnostics", |b| {
            b.iter(|| client.edit(uri, 0, 2));
        });
    });
    group.finish();
}

criterion_group!(benches, bench_lsp);
criterion_main!(benches);
