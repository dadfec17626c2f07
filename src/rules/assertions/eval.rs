//! Evaluates the values in user assertions against a resolved plan. Paths
//! name plan quantities: `budget.total`, `budget.ads` (a line's amount),
//! `budget.ads.*` (its sub-lines), `campaigns.summer.budget` (what a
//! campaign draws), `campaigns.*.budget`, `kpis.engagement.target` (also
//! `baseline`, `actual`), `channels.wechat.slots_per_week`, `reserve`;
//! `count(campaigns.*)` (also `kpis.*`, `channels.*`) counts them.
//! Every value is exact and knows its unit — money, a percentage or a plain
//! number — so messages can show `¥3,000,000` or `8%` rather than `3000000`
//! or `0.08`, and money is never compared with a plain number by accident.

use crate::diagnostics::codes::{self, Rule};
use crate::diagnostics::suggest;
use crate::locale::{Msg, Pair};
use crate::model::{Plan, money_text, percent_text};
use crate::ratio::Ratio;
use crate::syntax::ast::{BinOp, Loc, Path, QuantityUnit, Segment, Value};
use crate::syntax::reader::path_text;
use crate::tr;

/// What a value measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// An amount in the plan's currency.
    Money,
    /// A percentage, kept as a fraction (`8%` is 0.08).
    Percent,
    /// A count or any other plain number.
    Number,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Val {
    pub value: Ratio,
    pub unit: Unit,
}

impl Val {
    fn new(value: Ratio, unit: Unit) -> Val {
        Val { value, unit }
    }

    pub fn is_money(self) -> bool {
        self.unit == Unit::Money
    }

    pub fn text(self, currency: &str) -> String {
        match self.unit {
            Unit::Money => money_text(self.value, currency),
            Unit::Percent => match self.value.checked_mul(Ratio::HUNDRED) {
                Some(p) => percent_text(p),
                None => self.value.to_decimal_string(4),
            },
            Unit::Number => crate::model::grouped(self.value),
        }
    }
}

/// Why a value could not be computed, and where. `code` is the rule the
/// problem is reported under: `R001` for a name the plan does not declare,
/// `S006` for a value that cannot be computed; `None` for a value that is
/// unknown because what it is computed from could not be read, which was
/// reported where it is written, so nothing more is said.
pub struct EvalError {
    pub code: Option<&'static Rule>,
    /// The problem is a name the plan does not declare (a campaign, a KPI,
    /// a budget line, `[reserve]`), not the assertion's own shape.
    pub undeclared: bool,
    pub loc: Loc,
    /// Boxed: the error travels up every `Result` of the evaluator.
    pub message: Box<Msg>,
    pub help: Box<Msg>,
}

fn err(loc: Loc, message: Msg, help: Msg) -> EvalError {
    EvalError {
        code: Some(&codes::S006),
        undeclared: false,
        loc,
        message: Box::new(message),
        help: Box::new(help),
    }
}

fn unknown(loc: Loc, message: Msg, help: Msg) -> EvalError {
    EvalError {
        code: Some(&codes::R001),
        ..err(loc, message, help)
    }
}

/// A name the plan does not declare.
fn undeclared(loc: Loc, message: Msg, help: Msg) -> EvalError {
    EvalError {
        undeclared: true,
        ..unknown(loc, message, help)
    }
}

/// "did you mean …?", or the known names, or `none`.
fn hint<'a>(name: &str, known: impl Iterator<Item = &'a str> + Clone, none: Msg) -> Msg {
    if let Some(h) = suggest(name, known.clone()) {
        return h;
    }
    let all: Vec<String> = known.map(|k| format!("`{k}`")).collect();
    match all.len() {
        0 => none,
        n if n > 8 => {
            let (zh, en) = (all[..8].join("、"), all[..8].join(", "));
            tr!("计划中有：{zh}、…", "known: {en}, …")
        }
        _ => {
            let (zh, en) = (all.join("、"), all.join(", "));
            tr!("计划中有：{zh}", "known: {en}")
        }
    }
}

/// What a path may start with, for a name that is none of them.
const ROOTS: Pair = Pair {
    zh: "路径以 `budget`、`campaigns`、`kpis`、`channels` 或 `reserve` 开头；参见 `almanac explain A001`",
    en: "paths start with `budget`, `campaigns`, `kpis`, `channels` or `reserve`; see `almanac explain A001`",
};

/// A noun of the messages in Chinese, with the space a Latin-letter word
/// (`KPI`) needs after a Chinese character.
fn zh_noun(what: Pair) -> String {
    if what.zh.is_ascii() {
        format!(" {}", what.zh)
    } else {
        what.zh.to_string()
    }
}

fn too_large(loc: Loc) -> EvalError {
    err(
        loc,
        tr!("数字太大", "number too large"),
        tr!("改用小一些的数字", "use smaller numbers"),
    )
}

pub fn eval(plan: &Plan, v: &Value) -> Result<Val, EvalError> {
    let overflow = too_large;
    match v {
        Value::Money(m) => {
            if let Some(c) = &m.currency
                && *c != plan.currency
            {
                let cur = &plan.currency;
                return Err(err(
                    m.loc,
                    tr!(
                        "金额的币种是 `{c}`，但计划的币种是 `{cur}`",
                        "amount in {c}, but the plan's currency is {cur}"
                    ),
                    tr!("金额改用 `{cur}`", "write amounts in {cur}"),
                ));
            }
            Ok(Val::new(m.value, Unit::Money))
        }
        Value::Number { value, .. } => Ok(Val::new(*value, Unit::Number)),
        Value::Share(s) => {
            let frac = s
                .percent
                .checked_div(Ratio::HUNDRED)
                .ok_or_else(|| overflow(s.loc))?;
            match &s.of {
                None => Ok(Val::new(frac, Unit::Percent)),
                Some(p) => {
                    let base = single(plan, p)?;
                    let value = base
                        .value
                        .checked_mul(frac)
                        .ok_or_else(|| overflow(s.loc))?;
                    Ok(Val::new(value, base.unit))
                }
            }
        }
        Value::Path(p) => single(plan, p),
        Value::Call {
            func,
            func_loc,
            arg,
            loc,
        } => {
            if func == "count" {
                let n = count(plan, arg)?;
                return Ok(Val::new(Ratio::int(n as i128), Unit::Number));
            }
            let items = many(plan, arg)?;
            if items.is_empty() && matches!(func.as_str(), "min" | "max" | "avg") {
                let path = path_text(arg);
                return Err(err(
                    *loc,
                    tr!(
                        "`{path}` 在这份计划中没有任何值",
                        "`{path}` names no values in this plan"
                    ),
                    tr!(
                        "没有值可供 `{func}` 计算；改用 `count(...)` 或 `sum(...)`，或在计划中补上它所指的内容",
                        "`{func}` of nothing has no value; use `count(...)` or `sum(...)`, or give the plan what it names"
                    ),
                ));
            }
            let unit = common_unit(&items);
            let value = match func.as_str() {
                "sum" => items
                    .iter()
                    .try_fold(Ratio::ZERO, |a, v| a.checked_add(v.value))
                    .ok_or_else(|| overflow(*loc))?,
                "min" => items.iter().map(|v| v.value).min().unwrap_or(Ratio::ZERO),
                "max" => items.iter().map(|v| v.value).max().unwrap_or(Ratio::ZERO),
                "avg" => {
                    let sum = items
                        .iter()
                        .try_fold(Ratio::ZERO, |a, v| a.checked_add(v.value))
                        .ok_or_else(|| overflow(*loc))?;
                    sum.checked_div(Ratio::int(items.len().max(1) as i128))
                        .ok_or_else(|| overflow(*loc))?
                }
                other => {
                    let known = ["sum", "count", "min", "max", "avg"];
                    return Err(unknown(
                        *func_loc,
                        tr!("未知的函数 `{other}`", "unknown function `{other}`"),
                        suggest(other, known).unwrap_or_else(|| {
                            tr!(
                                "可用的函数：`sum`、`count`、`min`、`max`、`avg`",
                                "functions: sum, count, min, max, avg"
                            )
                        }),
                    ));
                }
            };
            Ok(Val::new(value, unit))
        }
        Value::Binary {
            op,
            left,
            right,
            loc,
        } => {
            let (a, b) = (eval(plan, left)?, eval(plan, right)?);
            let value = match op {
                BinOp::Add => a.value.checked_add(b.value),
                BinOp::Sub => a.value.checked_sub(b.value),
                BinOp::Mul => a.value.checked_mul(b.value),
                BinOp::Div => {
                    if b.value.is_zero() {
                        return Err(err(
                            right.loc(),
                            tr!("除数为零", "division by zero"),
                            tr!(
                                "在这份计划中右边的值为零",
                                "the right side is zero in this plan"
                            ),
                        ));
                    }
                    a.value.checked_div(b.value)
                }
            }
            .ok_or_else(|| overflow(*loc))?;
            use Unit::*;
            let unit = match op {
                BinOp::Add | BinOp::Sub => match (a.unit, b.unit) {
                    (Money, _) | (_, Money) => Money,
                    (Percent, _) | (_, Percent) => Percent,
                    _ => Number,
                },
                BinOp::Mul => match (a.unit, b.unit) {
                    (Money, Money) => Number,
                    (Money, _) | (_, Money) => Money,
                    (Percent, _) | (_, Percent) => Percent,
                    _ => Number,
                },
                BinOp::Div => match (a.unit, b.unit) {
                    // A part of a whole: `budget.tools / budget.total`.
                    (Money, Money) => Percent,
                    (Money, _) => Money,
                    (Percent, Number) => Percent,
                    _ => Number,
                },
            };
            Ok(Val::new(value, unit))
        }
    }
}

/// The unit of several values taken together (`sum`, `min`, …).
fn common_unit(items: &[Val]) -> Unit {
    if items.iter().any(|v| v.unit == Unit::Money) {
        Unit::Money
    } else if !items.is_empty() && items.iter().all(|v| v.unit == Unit::Percent) {
        Unit::Percent
    } else {
        Unit::Number
    }
}

fn names(p: &Path) -> Vec<Option<&str>> {
    p.segments
        .iter()
        .map(|s| match s {
            Segment::Name(n) => Some(n.as_str()),
            Segment::Wildcard => None,
        })
        .collect()
}

fn single(plan: &Plan, p: &Path) -> Result<Val, EvalError> {
    let mut items = many(plan, p)?;
    if items.len() == 1 && !p.segments.contains(&Segment::Wildcard) {
        return Ok(items.remove(0));
    }
    let path = path_text(p);
    Err(err(
        p.loc,
        tr!("`{path}` 指的是多个值", "`{path}` names several values"),
        tr!(
            "用 `sum(...)`、`count(...)`、`min(...)`、`max(...)` 或 `avg(...)` 把它包起来",
            "wrap it in `sum(...)`, `count(...)`, `min(...)`, `max(...)` or `avg(...)`"
        ),
    ))
}

/// What `count(path)` counts: campaigns, KPIs or channels for
/// `campaigns.*`, `kpis.*`, `channels.*`; otherwise the values the path names.
fn count(plan: &Plan, p: &Path) -> Result<usize, EvalError> {
    let segs = names(p);
    if segs.len() == 2 {
        match segs[0] {
            Some("campaigns") => {
                return Ok(campaigns(plan, segs[1], p)?.len());
            }
            Some("kpis") => return Ok(pick(&plan.kpis, |k| &k.id.name, segs[1], KPI, p)?.len()),
            Some("channels") => {
                return Ok(pick(&plan.channels, |c| &c.id.name, segs[1], CHANNEL, p)?.len());
            }
            _ => {}
        }
    }
    Ok(many(plan, p)?.len())
}

/// The campaigns a selector names. A campaign left out of the plan (its
/// window could not be read or computed, and was reported) makes what it
/// would add unknown.
fn campaigns<'a>(
    plan: &'a Plan,
    sel: Option<&str>,
    p: &Path,
) -> Result<Vec<&'a crate::model::Campaign>, EvalError> {
    if plan.unresolved.iter().any(|u| sel.is_none_or(|s| s == u)) {
        return Err(EvalError {
            code: None,
            ..err(p.loc, Msg::default(), Msg::default())
        });
    }
    pick(&plan.campaigns, |c| &c.id.name, sel, CAMPAIGN, p)
}

/// The items a selector names: `*` for all, else the one with that id.
fn pick<'a, T>(
    items: &'a [T],
    id: impl Fn(&T) -> &String,
    sel: Option<&str>,
    what: Pair,
    p: &Path,
) -> Result<Vec<&'a T>, EvalError> {
    let Some(name) = sel else {
        return Ok(items.iter().collect());
    };
    let found: Vec<&T> = items.iter().filter(|x| id(x) == name).collect();
    if found.is_empty() {
        let (wz, we) = (zh_noun(what), what.en);
        return Err(undeclared(
            p.loc,
            tr!("未知的{wz} `{name}`", "unknown {we} `{name}`"),
            hint(
                name,
                items.iter().map(|x| id(x).as_str()),
                tr!("计划中没有声明任何{wz}", "the plan declares no {we}s"),
            ),
        ));
    }
    Ok(found)
}

/// What `pick` and `not_a_value` call the things a path names.
const CAMPAIGN: Pair = Pair {
    zh: "活动",
    en: "campaign",
};
const KPI: Pair = Pair {
    zh: "KPI",
    en: "KPI",
};
const CHANNEL: Pair = Pair {
    zh: "渠道",
    en: "channel",
};

/// `campaigns.*` alone names campaigns, not a value.
fn not_a_value(p: &Path, what: Pair, plural: &str, fields: &str) -> EvalError {
    let text = path_text(p);
    let root = text.split('.').next().unwrap_or("").to_string();
    let wz = zh_noun(what);
    err(
        p.loc,
        tr!(
            "`{text}` 指的是一组{wz}，不是一个值",
            "`{text}` names {plural}, not a value"
        ),
        tr!(
            "用 `count({root}.*)` 计数，或写出具体的值：{fields}",
            "count them with `count({root}.*)`, or name a value: {fields}"
        ),
    )
}

/// Every value a path names (a wildcard names several).
fn many(plan: &Plan, p: &Path) -> Result<Vec<Val>, EvalError> {
    let segs = names(p);
    let text = path_text(p);
    // An unknown amount was reported where it is written.
    let money = |value: Option<Ratio>| {
        value
            .map(|v| Val::new(v, Unit::Money))
            .ok_or_else(|| EvalError {
                code: None,
                ..err(p.loc, Msg::default(), Msg::default())
            })
    };
    match segs.first().copied().flatten() {
        Some("budget") => {
            let b = &plan.budget;
            if b.lines.is_empty() {
                return Err(undeclared(
                    p.loc,
                    tr!("计划中没有 `[budget]`", "the plan has no `[budget]`"),
                    tr!(
                        "添加 `[budget]` 并写上 `total`",
                        "add `[budget]` with a `total`"
                    ),
                ));
            }
            let rest = &segs[1..];
            let (wild, named) = match rest.last() {
                Some(None) => (true, &rest[..rest.len() - 1]),
                _ => (false, rest),
            };
            if named.iter().any(Option::is_none) {
                return Err(err(
                    p.loc,
                    tr!(
                        "`*` 只能放在预算路径的末尾，`{text}` 不行",
                        "`*` can only end a budget path, not `{text}`"
                    ),
                    tr!(
                        "比如 `ads` 的子科目写成 `budget.ads.*`",
                        "write e.g. `budget.ads.*` for the sub-lines of `ads`"
                    ),
                ));
            }
            let path: Vec<&str> = named.iter().map(|s| s.unwrap_or("")).collect();
            let line = if path.is_empty() || path == ["total"] {
                b.total().map(|_| 0)
            } else {
                b.find(&path.join("."))
            };
            let Some(line) = line else {
                let name = path.join(".");
                // Compared without the common `budget.` prefix, shown with it.
                let known = b.lines.iter().skip(1).map(|l| l.path.as_str());
                let help = match suggest(&name, known.clone()) {
                    Some(_) => {
                        hint(&name, known, Msg::default()).map(|s| s.replacen('`', "`budget.", 1))
                    }
                    None => {
                        let all: Vec<String> = b
                            .lines
                            .iter()
                            .skip(1)
                            .map(|l| format!("budget.{}", l.path))
                            .collect();
                        hint(
                            &name,
                            all.iter().map(String::as_str),
                            tr!("预算中没有任何科目", "the budget has no lines"),
                        )
                    }
                };
                return Err(undeclared(
                    p.loc,
                    tr!("未知的预算科目 `{name}`", "unknown budget line `{name}`"),
                    help,
                ));
            };
            if wild && b.lines[line].children.is_empty() {
                let name = if line == 0 {
                    "total"
                } else {
                    b.lines[line].path.as_str()
                };
                return Err(err(
                    p.loc,
                    tr!(
                        "`{text}` 没有指向任何科目：`{name}` 没有子科目",
                        "`{text}` names nothing: `{name}` has no sub-lines"
                    ),
                    tr!(
                        "要引用科目本身，写 `budget.{name}`",
                        "write `budget.{name}` for the line itself"
                    ),
                ));
            }
            if wild {
                Ok(b.lines[line]
                    .children
                    .iter()
                    .map(|&c| money(b.lines[c].amount))
                    .collect::<Result<_, _>>()?)
            } else {
                Ok(vec![money(b.lines[line].amount)?])
            }
        }
        Some("campaigns") => {
            if segs.len() < 3 {
                return Err(not_a_value(
                    p,
                    CAMPAIGN,
                    "campaigns",
                    "`campaigns.<id>.budget`",
                ));
            }
            let picked = campaigns(plan, segs[1], p)?;
            if segs.len() != 3 || segs[2] != Some("budget") {
                return Err(unknown(
                    p.loc,
                    tr!("`{text}` 不是活动的值", "`{text}` is not a campaign value"),
                    tr!(
                        "活动的值是它从预算中支取的金额：`campaigns.<id>.budget`",
                        "a campaign's value is what it draws from the budget: `campaigns.<id>.budget`"
                    ),
                ));
            }
            picked
                .iter()
                .map(|c| {
                    let mut sum = Ratio::ZERO;
                    for d in &c.budget {
                        sum = money(d.amount)?
                            .value
                            .checked_add(sum)
                            .ok_or_else(|| too_large(p.loc))?;
                    }
                    Ok(Val::new(sum, Unit::Money))
                })
                .collect()
        }
        Some("kpis") => {
            if segs.len() < 3 {
                return Err(not_a_value(p, KPI, "KPIs", "`kpis.<id>.target`"));
            }
            let picked = pick(&plan.kpis, |k| &k.id.name, segs[1], KPI, p)?;
            let field = segs[2];
            if segs.len() != 3 || !matches!(field, Some("target" | "baseline" | "actual")) {
                return Err(unknown(
                    p.loc,
                    tr!("`{text}` 不是 KPI 的值", "`{text}` is not a KPI value"),
                    tr!(
                        "KPI 的值有 `target`、`baseline` 和 `actual`",
                        "a KPI has a `target`, a `baseline` and an `actual`"
                    ),
                ));
            }
            let mut out = Vec::new();
            for k in picked {
                let v = match field {
                    Some("target") => &k.target,
                    Some("baseline") => &k.baseline,
                    _ => &k.actual,
                };
                match v {
                    Some(v) => {
                        let percent =
                            matches!(v.q.unit, QuantityUnit::Percent | QuantityUnit::Points);
                        out.push(if percent {
                            let f =
                                v.q.value
                                    .checked_div(Ratio::HUNDRED)
                                    .ok_or_else(|| too_large(p.loc))?;
                            Val::new(f, Unit::Percent)
                        } else {
                            Val::new(v.q.value, Unit::Number)
                        });
                    }
                    None if segs[1].is_none() => {}
                    None => {
                        let (kpi, field) = (&k.id.name, field.unwrap_or(""));
                        return Err(err(
                            p.loc,
                            tr!("KPI `{kpi}` 没有 `{field}`", "KPI `{kpi}` has no {field}"),
                            tr!(
                                "给它填上值，或改为比较其他值",
                                "give it a value, or compare something else"
                            ),
                        ));
                    }
                }
            }
            Ok(out)
        }
        Some("channels") => {
            if segs.len() < 3 {
                return Err(not_a_value(
                    p,
                    CHANNEL,
                    "channels",
                    "`channels.<id>.slots_per_week`",
                ));
            }
            let picked = pick(&plan.channels, |c| &c.id.name, segs[1], CHANNEL, p)?;
            let field = segs[2];
            if segs.len() != 3
                || !matches!(field, Some("slots_per_week" | "max_per_day" | "followers"))
            {
                return Err(unknown(
                    p.loc,
                    tr!("`{text}` 不是渠道的值", "`{text}` is not a channel value"),
                    tr!(
                        "渠道的值有 `slots_per_week`、`max_per_day` 和 `followers`",
                        "a channel has `slots_per_week`, `max_per_day` and `followers`"
                    ),
                ));
            }
            let mut out = Vec::new();
            for c in picked {
                let v = match field {
                    Some("slots_per_week") => {
                        c.slots_per_week.map(|v| Ratio::int(i128::from(v.value)))
                    }
                    Some("max_per_day") => c.max_per_day.map(|v| Ratio::int(i128::from(v.value))),
                    _ => c.followers,
                };
                match v {
                    Some(v) => out.push(Val::new(v, Unit::Number)),
                    None if segs[1].is_none() => {}
                    None => {
                        let (channel, field) = (&c.id.name, field.unwrap_or(""));
                        return Err(err(
                            p.loc,
                            tr!(
                                "渠道 `{channel}` 没有 `{field}`",
                                "channel `{channel}` has no {field}"
                            ),
                            tr!(
                                "给它填上值，或改为比较其他值",
                                "give it a value, or compare something else"
                            ),
                        ));
                    }
                }
            }
            Ok(out)
        }
        Some("reserve") if segs.len() == 1 => match &plan.reserve {
            Some(r) => Ok(vec![Val::new(
                r.percent
                    .value
                    .checked_div(Ratio::HUNDRED)
                    .unwrap_or(Ratio::ZERO),
                Unit::Percent,
            )]),
            None => Err(undeclared(
                p.loc,
                tr!("计划中没有 `[reserve]`", "the plan has no `[reserve]`"),
                tr!(
                    "添加 `[reserve]` 并写上 `share`",
                    "add `[reserve]` with a `share`"
                ),
            )),
        },
        _ => {
            let first = segs.first().copied().flatten().unwrap_or("*");
            let roots = ["budget", "campaigns", "kpis", "channels", "reserve"];
            Err(unknown(
                p.loc,
                tr!("未知的名称 `{text}`", "unknown name `{text}`"),
                suggest(first, roots).unwrap_or_else(|| ROOTS.into()),
            ))
        }
    }
}
