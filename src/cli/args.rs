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
    /// The language of messages: diagnostics, explanations, errors
    /// [default: the plan's `locale`, else LC_ALL/LC_MESSAGES/LANG, else en].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LocaleArg>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check plans against the plan format and the rules; report every problem.
    Check(CheckArgs),
    /// Print the documentation of a rule (`almanac explain B001`).
    Explain(ExplainArgs),
    /// List every rule with its code, name and default severity.
    Rules(RulesArgs),
    /// Evaluate a date, range or recurrence on a plan's calendar.
    When(WhenArgs),
    /// Check drafts (Markdown, text) for terms China's advertising law
    /// forbids, as `check` does for a plan's published text (L001).
    Copy(CopyArgs),
    /// Check plans, then write their calendar, task lists, resolved plan and
    /// slide decks (into out/<plan-id>/; nothing when a plan has errors).
    Build(BuildArgs),
    /// Compile the slide deck: a plan's, a review of its actuals, or the
    /// year-end deck (last year's review and next year's plan).
    Slides(SlidesArgs),
    /// Write the built-in templates into a folder, to change them.
    Templates(TemplatesArgs),
    /// What changed in meaning between two versions of a plan (or, with
    /// `--git`, every plan of a folder since a revision).
    Diff(DiffArgs),
    /// Lay plan files out canonically, keeping every comment.
    Fmt(FmtArgs),
    /// Print the plan format's JSON Schema (draft-07), for editors.
    Schema(SchemaArgs),
    /// Write a commented starter plan.
    Init(InitArgs),
    /// Last year's results from the platforms' exports: `actuals import`.
    Actuals(ActualsArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Serve editors over the Language Server Protocol on stdin and stdout
    /// (diagnostics as you type, hover); see docs/editors.md.
    Lsp,
    /// Build the plans in memory and serve them on a local web page that
    /// refreshes on every save (errors shown over the last good build); see
    /// docs/serve.md.
    Serve(ServeArgs),
    /// Rebuild the plans into the output folder on every save, printing
    /// diagnostics as `build` does.
    Watch(WatchArgs),
    /// Print the man page (roff).
    Man,
}

/// Where a command that reads plans may read, and how it shows what it finds.
#[derive(Debug, Args)]
pub struct ProjectArgs {
    /// Colour in diagnostics [auto: on a terminal, unless NO_COLOR is set].
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Print errors only: no warnings, no summary or progress lines (the
    /// exit code is the same).
    #[arg(short, long)]
    pub quiet: bool,
    /// The project folder: files are read only inside it [default: the
    /// nearest folder above each plan that holds `.git`, else the plan's folder].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ActualsArgs {
    #[command(subcommand)]
    pub command: ActualsCommand,
}

#[derive(Debug, Subcommand)]
pub enum ActualsCommand {
    /// Read exports (CSV in UTF-8 or GBK, .xlsx, .xls) through a mapping
    /// and write the values into the plan (KPI actuals, budget lines'
    /// spent, campaign and column results); nothing is written on error.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
#[command(override_usage = "almanac actuals import [OPTIONS] --map <MAP.toml> <FILE>... <PLAN>")]
pub struct ImportArgs {
    /// The exports, all read with the one mapping (their rows add up),
    /// then last the plan file that receives the values.
    #[arg(required = true, value_name = "FILE… PLAN")]
    pub paths: Vec<PathBuf>,
    /// The mapping: which column is which value, how rows add up and how
    /// campaign names match (see docs/actuals.md).
    #[arg(long, value_name = "MAP.toml")]
    pub map: PathBuf,
    /// Write nothing; show what would change in the plan, as `almanac diff` does.
    #[arg(long)]
    pub dry_run: bool,
    /// How diagnostics are printed [default: github inside GitHub Actions, else human].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Debug, Args)]
pub struct SlidesArgs {
    /// One plan, or last year's and next year's plan for the year-end deck.
    #[arg(required = true)]
    pub plans: Vec<PathBuf>,
    /// The folder that receives one folder per deck (`<dir>/<plan-id>/deck.html`).
    #[arg(short, long, default_value = "out")]
    pub out: PathBuf,
    /// Which files: html, pptx, deck-json (comma-separated) [default: html,pptx].
    #[arg(
        long,
        value_delimiter = ',',
        value_parser = Suggested(|| DECK_OUTPUTS.to_vec()),
        hide_possible_values = true
    )]
    pub format: Vec<String>,
    /// Which deck [default: year-end when the plan names its `previous`
    /// plan, review when it has actuals, else plan].
    #[arg(long, value_enum, default_value_t = DeckKindArg::Auto)]
    pub kind: DeckKindArg,
    /// A folder of templates (deck.html.j2, brand.toml, …) that replace the built-in ones.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// The deck's language (default: the plan's `locale`).
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DeckKindArg {
    Auto,
    Plan,
    Review,
    YearEnd,
}

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// The folder to write them into (created if missing).
    #[arg(default_value = "templates")]
    pub dir: PathBuf,
    /// Replace files that are already there.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old plan and the new one; with `--git REV`, plans or folders of
    /// plans, each compared with its version at REV.
    #[arg(required = true, value_name = "PLAN")]
    pub paths: Vec<PathBuf>,
    /// Compare each PLAN (every plan below a folder) with its version at
    /// this git revision.
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// Exit with 1 when anything differs.
    #[arg(long)]
    pub exit_code: bool,
    /// Colour in the diagnostics of a side with errors [auto: on a terminal,
    /// unless NO_COLOR is set].
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// After the Markdown, a Mermaid gantt chart of the campaigns whose
    /// dates changed, that were added or removed (none when no campaign's
    /// dates changed).
    #[arg(long)]
    pub mermaid: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or directories (every `.toml` file below); default: the current directory.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Change nothing; exit with 1 and show the difference when a file would change.
    #[arg(long)]
    pub check: bool,
    /// Format the text on standard input and print it (for editors); with
    /// a TOML error, print nothing and exit with 1.
    #[arg(long, conflicts_with = "paths")]
    pub stdin: bool,
    /// The file name to show in diagnostics for `--stdin`.
    #[arg(
        long,
        requires = "stdin",
        value_name = "PATH",
        default_value = "<stdin>"
    )]
    pub stdin_filename: PathBuf,
    /// Colour in diagnostics and in the `--check` difference [auto: on a
    /// terminal, unless NO_COLOR is set].
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the plan in (default: the current directory).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The starter plan's language.
    #[arg(long, value_enum, default_value_t = LocaleArg::ZhCn)]
    pub locale: LocaleArg,
    /// The year to plan [default: next year from October on, else this year].
    #[arg(long, value_parser = clap::value_parser!(i32).range(1900..=2200))]
    pub year: Option<i32>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Plan files or directories.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The folder that receives one folder per plan.
    #[arg(short, long, default_value = "out")]
    pub out: PathBuf,
    /// Only these outputs: calendar, markdown, csv, json, plan, tasks,
    /// timeline, html, pptx, slides, deck-json, mermaid (comma-separated)
    /// [default: all but deck-json and mermaid].
    #[arg(
        long,
        value_delimiter = ',',
        value_parser = Suggested(|| BUILD_OUTPUTS.to_vec()),
        hide_possible_values = true
    )]
    pub only: Vec<String>,
    /// One calendar per channel or per owner instead of one for everything.
    #[arg(long, value_enum)]
    pub split: Option<SplitArg>,
    /// Labels and dates in this language (default: the plan's `locale`).
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
    /// Write the CSV without a UTF-8 byte-order mark.
    #[arg(long)]
    pub no_bom: bool,
    /// A folder of templates that replace the built-in ones, file by file.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when there are warnings, too (outputs are still written).
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Plan files or directories (the plans found in a directory when the
    /// server starts).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The port to listen on (0: any free port; the URL is printed).
    #[arg(long, default_value_t = 4707)]
    pub port: u16,
    /// The address to listen on, and the one more name the `Host` header
    /// may give [default: 127.0.0.1, loopback only].
    #[arg(long, value_name = "HOST")]
    pub host: Option<String>,
    /// Open the index in the browser.
    #[arg(long)]
    pub open: bool,
    /// A folder of templates that replace the built-in ones, file by file
    /// (watched too).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Labels and dates in this language (default: the plan's `locale`).
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Plan files or directories (the plans found in a directory when
    /// watching starts).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The folder that receives one folder per plan.
    #[arg(short, long, default_value = "out")]
    pub out: PathBuf,
    /// A folder of templates that replace the built-in ones, file by file
    /// (watched too).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Labels and dates in this language (default: the plan's `locale`).
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    Channel,
    Owner,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LocaleArg {
    #[value(name = "zh-CN", alias = "zh")]
    ZhCn,
    En,
}

impl LocaleArg {
    pub fn locale(self) -> crate::locale::Locale {
        match self {
            LocaleArg::ZhCn => crate::locale::Locale::ZhCn,
            LocaleArg::En => crate::locale::Locale::En,
        }
    }
}

#[derive(Debug, Args)]
pub struct WhenArgs {
    /// `spring_festival - 7d`, `Q3`, `every wed except holidays`, …
    pub expr: String,
    /// The plan whose calendar, year and moments to use (default: China's
    /// official calendar in the current year).
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// List every occurrence of a recurrence, not only the first ten.
    #[arg(long)]
    pub all: bool,
    /// `text` for people, `json` (every occurrence, each day's status) for tools.
    #[arg(long, value_enum, default_value_t = WhenFormat::Text)]
    pub format: WhenFormat,
    /// Colour in error messages.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum WhenFormat {
    /// Lines for people.
    Text,
    /// Versioned JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Plan files, fragments or directories (every `.toml` file below).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// How to print diagnostics [default: human; github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Exit with 1 when there are warnings, too.
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// Draft files: Markdown or plain text, UTF-8.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// A plan whose `[rules.absolute-term]` terms and exemptions apply, and
    /// whose `locale` the messages follow.
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// How to print diagnostics [default: human; github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Exit with 1 when a term is found (terms are warnings).
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: source lines with the problem underlined (on stderr).
    Human,
    /// One line per diagnostic: `path:line:col: severity[CODE] message` (on stdout).
    Short,
    /// Versioned JSON on stdout (see docs/diagnostics.md).
    Json,
    /// GitHub Actions workflow annotations (chosen when GITHUB_ACTIONS=true).
    Github,
    /// SARIF 2.1.0 on stdout, for code-scanning tools.
    Sarif,
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
    #[arg(value_parser = Suggested(rule_words), hide_possible_values = true)]
    pub code: String,
}

/// A value the command checks itself (with its own did-you-mean), whose
/// likely values shell completion offers: rule codes after `explain`,
/// output names after `--only`.
#[derive(Clone)]
pub struct Suggested(fn() -> Vec<&'static str>);

impl clap::builder::TypedValueParser for Suggested {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.0)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// Every rule's code and name.
fn rule_words() -> Vec<&'static str> {
    let rules = crate::diagnostics::codes::ALL;
    rules
        .iter()
        .map(|r| r.code)
        .chain(rules.iter().map(|r| r.name))
        .collect()
}

/// What `build --only` can name.
pub const BUILD_OUTPUTS: &[&str] = &[
    "calendar",
    "markdown",
    "csv",
    "json",
    "plan",
    "tasks",
    "timeline",
    "html",
    "pptx",
    "slides",
    "deck-json",
    "mermaid",
];

/// What `slides --format` can name.
pub const DECK_OUTPUTS: &[&str] = &["html", "pptx", "deck-json"];

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}
