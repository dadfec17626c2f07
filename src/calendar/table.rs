//! Reading the calendar's built-in CSV files. The files under `data/calendar/`
//! are compiled into the binary, so they need no general CSV reader: one
//! header line, `,` separators, no quoting. Each reader here says exactly
//! which line is wrong, because a bad built-in row is a programming error that
//! a unit test must catch before release.

use chrono::{NaiveDate, Weekday};

/// One data row: its 1-based line number in the file and its fields.
pub(super) struct Row<'a> {
    pub line: usize,
    pub fields: Vec<&'a str>,
}

/// Splits `text` into rows after checking that the first line is `header`.
/// Blank lines are skipped; every row must have as many fields as the header.
pub(super) fn rows<'a>(text: &'a str, header: &[&str]) -> Result<Vec<Row<'a>>, String> {
    let mut lines = text.lines().enumerate();
    let first = lines.next().map_or("", |(_, l)| l.trim_end_matches('\r'));
    let expected = header.join(",");
    if first != expected {
        return Err(format!(
            "line 1: expected header `{expected}`, found `{first}`"
        ));
    }
    let mut out = Vec::new();
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() != header.len() {
            return Err(format!(
                "line {}: expected {} fields, found {}",
                i + 1,
                header.len(),
                fields.len()
            ));
        }
        if let Some(f) = fields.iter().find(|f| f.trim() != **f || f.is_empty()) {
            return Err(format!(
                "line {}: empty field or stray whitespace in `{f}`",
                i + 1
            ));
        }
        out.push(Row {
            line: i + 1,
            fields,
        });
    }
    Ok(out)
}

/// An ISO date, `YYYY-MM-DD`, zero-padded.
pub(super) fn date(line: usize, s: &str) -> Result<NaiveDate, String> {
    let ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    ok.then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| format!("line {line}: `{s}` is not a date (YYYY-MM-DD)"))
}

/// A lowercase three-letter weekday: `mon` … `sun`.
pub(super) fn weekday(line: usize, s: &str) -> Result<Weekday, String> {
    Ok(match s {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return Err(format!("line {line}: `{s}` is not a weekday (mon … sun)")),
    })
}

/// An ASCII snake_case identifier: starts with a lowercase letter, then
/// lowercase letters, digits and single underscores.
pub(super) fn is_snake_case(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && !s.ends_with('_')
        && !s.contains("__")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_check_header_and_field_count() {
        assert!(rows("a,b\n1,2\n\n3,4\n", &["a", "b"]).unwrap().len() == 2);
        assert!(rows("a,c\n1,2\n", &["a", "b"]).is_err());
        let err = rows("a,b\n1,2\n1,2,3\n", &["a", "b"]).err().unwrap();
        assert!(err.starts_with("line 3:"), "{err}");
        assert!(rows("a,b\n1, 2\n", &["a", "b"]).is_err());
        assert!(rows("a,b\n1,\n", &["a", "b"]).is_err());
    }

    #[test]
    fn dates_must_be_padded_iso() {
        assert_eq!(
            date(1, "2026-02-14").unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 14).unwrap()
        );
        assert!(date(1, "2026-2-14").is_err());
        assert!(date(1, "2026-02-30").is_err());
        assert!(date(1, "20260214").is_err());
    }

    #[test]
    fn snake_case_keys() {
        for ok in ["new_year", "double_11", "day_520", "qixi"] {
            assert!(is_snake_case(ok), "{ok}");
        }
        for bad in [
            "",
            "520",
            "New_year",
            "new__year",
            "new_",
            "_new",
            "new-year",
            "春节",
        ] {
            assert!(!is_snake_case(bad), "{bad}");
        }
    }
}
