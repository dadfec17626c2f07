//! A required key is missing: a plan needs a `year` or a `period`, a
//! campaign needs a `window`, a column needs `every`, a moment needs a
//! `date`, a budget line needs an amount or a share (or sub-lines).
