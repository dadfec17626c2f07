//! A tiny XML writer for the package's parts. Every byte of text and every
//! attribute value that reaches a part goes through `escape` here, so the
//! rules PowerPoint is strict about live in one place: the five markup
//! characters are escaped, and the characters every document drops
//! (`text::is_unsafe`) are dropped here too, with those XML 1.0 forbids or
//! PowerPoint "repairs". Elements are written in the order the caller asks
//! for; keeping that order schema-valid is the caller's job.

use crate::text;

/// The XML declaration every part starts with.
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Appends `s` to `out` with `& < > " '` escaped and control characters
/// dropped. Tabs and newlines are dropped too: a caller that wants a line
/// break splits the text itself (`a:br` or a new `a:p`), because a raw
/// newline inside `a:t` is not a line break in PowerPoint.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push(' '),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
}

/// `s` escaped, as a new string.
#[cfg(test)]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Characters that never reach a part: those every document drops
/// (`text::is_unsafe`: C0 and C1 controls, line separators, bidi
/// embeddings, overrides and isolates), line breaks (a tab is written as
/// a space by `escape_into`), and what XML 1.0 forbids or PowerPoint
/// rejects beyond that: U+FFFE, U+FFFF and a stray byte-order mark.
fn is_dropped(c: char) -> bool {
    text::is_unsafe(c) || matches!(c, '\n' | '\u{FFFE}' | '\u{FFFF}' | '\u{FEFF}')
}

/// An XML document being written, element by element.
#[derive(Default)]
pub struct Xml {
    out: String,
    /// Open elements, to close them in order (checked in debug builds).
    stack: Vec<&'static str>,
}

impl Xml {
    /// A new part: the declaration, nothing else.
    pub fn new() -> Xml {
        Xml {
            out: DECLARATION.to_string(),
            stack: Vec::new(),
        }
    }

    /// The finished text. Every element must have been closed.
    pub fn finish(self) -> String {
        debug_assert!(self.stack.is_empty(), "unclosed: {:?}", self.stack);
        self.out
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v);
            self.out.push('"');
        }
    }

    /// `<name a="v">`, to be closed with `close`.
    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start_tag(name, attrs);
        self.out.push('>');
        self.stack.push(name);
        self
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) -> &mut Self {
        let name = self.stack.pop().unwrap_or_default();
        debug_assert!(!name.is_empty(), "close without open");
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self
    }

    /// `<name a="v"/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start_tag(name, attrs);
        self.out.push_str("/>");
        self
    }

    /// `<name a="v">text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self
    }

    /// Markup that is already well-formed (a fragment built by another
    /// `Xml` or a constant of this module's callers).
    pub fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }
}

/// A fragment (no declaration): for pieces assembled into a part.
pub fn fragment() -> Xml {
    Xml::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script> & \"q\" 'a'"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos;"
        );
    }

    #[test]
    fn control_characters_are_dropped_and_cjk_kept() {
        assert_eq!(
            escape("年\u{0}味\u{7}\u{1b}实\u{85}验\r\n室\u{FFFF}"),
            "年味实验室"
        );
        assert_eq!(escape("a\tb"), "a b");
        assert_eq!(escape("a\u{202e}b\u{2028}c\u{2066}d\u{FEFF}"), "abcd");
    }

    #[test]
    fn writer_nests_and_escapes_attributes() {
        let mut x = Xml::new();
        x.open("a:p", &[("x", "1 & 2")])
            .empty("a:br", &[])
            .leaf("a:t", &[], "<b>")
            .close();
        let s = x.finish();
        assert_eq!(
            s,
            format!("{DECLARATION}<a:p x=\"1 &amp; 2\"><a:br/><a:t>&lt;b&gt;</a:t></a:p>")
        );
    }

    #[test]
    fn fragments_have_no_declaration() {
        let mut x = fragment();
        x.leaf("r", &[], "t");
        assert_eq!(x.finish(), "<r>t</r>");
    }
}
