//! `almanac explain CODE`: a rule's documentation.

use super::Exit;
use crate::cli::args::ExplainArgs;
use crate::cli::out;
use crate::diagnostics::codes::{ALL as RULES, find};
use crate::diagnostics::{Lang, suggest};
use crate::locale::Locale;
use crate::tr;

pub fn run(a: &ExplainArgs, lang: Lang) -> Exit {
    let l = lang.of_run([]);
    let Some(r) = find(&a.code) else {
        let code = &a.code;
        let names = RULES.iter().map(|r| r.name);
        let m = match suggest(code, names.chain(RULES.iter().map(|r| r.code))) {
            Some(h) => {
                let (hz, he) = (&h.zh, &h.en);
                tr!(
                    "没有规则 `{code}`（{hz}）；运行 `almanac rules` 查看全部规则",
                    "no rule `{code}` ({he}); `almanac rules` lists them"
                )
            }
            None => tr!(
                "没有规则 `{code}`；运行 `almanac rules` 查看全部规则",
                "no rule `{code}`; `almanac rules` lists them"
            ),
        };
        crate::cli::fail_in(lang.of_run([]), &m);
        return Exit::Usage;
    };
    let head = match l {
        Locale::ZhCn => format!(
            "{} {}（{}，默认级别：{}{}）",
            r.code,
            r.name,
            r.family.as_str(),
            r.default_severity.word(l),
            if r.configurable {
                ""
            } else {
                "，不可更改"
            },
        ),
        Locale::En => format!(
            "{} {} ({}, {} by default{})",
            r.code,
            r.name,
            r.family.as_str(),
            r.default_severity.as_str(),
            if r.configurable {
                ""
            } else {
                ", cannot be changed"
            },
        ),
    };
    out(&format!("{head}\n\n{}", r.explanation(l)));
    Exit::Clean
}
