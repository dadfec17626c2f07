//! Reference rules: ids that do not exist or exist twice, and includes.
//! They are found by `resolve`; their files hold only the explanation.

pub mod duplicate_id;
pub mod include_cycle;
pub mod include_missing;
pub mod include_outside;
pub mod unknown_reference;
