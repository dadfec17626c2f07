//! Text from a plan is untrusted: a plan from a fork can hold escape
//! sequences that retitle or clear a reviewer's terminal, bidi overrides
//! that make text read differently from what it is, or a line of fifty
//! megabytes. This module is the one definition of the characters that are
//! unsafe to show and of how long a quoted piece of text may be, so the
//! diagnostics, the `check` warning and every output agree:
//!
//! - documents (HTML, Markdown, CSV, iCalendar, PPTX) drop unsafe
//!   characters ([`strip_unsafe`]); JSON keeps the exact text, escaped;
//! - diagnostics show them as visible escapes such as `\u{1b}`
//!   ([`escape_unsafe`]) and clip long text ([`clip`]).

use std::borrow::Cow;

/// Characters never written raw to a person's screen: C0 controls except
/// TAB and LF (CR only as part of CR LF), DEL, C1 controls, the Unicode
/// line and paragraph separators, and the bidi embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` holds an unsafe character at some char index `i` (a CR is
/// safe when an LF follows it).
fn unsafe_at(s: &str, i: usize, c: char) -> bool {
    is_unsafe(c) && !(c == '\r' && s[i + 1..].starts_with('\n'))
}

/// The first unsafe character of `s` and its byte offset.
pub fn find_unsafe(s: &str) -> Option<(usize, char)> {
    s.char_indices().find(|&(i, c)| unsafe_at(s, i, c))
}

/// `s` without its unsafe characters (a CR before an LF is kept).
pub fn strip_unsafe(s: &str) -> Cow<'_, str> {
    if find_unsafe(s).is_none() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.char_indices()
            .filter(|&(i, c)| !unsafe_at(s, i, c))
            .map(|(_, c)| c)
            .collect(),
    )
}

/// `s` with every unsafe character, and every CR, written as a visible
/// escape (`\u{1b}`), for a terminal or a log.
pub fn escape_unsafe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// At most `max` characters of `s`: a longer text keeps its start and end
/// around a `…` that says how many characters were left out.
pub fn clip(s: &str, max: usize) -> Cow<'_, str> {
    let n = s.chars().count();
    if n <= max {
        return Cow::Borrowed(s);
    }
    let keep = max / 2;
    let head: String = s.chars().take(keep).collect();
    let tail: String = s.chars().skip(n - keep).collect();
    Cow::Owned(format!("{head}…[{} characters]…{tail}", n - 2 * keep))
}

/// Text from a plan as a diagnostic quotes it: unsafe characters escaped,
/// at most [`QUOTE_CHARS`] characters.
pub fn for_display(s: &str) -> Cow<'_, str> {
    match clip(s, QUOTE_CHARS) {
        Cow::Borrowed(b) => escape_unsafe(b),
        Cow::Owned(o) => Cow::Owned(escape_unsafe(&o).into_owned()),
    }
}

/// How much of a message, a label or a source line a diagnostic shows.
pub const QUOTE_CHARS: usize = 240;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_the_controls_separators_and_bidi_marks() {
        for c in ['\0', '\u{7}', '\u{1b}', '\r', '\u{7f}', '\u{85}', '\u{9b}'] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in [
            '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in [
            '\t', '\n', ' ', 'a', '年', '\u{a0}', '\u{200b}', '\u{2070}', '€',
        ] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn stripping_keeps_line_breaks_and_drops_the_rest() {
        assert_eq!(strip_unsafe("a\r\nb\rc\u{1b}]0;x\u{7}d"), "a\r\nbc]0;xd");
        assert_eq!(strip_unsafe("abc\u{202e}cba"), "abccba");
        assert!(matches!(strip_unsafe("年味 ok\n"), Cow::Borrowed(_)));
        assert_eq!(find_unsafe("ok\r\nx\u{202e}"), Some((5, '\u{202e}')));
        assert_eq!(find_unsafe("ok\r\n"), None);
    }

    #[test]
    fn escaping_makes_every_unsafe_character_visible() {
        assert_eq!(escape_unsafe("\u{1b}[2J\r\n"), "\\u{1b}[2J\\u{d}\n");
        assert_eq!(escape_unsafe("a\u{202e}b"), "a\\u{202e}b");
        assert!(matches!(escape_unsafe("plain 文本"), Cow::Borrowed(_)));
    }

    #[test]
    fn clipping_keeps_both_ends_and_counts_what_it_left_out() {
        let long = "x".repeat(1000);
        let c = clip(&long, 10);
        assert_eq!(c, "xxxxx…[990 characters]…xxxxx");
        assert_eq!(clip("short", 10), "short");
        let text = format!("{}\u{1b}", "年".repeat(500));
        let shown = for_display(&text);
        assert!(shown.chars().count() < QUOTE_CHARS + 40, "{shown}");
        assert!(shown.ends_with("\\u{1b}"));
    }
}
