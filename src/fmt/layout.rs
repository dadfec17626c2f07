//! The canonical layout, applied to a `toml_edit` document. Comments live
//! in the decor (the whitespace and comments around keys, values and table
//! headers) of the item they precede, so moving an item moves its comments
//! with it; only the whitespace in the decor is rewritten.

use toml_edit::{Array, DocumentMut, InlineTable, Item, KeyMut, Table, Value};

use crate::format::{Kind, PLAN_FILE};

/// Lays a document out canonically. `text` must use `\n` line endings.
pub fn format(text: &str) -> Result<String, toml_edit::TomlError> {
    let mut doc: DocumentMut = text.parse()?;
    let header = take_header(&mut doc);
    let root = doc.as_table_mut();
    arrange_table(root, Some(&PLAN_FILE.kind));
    body(root, &mut true);
    let mut position = 1;
    let mut first = root.get_values().is_empty();
    headers(root, &mut position, &mut first);
    let has_content = !root.is_empty() || !header.is_empty();
    root.decor_mut().set_prefix(header);
    root.decor_mut().set_suffix("");
    let trailing = doc.trailing().as_str().unwrap_or("").to_string();
    let mut trailing = comment_lines(&trailing, has_content);
    while trailing.last().is_some_and(String::is_empty) {
        trailing.pop();
    }
    doc.set_trailing(joined(&trailing));
    Ok(doc.to_string())
}

// ---------------------------------------------------------------- order

/// The keys in the format's order (known keys first, the rest in their
/// order), when that differs from `keys`.
fn reordered(keys: Vec<String>, shape: Option<&Kind>) -> Option<Vec<String>> {
    let shape = shape?;
    let mut sorted = keys.clone();
    sorted.sort_by_key(|k| shape.rank(k));
    (sorted != keys).then_some(sorted)
}

/// Puts the known keys of a table first, in the format's order; the others
/// keep their order after them. Then does the same below.
fn arrange_table(t: &mut Table, shape: Option<&Kind>) {
    if let Some(sorted) = reordered(t.iter().map(|(k, _)| k.to_string()).collect(), shape) {
        let entries: Vec<_> = sorted.iter().filter_map(|k| t.remove_entry(k)).collect();
        for (k, item) in entries {
            t.insert_formatted(&k, item);
        }
    }
    for (k, item) in t.iter_mut() {
        let child = shape.and_then(|s| s.child(&k));
        match item {
            Item::Table(sub) => arrange_table(sub, child),
            Item::ArrayOfTables(a) => {
                for sub in a.iter_mut() {
                    arrange_table(sub, child);
                }
            }
            Item::Value(v) => arrange_value(v, child),
            Item::None => {}
        }
    }
}

fn arrange_value(v: &mut Value, shape: Option<&Kind>) {
    match v {
        Value::InlineTable(t) => {
            if let Some(sorted) = reordered(t.iter().map(|(k, _)| k.to_string()).collect(), shape) {
                let entries: Vec<_> = sorted.iter().filter_map(|k| t.remove_entry(k)).collect();
                for (k, v) in entries {
                    t.insert_formatted(&k, v);
                }
            }
            for (k, v) in t.iter_mut() {
                arrange_value(v, shape.and_then(|s| s.child(&k)));
            }
        }
        Value::Array(a) => {
            for v in a.iter_mut() {
                arrange_value(v, shape);
            }
        }
        Value::String(_) => {
            if let Some(ex) = shape.and_then(Kind::expr)
                && let Some(new) = super::spelling::expression(v, ex)
            {
                *v = new;
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------- whitespace

/// The key/value lines of a table (and of the dotted tables in it, which
/// are written as part of its body), then the tables below.
fn body(t: &mut Table, first: &mut bool) {
    for (mut key, item) in t.iter_mut() {
        match item {
            Item::Value(v) => {
                let mut hoisted = Vec::new();
                value(v, &mut hoisted, false);
                key_line(&mut key, &hoisted, first);
                v.decor_mut().set_prefix(" ");
                let suffix = trailing_comment(v.decor().suffix().and_then(|s| s.as_str()));
                v.decor_mut().set_suffix(suffix);
            }
            Item::Table(sub) if sub.is_dotted() => {
                spec_key(&mut key);
                key.leaf_decor_mut().clear();
                key.dotted_decor_mut().clear();
                body(sub, first);
            }
            Item::Table(sub) => {
                header_key(&mut key);
                body(sub, &mut true);
            }
            Item::ArrayOfTables(a) => {
                header_key(&mut key);
                for sub in a.iter_mut() {
                    body(sub, &mut true);
                }
            }
            Item::None => {}
        }
    }
}

/// A key at the start of a line: its comments above, no indentation, one
/// space before `=`.
fn key_line(key: &mut KeyMut<'_>, hoisted: &[String], first: &mut bool) {
    spec_key(key);
    let prefix = key
        .leaf_decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    let mut lines = comment_lines(&prefix, !*first);
    lines.extend(hoisted.iter().cloned());
    *first = false;
    key.leaf_decor_mut().set_prefix(joined(&lines));
    key.leaf_decor_mut().set_suffix(" ");
    key.dotted_decor_mut().clear();
}

/// A key inside a table header: `[a.b]`, no spaces.
fn header_key(key: &mut KeyMut<'_>) {
    spec_key(key);
    key.leaf_decor_mut().set_prefix("");
    key.leaf_decor_mut().set_suffix("");
    key.dotted_decor_mut().set_prefix("");
    key.dotted_decor_mut().set_suffix("");
}

/// A quoted key spelt with TOML 1.1 escapes is written again in 1.0.
fn spec_key(key: &mut KeyMut<'_>) {
    let newer = key
        .as_repr()
        .and_then(|r| r.as_raw().as_str())
        .is_some_and(uses_toml_1_1_escapes);
    if newer {
        let leaf = key.leaf_decor().clone();
        let dotted = key.dotted_decor().clone();
        key.fmt();
        *key.leaf_decor_mut() = leaf;
        *key.dotted_decor_mut() = dotted;
    }
}

/// Table headers: one blank line before each (none before the first thing
/// in the file), comments above kept, positions in canonical order.
fn headers(t: &mut Table, position: &mut isize, first: &mut bool) {
    for (_, item) in t.iter_mut() {
        match item {
            Item::Table(sub) => {
                if !sub.is_dotted() {
                    sub.set_position(Some(*position));
                    *position += 1;
                    let visible = !(sub.is_implicit() && sub.get_values().is_empty());
                    if visible {
                        header_decor(sub, first);
                    }
                }
                headers(sub, position, first);
            }
            Item::ArrayOfTables(a) => {
                for sub in a.iter_mut() {
                    sub.set_position(Some(*position));
                    *position += 1;
                    header_decor(sub, first);
                    headers(sub, position, first);
                }
            }
            Item::Value(_) | Item::None => {}
        }
    }
}

fn header_decor(t: &mut Table, first: &mut bool) {
    let prefix = t
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    let mut lines = comment_lines(&prefix, false);
    if !*first {
        lines.insert(0, String::new());
    }
    *first = false;
    t.decor_mut().set_prefix(joined(&lines));
    let suffix = trailing_comment(t.decor().suffix().and_then(|s| s.as_str()));
    t.decor_mut().set_suffix(suffix);
}

/// A value: strings and dates in TOML 1.0; arrays on one line unless they
/// hold comments or line breaks; inline tables on one line, their comments
/// moved above the line (`hoisted`). The value's own decor is left to the
/// caller.
fn value(v: &mut Value, hoisted: &mut Vec<String>, one_line: bool) {
    super::spelling::toml_1_0(v);
    match v {
        Value::Array(a) => array(a, hoisted, one_line),
        Value::InlineTable(t) => {
            inline_table(t, hoisted);
            let empty = t.is_empty();
            t.set_trailing_comma(false);
            collect_comments(t.trailing().as_str(), hoisted);
            t.set_trailing(if empty { "" } else { " " });
        }
        _ => {}
    }
}

fn array(a: &mut Array, hoisted: &mut Vec<String>, one_line: bool) {
    let raw = |d: &toml_edit::Decor| {
        [d.prefix(), d.suffix()]
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str())
            .any(|s| s.contains(['\n', '#']))
    };
    let multi = !one_line
        && (a.iter().any(|v| raw(v.decor()))
            || a.trailing()
                .as_str()
                .is_some_and(|s| s.contains(['\n', '#'])));
    if multi {
        // Written across lines by the author: keep the lines, without
        // trailing whitespace.
        for v in a.iter_mut() {
            value(v, hoisted, false);
            let d = v.decor_mut();
            let p = strip_line_ends(d.prefix().and_then(|p| p.as_str()).unwrap_or(""));
            let s = strip_line_ends(d.suffix().and_then(|s| s.as_str()).unwrap_or(""));
            d.set_prefix(p);
            d.set_suffix(s);
        }
        let t = strip_line_ends(a.trailing().as_str().unwrap_or(""));
        a.set_trailing(t);
        return;
    }
    for (i, v) in a.iter_mut().enumerate() {
        value(v, hoisted, true);
        let d = v.decor_mut();
        collect_comments(d.prefix().and_then(|p| p.as_str()), hoisted);
        collect_comments(d.suffix().and_then(|s| s.as_str()), hoisted);
        d.set_prefix(if i == 0 { "" } else { " " });
        d.set_suffix("");
    }
    collect_comments(a.trailing().as_str(), hoisted);
    a.set_trailing("");
    a.set_trailing_comma(false);
}

/// `{ a = 1, b.c = 2 }`: one space inside the braces and around `=`.
fn inline_table(t: &mut InlineTable, hoisted: &mut Vec<String>) {
    for (mut key, v) in t.iter_mut() {
        spec_key(&mut key);
        for d in [key.leaf_decor(), key.dotted_decor()] {
            collect_comments(d.prefix().and_then(|p| p.as_str()), hoisted);
            collect_comments(d.suffix().and_then(|s| s.as_str()), hoisted);
        }
        key.dotted_decor_mut().set_prefix("");
        key.dotted_decor_mut().set_suffix("");
        match v {
            Value::InlineTable(sub) if sub.is_dotted() => {
                key.leaf_decor_mut().set_prefix("");
                key.leaf_decor_mut().set_suffix("");
                inline_table(sub, hoisted);
            }
            _ => {
                key.leaf_decor_mut().set_prefix(" ");
                key.leaf_decor_mut().set_suffix(" ");
                value(v, hoisted, true);
                let d = v.decor_mut();
                collect_comments(d.prefix().and_then(|p| p.as_str()), hoisted);
                collect_comments(d.suffix().and_then(|s| s.as_str()), hoisted);
                d.set_prefix(" ");
                d.set_suffix("");
            }
        }
    }
}

// ---------------------------------------------------------------- comments

/// The comment lines and blank lines of a decor, in order: comments
/// trimmed, runs of blank lines made one, no leading blank line unless
/// `leading_blank`. Text after the last line break (the indentation of the
/// item) is dropped.
fn comment_lines(decor: &str, leading_blank: bool) -> Vec<String> {
    let mut parts: Vec<&str> = decor.split('\n').collect();
    let last = parts.pop().unwrap_or("");
    let mut out: Vec<String> = Vec::new();
    for line in parts {
        let line = line.trim();
        if line.is_empty() {
            let after_blank = out.last().is_some_and(String::is_empty);
            if !after_blank && (leading_blank || !out.is_empty()) {
                out.push(String::new());
            }
        } else {
            out.push(line.to_string());
        }
    }
    // A comment with no line break after it cannot occur here, but keep it.
    if last.trim_start().starts_with('#') {
        out.push(last.trim().to_string());
    }
    out
}

fn joined(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// `  # note  ` → `  # note`: the spaces before the comment are the
/// author's (or Taplo's, which aligns the comments of neighbouring lines),
/// at least one; whitespace alone → nothing.
fn trailing_comment(suffix: Option<&str>) -> String {
    let Some((before, comment)) = suffix.and_then(|s| s.find('#').map(|i| s.split_at(i))) else {
        return String::new();
    };
    let gap = if !before.is_empty() && before.chars().all(|c| c == ' ') {
        before
    } else {
        " "
    };
    format!("{gap}{}", comment.trim_end())
}

fn collect_comments(decor: Option<&str>, out: &mut Vec<String>) {
    for line in decor.unwrap_or("").split('\n') {
        if let Some(i) = line.find('#') {
            out.push(line[i..].trim_end().to_string());
        }
    }
}

fn strip_line_ends(s: &str) -> String {
    let lines: Vec<&str> = s.split('\n').collect();
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| if i + 1 < n { l.trim_end() } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a quoted key or string spells an escape only TOML 1.1 has
/// (`\e`, `\xHH`).
pub fn uses_toml_1_1_escapes(raw: &str) -> bool {
    if !raw.starts_with('"') {
        return false;
    }
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.next(), Some('e' | 'x')) {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------- header

/// The comment block at the top of the file — `#:schema` lines, and a
/// block of comments followed by a blank line — stays at the top whatever
/// comes first after it. Returns it with its blank line.
fn take_header(doc: &mut DocumentMut) -> String {
    let root = doc.as_table_mut();
    if let Some(path) = root
        .get_values()
        .first()
        .map(|(p, _)| p.iter().map(|k| k.get().to_string()).collect::<Vec<_>>())
    {
        return leaf_key(root, &path).map_or_else(String::new, |mut key| {
            take_header_from(key.leaf_decor_mut())
        });
    }
    let Some(min) = min_position(root) else {
        return String::new();
    };
    table_at(root, min).map_or_else(String::new, |first| take_header_from(first.decor_mut()))
}

/// Splits the header block off the comments before a key or table.
fn take_header_from(decor: &mut toml_edit::Decor) -> String {
    let prefix = decor
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    let (header, rest) = split_header(&prefix);
    decor.set_prefix(rest);
    header
}

/// The key of a key/value line given by its dotted path.
fn leaf_key<'t>(t: &'t mut Table, path: &[String]) -> Option<KeyMut<'t>> {
    match path {
        [] => None,
        [k] => t.key_mut(k),
        [k, rest @ ..] => match t.get_mut(k)? {
            Item::Table(sub) => leaf_key(sub, rest),
            Item::Value(Value::InlineTable(sub)) => inline_leaf_key(sub, rest),
            _ => None,
        },
    }
}

fn inline_leaf_key<'t>(t: &'t mut InlineTable, path: &[String]) -> Option<KeyMut<'t>> {
    match path {
        [] => None,
        [k] => t.key_mut(k),
        [k, rest @ ..] => match t.get_mut(k)? {
            Value::InlineTable(sub) => inline_leaf_key(sub, rest),
            _ => None,
        },
    }
}

fn visible(t: &Table) -> bool {
    !(t.is_dotted() || t.is_implicit() && t.get_values().is_empty())
}

fn min_position(t: &Table) -> Option<isize> {
    let mut best: Option<isize> = None;
    let consider = |sub: &Table, best: &mut Option<isize>| {
        if visible(sub)
            && let Some(p) = sub.position()
        {
            *best = Some(best.map_or(p, |b| b.min(p)));
        }
        if let Some(p) = min_position(sub) {
            *best = Some(best.map_or(p, |b| b.min(p)));
        }
    };
    for (_, item) in t {
        match item {
            Item::Table(sub) => consider(sub, &mut best),
            Item::ArrayOfTables(a) => {
                for sub in a {
                    consider(sub, &mut best);
                }
            }
            _ => {}
        }
    }
    best
}

fn table_at(t: &mut Table, position: isize) -> Option<&mut Table> {
    for (_, item) in t.iter_mut() {
        let subs: Vec<&mut Table> = match item {
            Item::Table(sub) => vec![sub],
            Item::ArrayOfTables(a) => a.iter_mut().collect(),
            _ => continue,
        };
        for sub in subs {
            if visible(sub) && sub.position() == Some(position) {
                return Some(sub);
            }
            if let Some(found) = table_at(sub, position) {
                return Some(found);
            }
        }
    }
    None
}

/// Splits a decor into the file's header block (with the blank line after
/// it) and the rest. The header is the `#:schema` lines at the top, then
/// (after them, or after a blank line) a block of comments closed by a blank
/// line.
fn split_header(prefix: &str) -> (String, String) {
    let lines: Vec<&str> = prefix.split('\n').collect();
    let complete = lines.len() - 1;
    let is_comment = |l: &str| l.trim_start().starts_with('#');
    let is_blank = |l: &str| l.trim().is_empty();
    let past_blanks = |mut i: usize| {
        while i < complete && is_blank(lines[i]) {
            i += 1;
        }
        i
    };
    let start = past_blanks(0);
    let mut i = start;
    while i < complete && lines[i].trim_start().starts_with("#:") {
        i += 1;
    }
    let b = past_blanks(i);
    let mut j = b;
    while j < complete && is_comment(lines[j]) {
        j += 1;
    }
    let block = j > b && j < complete && is_blank(lines[j]);
    let trimmed = |range: std::ops::Range<usize>| -> String {
        lines[range]
            .iter()
            .map(|l| format!("{}\n", l.trim()))
            .collect()
    };
    let (header, rest_from) = match (i > start, block) {
        (false, false) => return (String::new(), prefix.to_string()),
        (true, false) => (trimmed(start..i), i),
        (false, true) => (trimmed(b..j), j + 1),
        // A blank line between the directives and the block stays.
        (true, true) => {
            let gap = if b > i { "\n" } else { "" };
            (
                format!("{}{gap}{}", trimmed(start..i), trimmed(b..j)),
                j + 1,
            )
        }
    };
    (format!("{header}\n"), lines[rest_from..].join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_lines_collapse_blank_runs() {
        assert_eq!(
            comment_lines("\n\n  # a  \n\n\n# b\n  ", true),
            vec!["", "# a", "", "# b"]
        );
        assert_eq!(comment_lines("\n\n# a\n", false), vec!["# a"]);
    }

    #[test]
    fn the_header_block_is_the_first_comments_before_a_blank_line() {
        let (h, r) = split_header("# a\n# b\n\n# c\n");
        assert_eq!(h, "# a\n# b\n\n");
        assert_eq!(r, "# c\n");
        let (h, r) = split_header("#:schema x.json\n# c\n");
        assert_eq!(h, "#:schema x.json\n\n");
        assert_eq!(r, "# c\n");
        let (h, _) = split_header("# c\n");
        assert_eq!(h, "");
        // `#:schema`, a blank line, the file's comment block: all stay.
        let (h, r) = split_header("#:schema x.json\n\n# a\n# b\n\n# c\n");
        assert_eq!(h, "#:schema x.json\n\n# a\n# b\n\n");
        assert_eq!(r, "# c\n");
        let (h, r) = split_header("#:schema x.json\n# a\n\n");
        assert_eq!(h, "#:schema x.json\n# a\n\n");
        assert_eq!(r, "");
    }

    #[test]
    fn trailing_comments_keep_their_alignment() {
        assert_eq!(trailing_comment(Some("      # a  ")), "      # a");
        assert_eq!(trailing_comment(Some("# a")), " # a");
        assert_eq!(trailing_comment(Some("\t# a")), " # a");
        assert_eq!(trailing_comment(Some("   ")), "");
        let aligned = "[plan]\nname = \"p\"   # the name\nyear = 2026   # the year\n";
        assert_eq!(format(aligned).ok().as_deref(), Some(aligned));
    }

    #[test]
    fn newer_escapes_are_found() {
        assert!(uses_toml_1_1_escapes(r#""a\e""#));
        assert!(!uses_toml_1_1_escapes(r#""a\\e""#));
        assert!(!uses_toml_1_1_escapes(r"'a\e'"));
    }
}
