//! The review half of a year-end deck: last year's results (the KPI scorecard,
//! growth by platform, top content, key figures) and the team that made them.

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
