//! The server spoken to as an editor would, over an in-memory connection,
//! on the bundled 2026 example plan and its shared team fragment. (The
//! integration tests speak to `almanac lsp` over real stdio.)

use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

use super::serve;
use crate::world::MemWorld;

const PLAN: &str = "/p/plans/new-media-2026.toml";
const TEAM: &str = "/p/plans/shared/team.toml";
const PLAN_TEXT: &str = include_str!("../../plans/new-media-2026.toml");
const TEAM_TEXT: &str = include_str!("../../plans/shared/team.toml");

fn world() -> MemWorld {
    MemWorld::default()
        .with_file(PLAN, PLAN_TEXT)
        .with_file(TEAM, TEAM_TEXT)
        // The project root: the nearest folder holding `.git`.
        .with_file("/p/.git/HEAD", "ref: refs/heads/main\n")
        .with_file(
            "/p/plans/new-media-2025.toml",
            include_str!("../../plans/new-media-2025.toml"),
        )
}

struct Client {
    conn: Connection,
    next: i32,
    /// Every notification the server sent so far.
    seen: Vec<Notification>,
}

impl Client {
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        let req = Request::new(id.clone(), method.into(), params);
        self.conn
            .sender
            .send(req.into())
            .unwrap_or_else(|_| panic!("sent"));
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => match r.response_result {
                    Ok(v) => return v,
                    Err(e) => panic!("{method}: {e:?}"),
                },
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.into(), params);
        self.conn
            .sender
            .send(n.into())
            .unwrap_or_else(|_| panic!("sent"));
    }

    fn recv(&mut self) -> Message {
        match self.conn.receiver.recv_timeout(Duration::from_secs(20)) {
            Ok(m) => {
                if let Message::Notification(n) = &m {
                    self.seen.push(n.clone());
                }
                m
            }
            Err(e) => panic!("no message from the server: {e}"),
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            if let Message::Notification(n) = self.recv()
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
            {
                return n.params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    fn open(&self, path: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "toml", "version": 1, "text": text}}),
        );
    }

    fn edit(&self, path: &str, version: i32, range: [u32; 4], text: &str) {
        let [l0, c0, l1, c1] = range;
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(path), "version": version},
                "contentChanges": [{
                    "range": {"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}},
                    "text": text,
                }],
            }),
        );
    }

    /// The code actions offered for the diagnostic `d` of `path`.
    fn fixes(&mut self, path: &str, d: &Value) -> Value {
        self.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri(path)},
                "range": d["range"],
                "context": {"diagnostics": [d]},
            }),
        )
    }

    fn hover(&mut self, path: &str, line: u32, character: u32) -> String {
        let r = self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character}}),
        );
        r["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

fn uri(path: &str) -> String {
    format!("file://{path}")
}

/// Runs a session: the handshake with `capabilities`, then `f`, then
/// shutdown and exit. Returns the server's answer to `initialize`.
fn session(capabilities: Value, f: impl FnOnce(&mut Client)) -> Value {
    session_with(json!({"capabilities": capabilities}), f)
}

/// A session whose `initialize` has these parameters.
fn session_with(mut params: Value, f: impl FnOnce(&mut Client)) -> Value {
    params["processId"] = Value::Null;
    let world = world();
    let (server, client) = Connection::memory();
    std::thread::scope(|scope| {
        let handle = scope.spawn(|| serve(&world, &server));
        let mut c = Client {
            conn: client,
            next: 0,
            seen: Vec::new(),
        };
        let init = c.request("initialize", params);
        c.notify("initialized", json!({}));
        f(&mut c);
        c.request("shutdown", Value::Null);
        c.notify("exit", Value::Null);
        match handle.join() {
            Ok(r) => assert!(r.is_ok(), "the server ended with {r:?}"),
            Err(_) => panic!("the server panicked"),
        }
        init
    })
}

/// A session with the 2026 plan open and its first diagnostics read.
fn with_plan(f: impl FnOnce(&mut Client)) -> Value {
    session(json!({}), |c| {
        c.open(PLAN, PLAN_TEXT);
        c.diagnostics(&uri(PLAN));
        f(c);
    })
}

/// The first diagnostic with `code`.
fn coded<'a>(diags: &'a [Value], code: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:?}"))
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_handshake_offers_utf16_unless_utf8_is_offered() {
    let init = session(json!({}), |_| {});
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    let init = session(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        |_| {},
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
}

#[test]
fn an_open_plan_gets_the_diagnostics_check_gives_and_typing_updates_them() {
    let expected =
        crate::check::check_paths(&world(), &[PLAN.into()]).unwrap_or_else(|e| panic!("{e}"));
    let plan_file = expected.sources.find(std::path::Path::new(PLAN));
    let expected: Vec<String> = expected
        .diagnostics
        .iter()
        .filter(|d| Some(d.primary.span.file) == plan_file)
        .map(|d| d.rule.code.to_string())
        .collect();
    session(json!({}), |c| {
        c.open(PLAN, PLAN_TEXT);
        assert_eq!(codes(&c.diagnostics(&uri(PLAN))), expected);
        // Line 69 is `owner = "manager"` of the first campaign: a comment
        // in Chinese goes above it, then the owner becomes `经理`.
        c.edit(PLAN, 2, [68, 0, 68, 0], "# 负责人\n");
        c.diagnostics(&uri(PLAN));
        c.edit(PLAN, 3, [69, 9, 69, 16], "经理");
        let diags = c.diagnostics(&uri(PLAN));
        let r001: Vec<&Value> = diags.iter().filter(|d| d["code"] == "R001").collect();
        assert_eq!(r001.len(), 1, "{diags:?}");
        let d = r001[0];
        assert!(
            d["message"]
                .as_str()
                .unwrap_or_default()
                .starts_with("成员 `经理` 不存在"),
            "{d}"
        );
        // The quoted value, in UTF-16 columns: `owner = ` is 8, each
        // Chinese character 1.
        assert_eq!(
            d["range"],
            json!({"start": {"line": 69, "character": 8}, "end": {"line": 69, "character": 12}})
        );
        assert_eq!(d["severity"], 1);
        assert_eq!(d["source"], "almanac");
        // Typing after the Chinese text on the same line.
        c.edit(PLAN, 4, [69, 11, 69, 11], "2");
        let diags = c.diagnostics(&uri(PLAN));
        let d = coded(&diags, "R001");
        assert_eq!(d["range"]["end"], json!({"line": 69, "character": 13}));
        // Put back: the R001 is gone.
        c.edit(PLAN, 5, [69, 9, 69, 12], "manager");
        assert_eq!(codes(&c.diagnostics(&uri(PLAN))), expected);
    });
}

#[test]
fn utf8_columns_count_bytes() {
    session(json!({"general": {"positionEncodings": ["utf-8"]}}), |c| {
        c.open(PLAN, PLAN_TEXT);
        c.diagnostics(&uri(PLAN));
        c.edit(PLAN, 2, [68, 9, 68, 16], "经理");
        let diags = c.diagnostics(&uri(PLAN));
        let d = coded(&diags, "R001");
        assert_eq!(
            d["range"],
            json!({"start": {"line": 68, "character": 8}, "end": {"line": 68, "character": 16}})
        );
    });
}

#[test]
fn editing_a_fragment_rechecks_the_plan_that_includes_it() {
    session(json!({}), |c| {
        c.open(TEAM, TEAM_TEXT);
        // Opening the fragment finds its plan and checks it: no S009.
        assert!(!codes(&c.diagnostics(&uri(TEAM))).contains(&"S009".to_string()));
        // `[people.manager]` renamed: the plan's owners now name nobody.
        let team = TEAM_TEXT;
        let line = team
            .lines()
            .position(|l| l == "[people.manager]")
            .unwrap_or_else(|| panic!("the manager"));
        let line = u32::try_from(line).unwrap_or_default();
        c.edit(TEAM, 2, [line, 8, line, 15], "boss");
        let diags = loop {
            let d = c.diagnostics(&uri(PLAN));
            if codes(&d).contains(&"R001".to_string()) {
                break d;
            }
        };
        let unknown = diags
            .iter()
            .filter(|d| {
                d["message"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with("成员 `manager` 不存在")
            })
            .count();
        assert!(unknown > 0, "{diags:?}");
    });
}

#[test]
fn hover_shows_key_docs_and_resolved_values() {
    with_plan(|c| {
        // Line 67: `window = "spring_festival-21d..+15d"`.
        let on_value = c.hover(PLAN, 66, 14);
        assert!(on_value.starts_with("2026-01-27 Tue"), "{on_value}");
        assert!(
            on_value.contains("→ 2026-03-04 Wed (workday)"),
            "{on_value}"
        );
        assert!(on_value.contains("37 days, 23 workdays"), "{on_value}");
        let on_key = c.hover(PLAN, 66, 2);
        assert!(on_key.starts_with("**`window`**"), "{on_key}");
        // A task's due date: `due = "start - 15wd"` of the brief.
        let due = c.hover(PLAN, 77, 8);
        assert!(due.contains("(workday)"), "{due}");
        // Half typed elsewhere (an unclosed string at the end), the value
        // is still evaluated on the last good plan.
        let text = PLAN_TEXT;
        let last = u32::try_from(text.lines().count()).unwrap_or_default();
        c.edit(PLAN, 2, [last, 0, last, 0], "x = \"");
        c.diagnostics(&uri(PLAN));
        let on_value = c.hover(PLAN, 66, 14);
        assert!(on_value.starts_with("2026-01-27"), "{on_value}");
    });
}

/// The 0-based line of the first line of `text` equal to `line`.
fn line_of(text: &str, line: &str) -> u32 {
    let i = text
        .lines()
        .position(|l| l == line)
        .unwrap_or_else(|| panic!("no line `{line}`"));
    u32::try_from(i).unwrap_or_default()
}

fn at(path: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character}})
}

#[test]
fn an_owner_leads_to_its_person_in_the_fragment_and_back() {
    with_plan(|c| {
        let owner = line_of(PLAN_TEXT, "owner = \"designer\"");
        let def = c.request("textDocument/definition", at(PLAN, owner, 10));
        let person = line_of(TEAM_TEXT, "[people.designer]");
        assert_eq!(def["uri"], uri(TEAM));
        assert_eq!(
            def["range"],
            json!({"start": {"line": person, "character": 8}, "end": {"line": person, "character": 16}})
        );
        // Every owner, consulted and informed naming the designer, in the
        // plan, and the declaration in the fragment.
        let mut p = at(PLAN, owner, 10);
        p["context"] = json!({"includeDeclaration": true});
        let refs = c.request("textDocument/references", p.clone());
        let refs = refs.as_array().cloned().unwrap_or_default();
        let in_plan = PLAN_TEXT.matches("\"designer\"").count();
        assert_eq!(refs.len(), in_plan + 1, "{refs:?}");
        assert_eq!(refs.iter().filter(|r| r["uri"] == uri(TEAM)).count(), 1);
        p["context"] = json!({"includeDeclaration": false});
        let refs = c.request("textDocument/references", p);
        assert_eq!(refs.as_array().map(Vec::len), Some(in_plan));
    });
}

#[test]
fn rename_edits_every_file_and_refuses_a_taken_name() {
    with_plan(|c| {
        let owner = line_of(PLAN_TEXT, "owner = \"designer\"");
        let range = c.request("textDocument/prepareRename", at(PLAN, owner, 10));
        assert_eq!(
            range,
            json!({"start": {"line": owner, "character": 9}, "end": {"line": owner, "character": 17}})
        );
        let mut p = at(PLAN, owner, 10);
        p["newName"] = json!("美术");
        let edit = c.request("textDocument/rename", p.clone());
        let changes = &edit["changes"];
        let plan_edits = changes[uri(PLAN)].as_array().cloned().unwrap_or_default();
        let team_edits = changes[uri(TEAM)].as_array().cloned().unwrap_or_default();
        assert_eq!(plan_edits.len(), PLAN_TEXT.matches("\"designer\"").count());
        assert!(plan_edits.iter().all(|e| e["newText"] == "美术"));
        // In the header, a Chinese id needs quotes: `[people."美术"]`.
        assert_eq!(team_edits.len(), 1);
        assert_eq!(team_edits[0]["newText"], "\"美术\"");
        // `manager` is taken; `1x` is not an id.
        for (name, why) in [("manager", "already taken"), ("1x", "not an id")] {
            p["newName"] = json!(name);
            c.next += 1;
            let id = RequestId::from(c.next);
            let req = Request::new(id.clone(), "textDocument/rename".into(), p.clone());
            c.conn
                .sender
                .send(req.into())
                .unwrap_or_else(|_| panic!("sent"));
            let err = loop {
                if let Message::Response(r) = c.recv()
                    && r.id == id
                {
                    break r.response_result.err();
                }
            };
            let message = err.map(|e| e.message).unwrap_or_default();
            assert!(message.contains(why), "{name}: {message}");
        }
    });
}

#[test]
fn the_outline_puts_tasks_under_their_campaign() {
    with_plan(|c| {
        let symbols = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri(PLAN)}}),
        );
        let symbols = symbols.as_array().cloned().unwrap_or_default();
        let nianwei = symbols
            .iter()
            .find(|s| s["name"] == "nianwei_lab")
            .unwrap_or_else(|| panic!("{symbols:?}"));
        let tasks: Vec<&str> = nianwei["children"]
            .as_array()
            .map(|a| a.iter().filter_map(|t| t["name"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(tasks, ["brief", "visuals", "copyright", "launch"]);
        assert!(
            symbols
                .iter()
                .any(|s| s["name"] == "final" && s["detail"] == "review.levels")
        );
    });
}

#[test]
fn formatting_gives_what_fmt_gives() {
    session(json!({}), |c| {
        let messy = PLAN_TEXT.replacen("year = 2026", "year    =   2026", 1);
        c.open(PLAN, &messy);
        c.diagnostics(&uri(PLAN));
        let edits = c.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri(PLAN)}, "options": {"tabSize": 2, "insertSpaces": true}}),
        );
        let edits = edits.as_array().cloned().unwrap_or_default();
        assert_eq!(edits.len(), 1, "{edits:?}");
        let line = line_of(&messy, "year    =   2026");
        assert_eq!(
            edits[0]["range"]["start"],
            json!({"line": line, "character": 0})
        );
        assert_eq!(edits[0]["newText"], "year = 2026\n");
    });
}

#[test]
fn completion_offers_keys_ids_and_moments() {
    with_plan(|c| {
        let labels = |v: Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|i| i["label"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        // A new line in the first task: its missing keys, not `name` again.
        let brief = line_of(PLAN_TEXT, "[campaigns.nianwei_lab.tasks.brief]");
        c.edit(PLAN, 2, [brief + 1, 0, brief + 1, 0], "\n");
        c.diagnostics(&uri(PLAN));
        let keys = labels(c.request("textDocument/completion", at(PLAN, brief + 1, 0)));
        assert!(
            keys.contains(&"after".to_string()) && keys.contains(&"effort".to_string()),
            "{keys:?}"
        );
        assert!(!keys.contains(&"name".to_string()), "{keys:?}");
        // `after = ["` offers the campaign's own tasks.
        c.edit(PLAN, 3, [brief + 1, 0, brief + 1, 0], "after = [\"");
        let tasks = labels(c.request("textDocument/completion", at(PLAN, brief + 1, 10)));
        assert_eq!(tasks, ["brief", "copyright", "launch", "visuals"]);
        // An owner: the people of the shared fragment.
        let owner = line_of(PLAN_TEXT, "owner = \"designer\"") + 1;
        let people = labels(c.request("textDocument/completion", at(PLAN, owner, 9)));
        assert!(
            people.contains(&"designer".to_string()) && people.contains(&"legal".to_string()),
            "{people:?}"
        );
        // A window: built-in moments and weekday words.
        let window = line_of(PLAN_TEXT, "window = \"jul..aug\"") + 1;
        let words = labels(c.request("textDocument/completion", at(PLAN, window, 10)));
        assert!(
            words.contains(&"spring_festival".to_string()) && words.contains(&"jul".to_string()),
            "{words:?}"
        );
    });
}

#[test]
fn a_column_on_holidays_is_mended_either_way_and_its_code_links_to_its_rule() {
    with_plan(|c| {
        let every = line_of(PLAN_TEXT, "every = \"every wed except holidays\"");
        c.edit(PLAN, 2, [every, 18, every, 34], "");
        let diags = c.diagnostics(&uri(PLAN));
        let d = coded(&diags, "P004").clone();
        // The code links to the rule, which `almanac/explain` answers.
        assert_eq!(d["codeDescription"]["href"], "almanac-explain:P004");
        let explained = c.request("almanac/explain", json!({"code": "P004"}));
        let markdown = explained["markdown"].as_str().unwrap_or_default();
        assert!(markdown.starts_with("**P004 "), "{markdown}");
        assert!(markdown.contains("`holidays = \"publish\"`"), "{markdown}");
        let actions = c.fixes(PLAN, &d);
        let titles: Vec<&str> = actions
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["title"].as_str())
            .collect();
        let skip = "skip = [\"2026-02-18\", \"2026-10-07\"]";
        assert_eq!(
            titles,
            [
                "Insert `except holidays`".to_string(),
                format!("Insert `{skip}`")
            ]
        );
        assert_eq!(actions[0]["isPreferred"], true);
        assert_eq!(actions[1]["isPreferred"], false);
        // The second adds a `skip` line under the recurrence; applied, the
        // warning is gone.
        let edit = &actions[1]["edit"]["changes"][uri(PLAN)][0];
        assert_eq!(edit["newText"], format!("\n{skip}"));
        let end = u32::try_from("every = \"every wed\"".len()).unwrap_or_default();
        assert_eq!(
            edit["range"],
            json!({"start": {"line": every, "character": end}, "end": {"line": every, "character": end}})
        );
        c.edit(PLAN, 3, [every, end, every, end], &format!("\n{skip}"));
        let diags = c.diagnostics(&uri(PLAN));
        assert!(diags.iter().all(|d| d["code"] != "P004"), "{diags:?}");
    });
}

#[test]
fn a_misspelt_owner_gets_a_quick_fix() {
    with_plan(|c| {
        let owner = line_of(PLAN_TEXT, "owner = \"designer\"");
        c.edit(PLAN, 2, [owner, 9, owner, 17], "desinger");
        let diags = c.diagnostics(&uri(PLAN));
        let d = coded(&diags, "R001").clone();
        assert!(
            d["message"]
                .as_str()
                .unwrap_or_default()
                .contains("提示：是不是想写 `designer`？"),
            "{d}"
        );
        let actions = c.fixes(PLAN, &d);
        let action = &actions[0];
        assert_eq!(action["title"], "Replace with `\"designer\"`");
        assert_eq!(action["kind"], "quickfix");
        let edit = &action["edit"]["changes"][uri(PLAN)][0];
        assert_eq!(edit["newText"], "\"designer\"");
        assert_eq!(
            edit["range"],
            json!({"start": {"line": owner, "character": 8}, "end": {"line": owner, "character": 18}})
        );
        // Applied, the problem is gone.
        c.edit(PLAN, 3, [owner, 8, owner, 18], "\"designer\"");
        let diags = c.diagnostics(&uri(PLAN));
        assert!(diags.iter().all(|d| d["code"] != "R001"), "{diags:?}");
    });
}

#[test]
fn a_rule_in_rules_is_explained_on_hover() {
    session(json!({}), |c| {
        let text = format!("{PLAN_TEXT}\n[rules]\nno-holiday-schedule = \"allow\"\n");
        c.open(PLAN, &text);
        c.diagnostics(&uri(PLAN));
        let line = line_of(&text, "no-holiday-schedule = \"allow\"");
        let shown = c.hover(PLAN, line, 3);
        assert!(shown.starts_with("**D004 no-holiday-schedule**"), "{shown}");
    });
}

#[test]
fn inlay_hints_show_dates_episodes_and_amounts_unless_turned_off() {
    let whole =
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 9999, "character": 0}});
    with_plan(|c| {
        let hints = c.request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri(PLAN)}, "range": whole}),
        );
        let hints = hints.as_array().cloned().unwrap_or_default();
        let window = line_of(PLAN_TEXT, "window = \"spring_festival-21d..+15d\"");
        let on = |line: u32| -> Vec<String> {
            hints
                .iter()
                .filter(|h| h["position"]["line"] == line)
                .filter_map(|h| h["label"].as_str().map(str::to_string))
                .collect()
        };
        assert_eq!(on(window), ["01-27 Tue..03-04 Wed"]);
        let every = PLAN_TEXT
            .lines()
            .position(|l| l.starts_with("every = "))
            .unwrap_or_default();
        let episodes = on(u32::try_from(every).unwrap_or_default());
        assert!(
            episodes.len() == 1 && episodes[0].ends_with(" episodes"),
            "{episodes:?}"
        );
        // After the closing quote.
        let h = hints
            .iter()
            .find(|h| h["position"]["line"] == window)
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            h["position"]["character"],
            "window = \"spring_festival-21d..+15d\"".len()
        );
    });
    let off = json!({"capabilities": {}, "initializationOptions": {"inlayHints": false}});
    session_with(off, |c| {
        c.open(PLAN, PLAN_TEXT);
        c.diagnostics(&uri(PLAN));
        let hints = c.request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri(PLAN)}, "range": whole}),
        );
        assert_eq!(hints, Value::Null);
    });
}

mod random_edits {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use proptest::sample::Index;

    use super::*;
    use crate::lsp::text::{Encoding, apply_change};

    /// Whether `r` lies inside `text` as UTF-16 positions.
    fn inside(text: &str, r: &Value) -> bool {
        let lines: Vec<&str> = text.split('\n').collect();
        ["start", "end"].iter().all(|end| {
            let (Some(line), Some(ch)) = (r[end]["line"].as_u64(), r[end]["character"].as_u64())
            else {
                return false;
            };
            let Some(l) = usize::try_from(line).ok().and_then(|l| lines.get(l)) else {
                return false;
            };
            usize::try_from(ch).is_ok_and(|c| c <= l.encode_utf16().count())
        })
    }

    /// A position in `text` picked by two indices: a line, and a UTF-16
    /// column in it (possibly inside a surrogate pair).
    fn pick(text: &str, line: Index, col: Index) -> (u32, u32) {
        let lines: Vec<&str> = text.split('\n').collect();
        let l = line.index(lines.len());
        let c = col.index(lines[l].encode_utf16().count() + 1);
        (
            u32::try_from(l).unwrap_or_default(),
            u32::try_from(c).unwrap_or_default(),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        /// Random edits — ASCII, TOML punctuation, Chinese and emoji, so
        /// UTF-16 columns matter — then hover and completion anywhere: no
        /// internal error, every range inside the document.
        #[test]
        fn random_edits_never_break_the_server(
            edits in prop::collection::vec(
                (any::<Index>(), any::<Index>(), 0u32..4, "[a-z_\"=\\[\\]{},. \n春节万🎉]{0,5}"),
                1..6,
            ),
            probes in prop::collection::vec((any::<Index>(), any::<Index>()), 1..4),
        ) {
            let mut text = PLAN_TEXT.to_string();
            let mut versions = BTreeMap::from([(1, text.clone())]);
            session(json!({}), |c| {
                c.open(PLAN, &text);
                for (i, (line, col, delete, insert)) in edits.iter().enumerate() {
                    let (l, ch) = pick(&text, *line, *col);
                    let version = i32::try_from(i).unwrap_or_default() + 2;
                    let range = lsp_types::Range {
                        start: lsp_types::Position { line: l, character: ch },
                        end: lsp_types::Position { line: l, character: ch + delete },
                    };
                    apply_change(&mut text, range, insert, Encoding::Utf16);
                    versions.insert(version, text.clone());
                    c.edit(PLAN, version, [l, ch, l, ch + delete], insert);
                }
                for (line, col) in &probes {
                    let (l, ch) = pick(&text, *line, *col);
                    let hover = c.request("textDocument/hover", at(PLAN, l, ch));
                    if !hover.is_null() {
                        assert!(inside(&text, &hover["range"]), "hover range {hover}");
                    }
                    c.request("textDocument/completion", at(PLAN, l, ch));
                }
                // Everything the server sent meanwhile (read by the requests,
                // which it answers after the edits before them): no internal
                // error, every diagnostic inside the version it is for.
                for n in &c.seen {
                    assert_ne!(n.method, "window/logMessage", "{}", n.params);
                    if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri(PLAN) {
                        let v = n.params["version"].as_i64().and_then(|v| i32::try_from(v).ok()).unwrap_or(1);
                        let published = &versions[&v];
                        for d in n.params["diagnostics"].as_array().into_iter().flatten() {
                            assert!(inside(published, &d["range"]), "{d} in version {v}");
                        }
                    }
                }
            });
        }
    }
}

#[test]
fn expressions_inside_strings_get_semantic_tokens() {
    let init = with_plan(|c| {
        let r = c.request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri(PLAN)}}),
        );
        let data: Vec<u64> = r["data"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        assert_eq!(data.len() % 5, 0);
        // Decode to absolute (line, start, length, type).
        let (mut line, mut start) = (0, 0);
        let mut tokens = Vec::new();
        for t in data.chunks(5) {
            line += t[0];
            start = if t[0] == 0 { start + t[1] } else { t[1] };
            tokens.push((line, start, t[2], t[3]));
        }
        let window = u64::from(line_of(PLAN_TEXT, "window = \"spring_festival-21d..+15d\""));
        let on_window: Vec<(u64, u64, u64)> = tokens
            .iter()
            .filter(|t| t.0 == window)
            .map(|t| (t.1, t.2, t.3))
            .collect();
        // spring_festival (a name), -, 21d (a number), .., +, 15d.
        assert_eq!(
            on_window,
            [
                (10, 15, 0),
                (25, 1, 3),
                (26, 3, 2),
                (29, 2, 3),
                (31, 1, 3),
                (32, 3, 2)
            ]
        );
        // `name = "年味实验室"` is text, not an expression.
        let name = u64::from(line_of(PLAN_TEXT, "name = \"年味实验室\""));
        assert!(tokens.iter().all(|t| t.0 != name));
    });
    assert_eq!(
        init["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"],
        json!(["variable", "keyword", "number", "operator"])
    );
}

#[test]
fn hover_on_an_id_shows_what_it_names() {
    with_plan(|c| {
        let owner = line_of(PLAN_TEXT, "owner = \"designer\"");
        let person = c.hover(PLAN, owner, 11);
        assert!(person.contains("(`designer`)"), "{person}");
        assert!(
            person.contains("capacity") && person.contains("owns"),
            "{person}"
        );
        let channels = line_of(
            PLAN_TEXT,
            "channels = [\"douyin\", \"xiaohongshu\", \"wechat\"]",
        );
        let douyin = c.hover(PLAN, channels, 14);
        assert!(douyin.starts_with("**抖音** (`douyin`)"), "{douyin}");
        let review = line_of(
            PLAN_TEXT,
            "review = \"final\" # legal receives the launch content here",
        );
        let level = c.hover(PLAN, review, 11);
        assert!(level.starts_with("review level **"), "{level}");
        assert!(
            level.contains("receives the item 3d before publishing"),
            "{level}"
        );
    });
}

#[test]
fn budget_lines_are_renamed_in_the_tree_and_in_draws() {
    with_plan(|c| {
        let draw = line_of(
            PLAN_TEXT,
            "budget = { ads.douyin_feed = \"60万\", kol.waist = \"15万\" }",
        );
        let col = u32::try_from(
            "budget = { ads.douyin_feed = \"60万\", kol."
                .encode_utf16()
                .count(),
        )
        .unwrap_or_default();
        let def = c.request("textDocument/definition", at(PLAN, draw, col + 1));
        let waist = line_of(PLAN_TEXT, "waist = { name = \"腰部\", share = \"25%\" }");
        assert_eq!(
            def["range"]["start"],
            json!({"line": waist, "character": 0})
        );
        let mut p = at(PLAN, draw, col + 1);
        p["newName"] = json!("腰部达人");
        let edit = c.request("textDocument/rename", p.clone());
        let edits = edit["changes"][uri(PLAN)]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(edits.len() >= 2, "{edits:?}");
        assert!(
            edits.iter().all(|e| e["newText"] == "\"腰部达人\""),
            "{edits:?}"
        );
        // `kol.head` exists.
        p["newName"] = json!("head");
        c.next += 1;
        let id = RequestId::from(c.next);
        let req = Request::new(id.clone(), "textDocument/rename".into(), p);
        c.conn
            .sender
            .send(req.into())
            .unwrap_or_else(|_| panic!("sent"));
        loop {
            if let Message::Response(r) = c.recv()
                && r.id == id
            {
                let message = r
                    .response_result
                    .err()
                    .map(|e| e.message)
                    .unwrap_or_default();
                assert!(message.contains("already taken"), "{message}");
                break;
            }
        }
        // The outline nests the KOL tiers under `kol`.
        let symbols = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri(PLAN)}}),
        );
        let kol = symbols
            .as_array()
            .and_then(|a| {
                a.iter()
                    .find(|s| s["name"] == "kol" && s["detail"] == "budget")
            })
            .cloned()
            .unwrap_or_default();
        let tiers: Vec<&str> = kol["children"]
            .as_array()
            .map(|a| a.iter().filter_map(|t| t["name"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(tiers, ["head", "waist", "amateur"], "{kol}");
    });
}

#[test]
fn renaming_a_task_renames_it_in_due_dates_too() {
    with_plan(|c| {
        let header = line_of(PLAN_TEXT, "[campaigns.nianwei_lab.tasks.brief]");
        let mut p = at(PLAN, header, 31);
        p["newName"] = json!("kickoff");
        let edit = c.request("textDocument/rename", p);
        let edits = edit["changes"][uri(PLAN)]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let lines: Vec<u64> = edits
            .iter()
            .filter_map(|e| e["range"]["start"]["line"].as_u64())
            .collect();
        // The header, `due = "brief + 5wd"` and `after = ["brief"]` of the
        // visuals; not the other campaigns' briefs.
        let due = u64::from(line_of(PLAN_TEXT, "due = \"brief + 5wd\""));
        let after = u64::from(line_of(PLAN_TEXT, "after = [\"brief\"]"));
        assert_eq!(lines, [u64::from(header), due, after], "{edits:?}");
        // Applied from the last to the first, so earlier ranges hold.
        let mut text = PLAN_TEXT.to_string();
        for e in edits.iter().rev() {
            let range: lsp_types::Range =
                serde_json::from_value(e["range"].clone()).unwrap_or_else(|_| panic!("a range"));
            let new = e["newText"].as_str().unwrap_or_default();
            crate::lsp::text::apply_change(
                &mut text,
                range,
                new,
                crate::lsp::text::Encoding::Utf16,
            );
        }
        // The renamed plan checks as cleanly as before.
        c.edit(PLAN, 2, [0, 0, 9999, 0], &text);
        let diags = c.diagnostics(&uri(PLAN));
        assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:?}");
    });
}

#[test]
fn a_toml_file_that_is_not_a_plan_gets_no_diagnostics() {
    session(json!({}), |c| {
        let cargo = "/p/Cargo.toml";
        c.open(cargo, "[package]\nname = \"x\"\nversion = \"0.1.0\"\n");
        assert_eq!(c.diagnostics(&uri(cargo)), Vec::<Value>::new());
        // Half typed, still not a plan.
        c.edit(cargo, 2, [2, 0, 2, 0], "[dependencies\n");
        assert_eq!(c.diagnostics(&uri(cargo)), Vec::<Value>::new());
        // Nor hover, completion or formatting: the file is not almanac's.
        assert_eq!(
            c.request("textDocument/hover", at(cargo, 1, 1)),
            Value::Null
        );
        assert_eq!(
            c.request("textDocument/completion", at(cargo, 1, 0)),
            Value::Null
        );
        let format = json!({"textDocument": {"uri": uri(cargo)}, "options": {"tabSize": 2, "insertSpaces": true}});
        assert_eq!(c.request("textDocument/formatting", format), Value::Null);
        // A fragment that says it is one is checked on its own.
        let lone = "/p/plans/lone.toml";
        c.open(
            lone,
            "#:schema ../schema/plan.schema.json\n\n[people.a]\nnmae = \"x\"\n",
        );
        assert_eq!(codes(&c.diagnostics(&uri(lone))), ["S009", "S003"]);
    });
}

#[test]
fn hover_on_a_diagnostic_explains_its_rule() {
    with_plan(|c| {
        let owner = line_of(PLAN_TEXT, "owner = \"designer\"");
        c.edit(PLAN, 2, [owner, 9, owner, 17], "desinger");
        c.diagnostics(&uri(PLAN));
        // No such person to show: the rule's explanation alone.
        let shown = c.hover(PLAN, owner, 11);
        assert!(shown.starts_with("**R001 "), "{shown}");
        // On a value that resolves, the explanation follows what it means.
        c.edit(PLAN, 3, [owner, 9, owner, 17], "designer");
        c.diagnostics(&uri(PLAN));
        let window = line_of(PLAN_TEXT, "window = \"jul..aug\"");
        c.edit(PLAN, 4, [window, 10, window, 18], "aug..jul");
        c.diagnostics(&uri(PLAN));
        let shown = c.hover(PLAN, window, 12);
        let (above, below) = shown
            .split_once("\n\n---\n\n")
            .unwrap_or_else(|| panic!("{shown}"));
        assert!(!above.is_empty() && below.starts_with("**D"), "{shown}");
    });
}
