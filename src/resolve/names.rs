//! Name tables for resolve: ids of people, channels and KPIs (with a
//! did-you-mean when a reference is unknown), and the date names of a plan —
//! its moments and campaign windows — evaluated lazily, so one may refer to
//! another in any order, with cycles reported instead of followed forever.

use std::collections::{BTreeMap, VecDeque};

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, closest, codes, did_you_mean};
use crate::locale::Pair;
use crate::model::{DateRange, Id};
use crate::resolve::dates::{DateCx, Names};
use crate::syntax::ast::RangeExpr;
use crate::syntax::raw::{Expr, RawCampaign, RawMoment, Str};
use crate::tr;

/// Ids of one kind, in declaration order; a reference found is an `I`
/// (a [`PersonId`](crate::model::PersonId) for people, and so on).
pub struct Index<I = usize> {
    names: Vec<String>,
    map: BTreeMap<String, I>,
    /// Some ids may be declared in an include that could not be loaded.
    partial: bool,
}

impl<I: Id> Index<I> {
    pub fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        let names: Vec<String> = ids.map(str::to_string).collect();
        let mut map = BTreeMap::new();
        for (i, n) in names.iter().enumerate() {
            map.entry(n.clone()).or_insert(I::from_index(i));
        }
        Index {
            names,
            map,
            partial: false,
        }
    }

    /// Marks the ids as possibly incomplete (an include could not be
    /// loaded): an unknown reference is then not reported, since it may be
    /// declared in the missing file.
    pub fn partial(mut self, partial: bool) -> Self {
        self.partial = partial;
        self
    }

    pub fn find(&self, name: &str) -> Option<I> {
        self.map.get(name).copied()
    }

    /// Looks up a reference; an unknown one is reported with a suggestion.
    /// `what` is the kind of thing referred to ([`noun`]).
    pub fn get(&self, s: &Str, what: Pair, diags: &mut Vec<Diagnostic>) -> Option<I> {
        if let Some(i) = self.find(&s.text) {
            return Some(i);
        }
        if self.partial {
            return None;
        }
        let (id, w, ws) = (&s.text, what.zh, what.en);
        // After Chinese text, a Latin noun (`KPI`) takes a space.
        let after = if w.starts_with(|c: char| c.is_ascii_alphabetic()) {
            format!(" {w}")
        } else {
            w.to_string()
        };
        let mut d = Diagnostic::new(
            &codes::R001,
            s.span(),
            tr!("{w} `{id}` 不存在", "unknown {ws} `{id}`"),
        )
        .label(tr!("没有这个标识的{after}", "no {ws} has this id"));
        d = match closest(&s.text, self.names.iter().map(String::as_str)) {
            // The quoted id, replaced by the one meant.
            Some(c) => d.help(did_you_mean(c)).fix(s.span(), format!("\"{c}\"")),
            None if self.names.is_empty() => {
                let wp = plural(ws);
                d.help(tr!("计划没有声明任何{after}", "the plan declares no {wp}"))
            }
            None => {
                let (zh, en) = preview(&self.names);
                d.help(tr!("已声明的{after}：{zh}", "known: {en}"))
            }
        };
        diags.push(d);
        None
    }

    pub fn refs(&self, list: &[Str], what: Pair, diags: &mut Vec<Diagnostic>) -> Vec<I> {
        list.iter()
            .filter_map(|s| self.get(s, what, diags))
            .collect()
    }
}

/// The kinds of things a plan declares, as messages name them.
pub mod noun {
    use crate::locale::Pair;

    pub const PERSON: Pair = Pair {
        zh: "成员",
        en: "person",
    };
    pub const CHANNEL: Pair = Pair {
        zh: "渠道",
        en: "channel",
    };
    pub const KPI: Pair = Pair {
        zh: "KPI",
        en: "KPI",
    };
    pub const TASK: Pair = Pair {
        zh: "任务",
        en: "task",
    };
    pub const REVIEW_LEVEL: Pair = Pair {
        zh: "审核级别",
        en: "review level",
    };
    pub const HOLIDAY: Pair = Pair {
        zh: "节假日",
        en: "holiday",
    };
    pub const CAMPAIGN: Pair = Pair {
        zh: "活动",
        en: "campaign",
    };
    pub const COLUMN: Pair = Pair {
        zh: "栏目",
        en: "column",
    };
    pub const MOMENT: Pair = Pair {
        zh: "营销节点",
        en: "moment",
    };
    pub const BLACKOUT: Pair = Pair {
        zh: "禁发日",
        en: "blackout",
    };
    pub const HIGHLIGHT: Pair = Pair {
        zh: "亮点",
        en: "highlight",
    };
    pub const AUDIENCE: Pair = Pair {
        zh: "受众",
        en: "audience",
    };
    pub const GUIDELINE: Pair = Pair {
        zh: "运营准则",
        en: "guideline",
    };
    pub const RITUAL: Pair = Pair {
        zh: "团队例行事项",
        en: "ritual",
    };
    pub const SECTION: Pair = Pair {
        zh: "章节",
        en: "section",
    };
    pub const RULE_SETTING: Pair = Pair {
        zh: "规则设置",
        en: "rule setting",
    };
    pub const ASSERTION: Pair = Pair {
        zh: "断言",
        en: "assertion",
    };
    /// A moment or a campaign, as a date expression names it.
    pub const DATE_NAME: Pair = Pair {
        zh: "日期名称",
        en: "date name",
    };
}

fn plural(what: &str) -> String {
    match what {
        "person" => "people".into(),
        w => format!("{w}s"),
    }
}

/// The first ids, in backticks: `、`-separated in Chinese, `, ` in English.
fn preview(names: &[String]) -> (String, String) {
    let shown: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
    let more = names.len() > 8;
    let list = |sep: &str, tail: &str| {
        let joined = shown.join(sep);
        if more {
            format!("{joined}{sep}{tail}")
        } else {
            joined
        }
    };
    (list("、", "…"), list(", ", "…"))
}

/// No names at all: for the plan's period and holidays.
pub struct NoNames;

impl Names for NoNames {
    fn range(&mut self, _: &str, _: &mut Vec<Diagnostic>) -> Option<Option<DateRange>> {
        None
    }
    fn local(&self, _: &str) -> Option<NaiveDate> {
        None
    }
    fn candidates(&self) -> Vec<String> {
        Vec::new()
    }
}

/// The plan's moments and campaign windows, resolved on first use.
pub struct PlanNames<'a> {
    /// Each name's expression; `None` for one that could not be read, a
    /// name whose date is unknown.
    defs: BTreeMap<&'a str, Option<&'a Expr<RangeExpr>>>,
    done: BTreeMap<String, Option<DateRange>>,
    visiting: Vec<String>,
    /// Moments or campaigns may be declared in an include that could not be loaded.
    partial: bool,
}

impl<'a> PlanNames<'a> {
    pub fn new(
        moments: &'a [RawMoment],
        campaigns: &'a [RawCampaign],
        diags: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut defs = BTreeMap::new();
        for m in moments {
            if m.date.is_given() {
                defs.entry(m.id.name.as_str()).or_insert(m.date.known());
            }
        }
        for c in campaigns {
            // Moments and campaigns share one namespace of date names.
            if let Some(m) = moments.iter().find(|m| m.id.name == c.id.name) {
                diags.push(crate::resolve::duplicate(noun::DATE_NAME, &c.id, m.id.span));
                continue;
            }
            if c.window.is_given() {
                defs.entry(c.id.name.as_str()).or_insert(c.window.known());
            }
        }
        PlanNames {
            defs,
            done: BTreeMap::new(),
            visiting: Vec::new(),
            partial: false,
        }
    }

    /// See `Index::partial`.
    pub fn partial(mut self, partial: bool) -> Self {
        self.partial = partial;
        self
    }

    /// `None`: not a plan name. `Some(None)`: a plan name whose date failed.
    pub fn range(
        &mut self,
        cx: &DateCx<'_>,
        name: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Option<DateRange>> {
        if let Some(r) = self.done.get(name) {
            return Some(*r);
        }
        let Some(expr) = *self.defs.get(name)? else {
            return Some(None); // reported where it is written
        };
        if self.visiting.iter().any(|v| v == name) {
            let chain = self.visiting.join(" → ");
            let chain_zh: Vec<String> = self.visiting.iter().map(|v| format!("`{v}`")).collect();
            let chain_zh = chain_zh.join(" → ");
            diags.push(
                Diagnostic::new(
                    &codes::D005,
                    expr.span(),
                    tr!(
                        "`{name}` 的日期依赖它自己：{chain_zh} → `{name}`",
                        "the date of `{name}` depends on itself: {chain} → {name}"
                    ),
                )
                .label(tr!("循环依赖", "circular"))
                .help(tr!(
                    "其中一个日期直接写出，不要引用另外几个",
                    "give one of these dates without referring to the others"
                )),
            );
            return Some(None);
        }
        self.visiting.push(name.to_string());
        let r = cx.range(&mut self.with(cx), &expr.node, &expr.src, diags);
        self.visiting.pop();
        self.done.insert(name.to_string(), r);
        Some(r)
    }

    pub fn with<'n, 'c>(&'n mut self, cx: &'c DateCx<'c>) -> Scoped<'n, 'a, 'c> {
        Scoped {
            names: self,
            cx,
            locals: None,
        }
    }

    pub fn with_locals<'n, 'c>(
        &'n mut self,
        cx: &'c DateCx<'c>,
        locals: &'n BTreeMap<String, NaiveDate>,
    ) -> Scoped<'n, 'a, 'c> {
        Scoped {
            names: self,
            cx,
            locals: Some(locals),
        }
    }
}

/// Plan names plus a local scope, as one `Names`.
pub struct Scoped<'n, 'a, 'c> {
    names: &'n mut PlanNames<'a>,
    cx: &'c DateCx<'c>,
    locals: Option<&'n BTreeMap<String, NaiveDate>>,
}

impl Names for Scoped<'_, '_, '_> {
    fn partial(&self) -> bool {
        self.names.partial
    }

    fn range(&mut self, name: &str, diags: &mut Vec<Diagnostic>) -> Option<Option<DateRange>> {
        self.names.range(self.cx, name, diags)
    }

    fn local(&self, name: &str) -> Option<NaiveDate> {
        self.locals.and_then(|l| l.get(name).copied())
    }

    fn candidates(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .names
            .defs
            .keys()
            .map(std::string::ToString::to_string)
            .collect();
        if let Some(l) = self.locals {
            out.extend(l.keys().cloned());
        }
        out
    }
}

/// Kahn's algorithm: an order in which every item comes after its
/// dependencies. Items on a cycle (or after one) are left out.
pub fn topo_order(deps: &[Vec<usize>]) -> Vec<usize> {
    let n = deps.len();
    let mut indegree = vec![0usize; n];
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, ds) in deps.iter().enumerate() {
        for &d in ds {
            indegree[i] += 1;
            users[d].push(i);
        }
    }
    let mut ready: VecDeque<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop_front() {
        order.push(i);
        for &u in &users[i] {
            indegree[u] -= 1;
            if indegree[u] == 0 {
                ready.push_back(u);
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::topo_order;

    #[test]
    fn topo_order_puts_dependencies_first_and_drops_cycles() {
        assert_eq!(topo_order(&[vec![1], vec![], vec![0]]), vec![1, 0, 2]);
        assert_eq!(topo_order(&[vec![1], vec![0], vec![]]), vec![2]);
    }

    #[test]
    fn long_chains_do_not_recurse() {
        let deps: Vec<Vec<usize>> = (0..100_000)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        assert_eq!(topo_order(&deps).len(), 100_000);
    }
}
