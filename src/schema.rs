//! The plan format as a JSON Schema (draft-07), for editors: Taplo (Even
//! Better TOML) and Tombi pick it up from a `#:schema ./plan.schema.json`
//! first line and then complete keys, show each key's documentation on
//! hover and underline unknown keys and malformed values while typing.
//!
//! The schema is written by hand from what `syntax::reader` enforces, key by
//! key: every table that the reader closes with `finish` (unknown keys are
//! S003) has `additionalProperties: false`; budget tables take any other key
//! as a sub-line; `[rules]` is generated from `diagnostics::codes::ALL`.
//! Expression strings get a `pattern` that checks their shape (the exact
//! meaning is left to `almanac check`) and examples from the docs.
//!
//! `almanac schema` prints it; `schema/plan.schema.json` is its output,
//! kept up to date by a test.

use serde_json::{Map, Value, json};

use crate::diagnostics::codes::ALL as RULES;

/// The schema, as a JSON value (its maps are sorted, so the output is
/// deterministic).
pub fn plan_schema() -> Value {
    let mut root = table(
        "An almanac plan (a file with a `[plan]` table) or a fragment that plans include \
         (any other file). See docs/language.md.",
        vec![
            ("include", include()),
            ("plan", plan()),
            ("holidays", holidays()),
            ("people", people()),
            ("channels", channels()),
            ("budget", budget()),
            ("kol", kol()),
            ("campaigns", campaigns()),
            ("moments", moments()),
            ("blackouts", blackouts()),
            ("columns", columns()),
            ("reserve", reserve()),
            ("review", review()),
            ("effort", effort()),
            ("kpis", kpis()),
            ("highlights", highlights()),
            ("audiences", audiences()),
            ("guidelines", guidelines()),
            ("assertions", assertions()),
            ("rules", rules()),
        ],
        &[],
        vec![json!({
            "plan": { "name": "2026 新媒体传播计划", "year": 2026 },
            "people": { "editor": { "name": "内容编辑", "capacity": "40h" } }
        })],
    );
    let o = root.as_object_mut().expect("an object");
    o.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    o.insert("title".into(), json!("almanac plan"));
    let mut definitions = rule_settings();
    definitions.insert("budget_line".into(), budget_line());
    definitions.insert("draws".into(), draws());
    o.insert("definitions".into(), Value::Object(definitions));
    root
}

/// The schema as pretty-printed JSON with a final newline: what
/// `almanac schema` prints and `schema/plan.schema.json` holds.
pub fn plan_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&plan_schema()).expect("serializable");
    s.push('\n');
    s
}

// ------------------------------------------------------------------ patterns

/// Characters no expression contains: range dashes that are not `..`, and
/// full-width forms (`６０％`, typed by a Chinese input method).
const FORBIDDEN: &str = "~–—至！-～";

/// A number: digits and `_` groups, an optional fraction (no commas).
const NUM: &str = "[0-9][0-9_]*(?:\\.[0-9]+)?";

/// Money multipliers (`k`, `M`, `B`/`bn`, `万`, `亿`; `m` is refused).
const MULT: &str = "(?:k|K|M|bn|B|万|亿)";

/// A case-insensitive regular expression for an ASCII word (JSON Schema
/// patterns have no flags): `wd` → `[Ww][Dd]`.
fn ci(word: &str) -> String {
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

const UNITS: &[&str] = &[
    "d", "day", "days", "w", "week", "weeks", "wd", "workday", "workdays", "h", "hour", "hours",
    "hr", "hrs", "min", "mins", "minute", "minutes",
];

const DAY_UNITS: &[&str] = &[
    "d", "day", "days", "w", "week", "weeks", "wd", "workday", "workdays",
];

fn duration_pattern(units: &[&str]) -> String {
    format!("^\\s*[0-9]+ *{}\\s*$", ci_any(units))
}

fn money_body() -> String {
    format!("(?:[¥￥$€£]|[A-Z]{{3}})? *{NUM}{MULT}?(?: *(?:[A-Z]{{3}}|元))?")
}

fn share_body() -> String {
    format!("[+-]?{NUM}%(?:\\s*{}\\s+[^\\s]+)?", ci("of"))
}

fn date_pattern() -> String {
    let f = FORBIDDEN;
    format!("^\\s*[^\\s.{f}][^.{f}]*(?:\\.[^.{f}]+)*$")
}

fn range_pattern() -> String {
    let f = FORBIDDEN;
    format!("^\\s*[^\\s{f}][^{f}]*$")
}

fn recurrence_pattern() -> String {
    let f = FORBIDDEN;
    format!(
        "^\\s*{}(?:\\s[^{f}]*)?$",
        ci_any(&["every", "daily", "weekly", "monthly"])
    )
}

fn quantity_pattern() -> String {
    format!(
        "^\\s*[+-]?(?:{NUM}:{NUM}|{NUM}{MULT}?(?:%|{}|{}|×)?)\\+?\\s*$",
        ci("pp"),
        ci("x")
    )
}

fn assertion_pattern() -> String {
    let f = FORBIDDEN;
    format!("^[^{f}=<>!]+(?:<=|>=|==|!=|<|>)[^{f}=<>!]+$")
}

/// An id: letters (Chinese ones too), digits and `_`, not starting with a
/// digit — no ASCII punctuation other than `_`, no spaces.
const ID_PATTERN: &str = "^[^0-9\\s!-/:-@\\[-^`{-~][^\\s!-/:-@\\[-^`{-~]*$";

// ------------------------------------------------------------------ builders

/// `schema` with its description and examples.
fn doc(mut schema: Value, description: &str, examples: Vec<Value>) -> Value {
    let o = schema.as_object_mut().expect("an object schema");
    o.insert("description".into(), json!(description));
    o.insert("examples".into(), Value::Array(examples));
    schema
}

fn string(description: &str, examples: Vec<Value>) -> Value {
    doc(json!({ "type": "string" }), description, examples)
}

fn enumerated(values: &[&str], description: &str, examples: Vec<Value>) -> Value {
    doc(
        json!({ "type": "string", "enum": values }),
        description,
        examples,
    )
}

fn patterned(pattern: &str, description: &str, examples: Vec<Value>) -> Value {
    doc(
        json!({ "type": "string", "pattern": pattern }),
        description,
        examples,
    )
}

/// A string or a list of strings (the reader accepts both).
fn strings(description: &str, examples: Vec<Value>) -> Value {
    doc(
        json!({ "type": ["string", "array"], "items": { "type": "string" } }),
        description,
        examples,
    )
}

/// An expression, or a list of them.
fn patterned_list(pattern: &str, description: &str, examples: Vec<Value>) -> Value {
    doc(
        json!({
            "type": ["string", "array"],
            "pattern": pattern,
            "items": { "type": "string", "pattern": pattern }
        }),
        description,
        examples,
    )
}

/// An expression string that may also be a plain TOML number.
fn patterned_or_number(pattern: &str, description: &str, examples: Vec<Value>) -> Value {
    doc(
        json!({ "type": ["string", "number"], "pattern": pattern }),
        description,
        examples,
    )
}

fn integer(min: Option<i64>, description: &str, examples: Vec<Value>) -> Value {
    let mut s = json!({ "type": "integer" });
    if let Some(m) = min {
        s["minimum"] = json!(m);
    }
    doc(s, description, examples)
}

fn boolean(description: &str, examples: Vec<Value>) -> Value {
    doc(json!({ "type": "boolean" }), description, examples)
}

/// A table with a fixed set of keys (the reader reports any other, S003).
fn table(
    description: &str,
    props: Vec<(&str, Value)>,
    required: &[&str],
    examples: Vec<Value>,
) -> Value {
    let mut properties = Map::new();
    for (k, v) in props {
        properties.insert(k.to_string(), v);
    }
    let mut s = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        s["required"] = json!(required);
    }
    doc(s, description, examples)
}

/// A section keyed by ids (`[people.<id>]`), each entry an `entry` table.
fn keyed(description: &str, entry: Value, examples: Vec<Value>) -> Value {
    doc(
        json!({
            "type": "object",
            "propertyNames": { "pattern": ID_PATTERN },
            "additionalProperties": entry,
        }),
        description,
        examples,
    )
}

// ------------------------------------------------------------------ kinds

const DATE_DOC: &str = "A date expression (grammar/GRAMMAR.md#dates): an ISO date `2027-03-08`, a \
     month-day `03-08` in the plan's year, a name (`spring_festival`, `春节`, `双11`, a moment or \
     campaign id, `city_guide.end`), an nth weekday `2nd sun of may`, a boundary `end of Q1`, an \
     ISO week `2027-W12-wed`; followed by offsets `+ 3wd`, `- 7d`, `+ 2w`.";

const RANGE_DOC: &str = "A range (grammar/GRAMMAR.md#ranges): two dates `2027-01-20..2027-02-28`, a \
     relative end `spring_festival-21d..+15d`, a quarter `Q3`, a month `jul`, months `jul..aug`, \
     `year`, one date, or a campaign or moment id for its whole window. Write `..`, not `~`, `–` \
     or `至`.";

const DURATION_DOC: &str = "A duration (grammar/GRAMMAR.md#durations): a whole number and a unit — \
     `d` (days), `w` (weeks), `wd` (workdays), `h` (hours), `min` (minutes) — e.g. `3d`, `3wd`, \
     `24h`, `30min`. A day counts 8 hours and a week 40.";

const RECURRENCE_DOC: &str = "A recurrence (grammar/GRAMMAR.md#recurrences): `every wed`, `every \
     sat,sun`, `every 2 weeks on mon`, `daily`, `every weekday`, `every workday`, `monthly on 1st \
     mon`, `monthly on 15th`; optionally a time (`every fri 20:00`, `daily at 9:30`) and \
     exceptions (`except holidays, national_day`).";

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

fn with(kind_doc: &str, description: &str) -> String {
    format!("{description}\n\n{kind_doc}")
}

fn date(description: &str, examples: Vec<Value>) -> Value {
    patterned(&date_pattern(), &with(DATE_DOC, description), examples)
}

fn dates(description: &str, examples: Vec<Value>) -> Value {
    patterned_list(&date_pattern(), &with(DATE_DOC, description), examples)
}

fn range(description: &str, examples: Vec<Value>) -> Value {
    patterned(&range_pattern(), &with(RANGE_DOC, description), examples)
}

fn ranges(description: &str, examples: Vec<Value>) -> Value {
    patterned_list(&range_pattern(), &with(RANGE_DOC, description), examples)
}

fn duration(description: &str, examples: Vec<Value>) -> Value {
    patterned(
        &duration_pattern(UNITS),
        &with(DURATION_DOC, description),
        examples,
    )
}

fn quantity(description: &str, examples: Vec<Value>) -> Value {
    patterned_or_number(
        &quantity_pattern(),
        &with(QUANTITY_DOC, description),
        examples,
    )
}

fn share(description: &str, examples: Vec<Value>) -> Value {
    patterned(
        &format!("^\\s*{}\\s*$", share_body()),
        &with(SHARE_DOC, description),
        examples,
    )
}

fn amount_pattern() -> String {
    format!("^\\s*(?:{}|{})\\s*$", share_body(), money_body())
}

fn money_pattern() -> String {
    format!("^\\s*{}\\s*$", money_body())
}

// ------------------------------------------------------------------ sections

fn include() -> Value {
    strings(
        "Fragments to include, relative to this file: a path or a list of paths. A top-level \
         key, so it must come before the first [table].",
        vec![json!(["shared/team.toml"]), json!("shared/team.toml")],
    )
}

fn plan() -> Value {
    let mut t = table(
        "The plan's identity and calendar. A file with a [plan] table is a plan; an included \
         fragment may not have one. Give `year` or `period`, not both.",
        vec![
            (
                "id",
                string(
                    "The plan's id (default: the file name without `.toml`).",
                    vec![json!("new-media-2026")],
                ),
            ),
            (
                "name",
                string(
                    "The title shown in outputs (default: the file name without `.toml`).",
                    vec![json!("2026 新媒体传播计划")],
                ),
            ),
            (
                "year",
                integer(
                    None,
                    "The calendar year the plan covers (1 January to 31 December); required \
                     unless `period` is given.",
                    vec![json!(2026)],
                ),
            ),
            (
                "period",
                range(
                    "The days the plan covers, with full dates; instead of `year`, for a fiscal \
                     year.",
                    vec![json!("2026-04-01..2027-03-31"), json!("2026-04-01..+52w")],
                ),
            ),
            (
                "timezone",
                patterned(
                    "^\\s*(?:UTC|[A-Z][A-Za-z0-9_+-]*(?:/[A-Z][A-Za-z0-9_+-]*)+)\\s*$",
                    "An IANA time-zone name (`Area/City`) or `UTC`, for calendar outputs \
                     (default: `Asia/Shanghai`).",
                    vec![json!("Asia/Shanghai"), json!("Europe/Berlin")],
                ),
            ),
            ("currency", {
                let mut s = patterned(
                    "^\\s*[A-Z]{3}\\s*$",
                    "The ISO 4217 code of the plan's money, three capitals (default: `CNY`; \
                     write `CNY`, not `RMB`). An amount in another currency is an error.",
                    vec![json!("CNY"), json!("EUR")],
                );
                s["not"] = json!({ "enum": ["RMB"] });
                s
            }),
            (
                "locale",
                patterned(
                    &format!(
                        "^{}(?:[-_]{})?$|^{}(?:[-_]{})?$",
                        ci("zh"),
                        ci_any(&["cn", "hans"]),
                        ci("en"),
                        ci_any(&["us", "gb"])
                    ),
                    "The language of outputs: `zh-CN` (also `zh`, `zh-Hans`) or `en` (also \
                     `en-US`, `en-GB`); case and `_`/`-` do not matter (default: `zh-CN`).",
                    vec![json!("zh-CN"), json!("en")],
                ),
            ),
            (
                "calendar",
                enumerated(
                    &["cn", "none"],
                    "The public-holiday calendar: `cn` (China's official holidays and make-up \
                     workdays, built in for 2024–2026; other years warn, D004, until the plan \
                     declares them under [holidays]) or `none` (only the plan's own [holidays]). \
                     Default: `cn`.",
                    vec![json!("cn"), json!("none")],
                ),
            ),
            ("working_week", {
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
                patterned_list(
                    &format!("^\\s*{day}\\s*(?:\\.\\.\\s*{day}\\s*)?$"),
                    "The working days of a normal week: a weekday, a range of weekdays (both \
                     ends included) or a list of both (default: `mon..fri`).",
                    vec![json!("mon..fri"), json!(["sun", "mon..thu"])],
                )
            }),
            (
                "previous",
                string(
                    "Last year's plan file, relative to this one: the slide deck becomes the year-end deck (last year's review, then this plan).",
                    vec![json!("new-media-2025.toml")],
                ),
            ),
            (
                "theme",
                string("The year's theme.", vec![json!("品质生活倡导者")]),
            ),
            (
                "key_messages",
                strings(
                    "The year's key messages.",
                    vec![json!(["健康", "便捷", "社交"])],
                ),
            ),
            (
                "threads",
                strings("Topical threads.", vec![json!(["可持续消费", "国潮文化"])]),
            ),
            (
                "description",
                string("Free text.", vec![json!("年度传播计划")]),
            ),
        ],
        &[],
        vec![
            json!({ "id": "new-media-2026", "name": "2026 新媒体传播计划", "year": 2026, "calendar": "cn" }),
            json!({ "name": "FY2026", "period": "2026-04-01..2027-03-31", "currency": "USD", "locale": "en", "calendar": "none", "working_week": "sun..thu" }),
        ],
    );
    t["oneOf"] = json!([{ "required": ["year"] }, { "required": ["period"] }]);
    t
}

fn holidays() -> Value {
    keyed(
        "The plan's own days off and make-up workdays, by id: a company shutdown, a regional \
         holiday, or next year's official Chinese schedule before almanac ships it. Added to \
         the calendar chosen in `plan.calendar`.",
        table(
            "A holiday: its days off and make-up workdays.",
            vec![
                (
                    "name",
                    string("The holiday's name (default: the id).", vec![json!("春节")]),
                ),
                (
                    "off",
                    ranges(
                        "The days off: a range or a list of ranges.",
                        vec![
                            json!("2027-02-06..2027-02-12"),
                            json!(["2027-03-26", "2027-03-29"]),
                        ],
                    ),
                ),
                (
                    "workdays",
                    dates(
                        "Make-up working days (调休上班), usually weekend days: a date or a list.",
                        vec![json!(["2027-02-14"])],
                    ),
                ),
            ],
            &[],
            vec![
                json!({ "name": "春节", "off": "2027-02-06..2027-02-12", "workdays": ["2027-02-14"] }),
            ],
        ),
        vec![json!({ "christmas": { "name": "Christmas", "off": "2027-12-24..2027-12-31" } })],
    )
}

fn people() -> Value {
    keyed(
        "The team, by id. Tasks, columns and review levels name their owner by this id.",
        table(
            "A person (or a role).",
            vec![
                (
                    "name",
                    string(
                        "The person's name or role (default: the id).",
                        vec![json!("内容编辑")],
                    ),
                ),
                (
                    "role",
                    string("What they do.", vec![json!("图文、长文、初审")]),
                ),
                (
                    "capacity",
                    duration(
                        "Working hours per week, compared with their work in each ISO week (C001).",
                        vec![json!("40h"), json!("5d")],
                    ),
                ),
            ],
            &[],
            vec![json!({ "name": "法务", "role": "版权与合规审核", "capacity": "8h" })],
        ),
        vec![json!({ "editor": { "name": "内容编辑", "capacity": "40h" } })],
    )
}

fn channels() -> Value {
    keyed(
        "The platforms the team publishes on, by id (`wechat`, `douyin`, `linkedin`, …).",
        table(
            "A channel and its publishing slots.",
            vec![
                (
                    "name",
                    string(
                        "The channel's display name (default: the id).",
                        vec![json!("小红书")],
                    ),
                ),
                (
                    "followers",
                    quantity(
                        "The follower count at the start of the plan.",
                        vec![json!("12万"), json!(85000)],
                    ),
                ),
                (
                    "slots_per_week",
                    integer(
                        Some(0),
                        "Publishing slots per week, counted together with the [reserve] (C002).",
                        vec![json!(5)],
                    ),
                ),
                (
                    "max_per_day",
                    integer(
                        Some(0),
                        "At most this many posts a day (C003).",
                        vec![json!(1)],
                    ),
                ),
                ("note", string("Free text.", vec![json!("女性用户主阵地")])),
            ],
            &[],
            vec![
                json!({ "name": "抖音", "followers": "85000", "slots_per_week": 7, "max_per_day": 2 }),
            ],
        ),
        vec![json!({ "wechat": { "name": "微信公众号", "slots_per_week": 7, "max_per_day": 1 } })],
    )
}

fn line_ref() -> Value {
    json!({ "$ref": "#/definitions/budget_line" })
}

fn budget() -> Value {
    doc(
        json!({
            "type": "object",
            "properties": {
                "total": patterned_or_number(
                    &money_pattern(),
                    &with(MONEY_DOC, "The whole budget (default: the sum of the lines)."),
                    vec![json!("500万"), json!("€600k"), json!(5_000_000)],
                ),
                "spent": patterned_or_number(
                    &money_pattern(),
                    &with(MONEY_DOC, "What was spent in all, for the year-end review."),
                    vec![json!("486万")],
                ),
                "name": string("The budget's display name.", vec![json!("2026 预算")]),
                "note": string("Free text.", vec![json!("不含人力")]),
            },
            "propertyNames": { "pattern": ID_PATTERN },
            "additionalProperties": line_ref(),
        }),
        "The budget tree: a total and lines under it, sub-lines under those, to any depth. Any \
         key other than `total`, `spent`, `name` and `note` is a budget line with that id. When every \
         line of a level is a plain share, the shares add up to 100% (B001).",
        vec![
            json!({ "total": "500万", "ads": { "name": "广告", "share": "60%" }, "kol": "30%", "tools": "10%" }),
            json!({ "total": "€600k", "events": { "amount": "€180k" }, "paid": { "share": "50%", "linkedin_ads": "60%", "search_ads": "40%" } }),
        ],
    )
}

fn budget_line() -> Value {
    doc(
        json!({
            "anyOf": [
                { "type": "string", "pattern": amount_pattern() },
                { "type": "number" },
                {
                    "type": "object",
                    "properties": {
                        "name": string("The line's display name.", vec![json!("KOL 金字塔")]),
                        "amount": patterned_or_number(
                            &money_pattern(),
                            &with(MONEY_DOC, "The line's amount, in money (a share goes in `share`)."),
                            vec![json!("€180k"), json!("60万")],
                        ),
                        "share": share(
                            "The line's share of its parent (of the total, at the top level), or of \
                             another line with `of`.",
                            vec![json!("30%"), json!("25% of kol")],
                        ),
                        "spent": patterned_or_number(
                            &money_pattern(),
                            &with(MONEY_DOC, "What was spent on the line, for the year-end review (planned against spent)."),
                            vec![json!("285万")],
                        ),
                        "note": string("Free text.", vec![json!("含代理费")]),
                    },
                    "not": { "required": ["amount", "share"] },
                    "propertyNames": { "pattern": ID_PATTERN },
                    "additionalProperties": line_ref(),
                }
            ]
        }),
        &with(
            AMOUNT_DOC,
            "A budget line: its amount in shorthand (`ads = \"60%\"`, `events = \"€180k\"`, \
             `tools = 300_000`), or a table with `name`, `amount` or `share` (not both), `spent`, `note`, \
             and sub-lines as any other key. A line with neither `amount` nor `share` is the sum \
             of its sub-lines.",
        ),
        vec![
            json!("60%"),
            json!("€180k"),
            json!({ "name": "KOL 金字塔", "share": "30%", "head": { "name": "头部", "share": "5%" }, "waist": "25%", "amateur": "70%" }),
        ],
    )
}

fn draws() -> Value {
    doc(
        json!({
            "type": "object",
            "additionalProperties": {
                "anyOf": [
                    { "type": "string", "pattern": amount_pattern() },
                    { "type": "number" },
                    { "$ref": "#/definitions/draws" }
                ]
            }
        }),
        &with(
            AMOUNT_DOC,
            "What a campaign draws, by budget-line path (dotted keys reach sub-lines; `budget.` in \
             front is optional). A share is of the line drawn from, or of the line named with \
             `of`.",
        ),
        vec![json!({ "ads": { "douyin_feed": "60万" }, "kol": { "waist": "15万" } })],
    )
}

fn kol() -> Value {
    table(
        "The KOL (influencer) policy: which budget line holds KOL spend, the agreed pyramid \
         (B006) and the selection criteria. At most one [kol] per plan.",
        vec![
            (
                "budget",
                string(
                    "The path of the KOL budget line (`budget.` in front is optional).",
                    vec![json!("kol")],
                ),
            ),
            (
                "pyramid",
                doc(
                    json!({
                        "type": "object",
                        "propertyNames": { "pattern": ID_PATTERN },
                        "additionalProperties": share(
                            "A tier's share of the KOL line; the tier is a sub-line with the same id.",
                            vec![json!("25%")],
                        ),
                    }),
                    "Each tier's share of the KOL line, by tier id; the tiers add up to 100%.",
                    vec![json!({ "head": "5%", "waist": "25%", "amateur": "70%" })],
                ),
            ),
            (
                "criteria",
                doc(
                    json!({
                        "type": "object",
                        "propertyNames": { "pattern": ID_PATTERN },
                        "additionalProperties": quantity("A selection criterion.", vec![json!("5%")]),
                    }),
                    "Selection criteria, by name (recorded, not checked yet).",
                    vec![
                        json!({ "max_fake_followers": "30%", "min_conversion_vs_industry": "1.5x" }),
                    ],
                ),
            ),
        ],
        &[],
        vec![
            json!({ "budget": "kol", "pyramid": { "head": "5%", "waist": "25%", "amateur": "70%" } }),
        ],
    )
}

fn campaigns() -> Value {
    keyed(
        "Campaigns, by id: a window of days, channels, an owner, a budget drawn from budget \
         lines, and tasks.",
        campaign(),
        vec![
            json!({ "city_guide": { "name": "城市探索指南", "window": "jul..aug", "channels": ["xiaohongshu", "douyin"] } }),
        ],
    )
}

fn campaign() -> Value {
    table(
        "A campaign.",
        vec![
            (
                "name",
                string(
                    "The campaign's name (default: the id).",
                    vec![json!("城市探索指南")],
                ),
            ),
            (
                "window",
                range(
                    "Required: the days the campaign runs. As a date elsewhere, the campaign's id \
                     is its first day and `<id>.end` its last.",
                    vec![
                        json!("jul..aug"),
                        json!("spring_festival-21d..+15d"),
                        json!("2027-04-12..+6w"),
                    ],
                ),
            ),
            (
                "channels",
                strings(
                    "Channel ids where it runs; its publishing tasks publish here unless they name \
                     their own.",
                    vec![json!(["xiaohongshu", "douyin"])],
                ),
            ),
            (
                "owner",
                string("The person id of who owns it.", vec![json!("video")]),
            ),
            (
                "flagship",
                boolean(
                    "A flagship campaign of the year; flagships may not overlap on a channel (P005). \
                     Default: false.",
                    vec![json!(true)],
                ),
            ),
            (
                "messages",
                strings("Its key messages.", vec![json!(["健康", "社交"])]),
            ),
            (
                "description",
                string("Free text.", vec![json!("暑期城市探索内容")]),
            ),
            (
                "budget",
                doc(
                    json!({
                        "anyOf": [
                            {
                                "type": "string",
                                "pattern": format!("^\\s*[+-]?{NUM}%\\s*{}\\s+[^\\s]+\\s*$", ci("of"))
                            },
                            { "$ref": "#/definitions/draws" }
                        ]
                    }),
                    "What the campaign spends, and from which lines: a table from budget-line \
                     path to amount, or a string that names one line through a share (`25% of \
                     kol` draws 25% of `kol`). Everything drawn from a line must fit in it (B003).",
                    vec![
                        json!({ "ads": { "douyin_feed": "60万" }, "kol": { "waist": "15万" } }),
                        json!("25% of kol"),
                    ],
                ),
            ),
            (
                "kpis",
                doc(
                    json!({
                        "type": "object",
                        "propertyNames": { "pattern": ID_PATTERN },
                        "additionalProperties": quantity("A target of the campaign.", vec![json!("1500")]),
                    }),
                    "The campaign's own targets, by name (free names, not linked to [kpis]).",
                    vec![json!({ "signups": "1500", "pipeline": "1.2M" })],
                ),
            ),
            (
                "tasks",
                keyed(
                    "The work the campaign needs, by task id (unique within the campaign).",
                    task(),
                    vec![
                        json!({ "brief": { "name": "活动 brief", "owner": "manager", "due": "start - 15wd" } }),
                    ],
                ),
            ),
        ],
        &["window"],
        vec![json!({
            "name": "年味实验室",
            "flagship": true,
            "window": "spring_festival-21d..+15d",
            "channels": ["douyin", "xiaohongshu", "wechat"],
            "owner": "manager",
            "budget": { "ads": { "douyin_feed": "60万" } }
        })],
    )
}

fn task() -> Value {
    let mut t = table(
        "A task: an owner, RACI roles and a due date — `due`, or `after` and `duration`.",
        vec![
            (
                "name",
                string("The task's name (default: the id).", vec![json!("主视觉")]),
            ),
            (
                "owner",
                string("The person id of who does it.", vec![json!("designer")]),
            ),
            (
                "raci",
                patterned(
                    &format!(
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
                    "The owner's RACI role: `R`, `A`, `C`, `I` or `responsible`, `accountable`, \
                     `consulted`, `informed`, in any case (default: `R`).",
                    vec![json!("A"), json!("R")],
                ),
            ),
            (
                "accountable",
                string(
                    "The person id of who is accountable, when not the owner.",
                    vec![json!("manager")],
                ),
            ),
            (
                "consulted",
                strings("Person ids of who is consulted.", vec![json!(["legal"])]),
            ),
            (
                "informed",
                strings(
                    "Person ids of who is kept informed.",
                    vec![json!(["ads", "community"])],
                ),
            ),
            (
                "due",
                date(
                    "When it must be done; required unless the task has `after` and `duration`. \
                     `start` and `end` are the campaign's first and last day, another task's id is \
                     its due date; may begin with `after` (`after brief + 2wd`).",
                    vec![
                        json!("start - 15wd"),
                        json!("brief + 5wd"),
                        json!("after visuals + 3wd"),
                    ],
                ),
            ),
            (
                "after",
                strings(
                    "Task ids of the same campaign that must be done first.",
                    vec![json!(["brief"])],
                ),
            ),
            (
                "duration",
                patterned(
                    &duration_pattern(DAY_UNITS),
                    &with(
                        DURATION_DOC,
                        "Without `due`: the task is due this long after the last of its `after` \
                         tasks; in days, weeks or workdays only.",
                    ),
                    vec![json!("5wd"), json!("3d")],
                ),
            ),
            (
                "effort",
                duration(
                    "The work it takes, in hours (default: [effort] task, 4h).",
                    vec![json!("6h")],
                ),
            ),
            (
                "publish",
                boolean(
                    "The task puts content out on its due date: it goes through the review chain \
                     and takes channel slots. Default: false.",
                    vec![json!(true)],
                ),
            ),
            (
                "channels",
                strings(
                    "Channel ids where a task with `publish = true` publishes (default: the \
                     campaign's).",
                    vec![json!(["douyin"])],
                ),
            ),
            (
                "review",
                string(
                    "A review level id: the task is that level's work for the campaign, due no \
                     later than the day the level receives the content (P001).",
                    vec![json!("final")],
                ),
            ),
        ],
        &[],
        vec![
            json!({ "name": "主视觉", "owner": "designer", "after": ["brief"], "due": "brief + 5wd" }),
        ],
    );
    t["anyOf"] = json!([{ "required": ["due"] }, { "required": ["after", "duration"] }]);
    t
}

fn moments() -> Value {
    keyed(
        "Dates the year's content hangs on, by id; the id becomes a date name the rest of the \
         plan can use (and replaces a built-in moment of the same id).",
        table(
            "A moment: one day or a range of days.",
            vec![
                (
                    "name",
                    string(
                        "The moment's name (default: the id).",
                        vec![json!("母亲节")],
                    ),
                ),
                (
                    "date",
                    range(
                        "Required: the day or days.",
                        vec![
                            json!("mothers_day - 7d..mothers_day"),
                            json!("jan"),
                            json!("05-20"),
                        ],
                    ),
                ),
                (
                    "channels",
                    strings(
                        "Channel ids where the moment's content goes.",
                        vec![json!(["wechat", "xiaohongshu"])],
                    ),
                ),
                (
                    "content",
                    string("What to publish.", vec![json!("情感内容")]),
                ),
            ],
            &["date"],
            vec![
                json!({ "name": "年货节", "date": "jan", "channels": ["douyin"], "content": "美食教程" }),
            ],
        ),
        vec![
            json!({ "mothers_day_story": { "name": "母亲节", "date": "mothers_day - 7d..mothers_day" } }),
        ],
    )
}

fn blackouts() -> Value {
    keyed(
        "Days on which nothing is published (P002), by id. Unlike holidays, they do not change \
         workday arithmetic.",
        table(
            "A blackout.",
            vec![
                (
                    "reason",
                    string(
                        "Why (default: the id).",
                        vec![json!("国家公祭日：暂停促销内容")],
                    ),
                ),
                (
                    "date",
                    range(
                        "Required: the day or days.",
                        vec![json!("memorial_day"), json!("12-24..12-31")],
                    ),
                ),
                (
                    "channels",
                    strings(
                        "Channel ids the blackout applies to (default: every channel).",
                        vec![json!(["weibo", "douyin"])],
                    ),
                ),
            ],
            &["date"],
            vec![json!({ "reason": "Company shutdown", "date": "12-24..12-31" })],
        ),
        vec![
            json!({ "memorial_day": { "reason": "国家公祭日：暂停促销内容", "date": "memorial_day" } }),
        ],
    )
}

fn columns() -> Value {
    keyed(
        "Recurring content, by id: a weekly vlog, a Friday fan day, a monthly webinar.",
        table(
            "A column: its channel, owner and recurrence.",
            vec![
                (
                    "name",
                    string(
                        "The column's name (default: the id).",
                        vec![json!("探店vlog")],
                    ),
                ),
                (
                    "channel",
                    string("The one channel id it appears on.", vec![json!("douyin")]),
                ),
                (
                    "owner",
                    string("The person id of who produces it.", vec![json!("video")]),
                ),
                (
                    "every",
                    patterned(
                        &recurrence_pattern(),
                        &with(RECURRENCE_DOC, "Required: when it appears."),
                        vec![
                            json!("every wed except holidays"),
                            json!("every fri 20:00"),
                            json!("monthly on 2nd thu"),
                        ],
                    ),
                ),
                (
                    "during",
                    range(
                        "When the column runs (default: the plan's period).",
                        vec![json!("Q2..Q3")],
                    ),
                ),
                (
                    "skip",
                    dates(
                        "Episodes left out: a date or a list of dates.",
                        vec![json!(["06-17", "dragon_boat"])],
                    ),
                ),
                (
                    "pause",
                    ranges(
                        "Stretches without episodes: a range or a list; a campaign or moment id \
                         alone means its whole window.",
                        vec![
                            json!(["city_guide", "national_day..+6d"]),
                            json!("city_guide"),
                        ],
                    ),
                ),
                (
                    "moves",
                    doc(
                        json!({
                            "type": "object",
                            "propertyNames": { "pattern": date_pattern() },
                            "additionalProperties": date(
                                "The day the episode goes out instead.",
                                vec![json!("10-09")],
                            ),
                        }),
                        "Episodes moved to another day: a table of date = date; each key must be a \
                         day the column publishes on.",
                        vec![json!({ "10-07": "10-09" }), json!({ "11-11": "11-10" })],
                    ),
                ),
                (
                    "holidays",
                    enumerated(
                        &["publish", "skip"],
                        "What happens on holidays: `publish` (on purpose) or `skip` (the same as \
                         `except holidays`). Without either, episodes on holidays warn (P004).",
                        vec![json!("publish")],
                    ),
                ),
                (
                    "category",
                    string("The topic category.", vec![json!("系列专题")]),
                ),
                (
                    "effort",
                    duration(
                        "The work per episode, in hours (default: [effort] episode, 3h).",
                        vec![json!("4h")],
                    ),
                ),
                ("description", string("Free text.", vec![json!("互动话题")])),
            ],
            &["every"],
            vec![
                json!({ "name": "探店vlog", "channel": "douyin", "every": "every wed except holidays", "owner": "video" }),
            ],
        ),
        vec![
            json!({ "newsletter": { "channel": "newsletter", "every": "every tue 09:00 except holidays" } }),
        ],
    )
}

fn reserve() -> Value {
    table(
        "The share of each week's publishing slots kept free for breaking topics (C002). At \
         most one [reserve] per plan.",
        vec![
            (
                "share",
                share(
                    "Required: the share of each week's slots left unassigned.",
                    vec![json!("20%")],
                ),
            ),
            (
                "purpose",
                string("What the reserve is for.", vec![json!("热点追更")]),
            ),
        ],
        &["share"],
        vec![json!({ "share": "20%", "purpose": "热点追更：监测 → 快速响应 → 矩阵分发" })],
    )
}

fn review() -> Value {
    table(
        "The content review chain; [review] has no keys other than `levels`.",
        vec![(
            "levels",
            keyed(
                "The review levels content goes through before it is published, by id, in the \
                 order written.",
                table(
                    "A review level.",
                    vec![
                        (
                            "name",
                            string("The level's name (default: the id).", vec![json!("终审")]),
                        ),
                        (
                            "checks",
                            string("What this level checks.", vec![json!("法务与品牌")]),
                        ),
                        (
                            "lead",
                            duration(
                                "How long before publishing this level must receive the item \
                                 (`3d` calendar days, `3wd` workdays).",
                                vec![json!("3d"), json!("3wd")],
                            ),
                        ),
                        (
                            "response",
                            duration(
                                "How long this level takes to answer; hours count as whole \
                                 workdays (`24h` is one).",
                                vec![json!("24h"), json!("1wd")],
                            ),
                        ),
                        (
                            "owner",
                            string("The person id of who reviews.", vec![json!("legal")]),
                        ),
                    ],
                    &[],
                    vec![
                        json!({ "name": "终审", "checks": "法务与品牌", "lead": "3d", "response": "24h", "owner": "legal" }),
                    ],
                ),
                vec![json!({ "first": { "name": "初审", "response": "24h", "owner": "editor" } })],
            ),
        )],
        &[],
        vec![
            json!({ "levels": { "first": { "name": "初审", "response": "24h" }, "final": { "name": "终审", "lead": "3d", "response": "24h" } } }),
        ],
    )
}

fn effort() -> Value {
    table(
        "The hours of work counted for items that do not give their own `effort`, for the \
         capacity check (C001). At most one [effort] per plan.",
        vec![
            (
                "task",
                duration(
                    "Per task without `effort` (default: 4h).",
                    vec![json!("6h")],
                ),
            ),
            (
                "episode",
                duration(
                    "Per episode of a column without `effort` (default: 3h).",
                    vec![json!("2h")],
                ),
            ),
            (
                "review",
                duration(
                    "Per review step, for the level's owner (default: 1h).",
                    vec![json!("30min")],
                ),
            ),
        ],
        &[],
        vec![json!({ "task": "6h", "episode": "2h", "review": "30min" })],
    )
}

fn kpis() -> Value {
    keyed(
        "Key results, by id: where the team started (`baseline`), where it aims (`target`) and \
         where it got (`actual`).",
        table(
            "A KPI.",
            vec![
                (
                    "name",
                    string(
                        "The KPI's name (default: the id).",
                        vec![json!("平均互动率")],
                    ),
                ),
                (
                    "direction",
                    enumerated(
                        &["up", "higher", "down", "lower"],
                        "`up` (or `higher`): higher is better; `down` (or `lower`): lower is \
                         better, as for cost per lead (default: `up`).",
                        vec![json!("down")],
                    ),
                ),
                (
                    "baseline",
                    quantity(
                        "The starting value, usually last year's actual.",
                        vec![json!("3.2%"), json!(4200)],
                    ),
                ),
                (
                    "target",
                    quantity(
                        "The goal; better than the baseline in the KPI's direction (K001).",
                        vec![json!("8%"), json!("+30%")],
                    ),
                ),
                (
                    "actual",
                    quantity(
                        "The result, filled in at year end.",
                        vec![json!("5.8%"), json!("12万")],
                    ),
                ),
                (
                    "channel",
                    string("The channel id the KPI belongs to.", vec![json!("wechat")]),
                ),
                (
                    "part_of",
                    string(
                        "The id of the total KPI this one is a part of; the parts add up to it \
                         (K003).",
                        vec![json!("new_followers")],
                    ),
                ),
                (
                    "group",
                    string("A group for reports.", vec![json!("growth")]),
                ),
                ("note", string("Free text.", vec![json!("+2.3 个百分点")])),
            ],
            &[],
            vec![
                json!({ "name": "平均互动率", "group": "engagement", "baseline": "3.2%", "target": "8%" }),
            ],
        ),
        vec![
            json!({ "mqls": { "name": "Marketing-qualified leads", "baseline": "4200", "target": "6000" } }),
        ],
    )
}

fn highlights() -> Value {
    keyed(
        "The year's top content, by id, for the review deck.",
        table(
            "A highlight.",
            vec![
                (
                    "name",
                    string(
                        "What it was (default: the id).",
                        vec![json!("创始人访谈视频")],
                    ),
                ),
                (
                    "channels",
                    strings(
                        "Channel ids where it ran.",
                        vec![json!(["douyin", "wechat"])],
                    ),
                ),
                (
                    "results",
                    strings(
                        "What it achieved, as text.",
                        vec![json!(["12万+ 阅读", "2,600 条销售线索"])],
                    ),
                ),
            ],
            &[],
            vec![
                json!({ "name": "行业白皮书深度长文", "channels": ["wechat"], "results": ["12万+ 阅读"] }),
            ],
        ),
        vec![json!({ "white_paper": { "name": "行业白皮书深度长文" } })],
    )
}

fn audiences() -> Value {
    keyed(
        "Audiences and the messages meant for each, by id.",
        table(
            "An audience.",
            vec![
                (
                    "name",
                    string("The audience (default: the id).", vec![json!("新用户")]),
                ),
                (
                    "messages",
                    strings(
                        "Messages for this audience.",
                        vec![json!(["首单福利", "场景解决方案"])],
                    ),
                ),
            ],
            &[],
            vec![json!({ "name": "老用户", "messages": ["会员专属权益"] })],
        ),
        vec![
            json!({ "members": { "name": "老用户", "messages": ["会员专属权益", "UGC 内容共创"] } }),
        ],
    )
}

fn guidelines() -> Value {
    keyed(
        "Working rules the team follows, by id, written down so they travel with the plan.",
        table(
            "A guideline.",
            vec![
                (
                    "text",
                    string(
                        "The rule, in words (default: the id).",
                        vec![json!("热点出现后 2 小时内出初稿")],
                    ),
                ),
                (
                    "within",
                    duration("The time limit it sets, if any.", vec![json!("2h")]),
                ),
            ],
            &[],
            vec![json!({ "text": "线下活动后 72 小时内完成社群跟进", "within": "72h" })],
        ),
        vec![json!({ "hot_topic_draft": { "text": "热点出现后 2 小时内出初稿", "within": "2h" } })],
    )
}

fn assertions() -> Value {
    let pattern = assertion_pattern();
    let assertion_doc = "An assertion (grammar/GRAMMAR.md#assertions): one comparison (`<`, `<=`, \
         `>`, `>=`, `==`, `!=`) between values — paths (`budget.tools`, `budget.ads.*`), \
         functions (`sum`, `count`, `min`, `max`, `avg`), money, numbers, shares (`60% of \
         budget.total`) and arithmetic.";
    keyed(
        "Rules the plan writes for itself, by name; a failed assertion is an error (A001).",
        doc(
            json!({
                "anyOf": [
                    { "type": "string", "pattern": pattern },
                    table(
                        "An assertion with a message to show when it fails.",
                        vec![
                            (
                                "expr",
                                patterned(
                                    &pattern,
                                    &with(assertion_doc, "Required: the comparison."),
                                    vec![json!("budget.tools <= 10% of budget.total")],
                                ),
                            ),
                            (
                                "message",
                                string(
                                    "What to say when it fails.",
                                    vec![json!("数据监测工具不超过总预算的 10%")],
                                ),
                            ),
                        ],
                        &["expr"],
                        vec![json!({ "expr": "budget.tools <= 10% of budget.total", "message": "数据监测工具不超过总预算的 10%" })],
                    )
                ]
            }),
            &with(
                assertion_doc,
                "The comparison as a string, or a table with `expr` and `message`.",
            ),
            vec![
                json!("sum(budget.ads.*) <= 60% of budget.total"),
                json!({ "expr": "budget.tools <= 10% of budget.total", "message": "数据监测工具不超过总预算的 10%" }),
            ],
        ),
        vec![json!({ "ads_cap": "sum(budget.ads.*) <= 60% of budget.total" })],
    )
}

/// The severities `[rules]` accepts.
const SEVERITIES: &[&str] = &["error", "deny", "warn", "warning", "allow", "off"];

/// What a rule's setting means, for the settings the rule table declares.
fn option_doc(code: &str, option: &str) -> (&'static str, Value) {
    match (code, option) {
        ("B001", "tolerance") => (
            "How far the shares of a level may be from 100%, in percentage points.",
            json!("0.5pp"),
        ),
        ("B006", "tolerance") => (
            "How far a tier's share may be from the pyramid, in percentage points.",
            json!("1pp"),
        ),
        ("K003", "tolerance") => (
            "How far the parts may be from the total, in percent of the total.",
            json!("1%"),
        ),
        ("P005", "max") => (
            "How many flagship campaigns may run at once on one channel (default 1).",
            json!(2),
        ),
        _ => ("A threshold of this rule.", json!(1)),
    }
}

/// The definition holding a rule's setting (`#/definitions/rule_B001`).
fn rule_definition(code: &str) -> String {
    format!("rule_{code}")
}

/// The setting of each configurable rule: a severity or a table with
/// `severity` and the rule's thresholds.
fn rule_settings() -> Map<String, Value> {
    let severity_doc = "`error` (or `deny`): report as an error; `warn` (or `warning`): report \
                        as a warning; `allow` (or `off`): do not report.";
    let mut out = Map::new();
    for r in RULES.iter().filter(|r| r.configurable) {
        let mut settings = Map::new();
        settings.insert(
            "severity".into(),
            enumerated(SEVERITIES, severity_doc, vec![json!("warn")]),
        );
        let mut table_example = Map::new();
        table_example.insert("severity".into(), json!("warn"));
        for o in r.options {
            let (d, example) = option_doc(r.code, o);
            table_example.insert((*o).into(), example.clone());
            settings.insert(
                (*o).into(),
                patterned_or_number(
                    &quantity_pattern(),
                    &format!(
                        "{d} Written as a quantity or a plain number; only the number counts \
                         (`\"0.5pp\"`, `\"0.5%\"` and `0.5` all mean 0.5)."
                    ),
                    vec![example],
                ),
            );
        }
        let setting = doc(
            json!({
                "anyOf": [
                    { "type": "string", "enum": SEVERITIES },
                    {
                        "type": "object",
                        "properties": settings,
                        "additionalProperties": false,
                    }
                ]
            }),
            &format!(
                "{} `{}`: {} (default: {}). `almanac explain {}` prints its documentation.\n\n\
                 A severity ({severity_doc}) or a table with `severity`{}.",
                r.code,
                r.name,
                r.summary,
                r.default_severity.as_str(),
                r.code,
                if r.options.is_empty() {
                    String::new()
                } else {
                    format!(" and the settings {}", r.options.join(", "))
                }
            ),
            vec![json!("warn"), Value::Object(table_example)],
        );
        out.insert(rule_definition(r.code), setting);
    }
    out
}

fn rules() -> Value {
    let mut properties = Map::new();
    let mut patterns = Map::new();
    let mut fixed = Vec::new();
    for r in RULES {
        if !r.configurable {
            fixed.push(format!("{} `{}`", r.code, r.name));
            continue;
        }
        let setting = json!({ "$ref": format!("#/definitions/{}", rule_definition(r.code)) });
        properties.insert(r.code.into(), setting.clone());
        properties.insert(r.name.into(), setting.clone());
        // Codes are matched in any case (`b001`).
        patterns.insert(format!("^{}$", ci(r.code)), setting);
    }
    doc(
        json!({
            "type": "object",
            "properties": properties,
            "patternProperties": patterns,
            "additionalProperties": false,
        }),
        &format!(
            "Severities and thresholds of the built-in rules, like lint levels: each key is a \
             rule's code (in any case) or its name, each value a severity or a table with \
             `severity` and the rule's settings. `almanac rules` lists every rule. The severity \
             of these rules cannot be changed: {}.",
            fixed.join(", ")
        ),
        vec![
            json!({ "no-holiday-schedule": "allow", "budget-shares": { "severity": "warn", "tolerance": "0.5pp" } }),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_deterministic() {
        assert_eq!(plan_schema_text(), plan_schema_text());
    }

    #[test]
    fn every_configurable_rule_is_a_key_by_code_and_name() {
        let s = plan_schema();
        let props = &s["properties"]["rules"]["properties"];
        for r in RULES.iter().filter(|r| r.configurable) {
            assert!(props.get(r.code).is_some(), "{}", r.code);
            assert!(props.get(r.name).is_some(), "{}", r.name);
        }
    }

    #[test]
    fn ci_is_case_insensitive() {
        assert_eq!(ci("wd"), "[Ww][Dd]");
        assert_eq!(ci("B001"), "[Bb]001");
    }
}
