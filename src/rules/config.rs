//! A plan's `[rules]` table: severities per rule (`error`, `warn`, `allow`)
//! and thresholds (`tolerance`), keyed by code or name, like lint levels.
//! Applied to a plan's diagnostics after every rule has run.

use std::collections::BTreeMap;

use crate::diagnostics::codes::{ALL as RULES, find};
use crate::diagnostics::{Diagnostic, Severity, codes, suggest};
use crate::locale::Msg;
use crate::ratio::Ratio;
use crate::syntax::raw::RawRuleSetting;
use crate::tr;

/// The settings that are lists of words rather than thresholds.
pub const LISTS: &[&str] = &["allow", "terms"];

#[derive(Debug, Default)]
pub struct RuleConfig {
    /// Code → severity; `None` turns the rule off.
    severities: BTreeMap<&'static str, Option<Severity>>,
    /// (code, option) → value.
    options: BTreeMap<(&'static str, String), Ratio>,
    /// (code, option) → the words a list setting holds (`allow`).
    lists: BTreeMap<(&'static str, String), Vec<String>>,
}

impl RuleConfig {
    pub fn from_raw(raw: &[RawRuleSetting], diags: &mut Vec<Diagnostic>) -> RuleConfig {
        let mut cfg = RuleConfig::default();
        let mut seen: BTreeMap<&'static str, crate::source::Span> = BTreeMap::new();
        for s in raw {
            let Some(r) = find(&s.key.name) else {
                let name = &s.key.name;
                let mut d = Diagnostic::new(
                    &codes::S003,
                    s.key.span,
                    tr!("没有名为 `{name}` 的规则", "unknown rule `{name}`"),
                )
                .label(tr!("不是规则代码或名称", "not a rule code or name"));
                d = match suggest(
                    &s.key.name,
                    RULES
                        .iter()
                        .map(|r| r.name)
                        .chain(RULES.iter().map(|r| r.code)),
                ) {
                    Some(h) => d.help(h),
                    None => d.help(tr!(
                        "`almanac rules` 会列出全部规则",
                        "`almanac rules` lists every rule"
                    )),
                };
                diags.push(d);
                continue;
            };
            let (code, name) = (r.code, r.name);
            if let Some(first) = seen.insert(r.code, s.key.span) {
                diags.push(
                    Diagnostic::new(
                        &codes::R002,
                        s.key.span,
                        tr!(
                            "规则 {code} `{name}` 设置了两次",
                            "rule {code} `{name}` is set twice"
                        ),
                    )
                    .label(tr!("这里又设置了一次", "set again here"))
                    .secondary(first, tr!("第一次在这里设置", "first set here"))
                    .help(tr!(
                        "规则用代码或名称指定都可以；只保留一处设置",
                        "a rule is named by its code or its name; keep one setting"
                    )),
                );
                continue;
            }
            if let Some(sev) = &s.severity {
                let level = match sev.text.as_str() {
                    "error" | "deny" => Some(Some(Severity::Error)),
                    "warn" | "warning" => Some(Some(Severity::Warning)),
                    "allow" | "off" => Some(None),
                    _ => None,
                };
                let text = &sev.text;
                match level {
                    None => diags.push(
                        Diagnostic::new(
                            &codes::S006,
                            sev.span(),
                            tr!("`{text}` 不是严重级别", "`{text}` is not a severity"),
                        )
                        .label(tr!(
                            "应为 `error`、`warn` 或 `allow`",
                            "expected `error`, `warn` or `allow`"
                        ))
                        .help(tr!(
                            "`allow` 会在这个计划中关闭该规则",
                            "`allow` turns the rule off for this plan"
                        )),
                    ),
                    Some(_) if !r.configurable => diags.push(
                        Diagnostic::new(
                            &codes::S006,
                            sev.span(),
                            tr!(
                                "规则 {code} `{name}` 的严重级别不能更改",
                                "the severity of {code} `{name}` cannot be changed"
                            ),
                        )
                        .label(tr!("严重级别固定", "fixed severity"))
                        .help(tr!(
                            "语法错误、失效的引用和计划之外的问题不能关闭，也不能降级",
                            "syntax errors, broken references and problems outside a plan cannot be turned off or down"
                        )),
                    ),
                    Some(level) => {
                        cfg.severities.insert(r.code, level);
                    }
                }
            }
            let unknown = |id: &crate::source::Ident| {
                let setting = &id.name;
                let d = Diagnostic::new(
                    &codes::S003,
                    id.span,
                    tr!(
                        "规则 {code} `{name}` 没有 `{setting}` 这项设置",
                        "rule {code} `{name}` has no setting `{setting}`"
                    ),
                )
                .label(tr!("未知设置", "unknown setting"));
                match (
                    suggest(&id.name, r.options.iter().copied()),
                    r.options.is_empty(),
                ) {
                    (Some(h), _) => d.help(h),
                    (None, true) => d.help(tr!(
                        "这条规则只能设置严重级别",
                        "this rule has only a severity"
                    )),
                    (None, false) => d.help(settings(r.options)),
                }
            };
            // A setting given the other shape: a number for a list of
            // words, or a list for a threshold.
            let misshapen = |id: &crate::source::Ident, span, list: bool| {
                let setting = &id.name;
                let (zh, en) = if list {
                    (
                        "词语列表，例如 `[\"最佳拍档\"]`",
                        "a list of words, e.g. `[\"最佳拍档\"]`",
                    )
                } else {
                    ("一个数值，例如 `\"5%\"`", "a number, e.g. `\"5%\"`")
                };
                Diagnostic::new(
                    &codes::S004,
                    span,
                    tr!(
                        "规则 {code} `{name}` 的 `{setting}` 应为{zh}",
                        "`{setting}` of {code} `{name}` should be {en}"
                    ),
                )
                .label(tr!("类型不对", "wrong type"))
            };
            for (id, value) in &s.options {
                if !r.options.contains(&id.name.as_str()) {
                    diags.push(unknown(id));
                } else if LISTS.contains(&id.name.as_str()) {
                    diags.push(misshapen(id, value.src.span, true));
                } else if let Some(d) = not_a_count(r, id, value) {
                    diags.push(d);
                } else {
                    cfg.options
                        .insert((r.code, id.name.clone()), value.node.value);
                }
            }
            for (id, words) in &s.lists {
                if !r.options.contains(&id.name.as_str()) {
                    diags.push(unknown(id));
                } else if !LISTS.contains(&id.name.as_str()) {
                    diags.push(misshapen(id, id.span, false));
                } else {
                    let words = words.iter().map(|w| w.text.clone()).collect();
                    cfg.lists.insert((r.code, id.name.clone()), words);
                }
            }
        }
        cfg
    }

    /// The words of a list setting (`[rules.absolute-term] allow = […]`);
    /// empty when the plan sets none.
    pub fn list(&self, code: &'static str, name: &str) -> &[String] {
        self.lists
            .get(&(code, name.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// A threshold set by the plan, if any.
    pub fn option(&self, code: &'static str, name: &str) -> Option<Ratio> {
        self.options.get(&(code, name.to_string())).copied()
    }

    /// The severities the plan sets, by code: `None` turns the rule off.
    pub fn severities(&self) -> impl Iterator<Item = (&'static str, Option<Severity>)> + '_ {
        self.severities.iter().map(|(c, s)| (*c, *s))
    }

    /// The thresholds the plan sets: (code, setting, value).
    pub fn options(&self) -> impl Iterator<Item = (&'static str, &str, Ratio)> + '_ {
        self.options.iter().map(|((c, n), v)| (*c, n.as_str(), *v))
    }

    /// Applies the severities: changes levels and drops rules turned off.
    pub fn apply(&self, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter_map(|mut d| match self.severities.get(d.rule.code) {
                None => Some(d),
                Some(None) => None,
                Some(Some(s)) => {
                    d.severity = *s;
                    Some(d)
                }
            })
            .collect()
    }
}

/// The settings that count whole days or months, with their largest value:
/// the edges of the plan's year (D001).
pub const COUNTS: &[(&str, &str, i128)] = &[
    (
        "D001",
        "lead_in",
        crate::rules::dates::outside_period::MAX_LEAD_IN as i128,
    ),
    (
        "D001",
        "overhang",
        crate::rules::dates::outside_period::MAX_OVERHANG as i128,
    ),
];

/// A count setting that is not a whole number from 0 to its largest value.
fn not_a_count(
    r: &codes::Rule,
    id: &crate::source::Ident,
    value: &crate::syntax::raw::Expr<crate::syntax::ast::Quantity>,
) -> Option<Diagnostic> {
    let &(_, _, max) = COUNTS
        .iter()
        .find(|(c, n, _)| *c == r.code && *n == id.name)?;
    let v = value.node.value;
    if v.denom() == 1 && (0..=max).contains(&v.numer()) {
        return None;
    }
    let (code, name, setting) = (r.code, r.name, &id.name);
    let unit = if setting == "lead_in" {
        tr!("月", " months")
    } else {
        tr!("天", " days")
    };
    let (uzh, uen) = (&unit.zh, &unit.en);
    Some(
        Diagnostic::new(
            &codes::S006,
            value.src.span,
            tr!(
                "规则 {code} `{name}` 的 `{setting}` 应为 0 到 {max} 之间的整数",
                "`{setting}` of {code} `{name}` should be a whole number from 0 to {max}"
            ),
        )
        .label(tr!(
            "不是 0 到 {max} 的整数",
            "not a whole number from 0 to {max}"
        ))
        .help(tr!(
            "`{setting}` 以{uzh}计，例如 `{setting} = 3`",
            "`{setting}` counts{uen}, e.g. `{setting} = 3`"
        )),
    )
}

/// The help line that lists a rule's settings: `settings: tolerance`.
fn settings(options: &[&str]) -> Msg {
    let zh = options
        .iter()
        .map(|o| format!("`{o}`"))
        .collect::<Vec<_>>()
        .join("、");
    let en = options.join(", ");
    tr!("可用设置：{zh}", "settings: {en}")
}
