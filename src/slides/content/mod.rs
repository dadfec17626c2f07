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

mod budget;
mod chart;
mod plan;
mod review;
mod sections;
mod text;
mod week;

use budget::budget_slide;
use chart::{Unit, chart, kpi_chart, kpis_compared, spending_chart};
use plan::plan_slides;
use review::review_slides;
use sections::section_slides;
use text::*;
use week::week_slide;

/// The founding document's sections, in its order.
use crate::model::Outline as Sec;

/// The section for a KPI `group`; `Results` for the overview.
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

/// A slide before numbering.
struct Draft {
    sec: Option<Sec>,
    key: String,
    title: String,
    body: Body,
    notes: Vec<String>,
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
    // Each part tells its sections in the outline's order; within a
    // section, slides keep the order they were made in (a plan's own
    // findings after what its tables show).
    let part = |p: &Plan, make: fn(&Plan, &Words, &mut Vec<Draft>)| {
        let mut part = Vec::new();
        make(p, w, &mut part);
        section_slides(p, w, &mut part);
        part.sort_by_key(|d| d.sec);
        part
    };
    let mut drafts = Vec::new();
    if let Some(r) = review {
        if plan.is_some() {
            drafts.push(divider(w.part_review, r, w.review_title));
        }
        drafts.extend(part(r, review_slides));
    }
    if let Some(p) = plan {
        if review.is_some() {
            drafts.push(divider(w.part_plan, p, w.plan_title));
        }
        drafts.extend(part(p, plan_slides));
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

/// A budget amount as a deck shows it. Decks are built from plans that
/// check without errors, where every amount is known; an unknown one (a
/// previous plan with errors) shows as zero.
fn shown(amount: Option<Ratio>) -> Ratio {
    amount.unwrap_or(Ratio::ZERO)
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

/// Splits `items` into as few slides as `n` a slide allows, filled
/// evenly: 7 bullets of at most 6 a slide are 4 and 3, not 6 and 1.
fn pages<T>(items: &[T], n: usize) -> impl Iterator<Item = &[T]> {
    let count = items.len().div_ceil(n.max(1));
    let (base, extra) = match count {
        0 => (0, 0),
        c => (items.len() / c, items.len() % c),
    };
    let mut rest = items;
    (0..count).map(move |i| {
        let (page, after) = rest.split_at(base + usize::from(i < extra));
        rest = after;
        page
    })
}

/// `title (2/3)` when there is more than one page.
fn paged(title: &str, i: usize, len: usize, n: usize) -> String {
    let count = len.div_ceil(n.max(1));
    if count > 1 {
        format!("{title} ({}/{count})", i + 1)
    } else {
        title.to_string()
    }
}

#[cfg(test)]
mod page_tests {
    use super::pages;

    #[test]
    fn pages_are_as_few_as_the_limit_allows_and_even() {
        for n in 1..=10 {
            for len in 0..=60 {
                let items: Vec<usize> = (0..len).collect();
                let sizes: Vec<usize> = pages(&items, n).map(<[usize]>::len).collect();
                assert_eq!(sizes.iter().sum::<usize>(), len);
                assert_eq!(sizes.len(), len.div_ceil(n), "{len} items, {n} a page");
                assert!(sizes.iter().all(|&s| s <= n));
                if let (Some(max), Some(min)) = (sizes.iter().max(), sizes.iter().min()) {
                    assert!(max - min <= 1, "{sizes:?}");
                }
            }
        }
        assert_eq!(
            pages(&[0; 7], 6).map(<[i32]>::len).collect::<Vec<_>>(),
            [4, 3]
        );
    }
}
