//! The budget tree: lines and sub-lines given as money or as shares of their
//! parent (or of another line), flattened parents-first and computed
//! exactly. Shares are percentages kept as rationals; nothing is rounded
//! here.

use crate::diagnostics::{Diagnostic, suggest};
use crate::model::ratio::Ratio;
use crate::model::{Allocation, Budget, BudgetLine, Ident, find_line};
use crate::rules::registry::rule;
use crate::source::Span;
use crate::syntax::ast::{Amount, MoneyLit, ShareLit};
use crate::syntax::raw::{Expr, RawBudget, RawLine};
use crate::syntax::reader::path_text;
use crate::syntax::strlit::StrSrc;

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
    let mut d = Diagnostic::new(rule("R001"), span, format!("unknown budget line `{name}`"))
        .label("not a line of `[budget]`");
    if let Some(h) = suggest(name, lines.iter().skip(1).map(|l| l.path.as_str())) {
        d = d.help(h);
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
        Some(t) => match money(&t.node, &t.src, currency, diags) {
            Some(v) => (Allocation::Money(v), t.span()),
            None => (Allocation::Invalid, t.span()),
        },
        None => (Allocation::Children, raw.span),
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
        amount: Ratio::ZERO,
        spent: raw
            .spent
            .as_ref()
            .and_then(|e| money(&e.node, &e.src, currency, diags)),
        note: raw.note.as_ref().map(|s| s.text.clone()),
    });
    // Shares naming another line are linked after every line exists.
    let mut pending_of: Vec<(usize, crate::syntax::ast::Path, StrSrc)> = Vec::new();
    for l in &raw.lines {
        flatten(l, 0, &mut lines, &mut pending_of, currency, diags);
    }
    for (i, path, src) in pending_of {
        let name = path_text(&path);
        if let Some(j) = lookup(&lines, &name, src.at(path.loc), diags)
            && let Allocation::Share { of, .. } = &mut lines[i].allocation
        {
            *of = Some(j);
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
        Some(e) => {
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
        None if l.given => (Allocation::Invalid, l.id.span),
        None => {
            if l.children.is_empty() {
                diags.push(
                    Diagnostic::new(
                        rule("S007"),
                        l.id.span,
                        format!("budget line `{}` has no amount or share", l.path),
                    )
                    .label("how much?")
                    .help(format!(
                        "write `{} = \"20%\"` or give it `amount` or `share`",
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
        amount: Ratio::ZERO,
        spent: l
            .spent
            .as_ref()
            .and_then(|e| money(&e.node, &e.src, currency, diags)),
        note: l.note.as_ref().map(|s| s.text.clone()),
    });
    lines[parent].children.push(index);
    for c in &l.children {
        flatten(c, index, lines, pending_of, currency, diags);
    }
}

/// Computes every line's amount; lines that depend on each other are reported.
fn compute(lines: &mut [BudgetLine], diags: &mut Vec<Diagnostic>) {
    let n = lines.len();
    let mut done = vec![false; n];
    loop {
        let mut progress = false;
        for i in 0..n {
            if done[i] {
                continue;
            }
            let value = match &lines[i].allocation {
                Allocation::Money(v) => Some(*v),
                Allocation::Invalid => Some(Ratio::ZERO),
                Allocation::Share { percent, of } => {
                    let base = of.or(lines[i].parent);
                    match base {
                        Some(b) if done[b] => lines[b]
                            .amount
                            .checked_mul(*percent)
                            .and_then(|v| v.checked_div(Ratio::HUNDRED)),
                        _ => None,
                    }
                }
                Allocation::Children => {
                    if lines[i].children.iter().all(|&c| done[c]) {
                        lines[i]
                            .children
                            .iter()
                            .try_fold(Ratio::ZERO, |acc, &c| acc.checked_add(lines[c].amount))
                    } else {
                        None
                    }
                }
            };
            if let Some(v) = value {
                lines[i].amount = v;
                done[i] = true;
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    for i in 0..n {
        if done[i] {
            continue;
        }
        let l = &lines[i];
        diags.push(
            Diagnostic::new(rule("S006"), l.value_span, format!("the amount of budget line `{}` cannot be computed", l.path))
                .label("depends on itself")
                .help("a share needs a parent (or `of` line) with a known amount; give `budget.total` or an amount somewhere on the way"),
        );
    }
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
                rule("S006"),
                src.at(m.loc),
                format!("amount in {c}, but the plan's currency is {currency}"),
            )
            .label("other currency")
            .help(format!(
                "write amounts in {currency}, or change `plan.currency`"
            )),
        );
        return None;
    }
    if m.value.abs() > max_money() {
        diags.push(
            Diagnostic::new(rule("S006"), src.at(m.loc), "amount too large")
                .label("more than 10^15")
                .help("almanac handles amounts up to a quadrillion (10^15) units of the currency"),
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
                rule("S006"),
                src.at(s.loc),
                format!("`{}%` is not a share", s.percent),
            )
            .label("a share is between 0% and 100%")
            .help("a share is a part of a whole; for more than the whole, give an amount"),
        );
        return None;
    }
    Some(s.percent)
}

pub fn share_percent(e: &Expr<ShareLit>, diags: &mut Vec<Diagnostic>) -> Option<Ratio> {
    percent(&e.node, &e.src, diags)
}

/// The money a campaign draws from `line`: an amount, or a share of the
/// line (or of the line named with `of`, as in `25% of kol`).
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
            if budget.lines[base].allocation == Allocation::Invalid {
                return None; // its own diagnostic says why
            }
            budget.lines[base]
                .amount
                .checked_mul(p)?
                .checked_div(Ratio::HUNDRED)
        }
    }
}
