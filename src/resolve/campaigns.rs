//! `[campaigns]` and their tasks: each campaign's window (a date name,
//! worked out through `names.rs`), owner, channels and draws on the budget,
//! then its tasks in the order their dates depend on each other (`after`,
//! and dates relative to another task), with a cycle reported once, naming
//! every task in it. A campaign whose window is unknown is left out of the
//! plan and listed as unresolved.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Budget, Campaign, DateRange, Draw, Raci, Task};
use crate::source::Spanned;
use crate::syntax::ast;
use crate::syntax::raw::{Expr, RawCampaign, Str, Val};
use crate::tr;

use super::dates::DateCx;
use super::names::{self, Index, PlanNames, noun};
use super::{Ids, budget, duplicate, hours, lead, text, text_or};

/// The campaigns whose windows are known, and the ids of those whose
/// windows are not. Draws on the budget are read only when `budget`'s
/// lines are known.
pub(super) fn campaigns(
    raw: &[RawCampaign],
    cx: &DateCx<'_>,
    names: &mut PlanNames<'_>,
    ids: &Ids,
    budget: Option<&Budget>,
    currency: &str,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Campaign>, Vec<String>) {
    let mut campaigns = Vec::new();
    let mut unresolved = Vec::new();
    for c in raw {
        let window = names.range(cx, &c.id.name, diags).flatten();
        let owner = c
            .owner
            .as_ref()
            .and_then(|o| ids.people.get(o, noun::PERSON, diags));
        let mut draws = Vec::new();
        for d in &c.budget {
            let Some(budget) = budget else {
                break;
            };
            let Some(line) = budget::lookup(&budget.lines, &d.line, d.line_span, diags) else {
                continue;
            };
            let (amount, span) = match &d.amount {
                Val::Known(e) => (
                    budget::draw_amount(budget, line, e, currency, diags),
                    e.span(),
                ),
                Val::Unknown(span) => (None, *span),
                Val::Absent => continue,
            };
            draws.push(Draw { line, amount, span });
        }
        let campaign_channels = ids.channels.refs(&c.channels, noun::CHANNEL, diags);
        let (Some(window), Val::Known(window_expr)) = (window, &c.window) else {
            unresolved.push(c.id.name.clone());
            continue;
        };
        let tasks = tasks(cx, names, c, window, ids, budget, diags);
        campaigns.push(Campaign {
            id: c.id.clone(),
            name: text_or(&c.name, &c.id.name),
            window: Spanned {
                value: window,
                span: window_expr.span(),
            },
            channels: campaign_channels,
            owner,
            flagship: c.flagship.is_some_and(|f| f.value),
            messages: c.messages.iter().map(|s| s.text.clone()).collect(),
            description: text(&c.description),
            budget: draws,
            kpis: c
                .kpis
                .iter()
                .filter_map(|(id, e)| Some((id.clone(), e.known()?.node.clone())))
                .collect(),
            tasks,
            results: super::results::results(c.results.as_ref(), &ids.channels, currency, diags),
        });
    }
    (campaigns, unresolved)
}

fn tasks(
    cx: &DateCx<'_>,
    names: &mut PlanNames<'_>,
    c: &RawCampaign,
    window: DateRange,
    ix: &Ids,
    budget: Option<&Budget>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Task> {
    let Ids {
        people,
        channels,
        levels,
    } = ix;
    let ids = Index::new(c.tasks.iter().map(|t| t.id.name.as_str()));
    for (i, t) in c.tasks.iter().enumerate() {
        if let Some(j) = c.tasks[..i].iter().position(|o| o.id.name == t.id.name) {
            diags.push(duplicate(noun::TASK, &t.id, c.tasks[j].id.span));
        }
    }
    // Dependencies: `after` and task names used in `due`.
    let mut deps: Vec<Vec<usize>> = Vec::with_capacity(c.tasks.len());
    let mut after: Vec<Vec<usize>> = Vec::with_capacity(c.tasks.len());
    for t in &c.tasks {
        let a: Vec<usize> = t
            .after
            .iter()
            .filter_map(|s| ids.get(s, noun::TASK, diags))
            .collect();
        let mut a = a;
        let mut d = a.clone();
        if let Val::Known(due) = &t.due
            && let ast::DateBase::Name(path) = &due.node.base
            && path.len() == 1
            && let Some(j) = ids.find(&path[0])
        {
            d.push(j);
            if t.due_after && !a.contains(&j) {
                a.push(j);
            }
        }
        if !t.due.is_given() && t.after.is_empty() && t.duration.is_given() {
            diags.push(
                Diagnostic::new(
                    &codes::S007,
                    t.id.span,
                    tr!(
                        "任务 `{0}.{1}` 写了 `duration`，但没有起算的日期",
                        "task `{0}.{1}` has a `duration` but nothing to count it from",
                        c.id.name,
                        t.id.name
                    ),
                )
                .label(tr!(
                    "既没有 `due` 也没有 `after`",
                    "no `due` and no `after`"
                ))
                .help(tr!(
                    "加上 `after = [\"…\"]` 写明它接在哪些任务之后，或写一个 `due` 日期",
                    "add `after = [\"…\"]` naming the tasks it follows, or a `due` date"
                )),
            );
        }
        deps.push(d);
        after.push(a);
    }
    let order = names::topo_order(&deps);
    if order.len() < c.tasks.len() {
        report_cycle(c, &deps, &order, diags);
    }
    let mut dates: Vec<Option<NaiveDate>> = vec![None; c.tasks.len()];
    let mut locals = BTreeMap::new();
    locals.insert("start".to_string(), window.start);
    locals.insert("end".to_string(), window.end);
    for &i in &order {
        let t = &c.tasks[i];
        let due = match &t.due {
            Val::Known(due) => due,
            Val::Unknown(_) => continue,
            Val::Absent => {
                // `after` and `duration` without `due`: done `duration` after the last dependency.
                let last = after[i].iter().filter_map(|&j| dates[j]).max();
                if let (Some(last), Val::Known(d)) = (last, &t.duration)
                    && after[i].iter().all(|&j| dates[j].is_some())
                {
                    let offset = ast::Offset {
                        negative: false,
                        duration: d.node,
                        loc: d.node.loc,
                    };
                    dates[i] = cx.apply(last, &[offset], &d.src, diags);
                }
                continue;
            }
        };
        if let ast::DateBase::Name(path) = &due.node.base
            && path.len() == 1
            && let Some(j) = ids.find(&path[0])
            && dates[j].is_none()
        {
            // A task without a date was reported where it is declared.
            continue;
        }
        for &j in &deps[i] {
            if let Some(d) = dates[j] {
                locals.insert(c.tasks[j].id.name.clone(), d);
            }
        }
        let mut scoped = names.with_locals(cx, &locals);
        dates[i] = cx.date(&mut scoped, &due.node, &due.src, diags);
    }
    c.tasks
        .iter()
        .enumerate()
        .map(|(i, t)| Task {
            id: t.id.clone(),
            name: text_or(&t.name, &t.id.name),
            owner: t
                .owner
                .as_ref()
                .and_then(|o| people.get(o, noun::PERSON, diags)),
            role: raci(t.role.as_ref(), diags),
            accountable: t
                .accountable
                .as_ref()
                .and_then(|o| people.get(o, noun::PERSON, diags)),
            consulted: people.refs(&t.consulted, noun::PERSON, diags),
            informed: people.refs(&t.informed, noun::PERSON, diags),
            due: dates[i].map(|d| Spanned {
                value: d,
                span: t
                    .due
                    .known()
                    .map(Expr::span)
                    .or(t.duration.known().map(Expr::span))
                    .unwrap_or(t.id.span),
            }),
            due_written: t.due.known().is_some(),
            after: after[i].clone(),
            duration: t
                .duration
                .known()
                .and_then(|e| lead(e, diags))
                .map(|l| l.value),
            effort_hours: t.effort.known().and_then(|e| hours(e, diags)),
            publish: t.publish.is_some_and(|p| p.value),
            channels: channels.refs(&t.channels, noun::CHANNEL, diags),
            review: t.review.as_ref().and_then(|r| {
                levels
                    .get(r, noun::REVIEW_LEVEL, diags)
                    .map(|value| Spanned {
                        value,
                        span: r.span(),
                    })
            }),
            paid_from: paid_from(budget, t.budget.as_ref(), diags),
            label: t.label.as_ref().map(|s| s.text.clone()),
        })
        .collect()
}

fn report_cycle(
    c: &RawCampaign,
    deps: &[Vec<usize>],
    order: &[usize],
    diags: &mut Vec<Diagnostic>,
) {
    let mut done = vec![false; deps.len()];
    for &i in order {
        done[i] = true;
    }
    let mut reported = vec![false; deps.len()];
    for start in 0..deps.len() {
        if done[start] || reported[start] {
            continue;
        }
        // Walk unfinished dependencies until a task repeats: that is a cycle.
        let mut path = vec![start];
        let mut seen = BTreeMap::new();
        seen.insert(start, 0usize);
        let mut at = start;
        let cycle = loop {
            let Some(&next) = deps[at].iter().find(|&&j| !done[j]) else {
                break None;
            };
            if let Some(&pos) = seen.get(&next) {
                break Some(path[pos..].to_vec());
            }
            seen.insert(next, path.len());
            path.push(next);
            at = next;
        };
        let Some(cycle) = cycle else {
            continue;
        };
        if cycle.iter().any(|&i| reported[i]) {
            continue;
        }
        for &i in &cycle {
            reported[i] = true;
        }
        let mut names: Vec<&str> = cycle.iter().map(|&i| c.tasks[i].id.name.as_str()).collect();
        names.push(names[0]);
        let first = &c.tasks[cycle[0]];
        let chain_zh: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        let (campaign, chain, chain_zh) = (&c.id.name, names.join(" → "), chain_zh.join(" → "));
        let mut d = Diagnostic::new(
            &codes::D005,
            first.id.span,
            tr!(
                "活动 `{campaign}` 的任务相互依赖，形成了循环：{chain_zh}",
                "tasks of `{campaign}` depend on each other in a cycle: {chain}"
            ),
        )
        .label(tr!("这个任务在等它自己", "this task waits for itself"));
        for &i in &cycle[1..] {
            d = d.secondary(c.tasks[i].id.span, tr!("循环中的一环", "part of the cycle"));
        }
        diags.push(d.help(tr!(
            "去掉一个依赖（`after` 或相对另一个任务的日期），打破循环",
            "remove one dependency (`after` or a date relative to another task) to break the cycle"
        )));
    }
    for i in 0..deps.len() {
        if !done[i] && !reported[i] {
            reported[i] = true;
        }
    }
}

fn raci(s: Option<&Str>, diags: &mut Vec<Diagnostic>) -> Raci {
    let Some(s) = s else {
        return Raci::Responsible;
    };
    match s.text.to_lowercase().as_str() {
        "r" | "responsible" => Raci::Responsible,
        "a" | "accountable" => Raci::Accountable,
        "c" | "consulted" => Raci::Consulted,
        "i" | "informed" => Raci::Informed,
        _ => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    s.span(),
                    tr!(
                        "`{0}` 不是有效的分工角色",
                        "`{0}` is not a RACI role",
                        s.text
                    ),
                )
                .label(tr!(
                    "应为 `R`、`A`、`C` 或 `I`",
                    "expected R, A, C or I"
                ))
                .help(tr!(
                    "`raci = \"R\"`（执行）、`\"A\"`（最终负责）、`\"C\"`（咨询）或 `\"I\"`（知会）",
                    "`raci = \"R\"` (responsible), `\"A\"` (accountable), `\"C\"` (consulted) or `\"I\"` (informed)"
                )),
            );
            Raci::Responsible
        }
    }
}

/// The budget line a task or column names as the one that pays for it
/// (`budget = "kol.waist"`), looked up among the plan's lines.
pub(super) fn paid_from(
    budget: Option<&Budget>,
    line: Option<&Str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spanned<usize>> {
    let (budget, line) = (budget?, line?);
    let value = budget::lookup(&budget.lines, &line.text, line.span(), diags)?;
    Some(Spanned {
        value,
        span: line.span(),
    })
}
