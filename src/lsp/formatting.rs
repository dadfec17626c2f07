//! Formatting: the same layout as `almanac fmt`, sent as edits of the
//! lines that change (so the cursor and the undo history of the rest of the
//! file stay put). A range request gets the changes that touch its lines.
//! A document that is not TOML yet is left alone.

use lsp_types::{Range, TextEdit};
use similar::{Algorithm, DiffOp};

use super::text::{Encoding, LineIndex};

/// The edits that lay `text` out canonically, limited to those touching
/// the lines of `only` when given.
pub fn edits(text: &str, only: Option<Range>, enc: Encoding) -> Option<Vec<TextEdit>> {
    let new = crate::fmt::format_source(text).ok()?;
    let old_lines: Vec<&str> = text.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let index = LineIndex::new(text);
    let line_start = |i: usize| -> usize { old_lines[..i].iter().map(|l| l.len()).sum() };
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &old_lines, &new_lines) {
        let (old, new) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
                ..
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        if let Some(r) = only {
            let (first, last) = (r.start.line as usize, r.end.line as usize);
            if old.end < first || old.start > last {
                continue;
            }
        }
        let range = index.range(text, line_start(old.start)..line_start(old.end), enc);
        out.push(TextEdit {
            range,
            new_text: new_lines[new].concat(),
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let mut out = text.to_string();
        // Later edits first, so earlier ranges stay where they were.
        for e in edits.iter().rev() {
            crate::lsp::text::apply_change(&mut out, e.range, &e.new_text, Encoding::Utf16);
        }
        out
    }

    #[test]
    fn the_edits_give_what_fmt_gives() {
        let text =
            "[plan]\nname   =  \"计划\"\nyear = 2026\n\n[people.a]\nrole = \"x\"\nname = \"甲\"\n";
        let Some(edits) = edits(text, None, Encoding::Utf16) else {
            panic!("the text is TOML");
        };
        assert!(!edits.is_empty());
        let formatted = crate::fmt::format_source(text).unwrap_or_default();
        assert_eq!(apply(text, &edits), formatted);
        // Formatted text needs nothing.
        assert_eq!(edits_len(&formatted), Some(0));
        // Not TOML: nothing is offered.
        assert_eq!(edits_len("[plan\n"), None);
    }

    fn edits_len(text: &str) -> Option<usize> {
        edits(text, None, Encoding::Utf16).map(|e| e.len())
    }
}
