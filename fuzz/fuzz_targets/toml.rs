//! Fuzzes the TOML reader, the first code to touch a stranger's file:
//! bytes to text, our own TOML parser's tree and the schema reader's
//! `RawFile`, with every span checked. The body is
//! `almanac::fuzzing::toml`, which `cargo test` also replays on the corpus
//! and on saved crashes.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| almanac::fuzzing::toml(data));
