//! A KPI target that is no improvement on its baseline: for a KPI where
//! higher is better (`direction = "up"`, the default), a target at or below
//! the baseline; for one where lower is better (`direction = "down"`, such
//! as cost per engagement), a target at or above it. A target written as a
//! change (`+30%`) must move in the KPI's direction.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::Direction;
use crate::model::quantity_text;
use crate::ratio::Ratio;
use crate::rules::Context;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for k in &plan.kpis {
        let Some(target) = &k.target else {
            continue;
        };
        let Some(direction) = k.direction else {
            continue; // an invalid direction has its own diagnostic
        };
        let up = direction == Direction::Up;
        if target.q.signed {
            let v = target.q.value;
            let wrong = if up {
                v <= Ratio::ZERO
            } else {
                v >= Ratio::ZERO
            };
            if wrong {
                out.push(
                    Diagnostic::new(
                        &codes::K001,
                        target.span,
                        format!(
                            "the target of `{}` is a change in the wrong direction",
                            k.id.name
                        ),
                    )
                    .label(if up {
                        "higher is better for this KPI"
                    } else {
                        "lower is better for this KPI"
                    })
                    .help("set `direction` if lower is better, or fix the sign of the target"),
                );
            }
            continue;
        }
        let Some(base) = &k.baseline else {
            continue;
        };
        if base.q.unit != target.q.unit || base.q.signed {
            continue;
        }
        let (t, b) = (target.q.value, base.q.value);
        let bad = if up { t <= b } else { t >= b };
        if !bad {
            continue;
        }
        out.push(
            Diagnostic::new(
                &codes::K001,
                target.span,
                format!(
                    "the target of `{}` is no better than its baseline",
                    k.id.name
                ),
            )
            .label(if up {
                "not above the baseline"
            } else {
                "not below the baseline"
            })
            .secondary(base.span, "baseline")
            .help(if up {
                format!(
                    "higher is better for this KPI: set a target above {}; if lower is better, add `direction = \"down\"`",
                    quantity_text(&base.q)
                )
            } else {
                format!(
                    "lower is better for this KPI (`direction = \"down\"`): set a target below {}",
                    quantity_text(&base.q)
                )
            }),
        );
    }
}
