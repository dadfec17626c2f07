//! `almanac init`, `almanac completions` and `almanac man`.

use crate::support::{Scratch, run_in};

/// `init` then `check` in a fresh folder: a clean plan in each locale.
#[test]
fn init_writes_a_starter_that_checks_clean() {
    for locale in ["zh-CN", "en"] {
        let s = Scratch::new();
        let r = s.run(&["init", "starter", "--locale", locale, "--year", "2026"]);
        assert_eq!(r.code, 0, "{locale}: {}", r.stderr);
        assert!(r.stdout.contains("plan.toml"), "{}", r.stdout);
        let text =
            std::fs::read_to_string(s.dir.path().join("starter/plan.toml")).expect("written");
        let c = s.run(&["check", "starter/plan.toml", "--format", "json"]);
        assert_eq!(c.code, 0, "{locale}: {}{}", c.stdout, c.stderr);
        let json: serde_json::Value = serde_json::from_str(&c.stdout).expect("JSON");
        assert_eq!(json["diagnostics"], serde_json::json!([]), "{locale}");
        let human = s.run(&["check", "starter/plan.toml"]);
        assert_eq!(human.code, 0);
        let clean = if locale == "en" {
            "0 errors, 0 warnings"
        } else {
            "0 个错误，0 个警告"
        };
        assert!(human.stderr.contains(clean), "{}", human.stderr);
        // It teaches the format: every section the brief asks for.
        for section in [
            "[plan]",
            "[people.",
            "[channels.",
            "[budget]",
            "[campaigns.",
            ".tasks.",
            "[columns.",
            "[moments.",
            "[review.levels.",
            "[reserve]",
            "[kpis.",
        ] {
            assert!(text.contains(section), "{locale}: no {section}");
        }
        assert!(text.contains("share = "), "{locale}: no shares");
    }
}

/// Planning next year before its official schedule is built in: the
/// Chinese starter checks with one D004 per statutory holiday on a workday
/// and nothing else, and says how to declare them.
#[test]
fn init_for_next_year_names_the_holidays_to_declare() {
    let s = Scratch::new();
    let r = s.run(&["init", "--year", "2027"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(s.dir.path().join("plan.toml")).expect("written");
    assert!(text.starts_with("#:schema ./plan.schema.json\n"), "{text}");
    assert!(text.contains("year = 2027"));
    assert!(
        text.contains("almanac 还没有内置 2027 年的官方放假安排"),
        "{text}"
    );
    assert!(s.dir.path().join("plan.schema.json").is_file());
    let c = s.run(&["check", "plan.toml", "--format", "json"]);
    assert_eq!(c.code, 0, "{}", c.stderr);
    let json: serde_json::Value = serde_json::from_str(&c.stdout).expect("JSON");
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(codes, ["D004"; 6], "{json}");
    // A year out of range is a usage error.
    assert_eq!(s.run(&["init", "other", "--year", "1800"]).code, 2);
}

#[test]
fn the_english_starter_is_commented_in_english() {
    let s = Scratch::new();
    assert_eq!(s.run(&["init", "--locale", "en"]).code, 0);
    let text = std::fs::read_to_string(s.dir.path().join("plan.toml")).expect("written");
    let comments: String = text
        .lines()
        .filter_map(|l| l.split_once('#').map(|(_, c)| c))
        .collect();
    assert!(!comments.is_empty());
    assert!(
        !comments
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "Chinese in the English comments: {comments}"
    );
    assert!(text.contains("locale = \"en\""));

    let zh = Scratch::new();
    assert_eq!(zh.run(&["init"]).code, 0);
    let text = std::fs::read_to_string(zh.dir.path().join("plan.toml")).expect("written");
    assert!(text.contains("locale = \"zh-CN\""));
    assert!(text.contains("# ---- 团队"), "{text}");
}

#[test]
fn init_refuses_to_overwrite() {
    let s = Scratch::new().file("plan.toml", "# mine\n");
    let r = s.run(&["init"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    let text = std::fs::read_to_string(s.dir.path().join("plan.toml")).expect("kept");
    assert_eq!(text, "# mine\n");
}

#[test]
fn completions_come_from_the_command_definitions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_in(dir.path(), &["completions", "bash"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for word in ["almanac", "check", "build", "explain", "--format"] {
        assert!(r.stdout.contains(word), "no `{word}` in bash completions");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let r = run_in(dir.path(), &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("check"), "{shell}");
    }
    assert_eq!(run_in(dir.path(), &["completions", "tcsh"]).code, 2);
}

#[test]
fn the_man_page_lists_the_subcommands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_in(dir.path(), &["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with(".ie") || r.stdout.starts_with(".TH"));
    assert!(r.stdout.contains(".TH almanac 1"), "{}", r.stdout);
    // Options of the subcommands are documented too.
    assert!(r.stdout.contains("\\-\\-deny\\-warnings"), "{}", r.stdout);
    for sub in [
        "check",
        "explain",
        "rules",
        "when",
        "build",
        "diff",
        "fmt",
        "schema",
        "init",
        "completions",
        "man",
    ] {
        assert!(
            r.stdout
                .contains(&format!(".SH \"ALMANAC {}\"", sub.to_uppercase())),
            "no section for `{sub}` in the man page"
        );
        assert!(
            r.stdout.contains(&format!("\\fBalmanac {sub}\\fR")),
            "`{sub}` is not listed in the man page"
        );
    }
}

/// What bash offers after `words` (the cursor at the end of the last one),
/// from the completion script sourced into a real bash.
fn bash_offers(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\nCOMP_POINT=${{#COMP_LINE}}\n_almanac almanac \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words.len() - 1
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Sourced into bash, the completions offer rule codes after `explain`,
/// output names after `build --only` and `slides --format`, and every
/// subcommand.
#[test]
fn bash_completes_rule_codes_and_output_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_in(dir.path(), &["completions", "bash"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let script = dir.path().join("almanac.bash");
    std::fs::write(&script, &r.stdout).expect("write");
    let codes = bash_offers(&script, &["almanac", "explain", "B00"]);
    assert!(codes.contains(&"B001".to_string()), "{codes:?}");
    assert!(codes.iter().all(|c| c.starts_with("B00")), "{codes:?}");
    let names = bash_offers(&script, &["almanac", "explain", "budget-"]);
    assert!(names.contains(&"budget-shares".to_string()), "{names:?}");
    let outputs = bash_offers(&script, &["almanac", "build", "--only", "c"]);
    assert_eq!(outputs, ["calendar", "csv"]);
    let decks = bash_offers(
        &script,
        &["almanac", "slides", "plan.toml", "--format", "d"],
    );
    assert_eq!(decks, ["deck-json"]);
    let commands = bash_offers(&script, &["almanac", "l"]);
    assert!(commands.contains(&"lsp".to_string()), "{commands:?}");
}
