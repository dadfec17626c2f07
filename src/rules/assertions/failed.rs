//! A rule the plan wrote for itself does not hold. `[assertions]` holds
//! comparisons in the expression language, checked against the resolved
//! plan; when one fails, the message shows the values of both sides.
//!
//! ```toml
//! [assertions]
//! ads_cap = "sum(budget.ads.*) <= 60% of budget.total"
//! kol_head = { expr = "budget.kol.head <= 10% of budget.kol", message = "head KOLs stay a small tier" }
//! ```
//!
//! Paths: `budget.total`, `budget.<line>`, `budget.<line>.*`,
//! `campaigns.<id>.budget`, `campaigns.*.budget`,
//! `kpis.<id>.target|baseline|actual`, `channels.<id>.slots_per_week`,
//! `reserve`. Functions: `sum`, `count`, `min`, `max`, `avg`. Operators:
//! `+ - * /`, comparisons `< <= > >= == !=`.
//!
//! Values keep their unit: money, a percentage (KPI rates, `reserve`, a bare
//! `10%`) or a plain number. An assertion that compares money with a plain
//! number or a bare percentage (`budget.tools <= 10`, `budget.tools <= 10%`)
//! is reported as `S006` rather than evaluated: write `¥10` or
//! `10% of budget.total`.
//!
//! <!-- zh-CN -->
//! 计划里自定义的规则不成立。`[assertions]` 中是用表达式写的比较，基于解析后的
//! 计划检查；不成立时，诊断会列出两边的值。
//!
//! ```toml
//! [assertions]
//! ads_cap = "sum(budget.ads.*) <= 60% of budget.total"
//! kol_head = { expr = "budget.kol.head <= 10% of budget.kol", message = "头部 KOL 只占一小部分" }
//! ```
//!
//! 路径：`budget.total`、`budget.<line>`、`budget.<line>.*`、
//! `campaigns.<id>.budget`、`campaigns.*.budget`、
//! `kpis.<id>.target|baseline|actual`、`channels.<id>.slots_per_week`、
//! `reserve`。函数：`sum`、`count`、`min`、`max`、`avg`。运算符：
//! `+ - * /`，比较 `< <= > >= == !=`。
//!
//! 值保留各自的单位：金额、百分比（KPI 比率、`reserve`、单独写的 `10%`）或
//! 普通数字。拿金额和普通数字或单独的百分比比较的断言（`budget.tools <= 10`、
//! `budget.tools <= 10%`）不会求值，而是报告为 `S006`：写成 `¥10` 或
//! `10% of budget.total`。

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::rules::Context;
use crate::rules::assertions::eval::{Unit, eval};
use crate::syntax::ast::CmpOp;
use crate::tr;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for a in &plan.assertions {
        let e = &a.expr;
        let (l, r) = match (eval(plan, &e.left), eval(plan, &e.right)) {
            (Ok(l), Ok(r)) => (l, r),
            (l, r) => {
                // The first problem worth a word: a value that is unknown
                // was reported where it is written, and a name the plan
                // does not declare may be in an include that did not load.
                let shown = [l.err(), r.err()].into_iter().flatten().find_map(|x| {
                    let code = x.code.filter(|_| !(plan.partial && x.undeclared))?;
                    Some((code, x))
                });
                if let Some((code, x)) = shown {
                    let id = &a.id.name;
                    out.push(
                        Diagnostic::new(code, a.src.at(x.loc), *x.message)
                            .label(tr!("在断言 `{id}` 中", "in assertion `{id}`"))
                            .help(*x.help),
                    );
                }
                continue;
            }
        };
        let (ls, rs) = (a.src.at(e.left.loc()), a.src.at(e.right.loc()));
        let cur = &plan.currency;
        // Money against a plain number (`budget.tools <= 10`) compares
        // nothing real; zero is the one number that fits both.
        if l.is_money() != r.is_money() && !l.value.is_zero() && !r.value.is_zero() {
            let (money, other, other_span) = if l.is_money() { (l, r, rs) } else { (r, l, ls) };
            let (what, fix) = if other.unit == Unit::Percent {
                let share = other.text(cur);
                (
                    tr!("百分比", "a percentage"),
                    tr!(
                        "占比要写明是哪一项的占比：写成 `{share} of budget.total`",
                        "a share needs the line it is a share of: write `{share} of budget.total`"
                    ),
                )
            } else {
                let amount = money_literal(other.value, cur);
                (
                    tr!("普通数字", "a plain number"),
                    tr!(
                        "金额要带上币种：写成 `{amount}`",
                        "write the amount with its currency: `{amount}`"
                    ),
                )
            };
            let (id, left, right, money) = (&a.id.name, l.text(cur), r.text(cur), money.text(cur));
            let (wz, we) = (&what.zh, &what.en);
            out.push(
                Diagnostic::new(
                    &codes::S006,
                    other_span,
                    tr!(
                        "断言 `{id}` 拿金额和{wz}比较：左边是 {left}，右边是 {right}",
                        "assertion `{id}` compares money with {we}: {left} against {right}"
                    ),
                )
                .label(tr!("不是金额", "not an amount of money"))
                .secondary(
                    if l.is_money() { ls } else { rs },
                    tr!("值为 {money}", "is {money}"),
                )
                .help(fix),
            );
            continue;
        }
        let holds = match e.op {
            CmpOp::Lt => l.value < r.value,
            CmpOp::Le => l.value <= r.value,
            CmpOp::Gt => l.value > r.value,
            CmpOp::Ge => l.value >= r.value,
            CmpOp::Eq => l.value == r.value,
            CmpOp::Ne => l.value != r.value,
        };
        if holds {
            continue;
        }
        let (id, left, right) = (&a.id.name, l.text(cur), r.text(cur));
        let mut d = Diagnostic::new(
            &codes::A001,
            a.src.at(e.loc),
            tr!(
                "断言 `{id}` 不成立：左边是 {left}，右边是 {right}",
                "assertion `{id}` does not hold: {left} against {right}"
            ),
        )
        .label(tr!("在这份计划中不成立", "false for this plan"))
        .secondary(ls, tr!("值为 {left}", "is {left}"))
        .secondary(rs, tr!("值为 {right}", "is {right}"));
        d = match &a.message {
            // The plan's own words, in the language it wrote them in.
            Some(m) => d.help(Msg::same(m.clone())),
            None => {
                let (oz, oe) = match e.op {
                    CmpOp::Lt => ("小于", "less than"),
                    CmpOp::Le => ("不超过", "at most"),
                    CmpOp::Gt => ("大于", "more than"),
                    CmpOp::Ge => ("不少于", "at least"),
                    CmpOp::Eq => ("等于", "equal to"),
                    CmpOp::Ne => ("不等于", "different from"),
                };
                d.help(tr!(
                    "左边应{oz} {right}；调整计划（如果是规则本身变了，就改断言）",
                    "the left side must be {oe} {right}; change the plan (or the assertion, if the rule itself changed)"
                ))
            }
        };
        out.push(d);
    }
}

/// An amount as the expression language writes it: `¥1_000_000`, `EUR 250.5`.
fn money_literal(v: crate::ratio::Ratio, currency: &str) -> String {
    let text = v.to_decimal_string(2);
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), format!(".{f}")),
        None => (text.clone(), String::new()),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d.to_string()),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('_');
        }
        grouped.push(c);
    }
    let symbol = match currency {
        "CNY" => Some("¥"),
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        _ => None,
    };
    match symbol {
        Some(s) => format!("{sign}{s}{grouped}{frac}"),
        None => format!("{currency} {sign}{grouped}{frac}"),
    }
}
