//! The review chain does not fit before publishing. The plan's review
//! levels (`[review.levels.*]`, first to last) each receive an item their
//! lead time before it is published — legal three days before, say (`3d`;
//! `3wd` counts workdays, skipping holidays and counting make-up days) —
//! and answer within their response time (`24h` = one workday). Every
//! level's answer must reach the next level by the date that level
//! receives the item, and the last level's answer must come before
//! publishing. The diagnostic names the level, how many published items
//! are affected and the first of them.
//!
//! A task that performs a review level for a campaign (`review = "final"`)
//! must be due no later than the date that level has to receive the
//! content it reviews: the publishing tasks (`publish = true`) that wait
//! for it (`after`), or, if none does, every publishing task of the
//! campaign.

use chrono::NaiveDate;

use crate::calendar::add_days;
use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Lead, ReviewLevel};
use crate::rules::Context;
use crate::schedule::review::chain;
use crate::source::Spanned;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (plan, schedule) = (cx.plan, cx.schedule);
    if plan.review.is_empty() {
        return;
    }
    // Chains that do not fit, per level: how many items, and the first.
    // (item, receive, answer, deadline) of the first.
    type First = (usize, NaiveDate, NaiveDate, NaiveDate);
    let mut failing: Vec<(usize, Option<First>)> = vec![(0, None); plan.review.len()];
    let mut chains = crate::schedule::review::Chains::default();
    for (i, it) in schedule.publishing() {
        for s in chains.get(plan, it.start) {
            if s.fits() {
                continue;
            }
            let f = &mut failing[s.level];
            f.0 += 1;
            f.1.get_or_insert((i, s.receive, s.answer_by, s.deadline));
        }
    }
    for (k, (count, first)) in failing.into_iter().enumerate() {
        let Some((i, receive, answer, deadline)) = first else {
            continue;
        };
        let level = &plan.review[k];
        let it = &schedule.items[i];
        let span = level
            .response
            .or(level.lead)
            .map_or(level.id.span, |l| l.span);
        let next = plan
            .review
            .get(k + 1)
            .map_or("publishing".to_string(), level_text);
        let first = if count == 1 {
            format!("`{}` publishes {}", it.title, it.start)
        } else {
            format!(
                "`{}` publishes {}, the first of {count}",
                it.title, it.start
            )
        };
        let mut d = Diagnostic::new(
            &codes::P001,
            span,
            format!(
                "review level {} cannot answer before {next} for {count} published item{}",
                level_text(level),
                if count == 1 { "" } else { "s" }
            ),
        )
        .label(format!(
            "receives {receive}, answers {answer}, needed by {deadline}"
        ))
        .secondary(it.span, first);
        if let Some(lead) = level.lead {
            d = d.secondary(lead.span, "lead time");
        }
        // A lead in calendar days that lands on a day off moves back to the
        // workday before, which may be long before across a holiday.
        let help = match level.lead.map(|l| l.value) {
            Some(Lead::Days(n)) if let Some(raw) = add_days(it.start, -n).filter(|d| !plan.calendar.is_workday(*d)) => {
                if let Some(lead) = level.lead {
                    d = d.fix(lead.span, format!("\"{n}wd\""));
                }
                let why = match plan.calendar.day_name(raw) {
                    Some(name) => format!("a holiday ({name})"),
                    None => format!("a {}", raw.format("%A")),
                };
                format!(
                    "{n}d before {} is {raw}, {why}, so {} receives it on the workday before, {receive}; count the lead in workdays (`{n}wd`), or skip or move that day",
                    it.start, level.name
                )
            }
            _ => "give this level a longer lead time, a shorter response time, or let the next level receive the item later".to_string(),
        };
        out.push(d.help(help));
    }
    // Tasks that perform a review level must come early enough for the
    // publishing tasks they review: those that wait for them (`after`), or
    // else every publishing task of the campaign. One report per task, about
    // the publishing task that needs it first.
    for c in &plan.campaigns {
        for (ti, t) in c.tasks.iter().enumerate() {
            let (Some(level), Some(due)) = (t.review, t.due) else {
                continue;
            };
            let publishing = |p: &(usize, &crate::model::Task)| p.0 != ti && p.1.publish;
            let mut reviewed: Vec<&crate::model::Task> = c
                .tasks
                .iter()
                .enumerate()
                .filter(|p| publishing(p) && p.1.after.contains(&ti))
                .map(|p| p.1)
                .collect();
            if reviewed.is_empty() {
                reviewed = c
                    .tasks
                    .iter()
                    .enumerate()
                    .filter(publishing)
                    .map(|p| p.1)
                    .collect();
            }
            let late: Vec<(&crate::model::Task, Spanned<NaiveDate>, NaiveDate)> = reviewed
                .iter()
                .filter_map(|p| {
                    let pd = p.due?;
                    let step = chain(plan, pd.value)
                        .into_iter()
                        .find(|s| s.level == level.value)?;
                    (due.value > step.receive).then_some((*p, pd, step.receive))
                })
                .collect();
            let Some(&(p, pd, receive)) = late.iter().min_by_key(|l| l.2) else {
                continue;
            };
            let lv = &plan.review[level.value];
            let more = match late.len() {
                1 => String::new(),
                2 => " (and 1 more publishing task)".to_string(),
                n => format!(" (and {} more publishing tasks)", n - 1),
            };
            let mut d = Diagnostic::new(
                &codes::P001,
                due.span,
                format!(
                    "`{}` ({}) is due {}, but `{}` publishes on {} and {} must receive it by {receive}{more}",
                    t.id.name, lv.name, due.value, p.id.name, pd.value, lv.name
                ),
            )
            .label("too late")
            .secondary(pd.span, "published here");
            if let Some(lead) = lv.lead {
                d = d.secondary(lead.span, "lead time");
            }
            d = d.help(format!("move `{}` to {receive} or earlier", t.id.name));
            // A `due` the plan writes (not one counted from `after`) can
            // be given the date.
            if t.due_written {
                d = d.fix(due.span, format!("\"{receive}\""));
            }
            out.push(d);
        }
    }
}

/// `final` (终审): a level's id, and its name when it has another.
fn level_text(l: &ReviewLevel) -> String {
    if l.name == l.id.name {
        format!("`{}`", l.id.name)
    } else {
        format!("`{}` ({})", l.id.name, l.name)
    }
}
