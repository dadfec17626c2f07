//! `almanac serve` as a user runs it: the real binary on a free port, raw
//! HTTP requests over TCP, an edit on disk seen through the event stream,
//! and Ctrl-C (SIGINT) for a clean stop. Nothing here measures time: reads
//! block until the server answers (with a generous timeout against a hang).

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::support::{Scratch, almanac};

const PLAN: &str = r#"include = ["shared/team.toml"]

[plan]
id = "mini"
name = "Mini <plan>"
year = 2026
locale = "en"

[campaigns.launch]
name = "Launch"
window = "2026-04-13..+2w"
channels = ["blog"]
owner = "ann"

[campaigns.launch.tasks.post]
name = "Launch post"
owner = "ann"
due = "start"
"#;

const TEAM: &str = "[people.ann]\nname = \"Ann\"\n\n[channels.blog]\nname = \"Blog\"\n";

/// The server, stopped (and reaped) if a test fails before it does.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &std::path::Path) -> Server {
    let mut child = almanac()
        .args(["serve", "mini.toml", "--port", "0"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("almanac serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the URL line");
    let port = line
        .trim()
        .strip_prefix("http://127.0.0.1:")
        .and_then(|r| r.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("a URL on stdout, got {line:?}"));
    Server { child, port }
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    s
}

/// Sends `raw` and reads the whole response (the server closes).
fn request(port: u16, raw: &str) -> (u16, String) {
    let mut s = connect(port);
    s.write_all(raw.as_bytes()).expect("sent");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("a response");
    let status = out
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {out:?}"));
    (status, out)
}

fn get(port: u16, path: &str) -> (u16, String) {
    request(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    )
}

/// The next `data:` line of an event stream.
fn next_event(r: &mut BufReader<TcpStream>) -> serde_json::Value {
    loop {
        let mut line = String::new();
        assert!(
            r.read_line(&mut line).expect("an event") > 0,
            "the stream ended"
        );
        if let Some(data) = line.strip_prefix("data: ") {
            return serde_json::from_str(data).expect("JSON data");
        }
    }
}

#[test]
fn serve_answers_only_what_it_built_follows_edits_and_stops_on_ctrl_c() {
    let s = Scratch::new()
        .file(".git/HEAD", "ref: refs/heads/main\n")
        .file("mini.toml", PLAN)
        .file("shared/team.toml", TEAM)
        .file("secret.txt", "not for the browser");
    let mut server = start(s.dir.path());
    let port = server.port;

    // The index and a plan's page, with the injected live script.
    let (status, index) = get(port, "/");
    assert_eq!(status, 200, "{index}");
    assert!(index.contains("Mini &lt;plan&gt;"), "{index}");
    assert!(index.contains("new EventSource('/events')"), "{index}");
    let (status, page) = get(port, "/mini/tasks.html");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Content-Type: text/html; charset=utf-8\r\n"),
        "{page}"
    );
    assert!(page.contains("<strong>Launch post</strong>"), "{page}");
    assert!(
        page.contains("<script id=\"almanac-live\" data-plan=\"mini\""),
        "{page}"
    );
    let (status, deck) = get(port, "/mini/deck.html");
    assert_eq!(status, 200);
    assert!(
        deck.contains("connect-src 'self'; default-src 'none'"),
        "the deck's policy lets the script connect"
    );

    // Traversal, raw or encoded, finds nothing.
    for path in [
        "/../secret.txt",
        "/mini/../secret.txt",
        "/%2e%2e/secret.txt",
        "/mini/..%2fsecret.txt",
        "/mini/%2F..%2Fsecret.txt",
        "//etc/passwd",
        "/mini/..\\secret.txt",
        "/secret.txt",
        "/mini/secret.txt",
    ] {
        let (status, body) = get(port, path);
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.contains("not for the browser"), "{path}");
    }
    // Another name in Host (DNS rebinding), or none: refused.
    let (status, _) = request(port, "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    assert_eq!(status, 403);
    let (status, _) = request(port, "GET / HTTP/1.1\r\n\r\n");
    assert_eq!(status, 403);
    let (status, _) = request(
        port,
        &format!("POST / HTTP/1.1\r\nHost: localhost:{port}\r\nContent-Length: 0\r\n\r\n"),
    );
    assert_eq!(status, 405);
    let (status, _) = request(port, "garbage\r\n\r\n");
    assert_eq!(status, 400);

    // The event stream: the state now, then after a save that breaks the
    // plan (the last good build stays served), then after the fix.
    let mut events = connect(port);
    write!(
        events,
        "GET /events HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
    )
    .expect("sent");
    let mut events = BufReader::new(events);
    let first = next_event(&mut events);
    assert_eq!(first["plans"][0]["id"], "mini");
    assert_eq!(first["plans"][0]["errors"], 0);
    let built = first["plans"][0]["built"].clone();

    std::fs::write(
        s.dir.path().join("mini.toml"),
        PLAN.replace("[\"blog\"]", "[\"blgo\"]"),
    )
    .expect("edit");
    let broken = next_event(&mut events);
    assert_eq!(broken["plans"][0]["errors"], 1, "{broken}");
    assert_eq!(broken["plans"][0]["built"], built);
    let overlay = broken["plans"][0]["overlay"].as_str().unwrap_or_default();
    assert!(
        overlay.contains("error[R001]: unknown channel `blgo`"),
        "{overlay}"
    );
    assert!(overlay.contains("href=\"/mini/source/0#L12\""), "{overlay}");
    let (status, page) = get(port, "/mini/tasks.html");
    assert_eq!(status, 200, "the last good build is still served");
    assert!(page.contains("2026-04-13"), "{page}");
    let (status, source) = get(port, "/mini/source/0");
    assert_eq!(status, 200);
    assert!(
        source.contains("<span id=\"L12\"><b>12</b>channels = [&quot;blgo&quot;]</span>"),
        "{source}"
    );

    std::fs::write(
        s.dir.path().join("mini.toml"),
        PLAN.replace("2026-04-13", "2026-04-20"),
    )
    .expect("fix");
    let fixed = next_event(&mut events);
    assert_eq!(fixed["plans"][0]["errors"], 0, "{fixed}");
    assert_ne!(fixed["plans"][0]["built"], built);
    let (_, page) = get(port, "/mini/tasks.html");
    assert!(
        page.contains("2026-04-20") && !page.contains("2026-04-13"),
        "{page}"
    );

    // Ctrl-C: a closing line and exit 0.
    // SAFETY: signals a child process this test started.
    let sent = unsafe {
        libc::kill(
            libc::pid_t::try_from(server.child.id()).expect("pid"),
            libc::SIGINT,
        )
    };
    assert_eq!(sent, 0);
    let status = server.child.wait().expect("exits");
    let mut stderr = String::new();
    server
        .child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("error[R001]: unknown channel `blgo`"),
        "{stderr}"
    );
    // The fix is said too, so the terminal does not end on the error.
    let fixed = stderr
        .rfind("rebuilt (build #")
        .expect("the fix is reported");
    assert!(
        fixed > stderr.rfind("unknown channel").unwrap_or(0),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("almanac: stopped"), "{stderr}");
}

/// The next line of `r` that contains `what`, and the lines before it.
fn line_with(r: &mut impl BufRead, what: &str) -> String {
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        let n = r.read_line(&mut line).expect("a line");
        assert!(n > 0, "the output ended before {what:?}:\n{seen}");
        seen.push_str(&line);
        if line.contains(what) {
            return seen;
        }
    }
}

#[test]
fn watch_rebuilds_into_the_folder_on_save_and_keeps_it_on_errors() {
    let s = Scratch::new()
        .file(".git/HEAD", "ref: refs/heads/main\n")
        .file("mini.toml", PLAN)
        .file("shared/team.toml", TEAM);
    let mut child = almanac()
        .args(["watch", "mini.toml", "-o", "out"])
        .current_dir(s.dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("almanac watch starts");
    let mut err = BufReader::new(child.stderr.take().expect("stderr"));
    // Against a hang: past two minutes the child is stopped, its output
    // ends and the test fails saying what it waited for.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    let watchdog = {
        let done = std::sync::Arc::clone(&done);
        std::thread::spawn(move || {
            for _ in 0..1200 {
                if done.load(std::sync::atomic::Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            // SAFETY: signals the child this test started, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        })
    };
    let json = s.dir.path().join("out/mini/tasks.json");
    line_with(&mut err, "built mini → out/mini/");
    line_with(&mut err, "rebuilding on save");
    assert!(
        std::fs::read_to_string(&json)
            .expect("written")
            .contains("2026-04-13")
    );

    // A change to the include breaks the plan: reported, the folder kept.
    std::fs::write(
        s.dir.path().join("shared/team.toml"),
        TEAM.replace("blog", "news"),
    )
    .expect("edit");
    let report = line_with(&mut err, "keeping the last good build");
    assert!(
        report.contains("error[R001]: unknown channel `blog`"),
        "{report}"
    );
    assert!(
        std::fs::read_to_string(&json)
            .expect("kept")
            .contains("2026-04-13")
    );

    // Fixed, with the campaign moved: written again.
    std::fs::write(s.dir.path().join("shared/team.toml"), TEAM).expect("fix");
    std::fs::write(
        s.dir.path().join("mini.toml"),
        PLAN.replace("2026-04-13", "2026-04-20"),
    )
    .expect("move");
    loop {
        line_with(&mut err, "built mini → out/mini/");
        if std::fs::read_to_string(&json)
            .expect("written")
            .contains("2026-04-20")
        {
            break;
        }
    }

    // SAFETY: signals a child process this test started.
    let sent = unsafe {
        libc::kill(
            libc::pid_t::try_from(child.id()).expect("pid"),
            libc::SIGINT,
        )
    };
    assert_eq!(sent, 0);
    let rest = line_with(&mut err, "almanac: stopped");
    let status = child.wait().expect("exits");
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    watchdog.join().expect("the watchdog ends");
    assert_eq!(status.code(), Some(0), "{rest}");
}
