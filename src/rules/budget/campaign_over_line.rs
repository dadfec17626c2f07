//! Campaigns draw more from a budget line than the line holds. Every
//! campaign's `budget` names the lines it draws from; what all campaigns
//! draw from a line and its sub-lines must fit in the line. The diagnostic
//! points at the draw that crosses the limit and lists the others.
//!
//! A campaign that draws exactly what the line holds is fine.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Plan, money_text};
use crate::ratio::Ratio;
use crate::rules::Context;

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
        let over = sum.checked_sub(held).unwrap_or(sum);
        let mut d = Diagnostic::new(
            &codes::B003,
            c.budget[di].span,
            format!(
                "campaigns draw {} from `{}`, more than its {}",
                money_text(sum, &plan.currency),
                line.path,
                money_text(held, &plan.currency)
            ),
        )
        .label(format!(
            "`{}` goes over by {}",
            c.id.name,
            money_text(over, &plan.currency)
        ))
        .secondary(
            line.value_span,
            format!("`{}` holds {}", line.path, money_text(held, &plan.currency)),
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
        d = d.help(format!("drawn from `{}`: {}", line.path, list.join(", ")));
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
