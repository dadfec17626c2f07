//! Every rule, in one sorted slice. `almanac rules`, `almanac explain`, the
//! `[rules]` settings and the registry tests all read this list, so a rule
//! exists exactly when it is listed here.

use crate::rules::Rule;
use crate::rules::{
    assertions, budget, capacity, dates, kpi, outputs, references, schedule, syntax,
};

pub static RULES: &[&Rule] = &[
    &assertions::failed::RULE,
    &budget::shares::RULE,
    &budget::over_parent::RULE,
    &budget::campaign_over_line::RULE,
    &budget::total_exceeded::RULE,
    &budget::non_positive::RULE,
    &budget::kol_pyramid::RULE,
    &budget::mixed_units::RULE,
    &capacity::over_capacity::RULE,
    &capacity::reserve::RULE,
    &capacity::posting_limit::RULE,
    &dates::outside_period::RULE,
    &dates::range_reversed::RULE,
    &dates::moment_undefined::RULE,
    &dates::no_holiday_schedule::RULE,
    &dates::dependency_cycle::RULE,
    &dates::task_day_off::RULE,
    &dates::task_order::RULE,
    &kpi::target_not_better::RULE,
    &kpi::rate_over_100::RULE,
    &kpi::parts_total::RULE,
    &outputs::no_actuals::RULE,
    &outputs::previous_missing::RULE,
    &schedule::lead_time::RULE,
    &schedule::blackout::RULE,
    &schedule::holiday_publishing::RULE,
    &schedule::column_on_holiday::RULE,
    &schedule::flagship_overlap::RULE,
    &schedule::never_occurs::RULE,
    &schedule::too_many::RULE,
    &references::unknown_reference::RULE,
    &references::duplicate_id::RULE,
    &references::include_cycle::RULE,
    &references::include_missing::RULE,
    &references::include_outside::RULE,
    &syntax::toml_syntax::RULE,
    &syntax::not_utf8::RULE,
    &syntax::unknown_key::RULE,
    &syntax::wrong_type::RULE,
    &syntax::invalid_expression::RULE,
    &syntax::invalid_value::RULE,
    &syntax::missing_key::RULE,
    &syntax::empty_file::RULE,
    &syntax::orphan_fragment::RULE,
    &syntax::control_character::RULE,
    &syntax::template_error::RULE,
];

/// A rule by code (`B001`, any case) or name (`budget-shares`).
pub fn find(key: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// The rule with this code. Codes used in the source are literals checked by
/// the registry tests; an unknown one is a programming error.
pub fn rule(code: &str) -> &'static Rule {
    match find(code) {
        Some(r) => r,
        None => panic!("rule code {code} is not registered"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_by_family_and_unique() {
        let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let n = codes.len();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), n, "duplicate codes");
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "duplicate names");
    }

    #[test]
    fn every_rule_has_an_explanation() {
        for r in RULES {
            let e = r.explanation();
            assert!(e.len() > 80, "{} has no real explanation: {e:?}", r.code);
            assert!(!r.summary.ends_with('.'), "{}", r.code);
        }
    }
}
