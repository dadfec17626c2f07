//! A plan written to attack whoever opens its outputs: every text field
//! holds markup (`<script>`, `"`, `&`, `]]>`), a template expression
//! (`{{ 7*7 }}`), a CR LF followed by an iCalendar property, a bidi
//! override and control characters, and tasks are named like spreadsheet
//! formulas. The real binary builds it; then every output is opened with a
//! real parser for its format — a CommonMark renderer, the `csv` crate,
//! `serde_json`, an iCalendar parser, an XML parser for each PPTX part —
//! and must show the plan's text as text: no injected element, no
//! formula, no extra calendar property or component, no raw control or
//! bidi character in a document, no template evaluated, while the JSON
//! outputs keep the text exactly as written.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use crate::support::Scratch;

/// What every text field of the plan ends with, as a TOML basic string's
/// content: markup, a template expression between two markers, a CR LF
/// and an iCalendar property, a bidi override, and control characters
/// (BEL, an ESC sequence, a C1 control, a line separator).
const HOSTILE_TOML: &str = r#" <script>alert(1)</script> \"q\" & ]]> tpl:{{ 7*7 }}:tpl \r\nATTENDEE:mailto:x \u202Eevil \u0007bell \u001b[31mred \u0085nel \u2028sep"#;

/// The same text, decoded.
const HOSTILE: &str = " <script>alert(1)</script> \"q\" & ]]> tpl:{{ 7*7 }}:tpl \r\nATTENDEE:mailto:x \u{202e}evil \u{7}bell \u{1b}[31mred \u{85}nel \u{2028}sep";

/// The template expression evaluated, as it must never appear.
const EVALUATED: &str = "tpl:49:tpl";
/// The template expression kept as text.
const KEPT: &str = "tpl:{{ 7*7 }}:tpl";

/// The task names that look like formulas, as TOML and decoded: each is
/// neutralised in the CSV, kept in the JSON.
const FORMULAS: &[(&str, &str)] = &[
    (
        r#"=HYPERLINK(\"http://x\",\"点我\")"#,
        "=HYPERLINK(\"http://x\",\"点我\")",
    ),
    (r"+1+cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0"),
    (r"-2+3", "-2+3"),
    (r"@SUM(1,2)", "@SUM(1,2)"),
    (r"\t=1+1", "\t=1+1"),
    (r"\r\n=2+2", "\r\n=2+2"),
    // A formula behind a control character: the character is dropped, and
    // what is left still must not run.
    (r"\u0007=3+3", "\u{7}=3+3"),
];

/// Characters a document must never hold raw: C0 controls except TAB and
/// LF (and CR only before LF), DEL, C1 controls, U+2028/U+2029 and the bidi
/// embeddings, overrides and isolates. Written out here independently of
/// the library's own list.
fn is_unsafe(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && c != '\t' && c != '\n' && c != '\r')
        || (0x7f..=0x9f).contains(&n)
        || (0x2028..=0x202e).contains(&n)
        || (0x2066..=0x2069).contains(&n)
}

/// The unsafe characters of `s` (a CR counts unless an LF follows).
fn unsafe_chars(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if is_unsafe(c) || (c == '\r' && it.peek() != Some(&'\n')) {
            out.push(c);
        }
    }
    out
}

/// `HOSTILE` as a document shows it: without its unsafe characters.
fn shown(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        let lone_cr = c == '\r' && it.peek() != Some(&'\n');
        if !is_unsafe(c) && !lone_cr {
            out.push(c);
        }
    }
    out
}

fn plan() -> String {
    let h = HOSTILE_TOML;
    let mut tasks = String::new();
    for (i, (name, _)) in FORMULAS.iter().enumerate() {
        tasks.push_str(&format!(
            "[campaigns.launch.tasks.f{i}]\nname = \"{name}\"\nowner = \"maya\"\ndue = \"start - {}wd\"\n\n",
            i + 3
        ));
    }
    format!(
        r#"[plan]
id = "hostile"
name = "Plan{h}"
year = 2027
timezone = "Europe/Berlin"
currency = "EUR"
locale = "en"
calendar = "none"
theme = "Theme{h}"
description = "Description{h}"
key_messages = ["Message{h}"]

[holidays.h]
name = "Holiday{h}"
off = "2027-05-03"

[people.maya]
name = "@Maya{h}"
role = "Role{h}"
capacity = "40h"

[people.tom]
name = "=Tom{h}"
role = "Role{h}"
capacity = "40h"

[channels.blog]
name = "-Blog{h}"
slots_per_week = 5
max_per_day = 2

[channels.social]
name = "+Social{h}"
slots_per_week = 5
max_per_day = 2

[budget]
total = "€100k"

[budget.paid]
name = "Paid{h}"
share = "100%"

[campaigns.launch]
name = "+Launch{h}"
window = "2027-04-12..+2w"
channels = ["blog", "social"]
owner = "maya"
messages = ["Campaign message{h}"]
budget = {{ paid = "€10k" }}

[campaigns.launch.tasks.brief]
name = "Brief{h}"
owner = "tom"
due = "start - 10wd"

{tasks}[moments.m]
name = "Moment{h}"
date = "05-20"
channels = ["blog"]
content = "Content{h}"

[columns.weekly]
name = "@Column{h}"
channel = "social"
owner = "tom"
every = "every wed except holidays"
effort = "2h"

[blackouts.b]
reason = "Reason{h}"
date = "12-24..12-26"

[review.levels.legal]
name = "=Legal{h}"
checks = "Checks{h}"
lead = "3wd"
response = "1wd"
owner = "maya"

[reserve]
share = "15%"
purpose = "Purpose{h}"

[kpis.signups]
name = "Signups{h}"
baseline = "1000"
target = "2000"
note = "Note{h}"

[audiences.a]
name = "Audience{h}"
messages = ["Audience message{h}"]

[guidelines.g]
text = "Guideline{h}"
"#
    )
}

/// Builds the hostile plan with the real binary; returns the scratch
/// folder and the plan's output folder.
fn build() -> (Scratch, PathBuf) {
    let s = Scratch::new().file("hostile.toml", plan());
    let r = s.run(&["build", "hostile.toml", "-o", "out"]);
    assert_eq!(r.code, 0, "build fails:\n{}{}", r.stdout, r.stderr);
    let out = s.dir.path().join("out/hostile");
    (s, out)
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn text(p: &Path) -> String {
    String::from_utf8(read(p)).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// What a test found wrong: every check runs, and the test fails at the
/// end with the whole list, so one run shows every way an output is unsafe.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }

    fn no_unsafe(&mut self, what: &str, s: &str) {
        let found: BTreeSet<char> = unsafe_chars(s).into_iter().collect();
        self.check(found.is_empty(), || {
            format!("{what} holds raw unsafe characters: {found:?}")
        });
    }

    fn not_evaluated(&mut self, what: &str, s: &str) {
        self.check(!s.contains(EVALUATED), || {
            format!("{what}: `{{{{ 7*7 }}}}` was evaluated")
        });
    }

    fn done(self) {
        assert!(self.0.is_empty(), "{}", self.0.join("\n"));
    }
}

#[test]
fn markdown_renders_plan_text_as_text() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (_s, out) = build();
    let md = text(&out.join("tasks.md"));
    let mut p = Problems::default();
    p.no_unsafe("tasks.md", &md);
    p.not_evaluated("tasks.md", &md);
    let mut html = Vec::new();
    let mut rendered = String::new();
    let mut title = String::new();
    let mut in_title = false;
    let mut headings = 0;
    for event in Parser::new(&md) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.into_string()),
            Event::Start(Tag::Heading { .. }) => {
                headings += 1;
                in_title = headings == 1;
            }
            Event::End(TagEnd::Heading(_)) => in_title = false,
            Event::Text(t) | Event::Code(t) => {
                if in_title {
                    title.push_str(&t);
                }
                rendered.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => rendered.push('\n'),
            _ => {}
        }
    }
    // The template itself writes no HTML, so any HTML event is the plan's.
    p.check(html.is_empty(), || {
        format!("raw HTML in tasks.md: {html:?}")
    });
    // Plan text shows literally, with its line breaks folded into spaces.
    let literal = shown(HOSTILE).replace(['\r', '\n'], " ");
    p.check(title.starts_with(&format!("Plan{literal}")), || {
        format!("the title is not the plan's name as text: {title:?}")
    });
    for name in [
        "+Launch", "Brief", "@Maya", "=Tom", "+Social", "@Column", "=Legal",
    ] {
        p.check(rendered.contains(&format!("{name}{literal}")), || {
            format!("`{name}…` is not shown literally")
        });
    }
    p.check(rendered.contains(KEPT), || {
        "the template text is not shown".into()
    });
    p.check(
        rendered.contains("=HYPERLINK(\"http://x\",\"点我\")"),
        || "the formula-like name is not shown".into(),
    );
    p.done();
}

#[test]
fn csv_cells_never_start_a_formula() {
    let (_s, out) = build();
    let bytes = read(&out.join("tasks.csv"));
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut p = Problems::default();
    p.no_unsafe("tasks.csv", &String::from_utf8_lossy(body));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    let headers = reader.headers().expect("a header row").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}: {headers:?}"))
    };
    let (title, date, hours) = (col("Title"), col("Date"), col("Hours"));
    let mut titles = Vec::new();
    let mut formulas = BTreeSet::new();
    for record in reader.records() {
        let record = record.expect("a well-formed record");
        for (i, cell) in record.iter().enumerate() {
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                formulas.insert(format!("{}: {cell:?}", &headers[i]));
            }
        }
        // Our own columns are written as they are.
        assert!(record[date].starts_with("2027-"), "{:?}", &record[date]);
        assert!(record[hours].parse::<f64>().is_ok(), "{:?}", &record[hours]);
        titles.push(record[title].to_string());
    }
    assert!(titles.len() > 10, "{} rows", titles.len());
    p.check(formulas.is_empty(), || {
        format!("cells that start a formula: {formulas:?}")
    });
    // Each formula-like name is kept, behind one `'`.
    for (_, name) in FORMULAS {
        let want = format!("'{}", shown(name));
        p.check(titles.contains(&want), || format!("no title {want:?}"));
    }
    let plain = format!("Brief{}", shown(HOSTILE));
    p.check(titles.contains(&plain), || {
        "a title that needs no neutralising is not kept as it is".into()
    });
    p.done();
}

#[test]
fn json_outputs_keep_the_exact_text() {
    let (_s, out) = build();
    let tasks_json = read(&out.join("tasks.json"));
    let tasks: serde_json::Value = serde_json::from_slice(&tasks_json).expect("tasks.json parses");
    assert_eq!(tasks["plan"]["name"], format!("Plan{HOSTILE}"));
    let items = tasks["items"].as_array().expect("items");
    let titles: BTreeSet<&str> = items.iter().filter_map(|i| i["title"].as_str()).collect();
    for (_, name) in FORMULAS {
        assert!(titles.contains(name), "tasks.json lost {name:?}");
    }
    assert!(titles.contains(format!("Brief{HOSTILE}").as_str()));
    let owners: BTreeSet<&str> = items.iter().filter_map(|i| i["owner"].as_str()).collect();
    assert!(owners.contains(format!("@Maya{HOSTILE}").as_str()));

    let plan_json = read(&out.join("plan.json"));
    let plan: serde_json::Value = serde_json::from_slice(&plan_json).expect("plan.json parses");
    let all = serde_json::to_string(&plan).expect("serialises");
    for field in [
        "Plan", "Theme", "+Launch", "@Maya", "-Blog", "@Column", "=Legal", "Reason", "Signups",
    ] {
        let exact = serde_json::to_string(&format!("{field}{HOSTILE}")).expect("a string");
        assert!(all.contains(&exact), "plan.json lost the exact `{field}…`");
    }
    // JSON escapes the control characters: none is raw in the file.
    for (name, bytes) in [("tasks.json", &tasks_json), ("plan.json", &plan_json)] {
        assert!(
            !bytes.iter().any(|b| *b < 0x20 && *b != b'\n'),
            "a raw control character in {name}"
        );
    }
}

#[test]
fn calendar_has_no_injected_property_or_component() {
    let (_s, out) = build();
    let ics = text(&out.join("calendar.ics"));
    let mut p = Problems::default();
    p.no_unsafe("calendar.ics", &ics);
    p.not_evaluated("calendar.ics", &ics);
    // Every line ends in CR LF, and no line end is inside a line.
    for (i, line) in ics.split("\r\n").enumerate() {
        p.check(!line.contains(['\r', '\n']), || {
            format!("line {i} holds a bare line end")
        });
    }
    let unfolded = icalendar::parser::unfold(&ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("calendar.ics parses");
    const COMPONENTS: &[&str] = &[
        "VCALENDAR",
        "VEVENT",
        "VALARM",
        "VTIMEZONE",
        "STANDARD",
        "DAYLIGHT",
    ];
    const PROPERTIES: &[&str] = &[
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "X-WR-CALNAME",
        "NAME",
        "X-WR-TIMEZONE",
        "UID",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "DURATION",
        "SUMMARY",
        "DESCRIPTION",
        "CATEGORIES",
        "TRANSP",
        "ACTION",
        "TRIGGER",
        "RRULE",
        "EXDATE",
        "RDATE",
        "TZID",
        "TZOFFSETFROM",
        "TZOFFSETTO",
        "TZNAME",
    ];
    let mut summaries = Vec::new();
    let mut stack: Vec<&icalendar::parser::Component<'_>> = cal.components.iter().collect();
    let mut events = 0;
    while let Some(c) = stack.pop() {
        let name = c.name.as_str();
        p.check(COMPONENTS.contains(&name), || {
            format!("an extra component {name}")
        });
        if name == "VEVENT" {
            events += 1;
        }
        for prop in &c.properties {
            let pn = prop.name.as_str();
            p.check(PROPERTIES.contains(&pn), || {
                format!("an extra property {pn} in {name}")
            });
            if pn == "SUMMARY" && name == "VEVENT" {
                summaries.push(prop.val.as_str().to_string());
            }
        }
        stack.extend(c.components.iter());
    }
    assert!(events > 10, "{events} events");
    // The text is there: the parser gives the CR LF back as a line break.
    let literal = shown(HOSTILE).replace("\r\n", "\n");
    p.check(summaries.contains(&format!("+Launch{literal}")), || {
        format!("no campaign summary {literal:?} in {summaries:?}")
    });
    p.check(ics.contains(KEPT), || {
        "the template text is not shown".into()
    });
    p.done();
}

#[test]
fn pptx_parts_are_well_formed_without_control_characters() {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let (_s, out) = build();
    let bytes = read(&out.join("deck.pptx"));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("deck.pptx is a zip");
    let mut p = Problems::default();
    let mut texts = String::new();
    let mut parts = 0;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("an entry");
        let name = f.name().expect("a UTF-8 name").to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        parts += 1;
        let mut data = String::new();
        f.read_to_string(&mut data)
            .unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"));
        p.no_unsafe(&name, &data);
        p.check(
            !data.chars().any(|c| matches!(c, '\u{fffe}' | '\u{ffff}')),
            || format!("{name}: a character XML forbids"),
        );
        p.not_evaluated(&name, &data);
        let mut reader = Reader::from_str(&data);
        reader.config_mut().check_end_names = true;
        let mut depth = 0usize;
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(Event::Start(e)) => {
                    depth += 1;
                    for a in e.attributes() {
                        a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                    }
                }
                Ok(Event::Empty(e)) => {
                    for a in e.attributes() {
                        a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                    }
                }
                Ok(Event::End(_)) => depth -= 1,
                Ok(Event::Text(t)) => texts.push_str(&t.xml10_content()),
                Ok(Event::GeneralRef(r)) => texts.push_str(match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("{name}: unexpected &{other};"),
                }),
                Ok(Event::CData(_)) => panic!("{name}: a CDATA section"),
                Ok(_) => {}
                Err(e) => panic!(
                    "{name}: not well-formed at {}: {e}",
                    reader.buffer_position()
                ),
            }
        }
        assert_eq!(depth, 0, "{name}: unclosed elements");
    }
    assert!(parts > 5, "{parts} XML parts");
    // The plan's markup is text on the slides.
    p.check(texts.contains("<script>alert(1)</script>"), || {
        "the plan's text is missing".into()
    });
    p.check(texts.contains(KEPT), || {
        "the template text is not shown".into()
    });
    p.done();
}

#[test]
fn html_deck_holds_no_script_or_unsafe_character_from_the_plan() {
    let (_s, out) = build();
    let html = text(&out.join("deck.html"));
    let mut p = Problems::default();
    p.no_unsafe("deck.html", &html);
    p.not_evaluated("deck.html", &html);
    p.check(!html.contains("<script>alert"), || {
        "the plan's script is live".into()
    });
    // Exactly the deck's own script element.
    let scripts = html.matches("<script").count();
    p.check(scripts == 1, || format!("{scripts} script elements"));
    p.check(!html.contains("]]>"), || "`]]>` is not escaped".into());
    p.check(html.contains(KEPT), || {
        "the template text is not shown".into()
    });
    p.check(html.contains("&lt;script&gt;alert(1)"), || {
        "the plan's markup is not shown as text".into()
    });
    p.done();
}
