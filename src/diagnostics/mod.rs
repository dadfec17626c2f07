//! Diagnostics are data. Every stage pushes `Diagnostic`s into a list and
//! none prints; the renderers in `render/` turn the list into text for a
//! terminal or a machine. A diagnostic always has a code from the rule
//! table (`codes`), a location with the offending text, and
//! usually a help line.

pub mod codes;
pub mod render;

use crate::source::Span;
use codes::Rule;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Stops `build`; makes `check` exit 1.
    Error,
    /// Reported; exit 1 only under `--deny-warnings`.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A span and what to say under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// Lowercase, names things in backticks, no final period.
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub help: Vec<String>,
    /// Replacements that would make the problem go away (a did-you-mean
    /// spelling), for editors to offer; the help lines say the same in words.
    /// Each is one way to mend it on its own, the first the likeliest.
    pub fixes: Vec<Fix>,
}

/// Text that replaces a span: one way to mend a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub text: String,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `span`, with the rule's default severity.
    pub fn new(rule: &'static Rule, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            primary: Label {
                span,
                text: String::new(),
            },
            secondary: Vec::new(),
            help: Vec::new(),
            fixes: Vec::new(),
        }
    }

    /// The text printed under the primary span.
    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.primary.text = text.into();
        self
    }

    pub fn secondary(mut self, span: Span, text: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help.push(text.into());
        self
    }

    /// A replacement of `span` by `text` that mends the problem.
    pub fn fix(mut self, span: Span, text: impl Into<String>) -> Self {
        self.fixes.push(Fix {
            span,
            text: text.into(),
        });
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// Order of reports: by file, then position, then code.
    pub fn sort_key(&self) -> (u32, u32, u32, &'static str) {
        (
            self.primary.span.file.0,
            self.primary.span.start,
            self.primary.span.end,
            self.rule.code,
        )
    }
}

/// `did you mean` for a misspelt name, from the candidates that exist.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(name, candidates).map(did_you_mean)
}

/// The help line that names what was probably meant.
pub fn did_you_mean(meant: &str) -> String {
    format!("did you mean `{meant}`?")
}

/// The candidate closest to `name`, if any is close enough to be meant.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&lower, &c.to_lowercase());
        let close = strsim::damerau_levenshtein(&lower, &c.to_lowercase()) <= 2;
        if (score >= 0.85 || close) && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggestions_pick_the_closest_name() {
        let names = ["xiaohongshu", "douyin", "wechat"];
        assert_eq!(
            suggest("xiaohongsu", names).as_deref(),
            Some("did you mean `xiaohongshu`?")
        );
        assert_eq!(suggest("weibo", names), None);
    }
}
