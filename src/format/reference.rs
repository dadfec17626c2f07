//! The parts of the plan reference (`docs/language.md`) written from the
//! definition: each table's key table (between `<!-- keys of … -->`
//! markers) and the paragraph on `fmt`'s order. The test fails when the
//! document differs from what the definition says, and rewrites those
//! parts when run with `ALMANAC_BLESS=1`; the prose around them is the
//! document's own.

use super::{Kind, Table, Text, tables};

const DOC: &str = "docs/language.md";

/// Tables the reference describes in prose instead of a key table: the
/// file (its sections have their own headings), `[review]` (one key,
/// `levels`), and the two forms of an assertion and of a rule setting.
const IN_PROSE: &[&str] = &["", "review", "assertions.<name>", "rules.<rule>"];

/// Whether `t` is a table of tables, each described in a section of its own
/// (`tasks`).
fn holds_tables(t: &Table) -> bool {
    t.keys.is_empty()
        && t.other
            .as_ref()
            .is_some_and(|o| o.value.kind.table().is_some())
}

/// What the type column says about a value of `kind`.
fn type_text(kind: &Kind) -> String {
    match kind {
        Kind::Text(Text::Ref(t)) => format!("{} id", t.noun()),
        Kind::Text(_) => "string".into(),
        Kind::Texts(Text::Ref(t)) => format!("list of {} ids", t.noun()),
        Kind::Texts(Text::Word(_)) => "string or list".into(),
        Kind::Texts(_) => "list".into(),
        Kind::Int { min: Some(m) } => format!("integer ≥ {m}"),
        Kind::Int { min: None } => "integer".into(),
        Kind::Bool => "bool".into(),
        Kind::Expr(e) => e.noun().into(),
        Kind::Exprs(e) => format!("{0} or list of {0}s", e.noun()),
        Kind::Number(e) => format!("{} (or a TOML number)", e.noun()),
        Kind::Table(t) if holds_tables(t) => "tables".into(),
        Kind::Table(t) => match &t.other {
            Some(o) if t.keys.is_empty() => {
                format!("table of {} = {}", o.value.name, type_text(&o.value.kind))
            }
            _ => "table".into(),
        },
        Kind::Line(_) => "amount (or a TOML number), or a table".into(),
        Kind::Draws => "table of line = amount (or a TOML number), or a string".into(),
        Kind::Either(..) | Kind::Rules(_) => "string or table".into(),
    }
}

fn row(cells: [&str; 5]) -> String {
    let line = format!("| {} |\n", cells.join(" | "));
    line.replace("|  |", "| |")
}

/// The key table of `t`, as the reference shows it.
fn key_table(t: &Table) -> String {
    let mut s =
        String::from("| key | type | default | meaning | example |\n|---|---|---|---|---|\n");
    for k in t.keys {
        let example = match &k.kind {
            // A table of tables has a section of its own.
            Kind::Table(sub) if holds_tables(sub) => String::new(),
            _ => format!("`{} = {}`", k.name, k.examples[k.shown].toml()),
        };
        s += &row([
            &format!("`{}`", k.name),
            &type_text(&k.kind),
            k.default.unwrap_or("—"),
            k.meaning,
            &example,
        ]);
    }
    if let Some(o) = &t.other
        && let Some(r) = o.row
    {
        s += &row([
            "*any other key*",
            &type_text(&o.value.kind),
            "—",
            r.meaning,
            &format!("`{}`", r.example),
        ]);
    }
    s
}

fn begin(path: &str) -> String {
    format!("<!-- keys of {path}: generated from src/format, see src/format/reference.rs -->\n")
}

fn end(path: &str) -> String {
    format!("<!-- end of the keys of {path} -->\n")
}

/// The bullet on `fmt`'s order in the Formatting section.
fn order_bullet() -> String {
    let code = |names: Vec<String>| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let keys = |path: &str| -> Vec<String> {
        let t = super::table(path).expect("a table of the format");
        t.names().map(str::to_string).collect()
    };
    let sections: Vec<String> = super::FILE
        .keys
        .iter()
        .map(|k| match k.kind {
            Kind::Table(_) | Kind::Rules(_) => format!("[{}]", k.name),
            _ => k.name.to_string(),
        })
        .collect();
    let text = format!(
        "**Order.** Top-level sections come in this order: {}. Inside a table, the keys the \
         format knows come in a fixed order (for a campaign: {}; for a task: {}); other keys \
         keep their order after them. Ids (`[campaigns.a]` before `[campaigns.b]`), budget \
         lines and list items are never reordered: their order is the plan's.",
        code(sections),
        code(keys("campaigns.<id>")),
        code(keys("campaigns.<id>.tasks.<task>")),
    );
    bullet(&text)
}

/// `text` as a Markdown list item, its lines at most 76 characters.
fn bullet(text: &str) -> String {
    const WIDTH: usize = 76;
    let mut out = String::from("-");
    let mut line = 1;
    for word in text.split(' ') {
        if line + 1 + word.chars().count() > WIDTH {
            out += "\n ";
            line = 1;
        }
        out += " ";
        out += word;
        line += 1 + word.chars().count();
    }
    out + "\n"
}

/// `doc` with its generated parts as the definition says, and the paths
/// of the tables it has key tables for.
fn regenerate(doc: &str) -> Result<(String, Vec<String>), String> {
    let mut out = String::with_capacity(doc.len());
    let mut found = Vec::new();
    let mut rest = doc;
    while let Some(at) = rest.find("<!-- keys of ") {
        let line_end = rest[at..].find('\n').map_or(rest.len(), |n| at + n + 1);
        let path = rest[at + "<!-- keys of ".len()..line_end]
            .split(':')
            .next()
            .unwrap_or("")
            .to_string();
        let t = tables()
            .into_iter()
            .find(|t| t.path == path)
            .ok_or_else(|| format!("{DOC} has keys of `{path}`, a table the format lacks"))?;
        let closing = end(&path);
        let close_at = rest[line_end..]
            .find(&closing)
            .map(|n| line_end + n)
            .ok_or_else(|| format!("{DOC}: the keys of `{path}` have no `{}`", closing.trim()))?;
        out += &rest[..at];
        out += &begin(&path);
        out += "\n";
        out += &key_table(t);
        out += "\n";
        out += &closing;
        rest = &rest[close_at + closing.len()..];
        found.push(path);
    }
    out += rest;
    let start = out
        .find("- **Order.**")
        .ok_or_else(|| format!("{DOC} has no `- **Order.**` bullet"))?;
    let stop = out[start + 1..]
        .find("\n- ")
        .map_or(out.len(), |n| start + 1 + n + 1);
    out.replace_range(start..stop, &order_bullet());
    Ok((out, found))
}

// The test reads (and with `ALMANAC_BLESS=1` rewrites) the document itself.
#[allow(clippy::disallowed_methods)]
#[test]
fn the_reference_shows_the_keys_the_format_defines() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
    let doc = std::fs::read_to_string(&path).expect("the reference");
    let (new, found) = regenerate(&doc).unwrap_or_else(|e| panic!("{e}"));
    for t in tables() {
        if !t.keys.is_empty() && !IN_PROSE.contains(&t.path) {
            assert!(
                found.iter().any(|p| p == t.path),
                "{DOC} has no keys of `{}`",
                t.path
            );
        }
    }
    if new == doc {
        return;
    }
    if std::env::var_os("ALMANAC_BLESS").is_some() {
        std::fs::write(&path, new).expect("the reference is written");
        return;
    }
    let first = doc
        .lines()
        .zip(new.lines())
        .position(|(a, b)| a != b)
        .map_or(0, |n| n + 1);
    panic!(
        "{DOC} does not match the format's definition (first difference on line {first}); \
         regenerate its key tables with\n\n    ALMANAC_BLESS=1 cargo test --lib \
         format::reference\n"
    );
}

#[test]
fn a_key_table_has_a_row_per_key_and_one_for_other_keys() {
    let budget = super::table("budget").expect("budget");
    let text = key_table(budget);
    assert_eq!(text.lines().count(), 2 + budget.keys.len() + 1);
    assert!(text.contains("| `total` | money (or a TOML number) | the sum of the lines |"));
    assert!(text.contains("| *any other key* | amount (or a TOML number), or a table | — |"));
    let tasks = key_table(super::table("campaigns.<id>").expect("campaign"));
    assert!(
        tasks.contains("| `tasks` | tables | — | see [tasks](#tasks) | |"),
        "{tasks}"
    );
}

#[test]
fn a_bullet_wraps_under_its_dash() {
    let text = "word ".repeat(30);
    let b = bullet(text.trim_end());
    assert!(b.starts_with("- word word"));
    assert!(b.lines().all(|l| l.chars().count() <= 76), "{b}");
    assert!(b.lines().skip(1).all(|l| l.starts_with("  word")), "{b}");
}

#[test]
fn a_key_table_without_its_end_marker_is_an_error() {
    let doc = format!("{}\n| stale |\n", begin("people.<id>"));
    assert!(regenerate(&doc).is_err());
}
