//! The request handler as a pure function: only what was built is served,
//! whatever the path says; the `Host` header is checked; GET only.

use std::path::PathBuf;

use super::{Hosts, Request, Response, Route, handle, parse_head, route};
use crate::serve::tests::{PLAN, options, site, world};

const PORT: u16 = 4707;

fn hosts() -> Hosts {
    Hosts {
        port: PORT,
        extra: None,
    }
}

fn get(target: &str) -> Request {
    Request {
        method: "GET".into(),
        target: target.into(),
        host: Some(format!("127.0.0.1:{PORT}")),
    }
}

fn body(r: &Response) -> String {
    match r {
        Response::Full { body, .. } => String::from_utf8_lossy(body).into_owned(),
        Response::Events => String::new(),
    }
}

#[test]
fn paths_outside_what_was_built_are_not_found() {
    let w = world();
    let site = site(&w);
    // The file exists under its real name…
    assert_eq!(
        handle(&site, &get("/mini/tasks.json"), &hosts()).status(),
        200
    );
    for target in [
        "/../x",
        "/..",
        "/%2e%2e/",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/mini/..%2fx",
        "/mini/..%2ftasks.json",
        "/mini/%2F..",
        "/mini/%2e%2e",
        "/mini/./tasks.json",
        "/mini/../mini/tasks.json",
        "//etc/passwd",
        "/mini//tasks.json",
        "/mini\\tasks.json",
        "/mini/..\\..\\x",
        "/mini/%5c..%5cx",
        "/mini/tasks.json%00",
        "/mini/tasks.json\0",
        "/mini/%zz",
        "/mini/%",
        "/mini/tasks.csv",
        "/mini/deck.html",
        "/mini/source/9",
        "/mini/source/-1",
        "/mini/source/x",
        "/other/",
        "/other/tasks.json",
        "mini/tasks.json",
        "http://evil/mini/tasks.json",
        "/mini/tasks.json/",
        "/mini/a/b/c",
        "/etc/passwd",
        "/p/plans/mini.toml",
        "/mini/mini.toml",
    ] {
        let r = handle(&site, &get(target), &hosts());
        assert_eq!(r.status(), 404, "{target:?}: {}", body(&r));
    }
}

#[test]
fn routes_decode_each_segment_alone() {
    assert_eq!(route("/"), Some(Route::Index));
    assert_eq!(route("/?x=1"), Some(Route::Index));
    assert_eq!(route("/events"), Some(Route::Events));
    assert_eq!(route("/a%20b/"), Some(Route::Plan("a b".into())));
    assert_eq!(
        route("/%E6%96%B0/deck.html#s2"),
        Some(Route::File("新".into(), "deck.html".into()))
    );
    assert_eq!(route("/a/source/2"), Some(Route::Source("a".into(), 2)));
    assert_eq!(route("/a"), Some(Route::PlanBare("a".into())));
    assert_eq!(route("/a/b%2Fc"), None);
}

#[test]
fn the_host_header_must_name_this_server() {
    let w = world();
    let site = site(&w);
    for ok in [
        "127.0.0.1:4707",
        "localhost:4707",
        "LOCALHOST:4707",
        "[::1]:4707",
        // IP addresses: no DNS name to rebind (a colleague on `--host 0.0.0.0`).
        "192.168.1.5:4707",
        "[fe80::1]:4707",
    ] {
        let mut r = get("/");
        r.host = Some(ok.into());
        assert_eq!(handle(&site, &r, &hosts()).status(), 200, "{ok}");
    }
    for bad in [
        Some("evil.example:4707"),
        Some("evil.example"),
        Some("127.0.0.1"),
        Some("localhost:80"),
        Some("127.0.0.1:4707.evil.example"),
        Some("127.0.0.1.evil.example:4707"),
        Some("1.2.3:4707"),
        Some("[evil.example]:4707"),
        Some("::1:4707"),
        Some("192.168.1.5:80"),
        Some(""),
        None,
    ] {
        let mut r = get("/mini/tasks.json");
        r.host = bad.map(Into::into);
        assert_eq!(handle(&site, &r, &hosts()).status(), 403, "{bad:?}");
    }
    // `--host` adds its name, with or without the port.
    let extra = Hosts {
        port: PORT,
        extra: Some("plans.lan".into()),
    };
    for ok in ["plans.lan", "plans.lan:4707"] {
        let mut r = get("/");
        r.host = Some(ok.into());
        assert_eq!(handle(&site, &r, &extra).status(), 200, "{ok}");
    }
}

#[test]
fn only_get_is_answered() {
    let w = world();
    let site = site(&w);
    for method in ["HEAD", "POST", "PUT", "DELETE", "OPTIONS", "get"] {
        let mut r = get("/mini/tasks.json");
        r.method = method.into();
        let resp = handle(&site, &r, &hosts());
        assert_eq!(resp.status(), 405, "{method}");
        assert!(String::from_utf8_lossy(&resp.to_bytes()).contains("\r\nAllow: GET\r\n"));
    }
}

#[test]
fn request_heads_are_read_strictly() {
    let r = parse_head(b"GET /a/ HTTP/1.1\r\nHost: localhost:1\r\nAccept: */*\r\n\r\n");
    assert_eq!(
        r,
        Ok(Request {
            method: "GET".into(),
            target: "/a/".into(),
            host: Some("localhost:1".into()),
        })
    );
    assert_eq!(
        parse_head(b"GET /a/ HTTP/1.1\r\n\r\n").map(|r| r.host),
        Ok(None)
    );
    assert_eq!(parse_head(b"GET /a/\r\n\r\n"), Err(400));
    assert_eq!(parse_head(b"GET /a b HTTP/1.1\r\n\r\n"), Err(400));
    assert_eq!(parse_head(b"GET / SPDY/3\r\n\r\n"), Err(400));
    assert_eq!(
        parse_head(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
        Err(400)
    );
    assert_eq!(parse_head(b"GET / HTTP/1.1\r\nno colon\r\n\r\n"), Err(400));
    assert_eq!(parse_head(b"GET /\xff HTTP/1.1\r\n\r\n"), Err(400));
    assert_eq!(parse_head(&vec![b'a'; super::MAX_HEAD + 1]), Err(431));
}

#[test]
fn pages_carry_the_live_script_and_escape_plan_text() {
    let w = world();
    let site = site(&w);
    let index = body(&handle(&site, &get("/"), &hosts()));
    assert!(
        index.contains("Mini &lt;plan&gt;") && !index.contains("Mini <plan>"),
        "{index}"
    );
    assert!(index.contains("href=\"/mini/tasks.html\""), "{index}");
    assert!(
        index.contains("<script id=\"almanac-live\" data-plan=\"\""),
        "{index}"
    );
    assert!(index.contains("new EventSource('/events')"), "{index}");

    let page = body(&handle(&site, &get("/mini/"), &hosts()));
    assert!(
        page.contains(
            "data-plan=\"mini\" data-built=\"1\" data-generation=\"1\" data-overlay=\"0\""
        ),
        "{page}"
    );
    assert!(page.contains("href=\"/mini/tasks.json\""), "{page}");
    assert!(page.contains("href=\"/mini/source/0\""), "{page}");

    let tasks = handle(&site, &get("/mini/tasks.html"), &hosts());
    let Response::Full { content_type, .. } = &tasks else {
        panic!("a page")
    };
    assert_eq!(*content_type, "text/html; charset=utf-8");
    let tasks = body(&tasks);
    assert!(
        tasks.contains("<h1>Mini &lt;plan&gt; · Task list</h1>"),
        "{tasks}"
    );
    assert!(
        tasks.contains("2026-04-13 Mon · <strong>Launch post</strong>"),
        "{tasks}"
    );
    assert!(tasks.contains("type=\"checkbox\""), "{tasks}");
    assert!(
        tasks.contains("</ul>\n<script id=\"almanac-live\""),
        "{tasks}"
    );
    assert!(tasks.contains("data-overlay=\"1\""), "{tasks}");

    // Built files keep their bytes and get their type.
    let json = handle(&site, &get("/mini/tasks.json"), &hosts());
    let Response::Full { content_type, .. } = &json else {
        panic!("a file")
    };
    assert_eq!(*content_type, "application/json");
    assert_eq!(
        body(&json).into_bytes(),
        site.plans[0].artifact("tasks.json").expect("built").bytes
    );

    // `/mini` is the plan's page with its slash.
    let bare = handle(&site, &get("/mini"), &hosts());
    assert_eq!(bare.status(), 308);
    assert!(String::from_utf8_lossy(&bare.to_bytes()).contains("\r\nLocation: /mini/\r\n"));
    assert_eq!(handle(&site, &get("/events"), &hosts()), Response::Events);
}

#[test]
fn a_broken_plan_sends_its_diagnostics_with_links_to_the_lines() {
    let mut w = world();
    let mut site = site(&w);
    let text = crate::serve::tests::GOOD.replace("[\"blog\"]", "[\"<blgo>\"]");
    w.files.insert(PathBuf::from(PLAN), text.into_bytes());
    site.rebuild(&w, &options(), None);
    let event: serde_json::Value =
        serde_json::from_str(&crate::serve::pages::event(&site)).expect("JSON");
    let plan = &event["plans"][0];
    assert_eq!(plan["id"], "mini");
    assert_eq!(plan["errors"], 1);
    assert_eq!(plan["built"], 1);
    assert_eq!(plan["generation"], 2);
    let overlay = plan["overlay"].as_str().expect("an overlay");
    assert!(
        overlay.contains("error[R001]: unknown channel `&lt;blgo&gt;`"),
        "{overlay}"
    );
    assert!(
        overlay.contains("<a href=\"/mini/source/0#L12\">/p/plans/mini.toml:12:13</a>"),
        "{overlay}"
    );
    assert!(overlay.contains("The plan has errors"), "{overlay}");
    // The source view numbers and anchors each line, escaped.
    let src = body(&handle(&site, &get("/mini/source/0"), &hosts()));
    assert!(
        src.contains("data-overlay=\"0\""),
        "the source view is never covered"
    );
    assert!(
        src.contains("<span id=\"L12\"><b>12</b>channels = [&quot;&lt;blgo&gt;&quot;]</span>"),
        "{src}"
    );
}

#[test]
fn the_deck_policy_lets_the_live_script_connect() {
    let w = world();
    let site = site(&w);
    let html = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head><body>x</BODY></html>";
    let out = crate::serve::pages::inject(
        html,
        &site,
        crate::serve::pages::Live::Built(&site.plans[0]),
    );
    assert!(
        out.contains("content=\"connect-src 'self'; default-src 'none'\""),
        "{out}"
    );
    assert!(out.contains("x<script id=\"almanac-live\""), "{out}");
    assert!(out.ends_with("</script></BODY></html>"), "{out}");
}
