//! What the user reads when an expression does not parse. pest reports a
//! byte position and the grammar rules it tried there; this module turns
//! that into one message in the plan author's terms ("expected a duration
//! such as `3d`, …", never a rule name), with a help line for common slips
//! (`=` for `==`, a comma in a number, `200w` for `200万`). It also catches,
//! before parsing, what pest would report badly: an empty text, full-width
//! characters typed by a Chinese input method, absurd nesting.

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};

use crate::syntax::ast::{ExprError, Loc};

use super::grammar::{ExprParser, Rule};
use super::{Res, check_as, err, err_help, span};

/// Parentheses nested deeper than this are refused (the parser recurses).
const MAX_NESTING: usize = 32;

// What the user is told was expected (see `describe`).
const DATE_EXAMPLES: &str =
    "a date such as `2027-03-08`, `spring_festival - 7d` or `2nd sun of may`";
const RANGE_EXAMPLES: &str = "a date or range such as `2027-01-20..2027-02-28`, `spring_festival-14d..+7d`, `Q3` or `jul..aug`";
const RECURRENCE_EXAMPLES: &str =
    "a recurrence such as `every wed`, `every 2 weeks on mon` or `monthly on 1st mon`";
const MONEY_EXAMPLES: &str =
    "an amount of money such as `1_200_000`, `¥1.2M`, `120万` or `CNY 50k`";
const SHARE_EXAMPLES: &str = "a share such as `60%` or `25% of kol`";
const QUANTITY_EXAMPLES: &str = "a number such as `2600`, `3.2%`, `+35%`, `12万` or `1:5`";
const VALUE_EXAMPLES: &str =
    "a value such as `sum(budget.ads.*)`, `60% of budget.total`, `¥5M` or `budget.kol`";
const END: &str = "the end of the expression";
const DURATION_EXAMPLES: &str = "a duration such as `3d`, `2w`, `3wd`, `24h` or `30min`";
const EVERY_EXAMPLES: &str =
    "what repeats, such as `day`, `weekday`, `workday`, `wed` or `2 weeks on mon`";
const EXCEPTION_EXAMPLES: &str = "`holidays` or a date such as `10-01` or `national_day`";
const ON_EXAMPLES: &str =
    "a weekday such as `mon`, or a day of the month such as `15th` or `1st mon`";

fn is_full_width(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')
}

fn to_ascii(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Problems found before parsing: empty input, full-width characters typed
/// by a Chinese input method, absurd nesting.
pub(super) fn precheck(entry: Rule, src: &str) -> Res<()> {
    if src.trim().is_empty() {
        return Err(err(span(0, src.len()), "empty expression"));
    }
    if let Some((i, c)) = src.char_indices().find(|(_, c)| is_full_width(*c)) {
        let ascii: String = src.trim().chars().map(to_ascii).collect();
        let shown = if c == '\u{3000}' {
            "full-width space".to_string()
        } else {
            format!("full-width character `{c}`")
        };
        // The ASCII spelling, if it is right; else what is wrong with it
        // (`1，200，000` is `1,200,000`, whose commas are the next error).
        let (help, fix) = match check_as(entry, &ascii) {
            Ok(()) => (
                format!("write `{ascii}` (ASCII characters instead of full-width ones)"),
                Some(ascii),
            ),
            Err(ExprError {
                help: Some(h), fix, ..
            }) if h.starts_with("write `") => (h, fix),
            Err(e) => (
                format!("`{ascii}` in ASCII would still be wrong: {}", e.message),
                None,
            ),
        };
        let mut e = err_help(span(i, i + c.len_utf8()), shown, help);
        e.fix = fix;
        return Err(e);
    }
    let mut depth = 0usize;
    for (i, c) in src.char_indices() {
        match c {
            '(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(err(
                        span(i, i + 1),
                        format!("parentheses nested more than {MAX_NESTING} deep"),
                    ));
                }
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// What the user typed at byte `pos`: a word, `..`, one character, or
/// nothing at the end.
fn token_at(src: &str, pos: usize) -> (Option<&str>, Loc) {
    let pos = pos.min(src.len());
    let rest = src.get(pos..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return (None, span(pos, pos));
    };
    let wordy = |c: char| c.is_alphanumeric() || c == '_';
    let len = if wordy(first) {
        rest.char_indices()
            .find(|(_, c)| !wordy(*c))
            .map_or(rest.len(), |(i, _)| i)
    } else if ["..", "<=", ">=", "==", "!="]
        .iter()
        .any(|t| rest.starts_with(t))
    {
        2
    } else {
        first.len_utf8()
    };
    (Some(&rest[..len]), span(pos, pos + len))
}

/// How a grammar rule is named to the user; `None` for rules that never
/// help on their own.
fn describe(rule: Rule, entry: Rule) -> Option<&'static str> {
    use Rule as R;
    Some(match rule {
        R::EOI => END,
        R::date
        | R::iso_week
        | R::iso_date
        | R::month_day
        | R::nth_weekday
        | R::boundary_date
        | R::name => {
            if entry == R::range_entry {
                RANGE_EXAMPLES
            } else {
                DATE_EXAMPLES
            }
        }
        R::range => RANGE_EXAMPLES,
        R::offset | R::sign => "an offset such as `+ 3d`",
        R::relative_end => "an offset from the start such as `+7d`",
        R::duration => DURATION_EXAMPLES,
        R::count => {
            if entry == R::recurrence_entry {
                "a number"
            } else {
                DURATION_EXAMPLES
            }
        }
        R::unit_name => "a unit (`d`, `w`, `wd`, `h` or `min`)",
        R::range_dots => "`..`",
        R::kw_of => "`of`",
        R::kw_on | R::on_clause => "`on` and the day, such as `on mon`",
        R::kw_at => "`at`",
        R::kw_and | R::comma => "`,`",
        R::kw_except | R::except_clause => "`except`",
        R::kw_holidays => EXCEPTION_EXAMPLES,
        R::weekday_name | R::weekday_list => "a weekday such as `mon` or `friday`",
        R::month_name => "a month such as `may` or `nov`",
        R::period_name => "a quarter (`Q1` to `Q4`), a month such as `mar`, or `year`",
        R::ordinal => "an ordinal such as `1st`, `2nd` or `last`",
        R::month_day_spec => ON_EXAMPLES,
        R::boundary_kw => "`start` or `end`",
        R::recurrence
        | R::every_freq
        | R::daily_freq
        | R::weekly_freq
        | R::monthly_freq
        | R::kw_every
        | R::kw_daily
        | R::kw_weekly
        | R::kw_monthly => RECURRENCE_EXAMPLES,
        R::every_interval | R::every_unit | R::interval_unit | R::kw_weekdays | R::kw_workdays => {
            EVERY_EXAMPLES
        }
        R::every_unit_name => "`days`, `weeks` or `months`",
        R::time_clause | R::time | R::hour => "a time such as `20:00`",
        R::minute => "minutes with two digits, such as `20:00`",
        R::money | R::currency_symbol => MONEY_EXAMPLES,
        R::iso_code | R::yuan => "a currency code such as `CNY`",
        R::decimal | R::digits | R::year4 => "a number",
        R::multiplier => "a multiplier (`k`, `M`, `B`, `万` or `亿`)",
        R::share | R::percent => SHARE_EXAMPLES,
        R::quantity | R::q_sign | R::q_ratio | R::q_number => QUANTITY_EXAMPLES,
        R::q_unit => "a unit (`%`, `pp` or `x`)",
        R::at_least => "`+`",
        R::path => "a name such as `budget.ads`",
        R::assertion => "a comparison such as `sum(budget.ads.*) <= 60% of budget.total`",
        R::cmp_op => "a comparison (`<`, `<=`, `>`, `>=`, `==` or `!=`)",
        R::value_expr | R::paren | R::call | R::signed_number | R::func_name => VALUE_EXAMPLES,
        R::op_add | R::op_sub | R::op_mul | R::op_div => "an operator (`+`, `-`, `*` or `/`)",
        R::rparen => "`)`",
        R::week_num => "a week such as `W12`",
        R::iso_week_day => "a weekday such as `wed` or `3`",
        // `(` is only ever missing after a name that could have been a call.
        _ => return None,
    })
}

/// Descriptions that stand for a whole construct: when one of them is
/// expected, the narrower expectations at the same spot are left out.
/// Earlier entries win.
const UMBRELLAS: &[&str] = &[
    EVERY_EXAMPLES,
    EXCEPTION_EXAMPLES,
    ON_EXAMPLES,
    RANGE_EXAMPLES,
    DATE_EXAMPLES,
    RECURRENCE_EXAMPLES,
    VALUE_EXAMPLES,
];

/// `a`, `a or b`, `a, b, or c` (descriptions contain "or" themselves, so a
/// comma marks where one ends).
fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [a, b] if !a.contains(" or ") => format!("{a} or {b}"),
        [init @ .., last] => format!("{}, or {last}", init.join(", ")),
    }
}

fn entry_examples(entry: Rule) -> &'static str {
    match entry {
        Rule::date_entry => DATE_EXAMPLES,
        Rule::range_entry => RANGE_EXAMPLES,
        Rule::duration_entry => DURATION_EXAMPLES,
        Rule::recurrence_entry => RECURRENCE_EXAMPLES,
        Rule::money_entry => MONEY_EXAMPLES,
        Rule::share_entry => SHARE_EXAMPLES,
        Rule::amount_entry => "an amount such as `¥1.2M`, `120万` or `60%`",
        Rule::quantity_entry => QUANTITY_EXAMPLES,
        Rule::assertion_entry => "a comparison such as `sum(budget.ads.*) <= 60% of budget.total`",
        Rule::time_entry => "a time such as `20:00`",
        _ => "a name such as `budget.ads`",
    }
}

/// Turns pest's failure (a byte position and the rules it tried there) into
/// one message in the user's terms.
pub(super) fn syntax_error(entry: Rule, src: &str, e: pest::error::Error<Rule>) -> ExprError {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let positives: Vec<Rule> = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let (found, loc) = token_at(src, pos);
    let before = src.get(..pos).unwrap_or("").trim_end();

    let mut wanted: Vec<&str> = Vec::new();
    for r in &positives {
        if let Some(d) = describe(*r, entry)
            && !wanted.contains(&d)
        {
            wanted.push(d);
        }
    }
    if positives.contains(&Rule::ordinal) && positives.contains(&Rule::weekday_name) {
        wanted.push(ON_EXAMPLES);
    }
    if let Some(u) = UMBRELLAS.iter().find(|u| wanted.contains(u)) {
        wanted.retain(|w| w == u || *w == END);
    }
    if entry == Rule::range_entry && before.ends_with("..") {
        wanted = vec!["a date such as `2027-02-28`, or an offset from the start such as `+7d`"];
    }
    let at_end = wanted.contains(&END) && found.is_some();
    wanted.retain(|w| *w != END);
    if wanted.is_empty() && !at_end {
        wanted.push(entry_examples(entry));
    }
    let expected = join_or(&wanted);
    let (special, fix) = match found.and_then(|tok| syntax_help(entry, tok, &positives, src, loc)) {
        Some((help, fix)) => (Some(help), fix),
        None => (None, None),
    };
    match (found, at_end) {
        // Something left over where the expression could have ended.
        (Some(tok), true) => {
            let help = special.or_else(|| {
                (!wanted.is_empty()).then(|| format!("only {expected} can follow here"))
            });
            ExprError {
                loc,
                message: format!("unexpected `{tok}`"),
                help,
                fix,
            }
        }
        (Some(tok), false) => ExprError {
            loc,
            message: format!("expected {expected}, found `{tok}`"),
            help: special,
            fix,
        },
        (None, _) => ExprError {
            loc,
            message: format!("expected {expected}, found the end of the expression"),
            help: None,
            fix: None,
        },
    }
}

/// A hint for common slips at the error's spot.
/// The help line, and the expression rewritten when that is the fix.
fn syntax_help(
    entry: Rule,
    tok: &str,
    positives: &[Rule],
    src: &str,
    loc: Loc,
) -> Option<(String, Option<String>)> {
    let has = |r: Rule| positives.contains(&r);
    let after = src.get(loc.end..).unwrap_or("");
    let spaced = src
        .get(..loc.start)
        .is_some_and(|b| b.ends_with(char::is_whitespace));
    if tok == "=" && has(Rule::cmp_op) {
        return Some(("write `==` to compare".into(), None));
    }
    let compared = src
        .get(..loc.start)
        .is_some_and(|b| b.contains(['<', '>']) || b.contains("==") || b.contains("!="));
    if matches!(tok, "<" | ">" | "=" | "!") && compared && !has(Rule::cmp_op) {
        return Some((
            "an assertion makes one comparison; write two assertions instead".into(),
            None,
        ));
    }
    if matches!(tok, "~" | "–" | "—") && has(Rule::range_dots) {
        return Some((
            "write a range with `..`, such as `2027-01-20..2027-02-28`".into(),
            None,
        ));
    }
    if tok == ".." && entry != Rule::range_entry {
        return Some(("this takes a single date, not a range".into(), None));
    }
    if tok == "," && has(Rule::EOI) && !has(Rule::comma) {
        return Some((
            "an expression holds one value; use a TOML list for several".into(),
            None,
        ));
    }
    let number_before = src
        .get(..loc.start)
        .is_some_and(|b| b.trim_end().ends_with(|c: char| c.is_ascii_digit()));
    let numeric_entry = matches!(
        entry,
        Rule::quantity_entry
            | Rule::share_entry
            | Rule::money_entry
            | Rule::amount_entry
            | Rule::assertion_entry
    );
    if spaced
        && numeric_entry
        && number_before
        && matches!(tok, "%" | "pp" | "万" | "亿" | "k" | "M" | "x")
    {
        return Some((format!("remove the space before `{tok}`"), None));
    }
    // `200w`: `w` (pinyin `wan`) is how 万 is often typed.
    let lower = tok.to_lowercase();
    let wan = if lower.starts_with("wan") {
        3
    } else {
        usize::from(lower.starts_with('w'))
    };
    if numeric_entry && number_before && wan > 0 {
        let fixed = format!(
            "{}万{}",
            src[..loc.start].trim(),
            src.get(loc.start + wan..).unwrap_or("").trim_end()
        );
        // The grammar first: a full check of text that still does not parse
        // would come back here for its next `w`, once per `w` in the text.
        if ExprParser::parse(entry, &fixed).is_ok() && check_as(entry, &fixed).is_ok() {
            let help = format!(
                "write `{fixed}` (`{}` is short for 万, ten thousand)",
                tok.get(..wan).unwrap_or(tok)
            );
            return Some((help, Some(fixed)));
        }
    }
    let numeric = !tok.is_empty() && tok.chars().all(|c| c.is_ascii_digit());
    let date_start = positives.iter().any(|r| {
        matches!(
            r,
            Rule::date | Rule::name | Rule::iso_date | Rule::month_day | Rule::range
        )
    });
    if date_start && numeric && !after.starts_with('-') {
        return Some((
            "a name can't start with a digit: give the moment an id such as `sale_618`".into(),
            None,
        ));
    }
    if has(Rule::unit_name) && tok == "." {
        return Some((
            "offsets are whole numbers of days or workdays, such as `+ 2d` or `+ 3wd`".into(),
            None,
        ));
    }
    if (has(Rule::iso_code) || has(Rule::money))
        && tok.len() == 3
        && tok.chars().all(|c| c.is_ascii_alphabetic())
        && tok.chars().any(|c| c.is_ascii_lowercase())
    {
        return Some((
            format!(
                "write currency codes in capitals: `{}`",
                tok.to_ascii_uppercase()
            ),
            None,
        ));
    }
    if entry == Rule::share_entry && numeric {
        let rest: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        return Some((format!("a share needs `%`: write `{tok}{rest}%`"), None));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::expr::tests::{FULL_PARSES, error, loc};
    use crate::syntax::expr::*;

    #[test]
    fn empty_expression() {
        for src in ["", "   ", "\t"] {
            assert_eq!(error(parse_date(src)).message, "empty expression");
            assert_eq!(error(parse_assertion(src)).message, "empty expression");
        }
    }

    #[test]
    fn error_after_chinese_text_is_located_in_bytes() {
        let e = error(parse_date("春节 +"));
        assert_eq!(e.loc, loc(8, 8));
        assert_eq!(
            e.message,
            "expected a duration such as `3d`, `2w`, `3wd`, `24h` or `30min`, found the end of the expression"
        );
        let e = error(parse_date("年货节..x"));
        assert_eq!((e.loc, e.message.as_str()), (loc(9, 11), "unexpected `..`"));
        let e = error(parse_range("年货节..x+"));
        assert_eq!(e.loc, loc(13, 13));
        let e = error(parse_date("春节 - 7dx"));
        assert_eq!(
            (e.loc, e.message.as_str()),
            (loc(10, 12), "unknown unit `dx`")
        );
        let e = error(parse_recurrence("every 周三"));
        assert_eq!(
            (e.loc, e.message.as_str()),
            (loc(6, 12), "unknown weekday `周三`")
        );
        let e = error(parse_date("春节 春节"));
        assert_eq!(
            (e.loc, e.message.as_str()),
            (loc(7, 13), "unexpected `春节`")
        );
    }

    #[test]
    fn syntax_errors_never_name_grammar_rules() {
        let bad = [
            "@",
            "2027-03-08 x",
            "a..b..c",
            "every ,",
            "every 2 weeks on",
            "¥",
            "25% of",
            "a <",
            "(a",
            "2027-01-20~2027-02-28",
            "end of",
            "2nd sun",
            "monthly on 15th at",
        ];
        for src in bad {
            for e in [
                parse_date(src).err(),
                parse_range(src).err(),
                parse_recurrence(src).err(),
                parse_money(src).err(),
                parse_share(src).err(),
                parse_quantity(src).err(),
                parse_assertion(src).err(),
            ]
            .into_iter()
            .flatten()
            {
                let text = format!("{} {}", e.message, e.help.unwrap_or_default());
                assert!(!text.contains('_') || text.contains('`'), "{src}: {text}");
                for rule in [
                    "weekday_name",
                    "EOI",
                    "kw_",
                    "value_expr",
                    "decimal",
                    "iso_",
                ] {
                    assert!(!text.contains(rule), "{src}: {text}");
                }
                assert!(!e.message.ends_with('.'), "{src}: {}", e.message);
            }
        }
    }

    #[test]
    fn full_width_input_is_reported_with_its_ascii_spelling() {
        let e = error(parse_share("６０％"));
        assert_eq!(e.loc, loc(0, 3));
        assert_eq!(e.message, "full-width character `６`");
        assert_eq!(
            e.help.as_deref(),
            Some("write `60%` (ASCII characters instead of full-width ones)")
        );
        let e = error(parse_date("春节－７ｄ"));
        assert_eq!(e.loc, loc(6, 9));
        assert_eq!(
            e.help.as_deref(),
            Some("write `春节-7d` (ASCII characters instead of full-width ones)")
        );
        let e = error(parse_recurrence("every\u{3000}wed"));
        assert_eq!((e.loc, e.message.as_str()), (loc(5, 8), "full-width space"));
        assert_eq!(
            e.help.as_deref(),
            Some("write `every wed` (ASCII characters instead of full-width ones)")
        );
        let e = error(parse_assertion("sum（budget.ads.*） <= 60%"));
        assert_eq!(e.loc, loc(3, 6));
        // `￥` (U+FFE5) is a currency sign, not a typing slip.
        assert!(parse_money("￥30万").is_ok());
    }

    #[test]
    fn a_text_full_of_w_is_not_rechecked_once_per_w() {
        // Found by fuzzing: each `w` after a number tried the `200万` fix by
        // checking the whole text again, whose error was at the next `w`.
        let src = format!("budget.total == {}", "1w-".repeat(300));
        FULL_PARSES.with(|n| n.set(0));
        let e = error(parse_assertion(&src));
        assert_eq!(e.message, "unexpected `w`");
        assert_eq!(e.loc, loc(17, 18));
        let parses = FULL_PARSES.with(std::cell::Cell::get);
        assert!(parses <= 2, "{parses} full parses for one error");
    }

    #[test]
    fn wan_typed_as_w_gets_the_character() {
        let help = |src: &str| error(parse_money(src)).help.unwrap_or_default();
        assert_eq!(
            help("200w"),
            "write `200万` (`w` is short for 万, ten thousand)"
        );
        assert_eq!(
            help("200W"),
            "write `200万` (`W` is short for 万, ten thousand)"
        );
        assert_eq!(
            help("¥1.5w"),
            "write `¥1.5万` (`w` is short for 万, ten thousand)"
        );
        assert_eq!(
            help("1.5w元"),
            "write `1.5万元` (`w` is short for 万, ten thousand)"
        );
        assert_eq!(
            help("200wan"),
            "write `200万` (`wan` is short for 万, ten thousand)"
        );
        // Only where 万 makes it right.
        assert!(!help("200week").starts_with("write"));
        let e = error(parse_amount("200w"));
        assert_eq!(
            e.help.as_deref(),
            Some("write `200万` (`w` is short for 万, ten thousand)")
        );
        let e = error(parse_quantity("12w"));
        assert_eq!(
            e.help.as_deref(),
            Some("write `12万` (`w` is short for 万, ten thousand)")
        );
    }

    #[test]
    fn full_width_text_whose_ascii_is_still_wrong_gets_the_next_fix() {
        let e = error(parse_money("1，200，000"));
        assert_eq!(e.message, "full-width character `，`");
        assert_eq!(e.help.as_deref(), Some("write `1200000` or `1_200_000`"));
        let e = error(parse_money("６０％"));
        assert_eq!(
            e.help.as_deref(),
            Some("`60%` in ASCII would still be wrong: unexpected `%`")
        );
        let e = error(parse_money("２００w"));
        assert_eq!(
            e.help.as_deref(),
            Some("write `200万` (`w` is short for 万, ten thousand)")
        );
    }

    /// Every `X` a help line offers as "write `X`" (or "write `X` or `Y`").
    fn suggested(help: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = help;
        while let Some(i) = rest.find("write `") {
            rest = &rest[i + "write ".len()..];
            // `X`, then ` or `Y`` / `, `Y`` as long as the list goes on.
            while let Some(body) = rest.strip_prefix('`') {
                let Some(end) = body.find('`') else { break };
                out.push(body[..end].to_string());
                rest = &body[end + 1..];
                match [" or ", ", "]
                    .iter()
                    .find(|sep| rest.starts_with(&format!("{sep}`")))
                {
                    Some(sep) => rest = &rest[sep.len()..],
                    None => break,
                }
            }
        }
        out
    }

    #[test]
    fn a_help_never_suggests_text_that_is_itself_an_error() {
        let money = [
            "200w",
            "200W",
            "1.5w元",
            "¥200wan",
            "200 w",
            "1，200，000",
            "１２０万",
            "２００w",
            "６０％",
            "1,200,000",
            "1,2",
            "12,50",
            "$1,200.50",
            "1.2m",
            "¥1.2m",
            "1 200",
            "50 cny",
            "CNY CNY 5",
            "¥$5",
            "5亿万",
            "１.２M",
            "万",
            "¥",
            "二百万",
            "200万w",
            "1_200,000",
            "0.5 k",
            "5 万",
            "5％",
            "1e6",
            "-5",
            "12.",
        ];
        let dates = [
            "jul - 7d",
            "03－08",
            "春节－７ｄ",
            "start of jul + 3",
            "2nd sun of mai",
            "2027-W60",
            "03-08 + 1.5d",
            "618",
            "end of jul - 3x",
            "Q3",
            "jul",
            "2027-1-5",
            "2027/01/05",
            "3月8日前",
            "spring festival",
            "春节 - 7",
            "mon",
            "2027-02-30..",
            "start - 5 wk",
            "０３-０８",
            "launch + 3wd + ",
            "+7d",
        ];
        let ranges = [
            "jul..aug..sep",
            "２０２７-01-20..2027-02-28",
            "2027-01-20 ~ 2027-02-28",
            "2027-01-20–2027-02-28",
            "Q3 - 7d",
            "spring_festival-14d..+7 days",
            "jul～aug",
            "jul..",
            "..aug",
            "2027-01-20 至 2027-02-28",
            "Q5",
            "jul..aug 1",
        ];
        let shares = [
            "60",
            "６０％",
            "60 %",
            "60％ of kol",
            "60,5%",
            "1，5%",
            "60% kol",
            "60%%",
            "sixty%",
            "60 percent",
            "60% of",
            "60% of ６",
            "0.6",
            "60%of kol",
            "5 5%",
        ];
        let amounts = [
            "200w",
            "６０％",
            "1，200，000",
            "60",
            "60 %",
            "1.2m",
            "60% of kol ads",
        ];
        let entries = [
            (Rule::money_entry, &money[..]),
            (Rule::date_entry, &dates[..]),
            (Rule::range_entry, &ranges[..]),
            (Rule::share_entry, &shares[..]),
            (Rule::amount_entry, &amounts[..]),
        ];
        let mut offered = 0;
        for (entry, inputs) in entries {
            for src in inputs {
                let Err(e) = check_as(entry, src) else {
                    continue;
                };
                for x in suggested(e.help.as_deref().unwrap_or("")) {
                    offered += 1;
                    assert!(
                        check_as(entry, &x).is_ok(),
                        "{entry:?} `{src}`: the help {:?} offers `{x}`, which is an error: {:?}",
                        e.help,
                        check_as(entry, &x).err().map(|e| e.message)
                    );
                }
            }
        }
        assert!(offered >= 20, "only {offered} suggestions were checked");
    }
}
