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

use crate::diagnostics::{Diagnostic, codes};
use crate::model::percent_text;
use crate::ratio::Ratio;
use crate::rules::Context;

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
        let mut d = Diagnostic::new(
            &codes::B006,
            first_share.span,
            format!(
                "the declared KOL pyramid adds up to {}, not 100%",
                percent_text(sum)
            ),
        )
        .label(format!(
            "`{}` {}",
            first.name,
            percent_text(first_share.value)
        ));
        for (tier, share) in &kol.pyramid[1..] {
            d = d.secondary(
                share.span,
                format!("`{}` {}", tier.name, percent_text(share.value)),
            );
        }
        let gap = match sum.checked_sub(Ratio::HUNDRED) {
            Some(diff) if diff.is_negative() => {
                format!(
                    "{} of the line is left to no tier",
                    percent_text(diff.abs())
                )
            }
            Some(diff) => format!("the tiers take {} more than the line", percent_text(diff)),
            None => "the tiers do not add up".to_string(),
        };
        out.push(d.help(format!(
            "the tiers split the whole KOL line between them: {gap}; make them add up to 100%"
        )));
        return;
    }
    for (tier, declared) in &kol.pyramid {
        let Some(&c) = parent
            .children
            .iter()
            .find(|&&c| b.lines[c].id.name == tier.name)
        else {
            out.push(
                Diagnostic::new(
                    &codes::B006,
                    tier.span,
                    format!("budget line `{}` has no tier `{}`", parent.path, tier.name),
                )
                .label("declared here")
                .secondary(parent.id.span, "the KOL budget line")
                .help(format!(
                    "add `[budget.{}.{}]` with `share = \"{}\"`",
                    parent.path,
                    tier.name,
                    percent_text(declared.value)
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
        out.push(
            Diagnostic::new(
                &codes::B006,
                b.lines[c].value_span,
                format!(
                    "KOL tier `{}` is {} of `{}`, but the pyramid says {}",
                    tier.name,
                    percent_text(actual),
                    parent.path,
                    percent_text(declared.value)
                ),
            )
            .label(format!("{} here", percent_text(actual)))
            .secondary(declared.span, "the declared split")
            .help(format!(
                "set `{}` to {} of `{}`, or change the pyramid",
                tier.name,
                percent_text(declared.value),
                parent.path
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
        out.push(
            Diagnostic::new(
                &codes::B006,
                l.id.span,
                format!("`{}` is not a tier of the KOL pyramid", l.path),
            )
            .label("not declared in `[kol]`")
            .help(format!(
                "the pyramid's tiers are {}: fold `{}` into one of them, or add it to `pyramid` in `[kol]`",
                tiers.join(", "),
                l.id.name
            )),
        );
    }
}
