//! Semantic tokens for the expressions inside strings, so that
//! `"spring_festival - 21d..+15d"` is not one flat string colour: moment
//! and campaign names, weekday and month words, numbers with their units,
//! dates and operators each get a token type. Only strings whose key holds
//! an expression (by the format definition) are looked into, and only
//! those written on one line without escapes (where the text between the
//! quotes is the value).

use lsp_types::{SemanticToken, SemanticTokenType, SemanticTokensLegend};

use crate::syntax::tree::{self, Table, Value};

use super::hover::key_at;
use super::text::{Encoding, LineIndex};

/// The token types, in the legend's order.
pub const TYPES: [SemanticTokenType; 4] = [
    SemanticTokenType::VARIABLE,
    SemanticTokenType::KEYWORD,
    SemanticTokenType::NUMBER,
    SemanticTokenType::OPERATOR,
];

/// A name: a moment, campaign or task.
pub(super) const VARIABLE: u32 = 0;
const KEYWORD: u32 = 1;
const NUMBER: u32 = 2;
const OPERATOR: u32 = 3;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: Vec::new(),
    }
}

/// The tokens of every expression string in `text`, encoded as the
/// protocol wants (each relative to the one before).
pub fn tokens(text: &str, enc: Encoding) -> Vec<SemanticToken> {
    let Ok(root) = tree::parse(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk(&root, text, &mut Vec::new(), &mut found);
    found.sort_unstable();
    let index = LineIndex::new(text);
    let mut out = Vec::with_capacity(found.len());
    let (mut line, mut start) = (0, 0);
    for (from, to, kind) in found {
        let a = index.position(text, from, enc);
        let b = index.position(text, to, enc);
        if a.line != b.line {
            continue;
        }
        let delta_line = a.line - line;
        let delta_start = if delta_line == 0 {
            a.character - start
        } else {
            a.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: b.character - a.character,
            token_type: kind,
            token_modifiers_bitset: 0,
        });
        (line, start) = (a.line, a.character);
    }
    out
}

fn walk(t: &Table<'_>, text: &str, path: &mut Vec<String>, out: &mut Vec<(usize, usize, u32)>) {
    for (k, v) in t.iter() {
        path.push(k.get_ref().to_string());
        let expression = key_at(path).is_some_and(|key| key.kind.expr().is_some());
        let items: Vec<&tree::Item<'_>> = match v.get_ref() {
            Value::Array(items) => items.iter().collect(),
            _ => vec![v],
        };
        for item in items {
            match item.get_ref() {
                Value::Table(sub) => walk(sub, text, path, out),
                Value::String(s) if expression => {
                    let span = item.span();
                    let inner = span.start + 1..span.end.saturating_sub(1);
                    if text.get(inner.clone()) == Some(s.as_ref()) && !s.contains('\n') {
                        lex(s, inner.start, out);
                    }
                }
                _ => {}
            }
        }
        path.pop();
    }
}

/// Cuts an expression into tokens: words, numbers (with a unit or a date's
/// dashes), operators.
pub(super) fn lex(s: &str, base: usize, out: &mut Vec<(usize, usize, u32)>) {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(s.len(), |(b, _)| *b);
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let start = i;
        if c.is_ascii_digit() {
            // A number, a date (`2026-02-10`), a time or a number with its
            // unit (`21d`, `3wd`, `15%`, `60万`).
            while i < chars.len()
                && (chars[i].1.is_alphanumeric()
                    || matches!(chars[i].1, '.' | '%' | ':' | '_')
                    || (chars[i].1 == '-'
                        && chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit())))
            {
                if chars[i].1 == '.' && chars.get(i + 1).is_some_and(|(_, n)| *n == '.') {
                    break;
                }
                i += 1;
            }
            out.push((base + at, base + end_of(i), NUMBER));
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].1.is_alphanumeric() || chars[i].1 == '_') {
                i += 1;
            }
            let word = &s[at..end_of(i)];
            let kind = if is_keyword(word) { KEYWORD } else { VARIABLE };
            out.push((base + at, base + end_of(i), kind));
        } else if matches!(
            c,
            '+' | '-' | '.' | '<' | '>' | '=' | '*' | '/' | '¥' | '$' | '€'
        ) {
            while i < chars.len() && chars[i].1 == c && c == '.' {
                i += 1;
            }
            i = i.max(start + 1);
            out.push((base + at, base + end_of(i), OPERATOR));
        } else {
            i += 1;
        }
    }
}

/// The expression language's own words: weekdays, months, and the words
/// of recurrences and offsets.
fn is_keyword(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "every", "except", "holidays", "on", "at", "of", "weeks", "week", "days", "day", "months",
        "month", "and", "after", "before", "start", "end", "last", "first", "workday", "workdays",
    ];
    let lower = word.to_ascii_lowercase();
    WORDS.contains(&lower.as_str())
        || crate::syntax::expr::WEEKDAYS
            .iter()
            .any(|(w, _)| *w == lower)
        || crate::syntax::expr::MONTHS.iter().any(|(w, _)| *w == lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(&str, u32)> {
        let mut out = Vec::new();
        lex(s, 0, &mut out);
        out.iter().map(|&(a, b, k)| (&s[a..b], k)).collect()
    }

    #[test]
    fn an_expression_is_cut_into_names_numbers_words_and_operators() {
        assert_eq!(
            kinds("spring_festival-21d..+15d"),
            [
                ("spring_festival", VARIABLE),
                ("-", OPERATOR),
                ("21d", NUMBER),
                ("..", OPERATOR),
                ("+", OPERATOR),
                ("15d", NUMBER),
            ]
        );
        assert_eq!(
            kinds("every wed except holidays"),
            [
                ("every", KEYWORD),
                ("wed", KEYWORD),
                ("except", KEYWORD),
                ("holidays", KEYWORD)
            ]
        );
        assert_eq!(
            kinds("2026-02-10..2026-03-01"),
            [
                ("2026-02-10", NUMBER),
                ("..", OPERATOR),
                ("2026-03-01", NUMBER)
            ]
        );
        assert_eq!(kinds("60万"), [("60万", NUMBER)]);
    }

    #[test]
    fn only_expression_strings_get_tokens_each_relative_to_the_last() {
        let text = "[campaigns.c]\nname = \"every wed\"\nwindow = \"春节-7d..+3d\"\n";
        let t = tokens(text, Encoding::Utf16);
        // `name` is text: nothing; `window` gives 春节 - 7d .. + 3d.
        assert_eq!(t.len(), 6, "{t:?}");
        assert_eq!((t[0].delta_line, t[0].delta_start, t[0].length), (2, 10, 2));
        assert_eq!((t[1].delta_line, t[1].delta_start, t[1].length), (0, 2, 1));
    }
}
