//! KPI rules: targets that are no improvement, rates above 100%, parts that
//! do not add up to their total.

pub mod actual_missing;
pub mod baseline_previous;
pub mod parts_total;
pub mod rate_over_100;
pub mod target_not_better;
