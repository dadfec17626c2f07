//! `almanac when EXPR [--plan FILE]`: what a date, range or recurrence
//! resolves to on a plan's calendar.

use super::Exit;
use crate::cli::args::{WhenArgs, WhenFormat};
use crate::cli::{err, out, use_color};
use crate::diagnostics::Lang;
use crate::diagnostics::render::render_human;
use crate::when::{WhenError, evaluate, render, render_json};
use crate::world::World;

pub fn run(world: &dyn World, a: &WhenArgs, lang: Lang) -> Exit {
    match evaluate(world, &a.expr, a.plan.as_ref()) {
        Ok(e) => {
            out(&match a.format {
                WhenFormat::Text => {
                    let l = lang.for_plan(e.locale);
                    render(&a.expr, &e, a.all, l)
                }
                WhenFormat::Json => render_json(&a.expr, &e),
            });
            Exit::Clean
        }
        Err(WhenError::Usage(e)) => {
            crate::cli::fail_in(lang.of_run([]), &e.msg());
            Exit::Usage
        }
        Err(WhenError::Diagnostics(sources, diags, in_plan)) => {
            err(&render_human(
                &diags,
                &sources,
                use_color(a.color, &std::io::stderr()),
                lang,
            ));
            if in_plan {
                crate::cli::fail_in(
                    lang.of_run([]),
                    &crate::tr!(
                        "计划有错误，先修正（运行 `almanac check` 查看）",
                        "the plan has errors; fix them first (`almanac check`)"
                    ),
                );
                Exit::Problems
            } else {
                Exit::Usage
            }
        }
    }
}
