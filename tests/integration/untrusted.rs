//! Plans from strangers: what a pull request from a fork can put in a plan
//! or beside it, run through the real binary. Nothing outside the plan's
//! project is read, quoted or written; nothing blocks or runs on; the
//! output folder is never left half-written.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Run, Scratch};

const PLAN: &str = "[plan]\nid = \"p\"\nname = \"P\"\nyear = 2026\n";

/// `almanac args…` in `dir`, killed (and the test failed) if it has not
/// finished within `secs`: a hang is a failure, not a stuck test run.
fn run_within(dir: &Path, secs: u64, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut child = crate::support::almanac()
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the almanac binary runs");
    let deadline = Instant::now() + Duration::from_secs(secs);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("`almanac {}` did not finish in {secs} s", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn plan_with(include: &str) -> String {
    format!("include = [\"{include}\"]\n\n{PLAN}")
}

/// Every file below `dir` (relative path → bytes), hidden ones included.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("below").display().to_string();
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

// ------------------------------------------------------------- plan ids

#[test]
fn a_plan_id_can_never_name_a_folder_outside_the_output_folder() {
    for id in [
        "../victim",
        "../../victim",
        "ABSOLUTE",
        "",
        ".",
        "..",
        "a/b",
        "a\\\\b",
        "CON",
        "nul.txt",
    ] {
        let s = Scratch::new()
            .file("victim/keep.txt", "precious")
            .file("out/other/tasks.md", "another plan's outputs");
        let victim = s.dir.path().join("victim");
        let id = id.replace("ABSOLUTE", &victim.display().to_string());
        let plan = PLAN.replace("id = \"p\"", &format!("id = \"{id}\""));
        let s = s.file("plans/p.toml", &plan);
        let r = s.run(&["check", "plans/p.toml"]);
        assert_eq!(r.code, 1, "id {id:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("error[S006]") && r.stderr.contains("cannot be the plan's id"),
            "id {id:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(" --> plans/p.toml:2:6"), "{}", r.stderr);
        let r = s.run(&["build", "plans/p.toml", "-o", "out"]);
        assert_eq!(r.code, 1, "id {id:?}: {}", r.stderr);
        assert_eq!(
            tree(&victim),
            vec![("keep.txt".to_string(), b"precious".to_vec())],
            "id {id:?}"
        );
        assert_eq!(
            tree(&s.dir.path().join("out")),
            vec![(
                "other/tasks.md".to_string(),
                b"another plan's outputs".to_vec()
            )],
            "id {id:?}"
        );
    }
}

#[test]
fn a_plan_without_an_id_whose_file_name_cannot_be_one_is_told_to_give_one() {
    let s = Scratch::new().file("my plan.toml", "[plan]\nyear = 2026\n");
    let r = s.run(&["check", "my plan.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[S006]: the file name `my plan` cannot be the plan's id"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: give the plan an id"),
        "{}",
        r.stderr
    );
}

#[test]
fn two_plans_with_one_id_are_an_error_at_check_and_build_writes_nothing() {
    let s = Scratch::new()
        .file("plans/a.toml", PLAN)
        .file("plans/b.toml", PLAN);
    let r = s.run(&["check", "plans"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("error[R002]: two plans have the id `p`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(" ::: plans/a.toml:2:6"), "{}", r.stderr);
    let r = s.run(&["build", "plans", "-o", "out"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!s.dir.path().join("out").exists());
}

// ------------------------------------------------------------- includes

#[test]
fn includes_outside_the_project_are_refused_at_the_entry_without_being_read() {
    let secret = "ALMANAC_TEST_SECRET_7f3a9";
    for include in [
        "/proc/self/environ",
        "/etc/passwd",
        "../../../../../../../../etc/passwd",
        "/dev/zero",
        "/dev/urandom",
    ] {
        let s = Scratch::new().file("p.toml", plan_with(include));
        let r = run_within(
            s.dir.path(),
            30,
            &["check", "p.toml"],
            &[("SECRET", secret)],
        );
        assert_eq!(r.code, 1, "{include}: {}", r.stderr);
        assert!(
            r.stderr.contains("error[R005]") && r.stderr.contains(" --> p.toml:1:12"),
            "{include}: {}",
            r.stderr
        );
        for leak in [secret, "root:", "nologin", "PATH="] {
            assert!(
                !r.stderr.contains(leak),
                "{include} leaks {leak}: {}",
                r.stderr
            );
        }
        let r = run_within(
            s.dir.path(),
            30,
            &["check", "--format", "github", "p.toml"],
            &[("SECRET", secret)],
        );
        assert!(r.stdout.contains("title=R005"), "{}", r.stdout);
        assert!(!r.stdout.contains(secret) && !r.stdout.contains("root:"));
    }
}

#[test]
fn a_symlink_that_leads_out_of_the_project_is_refused() {
    let outside = Scratch::new().file("team.toml", "# outside: secret line\n[people.x]\n");
    let s = Scratch::new().file("p.toml", plan_with("team.toml"));
    symlink(
        outside.dir.path().join("team.toml"),
        s.dir.path().join("team.toml"),
    )
    .expect("link");
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("error[R005]: `team.toml` is outside"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("secret line"), "{}", r.stderr);
    // A project that contains both reads it.
    let both = Scratch::new()
        .file("shared/team.toml", "[people.x]\nname = \"X\"\n")
        .file("plans/p.toml", plan_with("team.toml"));
    symlink(
        "../shared/team.toml",
        both.dir.path().join("plans/team.toml"),
    )
    .expect("link");
    let r = both.run(&["check", "plans/p.toml"]);
    assert!(r.stderr.contains("error[R005]"), "{}", r.stderr);
    let r = both.run(&["check", "--root", ".", "plans/p.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // So does a project marked by `.git`.
    std::fs::create_dir(both.dir.path().join(".git")).expect("mkdir");
    let r = both.run(&["check", "plans/p.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_plan_named_or_found_through_a_link_out_of_its_project_is_not_read() {
    let outside = Scratch::new().file("x.toml", "secret line\n");
    let s = Scratch::new().file("plans/p.toml", PLAN);
    symlink(
        outside.dir.path().join("x.toml"),
        s.dir.path().join("plans/x.toml"),
    )
    .expect("link");
    for args in [
        &["check", "plans"][..],
        &["check", "plans/x.toml"],
        &["fmt", "--check", "plans"],
    ] {
        let r = s.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("a link to a file outside its project"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("secret line") && !r.stdout.contains("secret line"));
    }
    // A folder linked from inside is walked as part of the named folder's
    // project: its plans are outside it.
    let s = Scratch::new().file("plans/p.toml", PLAN);
    symlink(outside.dir.path(), s.dir.path().join("plans/linked")).expect("link");
    let r = s.run(&["check", "plans"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("`plans/linked/x.toml`"), "{}", r.stderr);
}

#[test]
fn fifos_and_devices_are_refused_from_their_metadata() {
    let s = Scratch::new().file("p.toml", plan_with("pipe.toml"));
    let fifo = s.dir.path().join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let r = run_within(s.dir.path(), 30, &["check", "p.toml"], &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "error[R004]: included file `pipe.toml` cannot be read: it is a named pipe (FIFO), not a regular file"
        ),
        "{}",
        r.stderr
    );
    let r = run_within(s.dir.path(), 30, &["check", "pipe.toml"], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("named pipe"), "{}", r.stderr);
    // A folder of plans holding a FIFO stops with the same message.
    let r = run_within(s.dir.path(), 30, &["check", "."], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    // With the whole file system as the project, a device is still refused.
    let s = Scratch::new().file("p.toml", plan_with("/dev/zero"));
    let r = run_within(s.dir.path(), 30, &["check", "--root", "/", "p.toml"], &[]);
    assert!(r.stderr.contains("error[R005]"), "{}", r.stderr);
    let s = Scratch::new().file("p.toml", plan_with("zero.toml"));
    symlink("/dev/zero", s.dir.path().join("zero.toml")).expect("link");
    let r = run_within(s.dir.path(), 30, &["check", "--root", "/", "p.toml"], &[]);
    assert!(
        r.stderr
            .contains("cannot be read: it is a device, not a regular file"),
        "{}",
        r.stderr
    );
}

#[test]
fn symlink_loops_end_and_each_plan_is_checked_once() {
    let s = Scratch::new().file("plans/sub/p.toml", PLAN);
    symlink("..", s.dir.path().join("plans/sub/up")).expect("link");
    symlink("..", s.dir.path().join("plans/sub/up2")).expect("link");
    symlink(".", s.dir.path().join("plans/self")).expect("link");
    let r = run_within(s.dir.path(), 30, &["check", "plans"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("checked 1 plan: 0 errors"),
        "{}",
        r.stderr
    );
    // A loop of links as an include is a file that cannot be read.
    let s = Scratch::new().file("p.toml", plan_with("a.toml"));
    symlink("b.toml", s.dir.path().join("a.toml")).expect("link");
    symlink("a.toml", s.dir.path().join("b.toml")).expect("link");
    let r = run_within(s.dir.path(), 30, &["check", "p.toml"], &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[R004]: included file `a.toml` cannot be read"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_empty_include_is_an_empty_fragment() {
    let s = Scratch::new()
        .file("p.toml", plan_with("empty.toml"))
        .file("empty.toml", "");
    let r = s.run(&["check", "p.toml"]);
    assert!(r.code <= 1, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(
        r.stderr.contains("[S008]") && r.stderr.contains("empty.toml"),
        "{}",
        r.stderr
    );
}

#[test]
fn files_are_read_up_to_the_cap_and_refused_one_byte_over() {
    const CAP: usize = 16 * 1024 * 1024;
    let mut at_cap = String::from("[people.x]\nname = \"X\"\n");
    while at_cap.len() + 10 < CAP {
        at_cap.push_str("# filler\n");
    }
    at_cap.push_str(&"#".repeat(CAP - at_cap.len() - 1));
    at_cap.push('\n');
    assert_eq!(at_cap.len(), CAP);
    let s = Scratch::new()
        .file("p.toml", plan_with("big.toml"))
        .file("big.toml", &at_cap);
    let r = run_within(s.dir.path(), 60, &["check", "p.toml"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut over = at_cap.into_bytes();
    over.push(b'\n');
    std::fs::write(s.dir.path().join("big.toml"), &over).expect("write");
    let r = run_within(s.dir.path(), 60, &["check", "p.toml"], &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("error[R004]: included file `big.toml` cannot be read: it is larger than 16 MiB (16777217 bytes)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(" --> p.toml:1:12"), "{}", r.stderr);
}

#[test]
fn a_toml_error_in_an_include_points_at_the_include_too() {
    let s = Scratch::new()
        .file("p.toml", plan_with("team.toml"))
        .file("team.toml", "[people.x\n");
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains(" --> team.toml:1:"), "{}", r.stderr);
    assert!(r.stderr.contains(" ::: p.toml:1:12"), "{}", r.stderr);
    assert!(r.stderr.contains("included from here"), "{}", r.stderr);
}

#[test]
fn a_previous_plan_outside_the_project_is_o002_at_check() {
    let s = Scratch::new().file(
        "p.toml",
        PLAN.replace("year = 2026", "year = 2026\nprevious = \"/etc/passwd\""),
    );
    let r = s.run(&["check", "p.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[O002]: the previous plan `/etc/passwd` is outside the plan's project"),
        "{}",
        r.stderr
    );
    let r = s.run(&["build", "p.toml", "-o", "out"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.stderr.contains("root:"), "{}", r.stderr);
}

// ------------------------------------------------------------------ fmt

#[test]
fn fmt_writes_through_a_symlink_and_keeps_the_mode() {
    let s = Scratch::new().file("real/plan.toml", "[plan]\nid   =   \"p\"\nyear = 2026\n");
    let real = s.dir.path().join("real/plan.toml");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    symlink("real/plan.toml", s.dir.path().join("plan.toml")).expect("link");
    let r = s.run(&["fmt", "plan.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let link = std::fs::symlink_metadata(s.dir.path().join("plan.toml")).expect("meta");
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(
        std::fs::read_to_string(&real).expect("read"),
        "[plan]\nid = \"p\"\nyear = 2026\n"
    );
    let mode = std::fs::metadata(&real).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(
        tree(&s.dir.path().join("real")).len(),
        1,
        "no temporary file left"
    );
}

#[test]
fn fmt_refuses_a_read_only_file_and_leaves_it_as_it_was() {
    let text = "[plan]\nid   =   \"p\"\nyear = 2026\n";
    let s = Scratch::new().file("plan.toml", text);
    let path = s.dir.path().join("plan.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let r = s.run(&["fmt", "plan.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("cannot write `plan.toml`: it is read-only"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

// ------------------------------------------- concurrency and interruption

/// Each plan folder's files, by folder name.
type Outputs = std::collections::BTreeMap<String, Vec<(String, Vec<u8>)>>;

/// A folder of `n` generated plans (ids `g0`…), each named with `version`.
fn plans_folder(s: &Scratch, n: usize, version: &str) {
    let g = plangen::plan(20);
    let dir = s.dir.path().join("plans");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("gen-team.toml"), &g.fragment).expect("write");
    for i in 0..n {
        let text = g
            .plan
            .replace("id = \"generated-20\"", &format!("id = \"g{i}\""))
            .replace(
                "name = \"生成的计划 20\"",
                &format!("name = \"{version} {i}\""),
            );
        assert!(text.contains(&format!("\"g{i}\"")));
        std::fs::write(dir.join(format!("g{i}.toml")), text).expect("write");
    }
}

/// The outputs of every plan folder: folder name → its files.
fn outputs(out: &Path) -> Outputs {
    let mut all = Outputs::new();
    for e in std::fs::read_dir(out).expect("out") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        all.insert(name, tree(&p));
    }
    all
}

/// Reference outputs of the plans at `version`, built on their own.
fn reference(
    n: usize,
    version: &str,
) -> std::collections::BTreeMap<String, Vec<(String, Vec<u8>)>> {
    let s = Scratch::new();
    plans_folder(&s, n, version);
    let r = s.run(&["build", "plans", "-o", "out"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    outputs(&s.dir.path().join("out"))
}

/// Every plan folder in `out` is one version's, whole, and nothing else is
/// there (no staging folder, no half-written plan).
fn each_folder_is_whole(out: &Path, versions: &[&Outputs], allow_stale: bool) {
    for (name, files) in outputs(out) {
        if name.starts_with('.') && allow_stale {
            continue;
        }
        let whole = versions.iter().any(|v| v.get(&name) == Some(&files));
        assert!(whole, "`{name}` is not one version's outputs, whole");
    }
    for v in versions {
        for name in v.keys() {
            assert!(out.join(name).is_dir(), "`{name}` is missing");
        }
    }
}

#[test]
fn two_builds_into_one_folder_leave_each_plan_whole() {
    const PLANS: usize = 6;
    let (v1, v2) = (reference(PLANS, "v1"), reference(PLANS, "v2"));
    let a = Scratch::new();
    plans_folder(&a, PLANS, "v1");
    let b = Scratch::new();
    plans_folder(&b, PLANS, "v2");
    let out = a.dir.path().join("out");
    let spawn = |s: &Scratch| {
        crate::support::almanac()
            .args(["build", "plans", "-o"])
            .arg(&out)
            .current_dir(s.dir.path())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs")
    };
    for _ in 0..2 {
        let (pa, pb) = (spawn(&a), spawn(&b));
        for p in [pa, pb] {
            let o = p.wait_with_output().expect("wait");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        each_folder_is_whole(&out, &[&v1, &v2], false);
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_each_plan_whole_and_the_next_build_works() {
    const PLANS: usize = 8;
    let (v1, v2) = (reference(PLANS, "v1"), reference(PLANS, "v2"));
    let s = Scratch::new();
    plans_folder(&s, PLANS, "v1");
    let out = s.dir.path().join("out");
    assert_eq!(s.run(&["build", "plans", "-o", "out"]).code, 0);
    plans_folder(&s, PLANS, "v2");
    // How long a whole build takes here, to kill builds all through it.
    let started = Instant::now();
    assert_eq!(s.run(&["build", "plans", "-o", "out"]).code, 0);
    let whole = started.elapsed();
    plans_folder(&s, PLANS, "v1");
    assert_eq!(s.run(&["build", "plans", "-o", "out"]).code, 0);
    for (i, version) in (0..12u32).zip(["v2", "v1"].iter().cycle()) {
        plans_folder(&s, PLANS, version);
        let mut child = crate::support::almanac()
            .args(["build", "plans", "-o", "out"])
            .current_dir(s.dir.path())
            .stderr(Stdio::null())
            .spawn()
            .expect("runs");
        // From early in the run to just past its end, in even steps.
        std::thread::sleep(whole.mul_f64(0.3 + 0.07 * f64::from(i)));
        let _ = child.kill();
        let _ = child.wait();
        each_folder_is_whole(&out, &[&v1, &v2], true);
    }
    plans_folder(&s, PLANS, "v2");
    let r = s.run(&["build", "plans", "-o", "out"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        outputs(&out),
        v2,
        "the next build is whole and leaves nothing stale"
    );
}

// --------------------------------------------------------- bounded work

#[test]
fn a_template_that_loops_without_end_runs_out_of_fuel() {
    let s = Scratch::new().file("p.toml", PLAN).file(
        "tpl/tasks.md.j2",
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}\n",
    );
    let r = run_within(
        s.dir.path(),
        120,
        &[
            "build",
            "p.toml",
            "-o",
            "out",
            "--templates",
            "tpl",
            "--only",
            "markdown",
        ],
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("error[T001]: template error"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("ran out of fuel"), "{}", r.stderr);
    assert!(r.stderr.contains(" --> tpl/tasks.md.j2:1:"), "{}", r.stderr);
    assert!(!s.dir.path().join("out").exists());
}

#[test]
fn template_files_that_link_out_of_their_folder_are_not_read() {
    let outside = Scratch::new().file("x.j2", "secret line {{ 1 }}\n");
    let s = Scratch::new().file("p.toml", PLAN).file("tpl/README", "");
    symlink(
        outside.dir.path().join("x.j2"),
        s.dir.path().join("tpl/tasks.md.j2"),
    )
    .expect("link");
    let r = s.run(&["build", "p.toml", "-o", "out", "--templates", "tpl"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("it is outside the folder `tpl`"),
        "{}",
        r.stderr
    );
    assert!(!s.dir.path().join("out").exists());
}

#[test]
fn dates_are_bounded_to_1900_through_2200_with_a_located_error() {
    let cases = [
        (
            "[holidays.x]\nname = \"x\"\noff = \"0001-01-01..9999-12-31\"\n",
            "0001-01-01",
            7,
            8,
        ),
        (
            "[campaigns.a]\nwindow = \"2026-03-01..+300000d\"\n",
            "2847-07-15",
            6,
            23,
        ),
        (
            "[campaigns.a]\nwindow = \"2201-01-01\"\n",
            "2201-01-01",
            6,
            11,
        ),
    ];
    for (section, date, line, col) in cases {
        let s = Scratch::new().file("p.toml", format!("{PLAN}{section}"));
        let r = run_within(s.dir.path(), 30, &["build", "p.toml", "-o", "out"], &[]);
        assert_eq!(r.code, 1, "{section}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "error[S006]: {date} is outside the years almanac plans, 1900 to 2200"
            )),
            "{section}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&format!(" --> p.toml:{line}:{col}")),
            "{}",
            r.stderr
        );
        assert!(!s.dir.path().join("out").exists());
    }
    let s = Scratch::new().file("p.toml", PLAN.replace("year = 2026", "year = 99999"));
    let r = s.run(&["check", "p.toml"]);
    assert!(
        r.stderr.contains("`99999` is not a year almanac can plan"),
        "{}",
        r.stderr
    );
    // The widest range allowed checks quickly and is not an error.
    let s = Scratch::new().file(
        "p.toml",
        format!("{PLAN}[holidays.x]\nname = \"x\"\noff = \"1900-01-01..2200-12-31\"\n"),
    );
    let r = run_within(s.dir.path(), 30, &["check", "p.toml"], &[]);
    assert!(!r.stderr.contains("error["), "{}", r.stderr);
}

// ---------------------------------------------------------- diagnostics

#[test]
fn diagnostics_never_echo_control_characters_or_whole_long_lines() {
    // An escape sequence that would retitle a terminal, then clear it, in a
    // value a diagnostic quotes; and an unknown key on a 6 MB line.
    let long = "a".repeat(6_000_000);
    let plan = format!(
        "{PLAN}\n[campaigns.x]\nwindow = \"Q1\"\nchannels = [\"\\u001b]0;pwned\\u0007\\u001b[2J{long}\"]\n\
         \n[people.y]\nname = \"{long}\"\nrole = \"r\"\nzzz = 1\n"
    );
    let s = Scratch::new().file("p.toml", plan);
    for format in ["human", "short", "github", "json", "sarif"] {
        let r = run_within(
            s.dir.path(),
            60,
            &["check", "--color", "never", "--format", format, "p.toml"],
            &[],
        );
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        let all = format!("{}{}", r.stdout, r.stderr);
        // SARIF also describes every rule (about 45 kB), whatever the plan.
        let most = if format == "sarif" { 80_000 } else { 20_000 };
        assert!(all.len() < most, "{format}: {} bytes of output", all.len());
        assert!(
            !all.contains(['\u{1b}', '\u{7}']),
            "{format} echoes a control character"
        );
        assert!(
            all.contains("R001") && all.contains("S003"),
            "{format}: {all}"
        );
    }
    let r = s.run(&["check", "--color", "never", "p.toml"]);
    assert!(
        r.stderr.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"),
        "{}",
        r.stderr
    );
}
