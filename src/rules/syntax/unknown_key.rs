//! A key that the plan format does not know at this place, usually a typo.
//! Unknown keys are errors, not ignored, because a misspelt `shar = "60%"`
//! would otherwise silently drop a share. The help line suggests the closest
//! known key, or lists the keys of that table.
//!
//! ```toml
//! [channels.wechat]
//! slots_per_wek = 7    # did you mean `slots_per_week`?
//! ```
//!
//! `include` written below a table header belongs to that table in TOML;
//! it is reported as a key that must come before the first table, and the
//! files it names are still loaded, so the names they declare are known.
