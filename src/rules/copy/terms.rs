//! The absolute terms of China's advertising law as data
//! (`data/copy/absolute-terms.csv`, source named in `data/README.md`) and
//! the search for them in a text. Both the plan rule (L001) and `almanac
//! copy` (drafts) find terms here, so a draft and a plan are held to the
//! same list.
//!
//! A term matches anywhere; at each position the longest term wins (`最佳`
//! over `最`), and the search goes on after it. An everyday word that
//! contains a term (`最近`, `第一期`) and a plan's `allow` entries exempt
//! the text they cover. Latin letters match in any case, and full-width
//! forms (`１００％`, `ＮＯ．１`) as their ASCII twins.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

const TERMS_CSV: &str = include_str!("../../../data/copy/absolute-terms.csv");

/// A list of terms to look for and of words that exempt what they cover.
#[derive(Clone, Debug, Default)]
pub struct Terms {
    /// Each term, normalised, by its first character.
    terms: BTreeMap<char, Vec<Vec<char>>>,
    /// Words that are not claims, normalised, by their first character.
    exempt: BTreeMap<char, Vec<Vec<char>>>,
    /// Every term as it may be written (any case, half- or full-width), to
    /// tell at once whether a large text holds one at all.
    any: Option<aho_corasick::AhoCorasick>,
}

/// One term found: its byte range in the text searched, and the term as
/// the list writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub term: String,
}

impl Terms {
    /// The built-in list.
    pub fn builtin() -> &'static Terms {
        static BUILTIN: OnceLock<Terms> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            parse(TERMS_CSV).unwrap_or_else(|e| panic!("data/copy/absolute-terms.csv: {e}"))
        })
    }

    /// This list with `extra` terms and `allow`ed words (a term itself, or
    /// a phrase that contains one, such as a product name).
    pub fn with(&self, extra: &[String], allow: &[String]) -> Terms {
        let mut t = self.clone();
        for e in extra {
            add(&mut t.terms, e);
        }
        for a in allow {
            add(&mut t.exempt, a);
        }
        t.index();
        t
    }

    /// Builds [`Terms::any`] from the terms.
    fn index(&mut self) {
        let mut forms: Vec<String> = Vec::new();
        for w in self.terms.values().flatten() {
            // As listed, and with its ASCII in full width (`１００％`).
            let full: String = w
                .iter()
                .map(|&c| match u32::from(c) {
                    0x21..=0x7E => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
                    _ => c,
                })
                .collect();
            forms.push(w.iter().collect());
            forms.push(full);
        }
        self.any = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&forms)
            .ok();
    }

    /// Whether `text` may hold a term: false means it holds none, so the
    /// search (and reading where its strings are) can be skipped.
    pub fn may_hold(&self, text: &str) -> bool {
        self.any.as_ref().is_none_or(|a| a.is_match(text))
    }

    /// Every term in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let chars: Vec<(usize, char)> = text
            .char_indices()
            .map(|(i, c)| (i, normalise(c)))
            .collect();
        let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
        // Character ranges the exempt words cover.
        let mut exempt: Vec<Range<usize>> = Vec::new();
        for k in 0..chars.len() {
            if let Some(n) = longest(&self.exempt, &chars[k..]) {
                exempt.push(k..k + n);
            }
        }
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let Some(n) = longest(&self.terms, &chars[k..]) else {
                k += 1;
                continue;
            };
            if !exempt.iter().any(|e| e.start <= k && k + n <= e.end) {
                let range = chars[k].0..end_of(k + n);
                out.push(Found {
                    term: text[range.clone()].to_string(),
                    range,
                });
            }
            k += n;
        }
        out
    }
}

/// How many characters the longest entry of `list` that starts `text` has.
fn longest(list: &BTreeMap<char, Vec<Vec<char>>>, text: &[(usize, char)]) -> Option<usize> {
    let first = text.first()?.1;
    list.get(&first)?
        .iter()
        .filter(|w| w.len() <= text.len() && w.iter().zip(text).all(|(a, (_, b))| a == b))
        .map(Vec::len)
        .max()
}

/// Full-width ASCII forms as ASCII (`１` → `1`, `％` → `%`), ASCII
/// letters in lower case.
fn normalise(c: char) -> char {
    let c = match u32::from(c) {
        0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_lowercase()
}

fn add(list: &mut BTreeMap<char, Vec<Vec<char>>>, word: &str) {
    let w: Vec<char> = word.chars().map(normalise).collect();
    if let Some(&first) = w.first() {
        let entries = list.entry(first).or_default();
        if !entries.contains(&w) {
            entries.push(w);
        }
    }
}

fn parse(text: &str) -> Result<Terms, String> {
    let mut lines = text.lines().enumerate();
    if lines.next().map(|(_, l)| l.trim_end()) != Some("term,kind") {
        return Err("line 1: expected the header `term,kind`".into());
    }
    let mut t = Terms::default();
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        match line.split_once(',') {
            Some((term, "term")) if !term.is_empty() => add(&mut t.terms, term),
            Some((word, "not_a_claim")) if !word.is_empty() => add(&mut t.exempt, word),
            _ => {
                return Err(format!(
                    "line {}: expected `TERM,term` or `WORD,not_a_claim`",
                    i + 1
                ));
            }
        }
    }
    t.index();
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<(String, Range<usize>)> {
        Terms::builtin()
            .find(text)
            .into_iter()
            .map(|f| (f.term, f.range))
            .collect()
    }

    #[test]
    fn the_longest_term_is_found_at_its_bytes() {
        // 最佳 over 最; byte offsets, three bytes a character.
        assert_eq!(terms("全网最佳口碑"), [("最佳".to_string(), 6..12)]);
        assert_eq!(
            terms("国家级品质，唯一之选"),
            [("国家级".to_string(), 0..9), ("唯一".to_string(), 18..24)]
        );
    }

    #[test]
    fn everyday_words_are_not_claims() {
        assert!(terms("最近上线的第一期栏目，最后一周").is_empty());
        assert!(terms("第一时间回复，第一季度复盘").is_empty());
        // An exempt word covers only itself: 第一 after it still counts.
        assert_eq!(terms("第一期销量第一").len(), 1);
    }

    #[test]
    fn full_width_and_case_do_not_hide_a_term() {
        assert_eq!(terms("１００％好评"), [("１００％".to_string(), 0..12)]);
        assert_eq!(terms("品类 No.1"), [("No.1".to_string(), 7..11)]);
    }

    #[test]
    fn a_plan_extends_and_narrows_the_list() {
        let t = Terms::builtin().with(&["吊打".into()], &["最佳拍档".into(), "独家".into()]);
        let found: Vec<String> = t
            .find("吊打同行，最佳拍档，独家首发")
            .into_iter()
            .map(|f| f.term)
            .collect();
        assert_eq!(found, ["吊打"]);
    }

    #[test]
    fn a_text_without_terms_is_told_at_once() {
        let t = Terms::builtin();
        assert!(!t.may_hold("年味实验室 campaign 10 no 1"));
        for text in ["全网最佳", "１００％", "no.1", "Top1"] {
            assert!(t.may_hold(text), "{text}");
        }
        let mine = t.with(&["吊打".into()], &[]);
        assert!(mine.may_hold("吊打") && !t.may_hold("吊打"));
    }

    #[test]
    fn bad_rows_are_refused() {
        assert!(
            parse("term,kind\n最,word\n")
                .unwrap_err()
                .contains("line 2")
        );
        assert!(parse("terms\n").is_err());
    }
}
