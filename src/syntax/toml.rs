//! Bytes to a spanned TOML tree. This is where a file stops being bytes:
//! invalid UTF-8 (a file saved as GBK), binary files, a byte-order mark and
//! TOML syntax errors are all reported here, located, before any meaning is
//! looked for. Full-width punctuation typed by a Chinese input method gets a
//! help line with the ASCII spelling.

use crate::diagnostics::Diagnostic;
use crate::rules::registry::rule;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::tree;

pub type Tree<'a> = tree::Table<'a>;
pub type Node<'a> = tree::Item<'a>;

/// Turns a file's bytes into text: `Err` carries the lossy text (for
/// showing the location) and the diagnostic.
pub fn decode(bytes: &[u8]) -> Result<String, (String, usize, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().take(8192).any(|b| *b == 0) {
        // Point at the first NUL as it appears in the lossy text.
        let text = String::from_utf8_lossy(bytes).replace('\0', "\u{FFFD}");
        let valid = bytes.iter().position(|b| *b == 0).unwrap_or(0);
        let at = std::str::from_utf8(&bytes[..valid]).map_or(0, str::len);
        return Err((text, at, "this is a binary file, not a plan".into()));
    }
    match String::from_utf8(bytes.to_vec()) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err((
                String::from_utf8_lossy(bytes).into_owned(),
                at,
                "file is not valid UTF-8".into(),
            ))
        }
    }
}

/// Adds the file to `sources`. Decoding errors and an empty file are
/// pushed as diagnostics, and `None` is returned for them.
pub fn add_file(
    sources: &mut SourceMap,
    path: std::path::PathBuf,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> (FileId, bool) {
    let text = match decode(bytes) {
        Ok(t) => t,
        Err((lossy, at, msg)) => {
            let binary = msg.contains("binary");
            let id = sources.add(path, lossy);
            let text = &sources.get(id).text;
            let at = crate::source::floor_char_boundary(text, at.min(text.len()));
            let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
            let d = Diagnostic::new(rule("S002"), Span::new(id, at, end), msg);
            diags.push(if binary {
                d.label("a NUL byte")
                    .help("give almanac a plan written as TOML text")
            } else {
                d.label("this byte is not UTF-8 text").help(
                    "almanac reads UTF-8; if the file was saved as GBK or GB18030 \
                     (common on Chinese Windows), save it again as UTF-8",
                )
            });
            return (id, false);
        }
    };
    let empty = text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    });
    let id = sources.add(path, text);
    if empty {
        diags.push(
            Diagnostic::new(rule("S008"), Span::new(id, 0, 0), "file is empty")
                .help("a plan starts with a `[plan]` table; `almanac init` writes a starter plan"),
        );
        return (id, false);
    }
    (id, true)
}

/// Parses a file's text; syntax errors are pushed. Returns `None` when
/// nothing usable was recovered.
pub fn parse<'a>(
    sources: &'a SourceMap,
    id: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Option<Tree<'a>> {
    let text = &sources.get(id).text;
    match tree::parse(text) {
        Ok(tree) => Some(tree),
        Err(e) => {
            diags.push(syntax_error(sources, id, &e));
            None
        }
    }
}

fn syntax_error(sources: &SourceMap, id: FileId, e: &tree::Error) -> Diagnostic {
    let text = &sources.get(id).text;
    let at =
        |r: &std::ops::Range<usize>| Span::new(id, r.start.min(text.len()), r.end.min(text.len()));
    let mut span = at(&e.span);
    let message = &e.message;
    let mut d;
    // A full-width character on the line is the likely culprit.
    let file = sources.get(id);
    let line = file.line_index(span.start as usize);
    let line_text = file.line_text(line);
    if let Some((off, ch)) = full_width_outside_strings(line_text) {
        let start = file.line_start(line) + off;
        span = Span::new(id, start, start + ch.len_utf8());
        d = Diagnostic::new(
            rule("S001"),
            span,
            format!("full-width character `{ch}` in TOML syntax"),
        )
        .label("typed by an input method");
        // The line in ASCII, offered if it mends the line: the file with
        // it parses, or fails only further on.
        let fixed = ascii_outside_strings(line_text);
        let start = file.line_start(line);
        let end = start + line_text.len();
        let mended = format!("{}{fixed}{}", &text[..start], &text[end..]);
        let mends = match tree::parse(&mended) {
            Ok(_) => true,
            Err(e) => e.span.start >= start + fixed.len(),
        };
        d = d.help(if mends {
            format!("write `{}`", fixed.trim())
        } else {
            "type TOML's `=`, `[`, `]`, `,` and quotes in ASCII (half-width)".to_string()
        });
    } else {
        d = Diagnostic::new(rule("S001"), span, format!("invalid TOML: {message}")).label("here");
        if span.start == span.end && (span.start as usize) < text.len() {
            let s = span.start as usize;
            let next = text[s..].chars().next().map_or(1, char::len_utf8);
            d.primary.span = Span::new(id, s, s + next);
        }
        if let Some((range, label)) = &e.related {
            d = d.secondary(at(range), label.clone());
        }
        d = d.help(
            e.help
                .clone()
                .unwrap_or_else(|| "see https://toml.io for the syntax of TOML files".into()),
        );
    }
    d
}

/// The first full-width character of a line that is not inside a string.
fn full_width_outside_strings(line: &str) -> Option<(usize, char)> {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return None,
            None if is_full_width(c) => return Some((i, c)),
            None => {}
        }
    }
    None
}

/// The line with full-width characters outside strings made ASCII.
fn ascii_outside_strings(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
        if quote.is_none() && is_full_width(c) {
            out.push_str(&to_ascii(&c.to_string()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Full-width forms and the ideographic space, as typed by CJK input methods.
pub fn is_full_width(c: char) -> bool {
    matches!(c, '\u{3000}' | '\u{FF01}'..='\u{FF5E}')
}

/// The ASCII spelling of text with full-width characters.
pub fn to_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}
