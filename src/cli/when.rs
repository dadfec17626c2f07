//! `almanac when EXPR [--plan FILE]`: what a date, range or recurrence
//! resolves to on a plan's calendar.

use super::Exit;
use crate::cli::args::{WhenArgs, WhenFormat};
use crate::cli::{err, fail, out, use_color};
use crate::diagnostics::render::render_human;
use crate::when::{WhenError, evaluate, render, render_json};
use crate::diagnostics::Lang;
use crate::world::World;

pub fn run(world: &dyn World, a: &WhenArgs, lang: &Lang) -> Exit {
    match evaluate(world, &a.expr, a.plan.as_ref()) {
        Ok(e) => {
            out(&match a.format {
                WhenFormat::Text => render(&a.expr, &e, a.all),
                WhenFormat::Json => render_json(&a.expr, &e),
            });
            Exit::Clean
        }
        Err(WhenError::Usage(e)) => {
            fail(e);
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
                err("error: the plan has errors; fix them first (`almanac check`)\n");
                Exit::Problems
            } else {
                Exit::Usage
            }
        }
    }
}
