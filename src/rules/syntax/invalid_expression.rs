//! A string that should hold a date, range, duration, recurrence, amount,
//! share or assertion, but cannot be read as one. The underline points at the
//! first character that does not fit; `grammar/GRAMMAR.md` lists what each key
//! accepts. Full-width characters typed by an input method (`６０％`) are
//! shown with their ASCII spelling (`60%`).
//!
//! ```toml
//! window = "spring_festival - 7 days..+2"   # `+2` needs a unit: `+2d`
//! ```
