//! Where is character N of a TOML string in the file? Expressions are parsed
//! from the *decoded* string, but diagnostics must underline the characters
//! in the file, where escapes (`\u5E74`, `\"`), line-ending backslashes and
//! the quotes themselves shift every offset. `LocMap` maps a byte offset in
//! the decoded string back to a byte offset in the file.

use crate::source::Span;
use crate::syntax::ast::Loc;

/// Maps decoded offsets to file offsets for one string value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocMap {
    /// The decoded text appears verbatim in the file at this offset.
    Direct(u32),
    /// File offset of every decoded byte, plus one for the end.
    Table(Box<[u32]>),
}

/// A string value's location: its span in the file (quotes included) and the
/// map from decoded offsets into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrSrc {
    pub span: Span,
    pub map: LocMap,
}

impl StrSrc {
    /// Builds the map for the string token `raw` (the file text of `span`,
    /// quotes included) whose decoded value is `decoded`.
    pub fn new(span: Span, raw: &str, decoded: &str) -> StrSrc {
        StrSrc {
            span,
            map: build(span.start, raw, decoded),
        }
    }

    /// For values that are not strings (a bare integer): offsets map 1:1.
    pub fn verbatim(span: Span) -> StrSrc {
        StrSrc {
            span,
            map: LocMap::Direct(span.start),
        }
    }

    /// The file span of `loc` (a byte range in the decoded string).
    pub fn at(&self, loc: Loc) -> Span {
        let (s, e) = match &self.map {
            LocMap::Direct(base) => (*base as usize + loc.start, *base as usize + loc.end),
            LocMap::Table(t) => {
                let get = |i: usize| t.get(i.min(t.len() - 1)).copied().unwrap_or(0) as usize;
                let start = get(loc.start);
                // The end maps to the end of the last character covered.
                let end = if loc.end > loc.start {
                    get(loc.end)
                } else {
                    start
                };
                (start, end.max(start))
            }
        };
        let s = s.min(self.span.end as usize);
        Span::new(self.span.file, s, e.min(self.span.end as usize))
    }
}

fn build(base: u32, raw: &str, decoded: &str) -> LocMap {
    let (open, close) = delimiters(raw);
    let mut content = &raw[open..raw.len() - close];
    let mut start = open;
    // A newline right after an opening `"""` or `'''` is not part of the value.
    if open == 3 {
        for nl in ["\r\n", "\n"] {
            if let Some(rest) = content.strip_prefix(nl) {
                content = rest;
                start += nl.len();
                break;
            }
        }
    }
    if content == decoded {
        return LocMap::Direct(base + start as u32);
    }
    // In a basic string every backslash starts an escape; in a literal
    // string it is just a character.
    let basic = raw.starts_with('"');
    let mut table = Vec::with_capacity(decoded.len() + 1);
    let bytes = content.as_bytes();
    let mut r = 0usize; // position in content
    for ch in decoded.chars() {
        // Skip line-ending backslashes (multi-line basic strings).
        loop {
            if basic
                && bytes.get(r) == Some(&b'\\')
                && is_line_ending_backslash(content.get(r + 1..).unwrap_or(""))
            {
                r += 1;
                while r < bytes.len() && matches!(bytes[r], b' ' | b'\t' | b'\r' | b'\n') {
                    r += 1;
                }
                continue;
            }
            break;
        }
        let here = base as usize + start + r;
        // `r` stays on a character boundary while the walk is in step; out
        // of step, the rest of the string maps to where it lost its way.
        let rest = content.get(r..).unwrap_or("");
        // An escape first: `\\` decodes to a backslash, which must not be
        // taken for the backslash itself.
        let consumed = if basic && rest.starts_with('\\') {
            escape_len(rest)
        } else if rest.starts_with(ch) {
            ch.len_utf8()
        } else if ch == '\n' && rest.starts_with("\r\n") {
            2
        } else {
            // Out of step (should not happen): map the rest to this point.
            0
        };
        for _ in 0..ch.len_utf8() {
            table.push(here as u32);
        }
        r += consumed;
    }
    table.push((base as usize + start + r.min(content.len())) as u32);
    LocMap::Table(table.into_boxed_slice())
}

fn delimiters(raw: &str) -> (usize, usize) {
    for q in ["\"\"\"", "'''"] {
        if raw.len() >= 6 && raw.starts_with(q) && raw.ends_with(q) {
            return (3, 3);
        }
    }
    if raw.len() >= 2 && (raw.starts_with('"') || raw.starts_with('\'')) {
        return (1, 1);
    }
    (0, 0)
}

fn is_line_ending_backslash(after: &str) -> bool {
    let trimmed = after.trim_start_matches([' ', '\t']);
    trimmed.starts_with('\n') || trimmed.starts_with("\r\n")
}

/// Length in the file of the escape sequence at the start of `s` (`\n`, `\u5E74`, …).
fn escape_len(s: &str) -> usize {
    match s.as_bytes().get(1) {
        Some(b'u') => 6,
        Some(b'U') => 10,
        Some(b'x') => 4,
        Some(_) => 2,
        None => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn locate(file: &str, decoded: &str, needle: &str) -> String {
        let start = file.find(['"', '\'']).unwrap();
        let end = file.rfind(['"', '\'']).unwrap() + 1;
        let span = Span::new(FileId(0), start, end);
        let src = StrSrc::new(span, &file[start..end], decoded);
        let at = decoded.find(needle).unwrap();
        let s = src.at(Loc {
            start: at,
            end: at + needle.len(),
        });
        file[s.range()].to_string()
    }

    #[test]
    fn plain_strings_map_directly() {
        assert_eq!(locate("w = \"春节..x\"", "春节..x", "x"), "x");
        assert_eq!(locate("w = 'a..b'", "a..b", "b"), "b");
    }

    #[test]
    fn escapes_shift_offsets() {
        // `\u6625` is 春; the error after it must land on `x`.
        let file = r#"w = "\u6625\u8282..x""#;
        assert_eq!(locate(file, "春节..x", "x"), "x");
        assert_eq!(locate(file, "春节..x", "节"), "\\u8282");
        let file = r#"w = "say \"hi\" x""#;
        assert_eq!(locate(file, "say \"hi\" x", "x"), "x");
    }

    #[test]
    fn an_escaped_backslash_is_two_characters_of_the_file() {
        // Found by the `toml` fuzz target: the decoded `\` was matched with
        // the escape's first backslash, the walk fell out of step and cut
        // the `¥` after it in half.
        let file = r#"w = "\\¥\\ x""#;
        assert_eq!(locate(file, "\\¥\\ x", "x"), "x");
        assert_eq!(locate(file, "\\¥\\ x", "¥"), "¥");
        assert_eq!(locate(file, "\\¥\\ x", "\\"), "\\\\");
        let file = r#"w = """a\\\\b x""""#;
        assert_eq!(locate(file, "a\\\\b x", "x"), "x");
        // In a literal string a backslash is itself.
        let file = r"w = 'a\ x'";
        assert_eq!(locate(file, "a\\ x", "x"), "x");
    }

    #[test]
    fn multi_line_strings() {
        let file = "w = \"\"\"\nevery wed \\\n   except x\"\"\"";
        assert_eq!(locate(file, "every wed except x", "x"), "x");
        let file = "w = '''\nabc x'''";
        assert_eq!(locate(file, "abc x", "x"), "x");
    }
}
