//! A TOML file without a `[plan]` table is a fragment (shared people,
//! channels or calendars). It is checked as part of every plan that includes
//! it. A fragment that no checked plan includes is never checked against a
//! plan, so almanac warns about it: include it from a plan, or delete it.
