//! The command line as a user meets it: bad input of every kind gets a
//! located diagnostic and the right exit code, never a panic.

use crate::support::{Scratch, repo, run_in};

const PLAN_HEAD: &str = "[plan]\nname = \"测试\"\nyear = 2026\n";

fn plan(body: &str) -> String {
    format!("{PLAN_HEAD}{body}")
}

#[test]
fn toml_syntax_error_is_located() {
    let s = Scratch::new().file("p.toml", plan("[budget]\ntotal = \"¥5M\nads = \"60%\"\n"));
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with("error[S001]: invalid TOML"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--> p.toml:5:"), "{}", r.stderr);
}

#[test]
fn wrong_value_type() {
    let s = Scratch::new().file(
        "p.toml",
        plan("[channels.wechat]\nslots_per_week = \"7\"\n"),
    );
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(
        r.stderr,
        "error[S004]: `channels.wechat.slots_per_week` should be an integer, not a string\n \
         --> p.toml:5:18\n  |\n5 | slots_per_week = \"7\"\n  |                  ^^^ a string\n  \
         = help: write the number without quotes: `7`\n\n\
         checked 1 plan: 1 error, 0 warnings\n"
    );
    assert_eq!(r.code, 1);
}

#[test]
fn unknown_key_suggests_the_closest() {
    let s = Scratch::new().file("p.toml", plan("[channels.wechat]\nslots_per_wek = 7\n"));
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(
        r.stderr,
        "error[S003]: unknown key `slots_per_wek` in `channels.wechat`\n \
         --> p.toml:5:1\n  |\n5 | slots_per_wek = 7\n  | ^^^^^^^^^^^^^ not a key of this table\n  \
         = help: did you mean `slots_per_week`?\n\nchecked 1 plan: 1 error, 0 warnings\n"
    );
    assert_eq!(r.code, 1);
}

#[test]
fn malformed_expression_points_at_the_character_after_chinese_text() {
    let s = Scratch::new().file("p.toml", plan("[moments.x]\ndate = \"春节 + 3x\"\n"));
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert!(lines[0].starts_with("error[S005]:"), "{}", r.stderr);
    // Character column 15; display column 17 (each CJK character is two wide).
    assert_eq!(lines[1], " --> p.toml:5:15");
    assert_eq!(lines[3], "5 | date = \"春节 + 3x\"");
    let caret = lines[4].find('^').expect("caret");
    assert_eq!(caret, "5 | ".len() + 16);
}

#[test]
fn escaped_string_maps_back_to_the_file() {
    let s = Scratch::new().file(
        "p.toml",
        plan("[moments.x]\ndate = \"\\u6625\\u8282..\\t~\"\n"),
    );
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error[S005]"), "{}", r.stderr);
    // `~` is at character 25 of the line in the file, after the escapes.
    assert!(r.stderr.contains("--> p.toml:5:25"), "{}", r.stderr);
}

#[test]
fn empty_file() {
    let s = Scratch::new().file("p.toml", "");
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("error[S008]: file is empty\n --> p.toml:1:1"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("almanac init"), "{}", r.stderr);
}

#[test]
fn gbk_file_is_not_utf8() {
    let mut bytes = plan("").into_bytes();
    bytes.truncate(PLAN_HEAD.find("测试").expect("name"));
    bytes.extend_from_slice(&[0xB2, 0xE2, 0xCA, 0xD4]); // 测试 in GBK
    bytes.extend_from_slice(b"\"\nyear = 2026\n");
    let s = Scratch::new().file("p.toml", bytes);
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("error[S002]: file is not valid UTF-8\n --> p.toml:2:9"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("GBK"), "{}", r.stderr);
}

#[test]
fn binary_file() {
    let s = Scratch::new().file("p.toml", [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0]);
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("error[S002]: this is a binary file, not a plan"),
        "{}",
        r.stderr
    );
}

#[test]
fn missing_file_is_a_usage_error() {
    let s = Scratch::new();
    let r = s.run(&["check", "nope.toml"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "error: cannot read `nope.toml`: no such file\n")
    );
}

#[test]
fn directory_without_plans_is_a_usage_error() {
    let s = Scratch::new().file("d/readme.txt", "hello");
    let r = s.run(&["check", "d"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: no plans in `d`: no `.toml` file there has a `[plan]` table\n"
    );
}

#[test]
fn include_cycle_shows_the_chain() {
    let s = Scratch::new()
        .file("p.toml", format!("include = [\"a.toml\"]\n{PLAN_HEAD}"))
        .file("a.toml", "include = [\"b.toml\"]\n")
        .file("b.toml", "include = [\"a.toml\"]\n");
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("error[R003]: include cycle: a.toml → b.toml → a.toml\n --> b.toml:1:12"),
        "{}",
        r.stderr
    );
}

#[test]
fn money_too_large() {
    let s = Scratch::new().file(
        "p.toml",
        plan("[budget]\ntotal = \"¥99999999999999999999999\"\n"),
    );
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("too large"), "{}", r.stderr);
    assert!(r.stderr.contains("--> p.toml:5:"), "{}", r.stderr);
}

#[test]
fn share_above_100_percent() {
    let s = Scratch::new().file(
        "p.toml",
        plan("[budget]\ntotal = \"¥5M\"\nads = \"150%\"\n"),
    );
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("error[S006]: `150%` is not a share\n --> p.toml:6:8"),
        "{}",
        r.stderr
    );
}

#[test]
fn impossible_date() {
    let s = Scratch::new().file("p.toml", plan("[moments.x]\ndate = \"2026-02-30\"\n"));
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("error[S006]: `2026-02-30` is not a date\n --> p.toml:5:9"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("February 2026 has 28 days"),
        "{}",
        r.stderr
    );
}

#[test]
fn bom_and_crlf_check_clean() {
    let text = format!(
        "\u{feff}{}",
        plan("[budget]\ntotal = \"¥5M\"\nads = \"60%\"\nkol = \"40%\"\n").replace('\n', "\r\n")
    );
    let s = Scratch::new().file("p.toml", text);
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, "checked 1 plan: 0 errors, 0 warnings\n")
    );
}

#[test]
fn full_width_share_gets_the_ascii_spelling() {
    let s = Scratch::new().file(
        "p.toml",
        plan("[budget]\ntotal = \"¥5M\"\nads = \"６０％\"\n"),
    );
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error[S005]"), "{}", r.stderr);
    assert!(r.stderr.contains("--> p.toml:6:8"), "{}", r.stderr);
    assert!(r.stderr.contains("`60%`"), "{}", r.stderr);
}

#[test]
fn full_width_space_before_equals() {
    let s = Scratch::new().file("p.toml", plan("theme\u{3000}= \"品质生活\"\n"));
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with(
            "error[S001]: full-width character `\u{3000}` in TOML syntax\n --> p.toml:4:6"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: write `theme = \"品质生活\"`"),
        "{}",
        r.stderr
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let s = Scratch::new().file(
        "p.toml",
        plan("[channels.wechat]\nslots_per_wek = 7\n\n[campaigns.x]\nwindow = \"Q5\"\nowner = \"nobody\"\n"),
    );
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1);
    let codes: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("error["))
        .map(|l| &l[6..10])
        .collect();
    assert_eq!(codes, ["S003", "S005", "R001"], "{}", r.stderr);
}

#[test]
fn json_format_is_versioned_with_character_columns() {
    let s = Scratch::new().file(
        "p.toml",
        plan("[moments.x]\nname = \"年货节\"\ndate = \"年货节\"\n"),
    );
    let r = s.run(&["check", "--format", "json", "p.toml"]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "R001");
    assert_eq!(d["primary"]["line"], 6);
    assert_eq!(d["primary"]["column"], 9);
    assert_eq!(d["primary"]["end_column"], 12);
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn warnings_fail_only_when_denied() {
    let s = Scratch::new().file("p.toml", "[plan]\nyear = 2041\n");
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("warning[D004]: no official holiday schedule for 2041"),
        "{}",
        r.stderr
    );
    let r = s.run(&["check", "--deny-warnings", "p.toml"]);
    assert_eq!(r.code, 1);
}

#[test]
fn rule_severity_can_be_set_by_the_plan() {
    let s = Scratch::new().file(
        "p.toml",
        "[plan]\nyear = 2030\n\n[rules]\nno-holiday-schedule = \"allow\"\n",
    );
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, "checked 1 plan: 0 errors, 0 warnings\n")
    );
}

#[test]
fn explain_works_for_every_listed_rule() {
    let list = run_in(&repo(), &["rules"]);
    assert_eq!(list.code, 0);
    let codes: Vec<&str> = list.stdout.lines().map(|l| &l[..4]).collect();
    assert!(codes.len() >= 28, "{}", list.stdout);
    for code in codes {
        let r = run_in(&repo(), &["explain", code]);
        assert_eq!(r.code, 0, "{code}");
        assert!(r.stdout.starts_with(code), "{code}: {}", r.stdout);
        assert!(r.stdout.lines().count() >= 4, "{code}: {}", r.stdout);
    }
    let r = run_in(&repo(), &["explain", "budget-sharez"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `budget-shares`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn misuse_exits_2() {
    let r = run_in(&repo(), &["chekc"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unrecognized subcommand"), "{}", r.stderr);
}

#[test]
fn orphan_fragment_in_a_checked_directory_is_a_warning() {
    // S009: the rule fixtures check one `plan.toml`, so an orphan next to an
    // included fragment is only visible when a whole directory is checked.
    let s = Scratch::new()
        .file(
            "plans/2026.toml",
            format!("include = [\"shared/team.toml\"]\n{PLAN_HEAD}"),
        )
        .file(
            "plans/shared/team.toml",
            "[people.manager]\nname = \"新媒体经理\"\n",
        )
        .file(
            "plans/shared/old_channels.toml",
            "# 旧的渠道表\n[channels.weibo]\nname = \"微博\"\n",
        );
    let r = s.run(&["check", "plans"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "warning[S009]: `plans/shared/old_channels.toml` is not a plan, and no plan checked here includes it\n \
         --> plans/shared/old_channels.toml:1:1\n  |\n1 | # 旧的渠道表\n  | ^ a fragment (no `[plan]` table)\n  \
         = help: include it from a plan with `include = [\"…\"]`, or check the plan that includes it\n\n\
         checked 1 plan: 0 errors, 1 warning\n"
    );
    let r = s.run(&["check", "--deny-warnings", "plans"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn wan_typed_as_w_gets_the_character() {
    for (typed, fix) in [
        ("200w", "200万"),
        ("200W", "200万"),
        ("¥1.5w元", "¥1.5万元"),
    ] {
        let s = Scratch::new().file(
            "p.toml",
            plan(&format!(
                "[budget]\ntotal = \"{typed}\"\nads = \"60%\"\nkol = \"40%\"\n"
            )),
        );
        let r = s.run(&["check", "p.toml"]);
        assert_eq!(r.code, 1);
        assert!(r.stderr.starts_with("error[S005]"), "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!("= help: write `{fix}` (`")),
            "{}",
            r.stderr
        );
        assert!(r.stderr.ends_with("1 error, 0 warnings\n"), "{}", r.stderr);
    }
}

#[test]
fn full_width_commas_are_not_mended_into_ascii_commas() {
    // `1,200,000` is refused too; the help goes straight to what is accepted.
    let s = Scratch::new().file("p.toml", plan("[budget]\ntotal = \"1，200，000\"\n"));
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(
        r.stderr,
        "error[S005]: full-width character `，`\n --> p.toml:5:11\n  |\n\
         5 | total = \"1，200，000\"\n  |           ^^ in this money amount\n  \
         = help: write `1200000` or `1_200_000`\n\n\
         checked 1 plan: 1 error, 0 warnings\n"
    );
}

#[test]
fn a_full_width_comma_in_a_list_gets_the_mended_line() {
    let s = Scratch::new().file(
        "p.toml",
        plan("key_messages = [\n  \"健康\"，\n  \"便捷\",\n]\n"),
    );
    let r = s.run(&["check", "p.toml"]);
    assert!(
        r.stderr.contains("= help: write `\"健康\",`\n"),
        "{}",
        r.stderr
    );
    // A line that is still wrong in ASCII is not offered.
    let s = Scratch::new().file("p.toml", "[plan]\n名称 ＝ \"x\"\n");
    let r = s.run(&["check", "p.toml"]);
    assert!(r.stderr.starts_with("error[S001]"), "{}", r.stderr);
    assert!(!r.stderr.contains("help: write"), "{}", r.stderr);
}

#[test]
fn a_bare_chinese_key_gets_the_ascii_key_meant() {
    let s = Scratch::new().file("p.toml", "[plan]\n名称 = \"x\"\nyear = 2026\n");
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(
        r.stderr,
        "error[S001]: invalid TOML: `名称` cannot be a key without quotes\n \
         --> p.toml:2:1\n  |\n2 | 名称 = \"x\"\n  | ^^^^ not ASCII\n  \
         = help: keys are written in ASCII; did you mean `name`?\n\n\
         checked 0 plans: 1 error, 0 warnings\n"
    );
    assert_eq!(r.code, 1);
}

#[test]
fn include_below_a_table_is_one_error_and_still_loads() {
    let s = Scratch::new()
        .file(
            "p.toml",
            format!(
                "{PLAN_HEAD}include = [\"team.toml\"]\n\n\
                 [campaigns.a]\nwindow = \"Q2\"\nowner = \"li\"\nchannels = [\"douyin\"]\n"
            ),
        )
        .file(
            "team.toml",
            "[people.li]\nname = \"李\"\n[channels.douyin]\nname = \"抖音\"\n",
        );
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(
        r.stderr,
        "error[S003]: `include` must come before the first table\n \
         --> p.toml:4:1\n  |\n4 | include = [\"team.toml\"]\n  | ^^^^^^^ here it is a key of `[plan]`\n  \
         = help: move the `include` line to the top of the file, before the first table\n\n\
         checked 1 plan: 1 error, 0 warnings\n"
    );
    // A budget line named `include` is still a budget line.
    let s = Scratch::new().file(
        "p.toml",
        plan("[budget]\ntotal = \"100万\"\nads = \"90%\"\ninclude = \"10%\"\n"),
    );
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// `--color always` and `never` are obeyed whatever the environment says;
/// `auto` asks the environment about each stream: a pipe gets no colour
/// unless `CLICOLOR_FORCE` asks for it, and `NO_COLOR` outranks that. The
/// diagnostics on stderr and `fmt --check`'s diff on stdout alike.
#[test]
fn colour_follows_the_flag_then_the_environment() {
    let s = Scratch::new()
        .file("p.toml", plan("[channels.wechat]\nslots_per_wek = 7\n"))
        .file("f.toml", "[plan]\nid  = \"p\"\n");
    // Whether stdout and stderr hold an escape character.
    let run = |args: &[&str], env: &[(&str, &str)]| -> (bool, bool) {
        let mut c = std::process::Command::new(crate::support::bin());
        c.args(args).current_dir(s.dir.path());
        for key in [
            "NO_COLOR",
            "CLICOLOR",
            "CLICOLOR_FORCE",
            "TERM",
            "CI",
            "GITHUB_ACTIONS",
        ] {
            c.env_remove(key);
        }
        let out = c.envs(env.iter().copied()).output().expect("almanac runs");
        (out.stdout.contains(&0x1b), out.stderr.contains(&0x1b))
    };
    let force = ("CLICOLOR_FORCE", "1");
    let (no, off) = (("NO_COLOR", "1"), ("CLICOLOR", "0"));
    let check = ["check", "p.toml"];
    assert_eq!(run(&check, &[]), (false, false));
    assert_eq!(run(&check, &[force]), (false, true));
    assert_eq!(run(&check, &[force, no]), (false, false));
    assert_eq!(run(&check, &[off]), (false, false));
    let always = ["check", "--color", "always", "p.toml"];
    assert_eq!(run(&always, &[no]), (false, true));
    let never = ["check", "--color", "never", "p.toml"];
    assert_eq!(run(&never, &[force]), (false, false));
    let diff = ["fmt", "--check", "f.toml"];
    assert_eq!(run(&diff, &[]), (false, false));
    assert_eq!(run(&diff, &[force]), (true, false));
    assert_eq!(run(&diff, &[force, no]), (false, false));
    let always = ["fmt", "--check", "--color", "always", "f.toml"];
    assert_eq!(run(&always, &[no]), (true, false));
}

#[test]
fn quiet_prints_errors_only() {
    let root = crate::support::repo();
    let warning = "tests/fixtures/rules/P004_friday_column_on_holidays.toml";
    let r = crate::support::run_in(&root, &["check", warning]);
    assert!(r.stderr.contains("warning[P004]") && r.stderr.contains("checked 1 plan"));
    let r = crate::support::run_in(&root, &["check", "--quiet", warning]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    let r = crate::support::run_in(&root, &["check", "-q", "--deny-warnings", warning]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (1, ""),
        "the exit code still counts it"
    );
    let error = "tests/fixtures/rules/B001_shares_over_100.toml";
    let r = crate::support::run_in(&root, &["check", "-q", error]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error[B001]"), "{}", r.stderr);
    assert!(!r.stderr.contains("checked 1 plan"), "{}", r.stderr);
    let out = tempfile::tempdir().expect("temp dir");
    let o = out.path().to_string_lossy().to_string();
    let r = crate::support::run_in(
        &root,
        &[
            "build",
            "-q",
            "plans/northbeam-2027.toml",
            "-o",
            &o,
            "--only",
            "calendar",
        ],
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, ""),
        "built lines are not printed"
    );
    assert!(out.path().join("northbeam-2027/calendar.ics").is_file());
}

/// Machine formats carry the message in the chosen language and keep their
/// field names, codes and severities.
#[test]
fn machine_formats_speak_the_chosen_language_with_stable_fields() {
    let bad = "tests/fixtures/rules/B001_shares_over_100.toml";
    let json = |lang: &str| {
        let r = run_in(&repo(), &["check", bad, "--format", "json", "--lang", lang]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        serde_json::from_str::<serde_json::Value>(&r.stdout).expect("JSON")
    };
    let (zh, en) = (json("zh-CN"), json("en"));
    let (dz, de) = (&zh["diagnostics"][0], &en["diagnostics"][0]);
    assert_eq!(
        (dz["code"].clone(), dz["severity"].clone()),
        (de["code"].clone(), de["severity"].clone())
    );
    assert_eq!(
        (dz["locale"].as_str(), de["locale"].as_str()),
        (Some("zh-CN"), Some("en"))
    );
    assert_eq!(dz["message"], "总预算的各项占比加起来是 105%，不是 100%");
    assert_eq!(
        de["message"],
        "the shares of the total add up to 105%, not 100%"
    );
    let keys = |v: &serde_json::Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
    assert_eq!(keys(dz), keys(de));

    let r = run_in(
        &repo(),
        &["check", bad, "--format", "sarif", "--lang", "zh-CN"],
    );
    let sarif: serde_json::Value = serde_json::from_str(&r.stdout).expect("SARIF");
    let run = &sarif["runs"][0];
    assert_eq!(run["language"], "zh-CN");
    assert_eq!(run["results"][0]["ruleId"], "B001");
    assert_eq!(run["results"][0]["level"], "error");
    assert!(
        run["results"][0]["message"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("总预算的各项占比") && t.contains("\n提示：")),
        "{run}"
    );

    let r = run_in(
        &repo(),
        &["check", bad, "--format", "github", "--lang", "zh-CN"],
    );
    assert!(
        r.stdout
            .starts_with("::error file=tests/fixtures/rules/B001_shares_over_100.toml,"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("title=B001 budget-shares::总预算的各项占比"),
        "{}",
        r.stdout
    );

    // Without a plan, the environment decides: `explain` and `rules`.
    let r = run_in(&repo(), &["explain", "D004", "--lang", "zh-CN"]);
    assert!(
        r.stdout.starts_with(
            "D004 no-holiday-schedule（dates，默认级别：警告）\n\n计划使用中国的节假日日历"
        ),
        "{}",
        r.stdout
    );
    let r = run_in(&repo(), &["rules", "--lang", "zh-CN"]);
    assert!(
        r.stdout
            .contains("L001  absolute-term          警告     对外发布的文案"),
        "{}",
        r.stdout
    );
    let r = run_in(&repo(), &["explain", "B00l"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("error: no rule `B00l`"),
        "{}",
        r.stderr
    );
}
