//! The plan schema as the formatter sees it: for each table, the keys it
//! knows in their canonical order, what the other keys of the table are
//! (ids, budget lines, thresholds), and which strings are expressions.
//! Mirrors `syntax::reader::read_file`; order only ever changes between
//! keys the reader looks up by name, never between ids or budget lines,
//! whose order is the plan's declaration order.

use crate::syntax::expr;

/// The parser an expression string is read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ex {
    Date,
    Range,
    Duration,
    Recurrence,
    Money,
    Share,
    Amount,
    Quantity,
    Assertion,
    /// A task's `due`: a date, optionally written `after brief + 2wd`.
    Due,
}

impl Ex {
    /// Whether `text` parses as this kind of expression.
    pub fn parses(self, text: &str) -> bool {
        match self {
            Ex::Date => expr::parse_date(text).is_ok(),
            Ex::Range => expr::parse_range(text).is_ok(),
            Ex::Duration => expr::parse_duration(text).is_ok(),
            Ex::Recurrence => expr::parse_recurrence(text).is_ok(),
            Ex::Money => expr::parse_money(text).is_ok(),
            Ex::Share => expr::parse_share(text).is_ok(),
            Ex::Amount => expr::parse_amount(text).is_ok(),
            Ex::Quantity => expr::parse_quantity(text).is_ok(),
            Ex::Assertion => expr::parse_assertion(text).is_ok(),
            Ex::Due => {
                let t = text.trim_start();
                match t.get(..6).filter(|p| p.eq_ignore_ascii_case("after ")) {
                    Some(_) => expr::parse_date(&t[6..]).is_ok(),
                    None => expr::parse_date(text).is_ok(),
                }
            }
        }
    }
}

/// What a value is: its known keys in canonical order (when it is a
/// table), the shape of its other keys, and the expression it holds (when
/// it is a string or an array of strings).
#[derive(Debug)]
pub struct Shape {
    pub keys: &'static [(&'static str, &'static Shape)],
    /// The shape of keys not in `keys`; they keep their order, after the
    /// known keys.
    pub rest: Option<&'static Shape>,
    pub expr: Option<Ex>,
}

impl Shape {
    /// The shape of the value at `key` of a table of this shape.
    pub fn child(&self, key: &str) -> Option<&'static Shape> {
        self.keys
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, s)| *s)
            .or(self.rest)
    }

    /// The canonical rank of `key`: known keys by their place, others after.
    pub fn rank(&self, key: &str) -> usize {
        self.keys
            .iter()
            .position(|(k, _)| *k == key)
            .unwrap_or(self.keys.len())
    }
}

const fn leaf(expr: Option<Ex>) -> Shape {
    Shape {
        keys: &[],
        rest: None,
        expr,
    }
}

const fn record(keys: &'static [(&'static str, &'static Shape)]) -> Shape {
    Shape {
        keys,
        rest: None,
        expr: None,
    }
}

/// A table of ids (or names), each with the same shape, in declaration order.
const fn map(each: &'static Shape) -> Shape {
    Shape {
        keys: &[],
        rest: Some(each),
        expr: None,
    }
}

const TEXT: Shape = leaf(None);
const DATE: Shape = leaf(Some(Ex::Date));
const RANGE: Shape = leaf(Some(Ex::Range));
const DURATION: Shape = leaf(Some(Ex::Duration));
const RECURRENCE: Shape = leaf(Some(Ex::Recurrence));
const MONEY: Shape = leaf(Some(Ex::Money));
const SHARE: Shape = leaf(Some(Ex::Share));
const AMOUNT: Shape = leaf(Some(Ex::Amount));
const QUANTITY: Shape = leaf(Some(Ex::Quantity));
const ASSERTION: Shape = leaf(Some(Ex::Assertion));
const DUE: Shape = leaf(Some(Ex::Due));

const META: Shape = record(&[
    ("id", &TEXT),
    ("name", &TEXT),
    ("year", &TEXT),
    ("period", &RANGE),
    ("timezone", &TEXT),
    ("currency", &TEXT),
    ("locale", &TEXT),
    ("calendar", &TEXT),
    ("working_week", &TEXT),
    ("previous", &TEXT),
    ("theme", &TEXT),
    ("key_messages", &TEXT),
    ("threads", &TEXT),
    ("description", &TEXT),
]);

const HOLIDAY: Shape = record(&[("name", &TEXT), ("off", &RANGE), ("workdays", &DATE)]);

const PERSON: Shape = record(&[("name", &TEXT), ("role", &TEXT), ("capacity", &DURATION)]);

const CHANNEL: Shape = record(&[
    ("name", &TEXT),
    ("followers", &QUANTITY),
    ("slots_per_week", &TEXT),
    ("max_per_day", &TEXT),
    ("note", &TEXT),
]);

/// A budget line: an amount or share alone, or a table with sub-lines.
static LINE: Shape = Shape {
    keys: &[
        ("name", &TEXT),
        ("amount", &AMOUNT),
        ("share", &AMOUNT),
        ("spent", &MONEY),
        ("note", &TEXT),
    ],
    rest: Some(&LINE),
    expr: Some(Ex::Amount),
};

const BUDGET: Shape = Shape {
    keys: &[
        ("total", &MONEY),
        ("spent", &MONEY),
        ("name", &TEXT),
        ("note", &TEXT),
    ],
    rest: Some(&LINE),
    expr: None,
};

/// A campaign's draws: `"25% of kol"` or `{ ads.douyin_feed = "80万" }`.
static DRAWS: Shape = Shape {
    keys: &[],
    rest: Some(&DRAWS),
    expr: Some(Ex::Amount),
};

const TASK: Shape = record(&[
    ("name", &TEXT),
    ("owner", &TEXT),
    ("raci", &TEXT),
    ("accountable", &TEXT),
    ("consulted", &TEXT),
    ("informed", &TEXT),
    ("due", &DUE),
    ("after", &TEXT),
    ("duration", &DURATION),
    ("effort", &DURATION),
    ("publish", &TEXT),
    ("channels", &TEXT),
    ("review", &TEXT),
]);

const TASKS: Shape = map(&TASK);
const QUANTITIES: Shape = map(&QUANTITY);
const SHARES: Shape = map(&SHARE);
const DATES: Shape = map(&DATE);

static CAMPAIGN: Shape = Shape {
    keys: &[
        ("name", &TEXT),
        ("window", &RANGE),
        ("channels", &TEXT),
        ("owner", &TEXT),
        ("flagship", &TEXT),
        ("messages", &TEXT),
        ("description", &TEXT),
        ("budget", &DRAWS),
        ("kpis", &QUANTITIES),
        ("tasks", &TASKS),
    ],
    rest: None,
    expr: None,
};

const COLUMN: Shape = record(&[
    ("name", &TEXT),
    ("channel", &TEXT),
    ("owner", &TEXT),
    ("every", &RECURRENCE),
    ("during", &RANGE),
    ("skip", &DATE),
    ("pause", &RANGE),
    ("moves", &DATES),
    ("holidays", &TEXT),
    ("category", &TEXT),
    ("effort", &DURATION),
    ("description", &TEXT),
]);

const MOMENT: Shape = record(&[
    ("name", &TEXT),
    ("date", &RANGE),
    ("channels", &TEXT),
    ("content", &TEXT),
]);

const BLACKOUT: Shape = record(&[("reason", &TEXT), ("date", &RANGE), ("channels", &TEXT)]);

const LEVEL: Shape = record(&[
    ("name", &TEXT),
    ("checks", &TEXT),
    ("lead", &DURATION),
    ("response", &DURATION),
    ("owner", &TEXT),
]);

const LEVELS: Shape = map(&LEVEL);
const REVIEW: Shape = record(&[("levels", &LEVELS)]);

const RESERVE: Shape = record(&[("share", &SHARE), ("purpose", &TEXT)]);

const KPI: Shape = record(&[
    ("name", &TEXT),
    ("direction", &TEXT),
    ("baseline", &QUANTITY),
    ("target", &QUANTITY),
    ("actual", &QUANTITY),
    ("channel", &TEXT),
    ("part_of", &TEXT),
    ("group", &TEXT),
    ("note", &TEXT),
]);

const KOL: Shape = record(&[
    ("budget", &TEXT),
    ("pyramid", &SHARES),
    ("criteria", &QUANTITIES),
]);

const HIGHLIGHT: Shape = record(&[("name", &TEXT), ("channels", &TEXT), ("results", &TEXT)]);

const AUDIENCE: Shape = record(&[("name", &TEXT), ("messages", &TEXT)]);

const GUIDELINE: Shape = record(&[("text", &TEXT), ("within", &DURATION)]);

const EFFORT: Shape = record(&[
    ("task", &DURATION),
    ("episode", &DURATION),
    ("review", &DURATION),
]);

/// `S001 = "allow"` or `B003 = { severity = "warn", max = "3" }`.
const RULE: Shape = Shape {
    keys: &[("severity", &TEXT)],
    rest: Some(&QUANTITY),
    expr: None,
};

/// `cap = "…"` or `cap = { expr = "…", message = "…" }`.
const ASSERTION_ENTRY: Shape = Shape {
    keys: &[("expr", &ASSERTION), ("message", &TEXT)],
    rest: None,
    expr: Some(Ex::Assertion),
};

const HOLIDAYS: Shape = map(&HOLIDAY);
const PEOPLE: Shape = map(&PERSON);
const CHANNELS: Shape = map(&CHANNEL);
const CAMPAIGNS: Shape = map(&CAMPAIGN);
const COLUMNS: Shape = map(&COLUMN);
const MOMENTS: Shape = map(&MOMENT);
const BLACKOUTS: Shape = map(&BLACKOUT);
const KPIS: Shape = map(&KPI);
const HIGHLIGHTS: Shape = map(&HIGHLIGHT);
const AUDIENCES: Shape = map(&AUDIENCE);
const GUIDELINES: Shape = map(&GUIDELINE);
const RULES: Shape = map(&RULE);
const ASSERTIONS: Shape = map(&ASSERTION_ENTRY);

/// A whole file, in the order a plan reads best: who and what the plan is
/// for, the money (with the KOL policy that splits part of it), the work
/// in time order of planning, the checks, the results, the settings.
pub const FILE: Shape = record(&[
    ("include", &TEXT),
    ("plan", &META),
    ("audiences", &AUDIENCES),
    ("holidays", &HOLIDAYS),
    ("people", &PEOPLE),
    ("channels", &CHANNELS),
    ("budget", &BUDGET),
    ("kol", &KOL),
    ("campaigns", &CAMPAIGNS),
    ("moments", &MOMENTS),
    ("columns", &COLUMNS),
    ("blackouts", &BLACKOUTS),
    ("reserve", &RESERVE),
    ("review", &REVIEW),
    ("effort", &EFFORT),
    ("kpis", &KPIS),
    ("highlights", &HIGHLIGHTS),
    ("guidelines", &GUIDELINES),
    ("assertions", &ASSERTIONS),
    ("rules", &RULES),
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_rank_first_and_others_keep_no_rank() {
        let campaign = FILE.child("campaigns").and_then(|c| c.child("x"));
        let campaign = campaign.expect("campaign shape");
        assert!(campaign.rank("name") < campaign.rank("window"));
        assert_eq!(campaign.rank("zzz"), campaign.keys.len());
        let budget = FILE.child("budget").expect("budget");
        assert_eq!(budget.child("ads").and_then(|l| l.expr), Some(Ex::Amount));
        assert!(Ex::Due.parses("after brief + 2wd"));
        assert!(Ex::Amount.parses("¥1.2M"));
    }
}
