//! The pages `serve` makes around the built files: the index of the plans,
//! a plan's page, the task list as HTML, the source view of a file the
//! check read, and the live script injected into every HTML page (an
//! `EventSource` on `/events` that reloads the page when its plan is
//! rebuilt and shows the diagnostics over the last good render while the
//! plan has errors). Every piece of plan text is HTML-escaped here.

use std::fmt::Write;
use std::path::Path;

use super::http::encode;
use super::{PlanState, Site};
use crate::locale::{Locale, words};

/// HTML-escapes text for element content and quoted attributes.
pub fn esc(s: &str) -> String {
    let s = crate::text::for_display(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The language of the site's own pages: the plans' if they agree.
fn site_locale(site: &Site) -> Locale {
    let mut ls = site.plans.iter().map(|p| p.locale);
    let first = ls.next().unwrap_or(Locale::En);
    if ls.all(|l| l == first) {
        first
    } else {
        Locale::En
    }
}

fn lang_attr(l: Locale) -> &'static str {
    words(l).locale
}

const STYLE: &str = "body{font:15px/1.5 system-ui,'Noto Sans CJK SC',sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}\
a{color:#0b5cad}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}\
.ok{color:#1a7f37}.bad{color:#c62828;font-weight:600}.warn{color:#9a6700}pre{background:#f6f8fa;padding:1rem;overflow:auto}\
.src{counter-reset:l}.src span{display:block}.src span:target{background:#fff3b0}.src b{display:inline-block;width:3.5em;color:#888;font-weight:400;user-select:none}";

fn page(l: Locale, title: &str, body: &str, site: &Site, live: Live<'_>) -> String {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>\n",
        lang_attr(l),
        esc(title)
    );
    inject(&html, site, live)
}

/// The state of a plan in words: ok, or its counts.
fn state(p: &PlanState) -> String {
    if p.errors == 0 && p.warnings == 0 {
        format!("<span class=\"ok\">{}</span>", words(p.locale).serve_ok)
    } else {
        let class = if p.errors > 0 { "bad" } else { "warn" };
        let text = crate::diagnostics::counts(p.locale, p.errors, p.warnings);
        format!("<span class=\"{class}\">{}</span>", esc(&text))
    }
}

fn built(p: &PlanState) -> String {
    let w = words(p.locale);
    if p.built == 0 {
        w.serve_not_built.to_string()
    } else {
        w.serve_build.replace("{n}", &p.generation.to_string())
    }
}

/// Links to a plan's main views that its last good build made.
fn views(p: &PlanState) -> String {
    let w = words(p.locale);
    let base = format!("/{}/", encode(&p.id));
    let mut out = Vec::new();
    for (file, label, href) in [
        ("timeline.html", w.serve_timeline, "timeline.html"),
        ("deck.html", w.serve_deck, "deck.html"),
        ("tasks.md", w.serve_tasks, "tasks.html"),
    ] {
        if p.artifact(file).is_some() {
            out.push(format!("<a href=\"{base}{href}\">{label}</a>"));
        }
    }
    out.push(format!("<a href=\"{base}\">{}</a>", w.serve_files));
    out.join(" · ")
}

/// `/`: every plan with its state and links.
pub fn index(site: &Site) -> String {
    let l = site_locale(site);
    let w = words(l);
    let mut body = format!("<h1>almanac · {}</h1><table id=\"plans\">", w.serve_plans);
    for p in &site.plans {
        let name = if p.name.is_empty() { &p.id } else { &p.name };
        let _ = write!(
            body,
            "<tr data-plan=\"{}\"><td><a href=\"/{}/\">{}</a><br><small>{}</small></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.id),
            encode(&p.id),
            esc(name),
            esc(&p.path.display().to_string()),
            state(p),
            built(p),
            views(p)
        );
    }
    body.push_str("</table>");
    page(
        l,
        &format!("almanac · {}", w.serve_plans),
        &body,
        site,
        Live::Index,
    )
}

/// `/<plan>/`: the plan's views, every file built, the files read and the
/// diagnostics.
pub fn plan_page(site: &Site, p: &PlanState) -> String {
    let w = words(p.locale);
    let name = if p.name.is_empty() { &p.id } else { &p.name };
    let base = format!("/{}/", encode(&p.id));
    let mut body = format!(
        "<p><a href=\"/\">almanac · {}</a></p><h1>{}</h1><p>{} · {} · {}</p><h2>{}</h2><ul id=\"files\">",
        w.serve_plans,
        esc(name),
        state(p),
        built(p),
        views(p),
        w.serve_files
    );
    for a in &p.artifacts {
        let _ = write!(
            body,
            "<li><a href=\"{base}{}\">{}</a></li>",
            encode(&a.path),
            esc(&a.path)
        );
    }
    let _ = write!(body, "</ul><h2>{}</h2><ul>", w.serve_read);
    for (i, (path, _)) in p.sources.iter().enumerate() {
        let _ = write!(
            body,
            "<li><a href=\"{base}source/{i}\">{}</a></li>",
            esc(&path.display().to_string())
        );
    }
    body.push_str("</ul>");
    if !p.report.is_empty() {
        let _ = write!(
            body,
            "<h2>{}</h2><pre id=\"report\">{}</pre>",
            w.serve_diagnostics,
            linked_report(p)
        );
    }
    page(p.locale, name, &body, site, Live::Report(p))
}

/// `/<plan>/tasks.html`: `tasks.md` as HTML. Its text was escaped for
/// Markdown when written; raw HTML in it is shown as text.
pub fn tasks(site: &Site, p: &PlanState, md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, html};
    let parser =
        Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS).map(|e| match e {
            Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
            e => e,
        });
    let mut body = format!(
        "<p><a href=\"/\">almanac</a> · <a href=\"/{}/\">{}</a></p>",
        encode(&p.id),
        esc(&p.id)
    );
    html::push_html(&mut body, parser);
    page(
        p.locale,
        words(p.locale).serve_tasks,
        &body,
        site,
        Live::Built(p),
    )
}

/// `/<plan>/source/<n>`: a file the check read, each line with an anchor.
pub fn source(site: &Site, p: &PlanState, path: &Path, text: &str) -> String {
    let shown = path.display().to_string();
    let mut body = format!(
        "<p><a href=\"/\">almanac</a> · <a href=\"/{}/\">{}</a></p><h1>{}</h1><pre class=\"src\">",
        encode(&p.id),
        esc(&p.id),
        esc(&shown)
    );
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let _ = write!(body, "<span id=\"L{n}\"><b>{n}</b>{}</span>", esc(line));
    }
    body.push_str("</pre>");
    page(p.locale, &shown, &body, site, Live::Report(p))
}

/// The report with each `file:line:column` of a file the check read made a
/// link to that line of the file's source view.
pub fn linked_report(p: &PlanState) -> String {
    let names: Vec<String> = (p.sources.iter())
        .map(|(path, _)| esc(&crate::text::escape_unsafe(&path.display().to_string())))
        .collect();
    // Longest names first, so `a/b.toml` is not taken for `b.toml`.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(names[i].len()));
    let mut out = String::new();
    for line in p.report.lines() {
        let mut line = esc(line);
        for &i in &order {
            let name = &names[i];
            if name.is_empty() {
                continue;
            }
            if let Some(at) = line.find(&format!("{name}:")) {
                let after = &line[at + name.len() + 1..];
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                if digits.is_empty() {
                    continue;
                }
                let col: String = after[digits.len()..]
                    .strip_prefix(':')
                    .map(|c| c.chars().take_while(char::is_ascii_digit).collect())
                    .unwrap_or_default();
                let len =
                    name.len() + 1 + digits.len() + if col.is_empty() { 0 } else { col.len() + 1 };
                let shown = &line[at..at + len];
                let link = format!(
                    "<a href=\"/{}/source/{i}#L{digits}\">{shown}</a>",
                    encode(&p.id)
                );
                line = format!("{}{link}{}", &line[..at], &line[at + len..]);
                break;
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The overlay shown over a page while its plan has errors.
pub fn overlay(p: &PlanState) -> String {
    let w = words(p.locale);
    format!(
        "<div class=\"box\" role=\"alertdialog\" aria-labelledby=\"almanac-overlay-title\"><button type=\"button\" class=\"hide\">{}</button><h2 id=\"almanac-overlay-title\">{}</h2><p>{}</p><pre>{}</pre></div>",
        w.serve_overlay_hide,
        w.serve_overlay_title,
        w.serve_overlay_help,
        linked_report(p)
    )
}

/// What an event tells the pages: the site's generation and, per plan, the
/// generation of its served files, its error count and its overlay.
pub fn event(site: &Site) -> String {
    let plans: Vec<serde_json::Value> = (site.plans.iter())
        .map(|p| {
            serde_json::json!({
                "id": p.id,
                "built": p.built,
                "generation": p.generation,
                "errors": p.errors,
                "overlay": if p.errors > 0 { overlay(p) } else { String::new() },
            })
        })
        .collect();
    serde_json::json!({ "generation": site.generation, "plans": plans }).to_string()
}

/// The live script, run in every served page. Its element carries the plan
/// it belongs to and the generations the page was made from.
const LIVE: &str = r#"(function () {
  var me = document.currentScript;
  var plan = me.getAttribute('data-plan');
  var built = Number(me.getAttribute('data-built'));
  var generation = Number(me.getAttribute('data-generation'));
  var host = null;
  function show(html) {
    if (!host) {
      host = document.createElement('almanac-overlay');
      host.id = 'almanac-overlay';
      host.attachShadow({ mode: 'open' });
      document.documentElement.appendChild(host);
    }
    host.shadowRoot.innerHTML = '<style>' +
      ':host{all:initial;position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.55);display:flex;align-items:flex-start;justify-content:center;overflow:auto;font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif}' +
      '.box{background:#fff;color:#222;margin:4vh 2vw;max-width:70rem;width:100%;border-top:6px solid #c62828;padding:1rem 1.5rem;box-shadow:0 8px 30px rgba(0,0,0,.4)}' +
      'h2{color:#c62828;margin:.2rem 0;font-size:1.2rem}pre{white-space:pre-wrap;font:13px/1.45 ui-monospace,"Noto Sans Mono CJK SC",monospace;background:#f6f6f6;padding:.8rem;overflow:auto}' +
      'a{color:#0b5cad}.hide{float:right}</style>' + html;
    var b = host.shadowRoot.querySelector('.hide');
    if (b) b.onclick = function () { host.style.display = 'none'; };
  }
  var es = new EventSource('/events');
  es.onmessage = function (m) {
    var s = JSON.parse(m.data);
    if (plan === '') {
      if (s.generation !== generation) location.reload();
      return;
    }
    var p = s.plans.filter(function (x) { return x.id === plan; })[0];
    if (!p) return;
    if (me.getAttribute('data-overlay') === '0') {
      if (p.generation !== generation) { es.close(); location.reload(); }
      return;
    }
    if (p.errors > 0) { show(p.overlay); return; }
    if (host || p.built !== built) { es.close(); location.reload(); }
  };
})();"#;

/// What a page follows.
#[derive(Clone, Copy)]
pub enum Live<'a> {
    /// The index: reloads on any change of any plan.
    Index,
    /// A built page of a plan: reloads on a new build; shows the overlay
    /// while the plan has errors.
    Built(&'a PlanState),
    /// A page that shows the plan's state itself (its page, a source
    /// view): reloads on any change of the plan, never covered.
    Report(&'a PlanState),
}

/// `html` with the live script before its `</body>` (or at its end).
pub fn inject(html: &str, site: &Site, live: Live<'_>) -> String {
    let (id, built, generation, overlay) = match live {
        Live::Index => (String::new(), 0, site.generation, 1),
        Live::Built(p) => (esc(&p.id), p.built, p.generation, 1),
        Live::Report(p) => (esc(&p.id), p.built, p.generation, 0),
    };
    let script = format!(
        "<script id=\"almanac-live\" data-plan=\"{id}\" data-built=\"{built}\" data-generation=\"{generation}\" data-overlay=\"{overlay}\">{LIVE}</script>"
    );
    let html = allow_events(html);
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    format!("{}{script}{}", &html[..at], &html[at..])
}

/// A page's own Content-Security-Policy (the deck's allows no connection)
/// with `connect-src 'self'` put first, so the live script may open
/// `/events` (of two `connect-src`, the first counts).
fn allow_events(html: &str) -> String {
    const META: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    match html.find(META) {
        Some(at) => {
            let at = at + META.len();
            format!("{}connect-src 'self'; {}", &html[..at], &html[at..])
        }
        None => html.to_string(),
    }
}
