//! The mapping file of `almanac actuals import`: which column of an
//! export is which value of the plan, how rows add up, and how a row's
//! campaign name finds its campaign. It is TOML, read with the same spanned
//! tree as plans, so every mistake in it is located (I007); the format is
//! documented in `docs/actuals.md`.

use chrono::NaiveDate;

use super::table::Encoding;
use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::source::{FileId, SourceMap, Span, Spanned};
use crate::syntax::tree::{Item, Table, Value};
use crate::tr;

/// What a campaign's or channel's results hold (`[campaigns.<id>.results]`).
pub const CAMPAIGN_METRICS: &[&str] = &["reach", "engagement", "conversions", "leads", "spent"];
/// What a column's results hold (`[columns.<id>.results]`).
pub const COLUMN_METRICS: &[&str] = &["episodes", "avg_reads", "avg_plays", "reach", "engagement"];

const FILE_KEYS: &[&str] = &["sheet", "encoding", "blanks", "date_column", "from", "to"];
const CAMPAIGN_KEYS: &[&str] = &["column", "match", "aliases"];
const METRIC_KEYS: &[&str] = &[
    "column",
    "kpi",
    "budget",
    "campaign",
    "plan_column",
    "metric",
    "channel",
    "aggregate",
];
const TOP_KEYS: &[&str] = &["file", "campaigns", "metrics"];

pub type Text = Spanned<String>;

#[derive(Debug)]
pub struct Mapping {
    pub file: FileId,
    pub sheet: Option<String>,
    pub encoding: Encoding,
    /// Whether blank number cells (empty, `-`) are skipped instead of reported.
    pub skip_blanks: bool,
    pub date_column: Option<Text>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub campaigns: Option<CampaignMatch>,
    pub metrics: Vec<Metric>,
}

#[derive(Debug)]
pub struct CampaignMatch {
    pub column: Text,
    pub mode: MatchMode,
    /// Text as the export writes it → a campaign id.
    pub aliases: Vec<(Text, Text)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchMode {
    Exact,
    Contains,
}

#[derive(Debug)]
pub struct Metric {
    /// The export's column header.
    pub column: Text,
    pub target: Target,
    pub aggregate: Aggregate,
    /// Where `aggregate` is written (else the column), for diagnostics.
    pub aggregate_span: Span,
}

/// What a value is written into. A campaign id of `*` means "the campaign
/// each row names" (see [`CampaignMatch`]).
#[derive(Debug)]
pub enum Target {
    Kpi(Text),
    Budget(Text),
    Campaign {
        id: Text,
        metric: Text,
        channel: Option<Text>,
    },
    Column {
        id: Text,
        metric: Text,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    Sum,
    Last,
    Mean,
    /// The number of rows (a column's episodes: one row per episode).
    Count,
}

/// Reads a mapping from its text in `sources`; `None` (with diagnostics
/// pushed) when it has mistakes.
pub fn read(sources: &SourceMap, file: FileId, diags: &mut Vec<Diagnostic>) -> Option<Mapping> {
    let before = diags.len();
    let tree = crate::syntax::toml::parse(sources, file, diags)?;
    let mut r = Reader { file, diags };
    r.keys(&tree, TOP_KEYS, "");
    let mut m = Mapping {
        file,
        sheet: None,
        encoding: Encoding::Auto,
        skip_blanks: false,
        date_column: None,
        from: None,
        to: None,
        campaigns: None,
        metrics: Vec::new(),
    };
    if let Some(t) = r.table(&tree, "file") {
        r.keys(t, FILE_KEYS, "file");
        m.sheet = r.text(t, "sheet").map(|s| s.value);
        if let Some(e) = r.text(t, "encoding") {
            m.encoding = match e.value.to_ascii_lowercase().as_str() {
                "auto" => Encoding::Auto,
                "utf-8" | "utf8" => Encoding::Utf8,
                "gbk" | "gb18030" | "gb2312" => Encoding::Gb18030,
                _ => {
                    r.bad(e.span, "encoding", &["auto", "utf-8", "gbk", "gb18030"]);
                    Encoding::Auto
                }
            };
        }
        if let Some(b) = r.text(t, "blanks") {
            m.skip_blanks = match b.value.as_str() {
                "error" => false,
                "skip" => true,
                _ => {
                    r.bad(b.span, "blanks", &["error", "skip"]);
                    false
                }
            };
        }
        m.date_column = r.text(t, "date_column");
        m.from = r.date(t, "from");
        m.to = r.date(t, "to");
        if m.date_column.is_none()
            && let Some(item) = t.get("from").or(t.get("to"))
        {
            r.push(
                Span::new(file, item.span().start, item.span().end),
                tr!(
                    "日期范围需要 `date_column`",
                    "a date range needs a `date_column`"
                ),
                tr!(
                    "在 `[file]` 里写明哪一列是日期，例如 `date_column = \"发布时间\"`",
                    "say which column holds the date in `[file]`, e.g. `date_column = \"发布时间\"`"
                ),
            );
        }
    }
    if let Some(t) = r.table(&tree, "campaigns") {
        r.keys(t, CAMPAIGN_KEYS, "campaigns");
        let column = r.required(
            t,
            "column",
            "campaigns",
            tree_span(&tree, "campaigns", file),
        );
        let mode = match r.text(t, "match") {
            None => MatchMode::Exact,
            Some(s) => match s.value.as_str() {
                "exact" => MatchMode::Exact,
                "contains" => MatchMode::Contains,
                _ => {
                    r.bad(s.span, "match", &["exact", "contains"]);
                    MatchMode::Exact
                }
            },
        };
        let mut aliases = Vec::new();
        if let Some(a) = r.table(t, "aliases") {
            for (k, v) in a.iter() {
                if let Some(id) = r.string_item(v, &format!("campaigns.aliases.{}", k.get_ref())) {
                    let ks = k.span();
                    aliases.push((
                        Spanned {
                            value: k.get_ref().to_string(),
                            span: Span::new(file, ks.start, ks.end),
                        },
                        id,
                    ));
                }
            }
        }
        if let Some(column) = column {
            m.campaigns = Some(CampaignMatch {
                column,
                mode,
                aliases,
            });
        }
    }
    match tree.get("metrics").map(Item::get_ref) {
        Some(Value::Array(items)) => {
            for item in items {
                if let Value::Table(t) = item.get_ref() {
                    let at = Span::new(file, item.span().start, item.span().end);
                    if let Some(metric) = r.metric(t, at, &m) {
                        m.metrics.push(metric);
                    }
                } else {
                    r.wrong_type(item, "metrics", tr!("表", "a table"));
                }
            }
        }
        Some(_) => {
            if let Some(item) = tree.get("metrics") {
                r.wrong_type(
                    item,
                    "metrics",
                    tr!(
                        "表数组（`[[metrics]]`）",
                        "an array of tables (`[[metrics]]`)"
                    ),
                );
            }
        }
        None => {}
    }
    if m.metrics.is_empty() && r.diags.len() == before {
        r.push(
            Span::new(file, 0, 0),
            tr!(
                "映射文件没有 `[[metrics]]`",
                "the mapping has no `[[metrics]]`"
            ),
            tr!(
                "每个要写入计划的值写一个 `[[metrics]]`，见 `docs/actuals.md`",
                "write one `[[metrics]]` per value to write into the plan; see docs/actuals.md"
            ),
        );
    }
    if diags.len() > before { None } else { Some(m) }
}

fn tree_span(tree: &Table<'_>, key: &str, file: FileId) -> Span {
    let r = tree.get(key).map_or(0..0, Item::span);
    Span::new(file, r.start, r.end)
}

struct Reader<'d> {
    file: FileId,
    diags: &'d mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn push(&mut self, span: Span, message: Msg, help: Msg) {
        self.diags.push(
            Diagnostic::new(&codes::I007, span, message)
                .label(tr!("映射文件这里", "in the mapping"))
                .help(help),
        );
    }

    fn span(&self, r: std::ops::Range<usize>) -> Span {
        Span::new(self.file, r.start, r.end)
    }

    /// Reports keys of `t` other than `known`, with the closest known one.
    fn keys(&mut self, t: &Table<'_>, known: &[&str], table: &str) {
        for (k, _) in t.iter() {
            let name = k.get_ref();
            if known.contains(&name.as_ref()) {
                continue;
            }
            let span = self.span(k.span());
            let where_ = if table.is_empty() {
                tr!("映射文件顶层", "the mapping's top level")
            } else {
                tr!("`[{table}]`", "`[{table}]`")
            };
            let (wz, we) = (&where_.zh, &where_.en);
            let mut d = Diagnostic::new(
                &codes::I007,
                span,
                tr!("{wz}没有键 `{name}`", "unknown key `{name}` in {we}"),
            )
            .label(tr!("映射文件不认识这个键", "not a key of the mapping"));
            match crate::diagnostics::closest(name, known.iter().copied()) {
                Some(c) => {
                    d = d.help(crate::diagnostics::did_you_mean(c)).fix(span, c);
                }
                None => {
                    let list = known.join("`, `");
                    d = d.help(tr!("可用的键：`{list}`", "the keys are `{list}`"));
                }
            }
            self.diags.push(d);
        }
    }

    fn wrong_type(&mut self, item: &Item<'_>, key: &str, want: Msg) {
        let (wz, we) = (&want.zh, &want.en);
        self.push(
            self.span(item.span()),
            tr!("`{key}` 应当是{wz}", "`{key}` should be {we}"),
            tr!(
                "写法见 `docs/actuals.md`",
                "see docs/actuals.md for how it is written"
            ),
        );
    }

    fn table<'t>(&mut self, t: &'t Table<'_>, key: &str) -> Option<&'t Table<'t>> {
        let item = t.get(key)?;
        match item.get_ref() {
            Value::Table(inner) => Some(inner),
            _ => {
                self.wrong_type(item, key, tr!("表", "a table"));
                None
            }
        }
    }

    fn string_item(&mut self, item: &Item<'_>, key: &str) -> Option<Text> {
        match item.get_ref() {
            Value::String(s) => Some(Spanned {
                value: s.to_string(),
                span: self.span(item.span()),
            }),
            _ => {
                self.wrong_type(item, key, tr!("字符串", "a string"));
                None
            }
        }
    }

    fn text(&mut self, t: &Table<'_>, key: &str) -> Option<Text> {
        let item = t.get(key)?;
        self.string_item(item, key)
    }

    fn required(&mut self, t: &Table<'_>, key: &str, table: &str, at: Span) -> Option<Text> {
        if t.get(key).is_none() {
            self.push(
                at,
                tr!("`[{table}]` 缺少 `{key}`", "`[{table}]` has no `{key}`"),
                tr!(
                    "写明导出文件中哪一列：`{key} = \"列名\"`",
                    "name the export's column: `{key} = \"header\"`"
                ),
            );
            return None;
        }
        self.text(t, key)
    }

    fn date(&mut self, t: &Table<'_>, key: &str) -> Option<NaiveDate> {
        let s = self.text(t, key)?;
        let d = NaiveDate::parse_from_str(&s.value, "%Y-%m-%d").ok();
        if d.is_none() {
            self.push(
                s.span,
                tr!("`{key}` 不是日期", "`{key}` is not a date"),
                tr!(
                    "写成 `2025-01-01` 这样的日期",
                    "write a date such as `2025-01-01`"
                ),
            );
        }
        d
    }

    fn bad(&mut self, span: Span, key: &str, allowed: &[&str]) {
        let list = allowed.join("`, `");
        self.push(
            span,
            tr!("`{key}` 的取值无效", "invalid value for `{key}`"),
            tr!("可以写：`{list}`", "it is one of `{list}`"),
        );
    }

    fn metric(&mut self, t: &Table<'_>, at: Span, m: &Mapping) -> Option<Metric> {
        let before = self.diags.len();
        self.keys(t, METRIC_KEYS, "metrics");
        let column = self.required(t, "column", "metrics", at);
        let aggregate_item = t.get("aggregate");
        let aggregate = match self.text(t, "aggregate") {
            None => Aggregate::Sum,
            Some(s) => match s.value.as_str() {
                "sum" => Aggregate::Sum,
                "last" => Aggregate::Last,
                "mean" => Aggregate::Mean,
                "count" => Aggregate::Count,
                _ => {
                    self.bad(s.span, "aggregate", &["sum", "last", "mean", "count"]);
                    Aggregate::Sum
                }
            },
        };
        let aggregate_span = aggregate_item.map_or(at, |i| self.span(i.span()));
        if aggregate == Aggregate::Last && m.date_column.is_none() {
            self.push(
                aggregate_span,
                tr!(
                    "`aggregate = \"last\"` 需要 `[file]` 里的 `date_column`",
                    "`aggregate = \"last\"` needs a `date_column` in `[file]`"
                ),
                tr!(
                    "“最后一行”按日期取，不按文件顺序（后台导出常常是倒序的）",
                    "the last row is the latest by date, not by position (exports are often newest first)"
                ),
            );
        }
        let kinds: Vec<&str> = ["kpi", "budget", "campaign", "plan_column"]
            .into_iter()
            .filter(|k| t.get(k).is_some())
            .collect();
        if kinds.len() != 1 {
            let (mz, me) = if kinds.is_empty() {
                (
                    "这一项没有写入目标".to_string(),
                    "this metric has no target".to_string(),
                )
            } else {
                let list = kinds.join("`, `");
                (
                    format!("这一项有多个写入目标：`{list}`"),
                    format!("this metric has more than one target: `{list}`"),
                )
            };
            self.push(
                at,
                Msg { zh: mz, en: me },
                tr!(
                    "每项写且只写 `kpi`、`budget`、`campaign` 或 `plan_column` 中的一个",
                    "give exactly one of `kpi`, `budget`, `campaign` or `plan_column`"
                ),
            );
            return None;
        }
        let target = match kinds[0] {
            "kpi" => Target::Kpi(self.text(t, "kpi")?),
            "budget" => Target::Budget(self.text(t, "budget")?),
            "campaign" => {
                let id = self.text(t, "campaign")?;
                let metric = self.metric_name(t, at, CAMPAIGN_METRICS)?;
                let channel = self.text(t, "channel");
                if id.value == "*" && m.campaigns.is_none() {
                    self.push(
                        id.span,
                        tr!(
                            "`campaign = \"*\"` 需要 `[campaigns]` 说明如何匹配活动名称",
                            "`campaign = \"*\"` needs a `[campaigns]` table saying how names match"
                        ),
                        tr!(
                            "写 `[campaigns]` 及其 `column`（活动名称所在的列）",
                            "write `[campaigns]` with its `column` (the column holding the campaign's name)"
                        ),
                    );
                }
                Target::Campaign {
                    id,
                    metric,
                    channel,
                }
            }
            _ => {
                let id = self.text(t, "plan_column")?;
                let metric = self.metric_name(t, at, COLUMN_METRICS)?;
                Target::Column { id, metric }
            }
        };
        if !matches!(target, Target::Campaign { .. })
            && let Some(c) = t.get("channel")
        {
            self.push(
                self.span(c.span()),
                tr!(
                    "只有活动的指标才分渠道",
                    "only a campaign's metrics are per channel"
                ),
                tr!("删掉 `channel`", "remove `channel`"),
            );
        }
        if !matches!(target, Target::Campaign { .. } | Target::Column { .. })
            && let Some(c) = t.get("metric")
        {
            self.push(
                self.span(c.span()),
                tr!(
                    "KPI 写入 `actual`，预算科目写入 `spent`，不需要 `metric`",
                    "a KPI receives its `actual` and a budget line its `spent`; `metric` is not needed"
                ),
                tr!("删掉 `metric`", "remove `metric`"),
            );
        }
        let column = column?;
        if self.diags.len() > before {
            return None;
        }
        Some(Metric {
            column,
            target,
            aggregate,
            aggregate_span,
        })
    }

    fn metric_name(&mut self, t: &Table<'_>, at: Span, allowed: &[&str]) -> Option<Text> {
        let Some(s) = self.text(t, "metric") else {
            let list = allowed.join("`, `");
            self.push(
                at,
                tr!("这一项缺少 `metric`", "this metric has no `metric`"),
                tr!(
                    "写明写入哪个结果：`{list}`",
                    "say which result it fills: `{list}`"
                ),
            );
            return None;
        };
        if !allowed.contains(&s.value.as_str()) {
            let list = allowed.join("`, `");
            let mut d = Diagnostic::new(
                &codes::I007,
                s.span,
                tr!("没有结果指标 `{0}`", "no result `{0}`", s.value),
            )
            .label(tr!("映射文件这里", "in the mapping"));
            d = match crate::diagnostics::closest(&s.value, allowed.iter().copied()) {
                Some(c) => d.help(crate::diagnostics::did_you_mean(c)),
                None => d.help(tr!("可以写：`{list}`", "it is one of `{list}`")),
            };
            self.diags.push(d);
            return None;
        }
        Some(s)
    }
}
