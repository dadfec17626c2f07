//! A review deck (or the review half of a year-end deck) was asked of a
//! plan that holds no results: none of its KPIs has an `actual`, and it
//! has no `[highlights]`. A review without results would be a deck of
//! empty tables, so nothing is written. Fill in the year's actuals
//! (`actual = "+35%"` beside each KPI's `target`), or ask for the plan
//! deck with `almanac slides PLAN --kind plan`.
