//! `almanac rules`: the catalogue, from the rule table.

use super::Exit;
use crate::cli::args::RulesArgs;
use crate::cli::out;
use crate::diagnostics::Lang;
use crate::diagnostics::codes::ALL as RULES;

/// The table in the run's language; the JSON list keeps its field names
/// and gives the summary in both.
pub fn run(a: &RulesArgs, lang: Lang) -> Exit {
    let l = lang.of_run([]);
    if a.json {
        let list: Vec<serde_json::Value> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.code,
                    "name": r.name,
                    "family": r.family.as_str(),
                    "severity": r.default_severity.as_str(),
                    "configurable": r.configurable,
                    "options": r.options,
                    "summary": r.summary_in(l),
                    "summary_en": r.summary,
                    "summary_zh": r.summary_zh,
                })
            })
            .collect();
        out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        ));
        return Exit::Clean;
    }
    let mut text = String::new();
    for r in RULES {
        // Padded by display width: a Chinese word is two columns a character.
        let severity = r.default_severity.word(l);
        let pad = 8usize.saturating_sub(crate::source::display_width(severity));
        text.push_str(&format!(
            "{}  {:<22} {severity}{} {}\n",
            r.code,
            r.name,
            " ".repeat(pad),
            r.summary_in(l)
        ));
    }
    out(&text);
    Exit::Clean
}
