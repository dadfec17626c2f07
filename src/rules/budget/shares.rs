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
//!
//! <!-- zh-CN -->
//! 同一级预算的占比加起来不是 100%。
//! 一个科目（或总预算）的子科目全部写成它的占比时，这些占比必须正好分完：
//! 超过 100% 就是在花不存在的钱，不到 100% 则有一部分没有分配。
//! 计划可以允许以百分点计的误差：
//!
//! ```toml
//! [rules.budget-shares]
//! tolerance = "0.5pp"
//! ```
//!
//! `33.3% + 33.3% + 33.4%` 正好是 100%（占比按精确的小数计算）。

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::model::{Allocation, percent_text};
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::tr;

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
        // In Chinese, `parent` starts a sentence or sits between Chinese
        // words: a code span carries its own space.
        let parent = if i == 0 {
            tr!("总预算", "the total")
        } else {
            let path = &line.path;
            tr!("预算科目 `{path}` ", "`{path}`")
        };
        let (parent_zh, parent_en) = (&parent.zh, &parent.en);
        let Some(&(big, big_p)) = shares.iter().max_by_key(|(_, p)| *p) else {
            continue;
        };
        let others = sum.checked_sub(big_p).unwrap_or(Ratio::ZERO);
        let room = Ratio::HUNDRED.checked_sub(others).unwrap_or(Ratio::ZERO);
        let (total, largest) = (percent_text(sum), percent_text(big_p));
        let mut d = Diagnostic::new(
            &codes::B001,
            b.lines[big].value_span,
            tr!(
                "{parent_zh}的各项占比加起来是 {total}，不是 100%",
                "the shares of {parent_en} add up to {total}, not 100%"
            ),
        )
        .label(tr!(
            "占比最大的一项：{largest}",
            "the largest share, {largest}"
        ));
        for &(c, p) in &shares {
            if c != big {
                d = d.secondary(b.lines[c].value_span, Msg::same(percent_text(p)));
            }
        }
        d = if diff.is_negative() {
            let left = percent_text(diff.abs());
            d.help(tr!(
                "{parent_zh}还有 {left} 没有分配；增加一个科目，或调高某项占比",
                "{left} of {parent_en} is not allocated; add a line or raise a share"
            ))
        } else if room.is_negative() || room.is_zero() {
            let others = percent_text(others);
            d.help(tr!(
                "其他科目已经占了 {others}",
                "the other lines already take {others}"
            ))
        } else {
            let (id, room) = (&b.lines[big].id.name, percent_text(room));
            d.help(tr!(
                "`{id}` 是 {largest}；其他科目只给它留了 {room}",
                "`{id}` is {largest}; the other lines leave it {room}"
            ))
        };
        out.push(d);
    }
}
