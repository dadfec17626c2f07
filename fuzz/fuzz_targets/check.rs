//! Fuzzes the whole `check` pipeline on in-memory files (a plan and the
//! fragments it includes, split at `#@file NAME` lines) and renders the
//! diagnostics in every format. The body is `almanac::fuzzing::check`,
//! which `cargo test` also replays on the corpus and on saved crashes.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| almanac::fuzzing::check(data));
