//! The short format: one line per diagnostic,
//! `path:line:col: severity[CODE] message`, for editors' error parsers and
//! for grep. The column is a 1-based character (code point) column, like
//! every machine format (product.md). A message never spans lines here: a
//! line break inside it is printed as a space.

use crate::diagnostics::{Diagnostic, Lang};
use crate::source::SourceMap;

pub fn render_short(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let diags = &*super::shown(diags);
    let mut out = String::new();
    for d in diags {
        let f = sources.get(d.primary.span.file);
        let p = f.position(d.primary.span.start as usize);
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            super::slash_path(&f.path),
            p.line,
            p.column,
            d.severity.as_str(),
            d.rule.code,
            one_line(d.message.get(lang.of(d))),
        ));
    }
    out
}

/// `text` with each line break (`\r\n`, `\n`, `\r`) replaced by a space.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(one_line("a\nb\r\nc\rd"), "a b c d");
    }
}
