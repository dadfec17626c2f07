//! `check --format short|github|sarif`: the machine formats, exactly, with
//! character columns after Chinese text, GitHub's escaping and step summary,
//! and SARIF checked against the official schema.

use std::path::Path;

use crate::support::{Run, Scratch, repo};

/// Runs `almanac args…` in `dir` with no GitHub variables but `env`.
fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = crate::support::almanac()
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("the almanac binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A plan whose error comes after Chinese text on its line (character
/// column 43, byte column 55), and a fragment nobody includes (a warning).
fn chinese_line() -> Scratch {
    Scratch::new()
        .file(
            "plan.toml",
            "[plan]\nname = \"测试\"\nyear = 2026\n\n[moments]\n\
             nianwei = { name = \"年味实验室\", date = \"春节 + 3x\" }\n",
        )
        .file("orphan.toml", "[people.x]\nname = \"某人\"\n")
}

#[test]
fn short_gives_one_line_per_diagnostic_with_character_columns() {
    let s = chinese_line();
    let r = run_env(s.dir.path(), &["check", "--format", "short", "."], &[]);
    assert_eq!(
        r.stdout,
        "orphan.toml:1:1: warning[S009] `orphan.toml` is not a plan, and no plan checked here includes it\n\
         plan.toml:6:43: error[S005] unknown unit `x`\n"
    );
    assert_eq!(r.stderr, "");
    assert_eq!(r.code, 1);
}

#[test]
fn github_gives_workflow_commands_with_character_columns() {
    let s = chinese_line();
    let r = run_env(s.dir.path(), &["check", "--format", "github", "."], &[]);
    assert_eq!(
        r.stdout,
        "::warning file=orphan.toml,line=1,endLine=1,col=1,endColumn=1,title=S009 orphan-fragment::\
         `orphan.toml` is not a plan, and no plan checked here includes it\
         %0Ahelp: include it from a plan with `include = [\"…\"]`, or check the plan that includes it\n\
         ::error file=plan.toml,line=6,endLine=6,col=43,endColumn=44,title=S005 invalid-expression::\
         unknown unit `x`%0Ahelp: did you mean `d`?\n"
    );
    assert_eq!(r.code, 1);
}

#[test]
fn github_escapes_percent_colon_comma_and_newline() {
    // A quoted key may hold any text, and the unknown-key message quotes it
    // (its CR made visible, as every control character in a diagnostic).
    let s = Scratch::new().file(
        "a,b:c.toml",
        "[plan]\nid = \"p\"\nname = \"测试\"\nyear = 2026\n\"年味:1,2%\\r\\ny\" = 1\n",
    );
    let r = run_env(
        s.dir.path(),
        &["check", "--format", "github", "a,b:c.toml"],
        &[],
    );
    let line = r.stdout.lines().next().unwrap_or_default();
    assert!(
        line.starts_with(
            "::error file=a%2Cb%3Ac.toml,line=5,endLine=5,col=1,endColumn=15,title=S003 unknown-key::\
             unknown key `年味:1,2%25\\u{d}%0Ay` in `plan`%0Ahelp: "
        ),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert_eq!(r.code, 1);
}

#[test]
fn github_actions_selects_the_github_format() {
    let s = chinese_line();
    let ci = [("GITHUB_ACTIONS", "true")];
    let r = run_env(s.dir.path(), &["check", "."], &ci);
    assert!(
        r.stdout.starts_with("::warning file=orphan.toml,"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\n::error file=plan.toml,line=6,"),
        "{}",
        r.stdout
    );
    assert_eq!(r.stderr, "checked 1 plan: 1 error, 1 warning\n");
    assert_eq!(r.code, 1);
    // An explicit `--format` wins; outside GitHub Actions the default is human.
    let r = run_env(s.dir.path(), &["check", "--format", "short", "."], &ci);
    assert!(r.stdout.starts_with("orphan.toml:1:1: "), "{}", r.stdout);
    let r = run_env(
        s.dir.path(),
        &["check", "."],
        &[("GITHUB_ACTIONS", "false")],
    );
    assert_eq!(r.stdout, "");
    assert!(r.stderr.starts_with("warning[S009]"), "{}", r.stderr);
}

#[test]
fn the_step_summary_lists_every_diagnostic_after_what_was_there() {
    // Twelve unknown keys: more errors than GitHub annotates.
    let mut plan = String::from("[plan]\nname = \"测试\"\nyear = 2026\n\"a|b\" = 1\n");
    for i in 1..=11 {
        plan.push_str(&format!("k{i:02} = 1\n"));
    }
    let s = Scratch::new().file("p.toml", plan);
    let summary = s.dir.path().join("summary.md");
    std::fs::write(&summary, "## Earlier step\n\nkept").expect("write");
    let env = [
        ("GITHUB_ACTIONS", "true"),
        ("GITHUB_STEP_SUMMARY", summary.to_str().expect("utf-8 path")),
    ];
    let r = run_env(s.dir.path(), &["check", "p.toml"], &env);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.lines().count(), 12, "{}", r.stdout);
    let text = std::fs::read_to_string(&summary).expect("summary written");
    assert!(
        text.starts_with(
            "## Earlier step\n\nkept\n### almanac: 12 errors, 0 warnings in 1 plan\n\n\
             GitHub annotates at most 10 errors and 10 warnings; every diagnostic is listed here.\n\n\
             | file:line | code | severity | message |\n|---|---|---|---|\n\
             | p.toml:4 | S003 unknown-key | error | unknown key `a\\|b` in `plan` |\n\
             | p.toml:5 | S003 unknown-key | error | unknown key `k01` in `plan` |\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "| p.toml:15 | S003 unknown-key | error | unknown key `k11` in `plan` |\n\n"
        ),
        "{text}"
    );
    assert_eq!(text.matches("| S003 unknown-key | error |").count(), 12);
    // A second step appends again.
    run_env(s.dir.path(), &["check", "p.toml"], &env);
    let again = std::fs::read_to_string(&summary).expect("summary written");
    assert!(again.starts_with(&text), "{again}");
    assert_eq!(again.matches("### almanac: 12 errors").count(), 2);
}

/// A plan with several diagnostics: one after Chinese text, one with
/// secondary labels in the same file, one whose secondary label is in
/// another file, and a warning.
fn several() -> Scratch {
    Scratch::new()
        .file(
            "plans/plan.toml",
            "include = [\"shared/team.toml\"]\n\n[plan]\nname = \"测试\"\nyear = 2026\n\n\
             [people.editor]\nname = \"内容编辑\"\n\n[moments]\n\
             nianwei = { name = \"年味实验室\", date = \"春节 + 3x\" }\n\n\
             [budget]\ntotal = \"¥5M\"\nads = \"65%\"\nkol = \"30%\"\ntools = \"10%\"\n",
        )
        .file(
            "plans/shared/team.toml",
            "[people.editor]\nname = \"编辑\"\n",
        )
        .file("plans/orphan.toml", "[people.x]\nname = \"某人\"\n")
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let s = several();
    let r = run_env(s.dir.path(), &["check", "--format", "sarif", "plans"], &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("SARIF is JSON");

    let schema_text = std::fs::read_to_string(repo().join("tests/data/sarif-schema-2.1.0.json"))
        .expect("the schema is in the repository");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject what is not SARIF.
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));

    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "almanac");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), almanac::diagnostics::codes::ALL.len());

    let results = run["results"].as_array().expect("results");
    let codes: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(codes, ["S009", "S005", "B001", "R002"]);
    for res in results {
        let index = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], res["ruleId"]);
        let fp = res["partialFingerprints"]["almanacLineHash/v1"]
            .as_str()
            .expect("fingerprint");
        assert_eq!(fp.len(), 18, "{fp}");
    }
    assert_eq!(results[0]["level"], "warning");
    assert_eq!(results[1]["level"], "error");

    // The column counts characters after the Chinese name.
    let loc = &results[1]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "plans/plan.toml");
    assert_eq!(
        loc["region"],
        serde_json::json!({"startLine": 11, "startColumn": 43, "endLine": 11, "endColumn": 44})
    );

    // The duplicate is reported in the team file and points back at the plan.
    let dup = &results[3];
    assert_eq!(
        dup["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "plans/shared/team.toml"
    );
    let related = &dup["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "plans/plan.toml"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 7);
    assert_eq!(related["message"]["text"], "first declared here");
    assert_eq!(
        results[2]["relatedLocations"].as_array().map(Vec::len),
        Some(2)
    );

    // Deterministic: the same bytes every run.
    let again = run_env(s.dir.path(), &["check", "--format", "sarif", "plans"], &[]);
    assert_eq!(again.stdout, r.stdout);
}

#[test]
fn sarif_fingerprints_follow_the_line_not_its_number() {
    let s = several();
    let before = run_env(s.dir.path(), &["check", "--format", "sarif", "plans"], &[]);
    let plan = std::fs::read_to_string(s.dir.path().join("plans/plan.toml")).expect("read");
    std::fs::write(
        s.dir.path().join("plans/plan.toml"),
        format!("# a comment moves every line down\n{plan}"),
    )
    .expect("write");
    let after = run_env(s.dir.path(), &["check", "--format", "sarif", "plans"], &[]);
    let prints = |r: &Run| -> Vec<String> {
        let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
        doc["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["partialFingerprints"].to_string())
            .collect()
    };
    assert_eq!(prints(&before), prints(&after));
    assert_ne!(before.stdout, after.stdout);
}

#[test]
fn build_prints_diagnostics_in_the_chosen_format() {
    let s = chinese_line();
    let r = run_env(
        s.dir.path(),
        &["build", "--format", "short", "plan.toml", "-o", "out"],
        &[],
    );
    assert_eq!(r.stdout, "plan.toml:6:43: error[S005] unknown unit `x`\n");
    assert_eq!(r.code, 1);
    assert!(!s.dir.path().join("out").exists());
}
