//! A built-in moment that has no date in the plan's year: the lunar
//! festivals come from a table covering 2020–2040. Declare the date yourself
//! under `[moments]` for years outside it.
