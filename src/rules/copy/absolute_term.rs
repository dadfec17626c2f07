//! Text the team publishes or presents uses an absolute term that China's
//! advertising law forbids in advertising (article 9: 国家级, 最高级, 最佳
//! and the like — 第一, 唯一, 顶级, 极致, 独家, 100% …). The text checked is
//! what leaves the team: the plan's name, theme and key messages, campaign
//! names, messages and descriptions, column names and descriptions, moment
//! content, audience messages and highlights. Each term is underlined where
//! it stands in the string, even across a line continuation.
//!
//! Everyday words that contain a term (`最近`, `第一期`, `第一时间`) are not
//! claims. A plan adds its own terms and exempts words it may use (a
//! product's registered name, a claim the legal review has approved):
//!
//! ```toml
//! [rules.absolute-term]
//! terms = ["吊打"]
//! allow = ["最佳拍档"]
//! ```
//!
//! `almanac copy FILE…` checks drafts (Markdown or text) against the same
//! list at the first review (初审). The list, and its source, is
//! `data/copy/absolute-terms.csv`.
//!
//! <!-- zh-CN -->
//! 团队对外发布或展示的文字用了广告法禁止的绝对化用语（第九条：国家级、最高级、
//! 最佳等用语——第一、唯一、顶级、极致、独家、100% ……）。检查的是会对外的文字：
//! 计划的名称、主题和核心信息，活动的名称、信息和说明，栏目的名称和说明，营销节点
//! 的内容，受众信息和亮点。每个用语都会在字符串中的原位置标出，跨行续写也一样。
//!
//! 含有这些字的日常词语（`最近`、`第一期`、`第一时间`）不算绝对化宣传。计划可以
//! 加上自己的用语，也可以放行可以用的词（注册的产品名、法务已经审过的说法）：
//!
//! ```toml
//! [rules.absolute-term]
//! terms = ["吊打"]
//! allow = ["最佳拍档"]
//! ```
//!
//! 初审时用 `almanac copy 文件…` 按同一份清单检查稿件（Markdown 或纯文本）。
//! 清单及其出处见 `data/copy/absolute-terms.csv`。

use crate::diagnostics::{Diagnostic, codes};
use crate::rules::Context;
use crate::rules::copy::terms::{Found, Terms};
use crate::source::Span;
use crate::syntax::ast::Loc;
use crate::syntax::strlit::StrSrc;
use crate::syntax::tree::{self, Table, Value};
use crate::tr;

/// The keys whose text is published or presented (`*` is any id).
const PUBLISHED: &[&[&str]] = &[
    &["plan", "name"],
    &["plan", "theme"],
    &["plan", "key_messages"],
    &["campaigns", "*", "name"],
    &["campaigns", "*", "messages"],
    &["campaigns", "*", "description"],
    &["columns", "*", "name"],
    &["columns", "*", "description"],
    &["moments", "*", "content"],
    &["audiences", "*", "messages"],
    &["highlights", "*", "name"],
    &["highlights", "*", "results"],
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let terms = Terms::builtin().with(
        cx.config.list(codes::L001.code, "terms"),
        cx.config.list(codes::L001.code, "allow"),
    );
    for &file in cx.files {
        let text = &cx.sources.get(file).text;
        // Most files hold no term at all: no need to read their strings.
        if !terms.may_hold(text) {
            continue;
        }
        let Ok(root) = tree::parse(text) else {
            continue;
        };
        for path in PUBLISHED {
            strings(&root, path, &mut |range, decoded| {
                let src = StrSrc::new(
                    Span::new(file, range.start, range.end),
                    &text[range],
                    decoded,
                );
                for f in terms.find(decoded) {
                    out.push(found(&src, &f));
                }
            });
        }
    }
}

/// The diagnostic for one term found in a string.
pub fn found(src: &StrSrc, f: &Found) -> Diagnostic {
    let term = &f.term;
    let at = src.at(Loc {
        start: f.range.start,
        end: f.range.end,
    });
    Diagnostic::new(
        &codes::L001,
        at,
        tr!(
            "`{term}` 是广告法禁止的绝对化用语",
            "`{term}` is an absolute term China's advertising law forbids"
        ),
    )
    .label(tr!("绝对化用语", "absolute term"))
    .help(tr!(
        "换成有据可查的具体说法（附上数据和出处），或者法务审过后在 `[rules.absolute-term]` 的 `allow` 里放行",
        "say what can be shown instead (a figure and its source), or, once legal has approved it, add it to `allow` in `[rules.absolute-term]`"
    ))
}

/// Calls `each` with the file range and the decoded text of every string
/// at `path` below `t` (a string, or the strings of an array).
fn strings(t: &Table<'_>, path: &[&str], each: &mut dyn FnMut(std::ops::Range<usize>, &str)) {
    let Some((&first, rest)) = path.split_first() else {
        return;
    };
    let items: Vec<&tree::Item<'_>> = if first == "*" {
        t.iter().map(|(_, v)| v).collect()
    } else {
        t.get(first).into_iter().collect()
    };
    for item in items {
        match (item.get_ref(), rest.is_empty()) {
            (Value::Table(inner), false) => strings(inner, rest, each),
            (Value::String(s), true) => each(item.span(), s),
            (Value::Array(a), true) => {
                for v in a {
                    if let Value::String(s) = v.get_ref() {
                        each(v.span(), s);
                    }
                }
            }
            _ => {}
        }
    }
}
