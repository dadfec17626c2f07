//! `[kpis]` and `[assertions]`: what the plan holds itself to. KPIs with
//! their unit, direction, baseline, target and actual, the channel they
//! measure and the KPI they are part of; the author's own rules, kept as
//! parsed for `rules` to evaluate on the finished plan.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{ChannelId, Direction, Kpi, KpiValue, UserAssertion};
use crate::syntax::ast;
use crate::syntax::raw::{Expr, RawAssertion, RawKpi, Str, Val};
use crate::tr;

use super::names::{Index, noun};
use super::{text, text_or};

/// The KPIs; `part_of` names another KPI, which may be declared in an
/// include that did not load when the plan is `partial`.
pub(super) fn kpis(
    raw: &[RawKpi],
    partial: bool,
    channels: &Index<ChannelId>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Kpi> {
    let kpi_ids = Index::new(raw.iter().map(|k| k.id.name.as_str())).partial(partial);
    raw.iter()
        .map(|k| Kpi {
            id: k.id.clone(),
            name: text_or(&k.name, &k.id.name),
            unit: [&k.target, &k.baseline, &k.actual]
                .into_iter()
                .filter_map(Val::known)
                .map(|e| e.node.unit)
                .next(),
            direction: direction(k.direction.as_ref(), diags),
            baseline: kpi_value(&k.baseline),
            target: kpi_value(&k.target),
            actual: kpi_value(&k.actual),
            channel: k
                .channel
                .as_ref()
                .and_then(|c| channels.get(c, noun::CHANNEL, diags)),
            part_of: k
                .part_of
                .as_ref()
                .and_then(|p| kpi_ids.get(p, noun::KPI, diags)),
            group: text(&k.group),
            note: text(&k.note),
        })
        .collect()
}

pub(super) fn kpi_value(e: &Val<Expr<ast::Quantity>>) -> Option<KpiValue> {
    e.known().map(|e| KpiValue {
        q: e.node.clone(),
        span: e.span(),
    })
}

fn direction(s: Option<&Str>, diags: &mut Vec<Diagnostic>) -> Option<Direction> {
    let Some(s) = s else {
        return Some(Direction::Up);
    };
    match s.text.as_str() {
        "up" | "higher" => Some(Direction::Up),
        "down" | "lower" => Some(Direction::Down),
        other => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    s.span(),
                    tr!("`{other}` 不是有效的方向", "`{other}` is not a direction"),
                )
                .label(tr!("应为 `up` 或 `down`", "expected `up` or `down`"))
                .help(tr!(
                    "`up`：越高越好（如粉丝数）；`down`：越低越好（如单条线索成本）",
                    "`up`: higher is better (followers); `down`: lower is better (cost per lead)"
                )),
            );
            None
        }
    }
}

pub(super) fn assertions(raw: &[RawAssertion]) -> Vec<UserAssertion> {
    raw.iter()
        .filter_map(|a| {
            let e = a.expr.known()?;
            Some(UserAssertion {
                id: a.id.clone(),
                expr: e.node.clone(),
                src: e.src.clone(),
                message: text(&a.message),
            })
        })
        .collect()
}
