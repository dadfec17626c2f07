//! A date outside the plan's period: a campaign window, a moment, a
//! blackout, a column's `during` range or a task's due date that falls
//! (partly) before the plan starts or after it ends. Usually a wrong year
//! (`2026-07-01` in a 2027 plan) or an offset that went too far.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::DateRange;
use crate::rules::Context;
use crate::source::Span;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let period = plan.period.value;
    let mut report = |what: &dyn std::fmt::Display, r: DateRange, span: Span| {
        if period.contains(r.start) && period.contains(r.end) {
            return;
        }
        let when = if r.start == r.end {
            r.start.to_string()
        } else {
            format!("{}..{}", r.start, r.end)
        };
        out.push(
            Diagnostic::new(
                &codes::D001,
                span,
                format!(
                    "{what} ({when}) is outside the plan's period {}..{}",
                    period.start, period.end
                ),
            )
            .label(format!("resolves to {when}"))
            .secondary(plan.period.span, "the plan's period")
            .help("check the year and the offsets, or widen `plan.period`"),
        );
    };
    for c in &plan.campaigns {
        report(
            &format_args!("campaign `{}`", c.id.name),
            c.window.value,
            c.window.span,
        );
        for t in &c.tasks {
            if let Some(d) = t.due {
                report(
                    &format_args!("task `{}.{}`", c.id.name, t.id.name),
                    DateRange {
                        start: d.value,
                        end: d.value,
                    },
                    d.span,
                );
            }
        }
    }
    for m in &plan.moments {
        report(
            &format_args!("moment `{}`", m.id.name),
            m.when.value,
            m.when.span,
        );
    }
    for b in &plan.blackouts {
        report(
            &format_args!("blackout `{}`", b.id.name),
            b.when.value,
            b.when.span,
        );
    }
    for c in &plan.columns {
        if c.during.span != plan.period.span {
            report(
                &format_args!("column `{}`", c.id.name),
                c.during.value,
                c.during.span,
            );
        }
    }
}
