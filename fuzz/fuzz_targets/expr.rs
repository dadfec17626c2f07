//! Fuzzes the expression language inside plan strings: every parser entry
//! point, then `almanac when` evaluating the text on the built-in calendar.
//! The body is `almanac::fuzzing::expr`, which `cargo test` also replays on
//! the corpus and on saved crashes.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| almanac::fuzzing::expr(data));
