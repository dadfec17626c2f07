//! The iCalendar feeds. The team's feed (`calendar.ics`, or one per channel)
//! holds what the team plans around — campaigns, moments, blackouts,
//! publishing and deadlines — and no review steps: every published item
//! has one per review level, hundreds a year, and a subscriber would get a
//! reminder for each. Those go to `reviews.ics`, and each person's feed
//! (`--split owner`) holds their own review steps beside the rest of their
//! work. Campaigns, moments and blackouts are all-day events
//! (DTEND exclusive); each recurring column is one event with an RRULE, an
//! EXDATE for every day the rule gives but the column skips (holidays,
//! `skip`, `pause`, moved days) and a single extra event for every day the
//! rule cannot give (a moved occurrence, a make-up workday); tasks and
//! review steps are all-day events with a reminder the day before. UIDs
//! derive from plan and item ids, so a re-import updates instead of
//! duplicating. Timed items carry the plan's TZID and the file a matching
//! VTIMEZONE, with the zone's daylight-saving transitions for the years the
//! plan covers.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use crate::calendar::WorkCalendar;
use crate::emit::ics::{self, Ics};
use crate::locale::Words;
use crate::model::{ChannelId, DateRange, PersonId, Plan, with_ids};
use crate::schedule::recur;
use crate::schedule::{Item, Kind, Schedule};
use crate::syntax::ast::{Frequency, MonthDay, TimeOfDay};

/// One calendar file per channel or per person, or one for everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    Channel,
    Owner,
}

/// What a calendar file holds: the team's items, one channel's, one
/// person's (with their review steps), or every review step.
#[derive(Clone, Copy)]
enum Filter {
    All,
    Channel(ChannelId),
    Owner(PersonId),
    Reviews,
}

/// The review feed, written beside the team's calendar or the split ones.
pub const REVIEWS: &str = "reviews.ics";

struct Cx<'a> {
    plan: &'a Plan,
    schedule: &'a Schedule,
    labels: &'a Words,
    stamp: String,
    tz: Tz,
}

/// The calendar files: `calendar.ics`, or one per channel or owner
/// (`calendar-<id>.ics`), and `reviews.ics`.
pub fn calendars(
    plan: &Plan,
    schedule: &Schedule,
    labels: &Words,
    stamp: NaiveDateTime,
    split: Option<Split>,
) -> Vec<(String, String)> {
    let cx = Cx {
        plan,
        schedule,
        labels,
        stamp: ics::utc(stamp),
        tz: plan.timezone.parse().unwrap_or(Tz::Asia__Shanghai),
    };
    let reviews = (
        REVIEWS.to_string(),
        calendar(
            &cx,
            Filter::Reviews,
            &format!("{} · {}", plan.name, labels.review),
        ),
    );
    let mut files = match split {
        None => vec![(
            "calendar.ics".into(),
            calendar(&cx, Filter::All, &plan.name),
        )],
        Some(split) => {
            // One calendar per channel or per person: (filter, id, name).
            let parts: Vec<(Filter, &str, &str)> = match split {
                Split::Channel => with_ids(&plan.channels)
                    .map(|(i, c)| (Filter::Channel(i), c.id.name.as_str(), c.name.as_str()))
                    .collect(),
                Split::Owner => with_ids(&plan.people)
                    .map(|(i, p)| (Filter::Owner(i), p.id.name.as_str(), p.name.as_str()))
                    .collect(),
            };
            parts
                .into_iter()
                .map(|(f, id, name)| {
                    let title = format!("{} · {name}", plan.name);
                    (format!("calendar-{id}.ics"), calendar(&cx, f, &title))
                })
                .collect()
        }
    };
    files.push(reviews);
    files
}

/// Whether the file `f` holds an item of `kind` on `channels` for `owner`.
fn keeps(f: Filter, kind: Kind, channels: &[ChannelId], owner: Option<PersonId>) -> bool {
    let review = kind == Kind::Review;
    match f {
        Filter::All => !review,
        Filter::Channel(c) => !review && channels.contains(&c),
        Filter::Owner(o) => owner == Some(o),
        Filter::Reviews => review,
    }
}

/// A column by its channel and owner; a ritual also in each attendee's
/// calendar.
fn keeps_recurring(f: Filter, col: &crate::model::Column) -> bool {
    let kind = if col.ritual {
        Kind::Ritual
    } else {
        Kind::Episode
    };
    keeps(
        f,
        kind,
        &col.channel.into_iter().collect::<Vec<_>>(),
        col.owner,
    ) || matches!(f, Filter::Owner(o) if col.attendees.contains(&o))
}

fn calendar(cx: &Cx<'_>, f: Filter, name: &str) -> String {
    // The whole calendar runs to about 300 bytes an event; reserving that
    // saves copying it as it grows. Split calendars start small.
    let events = match f {
        Filter::All | Filter::Reviews => cx.schedule.items.len() / 2,
        _ => 0,
    };
    let mut w = Ics::with_capacity(1024 + 384 * events);
    w.begin("VCALENDAR");
    w.line("VERSION", "2.0");
    w.line("PRODID", "-//almanac//almanac campaign plans//EN");
    w.line("CALSCALE", "GREGORIAN");
    w.line("METHOD", "PUBLISH");
    w.text("X-WR-CALNAME", name);
    w.text("NAME", name);
    w.text("X-WR-TIMEZONE", &cx.plan.timezone);
    let plan = cx.plan;
    let timed = plan
        .columns
        .iter()
        .enumerate()
        .any(|(k, c)| c.time.is_some() && keeps_recurring(f, c) && has_episodes(cx, k));
    if timed {
        vtimezone(&mut w, cx);
    }
    for it in &cx.schedule.items {
        match it.kind {
            Kind::Campaign | Kind::Moment | Kind::Blackout | Kind::Task | Kind::Review => {
                if keeps(f, it.kind, &it.channels, it.owner) {
                    single(&mut w, cx, it);
                }
            }
            Kind::Episode | Kind::Ritual => {}
        }
    }
    for (k, col) in plan.columns.iter().enumerate() {
        if keeps_recurring(f, col) {
            column(&mut w, cx, k);
        }
    }
    w.end("VCALENDAR");
    w.finish()
}

fn has_episodes(cx: &Cx<'_>, k: usize) -> bool {
    cx.schedule
        .items
        .iter()
        .any(|i| matches!(i.kind, Kind::Episode | Kind::Ritual) && i.column == Some(k))
}

/// An event's UID (a TEXT value, written escaped like any other: the plan's
/// id is the plan's text).
fn uid(cx: &Cx<'_>, id: &str) -> String {
    let mut s = String::with_capacity(id.len() + cx.plan.id.len() + 12);
    for c in id.chars() {
        match c {
            ':' => s.push('-'),
            '@' => s.push_str("--"),
            c => s.push(c),
        }
    }
    s.push('@');
    s.push_str(&cx.plan.id);
    s.push_str(".almanac");
    s
}

fn categories(cx: &Cx<'_>, channels: &[ChannelId]) -> Option<String> {
    if channels.is_empty() {
        return None;
    }
    let names: Vec<String> = channels
        .iter()
        .map(|&c| ics::escape_text(&cx.plan.channels[c].name))
        .collect();
    Some(names.join(","))
}

/// An all-day (or one-day) event for a campaign, moment, blackout, task or review step.
fn single(w: &mut Ics, cx: &Cx<'_>, it: &Item) {
    let l = cx.labels;
    let plan = cx.plan;
    let summary = match it.kind {
        Kind::Task => format!("{}: {}", l.due, it.title),
        Kind::Blackout => format!("{}: {}", l.blackout, it.title),
        _ => it.title.clone(),
    };
    w.begin("VEVENT");
    w.text("UID", &uid(cx, &it.id));
    w.line("DTSTAMP", &cx.stamp);
    w.line("DTSTART;VALUE=DATE", &ics::date(it.start));
    w.line(
        "DTEND;VALUE=DATE",
        &ics::date(it.end.succ_opt().unwrap_or(it.end)),
    );
    w.text("SUMMARY", &summary);
    let mut desc: Vec<String> = Vec::new();
    if let Some(c) = it.campaign.filter(|_| it.kind != Kind::Campaign) {
        desc.push(format!("{}: {}", l.campaign, plan.campaigns[c].name));
    }
    if let Some(o) = it.owner {
        desc.push(format!("{}: {}", l.columns[6], plan.people[o].name));
    }
    if let (Kind::Review, Some(r)) = (it.kind, it.reviews) {
        let target = &cx.schedule.items[r];
        desc.push(format!(
            "{}: {} {}",
            l.publishes, target.title, target.start
        ));
    }
    if let Kind::Campaign = it.kind
        && let Some(c) = it.campaign
    {
        let msgs = &plan.campaigns[c].messages;
        if !msgs.is_empty() {
            desc.push(msgs.join(" · "));
        }
    }
    if !desc.is_empty() {
        w.text("DESCRIPTION", &desc.join("\n"));
    }
    if let Some(c) = categories(cx, &it.channels) {
        w.line("CATEGORIES", &c);
    }
    if matches!(it.kind, Kind::Moment | Kind::Blackout | Kind::Campaign) {
        w.line("TRANSP", "TRANSPARENT");
    }
    if matches!(it.kind, Kind::Task | Kind::Review) {
        // A reminder at 09:00 the day before.
        w.begin("VALARM");
        w.line("ACTION", "DISPLAY");
        w.text("DESCRIPTION", &summary);
        w.line("TRIGGER", "-PT15H");
        w.end("VALARM");
    }
    w.end("VEVENT");
}

/// The rule that gives a column's days, its RRULE text, and the days that
/// rule gives from `first` to `last` (without the plan's holidays).
fn rule(
    cx: &Cx<'_>,
    freq: &Frequency,
    first: NaiveDate,
    last: NaiveDate,
) -> (String, Vec<NaiveDate>) {
    const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let day = |d: chrono::Weekday| DAYS[d.num_days_from_monday() as usize];
    let week = cx.plan.calendar.week();
    let text = match freq {
        Frequency::Daily { interval } => format!("FREQ=DAILY;INTERVAL={interval}"),
        Frequency::Weekly { interval, days } => format!(
            "FREQ=WEEKLY;INTERVAL={interval};BYDAY={};WKST=MO",
            days.iter().map(|d| day(*d)).collect::<Vec<_>>().join(",")
        ),
        Frequency::Weekdays | Frequency::Workdays => format!(
            "FREQ=WEEKLY;BYDAY={};WKST=MO",
            week.days()
                .iter()
                .map(|d| day(*d))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Frequency::Monthly { interval, on } => match on {
            MonthDay::NthWeekday { n, weekday } => format!(
                "FREQ=MONTHLY;INTERVAL={interval};BYDAY={n}{}",
                day(*weekday)
            ),
            MonthDay::Day(d) => format!("FREQ=MONTHLY;INTERVAL={interval};BYMONTHDAY={d}"),
        },
    };
    // The same rule, expanded on a calendar without holidays.
    let plain = WorkCalendar::new(week);
    let as_rule = match freq {
        Frequency::Workdays => Frequency::Weekdays,
        f => f.clone(),
    };
    let range = DateRange {
        start: first,
        end: last,
    };
    let days = recur::expand(&as_rule, range, &plain).unwrap_or_default();
    (text, days)
}

fn column(w: &mut Ics, cx: &Cx<'_>, k: usize) {
    let plan = cx.plan;
    let col = &plan.columns[k];
    let episodes: Vec<NaiveDate> = cx
        .schedule
        .items
        .iter()
        .filter(|i| matches!(i.kind, Kind::Episode | Kind::Ritual) && i.column == Some(k))
        .map(|i| i.start)
        .collect();
    let (Some(&first), Some(&last)) = (episodes.first(), episodes.last()) else {
        return; // a rule with no instance is rejected by CalDAV servers
    };
    let (rrule, rule_days) = rule(cx, &col.recurrence.frequency, first, last);
    let actual: BTreeSet<NaiveDate> = episodes.iter().copied().collect();
    let given: BTreeSet<NaiveDate> = rule_days.iter().copied().collect();
    // The rule must start on its first day; otherwise list days singly.
    let rule_ok = rule_days.first() == Some(&first);
    let (in_rule, extra): (Vec<NaiveDate>, Vec<NaiveDate>) = if rule_ok {
        (
            given.difference(&actual).copied().collect(),
            actual.difference(&given).copied().collect(),
        )
    } else {
        (Vec::new(), episodes.clone())
    };
    let channels: Vec<ChannelId> = col.channel.into_iter().collect();
    let owner = col.owner.map(|o| plan.people[o].name.clone());
    let event =
        |w: &mut Ics, uid_id: String, day: NaiveDate, recurrence: Option<(&str, &[NaiveDate])>| {
            w.begin("VEVENT");
            w.text("UID", &uid(cx, &uid_id));
            w.line("DTSTAMP", &cx.stamp);
            start_end(w, cx, day, col.time);
            if let Some((rrule, exdates)) = recurrence {
                let until = match col.time {
                    Some(t) => ics::utc(to_utc(cx, last, t)),
                    None => ics::date(last),
                };
                w.line("RRULE", &format!("{rrule};UNTIL={until}"));
                for chunk in exdates.chunks(20) {
                    let (name, vals): (String, Vec<String>) = match col.time {
                        Some(t) => (
                            format!("EXDATE;TZID={}", cx.tz.name()),
                            chunk
                                .iter()
                                .map(|d| ics::local(d.and_time(time(t))))
                                .collect(),
                        ),
                        None => (
                            "EXDATE;VALUE=DATE".into(),
                            chunk.iter().map(|d| ics::date(*d)).collect(),
                        ),
                    };
                    w.line(&name, &vals.join(","));
                }
            }
            w.text("SUMMARY", &col.name);
            let mut desc = Vec::new();
            if let Some(o) = &owner {
                desc.push(format!("{}: {o}", cx.labels.columns[6]));
            }
            if let Some(d) = &col.description {
                desc.push(d.clone());
            }
            if !desc.is_empty() {
                w.text("DESCRIPTION", &desc.join("\n"));
            }
            if let Some(c) = categories(cx, &channels) {
                w.line("CATEGORIES", &c);
            }
            w.end("VEVENT");
        };
    // A ritual's ids say so, like its items' (`ritual:case_review:…`).
    let (series, single) = if col.ritual {
        ("ritual", "ritual")
    } else {
        ("column", "episode")
    };
    if rule_ok && episodes.len() > 1 {
        event(
            w,
            format!("{series}:{}", col.id.name),
            first,
            Some((&rrule, &in_rule)),
        );
    } else if rule_ok {
        event(w, format!("{series}:{}", col.id.name), first, None);
    }
    for d in extra {
        event(w, format!("{single}:{}:{d}", col.id.name), d, None);
    }
}

fn time(t: TimeOfDay) -> NaiveTime {
    NaiveTime::from_hms_opt(t.hour, t.minute, 0).unwrap_or_default()
}

fn to_utc(cx: &Cx<'_>, d: NaiveDate, t: TimeOfDay) -> NaiveDateTime {
    let local = d.and_time(time(t));
    cx.tz
        .from_local_datetime(&local)
        .earliest()
        .map_or(local, |dt| dt.naive_utc())
}

fn start_end(w: &mut Ics, cx: &Cx<'_>, day: NaiveDate, t: Option<TimeOfDay>) {
    match t {
        Some(t) => {
            let tz = cx.tz.name();
            w.line(
                &format!("DTSTART;TZID={tz}"),
                &ics::local(day.and_time(time(t))),
            );
            w.line("DURATION", "PT1H");
        }
        None => {
            w.line("DTSTART;VALUE=DATE", &ics::date(day));
            w.line(
                "DTEND;VALUE=DATE",
                &ics::date(day.succ_opt().unwrap_or(day)),
            );
        }
    }
}

/// The plan's zone: its offset before the plan, and every transition from
/// a year before the plan to a year after.
fn vtimezone(w: &mut Ics, cx: &Cx<'_>) {
    let tz = cx.tz;
    let p = cx.plan.period.value;
    let from = NaiveDate::from_ymd_opt(p.start.year() - 1, 1, 1).unwrap_or(p.start);
    let to = NaiveDate::from_ymd_opt(p.end.year() + 1, 12, 31).unwrap_or(p.end);
    let at = |dt: NaiveDateTime| tz.offset_from_utc_datetime(&dt);
    let secs = |o: &<Tz as TimeZone>::Offset| (o.base_utc_offset() + o.dst_offset()).num_seconds();
    w.begin("VTIMEZONE");
    w.line("TZID", tz.name());
    let observance =
        |w: &mut Ics, start_local: NaiveDateTime, before: i64, o: &<Tz as TimeZone>::Offset| {
            let kind = if o.dst_offset().num_seconds() != 0 {
                "DAYLIGHT"
            } else {
                "STANDARD"
            };
            w.begin(kind);
            w.line("DTSTART", &ics::local(start_local));
            w.line("TZOFFSETFROM", &offset_text(before));
            w.line("TZOFFSETTO", &offset_text(secs(o)));
            if let Some(abbr) = o.abbreviation() {
                w.line("TZNAME", abbr);
            }
            w.end(kind);
        };
    let start = from.and_hms_opt(0, 0, 0).unwrap_or_default();
    let first = at(start);
    observance(
        w,
        start + chrono::Duration::seconds(secs(&first)),
        secs(&first),
        &first,
    );
    // Walk day by day; find each change to the minute.
    let mut prev = first;
    let mut day = start;
    while day.date() <= to {
        let next = day + chrono::Duration::days(1);
        let o = at(next);
        if secs(&o) != secs(&prev) {
            let (mut lo, mut hi) = (day, next);
            while (hi - lo).num_seconds() > 1 {
                let mid = lo + (hi - lo) / 2;
                if secs(&at(mid)) == secs(&prev) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let before = secs(&prev);
            observance(w, hi + chrono::Duration::seconds(before), before, &o);
            prev = o;
        }
        day = next;
    }
    w.end("VTIMEZONE");
}

fn offset_text(secs: i64) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let s = secs.abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::check::check_paths;
    use crate::world::MemWorld;

    #[test]
    fn a_uid_is_escaped_like_any_text() {
        let world = MemWorld::default().with_file(
            "p.toml",
            "[plan]\nname = \"P\"\nyear = 2027\ncalendar = \"none\"\n\n\
             [moments.m]\nname = \"M\"\ndate = \"05-20\"\n",
        );
        let Ok(mut checked) = check_paths(&world, &[PathBuf::from("p.toml")]) else {
            panic!("the plan is read");
        };
        assert!(checked.diagnostics.is_empty());
        let (mut plan, schedule) = (checked.plans.remove(0), checked.schedules.remove(0));
        // Whatever `check` lets through as an id, the UID stays one line.
        plan.id = "x\r\nATTENDEE:mailto:x,y;z\u{7}".into();
        let labels = crate::locale::words(plan.locale);
        let stamp = plan
            .period
            .value
            .start
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default();
        let (_, ics) = calendars(&plan, &schedule, labels, stamp, None).remove(0);
        assert!(
            ics.contains("UID:moment-m@x\\nATTENDEE:mailto:x\\,y\\;z.almanac\r\n"),
            "{ics}"
        );
        assert!(!ics.contains("\r\nATTENDEE"));
    }

    #[test]
    fn review_steps_go_to_the_review_feed_and_their_owners_feed_only() {
        let world = MemWorld::default().with_file(
            "p.toml",
            "[plan]\nid = \"p\"\nyear = 2027\ncalendar = \"none\"\n\n\
             [people.ed]\nname = \"Ed\"\n\n[people.lee]\nname = \"Lee\"\n\n\
             [channels.wx]\nname = \"WX\"\n\n\
             [columns.c]\nname = \"C\"\nchannel = \"wx\"\nowner = \"ed\"\n\
             every = \"every wed\"\nduring = \"2027-03-01..2027-03-31\"\n\n\
             [review.levels.first]\nname = \"First\"\nresponse = \"24h\"\nowner = \"lee\"\n",
        );
        let Ok(mut checked) = check_paths(&world, &[PathBuf::from("p.toml")]) else {
            panic!("the plan is read");
        };
        let (plan, schedule) = (checked.plans.remove(0), checked.schedules.remove(0));
        let labels = crate::locale::words(plan.locale);
        let stamp = NaiveDateTime::default();
        let count = |ics: &str, what: &str| ics.matches(what).count();
        // Five Wednesdays in March 2027, one review step each.
        let files = calendars(&plan, &schedule, labels, stamp, None);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["calendar.ics", REVIEWS]);
        assert_eq!(count(&files[0].1, "UID:review-"), 0);
        assert_eq!(count(&files[0].1, "UID:column-c@"), 1);
        assert_eq!(count(&files[1].1, "UID:review-"), 5);
        assert_eq!(count(&files[1].1, "BEGIN:VEVENT"), 5);
        let by_owner = calendars(&plan, &schedule, labels, stamp, Some(Split::Owner));
        let feed = |name: &str| {
            &by_owner
                .iter()
                .find(|(n, _)| n == name)
                .unwrap_or_else(|| panic!("no {name}"))
                .1
        };
        assert_eq!(count(feed("calendar-lee.ics"), "UID:review-"), 5);
        assert_eq!(count(feed("calendar-ed.ics"), "UID:review-"), 0);
        assert_eq!(count(feed("calendar-ed.ics"), "UID:column-c@"), 1);
        assert_eq!(count(feed(REVIEWS), "UID:review-"), 5);
        let by_channel = calendars(&plan, &schedule, labels, stamp, Some(Split::Channel));
        assert_eq!(count(&by_channel[0].1, "UID:review-"), 0);
    }
}
