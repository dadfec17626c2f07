//! Source files and spans. Every diagnostic points into a file through a
//! `Span` (a byte range); this module turns byte offsets into lines and
//! columns — character columns for machines, display columns (CJK is two
//! wide) for the terminal — so no other module has to think about it.

use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthChar;

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// A sub-range of this span, given in bytes relative to its start.
    pub fn sub(self, start: usize, end: usize) -> Span {
        Span::new(
            self.file,
            self.start as usize + start,
            self.start as usize + end,
        )
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A value and the span it stands for: a number or flag as the TOML wrote
/// it (`syntax::raw`), or a date, range or share once resolved (`model`),
/// so a diagnostic about the value can point at its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// One file's text and where its lines start.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// Found when a position is first asked for (a diagnostic, `fmt`): a
    /// plan that checks clean never needs them.
    line_starts: std::sync::OnceLock<Vec<u32>>,
}

/// A 1-based position: line, character (code point) column and display column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub display_column: usize,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> SourceFile {
        SourceFile {
            path,
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// Byte offsets where lines start (files are at most a few megabytes,
    /// so offsets fit in 32 bits).
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i as u32 + 1));
            starts
        })
    }

    /// 0-based line index containing byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The text of 0-based line `index`, without its line ending.
    pub fn line_text(&self, index: usize) -> &str {
        let starts = self.line_starts();
        let start = starts[index] as usize;
        let end = starts
            .get(index + 1)
            .map_or(self.text.len(), |&e| e as usize);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_start(&self, index: usize) -> usize {
        self.line_starts()[index] as usize
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let before = &self.text[self.line_start(line)..offset];
        Position {
            line: line + 1,
            column: before.chars().count() + 1,
            display_column: display_width(before) + 1,
        }
    }
}

/// Terminal columns taken by `s` (a CJK character is two wide, a tab one).
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(1)).sum()
}

pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// All files read during one run.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.files.push(SourceFile::new(path, text));
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Every file, in the order it was read.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| FileId(i as u32))
    }

    pub fn text(&self, span: Span) -> &str {
        let f = self.get(span.file);
        f.text.get(span.range()).unwrap_or("")
    }
}

/// An id as written, with where it was declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_display_width() {
        let f = SourceFile::new("a.toml".into(), "a = 1\nname = \"年味\" x\n".into());
        let off = f.text.find('x').unwrap();
        let p = f.position(off);
        assert_eq!(p.line, 2);
        assert_eq!(p.column, 13);
        assert_eq!(p.display_column, 15);
        assert_eq!(f.line_text(1), "name = \"年味\" x");
    }

    #[test]
    fn crlf_lines_are_trimmed() {
        let f = SourceFile::new("a".into(), "a\r\nb\r\n".into());
        assert_eq!(f.line_text(0), "a");
        assert_eq!(f.position(3).line, 2);
    }
}
