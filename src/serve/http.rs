//! The HTTP side of `serve` as pure functions: a request head read from
//! bytes, and the answer to it from a [`Site`]. Only what the site holds in
//! memory is served: a path is split into segments, each segment is
//! percent-decoded on its own and looked up by name (a plan id, then one of
//! its built files), so no request is ever joined onto a folder, and `..`,
//! encoded slashes, backslashes and NUL find nothing (404). The `Host`
//! header must name this server (an IP address or `localhost` with the
//! port, or the `--host` value), which keeps a page on another site from
//! reaching it through DNS rebinding (403).

use super::Site;
use super::pages;

/// The largest request head read (request line and headers).
pub const MAX_HEAD: usize = 16 * 1024;

/// What the handler needs of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent (`/plan/deck.html?x`).
    pub target: String,
    pub host: Option<String>,
}

/// An answer: a complete response, or the start of the event stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Response {
    Full {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
        /// `Location` of a redirect.
        location: Option<String>,
    },
    Events,
}

impl Response {
    pub fn status(&self) -> u16 {
        match self {
            Response::Full { status, .. } => *status,
            Response::Events => 200,
        }
    }

    fn text(status: u16, text: &str) -> Response {
        Response::Full {
            status,
            content_type: "text/plain; charset=utf-8",
            body: text.as_bytes().to_vec(),
            location: None,
        }
    }

    pub fn html(body: String) -> Response {
        Response::Full {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: body.into_bytes(),
            location: None,
        }
    }

    /// The response as bytes: status line, headers, body. Every response
    /// closes its connection.
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            Response::Events => b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n".to_vec(),
            Response::Full {
                status,
                content_type,
                body,
                location,
            } => {
                let mut head = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n",
                    reason(*status),
                    body.len()
                );
                if *status == 405 {
                    head.push_str("Allow: GET\r\n");
                }
                if let Some(l) = location {
                    head.push_str(&format!("Location: {l}\r\n"));
                }
                head.push_str("\r\n");
                let mut out = head.into_bytes();
                out.extend_from_slice(body);
                out
            }
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The names the `Host` header may give: loopback names with the port, and
/// the `--host` value (with or without the port).
#[derive(Clone, Debug)]
pub struct Hosts {
    pub port: u16,
    pub extra: Option<String>,
}

impl Hosts {
    /// Whether a request may name this server so. An IP address with the
    /// port is always allowed (a rebinding attack needs a DNS name; this is
    /// how a colleague reaches a server started with `--host 0.0.0.0`), as
    /// are `localhost` with the port and the `--host` value.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let port = self.port;
        let ip = host.strip_suffix(&format!(":{port}")).is_some_and(|h| {
            h.strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .map_or_else(
                    || !h.contains(':') && h.parse::<std::net::Ipv4Addr>().is_ok(),
                    |v6| v6.parse::<std::net::Ipv6Addr>().is_ok(),
                )
        });
        ip || host == format!("localhost:{port}")
            || self.extra.as_deref().is_some_and(|e| {
                let e = e.to_ascii_lowercase();
                let e = if e.contains(':') && !e.starts_with('[') {
                    format!("[{e}]")
                } else {
                    e
                };
                host == e || host == format!("{e}:{port}")
            })
    }
}

/// Reads a request head (everything up to the blank line). `Err` is the
/// status to answer with.
pub fn parse_head(head: &[u8]) -> Result<Request, u16> {
    if head.len() > MAX_HEAD {
        return Err(431);
    }
    let text = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = text.split("\r\n");
    let line = lines.next().unwrap_or_default();
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || target.is_empty() {
        return Err(400);
    }
    let mut host = None;
    for h in lines.take_while(|l| !l.is_empty()) {
        let Some((name, value)) = h.split_once(':') else {
            return Err(400);
        };
        if name.eq_ignore_ascii_case("host") {
            if host.is_some() {
                return Err(400);
            }
            host = Some(value.trim().to_string());
        }
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        host,
    })
}

/// What a path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    Index,
    Events,
    /// `/<plan>` without the slash: redirected to the plan's page.
    PlanBare(String),
    Plan(String),
    /// `/<plan>/tasks.html`: the task list rendered from `tasks.md`.
    Tasks(String),
    /// `/<plan>/source/<n>`: the n-th file the plan's check read.
    Source(String, usize),
    File(String, String),
}

/// The route of a request target, or `None` (404). Segments are decoded
/// one by one; a segment that decodes to something containing `/`, `\`,
/// NUL, or that is `.` or `..`, names nothing.
pub fn route(target: &str) -> Option<Route> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let rest = path.strip_prefix('/')?;
    if path.contains(['\\', '\0']) {
        return None;
    }
    if rest.is_empty() {
        return Some(Route::Index);
    }
    if rest == "events" {
        return Some(Route::Events);
    }
    let segs: Vec<String> = rest
        .split('/')
        .map(decode)
        .collect::<Option<Vec<String>>>()?;
    let plan = |s: &String| Some(s.clone()).filter(|s| !s.is_empty());
    match segs.as_slice() {
        [p] => Some(Route::PlanBare(plan(p)?)),
        [p, f] if f.is_empty() => Some(Route::Plan(plan(p)?)),
        [p, f] if f == "tasks.html" => Some(Route::Tasks(plan(p)?)),
        [p, f] => Some(Route::File(plan(p)?, plan(f)?)),
        [p, s, n] if s == "source" => {
            let n = (n.bytes().all(|b| b.is_ascii_digit()) && n.len() < 6)
                .then(|| n.parse().ok())
                .flatten()?;
            Some(Route::Source(plan(p)?, n))
        }
        _ => None,
    }
}

/// Percent-decodes one path segment; `None` for a bad escape, text that is
/// not UTF-8, or a segment naming a path (`.`, `..`, `/`, `\`, NUL, controls).
fn decode(seg: &str) -> Option<String> {
    let s = String::from_utf8(crate::percent::decode(seg)?).ok()?;
    let bad = s == "." || s == ".." || s.chars().any(|c| c == '/' || c == '\\' || c.is_control());
    (!bad).then_some(s)
}

/// Percent-encodes a plan id or file name for a URL path segment.
pub fn encode(seg: &str) -> String {
    crate::percent::encode(seg, b"")
}

/// The answer to `req` from `site`.
pub fn handle(site: &Site, req: &Request, hosts: &Hosts) -> Response {
    if !req.host.as_deref().is_some_and(|h| hosts.allows(h)) {
        return Response::text(403, "403 Forbidden: unexpected Host header\n");
    }
    if req.method != "GET" {
        return Response::text(405, "405 Method Not Allowed\n");
    }
    let not_found = || Response::text(404, "404 Not Found\n");
    let Some(route) = route(&req.target) else {
        return not_found();
    };
    let plan_of = |id: &str| site.plan(id);
    match route {
        Route::Index => Response::html(pages::index(site)),
        Route::Events => Response::Events,
        Route::PlanBare(id) => match plan_of(&id) {
            Some(p) => Response::Full {
                status: 308,
                content_type: "text/plain; charset=utf-8",
                body: Vec::new(),
                location: Some(format!("/{}/", encode(&p.id))),
            },
            None => not_found(),
        },
        Route::Plan(id) => {
            plan_of(&id).map_or_else(not_found, |p| Response::html(pages::plan_page(site, p)))
        }
        Route::Tasks(id) => plan_of(&id)
            .and_then(|p| Some((p, p.artifact("tasks.md")?)))
            .map_or_else(not_found, |(p, md)| {
                Response::html(pages::tasks(site, p, &String::from_utf8_lossy(&md.bytes)))
            }),
        Route::Source(id, n) => plan_of(&id)
            .and_then(|p| Some((p, p.sources.get(n)?)))
            .map_or_else(not_found, |(p, (path, text))| {
                Response::html(pages::source(site, p, path, text))
            }),
        Route::File(id, name) => {
            let Some((p, a)) = plan_of(&id).and_then(|p| Some((p, p.artifact(&name)?))) else {
                return not_found();
            };
            let content_type = content_type(&a.path);
            let body = if content_type.starts_with("text/html") {
                pages::inject(
                    &String::from_utf8_lossy(&a.bytes),
                    site,
                    pages::Live::Built(p),
                )
                .into_bytes()
            } else {
                a.bytes.clone()
            };
            Response::Full {
                status: 200,
                content_type,
                body,
                location: None,
            }
        }
    }
}

/// The media type of a built file, from its name.
pub fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or_default();
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" | "mmd" | "toml" | "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
