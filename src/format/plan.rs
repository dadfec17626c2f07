//! The definition itself: each table of a plan file and its keys, in the
//! order `fmt` writes them — who and what the plan is for, the money (with
//! the KOL policy that splits part of it), the work in the order it is
//! planned, the checks, the results, the settings. The text is written for
//! plan authors: `doc` for an editor's hover (a sentence), `meaning` for
//! the reference's key tables (a phrase).

use super::ExprKind::{
    Assertion, Date, DayDuration, Due, Duration, Money, Quantity, Range, Recurrence, Share,
};
use super::Sample::{Int as I, Str as S, Toml as T};
use super::{ExprKind, Key, Kind, Names, Needs, Other, Row, Table, Target, Text, Word, key};

const fn text() -> Kind {
    Kind::Text(Text::Free)
}

const fn texts() -> Kind {
    Kind::Texts(Text::Free)
}

const fn id_of(target: Target) -> Kind {
    Kind::Text(Text::Ref(target))
}

const fn ids_of(target: Target) -> Kind {
    Kind::Texts(Text::Ref(target))
}

const fn choice(words: &'static [&'static str]) -> Kind {
    Kind::Text(Text::Choice(words))
}

const fn word(w: Word) -> Kind {
    Kind::Text(Text::Word(w))
}

const fn expr(e: ExprKind) -> Kind {
    Kind::Expr(e)
}

const fn exprs(e: ExprKind) -> Kind {
    Kind::Exprs(e)
}

const fn number(e: ExprKind) -> Kind {
    Kind::Number(e)
}

const fn count() -> Kind {
    Kind::Int { min: Some(0) }
}

/// A table of ids, each entry described by `entry`.
const fn by_id(path: &'static str, entry: &'static Key) -> Table {
    Table {
        path,
        keys: &[],
        other: Some(Other {
            names: Names::Ids,
            value: entry,
            row: None,
        }),
        needs: Needs::Required,
    }
}

/// A table with these keys and no others.
const fn record(path: &'static str, keys: &'static [Key]) -> Table {
    Table {
        path,
        keys,
        other: None,
        needs: Needs::Required,
    }
}

/// The severities `[rules]` accepts.
pub const SEVERITIES: &[&str] = &["error", "deny", "warn", "warning", "allow", "off"];

/// A whole file: a plan (with `[plan]`) or a fragment.
pub static PLAN_FILE: Key = key("", Kind::Table(&FILE))
    .doc(
        "An almanac plan (a file with a `[plan]` table) or a fragment that plans include \
         (any other file). See docs/language.md.",
    )
    .examples(&[T(
        r#"{ plan = { name = "2026 新媒体传播计划", year = 2026 }, people = { editor = { name = "内容编辑", capacity = "40h" } } }"#,
    )])
    .meaning("a plan or a fragment");

pub static FILE: Table = record(
    "",
    &[
        key("include", texts())
            .doc(
                "Fragments to include, relative to this file: a path or a list of paths. A \
                 top-level key, so it must come before the first [table].",
            )
            .examples(&[T(r#"["shared/team.toml"]"#), S("shared/team.toml")])
            .meaning("fragments to include, relative to this file"),
        key("plan", Kind::Table(&PLAN))
            .doc(
                "The plan's identity and calendar. A file with a [plan] table is a plan; an \
                 included fragment may not have one. Give `year` or `period`, not both.",
            )
            .examples(&[
                T(r#"{ id = "new-media-2026", name = "2026 新媒体传播计划", year = 2026, calendar = "cn" }"#),
                T(r#"{ name = "FY2026", period = "2026-04-01..2027-03-31", currency = "USD", locale = "en", calendar = "none", working_week = "sun..thu" }"#),
            ])
            .meaning("the plan's identity and its calendar")
            .label("plan", "计划"),
        key("audiences", Kind::Table(&AUDIENCES))
            .doc("Audiences and the messages meant for each, by id.")
            .examples(&[T(
                r#"{ members = { name = "老用户", messages = ["会员专属权益", "UGC 内容共创"] } }"#,
            )])
            .meaning("audiences and the messages meant for each")
            .label("audiences", "受众"),
        key("holidays", Kind::Table(&HOLIDAYS))
            .doc(
                "The plan's own days off and make-up workdays, by id: a company shutdown, a \
                 regional holiday, or next year's official Chinese schedule before almanac \
                 ships it. Added to the calendar chosen in `plan.calendar`.",
            )
            .examples(&[T(
                r#"{ christmas = { name = "Christmas", off = "2027-12-24..2027-12-31" } }"#,
            )])
            .meaning("the plan's own days off and make-up workdays")
            .label("holidays", "节假日"),
        key("people", Kind::Table(&PEOPLE))
            .doc("The team, by id. Tasks, columns and review levels name their owner by this id.")
            .examples(&[T(r#"{ editor = { name = "内容编辑", capacity = "40h" } }"#)])
            .meaning("the team")
            .label("people", "人员"),
        key("channels", Kind::Table(&CHANNELS))
            .doc(
                "The platforms the team publishes on, by id (`wechat`, `douyin`, `linkedin`, …).",
            )
            .examples(&[T(
                r#"{ wechat = { name = "微信公众号", slots_per_week = 7, max_per_day = 1 } }"#,
            )])
            .meaning("the platforms the team publishes on")
            .label("channels", "渠道"),
        key("budget", Kind::Table(&BUDGET))
            .doc(
                "The budget tree: a total and lines under it, sub-lines under those, to any \
                 depth. Any key other than `total`, `spent`, `name` and `note` is a budget line \
                 with that id. When every line of a level is a plain share, the shares add up \
                 to 100% (B001).",
            )
            .examples(&[
                T(r#"{ total = "500万", ads = { name = "广告", share = "60%" }, kol = "30%", tools = "10%" }"#),
                T(r#"{ total = "€600k", events = { amount = "€180k" }, paid = { share = "50%", linkedin_ads = "60%", search_ads = "40%" } }"#),
            ])
            .meaning("the budget tree")
            .label("budget", "预算"),
        key("kol", Kind::Table(&KOL))
            .doc(
                "The KOL (influencer) policy: which budget line holds KOL spend, the agreed \
                 pyramid (B006) and the selection criteria. At most one [kol] per plan.",
            )
            .examples(&[T(
                r#"{ budget = "kol", pyramid = { head = "5%", waist = "25%", amateur = "70%" } }"#,
            )])
            .meaning("the KOL (influencer) policy")
            .label("KOL policy", "KOL 策略"),
        key("campaigns", Kind::Table(&CAMPAIGNS))
            .doc(
                "Campaigns, by id: a window of days, channels, an owner, a budget drawn from \
                 budget lines, and tasks.",
            )
            .examples(&[T(
                r#"{ city_guide = { name = "城市探索指南", window = "jul..aug", channels = ["xiaohongshu", "douyin"] } }"#,
            )])
            .meaning("campaigns and their tasks")
            .label("campaigns", "活动"),
        key("moments", Kind::Table(&MOMENTS))
            .doc(
                "Dates the year's content hangs on, by id; the id becomes a date name the rest \
                 of the plan can use (and replaces a built-in moment of the same id).",
            )
            .examples(&[T(
                r#"{ mothers_day_story = { name = "母亲节", date = "mothers_day - 7d..mothers_day" } }"#,
            )])
            .meaning("dates the year's content hangs on")
            .label("moments", "节点"),
        key("columns", Kind::Table(&COLUMNS))
            .doc("Recurring content, by id: a weekly vlog, a Friday fan day, a monthly webinar.")
            .examples(&[T(
                r#"{ newsletter = { channel = "newsletter", every = "every tue 09:00 except holidays" } }"#,
            )])
            .meaning("recurring content")
            .label("columns", "栏目"),
        key("rituals", Kind::Table(&RITUALS))
            .doc(
                "The team's own recurring meetings and rhythms, by id: a weekly case review, \
                 monthly training. They go to the calendar and the owners' task lists and count \
                 against capacity; they publish nothing and are never reviewed.",
            )
            .examples(&[T(
                r#"{ case_review = { name = "每周案例复盘", every = "every mon 10:00", owner = "manager", attendees = ["editor", "video"], effort = "1h" } }"#,
            )])
            .meaning("the team's recurring meetings and rhythms")
            .label("rituals", "团队例行"),
        key("blackouts", Kind::Table(&BLACKOUTS))
            .doc(
                "Days on which nothing is published (P002), by id. Unlike holidays, they do not \
                 change workday arithmetic.",
            )
            .examples(&[T(
                r#"{ memorial_day = { reason = "国家公祭日：暂停促销内容", date = "memorial_day" } }"#,
            )])
            .meaning("days on which nothing is published")
            .label("blackouts", "禁发日"),
        key("reserve", Kind::Table(&RESERVE))
            .doc(
                "The share of each week's publishing slots kept free for breaking topics (C002). \
                 At most one [reserve] per plan.",
            )
            .examples(&[T(r#"{ share = "20%", purpose = "热点追更：监测 → 快速响应 → 矩阵分发" }"#)])
            .meaning("the share of each week's publishing slots kept free for breaking topics")
            .label("reserve for hot topics", "热点预留"),
        key("review", Kind::Table(&REVIEW))
            .doc("The content review chain; [review] has no keys other than `levels`.")
            .examples(&[T(
                r#"{ levels = { first = { name = "初审", response = "24h" }, final = { name = "终审", lead = "3d", response = "24h" } } }"#,
            )])
            .meaning("the content review chain")
            .label("review", "审核流程"),
        key("effort", Kind::Table(&EFFORT))
            .doc(
                "The hours of work counted for items that do not give their own `effort`, for \
                 the capacity check (C001). At most one [effort] per plan.",
            )
            .examples(&[T(r#"{ task = "6h", episode = "2h", review = "30min" }"#)])
            .meaning("default hours of work"),
        key("kpis", Kind::Table(&KPIS))
            .doc(
                "Key results, by id: where the team started (`baseline`), where it aims \
                 (`target`) and where it got (`actual`).",
            )
            .examples(&[T(
                r#"{ mqls = { name = "Marketing-qualified leads", baseline = "4200", target = "6000" } }"#,
            )])
            .meaning("baselines, targets and actuals")
            .label("KPI", "KPI"),
        key("highlights", Kind::Table(&HIGHLIGHTS))
            .doc("The year's top content, by id, for the review deck.")
            .examples(&[T(r#"{ white_paper = { name = "行业白皮书深度长文" } }"#)])
            .meaning("the year's top content")
            .label("highlights", "亮点"),
        key("guidelines", Kind::Table(&GUIDELINES))
            .doc(
                "Working rules the team follows, by id, written down so they travel with the \
                 plan.",
            )
            .examples(&[T(
                r#"{ hot_topic_draft = { text = "热点出现后 2 小时内出初稿", within = "2h" } }"#,
            )])
            .meaning("working rules the team follows")
            .label("guidelines", "运营准则"),
        key("sections", Kind::Table(&SECTIONS))
            .doc(
                "The review's findings per section of the deck's outline, by the section's id \
                 (`results`, `platforms`, `content`, `growth`, `community`, `brand`, `ads`, \
                 `data`, `team`, `trends`, `framework`, `creative`, `tech`, `budget`): key \
                 points, figures and cases.",
            )
            .examples(&[T(
                r#"{ trends = { points = ["短视频搜索成为新的流量入口"] } }"#,
            )])
            .meaning("the findings per section of the deck's outline")
            .label("sections", "章节"),
        key("assertions", Kind::Table(&ASSERTIONS))
            .doc("Rules the plan writes for itself, by name; a failed assertion is an error (A001).")
            .examples(&[T(r#"{ ads_cap = "sum(budget.ads.*) <= 60% of budget.total" }"#)])
            .meaning("rules the plan writes for itself")
            .label("assertions", "断言"),
        key("rules", Kind::Rules(&RULES))
            .doc(
                "Severities and thresholds of the built-in rules, like lint levels: each key is \
                 a rule's code (in any case) or its name, each value a severity or a table with \
                 `severity` and the rule's settings. `almanac rules` lists every rule.",
            )
            .examples(&[T(
                r#"{ no-holiday-schedule = "allow", budget-shares = { severity = "warn", tolerance = "0.5pp" } }"#,
            )])
            .meaning("severities and thresholds of the built-in rules")
            .label("rules", "规则设置"),
    ],
);

static PLAN: Table = Table {
    needs: Needs::OneOf(&[&["year"], &["period"]]),
    ..record(
        "plan",
        &[
            key("id", text())
                .doc("The plan's id (default: the file name without `.toml`).")
                .examples(&[S("new-media-2026")])
                .default("file name without `.toml`")
                .meaning(
                    "the plan's id, and the name of its output folder: letters, digits, `-`, `_` \
                     and inner dots, starting with a letter or digit (S006 otherwise); unique \
                     among the plans checked together (R002)",
                )
                .label("id", "编号"),
            key("name", text())
                .doc("The title shown in outputs (default: the file name without `.toml`).")
                .examples(&[S("2026 新媒体传播计划")])
                .default("file name without `.toml`")
                .meaning("the title shown in outputs")
                .label("name", "名称"),
            key("year", Kind::Int { min: None })
                .doc(
                    "The calendar year the plan covers (1 January to 31 December); required \
                     unless `period` is given.",
                )
                .examples(&[I(2026)])
                .meaning(
                    "the calendar year the plan covers (1 January to 31 December); **required** \
                     unless `period` is given",
                ),
            key("period", expr(Range))
                .doc(
                    "The days the plan covers, with full dates; instead of `year`, for a fiscal \
                     year.",
                )
                .examples(&[S("2026-04-01..2027-03-31"), S("2026-04-01..+52w")])
                .meaning(
                    "the days the plan covers, written with full dates; use instead of `year` \
                     for a fiscal year",
                )
                .label("period", "计划期间"),
            key("timezone", word(Word::TimeZone))
                .doc(
                    "An IANA time-zone name (`Area/City`) or `UTC`, for calendar outputs \
                     (default: `Asia/Shanghai`).",
                )
                .examples(&[S("Asia/Shanghai"), S("Europe/Berlin")])
                .shown(1)
                .default("`\"Asia/Shanghai\"`")
                .meaning(
                    "an IANA time-zone name (`Area/City`) or `UTC`, for calendar outputs; only \
                     its form is checked",
                )
                .label("time zone", "时区"),
            key("currency", word(Word::Currency))
                .doc(
                    "The ISO 4217 code of the plan's money, three capitals (default: `CNY`; \
                     write `CNY`, not `RMB`). An amount in another currency is an error.",
                )
                .examples(&[S("CNY"), S("EUR")])
                .shown(1)
                .default("`\"CNY\"`")
                .meaning(
                    "the ISO code of the plan's money, three capitals; an amount in another \
                     currency is an error",
                )
                .label("currency", "币种"),
            key("locale", word(Word::Locale))
                .doc(
                    "The language of outputs: `zh-CN` (also `zh`, `zh-Hans`) or `en` (also \
                     `en-US`, `en-GB`); case and `_`/`-` do not matter (default: `zh-CN`).",
                )
                .examples(&[S("zh-CN"), S("en")])
                .shown(1)
                .default("`\"zh-CN\"`")
                .meaning(
                    "the language of outputs: `zh-CN` (also `zh`, `zh-Hans`) or `en` (also \
                     `en-US`, `en-GB`); case and `_`/`-` do not matter",
                )
                .label("language", "语言"),
            key("calendar", choice(&["cn", "none"]))
                .doc(
                    "The public-holiday calendar: `cn` (China's official holidays and make-up \
                     workdays, built in for 2024–2026; other years warn, D004, until the plan \
                     declares them under [holidays]) or `none` (only the plan's own [holidays]). \
                     Default: `cn`.",
                )
                .examples(&[S("cn"), S("none")])
                .shown(1)
                .default("`\"cn\"`")
                .meaning(
                    "the public-holiday calendar: `\"cn\"` (China's official holidays and \
                     make-up workdays) or `\"none\"` (only the plan's own `[holidays]`)",
                )
                .label("holiday calendar", "节假日日历"),
            key("working_week", Kind::Texts(Text::Word(Word::Weekdays)))
                .doc(
                    "The working days of a normal week: a weekday, a range of weekdays (both \
                     ends included) or a list of both (default: `mon..fri`).",
                )
                .examples(&[S("mon..fri"), T(r#"["sun", "mon..thu"]"#)])
                .shown(1)
                .default("`\"mon..fri\"`")
                .meaning("the working days of a normal week: a range of weekdays, a list, or both"),
            key("previous", text())
                .doc(
                    "Last year's plan file, relative to this one: the slide deck becomes the \
                     year-end deck (last year's review, then this plan).",
                )
                .examples(&[S("new-media-2025.toml")])
                .meaning(
                    "last year's plan file, relative to this one: the slide deck becomes the \
                     year-end deck, last year's review then this plan (`docs/slides.md`; a \
                     missing file, or one outside the project, is O002)",
                ),
            key("theme", text())
                .doc("The year's theme.")
                .examples(&[S("品质生活倡导者")])
                .meaning("the year's theme")
                .label("theme", "主题"),
            key("key_messages", texts())
                .doc("The year's key messages.")
                .examples(&[T(r#"["健康", "便捷", "社交"]"#)])
                .meaning("the year's key messages")
                .label("key messages", "核心信息"),
            key("threads", texts())
                .doc("Topical threads.")
                .examples(&[T(r#"["可持续消费", "国潮文化"]"#)])
                .meaning("topical threads"),
            key("description", text())
                .doc("Free text.")
                .examples(&[S("年度传播计划")])
                .meaning("free text"),
        ],
    )
};

static AUDIENCES: Table = by_id("audiences", &AUDIENCE);

static AUDIENCE: Key = key("id", Kind::Table(&AUDIENCE_TABLE))
    .doc("An audience.")
    .examples(&[T(r#"{ name = "老用户", messages = ["会员专属权益"] }"#)])
    .meaning("an audience");

static AUDIENCE_TABLE: Table = record(
    "audiences.<id>",
    &[
        key("name", text())
            .doc("The audience (default: the id).")
            .examples(&[S("新用户")])
            .default("the id")
            .meaning("the audience"),
        key("messages", texts())
            .doc("Messages for this audience.")
            .examples(&[T(r#"["首单福利", "场景解决方案"]"#)])
            .meaning("messages for this audience"),
    ],
);

static HOLIDAYS: Table = by_id("holidays", &HOLIDAY);

static HOLIDAY: Key = key("id", Kind::Table(&HOLIDAY_TABLE))
    .doc("A holiday: its days off and make-up workdays.")
    .examples(&[T(
        r#"{ name = "春节", off = "2027-02-06..2027-02-12", workdays = ["2027-02-14"] }"#,
    )])
    .meaning("a holiday");

static HOLIDAY_TABLE: Table = record(
    "holidays.<id>",
    &[
        key("name", text())
            .doc("The holiday's name (default: the id).")
            .examples(&[S("春节")])
            .default("the id")
            .meaning("the holiday's name"),
        key("off", exprs(Range))
            .doc("The days off: a range or a list of ranges.")
            .examples(&[
                S("2027-02-06..2027-02-12"),
                T(r#"["2027-03-26", "2027-03-29"]"#),
            ])
            .meaning("the days off"),
        key("workdays", exprs(Date))
            .doc("Make-up working days (调休上班), usually weekend days: a date or a list.")
            .examples(&[T(r#"["2027-02-14"]"#)])
            .meaning("make-up working days (调休上班), usually weekend days"),
    ],
);

static PEOPLE: Table = by_id("people", &PERSON);

static PERSON: Key = key("id", Kind::Table(&PERSON_TABLE))
    .doc("A person (or a role).")
    .examples(&[T(
        r#"{ name = "法务", role = "版权与合规审核", capacity = "8h" }"#,
    )])
    .meaning("a person");

static PERSON_TABLE: Table = record(
    "people.<id>",
    &[
        key("name", text())
            .doc("The person's name or role (default: the id).")
            .examples(&[S("内容编辑")])
            .default("the id")
            .meaning("the person's name (or a role)"),
        key("role", text())
            .doc("What they do.")
            .examples(&[S("图文、长文、初审")])
            .meaning("what they do")
            .label("role", "职责"),
        key("capacity", expr(Duration))
            .doc("Working hours per week, compared with their work in each ISO week (C001).")
            .examples(&[S("40h"), S("5d")])
            .meaning("working hours per week")
            .label("capacity", "每周工时"),
    ],
);

static CHANNELS: Table = by_id("channels", &CHANNEL);

static CHANNEL: Key = key("id", Kind::Table(&CHANNEL_TABLE))
    .doc("A channel and its publishing slots.")
    .examples(&[T(
        r#"{ name = "抖音", followers = "85000", slots_per_week = 7, max_per_day = 2 }"#,
    )])
    .meaning("a channel");

static CHANNEL_TABLE: Table = record(
    "channels.<id>",
    &[
        key("name", text())
            .doc("The channel's display name (default: the id).")
            .examples(&[S("小红书")])
            .default("the id")
            .meaning("the channel's display name"),
        key("followers", number(Quantity))
            .doc("The follower count at the start of the plan.")
            .examples(&[S("12万"), I(85000)])
            .meaning("the follower count at the start of the plan"),
        key("slots_per_week", count())
            .doc("Publishing slots per week, counted together with the [reserve] (C002).")
            .examples(&[I(5)])
            .meaning("publishing slots per week")
            .label("slots per week", "每周发布数"),
        key("max_per_day", count())
            .doc("At most this many posts a day (C003).")
            .examples(&[I(1)])
            .meaning("at most this many posts a day")
            .label("posts per day", "每日上限"),
        key("note", text())
            .doc("Free text.")
            .examples(&[S("女性用户主阵地")])
            .meaning("free text"),
    ],
);

static BUDGET: Table = Table {
    other: Some(Other {
        names: Names::Ids,
        value: &LINE,
        row: Some(Row {
            meaning: "a budget line with that id",
            example: "tools = \"10%\"",
        }),
    }),
    ..record(
        "budget",
        &[
            key("total", number(Money))
                .doc("The whole budget (default: the sum of the lines).")
                .examples(&[S("500万"), S("€600k"), I(5_000_000)])
                .default("the sum of the lines")
                .meaning("the whole budget"),
            key("spent", number(Money))
                .doc("What was spent in all, for the year-end review.")
                .examples(&[S("486万")])
                .meaning(
                    "what was spent in all, filled in at year end; the review deck sets it \
                     against the plan",
                ),
            key("name", text())
                .doc("The budget's display name.")
                .examples(&[S("2026 预算")])
                .meaning("the budget's display name"),
            key("note", text())
                .doc("Free text.")
                .examples(&[S("不含人力")])
                .meaning("free text"),
        ],
    )
};

/// A budget line, at any depth: the JSON Schema's `budget_line`.
pub static LINE: Key = key("line", Kind::Line(&LINE_TABLE))
    .doc(
        "A budget line: its amount in shorthand (`ads = \"60%\"`, `events = \"€180k\"`, \
         `tools = 300_000`), or a table with `name`, `amount` or `share` (not both), `spent`, \
         `note`, and sub-lines as any other key. A line with neither `amount` nor `share` is \
         the sum of its sub-lines.",
    )
    .examples(&[
        S("60%"),
        S("€180k"),
        T(
            r#"{ name = "KOL 金字塔", share = "30%", head = { name = "头部", share = "5%" }, waist = "25%", amateur = "70%" }"#,
        ),
    ])
    .meaning("a budget line");

static LINE_TABLE: Table = Table {
    other: Some(Other {
        names: Names::Ids,
        value: &LINE,
        row: Some(Row {
            meaning: "a sub-line with that id",
            example: "head = { name = \"头部\", share = \"5%\" }",
        }),
    }),
    needs: Needs::NotAll(&["amount", "share"]),
    ..record(
        "budget.<line>",
        &[
            key("name", text())
                .doc("The line's display name.")
                .examples(&[S("KOL 金字塔")])
                .meaning("the line's display name"),
            key("amount", number(Money))
                .doc("The line's amount, in money (a share goes in `share`).")
                .examples(&[S("€180k"), S("60万")])
                .meaning("the line's amount")
                .label("amount", "金额"),
            key("share", expr(Share))
                .doc(
                    "The line's share of its parent (of the total, at the top level), or of \
                     another line with `of`.",
                )
                .examples(&[S("30%"), S("25% of kol")])
                .meaning("the line's share of its parent, or of another line"),
            key("spent", number(Money))
                .doc(
                    "What was spent on the line, for the year-end review (planned against \
                     spent).",
                )
                .examples(&[S("285万")])
                .meaning("what was spent on the line, filled in at year end"),
            key("note", text())
                .doc("Free text.")
                .examples(&[S("含代理费")])
                .meaning("free text"),
        ],
    )
};

static KOL: Table = record(
    "kol",
    &[
        key("budget", text())
            .doc("The path of the KOL budget line (`budget.` in front is optional).")
            .examples(&[S("kol")])
            .meaning("the path of the KOL budget line (`budget.` in front is optional)"),
        key("pyramid", Kind::Table(&PYRAMID))
            .doc("Each tier's share of the KOL line, by tier id; the tiers add up to 100%.")
            .examples(&[T(r#"{ head = "5%", waist = "25%", amateur = "70%" }"#)])
            .meaning("each tier's share of the KOL line"),
        key("criteria", Kind::Table(&CRITERIA))
            .doc("Selection criteria, by name (recorded, not checked yet).")
            .examples(&[T(
                r#"{ max_fake_followers = "30%", min_conversion_vs_industry = "1.5x" }"#,
            )])
            .meaning("selection criteria, by name (recorded, not checked yet)"),
    ],
);

static PYRAMID: Table = by_id("kol.pyramid", &TIER);

static TIER: Key = key("tier", expr(Share))
    .doc("A tier's share of the KOL line; the tier is a sub-line with the same id.")
    .examples(&[S("25%")])
    .meaning("a tier's share of the KOL line");

static CRITERIA: Table = by_id("kol.criteria", &CRITERION);

static CRITERION: Key = key("name", number(Quantity))
    .doc("A selection criterion.")
    .examples(&[S("5%")])
    .meaning("a selection criterion");

static CAMPAIGNS: Table = by_id("campaigns", &CAMPAIGN);

static CAMPAIGN: Key = key("id", Kind::Table(&CAMPAIGN_TABLE))
    .doc("A campaign.")
    .examples(&[T(
        r#"{ name = "年味实验室", flagship = true, window = "spring_festival-21d..+15d", channels = ["douyin", "xiaohongshu", "wechat"], owner = "manager", budget = { ads = { douyin_feed = "60万" } } }"#,
    )])
    .meaning("a campaign");

static CAMPAIGN_TABLE: Table = record(
    "campaigns.<id>",
    &[
        key("name", text())
            .doc("The campaign's name (default: the id).")
            .examples(&[S("城市探索指南")])
            .default("the id")
            .meaning("the campaign's name"),
        key("window", expr(Range))
            .required()
            .doc(
                "Required: the days the campaign runs. As a date elsewhere, the campaign's id \
                 is its first day and `<id>.end` its last.",
            )
            .examples(&[
                S("jul..aug"),
                S("spring_festival-21d..+15d"),
                S("2027-04-12..+6w"),
            ])
            .meaning("**required**: the days the campaign runs")
            .label("dates", "日期"),
        key("channels", ids_of(Target::Channel))
            .doc(
                "Channel ids where it runs; its publishing tasks publish here unless they name \
                 their own.",
            )
            .examples(&[T(r#"["xiaohongshu", "douyin"]"#)])
            .meaning(
                "where it runs; its [publishing tasks](#tasks) publish here unless they name \
                 their own",
            )
            .label("channels", "渠道"),
        key("owner", id_of(Target::Person))
            .doc("The person id of who owns it.")
            .examples(&[S("video")])
            .meaning("who owns it")
            .label("owner", "负责人"),
        key("flagship", Kind::Bool)
            .doc(
                "A flagship campaign of the year; flagships may not overlap on a channel \
                 (P005). Default: false.",
            )
            .examples(&[T("true")])
            .default("`false`")
            .meaning("a flagship campaign of the year")
            .label("flagship", "旗舰"),
        key("messages", texts())
            .doc("Its key messages.")
            .examples(&[T(r#"["健康", "社交"]"#)])
            .meaning("its key messages"),
        key("description", text())
            .doc("Free text.")
            .examples(&[S("暑期城市探索内容")])
            .meaning("free text"),
        key("budget", Kind::Draws)
            .doc(
                "What the campaign spends, and from which lines: a table from budget-line path \
                 to amount, or a string that names one line through a share (`25% of kol` \
                 draws 25% of `kol`). Everything drawn from a line must fit in it (B003).",
            )
            .examples(&[
                T(r#"{ ads.douyin_feed = "60万", kol.waist = "15万" }"#),
                S("25% of kol"),
            ])
            .meaning("what it spends, and from which lines"),
        key("kpis", Kind::Table(&CAMPAIGN_KPIS))
            .doc("The campaign's own targets, by name (free names, not linked to [kpis]).")
            .examples(&[T(r#"{ signups = "1500", pipeline = "1.2M" }"#)])
            .meaning("the campaign's own targets (names are free; not linked to `[kpis]`)"),
        key("tasks", Kind::Table(&TASKS))
            .doc("The work the campaign needs, by task id (unique within the campaign).")
            .examples(&[T(
                r#"{ brief = { name = "活动 brief", owner = "manager", due = "start - 15wd" } }"#,
            )])
            .meaning("see [tasks](#tasks)"),
        key("results", Kind::Table(&CAMPAIGN_RESULTS))
            .doc(
                "What the campaign achieved, for the year-end review: reach, engagement, \
                 conversions, leads and what it spent, in all and per channel.",
            )
            .examples(&[T(
                r#"{ reach = "800万", leads = 2600, spent = "45万", channels = { douyin = { reach = "500万" } } }"#,
            )])
            .meaning("what it achieved, in all and per channel (see [results](#results))")
            .label("results", "成果"),
    ],
);

/// A campaign's results: the metrics, then the same per channel.
static CAMPAIGN_RESULTS: Table = record(
    "campaigns.<id>.results",
    &[
        REACH,
        ENGAGEMENT,
        CONVERSIONS,
        LEADS,
        SPENT,
        key("channels", Kind::Table(&CHANNEL_RESULTS))
            .doc("The same results per channel id where the campaign ran.")
            .examples(&[T(
                r#"{ douyin = { reach = "500万", engagement = "12万" } }"#,
            )])
            .meaning("the same results per channel"),
    ],
);

static CHANNEL_RESULTS: Table = by_id("campaigns.<id>.results.channels", &CHANNEL_RESULT);

static CHANNEL_RESULT: Key = key("id", Kind::Table(&CHANNEL_RESULT_TABLE))
    .doc("A campaign's results on one channel.")
    .examples(&[T(r#"{ reach = "500万", engagement = "12万" }"#)])
    .meaning("a campaign's results on one channel");

static CHANNEL_RESULT_TABLE: Table = record(
    "campaigns.<id>.results.channels.<channel>",
    &[REACH, ENGAGEMENT, CONVERSIONS, LEADS, SPENT],
);

const REACH: Key = key("reach", number(Quantity))
    .doc("People reached (impressions or plays), at year end.")
    .examples(&[S("800万"), I(1_200_000)])
    .meaning("people reached (impressions or plays)")
    .label("reach", "曝光");

const ENGAGEMENT: Key = key("engagement", number(Quantity))
    .doc("Interactions (likes, comments, shares, saves), at year end.")
    .examples(&[S("35万")])
    .meaning("interactions (likes, comments, shares, saves)")
    .label("engagement", "互动");

const CONVERSIONS: Key = key("conversions", number(Quantity))
    .doc("Conversions (orders, sign-ups, participants), at year end.")
    .examples(&[S("5万")])
    .meaning("conversions (orders, sign-ups, participants)")
    .label("conversions", "转化");

const LEADS: Key = key("leads", number(Quantity))
    .doc("Sales leads, at year end.")
    .examples(&[I(2600)])
    .meaning("sales leads")
    .label("leads", "销售线索");

const SPENT: Key = key("spent", number(Money))
    .doc("What it spent, at year end.")
    .examples(&[S("45万")])
    .meaning("what it spent")
    .label("spent", "花费");

/// What a campaign draws: the JSON Schema's `draws`.
pub static DRAWS: Key = key("line", Kind::Draws)
    .doc(
        "What a campaign draws, by budget-line path (dotted keys reach sub-lines; `budget.` in \
         front is optional). A share is of the line drawn from, or of the line named with `of`.",
    )
    .examples(&[T(
        r#"{ ads = { douyin_feed = "60万" }, kol = { waist = "15万" } }"#,
    )])
    .meaning("what a campaign draws, by budget-line path");

static CAMPAIGN_KPIS: Table = by_id("campaigns.<id>.kpis", &CAMPAIGN_TARGET);

static CAMPAIGN_TARGET: Key = key("name", number(Quantity))
    .doc("A target of the campaign.")
    .examples(&[S("1500")])
    .meaning("a target of the campaign");

static TASKS: Table = by_id("campaigns.<id>.tasks", &TASK);

static TASK: Key = key("task", Kind::Table(&TASK_TABLE))
    .doc("A task: an owner, RACI roles and a due date — `due`, or `after` and `duration`.")
    .examples(&[T(
        r#"{ name = "主视觉", owner = "designer", after = ["brief"], due = "brief + 5wd" }"#,
    )])
    .meaning("a task");

static TASK_TABLE: Table = Table {
    needs: Needs::AnyOf(&[&["due"], &["after", "duration"]]),
    ..record(
        "campaigns.<id>.tasks.<task>",
        &[
            key("name", text())
                .doc("The task's name (default: the id).")
                .examples(&[S("主视觉")])
                .default("the id")
                .meaning("the task's name"),
            key("owner", id_of(Target::Person))
                .doc("The person id of who does it.")
                .examples(&[S("designer")])
                .meaning("who does it")
                .label("owner", "负责人"),
            key("raci", word(Word::Raci))
                .doc(
                    "The owner's RACI role: `R`, `A`, `C`, `I` or `responsible`, `accountable`, \
                     `consulted`, `informed`, in any case (default: `R`).",
                )
                .examples(&[S("A"), S("R")])
                .default("`\"R\"`")
                .meaning(
                    "the owner's RACI role: `R`, `A`, `C`, `I` or `responsible`, \
                     `accountable`, `consulted`, `informed` (any case)",
                )
                .label("RACI role", "RACI 角色"),
            key("accountable", id_of(Target::Person))
                .doc("The person id of who is accountable, when not the owner.")
                .examples(&[S("manager")])
                .meaning("who is accountable, when not the owner")
                .label("accountable", "批准人"),
            key("consulted", ids_of(Target::Person))
                .doc("Person ids of who is consulted.")
                .examples(&[T(r#"["legal"]"#)])
                .meaning("who is consulted")
                .label("consulted", "咨询"),
            key("informed", ids_of(Target::Person))
                .doc("Person ids of who is kept informed.")
                .examples(&[T(r#"["ads", "community"]"#)])
                .meaning("who is kept informed")
                .label("informed", "知会"),
            key("due", expr(Due))
                .doc(
                    "When it must be done; required unless the task has `after` and \
                     `duration`. `start` and `end` are the campaign's first and last day, \
                     another task's id is its due date; may begin with `after` (`after brief + \
                     2wd`).",
                )
                .examples(&[
                    S("start - 15wd"),
                    S("brief + 5wd"),
                    S("after visuals + 3wd"),
                ])
                .meaning(
                    "when it must be done; **required** unless the task has `after` and \
                     `duration`",
                )
                .label("due", "截止日"),
            key("after", ids_of(Target::Task))
                .doc("Task ids of the same campaign that must be done first.")
                .examples(&[T(r#"["brief"]"#)])
                .meaning("tasks of the same campaign that must be done first")
                .label("after", "前置任务"),
            key("duration", expr(DayDuration))
                .doc(
                    "Without `due`: the task is due this long after the last of its `after` \
                     tasks; in days, weeks or workdays only.",
                )
                .examples(&[S("5wd"), S("3d")])
                .meaning(
                    "without `due`: the task is due this long after the last of its `after` \
                     tasks",
                )
                .label("duration", "工期"),
            key("effort", expr(Duration))
                .doc("The work it takes, in hours (default: [effort] task, 4h).")
                .examples(&[S("6h")])
                .default("`[effort] task` (4h)")
                .meaning("the work it takes, in hours (a day counts 8 hours, a week 40)")
                .label("effort", "工时"),
            key("publish", Kind::Bool)
                .doc(
                    "The task puts content out on its due date: it goes through the review \
                     chain and takes channel slots. Default: false.",
                )
                .examples(&[T("true")])
                .default("`false`")
                .meaning(
                    "the task puts content out on its due date (see [the schedule](#schedule))",
                )
                .label("publishes", "发布"),
            key("channels", ids_of(Target::Channel))
                .doc(
                    "Channel ids where a task with `publish = true` publishes (default: the \
                     campaign's).",
                )
                .examples(&[T(r#"["douyin"]"#)])
                .default("the campaign's")
                .meaning("where a task with `publish = true` publishes")
                .label("channels", "渠道"),
            key("review", id_of(Target::ReviewLevel))
                .doc(
                    "A review level id: the task is that level's work for the campaign, due no \
                     later than the day the level receives the content (P001).",
                )
                .examples(&[S("final")])
                .meaning("the task is that [review level](#review)'s work for the campaign")
                .label("review level", "审核级别"),
            PAID_FROM,
            LABEL,
        ],
    )
};

/// The budget line that pays for a task or column (L002).
const PAID_FROM: Key = key("budget", text())
    .doc(
        "The budget line that pays for this task or column (`kol.waist`, \
         `ads.douyin_feed`): paid KOL or ads content carries `label = \"广告\"` when it \
         publishes (L002).",
    )
    .examples(&[S("kol.waist")])
    .meaning("the budget line that pays for it")
    .label("paid from", "支出科目");

/// The label a task's or column's published content shows (L002).
const LABEL: Key = key("label", text())
    .doc(
        "The label its published content shows its readers: `广告` on paid content, as \
         China's advertising law requires (L002).",
    )
    .examples(&[S("广告")])
    .meaning("the label its published content shows (`广告` on paid content)")
    .label("label", "标注");

static MOMENTS: Table = by_id("moments", &MOMENT);

static MOMENT: Key = key("id", Kind::Table(&MOMENT_TABLE))
    .doc("A moment: one day or a range of days.")
    .examples(&[T(
        r#"{ name = "年货节", date = "jan", channels = ["douyin"], content = "美食教程" }"#,
    )])
    .meaning("a moment");

static MOMENT_TABLE: Table = record(
    "moments.<id>",
    &[
        key("name", text())
            .doc("The moment's name (default: the id).")
            .examples(&[S("母亲节")])
            .default("the id")
            .meaning("the moment's name"),
        key("date", expr(Range))
            .required()
            .doc("Required: the day or days.")
            .examples(&[S("mothers_day - 7d..mothers_day"), S("jan"), S("05-20")])
            .meaning("**required**: the day or days")
            .label("dates", "日期"),
        key("channels", ids_of(Target::Channel))
            .doc("Channel ids where the moment's content goes.")
            .examples(&[T(r#"["wechat", "xiaohongshu"]"#)])
            .meaning("where the moment's content goes")
            .label("channels", "渠道"),
        key("content", text())
            .doc("What to publish.")
            .examples(&[S("情感内容")])
            .meaning("what to publish")
            .label("content", "内容"),
    ],
);

static COLUMNS: Table = by_id("columns", &COLUMN);

static COLUMN: Key = key("id", Kind::Table(&COLUMN_TABLE))
    .doc("A column: its channel, owner and recurrence.")
    .examples(&[T(
        r#"{ name = "探店vlog", channel = "douyin", every = "every wed except holidays", owner = "video" }"#,
    )])
    .meaning("a column");

static COLUMN_TABLE: Table = record(
    "columns.<id>",
    &[
        key("name", text())
            .doc("The column's name (default: the id).")
            .examples(&[S("探店vlog")])
            .default("the id")
            .meaning("the column's name"),
        key("channel", id_of(Target::Channel))
            .doc("The one channel id it appears on.")
            .examples(&[S("douyin")])
            .meaning("the one channel it appears on")
            .label("channel", "渠道"),
        key("owner", id_of(Target::Person))
            .doc("The person id of who produces it.")
            .examples(&[S("video")])
            .meaning("who produces it")
            .label("owner", "负责人"),
        key("every", expr(Recurrence))
            .required()
            .doc("Required: when it appears.")
            .examples(&[
                S("every wed except holidays"),
                S("every fri 20:00"),
                S("monthly on 2nd thu"),
            ])
            .meaning("**required**: when it appears"),
        key("during", expr(Range))
            .doc("When the column runs (default: the plan's period).")
            .examples(&[S("Q2..Q3")])
            .default("the plan's period")
            .meaning("when the column runs"),
        key("skip", exprs(Date))
            .doc("Episodes left out: a date or a list of dates.")
            .examples(&[T(r#"["06-17", "dragon_boat"]"#)])
            .meaning("episodes left out"),
        key("pause", exprs(Range))
            .doc(
                "Stretches without episodes: a range or a list; a campaign or moment id alone \
                 means its whole window.",
            )
            .examples(&[T(r#"["city_guide", "national_day..+6d"]"#), S("city_guide")])
            .meaning(
                "stretches without episodes; a campaign or moment id alone means its whole \
                 window",
            ),
        key("moves", Kind::Table(&MOVES))
            .doc(
                "Episodes moved to another day: a table of date = date; each key must be a day \
                 the column publishes on.",
            )
            .examples(&[T(r#"{ "10-07" = "10-09" }"#), T(r#"{ "11-11" = "11-10" }"#)])
            .meaning("episodes moved to another day"),
        key("holidays", choice(&["publish", "skip"]))
            .doc(
                "What happens on holidays: `publish` (on purpose) or `skip` (the same as \
                 `except holidays`). Without either, episodes on holidays warn (P004).",
            )
            .examples(&[S("publish")])
            .meaning(
                "what happens on holidays: `\"publish\"` (on purpose) or `\"skip\"` (the same \
                 as `except holidays`)",
            ),
        key("category", text())
            .doc("The topic category.")
            .examples(&[S("系列专题")])
            .meaning("the topic category"),
        key("effort", expr(Duration))
            .doc("The work per episode, in hours (default: [effort] episode, 3h).")
            .examples(&[S("4h")])
            .default("`[effort] episode` (3h)")
            .meaning("the work per episode, in hours (a day counts 8 hours, a week 40)"),
        key("description", text())
            .doc("Free text.")
            .examples(&[S("互动话题")])
            .meaning("free text"),
        PAID_FROM,
        LABEL,
        key("results", Kind::Table(&COLUMN_RESULTS))
            .doc("What the column achieved, for the year-end review.")
            .examples(&[T(r#"{ episodes = 48, avg_reads = "2.3万" }"#)])
            .meaning("what it achieved (see [results](#results))")
            .label("results", "成果"),
    ],
);

static COLUMN_RESULTS: Table = record(
    "columns.<id>.results",
    &[
        key("episodes", count())
            .doc("Episodes published.")
            .examples(&[I(48)])
            .meaning("episodes published")
            .label("episodes published", "发布期数"),
        key("avg_reads", number(Quantity))
            .doc("Average reads per episode.")
            .examples(&[S("2.3万")])
            .meaning("average reads per episode")
            .label("average reads", "平均阅读"),
        key("avg_plays", number(Quantity))
            .doc("Average plays per episode.")
            .examples(&[S("15万")])
            .meaning("average plays per episode")
            .label("average plays", "平均播放"),
        REACH,
        ENGAGEMENT,
    ],
);

static RITUALS: Table = by_id("rituals", &RITUAL);

static RITUAL: Key = key("id", Kind::Table(&RITUAL_TABLE))
    .doc("A ritual: who holds it, who attends, and when it recurs.")
    .examples(&[T(
        r#"{ name = "月度外部培训", every = "monthly on 1st thu", owner = "manager", effort = "4h" }"#,
    )])
    .meaning("a ritual");

static RITUAL_TABLE: Table = record(
    "rituals.<id>",
    &[
        key("name", text())
            .doc("The ritual's name (default: the id).")
            .examples(&[S("每周内部案例复盘")])
            .default("the id")
            .meaning("the ritual's name"),
        key("owner", id_of(Target::Person))
            .doc("The person id of who holds it.")
            .examples(&[S("manager")])
            .meaning("who holds it")
            .label("owner", "负责人"),
        key("attendees", ids_of(Target::Person))
            .doc("The person ids of who else takes part; their hours count too.")
            .examples(&[T(r#"["editor", "video", "designer"]"#)])
            .meaning("who else takes part (their hours count too)")
            .label("attendees", "参与人"),
        key("every", expr(Recurrence))
            .required()
            .doc("Required: when it recurs.")
            .examples(&[
                S("every mon 10:00"),
                S("monthly on 1st thu"),
                S("every 3 months on 3rd wed"),
            ])
            .meaning("**required**: when it recurs"),
        key("during", expr(Range))
            .doc("When it runs (default: the plan's period).")
            .examples(&[S("Q2..Q4")])
            .default("the plan's period")
            .meaning("when it runs"),
        key("skip", exprs(Date))
            .doc("Occurrences left out: a date or a list of dates.")
            .examples(&[T(r#"["10-05"]"#)])
            .meaning("occurrences left out"),
        key("pause", exprs(Range))
            .doc("Stretches without it: a range or a list; a campaign or moment id alone means its whole window.")
            .examples(&[S("double11-7d..double11")])
            .meaning("stretches without it"),
        key("effort", expr(Duration))
            .doc("The hours each occurrence takes from the owner and each attendee (default: 1h).")
            .examples(&[S("2h"), S("2d")])
            .default("1h")
            .meaning("the hours each occurrence takes from each person in it"),
        key("description", text())
            .doc("Free text.")
            .examples(&[S("轮流分享一个行业案例")])
            .meaning("free text"),
    ],
);

static MOVES: Table = Table {
    other: Some(Other {
        names: Names::Dates,
        value: &MOVE,
        row: None,
    }),
    ..record("columns.<id>.moves", &[])
};

static MOVE: Key = key("date", expr(Date))
    .doc("The day the episode goes out instead.")
    .examples(&[S("10-09")])
    .meaning("the day the episode goes out instead");

static BLACKOUTS: Table = by_id("blackouts", &BLACKOUT);

static BLACKOUT: Key = key("id", Kind::Table(&BLACKOUT_TABLE))
    .doc("A blackout.")
    .examples(&[T(
        r#"{ reason = "Company shutdown", date = "12-24..12-31" }"#,
    )])
    .meaning("a blackout");

static BLACKOUT_TABLE: Table = record(
    "blackouts.<id>",
    &[
        key("reason", text())
            .doc("Why (default: the id).")
            .examples(&[S("国家公祭日：暂停促销内容")])
            .default("the id")
            .meaning("why")
            .label("reason", "原因"),
        key("date", expr(Range))
            .required()
            .doc("Required: the day or days.")
            .examples(&[S("memorial_day"), S("12-24..12-31")])
            .meaning("**required**: the day or days")
            .label("dates", "日期"),
        key("channels", ids_of(Target::Channel))
            .doc("Channel ids the blackout applies to (default: every channel).")
            .examples(&[T(r#"["weibo", "douyin"]"#)])
            .default("every channel")
            .meaning("the channels the blackout applies to")
            .label("channels", "渠道"),
    ],
);

static RESERVE: Table = record(
    "reserve",
    &[
        key("share", expr(Share))
            .required()
            .doc("Required: the share of each week's slots left unassigned.")
            .examples(&[S("20%")])
            .meaning("**required**: the share of each week's slots left unassigned"),
        key("purpose", text())
            .doc("What the reserve is for.")
            .examples(&[S("热点追更")])
            .meaning("what the reserve is for"),
    ],
);

static REVIEW: Table = record(
    "review",
    &[key("levels", Kind::Table(&LEVELS))
        .doc(
            "The review levels content goes through before it is published, by id, in the \
             order written.",
        )
        .examples(&[T(
            r#"{ first = { name = "初审", response = "24h", owner = "editor" } }"#,
        )])
        .meaning("the review levels content goes through, in the order written")],
);

static LEVELS: Table = by_id("review.levels", &LEVEL);

static LEVEL: Key = key("id", Kind::Table(&LEVEL_TABLE))
    .doc("A review level.")
    .examples(&[T(
        r#"{ name = "终审", checks = "法务与品牌", lead = "3d", response = "24h", owner = "legal" }"#,
    )])
    .meaning("a review level");

static LEVEL_TABLE: Table = record(
    "review.levels.<id>",
    &[
        key("name", text())
            .doc("The level's name (default: the id).")
            .examples(&[S("终审")])
            .default("the id")
            .meaning("the level's name")
            .label("name", "名称"),
        key("checks", text())
            .doc("What this level checks.")
            .examples(&[S("法务与品牌")])
            .meaning("what this level checks")
            .label("checks", "审核内容"),
        key("lead", expr(Duration))
            .doc(
                "How long before publishing this level must receive the item (`3d` calendar \
                 days, `3wd` workdays).",
            )
            .examples(&[S("3d"), S("3wd")])
            .meaning("how long before publishing this level must **receive** the item")
            .label("lead time", "提前量"),
        key("response", expr(Duration))
            .doc(
                "How long this level takes to answer; hours count as whole workdays (`24h` is \
                 one).",
            )
            .examples(&[S("24h"), S("1wd")])
            .meaning("how long this level takes to answer")
            .label("response time", "答复时间"),
        key("owner", id_of(Target::Person))
            .doc("The person id of who reviews.")
            .examples(&[S("legal")])
            .meaning("who reviews")
            .label("owner", "负责人"),
    ],
);

static EFFORT: Table = record(
    "effort",
    &[
        key("task", expr(Duration))
            .doc("Per task without `effort` (default: 4h).")
            .examples(&[S("6h")])
            .default("`\"4h\"`")
            .meaning("per task without `effort`"),
        key("episode", expr(Duration))
            .doc("Per episode of a column without `effort` (default: 3h).")
            .examples(&[S("2h")])
            .default("`\"3h\"`")
            .meaning("per episode of a column without `effort`"),
        key("review", expr(Duration))
            .doc("Per review step, for the level's owner (default: 1h).")
            .examples(&[S("30min")])
            .default("`\"1h\"`")
            .meaning("per review step, for the level's `owner`"),
    ],
);

static KPIS: Table = by_id("kpis", &KPI);

static KPI: Key = key("id", Kind::Table(&KPI_TABLE))
    .doc("A KPI.")
    .examples(&[T(
        r#"{ name = "平均互动率", group = "engagement", baseline = "3.2%", target = "8%" }"#,
    )])
    .meaning("a KPI");

static KPI_TABLE: Table = record(
    "kpis.<id>",
    &[
        key("name", text())
            .doc("The KPI's name (default: the id).")
            .examples(&[S("平均互动率")])
            .default("the id")
            .meaning("the KPI's name"),
        key("direction", choice(&["up", "higher", "down", "lower"]))
            .doc(
                "`up` (or `higher`): higher is better; `down` (or `lower`): lower is better, as \
                 for cost per lead (default: `up`).",
            )
            .examples(&[S("down")])
            .default("`\"up\"`")
            .meaning(
                "`\"up\"` (or `\"higher\"`): higher is better; `\"down\"` (or `\"lower\"`): \
                 lower is better, as for cost per lead",
            )
            .label("direction", "方向"),
        key("baseline", number(Quantity))
            .doc("The starting value, usually last year's actual.")
            .examples(&[S("3.2%"), I(4200)])
            .meaning("the starting value, usually last year's actual")
            .label("baseline", "基线"),
        key("target", number(Quantity))
            .doc("The goal; better than the baseline in the KPI's direction (K001).")
            .examples(&[S("8%"), S("+30%")])
            .meaning("the goal")
            .label("target", "目标"),
        key("actual", number(Quantity))
            .doc("The result, filled in at year end.")
            .examples(&[S("5.8%"), S("12万")])
            .meaning("the result, filled in at year end")
            .label("actual", "实际"),
        key("channel", id_of(Target::Channel))
            .doc("The channel id the KPI belongs to.")
            .examples(&[S("wechat")])
            .meaning("the channel the KPI belongs to")
            .label("channel", "渠道"),
        key("part_of", id_of(Target::Kpi))
            .doc("The id of the total KPI this one is a part of; the parts add up to it (K003).")
            .examples(&[S("new_followers")])
            .meaning("the total KPI this one is a part of"),
        key("group", text())
            .doc("A group for reports.")
            .examples(&[S("growth")])
            .meaning("a group for reports"),
        key("note", text())
            .doc("Free text.")
            .examples(&[S("+2.3 个百分点")])
            .meaning("free text"),
    ],
);

static HIGHLIGHTS: Table = by_id("highlights", &HIGHLIGHT);

static HIGHLIGHT: Key = key("id", Kind::Table(&HIGHLIGHT_TABLE))
    .doc("A highlight.")
    .examples(&[T(
        r#"{ name = "行业白皮书深度长文", channels = ["wechat"], results = ["12万+ 阅读"] }"#,
    )])
    .meaning("a highlight");

static HIGHLIGHT_TABLE: Table = record(
    "highlights.<id>",
    &[
        key("name", text())
            .doc("What it was (default: the id).")
            .examples(&[S("创始人访谈视频")])
            .default("the id")
            .meaning("what it was"),
        key("channels", ids_of(Target::Channel))
            .doc("Channel ids where it ran.")
            .examples(&[T(r#"["douyin", "wechat"]"#)])
            .meaning("where it ran"),
        key("results", texts())
            .doc("What it achieved, as text.")
            .examples(&[T(r#"["12万+ 阅读", "2,600 条销售线索"]"#)])
            .meaning("what it achieved, as text"),
    ],
);

static GUIDELINES: Table = by_id("guidelines", &GUIDELINE);

static GUIDELINE: Key = key("id", Kind::Table(&GUIDELINE_TABLE))
    .doc("A guideline.")
    .examples(&[T(
        r#"{ text = "线下活动后 72 小时内完成社群跟进", within = "72h" }"#,
    )])
    .meaning("a guideline");

static GUIDELINE_TABLE: Table = record(
    "guidelines.<id>",
    &[
        key("text", text())
            .doc("The rule, in words (default: the id).")
            .examples(&[S("热点出现后 2 小时内出初稿")])
            .default("the id")
            .meaning("the rule, in words"),
        key("within", expr(Duration))
            .doc("The time limit it sets, if any.")
            .examples(&[S("2h")])
            .meaning("the time limit it sets, if any"),
    ],
);

static SECTIONS: Table = by_id("sections", &SECTION);

static SECTION: Key = key("id", Kind::Table(&SECTION_TABLE))
    .doc(
        "The findings of one section of the outline; its id is the section's \
         (`growth`, `community`, `brand`, …).",
    )
    .examples(&[T(
        r#"{ points = ["私域社群贡献 30% 复购"], figures = { members = { name = "社群成员", value = "3.2万" } } }"#,
    )])
    .meaning("the findings of one section of the outline");

static SECTION_TABLE: Table = record(
    "sections.<id>",
    &[
        key("title", text())
            .doc("The section's title (default: the outline's title for the section).")
            .examples(&[S("社群运营价值挖掘")])
            .default("the outline's title")
            .meaning("the section's title"),
        key("summary", text())
            .doc("One sentence that sums the section up.")
            .examples(&[S("私域社群成为复购主阵地")])
            .meaning("one sentence that sums it up"),
        key("points", texts())
            .doc("The key points, in order; a long list is shown over several slides.")
            .examples(&[T(r#"["每周三探店 vlog 稳定更新", "B站更新频率需提高"]"#)])
            .meaning("the key points, in order"),
        key("figures", Kind::Table(&FIGURES))
            .doc("Figures with their units, by id.")
            .examples(&[T(r#"{ members = { name = "社群成员", value = "3.2万" } }"#)])
            .meaning("figures with their units"),
        key("cases", Kind::Table(&CASES))
            .doc(
                "Cases, by id: what happened on a date, the response and how long it took, \
                 the outcome and the lessons.",
            )
            .examples(&[T(
                r#"{ logistics = { name = "双11 物流延迟投诉", date = "11-13", response = "3h" } }"#,
            )])
            .meaning("cases: what happened, the response, the outcome, the lessons"),
    ],
);

static FIGURES: Table = by_id("sections.<id>.figures", &FIGURE);

static FIGURE: Key = key("id", Kind::Table(&FIGURE_TABLE))
    .doc("A figure.")
    .examples(&[T(r#"{ name = "社群成员", value = "3.2万" }"#)])
    .meaning("a figure");

static FIGURE_TABLE: Table = record(
    "sections.<id>.figures.<id>",
    &[
        key("name", text())
            .doc("What the figure counts (default: the id).")
            .examples(&[S("社群成员")])
            .default("the id")
            .meaning("what it counts"),
        key("value", number(Quantity))
            .required()
            .doc("Required: the figure, with its unit.")
            .examples(&[S("3.2万"), S("28%"), S("1:5")])
            .meaning("**required**: the figure, with its unit"),
        key("note", text())
            .doc("Free text.")
            .examples(&[S("同比 +12%")])
            .meaning("free text"),
    ],
);

static CASES: Table = by_id("sections.<id>.cases", &CASE);

static CASE: Key = key("id", Kind::Table(&CASE_TABLE))
    .doc("A case.")
    .examples(&[T(
        r#"{ name = "双11 物流延迟投诉", date = "11-13", response = "3h", outcome = "48 小时内平息" }"#,
    )])
    .meaning("a case");

static CASE_TABLE: Table = record(
    "sections.<id>.cases.<id>",
    &[
        key("name", text())
            .doc("The case's name (default: the id).")
            .examples(&[S("双11 物流延迟投诉")])
            .default("the id")
            .meaning("the case's name"),
        key("date", expr(Date))
            .doc("The day it happened.")
            .examples(&[S("11-13"), S("double11+2d")])
            .meaning("the day it happened"),
        key("what", text())
            .doc("What happened.")
            .examples(&[S("物流延迟引发集中投诉")])
            .meaning("what happened"),
        key("response", expr(Duration))
            .doc("How long the first response took.")
            .examples(&[S("3h"), S("2d")])
            .meaning("how long the first response took"),
        key("outcome", text())
            .doc("How it ended.")
            .examples(&[S("48 小时内平息，负面声量下降 67%")])
            .meaning("how it ended"),
        key("lessons", texts())
            .doc("What the team learnt.")
            .examples(&[T(r#"["物流异常提前公告"]"#)])
            .meaning("what the team learnt"),
    ],
);

static ASSERTIONS: Table = by_id("assertions", &ASSERTION);

static ASSERTION: Key = key(
    "name",
    Kind::Either(&Kind::Expr(Assertion), &ASSERTION_FORM),
)
.doc("The comparison as a string, or a table with `expr` and `message`.")
.examples(&[
    S("sum(budget.ads.*) <= 60% of budget.total"),
    T(r#"{ expr = "budget.tools <= 10% of budget.total", message = "数据监测工具不超过总预算的 10%" }"#),
])
.meaning("the comparison, or a table with the comparison and a message");

static ASSERTION_FORM: Key = key("name", Kind::Table(&ASSERTION_TABLE))
    .doc("An assertion with a message to show when it fails.")
    .examples(&[T(
        r#"{ expr = "budget.tools <= 10% of budget.total", message = "数据监测工具不超过总预算的 10%" }"#,
    )])
    .meaning("an assertion with a message");

static ASSERTION_TABLE: Table = record(
    "assertions.<name>",
    &[
        key("expr", expr(Assertion))
            .required()
            .doc("Required: the comparison.")
            .examples(&[S("budget.tools <= 10% of budget.total")])
            .meaning("**required**: the comparison"),
        key("message", text())
            .doc("What to say when it fails.")
            .examples(&[S("数据监测工具不超过总预算的 10%")])
            .meaning("what to say when it fails"),
    ],
);

static RULES: Table = Table {
    other: Some(Other {
        names: Names::Any,
        value: &RULE,
        row: None,
    }),
    ..record("rules", &[])
};

static RULE: Key = key(
    "rule",
    Kind::Either(&Kind::Text(Text::Choice(SEVERITIES)), &RULE_FORM),
)
.doc("A severity, or a table with `severity` and the rule's settings.")
.examples(&[S("warn")])
.meaning("a severity, or a table with `severity` and the rule's settings");

static RULE_FORM: Key = key("rule", Kind::Table(&RULE_TABLE))
    .doc("A rule's severity and settings.")
    .examples(&[T(r#"{ severity = "warn", tolerance = "0.5pp" }"#)])
    .meaning("a rule's severity and settings");

static RULE_TABLE: Table = Table {
    other: Some(Other {
        names: Names::Any,
        value: &THRESHOLD,
        row: None,
    }),
    ..record(
        "rules.<rule>",
        &[key("severity", choice(SEVERITIES))
            .doc(
                "`error` (or `deny`): report as an error; `warn` (or `warning`): report as a \
                 warning; `allow` (or `off`): do not report.",
            )
            .examples(&[S("warn")])
            .meaning("how the rule's findings are reported")
            .label("severity", "级别")],
    )
};

/// A threshold of a rule (`tolerance`, `max`); which ones a rule has is
/// the registry's to say.
static THRESHOLD: Key = key("setting", number(Quantity))
    .doc(
        "Written as a quantity or a plain number; only the number counts (`\"0.5pp\"`, \
         `\"0.5%\"` and `0.5` all mean 0.5).",
    )
    .examples(&[I(1)])
    .meaning("a threshold of the rule");
