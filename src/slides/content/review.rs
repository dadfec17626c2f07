//! The review half of a year-end deck: last year's results (the KPI scorecard,
//! budget planned against spent, the campaigns' and columns' results, growth
//! by platform, top content, key figures) and the team that made them.

use super::*;

pub(super) fn review_slides(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
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

    kpis_compared(p, w, out);

    // 1. Budget planned against spent, where the plan says what was spent.
    let spent: Vec<usize> = (0..p.budget.lines.len())
        .filter(|&i| p.budget.lines[i].spent.is_some())
        .collect();
    for (i, page) in pages(&spent, MAX_TABLE_ROWS).enumerate() {
        let rows = page
            .iter()
            .map(|&l| {
                let line = &p.budget.lines[l];
                let spent = line.spent.map_or(Ratio::ZERO, |s| s.value);
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

    spending_chart(p, w, out);

    // 1. What the year's campaigns achieved.
    campaign_results(p, w, out);

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
            let mut ch: Vec<crate::model::ChannelId> =
                kpis.iter().filter_map(|k| k.channel).collect();
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
                .collect::<Vec<_>>();
            let caption = common_name(&kpis, p);
            out.push(Draft {
                sec: Some(Sec::Platforms),
                key: "platforms".into(),
                title: paged(w.platforms, i, kpis.len(), MAX_BARS),
                body: Body::Bars(Bars {
                    chart: kpi_chart(&bars, page, caption.as_deref(), w),
                    caption,
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

    // 3. What the columns achieved.
    column_results(p, w, out);

    // 4–10. Other results, by the section their group belongs to.
    let rest: Vec<&Kpi> = p
        .kpis
        .iter()
        .filter(|k| k.channel.is_none() && k.target.is_none() && k.baseline.is_none())
        .filter(|k| k.actual.is_some())
        .collect();
    let mut secs: Vec<Sec> = rest
        .iter()
        .map(|k| of_group(k.group.as_deref().unwrap_or("")))
        .collect();
    secs.sort();
    secs.dedup();
    for sec in secs {
        let kpis: Vec<&Kpi> = rest
            .iter()
            .copied()
            .filter(|k| of_group(k.group.as_deref().unwrap_or("")) == sec)
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

    // 9. The team, its rituals, and how it worked.
    team_slides(p, w, out);
    ritual_slides(p, w, out);
    guideline_slides(p, Sec::Team, w.practices, out);
}

pub(super) fn team_slides(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
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

/// A table of the campaigns that report results: their dates, reach,
/// engagement, conversions (or leads) and what they spent; the results per
/// channel go to the notes.
fn campaign_results(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
    let done: Vec<&crate::model::Campaign> = p
        .campaigns
        .iter()
        .filter(|c| !c.results.is_empty())
        .collect();
    let year = p.period.value.start.year();
    for (i, page) in pages(&done, MAX_TABLE_ROWS).enumerate() {
        let mut notes = Vec::new();
        let rows = page
            .iter()
            .map(|c| {
                let r = &c.results;
                notes.push(results_note(&c.name, r, p, w));
                for (ch, cr) in &r.channels {
                    notes.push(results_note(
                        &format!("{} · {}", c.name, p.channels[*ch].name),
                        cr,
                        p,
                        w,
                    ));
                }
                let status = match (r.spent, c.drawn()) {
                    (Some(s), Some(d)) if s.value <= d => Status::Hit,
                    (Some(_), Some(_)) => Status::Miss,
                    _ => Status::None,
                };
                Row {
                    cells: vec![
                        shorten(&c.name, WIDTH_CELL),
                        range_text(c.window.value.start, c.window.value.end, year),
                        value(&r.reach, w),
                        value(&r.engagement, w),
                        value(
                            r.conversions.as_ref().map_or(&r.leads, |_| &r.conversions),
                            w,
                        ),
                        r.spent
                            .map(|s| money_text(s.value, &p.currency))
                            .unwrap_or_default(),
                    ],
                    status,
                }
            })
            .collect();
        out.push(Draft {
            sec: Some(Sec::Results),
            key: "campaign-results".into(),
            title: paged(w.campaign_results, i, done.len(), MAX_TABLE_ROWS),
            body: Body::Table(without_empty_columns(Table {
                columns: columns(&[
                    (w.campaign, false),
                    (w.dates, false),
                    (w.reach, true),
                    (w.engagement, true),
                    (w.conversions, true),
                    (w.spent, true),
                ]),
                rows,
            })),
            notes,
        });
    }
}

/// A table of the columns that report results: episodes published and
/// average reads or plays.
fn column_results(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
    let done: Vec<&crate::model::Column> =
        p.columns.iter().filter(|c| !c.results.is_empty()).collect();
    for (i, page) in pages(&done, MAX_TABLE_ROWS).enumerate() {
        let mut notes = Vec::new();
        let rows = page
            .iter()
            .map(|c| {
                let r = &c.results;
                notes.push(results_note(&c.name, r, p, w));
                Row {
                    cells: vec![
                        shorten(&c.name, WIDTH_CELL),
                        c.channel
                            .map(|ch| shorten(&p.channels[ch].name, WIDTH_CELL))
                            .unwrap_or_default(),
                        r.episodes.map(|e| e.value.to_string()).unwrap_or_default(),
                        value(&r.avg_reads, w),
                        value(&r.avg_plays, w),
                    ],
                    status: Status::None,
                }
            })
            .collect();
        out.push(Draft {
            sec: Some(Sec::Content),
            key: "column-results".into(),
            title: paged(w.column_results, i, done.len(), MAX_TABLE_ROWS),
            body: Body::Table(without_empty_columns(Table {
                columns: columns(&[
                    (w.column, false),
                    (w.channel_word, false),
                    (w.episodes_published, true),
                    (w.avg_reads, true),
                    (w.avg_plays, true),
                ]),
                rows,
            })),
            notes,
        });
    }
}

/// The table less its number columns that no row fills (a review that
/// gives no reach at all shows no reach column).
fn without_empty_columns(t: Table) -> Table {
    let keep: Vec<bool> = (0..t.columns.len())
        .map(|c| !t.columns[c].numeric || t.rows.iter().any(|r| !r.cells[c].is_empty()))
        .collect();
    let pick = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .zip(&keep)
            .filter_map(|(x, k)| k.then_some(x))
            .collect()
    };
    Table {
        columns: t
            .columns
            .into_iter()
            .zip(&keep)
            .filter_map(|(x, k)| k.then_some(x))
            .collect(),
        rows: t
            .rows
            .into_iter()
            .map(|r| Row {
                cells: pick(r.cells),
                status: r.status,
            })
            .collect(),
    }
}

/// `城市探索指南：曝光 800万；互动 35万；…` for the speaker notes.
fn results_note(name: &str, r: &crate::model::Results, p: &Plan, w: &Words) -> String {
    let mut parts: Vec<String> = Vec::new();
    let labelled = [
        (w.reach, &r.reach),
        (w.engagement, &r.engagement),
        (w.conversions, &r.conversions),
        (w.leads, &r.leads),
        (w.avg_reads, &r.avg_reads),
        (w.avg_plays, &r.avg_plays),
    ];
    for (label, v) in labelled {
        if let Some(v) = v {
            parts.push(format!("{label} {}", quantity(&v.q, w)));
        }
    }
    if let Some(e) = r.episodes {
        parts.push(format!("{} {}", w.episodes_published, e.value));
    }
    if let Some(s) = r.spent {
        parts.push(format!("{} {}", w.spent, money_text(s.value, &p.currency)));
    }
    format!("{name}{}{}", w.colon, parts.join(w.semicolon))
}

/// The team's rituals: what, how often, who holds it and how many take
/// part, and the hours each occurrence takes from each of them.
pub(super) fn ritual_slides(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
    let rituals: Vec<&crate::model::Column> = p.columns.iter().filter(|c| c.ritual).collect();
    for (i, page) in pages(&rituals, MAX_TABLE_ROWS).enumerate() {
        let mut notes = Vec::new();
        let rows = page
            .iter()
            .map(|c| {
                let mut cadence = cadence_text(&c.recurrence.frequency, w);
                if let Some(t) = c.time {
                    cadence = format!("{cadence} {:02}:{:02}", t.hour, t.minute);
                }
                let people: Vec<&str> = c
                    .owner
                    .iter()
                    .chain(&c.attendees)
                    .map(|&o| p.people[o].name.as_str())
                    .collect();
                notes.push(format!(
                    "{}{}{cadence}{}{}",
                    c.name,
                    w.colon,
                    w.semicolon,
                    people.join(w.comma)
                ));
                let hours = c.effort_hours.unwrap_or(Ratio::ONE);
                Row {
                    cells: vec![
                        shorten(&c.name, WIDTH_CELL),
                        shorten(&cadence, WIDTH_CELL),
                        c.owner
                            .map(|o| shorten(&p.people[o].name, WIDTH_CELL))
                            .unwrap_or_default(),
                        people.len().to_string(),
                        grouped(hours),
                    ],
                    status: Status::None,
                }
            })
            .collect();
        out.push(Draft {
            sec: Some(Sec::Team),
            key: "rituals".into(),
            title: paged(w.rituals, i, rituals.len(), MAX_TABLE_ROWS),
            body: Body::Table(Table {
                columns: columns(&[
                    (w.ritual_word, false),
                    (w.cadence, false),
                    (w.owner_word, false),
                    (w.people_count, true),
                    (w.hours_each, true),
                ]),
                rows,
            }),
            notes,
        });
    }
}
