//! `almanac actuals import`: last year's results, from the files the
//! platforms' back ends export, into the plan. A mapping (`mapping.rs`)
//! says which column is which value; the exports (`table.rs`: CSV in UTF-8
//! or GBK, Excel workbooks) are read into located cells, their numbers read
//! exactly (`number.rs`), rows matched to campaigns, added up, and the
//! values written into the plan with `toml_edit` and laid out by `fmt`, so
//! the file changes only where a value goes and stays canonical.
//!
//! Everything is checked before anything is written: a plan that is not
//! valid TOML, a mapping with a mistake, a column that is missing, a cell
//! that is not a number, a campaign name that matches none or two — each
//! is a located diagnostic (I001–I008), and the plan is left as it was.
//! The write is atomic (`fmt::write_atomic`); `--dry-run` shows the plan's
//! semantic diff (`crate::diff`) instead.

pub mod mapping;
pub mod number;
pub mod table;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::check::{Checked, Options, check_with};
use crate::diagnostics::{Diagnostic, Severity, codes};
use crate::locale::{Locale, Msg};
use crate::ratio::Ratio;
use crate::source::{SourceMap, Span};
use crate::tr;
use crate::world::{Overlay, World, io_reason};
use mapping::{Aggregate, Mapping, MatchMode, Metric, Target};
use number::Number;
use table::{Cell, Table};

/// What to import.
pub struct Request<'a> {
    pub files: &'a [PathBuf],
    pub map: &'a Path,
    pub plan: &'a Path,
    /// The project root (`--root`); by default the plan's own.
    pub root: Option<PathBuf>,
}

/// A path that could not be used (exit code 2).
#[derive(Debug)]
pub struct ImportError {
    pub path: PathBuf,
    pub reason: Msg,
}

impl ImportError {
    pub fn msg(&self) -> Msg {
        let (path, rz, re) = (self.path.display(), &self.reason.zh, &self.reason.en);
        tr!("无法读取 `{path}`：{rz}", "cannot read `{path}`: {re}")
    }
}

/// One value found for the plan.
#[derive(Debug, Clone)]
pub struct Value {
    /// Where it goes: `kpis.wechat_new_followers.actual`.
    pub path: String,
    /// As the plan writes it, a TOML value: `"12万"`, `48`.
    pub text: String,
    /// How many rows it was made from.
    pub rows: usize,
}

/// What an import found. When `diagnostics` holds an error, `new` is
/// `None` and nothing may be written.
pub struct Outcome {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub values: Vec<Value>,
    /// The plan as checked before the import.
    pub before: Option<Checked>,
    /// The new bytes of the plan file.
    pub new: Option<Vec<u8>>,
    /// The plan's written `locale`, for the language of messages.
    pub locale: Option<Locale>,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        (self.diagnostics.iter())
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Reads the plan, the mapping and the exports and works out the plan's
/// new text. Nothing is written.
pub fn prepare(world: &dyn World, req: &Request<'_>) -> Result<Outcome, ImportError> {
    let unreadable = |path: &Path, e: &io::Error| ImportError {
        path: path.to_path_buf(),
        reason: io_reason(e),
    };
    let plan_bytes = world.read(req.plan).map_err(|e| unreadable(req.plan, &e))?;
    let map_bytes = world.read(req.map).map_err(|e| unreadable(req.map, &e))?;
    let mut files = Vec::new();
    for f in req.files {
        files.push(world.read(f).map_err(|e| unreadable(f, &e))?);
    }
    let opts = Options {
        root: req.root.clone(),
    };
    let checked = check_with(world, &[req.plan.to_path_buf()], &opts).map_err(|e| ImportError {
        path: req.plan.to_path_buf(),
        reason: e.msg(),
    })?;
    let mut out = Outcome {
        sources: SourceMap::default(),
        diagnostics: Vec::new(),
        values: Vec::new(),
        before: None,
        new: None,
        locale: None,
    };
    // The plan's own syntax errors refuse the import, shown from the check's
    // copy of its text; nothing else of the check is this command's business.
    let plan_file = checked.sources.find(&crate::world::normalize(req.plan));
    out.locale = plan_file.and_then(|f| checked.locales.get(&f).copied());
    let fatal: Vec<Diagnostic> = (checked.diagnostics.iter())
        .filter(|d| {
            Some(d.primary.span.file) == plan_file && matches!(d.code(), "S001" | "S002" | "S008")
        })
        .cloned()
        .collect();
    let text = match crate::syntax::toml::decode(&plan_bytes) {
        Ok(t) if fatal.is_empty() => t,
        _ => {
            if fatal.is_empty() {
                // Not UTF-8 now, though the check read it: it changed meanwhile.
                return Err(ImportError {
                    path: req.plan.to_path_buf(),
                    reason: tr!("读取时文件在变化", "the file changed while it was read"),
                });
            }
            out.sources = checked.sources;
            out.diagnostics = fatal;
            return Ok(finish(out, None));
        }
    };
    let mut doc: toml_edit::DocumentMut = match text.parse() {
        Ok(d) => d,
        Err(e) => {
            let message = e.message().trim().trim_end_matches('.').to_string();
            let id = out.sources.add(req.plan.to_path_buf(), text);
            let range = e.span().unwrap_or(0..0);
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::S001,
                    Span::new(id, range.start, range.end),
                    tr!("TOML 语法错误：{message}", "invalid TOML: {message}"),
                )
                .label(tr!("这里", "here")),
            );
            return Ok(finish(out, Some(checked)));
        }
    };
    out.sources = SourceMap::default();
    let map_id = {
        let mut d = Vec::new();
        let (id, usable) = crate::syntax::toml::add_file(
            &mut out.sources,
            req.map.to_path_buf(),
            &map_bytes,
            &mut d,
        );
        // An empty mapping is a mapping mistake, not an empty plan.
        for x in &mut d {
            if x.code() == "S008" {
                *x = Diagnostic::new(
                    &codes::I007,
                    x.primary.span,
                    tr!("映射文件是空的", "the mapping is empty"),
                )
                .help(tr!(
                    "每个要写入计划的值写一个 `[[metrics]]`，见 `docs/actuals.md`",
                    "write one `[[metrics]]` per value to write into the plan; see docs/actuals.md"
                ));
            }
        }
        out.diagnostics.extend(d);
        usable.then_some(id)
    };
    let Some(map_id) = map_id else {
        return Ok(finish(out, Some(checked)));
    };
    let mut diags = Vec::new();
    let Some(mapping) = mapping::read(&out.sources, map_id, &mut diags) else {
        out.diagnostics.extend(diags);
        return Ok(finish(out, Some(checked)));
    };
    let plan = Ids::of(&doc, checked.plans.first());
    plan.check_targets(&mapping, &mut diags);
    if !diags.is_empty() {
        out.diagnostics.extend(diags);
        return Ok(finish(out, Some(checked)));
    }
    // Every file's rows, each cell read.
    let mut found: BTreeMap<(usize, TargetPath), Vec<Found>> = BTreeMap::new();
    for (path, bytes) in req.files.iter().zip(&files) {
        let Some(table) = table::read(
            path,
            bytes,
            mapping.sheet.as_deref(),
            mapping.encoding,
            &mut out.sources,
            &mut diags,
        ) else {
            continue;
        };
        collect(
            &table,
            &mapping,
            &plan,
            &out.sources,
            &mut found,
            &mut diags,
        );
    }
    // Added up.
    let mut values: BTreeMap<TargetPath, (usize, Number, usize)> = BTreeMap::new();
    for ((index, target), rows) in &found {
        let metric = &mapping.metrics[*index];
        let Some(n) = aggregate(metric, rows, &out.sources, &mut diags) else {
            continue;
        };
        if let Some((other, _, _)) = values.get(target) {
            let other = &mapping.metrics[*other];
            let path = target.to_string();
            diags.push(
                Diagnostic::new(
                    &codes::I007,
                    metric.column.span,
                    tr!("两项都写入 `{path}`", "two metrics write `{path}`"),
                )
                .label(tr!("第二项", "the second"))
                .secondary(other.column.span, tr!("第一项", "the first"))
                .help(tr!(
                    "每个值只能由一项写入；删掉其中一项",
                    "each value is written by one metric; remove one of them"
                )),
            );
            continue;
        }
        values.insert(target.clone(), (*index, n, rows.len()));
    }
    if diags.iter().any(|d| d.severity == Severity::Error) {
        out.diagnostics.extend(diags);
        return Ok(finish(out, Some(checked)));
    }
    out.diagnostics.extend(diags);
    // Written, in the mapping's order.
    let mut ordered: Vec<(&TargetPath, &(usize, Number, usize))> = values.iter().collect();
    ordered.sort_by_key(|(t, (i, _, _))| (*i, (*t).clone()));
    for (target, (index, n, rows)) in ordered {
        let value = if target.is_count() {
            // A count is a TOML integer in the plan format.
            match whole(*n) {
                Some(v) => toml_edit::Value::from(v),
                None => {
                    let metric = &mapping.metrics[*index];
                    let text = number::plan_text(*n);
                    out.diagnostics.push(
                        Diagnostic::new(
                            &codes::I002,
                            metric.column.span,
                            tr!(
                                "`{target}` 是期数，应当是整数，汇总结果却是 `{text}`",
                                "`{target}` counts episodes, a whole number, but the rows give `{text}`"
                            ),
                        )
                        .label(tr!("这一列", "this column"))
                        .help(tr!(
                            "每期一行时用 `aggregate = \"count\"` 数行数",
                            "with one row per episode, count the rows with `aggregate = \"count\"`"
                        )),
                    );
                    continue;
                }
            }
        } else {
            toml_edit::Value::from(number::plan_text(*n))
        };
        let text = value.to_string().trim().to_string();
        write_value(&mut doc, target, value);
        out.values.push(Value {
            path: target.to_string(),
            text,
            rows: *rows,
        });
    }
    if out
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        return Ok(finish(out, Some(checked)));
    }
    let new_text = match crate::fmt::format_source(&doc.to_string()) {
        Ok(t) => t,
        Err(e) => {
            return Err(ImportError {
                path: req.plan.to_path_buf(),
                reason: tr!(
                    "写入后的计划无法排版（{e}）；这是 almanac 的缺陷，文件没有改动",
                    "the plan could not be laid out after the import ({e}); this is a bug in almanac, the file is unchanged"
                ),
            });
        }
    };
    let mut bytes = Vec::new();
    if plan_bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(new_text.as_bytes());
    out.new = Some(bytes);
    Ok(finish(out, Some(checked)))
}

/// Stamps the plan's locale on every diagnostic and keeps the plan's check.
fn finish(mut out: Outcome, checked: Option<Checked>) -> Outcome {
    for d in &mut out.diagnostics {
        d.locale = out.locale;
    }
    out.diagnostics.sort_by_key(|d| {
        (
            d.primary.span.file,
            d.primary.span.start,
            d.primary.span.end,
        )
    });
    out.before = checked;
    if out.errors() > 0 {
        out.new = None;
    }
    out
}

/// The plan with `bytes` as the plan file's content, checked: for
/// `--dry-run`'s diff and for the check that what is written still reads.
pub fn check_new(
    world: &dyn World,
    req: &Request<'_>,
    bytes: &[u8],
) -> Result<Checked, ImportError> {
    let real = world.canonicalize(req.plan).map_err(|e| ImportError {
        path: req.plan.to_path_buf(),
        reason: io_reason(&e),
    })?;
    let new = (real, bytes.to_vec());
    let overlay = Overlay {
        base: world,
        files: &new,
    };
    check_with(
        &overlay,
        &[req.plan.to_path_buf()],
        &Options {
            root: req.root.clone(),
        },
    )
    .map_err(|e| ImportError {
        path: req.plan.to_path_buf(),
        reason: e.msg(),
    })
}

/// Where a value goes: the tables on the way and the key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TargetPath {
    pub tables: Vec<String>,
    pub key: String,
}

impl TargetPath {
    /// Whether the value is a count, which the plan writes as an integer
    /// (`[columns.<id>.results] episodes`).
    fn is_count(&self) -> bool {
        self.key == "episodes"
    }
}

/// A whole, non-percentage number as an integer.
fn whole(n: Number) -> Option<i64> {
    if n.percent || n.value.denom() != 1 {
        return None;
    }
    i64::try_from(n.value.numer()).ok()
}

impl std::fmt::Display for TargetPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.tables.join("."), self.key)
    }
}

/// One cell's number, with the row's date.
#[derive(Debug)]
struct Found {
    n: Number,
    date: Option<NaiveDate>,
    span: Span,
}

/// The ids the plan file declares, which the mapping may name.
struct Ids {
    kpis: Vec<String>,
    /// Campaign id and name, in the file's order.
    campaigns: Vec<(String, String)>,
    columns: Vec<String>,
    /// Budget lines as dotted paths (`kol.head`).
    budget: Vec<String>,
    /// Channel ids of the resolved plan (they are often in a fragment);
    /// `None` when the plan did not resolve.
    channels: Option<Vec<String>>,
}

impl Ids {
    fn of(doc: &toml_edit::DocumentMut, plan: Option<&crate::model::Plan>) -> Ids {
        let keys = |name: &str| -> Vec<String> {
            doc.get(name)
                .and_then(toml_edit::Item::as_table_like)
                .map(|t| t.iter().map(|(k, _)| k.to_string()).collect())
                .unwrap_or_default()
        };
        let campaigns = doc
            .get("campaigns")
            .and_then(toml_edit::Item::as_table_like)
            .map(|t| {
                t.iter()
                    .map(|(k, v)| {
                        let name = v
                            .as_table_like()
                            .and_then(|c| c.get("name"))
                            .and_then(toml_edit::Item::as_str)
                            .unwrap_or(k);
                        (k.to_string(), name.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut budget = Vec::new();
        if let Some(b) = doc.get("budget").and_then(toml_edit::Item::as_table_like) {
            budget_lines(b, "", &mut budget);
        }
        Ids {
            kpis: keys("kpis"),
            campaigns,
            columns: keys("columns"),
            budget,
            channels: plan.map(|p| p.channels.iter().map(|c| c.id.name.clone()).collect()),
        }
    }

    fn check_targets(&self, m: &Mapping, diags: &mut Vec<Diagnostic>) {
        let campaign_ids: Vec<&str> = self.campaigns.iter().map(|(i, _)| i.as_str()).collect();
        for metric in &m.metrics {
            match &metric.target {
                Target::Kpi(id) => unknown(id, "KPI", "kpis", &self.kpis, diags),
                Target::Budget(id) => unknown(id, "预算科目", "budget", &self.budget, diags),
                Target::Campaign { id, channel, .. } => {
                    if id.value != "*" {
                        unknown_of(id, "活动", "campaigns", &campaign_ids, diags);
                    }
                    if let (Some(ch), Some(known)) = (channel, &self.channels) {
                        unknown(ch, "渠道", "channels", known, diags);
                    }
                }
                Target::Column { id, .. } => unknown(id, "栏目", "columns", &self.columns, diags),
            }
        }
        if let Some(c) = &m.campaigns {
            for (_, id) in &c.aliases {
                unknown_of(id, "活动", "campaigns", &campaign_ids, diags);
            }
        }
    }

    /// The campaigns a row's campaign name stands for.
    fn campaigns_named<'a>(&'a self, text: &str, m: &'a mapping::CampaignMatch) -> Vec<&'a str> {
        let hit = |pattern: &str| match m.mode {
            MatchMode::Exact => text == pattern,
            MatchMode::Contains => !pattern.is_empty() && text.contains(pattern),
        };
        let mut ids: Vec<&str> = Vec::new();
        for (alias, id) in &m.aliases {
            if hit(&alias.value) {
                ids.push(&id.value);
            }
        }
        for (id, name) in &self.campaigns {
            if hit(name) || (m.mode == MatchMode::Exact && text == id) {
                ids.push(id);
            }
        }
        // In the plan's order, each once.
        let order = |i: &str| self.campaigns.iter().position(|(c, _)| c == i);
        ids.sort_by_key(|i| order(i));
        ids.dedup();
        ids
    }

    fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        (self.campaigns.iter())
            .find(|(c, _)| c == id)
            .map_or(id, |(_, n)| n.as_str())
    }
}

fn budget_lines(t: &dyn toml_edit::TableLike, prefix: &str, out: &mut Vec<String>) {
    for (k, v) in t.iter() {
        if prefix.is_empty() && matches!(k, "total" | "spent" | "name" | "note") {
            continue;
        }
        if !prefix.is_empty() && matches!(k, "name" | "amount" | "share" | "spent" | "note") {
            continue;
        }
        let path = if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        };
        out.push(path.clone());
        if let Some(inner) = v.as_table_like() {
            budget_lines(inner, &path, out);
        }
    }
}

fn unknown(
    id: &mapping::Text,
    zh: &str,
    section: &str,
    known: &[String],
    diags: &mut Vec<Diagnostic>,
) {
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    unknown_of(id, zh, section, &known, diags);
}

/// I003 for an id the plan does not declare, with the closest one.
fn unknown_of(
    id: &mapping::Text,
    zh: &str,
    section: &str,
    known: &[&str],
    diags: &mut Vec<Diagnostic>,
) {
    if known.contains(&id.value.as_str()) {
        return;
    }
    let name = &id.value;
    let en = match section {
        "kpis" => "KPI",
        "budget" => "budget line",
        "campaigns" => "campaign",
        "channels" => "channel",
        _ => "column",
    };
    let mut d = Diagnostic::new(
        &codes::I003,
        id.span,
        tr!("计划中没有{zh} `{name}`", "the plan has no {en} `{name}`"),
    )
    .label(tr!(
        "`{section}` 中没有这个标识",
        "not an id in `{section}`"
    ));
    d = match crate::diagnostics::closest(name, known.iter().copied()) {
        Some(c) => d
            .help(crate::diagnostics::did_you_mean(c))
            .fix(id.span, format!("\"{c}\"")),
        None if known.is_empty() => d.help(tr!(
            "计划文件里没有 `[{section}]`",
            "the plan file has no `[{section}]`"
        )),
        None => {
            let list = known.join("`, `");
            d.help(tr!(
                "计划中的标识有：`{list}`",
                "the plan's ids are `{list}`"
            ))
        }
    };
    diags.push(d);
}

/// Reads one table's rows into `found`.
fn collect(
    table: &Table,
    m: &Mapping,
    plan: &Ids,
    sources: &SourceMap,
    found: &mut BTreeMap<(usize, TargetPath), Vec<Found>>,
    diags: &mut Vec<Diagnostic>,
) {
    // The columns the mapping needs.
    let mut needed: Vec<&mapping::Text> = m.metrics.iter().map(|x| &x.column).collect();
    needed.extend(m.date_column.as_ref());
    let by_row = m
        .metrics
        .iter()
        .any(|x| matches!(&x.target, Target::Campaign { id, .. } if id.value == "*"));
    if by_row && let Some(c) = &m.campaigns {
        needed.push(&c.column);
    }
    let Some((header_row, index)) = header(table, &needed, sources, diags) else {
        return;
    };
    let col = |name: &mapping::Text| index.get(name.value.as_str()).copied();
    let date_col = m.date_column.as_ref().and_then(col);
    let campaign_col = m
        .campaigns
        .as_ref()
        .filter(|_| by_row)
        .and_then(|c| col(&c.column));
    for (r, row) in table.rows.iter().enumerate().skip(header_row + 1) {
        if row.iter().all(|c| c.text.is_empty()) || is_total(row) {
            continue;
        }
        let cell_at = |c: usize| -> Cell {
            row.get(c).cloned().unwrap_or_else(|| {
                let end = row.last().map_or(0, |l| l.span.end as usize);
                Cell {
                    text: String::new(),
                    span: Span::new(table.file, end, end),
                }
            })
        };
        // The row's date, and whether it is in the range.
        let mut date = None;
        if let Some(dc) = date_col {
            let cell = cell_at(dc);
            match number::date(&cell.text) {
                Some(d) => date = Some(d),
                None => {
                    diags.push(bad_cell(
                        table,
                        r,
                        dc,
                        &cell,
                        tr!("不是日期", "not a date"),
                        tr!(
                            "日期列应当写 `2025-03-08` 或 `2025/3/8` 这样的日期",
                            "the date column holds dates such as `2025-03-08` or `2025/3/8`"
                        ),
                    ));
                    continue;
                }
            }
            if m.from.is_some_and(|f| date < Some(f)) || m.to.is_some_and(|t| date > Some(t)) {
                continue;
            }
        }
        // The row's campaign, when a metric needs it.
        let mut campaign: Option<String> = None;
        if let (Some(cc), Some(cm)) = (campaign_col, &m.campaigns) {
            let cell = cell_at(cc);
            match plan.campaigns_named(&cell.text, cm).as_slice() {
                [one] => campaign = Some((*one).to_string()),
                [] => {
                    diags.push(unmatched(table, r, cc, &cell, plan));
                    continue;
                }
                [a, b, ..] => {
                    let (na, nb) = (plan.name_of(a), plan.name_of(b));
                    let text = crate::text::for_display(&cell.text);
                    diags.push(
                        Diagnostic::new(
                            &codes::I005,
                            cell.span,
                            tr!(
                                "活动名称 `{text}` 同时匹配 `{a}`（{na}）和 `{b}`（{nb}）",
                                "campaign name `{text}` matches both `{a}` ({na}) and `{b}` ({nb})"
                            ),
                        )
                        .label(tr!("匹配到两个活动", "matches two campaigns"))
.help(tr!(
                            "在映射文件的 `[campaigns.aliases]` 里写明这一名称属于哪个活动，或改用 `match = \"exact\"`",
                            "say which campaign the name means in the mapping's `[campaigns.aliases]`, or use `match = \"exact\"`"
                        )),
                    );
                    continue;
                }
            }
        }
        for (i, metric) in m.metrics.iter().enumerate() {
            let Some(c) = col(&metric.column) else {
                continue;
            };
            let cell = cell_at(c);
            if metric.aggregate == Aggregate::Count {
                if let Some(target) = target_path(&metric.target, campaign.as_deref()) {
                    found.entry((i, target)).or_default().push(Found {
                        n: Number {
                            value: Ratio::ONE,
                            percent: false,
                        },
                        date,
                        span: cell.span,
                    });
                }
                continue;
            }
            let n = match number::number(&cell.text) {
                number::Read::Number(n) => n,
                number::Read::Blank if m.skip_blanks => continue,
                number::Read::Blank => {
                    diags.push(bad_cell(
                        table,
                        r,
                        c,
                        &cell,
                        tr!("没有数字", "no number"),
                        tr!(
                            "补上数字；如果空白表示“没有数据”，在映射文件的 `[file]` 里写 `blanks = \"skip\"` 跳过空白单元格",
                            "fill in the number, or if a blank means \"no data\", write `blanks = \"skip\"` in the mapping's `[file]` to skip blank cells"
                        ),
                    ));
                    continue;
                }
                number::Read::Invalid => {
                    diags.push(bad_cell(
                        table,
                        r,
                        c,
                        &cell,
                        tr!("不是数字", "not a number"),
                        tr!(
                            "数字可以写成 `1234`、`1,234`、`12.3万` 或 `5.8%`",
                            "a number is written like `1234`, `1,234`, `12.3万` or `5.8%`"
                        ),
                    ));
                    continue;
                }
            };
            let Some(target) = target_path(&metric.target, campaign.as_deref()) else {
                continue;
            };
            found.entry((i, target)).or_default().push(Found {
                n,
                date,
                span: cell.span,
            });
        }
    }
}

/// Whether a row is the export's own total (`合计`, `总计`, `Total` in
/// its first non-empty cell): added to the rows above, it would count
/// them twice.
fn is_total(row: &[Cell]) -> bool {
    row.iter().find(|c| !c.text.is_empty()).is_some_and(|c| {
        matches!(
            c.text.trim_end_matches([':', '：']),
            "合计"
                | "总计"
                | "汇总"
                | "总和"
                | "小计"
                | "Total"
                | "total"
                | "TOTAL"
                | "Sum"
                | "sum"
        )
    })
}

/// Finds the header row: the first of the first rows that holds every
/// needed column (a merged cell reads as its first cell, so a two-row
/// header with merged groups is found on its lower row). When no row holds
/// them all, each column missing from the closest row is an I001.
fn header(
    table: &Table,
    needed: &[&mapping::Text],
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, BTreeMap<String, usize>)> {
    const SEARCH: usize = 20;
    let mut best: Option<(usize, usize)> = None;
    for r in 0..table.rows.len().min(SEARCH) {
        let cells = table.header(r);
        let hits = needed
            .iter()
            .filter(|n| cells.iter().any(|c| c.text == n.value))
            .count();
        if hits == needed.len() {
            // A header merged down over several rows ends on the last of them.
            let last = (table.merged.iter())
                .filter(|m| m.0 <= r && r <= m.2)
                .map(|m| m.2)
                .fold(r, usize::max);
            let mut index = BTreeMap::new();
            for row in r..=last {
                for (i, c) in table.header(row).iter().enumerate() {
                    if !c.text.is_empty() {
                        index.entry(c.text.clone()).or_insert(i);
                    }
                }
            }
            return Some((last, index));
        }
        if hits > 0 && best.is_none_or(|(_, h)| hits > h) {
            best = Some((r, hits));
        }
    }
    let row = best.map_or_else(
        || {
            table
                .rows
                .iter()
                .position(|r| r.iter().any(|c| !c.text.is_empty()))
                .unwrap_or(0)
        },
        |(r, _)| r,
    );
    let cells = table.header(row);
    let headers: Vec<&str> = cells
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let span = match (
        table.rows.get(row).and_then(|r| r.first()),
        table.rows.get(row).and_then(|r| r.last()),
    ) {
        (Some(a), Some(b)) => Span::new(table.file, a.span.start as usize, b.span.end as usize),
        _ => Span::new(table.file, 0, 0),
    };
    let file = sources.get(table.file).path.display().to_string();
    let mut seen = Vec::new();
    for n in needed {
        if cells.iter().any(|c| c.text == n.value) || seen.contains(&n.value.as_str()) {
            continue;
        }
        seen.push(n.value.as_str());
        let name = crate::text::for_display(&n.value);
        let mut d = Diagnostic::new(
            &codes::I001,
            span,
            tr!(
                "导出文件没有列 `{name}`",
                "the export has no column `{name}`"
            ),
        )
        .label(tr!("表头里没有这一列", "not among these headers"))
        .secondary(
            n.span,
            tr!("映射文件要求这一列", "the mapping asks for it here"),
        );
        d = match crate::diagnostics::closest(&n.value, headers.iter().copied()) {
            Some(c) => d
                .help(crate::diagnostics::did_you_mean(c))
                .fix(n.span, format!("\"{c}\"")),
            None => {
                let joined = headers.join("`, `");
                let list = crate::text::for_display(&joined);
                d.help(tr!(
                    "`{file}` 的表头有：`{list}`",
                    "the headers of `{file}` are `{list}`"
                ))
            }
        };
        diags.push(d);
    }
    None
}

fn bad_cell(table: &Table, r: usize, c: usize, cell: &Cell, what: Msg, help: Msg) -> Diagnostic {
    let at = table.cell_name(r, c);
    let text = crate::text::for_display(&cell.text);
    let (az, ae, wz, we) = (&at.zh, &at.en, &what.zh, &what.en);
    let message = if cell.text.is_empty() {
        tr!("{az}是空的", "{ae} is empty")
    } else if matches!(number::number(&cell.text), number::Read::Blank) {
        tr!("{az}没有数字（`{text}`）", "{ae} has no number (`{text}`)")
    } else {
        tr!("{az}的 `{text}` {wz}", "`{text}` in {ae} is {we}")
    };
    Diagnostic::new(&codes::I002, cell.span, message)
        .label(what)
        .help(help)
}

fn unmatched(table: &Table, r: usize, c: usize, cell: &Cell, plan: &Ids) -> Diagnostic {
    let at = table.cell_name(r, c);
    let text = crate::text::for_display(&cell.text);
    let (az, ae) = (&at.zh, &at.en);
    let mut d = Diagnostic::new(
        &codes::I004,
        cell.span,
        tr!(
            "活动名称 `{text}`（{az}）匹配不到计划中的任何活动",
            "campaign name `{text}` ({ae}) matches no campaign of the plan"
        ),
    )
    .label(tr!("没有匹配的活动", "no campaign matches"));
    let names: Vec<&str> = plan.campaigns.iter().map(|(_, n)| n.as_str()).collect();
    // The closest name, however far: a person reads it and decides.
    let best = names
        .iter()
        .copied()
        .max_by(|a, b| {
            strsim::jaro_winkler(&cell.text, a)
                .total_cmp(&strsim::jaro_winkler(&cell.text, b))
                .then(std::cmp::Ordering::Greater)
        })
        .filter(|_| !cell.text.is_empty());
    if let Some(best) = best {
        let id = (plan.campaigns.iter())
            .find(|(_, n)| n == best)
            .map_or("", |(i, _)| i.as_str());
        d = d.help(tr!(
            "最接近的是 `{id}`（{best}）；如果指的就是它，在映射文件的 `[campaigns.aliases]` 里写 `\"{text}\" = \"{id}\"`",
            "the closest is `{id}` ({best}); if that is the one, write `\"{text}\" = \"{id}\"` in the mapping's `[campaigns.aliases]`"
        ));
    } else {
        d = d.help(tr!(
            "计划文件里还没有活动（`[campaigns]`）",
            "the plan file has no campaigns (`[campaigns]`)"
        ));
    }
    d
}

fn target_path(t: &Target, campaign: Option<&str>) -> Option<TargetPath> {
    let s = |v: &str| v.to_string();
    Some(match t {
        Target::Kpi(id) => TargetPath {
            tables: vec![s("kpis"), id.value.clone()],
            key: s("actual"),
        },
        Target::Budget(line) => {
            let mut tables = vec![s("budget")];
            tables.extend(line.value.split('.').map(s));
            TargetPath {
                tables,
                key: s("spent"),
            }
        }
        Target::Campaign {
            id,
            metric,
            channel,
        } => {
            let id = if id.value == "*" {
                campaign?
            } else {
                &id.value
            };
            let mut tables = vec![s("campaigns"), s(id), s("results")];
            if let Some(ch) = channel {
                tables.extend([s("channels"), ch.value.clone()]);
            }
            TargetPath {
                tables,
                key: metric.value.clone(),
            }
        }
        Target::Column { id, metric } => TargetPath {
            tables: vec![s("columns"), id.value.clone(), s("results")],
            key: metric.value.clone(),
        },
    })
}

/// Adds up one metric's cells for one target.
fn aggregate(
    metric: &Metric,
    rows: &[Found],
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Number> {
    let first = rows.first()?;
    // One unit throughout.
    if let Some(other) = rows.iter().find(|f| f.n.percent != first.n.percent) {
        let (a, b) = (sources.text(first.span), sources.text(other.span));
        diags.push(
            Diagnostic::new(
                &codes::I002,
                other.span,
                tr!(
                    "同一列混有百分比和数字：`{a}` 和 `{b}`",
                    "the column mixes percentages and numbers: `{a}` and `{b}`"
                ),
            )
            .label(tr!(
                "单位与前面不同",
                "a different unit from the rows before"
            ))
            .secondary(first.span, tr!("第一个值", "the first value"))
            .help(tr!(
                "一列只用一种单位，才能汇总",
                "a column adds up only in one unit"
            )),
        );
        return None;
    }
    let percent = first.n.percent;
    let sum = || {
        rows.iter()
            .try_fold(Ratio::ZERO, |acc, f| acc.checked_add(f.n.value))
    };
    let value = match metric.aggregate {
        Aggregate::Sum | Aggregate::Count => sum(),
        Aggregate::Mean => sum().and_then(|s| {
            s.checked_div(Ratio::int(i128::try_from(rows.len()).unwrap_or(i128::MAX)))
        }),
        Aggregate::Last => {
            let latest = rows.iter().filter_map(|f| f.date).max();
            let at_latest: Vec<&Found> = rows.iter().filter(|f| f.date == latest).collect();
            let v = at_latest[0].n.value;
            if let Some(other) = at_latest.iter().find(|f| f.n.value != v) {
                let date = latest.map(|d| d.to_string()).unwrap_or_default();
                let (a, b) = (sources.text(at_latest[0].span), sources.text(other.span));
                diags.push(
                    Diagnostic::new(
                        &codes::I006,
                        other.span,
                        tr!(
                            "最新日期 {date} 有两行不同的值：`{a}` 和 `{b}`",
                            "two rows on the latest date, {date}, differ: `{a}` and `{b}`"
                        ),
                    )
                    .label(tr!("这一行", "this row"))
                    .secondary(at_latest[0].span, tr!("另一行", "the other row"))
                    .secondary(
                        metric.aggregate_span,
                        tr!("按最后一行取值", "the last row is taken"),
                    )
.help(tr!(
                        "删掉重复的一行，或在映射文件里改用 `aggregate = \"sum\"` 把它们相加",
                        "remove the duplicate row, or add them up with `aggregate = \"sum\"` in the mapping"
                    )),
                );
                return None;
            }
            Some(v)
        }
    };
    match value {
        Some(value) => Some(Number { value, percent }),
        None => {
            diags.push(
                Diagnostic::new(
                    &codes::I002,
                    first.span,
                    tr!(
                        "这一列的数字太大，无法相加",
                        "the column's numbers are too large to add up"
                    ),
                )
                .label(tr!("从这里起", "from here"))
                .help(tr!(
                    "检查这一列是否混入了别的数据（例如编号或手机号）",
                    "check whether the column holds something else too (ids, phone numbers)"
                )),
            );
            None
        }
    }
}

/// Sets `target` to `text` in the plan, keeping the spaces and comment
/// around an existing value. A budget line written as a bare amount or
/// share becomes an inline table with its `spent`.
fn write_value(doc: &mut toml_edit::DocumentMut, target: &TargetPath, mut value: toml_edit::Value) {
    let mut table: &mut dyn toml_edit::TableLike = doc.as_table_mut();
    for name in &target.tables {
        let needs_table = !table.get(name).is_some_and(toml_edit::Item::is_table_like);
        if needs_table {
            let old = table.get(name).and_then(|i| i.as_value()).cloned();
            match old {
                // `ads = "60%"`: the line's amount or share, now beside `spent`.
                Some(v) => {
                    let key = match v.as_str() {
                        Some(s) if s.trim_end().ends_with('%') || s.contains(" of ") => "share",
                        _ => "amount",
                    };
                    let mut inline = toml_edit::InlineTable::new();
                    let mut v = v;
                    v.decor_mut().clear();
                    inline.insert(key, v);
                    table.insert(
                        name,
                        toml_edit::Item::Value(toml_edit::Value::InlineTable(inline)),
                    );
                }
                None => {
                    let mut t = toml_edit::Table::new();
                    t.set_implicit(true);
                    table.insert(name, toml_edit::Item::Table(t));
                }
            }
        }
        let Some(next) = table
            .get_mut(name)
            .and_then(toml_edit::Item::as_table_like_mut)
        else {
            return;
        };
        table = next;
    }
    if let Some(old) = table.get(&target.key).and_then(toml_edit::Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    table.insert(&target.key, toml_edit::Item::Value(value));
}

#[cfg(test)]
mod import_tests;
