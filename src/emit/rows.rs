//! The task list as rows: every piece of work in the schedule — tasks,
//! review steps, column episodes — one row each, in date order. The CSV,
//! JSON and Markdown task lists are all made from these rows, so they agree
//! with each other.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::locale::Words;
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

/// Whether a column holds text written in the plan (names and ids) rather
/// than a value almanac writes itself (a date, a time, a label, hours): the
/// CSV guards the plan's text against spreadsheets (`emit::csv`).
pub fn from_plan(column: &str) -> bool {
    matches!(
        column,
        "id" | "title" | "owner" | "owner_id" | "channels" | "campaign" | "column" | "review_level"
    )
}

/// One row; its text is borrowed from the plan and the schedule.
#[derive(Clone, Debug, Serialize)]
pub struct Row<'a> {
    pub id: &'a str,
    pub date: NaiveDate,
    pub time: Option<String>,
    pub weekday: &'static str,
    /// `task`, `review` or `episode`.
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub title: &'a str,
    pub owner: Option<&'a str>,
    pub owner_id: Option<&'a str>,
    pub channels: Vec<&'a str>,
    pub channel_ids: Vec<&'a str>,
    pub campaign: Option<&'a str>,
    pub campaign_id: Option<&'a str>,
    pub column: Option<&'a str>,
    pub column_id: Option<&'a str>,
    pub review_level: Option<&'a str>,
    /// Hours of work, as a decimal (`1.5`).
    pub hours: String,
    pub raci: Option<&'static str>,
    pub publishes: bool,
}

impl Row<'_> {
    /// The values in `COLUMNS` order, as text (borrowed where the row
    /// already holds it).
    pub fn cells<'r>(&'r self, labels: &Words) -> [Cow<'r, str>; 15] {
        let opt = |v: &Option<&'r str>| Cow::Borrowed(v.unwrap_or_default());
        [
            Cow::Borrowed(self.id),
            Cow::Owned(self.date.to_string()),
            Cow::Borrowed(self.time.as_deref().unwrap_or_default()),
            Cow::Borrowed(self.weekday),
            Cow::Borrowed(self.kind_label),
            Cow::Borrowed(self.title),
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

pub fn rows<'a>(plan: &'a Plan, schedule: &'a Schedule, labels: &Words) -> Vec<Row<'a>> {
    let mut out = Vec::with_capacity(schedule.items.len());
    for it in &schedule.items {
        let kind = match it.kind {
            Kind::Task => "task",
            Kind::Review => "review",
            Kind::Episode => "episode",
            Kind::Ritual => "ritual",
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
            id: &it.id,
            date: it.start,
            time: it.time.map(|t| format!("{:02}:{:02}", t.hour, t.minute)),
            weekday: labels.weekdays[it.start.weekday().num_days_from_monday() as usize],
            kind,
            kind_label: kind_label(labels, it.kind),
            title: &it.title,
            owner: person.map(|p| p.name.as_str()),
            owner_id: person.map(|p| p.id.name.as_str()),
            channels: it
                .channels
                .iter()
                .map(|&c| plan.channels[c].name.as_str())
                .collect(),
            channel_ids: it
                .channels
                .iter()
                .map(|&c| plan.channels[c].id.name.as_str())
                .collect(),
            campaign: campaign.map(|c| c.name.as_str()),
            campaign_id: campaign.map(|c| c.id.name.as_str()),
            column: column.map(|c| c.name.as_str()),
            column_id: column.map(|c| c.id.name.as_str()),
            review_level: it.level.map(|l| plan.review[l].name.as_str()),
            hours: it.hours.to_decimal_string(2),
            raci,
            publishes: it.publishes,
        });
    }
    out
}

/// The word for an item's kind in the task list's language.
fn kind_label(labels: &Words, k: Kind) -> &'static str {
    match k {
        Kind::Campaign => labels.campaign,
        Kind::Moment => labels.moment,
        Kind::Blackout => labels.blackout,
        Kind::Task => labels.task,
        Kind::Review => labels.review,
        Kind::Episode => labels.episode,
        Kind::Ritual => labels.ritual,
    }
}
