//! Schedule rules: checks of the dated `Schedule` — review chains, blackout
//! and holiday publishing, flagship overlaps, columns that never occur,
//! tasks out of order or on days off.

pub mod blackout;
pub mod column_on_holiday;
pub mod flagship_overlap;
pub mod holiday_publishing;
pub mod lead_time;
pub mod never_occurs;
pub mod too_many;

use chrono::NaiveDate;

use crate::locale::Msg;
use crate::source::{SourceMap, Span};
use crate::tr;

/// `2026-02-18, 2026-05-01, … (9 in all)`: a short list of dates
/// (`2026-02-18、2026-05-01 等 9 天` in Chinese).
pub fn date_list(days: &[NaiveDate]) -> Msg {
    let shown: Vec<String> = days
        .iter()
        .take(4)
        .map(std::string::ToString::to_string)
        .collect();
    let (zh, en) = (shown.join("、"), shown.join(", "));
    let n = days.len();
    if n > 4 {
        tr!("{zh} 等 {n} 天", "{en}, … ({n} in all)")
    } else {
        tr!("{zh}", "{en}")
    }
}

/// `items` joined, `zh_sep`/`en_sep` between (nothing for none).
pub fn join_msgs(items: &[Msg], zh_sep: &str, en_sep: &str) -> Msg {
    let mut it = items.iter();
    let first = it.next().cloned().unwrap_or_default();
    it.fold(first, |acc, m| acc.join(zh_sep, en_sep, m))
}

/// The edit that adds `days` to a column's `skip` list: after its last
/// entry when it has one, else a `skip` key beside the recurrence — on a
/// line of its own in a `[columns.x]` table, after a comma in an inline
/// table.
pub fn skip_fix(
    sources: &SourceMap,
    col: &crate::model::Column,
    days: &[NaiveDate],
) -> (Span, String) {
    let quoted: Vec<String> = days.iter().map(|d| format!("\"{d}\"")).collect();
    let quoted = quoted.join(", ");
    if let Some(last) = col.skip.last() {
        let end = last.span.range().len();
        return (last.span.sub(end, end), format!(", {quoted}"));
    }
    let every = col.recurrence_span;
    let file = sources.get(every.file);
    let line = file.line_index(every.start as usize);
    let start = file.line_start(line);
    let before = &file.text[start..every.start as usize];
    let end = every.range().len();
    if before.contains('{') {
        return (every.sub(end, end), format!(", skip = [{quoted}]"));
    }
    // `every = …` or a dotted `weekly.every = …`: the same path to `skip`.
    let key = before.trim().trim_end_matches('=').trim_end();
    let path = key.rsplit_once('.').map_or("", |(p, _)| p);
    let dot = if path.is_empty() { "" } else { "." };
    let indent = &before[..before.len() - before.trim_start().len()];
    let line_end = start + file.line_text(line).len();
    (
        Span::new(every.file, line_end, line_end),
        format!("\n{indent}{path}{dot}skip = [{quoted}]"),
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::check::check_paths;
    use crate::world::MemWorld;

    const HEAD: &str = "[plan]\nname = \"p\"\nyear = 2026\n\n[channels.weibo]\nname = \"微博\"\n\n";

    /// The plan with `columns` after its header, each P004 fix applied on
    /// its own: the plan it gives and whether P004 is gone.
    fn mended(columns: &str) -> Vec<(String, bool)> {
        let text = format!("{HEAD}{columns}");
        let path = PathBuf::from("p.toml");
        let checked = check_paths(
            &MemWorld::default().with_file("p.toml", text.as_str()),
            std::slice::from_ref(&path),
        )
        .expect("checks");
        let Some(p004) = checked.diagnostics.iter().find(|d| d.code() == "P004") else {
            return Vec::new();
        };
        p004.fixes
            .iter()
            .map(|f| {
                let mut fixed = text.clone();
                fixed.replace_range(f.span.range(), &f.text);
                let again = check_paths(
                    &MemWorld::default().with_file("p.toml", fixed.as_str()),
                    std::slice::from_ref(&path),
                )
                .expect("checks");
                let gone = again
                    .diagnostics
                    .iter()
                    .all(|d| d.code() != "P004" && d.code() != "S001");
                (fixed[HEAD.len()..].to_string(), gone)
            })
            .collect()
    }

    #[test]
    fn skip_is_added_the_way_the_column_is_written() {
        // An inline table: after a comma.
        let inline = mended(
            "[columns]\nfri = { channel = \"weibo\", every = \"every fri\", during = \"q2\" }\n",
        );
        assert_eq!(
            inline[1],
            (
                "[columns]\nfri = { channel = \"weibo\", every = \"every fri\", skip = [\"2026-05-01\", \"2026-06-19\"], during = \"q2\" }\n".to_string(),
                true
            )
        );
        // A dotted key: the same path, on the next line, indented alike.
        let dotted = mended(
            "[columns]\n  fri.channel = \"weibo\"\n  fri.every = \"every fri\" # weekly\n  fri.during = \"q2\"\n",
        );
        assert_eq!(
            dotted[1],
            (
                "[columns]\n  fri.channel = \"weibo\"\n  fri.every = \"every fri\" # weekly\n  fri.skip = [\"2026-05-01\", \"2026-06-19\"]\n  fri.during = \"q2\"\n".to_string(),
                true
            )
        );
        // A `skip` list already there: the days join it.
        let listed = mended(
            "[columns.fri]\nchannel = \"weibo\"\nevery = \"every fri\"\nskip = [\"04-03\"]\nduring = \"q2\"\n",
        );
        assert_eq!(
            listed[1],
            (
                "[columns.fri]\nchannel = \"weibo\"\nevery = \"every fri\"\nskip = [\"04-03\", \"2026-05-01\", \"2026-06-19\"]\nduring = \"q2\"\n".to_string(),
                true
            )
        );
        // And `except holidays` mends each of them too.
        assert!(inline[0].1 && dotted[0].1 && listed[0].1);
    }
}
