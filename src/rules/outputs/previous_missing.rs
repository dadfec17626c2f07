//! A year-end deck needs last year's plan (with its actuals) and this
//! year's. The plan's `previous = "…"` names a file that does not exist, a
//! folder, or a file outside the plan's project (the path is relative to
//! the plan's own file; `check` reports it, since `build` would refuse
//! it); or `--kind year-end` was asked of a plan that names no previous
//! plan. Fix the path, remove `previous`, or give both plans (`almanac
//! slides LAST.toml NEXT.toml`).
