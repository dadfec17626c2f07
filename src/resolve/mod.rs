//! Resolve: from the raw files of one plan to a `Plan`. Merges the plan file
//! with its fragments (an id declared twice is an error pointing at both),
//! builds the workday calendar, looks up every name (with a did-you-mean when
//! it is unknown) and evaluates every expression. A `Plan` exists only when
//! the plan's metadata could be read; everything else degrades item by item,
//! so one run reports every problem.

pub mod budget;
pub mod dates;
pub mod load;
mod names;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::calendar::{WorkCalendar, WorkWeek};
use crate::diagnostics::{Diagnostic, codes};
use crate::model::*;
use crate::ratio::Ratio;
use crate::source::{SourceMap, Span, Spanned};
use crate::syntax::ast::{self, Exception, Unit};
use crate::syntax::raw::*;
use dates::DateCx;
use load::Loaded;
use names::{Index, PlanNames};

/// Resolves a loaded plan. `None` when its `[plan]` table is unusable.
pub fn resolve(sources: &SourceMap, loaded: Loaded, diags: &mut Vec<Diagnostic>) -> Option<Plan> {
    let partial = loaded.incomplete;
    let mut files = loaded.files;
    let root = files.first_mut()?;
    let meta = root.plan.take()?;
    let root_file = root.file;
    let m = merge(files, diags);

    let currency = currency(meta.currency.as_ref(), diags);
    let period = plan_period(&meta, diags)?;
    let week = match &meta.working_week {
        Some(w) if w.value.is_empty() => WorkWeek::mon_fri(),
        Some(w) => WorkWeek::from_days(&w.value),
        None => WorkWeek::mon_fri(),
    };
    let calendar_name = match &meta.calendar {
        Some(c) if matches!(c.text.as_str(), "cn" | "none") => c.text.clone(),
        Some(c) => {
            diags.push(
                Diagnostic::new(&codes::S006, c.span(), format!("unknown holiday calendar `{}`", c.text))
                    .label("not a built-in calendar")
                    .help("use `calendar = \"cn\"` (China's official holidays and make-up workdays) or `calendar = \"none\"` (only the plan's own `[holidays]`)"),
            );
            "cn".into()
        }
        None => "cn".into(),
    };
    let mut calendar = WorkCalendar::new(week);
    if calendar_name == "cn" {
        calendar = calendar.with_cn_official();
    }

    // The plan's own holidays, evaluated on the calendar without them.
    let mut holidays = Vec::new();
    {
        let base = calendar.clone();
        let cx = DateCx {
            period: period.value,
            calendar: &base,
        };
        let mut no_names = names::NoNames;
        for h in &m.holidays {
            let name = text_or(&h.name, &h.id.name);
            let off: Vec<_> = h
                .off
                .iter()
                .filter_map(Val::known)
                .filter_map(|e| {
                    cx.range(&mut no_names, &e.node, &e.src, diags)
                        .map(|value| Spanned {
                            value,
                            span: e.span(),
                        })
                })
                .collect();
            let workdays: Vec<_> = h
                .workdays
                .iter()
                .filter_map(Val::known)
                .filter_map(|e| {
                    cx.date(&mut no_names, &e.node, &e.src, diags)
                        .map(|value| Spanned {
                            value,
                            span: e.span(),
                        })
                })
                .collect();
            for r in &off {
                let mut d = r.value.start;
                while d <= r.value.end {
                    calendar.add_holiday(d, &name);
                    d = d.succ_opt()?;
                }
            }
            for w in &workdays {
                calendar.add_makeup_workday(w.value, &name);
            }
            holidays.push(Holiday {
                id: h.id.clone(),
                name,
                off,
                workdays,
            });
        }
    }

    let cx = DateCx {
        period: period.value,
        calendar: &calendar,
    };
    // Names the plan uses may be declared in an include that did not load.
    let people = Index::new(m.people.iter().map(|p| p.id.name.as_str())).partial(partial);
    let channels = Index::new(m.channels.iter().map(|c| c.id.name.as_str())).partial(partial);
    let levels = Index::new(m.review.iter().map(|l| l.id.name.as_str())).partial(partial);

    let mut names = PlanNames::new(&m.moments, &m.campaigns, diags).partial(partial);
    // `[budget]` is declared in one file; if none of the loaded files has
    // it, its lines may be in the one that did not load.
    let lines_unknown = partial && m.budget.is_none();
    let budget = budget::resolve_budget(m.budget.as_ref(), &currency, diags);

    let mut moments = Vec::new();
    for mo in &m.moments {
        let Val::Known(date) = &mo.date else {
            continue;
        };
        let Some(Some(when)) = names.range(&cx, &mo.id.name, diags) else {
            continue;
        };
        moments.push(Moment {
            id: mo.id.clone(),
            name: text_or(&mo.name, &mo.id.name),
            when: Spanned {
                value: when,
                span: date.span(),
            },
            channels: channels.refs(&mo.channels, "channel", diags),
            content: text(&mo.content),
        });
    }

    let mut campaigns = Vec::new();
    let mut unresolved = Vec::new();
    for c in &m.campaigns {
        let window = names.range(&cx, &c.id.name, diags).flatten();
        let owner = c
            .owner
            .as_ref()
            .and_then(|o| people.get(o, "person", diags));
        let mut draws = Vec::new();
        for d in &c.budget {
            if lines_unknown {
                break;
            }
            let Some(line) = budget::lookup(&budget.lines, &d.line, d.line_span, diags) else {
                continue;
            };
            let (amount, span) = match &d.amount {
                Val::Known(e) => (
                    budget::draw_amount(&budget, line, e, &currency, diags),
                    e.span(),
                ),
                Val::Unknown(span) => (None, *span),
                Val::Absent => continue,
            };
            draws.push(Draw { line, amount, span });
        }
        let campaign_channels = channels.refs(&c.channels, "channel", diags);
        let (Some(window), Val::Known(window_expr)) = (window, &c.window) else {
            unresolved.push(c.id.name.clone());
            continue;
        };
        let tasks = resolve_tasks(
            &cx,
            &mut names,
            c,
            window,
            &Ids {
                people: &people,
                channels: &channels,
                levels: &levels,
            },
            diags,
        );
        campaigns.push(Campaign {
            id: c.id.clone(),
            name: text_or(&c.name, &c.id.name),
            window: Spanned {
                value: window,
                span: window_expr.span(),
            },
            channels: campaign_channels,
            owner,
            flagship: c.flagship.is_some_and(|f| f.value),
            messages: c.messages.iter().map(|s| s.text.clone()).collect(),
            description: text(&c.description),
            budget: draws,
            kpis: c
                .kpis
                .iter()
                .filter_map(|(id, e)| Some((id.clone(), e.known()?.node.clone())))
                .collect(),
            tasks,
        });
    }

    let mut columns = Vec::new();
    for col in &m.columns {
        let Val::Known(every) = &col.every else {
            continue;
        };
        if let Some(bad) = every.node.frequency.zero_interval() {
            diags.push(
                Diagnostic::new(&codes::S006, every.span(), format!("`{bad}` never repeats"))
                    .label("interval of 0")
                    .help("the interval must be at least 1, e.g. `every 2 weeks on mon`"),
            );
            continue;
        }
        // A date that could not be read or computed leaves the column's
        // days unknown: every value is still checked, but the column is
        // left out of the plan rather than scheduled on the wrong days.
        let mut unknown = false;
        let during = match &col.during {
            Val::Known(e) => match cx.range(&mut names.with(&cx), &e.node, &e.src, diags) {
                Some(r) => Spanned {
                    value: r,
                    span: e.span(),
                },
                None => continue,
            },
            Val::Unknown(_) => continue,
            Val::Absent => period,
        };
        let mut skip = Vec::new();
        for e in &col.skip {
            let d = e
                .known()
                .and_then(|e| cx.date(&mut names.with(&cx), &e.node, &e.src, diags));
            match (d, e) {
                (Some(d), Val::Known(e)) => skip.push(Spanned {
                    value: d,
                    span: e.span(),
                }),
                _ => unknown = true,
            }
        }
        for ex in &every.node.except {
            if let Exception::Date(d) = ex {
                match cx.date(&mut names.with(&cx), d, &every.src, diags) {
                    Some(v) => skip.push(Spanned {
                        value: v,
                        span: every.src.at(d.loc),
                    }),
                    None => unknown = true,
                }
            }
        }
        let mut pause = Vec::new();
        for e in &col.pause {
            let r = e
                .known()
                .and_then(|e| cx.range(&mut names.with(&cx), &e.node, &e.src, diags));
            match (r, e) {
                (Some(r), Val::Known(e)) => pause.push(Spanned {
                    value: r,
                    span: e.span(),
                }),
                _ => unknown = true,
            }
        }
        let mut moves = Vec::new();
        for m in &col.moves {
            let Val::Known((from, to)) = m else {
                unknown = true;
                continue;
            };
            let f = cx.date(&mut names.with(&cx), &from.node, &from.src, diags);
            let t = cx.date(&mut names.with(&cx), &to.node, &to.src, diags);
            if let (Some(f), Some(t)) = (f, t) {
                moves.push((
                    Spanned {
                        value: f,
                        span: from.span(),
                    },
                    Spanned {
                        value: t,
                        span: to.span(),
                    },
                ));
            } else {
                unknown = true;
            }
        }
        let publishes_on_holidays = match &col.holidays {
            None => false,
            Some(h) if h.text == "publish" => true,
            Some(h) if h.text == "skip" => false,
            Some(h) => {
                diags.push(
                    Diagnostic::new(&codes::S006, h.span(), format!("`{}` is not a holiday policy", h.text))
                        .label("expected `publish` or `skip`")
                        .help("`holidays = \"publish\"` publishes on holidays on purpose; to skip them write `except holidays` in `every`"),
                );
                unknown = true;
                false
            }
        };
        let skips_holidays = every.node.except.contains(&Exception::Holidays)
            || col.holidays.as_ref().is_some_and(|h| h.text == "skip");
        let column = Column {
            id: col.id.clone(),
            pause,
            moves,
            skips_holidays,
            publishes_on_holidays,
            name: text_or(&col.name, &col.id.name),
            channel: col
                .channel
                .as_ref()
                .and_then(|c| channels.get(c, "channel", diags)),
            owner: col
                .owner
                .as_ref()
                .and_then(|o| people.get(o, "person", diags)),
            time: every.node.time,
            recurrence: every.node.clone(),
            recurrence_span: every.span(),
            during,
            skip,
            category: text(&col.category),
            effort_hours: col.effort.known().and_then(|e| hours(e, diags)),
            description: text(&col.description),
        };
        if !unknown {
            columns.push(column);
        }
    }

    let mut blackouts = Vec::new();
    for b in &m.blackouts {
        let Val::Known(e) = &b.date else {
            continue;
        };
        let Some(when) = cx.range(&mut names.with(&cx), &e.node, &e.src, diags) else {
            continue;
        };
        blackouts.push(Blackout {
            id: b.id.clone(),
            reason: text_or(&b.reason, &b.id.name),
            when: Spanned {
                value: when,
                span: e.span(),
            },
            channels: channels.refs(&b.channels, "channel", diags),
        });
    }

    let review = m
        .review
        .iter()
        .map(|l| {
            let lead_time = l.lead.known().and_then(|e| lead(e, diags));
            let response = l.response.known().and_then(|e| lead(e, diags));
            ReviewLevel {
                id: l.id.clone(),
                name: text_or(&l.name, &l.id.name),
                checks: text(&l.checks),
                unknown: (l.lead.is_given() && lead_time.is_none())
                    || (l.response.is_given() && response.is_none()),
                lead: lead_time,
                response,
                owner: l
                    .owner
                    .as_ref()
                    .and_then(|o| people.get(o, "person", diags)),
            }
        })
        .collect();

    let reserve = m.reserve.as_ref().and_then(|r| {
        let share = r.share.known()?;
        let percent = budget::share_percent(share, diags)?;
        Some(Reserve {
            percent: Spanned {
                value: percent,
                span: share.span(),
            },
            purpose: text(&r.purpose),
        })
    });

    let kpi_ids = Index::new(m.kpis.iter().map(|k| k.id.name.as_str())).partial(partial);
    let kpis = m
        .kpis
        .iter()
        .map(|k| Kpi {
            id: k.id.clone(),
            name: text_or(&k.name, &k.id.name),
            unit: [&k.target, &k.baseline, &k.actual]
                .into_iter()
                .filter_map(Val::known)
                .map(|e| e.node.unit)
                .next(),
            direction: direction(k.direction.as_ref(), diags),
            baseline: kpi_value(&k.baseline),
            target: kpi_value(&k.target),
            actual: kpi_value(&k.actual),
            channel: k
                .channel
                .as_ref()
                .and_then(|c| channels.get(c, "channel", diags)),
            part_of: k
                .part_of
                .as_ref()
                .and_then(|p| kpi_ids.get(p, "KPI", diags)),
            group: text(&k.group),
            note: text(&k.note),
        })
        .collect();

    let kol = m.kol.as_ref().map(|k| {
        let line = k
            .budget
            .as_ref()
            .filter(|_| !lines_unknown)
            .and_then(|b| budget::lookup(&budget.lines, &b.text, b.span(), diags));
        KolPolicy {
            line,
            line_span: k.budget.as_ref().map_or(k.span, Str::span),
            incomplete: k.pyramid.iter().any(|(_, e)| {
                // An unreadable tier or one out of range: the split is not known.
                e.known()
                    .is_none_or(|e| e.node.percent > Ratio::HUNDRED || e.node.percent.is_negative())
            }),
            pyramid: k
                .pyramid
                .iter()
                .filter_map(|(id, e)| {
                    let e = e.known()?;
                    let p = budget::share_percent(e, diags)?;
                    Some((
                        id.clone(),
                        Spanned {
                            value: p,
                            span: e.span(),
                        },
                    ))
                })
                .collect(),
            criteria: k
                .criteria
                .iter()
                .filter_map(|(id, e)| Some((id.clone(), e.known()?.node.clone())))
                .collect(),
        }
    });

    let (id, id_span) = plan_id(&meta, sources, root_file, diags);
    let plan = Plan {
        id,
        id_span,
        name: meta
            .name
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_else(|| file_stem(sources, root_file)),
        span: meta.span,
        period,
        timezone: timezone(meta.timezone.as_ref(), diags),
        currency: currency.clone(),
        locale: locale(meta.locale.as_ref(), diags),
        calendar_name,
        calendar,
        previous: meta.previous.as_ref().map(|s| Spanned {
            value: s.text.clone(),
            span: s.span(),
        }),
        theme: text(&meta.theme),
        key_messages: meta.key_messages.iter().map(|s| s.text.clone()).collect(),
        threads: meta.threads.iter().map(|s| s.text.clone()).collect(),
        description: text(&meta.description),
        holidays,
        people: m
            .people
            .iter()
            .map(|p| Person {
                id: p.id.clone(),
                name: text_or(&p.name, &p.id.name),
                role: text(&p.role),
                capacity: p.capacity.known().and_then(|e| {
                    hours(e, diags).map(|value| Spanned {
                        value,
                        span: e.span(),
                    })
                }),
            })
            .collect(),
        channels: m
            .channels
            .iter()
            .map(|c| Channel {
                id: c.id.clone(),
                name: text_or(&c.name, &c.id.name),
                followers: c.followers.known().map(|q| q.node.value),
                slots_per_week: c.slots_per_week.known().and_then(|&s| {
                    count(s, diags).map(|value| Spanned {
                        value,
                        span: s.span,
                    })
                }),
                max_per_day: c.max_per_day.known().and_then(|&s| {
                    count(s, diags).map(|value| Spanned {
                        value,
                        span: s.span,
                    })
                }),
                note: text(&c.note),
            })
            .collect(),
        budget,
        campaigns,
        columns,
        moments,
        blackouts,
        review,
        reserve,
        kpis,
        kol,
        highlights: m
            .highlights
            .iter()
            .map(|h| Highlight {
                id: h.id.clone(),
                name: text_or(&h.name, &h.id.name),
                channels: channels.refs(&h.channels, "channel", diags),
                results: h.results.iter().map(|s| s.text.clone()).collect(),
            })
            .collect(),
        audiences: m
            .audiences
            .iter()
            .map(|a| Audience {
                id: a.id.clone(),
                name: text_or(&a.name, &a.id.name),
                messages: a.messages.iter().map(|s| s.text.clone()).collect(),
            })
            .collect(),
        guidelines: m
            .guidelines
            .iter()
            .map(|g| Guideline {
                id: g.id.clone(),
                text: text_or(&g.text, &g.id.name),
                within: g
                    .within
                    .known()
                    .and_then(|e| lead(e, diags))
                    .map(|d| d.value),
            })
            .collect(),
        assertions: m
            .assertions
            .iter()
            .filter_map(|a| {
                let e = a.expr.known()?;
                Some(UserAssertion {
                    id: a.id.clone(),
                    expr: e.node.clone(),
                    src: e.src.clone(),
                    message: text(&a.message),
                })
            })
            .collect(),
        effort: effort(m.effort.as_ref(), diags),
        rule_settings: m.rules,
        partial,
        unresolved,
    };
    Some(plan)
}

/// Everything the plan's files declare, merged.
#[derive(Default)]
struct Merged {
    holidays: Vec<RawHoliday>,
    people: Vec<RawPerson>,
    channels: Vec<RawChannel>,
    budget: Option<RawBudget>,
    campaigns: Vec<RawCampaign>,
    columns: Vec<RawColumn>,
    moments: Vec<RawMoment>,
    blackouts: Vec<RawBlackout>,
    review: Vec<RawReviewLevel>,
    reserve: Option<RawReserve>,
    kpis: Vec<RawKpi>,
    kol: Option<RawKol>,
    highlights: Vec<RawHighlight>,
    audiences: Vec<RawAudience>,
    guidelines: Vec<RawGuideline>,
    rules: Vec<RawRuleSetting>,
    assertions: Vec<RawAssertion>,
    effort: Option<RawEffort>,
}

fn merge(files: Vec<RawFile>, diags: &mut Vec<Diagnostic>) -> Merged {
    let mut m = Merged::default();
    for f in files {
        append(&mut m.holidays, f.holidays, "holiday", |x| &x.id, diags);
        append(&mut m.people, f.people, "person", |x| &x.id, diags);
        append(&mut m.channels, f.channels, "channel", |x| &x.id, diags);
        append(&mut m.campaigns, f.campaigns, "campaign", |x| &x.id, diags);
        append(&mut m.columns, f.columns, "column", |x| &x.id, diags);
        append(&mut m.moments, f.moments, "moment", |x| &x.id, diags);
        append(&mut m.blackouts, f.blackouts, "blackout", |x| &x.id, diags);
        append(&mut m.review, f.review, "review level", |x| &x.id, diags);
        append(&mut m.kpis, f.kpis, "KPI", |x| &x.id, diags);
        append(
            &mut m.highlights,
            f.highlights,
            "highlight",
            |x| &x.id,
            diags,
        );
        append(&mut m.audiences, f.audiences, "audience", |x| &x.id, diags);
        append(
            &mut m.guidelines,
            f.guidelines,
            "guideline",
            |x| &x.id,
            diags,
        );
        append(&mut m.rules, f.rules, "rule setting", |x| &x.key, diags);
        append(
            &mut m.assertions,
            f.assertions,
            "assertion",
            |x| &x.id,
            diags,
        );
        single(&mut m.budget, f.budget, "budget", |b| b.span, diags);
        single(&mut m.reserve, f.reserve, "reserve", |r| r.span, diags);
        single(&mut m.kol, f.kol, "kol", |k| k.span, diags);
        single(&mut m.effort, f.effort, "effort", |e| e.span, diags);
    }
    m
}

fn append<T>(
    into: &mut Vec<T>,
    items: Vec<T>,
    what: &str,
    id: impl Fn(&T) -> &Ident,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: BTreeMap<String, usize> = into
        .iter()
        .enumerate()
        .map(|(i, x)| (id(x).name.clone(), i))
        .collect();
    for item in items {
        let this = id(&item);
        if let Some(&first) = seen.get(&this.name) {
            diags.push(duplicate(what, this, id(&into[first]).span));
            continue;
        }
        seen.insert(this.name.clone(), into.len());
        into.push(item);
    }
}

pub fn duplicate(what: &str, this: &Ident, first: Span) -> Diagnostic {
    Diagnostic::new(
        &codes::R002,
        this.span,
        format!("{what} `{}` is declared twice", this.name),
    )
    .label("declared again here")
    .secondary(first, "first declared here")
    .help("ids must be unique; rename one of them or remove the copy")
}

fn single<T>(
    into: &mut Option<T>,
    item: Option<T>,
    what: &str,
    span: impl Fn(&T) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(item) = item else {
        return;
    };
    match into {
        Some(first) => diags.push(
            Diagnostic::new(
                &codes::R002,
                span(&item),
                format!("`[{what}]` is declared in two files"),
            )
            .label("declared again here")
            .secondary(span(first), "first declared here")
            .help(format!("keep one `[{what}]` table")),
        ),
        None => *into = Some(item),
    }
}

fn plan_period(meta: &RawMeta, diags: &mut Vec<Diagnostic>) -> Option<Spanned<DateRange>> {
    match (&meta.year, &meta.period) {
        (Val::Known(y), Val::Absent) => {
            let ok = i32::try_from(y.value).is_ok_and(|y| YEARS.contains(&y));
            let year = y.value as i32;
            let r = ok
                .then(|| {
                    Some(DateRange {
                        start: NaiveDate::from_ymd_opt(year, 1, 1)?,
                        end: NaiveDate::from_ymd_opt(year, 12, 31)?,
                    })
                })
                .flatten();
            if r.is_none() {
                diags.push(
                    Diagnostic::new(
                        &codes::S006,
                        y.span,
                        format!("`{}` is not a year almanac can plan", y.value),
                    )
                    .label("out of range")
                    .help("write a year such as `year = 2027`"),
                );
            }
            r.map(|value| Spanned {
                value,
                span: y.span,
            })
        }
        (Val::Absent, Val::Known(p)) => {
            let cal = WorkCalendar::new(WorkWeek::mon_fri());
            // A period must be absolute: relative dates have no year to fall in.
            let cx = DateCx {
                period: DateRange {
                    start: NaiveDate::from_ymd_opt(2000, 1, 1)?,
                    end: NaiveDate::from_ymd_opt(2000, 12, 31)?,
                },
                calendar: &cal,
            };
            let absolute = match &p.node {
                ast::RangeExpr::Between { start, end, .. } => {
                    matches!(start.base, ast::DateBase::Iso { .. })
                        && match end {
                            ast::RangeEnd::Date(d) => matches!(d.base, ast::DateBase::Iso { .. }),
                            ast::RangeEnd::Relative { .. } => true,
                        }
                }
                _ => false,
            };
            if !absolute {
                diags.push(
                    Diagnostic::new(&codes::S006, p.span(), "the plan's period must be written with full dates")
                        .label("no year to place it in")
                        .help("write `period = \"2027-04-01..2028-03-31\"`, or `year = 2027` for a calendar year"),
                );
                return None;
            }
            cx.range(&mut names::NoNames, &p.node, &p.src, diags)
                .map(|value| Spanned {
                    value,
                    span: p.span(),
                })
        }
        (Val::Known(y), Val::Known(p)) => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    p.span(),
                    "`[plan]` has both `year` and `period`",
                )
                .secondary(y.span, "year given here")
                .help("keep one: `year = 2027` or `period = \"2027-04-01..2028-03-31\"`"),
            );
            None
        }
        (Val::Absent, Val::Absent) => {
            diags.push(
                Diagnostic::new(
                    &codes::S007,
                    meta.span,
                    "`[plan]` needs a `year` or a `period`",
                )
                .label("in this table")
                .help("add `year = 2027`"),
            );
            None
        }
        // A year or period that could not be read is reported already.
        (Val::Unknown(_), _) | (_, Val::Unknown(_)) => None,
    }
}

/// The id tables a task refers to.
struct Ids<'a> {
    people: &'a Index,
    channels: &'a Index,
    levels: &'a Index,
}

fn resolve_tasks(
    cx: &DateCx<'_>,
    names: &mut PlanNames<'_>,
    c: &RawCampaign,
    window: DateRange,
    ix: &Ids<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Task> {
    let Ids {
        people,
        channels,
        levels,
    } = ix;
    let ids = Index::new(c.tasks.iter().map(|t| t.id.name.as_str()));
    for (i, t) in c.tasks.iter().enumerate() {
        if let Some(j) = c.tasks[..i].iter().position(|o| o.id.name == t.id.name) {
            diags.push(duplicate("task", &t.id, c.tasks[j].id.span));
        }
    }
    // Dependencies: `after` and task names used in `due`.
    let mut deps: Vec<Vec<usize>> = Vec::with_capacity(c.tasks.len());
    let mut after: Vec<Vec<usize>> = Vec::with_capacity(c.tasks.len());
    for t in &c.tasks {
        let a: Vec<usize> = t
            .after
            .iter()
            .filter_map(|s| ids.get(s, "task", diags))
            .collect();
        let mut a = a;
        let mut d = a.clone();
        if let Val::Known(due) = &t.due
            && let ast::DateBase::Name(path) = &due.node.base
            && path.len() == 1
            && let Some(j) = ids.find(&path[0])
        {
            d.push(j);
            if t.due_after && !a.contains(&j) {
                a.push(j);
            }
        }
        if !t.due.is_given() && t.after.is_empty() && t.duration.is_given() {
            diags.push(
                Diagnostic::new(
                    &codes::S007,
                    t.id.span,
                    format!(
                        "task `{}.{}` has a `duration` but nothing to count it from",
                        c.id.name, t.id.name
                    ),
                )
                .label("no `due` and no `after`")
                .help("add `after = [\"…\"]` naming the tasks it follows, or a `due` date"),
            );
        }
        deps.push(d);
        after.push(a);
    }
    let order = names::topo_order(&deps);
    if order.len() < c.tasks.len() {
        report_cycle(c, &deps, &order, diags);
    }
    let mut dates: Vec<Option<NaiveDate>> = vec![None; c.tasks.len()];
    let mut locals = BTreeMap::new();
    locals.insert("start".to_string(), window.start);
    locals.insert("end".to_string(), window.end);
    for &i in &order {
        let t = &c.tasks[i];
        let due = match &t.due {
            Val::Known(due) => due,
            Val::Unknown(_) => continue,
            Val::Absent => {
                // `after` and `duration` without `due`: done `duration` after the last dependency.
                let last = after[i].iter().filter_map(|&j| dates[j]).max();
                if let (Some(last), Val::Known(d)) = (last, &t.duration)
                    && after[i].iter().all(|&j| dates[j].is_some())
                {
                    let offset = ast::Offset {
                        negative: false,
                        duration: d.node,
                        loc: d.node.loc,
                    };
                    dates[i] = cx.apply(last, &[offset], &d.src, diags);
                }
                continue;
            }
        };
        if let ast::DateBase::Name(path) = &due.node.base
            && path.len() == 1
            && let Some(j) = ids.find(&path[0])
            && dates[j].is_none()
        {
            // A task without a date was reported where it is declared.
            continue;
        }
        for &j in &deps[i] {
            if let Some(d) = dates[j] {
                locals.insert(c.tasks[j].id.name.clone(), d);
            }
        }
        let mut scoped = names.with_locals(cx, &locals);
        dates[i] = cx.date(&mut scoped, &due.node, &due.src, diags);
    }
    c.tasks
        .iter()
        .enumerate()
        .map(|(i, t)| Task {
            id: t.id.clone(),
            name: text_or(&t.name, &t.id.name),
            owner: t
                .owner
                .as_ref()
                .and_then(|o| people.get(o, "person", diags)),
            role: raci(t.role.as_ref(), diags),
            accountable: t
                .accountable
                .as_ref()
                .and_then(|o| people.get(o, "person", diags)),
            consulted: people.refs(&t.consulted, "person", diags),
            informed: people.refs(&t.informed, "person", diags),
            due: dates[i].map(|d| Spanned {
                value: d,
                span: t
                    .due
                    .known()
                    .map(Expr::span)
                    .or(t.duration.known().map(Expr::span))
                    .unwrap_or(t.id.span),
            }),
            after: after[i].clone(),
            duration: t
                .duration
                .known()
                .and_then(|e| lead(e, diags))
                .map(|l| l.value),
            effort_hours: t.effort.known().and_then(|e| hours(e, diags)),
            publish: t.publish.is_some_and(|p| p.value),
            channels: channels.refs(&t.channels, "channel", diags),
            review: t.review.as_ref().and_then(|r| {
                levels.get(r, "review level", diags).map(|value| Spanned {
                    value,
                    span: r.span(),
                })
            }),
        })
        .collect()
}

fn report_cycle(
    c: &RawCampaign,
    deps: &[Vec<usize>],
    order: &[usize],
    diags: &mut Vec<Diagnostic>,
) {
    let mut done = vec![false; deps.len()];
    for &i in order {
        done[i] = true;
    }
    let mut reported = vec![false; deps.len()];
    for start in 0..deps.len() {
        if done[start] || reported[start] {
            continue;
        }
        // Walk unfinished dependencies until a task repeats: that is a cycle.
        let mut path = vec![start];
        let mut seen = BTreeMap::new();
        seen.insert(start, 0usize);
        let mut at = start;
        let cycle = loop {
            let Some(&next) = deps[at].iter().find(|&&j| !done[j]) else {
                break None;
            };
            if let Some(&pos) = seen.get(&next) {
                break Some(path[pos..].to_vec());
            }
            seen.insert(next, path.len());
            path.push(next);
            at = next;
        };
        let Some(cycle) = cycle else {
            continue;
        };
        if cycle.iter().any(|&i| reported[i]) {
            continue;
        }
        for &i in &cycle {
            reported[i] = true;
        }
        let mut names: Vec<&str> = cycle.iter().map(|&i| c.tasks[i].id.name.as_str()).collect();
        names.push(names[0]);
        let first = &c.tasks[cycle[0]];
        let mut d = Diagnostic::new(
            &codes::D005,
            first.id.span,
            format!(
                "tasks of `{}` depend on each other in a cycle: {}",
                c.id.name,
                names.join(" → ")
            ),
        )
        .label("this task waits for itself");
        for &i in &cycle[1..] {
            d = d.secondary(c.tasks[i].id.span, "part of the cycle");
        }
        diags.push(d.help(
            "remove one dependency (`after` or a date relative to another task) to break the cycle",
        ));
    }
    for i in 0..deps.len() {
        if !done[i] && !reported[i] {
            reported[i] = true;
        }
    }
}

fn text(s: &Option<Str>) -> Option<String> {
    s.as_ref().map(|s| s.text.clone())
}

fn text_or(s: &Option<Str>, default: &str) -> String {
    s.as_ref()
        .map_or_else(|| default.to_string(), |s| s.text.clone())
}

/// The plan's id and where it is written: `id`, or the file's name. An id
/// that cannot name an output folder is an error here, so `build` never
/// sees one.
fn plan_id(
    meta: &RawMeta,
    sources: &SourceMap,
    root_file: crate::source::FileId,
    diags: &mut Vec<Diagnostic>,
) -> (String, Span) {
    let (id, span) = match &meta.id {
        Some(s) => (s.text.clone(), s.span()),
        None => (file_stem(sources, root_file), meta.span),
    };
    if let Some(why) = crate::model::plan_id_problem(&id) {
        let d = if meta.id.is_some() {
            Diagnostic::new(&codes::S006, span, format!("`{id}` cannot be the plan's id: {why}"))
                .label("the plan's outputs are written to a folder of this name")
                .help("use letters, digits, `-` and `_`, starting with a letter or a digit, e.g. `new-media-2027`")
        } else {
            Diagnostic::new(
                &codes::S006,
                span,
                format!("the file name `{id}` cannot be the plan's id: {why}"),
            )
            .label("a plan without `id` takes its file's name")
            .help("give the plan an id in `[plan]`, e.g. `id = \"new-media-2027\"`")
        };
        diags.push(d);
    }
    (id, span)
}

fn file_stem(sources: &SourceMap, id: crate::source::FileId) -> String {
    sources
        .get(id)
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into())
}

fn hours(e: &Expr<ast::Duration>, diags: &mut Vec<Diagnostic>) -> Option<Ratio> {
    let d = e.node;
    let h = match d.unit {
        Unit::Hours => Ratio::int(d.amount as i128),
        Unit::Minutes => Ratio::new(d.amount as i128, 60)?,
        Unit::Days | Unit::Workdays => Ratio::int(d.amount as i128 * 8),
        Unit::Weeks => Ratio::int(d.amount as i128 * 40),
    };
    if h.is_negative() {
        diags.push(
            Diagnostic::new(&codes::S006, e.span(), "a duration cannot be negative")
                .label("negative")
                .help("write a positive duration such as `6h`"),
        );
        return None;
    }
    Some(h)
}

fn effort(raw: Option<&RawEffort>, diags: &mut Vec<Diagnostic>) -> Effort {
    let mut e = Effort::default();
    let Some(raw) = raw else {
        return e;
    };
    let mut set = |slot: &mut Ratio, v: &Val<Expr<ast::Duration>>| {
        if let Some(h) = v.known().and_then(|v| hours(v, diags)) {
            *slot = h;
        }
    };
    set(&mut e.task, &raw.task);
    set(&mut e.episode, &raw.episode);
    set(&mut e.review, &raw.review);
    e
}

fn lead(e: &Expr<ast::Duration>, diags: &mut Vec<Diagnostic>) -> Option<Spanned<Lead>> {
    let d = e.node;
    if d.amount < 0 {
        diags.push(
            Diagnostic::new(&codes::S006, e.span(), "a duration cannot be negative")
                .label("negative")
                .help("write e.g. `3d`, `3wd` or `24h`"),
        );
        return None;
    }
    let value = match d.unit {
        Unit::Days => Lead::Days(d.amount),
        Unit::Weeks => Lead::Days(d.amount * 7),
        Unit::Workdays => Lead::Workdays(d.amount),
        Unit::Hours => Lead::Hours(d.amount),
        Unit::Minutes => Lead::Hours((d.amount + 59) / 60),
    };
    Some(Spanned {
        value,
        span: e.span(),
    })
}

fn count(s: Spanned<i64>, diags: &mut Vec<Diagnostic>) -> Option<u32> {
    match u32::try_from(s.value) {
        Ok(v) => Some(v),
        Err(_) => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    s.span,
                    format!("`{}` is not a count", s.value),
                )
                .label("expected 0 or more")
                .help("write a whole number such as `7`"),
            );
            None
        }
    }
}

fn kpi_value(e: &Val<Expr<ast::Quantity>>) -> Option<KpiValue> {
    e.known().map(|e| KpiValue {
        q: e.node.clone(),
        span: e.span(),
    })
}

fn direction(s: Option<&Str>, diags: &mut Vec<Diagnostic>) -> Option<Direction> {
    let Some(s) = s else {
        return Some(Direction::Up);
    };
    match s.text.as_str() {
        "up" | "higher" => Some(Direction::Up),
        "down" | "lower" => Some(Direction::Down),
        other => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    s.span(),
                    format!("`{other}` is not a direction"),
                )
                .label("expected `up` or `down`")
                .help(
                    "`up`: higher is better (followers); `down`: lower is better (cost per lead)",
                ),
            );
            None
        }
    }
}

fn raci(s: Option<&Str>, diags: &mut Vec<Diagnostic>) -> Raci {
    let Some(s) = s else {
        return Raci::Responsible;
    };
    match s.text.to_lowercase().as_str() {
        "r" | "responsible" => Raci::Responsible,
        "a" | "accountable" => Raci::Accountable,
        "c" | "consulted" => Raci::Consulted,
        "i" | "informed" => Raci::Informed,
        _ => {
            diags.push(
                Diagnostic::new(&codes::S006, s.span(), format!("`{}` is not a RACI role", s.text))
                    .label("expected R, A, C or I")
                    .help("`raci = \"R\"` (responsible), `\"A\"` (accountable), `\"C\"` (consulted) or `\"I\"` (informed)"),
            );
            Raci::Responsible
        }
    }
}

/// An ISO 4217 code (`CNY`, `EUR`); `RMB` and lower case get a help line.
fn currency(s: Option<&Str>, diags: &mut Vec<Diagnostic>) -> String {
    let Some(s) = s else {
        return "CNY".into();
    };
    let t = s.text.trim();
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_uppercase()) && t != "RMB" {
        return t.to_string();
    }
    let help = match t.to_uppercase().as_str() {
        "RMB" | "¥" | "￥" | "YUAN" | "人民币" => {
            "the ISO code of the renminbi is `CNY`".to_string()
        }
        up if up.len() == 3 && up.chars().all(|c| c.is_ascii_alphabetic()) => {
            format!("write it in capitals: `{up}`")
        }
        _ => "write an ISO 4217 code such as `CNY`, `USD` or `EUR`".to_string(),
    };
    diags.push(
        Diagnostic::new(
            &codes::S006,
            s.span(),
            format!("`{t}` is not a currency code"),
        )
        .label("expected three capital letters")
        .help(help),
    );
    "CNY".into()
}

/// An IANA zone name (`Asia/Shanghai`) or `UTC`; checked for shape only.
fn timezone(s: Option<&Str>, diags: &mut Vec<Diagnostic>) -> String {
    let Some(s) = s else {
        return "Asia/Shanghai".into();
    };
    let t = s.text.trim();
    let shaped = t == "UTC"
        || t.split('/').count() >= 2
            && t.split('/').all(|p| {
                !p.is_empty()
                    && p.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-+".contains(c))
            });
    if !shaped {
        diags.push(
            Diagnostic::new(&codes::S006, s.span(), format!("`{t}` is not a time zone name"))
                .label("expected an IANA zone such as `Asia/Shanghai`")
                .help("write the zone's IANA name, e.g. `Asia/Shanghai`, `Europe/Berlin`, `America/New_York`, or `UTC`"),
        );
        return "Asia/Shanghai".into();
    }
    t.to_string()
}

fn locale(s: Option<&Str>, diags: &mut Vec<Diagnostic>) -> Locale {
    let Some(s) = s else {
        return Locale::ZhCn;
    };
    match s.text.to_lowercase().replace('_', "-").as_str() {
        "zh" | "zh-cn" | "zh-hans" => Locale::ZhCn,
        "en" | "en-us" | "en-gb" => Locale::En,
        _ => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    s.span(),
                    format!("unsupported locale `{}`", s.text),
                )
                .label("expected `zh-CN` or `en`")
                .help("almanac writes its outputs in `zh-CN` or `en`"),
            );
            Locale::ZhCn
        }
    }
}
