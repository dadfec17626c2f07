//! Charts from the plan's numbers: one builder that every chart-like body
//! goes through, so the growth bars, the budget split and whatever chart
//! comes next share the unit decisions and the exact conversion. Values
//! stay `Ratio`s until this module writes them as decimal text in the
//! displayed unit (万 for large counts in a Chinese deck, the currency for
//! money), with the unit named in the chart's title.

use super::*;

/// How a chart's values are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit<'a> {
    /// Amounts of money in the plan's currency (`CNY`, `EUR`, …).
    Money(&'a str),
    /// Quantities of one unit (counts, percentages, points, ratios, times).
    Quantity(QuantityUnit),
}

/// Digits kept after the point; every value a plan writes has fewer, so
/// only a computed share could be rounded here.
const PLACES: u32 = 6;

/// A chart of `kind` showing `what` (`新增粉丝`) in `unit`, one category per
/// entry of `categories` and one value per category in each series.
pub(super) fn chart(
    kind: ChartKind,
    what: &str,
    unit: Unit<'_>,
    categories: Vec<String>,
    series: Vec<(String, Vec<Option<Ratio>>)>,
    w: &Words,
) -> Chart {
    let all = || series.iter().flat_map(|(_, v)| v.iter().flatten().copied());
    let largest = all().map(Ratio::abs).max().unwrap_or(Ratio::ZERO);
    let wan = Ratio::int(10_000);
    let in_wan =
        w.lang == Locale::ZhCn && unit == Unit::Quantity(QuantityUnit::Number) && largest >= wan;
    let scale = if in_wan { wan } else { Ratio::ONE };
    let (prefix, suffix, unit_name) = match unit {
        Unit::Money(currency) => {
            // `¥0` or `0 XYZ`: the symbol before, or the code after.
            let zero = money_text(Ratio::ZERO, currency);
            match zero.strip_prefix('0') {
                Some(after) => (String::new(), after.to_string(), currency.to_string()),
                None => {
                    let symbol = zero.trim_end_matches('0').to_string();
                    (symbol.clone(), String::new(), symbol)
                }
            }
        }
        Unit::Quantity(u) => {
            let suffix = match u {
                QuantityUnit::Number if in_wan => "万",
                QuantityUnit::Number | QuantityUnit::Ratio => "",
                QuantityUnit::Percent => "%",
                QuantityUnit::Points => "pp",
                QuantityUnit::Times => "x",
            };
            let prefix = if u == QuantityUnit::Ratio { "1:" } else { "" };
            (prefix.to_string(), suffix.to_string(), suffix.to_string())
        }
    };
    let title = match (unit_name.is_empty(), w.lang) {
        (true, _) => what.to_string(),
        (false, Locale::ZhCn) => format!("{what}（{unit_name}）"),
        (false, _) => format!("{what} ({unit_name})"),
    };
    let whole = all()
        .filter(|v| !v.is_negative())
        .try_fold(Ratio::ZERO, Ratio::checked_add)
        .unwrap_or(Ratio::ZERO);
    let series = series
        .into_iter()
        .map(|(name, values)| {
            let shown: Vec<Option<Ratio>> = values
                .iter()
                .map(|v| v.and_then(|v| v.checked_div(scale)))
                .collect();
            Series {
                name,
                labels: values
                    .iter()
                    .zip(&shown)
                    .map(|(v, s)| match (unit, v, s) {
                        (Unit::Money(c), Some(v), _) => money_text(*v, c),
                        (Unit::Quantity(_), _, Some(s)) => {
                            format!("{prefix}{}{suffix}", grouped(*s))
                        }
                        _ => String::new(),
                    })
                    .collect(),
                lengths: values
                    .iter()
                    .map(|v| {
                        let v = v.unwrap_or(Ratio::ZERO);
                        match kind {
                            ChartKind::Doughnut => per_mille(v, whole),
                            ChartKind::Bar | ChartKind::Column => per_mille(v, largest),
                        }
                    })
                    .collect(),
                values: shown
                    .iter()
                    .map(|s| s.map(|s| s.to_decimal_string(PLACES)))
                    .collect(),
            }
        })
        .collect();
    Chart {
        kind,
        title,
        prefix,
        suffix,
        categories,
        series,
        parts: kind == ChartKind::Doughnut,
    }
}

/// The growth bars' chart: the KPIs' actuals and, when any has one, their
/// targets, all in the unit of the first actual (the slide's KPIs share it).
pub(super) fn kpi_chart(bars: &[Bar], kpis: &[&Kpi], what: Option<&str>, w: &Words) -> Chart {
    let unit = kpis
        .iter()
        .find_map(|k| k.actual.as_ref().map(|a| a.q.unit))
        .unwrap_or(QuantityUnit::Number);
    let in_unit =
        |v: Option<&crate::model::KpiValue>| v.filter(|v| v.q.unit == unit).map(|v| v.q.value);
    let mut series = vec![(
        w.actual.to_string(),
        kpis.iter().map(|k| in_unit(k.actual.as_ref())).collect(),
    )];
    let targets: Vec<Option<Ratio>> = kpis.iter().map(|k| in_unit(k.target.as_ref())).collect();
    if targets.iter().any(Option::is_some) {
        series.push((w.target.to_string(), targets));
    }
    chart(
        ChartKind::Bar,
        what.unwrap_or(w.actual),
        Unit::Quantity(unit),
        bars.iter().map(|b| b.label.clone()).collect(),
        series,
        w,
    )
}

/// The KPIs against their baselines and targets, in groups that share a
/// unit (at least two KPIs to a chart): the review's scorecard as a chart.
pub(super) fn kpis_compared(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
    let scored: Vec<&Kpi> = p
        .kpis
        .iter()
        .filter(|k| k.channel.is_none() && k.actual.is_some())
        .filter(|k| k.target.is_some() || k.baseline.is_some())
        .collect();
    // Levels and changes (`+35%`) are not drawn on one axis.
    let mut groups: Vec<(QuantityUnit, bool)> = Vec::new();
    for k in &scored {
        let q = k.actual.as_ref().map(|a| (a.q.unit, a.q.signed));
        if let Some(g) = q
            && !groups.contains(&g)
        {
            groups.push(g);
        }
    }
    for group in groups {
        let kpis: Vec<&Kpi> = scored
            .iter()
            .copied()
            .filter(|k| k.actual.as_ref().map(|a| (a.q.unit, a.q.signed)) == Some(group))
            .collect();
        if kpis.len() < 2 {
            continue;
        }
        for (i, page) in pages(&kpis, MAX_BARS).enumerate() {
            let in_unit = |v: Option<&crate::model::KpiValue>| {
                v.filter(|v| v.q.unit == group.0).map(|v| v.q.value)
            };
            let mut series = Vec::new();
            for (name, which) in [(w.baseline, 0), (w.target, 1), (w.actual, 2)] {
                let values: Vec<Option<Ratio>> = page
                    .iter()
                    .map(|k| in_unit([&k.baseline, &k.target, &k.actual][which].as_ref()))
                    .collect();
                if values.iter().any(Option::is_some) {
                    series.push((name.to_string(), values));
                }
            }
            let notes = page
                .iter()
                .filter_map(|k| {
                    k.note
                        .as_deref()
                        .map(|n| (shorten(&k.name, WIDTH_LABEL), shorten(n, WIDTH_LINE)))
                })
                .collect();
            out.push(Draft {
                sec: Some(Sec::Results),
                key: "kpis-compared".into(),
                title: paged(w.kpis_compared, i, kpis.len(), MAX_BARS),
                body: Body::Chart(ChartView {
                    chart: chart(
                        ChartKind::Column,
                        w.kpi,
                        Unit::Quantity(group.0),
                        page.iter().map(|k| shorten(&k.name, WIDTH_LABEL)).collect(),
                        series,
                        w,
                    ),
                    notes,
                }),
                notes: page
                    .iter()
                    .filter(|k| shorten(&k.name, WIDTH_LABEL) != k.name)
                    .map(|k| k.name.clone())
                    .collect(),
            });
        }
    }
}

/// The budget planned against spent: the review's spending table as a chart.
pub(super) fn spending_chart(p: &Plan, w: &Words, out: &mut Vec<Draft>) {
    // The lines below the total, or the total alone when only it says
    // what was spent.
    let lines = &p.budget.lines;
    let mut spent: Vec<usize> = (1..lines.len())
        .filter(|&i| lines[i].spent.is_some())
        .collect();
    if spent.is_empty() && lines.first().is_some_and(|l| l.spent.is_some()) {
        spent.push(0);
    }
    for (i, page) in pages(&spent, MAX_BARS).enumerate() {
        let name = |l: usize| if l == 0 { w.total } else { line_name(p, l) };
        out.push(Draft {
            sec: Some(Sec::Results),
            key: "spending-chart".into(),
            title: paged(w.spending, i, spent.len(), MAX_BARS),
            body: Body::Chart(ChartView {
                chart: chart(
                    ChartKind::Column,
                    w.amount,
                    Unit::Money(&p.currency),
                    page.iter()
                        .map(|&l| shorten(name(l), WIDTH_LABEL))
                        .collect(),
                    vec![
                        (
                            w.planned.to_string(),
                            page.iter().map(|&l| Some(shown(lines[l].amount))).collect(),
                        ),
                        (
                            w.spent.to_string(),
                            page.iter()
                                .map(|&l| lines[l].spent.map(|s| s.value))
                                .collect(),
                        ),
                    ],
                    w,
                ),
                notes: Vec::new(),
            }),
            notes: page
                .iter()
                .filter(|&&l| shorten(name(l), WIDTH_LABEL) != name(l))
                .map(|&l| name(l).to_string())
                .collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::{Locale, words};

    fn r(n: i128) -> Option<Ratio> {
        Some(Ratio::int(n))
    }

    #[test]
    fn large_counts_are_shown_in_wan_exactly() {
        let w = words(Locale::ZhCn);
        let c = chart(
            ChartKind::Bar,
            "新增粉丝",
            Unit::Quantity(QuantityUnit::Number),
            vec!["微信公众号".into(), "抖音".into(), "B站".into()],
            vec![("实际".into(), vec![r(120_000), r(85_000), None])],
            w,
        );
        assert_eq!(c.title, "新增粉丝（万）");
        assert_eq!(c.suffix, "万");
        let s = &c.series[0];
        assert_eq!(s.values, vec![Some("12".into()), Some("8.5".into()), None]);
        assert_eq!(s.labels, vec!["12万", "8.5万", ""]);
        assert_eq!(s.lengths, vec![1000, 708, 0]);
    }

    #[test]
    fn english_counts_and_money_keep_their_units() {
        let w = words(Locale::En);
        let c = chart(
            ChartKind::Bar,
            "New followers",
            Unit::Quantity(QuantityUnit::Number),
            vec!["a".into()],
            vec![("Actual".into(), vec![r(120_000)])],
            w,
        );
        assert_eq!(c.title, "New followers");
        assert_eq!(c.series[0].values, vec![Some("120000".into())]);
        let m = chart(
            ChartKind::Doughnut,
            "Amount",
            Unit::Money("EUR"),
            vec!["a".into(), "b".into(), "c".into()],
            vec![("Amount".into(), vec![r(300_000), r(200_000), r(500_000)])],
            w,
        );
        assert_eq!(m.title, "Amount (€)");
        assert_eq!(m.prefix, "€");
        assert_eq!(m.series[0].labels[0], "€300,000");
        assert_eq!(m.series[0].lengths, vec![300, 200, 500]);
    }

    #[test]
    fn shares_that_are_not_finite_decimals_are_rounded_only_in_the_text() {
        let w = words(Locale::En);
        let third = Ratio::new(1, 3);
        let c = chart(
            ChartKind::Column,
            "Share",
            Unit::Quantity(QuantityUnit::Percent),
            vec!["a".into()],
            vec![("x".into(), vec![third])],
            w,
        );
        assert_eq!(c.title, "Share (%)");
        assert_eq!(c.series[0].values, vec![Some("0.333333".into())]);
    }
}
