//! Budget rules: shares that do not add up, lines over their parent or the
//! total, campaigns drawing more than their line holds, amounts of zero or
//! less, a KOL pyramid that drifted from the declared split, a plain
//! number among shares.

pub mod campaign_over_line;
pub mod kol_pyramid;
pub mod mixed_units;
pub mod non_positive;
pub mod over_parent;
pub mod overspent;
pub mod shares;
pub mod total_exceeded;

use crate::diagnostics::Diagnostic;
use crate::locale::Msg;
use crate::model::{Allocation, Budget, money_text};
use crate::ratio::Ratio;
use crate::tr;

/// A line's sub-lines: their amounts, their sum, and whether every one is
/// a plain share of the line (the case `shares` checks instead).
pub struct Children {
    pub amounts: Vec<(usize, Ratio)>,
    pub sum: Ratio,
    pub all_shares: bool,
}

/// The sub-lines of `line`; `None` when it has none, or when one of their
/// amounts is unknown (it was reported; a sum over it means nothing).
pub fn children_sum(budget: &Budget, line: usize) -> Option<Children> {
    let l = &budget.lines[line];
    if l.children.is_empty() {
        return None;
    }
    let mut out = Children {
        amounts: Vec::with_capacity(l.children.len()),
        sum: Ratio::ZERO,
        all_shares: true,
    };
    for &c in &l.children {
        let amount = budget.lines[c].amount?;
        out.sum = out.sum.checked_add(amount)?;
        out.amounts.push((c, amount));
        out.all_shares &= matches!(
            budget.lines[c].allocation,
            Allocation::Share { of: None, .. }
        );
    }
    Some(out)
}

/// Sub-lines that add up to more than their line (B002, B004).
pub struct Excess {
    pub kids: Children,
    /// The line's own amount.
    pub whole: Ratio,
}

impl Excess {
    /// The sub-lines of `line` when their sum is over its amount; `None`
    /// when they fit, are unknown, or are all plain shares of it (what
    /// `budget-shares` checks).
    pub fn of(budget: &Budget, line: usize) -> Option<Excess> {
        let whole = budget.lines[line].amount?;
        let kids = children_sum(budget, line)?;
        (!kids.all_shares && kids.sum > whole).then_some(Excess { kids, whole })
    }

    /// `d` labelled with the excess, and each sub-line with its amount.
    pub fn explain(&self, mut d: Diagnostic, budget: &Budget, currency: &str) -> Diagnostic {
        let over = self
            .kids
            .sum
            .checked_sub(self.whole)
            .unwrap_or(self.kids.sum);
        let over = money_text(over, currency);
        d = d.label(tr!("超出 {over}", "over by {over}"));
        for &(c, amount) in &self.kids.amounts {
            d = d.secondary(
                budget.lines[c].value_span,
                Msg::same(money_text(amount, currency)),
            );
        }
        d
    }
}
