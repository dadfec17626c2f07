//! Budget rules: shares that do not add up, lines over their parent or the
//! total, campaigns drawing more than their line holds, amounts of zero or
//! less, a KOL pyramid that drifted from the declared split, a plain
//! number among shares.

pub mod campaign_over_line;
pub mod kol_pyramid;
pub mod mixed_units;
pub mod non_positive;
pub mod over_parent;
pub mod shares;
pub mod total_exceeded;

use crate::model::{Allocation, Budget};
use crate::ratio::Ratio;

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
