//! Rules of `almanac actuals import`: problems in an export or in the
//! mapping that reads it, found before anything is written into the plan.
//! Their files hold only the explanation.

pub mod bad_value;
pub mod campaign_ambiguous;
pub mod campaign_unmatched;
pub mod column_missing;
pub mod export_unreadable;
pub mod last_ambiguous;
pub mod mapping_invalid;
pub mod unknown_target;
