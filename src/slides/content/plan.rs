//! The plan half of a deck: theme and threads, the campaign timeline, moments
//! by month, working rules, the weekly columns, the review flow, the budget
//! and the KPI targets.

use super::*;

pub(super) fn plan_slides(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
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

    // 11. Every campaign on a year axis, in lanes by the quarter it starts
    // in, flagships marked; as many slides as it takes, and each campaign's
    // whole name, dates, channels and messages in the notes.
    let period = p.period.value;
    let featured = featured(p);
    let mut campaigns: Vec<_> = p.campaigns.iter().collect();
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
                "{}{}{}{} – {}",
                if c.flagship { "★ " } else { "" },
                c.name,
                w.colon,
                c.window.value.start,
                c.window.value.end
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

    // 9. The rhythm the team keeps next year.
    super::review::ritual_slides(p, w, out);

    // 12. The weekly grid with the reserve, and the review workflow.
    if p.columns.iter().any(|c| !c.ritual) || p.reserve.is_some() {
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
                        Locale::ZhCn => format!("发布前 {}送达", lead_text(lead.value, w)),
                    });
                }
                if let Some(r) = &l.response {
                    timing.push(match w.lang {
                        Locale::En => format!("answers within {}", lead_text(r.value, w)),
                        Locale::ZhCn => format!("{}内答复", lead_text(r.value, w)),
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
                    Locale::ZhCn => format!("其他活动（{rest_count} 项）"),
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
