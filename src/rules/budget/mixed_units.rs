//! A budget line given as a plain number among lines given as shares: the
//! number is read as money, which is rarely what was meant. In
//!
//! ```toml
//! [budget]
//! total = "500万"
//! ads = 50        # ¥50, not 50%
//! kol = "35%"
//! tools = "15%"
//! ```
//!
//! `ads` holds ¥50 while its siblings split the total by percent; the `%`
//! was most likely forgotten (a TOML number cannot hold one). The help
//! offers `"50%"`.
//!
//! Only a plausible slip is reported: a line written beside its id as a
//! number alone (`ads = 50` or `ads = "50"`: no currency, no `万`/`k`/`M`)
//! of more than 0 and at most 100, on a level where at least one sibling
//! is a share of the same parent. A level may mix amounts and shares on
//! purpose; an amount written with its currency (`"¥50"`), with a
//! multiplier (`"50万"`), as `amount = 50` in the line's table, or larger
//! than 100 (which no share can be) is taken as meant.
//!
//! <!-- zh-CN -->
//! 同一级的预算科目都写成占比，其中一个却写成了不带单位的数字：
//! 这个数字会被当作金额，而这通常不是本意。比如：
//!
//! ```toml
//! [budget]
//! total = "500万"
//! ads = 50        # ¥50，不是 50%
//! kol = "35%"
//! tools = "15%"
//! ```
//!
//! 这里 `ads` 只有 ¥50，而同级的其他科目都按百分比分配总预算；
//! 多半是漏写了 `%`（TOML 的数字写不了 `%`）。提示会给出 `"50%"`。
//!
//! 只报告看起来像笔误的情况：
//! 科目在 ID 后直接写成纯数字（`ads = 50` 或 `ads = "50"`：没有币种，
//! 没有 `万`/`k`/`M`），大于 0、不超过 100，
//! 并且同一级至少有一个科目是同一上级的占比。同一级可以有意混用金额和占比：
//! 带币种符号的金额（`"¥50"`）、带倍数的金额（`"50万"`）、
//! 在科目的表中写成 `amount = 50` 的金额，
//! 以及大于 100 的数（占比不可能这么大），都视为本意。

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Allocation, money_text, percent_text};
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let b = &plan.budget;
    for (i, parent) in b.lines.iter().enumerate() {
        let is_share =
            |c: &usize| matches!(b.lines[*c].allocation, Allocation::Share { of: None, .. });
        let Some(&share) = parent.children.iter().find(|c| is_share(c)) else {
            continue;
        };
        // In Chinese, `whole` sits between Chinese words: a code span
        // carries its own spaces.
        let whole = if i == 0 {
            tr!("总预算", "the total")
        } else {
            let path = &parent.path;
            tr!("预算科目 `{path}` ", "`{path}`")
        };
        let (whole_zh, whole_en) = (&whole.zh, &whole.en);
        for &c in &parent.children {
            let line = &b.lines[c];
            let Allocation::Money(v) = line.allocation else {
                continue;
            };
            if !line.plain_number || v <= Ratio::ZERO || v > Ratio::HUNDRED {
                continue;
            }
            let as_money = money_text(v, &plan.currency);
            let as_share = percent_text(v);
            let (path, id) = (&line.path, &line.id.name);
            out.push(
                Diagnostic::new(
                    &codes::B007,
                    line.value_span,
                    tr!(
                        "预算科目 `{path}` 写成了金额 {as_money}，而同级其他科目写的是{whole_zh}的占比",
                        "budget line `{path}` is {as_money}, among shares of {whole_en}"
                    ),
                )
                .label(tr!(
                    "是 {as_money}，不是 {as_share}",
                    "{as_money}, not {as_share}"
                ))
                .secondary(b.lines[share].value_span, tr!("占比", "a share"))
                .help(tr!(
                    "如果是{whole_zh}的 {as_share}，写成 `{id} = \"{as_share}\"`；\
                     如果确实是这么小的金额，带上币种符号写（`\"{as_money}\"`）",
                    "for {as_share} of {whole_en}, write `{id} = \"{as_share}\"`; an amount \
                     this small is written with its currency (`\"{as_money}\"`)"
                )),
            );
        }
    }
}
