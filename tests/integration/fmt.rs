//! `almanac fmt`: the example plans are formatted; formatting is idempotent
//! and keeps the meaning of shuffled, re-spaced and re-spelt plans (the
//! resolved plan's `plan.json` is compared byte for byte); a file with TOML
//! errors or one that cannot be written is left as it was.

use std::path::PathBuf;
use std::process::Command;

use almanac::check::check_paths;
use almanac::emit::json::plan_json;
use almanac::fmt::format_source;
use almanac::format::{Kind, PLAN_FILE};
use almanac::world::MemWorld;
use proptest::prelude::*;

use crate::support::{Scratch, repo, run_in};

fn fmt(text: &str) -> String {
    format_source(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The `plan.json` of `plan` (at `dir/name`) with its fragment (at
/// `dir/fragment_path`), checked in memory; panics on any error.
fn meaning(name: &str, plan: &str, fragment: Option<(&str, &str)>) -> Vec<u8> {
    // The 2026 plan names the 2025 plan as its `previous`, which must exist.
    let mut w = MemWorld::default()
        .with_file(format!("p/{name}"), plan)
        .with_file("p/new-media-2025.toml", example("new-media-2025.toml"));
    if let Some((path, text)) = fragment {
        w = w.with_file(format!("p/{path}"), text);
    }
    let checked = check_paths(&w, &[PathBuf::from(format!("p/{name}"))]).expect("checks");
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == almanac::diagnostics::Severity::Error)
        .map(|d| format!("{}: {}", d.code(), d.message.en))
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{plan}");
    assert_eq!(checked.plans.len(), 1);
    plan_json(&checked.plans[0], &checked.schedules[0])
}

// ---------------------------------------------------------------- the CLI

#[test]
fn the_example_plans_are_formatted() {
    let r = run_in(&repo(), &["fmt", "--check", "plans"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "");
}

/// `almanac fmt --stdin [--check]` with `input` on standard input.
fn fmt_stdin(args: &[&str], input: &str) -> crate::support::Run {
    use std::io::Write;
    let mut child = Command::new(crate::support::bin())
        .args(["fmt", "--stdin"])
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("almanac runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("almanac ends");
    crate::support::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn stdin_is_formatted_to_stdout_for_editors() {
    let messy = "[people.li]\ncapacity = \"40h\"    # a week\nname  = \"李\"\n\n[plan]\nyear = 2026\nname = \"p\"\n";
    let r = fmt_stdin(&[], messy);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, fmt(messy));
    assert!(
        r.stdout.starts_with("[plan]\nname = \"p\"\nyear = 2026\n"),
        "{}",
        r.stdout
    );
    // `--check`: the difference, exit 1; a formatted text passes.
    let r = fmt_stdin(&["--check", "--stdin-filename", "plans/a.toml"], messy);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("--- plans/a.toml\n"), "{}", r.stdout);
    let r = fmt_stdin(&["--check"], &fmt(messy));
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    // Not TOML: the diagnostic under the given name, nothing on stdout.
    let r = fmt_stdin(&["--stdin-filename", "plans/a.toml"], "[plan\nname = 1\n");
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
    assert!(
        r.stderr.contains("error[S001]") && r.stderr.contains("plans/a.toml:1:"),
        "{}",
        r.stderr
    );
}

#[test]
fn fmt_then_check_is_clean_and_the_plans_still_check() {
    // The example plans, unformatted a little.
    let s = Scratch::new()
        .with_examples(|text| text.replace(" = ", "   =   ").replace("\n[", "\n\n\n["));
    let r = s.run(&["fmt", "--check", "plans"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("--- plans/new-media-2026.toml\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("\n-id   =   \"new-media-2026\"\n"));
    assert!(r.stdout.contains("\n+id = \"new-media-2026\"\n"));
    let r = s.run(&["fmt", "plans"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("formatted 4 files"), "{}", r.stderr);
    let r = s.run(&["fmt", "--check", "plans"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let r = s.run(&["check", "plans"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(s.dir.path().join("plans"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

#[test]
fn a_file_with_toml_errors_is_left_unchanged() {
    let bad = "[plan]\nid = \"x\nyear = 2026\n";
    let s = Scratch::new()
        .file("bad.toml", bad)
        .file("ok.toml", "[plan]\nid  = \"ok\"\n");
    for args in [&["fmt", "--check", "."][..], &["fmt", "."][..]] {
        let r = s.run(args);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("error[S001]"), "{}", r.stderr);
        assert!(r.stderr.contains("bad.toml:2:"), "{}", r.stderr);
        let now = std::fs::read_to_string(s.dir.path().join("bad.toml")).expect("read");
        assert_eq!(now, bad);
    }
    // The valid file beside it was formatted.
    let ok = std::fs::read_to_string(s.dir.path().join("ok.toml")).expect("read");
    assert_eq!(ok, "[plan]\nid = \"ok\"\n");
}

#[test]
fn a_file_that_is_not_utf8_is_left_unchanged() {
    let s = Scratch::new().file("gbk.toml", b"[plan]\nname = \"\xc4\xea\"\n");
    let r = s.run(&["fmt", "gbk.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[S002]"), "{}", r.stderr);
}

/// Makes a file immutable (even for root) until dropped.
struct Immutable(PathBuf);

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_file_is_an_error_and_stays_unchanged() {
    let text = "[plan]\nid   = \"p\"\n";
    let s = Scratch::new().file("p.toml", text);
    let path = s.dir.path().join("p.toml");
    let status = Command::new("chattr")
        .arg("+i")
        .arg(&path)
        .status()
        .expect("chattr runs");
    assert!(status.success(), "chattr +i must work here");
    let _guard = Immutable(path.clone());
    let r = s.run(&["fmt", "p.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("error: cannot write `p.toml`: "),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    let names: Vec<_> = std::fs::read_dir(s.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("p.toml")]);
}

#[test]
fn paths_that_cannot_be_read_are_errors() {
    let s = Scratch::new().file("notes/readme.md", "# notes\n");
    let r = s.run(&["fmt", "missing.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("cannot read `missing.toml`"),
        "{}",
        r.stderr
    );
    let r = s.run(&["fmt", "notes"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("no `.toml` files in `notes`"),
        "{}",
        r.stderr
    );
}

#[test]
fn bom_and_crlf_are_kept() {
    let s = Scratch::new().file("p.toml", "\u{FEFF}[plan]\r\nid= \"p\"\r\n");
    let r = s.run(&["fmt", "p.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let now = std::fs::read(s.dir.path().join("p.toml")).expect("read");
    assert_eq!(now, "\u{FEFF}[plan]\r\nid = \"p\"\r\n".as_bytes());
}

// ---------------------------------------------------------------- variants

/// A small deterministic generator, seeded by proptest.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// A key line with the comment and blank lines above it.
struct Entry {
    above: Vec<String>,
    key: String,
    line: String,
}

/// A table: the lines above its header, the header, its entries.
struct Block {
    section: String,
    above: Vec<String>,
    header: Option<String>,
    path: Vec<String>,
    entries: Vec<Entry>,
}

fn is_header(line: &str) -> bool {
    line.trim_start().starts_with('[')
}

fn key_of(line: &str) -> Option<String> {
    let t = line.trim_start();
    if t.is_empty() || t.starts_with('#') {
        return None;
    }
    Some(t.split(['=', '.', ' ']).next().unwrap_or("").to_string())
}

/// Splits a file (one key per line, as the example and generated plans
/// are written) into blocks; returns them and the lines after the last key.
fn blocks(text: &str) -> (Vec<Block>, Vec<String>) {
    let mut out = vec![Block {
        section: String::new(),
        above: Vec::new(),
        header: None,
        path: Vec::new(),
        entries: Vec::new(),
    }];
    let mut pending: Vec<String> = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        // A value over several lines (a long array) is one entry.
        let mut line = line.to_string();
        while key_of(&line).is_some() && open_brackets(&line) > 0 {
            let Some(next) = lines.next() else { break };
            line.push('\n');
            line.push_str(next);
        }
        let line = line.as_str();
        if is_header(line) {
            let inner = line.trim().trim_start_matches('[').trim_end_matches(']');
            let path: Vec<String> = inner.split('.').map(|s| s.trim().to_string()).collect();
            out.push(Block {
                section: path[0].clone(),
                above: std::mem::take(&mut pending),
                header: Some(line.to_string()),
                path,
                entries: Vec::new(),
            });
        } else if let Some(key) = key_of(line) {
            let b = out.last_mut().expect("a block");
            b.entries.push(Entry {
                above: std::mem::take(&mut pending),
                key,
                line: line.to_string(),
            });
        } else {
            pending.push(line.to_string());
        }
    }
    (out, pending)
}

/// Brackets opened and not closed in `text`, outside strings and comments.
fn open_brackets(text: &str) -> i32 {
    let mut depth = 0;
    for line in text.lines() {
        let (mut quote, mut escaped) = (None, false);
        for c in line.chars() {
            match (quote, c) {
                (Some(_), _) if escaped => escaped = false,
                (Some('"'), '\\') => escaped = true,
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[') => depth += 1,
                (None, ']') => depth -= 1,
                _ => {}
            }
        }
    }
    depth
}

fn shape_of(path: &[String]) -> Option<&'static Kind> {
    let mut shape: &'static Kind = &PLAN_FILE.kind;
    for seg in path {
        shape = shape.child(seg)?;
    }
    Some(shape)
}

/// Keys whose strings are expressions, safe to re-space.
const EXPR_KEYS: [&str; 7] = [
    "due", "window", "every", "date", "capacity", "lead", "response",
];

/// `"¥1.2M"`, `"120万"` and `"1200000"` are the same amount: re-spells a
/// yuan amount (integers of yuan only) one of the three ways.
fn respell_money(value: &str, rng: &mut Rng) -> Option<String> {
    let v = value.strip_prefix('¥').unwrap_or(value);
    let (num, mult) = if let Some(n) = v.strip_suffix('万') {
        (n, 10_000u128)
    } else if let Some(n) = v.strip_suffix('M') {
        (n, 1_000_000)
    } else if let Some(n) = v.strip_suffix('k') {
        (n, 1_000)
    } else {
        (v, 1)
    };
    let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
    if whole.is_empty() || !(whole.chars().chain(frac.chars())).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let scale = 10u128.pow(frac.len() as u32);
    let units: u128 = format!("{whole}{frac}").parse().ok()?;
    if !(units * mult).is_multiple_of(scale) {
        return None;
    }
    let yuan = units * mult / scale;
    let decimal = |n: u128, per: u128| {
        let (w, f) = (n / per, n % per);
        if f == 0 {
            w.to_string()
        } else {
            let digits = per.to_string().len() - 1;
            let f = format!("{f:0digits$}");
            format!("{w}.{}", f.trim_end_matches('0'))
        }
    };
    Some(match rng.below(3) {
        0 => format!("{}万", decimal(yuan, 10_000)),
        1 => format!("¥{}M", decimal(yuan, 1_000_000)),
        _ => format!("¥{yuan}"),
    })
}

/// Re-spells the yuan amounts in a line of `total`, `amount` or a
/// campaign's `budget`.
fn respell_line(line: &str, rng: &mut Rng) -> String {
    let key = key_of(line).unwrap_or_default();
    if !["total", "amount", "budget"].contains(&key.as_str()) {
        return line.to_string();
    }
    let (head, values) = line.split_once('=').unwrap_or((line, ""));
    let parts: Vec<&str> = values.split('"').collect();
    let mut out = format!("{head}=");
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('"');
        }
        // Odd parts are inside quotes; a key inside `{ }` is followed by `=`.
        let next_is_eq = parts
            .get(i + 1)
            .is_some_and(|p| p.trim_start().starts_with('='));
        if i % 2 == 1 && !next_is_eq && rng.chance(2) {
            out.push_str(&respell_money(part, rng).unwrap_or_else(|| part.to_string()));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Doubles the spaces inside an expression string and pads it.
fn respace_expression(line: &str) -> String {
    let Some((head, value)) = line.split_once('=') else {
        return line.to_string();
    };
    let v = value.trim();
    let Some(inner) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
        return line.to_string();
    };
    format!("{head}= \"  {}  \"", inner.replace(' ', "  "))
}

fn respace(line: &str, rng: &mut Rng) -> String {
    if let Some((k, v)) = line.split_once(" = ") {
        let eq = ["=", " =  ", "\t=\t", "   =   "][rng.below(4)];
        let indent = ["", "  ", "\t"][rng.below(3)];
        let trail = ["", "  ", "\t "][rng.below(3)];
        return format!("{indent}{k}{eq}{v}{trail}");
    }
    line.to_string()
}

/// A variant of `text` with the same meaning: sections interleaved in
/// another order (each section's tables keep theirs), known keys shuffled
/// within their tables, lines re-spaced, comments and blank lines added,
/// amounts re-spelt.
fn variant(text: &str, seed: u64) -> String {
    let mut rng = Rng(seed | 1);
    let (mut blocks, tail) = blocks(text);
    for b in &mut blocks {
        let Some(shape) = shape_of(&b.path) else {
            continue;
        };
        // Shuffle the known keys among the places known keys hold.
        let known: Vec<usize> = (0..b.entries.len())
            .filter(|&i| {
                shape
                    .table()
                    .is_some_and(|t| t.key(&b.entries[i].key).is_some())
            })
            .collect();
        for n in (1..known.len()).rev() {
            let m = rng.below(n + 1);
            b.entries.swap(known[n], known[m]);
        }
    }
    for b in &mut blocks {
        for e in &mut b.entries {
            if EXPR_KEYS.contains(&e.key.as_str()) && rng.chance(2) {
                e.line = respace_expression(&e.line);
            }
            e.line = respell_line(&e.line, &mut rng);
            if rng.chance(6) {
                e.line.push_str(" # a note");
            }
            if rng.chance(3) {
                e.line = respace(&e.line, &mut rng);
            }
            if rng.chance(5) {
                e.above.push(String::new());
                e.above.push(format!("# inserted {}", rng.below(100)));
            }
        }
        if let Some(h) = &mut b.header
            && rng.chance(3)
        {
            *h = format!("[ {} ]  ", b.path.join(" . "));
        }
        if rng.chance(4) {
            b.above.push(String::new());
            b.above.push(String::new());
        }
    }
    // Interleave the sections: the root block first, then a random merge.
    let root = blocks.remove(0);
    let mut sections: Vec<(String, Vec<Block>)> = Vec::new();
    for b in blocks {
        match sections.iter_mut().find(|(s, _)| *s == b.section) {
            Some((_, v)) => v.push(b),
            None => sections.push((b.section.clone(), vec![b])),
        }
    }
    for (_, v) in &mut sections {
        v.reverse();
    }
    let mut order = vec![root];
    loop {
        let left: Vec<usize> = (0..sections.len())
            .filter(|&i| !sections[i].1.is_empty())
            .collect();
        if left.is_empty() {
            break;
        }
        let pick = left[rng.below(left.len())];
        if let Some(b) = sections[pick].1.pop() {
            order.push(b);
        }
    }
    let mut out = String::new();
    for b in order {
        for l in b.above.iter().chain(&b.header) {
            out.push_str(l);
            out.push('\n');
        }
        for e in b.entries {
            for l in e.above.iter().chain([&e.line]) {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    for l in tail {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// A plan and its fragment: `variant` keeps their meaning, and formatting
/// keeps it too and is idempotent.
fn check_variant(name: &str, plan: &str, fragment: Option<(&str, &str)>, seed: u64) {
    let want = meaning(name, plan, fragment);
    let v = variant(plan, seed);
    let vf = fragment.map(|(p, t)| (p, variant(t, seed.rotate_left(17))));
    let vf_ref = vf.as_ref().map(|(p, t)| (*p, t.as_str()));
    assert_eq!(
        String::from_utf8_lossy(&meaning(name, &v, vf_ref)),
        String::from_utf8_lossy(&want),
        "the variant itself changed the meaning:\n{v}"
    );
    let once = fmt(&v);
    assert_eq!(fmt(&once), once, "not idempotent on:\n{v}");
    let ff = vf.as_ref().map(|(p, t)| (*p, fmt(t)));
    if let Some((_, f)) = &ff {
        assert_eq!(&fmt(f), f);
    }
    let ff_ref = ff.as_ref().map(|(p, t)| (*p, t.as_str()));
    assert_eq!(
        String::from_utf8_lossy(&meaning(name, &once, ff_ref)),
        String::from_utf8_lossy(&want),
        "formatting changed the meaning of:\n{v}\ninto:\n{once}"
    );
    // Formatting a variant gives the layout the original formats to,
    // except where comments were added or keys re-spelt.
    assert!(!once.lines().any(|l| l != l.trim_end()), "{once}");
    assert!(!once.contains("\n\n\n"), "{once}");
    assert!(once.ends_with('\n') && !once.ends_with("\n\n"));
}

fn example(name: &str) -> String {
    std::fs::read_to_string(repo().join("plans").join(name)).expect("example plan")
}

#[test]
fn respelt_amounts_are_the_same_amounts() {
    let mut rng = Rng(7);
    for _ in 0..20 {
        let s = respell_money("¥1.2M", &mut rng).expect("money");
        assert!(["120万", "¥1.2M", "¥1200000"].contains(&s.as_str()), "{s}");
    }
    assert_eq!(respell_money("月", &mut rng), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn example_plans_keep_their_meaning(seed in any::<u64>(), which in 0usize..3) {
        let team = example("shared/team.toml");
        let (name, fragment) = [
            ("new-media-2025.toml", Some(("shared/team.toml", team.as_str()))),
            ("new-media-2026.toml", Some(("shared/team.toml", team.as_str()))),
            ("northbeam-2027.toml", None),
        ][which];
        check_variant(name, &example(name), fragment, seed);
    }

    #[test]
    fn generated_plans_keep_their_meaning(seed in any::<u64>(), n in 10usize..80) {
        let g = plangen::plan(n);
        check_variant("plan.toml", &g.plan, Some(("gen-team.toml", g.fragment.as_str())), seed);
    }
}

#[test]
fn formatting_a_variant_of_a_formatted_plan_gives_it_back() {
    // Without added comments and blank lines, every variant formats to the
    // same text as the original.
    for name in ["new-media-2026.toml", "northbeam-2027.toml"] {
        let text = fmt(&example(name));
        for seed in 1..20u64 {
            let mut rng = Rng(seed);
            let (mut blocks, tail) = blocks(&text);
            for b in &mut blocks {
                let Some(shape) = shape_of(&b.path) else {
                    continue;
                };
                let known: Vec<usize> = (0..b.entries.len())
                    .filter(|&i| {
                        shape
                            .table()
                            .is_some_and(|t| t.key(&b.entries[i].key).is_some())
                    })
                    .collect();
                for n in (1..known.len()).rev() {
                    let m = rng.below(n + 1);
                    b.entries.swap(known[n], known[m]);
                }
            }
            let mut shuffled = String::new();
            for b in blocks {
                for l in b.above.iter().chain(&b.header) {
                    shuffled.push_str(l);
                    shuffled.push('\n');
                }
                for e in b.entries {
                    for l in e.above.iter().chain([&e.line]) {
                        shuffled.push_str(l);
                        shuffled.push('\n');
                    }
                }
            }
            for l in &tail {
                shuffled.push_str(l);
                shuffled.push('\n');
            }
            let shuffled = respace_all(&shuffled, &mut rng);
            assert_eq!(fmt(&shuffled), text, "{shuffled}");
        }
    }
}

fn respace_all(text: &str, rng: &mut Rng) -> String {
    text.lines()
        .map(|l| respace(l, rng) + "\n")
        .collect::<String>()
}
