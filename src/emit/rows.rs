//! The task list as rows: every piece of work in the schedule — tasks,
//! review steps, column episodes — one row each, in date order. The CSV,
//! JSON and Markdown task lists are all made from these rows, so they agree
//! with each other.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::emit::labels::Labels;
use crate::model::Plan;
use crate::schedule::{Kind, Schedule};

/// Machine names of the row fields, in CSV column order (documented in
/// `docs/outputs.md`).
pub const COLUMNS: [&str; 15] = [
    "id",
    "date",
    "time",
    "weekday",
    "kind",
    "title",
    "owner",
    "owner_id",
    "channels",
    "campaign",
    "column",
    "review_level",
    "hours",
    "raci",
    "publishes",
];

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub date: NaiveDate,
    pub time: Option<String>,
    pub weekday: &'static str,
    /// `task`, `review` or `episode`.
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub title: String,
    pub owner: Option<String>,
    pub owner_id: Option<String>,
    pub channels: Vec<String>,
    pub channel_ids: Vec<String>,
    pub campaign: Option<String>,
    pub campaign_id: Option<String>,
    pub column: Option<String>,
    pub column_id: Option<String>,
    pub review_level: Option<String>,
    /// Hours of work, as a decimal (`1.5`).
    pub hours: String,
    pub raci: Option<&'static str>,
    pub publishes: bool,
}

impl Row {
    /// The values in `COLUMNS` order, as text (borrowed where the row
    /// already holds it).
    pub fn cells<'r>(&'r self, labels: &Labels) -> [Cow<'r, str>; 15] {
        let opt = |v: &'r Option<String>| Cow::Borrowed(v.as_deref().unwrap_or_default());
        [
            Cow::Borrowed(self.id.as_str()),
            Cow::Owned(self.date.to_string()),
            opt(&self.time),
            Cow::Borrowed(self.weekday),
            Cow::Borrowed(self.kind_label),
            Cow::Borrowed(self.title.as_str()),
            opt(&self.owner),
            opt(&self.owner_id),
            Cow::Owned(self.channels.join(", ")),
            opt(&self.campaign),
            opt(&self.column),
            opt(&self.review_level),
            Cow::Borrowed(self.hours.as_str()),
            Cow::Borrowed(self.raci.unwrap_or_default()),
            Cow::Borrowed(if self.publishes { labels.yes } else { "" }),
        ]
    }
}

pub fn rows(plan: &Plan, schedule: &Schedule, labels: &Labels) -> Vec<Row> {
    let mut out = Vec::with_capacity(schedule.items.len());
    for it in &schedule.items {
        let kind = match it.kind {
            Kind::Task => "task",
            Kind::Review => "review",
            Kind::Episode => "episode",
            _ => continue,
        };
        let person = it.owner.map(|o| &plan.people[o]);
        let campaign = it.campaign.map(|c| &plan.campaigns[c]);
        let column = it.column.map(|c| &plan.columns[c]);
        let raci = it.task.map(|(c, t)| match plan.campaigns[c].tasks[t].role {
            crate::model::Raci::Responsible => "R",
            crate::model::Raci::Accountable => "A",
            crate::model::Raci::Consulted => "C",
            crate::model::Raci::Informed => "I",
        });
        let raci = if it.kind == Kind::Task { raci } else { None };
        out.push(Row {
            id: it.id.clone(),
            date: it.start,
            time: it.time.map(|t| format!("{:02}:{:02}", t.hour, t.minute)),
            weekday: labels.weekdays[it.start.weekday().num_days_from_monday() as usize],
            kind,
            kind_label: labels.kind(it.kind),
            title: it.title.clone(),
            owner: person.map(|p| p.name.clone()),
            owner_id: person.map(|p| p.id.name.clone()),
            channels: it
                .channels
                .iter()
                .map(|&c| plan.channels[c].name.clone())
                .collect(),
            channel_ids: it
                .channels
                .iter()
                .map(|&c| plan.channels[c].id.name.clone())
                .collect(),
            campaign: campaign.map(|c| c.name.clone()),
            campaign_id: campaign.map(|c| c.id.name.clone()),
            column: column.map(|c| c.name.clone()),
            column_id: column.map(|c| c.id.name.clone()),
            review_level: it.level.map(|l| plan.review[l].name.clone()),
            hours: it.hours.to_decimal_string(2),
            raci,
            publishes: it.publishes,
        });
    }
    out
}
