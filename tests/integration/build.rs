//! `almanac build`: the outputs of the example plans, read back with real
//! parsers; determinism across processes and time zones; atomic writes.

use std::path::{Path, PathBuf};
use std::process::Command;

use almanac::build::{BuildOptions, build};
use almanac::emit::Target;
use almanac::schedule::Kind;
use almanac::world::{MemOut, MemWorld, World};

use crate::support::{Scratch, all_files, repo};

/// Builds the example plans into a fresh folder; returns it.
fn build_examples(extra_env: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let out = crate::support::almanac()
        .args(["build", "plans", "-o"])
        .arg(dir.path())
        .current_dir(repo())
        .envs(extra_env.iter().copied())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn builds_are_byte_identical_across_processes_and_time_zones() {
    let a = build_examples(&[("TZ", "Asia/Shanghai"), ("LANG", "zh_CN.UTF-8")]);
    let b = build_examples(&[("TZ", "America/Los_Angeles"), ("LANG", "C")]);
    let (fa, fb) = (all_files(a.path()), all_files(b.path()));
    // Three plans, each with every output (the calendar target writes the
    // team's feed and the review feed).
    assert_eq!(fa.len(), 3 * (Target::ALL.len() + 1));
    assert!(fa == fb, "outputs differ between builds");
    let c = build_examples(&[("SOURCE_DATE_EPOCH", "1767225600")]);
    let ics =
        String::from_utf8(read(&c.path().join("new-media-2026/calendar.ics"))).expect("utf-8");
    assert!(ics.contains("DTSTAMP:20260101T000000Z\r\n"));
}

#[test]
fn calendar_lines_are_crlf_folded_at_75_octets_and_parse() {
    let dir = build_examples(&[]);
    for plan in ["new-media-2026", "northbeam-2027"] {
        let bytes = read(&dir.path().join(plan).join("calendar.ics"));
        assert!(bytes.ends_with(b"\r\n"));
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
        for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if line.is_empty() {
                continue;
            }
            assert!(
                line.ends_with(b"\r"),
                "{plan} line {i} does not end in CRLF"
            );
            let body = &line[..line.len() - 1];
            assert!(
                body.len() <= 75,
                "{plan} line {i} has {} octets",
                body.len()
            );
            assert!(
                std::str::from_utf8(body).is_ok(),
                "{plan} line {i} splits a UTF-8 sequence"
            );
        }
        let text = String::from_utf8(bytes).expect("utf-8");
        let unfolded = icalendar::parser::unfold(&text);
        let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
        let events: Vec<_> = cal
            .components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .collect();
        assert!(events.len() > 10, "{plan}: {} events", events.len());
        for e in &events {
            assert!(e.find_prop("UID").is_some() && e.find_prop("DTSTAMP").is_some());
        }
    }
}

#[test]
fn a_column_is_one_event_with_rrule_and_exdates() {
    let dir = build_examples(&[]);
    let text =
        String::from_utf8(read(&dir.path().join("new-media-2026/calendar.ics"))).expect("utf-8");
    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let vlog: Vec<_> = cal
        .components
        .iter()
        .filter(|c| {
            c.name == "VEVENT"
                && c.find_prop("SUMMARY")
                    .is_some_and(|p| p.val.as_str() == "探店vlog")
        })
        .collect();
    assert_eq!(vlog.len(), 1, "one VEVENT for the weekly column");
    let e = vlog[0];
    assert_eq!(
        e.find_prop("DTSTART").expect("start").val.as_str(),
        "20260107"
    );
    assert_eq!(
        e.find_prop("RRULE").expect("rrule").val.as_str(),
        "FREQ=WEEKLY;INTERVAL=1;BYDAY=WE;WKST=MO;UNTIL=20261230"
    );
    // Wednesdays that are holidays: 02-18 (Spring Festival), 09-30? no — 10-07 (National Day).
    let ex: Vec<&str> = e
        .properties
        .iter()
        .filter(|p| p.name == "EXDATE")
        .map(|p| p.val.as_str())
        .collect();
    assert_eq!(ex, ["20260218,20261007"]);
    // The fan day at 20:00 carries the plan's zone, and the file a VTIMEZONE.
    assert!(text.contains("DTSTART;TZID=Asia/Shanghai:20260102T200000\r\n"));
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n"));
}

#[test]
fn daylight_saving_zones_get_their_transitions() {
    let dir = build_examples(&[]);
    let text =
        String::from_utf8(read(&dir.path().join("northbeam-2027/calendar.ics"))).expect("utf-8");
    // Berlin 2027: summer time from 28 March 02:00, winter time from 31 October 03:00.
    assert!(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"), "{}", &text[..2000.min(text.len())]);
    assert!(text.contains(
        "BEGIN:STANDARD\r\nDTSTART:20271031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    ));
    assert!(text.contains("DTSTART;TZID=Europe/Berlin:20270105T090000\r\n"));
}

#[test]
fn csv_reads_back_to_the_json_rows() {
    let dir = build_examples(&[]);
    let csv_bytes = read(&dir.path().join("new-media-2026/tasks.csv"));
    assert!(csv_bytes.starts_with(b"\xEF\xBB\xBF"), "BOM by default");
    let mut r = csv::Reader::from_reader(&csv_bytes[3..]);
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header[0], "编号");
    assert_eq!(header.len(), 15);
    let records: Vec<csv::StringRecord> = r.records().map(|x| x.expect("record")).collect();
    let json: serde_json::Value =
        serde_json::from_slice(&read(&dir.path().join("new-media-2026/tasks.json"))).expect("json");
    assert_eq!(json["version"], 1);
    assert_eq!(json["plan"]["id"], "new-media-2026");
    let items = json["items"].as_array().expect("items");
    assert_eq!(records.len(), items.len());
    for (rec, item) in records.iter().zip(items) {
        assert_eq!(&rec[0], item["id"].as_str().expect("id"));
        assert_eq!(&rec[1], item["date"].as_str().expect("date"));
        assert_eq!(&rec[5], item["title"].as_str().expect("title"));
        for key in [
            "id",
            "date",
            "time",
            "weekday",
            "kind",
            "title",
            "owner",
            "owner_id",
            "channels",
            "campaign",
            "column",
            "review_level",
            "hours",
            "raci",
            "publishes",
        ] {
            assert!(item.get(key).is_some(), "item lacks `{key}`");
        }
    }
}

#[test]
fn markdown_is_a_task_list_grouped_by_month_and_owner() {
    let dir = build_examples(&[]);
    let md = String::from_utf8(read(&dir.path().join("northbeam-2027/tasks.md"))).expect("utf-8");
    assert!(md.starts_with("# Northbeam Analytics — Marketing Plan 2027 · Task list\n"));
    assert!(md.contains("\n## January 2027\n\n### Jonas Brandt ("));
    let tasks = md.lines().filter(|l| l.starts_with("- [ ] ")).count();
    let json: serde_json::Value =
        serde_json::from_slice(&read(&dir.path().join("northbeam-2027/tasks.json"))).expect("json");
    assert_eq!(tasks, json["items"].as_array().expect("items").len());
    assert!(!md.contains("\n\n\n"), "no runs of blank lines");
}

fn mem_build(w: &MemWorld) -> Result<almanac::build::Built, almanac::build::BuildError> {
    mem_build_paths(w, &[PathBuf::from("p/plan.toml")])
}

/// Every output of the plans at `paths`, built in memory into `out`.
fn mem_build_paths(
    w: &MemWorld,
    paths: &[PathBuf],
) -> Result<almanac::build::Built, almanac::build::BuildError> {
    let opts = BuildOptions {
        out: PathBuf::from("out"),
        targets: Target::ALL.to_vec(),
        split: None,
        locale: None,
        bom: true,
        templates: None,
        kind: Default::default(),
        pair: false,
        check: Default::default(),
    };
    build(w, paths, &opts)
}

const SMALL: &str = "[plan]\nid = \"p\"\nyear = 2026\n\n[channels.wechat]\nname = \"微信\"\n\n\
                     [columns.c]\nchannel = \"wechat\"\nevery = \"every wed\"\nholidays = \"publish\"\n";

#[test]
fn a_write_failing_half_way_leaves_the_previous_outputs() {
    let mut w = MemWorld::default().with_file("p/plan.toml", SMALL);
    mem_build(&w).expect("first build");
    let before = w.written("out/p/tasks.csv").expect("written");
    // Change the plan, then fail the third write of the next build.
    w.files.insert(
        PathBuf::from("p/plan.toml"),
        SMALL.replace("every wed", "every thu").into_bytes(),
    );
    w.fail_after_writes = Some(w.out.lock().expect("lock").writes + 2);
    let err = mem_build(&w).err().expect("fails");
    assert!(err.to_string().contains("No space left on device"), "{err}");
    assert_eq!(w.written("out/p/tasks.csv"), Some(before));
    assert_eq!(
        w.written_under("out").len(),
        Target::ALL.len() + 1,
        "{:?}",
        w.written_under("out")
    );
}

#[test]
fn a_plan_with_errors_writes_nothing() {
    let s = Scratch::new().file(
        "p.toml",
        "[plan]\nyear = 2026\n[budget]\ntotal = \"¥5M\"\nads = \"80%\"\n",
    );
    let r = s.run(&["build", "p.toml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error[B001]"), "{}", r.stderr);
    assert!(
        r.stderr
            .ends_with("error: nothing written: 1 error (see above)\n"),
        "{}",
        r.stderr
    );
    assert!(!s.dir.path().join("out").exists());
}

#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let s = Scratch::new()
        .file("p.toml", SMALL)
        .file("out/p", "not a folder");
    let r = s.run(&["build", "p.toml"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: cannot write `out/p`: it is a file, not a folder\n"
    );
    assert_eq!(
        std::fs::read_to_string(s.dir.path().join("out/p")).expect("kept"),
        "not a folder"
    );
}

/// Makes a folder immutable (even for root) until dropped.
struct Immutable(PathBuf);

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_output_folder_leaves_the_earlier_outputs() {
    let s = Scratch::new().file("p.toml", SMALL);
    assert_eq!(s.run(&["build", "p.toml"]).code, 0);
    let out = s.dir.path().join("out");
    let before = all_files(&out);
    let status = Command::new("chattr")
        .arg("+i")
        .arg(&out)
        .status()
        .expect("chattr runs");
    assert!(status.success(), "chattr +i must work here");
    let _guard = Immutable(out.clone());
    std::fs::write(
        s.dir.path().join("p.toml"),
        SMALL.replace("every wed", "every fri"),
    )
    .expect("edit");
    let r = s.run(&["build", "p.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("error: cannot write `out/.p.almanac-tmp`: "),
        "{}",
        r.stderr
    );
    assert_eq!(all_files(&out), before);
}

#[test]
fn awkward_text_is_escaped_and_folded_everywhere() {
    let long = "年味实验室".repeat(40);
    let plan = format!(
        "[plan]\nid = \"t\"\nyear = 2026\n\n[people.li]\nname = \"李, 娜; \\\\ 🎉\"\n\n[channels.wechat]\nname = \"微信\"\n\n\
         [campaigns.c]\nname = \"{long}\"\nwindow = \"Q2\"\nchannels = [\"wechat\"]\nowner = \"li\"\n\
         messages = [\"a, b; c\\nd\"]\n\n[campaigns.c.tasks.t]\nname = \"Brief: \\\"one\\\", two; three\\\\four\\n第二行 🎉\"\n\
         owner = \"li\"\ndue = \"start - 5wd\"\n"
    );
    let s = Scratch::new().file("p.toml", plan);
    let r = s.run(&["build", "p.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ics = std::fs::read_to_string(s.dir.path().join("out/t/calendar.ics")).expect("ics");
    let unfolded = icalendar::parser::unfold(&ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let summaries: Vec<String> = cal
        .components
        .iter()
        .filter_map(|c| c.find_prop("SUMMARY").map(|p| p.val.as_str().to_string()))
        .collect();
    assert!(summaries.contains(&long));
    // The parser unescapes TEXT: what comes back is what the plan said.
    assert!(
        summaries
            .iter()
            .any(|s| s == "截止: Brief: \"one\", two; three\\four\n第二行 🎉"),
        "{summaries:?}"
    );
    assert!(
        ics.contains("Brief: \"one\"\\, two\\; three\\\\four\\n"),
        "escaped on the wire"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75);
    }
    let csv_bytes = std::fs::read(s.dir.path().join("out/t/tasks.csv")).expect("csv");
    let mut rd = csv::Reader::from_reader(&csv_bytes[3..]);
    let rec = rd.records().next().expect("row").expect("ok");
    assert_eq!(&rec[5], "Brief: \"one\", two; three\\four\n第二行 🎉");
    assert_eq!(&rec[6], "李, 娜; \\ 🎉");
    let md = std::fs::read_to_string(s.dir.path().join("out/t/tasks.md")).expect("md");
    assert!(
        md.contains("**Brief: \"one\", two; three\\\\four 第二行 🎉**"),
        "{md}"
    );
}

#[test]
fn a_broken_template_override_is_located() {
    let s = Scratch::new().file("p.toml", SMALL).file(
        "tpl/tasks.md.j2",
        "# {{ plan.name }}\n{% for m in months %}\n{{ m.label }\n{% endfor %}\n",
    );
    let r = s.run(&["build", "p.toml", "--templates", "tpl"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with("error[T001]: template error: "),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--> tpl/tasks.md.j2:3:"), "{}", r.stderr);
    assert!(!s.dir.path().join("out").exists());
}

#[test]
fn a_template_override_can_extend_the_builtin() {
    let s = Scratch::new().file("p.toml", SMALL).file(
        "tpl/tasks.md.j2",
        "<!-- team header -->\n{% include \"__builtin/tasks.md.j2\" %}",
    );
    let r = s.run(&[
        "build",
        "p.toml",
        "--templates",
        "tpl",
        "--only",
        "markdown",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = std::fs::read_to_string(s.dir.path().join("out/p/tasks.md")).expect("md");
    assert!(
        md.starts_with("<!-- team header -->\n# p · 任务清单\n"),
        "{md}"
    );
    assert_eq!(
        std::fs::read_dir(s.dir.path().join("out/p"))
            .expect("dir")
            .count(),
        1,
        "--only markdown writes only tasks.md"
    );
}

#[test]
fn split_by_owner_and_english_labels() {
    let s = Scratch::new().file("p.toml", SMALL);
    let r = s.run(&[
        "build",
        "p.toml",
        "--split",
        "channel",
        "--locale",
        "en",
        "--no-bom",
        "--only",
        "calendar,csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ics = std::fs::read_to_string(s.dir.path().join("out/p/calendar-wechat.ics"))
        .expect("per channel");
    assert!(ics.contains("X-WR-CALNAME:p · 微信\r\n"));
    let csv_text = std::fs::read_to_string(s.dir.path().join("out/p/tasks.csv")).expect("csv");
    assert!(
        csv_text.starts_with("ID,Date,Time,Weekday,Kind,Title,"),
        "{csv_text}"
    );
    let _ = World::exists(&MemWorld::default(), Path::new("x"));
}

/// Every column's days, as the calendar gives them (RRULE less EXDATE, plus
/// single events), equal the schedule's episodes.
#[test]
fn calendar_occurrences_equal_the_schedule() {
    let dir = build_examples(&[]);
    for plan_file in ["new-media-2026", "northbeam-2027"] {
        let checked = almanac::check::check_paths(
            &almanac::world::OsWorld,
            &[repo().join("plans").join(format!("{plan_file}.toml"))],
        )
        .expect("checks");
        let (plan, schedule) = (&checked.plans[0], &checked.schedules[0]);
        let text = String::from_utf8(read(&dir.path().join(plan_file).join("calendar.ics")))
            .expect("utf-8");
        let unfolded = icalendar::parser::unfold(&text);
        let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
        for (k, col) in plan.columns.iter().enumerate() {
            let expected: Vec<String> = schedule
                .items
                .iter()
                .filter(|i| i.column == Some(k))
                .filter(|i| matches!(i.kind, Kind::Episode | Kind::Ritual))
                .map(|i| i.start.format("%Y%m%d").to_string())
                .collect();
            // A ritual's events are named like its items.
            let (series, single) = if col.ritual {
                ("ritual", "ritual")
            } else {
                ("column", "episode")
            };
            let mut got: Vec<String> = Vec::new();
            for e in cal.components.iter().filter(|c| c.name == "VEVENT") {
                let uid = e.find_prop("UID").expect("uid").val.as_str().to_string();
                let is_rule = uid.starts_with(&format!("{series}-{}@", col.id.name));
                let is_single = uid.starts_with(&format!("{single}-{}-", col.id.name));
                if !is_rule && !is_single {
                    continue;
                }
                let start = e.find_prop("DTSTART").expect("start");
                let params: String = start
                    .params
                    .iter()
                    .map(|p| {
                        format!(
                            ";{}={}",
                            p.key.as_str(),
                            p.val
                                .as_ref()
                                .map_or("", icalendar::parser::ParseString::as_str)
                        )
                    })
                    .collect();
                let Some(rule) = e.find_prop("RRULE") else {
                    got.push(start.val.as_str()[..8].to_string());
                    continue;
                };
                let mut spec = format!(
                    "DTSTART{params}:{}\nRRULE:{}\n",
                    start.val.as_str(),
                    rule.val.as_str()
                );
                for ex in e.properties.iter().filter(|p| p.name == "EXDATE") {
                    let ps: String = ex
                        .params
                        .iter()
                        .map(|p| {
                            format!(
                                ";{}={}",
                                p.key.as_str(),
                                p.val
                                    .as_ref()
                                    .map_or("", icalendar::parser::ParseString::as_str)
                            )
                        })
                        .collect();
                    spec.push_str(&format!("EXDATE{ps}:{}\n", ex.val.as_str()));
                }
                let set: rrule::RRuleSet = spec
                    .trim_end()
                    .parse()
                    .unwrap_or_else(|e| panic!("{spec}: {e}"));
                for d in set.all(5000).dates {
                    got.push(d.format("%Y%m%d").to_string());
                }
            }
            got.sort();
            assert_eq!(got, expected, "{plan_file}: column `{}`", col.id.name);
        }
    }
}

#[test]
fn a_build_killed_between_any_two_changes_leaves_the_old_or_the_new_outputs() {
    // Two plans, so a kill can fall between their swaps too.
    let second = SMALL.replace("id = \"p\"", "id = \"q\"");
    let paths = [PathBuf::from("p/plan.toml"), PathBuf::from("p/second.toml")];
    let run = |w: &MemWorld| mem_build_paths(w, &paths);
    let version = |w: &MemWorld, id: &str| -> Vec<(PathBuf, Vec<u8>)> {
        w.written_under(format!("out/{id}"))
            .into_iter()
            .map(|p| {
                let bytes = w.written(&p).expect("written");
                (p, bytes)
            })
            .collect()
    };
    let mut w = MemWorld::default()
        .with_file("p/plan.toml", SMALL)
        .with_file("p/second.toml", second.as_str());
    run(&w).expect("first build");
    let old = [version(&w, "p"), version(&w, "q")];
    let mut changed = MemWorld::default()
        .with_file("p/plan.toml", SMALL.replace("every wed", "every thu"))
        .with_file("p/second.toml", second.replace("every wed", "every thu"));
    run(&changed).expect("a build of the new plans");
    let new = [version(&changed, "p"), version(&changed, "q")];
    assert_ne!(old, new);
    w.files = std::mem::take(&mut changed.files);
    let start = std::mem::take(&mut *w.out.lock().expect("lock"));
    let mut kills = 0;
    for n in 0.. {
        *w.out.lock().expect("lock") = MemOut {
            files: start.files.clone(),
            dirs: start.dirs.clone(),
            ..Default::default()
        };
        w.die_after_changes = Some(n);
        let finished = run(&w).is_ok();
        for (i, id) in ["p", "q"].into_iter().enumerate() {
            let now = version(&w, id);
            assert!(
                now == old[i] || now == new[i],
                "killed after {n} changes, `out/{id}` is neither version: {:?}",
                now.iter().map(|(p, _)| p).collect::<Vec<_>>()
            );
        }
        // The next build, after the kill, works and leaves nothing stale.
        w.die_after_changes = None;
        run(&w).expect("the build after the kill");
        assert_eq!([version(&w, "p"), version(&w, "q")], new);
        let stale: Vec<PathBuf> = w
            .written_under("out")
            .into_iter()
            .filter(|p| {
                p.components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            })
            .collect();
        assert!(stale.is_empty(), "after a kill at {n}: {stale:?}");
        if finished {
            break;
        }
        kills += 1;
    }
    assert!(kills > 10, "the build made only {kills} changes");
}

/// The events of an iCalendar file, parsed: (UID, SUMMARY, DESCRIPTION).
fn events(p: &Path) -> Vec<(String, String, String)> {
    let text = String::from_utf8(read(p)).expect("utf-8");
    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let prop = |c: &icalendar::parser::Component<'_>, name: &str| {
        c.find_prop(name)
            .map_or(String::new(), |p| p.val.as_str().to_string())
    };
    cal.components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| (prop(c, "UID"), prop(c, "SUMMARY"), prop(c, "DESCRIPTION")))
        .collect()
}

/// The review steps of a plan's `tasks.json`: (id as a UID prefix, owner id).
fn review_steps(tasks_json: &Path) -> Vec<(String, Option<String>)> {
    let v: serde_json::Value = serde_json::from_slice(&read(tasks_json)).expect("json");
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["kind"] == "review")
        .map(|i| {
            let id = i["id"].as_str().expect("id");
            // UIDs write `:` as `-` and `@` as `--`.
            let uid = id.replace(':', "-").replace('@', "--");
            (uid, i["owner_id"].as_str().map(str::to_string))
        })
        .collect()
}

#[test]
fn the_team_calendar_has_no_review_steps_and_the_review_feed_has_them_all() {
    let dir = build_examples(&[]);
    for plan in ["new-media-2026", "northbeam-2027"] {
        let out = dir.path().join(plan);
        let team = events(&out.join("calendar.ics"));
        let reviews = events(&out.join("reviews.ics"));
        let steps = review_steps(&out.join("tasks.json"));
        assert!(!steps.is_empty(), "{plan} has review steps");
        assert!(
            team.iter().all(|(uid, ..)| !uid.starts_with("review-")),
            "{plan}: a review step in the team calendar"
        );
        // Campaigns, moments, blackouts, columns and deadlines stay.
        for prefix in ["campaign-", "moment-", "column-", "task-"] {
            assert!(
                team.iter().any(|(uid, ..)| uid.starts_with(prefix)),
                "{plan}: no {prefix} event in the team calendar"
            );
        }
        let mut got: Vec<&str> = reviews.iter().map(|(uid, ..)| uid.as_str()).collect();
        got.sort_unstable();
        let mut want: Vec<String> = steps
            .iter()
            .map(|(id, _)| format!("{id}@{plan}.almanac"))
            .collect();
        want.sort();
        assert_eq!(got, want, "{plan}: the review feed holds every review step");
    }
    // The 2026 example: tens of events for the team, hundreds of reviews.
    let team = events(&dir.path().join("new-media-2026/calendar.ics"));
    let reviews = events(&dir.path().join("new-media-2026/reviews.ics"));
    assert!(team.len() < 50, "{} team events", team.len());
    assert!(reviews.len() > 400, "{} review steps", reviews.len());
}

#[test]
fn each_owners_feed_holds_their_own_review_steps() {
    let s = Scratch::new().with_examples(|t| t);
    let r = s.run(&[
        "build",
        "plans/new-media-2026.toml",
        "--split",
        "owner",
        "-o",
        "split",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = s.dir.path().join("split/new-media-2026");
    assert!(
        !out.join("calendar.ics").exists(),
        "split instead of one feed"
    );
    let steps = review_steps(&out.join("tasks.json"));
    let mut owners: Vec<String> = steps.iter().filter_map(|(_, o)| o.clone()).collect();
    owners.sort();
    owners.dedup();
    assert!(owners.len() > 1, "{owners:?}");
    let mut seen = 0;
    for entry in std::fs::read_dir(&out).expect("dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let Some(id) = name
            .strip_prefix("calendar-")
            .and_then(|n| n.strip_suffix(".ics"))
        else {
            continue;
        };
        let mut got: Vec<String> = events(&out.join(&name))
            .into_iter()
            .map(|(uid, ..)| uid)
            .filter(|uid| uid.starts_with("review-"))
            .collect();
        got.sort();
        let mut want: Vec<String> = steps
            .iter()
            .filter(|(_, o)| o.as_deref() == Some(id))
            .map(|(uid, _)| format!("{uid}@new-media-2026.almanac"))
            .collect();
        want.sort();
        assert_eq!(
            got, want,
            "{name}: its owner's review steps, and only those"
        );
        seen += got.len();
    }
    assert_eq!(
        seen,
        steps.iter().filter(|(_, o)| o.is_some()).count(),
        "every assigned review step is in its owner's feed"
    );
    // The review feed is written beside the split ones, whole.
    assert_eq!(events(&out.join("reviews.ics")).len(), steps.len());

    // Split by channel: the team's feeds, without review steps.
    let r = s.run(&[
        "build",
        "plans/new-media-2026.toml",
        "--split",
        "channel",
        "--only",
        "calendar",
        "-o",
        "by-channel",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = s.dir.path().join("by-channel/new-media-2026");
    let mut feeds = 0;
    for entry in std::fs::read_dir(&out).expect("dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.starts_with("calendar-") {
            feeds += 1;
            assert!(
                events(&out.join(&name))
                    .iter()
                    .all(|(uid, ..)| !uid.starts_with("review-")),
                "{name} holds a review step"
            );
        }
    }
    assert!(feeds > 1);
    assert_eq!(events(&out.join("reviews.ics")).len(), steps.len());
}

/// The data `timeline.html` draws from (its `timeline-data` script).
fn timeline_data(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"timeline-data\">";
    let start = html.find(open).expect("the data element") + open.len();
    let end = start + html[start..].find("</script>").expect("its end");
    serde_json::from_str(&html[start..end]).expect("the data is JSON")
}

#[test]
fn the_timeline_shows_what_the_task_list_schedules() {
    let dir = build_examples(&[]);
    let html =
        String::from_utf8(read(&dir.path().join("new-media-2026/timeline.html"))).expect("utf-8");
    let data = timeline_data(&html);
    let tasks: serde_json::Value =
        serde_json::from_slice(&read(&dir.path().join("new-media-2026/tasks.json"))).expect("json");
    let items = tasks["items"].as_array().expect("items");
    // Every item that publishes is a post on its date, once per channel.
    let posts = data["posts"].as_array().expect("posts");
    let mut expected = 0;
    for it in items.iter().filter(|i| i["publishes"] == true) {
        let channels = it["channels"].as_array().expect("channels").len().max(1);
        let on: Vec<_> = posts.iter().filter(|p| p[5] == it["id"]).collect();
        assert_eq!(on.len(), channels, "{}", it["id"]);
        assert!(on.iter().all(|p| p[0] == it["date"]), "{}", it["id"]);
        expected += channels;
    }
    assert_eq!(posts.len(), expected, "nothing but the publish items");
    // No column publishes on 02-18, the fourth day of Spring Festival.
    assert!(posts.iter().all(|p| p[0] != "2026-02-18"));
    // Each column's line has exactly its episodes as marks.
    for row in data["rows"].as_array().expect("rows") {
        if row["kind"] != "episode" {
            continue;
        }
        let column = row["id"]
            .as_str()
            .expect("id")
            .trim_start_matches("episode:");
        let dates: Vec<&serde_json::Value> = items
            .iter()
            .filter(|i| {
                i["kind"] == "episode"
                    && i["id"].as_str().expect("id").split(':').nth(1) == Some(column)
            })
            .map(|i| &i["date"])
            .collect();
        let marks: Vec<&serde_json::Value> =
            row["marks"].as_array().expect("marks").iter().collect();
        assert_eq!(marks, dates, "{column}");
    }
    // Review deadlines: every review step of tasks.json is on some line.
    let reviews = items.iter().filter(|i| i["kind"] == "review").count();
    let on_rows: usize = data["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["reviews"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(on_rows, reviews);
    // The three flagships, and the Spring Festival days of February.
    let flagships: Vec<&str> = data["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["flagship"] == true)
        .map(|r| r["name"].as_str().expect("name"))
        .collect();
    assert_eq!(flagships, ["年味实验室", "城市探索指南", "理性消费倡导"]);
    let special: Vec<(String, String)> = data["special"]
        .as_array()
        .expect("special")
        .iter()
        .filter(|s| s[0].as_str().is_some_and(|d| d.starts_with("2026-02")))
        .map(|s| {
            (
                s[0].as_str().expect("date")[8..].to_string(),
                s[1].as_str().expect("kind").to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("14", "work"),
        ("15", "off"),
        ("16", "off"),
        ("17", "off"),
        ("18", "off"),
        ("19", "off"),
        ("20", "off"),
        ("21", "off"),
        ("22", "off"),
        ("23", "off"),
        ("28", "work"),
    ]
    .iter()
    .map(|(d, k)| (d.to_string(), k.to_string()))
    .collect();
    assert_eq!(special, want);
    assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("<h2>2026年2月</h2>"));
}

#[test]
fn only_timeline_writes_the_timeline_alone_in_the_language_asked() {
    let s = Scratch::new().with_examples(|t| t);
    let r = s.run(&[
        "build",
        "plans/northbeam-2027.toml",
        "--only",
        "timeline",
        "--locale",
        "zh-CN",
        "-o",
        "out",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files: Vec<String> = std::fs::read_dir(s.dir.path().join("out/northbeam-2027"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["timeline.html"]);
    let html = String::from_utf8(read(&s.dir.path().join("out/northbeam-2027/timeline.html")))
        .expect("utf-8");
    let data = timeline_data(&html);
    assert_eq!(data["lang"], "zh-CN");
    // The plan declares Berlin's holidays instead of China's calendar.
    assert!(
        data["special"]
            .as_array()
            .expect("special")
            .iter()
            .all(|s| s[1] == "off")
    );
    assert!(html.contains("<h2>2027年1月</h2>"));
}
