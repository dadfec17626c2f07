//! Diagnostics are data. Every stage pushes `Diagnostic`s into a list and
//! none prints; the renderers in `render/` turn the list into text for a
//! terminal or a machine. A diagnostic always has a code from the rule
//! table (`codes`), a location with the offending text, and
//! usually a help line.

pub mod codes;
pub mod render;

use crate::locale::{Locale, Msg};
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
    /// The stable name machine formats carry (`error`, `warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The word a person reads (`错误`, `warning`).
    pub fn word(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Severity::Error, Locale::ZhCn) => "错误",
            (Severity::Warning, Locale::ZhCn) => "警告",
            (s, Locale::En) => s.as_str(),
        }
    }
}

/// What comes before a help line: `help: ` (with its space) or `提示：`.
pub fn help_word(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhCn => "提示：",
        Locale::En => "help: ",
    }
}

/// `2 errors, 1 warning` / `2 个错误，1 个警告`.
pub fn counts(locale: Locale, errors: usize, warnings: usize) -> String {
    match locale {
        Locale::ZhCn => format!("{errors} 个错误，{warnings} 个警告"),
        Locale::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
    }
}

/// Which language each diagnostic is shown in: `--lang` when given, else
/// the `locale` written in the plan the diagnostic is about, else the
/// language of the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`), else
/// English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang {
    pub fixed: Option<Locale>,
    pub fallback: Locale,
}

impl Lang {
    /// `fixed` (`--lang`) over each plan's `locale`, over the environment's
    /// (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX orders them),
    /// over English.
    pub fn new(world: &dyn crate::world::World, fixed: Option<Locale>) -> Lang {
        let env = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| world.env(k))
            .find(|v| !v.is_empty())
            .and_then(|v| crate::locale::from_env_value(&v));
        Lang {
            fixed,
            fallback: env.unwrap_or(Locale::En),
        }
    }

    /// Every diagnostic in `locale`.
    pub const fn only(locale: Locale) -> Lang {
        Lang {
            fixed: Some(locale),
            fallback: locale,
        }
    }

    pub fn of(&self, d: &Diagnostic) -> Locale {
        self.for_plan(d.locale)
    }

    /// The language of text about a plan that writes `locale` (if it
    /// writes one).
    pub fn for_plan(&self, locale: Option<Locale>) -> Locale {
        self.fixed.or(locale).unwrap_or(self.fallback)
    }

    /// The language of text about the whole run (a summary line): the
    /// fixed one, else the one every diagnostic's plan agrees on, else the
    /// fallback.
    pub fn of_run(&self, locales: impl IntoIterator<Item = Option<Locale>>) -> Locale {
        if let Some(l) = self.fixed {
            return l;
        }
        let mut found = None;
        for l in locales.into_iter().flatten() {
            match found {
                None => found = Some(l),
                Some(f) if f != l => return self.fallback,
                Some(_) => {}
            }
        }
        found.unwrap_or(self.fallback)
    }
}

/// A span and what to say under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: Msg,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// Lowercase, names things in backticks, no final period (in
    /// Chinese, no final 。).
    pub message: Msg,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub help: Vec<Msg>,
    /// Replacements that would make the problem go away (a did-you-mean
    /// spelling), for editors to offer; the help lines say the same in words.
    /// Each is one way to mend it on its own, the first the likeliest.
    pub fixes: Vec<Fix>,
    /// The `locale` written in the plan this diagnostic is about, if any
    /// (set by `check`); see [`Lang`].
    pub locale: Option<Locale>,
}

/// Text that replaces a span: one way to mend a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub text: String,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `span`, with the rule's default severity.
    pub fn new(rule: &'static Rule, span: Span, message: impl Into<Msg>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            primary: Label {
                span,
                text: Msg::default(),
            },
            secondary: Vec::new(),
            help: Vec::new(),
            fixes: Vec::new(),
            locale: None,
        }
    }

    /// The text printed under the primary span.
    pub fn label(mut self, text: impl Into<Msg>) -> Self {
        self.primary.text = text.into();
        self
    }

    pub fn secondary(mut self, span: Span, text: impl Into<Msg>) -> Self {
        self.secondary.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    pub fn help(mut self, text: impl Into<Msg>) -> Self {
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
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Msg> {
    closest(name, candidates).map(did_you_mean)
}

/// The help line that names what was probably meant.
pub fn did_you_mean(meant: &str) -> Msg {
    crate::tr!("是不是想写 `{meant}`？", "did you mean `{meant}`?")
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
            suggest("xiaohongsu", names).map(|m| m.en).as_deref(),
            Some("did you mean `xiaohongshu`?")
        );
        assert_eq!(suggest("weibo", names), None);
    }
}
