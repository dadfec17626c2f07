//! Copy rules: the words a team publishes, checked against China's
//! advertising law (广告法) — absolute terms in published text — with the
//! term list and its search in `terms.rs`, shared with `almanac copy`.

pub mod absolute_term;
pub mod terms;
