//! What the slides say, decided from the plans alone. A year-end deck is
//! last year's plan with its actuals (the review) followed by next year's
//! plan; it follows the founding document's fourteen-section outline, and
//! a section for which the plans hold no data is left out rather than
//! shown empty. Everything here is exact until it becomes text: shares and
//! completion rates come from `Ratio`s, and chart lengths are rounded to
//! whole per-mille only at the end.
//!
//! Text that does not fit a slide is shortened here (see `deck::shorten`)
//! and given in full in the speaker notes; bodies with more entries than a
//! slide holds are split over several slides.

use chrono::{Datelike, NaiveDate};

use crate::locale::{Words, words};
use crate::model::{Direction, Kpi, Lead, Locale, Plan, money_text, percent_text};
use crate::model::{grouped, quantity_text};
use crate::ratio::Ratio;
use crate::syntax::ast::{Frequency, MonthDay, Quantity, QuantityUnit};

use super::deck::*;

/// The founding document's sections, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Sec {
    Results,
    Platforms,
    Content,
    Growth,
    Community,
    Brand,
    Ads,
    Data,
    Team,
    Trends,
    Framework,
    Creative,
    Tech,
    Budget,
}

impl Sec {
    /// The section for a KPI `group`; `None` for the overview.
    fn of_group(group: &str) -> Sec {
        match group.to_ascii_lowercase().as_str() {
            "growth" | "retention" | "users" | "followers" => Sec::Growth,
            "community" | "private" => Sec::Community,
            "brand" | "media" | "kol" | "crisis" | "pr" | "sentiment" => Sec::Brand,
            "ads" | "ad" | "roi" | "advertising" => Sec::Ads,
            "data" | "engagement" | "conversion" | "funnel" => Sec::Data,
            "team" => Sec::Team,
            "trends" | "industry" => Sec::Trends,
            "tech" | "tools" | "technology" => Sec::Tech,
            _ => Sec::Results,
        }
    }
}

/// A slide before numbering.
struct Draft {
    sec: Option<Sec>,
    key: String,
    title: String,
    body: Body,
    notes: Vec<String>,
}

/// Whether a plan holds results to review.
pub fn has_actuals(plan: &Plan) -> bool {
    plan.kpis.iter().any(|k| k.actual.is_some()) || !plan.highlights.is_empty()
}

/// The deck for a review (a plan with actuals), a plan, or both.
pub fn deck(review: Option<&Plan>, plan: Option<&Plan>, locale: Locale) -> Deck {
    let w = words(locale);
    let kind = match (review, plan) {
        (Some(_), Some(_)) => DeckKind::YearEnd,
        (Some(_), None) => DeckKind::Review,
        _ => DeckKind::Plan,
    };
    // A year-end deck has two parts, each opened by a divider.
    let divider = |number: &str, p: &Plan, title: &str| Draft {
        sec: None,
        key: "part".into(),
        title: format!("{} {title}", p.period.value.start.year()),
        body: Body::Divider {
            number: number.to_string(),
        },
        notes: Vec::new(),
    };
    let mut drafts = Vec::new();
    if let Some(r) = review {
        if plan.is_some() {
            drafts.push(divider(w.part_review, r, w.review_title));
        }
        review_slides(r, w, &mut drafts);
    }
    if let Some(p) = plan {
        if review.is_some() {
            drafts.push(divider(w.part_plan, p, w.plan_title));
        }
        plan_slides(p, w, &mut drafts);
    }
    let last = plan.or(review);
    let id = last.map_or_else(String::new, |p| p.id.clone());
    let (title, subtitle, lines) = match (review, plan) {
        (Some(r), Some(p)) => (
            match locale {
                Locale::ZhCn => format!(
                    "{} 年终总结 · {} 传播计划",
                    r.period.value.start.year(),
                    p.period.value.start.year()
                ),
                Locale::En => format!(
                    "{} review · {} plan",
                    r.period.value.start.year(),
                    p.period.value.start.year()
                ),
            },
            Some(w.year_end_subtitle.to_string()),
            vec![r.name.clone(), p.name.clone()],
        ),
        (Some(p), None) | (None, Some(p)) => (
            p.name.clone(),
            p.description.clone(),
            vec![format!("{} – {}", p.period.value.start, p.period.value.end)],
        ),
        (None, None) => (String::new(), None, Vec::new()),
    };
    let mut lines: Vec<String> = lines.iter().map(|l| shorten(l, WIDTH_LINE)).collect();
    lines.push(w.generated_from.to_string());
    let mut cover_notes = Vec::new();
    if let Some(s) = &subtitle
        && s.len() != shorten(s, WIDTH_LINE).len()
    {
        cover_notes.push(s.clone());
    }
    let mut slides = vec![Slide {
        id: "s01-cover".into(),
        section: None,
        title: shorten(&title, WIDTH_TITLE * 2),
        body: Body::Cover {
            subtitle: subtitle.map(|s| shorten(&s, WIDTH_LINE)),
            lines,
        },
        notes: cover_notes,
    }];
    // Sections are numbered in the order they appear.
    let mut order: Vec<Sec> = Vec::new();
    for d in &drafts {
        if let Some(s) = d.sec
            && !order.contains(&s)
        {
            order.push(s);
        }
    }
    let number = |s: Sec| order.iter().position(|o| *o == s).map_or(0, |i| i + 1);
    if !order.is_empty() {
        slides.push(Slide {
            id: "s02-agenda".into(),
            section: None,
            title: w.agenda.to_string(),
            body: Body::Agenda {
                items: order
                    .iter()
                    .take(MAX_AGENDA)
                    .map(|s| AgendaItem {
                        number: format!("{:02}", number(*s)),
                        title: w.sections[*s as usize].to_string(),
                    })
                    .collect(),
            },
            notes: Vec::new(),
        });
    }
    for d in drafts {
        let section = d
            .sec
            .map(|s| format!("{:02} {}", number(s), w.sections[s as usize]));
        slides.push(Slide {
            id: format!("s{:02}-{}", slides.len() + 1, d.key),
            section,
            title: shorten(&d.title, WIDTH_TITLE),
            body: d.body,
            notes: d.notes,
        });
    }
    Deck {
        id,
        kind,
        lang: w.locale,
        title,
        slides,
    }
}

fn review_slides(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
    // 1. The scorecard: KPIs measured against a target or a baseline.
    let scored: Vec<&Kpi> = p
        .kpis
        .iter()
        .filter(|k| k.channel.is_none() && (k.target.is_some() || k.baseline.is_some()))
        .collect();
    kpi_tables(
        &scored,
        (Sec::Results, "scorecard", w.scorecard),
        &[
            (w.kpi, false),
            (w.baseline, true),
            (w.target, true),
            (w.actual, true),
            (w.completion, true),
        ],
        |k| {
            let (text, status) = completion(k, w);
            let cells = vec![
                value(&k.baseline, w),
                value(&k.target, w),
                value(&k.actual, w),
                text,
            ];
            (cells, status)
        },
        w,
        out,
    );

    // 1. Budget planned against spent, where the plan says what was spent.
    let spent: Vec<usize> = (0..p.budget.lines.len())
        .filter(|&i| p.budget.lines[i].spent.is_some())
        .collect();
    for (i, page) in pages(&spent, MAX_TABLE_ROWS).enumerate() {
        let rows = page
            .iter()
            .map(|&l| {
                let line = &p.budget.lines[l];
                let spent = line.spent.unwrap_or(Ratio::ZERO);
                let planned = shown(line.amount);
                let rate = spent
                    .checked_mul(Ratio::HUNDRED)
                    .and_then(|v| v.checked_div(planned));
                let name = if l == 0 { w.total } else { line_name(p, l) };
                Row {
                    cells: vec![
                        shorten(name, WIDTH_CELL),
                        money_text(planned, &p.currency),
                        money_text(spent, &p.currency),
                        rate.map(|r| percent_text(round_to(r, 1)))
                            .unwrap_or_default(),
                    ],
                    status: if spent <= planned {
                        Status::Hit
                    } else {
                        Status::Miss
                    },
                }
            })
            .collect();
        out.push(Draft {
            sec: Some(Sec::Results),
            key: "spending".into(),
            title: paged(w.spending, i, spent.len(), MAX_TABLE_ROWS),
            body: Body::Table(Table {
                columns: columns(&[
                    (w.line, false),
                    (w.planned, true),
                    (w.spent, true),
                    (w.spent_share, true),
                ]),
                rows,
            }),
            notes: Vec::new(),
        });
    }

    // 2. Growth by platform: KPIs tied to a channel, one chart per unit.
    let per_channel: Vec<&Kpi> = p
        .kpis
        .iter()
        .filter(|k| k.channel.is_some() && k.actual.is_some())
        .collect();
    let mut units: Vec<QuantityUnit> = Vec::new();
    for k in &per_channel {
        let u = k.actual.as_ref().map_or(QuantityUnit::Number, |v| v.q.unit);
        if !units.contains(&u) {
            units.push(u);
        }
    }
    for unit in units {
        let kpis: Vec<&Kpi> = per_channel
            .iter()
            .copied()
            .filter(|k| k.actual.as_ref().is_some_and(|v| v.q.unit == unit))
            .collect();
        let one_per_channel = {
            let mut ch: Vec<usize> = kpis.iter().filter_map(|k| k.channel).collect();
            ch.dedup();
            ch.len() == kpis.len()
        };
        for (i, page) in pages(&kpis, MAX_BARS).enumerate() {
            let max = page
                .iter()
                .flat_map(|k| [&k.actual, &k.target])
                .filter_map(|v| v.as_ref().map(|v| v.q.value))
                .max()
                .unwrap_or(Ratio::ONE);
            let mut notes = Vec::new();
            let bars = page
                .iter()
                .map(|k| {
                    let actual = k.actual.as_ref().map(|v| &v.q);
                    let label = match (one_per_channel, k.channel) {
                        (true, Some(c)) => p.channels[c].name.clone(),
                        _ => k.name.clone(),
                    };
                    kpi_notes(k, w, &mut notes);
                    Bar {
                        label: shorten(&label, WIDTH_LABEL),
                        value: actual.map(|q| quantity(q, w)).unwrap_or_default(),
                        length: actual.map_or(0, |q| per_mille(q.value, max)),
                        target: k.target.as_ref().map(|t| Marker {
                            label: format!("{} {}", w.target, quantity(&t.q, w)),
                            at: per_mille(t.q.value, max),
                        }),
                        note: k.note.as_deref().map(|n| shorten(n, WIDTH_LINE)),
                        status: completion(k, w).1,
                    }
                })
                .collect();
            out.push(Draft {
                sec: Some(Sec::Platforms),
                key: "platforms".into(),
                title: paged(w.platforms, i, kpis.len(), MAX_BARS),
                body: Body::Bars(Bars {
                    caption: common_name(&kpis, p),
                    bars,
                }),
                notes,
            });
        }
    }

    // 3. The year's top content.
    for (i, page) in pages(&p.highlights, MAX_CARDS).enumerate() {
        let mut notes = Vec::new();
        let cards = page
            .iter()
            .map(|h| {
                let channels: Vec<&str> = h
                    .channels
                    .iter()
                    .map(|c| p.channels[*c].name.as_str())
                    .collect();
                notes.push(format!(
                    "{} ({}){}{}",
                    h.name,
                    channels.join(w.comma),
                    w.colon,
                    h.results.join(w.semicolon)
                ));
                Card {
                    title: shorten(&h.name, WIDTH_ITEM),
                    subtitle: (!channels.is_empty())
                        .then(|| shorten(&channels.join(" · "), WIDTH_ITEM)),
                    lines: h
                        .results
                        .iter()
                        .take(4)
                        .map(|r| shorten(r, WIDTH_ITEM))
                        .collect(),
                }
            })
            .collect();
        out.push(Draft {
            sec: Some(Sec::Content),
            key: "top-content".into(),
            title: paged(w.top_content, i, p.highlights.len(), MAX_CARDS),
            body: Body::Cards { cards },
            notes,
        });
    }

    // 4–10. Other results, by the section their group belongs to.
    let rest: Vec<&Kpi> = p
        .kpis
        .iter()
        .filter(|k| k.channel.is_none() && k.target.is_none() && k.baseline.is_none())
        .filter(|k| k.actual.is_some())
        .collect();
    let mut secs: Vec<Sec> = rest
        .iter()
        .map(|k| Sec::of_group(k.group.as_deref().unwrap_or("")))
        .collect();
    secs.sort();
    secs.dedup();
    for sec in secs {
        let kpis: Vec<&Kpi> = rest
            .iter()
            .copied()
            .filter(|k| Sec::of_group(k.group.as_deref().unwrap_or("")) == sec)
            .collect();
        kpi_tables(
            &kpis,
            (sec, "figures", w.more_results),
            &[(w.kpi, false), (w.actual, true), (w.note, false)],
            |k| (vec![value(&k.actual, w), note(k)], Status::None),
            w,
            out,
        );
    }

    // 9. The team, and how it worked.
    team_slides(p, w, out);
    guideline_slides(p, Sec::Team, w.practices, out);
}

fn team_slides(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
    for (i, page) in pages(&p.people, MAX_TABLE_ROWS).enumerate() {
        let rows = page
            .iter()
            .map(|person| Row {
                cells: vec![
                    shorten(&person.name, WIDTH_CELL),
                    person
                        .role
                        .as_deref()
                        .map(|r| shorten(r, WIDTH_CELL))
                        .unwrap_or_default(),
                    person
                        .capacity
                        .as_ref()
                        .map(|c| grouped(c.value))
                        .unwrap_or_default(),
                ],
                status: Status::None,
            })
            .collect();
        out.push(Draft {
            sec: Some(Sec::Team),
            key: "team".into(),
            title: paged(w.team, i, p.people.len(), MAX_TABLE_ROWS),
            body: Body::Table(Table {
                columns: columns(&[(w.member, false), (w.role, false), (w.capacity, true)]),
                rows,
            }),
            notes: Vec::new(),
        });
    }
}

fn guideline_slides(p: &Plan, sec: Sec, title: &str, out: &mut Vec<Draft>) {
    for (i, page) in pages(&p.guidelines, MAX_BULLETS).enumerate() {
        let mut notes = Vec::new();
        let items = page
            .iter()
            .map(|g| {
                let short = shorten(&g.text, WIDTH_LINE);
                if short != g.text {
                    notes.push(g.text.clone());
                }
                short
            })
            .collect();
        out.push(Draft {
            sec: Some(sec),
            key: "rules".into(),
            title: paged(title, i, p.guidelines.len(), MAX_BULLETS),
            body: Body::Bullets { items },
            notes,
        });
    }
}

fn plan_slides(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
    let year = p.period.value.start.year();
    // 11. Theme, key messages, threads and what each audience hears.
    if p.theme.is_some() || !p.key_messages.is_empty() || !p.audiences.is_empty() {
        let mut groups = Vec::new();
        if !p.threads.is_empty() {
            groups.push(Group {
                label: w.threads.to_string(),
                items: p
                    .threads
                    .iter()
                    .take(6)
                    .map(|t| shorten(t, WIDTH_LABEL))
                    .collect(),
            });
        }
        for a in p.audiences.iter().take(3) {
            groups.push(Group {
                label: shorten(&a.name, WIDTH_LABEL),
                items: a
                    .messages
                    .iter()
                    .take(6)
                    .map(|m| shorten(m, WIDTH_LABEL))
                    .collect(),
            });
        }
        out.push(Draft {
            sec: Some(Sec::Framework),
            key: "theme".into(),
            title: w.theme.to_string(),
            body: Body::Statement {
                headline: shorten(p.theme.as_deref().unwrap_or(&p.name), WIDTH_TITLE),
                tags: p
                    .key_messages
                    .iter()
                    .take(6)
                    .map(|m| shorten(m, WIDTH_LABEL))
                    .collect(),
                groups,
            },
            notes: p.description.iter().cloned().collect(),
        });
    }

    // 11. The campaigns on a year axis: the flagship ones when the plan
    // marks any (the others are counted in the notes), else all of them.
    let period = p.period.value;
    let featured = featured(p);
    let mut campaigns: Vec<_> = featured.iter().map(|&i| &p.campaigns[i]).collect();
    campaigns.sort_by_key(|c| (c.window.value.start, !c.flagship, c.window.value.end));
    // Quarters count months from the start of the period.
    let quarter_of = |d: NaiveDate| -> usize {
        let months = (d.year() - period.start.year()) * 12 + d.month0() as i32
            - period.start.month0() as i32;
        (months / 3).clamp(0, 3) as usize
    };
    let axis: Vec<String> = (1..=4).map(|q| format!("Q{q}")).collect();
    for (i, page) in pages(&campaigns, MAX_TIMELINE_ITEMS).enumerate() {
        let mut lanes: Vec<Lane> = Vec::new();
        let mut notes = Vec::new();
        for c in page {
            let q = quarter_of(c.window.value.start);
            let label = format!("Q{}", q + 1);
            let item = TimelineItem {
                name: shorten(&c.name, WIDTH_ITEM),
                dates: range_text(c.window.value.start, c.window.value.end, year),
                start: position(c.window.value.start, period.start, period.days()),
                end: position(
                    c.window.value.end + chrono::Days::new(1),
                    period.start,
                    period.days(),
                ),
                flagship: c.flagship,
            };
            let channels: Vec<&str> = c
                .channels
                .iter()
                .map(|i| p.channels[*i].name.as_str())
                .collect();
            let mut note = format!(
                "{}{}{} – {}",
                c.name, w.colon, c.window.value.start, c.window.value.end
            );
            if !channels.is_empty() {
                note.push_str(&format!("{}{}", w.semicolon, channels.join(w.comma)));
            }
            if !c.messages.is_empty() {
                note.push_str(&format!("{}{}", w.semicolon, c.messages.join(w.comma)));
            }
            notes.push(note);
            match lanes.last_mut() {
                Some(l) if l.label == label => l.items.push(item),
                _ => lanes.push(Lane {
                    label,
                    items: vec![item],
                }),
            }
        }
        let others = p.campaigns.len() - featured.len();
        if others > 0 {
            notes.push(match w.lang {
                Locale::En => {
                    format!("{others} more campaigns are not flagship ones and are not shown.")
                }
                _ => format!("另有 {others} 个非旗舰活动未在图中列出。"),
            });
        }
        out.push(Draft {
            sec: Some(Sec::Framework),
            key: "timeline".into(),
            title: paged(w.timeline, i, campaigns.len(), MAX_TIMELINE_ITEMS),
            body: Body::Timeline(Timeline {
                axis: axis.clone(),
                lanes,
            }),
            notes,
        });
    }

    // 11. Moments (and blackouts) month by month.
    if !p.moments.is_empty() || !p.blackouts.is_empty() {
        let months = w.months;
        let mut cells: Vec<(String, Vec<String>)> = (0..12)
            .map(|i| {
                let m = (period.start.month0() as usize + i) % 12;
                (months[m].to_string(), Vec::new())
            })
            .collect();
        let mut notes = Vec::new();
        let month_index = |d: NaiveDate| -> Option<usize> {
            let i = (d.year() - period.start.year()) * 12 + d.month0() as i32
                - period.start.month0() as i32;
            (0..12).contains(&i).then_some(i as usize)
        };
        for m in &p.moments {
            let text = match &m.content {
                Some(c) => format!("{} · {}", m.name, c),
                None => m.name.clone(),
            };
            notes.push(format!(
                "{text}{}{} – {}",
                w.colon, m.when.value.start, m.when.value.end
            ));
            if let Some(i) = month_index(m.when.value.start) {
                cells[i].1.push(shorten(&text, WIDTH_LABEL));
            }
        }
        for b in &p.blackouts {
            let text = format!("{}{}{}", w.blackout_short, w.colon, b.reason);
            notes.push(format!(
                "{text} ({} – {})",
                b.when.value.start, b.when.value.end
            ));
            if let Some(i) = month_index(b.when.value.start) {
                cells[i].1.push(shorten(&text, WIDTH_LABEL));
            }
        }
        out.push(Draft {
            sec: Some(Sec::Framework),
            key: "moments".into(),
            title: w.moments.to_string(),
            body: Body::Months {
                months: cells
                    .into_iter()
                    .map(|(label, items)| MonthCell {
                        label,
                        more: items.len().saturating_sub(MAX_MONTH_ITEMS),
                        items: items.into_iter().take(MAX_MONTH_ITEMS).collect(),
                    })
                    .collect(),
            },
            notes,
        });
    }
    guideline_slides(p, Sec::Framework, w.guidelines, out);

    // 12. The weekly grid with the reserve, and the review workflow.
    if !p.columns.is_empty() || p.reserve.is_some() {
        out.push(week_slide(p, w));
    }
    if !p.review.is_empty() {
        let steps = p
            .review
            .iter()
            .take(MAX_STEPS)
            .map(|l| {
                let mut timing = Vec::new();
                if let Some(lead) = &l.lead {
                    timing.push(match w.lang {
                        Locale::En => {
                            format!("receives it {} before publishing", lead_text(lead.value, w))
                        }
                        _ => format!("发布前 {}送达", lead_text(lead.value, w)),
                    });
                }
                if let Some(r) = &l.response {
                    timing.push(match w.lang {
                        Locale::En => format!("answers within {}", lead_text(r.value, w)),
                        _ => format!("{}内答复", lead_text(r.value, w)),
                    });
                }
                Step {
                    title: shorten(&l.name, WIDTH_LABEL),
                    owner: l.owner.map(|o| shorten(&p.people[o].name, WIDTH_LABEL)),
                    detail: l.checks.as_deref().map(|c| shorten(c, WIDTH_ITEM)),
                    timing: (!timing.is_empty()).then(|| timing.join(" · ")),
                }
            })
            .collect();
        out.push(Draft {
            sec: Some(Sec::Creative),
            key: "review".into(),
            title: w.review_flow.to_string(),
            body: Body::Steps { steps },
            notes: Vec::new(),
        });
    }

    // 14. The budget split, what the campaigns draw, and the KPI targets.
    if let Some(total) = p.budget.total()
        && !shown(total.amount).is_zero()
    {
        out.push(budget_slide(p, w));
        // What the featured campaigns draw, on at most two slides; every
        // other draw is summed in a last row.
        let limit = 2 * MAX_TABLE_ROWS - 1;
        let mut draws: Vec<(String, String, String)> = Vec::new();
        let (mut rest, mut rest_count) = (Ratio::ZERO, 0usize);
        for (i, c) in p.campaigns.iter().enumerate() {
            for d in &c.budget {
                if featured.contains(&i) && draws.len() < limit {
                    draws.push((
                        shorten(&c.name, WIDTH_CELL),
                        shorten(line_name(p, d.line), WIDTH_CELL),
                        money_text(shown(d.amount), &p.currency),
                    ));
                } else {
                    rest = rest.checked_add(shown(d.amount)).unwrap_or(rest);
                    rest_count += 1;
                }
            }
        }
        if rest_count > 0 {
            draws.push((
                match w.lang {
                    Locale::En => format!("Other campaigns ({rest_count} draws)"),
                    _ => format!("其他活动（{rest_count} 项）"),
                },
                String::new(),
                money_text(rest, &p.currency),
            ));
        }
        for (i, page) in pages(&draws, MAX_TABLE_ROWS).enumerate() {
            out.push(Draft {
                sec: Some(Sec::Budget),
                key: "campaign-budgets".into(),
                title: paged(w.campaign_budgets, i, draws.len(), MAX_TABLE_ROWS),
                body: Body::Table(Table {
                    columns: columns(&[(w.campaign, false), (w.line, false), (w.amount, true)]),
                    rows: page
                        .iter()
                        .map(|(a, b, c)| Row {
                            cells: vec![a.clone(), b.clone(), c.clone()],
                            status: Status::None,
                        })
                        .collect(),
                }),
                notes: Vec::new(),
            });
        }
    }
    let targets: Vec<&Kpi> = p.kpis.iter().filter(|k| k.target.is_some()).collect();
    kpi_tables(
        &targets,
        (Sec::Budget, "kpi-targets", w.kpi_targets),
        &[
            (w.kpi, false),
            (w.baseline, true),
            (w.target, true),
            (w.note, false),
        ],
        |k| {
            (
                vec![value(&k.baseline, w), value(&k.target, w), note(k)],
                Status::None,
            )
        },
        w,
        out,
    );
}

/// Table slides of KPIs, `MAX_TABLE_ROWS` a slide: the KPI's name, then
/// the cells `row` gives; each KPI's full text goes to the notes.
fn kpi_tables(
    kpis: &[&Kpi],
    (sec, key, title): (Sec, &str, &str),
    cols: &[(&str, bool)],
    row: impl Fn(&Kpi) -> (Vec<String>, Status),
    w: &Words,
    out: &mut Vec<Draft>,
) {
    for (i, page) in pages(kpis, MAX_TABLE_ROWS).enumerate() {
        let mut notes = Vec::new();
        let rows = page
            .iter()
            .map(|k| {
                kpi_notes(k, w, &mut notes);
                let (cells, status) = row(k);
                let mut all = vec![shorten(&k.name, WIDTH_CELL)];
                all.extend(cells);
                Row { cells: all, status }
            })
            .collect();
        out.push(Draft {
            sec: Some(sec),
            key: key.into(),
            title: paged(title, i, kpis.len(), MAX_TABLE_ROWS),
            body: Body::Table(Table {
                columns: columns(cols),
                rows,
            }),
            notes,
        });
    }
}

/// A KPI's note, cut to a table cell.
fn note(k: &Kpi) -> String {
    k.note
        .as_deref()
        .map(|n| shorten(n, WIDTH_CELL))
        .unwrap_or_default()
}

fn week_slide(p: &Plan, w: &Words) -> Draft {
    let mut days: Vec<WeekDay> = w
        .weekdays
        .iter()
        .map(|d| WeekDay {
            label: d.to_string(),
            entries: Vec::new(),
        })
        .collect();
    let mut others = Vec::new();
    let mut notes = Vec::new();
    for c in &p.columns {
        let mut detail: Vec<String> = Vec::new();
        if let Some(ch) = c.channel {
            detail.push(p.channels[ch].name.clone());
        }
        if let Some(t) = c.time.or(c.recurrence.time) {
            detail.push(format!("{:02}:{:02}", t.hour, t.minute));
        }
        if c.skips_holidays {
            detail.push(w.not_on_holidays.to_string());
        }
        let cadence = cadence_text(&c.recurrence.frequency, w);
        let detail_text = detail.join(" · ");
        notes.push(format!(
            "{}{}{}{}",
            c.name,
            w.colon,
            [cadence.as_str(), detail_text.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · "),
            c.description
                .as_deref()
                .map(|d| format!("{}{d}", w.semicolon))
                .unwrap_or_default()
        ));
        match &c.recurrence.frequency {
            Frequency::Weekly { interval, days: on } => {
                if *interval > 1 {
                    detail.push(cadence.clone());
                }
                for d in on {
                    let day = &mut days[d.num_days_from_monday() as usize];
                    if day.entries.len() < MAX_WEEK_ENTRIES {
                        day.entries.push(WeekEntry {
                            name: shorten(&c.name, WIDTH_LABEL),
                            detail: (!detail.is_empty())
                                .then(|| shorten(&detail.join(" · "), WIDTH_LABEL)),
                        });
                    }
                }
            }
            _ => {
                detail.push(cadence);
                if others.len() < MAX_WEEK_ENTRIES {
                    others.push(WeekEntry {
                        name: shorten(&c.name, WIDTH_LABEL),
                        detail: Some(shorten(&detail.join(" · "), WIDTH_ITEM)),
                    });
                }
            }
        }
    }
    let reserve = p.reserve.as_ref().map(|r| Reserve {
        share: percent_text(r.percent.value),
        length: per_mille(r.percent.value, Ratio::HUNDRED),
        label: w.reserve.to_string(),
        purpose: r.purpose.as_deref().map(|s| shorten(s, WIDTH_LINE)),
    });
    Draft {
        sec: Some(Sec::Creative),
        key: "columns".into(),
        title: w.weekly_columns.to_string(),
        body: Body::Week(Week {
            days,
            others,
            reserve,
        }),
        notes,
    }
}

/// A budget amount as a deck shows it. Decks are built from plans that
/// check without errors, where every amount is known; an unknown one (a
/// previous plan with errors) shows as zero.
fn shown(amount: Option<Ratio>) -> Ratio {
    amount.unwrap_or(Ratio::ZERO)
}

fn budget_slide(p: &Plan, w: &Words) -> Draft {
    let lines = &p.budget.lines;
    let total = &lines[0];
    let segment = |i: usize, whole: Ratio| {
        let l = &lines[i];
        let share = shown(l.amount)
            .checked_mul(Ratio::HUNDRED)
            .and_then(|v| v.checked_div(whole))
            .unwrap_or(Ratio::ZERO);
        Segment {
            label: shorten(line_name(p, i), WIDTH_LABEL),
            amount: money_text(shown(l.amount), &p.currency),
            share: percent_text(round_to(share, 1)),
            length: per_mille(shown(l.amount), whole),
        }
    };
    let mut notes = vec![format!(
        "{}{}{}",
        w.total,
        w.colon,
        money_text(shown(total.amount), &p.currency)
    )];
    let segments: Vec<Segment> = total
        .children
        .iter()
        .map(|&c| segment(c, shown(total.amount)))
        .collect();
    for (&c, s) in total.children.iter().zip(&segments) {
        notes.push(format!(
            "{}{}{} ({})",
            line_name(p, c),
            w.colon,
            s.amount,
            s.share
        ));
    }
    let kol_line = p.kol.as_ref().and_then(|k| k.line);
    let breakdowns = total
        .children
        .iter()
        .filter(|&&c| !lines[c].children.is_empty())
        .map(|&c| Breakdown {
            label: shorten(line_name(p, c), WIDTH_LABEL),
            pyramid: Some(c) == kol_line,
            segments: lines[c]
                .children
                .iter()
                .map(|&g| segment(g, shown(lines[c].amount)))
                .collect(),
        })
        .take(2)
        .collect();
    Draft {
        sec: Some(Sec::Budget),
        key: "budget".into(),
        title: w.budget.to_string(),
        body: Body::Budget(BudgetView {
            total: money_text(shown(total.amount), &p.currency),
            total_label: w.total.to_string(),
            segments,
            breakdowns,
        }),
        notes,
    }
}

/// The campaigns a plan deck features: the flagship ones if the plan marks
/// any, else all (indices, in declaration order).
fn featured(p: &Plan) -> Vec<usize> {
    let flagship: Vec<usize> = (0..p.campaigns.len())
        .filter(|&i| p.campaigns[i].flagship)
        .collect();
    if flagship.is_empty() {
        (0..p.campaigns.len()).collect()
    } else {
        flagship
    }
}

fn line_name(p: &Plan, i: usize) -> &str {
    let l = &p.budget.lines[i];
    l.name.as_deref().unwrap_or(&l.id.name)
}

fn columns(cs: &[(&str, bool)]) -> Vec<Column> {
    cs.iter()
        .map(|(l, n)| Column {
            label: l.to_string(),
            numeric: *n,
        })
        .collect()
}

/// Splits `items` into slides of at most `n` (at least one page when not empty).
fn pages<T>(items: &[T], n: usize) -> impl Iterator<Item = &[T]> {
    items.chunks(n)
}

/// `title (2/3)` when there is more than one page.
fn paged(title: &str, i: usize, len: usize, n: usize) -> String {
    let count = len.div_ceil(n);
    if count > 1 {
        format!("{title} ({}/{count})", i + 1)
    } else {
        title.to_string()
    }
}

/// A KPI value as the deck shows it: `12万` in Chinese, `120,000` in English.
fn quantity(q: &Quantity, w: &Words) -> String {
    if w.lang == Locale::ZhCn && q.unit == QuantityUnit::Number && !q.signed {
        let wan = Ratio::int(10_000);
        if q.value.abs() >= wan
            && let Some(v) = q.value.checked_div(wan)
        {
            return format!("{}万", v.to_decimal_string(2));
        }
    }
    quantity_text(q)
}

fn value(v: &Option<crate::model::KpiValue>, w: &Words) -> String {
    v.as_ref().map(|v| quantity(&v.q, w)).unwrap_or_default()
}

/// Completion against the target (`117%`, with hit or miss), or else the
/// change from the baseline (`+2.6pp`, `+66.7%`).
fn completion(k: &Kpi, w: &Words) -> (String, Status) {
    let (Some(actual), direction) = (k.actual.as_ref().map(|a| &a.q), k.direction) else {
        return (String::new(), Status::None);
    };
    let down = direction == Some(Direction::Down);
    if let Some(target) = k.target.as_ref().map(|t| &t.q) {
        let hit = if down {
            actual.value <= target.value
        } else {
            actual.value >= target.value
        };
        let status = if hit { Status::Hit } else { Status::Miss };
        let word = if hit { w.hit_word } else { w.miss_word };
        if !down
            && target.value > Ratio::ZERO
            && actual.value >= Ratio::ZERO
            && let Some(rate) = actual
                .value
                .checked_mul(Ratio::HUNDRED)
                .and_then(|v| v.checked_div(target.value))
        {
            {
                return (
                    format!("{} {word}", percent_text(round_to(rate, 0))),
                    status,
                );
            }
        }
        return (word.to_string(), status);
    }
    if let Some(base) = k.baseline.as_ref().map(|b| &b.q) {
        let Some(diff) = actual.value.checked_sub(base.value) else {
            return (String::new(), Status::None);
        };
        let sign = if diff.is_negative() { "" } else { "+" };
        let text = match actual.unit {
            QuantityUnit::Percent | QuantityUnit::Points => {
                format!("{sign}{}pp", round_to(diff, 1).to_decimal_string(1))
            }
            _ if !base.value.is_zero() => diff
                .checked_mul(Ratio::HUNDRED)
                .and_then(|v| v.checked_div(base.value))
                .map(|r| format!("{sign}{}%", round_to(r, 1).to_decimal_string(1)))
                .unwrap_or_default(),
            _ => String::new(),
        };
        return (text, Status::None);
    }
    (String::new(), Status::None)
}

/// A KPI's full name and note, for the speaker notes.
fn kpi_notes(k: &Kpi, w: &Words, notes: &mut Vec<String>) {
    let mut parts = Vec::new();
    for (label, v) in [
        (w.baseline, &k.baseline),
        (w.target, &k.target),
        (w.actual, &k.actual),
    ] {
        if let Some(v) = v {
            parts.push(format!("{label} {}", quantity(&v.q, w)));
        }
    }
    let mut text = format!("{}{}{}", k.name, w.colon, parts.join(w.semicolon));
    if let Some(n) = &k.note {
        text.push_str(&format!("{}{n}", w.semicolon));
    }
    notes.push(text);
}

/// The name all KPIs of a chart share after their channel's name
/// (`微信公众号新增粉丝` and `抖音新增粉丝` → `新增粉丝`).
fn common_name(kpis: &[&Kpi], p: &Plan) -> Option<String> {
    let mut common: Option<String> = None;
    for k in kpis {
        let ch = &p.channels[k.channel?].name;
        let rest = k.name.strip_prefix(ch.as_str())?.trim().to_string();
        match &common {
            None => common = Some(rest),
            Some(c) if *c == rest => {}
            Some(_) => return None,
        }
    }
    common.filter(|c| !c.is_empty())
}

fn round_to(r: Ratio, places: u32) -> Ratio {
    let scale = 10i128.pow(places);
    r.round_scaled(places)
        .and_then(|n| Ratio::new(n, scale))
        .unwrap_or(r)
}

/// `part` of `whole` in per mille, 0..=1000.
fn per_mille(part: Ratio, whole: Ratio) -> u32 {
    if whole <= Ratio::ZERO || part <= Ratio::ZERO {
        return 0;
    }
    part.checked_mul(Ratio::int(1000))
        .and_then(|v| v.checked_div(whole))
        .and_then(|v| v.round_scaled(0))
        .map_or(0, |n| n.clamp(0, 1000) as u32)
}

/// A day's position in a period of `days` days, 0..=1000.
fn position(d: NaiveDate, start: NaiveDate, days: i64) -> u32 {
    let at = (d - start).num_days().clamp(0, days);
    per_mille(Ratio::int(at as i128), Ratio::int(days.max(1) as i128))
}

/// `01-26 – 02-28`, with years only when they are not the plan's.
fn range_text(a: NaiveDate, b: NaiveDate, year: i32) -> String {
    let f = |d: NaiveDate| {
        if d.year() == year {
            d.format("%m-%d").to_string()
        } else {
            d.to_string()
        }
    };
    if a == b {
        f(a)
    } else {
        format!("{} – {}", f(a), f(b))
    }
}

fn lead_text(l: Lead, w: &Words) -> String {
    match (l, w.lang) {
        (Lead::Days(n), Locale::En) => format!("{n} day{}", if n == 1 { "" } else { "s" }),
        (Lead::Workdays(n), Locale::En) => format!("{n} workday{}", if n == 1 { "" } else { "s" }),
        (Lead::Hours(n), Locale::En) => format!("{n} h"),
        (Lead::Days(n), _) => format!("{n} 天"),
        (Lead::Workdays(n), _) => format!("{n} 个工作日"),
        (Lead::Hours(n), _) => format!("{n} 小时"),
    }
}

/// `1st`, `2nd`, `11th`, `23rd`.
fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn cadence_text(f: &Frequency, w: &Words) -> String {
    let wd = |d: &chrono::Weekday| w.weekdays[d.num_days_from_monday() as usize];
    let en = w.lang == Locale::En;
    match f {
        Frequency::Daily { interval: 1 } => if en { "daily" } else { "每天" }.to_string(),
        Frequency::Daily { interval } => {
            if en {
                format!("every {interval} days")
            } else {
                format!("每 {interval} 天")
            }
        }
        Frequency::Weekly { interval, days } => {
            let days: Vec<&str> = days.iter().map(wd).collect();
            if *interval == 1 {
                if en {
                    format!("every {}", days.join(", "))
                } else {
                    format!("每{}", days.join("、"))
                }
            } else if en {
                format!("every {interval} weeks on {}", days.join(", "))
            } else {
                format!("每 {interval} 周{}", days.join("、"))
            }
        }
        Frequency::Weekdays => if en {
            "every weekday"
        } else {
            "周一至周五"
        }
        .to_string(),
        Frequency::Workdays => if en {
            "every workday"
        } else {
            "每个工作日"
        }
        .to_string(),
        Frequency::Monthly { interval, on } => {
            let on = match (on, en) {
                (MonthDay::Day(d), true) => ordinal(i64::from(*d)),
                (MonthDay::Day(d), false) => format!("{d} 日"),
                (MonthDay::NthWeekday { n: -1, weekday }, true) => format!("last {}", wd(weekday)),
                (MonthDay::NthWeekday { n: -1, weekday }, false) => {
                    format!("最后一个{}", wd(weekday))
                }
                (MonthDay::NthWeekday { n, weekday }, true) => {
                    format!("{} {}", ordinal(i64::from(*n)), wd(weekday))
                }
                (MonthDay::NthWeekday { n, weekday }, false) => format!("第 {n} 个{}", wd(weekday)),
            };
            match (interval, en) {
                (1, true) => format!("monthly on the {on}"),
                (i, true) => format!("every {i} months on the {on}"),
                (1, false) => format!("每月{on}"),
                (i, false) => format!("每 {i} 个月{on}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31]
            .map(ordinal)
            .to_vec();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"
            ]
        );
    }

    #[test]
    fn large_counts_read_in_wan_in_chinese_only() {
        let q = |v: i128| Quantity {
            value: Ratio::int(v),
            unit: QuantityUnit::Number,
            signed: false,
            loc: Default::default(),
        };
        assert_eq!(quantity(&q(120_000), words(Locale::ZhCn)), "12万");
        assert_eq!(quantity(&q(85_000), words(Locale::ZhCn)), "8.5万");
        assert_eq!(quantity(&q(2_600), words(Locale::ZhCn)), "2,600");
        assert_eq!(quantity(&q(120_000), words(Locale::En)), "120,000");
    }

    #[test]
    fn per_mille_is_exact_and_bounded() {
        assert_eq!(per_mille(Ratio::int(1), Ratio::int(3)), 333);
        assert_eq!(per_mille(Ratio::int(2), Ratio::int(3)), 667);
        assert_eq!(per_mille(Ratio::int(5), Ratio::int(3)), 1000);
        assert_eq!(per_mille(Ratio::int(-1), Ratio::int(3)), 0);
        assert_eq!(per_mille(Ratio::int(1), Ratio::ZERO), 0);
    }
}
