//! The one integration test binary: drives the real `almanac` executable
//! and the library over fixtures, example plans and generated input.

mod build;
mod cli;
mod examples;
mod fixtures;
mod props;
mod schedule;
mod support;
mod when;
