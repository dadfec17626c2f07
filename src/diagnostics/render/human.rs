//! The terminal format: a header with code and message, the file and
//! position, the source lines with the offending text underlined, and help
//! lines. Underlines are aligned by display width, so a caret lands under the
//! right character after Chinese text (each CJK character is two columns).

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use crate::diagnostics::{Diagnostic, Label, Lang, Severity, help_word};
use crate::locale::Locale;
use crate::source::{SourceMap, display_width, floor_char_boundary};
use crate::text::{QUOTE_CHARS, escape_unsafe};

/// An error's header and underline.
const ERROR: Style = AnsiColor::Red.on_default().bold();
/// A warning's header and underline.
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
/// The message and `help:`.
const STRONG: Style = Style::new().bold();
/// The frame: arrows, line numbers, bars, and secondary labels.
const FRAME: Style = AnsiColor::Blue.on_default().bold();

/// Whether text is painted.
struct Painter {
    on: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.on {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

/// Renders every diagnostic, each followed by a blank line.
pub fn render_human(diags: &[Diagnostic], sources: &SourceMap, color: bool, lang: Lang) -> String {
    let diags = &*super::shown(diags);
    let mut out = String::new();
    for d in diags {
        render_one(&mut out, d, sources, &Painter { on: color }, lang.of(d));
        out.push('\n');
    }
    out
}

fn render_one(
    out: &mut String,
    d: &Diagnostic,
    sources: &SourceMap,
    painter: &Painter,
    locale: Locale,
) {
    let (sev_color, mark) = match d.severity {
        Severity::Error => (ERROR, '^'),
        Severity::Warning => (WARNING, '^'),
    };
    let head = format!("{}[{}]", d.severity.word(locale), d.code());
    let _ = writeln!(
        out,
        "{}: {}",
        painter.paint(sev_color, &head),
        painter.paint(STRONG, d.message.get(locale))
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
    let bar = painter.paint(FRAME, "|");
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
            painter.paint(FRAME, arrow),
            escape_unsafe(&file.path.display().to_string()),
            pos.line,
            pos.column
        );
        let _ = writeln!(out, "{pad} {bar}");
        let mut last_line = None;
        // The shown part of the line being underlined: its first byte.
        let mut window = 0;
        for (label, primary) in &labels {
            let start = label.span.start as usize;
            let line_idx = file.line_index(start);
            if last_line.is_some_and(|l: usize| line_idx > l + 1) {
                let _ = writeln!(out, "{}", painter.paint(FRAME, "..."));
            }
            let text = file.line_text(line_idx);
            let line_start = file.line_start(line_idx);
            if last_line != Some(line_idx) {
                window = window_start(text, start - line_start);
                let num = painter.paint(FRAME, &format!("{:>gutter$}", line_idx + 1));
                let _ = writeln!(out, "{num} {bar} {}", excerpt(text, window).0);
            }
            last_line = Some(line_idx);
            let (shown, end_of_shown) = excerpt(text, window);
            let col_start = (start - line_start).clamp(window, end_of_shown);
            let end = (label.span.end as usize - line_start).clamp(col_start, end_of_shown);
            // Columns as shown: the `…` before a window, escapes as written.
            let lead = if window > 0 { "…" } else { "" };
            let before = format!(
                "{lead}{}",
                shown_part(text.get(window..col_start).unwrap_or(""))
            );
            let marked = shown_part(text.get(col_start..end).unwrap_or(""));
            debug_assert!(shown.starts_with(&before));
            let width = display_width(&marked).max(1);
            let (color, ch) = if *primary {
                (sev_color, mark)
            } else {
                (FRAME, '-')
            };
            let underline = ch.to_string().repeat(width);
            let mut row = format!(
                "{pad} {bar} {}{}",
                " ".repeat(display_width(&before)),
                painter.paint(color, &underline)
            );
            let text = label.text.get(locale);
            if !text.is_empty() {
                row.push(' ');
                row.push_str(&painter.paint(color, text));
            }
            let _ = writeln!(out, "{row}");
        }
    }
    let word = help_word(locale);
    let (word, gap) = word.split_at(word.trim_end().len());
    for h in &d.help {
        let _ = writeln!(
            out,
            "{pad} {} {}{gap}{}",
            painter.paint(FRAME, "="),
            painter.paint(STRONG, word),
            h.get(locale)
        );
    }
}

/// How much of a long source line is shown, in characters.
const SHOWN_CHARS: usize = QUOTE_CHARS;

/// Where the shown part of `line` starts (a byte offset) so that the
/// text at byte `at` is in it: the start of the line, or a little before
/// `at` on a line too long to show whole.
fn window_start(line: &str, at: usize) -> usize {
    if line.chars().count() <= SHOWN_CHARS {
        return 0;
    }
    let at = floor_char_boundary(line, at.min(line.len()));
    line[..at]
        .char_indices()
        .rev()
        .nth(SHOWN_CHARS / 4)
        .map_or(0, |(i, _)| i)
}

/// At most [`SHOWN_CHARS`] characters of `line` from byte `from`, with `…`
/// where it was cut and unsafe characters escaped; and the byte offset in
/// `line` where the shown part ends.
fn excerpt(line: &str, from: usize) -> (String, usize) {
    let rest = &line[from..];
    let end = rest
        .char_indices()
        .nth(SHOWN_CHARS)
        .map_or(line.len(), |(i, _)| from + i);
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.push_str(&shown_part(&line[from..end]));
    if end < line.len() {
        shown.push('…');
    }
    (shown, end)
}

/// Source text as printed: tabs as one space, unsafe characters escaped.
fn shown_part(text: &str) -> String {
    escape_unsafe(text).replace('\t', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use crate::diagnostics::codes;
    use crate::locale::Msg;
    use crate::source::Span;

    const EN: Lang = Lang::only(Locale::En);

    #[test]
    fn underline_is_aligned_after_chinese_text() {
        let mut sm = SourceMap::default();
        let text = "name = \"年味实验室\" # x\nwindow = \"春节..x\"\n";
        let id = sm.add("p.toml".into(), text.into());
        let start = text.find('x').unwrap();
        let rule = &codes::S005;
        let d = Diagnostic::new(rule, Span::new(id, start, start + 1), Msg::same("bad"))
            .label(Msg::same("here"));
        let out = render_human(&[d], &sm, false, EN);
        let lines: Vec<&str> = out.lines().collect();
        let source_line = lines.iter().find(|l| l.contains("年味")).unwrap();
        let caret_line = lines.iter().find(|l| l.contains('^')).unwrap();
        let caret_col = caret_line.find('^').unwrap();
        let x_col = display_width(&source_line[..source_line.find('x').unwrap()]);
        assert_eq!(caret_col, x_col, "{out}");
    }

    #[test]
    fn a_long_line_is_shown_around_the_mark_and_escapes_are_aligned() {
        let mut sm = SourceMap::default();
        let text = format!(
            "name = \"{}\u{1b}]0;x\u{7}{}\" # y\n",
            "a".repeat(100_000),
            "b".repeat(100_000)
        );
        let id = sm.add("p.toml".into(), text.clone());
        let at = text.find('b').unwrap();
        let rule = &codes::S005;
        let message = format!("bad `\u{1b}[2J{}`", "c".repeat(10_000));
        let d = Diagnostic::new(rule, Span::new(id, at, at + 1), Msg::same(message))
            .label(Msg::same("here"));
        let out = render_human(&[d], &sm, false, EN);
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
        assert!(
            out.contains("\\u{1b}[2J") && out.contains("characters]"),
            "{out}"
        );
        let lines: Vec<&str> = out.lines().collect();
        let source = lines
            .iter()
            .find(|l| l.contains("\\u{1b}]0;x\\u{7}b"))
            .unwrap();
        assert!(
            source.contains(" | …a") && source.ends_with('…'),
            "{source}"
        );
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        let b = display_width(&source[..source.find("bbb").unwrap()]);
        assert_eq!(caret.find('^').unwrap(), b, "{out}");
    }

    #[test]
    fn colour_paints_the_header_frame_and_underline() {
        let mut sm = SourceMap::default();
        let id = sm.add("p.toml".into(), "a = 1\n".into());
        let rule = &codes::S005;
        let d = Diagnostic::new(rule, Span::new(id, 4, 5), Msg::same("bad"))
            .label(Msg::same("here"))
            .help(Msg::same("fix"));
        let out = render_human(&[d], &sm, true, EN);
        let (bold, reset) = ("\x1b[1m", "\x1b[0m");
        let (red, blue) = ("\x1b[1m\x1b[31m", "\x1b[1m\x1b[34m");
        assert_eq!(
            out,
            format!(
                "{red}error[S005]{reset}: {bold}bad{reset}\n \
                 {blue}-->{reset} p.toml:1:5\n  {blue}|{reset}\n\
                 {blue}1{reset} {blue}|{reset} a = 1\n  {blue}|{reset}     {red}^{reset} {red}here{reset}\n  \
                 {blue}={reset} {bold}help:{reset} fix\n\n"
            )
        );
    }
}
