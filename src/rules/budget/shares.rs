//! The shares of one level of the budget do not add up to 100%. When every
//! sub-line of a line (or of the total) is given as a share of it, the
//! shares must cover it exactly: more than 100% spends money that is not
//! there, less leaves part of it unallocated. A plan may allow a tolerance
//! in percentage points:
//!
//! ```toml
//! [rules.budget-shares]
//! tolerance = "0.5pp"
//! ```
//!
//! `33.3% + 33.3% + 33.4%` is exactly 100% (shares are exact decimals).

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Allocation, percent_text};
use crate::ratio::Ratio;
use crate::rules::Context;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let tolerance = cx.option(&codes::B001, "tolerance").unwrap_or(Ratio::ZERO);
    let b = &plan.budget;
    for (i, line) in b.lines.iter().enumerate() {
        let shares: Vec<(usize, Ratio)> = line
            .children
            .iter()
            .filter_map(|&c| match b.lines[c].allocation {
                Allocation::Share { percent, of: None } => Some((c, percent)),
                _ => None,
            })
            .collect();
        if shares.is_empty() || shares.len() != line.children.len() {
            continue;
        }
        let Some(sum) = shares
            .iter()
            .try_fold(Ratio::ZERO, |a, (_, p)| a.checked_add(*p))
        else {
            continue;
        };
        let Some(diff) = sum.checked_sub(Ratio::HUNDRED) else {
            continue;
        };
        if diff.abs() <= tolerance {
            continue;
        }
        let parent = if i == 0 {
            "the total".to_string()
        } else {
            format!("`{}`", line.path)
        };
        let Some(&(big, big_p)) = shares.iter().max_by_key(|(_, p)| *p) else {
            continue;
        };
        let others = sum.checked_sub(big_p).unwrap_or(Ratio::ZERO);
        let room = Ratio::HUNDRED.checked_sub(others).unwrap_or(Ratio::ZERO);
        let mut d = Diagnostic::new(
            &codes::B001,
            b.lines[big].value_span,
            format!(
                "the shares of {parent} add up to {}, not 100%",
                percent_text(sum)
            ),
        )
        .label(format!("the largest share, {}", percent_text(big_p)));
        for &(c, p) in &shares {
            if c != big {
                d = d.secondary(b.lines[c].value_span, percent_text(p));
            }
        }
        d = if diff.is_negative() {
            d.help(format!(
                "{} of {parent} is not allocated; add a line or raise a share",
                percent_text(diff.abs())
            ))
        } else if room.is_negative() || room.is_zero() {
            d.help(format!(
                "the other lines already take {}",
                percent_text(others)
            ))
        } else {
            d.help(format!(
                "`{}` is {}; the other lines leave it {}",
                b.lines[big].id.name,
                percent_text(big_p),
                percent_text(room)
            ))
        };
        out.push(d);
    }
}
