//! What a string value of the plan format may hold, beyond "any text": the
//! kinds of expression (each read by its own entry of the pest grammar) and
//! the few words checked by their shape (a time zone, a currency code).
//! For each: the parser that reads it, the documentation an editor shows
//! beside a key of that kind, and a regular expression of its shape for
//! the JSON Schema. The patterns only check the shape, for editors that
//! underline while typing; what a value means is `almanac check`'s to say,
//! so a pattern may accept more than the grammar but must never refuse what
//! the grammar reads (a test holds them to the grammar's own examples).

/// The parser an expression string is read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExprKind {
    Date,
    Range,
    Duration,
    /// A duration that moves a date: days, weeks or workdays, no hours.
    DayDuration,
    Recurrence,
    Money,
    Share,
    /// Money or a share.
    Amount,
    Quantity,
    Assertion,
    /// A task's `due`: a date, optionally written `after brief + 2wd`.
    Due,
}

impl ExprKind {
    /// What the kind is called in the reference's type column.
    pub fn noun(self) -> &'static str {
        match self {
            ExprKind::Date | ExprKind::Due => "date",
            ExprKind::Range => "range",
            ExprKind::Duration => "duration",
            ExprKind::DayDuration => "duration in `d`, `w` or `wd`",
            ExprKind::Recurrence => "recurrence",
            ExprKind::Money => "money",
            ExprKind::Share => "share",
            ExprKind::Amount => "amount",
            ExprKind::Quantity => "quantity",
            ExprKind::Assertion => "assertion",
        }
    }

    /// The kind's documentation, shown by editors after a key's own.
    pub fn doc(self) -> &'static str {
        match self {
            ExprKind::Date | ExprKind::Due => DATE_DOC,
            ExprKind::Range => RANGE_DOC,
            ExprKind::Duration | ExprKind::DayDuration => DURATION_DOC,
            ExprKind::Recurrence => RECURRENCE_DOC,
            ExprKind::Money => MONEY_DOC,
            ExprKind::Share => SHARE_DOC,
            ExprKind::Amount => AMOUNT_DOC,
            ExprKind::Quantity => QUANTITY_DOC,
            ExprKind::Assertion => ASSERTION_DOC,
        }
    }

    /// A regular expression (ECMA-262, as JSON Schema has it) of the shape
    /// of a whole value of this kind.
    pub fn pattern(self) -> String {
        let f = FORBIDDEN;
        match self {
            ExprKind::Date | ExprKind::Due => {
                format!("^\\s*[^\\s.{f}][^.{f}]*(?:\\.[^.{f}]+)*$")
            }
            // `至` joins a range as `..` does (`7月至8月`).
            ExprKind::Range => {
                let f = f.replace('至', "");
                format!("^\\s*[^\\s{f}][^{f}]*$")
            }
            ExprKind::Duration => duration_pattern(UNITS),
            ExprKind::DayDuration => duration_pattern(DAY_UNITS),
            ExprKind::Recurrence => format!(
                "^\\s*(?:{}(?:\\s[^{f}]*)?|(?:每|隔周|工作日)[^{f}]*)$",
                ci_any(&["every", "daily", "weekly", "monthly"])
            ),
            ExprKind::Money => format!("^\\s*{}\\s*$", money_body()),
            ExprKind::Share => format!("^\\s*{}\\s*$", share_body()),
            ExprKind::Amount => format!("^\\s*(?:{}|{})\\s*$", share_body(), money_body()),
            ExprKind::Quantity => format!(
                "^\\s*[+-]?(?:{NUM}:{NUM}|{NUM}{MULT}?(?:%|{}|{}|×)?)\\+?\\s*$",
                ci("pp"),
                ci("x")
            ),
            ExprKind::Assertion => format!("^[^{f}=<>!]+(?:<=|>=|==|!=|<|>)[^{f}=<>!]+$"),
        }
    }
}

/// A share of a named line, the only string a campaign's `budget` takes
/// (`25% of kol`).
pub fn share_of_pattern() -> String {
    format!("^\\s*[+-]?{NUM}%\\s*{}\\s+[^\\s]+\\s*$", ci("of"))
}

/// A word the format checks by its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    /// An IANA time-zone name or `UTC`.
    TimeZone,
    /// An ISO 4217 code.
    Currency,
    /// A language tag almanac writes outputs in.
    Locale,
    /// A weekday or a range of weekdays (`mon..fri`).
    Weekdays,
    /// A RACI role.
    Raci,
}

impl Word {
    pub fn pattern(self) -> String {
        match self {
            Word::TimeZone => {
                "^\\s*(?:UTC|[A-Z][A-Za-z0-9_+-]*(?:/[A-Z][A-Za-z0-9_+-]*)+)\\s*$".to_string()
            }
            Word::Currency => "^\\s*[A-Z]{3}\\s*$".to_string(),
            Word::Locale => format!(
                "^{}(?:[-_]{})?$|^{}(?:[-_]{})?$",
                ci("zh"),
                ci_any(&["cn", "hans"]),
                ci("en"),
                ci_any(&["us", "gb"])
            ),
            Word::Weekdays => {
                let day = ci_any(&[
                    "monday",
                    "mon",
                    "tuesday",
                    "tues",
                    "tue",
                    "wednesday",
                    "weds",
                    "wed",
                    "thursday",
                    "thurs",
                    "thur",
                    "thu",
                    "friday",
                    "fri",
                    "saturday",
                    "sat",
                    "sunday",
                    "sun",
                ]);
                format!("^\\s*{day}\\s*(?:\\.\\.\\s*{day}\\s*)?$")
            }
            Word::Raci => format!(
                "^{}$",
                ci_any(&[
                    "r",
                    "a",
                    "c",
                    "i",
                    "responsible",
                    "accountable",
                    "consulted",
                    "informed"
                ])
            ),
        }
    }

    /// Words of the right shape that are refused all the same.
    pub fn refused(self) -> &'static [&'static str] {
        match self {
            Word::Currency => &["RMB"],
            _ => &[],
        }
    }
}

/// An id: letters (Chinese ones too), digits and `_`, not starting with a
/// digit — no ASCII punctuation other than `_`, no spaces.
pub const ID_PATTERN: &str = "^[^0-9\\s!-/:-@\\[-^`{-~][^\\s!-/:-@\\[-^`{-~]*$";

/// A case-insensitive regular expression for an ASCII word (JSON Schema
/// patterns have no flags): `wd` → `[Ww][Dd]`.
pub fn ci(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn ci_any(words: &[&str]) -> String {
    let alts: Vec<String> = words.iter().map(|w| ci(w)).collect();
    format!("(?:{})", alts.join("|"))
}

/// Characters no expression contains: range dashes that are not `..` (`至`
/// only in a range), and full-width forms (`６０％`, typed by a Chinese
/// input method).
const FORBIDDEN: &str = "~–—至！-～";

/// A number: digits and `_` groups, an optional fraction (no commas).
const NUM: &str = "[0-9][0-9_]*(?:\\.[0-9]+)?";

/// Money multipliers (`k`, `M`, `B`/`bn`, `万`, `亿`; `m` is refused).
const MULT: &str = "(?:k|K|M|bn|B|万|亿)";

const UNITS: &[&str] = &[
    "d", "day", "days", "w", "week", "weeks", "wd", "workday", "workdays", "h", "hour", "hours",
    "hr", "hrs", "min", "mins", "minute", "minutes",
];

const DAY_UNITS: &[&str] = &[
    "d", "day", "days", "w", "week", "weeks", "wd", "workday", "workdays",
];

/// The Chinese units (`3天`, `3个工作日`): of days, weeks and workdays, then
/// of hours and minutes.
const ZH_DAY_UNITS: &str = "天 日 周 个周 星期 个星期 礼拜 个礼拜 工作日 个工作日";
const ZH_TIME_UNITS: &str = "小时 个小时 分钟";

/// A number in digits or a Chinese numeral (`3天`, `七天`), and a unit.
fn duration_pattern(units: &[&str]) -> String {
    let mut all = units.to_vec();
    all.extend(ZH_DAY_UNITS.split(' '));
    if units.contains(&"h") {
        all.extend(ZH_TIME_UNITS.split(' '));
    }
    format!(
        "^\\s*(?:[0-9]+|[零〇一二两三四五六七八九十百千]+) *{}\\s*$",
        ci_any(&all)
    )
}

fn money_body() -> String {
    format!("(?:[¥￥$€£]|[A-Z]{{3}})? *{NUM}{MULT}?(?: *(?:[A-Z]{{3}}|元))?")
}

fn share_body() -> String {
    format!("[+-]?{NUM}%(?:\\s*{}\\s+[^\\s]+)?", ci("of"))
}

const DATE_DOC: &str = "A date expression (grammar/GRAMMAR.md#dates): an ISO date `2027-03-08`, a \
     month-day `03-08` in the plan's year, a name (`spring_festival`, `春节`, `双11`, a moment or \
     campaign id, `city_guide.end`), an nth weekday `2nd sun of may`, a boundary `end of Q1`, an \
     ISO week `2027-W12-wed`; followed by offsets `+ 3wd`, `- 7d`, `+ 2w`. Chinese forms too: \
     `3月8日`, `春节前7天`, `上线前3个工作日`.";

const RANGE_DOC: &str = "A range (grammar/GRAMMAR.md#ranges): two dates `2027-01-20..2027-02-28`, a \
     relative end `spring_festival-21d..+15d`, a quarter `Q3`, a month `jul`, months `jul..aug`, \
     `year`, one date, or a campaign or moment id for its whole window. Write `..` or `至`, not `~` \
     or `–`. Chinese forms too: `7月至8月`, `三季度`.";

const DURATION_DOC: &str = "A duration (grammar/GRAMMAR.md#durations): a whole number and a unit — \
     `d` (days), `w` (weeks), `wd` (workdays), `h` (hours), `min` (minutes) — e.g. `3d`, `3wd`, \
     `24h`, `30min`. A day counts 8 hours and a week 40.";

const RECURRENCE_DOC: &str = "A recurrence (grammar/GRAMMAR.md#recurrences): `every wed`, `every \
     sat,sun`, `every 2 weeks on mon`, `daily`, `every weekday`, `every workday`, `monthly on 1st \
     mon`, `monthly on 15th`; optionally a time (`every fri 20:00`, `daily at 9:30`) and \
     exceptions (`except holidays, national_day`). Chinese forms too: `每周三`, `每周六、日`, \
     `每两周的周一`, `每周五 20:00 节假日除外`.";

const MONEY_DOC: &str = "Money (grammar/GRAMMAR.md#money): `500万`, `1.2M`, `50k`, `¥1.2M`, `€30k`, \
     `CNY 50k`, `120万元`, `1_200_000` — in the plan's currency unless a symbol or code says \
     otherwise (which must then match it). No commas; `M` for million, not `m`.";

const SHARE_DOC: &str = "A share (grammar/GRAMMAR.md#shares-and-amounts): a percentage between 0% \
     and 100%, optionally of a named budget line: `60%`, `33.3%`, `25% of kol`.";

const AMOUNT_DOC: &str = "An amount: money (`60万`, `¥600k`, `€180k`) or a share (`60%`, `25% of \
     kol`); a plain TOML number is money in the plan's currency.";

const QUANTITY_DOC: &str = "A KPI value (grammar/GRAMMAR.md#kpi-values): a count `2600`, `12万`, \
     `50k`; a rate `3.2%`; a change `+35%`, `-7%`; percentage points `+2.3pp`; a ratio `1:5`; a \
     multiple `1.5x`; `12万+` (at least). A plain TOML number also works.";

const ASSERTION_DOC: &str = "An assertion (grammar/GRAMMAR.md#assertions): one comparison (`<`, `<=`, \
         `>`, `>=`, `==`, `!=`) between values — paths (`budget.tools`, `budget.ads.*`), \
         functions (`sum`, `count`, `min`, `max`, `avg`), money, numbers, shares (`60% of \
         budget.total`) and arithmetic.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::Unit;
    use crate::syntax::expr;

    const ALL: [ExprKind; 11] = [
        ExprKind::Date,
        ExprKind::Range,
        ExprKind::Duration,
        ExprKind::DayDuration,
        ExprKind::Recurrence,
        ExprKind::Money,
        ExprKind::Share,
        ExprKind::Amount,
        ExprKind::Quantity,
        ExprKind::Assertion,
        ExprKind::Due,
    ];

    /// The grammar's own examples: the code spans of GRAMMAR.md's tables,
    /// the lines of its `text` blocks and the strings of its `toml` blocks.
    /// Code spans in its prose are left out: they include what *not* to
    /// write (`~` for a range, or a bare `至`, which the grammar reads as a name).
    fn grammar_examples() -> Vec<String> {
        let doc = include_str!("../../grammar/GRAMMAR.md");
        let mut out = Vec::new();
        let mut block: Option<&str> = None;
        for line in doc.lines() {
            if let Some(fence) = line.strip_prefix("```") {
                block = if block.is_some() { None } else { Some(fence) };
                continue;
            }
            match block {
                Some("text") => out.push(line.trim().to_string()),
                Some("toml") => out.extend(line.split('"').skip(1).step_by(2).map(String::from)),
                Some(_) => {}
                None if line.starts_with('|') => {
                    out.extend(line.split('`').skip(1).step_by(2).map(String::from));
                }
                None => {}
            }
        }
        out
    }

    fn matches(pattern: &str, text: &str) -> bool {
        let schema = serde_json::json!({ "type": "string", "pattern": pattern });
        let v = jsonschema::draft7::new(&schema).expect("a valid pattern");
        v.is_valid(&serde_json::json!(text))
    }

    #[test]
    fn each_pattern_accepts_what_the_grammar_reads_in_its_examples() {
        let examples = grammar_examples();
        assert!(examples.len() > 100, "{} examples", examples.len());
        // A task's duration is read as any duration, then refused in hours
        // or minutes (S006): its pattern refuses them already.
        let reads = |kind: ExprKind, text: &str| match kind {
            ExprKind::DayDuration => expr::parse_duration(text)
                .is_ok_and(|d| !matches!(d.unit, Unit::Hours | Unit::Minutes)),
            _ => crate::syntax::expr::parses(kind, text),
        };
        for kind in ALL {
            let pattern = kind.pattern();
            let read: Vec<&String> = examples.iter().filter(|e| reads(kind, e)).collect();
            assert!(!read.is_empty(), "no example of {kind:?} in GRAMMAR.md");
            let refused: Vec<&&String> = read.iter().filter(|e| !matches(&pattern, e)).collect();
            assert!(
                refused.is_empty(),
                "{kind:?}: the pattern refuses {refused:?}"
            );
        }
    }

    #[test]
    fn the_weekday_pattern_accepts_every_weekday_the_reader_reads() {
        let pattern = Word::Weekdays.pattern();
        // GRAMMAR.md lists the spellings as `mon`/`monday`, `tue`/`tues`/….
        let doc = include_str!("../../grammar/GRAMMAR.md");
        let days: Vec<&str> = doc
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|w| crate::syntax::reader::weekday(w).is_some())
            .collect();
        assert!(days.len() >= 14, "{days:?}");
        for d in days {
            assert!(matches(&pattern, d), "{d}");
            assert!(matches(&pattern, &format!("{d}..fri")), "{d}..fri");
        }
        assert!(!matches(&pattern, "mon-fri"));
    }

    #[test]
    fn patterns_check_the_shape_not_the_meaning() {
        assert!(matches(&ExprKind::Money.pattern(), "¥1.2M"));
        assert!(!matches(&ExprKind::Money.pattern(), "1,200,000"));
        assert!(matches(
            &ExprKind::Range.pattern(),
            "2027-01-20..2027-02-28"
        ));
        assert!(!matches(
            &ExprKind::Range.pattern(),
            "2027-01-20~2027-02-28"
        ));
        assert!(!matches(&ExprKind::DayDuration.pattern(), "24h"));
        assert!(matches(&share_of_pattern(), "25% of kol"));
        assert!(!matches(&share_of_pattern(), "25%"));
    }

    #[test]
    fn ci_is_case_insensitive() {
        assert_eq!(ci("wd"), "[Ww][Dd]");
        assert_eq!(ci("B001"), "[Bb]001");
    }
}
