//! A plan's `[rules]` table: severities per rule (`error`, `warn`, `allow`)
//! and thresholds (`tolerance`), keyed by code or name, like lint levels.
//! Applied to a plan's diagnostics after every rule has run.

use std::collections::BTreeMap;

use crate::diagnostics::codes::{ALL as RULES, find};
use crate::diagnostics::{Diagnostic, Severity, codes, suggest};
use crate::ratio::Ratio;
use crate::syntax::raw::RawRuleSetting;

#[derive(Debug, Default)]
pub struct RuleConfig {
    /// Code → severity; `None` turns the rule off.
    severities: BTreeMap<&'static str, Option<Severity>>,
    /// (code, option) → value.
    options: BTreeMap<(&'static str, String), Ratio>,
}

impl RuleConfig {
    pub fn from_raw(raw: &[RawRuleSetting], diags: &mut Vec<Diagnostic>) -> RuleConfig {
        let mut cfg = RuleConfig::default();
        let mut seen: BTreeMap<&'static str, crate::source::Span> = BTreeMap::new();
        for s in raw {
            let Some(r) = find(&s.key.name) else {
                let mut d = Diagnostic::new(
                    &codes::S003,
                    s.key.span,
                    format!("unknown rule `{}`", s.key.name),
                )
                .label("not a rule code or name");
                d = match suggest(
                    &s.key.name,
                    RULES
                        .iter()
                        .map(|r| r.name)
                        .chain(RULES.iter().map(|r| r.code)),
                ) {
                    Some(h) => d.help(h),
                    None => d.help("`almanac rules` lists every rule"),
                };
                diags.push(d);
                continue;
            };
            if let Some(first) = seen.insert(r.code, s.key.span) {
                diags.push(
                    Diagnostic::new(
                        &codes::R002,
                        s.key.span,
                        format!("rule {} `{}` is set twice", r.code, r.name),
                    )
                    .label("set again here")
                    .secondary(first, "first set here")
                    .help("a rule is named by its code or its name; keep one setting"),
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
                match level {
                    None => diags.push(
                        Diagnostic::new(&codes::S006, sev.span(), format!("`{}` is not a severity", sev.text))
                            .label("expected `error`, `warn` or `allow`")
                            .help("`allow` turns the rule off for this plan"),
                    ),
                    Some(_) if !r.configurable => diags.push(
                        Diagnostic::new(&codes::S006, sev.span(), format!("the severity of {} `{}` cannot be changed", r.code, r.name))
                            .label("fixed severity")
                            .help("syntax errors, broken references and problems outside a plan cannot be turned off or down"),
                    ),
                    Some(level) => {
                        cfg.severities.insert(r.code, level);
                    }
                }
            }
            for (id, value) in &s.options {
                if !r.options.contains(&id.name.as_str()) {
                    let mut d = Diagnostic::new(
                        &codes::S003,
                        id.span,
                        format!("rule {} `{}` has no setting `{}`", r.code, r.name, id.name),
                    )
                    .label("unknown setting");
                    d = match (
                        suggest(&id.name, r.options.iter().copied()),
                        r.options.is_empty(),
                    ) {
                        (Some(h), _) => d.help(h),
                        (None, true) => d.help("this rule has only a severity"),
                        (None, false) => d.help(format!("settings: {}", r.options.join(", "))),
                    };
                    diags.push(d);
                    continue;
                }
                cfg.options
                    .insert((r.code, id.name.clone()), value.node.value);
            }
        }
        cfg
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
