//! The KOL budget does not follow the plan's declared pyramid. `[kol]` names
//! the budget line that holds KOL spend and the split the team decided on
//! (in the founding document: head 5%, waist 25%, amateur 70%); each tier
//! is a sub-line of that line with the same id. A tier missing from the
//! budget, a sub-line that is no declared tier, or a tier whose share of the
//! line differs from the declared one (by more than `tolerance`, in
//! percentage points) is reported.
//!
//! ```toml
//! [kol]
//! budget = "kol"
//! pyramid = { head = "5%", waist = "25%", amateur = "70%" }
//! ```
//!
//! <!-- zh-CN -->
//! KOL 预算不符合计划设定的金字塔结构。
//! `[kol]` 指定存放 KOL 花费的预算科目，
//! 以及团队商定的分配比例（立项文档中是：头部 5%、腰部 25%、素人 70%）；
//! 每个层级对应这个科目下 ID 相同的子科目。以下情况都会报告：
//! 预算中缺少某个层级；某个子科目不是设定的层级；
//! 某个层级在科目中的占比与设定的比例相差超过 `tolerance`（以百分点计）。
//!
//! ```toml
//! [kol]
//! budget = "kol"
//! # 头部、腰部、素人
//! pyramid = { head = "5%", waist = "25%", amateur = "70%" }
//! ```

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::model::percent_text;
use crate::ratio::Ratio;
use crate::rules::Context;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let Some(kol) = &plan.kol else {
        return;
    };
    let Some(line) = kol.line else {
        return;
    };
    if kol.pyramid.is_empty() || kol.incomplete {
        return;
    }
    let tolerance = cx.option(&codes::B006, "tolerance").unwrap_or(Ratio::ZERO);
    let b = &plan.budget;
    let parent = &b.lines[line];
    let declared_sum = kol
        .pyramid
        .iter()
        .try_fold(Ratio::ZERO, |a, (_, p)| a.checked_add(p.value));
    if let Some(sum) = declared_sum
        && sum != Ratio::HUNDRED
    {
        let (first, first_share) = &kol.pyramid[0];
        let total = percent_text(sum);
        let mut d = Diagnostic::new(
            &codes::B006,
            first_share.span,
            tr!(
                "设定的 KOL 金字塔比例加起来是 {total}，不是 100%",
                "the declared KOL pyramid adds up to {total}, not 100%"
            ),
        )
        .label(Msg::same(format!(
            "`{}` {}",
            first.name,
            percent_text(first_share.value)
        )));
        for (tier, share) in &kol.pyramid[1..] {
            d = d.secondary(
                share.span,
                Msg::same(format!("`{}` {}", tier.name, percent_text(share.value))),
            );
        }
        let gap = match sum.checked_sub(Ratio::HUNDRED) {
            Some(diff) if diff.is_negative() => {
                let left = percent_text(diff.abs());
                tr!(
                    "科目中还有 {left} 没有分给任何层级",
                    "{left} of the line is left to no tier"
                )
            }
            Some(diff) => {
                let more = percent_text(diff);
                tr!(
                    "各层级加起来比整个科目多出 {more}",
                    "the tiers take {more} more than the line"
                )
            }
            None => tr!("各层级的占比对不上", "the tiers do not add up"),
        };
        let (gap_zh, gap_en) = (&gap.zh, &gap.en);
        out.push(d.help(tr!(
            "各层级应正好分完整个 KOL 预算科目：{gap_zh}；把它们调到加起来等于 100%",
            "the tiers split the whole KOL line between them: {gap_en}; make them add up to 100%"
        )));
        return;
    }
    for (tier, declared) in &kol.pyramid {
        let Some(&c) = parent
            .children
            .iter()
            .find(|&&c| b.lines[c].id.name == tier.name)
        else {
            let (path, name, share) = (&parent.path, &tier.name, percent_text(declared.value));
            out.push(
                Diagnostic::new(
                    &codes::B006,
                    tier.span,
                    tr!(
                        "预算科目 `{path}` 下没有层级 `{name}`",
                        "budget line `{path}` has no tier `{name}`"
                    ),
                )
                .label(tr!("在这里设定", "declared here"))
                .secondary(parent.id.span, tr!("KOL 预算科目", "the KOL budget line"))
                .help(tr!(
                    "添加 `[budget.{path}.{name}]`，写上 `share = \"{share}\"`",
                    "add `[budget.{path}.{name}]` with `share = \"{share}\"`"
                )),
            );
            continue;
        };
        let (Some(whole), Some(part)) = (parent.amount, b.lines[c].amount) else {
            continue; // unknown, and reported where it is written
        };
        if whole.is_zero() {
            continue;
        }
        let Some(actual) = part
            .checked_mul(Ratio::HUNDRED)
            .and_then(|v| v.checked_div(whole))
        else {
            continue;
        };
        let Some(diff) = actual.checked_sub(declared.value) else {
            continue;
        };
        if diff.abs() <= tolerance {
            continue;
        }
        let (name, path) = (&tier.name, &parent.path);
        let (actual, declared_text) = (percent_text(actual), percent_text(declared.value));
        out.push(
            Diagnostic::new(
                &codes::B006,
                b.lines[c].value_span,
                tr!(
                    "KOL 层级 `{name}` 占 `{path}` 的 {actual}，但金字塔设定的是 {declared_text}",
                    "KOL tier `{name}` is {actual} of `{path}`, but the pyramid says {declared_text}"
                ),
            )
            .label(tr!("这里是 {actual}", "{actual} here"))
            .secondary(declared.span, tr!("设定的比例", "the declared split"))
            .help(tr!(
                "把 `{name}` 调到 `{path}` 的 {declared_text}，或修改金字塔",
                "set `{name}` to {declared_text} of `{path}`, or change the pyramid"
            )),
        );
    }
    for &c in &parent.children {
        let l = &b.lines[c];
        if kol.pyramid.iter().any(|(t, _)| t.name == l.id.name) {
            continue;
        }
        let tiers: Vec<String> = kol
            .pyramid
            .iter()
            .map(|(t, _)| format!("`{}`", t.name))
            .collect();
        let (path, name) = (&l.path, &l.id.name);
        let (tiers_zh, tiers_en) = (tiers.join("、"), tiers.join(", "));
        out.push(
            Diagnostic::new(
                &codes::B006,
                l.id.span,
                tr!(
                    "`{path}` 不是 KOL 金字塔中的层级",
                    "`{path}` is not a tier of the KOL pyramid"
                ),
            )
            .label(tr!("没有在 `[kol]` 中设定", "not declared in `[kol]`"))
            .help(tr!(
                "金字塔的层级是 {tiers_zh}：把 `{name}` 并入其中之一，或把它加进 `[kol]` 的 `pyramid`",
                "the pyramid's tiers are {tiers_en}: fold `{name}` into one of them, or add it to `pyramid` in `[kol]`"
            )),
        );
    }
}
