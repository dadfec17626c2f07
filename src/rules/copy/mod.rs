//! Copy rules: the words a team publishes, checked against China's
//! advertising law (广告法) — absolute terms in published text (L001), and
//! the `广告` label on paid content (L002) — with the term list and its
//! search in `terms.rs`, shared with `almanac copy`.

pub mod absolute_term;
pub mod ad_label;
pub mod terms;
