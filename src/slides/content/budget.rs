//! The budget slide: the split of the total over its top-level lines, and,
//! when the plan records spending, planned against spent.

use super::*;

pub(super) fn budget_slide(p: &Plan, w: &Words) -> Draft {
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
    // The amounts of some lines as a chart: a doughnut, or bars (the
    // pyramid's tiers, top first).
    let split = |kind: ChartKind, ids: &[usize], segments: &[Segment]| Chart {
        parts: true,
        ..chart(
            kind,
            w.amount,
            Unit::Money(&p.currency),
            segments.iter().map(|s| s.label.clone()).collect(),
            vec![(
                w.amount.to_string(),
                ids.iter().map(|&l| Some(shown(lines[l].amount))).collect(),
            )],
            w,
        )
    };
    let kol_line = p.kol.as_ref().and_then(|k| k.line);
    let breakdowns = total
        .children
        .iter()
        .filter(|&&c| !lines[c].children.is_empty())
        .map(|&c| {
            let pyramid = Some(c) == kol_line;
            let segments: Vec<Segment> = lines[c]
                .children
                .iter()
                .map(|&g| segment(g, shown(lines[c].amount)))
                .collect();
            let kind = if pyramid {
                ChartKind::Bar
            } else {
                ChartKind::Doughnut
            };
            Breakdown {
                label: shorten(line_name(p, c), WIDTH_LABEL),
                pyramid,
                chart: split(kind, &lines[c].children, &segments),
                segments,
            }
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
            chart: split(ChartKind::Doughnut, &total.children, &segments),
            segments,
            breakdowns,
        }),
        notes,
    }
}
