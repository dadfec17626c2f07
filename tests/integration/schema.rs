//! The JSON Schema for editors: `schema/plan.schema.json` is what
//! `almanac schema` prints, every example plan and fragment validates against
//! it, each key is documented, and documents the reader refuses are refused.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{repo, run_in};

const SCHEMA_FILE: &str = "schema/plan.schema.json";

fn schema() -> Value {
    serde_json::from_str(&almanac::schema::plan_schema_text()).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("the schema is a valid draft-07 schema")
}

/// A TOML document as the JSON value an editor validates.
fn toml_to_json(text: &str) -> Value {
    let v: toml::Value = toml::from_str(text).expect("valid TOML");
    serde_json::to_value(v).expect("TOML converts to JSON")
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            toml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

#[test]
fn the_schema_file_is_up_to_date() {
    let r = run_in(&repo(), &["schema"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let kept = std::fs::read_to_string(repo().join(SCHEMA_FILE)).unwrap_or_default();
    assert!(
        kept == r.stdout,
        "{SCHEMA_FILE} is out of date with `almanac schema`; regenerate it with\n\n    \
         cargo run -- schema > {SCHEMA_FILE}\n"
    );
    // Deterministic: a second run prints the same bytes.
    assert_eq!(run_in(&repo(), &["schema"]).stdout, r.stdout);
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
}

#[test]
fn every_plan_and_fragment_validates() {
    let v = validator();
    let mut files = Vec::new();
    toml_files(&repo().join("plans"), &mut files);
    assert!(files.len() >= 4, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        let rel = f.strip_prefix(repo().join("plans")).expect("under plans");
        let up = "../".repeat(rel.components().count());
        assert!(
            text.starts_with(&format!("#:schema {up}{SCHEMA_FILE}\n\n")),
            "{} should start with `#:schema {up}{SCHEMA_FILE}` and a blank line",
            f.display()
        );
        let found = errors(&v, &toml_to_json(&text));
        assert!(found.is_empty(), "{}: {found:#?}", f.display());
    }
}

#[test]
fn the_starter_plans_validate() {
    let v = validator();
    for locale in ["zh-CN", "en"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let r = run_in(dir.path(), &["init", "--locale", locale]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let text = std::fs::read_to_string(dir.path().join("plan.toml")).expect("written");
        let found = errors(&v, &toml_to_json(&text));
        assert!(found.is_empty(), "{locale}: {found:#?}");
    }
}

#[test]
fn invalid_documents_are_rejected() {
    let v = validator();
    let bad = [
        // An unknown key, at the top level and in a section.
        ("top-level typo", json!({ "peple": {} })),
        (
            "unknown key in a channel",
            json!({ "channels": { "wechat": { "slots_per_wek": 7 } } }),
        ),
        (
            "unknown key in a task",
            json!({ "campaigns": { "c": { "window": "Q3", "tasks": { "t": { "due": "start", "ownr": "li" } } } } }),
        ),
        // Wrong types.
        ("year as a string", json!({ "plan": { "year": "2026" } })),
        (
            "slots as a string",
            json!({ "channels": { "wechat": { "slots_per_week": "7" } } }),
        ),
        ("a share as a number", json!({ "reserve": { "share": 20 } })),
        (
            "flagship as a string",
            json!({ "campaigns": { "c": { "window": "Q3", "flagship": "yes" } } }),
        ),
        // Required keys and malformed expressions.
        (
            "a campaign without a window",
            json!({ "campaigns": { "c": { "name": "x" } } }),
        ),
        (
            "year and period",
            json!({ "plan": { "year": 2026, "period": "2026-04-01..2027-03-31" } }),
        ),
        (
            "a full-width share",
            json!({ "reserve": { "share": "２０％" } }),
        ),
        (
            "a duration without a unit",
            json!({ "people": { "li": { "capacity": "40" } } }),
        ),
        (
            "commas in money",
            json!({ "budget": { "total": "1,200,000" } }),
        ),
        (
            "a range with a tilde",
            json!({ "moments": { "m": { "date": "05-01~05-05" } } }),
        ),
        (
            "not a recurrence",
            json!({ "columns": { "c": { "every": "wednesdays" } } }),
        ),
        (
            "an unknown severity",
            json!({ "rules": { "B001": "fatal" } }),
        ),
        ("an unknown rule", json!({ "rules": { "B999": "warn" } })),
        (
            "an unknown rule setting",
            json!({ "rules": { "budget-shares": { "tolerence": "1pp" } } }),
        ),
        ("a fixed rule", json!({ "rules": { "S003": "allow" } })),
        (
            "amount and share",
            json!({ "budget": { "ads": { "amount": "¥1M", "share": "60%" } } }),
        ),
        ("an id with a space", json!({ "people": { "li lei": {} } })),
    ];
    for (what, doc) in bad {
        assert!(!v.is_valid(&doc), "{what} should be rejected: {doc}");
    }
    let good = [
        json!({ "rules": { "b001": "warn", "no-holiday-schedule": "allow", "flagship-overlap": { "severity": "warn", "max": 2 } } }),
        json!({ "budget": { "total": 5_000_000, "ads": { "share": "60%", "feed": "50%", "search": { "share": "50%" } }, "kol": "30%", "tools": "10%" } }),
        json!({ "campaigns": { "c": { "window": "Q3", "budget": "25% of kol", "tasks": { "t": { "after": ["a"], "duration": "3wd" } } } } }),
        json!({ "plan": { "period": "2026-04-01..2027-03-31", "locale": "en_GB", "working_week": ["sun", "mon..thu"] } }),
    ];
    for doc in good {
        assert!(v.is_valid(&doc), "{doc}: {:#?}", errors(&v, &doc));
    }
}

/// Every key of every table has a description and examples, and the
/// examples are valid against the key's own schema.
#[test]
fn every_key_is_documented_with_valid_examples() {
    let root = schema();
    let definitions = root["definitions"].clone();
    let mut keys = 0;
    visit(&root, "#", &definitions, &mut keys);
    assert!(keys > 100, "only {keys} keys");
}

fn visit(s: &Value, at: &str, definitions: &Value, keys: &mut usize) {
    match s {
        Value::Object(o) => {
            if let Some(Value::Object(props)) = o.get("properties") {
                for (k, p) in props {
                    *keys += 1;
                    let p = resolve(p, definitions);
                    assert!(
                        p.get("description")
                            .and_then(Value::as_str)
                            .is_some_and(|d| !d.is_empty()),
                        "{at}/{k} has no description"
                    );
                    let examples = p.get("examples").and_then(Value::as_array);
                    assert!(
                        examples.is_some_and(|e| !e.is_empty()),
                        "{at}/{k} has no examples"
                    );
                    let mut own = p.clone();
                    own["definitions"] = definitions.clone();
                    let v = jsonschema::draft7::new(&own).expect("a valid schema");
                    for e in examples.into_iter().flatten() {
                        assert!(v.is_valid(e), "{at}/{k}: example {e} is invalid");
                    }
                }
            }
            for (k, v) in o {
                if k != "definitions" || at == "#" {
                    visit(v, &format!("{at}/{k}"), definitions, keys);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                visit(v, &format!("{at}/{i}"), definitions, keys);
            }
        }
        _ => {}
    }
}

fn resolve<'a>(s: &'a Value, definitions: &'a Value) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => &definitions[r.trim_start_matches("#/definitions/")],
        None => s,
    }
}
