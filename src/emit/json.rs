//! Machine-readable JSON: the task list (`tasks.json`) and the resolved
//! plan (`plan.json`), both versioned and documented in `docs/outputs.md`.
//! Object keys are emitted in a fixed order, so the bytes are stable.

use serde::Serialize;
use serde_json::{Value, json};

use crate::emit::rows::Row;
use crate::model::{Allocation, ChannelId, PersonId, Plan};
use crate::schedule::Schedule;

#[derive(Serialize)]
struct PlanHead<'a> {
    id: &'a str,
    name: &'a str,
    start: String,
    end: String,
    timezone: &'a str,
    locale: &'a str,
}

#[derive(Serialize)]
struct TasksDoc<'a> {
    version: u32,
    plan: PlanHead<'a>,
    items: &'a [Row<'a>],
}

fn head(plan: &Plan) -> PlanHead<'_> {
    PlanHead {
        id: &plan.id,
        name: &plan.name,
        start: plan.period.value.start.to_string(),
        end: plan.period.value.end.to_string(),
        timezone: &plan.timezone,
        locale: match plan.locale {
            crate::model::Locale::ZhCn => "zh-CN",
            crate::model::Locale::En => "en",
        },
    }
}

pub fn tasks_json(plan: &Plan, rows: &[Row<'_>]) -> Vec<u8> {
    let doc = TasksDoc {
        version: 1,
        plan: head(plan),
        items: rows,
    };
    // About 400 bytes an item; reserving them up front saves copying the
    // buffer as it grows.
    let mut s = Vec::with_capacity(1024 + 512 * rows.len());
    if serde_json::to_writer_pretty(&mut s, &doc).is_err() {
        s.clear();
    }
    s.push(b'\n');
    s
}

fn money(r: crate::ratio::Ratio) -> String {
    r.to_decimal_string(2)
}

/// The resolved plan: every date computed, every amount exact to the cent.
pub fn plan_json(plan: &Plan, schedule: &Schedule) -> Vec<u8> {
    let person = |i: PersonId| plan.people[i].id.name.clone();
    let channel = |i: ChannelId| plan.channels[i].id.name.clone();
    let b = &plan.budget;
    let budget: Vec<Value> = b
        .lines
        .iter()
        .map(|l| {
            let (kind, share) = match &l.allocation {
                Allocation::Money(_) => ("amount", None),
                Allocation::Share { percent, .. } => ("share", Some(percent.to_decimal_string(4))),
                Allocation::Children => ("sum", None),
                Allocation::Invalid => ("invalid", None),
            };
            json!({
                "path": l.path,
                "name": l.name,
                "parent": l.parent.map(|p| b.lines[p].path.clone()),
                "given_as": kind,
                "share_percent": share,
                "amount": l.amount.map(money),
                "note": l.note,
            })
        })
        .collect();
    let campaigns: Vec<Value> = plan
        .campaigns
        .iter()
        .map(|c| {
            json!({
                "id": c.id.name,
                "name": c.name,
                "start": c.window.value.start.to_string(),
                "end": c.window.value.end.to_string(),
                "flagship": c.flagship,
                "channels": c.channels.iter().copied().map(channel).collect::<Vec<_>>(),
                "owner": c.owner.map(person),
                "messages": c.messages,
                "budget": c.budget.iter().map(|d| json!({"line": b.lines[d.line].path, "amount": d.amount.map(money)})).collect::<Vec<_>>(),
                "tasks": c.tasks.iter().map(|t| json!({
                    "id": t.id.name,
                    "name": t.name,
                    "owner": t.owner.map(person),
                    "due": t.due.map(|d| d.value.to_string()),
                    "after": t.after.iter().map(|&j| c.tasks[j].id.name.clone()).collect::<Vec<_>>(),
                    "publish": t.publish,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let columns: Vec<Value> = plan
        .columns
        .iter()
        .enumerate()
        .filter(|(_, col)| !col.ritual)
        .map(|(k, col)| {
            let days: Vec<String> = schedule
                .items
                .iter()
                .filter(|i| i.column == Some(k) && i.kind == crate::schedule::Kind::Episode)
                .map(|i| i.start.to_string())
                .collect();
            json!({
                "id": col.id.name,
                "name": col.name,
                "channel": col.channel.map(channel),
                "owner": col.owner.map(person),
                "time": col.time.map(|t| format!("{:02}:{:02}", t.hour, t.minute)),
                "category": col.category,
                "episodes": days,
            })
        })
        .collect();
    let rituals: Vec<Value> = plan
        .columns
        .iter()
        .enumerate()
        .filter(|(_, col)| col.ritual)
        .map(|(k, col)| {
            let days: Vec<String> = schedule
                .items
                .iter()
                .filter(|i| i.column == Some(k))
                .map(|i| i.start.to_string())
                .collect();
            json!({
                "id": col.id.name,
                "name": col.name,
                "owner": col.owner.map(person),
                "attendees": col.attendees.iter().map(|&a| person(a)).collect::<Vec<_>>(),
                "time": col.time.map(|t| format!("{:02}:{:02}", t.hour, t.minute)),
                "occurrences": days,
            })
        })
        .collect();
    let kpis: Vec<Value> = plan
        .kpis
        .iter()
        .map(|k| {
            let v = |x: &Option<crate::model::KpiValue>| {
                x.as_ref().map(|v| v.q.value.to_decimal_string(4))
            };
            json!({
                "id": k.id.name,
                "name": k.name,
                "baseline": v(&k.baseline),
                "target": v(&k.target),
                "actual": v(&k.actual),
                "channel": k.channel.map(channel),
            })
        })
        .collect();
    let doc = json!({
        "version": 1,
        "plan": {
            "id": plan.id,
            "name": plan.name,
            "start": plan.period.value.start.to_string(),
            "end": plan.period.value.end.to_string(),
            "timezone": plan.timezone,
            "currency": plan.currency,
            "calendar": plan.calendar_name,
            "theme": plan.theme,
            "key_messages": plan.key_messages,
        },
        "people": plan.people.iter().map(|p| json!({"id": p.id.name, "name": p.name, "role": p.role})).collect::<Vec<_>>(),
        "channels": plan.channels.iter().map(|c| json!({"id": c.id.name, "name": c.name})).collect::<Vec<_>>(),
        "budget": budget,
        "campaigns": campaigns,
        "columns": columns,
        "rituals": rituals,
        "moments": plan.moments.iter().map(|m| json!({"id": m.id.name, "name": m.name, "start": m.when.value.start.to_string(), "end": m.when.value.end.to_string()})).collect::<Vec<_>>(),
        "blackouts": plan.blackouts.iter().map(|b| json!({"id": b.id.name, "reason": b.reason, "start": b.when.value.start.to_string(), "end": b.when.value.end.to_string()})).collect::<Vec<_>>(),
        "review": plan.review.iter().map(|l| json!({"id": l.id.name, "name": l.name, "owner": l.owner.map(person)})).collect::<Vec<_>>(),
        "reserve_percent": plan.reserve.as_ref().map(|r| r.percent.value.to_decimal_string(4)),
        "kpis": kpis,
    });
    let mut s = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    s.push(b'\n');
    s
}
