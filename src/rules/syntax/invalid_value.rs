//! A value that is well-formed but cannot be: `2026-02-30`, a share of
//! `150%`, an amount too large to represent, an amount in another currency
//! than the plan's, `every 0 weeks`, a plan with both `year` and `period`,
//! an id with spaces. The help line says what is allowed.
