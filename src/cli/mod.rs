//! The command line: parses arguments (clap), calls the library, prints.
//! This is the only module that writes to stdout or stderr. Every command
//! ends with an [`Exit`]. A closed pipe (`almanac rules | head`) ends the
//! program quietly.

mod actuals;
mod args;
mod build;
mod check;
mod completions;
mod copy;
mod diff;
mod explain;
mod fmt;
mod init;
mod rules;
mod schema;
mod serve;
mod templates;
mod when;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command};

use crate::diagnostics::Lang;
use crate::locale::{Locale, Msg};
use crate::world::OsWorld;

/// Runs the program with the process's arguments.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let exit = if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Clean
            };
            let _ = e.print();
            return exit.into();
        }
    };
    let world = OsWorld;
    let lang = Lang::new(&world, cli.lang.map(args::LocaleArg::locale));

    let exit = match cli.command {
        Command::Check(a) => check::run(&world, &a, lang),
        Command::Explain(a) => explain::run(&a, lang),
        Command::Rules(a) => rules::run(&a, lang),
        Command::When(a) => when::run(&world, &a, lang),
        Command::Copy(a) => copy::run(&world, &a, lang),
        Command::Build(a) => build::run(&world, &a, lang),
        Command::Slides(a) => build::slides(&world, &a, lang),
        Command::Templates(a) => templates::run(&world, &a, lang),
        Command::Diff(a) => diff::run(&world, &a, lang),
        Command::Fmt(a) => fmt::run(&world, &a, lang),
        Command::Schema(a) => schema::run(&a),
        Command::Init(a) => init::run(&world, &a, lang),
        Command::Actuals(a) => actuals::run(&world, &a, lang),
        Command::Completions(a) => completions::run(&a),
        Command::Man => completions::man(lang),
        Command::Serve(a) => serve::serve(&world, &a, lang),
        Command::Watch(a) => serve::watch(&world, &a, lang),
        Command::Lsp => match crate::lsp::run_stdio(&world) {
            Ok(()) => Exit::Clean,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "error: {e}");
                Exit::Usage
            }
        },
    };
    exit.into()
}

/// How a command ended: the process's exit status. Ordered by gravity, so
/// a command that meets several outcomes ends with the worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: done, nothing to report.
    Clean,
    /// 1: a plan has errors (or warnings under `--deny-warnings`), `fmt
    /// --check` found a file to format, or `diff --exit-code` found
    /// changes.
    Problems,
    /// 2: a path that cannot be read, or a misused command.
    Usage,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(match e {
            Exit::Clean => 0,
            Exit::Problems => 1,
            Exit::Usage => 2,
        })
    }
}

/// Writes to stdout; a closed pipe is not an error worth reporting.
pub(crate) fn out(text: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(text.as_bytes());
    let _ = o.flush();
}

pub(crate) fn err(text: &str) {
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(text.as_bytes());
    let _ = e.flush();
}

/// An operational error on stderr in `l` (`错误：…`, `error: …`): its
/// text, which can name paths from a pull request, shown as diagnostics
/// show plan text. `l` is `lang.of_run([])` before any plan is read, else
/// `Checked::run_locale`.
pub(crate) fn fail_in(l: Locale, m: &Msg) {
    say(l, crate::diagnostics::Severity::Error, m);
}

/// A warning about the run itself (not about a plan) on stderr.
pub(crate) fn warn_in(l: Locale, m: &Msg) {
    say(l, crate::diagnostics::Severity::Warning, m);
}

fn say(l: Locale, severity: crate::diagnostics::Severity, m: &Msg) {
    let text = crate::text::for_display(m.get(l));
    let word = severity.word(l);
    err(&match l {
        Locale::ZhCn => format!("{word}：{text}\n"),
        Locale::En => format!("{word}: {text}\n"),
    });
}

/// Whether what goes to `stream` (stdout or stderr) is coloured: the one
/// place that decides. `--color always` and `never` are obeyed; `auto` is
/// anstream's decision for that stream: colour on a terminal whose `TERM`
/// is set and not `dumb`, none with `NO_COLOR` or `CLICOLOR=0`, and colour
/// even into a pipe with `CLICOLOR_FORCE` (which `NO_COLOR` outranks).
pub(crate) fn use_color(choice: args::Color, stream: &impl anstream::stream::RawStream) -> bool {
    match choice {
        args::Color::Always => true,
        args::Color::Never => false,
        args::Color::Auto => anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never,
    }
}
