//! GitHub Actions workflow commands: one `::error` or `::warning` line per
//! diagnostic on stdout, which GitHub turns into annotations on the pull
//! request's changed lines:
//!
//! ```text
//! ::error file=plans/2027.toml,line=7,endLine=7,col=7,endColumn=12,title=B001 budget-shares::the shares …
//! ```
//!
//! Columns are 1-based character (code point) columns, the end exclusive, as
//! in the JSON format; GitHub takes columns only within one line, so a span
//! over several lines gives lines only. The message is the diagnostic's
//! message followed by its help lines. Escaping follows GitHub's runner:
//! `%`, CR and LF in the message; in property values also `:` and `,`.
//!
//! GitHub shows at most 10 annotations of each kind per step, so the CLI
//! also appends [`render_github_summary`] — every diagnostic, as a Markdown
//! table — to the file named by `GITHUB_STEP_SUMMARY`.

use crate::diagnostics::{Diagnostic, Lang, Severity, counts, help_word};
use crate::locale::Locale;
use crate::source::SourceMap;

use super::slash_path;

/// How many annotations of each kind GitHub shows per step.
const GITHUB_SHOWN: usize = 10;

pub fn render_github(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let diags = &*super::shown(diags);
    let mut out = String::new();
    for d in diags {
        let f = sources.get(d.primary.span.file);
        let s = f.position(d.primary.span.start as usize);
        let e = f.position(d.primary.span.end as usize);
        let mut props = format!(
            "file={},line={},endLine={}",
            escape_property(&slash_path(&f.path)),
            s.line,
            e.line
        );
        if s.line == e.line {
            props.push_str(&format!(",col={},endColumn={}", s.column, e.column));
        }
        props.push_str(&format!(
            ",title={}",
            escape_property(&format!("{} {}", d.rule.code, d.rule.name))
        ));
        let l = lang.of(d);
        let mut message = d.message.get(l).to_string();
        for h in &d.help {
            message.push('\n');
            message.push_str(help_word(l));
            message.push_str(h.get(l));
        }
        out.push_str(&format!(
            "::{} {props}::{}\n",
            d.severity.as_str(),
            escape_data(&message)
        ));
    }
    out
}

/// A Markdown summary of every diagnostic, for `$GITHUB_STEP_SUMMARY`: a
/// heading with the counts and a table (file:line, code, severity, message).
pub fn render_github_summary(
    diags: &[Diagnostic],
    sources: &SourceMap,
    plans: usize,
    lang: Lang,
) -> String {
    let diags = &*super::shown(diags);
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    let run = lang.of_run(diags.iter().map(|d| d.locale));
    let mut out = match run {
        Locale::ZhCn => format!(
            "### almanac：{plans} 个计划，{}\n\n",
            counts(run, errors, warnings)
        ),
        Locale::En => format!(
            "### almanac: {} in {plans} plan{}\n\n",
            counts(run, errors, warnings),
            if plans == 1 { "" } else { "s" }
        ),
    };
    if diags.is_empty() {
        return out;
    }
    if errors > GITHUB_SHOWN || warnings > GITHUB_SHOWN {
        out.push_str(&match run {
            Locale::ZhCn => format!(
                "GitHub 最多标注 {GITHUB_SHOWN} 条错误和 {GITHUB_SHOWN} 条警告；全部诊断见下表。\n\n"
            ),
            Locale::En => format!(
                "GitHub annotates at most {GITHUB_SHOWN} errors and {GITHUB_SHOWN} warnings; \
                 every diagnostic is listed here.\n\n"
            ),
        });
    }
    out.push_str(match run {
        Locale::ZhCn => "| 文件:行 | 规则 | 级别 | 说明 |\n|---|---|---|---|\n",
        Locale::En => "| file:line | code | severity | message |\n|---|---|---|---|\n",
    });
    for d in diags {
        let f = sources.get(d.primary.span.file);
        let line = f.position(d.primary.span.start as usize).line;
        let l = lang.of(d);
        out.push_str(&format!(
            "| {}:{line} | {} {} | {} | {} |\n",
            escape_cell(&slash_path(&f.path)),
            d.rule.code,
            d.rule.name,
            d.severity.word(l),
            escape_cell(d.message.get(l)),
        ));
    }
    out.push('\n');
    out
}

/// Escapes a workflow command's message: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a workflow command's property value: as a message, and `:` and `,`.
pub fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_data(text).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// A Markdown table cell: `|` escaped, `<` and `&` as entities (no HTML
/// from a plan), line breaks as `<br>`.
fn escape_cell(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::codes;
    use crate::source::Span;

    #[test]
    fn messages_escape_percent_and_line_breaks() {
        assert_eq!(
            escape_data("50% of a: b, c\r\nnext"),
            "50%25 of a: b, c%0D%0Anext"
        );
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(
            escape_property("C:\\plans\\a,b%.toml\n"),
            "C%3A\\plans\\a%2Cb%25.toml%0A"
        );
    }

    #[test]
    fn cells_escape_pipes_and_line_breaks() {
        assert_eq!(escape_cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(escape_cell("<img src=x> & co"), "&lt;img src=x> &amp; co");
    }

    #[test]
    fn a_command_per_diagnostic_with_character_columns() {
        let mut sources = SourceMap::default();
        let text = "name = \"年味实验室\" x\nok = 1\n";
        let id = sources.add("dir/p,1.toml".into(), text.into());
        let start = text.find('x').unwrap_or(0);
        let d = Diagnostic::new(
            &codes::S003,
            Span::new(id, start, start + 1),
            crate::locale::Msg::same("100% odd: a, b\nc"),
        )
        .help(crate::locale::Msg::same("remove it"));
        let mut w = d.clone();
        w.severity = Severity::Warning;
        w.primary.span = Span::new(id, 0, text.len() - 1);
        assert_eq!(
            render_github(&[d, w], &sources, Lang::only(Locale::En)),
            "::error file=dir/p%2C1.toml,line=1,endLine=1,col=16,endColumn=17,\
             title=S003 unknown-key::100%25 odd: a, b%0Ac%0Ahelp: remove it\n\
             ::warning file=dir/p%2C1.toml,line=1,endLine=2,\
             title=S003 unknown-key::100%25 odd: a, b%0Ac%0Ahelp: remove it\n"
        );
    }
}
