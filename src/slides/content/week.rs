//! The typical week: each weekday's column episodes by channel and time, as
//! one slide.

use super::*;

pub(super) fn week_slide(p: &Plan, w: &Words) -> Draft {
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
    for c in p.columns.iter().filter(|c| !c.ritual) {
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
