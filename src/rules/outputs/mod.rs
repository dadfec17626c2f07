//! Output rules: a plan that cannot give the output asked of it (a review
//! deck without actuals, a year-end deck without last year's plan). They
//! fire from `build` and `slides`, never from `check`, because whether a
//! plan is fit for a deck depends on the deck asked for.

pub mod no_actuals;
pub mod previous_missing;
