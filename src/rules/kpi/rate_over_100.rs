//! A rate above 100%: an engagement rate, a conversion rate or a share
//! written as a level (`105%`) cannot exceed the whole. Changes written
//! with a sign (`+135%` follower growth) are not rates and may exceed 100%.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::percent_text;
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::syntax::ast::QuantityUnit;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for k in &plan.kpis {
        for (what, v) in [
            ("baseline", &k.baseline),
            ("target", &k.target),
            ("actual", &k.actual),
        ] {
            let Some(v) = v else {
                continue;
            };
            if v.q.unit != QuantityUnit::Percent || v.q.signed || v.q.value <= Ratio::HUNDRED {
                continue;
            }
            out.push(
                Diagnostic::new(&codes::K002, v.span, format!("the {what} of `{}` is a rate of {}", k.id.name, percent_text(v.q.value)))
                    .label("above 100%")
                    .help("a rate is at most 100%; write a change with its sign (`+135%`) if growth is meant"),
            );
        }
    }
}
