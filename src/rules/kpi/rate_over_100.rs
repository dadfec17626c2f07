//! A rate above 100%: an engagement rate, a conversion rate or a share
//! written as a level (`105%`) cannot exceed the whole. Changes written
//! with a sign (`+135%` follower growth) are not rates and may exceed 100%.

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::ratio::Ratio;
use crate::model::{Plan, percent_text};
use crate::rules::{Family, Rule};
use crate::syntax::ast::QuantityUnit;

pub static RULE: Rule = Rule {
    code: "K002",
    name: "rate-over-100",
    family: Family::Kpi,
    default_severity: Severity::Error,
    configurable: true,
    options: &[],
    summary: "A rate is above 100%",
    source: include_str!("rate_over_100.rs"),
};

pub fn check(plan: &Plan, out: &mut Vec<Diagnostic>) {
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
                Diagnostic::new(&RULE, v.span, format!("the {what} of `{}` is a rate of {}", k.id.name, percent_text(v.q.value)))
                    .label("above 100%")
                    .help("a rate is at most 100%; write a change with its sign (`+135%`) if growth is meant"),
            );
        }
    }
}
