//! Date rules: dates outside the plan's period, ranges that end before they
//! start, moments the calendar does not know for the year, cycles.

pub mod dependency_cycle;
pub mod moment_undefined;
pub mod no_holiday_schedule;
pub mod outside_period;
pub mod range_reversed;
pub mod task_day_off;
pub mod task_order;
