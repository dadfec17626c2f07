//! What the diff compares, section by section. Items that have an id
//! (campaigns, columns, moments, blackouts, review levels, KPIs,
//! highlights, audiences, guidelines, assertions, people, channels) go
//! through one comparer, [`items`], over a per-section list of fields: each
//! field is a name and how to read it as a [`Val`]. The plan's own settings,
//! the calendar (days off and make-up workdays), the budget tree (lines by
//! path, with their shares), the KOL policy and the rule settings (by rule
//! code) have their own shapes and their own functions. Last, a backstop:
//! when no section changed but the schedules differ, the items that moved.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{
    Change, ChangeKind, Section, Side, Val, quantity_text, recurrence_text, recurrence_with_time,
};
use crate::diagnostics::codes::ALL as RULES;
use crate::model::{
    Audience, Blackout, Campaign, Channel, ChannelId, Column, Direction, Guideline, Highlight, Kpi,
    KpiValue, Locale, Moment, Person, PersonId, Plan, ReviewLevel, UserAssertion,
};
use crate::ratio::Ratio;
use crate::rules::config::RuleConfig;
use crate::schedule::{Kind, Schedule};

/// Reads one field of an item as the diff shows it; the plan gives ids
/// their names (a campaign's `owner` index to the person's id).
type Read<T> = fn(&Plan, &T) -> Option<Val>;

/// How one section's items are compared.
struct Items<T: 'static> {
    section: Section,
    id: fn(&T) -> &str,
    /// The item's name for people.
    name: fn(&T) -> &str,
    /// What an added or removed item shows.
    shown: Read<T>,
    /// The fields compared, in the order they are reported.
    fields: &'static [(&'static str, Read<T>)],
}

/// Compares a section's items by id, in id order. `more` adds what a field
/// list cannot say (a campaign's draws and tasks, a column's episodes),
/// given both items with their places in their plans.
fn items<T>(
    spec: &Items<T>,
    (old, olds): (&Plan, &[T]),
    (new, news): (&Plan, &[T]),
    changes: &mut Vec<Change>,
    mut more: impl FnMut(&mut Out<'_>, &str, Option<&str>, (usize, &T), (usize, &T)),
) {
    let mut o = Out {
        section: spec.section,
        changes,
    };
    let (oi, ni): (Vec<_>, Vec<_>) = (
        olds.iter().enumerate().collect(),
        news.iter().enumerate().collect(),
    );
    for (id, a, b) in pair(&oi, &ni, |x| (spec.id)(x.1)) {
        let name = b.or(a).map(|x| (spec.name)(x.1));
        match (a, b) {
            (Some(&(_, a)), None) => o.removed(&id, name, (spec.shown)(old, a)),
            (None, Some(&(_, b))) => o.added(&id, name, (spec.shown)(new, b)),
            (Some(&a), Some(&b)) => {
                for (field, read) in spec.fields {
                    o.field(&id, name, field, read(old, a.1), read(new, b.1));
                }
                more(&mut o, &id, name, a, b);
            }
            (None, None) => {}
        }
    }
}

/// Nothing beyond the field list.
fn no_more<T>(_: &mut Out<'_>, _: &str, _: Option<&str>, _: (usize, &T), _: (usize, &T)) {}

/// Every section, in the order the diff reports them.
pub(super) fn compare(old: Side<'_>, new: Side<'_>, changes: &mut Vec<Change>) {
    let (op, np) = (old.plan, new.plan);
    let before = changes.len();
    plan_settings(op, np, changes);
    holidays(op, np, changes);
    budget(op, np, changes);
    kol(op, np, changes);
    items(
        &CAMPAIGNS,
        (op, &op.campaigns),
        (np, &np.campaigns),
        changes,
        |o, id, name, a, b| {
            campaign_draws_and_tasks(o, id, name, (op, a.1), (np, b.1));
        },
    );
    // Rituals follow the columns in `columns` (see `model::Column`).
    let (ok, nk) = (first_ritual(op), first_ritual(np));
    for (spec, (olds, o0), (news, n0)) in [
        (&COLUMNS, (&op.columns[..ok], 0), (&np.columns[..nk], 0)),
        (&RITUALS, (&op.columns[ok..], ok), (&np.columns[nk..], nk)),
    ] {
        items(
            spec,
            (op, olds),
            (np, news),
            changes,
            |o, id, name, a, b| {
                column_episodes(
                    o,
                    id,
                    name,
                    episode_days(old.schedule, o0 + a.0),
                    episode_days(new.schedule, n0 + b.0),
                );
            },
        );
    }
    items(
        &MOMENTS,
        (op, &op.moments),
        (np, &np.moments),
        changes,
        no_more,
    );
    items(
        &BLACKOUTS,
        (op, &op.blackouts),
        (np, &np.blackouts),
        changes,
        no_more,
    );
    items(
        &REVIEW,
        (op, &op.review),
        (np, &np.review),
        changes,
        |o, id, name, a, b| {
            // The chain runs in the order the levels are written.
            let at = |i: usize| Some(Val::Int(i as i64 + 1));
            o.field(id, name, "order", at(a.0), at(b.0));
        },
    );
    items(&KPIS, (op, &op.kpis), (np, &np.kpis), changes, no_more);
    items(
        &HIGHLIGHTS,
        (op, &op.highlights),
        (np, &np.highlights),
        changes,
        no_more,
    );
    items(
        &AUDIENCES,
        (op, &op.audiences),
        (np, &np.audiences),
        changes,
        no_more,
    );
    items(
        &GUIDELINES,
        (op, &op.guidelines),
        (np, &np.guidelines),
        changes,
        no_more,
    );
    items(
        &ASSERTIONS,
        (op, &op.assertions),
        (np, &np.assertions),
        changes,
        |o, id, name, a, b| {
            // Compared as parsed (spacing and spelling aside), shown as text.
            if without_locations(&a.1.expr) != without_locations(&b.1.expr) {
                let shown = |x: &UserAssertion| Some(Val::Text(assertion_text(&x.expr)));
                o.push(
                    id,
                    ChangeKind::Changed,
                    Some("check".to_string()),
                    shown(a.1),
                    shown(b.1),
                    name,
                );
            }
        },
    );
    rules(op, np, changes);
    items(
        &PEOPLE,
        (op, &op.people),
        (np, &np.people),
        changes,
        no_more,
    );
    items(
        &CHANNELS,
        (op, &op.channels),
        (np, &np.channels),
        changes,
        no_more,
    );
    // The backstop: when nothing above changed, the schedule must not have
    // either; if it did, say which items moved.
    if changes.len() == before {
        schedule(old.schedule, new.schedule, changes);
    }
}

/// Reads one of the plan's own settings.
type Setting = fn(&Plan) -> Option<Val>;

/// The keys of `[plan]` and the plan-wide settings, as one item `plan`.
const PLAN: &[(&str, Setting)] = &[
    ("id", |p| text(&p.id)),
    ("name", |p| text(&p.name)),
    ("period", |p| Some(Val::Range(p.period.value))),
    ("currency", |p| text(&p.currency)),
    ("locale", |p| {
        text(match p.locale {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        })
    }),
    ("calendar", |p| text(&p.calendar_name)),
    ("timezone", |p| text(&p.timezone)),
    ("theme", |p| opt_text(&p.theme)),
    ("key_messages", |p| Some(Val::List(p.key_messages.clone()))),
    ("reserve", |p| {
        p.reserve
            .as_ref()
            .map(|r| Val::Text(percent(r.percent.value)))
    }),
    ("reserve.purpose", |p| {
        p.reserve.as_ref().and_then(|r| opt_text(&r.purpose))
    }),
    ("threads", |p| Some(Val::List(p.threads.clone()))),
    ("description", |p| opt_text(&p.description)),
    ("previous", |p| {
        p.previous.as_ref().and_then(|s| text(&s.value))
    }),
    ("effort.task", |p| hours(p.effort.task)),
    ("effort.episode", |p| hours(p.effort.episode)),
    ("effort.review", |p| hours(p.effort.review)),
];

fn plan_settings(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Plan,
        changes,
    };
    for (field, read) in PLAN {
        o.field("plan", None, field, read(old), read(new));
    }
}

static CAMPAIGNS: Items<Campaign> = Items {
    section: Section::Campaigns,
    id: |c| &c.id.name,
    name: |c| &c.name,
    shown: |_, c| Some(Val::Range(c.window.value)),
    fields: &[
        ("name", |_, c| text(&c.name)),
        ("window", |_, c| Some(Val::Range(c.window.value))),
        ("flagship", |_, c| Some(Val::Bool(c.flagship))),
        ("channels", |p, c| channel_set(p, &c.channels)),
        ("owner", |p, c| person(p, c.owner)),
        ("messages", |_, c| Some(Val::List(c.messages.clone()))),
        ("description", |_, c| opt_text(&c.description)),
        ("kpis", |_, c| {
            let mut v: Vec<String> = c
                .kpis
                .iter()
                .map(|(k, q)| format!("{} {}", k.name, quantity_text(q)))
                .collect();
            v.sort();
            Some(Val::List(v))
        }),
    ],
};

/// A campaign's draws on budget lines (`budget.ads.douyin`) and its tasks
/// (`tasks.brief.due`), compared by line path and task id.
fn campaign_draws_and_tasks(
    o: &mut Out<'_>,
    id: &str,
    name: Option<&str>,
    (old, a): (&Plan, &Campaign),
    (new, b): (&Plan, &Campaign),
) {
    let draws = |p: &Plan, c: &Campaign| {
        let mut m: BTreeMap<String, Ratio> = BTreeMap::new();
        // An unknown draw (a side with errors) is left out.
        for d in &c.budget {
            let path = p.budget.lines[d.line].path.clone();
            let e = m.entry(path).or_insert(Ratio::ZERO);
            *e = d.amount.and_then(|a| e.checked_add(a)).unwrap_or(*e);
        }
        m
    };
    let (da, db) = (draws(old, a), draws(new, b));
    let lines: BTreeSet<&String> = da.keys().chain(db.keys()).collect();
    for l in lines {
        o.field(
            id,
            name,
            &format!("budget.{l}"),
            da.get(l).map(|v| Val::Money(*v)),
            db.get(l).map(|v| Val::Money(*v)),
        );
    }
    for (t, x, y) in pair(&a.tasks, &b.tasks, |t| &t.id.name) {
        let due = |t: &crate::model::Task| t.due.map(|d| Val::Date(d.value));
        match (x, y) {
            (Some(x), Some(y)) => {
                o.field(
                    id,
                    name,
                    &format!("tasks.{t}.name"),
                    text(&x.name),
                    text(&y.name),
                );
                o.field(id, name, &format!("tasks.{t}.due"), due(x), due(y));
                o.field(
                    id,
                    name,
                    &format!("tasks.{t}.owner"),
                    person(old, x.owner),
                    person(new, y.owner),
                );
                for (field, read) in TASK_FIELDS {
                    o.field(
                        id,
                        name,
                        &format!("tasks.{t}.{field}"),
                        read(old, a, x),
                        read(new, b, y),
                    );
                }
            }
            (x, y) => o.field(
                id,
                name,
                &format!("tasks.{t}"),
                x.map(|x| Val::Text(x.name.clone())),
                y.map(|y| Val::Text(y.name.clone())),
            ),
        }
    }
}

/// A task's fields beyond its name, due date and owner.
type TaskRead = fn(&Plan, &Campaign, &crate::model::Task) -> Option<Val>;

const TASK_FIELDS: &[(&str, TaskRead)] = &[
    ("raci", |_, _, t| {
        text(match t.role {
            crate::model::Raci::Responsible => "R",
            crate::model::Raci::Accountable => "A",
            crate::model::Raci::Consulted => "C",
            crate::model::Raci::Informed => "I",
        })
    }),
    ("accountable", |p, _, t| person(p, t.accountable)),
    ("consulted", |p, _, t| people_set(p, &t.consulted)),
    ("informed", |p, _, t| people_set(p, &t.informed)),
    ("after", |_, c, t| {
        let mut v: Vec<String> = t
            .after
            .iter()
            .map(|&j| c.tasks[j].id.name.clone())
            .collect();
        v.sort();
        Some(Val::List(v))
    }),
    ("duration", |_, _, t| t.duration.map(lead)),
    ("effort", |_, _, t| t.effort_hours.and_then(hours)),
    ("publish", |_, _, t| Some(Val::Bool(t.publish))),
    ("channels", |p, _, t| channel_set(p, &t.channels)),
    ("review", |p, _, t| {
        t.review
            .map(|l| Val::Text(p.review[l.value].id.name.clone()))
    }),
];

static COLUMNS: Items<Column> = Items {
    section: Section::Columns,
    id: |c| &c.id.name,
    name: |c| &c.name,
    // An added or removed column: when it publishes, with its time.
    shown: |_, c| Some(Val::Text(recurrence_with_time(&c.recurrence, c.time))),
    fields: &[
        ("name", |_, c| text(&c.name)),
        ("channel", |p, c| channel(p, c.channel)),
        ("owner", |p, c| person(p, c.owner)),
        ("recurrence", |_, c| {
            Some(Val::Text(recurrence_text(&c.recurrence)))
        }),
        ("time", |_, c| {
            c.time
                .map(|t| Val::Text(format!("{:02}:{:02}", t.hour, t.minute)))
        }),
        ("during", |_, c| Some(Val::Range(c.during.value))),
        ("category", |_, c| opt_text(&c.category)),
        ("effort", |_, c| c.effort_hours.and_then(hours)),
        ("description", |_, c| opt_text(&c.description)),
    ],
};

static RITUALS: Items<Column> = Items {
    section: Section::Rituals,
    id: |c| &c.id.name,
    name: |c| &c.name,
    shown: |_, c| Some(Val::Text(recurrence_with_time(&c.recurrence, c.time))),
    fields: &[
        ("name", |_, c| text(&c.name)),
        ("owner", |p, c| person(p, c.owner)),
        ("attendees", |p, c| {
            (!c.attendees.is_empty()).then(|| {
                Val::Text(
                    c.attendees
                        .iter()
                        .map(|&a| p.people[a].id.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            })
        }),
        ("recurrence", |_, c| {
            Some(Val::Text(recurrence_text(&c.recurrence)))
        }),
        ("time", |_, c| {
            c.time
                .map(|t| Val::Text(format!("{:02}:{:02}", t.hour, t.minute)))
        }),
        ("during", |_, c| Some(Val::Range(c.during.value))),
        ("effort", |_, c| c.effort_hours.and_then(hours)),
        ("description", |_, c| opt_text(&c.description)),
    ],
};

/// Where a plan's rituals start among its recurring items.
fn first_ritual(p: &Plan) -> usize {
    p.columns.partition_point(|c| !c.ritual)
}

/// The days a column publishes, or a ritual takes place.
fn episode_days(s: &Schedule, k: usize) -> BTreeSet<NaiveDate> {
    s.items
        .iter()
        .filter(|i| i.column == Some(k) && matches!(i.kind, Kind::Episode | Kind::Ritual))
        .map(|i| i.start)
        .collect()
}

/// How many episodes a column has, and which days it no longer publishes
/// on and which it now does.
fn column_episodes(
    o: &mut Out<'_>,
    id: &str,
    name: Option<&str>,
    da: BTreeSet<NaiveDate>,
    db: BTreeSet<NaiveDate>,
) {
    o.field(
        id,
        name,
        "episodes",
        Some(Val::Int(da.len() as i64)),
        Some(Val::Int(db.len() as i64)),
    );
    if da != db {
        let gone: Vec<NaiveDate> = da.difference(&db).copied().collect();
        let came: Vec<NaiveDate> = db.difference(&da).copied().collect();
        o.push(
            id,
            ChangeKind::Changed,
            Some("episode_dates".to_string()),
            Some(Val::Dates(gone)),
            Some(Val::Dates(came)),
            name,
        );
    }
}

static MOMENTS: Items<Moment> = Items {
    section: Section::Moments,
    id: |m| &m.id.name,
    name: |m| &m.name,
    shown: |_, m| Some(Val::Range(m.when.value)),
    fields: &[
        ("name", |_, m| text(&m.name)),
        ("date", |_, m| Some(Val::Range(m.when.value))),
        ("channels", |p, m| channel_set(p, &m.channels)),
        ("content", |_, m| opt_text(&m.content)),
    ],
};

static BLACKOUTS: Items<Blackout> = Items {
    section: Section::Blackouts,
    id: |b| &b.id.name,
    name: |b| &b.reason,
    shown: |_, b| Some(Val::Range(b.when.value)),
    fields: &[
        ("reason", |_, b| text(&b.reason)),
        ("date", |_, b| Some(Val::Range(b.when.value))),
        ("channels", |p, b| channel_set(p, &b.channels)),
    ],
};

fn kpi_value(v: &Option<KpiValue>) -> Option<Val> {
    v.as_ref().map(|v| Val::Text(quantity_text(&v.q)))
}

static KPIS: Items<Kpi> = Items {
    section: Section::Kpis,
    id: |k| &k.id.name,
    name: |k| &k.name,
    // An added or removed KPI: its target, or what it measured.
    shown: |_, k| {
        kpi_value(&k.target)
            .or(kpi_value(&k.actual))
            .or(kpi_value(&k.baseline))
    },
    fields: &[
        ("name", |_, k| text(&k.name)),
        ("baseline", |_, k| kpi_value(&k.baseline)),
        ("target", |_, k| kpi_value(&k.target)),
        ("actual", |_, k| kpi_value(&k.actual)),
        ("direction", |_, k| {
            k.direction.and_then(|d| {
                text(match d {
                    Direction::Up => "up",
                    Direction::Down => "down",
                })
            })
        }),
        ("channel", |p, k| channel(p, k.channel)),
        ("part_of", |p, k| {
            k.part_of.map(|i| Val::Text(p.kpis[i].id.name.clone()))
        }),
        ("group", |_, k| opt_text(&k.group)),
        ("note", |_, k| opt_text(&k.note)),
    ],
};

static PEOPLE: Items<Person> = Items {
    section: Section::People,
    id: |p| &p.id.name,
    name: |p| &p.name,
    shown: |_, p| text(&p.name),
    fields: &[
        ("name", |_, p| text(&p.name)),
        ("role", |_, p| opt_text(&p.role)),
        ("capacity", |_, p| {
            p.capacity
                .map(|c| Val::Text(format!("{}h", c.value.to_decimal_string(2))))
        }),
    ],
};

static CHANNELS: Items<Channel> = Items {
    section: Section::Channels,
    id: |c| &c.id.name,
    name: |c| &c.name,
    shown: |_, c| text(&c.name),
    fields: &[
        ("name", |_, c| text(&c.name)),
        ("slots_per_week", |_, c| {
            c.slots_per_week.map(|v| Val::Int(i64::from(v.value)))
        }),
        ("max_per_day", |_, c| {
            c.max_per_day.map(|v| Val::Int(i64::from(v.value)))
        }),
        ("followers", |_, c| {
            c.followers.map(|f| Val::Text(f.to_decimal_string(0)))
        }),
        ("note", |_, c| opt_text(&c.note)),
    ],
};

static REVIEW: Items<ReviewLevel> = Items {
    section: Section::Review,
    id: |l| &l.id.name,
    name: |l| &l.name,
    shown: |_, l| l.lead.map(|x| lead(x.value)),
    fields: &[
        ("name", |_, l| text(&l.name)),
        ("lead", |_, l| l.lead.map(|x| lead(x.value))),
        ("response", |_, l| l.response.map(|x| lead(x.value))),
        ("owner", |p, l| person(p, l.owner)),
        ("checks", |_, l| opt_text(&l.checks)),
    ],
};

static HIGHLIGHTS: Items<Highlight> = Items {
    section: Section::Highlights,
    id: |h| &h.id.name,
    name: |h| &h.name,
    shown: |_, h| text(&h.name),
    fields: &[
        ("name", |_, h| text(&h.name)),
        ("channels", |p, h| channel_set(p, &h.channels)),
        ("results", |_, h| Some(Val::List(h.results.clone()))),
    ],
};

static AUDIENCES: Items<Audience> = Items {
    section: Section::Audiences,
    id: |a| &a.id.name,
    name: |a| &a.name,
    shown: |_, a| text(&a.name),
    fields: &[
        ("name", |_, a| text(&a.name)),
        ("messages", |_, a| Some(Val::List(a.messages.clone()))),
    ],
};

static GUIDELINES: Items<Guideline> = Items {
    section: Section::Guidelines,
    id: |g| &g.id.name,
    name: |g| &g.text,
    shown: |_, g| text(&g.text),
    fields: &[
        ("text", |_, g| text(&g.text)),
        ("within", |_, g| g.within.map(lead)),
    ],
};

static ASSERTIONS: Items<UserAssertion> = Items {
    section: Section::Assertions,
    id: |a| &a.id.name,
    name: |a| &a.id.name,
    shown: |_, a| Some(Val::Text(assertion_text(&a.expr))),
    fields: &[("message", |_, a| opt_text(&a.message))],
};

/// The plan's calendar over both periods: the working week, the days off
/// and the make-up workdays (built in or declared in `[holidays]`), as the
/// days that are no longer and the days that now are.
fn holidays(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Holidays,
        changes,
    };
    let from = old.period.value.start.min(new.period.value.start);
    let to = old.period.value.end.max(new.period.value.end);
    let week = |p: &Plan| {
        let days = p.calendar.week().days();
        Some(Val::List(
            days.into_iter()
                .map(|d| crate::model::weekday_short(d).to_lowercase())
                .collect(),
        ))
    };
    o.field("calendar", None, "working_week", week(old), week(new));
    for (field, kind) in [
        ("days_off", crate::calendar::DayKind::Holiday),
        ("makeup_workdays", crate::calendar::DayKind::MakeupWorkday),
    ] {
        let days = |p: &Plan| -> BTreeMap<NaiveDate, String> {
            p.calendar
                .special_days()
                .filter(|(d, k, _)| *k == kind && from <= *d && *d <= to)
                .map(|(d, _, name)| (d, name.to_string()))
                .collect()
        };
        let (da, db) = (days(old), days(new));
        let gone: Vec<NaiveDate> = da.keys().filter(|d| !db.contains_key(d)).copied().collect();
        let came: Vec<NaiveDate> = db.keys().filter(|d| !da.contains_key(d)).copied().collect();
        if !gone.is_empty() || !came.is_empty() {
            o.push(
                "calendar",
                ChangeKind::Changed,
                Some(field.to_string()),
                Some(Val::Dates(gone)),
                Some(Val::Dates(came)),
                None,
            );
        }
        // The same day under another name (`春节` → `春节假期`).
        for (d, a) in &da {
            if let Some(b) = db.get(d).filter(|b| *b != a) {
                o.field("calendar", None, &format!("{field}.{d}"), text(a), text(b));
            }
        }
    }
}

/// The KOL policy: the budget line it spends, the pyramid's shares by
/// tier and the selection criteria.
fn kol(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Kol,
        changes,
    };
    let line = |p: &Plan| {
        p.kol
            .as_ref()
            .and_then(|k| k.line)
            .and_then(|l| text(&p.budget.lines[l].path))
    };
    o.field("kol", None, "line", line(old), line(new));
    let tiers = |p: &Plan| -> BTreeMap<String, Ratio> {
        p.kol
            .iter()
            .flat_map(|k| k.pyramid.iter().map(|(t, s)| (t.name.clone(), s.value)))
            .collect()
    };
    let criteria = |p: &Plan| -> BTreeMap<String, String> {
        p.kol
            .iter()
            .flat_map(|k| {
                k.criteria
                    .iter()
                    .map(|(c, q)| (c.name.clone(), quantity_text(q)))
            })
            .collect()
    };
    let (ta, tb) = (tiers(old), tiers(new));
    for t in ta.keys().chain(tb.keys()).collect::<BTreeSet<_>>() {
        let v = |m: &BTreeMap<String, Ratio>| m.get(t).map(|r| Val::Text(percent(*r)));
        o.field("kol", None, &format!("pyramid.{t}"), v(&ta), v(&tb));
    }
    let (ca, cb) = (criteria(old), criteria(new));
    for c in ca.keys().chain(cb.keys()).collect::<BTreeSet<_>>() {
        let v = |m: &BTreeMap<String, String>| m.get(c).and_then(|q| text(q));
        o.field("kol", None, &format!("criteria.{c}"), v(&ca), v(&cb));
    }
}

/// Dated items whose dates, times, owners, channels or work changed, or
/// that appeared or went, by their stable ids (`task:launch.brief`,
/// `review:…`, `episode:vlog:2026-02-04`).
fn schedule(old: &Schedule, new: &Schedule, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Schedule,
        changes,
    };
    let (a, b): (Vec<_>, Vec<_>) = (old.items.iter().collect(), new.items.iter().collect());
    for (id, x, y) in pair(&a, &b, |i| &i.id) {
        let name = y.or(x).map(|i| i.title.as_str());
        let when = |i: &crate::schedule::Item| {
            let time = i.time.map(|t| format!(" {:02}:{:02}", t.hour, t.minute));
            let days = if i.start == i.end {
                i.start.to_string()
            } else {
                format!("{}..{}", i.start, i.end)
            };
            Val::Text(format!("{days}{}", time.unwrap_or_default()))
        };
        match (x, y) {
            (Some(x), None) => o.removed(&id, name, Some(when(x))),
            (None, Some(y)) => o.added(&id, name, Some(when(y))),
            (Some(x), Some(y)) => {
                o.field(&id, name, "when", Some(when(x)), Some(when(y)));
                o.field(&id, name, "hours", hours(x.hours), hours(y.hours));
                o.field(
                    &id,
                    name,
                    "publishes",
                    Some(Val::Bool(x.publishes)),
                    Some(Val::Bool(y.publishes)),
                );
            }
            (None, None) => {}
        }
    }
}

fn percent(p: Ratio) -> String {
    format!("{}%", p.to_decimal_string(2))
}

/// Hours of work: `4h`.
fn hours(h: Ratio) -> Option<Val> {
    Some(Val::Text(format!("{}h", h.to_decimal_string(2))))
}

/// A lead, response or duration as written: `3wd`, `5d`, `24h`.
fn lead(l: crate::calendar::Lead) -> Val {
    use crate::calendar::Lead;
    Val::Text(match l {
        Lead::Days(n) => format!("{n}d"),
        Lead::Workdays(n) => format!("{n}wd"),
        Lead::Hours(n) => format!("{n}h"),
    })
}

/// An assertion as text: `sum(budget.ads.*) <= 60% of budget.total`.
fn assertion_text(a: &crate::syntax::ast::Assertion) -> String {
    use crate::syntax::ast::{BinOp, CmpOp, Segment, Value};
    fn path(p: &crate::syntax::ast::Path) -> String {
        let parts: Vec<&str> = p
            .segments
            .iter()
            .map(|s| match s {
                Segment::Name(n) => n.as_str(),
                Segment::Wildcard => "*",
            })
            .collect();
        parts.join(".")
    }
    fn value(v: &Value) -> String {
        match v {
            Value::Money(m) => match &m.currency {
                Some(c) => format!("{} {c}", m.value.to_decimal_string(2)),
                None => m.value.to_decimal_string(2),
            },
            Value::Share(s) => match &s.of {
                Some(of) => format!("{}% of {}", s.percent.to_decimal_string(4), path(of)),
                None => format!("{}%", s.percent.to_decimal_string(4)),
            },
            Value::Number { value, .. } => value.to_decimal_string(4),
            Value::Path(p) => path(p),
            Value::Call { func, arg, .. } => format!("{func}({})", path(arg)),
            Value::Binary {
                op, left, right, ..
            } => {
                let op = match op {
                    BinOp::Add => "+",
                    BinOp::Sub => "-",
                    BinOp::Mul => "*",
                    BinOp::Div => "/",
                };
                format!("({} {op} {})", value(left), value(right))
            }
        }
    }
    let op = match a.op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
    };
    format!("{} {op} {}", value(&a.left), value(&a.right))
}

/// An assertion's parse without where its parts were written, so that
/// spacing alone compares equal.
fn without_locations(a: &crate::syntax::ast::Assertion) -> String {
    let debug = format!("{a:?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(i) = rest.find("Loc {") {
        out.push_str(&rest[..i]);
        match rest[i..].find('}') {
            Some(j) => rest = &rest[i + j + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}
/// A budget line's amount and its share of its parent, in percent.
fn line_share(p: &Plan, i: usize) -> Option<Ratio> {
    let l = &p.budget.lines[i];
    let whole = p.budget.lines[l.parent?].amount?;
    if whole.is_zero() {
        return None;
    }
    l.amount?
        .checked_mul(Ratio::HUNDRED)
        .and_then(|x| x.checked_div(whole))
}
fn budget(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Budget,
        changes,
    };
    let lines = |p: &Plan| -> Vec<(String, usize)> {
        p.budget
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.path.clone(), i))
            .collect()
    };
    let (ol, nl) = (lines(old), lines(new));
    let mut pairs = pair(&ol, &nl, |x| x.0.as_str());
    // The total first, then the lines by path.
    pairs.sort_by_key(|(path, _, _)| (path != "total", path.clone()));
    for (path, a, b) in pairs {
        let a = a.map(|x| (&old.budget.lines[x.1], line_share(old, x.1)));
        let b = b.map(|x| (&new.budget.lines[x.1], line_share(new, x.1)));
        let name = b.or(a).and_then(|(l, _)| l.name.as_deref());
        let start = o.changes.len();
        match (a, b) {
            (Some((l, _)), None) => o.removed(&path, name, l.amount.map(Val::Money)),
            (None, Some((l, _))) => o.added(&path, name, l.amount.map(Val::Money)),
            (Some((x, _)), Some((y, _))) => {
                o.field(&path, name, "name", opt_text(&x.name), opt_text(&y.name));
                o.field(
                    &path,
                    name,
                    "amount",
                    x.amount.map(Val::Money),
                    y.amount.map(Val::Money),
                );
                o.field(&path, name, "note", opt_text(&x.note), opt_text(&y.note));
            }
            (None, None) => {}
        }
        for c in &mut o.changes[start..] {
            c.share = (a.and_then(|x| x.1), b.and_then(|x| x.1));
        }
    }
}
fn rules(old: &Plan, new: &Plan, changes: &mut Vec<Change>) {
    let mut o = Out {
        section: Section::Rules,
        changes,
    };
    // The settings as `check` reads them; their mistakes are `check`'s to report.
    let config = |p: &Plan| RuleConfig::from_raw(&p.rule_settings, &mut Vec::new());
    let (old_config, new_config) = (config(old), config(new));
    let sev = |c: &RuleConfig| -> BTreeMap<&'static str, Option<crate::diagnostics::Severity>> {
        c.severities().collect()
    };
    let opts = |c: &RuleConfig| -> BTreeMap<(&'static str, String), Ratio> {
        c.options()
            .map(|(c, n, v)| ((c, n.to_string()), v))
            .collect()
    };
    let (sa, sb, oa, ob) = (
        sev(&old_config),
        sev(&new_config),
        opts(&old_config),
        opts(&new_config),
    );
    for r in RULES {
        let effective = |m: &BTreeMap<&'static str, Option<crate::diagnostics::Severity>>| {
            let s = match m.get(r.code) {
                None => Some(r.default_severity),
                Some(s) => *s,
            };
            Some(Val::Text(s.map_or("allow", |s| s.as_str()).to_string()))
        };
        let name = Some(r.name);
        o.field(r.code, name, "severity", effective(&sa), effective(&sb));
        let settings: BTreeSet<&String> = oa
            .keys()
            .chain(ob.keys())
            .filter(|(c, _)| *c == r.code)
            .map(|(_, n)| n)
            .collect();
        for s in settings {
            let v = |m: &BTreeMap<(&'static str, String), Ratio>| {
                m.get(&(r.code, s.clone()))
                    .map(|v| Val::Text(v.to_decimal_string(4)))
            };
            o.field(r.code, name, s, v(&oa), v(&ob));
        }
    }
}

/// Collects the changes of one section.
struct Out<'a> {
    section: Section,
    changes: &'a mut Vec<Change>,
}

impl Out<'_> {
    fn added(&mut self, id: &str, name: Option<&str>, new: Option<Val>) {
        self.push(id, ChangeKind::Added, None, None, new, name);
    }

    fn removed(&mut self, id: &str, name: Option<&str>, old: Option<Val>) {
        self.push(id, ChangeKind::Removed, None, old, None, name);
    }

    /// A field, reported when the values differ.
    fn field(
        &mut self,
        id: &str,
        name: Option<&str>,
        field: &str,
        old: Option<Val>,
        new: Option<Val>,
    ) {
        if old != new {
            self.push(
                id,
                ChangeKind::Changed,
                Some(field.to_string()),
                old,
                new,
                name,
            );
        }
    }

    fn push(
        &mut self,
        id: &str,
        kind: ChangeKind,
        field: Option<String>,
        old: Option<Val>,
        new: Option<Val>,
        name: Option<&str>,
    ) {
        self.changes.push(Change {
            section: self.section,
            id: id.to_string(),
            kind,
            field,
            old,
            new,
            name: name.map(str::to_string),
            share: (None, None),
        });
    }
}

/// Pairs items of the two plans by id, sorted by id.
fn pair<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> &str,
) -> Vec<(String, Option<&'a T>, Option<&'a T>)> {
    let mut m: BTreeMap<String, (Option<&T>, Option<&T>)> = BTreeMap::new();
    for o in old {
        m.entry(id(o).to_string()).or_default().0 = Some(o);
    }
    for n in new {
        m.entry(id(n).to_string()).or_default().1 = Some(n);
    }
    m.into_iter().map(|(k, (o, n))| (k, o, n)).collect()
}

fn text(s: &str) -> Option<Val> {
    Some(Val::Text(s.to_string()))
}

fn opt_text(s: &Option<String>) -> Option<Val> {
    s.as_deref().and_then(text)
}

fn person(p: &Plan, i: Option<PersonId>) -> Option<Val> {
    i.map(|i| Val::Text(p.people[i].id.name.clone()))
}

fn channel(p: &Plan, i: Option<ChannelId>) -> Option<Val> {
    i.map(|i| Val::Text(p.channels[i].id.name.clone()))
}

/// Channel ids as a set: the order they are listed in means nothing.
fn people_set(p: &Plan, v: &[PersonId]) -> Option<Val> {
    let set: BTreeSet<String> = v.iter().map(|&i| p.people[i].id.name.clone()).collect();
    Some(Val::List(set.into_iter().collect()))
}

fn channel_set(p: &Plan, v: &[ChannelId]) -> Option<Val> {
    let set: BTreeSet<String> = v.iter().map(|&i| p.channels[i].id.name.clone()).collect();
    Some(Val::List(set.into_iter().collect()))
}
