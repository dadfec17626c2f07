//! User rules and the dotted names they use: `sum(budget.ads.*) <= 60% of
//! budget.total`. A value is a name, a call, money, a share or a number,
//! combined with `+ - * /` by precedence (a Pratt parser); an assertion
//! compares two values, once. The number of operands is bounded, since
//! the tree is built recursively.

use std::sync::LazyLock;

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use crate::ratio::Ratio;
use crate::syntax::ast::{Assertion, BinOp, CmpOp, Path, Segment, Value};
use crate::tr;

use super::grammar::Rule;
use super::number::{decimal_text, money, number_too_large, share};
use super::{Res, err, internal, loc_of, next, span};

/// Operands in one arithmetic expression (the tree is built recursively).
const MAX_TERMS: usize = 256;

pub(super) fn path(p: &Pair<'_, Rule>) -> Path {
    let segments = p
        .as_str()
        .split('.')
        .map(|s| {
            if s == "*" {
                Segment::Wildcard
            } else {
                Segment::Name(s.to_string())
            }
        })
        .collect();
    Path {
        segments,
        loc: loc_of(p),
    }
}

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::infix(Rule::op_mul, Assoc::Left) | Op::infix(Rule::op_div, Assoc::Left))
});

fn value_expr(p: Pair<'_, Rule>) -> Res<Value> {
    let loc = loc_of(&p);
    let pairs = p.into_inner();
    if pairs.len() > 2 * MAX_TERMS {
        return Err(err(
            loc,
            tr!(
                "表达式太长：一次计算最多 {MAX_TERMS} 个值",
                "too long: at most {MAX_TERMS} values in one calculation"
            ),
        ));
    }
    PRATT
        .map_primary(value_term)
        .map_infix(|left, op, right| {
            let (left, right) = (left?, right?);
            let op = match op.as_rule() {
                Rule::op_add => BinOp::Add,
                Rule::op_sub => BinOp::Sub,
                Rule::op_mul => BinOp::Mul,
                _ => BinOp::Div,
            };
            let loc = span(left.loc().start, right.loc().end);
            Ok(Value::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
                loc,
            })
        })
        .parse(pairs)
}

fn value_term(p: Pair<'_, Rule>) -> Res<Value> {
    let loc = loc_of(&p);
    match p.as_rule() {
        Rule::paren => {
            let inner = p
                .into_inner()
                .find(|k| k.as_rule() == Rule::value_expr)
                .ok_or_else(|| internal(loc))?;
            value_expr(inner)
        }
        Rule::call => {
            let mut k = p.into_inner();
            let f = next(&mut k, loc)?;
            let arg = k
                .find(|x| x.as_rule() == Rule::path)
                .ok_or_else(|| internal(loc))?;
            Ok(Value::Call {
                func: f.as_str().to_string(),
                func_loc: loc_of(&f),
                arg: path(&arg),
                loc,
            })
        }
        Rule::share => Ok(Value::Share(share(p)?)),
        Rule::money => {
            let m = money(p)?;
            if m.currency.is_some() {
                Ok(Value::Money(m))
            } else {
                Ok(Value::Number {
                    value: m.value,
                    loc: m.loc,
                })
            }
        }
        Rule::signed_number => {
            let t = p.as_str();
            let v = decimal_text(&t[1..], span(loc.start + 1, loc.end))?;
            let value = if t.starts_with('-') {
                Ratio::ZERO
                    .checked_sub(v)
                    .ok_or_else(|| number_too_large(loc))?
            } else {
                v
            };
            Ok(Value::Number { value, loc })
        }
        Rule::path => Ok(Value::Path(path(&p))),
        _ => Err(internal(loc)),
    }
}

pub(super) fn assertion(p: Pair<'_, Rule>) -> Res<Assertion> {
    let loc = loc_of(&p);
    let mut k = p.into_inner();
    let left = value_expr(next(&mut k, loc)?)?;
    let op = next(&mut k, loc)?;
    let right = value_expr(next(&mut k, loc)?)?;
    let op = match op.as_str() {
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        ">" => CmpOp::Gt,
        ">=" => CmpOp::Ge,
        "==" => CmpOp::Eq,
        _ => CmpOp::Ne,
    };
    Ok(Assertion {
        left,
        op,
        right,
        loc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::ShareLit;
    use crate::syntax::expr::tests::{error, loc};
    use crate::syntax::expr::{parse_assertion, parse_path};

    fn path_of(parts: &[&str]) -> Vec<Segment> {
        parts
            .iter()
            .map(|p| {
                if *p == "*" {
                    Segment::Wildcard
                } else {
                    Segment::Name(p.to_string())
                }
            })
            .collect()
    }

    #[test]
    fn assertion_budget_rule() {
        let a = parse_assertion("sum(budget.ads.*) <= 60% of budget.total").unwrap();
        assert_eq!(a.op, CmpOp::Le);
        let Value::Call {
            func,
            func_loc,
            arg,
            loc: l,
        } = &a.left
        else {
            panic!("{:?}", a.left)
        };
        assert_eq!(func, "sum");
        assert_eq!((*func_loc, *l), (loc(0, 3), loc(0, 17)));
        assert_eq!(arg.segments, path_of(&["budget", "ads", "*"]));
        let Value::Share(s) = &a.right else {
            panic!("{:?}", a.right)
        };
        assert_eq!(s.percent, Ratio::int(60));
        assert_eq!(
            s.of.as_ref().unwrap().segments,
            path_of(&["budget", "total"])
        );
        assert_eq!(a.loc, loc(0, 40));
    }

    #[test]
    fn assertion_operators() {
        let op = |s: &str| parse_assertion(s).unwrap().op;
        assert_eq!(op("a < b"), CmpOp::Lt);
        assert_eq!(op("a<=b"), CmpOp::Le);
        assert_eq!(op("a > b"), CmpOp::Gt);
        assert_eq!(op("a >= b"), CmpOp::Ge);
        assert_eq!(op("a == b"), CmpOp::Eq);
        assert_eq!(op("a != b"), CmpOp::Ne);
    }

    #[test]
    fn assertion_arithmetic_precedence_and_parentheses() {
        let a = parse_assertion("a + b * 2 >= (c - d) / 2").unwrap();
        let Value::Binary {
            op: BinOp::Add,
            right,
            ..
        } = &a.left
        else {
            panic!("{:?}", a.left)
        };
        assert!(matches!(**right, Value::Binary { op: BinOp::Mul, .. }));
        let Value::Binary {
            op: BinOp::Div,
            left,
            loc: l,
            ..
        } = &a.right
        else {
            panic!("{:?}", a.right)
        };
        assert!(matches!(**left, Value::Binary { op: BinOp::Sub, .. }));
        assert_eq!(*l, loc(14, 24));
        // Left-associative: a - b - c is (a - b) - c.
        let a = parse_assertion("a - b - c == 0").unwrap();
        let Value::Binary { left, .. } = &a.left else {
            panic!()
        };
        assert!(matches!(**left, Value::Binary { op: BinOp::Sub, .. }));
    }

    #[test]
    fn assertion_values() {
        let right = |s: &str| parse_assertion(s).unwrap().right;
        assert!(matches!(right("a == ¥1.2M"), Value::Money(_)));
        assert!(matches!(right("a == CNY 5k"), Value::Money(_)));
        assert_eq!(
            right("a == 3"),
            Value::Number {
                value: Ratio::int(3),
                loc: loc(5, 6)
            }
        );
        assert!(matches!(right("a == 12万"), Value::Number { .. }));
        assert!(matches!(right("a >= -5"), Value::Number { value, .. } if value == Ratio::int(-5)));
        assert!(matches!(
            right("a <= 60%"),
            Value::Share(ShareLit { of: None, .. })
        ));
        assert!(matches!(
            right("a <= count(campaigns.*)"),
            Value::Call { .. }
        ));
        assert!(matches!(right("a <= budget.kol"), Value::Path(_)));
    }

    #[test]
    fn assertion_errors() {
        let e = error(parse_assertion("a = b"));
        assert_eq!(e.loc, loc(2, 3));
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `==` to compare")
        );
        let e = error(parse_assertion("a < b < c"));
        assert_eq!(
            (e.loc, e.message.en.as_str()),
            (loc(6, 7), "unexpected `<`")
        );
        let e = error(parse_assertion("(a + b <= c"));
        assert_eq!(e.loc, loc(7, 9));
        let e = error(parse_assertion("sum() < 3"));
        assert_eq!(e.loc, loc(4, 5));
        let deep = format!("{}a{} < 1", "(".repeat(40), ")".repeat(40));
        assert!(error(parse_assertion(&deep)).message.en.contains("nested"));
    }

    #[test]
    fn paths() {
        let p = parse_path("budget.ads").unwrap();
        assert_eq!(p.segments, path_of(&["budget", "ads"]));
        assert_eq!(p.loc, loc(0, 10));
        assert_eq!(
            parse_path("ads.douyin_feed").unwrap().segments,
            path_of(&["ads", "douyin_feed"])
        );
        assert_eq!(
            parse_path("budget.ads.*").unwrap().segments,
            path_of(&["budget", "ads", "*"])
        );
        assert_eq!(
            parse_path("campaigns.618").unwrap().segments,
            path_of(&["campaigns", "618"])
        );
        assert!(parse_path("budget.").is_err());
        assert!(parse_path("*").is_err());
    }
}
