//! Per-part KPIs that do not add up to their declared total: KPIs with
//! `part_of = "new_followers"` (say, new followers per platform) must add up
//! to the total KPI's value, for targets and for actuals, when every part
//! has one. Counts only; rates and changes do not add. A plan may allow a
//! `tolerance` in percent of the total.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::KpiValue;
use crate::model::grouped;
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::syntax::ast::QuantityUnit;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let tolerance = cx.option(&codes::K003, "tolerance").unwrap_or(Ratio::ZERO);
    for (ti, total) in plan.kpis.iter().enumerate() {
        let parts: Vec<_> = plan.kpis.iter().filter(|k| k.part_of == Some(ti)).collect();
        if parts.is_empty() {
            continue;
        }
        type Pick = fn(&crate::model::Kpi) -> &Option<KpiValue>;
        let picks: [(&str, Pick); 2] = [("targets", |k| &k.target), ("actuals", |k| &k.actual)];
        for (what, pick) in picks {
            let Some(t) = pick(total) else {
                continue;
            };
            let values: Option<Vec<&KpiValue>> = parts.iter().map(|p| pick(p).as_ref()).collect();
            let Some(values) = values else {
                continue;
            };
            let counts = std::iter::once(t)
                .chain(values.iter().copied())
                .all(|v| v.q.unit == QuantityUnit::Number && !v.q.signed);
            if !counts {
                continue;
            }
            let Some(sum) = values
                .iter()
                .try_fold(Ratio::ZERO, |a, v| a.checked_add(v.q.value))
            else {
                continue;
            };
            let Some(diff) = sum.checked_sub(t.q.value) else {
                continue;
            };
            let allowed =
                t.q.value
                    .abs()
                    .checked_mul(tolerance)
                    .and_then(|v| v.checked_div(Ratio::HUNDRED))
                    .unwrap_or(Ratio::ZERO);
            if diff.abs() <= allowed {
                continue;
            }
            let mut d = Diagnostic::new(
                &codes::K003,
                t.span,
                format!(
                    "the {what} of the parts of `{}` add up to {}, not {}",
                    total.id.name,
                    grouped(sum),
                    grouped(t.q.value)
                ),
            )
            .label(format!("total {}", grouped(t.q.value)));
            for (p, v) in parts.iter().zip(&values) {
                d = d.secondary(v.span, format!("`{}`: {}", p.id.name, grouped(v.q.value)));
            }
            let gap = if diff.is_negative() {
                format!("the parts are {} short of the total", grouped(diff.abs()))
            } else {
                format!("the parts exceed the total by {}", grouped(diff))
            };
            out.push(d.help(format!(
                "{gap}; change the total or the parts so they agree"
            )));
        }
    }
}
