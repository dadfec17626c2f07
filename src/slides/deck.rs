//! A deck as data, between the plans and the two slide formats. `content`
//! decides what the slides say (from the plans, nothing invented); `html`
//! and `pptx` only decide how it looks. Everything a renderer needs is
//! already here: text in the deck's language, already shortened to fit
//! (the full text goes to the speaker notes), and chart geometry as whole
//! per-mille numbers so that both formats draw the same picture and the
//! bytes never depend on floating-point formatting.
//!
//! Every chart-like body also carries a `Chart`: categories and series with
//! their exact values (decimal text in the displayed unit, converted from
//! the plan's `Ratio`s only here), which the PPTX writes as a native,
//! editable chart with its workbook and the HTML draws as SVG. A new kind
//! of chart body needs only to build a `Chart`.
//!
//! Capacity limits (rows per table, bars per chart, items per timeline)
//! are constants here; `content` paginates to respect them, so a renderer
//! may assume a body never holds more than its limit.

use serde::Serialize;

/// Rows in one table slide.
pub const MAX_TABLE_ROWS: usize = 8;
/// Bars in one bar chart.
pub const MAX_BARS: usize = 8;
/// Cards on one slide.
pub const MAX_CARDS: usize = 4;
/// Items in one bullet list.
pub const MAX_BULLETS: usize = 6;
/// Bars on one timeline slide (all lanes together).
pub const MAX_TIMELINE_ITEMS: usize = 10;
/// Entries shown in one month cell (more become "+N").
pub const MAX_MONTH_ITEMS: usize = 3;
/// Entries in one weekday column.
pub const MAX_WEEK_ENTRIES: usize = 4;
/// Review steps on one slide.
pub const MAX_STEPS: usize = 5;
/// Agenda entries (the founding document's outline has 14).
pub const MAX_AGENDA: usize = 14;

/// Display width (CJK characters count 2) that each kind of text is cut to.
pub const WIDTH_TITLE: usize = 44;
pub const WIDTH_LABEL: usize = 28;
pub const WIDTH_ITEM: usize = 40;
pub const WIDTH_CELL: usize = 36;
pub const WIDTH_LINE: usize = 90;

#[derive(Clone, Debug, Serialize)]
pub struct Deck {
    /// The output folder's name: the (last) plan's id.
    pub id: String,
    pub kind: DeckKind,
    /// `zh-CN` or `en`: the `lang` of every text.
    pub lang: &'static str,
    /// The deck's title (the cover's, the HTML `<title>`, the PPTX title).
    pub title: String,
    pub slides: Vec<Slide>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeckKind {
    /// Next year's plan.
    Plan,
    /// A year's results against its targets.
    Review,
    /// Last year's review, then next year's plan.
    YearEnd,
}

#[derive(Clone, Debug, Serialize)]
pub struct Slide {
    /// Unique in the deck and stable across builds: `s03-kpis`.
    pub id: String,
    /// The section this slide belongs to, shown above the title: `01 年度运营成果总览`.
    pub section: Option<String>,
    pub title: String,
    pub body: Body,
    /// Speaker notes, one paragraph each: what does not fit on the slide.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Body {
    /// The first slide: the deck title is the slide title.
    Cover {
        subtitle: Option<String>,
        /// Small lines under the subtitle (period, team, …).
        lines: Vec<String>,
    },
    /// The sections that follow, numbered as in their headings.
    Agenda {
        items: Vec<AgendaItem>,
    },
    /// A section's opening slide: a big number and the section's name as title.
    Divider {
        number: String,
    },
    Table(Table),
    /// Horizontal bars: a chart of the actuals (and targets), with labels,
    /// values and notes per bar.
    Bars(Bars),
    Cards {
        cards: Vec<Card>,
    },
    /// One big line (the theme), tags under it (key messages), then labelled groups.
    Statement {
        headline: String,
        tags: Vec<String>,
        groups: Vec<Group>,
    },
    Timeline(Timeline),
    /// Twelve cells, January to December.
    Months {
        months: Vec<MonthCell>,
    },
    Week(Week),
    Budget(BudgetView),
    /// A chart on its own, with a line under it per entry that has a note:
    /// KPIs against their targets, budget planned against spent, and any
    /// other numbers whose picture is a chart.
    Chart(ChartView),
    Steps {
        steps: Vec<Step>,
    },
    Bullets {
        items: Vec<String>,
    },
}

impl Body {
    /// The body's charts, in the order they are drawn.
    pub fn charts(&self) -> Vec<&Chart> {
        match self {
            Body::Bars(b) => vec![&b.chart],
            Body::Chart(c) => vec![&c.chart],
            Body::Budget(b) => std::iter::once(&b.chart)
                .chain(b.breakdowns.iter().map(|d| &d.chart))
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AgendaItem {
    /// `01`…`14`.
    pub number: String,
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub label: String,
    /// Numbers: right-aligned.
    pub numeric: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// As many as there are columns; empty where there is no value.
    pub cells: Vec<String>,
    /// Hit or missed target: a mark in the last column and its colour.
    pub status: Status,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    None,
    Hit,
    Miss,
}

#[derive(Clone, Debug, Serialize)]
pub struct Bars {
    /// What the numbers count: `新增粉丝`.
    pub caption: Option<String>,
    pub bars: Vec<Bar>,
    /// The same numbers as a chart: one category per bar, the actual
    /// values and (when any bar has one) the targets as series.
    pub chart: Chart,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChartView {
    pub chart: Chart,
    /// Lines under the chart: `label`, then the text (a KPI's note).
    pub notes: Vec<(String, String)>,
}

/// A chart as numbers: what both formats draw. Categories run down (bars)
/// or around (doughnut) in order; each series holds one value per category.
#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    pub kind: ChartKind,
    /// What the values count, with their unit: `新增粉丝（万）`, `金额（¥）`.
    /// The value axis's title, and the workbook's header.
    pub title: String,
    /// Written around each value when it is shown: `¥` before, `万` or `%` after.
    pub prefix: String,
    pub suffix: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// The categories are parts of one whole (a budget's lines): each gets
    /// its own colour, as in the legend beside the chart.
    pub parts: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Horizontal bars, series side by side (clustered), first category on top.
    Bar,
    /// Vertical columns, series side by side.
    Column,
    /// Parts of a whole, one series, around a ring.
    Doughnut,
}

#[derive(Clone, Debug, Serialize)]
pub struct Series {
    pub name: String,
    /// Exact decimal text in the chart's unit (`8.5` for 8.5万), one per
    /// category; `None` where the plan has no value.
    pub values: Vec<Option<String>>,
    /// The values as shown: `8.5万`, `¥3,000,000` (empty where none).
    pub labels: Vec<String>,
    /// Drawing lengths, 0..=1000: against the largest value of the chart
    /// (bars), or the share of the whole (doughnut, adding up to 1000).
    pub lengths: Vec<u32>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Bar {
    pub label: String,
    /// The value as text: `12万`.
    pub value: String,
    /// Length, 0..=1000, relative to the longest bar (or target) in the
    /// chart. The renderers draw `Bars::chart`; this is the same length.
    pub length: u32,
    /// A target marker at this length, with its text.
    pub target: Option<Marker>,
    pub note: Option<String>,
    pub status: Status,
}

#[derive(Clone, Debug, Serialize)]
pub struct Marker {
    pub label: String,
    pub at: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct Card {
    pub title: String,
    pub subtitle: Option<String>,
    pub lines: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub label: String,
    pub items: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Timeline {
    /// Axis labels, evenly spaced across the year: `Q1`…`Q4` (or months).
    pub axis: Vec<String>,
    /// One lane per quarter that has items on this slide, in order.
    pub lanes: Vec<Lane>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Lane {
    pub label: String,
    pub items: Vec<TimelineItem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineItem {
    pub name: String,
    /// `01-26 – 02-28`.
    pub dates: String,
    /// Position in the plan's year, 0..=1000 (end ≥ start).
    pub start: u32,
    pub end: u32,
    pub flagship: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct MonthCell {
    /// `1月` / `Jan`.
    pub label: String,
    pub items: Vec<String>,
    /// Items not shown (`+2`), 0 when all are.
    pub more: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Week {
    /// Monday to Sunday, always seven.
    pub days: Vec<WeekDay>,
    /// Columns that are not weekly (`monthly on 1st mon`), with their cadence.
    pub others: Vec<WeekEntry>,
    pub reserve: Option<Reserve>,
}

#[derive(Clone, Debug, Serialize)]
pub struct WeekDay {
    pub label: String,
    pub entries: Vec<WeekEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct WeekEntry {
    pub name: String,
    /// Channel, time, cadence: `抖音 · 20:00`.
    pub detail: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Reserve {
    /// `20%`.
    pub share: String,
    /// 0..=1000 of the publishing slots.
    pub length: u32,
    pub label: String,
    pub purpose: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BudgetView {
    /// `¥5,000,000`.
    pub total: String,
    pub total_label: String,
    /// The top-level split: the legend's entries (lengths add up to 1000).
    pub segments: Vec<Segment>,
    /// The same split as a chart (a doughnut of the lines' amounts).
    pub chart: Chart,
    /// Splits of single lines (the KOL pyramid), each drawn on its own.
    pub breakdowns: Vec<Breakdown>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Segment {
    pub label: String,
    /// `¥3,000,000`.
    pub amount: String,
    /// `60%`.
    pub share: String,
    pub length: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct Breakdown {
    pub label: String,
    /// The KOL pyramid: its chart is bars of the tiers, top tier first,
    /// rather than a doughnut.
    pub pyramid: bool,
    pub segments: Vec<Segment>,
    /// The same split as a chart: a doughnut, or bars for the pyramid's
    /// tiers (top tier first).
    pub chart: Chart,
}

#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub title: String,
    pub owner: Option<String>,
    /// What the step checks.
    pub detail: Option<String>,
    /// `发布前 3 天送达 · 24 小时内答复`.
    pub timing: Option<String>,
}

/// Cuts `s` to at most `width` display columns, ending in `…` when cut.
pub fn shorten(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let s = s.trim();
    if crate::source::display_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = if c.is_control() {
            0
        } else {
            c.width().unwrap_or(0)
        };
        if w + cw + 1 > width {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// A chart for renderer tests: one series per entry of `series`, its
/// values the lengths themselves (`None` where a length is 0 and the
/// series is not the first).
#[cfg(test)]
pub fn test_chart(
    kind: ChartKind,
    title: &str,
    categories: &[String],
    series: &[(&str, &[u32])],
    parts: bool,
) -> Chart {
    Chart {
        kind,
        title: title.into(),
        prefix: String::new(),
        suffix: "万".into(),
        categories: categories.to_vec(),
        series: series
            .iter()
            .enumerate()
            .map(|(i, (name, lengths))| {
                let values: Vec<Option<String>> = lengths
                    .iter()
                    .map(|&l| (i == 0 || l > 0).then(|| l.to_string()))
                    .collect();
                Series {
                    name: (*name).into(),
                    labels: values
                        .iter()
                        .map(|v| v.as_ref().map(|v| format!("{v}万")).unwrap_or_default())
                        .collect(),
                    values,
                    lengths: lengths.to_vec(),
                }
            })
            .collect(),
        parts,
    }
}

/// A deck with one slide of every kind, with long, Chinese and hostile
/// text: for renderer tests.
#[cfg(test)]
pub fn sample() -> Deck {
    let long = "超长活动名称".repeat(50);
    let hostile = "<script>alert(1)</script> & \"quotes\" 'single'";
    let slide = |id: &str, title: &str, body: Body| Slide {
        id: id.into(),
        section: Some("01 年度运营成果总览".into()),
        title: title.into(),
        body,
        notes: vec![format!("备注：{hostile}"), "第二段".into()],
    };
    Deck {
        id: "sample".into(),
        kind: DeckKind::YearEnd,
        lang: "zh-CN",
        title: "2025 年终总结与 2026 传播计划".into(),
        slides: vec![
            Slide {
                section: None,
                ..slide(
                    "s01-cover",
                    "2025 年终总结与 2026 传播计划",
                    Body::Cover {
                        subtitle: Some("新媒体部".into()),
                        lines: vec!["2025-01-01 – 2026-12-31".into()],
                    },
                )
            },
            slide(
                "s02-agenda",
                "目录",
                Body::Agenda {
                    items: (1..=14)
                        .map(|i| AgendaItem {
                            number: format!("{i:02}"),
                            title: format!("第 {i} 部分"),
                        })
                        .collect(),
                },
            ),
            slide(
                "s03-divider",
                "年度运营成果总览",
                Body::Divider {
                    number: "01".into(),
                },
            ),
            slide(
                "s04-table",
                "KPI 完成情况",
                Body::Table(Table {
                    columns: ["指标", "基线", "目标", "实际", "完成"]
                        .iter()
                        .enumerate()
                        .map(|(i, l)| Column {
                            label: l.to_string(),
                            numeric: i > 0,
                        })
                        .collect(),
                    rows: vec![
                        Row {
                            cells: vec![
                                "全平台粉丝同比增长".into(),
                                String::new(),
                                "+30%".into(),
                                "+35%".into(),
                                "117%".into(),
                            ],
                            status: Status::Hit,
                        },
                        Row {
                            cells: vec![
                                shorten(hostile, WIDTH_CELL),
                                "3.2%".into(),
                                "8%".into(),
                                "5.8%".into(),
                                "73%".into(),
                            ],
                            status: Status::Miss,
                        },
                        Row {
                            cells: vec![
                                "平均互动率".into(),
                                "3.2%".into(),
                                String::new(),
                                "5.8%".into(),
                                "+2.6 pp".into(),
                            ],
                            status: Status::None,
                        },
                    ],
                }),
            ),
            slide(
                "s05-bars",
                "各平台新增粉丝",
                Body::Bars(Bars {
                    caption: Some("新增粉丝".into()),
                    chart: test_chart(
                        ChartKind::Bar,
                        "新增粉丝（万）",
                        &[
                            "微信公众号".into(),
                            "B站".into(),
                            shorten(&long, WIDTH_LABEL),
                        ],
                        &[("实际", &[1000, 317, 0]), ("目标", &[833, 0, 0])],
                        false,
                    ),
                    bars: vec![
                        Bar {
                            label: "微信公众号".into(),
                            value: "12万".into(),
                            length: 1000,
                            target: Some(Marker {
                                label: "目标 10万".into(),
                                at: 833,
                            }),
                            note: Some("占全平台增长 40%".into()),
                            status: Status::Hit,
                        },
                        Bar {
                            label: "B站".into(),
                            value: "3.8万".into(),
                            length: 317,
                            target: None,
                            note: None,
                            status: Status::None,
                        },
                        Bar {
                            label: shorten(&long, WIDTH_LABEL),
                            value: "0".into(),
                            length: 0,
                            target: None,
                            note: Some(shorten(&long, WIDTH_LINE)),
                            status: Status::Miss,
                        },
                    ],
                }),
            ),
            slide(
                "s06-cards",
                "年度爆款内容",
                Body::Cards {
                    cards: vec![
                        Card {
                            title: "行业白皮书深度长文".into(),
                            subtitle: Some("微信公众号".into()),
                            lines: vec!["12万+ 阅读".into(), "2,600 条销售线索".into()],
                        },
                        Card {
                            title: shorten(&long, WIDTH_ITEM),
                            subtitle: None,
                            lines: vec![hostile.into()],
                        },
                    ],
                },
            ),
            slide(
                "s07-statement",
                "传播主题",
                Body::Statement {
                    headline: "品质生活倡导者".into(),
                    tags: vec!["健康".into(), "便捷".into(), "社交".into()],
                    groups: vec![
                        Group {
                            label: "话题线".into(),
                            items: vec!["可持续消费".into(), "国潮文化".into()],
                        },
                        Group {
                            label: "新用户".into(),
                            items: vec!["首单福利".into()],
                        },
                    ],
                },
            ),
            slide(
                "s08-timeline",
                "旗舰活动",
                Body::Timeline(Timeline {
                    axis: vec!["Q1".into(), "Q2".into(), "Q3".into(), "Q4".into()],
                    lanes: vec![
                        Lane {
                            label: "Q1".into(),
                            items: vec![TimelineItem {
                                name: "年味实验室".into(),
                                dates: "01-26 – 03-05".into(),
                                start: 68,
                                end: 175,
                                flagship: true,
                            }],
                        },
                        Lane {
                            label: "Q4".into(),
                            items: vec![TimelineItem {
                                name: shorten(&long, WIDTH_ITEM),
                                dates: "10-21 – 11-14".into(),
                                start: 800,
                                end: 1000,
                                flagship: false,
                            }],
                        },
                    ],
                }),
            ),
            slide(
                "s09-months",
                "月度节点",
                Body::Months {
                    months: (1..=12)
                        .map(|m| MonthCell {
                            label: format!("{m}月"),
                            items: if m == 1 {
                                vec!["年货节".into(), shorten(&long, WIDTH_LABEL)]
                            } else {
                                Vec::new()
                            },
                            more: if m == 1 { 2 } else { 0 },
                        })
                        .collect(),
                },
            ),
            slide(
                "s10-week",
                "周更栏目",
                Body::Week(Week {
                    days: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
                        .iter()
                        .enumerate()
                        .map(|(i, d)| WeekDay {
                            label: d.to_string(),
                            entries: match i {
                                2 => vec![WeekEntry {
                                    name: "探店vlog".into(),
                                    detail: Some("抖音".into()),
                                }],
                                4 => vec![WeekEntry {
                                    name: "粉丝福利日".into(),
                                    detail: Some("微博 · 20:00".into()),
                                }],
                                _ => Vec::new(),
                            },
                        })
                        .collect(),
                    others: vec![WeekEntry {
                        name: "月度复盘".into(),
                        detail: Some("每月第一个周一".into()),
                    }],
                    reserve: Some(Reserve {
                        share: "20%".into(),
                        length: 200,
                        label: "热点预留".into(),
                        purpose: Some("监测 → 快速响应 → 矩阵分发".into()),
                    }),
                }),
            ),
            slide(
                "s11-budget",
                "预算分配",
                Body::Budget(BudgetView {
                    total: "¥5,000,000".into(),
                    total_label: "总预算".into(),
                    chart: test_chart(
                        ChartKind::Doughnut,
                        "金额（¥）",
                        &["广告".into(), "KOL".into(), hostile.into()],
                        &[("金额", &[600, 300, 100])],
                        true,
                    ),
                    segments: vec![
                        Segment {
                            label: "广告".into(),
                            amount: "¥3,000,000".into(),
                            share: "60%".into(),
                            length: 600,
                        },
                        Segment {
                            label: "KOL".into(),
                            amount: "¥1,500,000".into(),
                            share: "30%".into(),
                            length: 300,
                        },
                        Segment {
                            label: "工具".into(),
                            amount: "¥500,000".into(),
                            share: "10%".into(),
                            length: 100,
                        },
                    ],
                    breakdowns: vec![Breakdown {
                        label: "KOL 金字塔".into(),
                        pyramid: true,
                        chart: test_chart(
                            ChartKind::Bar,
                            "金额（¥）",
                            &["头部".into(), "腰部".into(), "素人".into()],
                            &[("金额", &[50, 250, 700])],
                            true,
                        ),
                        segments: vec![
                            Segment {
                                label: "头部".into(),
                                amount: "¥75,000".into(),
                                share: "5%".into(),
                                length: 50,
                            },
                            Segment {
                                label: "腰部".into(),
                                amount: "¥375,000".into(),
                                share: "25%".into(),
                                length: 250,
                            },
                            Segment {
                                label: "素人".into(),
                                amount: "¥1,050,000".into(),
                                share: "70%".into(),
                                length: 700,
                            },
                        ],
                    }],
                }),
            ),
            slide(
                "s12-chart",
                "指标对比",
                Body::Chart(ChartView {
                    chart: test_chart(
                        ChartKind::Column,
                        "KPI（%）",
                        &["平均互动率".into(), "电商引流转化率".into()],
                        &[("基线", &[552, 729]), ("实际", &[682, 1000])],
                        false,
                    ),
                    notes: vec![("电商引流转化率".into(), "+2.3 个百分点".into())],
                }),
            ),
            slide(
                "s13-steps",
                "三级审核",
                Body::Steps {
                    steps: vec![
                        Step {
                            title: "初审".into(),
                            owner: Some("内容编辑".into()),
                            detail: Some("排版、错别字".into()),
                            timing: Some("24 小时内答复".into()),
                        },
                        Step {
                            title: "终审".into(),
                            owner: Some("法务".into()),
                            detail: Some("法务与品牌".into()),
                            timing: Some("发布前 3 天送达 · 24 小时内答复".into()),
                        },
                    ],
                },
            ),
            slide(
                "s14-bullets",
                "运营规则",
                Body::Bullets {
                    items: vec![
                        "热点出现后 2 小时内出初稿".into(),
                        shorten(&long, WIDTH_LINE),
                        hostile.into(),
                    ],
                },
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_by_display_width() {
        assert_eq!(shorten("年味实验室", 10), "年味实验室");
        assert_eq!(shorten("年味实验室", 9), "年味实验…");
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(
            crate::source::display_width(&shorten(&"长".repeat(300), 44)),
            43
        );
    }

    #[test]
    fn sample_has_every_body_and_unique_ids() {
        let d = sample();
        let mut ids: Vec<_> = d.slides.iter().map(|s| s.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), d.slides.len());
        assert_eq!(d.slides.len(), 14);
    }
}
