//! The task list as CSV (RFC 4180 quoting by the `csv` crate), with
//! localised headers and, by default, a UTF-8 byte-order mark so that Excel
//! and WPS on Chinese Windows open it as UTF-8 instead of GBK.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a
//! formula (and some also after a leading TAB or CR), so a task named
//! `=HYPERLINK("http://…","点我")` would become a live link or worse in
//! the reviewer's Excel. Every cell of plan text (`rows::from_plan`) is
//! therefore neutralised the way OWASP recommends: a leading `'`, which
//! spreadsheets read as "this is text" and do not show. Our own columns
//! (dates, hours, labels) are written as they are. The JSON task list
//! keeps the exact text.

use std::borrow::Cow;

use crate::emit::rows::{COLUMNS, Row, from_plan};
use crate::locale::Words;
use crate::text;

pub fn tasks_csv(rows: &[Row<'_>], labels: &Words, bom: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024 + 128 * rows.len());
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    // Writing into memory cannot fail.
    let _ = w.write_record(labels.columns);
    for r in rows {
        for (cell, column) in r.cells(labels).iter().zip(COLUMNS) {
            let _ = if from_plan(column) {
                w.write_field(plain_text(cell).as_bytes())
            } else {
                w.write_field(cell.as_bytes())
            };
        }
        // An empty record ends the one the fields were written to.
        let _ = w.write_record(None::<&[u8]>);
    }
    w.into_inner().unwrap_or_default()
}

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Plan text as a cell: the characters every document drops are dropped
/// (`text::strip_unsafe`), then a text that would start a formula gets a
/// leading `'`.
fn plain_text(cell: &str) -> Cow<'_, str> {
    let cell = text::strip_unsafe(cell);
    if cell.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{cell}"))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::locale::words as labels;
    use crate::model::Locale;

    fn row<'a>(title: &'a str, owner: &'a str, hours: &str) -> Row<'a> {
        Row {
            id: "task:c.t",
            date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default(),
            time: None,
            weekday: "Mon",
            kind: "task",
            kind_label: "Task",
            title,
            owner: Some(owner),
            owner_id: Some("o"),
            channels: vec!["-blog", "x"],
            channel_ids: vec!["blog", "x"],
            campaign: Some("@camp"),
            campaign_id: Some("camp"),
            column: None,
            column_id: None,
            review_level: Some("+legal"),
            hours: hours.to_string(),
            raci: Some("R"),
            publishes: false,
        }
    }

    fn records(rows: &[Row<'_>]) -> Vec<Vec<String>> {
        let bytes = tasks_csv(rows, labels(Locale::En), false);
        let mut r = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(bytes.as_slice());
        r.records()
            .map(|rec| match rec {
                Ok(rec) => rec.iter().map(str::to_string).collect(),
                Err(e) => panic!("{e}"),
            })
            .collect()
    }

    #[test]
    fn plan_text_that_starts_a_formula_is_neutralised() {
        let rows = [
            row("=HYPERLINK(\"http://x\",\"点我\")", "=Tom", "1.5"),
            row("\t=1+1", "\u{7}=cmd", "2"),
            row("\r\n=2+2", "Ann", "2"),
            row("a=b", "Ann - lead", "2"),
        ];
        let got = records(&rows);
        assert_eq!(got[0][5], "'=HYPERLINK(\"http://x\",\"点我\")");
        assert_eq!(got[0][6], "'=Tom");
        assert_eq!(got[0][8], "'-blog, x");
        assert_eq!(got[0][9], "'@camp");
        assert_eq!(got[0][11], "'+legal");
        assert_eq!(got[1][5], "'\t=1+1");
        // The control character is dropped first; what is left is a formula.
        assert_eq!(got[1][6], "'=cmd");
        assert_eq!(got[2][5], "'\r\n=2+2");
        // Text that does not start a formula is left alone.
        assert_eq!(got[3][5], "a=b");
        assert_eq!(got[3][6], "Ann - lead");
    }

    #[test]
    fn our_own_columns_are_never_touched() {
        let got = records(&[row("t", "o", "-1.5")]);
        assert_eq!(got[0][1], "2027-03-01");
        assert_eq!(got[0][12], "-1.5");
        assert_eq!(got[0][13], "R");
    }
}
