//! A KPI target that is no improvement on its baseline: for a KPI where
//! higher is better (`direction = "up"`, the default), a target at or below
//! the baseline; for one where lower is better (`direction = "down"`, such
//! as cost per engagement), a target at or above it. A target written as a
//! change (`+30%`) must move in the KPI's direction.
//!
//! <!-- zh-CN -->
//! KPI 目标值没有优于基线：越高越好的 KPI（`direction = "up"`，默认），
//! 目标值不高于基线；越低越好的 KPI（`direction = "down"`，
//! 比如单次互动成本），目标值不低于基线。
//! 写成变化量的目标值（`+30%`），变化方向必须和 KPI 的方向一致。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::Direction;
use crate::model::quantity_text;
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::tr;

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
        let id = &k.id.name;
        if target.q.signed {
            let v = target.q.value;
            let wrong = if up {
                v <= Ratio::ZERO
            } else {
                v >= Ratio::ZERO
            };
            if wrong {
                let better = if up {
                    tr!("这个 KPI 越高越好", "higher is better for this KPI")
                } else {
                    tr!("这个 KPI 越低越好", "lower is better for this KPI")
                };
                out.push(
                    Diagnostic::new(
                        &codes::K001,
                        target.span,
                        tr!(
                            "`{id}` 的目标值变化方向不对",
                            "the target of `{id}` is a change in the wrong direction"
                        ),
                    )
                    .label(better)
                    .help(tr!(
                        "如果越低越好，设置 `direction`；否则改正目标值的正负号",
                        "set `direction` if lower is better, or fix the sign of the target"
                    )),
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
        let base_text = quantity_text(&base.q);
        out.push(
            Diagnostic::new(
                &codes::K001,
                target.span,
                tr!(
                    "`{id}` 的目标值没有优于基线",
                    "the target of `{id}` is no better than its baseline"
                ),
            )
            .label(if up {
                tr!("没有高于基线", "not above the baseline")
            } else {
                tr!("没有低于基线", "not below the baseline")
            })
            .secondary(base.span, tr!("基线", "baseline"))
            .help(if up {
                tr!(
                    "这个 KPI 越高越好：把目标值定在 {base_text} 以上；如果越低越好，加上 `direction = \"down\"`",
                    "higher is better for this KPI: set a target above {base_text}; if lower is better, add `direction = \"down\"`"
                )
            } else {
                tr!(
                    "这个 KPI 越低越好（`direction = \"down\"`）：把目标值定在 {base_text} 以下",
                    "lower is better for this KPI (`direction = \"down\"`): set a target below {base_text}"
                )
            }),
        );
    }
}
