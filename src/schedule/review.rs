//! The review chain of one published item, derived from the plan's levels
//! (first review → … → final). A level with a lead time must *receive* the
//! item that long before publishing (`3d` calendar days, `3wd` workdays); a
//! level without one receives it just in time for its response to reach the
//! next level. Each level's response time (`24h` = one workday) must fit
//! before the next level's date, or before publishing for the last level.
//! A reviewer receives work on a workday: a date that falls on a weekend or
//! holiday moves back to the workday before.

use chrono::NaiveDate;

use crate::model::{Lead, Plan};
use crate::schedule::{Item, Kind};

/// One level's place in an item's chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub level: usize,
    /// When the level receives the item.
    pub receive: NaiveDate,
    /// When its answer is due.
    pub answer_by: NaiveDate,
    /// The date the answer must reach: the next level's receive date, or publishing.
    pub deadline: NaiveDate,
}

impl Step {
    pub fn fits(&self) -> bool {
        self.answer_by <= self.deadline
    }
}

/// The chain for an item published on `publish`, first level first. None
/// when a level's timing could not be read: the dates would be wrong, and
/// what is wrong with the level is reported where it is written.
pub fn chain(plan: &Plan, publish: NaiveDate) -> Vec<Step> {
    if plan.review.iter().any(|l| l.unknown) {
        return Vec::new();
    }
    let n = plan.review.len();
    let mut steps: Vec<Option<Step>> = vec![None; n];
    let mut deadline = publish;
    for k in (0..n).rev() {
        let level = &plan.review[k];
        let response = level.response.map_or(Lead::Days(0), |r| r.value);
        let receive = match level.lead {
            Some(lead) => plan.calendar.lead_back(publish, lead.value),
            None => plan.calendar.lead_back(deadline, response),
        };
        let Some(receive) = receive else {
            break;
        };
        let answer_by = plan
            .calendar
            .lead_forward(receive, response)
            .unwrap_or(receive);
        steps[k] = Some(Step {
            level: k,
            receive,
            answer_by,
            deadline,
        });
        deadline = receive;
    }
    steps.into_iter().flatten().collect()
}

/// Chains by publishing date: many items share a date, and a chain depends
/// on nothing else.
#[derive(Default)]
pub struct Chains(std::collections::BTreeMap<NaiveDate, Vec<Step>>);

impl Chains {
    pub fn get(&mut self, plan: &Plan, publish: NaiveDate) -> &[Step] {
        self.0
            .entry(publish)
            .or_insert_with(|| chain(plan, publish))
    }
}

/// Review steps for every publishing item, as schedule items owned by each
/// level's owner. The reviewed item is named after `@` in the id.
pub fn steps(plan: &Plan, items: &[Item]) -> Vec<Item> {
    let mut out = Vec::new();
    if plan.review.is_empty() {
        return out;
    }
    let mut chains = Chains::default();
    for it in items.iter().filter(|i| i.publishes) {
        for &s in chains.get(plan, it.start) {
            // A campaign that plans this level's review as a task of its own
            // gets no derived step for it (its task counts instead).
            let planned = it.campaign.is_some_and(|c| {
                plan.campaigns[c]
                    .tasks
                    .iter()
                    .any(|t| t.review.is_some_and(|r| r.value == s.level))
            });
            if planned && it.kind == Kind::Task {
                continue;
            }
            let level = &plan.review[s.level];
            let day = crate::source::Spanned {
                value: crate::model::DateRange {
                    start: s.receive,
                    end: s.receive,
                },
                span: it.span,
            };
            let title = format!("{} · {}", level.name, it.title);
            let mut step = Item::new(
                format!("review:{}@{}", level.id.name, it.id),
                Kind::Review,
                &title,
                day,
            );
            step.channels = it.channels.clone();
            step.owner = level.owner;
            step.campaign = it.campaign;
            step.column = it.column;
            step.task = it.task;
            step.level = Some(s.level);
            step.hours = plan.effort.review;
            out.push(step);
        }
    }
    out
}
