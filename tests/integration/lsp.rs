//! `almanac lsp` as an editor starts it: a child process spoken to in
//! JSON-RPC with `Content-Length` framing on stdin and stdout, on the
//! bundled example plans as they are in the repository.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::repo;

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = crate::support::almanac()
            .arg("lsp")
            .current_dir(repo())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("almanac lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || read_messages(stdout, &tx));
        Server {
            child,
            stdin,
            messages,
        }
    }

    fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("written");
        self.stdin.flush().expect("flushed");
    }

    fn next(&self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(30))
            .expect("a message from the server within 30 s")
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.next();
            if m["id"] == id {
                assert!(m.get("error").is_none(), "{method}: {m}");
                return m["result"].clone();
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        loop {
            let m = self.next();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }
}

fn read_messages(stdout: ChildStdout, tx: &mpsc::Sender<Value>) {
    let mut r = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let value = serde_json::from_slice(&body).expect("a JSON message");
        if tx.send(value).is_err() {
            return;
        }
    }
}

#[test]
fn the_server_checks_the_example_plan_as_it_is_typed_and_exits_cleanly() {
    let path = repo().join("plans/new-media-2026.toml");
    let text = std::fs::read_to_string(&path).expect("the example plan");
    let uri = format!("file://{}", path.display());
    let mut s = Server::start();
    let init = s.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "almanac");
    s.notify("initialized", json!({}));
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": text}}),
    );
    let clean = s.diagnostics(&uri);
    assert!(
        clean.iter().all(|d| d["severity"] != 1),
        "the example plan has no errors: {clean:?}"
    );
    // `owner = "manager"` of the first campaign (line 69) becomes `经理`.
    let line = text
        .lines()
        .position(|l| l == "owner = \"manager\"")
        .expect("an owner line");
    s.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": line, "character": 9}, "end": {"line": line, "character": 16}}, "text": "经理"}],
        }),
    );
    let diags = s.diagnostics(&uri);
    let unknown: Vec<&Value> = diags.iter().filter(|d| d["code"] == "R001").collect();
    assert_eq!(unknown.len(), 1, "{diags:?}");
    assert_eq!(
        unknown[0]["range"],
        json!({"start": {"line": line, "character": 8}, "end": {"line": line, "character": 12}})
    );
    // The window of the same campaign, two lines up.
    let window = text
        .lines()
        .position(|l| l.starts_with("window = \"spring_festival"))
        .expect("the window");
    let hover = s.request(
        2,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": window, "character": 12}}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.starts_with("2026-01-27 Tue (workday) → 2026-03-04"),
        "{shown}"
    );
    // An unknown request gets an error, not silence or a crash.
    s.send(&json!({"jsonrpc": "2.0", "id": 3, "method": "almanac/unknown", "params": {}}));
    let answer = loop {
        let m = s.next();
        if m["id"] == 3 {
            break m;
        }
    };
    assert_eq!(answer["error"]["code"], -32601);
    assert_eq!(s.request(4, "shutdown", Value::Null), Value::Null);
    s.notify("exit", Value::Null);
    let status = s.child.wait().expect("the server exits");
    assert!(status.success(), "{status}");
}

#[test]
fn a_fragment_changed_on_disk_rechecks_the_open_plan() {
    let s = crate::support::Scratch::new()
        .file(
            "plan.toml",
            "include = [\"team.toml\"]\n\n[plan]\nyear = 2026\n\n[campaigns.spring]\nwindow = \"Q1\"\nowner = \"lin\"\n",
        )
        .file("team.toml", "[people.lin]\nname = \"林\"\n");
    let plan = s.dir.path().join("plan.toml");
    let team = s.dir.path().join("team.toml");
    let uri = format!("file://{}", plan.display());
    let mut server = Server::start();
    server.request(
        1,
        "initialize",
        json!({"processId": null, "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    let text = std::fs::read_to_string(&plan).expect("the plan");
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": text}}),
    );
    let clean = server.diagnostics(&uri);
    assert!(clean.iter().all(|d| d["code"] != "R001"), "{clean:?}");
    // Someone renames the person on disk; the editor's watcher says so.
    std::fs::write(&team, "[people.wang]\nname = \"王\"\n").expect("written");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", team.display()), "type": 2}]}),
    );
    let diags = server.diagnostics(&uri);
    let unknown: Vec<&Value> = diags.iter().filter(|d| d["code"] == "R001").collect();
    assert_eq!(unknown.len(), 1, "{diags:?}");
    assert!(
        unknown[0]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("unknown person `lin`")
    );
    assert_eq!(server.request(2, "shutdown", Value::Null), Value::Null);
    server.notify("exit", Value::Null);
    assert!(server.child.wait().expect("exits").success());
}
