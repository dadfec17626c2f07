//! Budget rules: shares that do not add up, lines over their parent or the
//! total, campaigns drawing more than their line holds, amounts of zero or
//! less, a KOL pyramid that drifted from the declared split.

pub mod campaign_over_line;
pub mod kol_pyramid;
pub mod non_positive;
pub mod over_parent;
pub mod shares;
pub mod total_exceeded;

use crate::model::ratio::Ratio;
use crate::model::{Allocation, Budget};

/// The sum of a line's children, and whether every child is a plain share
/// of it (the case `shares` checks instead).
pub fn children_sum(budget: &Budget, line: usize) -> Option<(Ratio, bool)> {
    let l = &budget.lines[line];
    if l.children.is_empty() {
        return None;
    }
    let mut sum = Ratio::ZERO;
    let mut all_shares = true;
    for &c in &l.children {
        if budget.lines[c].allocation == Allocation::Invalid {
            return None; // an invalid line was reported; its sum means nothing
        }
        sum = sum.checked_add(budget.lines[c].amount)?;
        all_shares &= matches!(
            budget.lines[c].allocation,
            Allocation::Share { of: None, .. }
        );
    }
    Some((sum, all_shares))
}
