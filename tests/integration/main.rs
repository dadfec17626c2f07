//! The one integration test binary: drives the real `almanac` executable
//! and the library over fixtures, example plans and generated input.

// Tests set up real folders and files for the executable to read, so they
// use the file system directly where the library may not.
#![allow(clippy::disallowed_methods)]

mod actuals;
mod build;
mod cascades;
mod cli;
mod copy;
mod diff;
mod edges;
mod examples;
mod fixtures;
mod fmt;
mod formats;
mod fuzz_replay;
mod init;
mod lsp;
mod mermaid;
mod outputs_safety;
mod props;
mod schedule;
mod schema;
mod serve;
mod slides;
mod support;
mod untrusted;
mod when;
