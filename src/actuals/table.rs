//! An export as rows of located cells. The platforms' back ends give CSV
//! (UTF-8, UTF-8 with a byte-order mark, or GBK/GB18030 without one) and
//! Excel workbooks; both become the same thing here: a text in the
//! `SourceMap` (the decoded CSV, or for a workbook its sheet written out as
//! CSV, one line per sheet row) and rows of cells whose spans are byte
//! ranges into that text. So every diagnostic about a cell is rendered like
//! any other, with the cell underlined, and a workbook's row numbers are its
//! line numbers (the file is named `book.xlsx!Sheet`).

use std::io::{Cursor, Read, Seek};
use std::path::Path;

use calamine::{Data, Reader};

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::source::{FileId, SourceMap, Span};
use crate::tr;

/// The most a workbook's parts may hold once decompressed (the file on
/// disk is already capped by `World::read`): a workbook is a zip archive,
/// and a small one can claim to inflate to gigabytes.
pub const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;

/// One cell: its text (trimmed) and where it is.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub span: Span,
}

/// A table read from an export.
#[derive(Debug)]
pub struct Table {
    pub file: FileId,
    /// Rows as written; `rows[0]` is the file's first row (line 1).
    pub rows: Vec<Vec<Cell>>,
    /// A workbook's merged regions, `(first row, first col, last row, last col)`, zero-based.
    pub merged: Vec<(usize, usize, usize, usize)>,
    /// Whether the table came from a workbook (cells are named `C5`).
    pub workbook: bool,
}

impl Table {
    /// The cell at `row`, `col`, if the row is that long.
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.rows.get(row).and_then(|r| r.get(col))
    }

    /// A header row as a person sees it: a cell covered by a merged region
    /// reads the region's first cell (a title over several columns, a
    /// header merged down over two rows).
    pub fn header(&self, row: usize) -> Vec<Cell> {
        let mut cells = self.rows.get(row).cloned().unwrap_or_default();
        for &(r0, c0, r1, c1) in &self.merged {
            if row < r0 || row > r1 {
                continue;
            }
            let Some(first) = self.cell(r0, c0).cloned() else {
                continue;
            };
            for c in c0..=c1 {
                if c >= cells.len() {
                    let at = cells.last().map_or(first.span, |l: &Cell| l.span);
                    cells.resize(
                        c + 1,
                        Cell {
                            text: String::new(),
                            span: Span::new(at.file, at.end as usize, at.end as usize),
                        },
                    );
                }
                if cells[c].text.is_empty() {
                    cells[c].text.clone_from(&first.text);
                }
            }
        }
        cells
    }

    /// How a person names a cell: `cell C5` in a workbook, `row 5, column
    /// 3` in a CSV file (both one-based).
    pub fn cell_name(&self, row: usize, col: usize) -> Msg {
        let (r, c) = (row + 1, col + 1);
        if self.workbook {
            let name = format!("{}{r}", column_letters(col));
            tr!("单元格 {name}", "cell {name}")
        } else {
            tr!("第 {r} 行第 {c} 列", "row {r}, column {c}")
        }
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + u8::try_from(col % 26).unwrap_or(0));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Why an export could not be read as a table (I008), with what to show.
pub struct Unreadable {
    pub text: String,
    pub at: usize,
    pub message: Msg,
    pub help: Msg,
}

/// Whether `bytes` look like a workbook: a zip archive (.xlsx) or an OLE
/// compound file (.xls), whatever the file is called.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads an export: a workbook's sheet (`sheet`, else the first) or a CSV
/// file. The table's text is added to `sources` under `path` (a workbook's
/// as `path!Sheet`); a file that cannot be read is an I008 diagnostic.
pub fn read(
    path: &Path,
    bytes: &[u8],
    sheet: Option<&str>,
    encoding: Encoding,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let result = if is_workbook(bytes) {
        read_workbook(bytes, sheet).map(|(name, text, merged)| {
            let shown = format!("{}!{name}", path.display());
            (std::path::PathBuf::from(shown), text, merged, true)
        })
    } else {
        decode(bytes, encoding).map(|text| (path.to_path_buf(), text, Vec::new(), false))
    };
    match result {
        Ok((shown, text, merged, workbook)) => {
            let id = sources.add(shown, text);
            let rows = parse_csv(&sources.get(id).text, id);
            Some(Table {
                file: id,
                rows,
                merged,
                workbook,
            })
        }
        Err(u) => {
            let id = sources.add(path.to_path_buf(), u.text);
            let text = &sources.get(id).text;
            let at = crate::source::floor_char_boundary(text, u.at.min(text.len()));
            let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
            diags.push(
                Diagnostic::new(&codes::I008, Span::new(id, at, end), u.message)
                    .label(tr!("从这里起无法读取", "unreadable from here"))
                    .help(u.help),
            );
            None
        }
    }
}

/// How a CSV file's bytes are text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark is dropped), else GB18030 (which reads GBK).
    Auto,
    Utf8,
    Gb18030,
}

/// A CSV file's text: UTF-8 (with or without a byte-order mark), else,
/// for `Auto`, GB18030 — the superset of GBK that Excel and the back ends
/// on Chinese Windows write — when the bytes decode as it without error.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<String, Box<Unreadable>> {
    let no_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = no_bom.iter().take(8192).position(|b| *b == 0) {
        return Err(Box::new(Unreadable {
            text: String::from_utf8_lossy(&no_bom[..at]).into_owned(),
            at: usize::MAX,
            message: tr!(
                "这是二进制文件，不是 CSV 或 Excel 表格",
                "this is a binary file, not CSV or an Excel workbook"
            ),
            help: tr!(
                "从后台导出为 CSV 或 `.xlsx` 后再导入",
                "export the data as CSV or .xlsx and import that"
            ),
        }));
    }
    let utf8 = std::str::from_utf8(no_bom);
    match (encoding, utf8) {
        (Encoding::Auto | Encoding::Utf8, Ok(s)) => Ok(s.to_string()),
        (Encoding::Utf8, Err(e)) => Err(Box::new(not_text(no_bom, e.valid_up_to(), "UTF-8"))),
        (Encoding::Auto | Encoding::Gb18030, _) if bytes.len() == no_bom.len() => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(no_bom);
            if had_errors {
                let at = text.find('\u{FFFD}').unwrap_or(0);
                Err(Box::new(Unreadable {
                    text: text.into_owned(),
                    at,
                    message: tr!(
                        "文件既不是 UTF-8 也不是 GBK/GB18030 文本",
                        "the file is neither UTF-8 nor GBK/GB18030 text"
                    ),
                    help: tr!(
                        "在表格软件里另存为“CSV UTF-8”后再导入",
                        "save it again as \"CSV UTF-8\" in a spreadsheet program and import that"
                    ),
                }))
            } else {
                Ok(text.into_owned())
            }
        }
        (Encoding::Gb18030, _) => Err(Box::new(not_text(no_bom, 0, "GB18030"))),
        // A UTF-8 byte-order mark before bytes that are not UTF-8.
        (Encoding::Auto, Err(e)) => Err(Box::new(not_text(no_bom, e.valid_up_to(), "UTF-8"))),
    }
}

fn not_text(bytes: &[u8], at: usize, name: &str) -> Unreadable {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let at = std::str::from_utf8(&bytes[..at.min(bytes.len())]).map_or(0, str::len);
    Unreadable {
        text,
        at,
        message: tr!("文件不是 {name} 文本", "the file is not {name} text"),
        help: tr!(
            "在映射文件的 `[file]` 里改写 `encoding`，或删掉它由 almanac 自动识别",
            "change `encoding` in the mapping's `[file]`, or leave it out to let almanac tell"
        ),
    }
}

/// CSV rows with each cell's span (RFC 4180: commas, double quotes with
/// `""` inside, CRLF or LF). A quoted cell's span covers its quotes.
pub fn parse_csv(text: &str, file: FileId) -> Vec<Vec<Cell>> {
    let b = text.as_bytes();
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut i = 0;
    let n = b.len();
    if n == 0 {
        return rows;
    }
    loop {
        // One cell from `i`.
        let start = i;
        let mut value = String::new();
        if i < n && b[i] == b'"' {
            i += 1;
            let mut from = i;
            while i < n {
                if b[i] == b'"' {
                    value.push_str(&text[from..i]);
                    if i + 1 < n && b[i + 1] == b'"' {
                        value.push('"');
                        i += 2;
                        from = i;
                        continue;
                    }
                    i += 1;
                    from = i;
                    break;
                }
                i += 1;
            }
            // Text after the closing quote, up to the separator, is kept.
            let mut j = from.max(i);
            while j < n && b[j] != b',' && b[j] != b'\n' && b[j] != b'\r' {
                j += 1;
            }
            value.push_str(&text[from.min(j)..j]);
            i = j;
        } else {
            while i < n && b[i] != b',' && b[i] != b'\n' && b[i] != b'\r' {
                i += 1;
            }
            value.push_str(&text[start..i]);
        }
        // The span of the cell's text without the spaces around it.
        let raw = &text[start..i];
        let lead = raw.len() - raw.trim_start().len();
        let trail = raw.len() - raw.trim_end().len();
        let (s, e) = if raw.trim().is_empty() {
            (start, start)
        } else {
            (start + lead, i - trail)
        };
        row.push(Cell {
            text: value.trim().to_string(),
            span: Span::new(file, s, e),
        });
        if i >= n {
            rows.push(row);
            break;
        }
        match b[i] {
            b',' => i += 1,
            b'\r' => {
                i += if i + 1 < n && b[i + 1] == b'\n' { 2 } else { 1 };
                rows.push(std::mem::take(&mut row));
                if i >= n {
                    break;
                }
            }
            _ => {
                i += 1;
                rows.push(std::mem::take(&mut row));
                if i >= n {
                    break;
                }
            }
        }
    }
    rows
}

type Merged = Vec<(usize, usize, usize, usize)>;

/// A workbook's sheet written out as CSV (row `r` of the sheet on line
/// `r`, from the sheet's first row even when its used range starts lower),
/// and its merged regions.
fn read_workbook(
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(String, String, Merged), Box<Unreadable>> {
    let broken = |e: &dyn std::fmt::Display| {
        Box::new(Unreadable {
            text: String::new(),
            at: 0,
            message: tr!(
                "无法读取 Excel 工作簿（`{e}`）",
                "cannot read the Excel workbook (`{e}`)"
            ),
            help: tr!(
                "在 Excel 或 WPS 中打开并另存为 `.xlsx` 后再导入",
                "open it in Excel or WPS, save it again as .xlsx and import that"
            ),
        })
    };
    if bytes.starts_with(b"PK") {
        unzipped_size_ok(Cursor::new(bytes)).map_err(|e| broken(&e))?;
    }
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => {
            if !names.iter().any(|n| n == s) {
                let list = names.join("`, `");
                return Err(Box::new(Unreadable {
                    text: String::new(),
                    at: 0,
                    message: tr!(
                        "工作簿里没有工作表 `{s}`",
                        "the workbook has no sheet `{s}`"
                    ),
                    help: tr!(
                        "工作表有：`{list}`；在映射文件的 `[file]` 里改写 `sheet`",
                        "its sheets are `{list}`; change `sheet` in the mapping's `[file]`"
                    ),
                }));
            }
            s.to_string()
        }
        None => match names.first() {
            Some(n) => n.clone(),
            None => return Err(broken(&"no sheets")),
        },
    };
    let range = book.worksheet_range(&name).map_err(|e| broken(&e))?;
    let merged: Merged = match &mut book {
        calamine::Sheets::Xlsx(x) => x
            .merge_cells_by_sheet_name(&name)
            .unwrap_or_default()
            .iter()
            .map(dims)
            .collect(),
        calamine::Sheets::Xls(x) => x
            .merge_cells_by_sheet_name(&name)
            .unwrap_or_default()
            .iter()
            .map(dims)
            .collect(),
        _ => Vec::new(),
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (r0, c0) = (r0 as usize, c0 as usize);
    let mut text = String::new();
    for _ in 0..r0 {
        text.push('\n');
    }
    for row in range.rows() {
        let mut cells: Vec<String> = vec![String::new(); c0];
        cells.extend(row.iter().map(cell_text));
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        let line: Vec<String> = cells.iter().map(|c| csv_quote(c)).collect();
        text.push_str(&line.join(","));
        text.push('\n');
    }
    Ok((name, text, merged))
}

fn dims(d: &calamine::Dimensions) -> (usize, usize, usize, usize) {
    (
        d.start.0 as usize,
        d.start.1 as usize,
        d.end.0 as usize,
        d.end.1 as usize,
    )
}

/// Refuses an archive whose parts claim more than [`MAX_UNZIPPED_BYTES`].
fn unzipped_size_ok(reader: impl Read + Seek) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| e.to_string())?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| e.to_string())?;
        total = total.saturating_add(f.size());
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(format!(
            "its parts unpack to {total} bytes, more than the {} MiB almanac reads",
            MAX_UNZIPPED_BYTES >> 20
        ));
    }
    Ok(())
}

/// A workbook cell as text: numbers in their shortest exact decimal form,
/// dates as `2025-03-08` (with the time when it is not midnight).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.replace(['\r', '\n'], " "),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => {
            if f.is_finite() {
                format!("{f}")
            } else {
                String::new()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => String::new(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
    }
}

/// A field quoted as CSV needs it.
fn csv_quote(s: &str) -> String {
    if s.contains([',', '"']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        parse_csv(text, FileId(0))
            .into_iter()
            .map(|r| r.into_iter().map(|c| c.text).collect())
            .collect()
    }

    #[test]
    fn csv_cells_and_their_spans() {
        assert_eq!(
            cells("a,b\r\n\"x, \"\"y\"\"\", 3 \n"),
            vec![vec!["a", "b"], vec!["x, \"y\"", "3"]]
        );
        let rows = parse_csv("名称,数\n春节,\"1,234\"\n", FileId(0));
        let c = &rows[1][1];
        assert_eq!(c.text, "1,234");
        assert_eq!(
            c.span.range(),
            "名称,数\n春节,".len().."名称,数\n春节,\"1,234\"".len()
        );
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn text_is_utf8_else_gb18030() {
        let gbk = encoding_rs::GBK
            .encode("阅读人数,新增关注\n")
            .0
            .into_owned();
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(
            decode(&gbk, Encoding::Auto).ok().as_deref(),
            Some("阅读人数,新增关注\n")
        );
        assert_eq!(
            decode("\u{FEFF}标题\n".as_bytes(), Encoding::Auto)
                .ok()
                .as_deref(),
            Some("标题\n")
        );
        assert!(decode(&gbk, Encoding::Utf8).is_err());
        assert!(decode(b"a\0b", Encoding::Auto).is_err());
    }

    proptest::proptest! {
        /// Any text gives rows whose cells are slices of it, on character
        /// boundaries, in order.
        #[test]
        fn any_text_gives_located_cells(text in "[a-c,\"\r\n 万-]{0,40}") {
            let mut last = 0;
            for row in parse_csv(&text, FileId(0)) {
                for c in row {
                    let r = c.span.range();
                    proptest::prop_assert!(r.start <= r.end && r.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                    proptest::prop_assert!(r.start >= last || c.text.is_empty());
                    last = last.max(r.end);
                    let _ = super::super::number::number(&c.text);
                }
            }
        }
    }

    #[test]
    fn column_letters_count_past_z() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27 * 26), "AAA");
    }
}
