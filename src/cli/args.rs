//! The command-line interface as data: every subcommand and flag, from which
//! clap derives parsing and `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// almanac: a compiler for annual campaign plans written in TOML.
#[derive(Debug, Parser)]
#[command(name = "almanac", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check plans against the plan format and the rules; report every problem.
    Check(CheckArgs),
    /// Print the documentation of a rule (`almanac explain B001`).
    Explain(ExplainArgs),
    /// List every rule with its code, name and default severity.
    Rules(RulesArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Plan files, fragments or directories (every `.toml` file below).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when there are warnings, too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Colour in the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: source lines with the problem underlined (on stderr).
    Human,
    /// Versioned JSON on stdout (see docs/diagnostics.md).
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (`B001`) or name (`budget-shares`).
    pub code: String,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}
