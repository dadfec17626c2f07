//! `almanac completions SHELL` and `almanac man`: shell completions and the
//! man page, generated from the clap definitions in `args.rs` so they never
//! fall behind the commands.

use clap::CommandFactory;

use super::Exit;
use crate::cli::args::CompletionsArgs;
use crate::cli::out;

/// Prints the completion script for `a.shell`, e.g.
/// `almanac completions bash > ~/.local/share/bash-completion/completions/almanac`.
pub fn run(a: &CompletionsArgs) -> Exit {
    let mut cmd = crate::cli::Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "almanac", &mut buf);
    let mut script = String::from_utf8_lossy(&buf).into_owned();
    if a.shell == clap_complete::Shell::Fish {
        script.push_str(&fish_positionals(&cmd));
    }
    out(&script);
    Exit::Clean
}

/// clap's fish script completes the values of options only; these lines
/// add those of positional arguments (the rule codes after `explain`),
/// through the script's own `__fish_almanac_using_subcommand`.
fn fish_positionals(cmd: &clap::Command) -> String {
    let mut lines = String::new();
    for sub in cmd.get_subcommands() {
        for arg in sub.get_positionals() {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() {
                lines.push_str(&format!(
                    "complete -c almanac -n \"__fish_almanac_using_subcommand {}\" -f -a \"{}\"\n",
                    sub.get_name(),
                    values.join(" ")
                ));
            }
        }
    }
    lines
}

/// Prints the man page (roff), e.g. `almanac man > almanac.1`: one page
/// for the whole program, with a section per subcommand (its synopsis,
/// description and options), so that `man almanac` needs no other page.
pub fn man(lang: crate::diagnostics::Lang) -> Exit {
    match man_page() {
        Ok(page) => {
            out(&page);
            Exit::Clean
        }
        Err(e) => {
            crate::cli::fail_in(
                lang.of_run([]),
                &crate::tr!(
                    "无法生成 `man` 手册页：{e}",
                    "cannot render the man page: {e}"
                ),
            );
            Exit::Usage
        }
    }
}

fn man_page() -> std::io::Result<String> {
    let mut cmd = crate::cli::Cli::command().disable_help_subcommand(true);
    cmd.build();
    let page = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    page.render_title(&mut buf)?;
    page.render_name_section(&mut buf)?;
    page.render_synopsis_section(&mut buf)?;
    page.render_description_section(&mut buf)?;
    page.render_options_section(&mut buf)?;
    page.render_subcommands_section(&mut buf)?;
    // The list of subcommands points at their sections below, not at pages
    // `almanac-check(1)` that are not installed.
    let mut text = String::new();
    for line in String::from_utf8_lossy(&buf).lines() {
        match line
            .strip_prefix("almanac\\-")
            .and_then(|l| l.strip_suffix("(1)"))
        {
            Some(name) => text.push_str(&format!("\\fBalmanac {name}\\fR\n")),
            None => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    for sub in cmd.get_subcommands() {
        // A section per subcommand; its own sections become subsections.
        let sub_page = clap_mangen::Man::new(sub.clone());
        let mut sub_buf = Vec::new();
        sub_page.render_synopsis_section(&mut sub_buf)?;
        sub_page.render_description_section(&mut sub_buf)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            sub_page.render_options_section(&mut sub_buf)?;
        }
        text.push_str(&format!(
            ".SH \"ALMANAC {}\"\n",
            sub.get_name().to_uppercase()
        ));
        for line in String::from_utf8_lossy(&sub_buf).lines() {
            match line.strip_prefix(".SH ") {
                Some(rest) => text.push_str(&format!(".SS {rest}\n")),
                None => {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    let mut tail = Vec::new();
    page.render_version_section(&mut tail)?;
    text.push_str(&String::from_utf8_lossy(&tail));
    Ok(text)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every subcommand and every argument says what it is for in `--help`
    /// (clap's own `--help` and `--version` aside).
    #[test]
    fn every_subcommand_and_flag_has_help_text() {
        let cmd = crate::cli::Cli::command();
        let mut missing = Vec::new();
        for sub in cmd.get_subcommands() {
            if sub.get_about().is_none() {
                missing.push(format!("almanac {}", sub.get_name()));
            }
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if !matches!(id, "help" | "version") && arg.get_help().is_none() {
                    missing.push(format!("almanac {} {id}", sub.get_name()));
                }
            }
        }
        assert!(missing.is_empty(), "no help text: {missing:?}");
    }
}
