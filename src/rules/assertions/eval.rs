//! Evaluates the values in user assertions against a resolved plan. Paths
//! name plan quantities: `budget.total`, `budget.ads` (a line's amount),
//! `budget.ads.*` (its sub-lines), `campaigns.summer.budget` (what a
//! campaign draws), `campaigns.*.budget`, `kpis.engagement.target` (also
//! `baseline`, `actual`), `channels.wechat.slots_per_week`, `reserve`.
//! Every value is exact; a value knows whether it is money, so messages can
//! show `¥3,000,000` rather than `3000000`.

use crate::model::ratio::Ratio;
use crate::model::{Plan, money_text};
use crate::syntax::ast::{BinOp, Loc, Path, Segment, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Val {
    pub value: Ratio,
    pub money: bool,
}

impl Val {
    pub fn text(self, currency: &str) -> String {
        if self.money {
            money_text(self.value, currency)
        } else {
            self.value.to_decimal_string(4)
        }
    }
}

/// Why a value could not be computed, and where.
pub struct EvalError {
    pub loc: Loc,
    pub message: String,
    pub help: String,
}

fn err(loc: Loc, message: impl Into<String>, help: impl Into<String>) -> EvalError {
    EvalError {
        loc,
        message: message.into(),
        help: help.into(),
    }
}

pub fn eval(plan: &Plan, v: &Value) -> Result<Val, EvalError> {
    match v {
        Value::Money(m) => Ok(Val {
            value: m.value,
            money: true,
        }),
        Value::Number { value, .. } => Ok(Val {
            value: *value,
            money: false,
        }),
        Value::Share(s) => {
            let frac = s
                .percent
                .checked_div(Ratio::HUNDRED)
                .ok_or_else(|| err(s.loc, "number too large", "use smaller numbers"))?;
            match &s.of {
                None => Ok(Val {
                    value: frac,
                    money: false,
                }),
                Some(p) => {
                    let base = single(plan, p)?;
                    let value = base
                        .value
                        .checked_mul(frac)
                        .ok_or_else(|| err(s.loc, "number too large", "use smaller numbers"))?;
                    Ok(Val {
                        value,
                        money: base.money,
                    })
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
            let items = many(plan, arg)?;
            let money = items.iter().any(|v| v.money);
            let overflow = || err(*loc, "number too large", "use smaller numbers");
            let value = match func.as_str() {
                "sum" => items
                    .iter()
                    .try_fold(Ratio::ZERO, |a, v| a.checked_add(v.value))
                    .ok_or_else(overflow)?,
                "count" => {
                    return Ok(Val {
                        value: Ratio::int(items.len() as i128),
                        money: false,
                    });
                }
                "min" => items.iter().map(|v| v.value).min().unwrap_or(Ratio::ZERO),
                "max" => items.iter().map(|v| v.value).max().unwrap_or(Ratio::ZERO),
                "avg" => {
                    let sum = items
                        .iter()
                        .try_fold(Ratio::ZERO, |a, v| a.checked_add(v.value))
                        .ok_or_else(overflow)?;
                    sum.checked_div(Ratio::int(items.len().max(1) as i128))
                        .ok_or_else(overflow)?
                }
                other => {
                    return Err(err(
                        *func_loc,
                        format!("unknown function `{other}`"),
                        "functions: sum, count, min, max, avg",
                    ));
                }
            };
            Ok(Val { value, money })
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
                            "division by zero",
                            "the right side is zero in this plan",
                        ));
                    }
                    a.value.checked_div(b.value)
                }
            }
            .ok_or_else(|| err(*loc, "number too large", "use smaller numbers"))?;
            let money = match op {
                BinOp::Add | BinOp::Sub => a.money || b.money,
                BinOp::Mul => a.money != b.money,
                BinOp::Div => a.money && !b.money,
            };
            Ok(Val { value, money })
        }
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
    Err(err(
        p.loc,
        "this path names several values",
        "wrap it in `sum(...)`, `count(...)`, `min(...)` or `max(...)`",
    ))
}

/// Every value a path names (a wildcard names several).
fn many(plan: &Plan, p: &Path) -> Result<Vec<Val>, EvalError> {
    let segs = names(p);
    let unknown = |what: &str| {
        err(
            p.loc,
            format!(
                "unknown {what} in `{}`",
                crate::syntax::reader::path_text(p)
            ),
            "paths start with `budget`, `campaigns`, `kpis`, `channels` or `reserve`; see `almanac explain A001`",
        )
    };
    let money = |value| Val { value, money: true };
    let num = |value| Val {
        value,
        money: false,
    };
    match segs.first().copied().flatten() {
        Some("budget") => {
            let b = &plan.budget;
            let rest = &segs[1..];
            let (wild, named) = match rest.last() {
                Some(None) => (true, &rest[..rest.len() - 1]),
                _ => (false, rest),
            };
            if named.iter().any(Option::is_none) {
                return Err(unknown("budget path"));
            }
            let path: Vec<&str> = named.iter().map(|s| s.unwrap_or("")).collect();
            let line = if path.is_empty() || path == ["total"] {
                b.total().map(|_| 0)
            } else {
                b.find(&path.join("."))
            };
            let line = line.ok_or_else(|| unknown("budget line"))?;
            if wild {
                Ok(b.lines[line]
                    .children
                    .iter()
                    .map(|&c| money(b.lines[c].amount))
                    .collect())
            } else {
                Ok(vec![money(b.lines[line].amount)])
            }
        }
        Some("campaigns") => {
            let (sel, field) = (segs.get(1).copied(), segs.get(2).copied().flatten());
            if field != Some("budget") || segs.len() != 3 {
                return Err(unknown("campaign field (use `campaigns.<id>.budget`)"));
            }
            let pick: Vec<_> = match sel {
                Some(None) => plan.campaigns.iter().collect(),
                Some(Some(id)) => plan.campaigns.iter().filter(|c| c.id.name == id).collect(),
                None => Vec::new(),
            };
            if pick.is_empty() && sel != Some(None) {
                return Err(unknown("campaign"));
            }
            pick.iter()
                .map(|c| {
                    c.budget
                        .iter()
                        .try_fold(Ratio::ZERO, |a, d| a.checked_add(d.amount))
                        .map(money)
                        .ok_or_else(|| err(p.loc, "number too large", "use smaller numbers"))
                })
                .collect()
        }
        Some("kpis") => {
            let (sel, field) = (segs.get(1).copied(), segs.get(2).copied().flatten());
            let pick: Vec<_> = match sel {
                Some(None) => plan.kpis.iter().collect(),
                Some(Some(id)) => plan.kpis.iter().filter(|k| k.id.name == id).collect(),
                None => Vec::new(),
            };
            if pick.is_empty() && sel != Some(None) {
                return Err(unknown("KPI"));
            }
            let mut out = Vec::new();
            for k in pick {
                let v = match field {
                    Some("target") => &k.target,
                    Some("baseline") => &k.baseline,
                    Some("actual") => &k.actual,
                    _ => return Err(unknown("KPI field (use `target`, `baseline` or `actual`)")),
                };
                match v {
                    Some(v) => out.push(num(v.q.value)),
                    None if sel == Some(None) => {}
                    None => {
                        return Err(err(
                            p.loc,
                            format!("KPI `{}` has no {}", k.id.name, field.unwrap_or("")),
                            "give it a value, or compare something else",
                        ));
                    }
                }
            }
            Ok(out)
        }
        Some("channels") => {
            let (sel, field) = (segs.get(1).copied(), segs.get(2).copied().flatten());
            let pick: Vec<_> = match sel {
                Some(None) => plan.channels.iter().collect(),
                Some(Some(id)) => plan.channels.iter().filter(|c| c.id.name == id).collect(),
                None => Vec::new(),
            };
            if pick.is_empty() && sel != Some(None) {
                return Err(unknown("channel"));
            }
            let mut out = Vec::new();
            for c in pick {
                let v = match field {
                    Some("slots_per_week") => c.slots_per_week.map(|v| Ratio::int(v as i128)),
                    Some("max_per_day") => c.max_per_day.map(|v| Ratio::int(v as i128)),
                    Some("followers") => c.followers,
                    _ => {
                        return Err(unknown(
                            "channel field (use `slots_per_week`, `max_per_day` or `followers`)",
                        ));
                    }
                };
                if let Some(v) = v {
                    out.push(num(v));
                }
            }
            Ok(out)
        }
        Some("reserve") if segs.len() == 1 => match &plan.reserve {
            Some(r) => Ok(vec![num(r
                .percent
                .value
                .checked_div(Ratio::HUNDRED)
                .unwrap_or(Ratio::ZERO))]),
            None => Err(err(
                p.loc,
                "the plan has no `[reserve]`",
                "add `[reserve]` with a `share`",
            )),
        },
        _ => Err(unknown("name")),
    }
}
