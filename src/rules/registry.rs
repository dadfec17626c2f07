//! Runs the rules that check a resolved plan, in the order of the rule
//! table (`diagnostics::codes::for_each_rule!`): the table names each
//! rule's module, so a rule marked `check` there is called here with no
//! list of its own to keep in step.

use crate::diagnostics::Diagnostic;
use crate::diagnostics::codes::for_each_rule;
use crate::rules::Context;
#[allow(unused_imports)] // the table names every group; only checked ones are used
use crate::rules::{
    assertions, budget, capacity, copy, dates, kpi, outputs, references, schedule, syntax,
};

/// Calls `check` of each rule the table marks `check`.
macro_rules! run_checks {
    ($($code:ident $name:literal $family:ident $severity:ident $configurable:literal
       [$($option:literal),*] $group:ident::$file:ident $stage:ident $summary:literal $summary_zh:literal;)*) => {
        /// Runs every plan rule over a resolved plan and its schedule.
        pub fn check_plan(cx: &Context, out: &mut Vec<Diagnostic>) {
            $(run_checks!(@$stage cx, out, $group::$file);)*
        }
    };
    (@check $cx:ident, $out:ident, $group:ident::$file:ident) => {
        $group::$file::check($cx, $out)
    };
    (@found $cx:ident, $out:ident, $group:ident::$file:ident) => {};
}

for_each_rule!(run_checks);

#[cfg(test)]
mod tests {
    use crate::diagnostics::codes::{ALL, Family};

    #[test]
    fn names_are_unique_and_codes_match_their_family() {
        let mut names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n, "two rules share a name");
        for r in ALL {
            let letters: &[char] = match r.family {
                Family::Syntax => &['S', 'T'],
                Family::References => &['R'],
                Family::Budget => &['B'],
                Family::Dates => &['D'],
                Family::Kpi => &['K'],
                Family::Copy => &['L'],
                Family::Assertions => &['A'],
                Family::Schedule => &['P'],
                Family::Capacity => &['C'],
                Family::Outputs => &['O'],
                Family::Actuals => &['I'],
            };
            assert!(
                r.code.starts_with(letters),
                "{} is in family {:?}",
                r.code,
                r.family
            );
        }
    }

    #[test]
    fn every_rule_has_an_explanation() {
        for r in ALL {
            let e = r.explanation(crate::locale::Locale::En);
            assert!(e.len() > 80, "{} has no real explanation: {e:?}", r.code);
            assert!(!r.summary.ends_with('.'), "{}", r.code);
        }
    }
}
