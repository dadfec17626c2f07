//! The task list as CSV (RFC 4180 quoting by the `csv` crate), with
//! localised headers and, by default, a UTF-8 byte-order mark so that Excel
//! and WPS on Chinese Windows open it as UTF-8 instead of GBK.

use crate::emit::labels::Labels;
use crate::emit::rows::Row;

pub fn tasks_csv(rows: &[Row<'_>], labels: &Labels, bom: bool) -> Vec<u8> {
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
        let _ = w.write_record(r.cells(labels).iter().map(|c| c.as_bytes()));
    }
    w.into_inner().unwrap_or_default()
}
