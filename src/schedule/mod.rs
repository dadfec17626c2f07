//! The schedule: every dated item of a plan — campaigns, moments, column
//! episodes, tasks and the review steps derived for everything that
//! publishes — on the plan's workday calendar, each with a stable id and
//! the span of the text it comes from. It is built from a resolved `Plan`
//! and is what the schedule rules check and what later outputs (calendar,
//! task lists, decks) are made from.

pub mod recur;
pub mod review;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{CampaignId, ChannelId, DateRange, PersonId, Plan, with_ids};
use crate::ratio::Ratio;
use crate::source::{Span, Spanned};
use crate::syntax::ast::TimeOfDay;
use crate::tr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Campaign,
    Moment,
    Blackout,
    Task,
    Review,
    Episode,
    /// An occurrence of a ritual (`[rituals]`): work, never content.
    Ritual,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Campaign => "campaign",
            Kind::Moment => "moment",
            Kind::Blackout => "blackout",
            Kind::Task => "task",
            Kind::Review => "review",
            Kind::Episode => "episode",
            Kind::Ritual => "ritual",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Item {
    /// Stable across builds: `episode:store_vlog:2026-02-04`, `task:nianwei_lab.brief`.
    pub id: String,
    pub kind: Kind,
    pub title: String,
    pub start: NaiveDate,
    /// Inclusive; equal to `start` for one-day items.
    pub end: NaiveDate,
    pub time: Option<TimeOfDay>,
    pub channels: Vec<ChannelId>,
    pub owner: Option<PersonId>,
    /// Who else spends `hours` on it (a ritual's attendees).
    pub attendees: Vec<PersonId>,
    pub campaign: Option<CampaignId>,
    pub column: Option<usize>,
    /// (campaign, task) for tasks.
    pub task: Option<(CampaignId, usize)>,
    /// For a review step: its level, and the item it reviews.
    pub level: Option<usize>,
    pub reviews: Option<usize>,
    /// Content goes out on `channels` on `start`.
    pub publishes: bool,
    /// Hours of work for `owner`.
    pub hours: Ratio,
    /// The text the item comes from.
    pub span: Span,
}

impl Item {
    /// The first day of work on it: a task with a `duration` is worked on
    /// for that long up to its due date (on the plan's workdays); anything
    /// else starts on `start`.
    pub fn work_start(&self, plan: &Plan) -> NaiveDate {
        self.task
            .and_then(|(c, k)| plan.campaigns[c].tasks[k].duration)
            .and_then(|d| plan.calendar.lead_back(self.start, d))
            .map_or(self.start, |s| s.min(self.start))
    }

    /// An item over `when`, with no owner, channel or work yet.
    pub fn new(id: String, kind: Kind, title: &str, when: Spanned<DateRange>) -> Item {
        Item {
            id,
            kind,
            title: title.to_string(),
            start: when.value.start,
            end: when.value.end,
            time: None,
            channels: Vec::new(),
            owner: None,
            attendees: Vec::new(),
            campaign: None,
            column: None,
            task: None,
            level: None,
            reviews: None,
            publishes: false,
            hours: Ratio::ZERO,
            span: when.span,
        }
    }
}

#[derive(Debug, Default)]
pub struct Schedule {
    pub items: Vec<Item>,
}

impl Schedule {
    pub fn of_kind(&self, k: Kind) -> impl Iterator<Item = (usize, &Item)> {
        self.items
            .iter()
            .enumerate()
            .filter(move |(_, i)| i.kind == k)
    }

    pub fn publishing(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.items.iter().enumerate().filter(|(_, i)| i.publishes)
    }
}

/// Builds the schedule. Expansion problems (a column that never occurs, one
/// with absurdly many occurrences) are pushed as diagnostics.
pub fn build(plan: &Plan, diags: &mut Vec<Diagnostic>) -> Schedule {
    // Reserved up front: at 10,000 tasks, growing by doubling copied
    // megabytes and touched twice the memory (see docs/performance.md).
    let dated: usize = plan.campaigns.iter().map(|c| 1 + c.tasks.len()).sum();
    let mut items = Vec::with_capacity(dated + plan.moments.len() + plan.blackouts.len());
    for (ci, c) in with_ids::<CampaignId, _>(&plan.campaigns) {
        let mut it = Item::new(
            format!("campaign:{}", c.id.name),
            Kind::Campaign,
            &c.name,
            c.window,
        );
        it.channels = c.channels.clone();
        it.owner = c.owner;
        it.campaign = Some(ci);
        items.push(it);
        for (ti, t) in c.tasks.iter().enumerate() {
            let Some(due) = t.due else {
                continue;
            };
            let day = Spanned {
                value: DateRange {
                    start: due.value,
                    end: due.value,
                },
                span: due.span,
            };
            let mut it = Item::new(
                format!("task:{}.{}", c.id.name, t.id.name),
                Kind::Task,
                &t.name,
                day,
            );
            if t.publish {
                it.channels = if t.channels.is_empty() {
                    c.channels.clone()
                } else {
                    t.channels.clone()
                };
            }
            it.owner = t.owner;
            it.campaign = Some(ci);
            it.task = Some((ci, ti));
            it.publishes = t.publish;
            it.hours = t.effort_hours.unwrap_or(plan.effort.task);
            items.push(it);
        }
    }
    let moments = plan
        .moments
        .iter()
        .map(|m| ("moment", Kind::Moment, &m.id, &m.name, m.when, &m.channels));
    let blackouts = plan.blackouts.iter().map(|b| {
        (
            "blackout",
            Kind::Blackout,
            &b.id,
            &b.reason,
            b.when,
            &b.channels,
        )
    });
    for (prefix, kind, id, title, when, channels) in moments.chain(blackouts) {
        let mut it = Item::new(format!("{prefix}:{}", id.name), kind, title, when);
        it.channels.clone_from(channels);
        items.push(it);
    }
    for (ki, col) in plan.columns.iter().enumerate() {
        for d in episodes(plan, ki, diags) {
            let day = Spanned {
                value: DateRange { start: d, end: d },
                span: col.recurrence_span,
            };
            let (prefix, kind) = if col.ritual {
                ("ritual", Kind::Ritual)
            } else {
                ("episode", Kind::Episode)
            };
            let mut it = Item::new(
                format!("{prefix}:{}:{d}", col.id.name),
                kind,
                &col.name,
                day,
            );
            it.time = col.time;
            it.channels = col.channel.into_iter().collect();
            it.owner = col.owner;
            it.attendees.clone_from(&col.attendees);
            it.column = Some(ki);
            // A ritual publishes nothing, so nothing of it is reviewed.
            it.publishes = !col.ritual;
            it.hours = col.effort_hours.unwrap_or(if col.ritual {
                Ratio::ONE
            } else {
                plan.effort.episode
            });
            items.push(it);
        }
    }
    let reviews = review::steps(plan, &items);
    items.extend(reviews);
    items.sort_by(|a, b| (a.start, a.kind, &a.id).cmp(&(b.start, b.kind, &b.id)));
    // Review steps point at the items they review by index: re-link after
    // sorting (through borrowed ids, and only when there are review steps).
    if items.iter().any(|it| it.kind == Kind::Review) {
        let index: std::collections::HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.id.as_str(), i))
            .collect();
        let links: Vec<(usize, Option<usize>)> = items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.kind == Kind::Review)
            .filter_map(|(i, it)| {
                let (_, target) = it.id.split_once('@')?;
                Some((i, index.get(target).copied()))
            })
            .collect();
        for (i, target) in links {
            items[i].reviews = target;
        }
    }
    Schedule { items }
}

/// The days a plan's items may fall on: its period, extended to the end of
/// the last campaign that overhangs into the next year. A column whose
/// `during` runs into that overhang publishes there too; how far a campaign
/// may overhang is D001's to say (`overhang`).
pub fn reach(plan: &Plan) -> DateRange {
    let p = plan.period.value;
    let end = plan
        .campaigns
        .iter()
        .map(|c| c.window.value.end)
        .fold(p.end, NaiveDate::max);
    DateRange {
        start: p.start,
        end,
    }
}

/// The days a column publishes on: its recurrence within its `during`
/// range and the plan's reach (its period and any campaign's overhang),
/// less skipped and paused days and holidays when it skips them, with
/// moved occurrences moved.
pub fn episodes(plan: &Plan, ki: usize, diags: &mut Vec<Diagnostic>) -> Vec<NaiveDate> {
    let col = &plan.columns[ki];
    let p = reach(plan);
    let range = DateRange {
        start: col.during.value.start.max(p.start),
        end: col.during.value.end.min(p.end),
    };
    if range.start > range.end {
        return Vec::new();
    }
    let mut days = match recur::expand(&col.recurrence.frequency, range, &plan.calendar) {
        Ok(d) => d,
        Err(n) => {
            let (id, start, end) = (&col.id.name, range.start, range.end);
            diags.push(
                Diagnostic::new(
                    &codes::P007,
                    col.recurrence_span,
                    tr!(
                        "栏目 `{id}` 的发布次数会超过 {n} 次",
                        "column `{id}` would publish more than {n} times"
                    ),
                )
                .label(tr!("次数过多", "too many occurrences"))
                .help(tr!(
                    "almanac 每个栏目最多展开 {n} 次；对这条重复规则来说，{start}..{end} 太长了：缩短 `during` 或计划周期",
                    "almanac expands at most {n} occurrences per column; {start}..{end} is too long for this rule: shorten `during` or the plan's period"
                )),
            );
            return Vec::new();
        }
    };
    let not_an_occurrence = |diags: &mut Vec<Diagnostic>, span: Span, day: NaiveDate, key: &str| {
        let id = &col.id.name;
        let why = if col.skips_holidays && plan.calendar.is_holiday(day) {
            tr!(
                "{day} 是节假日，栏目本来就会跳过",
                "{day} is a holiday the column already skips"
            )
        } else {
            tr!(
                "栏目 `{id}` 在 {day} 不发布",
                "column `{id}` does not publish on {day}"
            )
        };
        diags.push(
            Diagnostic::new(&codes::S006, span, why)
                .label(tr!("不是发布日", "not an occurrence"))
                .help(tr!(
                    "`{key}` 只能写栏目本来会发布的日子；`almanac when` 会列出这些日期",
                    "`{key}` names days the column would publish on; `almanac when` lists them"
                )),
        );
    };
    for s in &col.skip {
        if !days.contains(&s.value) {
            not_an_occurrence(diags, s.span, s.value, "skip");
        }
    }
    let left_out = |d: &NaiveDate| {
        (col.skips_holidays && plan.calendar.is_holiday(*d))
            || col.skip.iter().any(|s| s.value == *d)
            || col.pause.iter().any(|r| r.value.contains(*d))
    };
    days.retain(|d| !left_out(d));
    for (from, to) in &col.moves {
        let Some(i) = days.iter().position(|d| *d == from.value) else {
            not_an_occurrence(diags, from.span, from.value, "moves");
            continue;
        };
        let (id, day) = (&col.id.name, to.value);
        if !p.contains(day) {
            diags.push(
                Diagnostic::new(
                    &codes::D001,
                    to.span,
                    tr!(
                        "栏目 `{id}` 被改期到 {day}，超出了计划周期",
                        "column `{id}` is moved to {day}, outside the plan's period"
                    ),
                )
                .label(tr!("超出计划周期", "outside the period"))
                .help(tr!(
                    "改到计划周期内的某一天，或用 `skip` 跳过这一期",
                    "move it to a day in the plan's period, or `skip` it"
                )),
            );
            continue;
        }
        if day != from.value && days.contains(&day) {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    to.span,
                    tr!(
                        "栏目 `{id}` 在 {day} 已经有一期",
                        "column `{id}` already publishes on {day}"
                    ),
                )
                .label(tr!("同一天排了两期", "two episodes on one day"))
                .help(tr!(
                    "改到当天没有其他期的日子，或用 `skip` 跳过这一期",
                    "move it to a day without an episode, or `skip` it"
                )),
            );
            continue;
        }
        days.remove(i);
        days.push(to.value);
    }
    days.sort();
    days.dedup();
    days
}
