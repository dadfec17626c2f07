//! A recurring column would publish more often than any plan can mean — a
//! daily column over a period of many years, say. Expansion stops at a
//! fixed bound (5,000 occurrences per column) instead of running for ever
//! or filling memory; check `every` and `during`.
