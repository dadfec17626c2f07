//! A typed writer for iCalendar (RFC 5545) text. Everything a calendar
//! client is strict about lives here and nowhere else: CRLF after every
//! line, lines folded at 75 octets without splitting a UTF-8 sequence,
//! TEXT values escaped (`\\`, `\;`, `\,`, `\n`; `:` is left alone) with
//! the characters `text` calls unsafe dropped, DATE and DATE-TIME forms.
//! `emit::calendar` decides what the events are.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::text;

/// iCalendar text being written.
#[derive(Default)]
pub struct Ics {
    out: String,
}

impl Ics {
    /// A writer with room for `bytes` of text, so that a large calendar is
    /// not copied as it grows.
    pub fn with_capacity(bytes: usize) -> Ics {
        Ics {
            out: String::with_capacity(bytes),
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// A content line: `NAME;PARAMS:value`, folded and ended with CRLF.
    pub fn line(&mut self, name: &str, value: &str) {
        if name.len() + 1 + value.len() <= 75 {
            // Short enough not to fold: straight into the output.
            self.out.push_str(name);
            self.out.push(':');
            self.out.push_str(value);
            self.out.push_str("\r\n");
            return;
        }
        let mut l = String::with_capacity(name.len() + value.len() + 1);
        l.push_str(name);
        l.push(':');
        l.push_str(value);
        fold_into(&mut self.out, &l);
    }

    /// A TEXT property, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.line(name, &escape_text(value));
    }

    pub fn begin(&mut self, what: &str) {
        self.line("BEGIN", what);
    }

    pub fn end(&mut self, what: &str) {
        self.line("END", what);
    }
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
/// The characters the shared policy calls unsafe (`text::strip_unsafe`:
/// control characters, a CR not before an LF, line separators, bidi
/// controls) are dropped, so a value never ends a content line early.
pub fn escape_text(s: &str) -> String {
    let s = text::strip_unsafe(s);
    // Most text has nothing left to escape.
    if !s
        .bytes()
        .any(|b| matches!(b, b'\\' | b';' | b',' | b'\n' | b'\r'))
    {
        return s.into_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            // Only a CR LF is left: one line break.
            '\r' => {}
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Writes `line` folded to lines of at most 75 octets, each ended by CRLF;
/// continuation lines start with a space. A fold never splits a character.
pub fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74; // the leading space counts
    }
}

/// `20260215` (a DATE value).
pub fn date(d: NaiveDate) -> String {
    if (0..=9999).contains(&d.year()) {
        // What `%Y%m%d` writes for a four-digit year, without the format parser.
        let (y, m, day) = (d.year() as u32, d.month(), d.day());
        let digits = [
            y / 1000,
            y / 100 % 10,
            y / 10 % 10,
            y % 10,
            m / 10,
            m % 10,
            day / 10,
            day % 10,
        ];
        return digits.iter().map(|&n| char::from(b'0' + n as u8)).collect();
    }
    d.format("%Y%m%d").to_string()
}

/// `20260215T200000` (a local DATE-TIME, used with TZID).
pub fn local(dt: NaiveDateTime) -> String {
    dt.format("%Y%m%dT%H%M%S").to_string()
}

/// `20260215T120000Z` (a UTC DATE-TIME).
pub fn utc(dt: NaiveDateTime) -> String {
    let mut s = local(dt);
    let _ = write!(s, "Z");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_but_colons_are_not() {
        assert_eq!(escape_text("a,b;c\\d\ne:f"), "a\\,b\\;c\\\\d\\ne:f");
        assert_eq!(escape_text("x\r\ny"), "x\\ny");
    }

    #[test]
    fn unsafe_characters_are_dropped_and_cannot_start_a_property() {
        assert_eq!(
            escape_text("a\u{7}b\u{1b}[2Jc\u{85}d\u{202e}e\u{2028}f\tg"),
            "ab[2Jcdef\tg"
        );
        // A lone CR is dropped; a CR LF is one escaped line break.
        assert_eq!(
            escape_text("x\rATTENDEE:y\r\nATTENDEE:z"),
            "xATTENDEE:y\\nATTENDEE:z"
        );
        let mut w = Ics::default();
        w.text("SUMMARY", "x\r\nATTENDEE:mailto:x");
        assert_eq!(w.finish(), "SUMMARY:x\\nATTENDEE:mailto:x\r\n");
    }

    #[test]
    fn folding_respects_octets_and_characters() {
        let title = "年味实验室".repeat(20);
        let mut out = String::new();
        fold_into(&mut out, &format!("SUMMARY:{title}"));
        assert!(out.ends_with("\r\n"));
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            if i > 0 {
                assert!(l.starts_with(' '));
            }
        }
        // Unfolding gives the original back.
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{title}\r\n"));
    }

    #[test]
    fn short_lines_are_not_folded() {
        let mut out = String::new();
        fold_into(&mut out, "VERSION:2.0");
        assert_eq!(out, "VERSION:2.0\r\n");
    }
}
