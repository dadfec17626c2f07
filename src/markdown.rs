//! Plan text in Markdown. Two outputs are Markdown — the task list
//! (`tasks.md`) and the diff that CI posts as a pull-request comment — and
//! both quote plan text, which a plan from a fork can fill with raw HTML,
//! a comment opener that hides the rest of the page, links or control
//! characters. This module is the one way plan text is written into
//! Markdown, so that a CommonMark or GitHub-flavoured renderer shows it as
//! the text it is: [`text`] for running text (a heading, a list item, a
//! table cell), [`code`] for a code span and [`table_code`] for a code span
//! in a table cell. Each drops the characters no document holds
//! (`crate::text::strip_unsafe`) and folds line breaks into spaces, so the
//! text stays on its line.

use crate::text::strip_unsafe;

/// `s` without unsafe characters, its line breaks folded into spaces.
fn one_line(s: &str) -> String {
    strip_unsafe(s)
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect()
}

/// Plan text as Markdown text, shown as text by any CommonMark renderer:
/// every character that could start markup — emphasis, code, links,
/// headings, tables, raw HTML, entity references — is backslash-escaped.
/// The result is inline text, for after the start of a line: a heading's
/// or a list item's text, or a table cell (where `\|` is a pipe).
pub fn text(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Plan text as a Markdown code span (`` `id` ``): inside a code span
/// nothing is markup, but a backslash does not escape, so the span is
/// fenced with one backtick more than the longest run in the text (and
/// padded with a space where the text starts or ends with a backtick, or
/// with a space on both ends). Empty text is a span of one space, since
/// two backticks alone would open a span that a later one closes.
pub fn code(s: &str) -> String {
    let s = one_line(s);
    if s.is_empty() {
        return "` `".to_string();
    }
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = s.starts_with('`')
        || s.ends_with('`')
        || (s.starts_with(' ') && s.ends_with(' ') && !s.trim().is_empty());
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Plan text as a code span in a table cell: [`code`] with each `|`
/// written `\|`. A GFM table splits a row at its pipes before it reads the
/// code spans in the cells, and takes `\|` for a pipe, even inside one.
pub fn table_code(s: &str) -> String {
    code(s).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser};

    use super::*;

    #[test]
    fn markdown_text_is_escaped() {
        assert_eq!(text("a*b_[x]\n<script>"), "a\\*b\\_\\[x\\] \\<script\\>");
        assert_eq!(text("&lt; &#60;"), "\\&lt; \\&\\#60;");
        assert_eq!(text("a\u{7}\u{1b}[2Jb\u{202e}c\r\nd"), "a\\[2Jbc  d");
        assert_eq!(text("广告投放 KOL"), "广告投放 KOL");
    }

    #[test]
    fn code_spans_are_fenced_longer_than_the_text() {
        assert_eq!(code("new-media-2026"), "`new-media-2026`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x``"), "``` `x`` ```");
        assert_eq!(code(" a "), "`  a  `");
        assert_eq!(code("<b>\u{7}\nx"), "`<b> x`");
        assert_eq!(code(""), "` `");
        assert_eq!(code("\u{1b}"), "` `");
        assert_eq!(table_code("a|b`"), "`` a\\|b` ``");
    }

    /// What a renderer makes of some Markdown (GFM tables on).
    #[derive(Default)]
    struct Rendered {
        /// Raw HTML events.
        html: Vec<String>,
        /// Links and images.
        links: usize,
        /// The text shown.
        shown: String,
        /// The text of each table cell.
        cells: Vec<String>,
    }

    fn render(markdown: &str) -> Rendered {
        use pulldown_cmark::Tag;
        let mut r = Rendered::default();
        for e in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
            match e {
                Event::Html(h) | Event::InlineHtml(h) => r.html.push(h.into_string()),
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => r.links += 1,
                Event::Start(Tag::TableCell) => r.cells.push(String::new()),
                Event::Text(t) | Event::Code(t) => {
                    r.shown.push_str(&t);
                    if let Some(c) = r.cells.last_mut() {
                        c.push_str(&t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => r.shown.push('\n'),
                _ => {}
            }
        }
        r
    }

    proptest! {
        #[test]
        fn escaped_text_renders_as_itself(
            s in "[a-z \\t\\\\`*_\\[\\]<>#|~&!();:/=\\r\\n\u{0}\u{7}\u{1b}\u{85}\u{202e}\u{2028}年-]{0,40}"
        ) {
            let want = strip_unsafe(&s).replace(['\r', '\n'], " ");
            let r = render(&format!("x {} y", text(&s)));
            prop_assert!(r.html.is_empty() && r.links == 0, "{:?}", r.html);
            prop_assert_eq!(r.shown, format!("x {want} y"));
            let r = render(&format!("x {} y", code(&s)));
            prop_assert!(r.html.is_empty() && r.links == 0, "{:?}", r.html);
            prop_assert!(r.shown.contains(want.trim()), "{:?}", r.shown);
            // In a table, each piece stays in its own cell.
            let table = format!(
                "| a | b |\n|---|---|\n| {} | {} |\n",
                text(&s),
                table_code(&s)
            );
            let r = render(&table);
            prop_assert!(r.html.is_empty() && r.links == 0, "{:?}", r.html);
            prop_assert_eq!(r.cells.len(), 4, "{:?}", r.cells);
            prop_assert_eq!(r.cells[2].as_str(), want.trim());
            prop_assert!(r.cells[3].contains(want.trim()), "{:?}", r.cells);
        }
    }
}
