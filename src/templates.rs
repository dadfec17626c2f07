//! Templates for human-facing outputs. The built-in templates in
//! `templates/` are compiled into the binary; a team can override any of
//! them per file with `--templates DIR` (a file of the same name there
//! wins), and an override can extend the original as `__builtin/<name>`.
//! Auto-escaping follows the file extension, ignoring a final `.j2`
//! (`*.html.j2` escapes HTML, `*.md.j2` escapes nothing; Markdown text goes
//! through the `md` filter instead).

use std::path::{Path, PathBuf};

use minijinja::{Environment, Value};

use crate::diagnostics::Diagnostic;
use crate::rules::registry::rule;
use crate::source::{SourceMap, Span};
use crate::world::World;

/// The built-in templates: name and text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("tasks.md.j2", include_str!("../templates/tasks.md.j2")),
    ("deck.html.j2", include_str!("../templates/deck.html.j2")),
];

pub struct Templates {
    env: Environment<'static>,
    /// Where each template came from (an override's file, or `templates/`).
    paths: Vec<(String, PathBuf)>,
}

/// A template that cannot be used: located in its file when possible.
pub enum TemplateError {
    Diagnostic(Box<Diagnostic>),
    Io(PathBuf, std::io::Error),
}

/// Escapes Markdown's special characters and folds line breaks, so plan
/// text shows as text in a rendered list.
fn md(s: String) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

impl Templates {
    /// No templates at all, for a build whose outputs render none.
    pub fn none() -> Templates {
        Templates {
            env: Environment::new(),
            paths: Vec::new(),
        }
    }

    /// The built-ins, with the files in `overrides` taking their place.
    pub fn load(
        world: &dyn World,
        overrides: Option<&Path>,
        sources: &mut SourceMap,
    ) -> Result<Templates, TemplateError> {
        let mut env = Environment::new();
        let mut paths = Vec::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.add_filter("md", md);
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        for (name, text) in BUILTIN {
            let path = PathBuf::from("templates").join(name);
            env.add_template_owned(format!("__builtin/{name}"), *text)
                .map_err(|e| error(sources, path.clone(), text, &e))?;
            let over = overrides.filter(|d| world.exists(&d.join(name)));
            let (path, text) = match over {
                Some(dir) => {
                    let p = dir.join(name);
                    let bytes = crate::project::read_inside(world, dir, name)
                        .map_err(|e| TemplateError::Io(p.clone(), e))?;
                    (p, String::from_utf8_lossy(&bytes).into_owned())
                }
                None => (path, (*text).to_string()),
            };
            env.add_template_owned(name.to_string(), text.clone())
                .map_err(|e| error(sources, path.clone(), &text, &e))?;
            paths.push((name.to_string(), path));
        }
        Ok(Templates { env, paths })
    }

    /// Renders a template; an error is turned into a diagnostic by `error`.
    pub fn render_text(
        &self,
        name: &str,
        ctx: Value,
    ) -> Result<String, (String, minijinja::Error)> {
        let t = self
            .env
            .get_template(name)
            .map_err(|e| (name.to_string(), e))?;
        t.render(ctx).map_err(|e| (name.to_string(), e))
    }

    /// A render error as a diagnostic, located in the template's file.
    pub fn error(
        &self,
        (name, e): (String, minijinja::Error),
        sources: &mut SourceMap,
    ) -> TemplateError {
        let text = self
            .env
            .get_template(&name)
            .map(|t| t.source().to_string())
            .unwrap_or_default();
        let path = self.paths.iter().find(|(n, _)| *n == name).map_or_else(
            || PathBuf::from("templates").join(&name),
            |(_, p)| p.clone(),
        );
        error(sources, path, &text, &e)
    }
}

fn error(
    sources: &mut SourceMap,
    path: PathBuf,
    text: &str,
    e: &minijinja::Error,
) -> TemplateError {
    let id = sources.add(path, text.to_string());
    let file = sources.get(id);
    let span = match (e.range(), e.line()) {
        (Some(r), _) if r.end <= text.len() => Span::new(id, r.start, r.end),
        (_, Some(line)) if line >= 1 && line <= file.line_count() => {
            let start = file.line_start(line - 1);
            Span::new(id, start, start + file.line_text(line - 1).len())
        }
        _ => Span::new(id, 0, 0),
    };
    let detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    TemplateError::Diagnostic(Box::new(
        Diagnostic::new(rule("T001"), span, format!("template error: {detail}"))
            .label(e.kind().to_string())
            .help("fix the template, or remove it from `--templates` to use the built-in one"),
    ))
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn markdown_text_is_escaped() {
        assert_eq!(
            md("a*b_[x]\n<script>".into()),
            "a\\*b\\_\\[x\\] \\<script\\>"
        );
    }
}
