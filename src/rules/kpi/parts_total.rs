//! Per-part KPIs that do not add up to their declared total: KPIs with
//! `part_of = "new_followers"` (say, new followers per platform) must add up
//! to the total KPI's value, for targets and for actuals, when every part
//! has one. Counts only; rates and changes do not add. A plan may allow a
//! `tolerance` in percent of the total.
//!
//! <!-- zh-CN -->
//! 分项 KPI 加起来不等于所属的总 KPI：
//! 写了 `part_of = "new_followers"` 的 KPI（比如各平台的新增粉丝），
//! 在每个分项都有值时，目标值和实际值都必须加起来等于总 KPI 的值。
//! 只检查计数类指标；比率和变化量不能相加。计划可以设置 `tolerance`，
//! 允许相差总数的一定百分比。

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::model::KpiValue;
use crate::model::grouped;
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::syntax::ast::QuantityUnit;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let tolerance = cx.option(&codes::K003, "tolerance").unwrap_or(Ratio::ZERO);
    for (ti, total) in plan.kpis.iter().enumerate() {
        let parts: Vec<_> = plan.kpis.iter().filter(|k| k.part_of == Some(ti)).collect();
        if parts.is_empty() {
            continue;
        }
        type Pick = fn(&crate::model::Kpi) -> &Option<KpiValue>;
        let picks: [((&str, &str), Pick); 2] = [
            (("目标值", "targets"), |k| &k.target),
            (("实际值", "actuals"), |k| &k.actual),
        ];
        for ((what_zh, what_en), pick) in picks {
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
            let (id, sum, whole) = (&total.id.name, grouped(sum), grouped(t.q.value));
            let mut d = Diagnostic::new(
                &codes::K003,
                t.span,
                tr!(
                    "`{id}` 各分项的{what_zh}加起来是 {sum}，不是 {whole}",
                    "the {what_en} of the parts of `{id}` add up to {sum}, not {whole}"
                ),
            )
            .label(tr!("总数 {whole}", "total {whole}"));
            for (p, v) in parts.iter().zip(&values) {
                let (part, value) = (&p.id.name, grouped(v.q.value));
                d = d.secondary(v.span, tr!("`{part}`：{value}", "`{part}`: {value}"));
            }
            let gap: Msg = if diff.is_negative() {
                let short = grouped(diff.abs());
                tr!(
                    "分项比总数少 {short}",
                    "the parts are {short} short of the total"
                )
            } else {
                let over = grouped(diff);
                tr!(
                    "分项比总数多 {over}",
                    "the parts exceed the total by {over}"
                )
            };
            let (gap_zh, gap_en) = (&gap.zh, &gap.en);
            out.push(d.help(tr!(
                "{gap_zh}；修改总数或分项，让两者一致",
                "{gap_en}; change the total or the parts so they agree"
            )));
        }
    }
}
