//! Positions as an editor counts them, and file URIs. The protocol gives a
//! place in a document as a line and a column counted in UTF-16 code units
//! (or UTF-8 bytes, when both sides agree); almanac's spans are byte
//! offsets. A Chinese character is one UTF-16 unit and three bytes, an
//! emoji two units and four bytes, so every conversion goes through here.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, Uri};

/// How a position's column is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Where the lines of one text start.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The position of byte `offset` (clamped to the text, and back to the
    /// start of a character it falls inside).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = crate::source::floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &text[self.starts[line]..offset];
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(units(before, enc)).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of `pos`: a line past the end is the end of the
    /// text, a column past the end of its line is the line's end, and a
    /// column inside a character (half of a UTF-16 pair) is its start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(text.len(), |&e| e - 1);
        let line = &text[start..end];
        let mut counted = 0;
        for (i, c) in line.char_indices() {
            let width = match enc {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if counted + width > pos.character as usize {
                return start + i;
            }
            counted += width;
        }
        end
    }

    pub fn range(&self, text: &str, bytes: std::ops::Range<usize>, enc: Encoding) -> Range {
        Range {
            start: self.position(text, bytes.start, enc),
            end: self.position(text, bytes.end, enc),
        }
    }
}

/// The length of `s` in the encoding's units.
fn units(s: &str, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
    }
}

/// Replaces `range` of `text` with `new` (an incremental change).
pub fn apply_change(text: &mut String, range: Range, new: &str, enc: Encoding) {
    let index = LineIndex::new(text);
    let start = index.offset(text, range.start, enc);
    let end = index.offset(text, range.end, enc).max(start);
    text.replace_range(start..end, new);
}

/// The path a `file:` URI names; `None` for any other scheme.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path` names another machine; only the local host is read.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = crate::percent::decode(path)?;
    let text = String::from_utf8(bytes).ok()?;
    Some(crate::world::normalize(Path::new(&text)))
}

/// The `file:` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = format!("file://{}", crate::percent::encode(path.to_str()?, b"/"));
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn chinese_and_emoji_count_as_editors_count_them() {
        let text = "a = \"春节🎉x\"\nb = 1\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap_or_default();
        // 春 and 节 are one UTF-16 unit each, 🎉 is two; in UTF-8 3, 3 and 4.
        assert_eq!(index.position(text, x, Encoding::Utf16), pos(0, 9));
        assert_eq!(index.position(text, x, Encoding::Utf8), pos(0, 15));
        assert_eq!(index.offset(text, pos(0, 9), Encoding::Utf16), x);
        assert_eq!(index.offset(text, pos(0, 15), Encoding::Utf8), x);
        // Half of the emoji's pair is the emoji's start.
        let emoji = text.find('🎉').unwrap_or_default();
        assert_eq!(index.offset(text, pos(0, 8), Encoding::Utf16), emoji);
        // Past the end of a line, and past the last line.
        assert_eq!(
            index.offset(text, pos(1, 99), Encoding::Utf16),
            text.len() - 1
        );
        assert_eq!(index.offset(text, pos(9, 0), Encoding::Utf16), text.len());
        assert_eq!(index.position(text, text.len(), Encoding::Utf16), pos(2, 0));
    }

    #[test]
    fn incremental_changes_replace_their_range() {
        let mut text = "name = \"新媒体\"\nyear = 2026\n".to_string();
        apply_change(
            &mut text,
            Range {
                start: pos(1, 7),
                end: pos(1, 11),
            },
            "2027",
            Encoding::Utf16,
        );
        apply_change(
            &mut text,
            Range {
                start: pos(0, 11),
                end: pos(0, 11),
            },
            "计划",
            Encoding::Utf16,
        );
        assert_eq!(text, "name = \"新媒体计划\"\nyear = 2027\n");
    }

    #[test]
    fn file_uris_round_trip_with_spaces_and_chinese() {
        let path = Path::new("/home/林/plans 2027/plan.toml");
        let uri = path_to_uri(path).unwrap_or_else(|| panic!("a URI"));
        assert_eq!(
            uri.as_str(),
            "file:///home/%E6%9E%97/plans%202027/plan.toml"
        );
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        let other: Uri = "untitled:Untitled-1"
            .parse()
            .unwrap_or_else(|_| panic!("a URI"));
        assert_eq!(uri_to_path(&other), None);
    }
}
