//! User assertions: rules a plan writes for itself in the expression
//! language (`sum(budget.ads.*) <= 60% of budget.total`).

pub mod eval;
pub mod failed;
