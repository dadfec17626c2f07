//! Templates for human-facing outputs. The built-in templates in
//! `templates/` are compiled into the binary; a team can override any of
//! them per file with `--templates DIR` (a file of the same name there
//! wins), and an override can extend the original as `__builtin/<name>`.
//! Auto-escaping follows the file extension, ignoring a final `.j2`
//! (`*.html.j2` escapes HTML, `*.md.j2` escapes nothing; Markdown text goes
//! through the `md` filter instead, or `code` for a code span, both from
//! `crate::markdown`). Whatever a template prints loses the characters
//! every document drops (`text`), so an overriding template cannot write
//! them either.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use minijinja::{Environment, Value};

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::markdown;
use crate::source::{SourceMap, Span};
use crate::text;
use crate::tr;
use crate::world::World;

/// The built-in templates: name and text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("tasks.md.j2", include_str!("../templates/tasks.md.j2")),
    ("deck.html.j2", include_str!("../templates/deck.html.j2")),
    (
        "timeline.html.j2",
        include_str!("../templates/timeline.html.j2"),
    ),
];

pub struct Templates {
    env: Environment<'static>,
    /// Where each template came from (an override's file, or `templates/`).
    paths: Vec<(String, PathBuf)>,
}

/// The steps one render may take. The built-in templates take between 2
/// and 4 million for a generated plan of 100,000 items (11 MB, near the
/// file-size cap); a runaway loop in an override stops after about 1.5 s
/// (release build).
pub const FUEL: u64 = 50_000_000;

/// A template that cannot be used: located in its file when possible.
pub enum TemplateError {
    Diagnostic(Box<Diagnostic>),
    Io(PathBuf, std::io::Error),
}

/// Writes every value a template prints — whatever the template, built in
/// or a team's — without the characters every document drops
/// (`text::strip_unsafe`), then escaped as the template's kind asks (HTML
/// for `*.html.j2`). Values with nothing to drop are written as they are.
fn format(
    out: &mut minijinja::Output<'_>,
    state: &mut minijinja::State<'_, '_>,
    value: &Value,
) -> Result<(), minijinja::Error> {
    use minijinja::value::ValueKind;
    let shown: Cow<'_, str> = match value.as_str() {
        Some(s) => Cow::Borrowed(s),
        None => match value.kind() {
            ValueKind::Undefined
            | ValueKind::None
            | ValueKind::Bool
            | ValueKind::Number
            | ValueKind::Invalid => return minijinja::escape_formatter(out, state, value),
            _ => Cow::Owned(value.to_string()),
        },
    };
    match text::strip_unsafe(&shown) {
        Cow::Borrowed(_) => minijinja::escape_formatter(out, state, value),
        Cow::Owned(clean) => {
            let clean = if value.is_safe() {
                Value::from_safe_string(clean)
            } else {
                Value::from(clean)
            };
            minijinja::escape_formatter(out, state, &clean)
        }
    }
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
        // A template from `--templates` may loop without end; fuel bounds
        // the work of one render (T001 when it runs out).
        env.set_fuel(Some(FUEL));
        env.add_filter("md", |s: String| markdown::text(&s));
        env.add_filter("code", |s: String| markdown::code(&s));
        env.set_formatter(format);
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
    let kind = kind_text(e.kind());
    // minijinja's own detail is English only; without one, the kind says it.
    let detail = e.detail().map_or_else(|| kind.clone(), Msg::same);
    let (dz, de) = (&detail.zh, &detail.en);
    let help = if e.kind() == minijinja::ErrorKind::OutOfFuel {
        tr!(
            "一次渲染最多执行 {FUEL} 步；遍历计划中的条目，不要遍历很大的范围",
            "a render may take at most {FUEL} steps; loop over the plan's items, not over large ranges"
        )
    } else {
        tr!(
            "修改模板，或者把它从 `--templates` 目录中移除，改用内置模板",
            "fix the template, or remove it from `--templates` to use the built-in one"
        )
    };
    TemplateError::Diagnostic(Box::new(
        Diagnostic::new(
            &codes::T001,
            span,
            tr!("模板错误：{dz}", "template error: {de}"),
        )
        .label(kind)
        .help(help),
    ))
}

/// What kind of error minijinja found, in both languages (the English is
/// minijinja's own wording).
fn kind_text(kind: minijinja::ErrorKind) -> Msg {
    use minijinja::ErrorKind as K;
    let zh = match kind {
        K::NonPrimitive => "不是基本类型的值",
        K::NonKey => "不能用作键的值",
        K::InvalidOperation => "无效的操作",
        K::SyntaxError => "语法错误",
        K::TemplateNotFound => "找不到模板",
        K::TooManyArguments => "参数过多",
        K::MissingArgument => "缺少参数",
        K::UnknownFilter => "未知的过滤器",
        K::UnknownTest => "未知的 `is` 测试",
        K::UnknownFunction => "未知的函数",
        K::UnknownMethod => "未知的方法",
        K::BadEscape => "字符串转义有误",
        K::UndefinedError => "未定义的值",
        K::BadSerialization => "无法序列化为值",
        K::CannotDeserialize => "无法反序列化",
        K::BadInclude => "无法渲染引入的模板",
        K::EvalBlock => "无法渲染块",
        K::CannotUnpack => "无法解包",
        K::WriteFailure => "写入失败",
        K::OutOfFuel => "渲染步数超出上限",
        K::InvalidDelimiter => "自定义分隔符无效",
        _ => "模板出错",
    };
    Msg {
        zh: zh.to_string(),
        en: kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::world::MemWorld;

    fn with_override(name: &str, template: &str) -> Templates {
        let world = MemWorld::default().with_file(format!("t/{name}"), template);
        let mut sources = SourceMap::default();
        match Templates::load(&world, Some(Path::new("t")), &mut sources) {
            Ok(t) => t,
            Err(_) => panic!("the override loads"),
        }
    }

    #[test]
    fn no_template_prints_an_unsafe_character() {
        let ctx = minijinja::context! {
            a => "<b>\u{1b}]0;title\u{7}</b>",
            b => vec!["x\u{202e}", "y"],
            n => 7,
        };
        let html = with_override("deck.html.j2", "{{ a }}|{{ a | safe }}|{{ b }}|{{ n * 7 }}");
        let out = html
            .render_text("deck.html.j2", ctx.clone())
            .unwrap_or_default();
        assert_eq!(
            out,
            "&lt;b&gt;]0;title&lt;&#x2f;b&gt;|<b>]0;title</b>|[&#x27;x&#x27;, &#x27;y&#x27;]|49"
        );
        let md = with_override("tasks.md.j2", "{{ a }}|{{ a | md }}|{{ b[0] }}");
        let out = md.render_text("tasks.md.j2", ctx).unwrap_or_default();
        assert_eq!(out, "<b>]0;title</b>|\\<b\\>\\]0;title\\</b\\>|x");
    }
}
