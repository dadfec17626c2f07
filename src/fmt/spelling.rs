//! How values are spelt: TOML 1.0 in place of 1.1-only syntax, and the
//! whitespace of expression strings.

use toml_edit::Value;

use super::layout::uses_toml_1_1_escapes;
use crate::format::ExprKind;
use crate::syntax::expr::parses;

/// Rewrites a value written with syntax only TOML 1.1 has: `\e` and `\xHH`
/// escapes in strings, times without seconds (`07:30` → `07:30:00`).
pub fn toml_1_0(v: &mut Value) {
    let replacement = match v {
        Value::String(f) => {
            let newer = f
                .as_repr()
                .and_then(|r| r.as_raw().as_str())
                .is_some_and(uses_toml_1_1_escapes);
            newer.then(|| Value::from(f.value().clone()))
        }
        Value::Datetime(f) => {
            let mut dt = *f.value();
            match &mut dt.time {
                Some(t) if t.second.is_none() => {
                    t.second = Some(0);
                    Some(Value::from(dt))
                }
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(mut new) = replacement {
        *new.decor_mut() = v.decor().clone();
        *v = new;
    }
}

/// An expression string with its runs of spaces made one and no spaces at
/// either end — only when the text parses as `ex` before and after, and
/// only for one-line strings (whose quotes are kept). `None` when nothing
/// changes.
pub fn expression(v: &Value, ex: ExprKind) -> Option<Value> {
    let Value::String(f) = v else {
        return None;
    };
    let raw = f.as_repr()?.as_raw().as_str()?;
    if raw.starts_with("\"\"\"") || raw.starts_with("'''") || raw.len() < 2 {
        return None;
    }
    let quote = &raw[..1];
    let inner = &raw[1..raw.len() - 1];
    let tidy = collapse_spaces(inner.trim_matches(' '));
    if tidy == inner {
        return None;
    }
    let mut new: Value = format!("{quote}{tidy}{quote}").parse().ok()?;
    let Value::String(g) = &new else {
        return None;
    };
    if !parses(ex, f.value()) || !parses(ex, g.value()) {
        return None;
    }
    *new.decor_mut() = v.decor().clone();
    Some(new)
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' {
            if !space {
                out.push(c);
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelt(raw: &str, ex: ExprKind) -> String {
        let v: Value = raw.parse().expect("value");
        expression(&v, ex).map_or(raw.to_string(), |n| n.to_string().trim().to_string())
    }

    #[test]
    fn expression_spaces_are_tidied_when_the_meaning_is_the_same() {
        assert_eq!(
            spelt(r#""  spring_festival  -   7d ""#, ExprKind::Date),
            r#""spring_festival - 7d""#
        );
        assert_eq!(spelt("'every  wed'", ExprKind::Recurrence), "'every wed'");
        // Not an expression it can read: left alone.
        assert_eq!(
            spelt(r#""every  wedd  x""#, ExprKind::Date),
            r#""every  wedd  x""#
        );
        // Units are never rewritten.
        assert_eq!(spelt(r#""¥1.2M""#, ExprKind::Amount), r#""¥1.2M""#);
        assert_eq!(
            spelt(r#""after  brief + 2wd""#, ExprKind::Due),
            r#""after brief + 2wd""#
        );
    }

    #[test]
    fn toml_1_1_values_are_written_in_1_0() {
        let mut v: Value = r#""a\e""#.parse().expect("value");
        toml_1_0(&mut v);
        assert_eq!(v.to_string(), r#""a\u001B""#);
        let mut v: Value = "07:30".parse().expect("value");
        toml_1_0(&mut v);
        assert_eq!(v.to_string(), "07:30:00");
    }
}
