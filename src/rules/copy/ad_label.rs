//! A paid deliverable publishes without saying it is an advertisement.
//! China's advertising law (article 14) requires advertising to be
//! recognisable as such, and an ad distributed through the media to be
//! marked `广告`; a KOL's paid post or an ad creative is advertising. A task
//! that publishes (`publish = true`), or a column, paid from the KOL budget
//! (the line `[kol]` names, or one below it) or from an ads line (a line
//! whose id is `ads` or `paid` or ends in `_ads`, or one below it) must
//! carry the label its content shows:
//!
//! ```toml
//! [campaigns.launch.tasks.kol_video]
//! name = "达人种草视频"
//! due = "start + 5wd"
//! publish = true
//! budget = "kol.waist"
//! label = "广告"
//! ```
//!
//! A label that does not say `广告` (`推广`, `合作`) is reported too.
//!
//! <!-- zh-CN -->
//! 付费内容发布时没有标明是广告。广告法第十四条要求广告具有可识别性，通过大众
//! 传播媒介发布的广告要显著标明“广告”；达人的付费内容和广告素材都属于广告。
//! 由 KOL 预算（`[kol]` 指定的科目及其子科目）或广告预算（标识为 `ads`、`paid`
//! 或以 `_ads` 结尾的科目及其子科目）支出的发布任务（`publish = true`）或栏目，
//! 必须写明内容上的标注：
//!
//! ```toml
//! [campaigns.launch.tasks.kol_video]
//! name = "达人种草视频"
//! due = "start + 5wd"
//! publish = true
//! budget = "kol.waist"
//! label = "广告"
//! ```
//!
//! 标注里没有“广告”二字（如“推广”“合作”）也会报告。

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::model::Plan;
use crate::rules::Context;
use crate::source::{Span, Spanned};
use crate::tr;

/// The word the label must hold.
const AD: &str = "广告";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for c in &plan.campaigns {
        for t in c.tasks.iter().filter(|t| t.publish) {
            let item = format!("{}.{}", c.id.name, t.id.name);
            unlabelled(plan, &item, t.id.span, t.paid_from, t.label.as_deref(), out);
        }
    }
    for col in &plan.columns {
        let item = col.id.name.clone();
        unlabelled(
            plan,
            &item,
            col.id.span,
            col.paid_from,
            col.label.as_deref(),
            out,
        );
    }
}

/// Reports `item` when it is paid from a KOL or ads line and its label
/// does not say 广告.
fn unlabelled(
    plan: &Plan,
    item: &str,
    at: Span,
    paid_from: Option<Spanned<usize>>,
    label: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(line) = paid_from.filter(|l| is_paid(plan, l.value)) else {
        return;
    };
    if label.is_some_and(|l| l.contains(AD)) {
        return;
    }
    let message: Msg = match label {
        None => tr!(
            "付费内容 `{item}` 发布时没有标注“广告”",
            "paid content `{item}` publishes without the label `广告`"
        ),
        Some(l) => tr!(
            "付费内容 `{item}` 的标注 `{l}` 没有写明“广告”",
            "paid content `{item}` is labelled `{l}`, which does not say `广告`"
        ),
    };
    let path = &plan.budget.lines[line.value].path;
    out.push(
        Diagnostic::new(&codes::L002, at, message)
            .label(tr!("发布的付费内容", "published paid content"))
            .secondary(
                line.span,
                tr!("由预算科目 `{path}` 支出", "paid from `{path}`"),
            )
            .help(tr!(
                "加上 `label = \"广告\"`：广告法要求广告具有可识别性",
                "add `label = \"广告\"`: the advertising law requires an ad to be recognisable as one"
            )),
    );
}

/// Whether budget line `i` pays for KOLs or ads: the `[kol]` line, a line
/// whose id is `ads` or `paid` or ends in `_ads`, or a line below one.
fn is_paid(plan: &Plan, i: usize) -> bool {
    let kol = plan.kol.as_ref().and_then(|k| k.line);
    let mut at = Some(i);
    while let Some(j) = at {
        let line = &plan.budget.lines[j];
        let id = line.id.name.as_str();
        if Some(j) == kol || id == "ads" || id == "paid" || id.ends_with("_ads") {
            return true;
        }
        at = line.parent;
    }
    false
}
