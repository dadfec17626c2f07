//! The terminal format: a header with code and message, the file and
//! position, the source lines with the offending text underlined, and help
//! lines. Underlines are aligned by display width, so a caret lands under the
//! right character after Chinese text (each CJK character is two columns).

use std::fmt::Write;

use crate::diagnostics::{Diagnostic, Label, Severity};
use crate::source::{SourceMap, display_width};

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Renders every diagnostic, each followed by a blank line.
pub fn render_human(diags: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    let mut out = String::new();
    for d in diags {
        render_one(&mut out, d, sources, &Style { on: color });
        out.push('\n');
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, sources: &SourceMap, style: &Style) {
    let (sev_color, mark) = match d.severity {
        Severity::Error => ("1;31", '^'),
        Severity::Warning => ("1;33", '^'),
    };
    let head = format!("{}[{}]", d.severity.as_str(), d.code());
    let _ = writeln!(
        out,
        "{}: {}",
        style.paint(sev_color, &head),
        style.paint("1", &d.message)
    );

    // Labels grouped by file, the primary's file first.
    let mut files = vec![d.primary.span.file];
    for l in &d.secondary {
        if !files.contains(&l.span.file) {
            files.push(l.span.file);
        }
    }
    let all: Vec<(&Label, bool)> = std::iter::once((&d.primary, true))
        .chain(d.secondary.iter().map(|l| (l, false)))
        .collect();
    let max_line = all
        .iter()
        .map(|(l, _)| {
            sources
                .get(l.span.file)
                .position(l.span.start as usize)
                .line
        })
        .max()
        .unwrap_or(1);
    let gutter = max_line.to_string().len();
    let pad = " ".repeat(gutter);
    let bar = style.paint("1;34", "|");
    for (i, &fid) in files.iter().enumerate() {
        let file = sources.get(fid);
        let mut labels: Vec<(&Label, bool)> = all
            .iter()
            .copied()
            .filter(|(l, _)| l.span.file == fid)
            .collect();
        // By position; at the same position the primary comes first.
        labels.sort_by_key(|(l, primary)| (l.span.start, !*primary, l.span.end));
        let first = if i == 0 {
            d.primary.span.start
        } else {
            labels[0].0.span.start
        };
        let pos = file.position(first as usize);
        let arrow = if i == 0 { "-->" } else { ":::" };
        let _ = writeln!(
            out,
            "{pad}{} {}:{}:{}",
            style.paint("1;34", arrow),
            file.path.display(),
            pos.line,
            pos.column
        );
        let _ = writeln!(out, "{pad} {bar}");
        let mut last_line = None;
        for (label, primary) in &labels {
            let start = label.span.start as usize;
            let line_idx = file.line_index(start);
            if last_line.is_some_and(|l: usize| line_idx > l + 1) {
                let _ = writeln!(out, "{}", style.paint("1;34", "..."));
            }
            let text = file.line_text(line_idx);
            if last_line != Some(line_idx) {
                let num = style.paint("1;34", &format!("{:>gutter$}", line_idx + 1));
                let _ = writeln!(out, "{num} {bar} {}", text.replace('\t', " "));
            }
            last_line = Some(line_idx);
            let line_start = file.line_start(line_idx);
            let col_start = start - line_start;
            let end = (label.span.end as usize)
                .min(line_start + text.len())
                .max(start);
            let before = text.get(..col_start.min(text.len())).unwrap_or("");
            let marked = text.get(col_start..end - line_start).unwrap_or("");
            let width = display_width(marked).max(1);
            let (color, ch) = if *primary {
                (sev_color, mark)
            } else {
                ("1;34", '-')
            };
            let underline = ch.to_string().repeat(width);
            let mut row = format!(
                "{pad} {bar} {}{}",
                " ".repeat(display_width(before)),
                style.paint(color, &underline)
            );
            if !label.text.is_empty() {
                row.push(' ');
                row.push_str(&style.paint(color, &label.text));
            }
            let _ = writeln!(out, "{row}");
        }
    }
    for h in &d.help {
        let _ = writeln!(
            out,
            "{pad} {} {} {h}",
            style.paint("1;34", "="),
            style.paint("1", "help:")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use crate::rules::registry;
    use crate::source::Span;

    #[test]
    fn underline_is_aligned_after_chinese_text() {
        let mut sm = SourceMap::default();
        let text = "name = \"年味实验室\" # x\nwindow = \"春节..x\"\n";
        let id = sm.add("p.toml".into(), text.into());
        let start = text.find('x').unwrap();
        let rule = registry::find("S005").unwrap();
        let d = Diagnostic::new(rule, Span::new(id, start, start + 1), "bad").label("here");
        let out = render_human(&[d], &sm, false);
        let lines: Vec<&str> = out.lines().collect();
        let source_line = lines.iter().find(|l| l.contains("年味")).unwrap();
        let caret_line = lines.iter().find(|l| l.contains('^')).unwrap();
        let caret_col = caret_line.find('^').unwrap();
        let x_col = display_width(&source_line[..source_line.find('x').unwrap()]);
        assert_eq!(caret_col, x_col, "{out}");
    }
}
