//! The budget tree: lines and sub-lines given as money or as shares of their
//! parent (or of another line), flattened parents-first and computed
//! exactly. Shares are percentages kept as rationals; nothing is rounded
//! here. The two sections that take shares of the budget, `[reserve]` and
//! `[kol]`, are read here too.

use crate::diagnostics::{Diagnostic, closest, codes, did_you_mean};
use crate::model::{Allocation, Budget, BudgetLine, Ident, KolPolicy, Reserve, find_line};
use crate::ratio::Ratio;
use crate::source::{Span, Spanned};
use crate::syntax::ast::{Amount, MoneyLit, ShareLit};
use crate::syntax::raw::{Expr, RawBudget, RawKol, RawLine, RawReserve, Str, Val};
use crate::syntax::reader::path_text;
use crate::syntax::strlit::StrSrc;
use crate::tr;

use super::text;

/// The line `name` names, or an unknown-reference diagnostic at `span`
/// with the closest existing line as a suggestion.
pub fn lookup(
    lines: &[BudgetLine],
    name: &str,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> Option<usize> {
    if let Some(i) = find_line(lines, name) {
        return Some(i);
    }
    let mut d = Diagnostic::new(
        &codes::R001,
        span,
        tr!("预算科目 `{name}` 不存在", "unknown budget line `{name}`"),
    )
    .label(tr!("不是 `[budget]` 中的科目", "not a line of `[budget]`"));
    if let Some(meant) = closest(name, lines.iter().skip(1).map(|l| l.path.as_str())) {
        d = d.help(did_you_mean(meant));
        // The span is the path's last key: mend it when the rest is right.
        let last = name.rsplit('.').next().unwrap_or(name);
        let rest = &name[..name.len() - last.len()];
        if span.range().len() == last.len()
            && let Some(fixed) = meant.strip_prefix(rest)
        {
            d = d.fix(span, fixed);
        }
    }
    diags.push(d);
    None
}

/// The largest amount almanac accepts: a quadrillion in major units.
pub fn max_money() -> Ratio {
    Ratio::int(1_000_000_000_000_000)
}

pub fn resolve_budget(
    raw: Option<&RawBudget>,
    currency: &str,
    diags: &mut Vec<Diagnostic>,
) -> Budget {
    let Some(raw) = raw else {
        return Budget::default();
    };
    let mut lines = Vec::new();
    let (allocation, value_span) = match &raw.total {
        Val::Known(t) => match money(&t.node, &t.src, currency, diags) {
            Some(v) => (Allocation::Money(v), t.span()),
            None => (Allocation::Invalid, t.span()),
        },
        Val::Unknown(span) => (Allocation::Invalid, *span),
        Val::Absent => (Allocation::Children, raw.span),
    };
    lines.push(BudgetLine {
        path: "total".into(),
        id: Ident {
            name: "total".into(),
            span: raw.span,
        },
        name: raw.name.as_ref().map(|s| s.text.clone()),
        parent: None,
        children: Vec::new(),
        allocation,
        value_span,
        plain_number: false,
        amount: None,
        spent: raw.spent.known().and_then(|e| spent(e, currency, diags)),
        note: raw.note.as_ref().map(|s| s.text.clone()),
    });
    // Shares naming another line are linked after every line exists.
    let mut pending_of: Vec<(usize, crate::syntax::ast::Path, StrSrc)> = Vec::new();
    for l in &raw.lines {
        flatten(l, 0, &mut lines, &mut pending_of, currency, diags);
    }
    for (i, path, src) in pending_of {
        let name = path_text(&path);
        match lookup(&lines, &name, src.at(path.loc), diags) {
            Some(j) => {
                if let Allocation::Share { of, .. } = &mut lines[i].allocation {
                    *of = Some(j);
                }
            }
            // A share of a line that does not exist is a share of nothing known.
            None => lines[i].allocation = Allocation::Invalid,
        }
    }
    compute(&mut lines, diags);
    Budget { lines }
}

fn flatten(
    l: &RawLine,
    parent: usize,
    lines: &mut Vec<BudgetLine>,
    pending_of: &mut Vec<(usize, crate::syntax::ast::Path, StrSrc)>,
    currency: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let index = lines.len();
    let (allocation, value_span) = match &l.amount {
        Val::Known(e) => {
            let a = match &e.node {
                Amount::Money(m) => money(m, &e.src, currency, diags).map(Allocation::Money),
                Amount::Share(s) => {
                    if let Some(p) = &s.of {
                        pending_of.push((index, p.clone(), e.src.clone()));
                    }
                    percent(s, &e.src, diags).map(|percent| Allocation::Share { percent, of: None })
                }
            };
            (a.unwrap_or(Allocation::Invalid), e.span())
        }
        Val::Unknown(span) => (Allocation::Invalid, *span),
        Val::Absent => {
            if l.children.is_empty() {
                diags.push(
                    Diagnostic::new(
                        &codes::S007,
                        l.id.span,
                        tr!(
                            "预算科目 `{0}` 没有金额或占比",
                            "budget line `{0}` has no amount or share",
                            l.path
                        ),
                    )
                    .label(tr!("金额是多少？", "how much?"))
                    .help(tr!(
                        "写成 `{0} = \"20%\"`，或补上 `amount` 或 `share`",
                        "write `{0} = \"20%\"` or give it `amount` or `share`",
                        l.id.name
                    )),
                );
            }
            (Allocation::Children, l.id.span)
        }
    };
    lines.push(BudgetLine {
        path: l.path.clone(),
        id: l.id.clone(),
        name: l.name.as_ref().map(|s| s.text.clone()),
        parent: Some(parent),
        children: Vec::new(),
        allocation,
        value_span,
        plain_number: l.shorthand
            && matches!(l.amount.known(), Some(e) if matches!(&e.node, Amount::Money(m) if m.plain)),
        amount: None,
        spent: l.spent.known().and_then(|e| spent(e, currency, diags)),
        note: l.note.as_ref().map(|s| s.text.clone()),
    });
    lines[parent].children.push(index);
    for c in &l.children {
        flatten(c, index, lines, pending_of, currency, diags);
    }
}

/// Computes every line's amount. A line whose value could not be read is
/// unknown, and so is every line computed from it (a share of it, a sum
/// over it), without a word: the value's own diagnostic says what is
/// wrong. Lines left waiting on each other depend on themselves; each
/// group of them is reported once.
fn compute(lines: &mut [BudgetLine], diags: &mut Vec<Diagnostic>) {
    let n = lines.len();
    // `None` while waiting; `Some(None)` once known to be unknown.
    let mut state: Vec<Option<Option<Ratio>>> = vec![None; n];
    loop {
        let mut progress = false;
        for i in 0..n {
            if state[i].is_some() {
                continue;
            }
            let value =
                match &lines[i].allocation {
                    Allocation::Money(v) => Some(Some(*v)),
                    Allocation::Invalid => Some(None),
                    Allocation::Share { percent, of } => match of.or(lines[i].parent) {
                        Some(b) => state[b].map(|base| {
                            base?
                                .checked_mul(*percent)
                                .and_then(|v| v.checked_div(Ratio::HUNDRED))
                        }),
                        None => Some(None),
                    },
                    Allocation::Children => {
                        let kids = &lines[i].children;
                        if kids.iter().any(|&c| state[c] == Some(None)) {
                            Some(None)
                        } else if kids.iter().all(|&c| state[c].is_some()) {
                            Some(kids.iter().try_fold(Ratio::ZERO, |acc, &c| {
                                acc.checked_add(state[c].flatten()?)
                            }))
                        } else {
                            None
                        }
                    }
                };
            if value.is_some() {
                state[i] = value;
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    for (line, s) in lines.iter_mut().zip(&state) {
        line.amount = s.flatten();
    }
    report_waiting(lines, &state, diags);
}

/// One diagnostic per group of lines that wait on each other (a share of
/// its own parent's sum, `a = "50% of b"` with `b = "50% of a"`), at the
/// group's first line.
fn report_waiting(
    lines: &[BudgetLine],
    state: &[Option<Option<Ratio>>],
    diags: &mut Vec<Diagnostic>,
) {
    let n = lines.len();
    let waiting = |i: usize| state[i].is_none();
    // What each waiting line waits on, both ways, to find the groups.
    let mut near: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, l) in lines.iter().enumerate().filter(|(i, _)| waiting(*i)) {
        let on: Vec<usize> = match &l.allocation {
            Allocation::Share { of, .. } => of.or(l.parent).into_iter().collect(),
            Allocation::Children => l.children.clone(),
            _ => Vec::new(),
        };
        for j in on.into_iter().filter(|&j| waiting(j)) {
            near[i].push(j);
            near[j].push(i);
        }
    }
    let mut seen = vec![false; n];
    for first in 0..n {
        if !waiting(first) || seen[first] {
            continue;
        }
        let mut group = vec![first];
        seen[first] = true;
        let mut k = 0;
        while k < group.len() {
            for &j in &near[group[k]] {
                if !seen[j] {
                    seen[j] = true;
                    group.push(j);
                }
            }
            k += 1;
        }
        group.sort_unstable();
        let l = &lines[group[0]];
        let mut d = Diagnostic::new(
            &codes::S006,
            l.value_span,
            tr!(
                "预算科目 `{0}` 的金额无法计算",
                "the amount of budget line `{0}` cannot be computed",
                l.path
            ),
        )
        .label(tr!("依赖它自己", "depends on itself"));
        for &j in &group[1..] {
            d = d.secondary(
                lines[j].value_span,
                tr!("`{0}` 也依赖它", "`{0}` waits on it too", lines[j].path),
            );
        }
        diags.push(d.help(tr!(
            "占比要有金额已知的上级科目（或 `of` 指定的科目）；给出 `budget.total`，或在这条链上的某一级写明金额",
            "a share needs a parent (or `of` line) with a known amount; give `budget.total` or an amount somewhere on the way"
        )));
    }
}

/// What was spent (a line's or a campaign's `spent`), where it is written.
pub(super) fn spent(
    e: &Expr<MoneyLit>,
    currency: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spanned<Ratio>> {
    Some(Spanned {
        value: money(&e.node, &e.src, currency, diags)?,
        span: e.span(),
    })
}

/// A money literal in the plan's currency, within range.
pub fn money(
    m: &MoneyLit,
    src: &StrSrc,
    currency: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Ratio> {
    if let Some(c) = &m.currency
        && c != currency
    {
        diags.push(
            Diagnostic::new(
                &codes::S006,
                src.at(m.loc),
                tr!(
                    "金额的币种是 `{c}`，但计划的币种是 `{currency}`",
                    "amount in {c}, but the plan's currency is {currency}"
                ),
            )
            .label(tr!("币种不同", "other currency"))
            .help(tr!(
                "用 `{currency}` 写金额，或修改 `plan.currency`",
                "write amounts in {currency}, or change `plan.currency`"
            )),
        );
        return None;
    }
    if m.value.abs() > max_money() {
        diags.push(
            Diagnostic::new(
                &codes::S006,
                src.at(m.loc),
                tr!("金额过大", "amount too large"),
            )
            .label(tr!("超过 10^15", "more than 10^15"))
            .help(tr!(
                "almanac 能处理的金额最多为 10^15（一千万亿）个货币单位",
                "almanac handles amounts up to a quadrillion (10^15) units of the currency"
            )),
        );
        return None;
    }
    Some(m.value)
}

/// A share in percent, between 0 and 100.
pub fn percent(s: &ShareLit, src: &StrSrc, diags: &mut Vec<Diagnostic>) -> Option<Ratio> {
    if s.percent > Ratio::HUNDRED || s.percent.is_negative() {
        diags.push(
            Diagnostic::new(
                &codes::S006,
                src.at(s.loc),
                tr!("`{0}%` 不是有效的占比", "`{0}%` is not a share", s.percent),
            )
            .label(tr!(
                "占比在 0% 到 100% 之间",
                "a share is between 0% and 100%"
            ))
            .help(tr!(
                "占比是整体的一部分；超过整体的，直接写金额",
                "a share is a part of a whole; for more than the whole, give an amount"
            )),
        );
        return None;
    }
    Some(s.percent)
}

pub fn share_percent(e: &Expr<ShareLit>, diags: &mut Vec<Diagnostic>) -> Option<Ratio> {
    percent(&e.node, &e.src, diags)
}

/// The money a campaign draws from `line`: an amount, or a share of the
/// line (or of the line named with `of`, as in `25% of kol`). `None` when
/// it is unknown (reported here or where the line's value is written).
pub fn draw_amount(
    budget: &Budget,
    line: usize,
    e: &Expr<Amount>,
    currency: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Ratio> {
    match &e.node {
        Amount::Money(m) => money(m, &e.src, currency, diags),
        Amount::Share(s) => {
            let p = percent(s, &e.src, diags)?;
            let base = match &s.of {
                None => line,
                Some(path) => lookup(&budget.lines, &path_text(path), e.src.at(path.loc), diags)?,
            };
            // An unknown line's own diagnostic says why.
            budget.lines[base]
                .amount?
                .checked_mul(p)?
                .checked_div(Ratio::HUNDRED)
        }
    }
}

/// `[reserve]`: the share of the budget held back, and what for.
pub(super) fn reserve(raw: Option<&RawReserve>, diags: &mut Vec<Diagnostic>) -> Option<Reserve> {
    raw.and_then(|r| {
        let share = r.share.known()?;
        let percent = share_percent(share, diags)?;
        Some(Reserve {
            percent: Spanned {
                value: percent,
                span: share.span(),
            },
            purpose: text(&r.purpose),
        })
    })
}

/// `[kol]`: the budget line KOLs are paid from, how it splits across tiers
/// (the pyramid) and the criteria. The line is looked up only when
/// `budget`'s lines are known.
pub(super) fn kol(
    raw: Option<&RawKol>,
    budget: Option<&Budget>,
    diags: &mut Vec<Diagnostic>,
) -> Option<KolPolicy> {
    raw.map(|k| {
        let line = match (&k.budget, budget) {
            (Some(b), Some(budget)) => lookup(&budget.lines, &b.text, b.span(), diags),
            _ => None,
        };
        KolPolicy {
            line,
            line_span: k.budget.as_ref().map_or(k.span, Str::span),
            incomplete: k.pyramid.iter().any(|(_, e)| {
                // An unreadable tier or one out of range: the split is not known.
                e.known()
                    .is_none_or(|e| e.node.percent > Ratio::HUNDRED || e.node.percent.is_negative())
            }),
            pyramid: k
                .pyramid
                .iter()
                .filter_map(|(id, e)| {
                    let e = e.known()?;
                    let p = share_percent(e, diags)?;
                    Some((
                        id.clone(),
                        Spanned {
                            value: p,
                            span: e.span(),
                        },
                    ))
                })
                .collect(),
            criteria: k
                .criteria
                .iter()
                .filter_map(|(id, e)| Some((id.clone(), e.known()?.node.clone())))
                .collect(),
        }
    })
}
