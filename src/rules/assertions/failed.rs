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

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Plan;
use crate::rules::assertions::eval::eval;
use crate::rules::registry::rule;
use crate::rules::{Family, Rule};
use crate::syntax::ast::CmpOp;

pub static RULE: Rule = Rule {
    code: "A001",
    name: "assertion-failed",
    family: Family::Assertions,
    default_severity: Severity::Error,
    configurable: true,
    options: &[],
    summary: "A user assertion does not hold",
    source: include_str!("failed.rs"),
};

pub fn check(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for a in &plan.assertions {
        let e = &a.expr;
        let (l, r) = match (eval(plan, &e.left), eval(plan, &e.right)) {
            (Ok(l), Ok(r)) => (l, r),
            (Err(x), _) | (_, Err(x)) => {
                out.push(
                    Diagnostic::new(rule("R001"), a.src.at(x.loc), x.message)
                        .label(format!("in assertion `{}`", a.id.name))
                        .help(x.help),
                );
                continue;
            }
        };
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
        let (ls, rs) = (a.src.at(e.left.loc()), a.src.at(e.right.loc()));
        let mut d = Diagnostic::new(
            &RULE,
            a.src.at(e.loc),
            format!(
                "assertion `{}` does not hold: {} against {}",
                a.id.name,
                l.text(&plan.currency),
                r.text(&plan.currency)
            ),
        )
        .label("false for this plan")
        .secondary(ls, format!("is {}", l.text(&plan.currency)))
        .secondary(rs, format!("is {}", r.text(&plan.currency)));
        if let Some(m) = &a.message {
            d = d.help(m.clone());
        }
        out.push(d);
    }
}
