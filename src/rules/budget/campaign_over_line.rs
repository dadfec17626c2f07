//! Campaigns draw more from a budget line than the line holds. Every
//! campaign's `budget` names the lines it draws from; what all campaigns
//! draw from a line and its sub-lines must fit in the line. The diagnostic
//! points at the draw that crosses the limit and lists the others.
//!
//! A campaign that draws exactly what the line holds is fine.
//!
//! <!-- zh-CN -->
//! 各活动从某个预算科目支取的金额超出了该科目的额度。
//! 每个活动的 `budget` 写明它从哪些预算科目支取；
//! 所有活动从一个科目及其子科目支取的金额之和，必须在这个科目的额度之内。
//! 诊断指向让合计超出额度的那一笔支取，并列出其余各笔。
//!
//! 支取的金额恰好等于科目额度，不算超支。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Plan, money_text};
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let b = &plan.budget;
    let n = b.lines.len();
    // Draws on each line and below it, in campaign order.
    let mut draws: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (ci, c) in plan.campaigns.iter().enumerate() {
        for (di, d) in c.budget.iter().enumerate() {
            let mut at = Some(d.line);
            while let Some(l) = at {
                draws[l].push((ci, di));
                at = b.lines[l].parent;
            }
        }
    }
    let mut reported_below = vec![false; n];
    // Deepest lines first, so an excess is reported where it arises.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&l| std::cmp::Reverse(depth(plan, l)));
    for l in order {
        let line = &b.lines[l];
        // An unknown amount, the line's or a draw's, was reported where it
        // is written; what is left would be compared with nothing real.
        let Some(held) = line.amount else {
            continue;
        };
        let Some(amounts) = draws[l]
            .iter()
            .map(|&(ci, di)| plan.campaigns[ci].budget[di].amount)
            .collect::<Option<Vec<Ratio>>>()
        else {
            continue;
        };
        let mut sum = Ratio::ZERO;
        let mut crossing = None;
        for (&(ci, di), &a) in draws[l].iter().zip(&amounts) {
            let Some(s) = sum.checked_add(a) else {
                break;
            };
            sum = s;
            if crossing.is_none() && sum > held {
                crossing = Some((ci, di));
            }
        }
        let Some((ci, di)) = crossing else {
            continue;
        };
        if reported_below[l] {
            mark_parents(plan, l, &mut reported_below);
            continue;
        }
        mark_parents(plan, l, &mut reported_below);
        let c = &plan.campaigns[ci];
        let over = money_text(sum.checked_sub(held).unwrap_or(sum), &plan.currency);
        let (path, id) = (&line.path, &c.id.name);
        let (sum, held) = (
            money_text(sum, &plan.currency),
            money_text(held, &plan.currency),
        );
        let mut d = Diagnostic::new(
            &codes::B003,
            c.budget[di].span,
            tr!(
                "各活动从 `{path}` 共支取 {sum}，超出了它的额度 {held}",
                "campaigns draw {sum} from `{path}`, more than its {held}"
            ),
        )
        .label(tr!(
            "算上 `{id}` 这笔，超出 {over}",
            "`{id}` goes over by {over}"
        ))
        .secondary(
            line.value_span,
            tr!("`{path}` 的额度是 {held}", "`{path}` holds {held}"),
        );
        let list: Vec<String> = draws[l]
            .iter()
            .zip(&amounts)
            .map(|(&(ci, _), &a)| {
                format!(
                    "`{}` {}",
                    plan.campaigns[ci].id.name,
                    money_text(a, &plan.currency)
                )
            })
            .collect();
        let (zh, en) = (list.join("、"), list.join(", "));
        d = d.help(tr!(
            "从 `{path}` 支取的有：{zh}",
            "drawn from `{path}`: {en}"
        ));
        out.push(d);
    }
}

fn depth(plan: &Plan, mut l: usize) -> usize {
    let mut d = 0;
    while let Some(p) = plan.budget.lines[l].parent {
        d += 1;
        l = p;
    }
    d
}

fn mark_parents(plan: &Plan, l: usize, marks: &mut [bool]) {
    let mut at = plan.budget.lines[l].parent;
    while let Some(p) = at {
        marks[p] = true;
        at = plan.budget.lines[p].parent;
    }
}
