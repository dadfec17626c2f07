//! The typed meaning of a plan, after every include, name and expression has
//! been resolved: dates are civil dates, amounts are exact, references are
//! indices. Every item keeps the span of the text that declared it so rules
//! can point at it. A `Plan` is built only by `resolve`.
mod display;
mod ids;

use chrono::{NaiveDate, Weekday};

pub use crate::calendar::Lead;
use crate::calendar::WorkCalendar;
pub use crate::locale::Locale;
use crate::ratio::Ratio;
use crate::source::{Span, Spanned};
use crate::syntax::ast::{self, QuantityUnit, TimeOfDay};

pub use crate::source::Ident;
pub use display::{grouped, money_text, percent_text, quantity_text};
pub use ids::{CampaignId, ChannelId, Id, PersonId, with_ids};

/// The years a plan, its holidays and every date in it may fall in: wide
/// enough for any real plan, narrow enough that a day-by-day calendar of a
/// range stays small and every date prints with four digits.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Whether `d` falls in [`YEARS`].
pub fn within_years(d: NaiveDate) -> bool {
    use chrono::Datelike;
    YEARS.contains(&d.year())
}

/// Why `id` cannot name a plan, if it cannot. A plan's id is the name of
/// its output folder (`out/<id>/`), so besides the letters, digits and `_`
/// of every id it may hold `-` and inner dots (`a.ok`, from a file name),
/// but nothing that a file system reads as a path (`/`, `\`, `.`, `..`, an
/// empty or hidden name) or, on Windows, as a device.
pub fn plan_id_problem(id: &str) -> Option<crate::locale::Pair> {
    use crate::locale::Pair;
    const DEVICES: [&str; 4] = ["con", "prn", "aux", "nul"];
    let lower = id
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let numbered = ["com", "lpt"].iter().any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
    });
    if id.is_empty() {
        Some(Pair {
            zh: "它是空的",
            en: "it is empty",
        })
    } else if id.chars().count() > 100 {
        Some(Pair {
            zh: "它超过了 100 个字符",
            en: "it is longer than 100 characters",
        })
    } else if !id.starts_with(char::is_alphanumeric) {
        Some(Pair {
            zh: "它必须以字母或数字开头",
            en: "it must start with a letter or a digit",
        })
    } else if !id.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c)) {
        Some(Pair {
            zh: "计划的输出目录名只能由字母、数字、`-`、`_` 和 `.` 组成",
            en: "only letters, digits, `-`, `_` and `.` can name the plan's output folder",
        })
    } else if id.ends_with('.') {
        Some(Pair {
            zh: "它不能以 `.` 结尾",
            en: "it must not end with `.`",
        })
    } else if DEVICES.contains(&lower.as_str()) || numbered {
        Some(Pair {
            zh: "它是 `Windows` 保留的设备名",
            en: "it is the name of a device on Windows",
        })
    } else {
        None
    }
}

/// An inclusive range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    pub fn overlaps(&self, o: &DateRange) -> bool {
        self.start <= o.end && o.start <= self.end
    }

    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

#[derive(Debug)]
pub struct Plan {
    /// Names the plan's output folder; checked by [`plan_id_problem`].
    pub id: String,
    /// The `id` value, or the `[plan]` header when the id is the file's name.
    pub id_span: Span,
    pub name: String,
    /// The `[plan]` table's header, for plan-wide diagnostics.
    pub span: Span,
    pub period: Spanned<DateRange>,
    pub timezone: String,
    pub currency: String,
    pub locale: Locale,
    pub calendar_name: String,
    pub calendar: WorkCalendar,
    /// The plan of the year before (`previous = "…"`), relative to this plan's file.
    pub previous: Option<Spanned<String>>,
    pub theme: Option<String>,
    pub key_messages: Vec<String>,
    pub threads: Vec<String>,
    pub description: Option<String>,
    pub holidays: Vec<Holiday>,
    pub people: Vec<Person>,
    pub channels: Vec<Channel>,
    pub budget: Budget,
    pub campaigns: Vec<Campaign>,
    pub columns: Vec<Column>,
    pub moments: Vec<Moment>,
    pub blackouts: Vec<Blackout>,
    pub review: Vec<ReviewLevel>,
    pub reserve: Option<Reserve>,
    pub kpis: Vec<Kpi>,
    pub kol: Option<KolPolicy>,
    pub highlights: Vec<Highlight>,
    pub audiences: Vec<Audience>,
    pub guidelines: Vec<Guideline>,
    /// The review's findings per section of the outline, in the outline's order.
    pub sections: Vec<Section>,
    pub assertions: Vec<UserAssertion>,
    pub effort: Effort,
    /// The `[rules]` table as written; `check` turns it into the
    /// severities and thresholds the rules use (`rules::config`).
    pub rule_settings: Vec<crate::syntax::raw::RawRuleSetting>,
    /// An include could not be loaded: the plan may use names declared
    /// there, so rules do not report a name as unknown.
    pub partial: bool,
    /// Campaigns declared but left out: their window could not be read or
    /// computed (reported), so whatever they would add is unknown.
    pub unresolved: Vec<String>,
}

impl Plan {
    /// Whether the plan holds results to review: a KPI's actual, a
    /// campaign's or column's results, what a budget line spent, or the
    /// year's highlights. Findings (`[sections]`) are not results: a plan
    /// may write the industry's trends to explain next year.
    pub fn has_results(&self) -> bool {
        self.kpis.iter().any(|k| k.actual.is_some())
            || self.campaigns.iter().any(|c| !c.results.is_empty())
            || self.columns.iter().any(|c| !c.results.is_empty())
            || self.budget.lines.iter().any(|l| l.spent.is_some())
            || !self.highlights.is_empty()
    }

    /// Every task that has a due date, with its campaign, in plan order.
    pub fn dated_tasks(&self) -> impl Iterator<Item = (&Campaign, &Task, Spanned<NaiveDate>)> {
        self.campaigns
            .iter()
            .flat_map(|c| c.tasks.iter().filter_map(move |t| Some((c, t, t.due?))))
    }
}

/// Default hours of work per kind of item (`[effort]`).
#[derive(Clone, Copy, Debug)]
pub struct Effort {
    pub task: Ratio,
    pub episode: Ratio,
    pub review: Ratio,
}

impl Default for Effort {
    fn default() -> Self {
        Effort {
            task: Ratio::int(4),
            episode: Ratio::int(3),
            review: Ratio::int(1),
        }
    }
}

#[derive(Debug)]
pub struct Holiday {
    pub id: Ident,
    pub name: String,
    pub off: Vec<Spanned<DateRange>>,
    pub workdays: Vec<Spanned<NaiveDate>>,
}

#[derive(Debug)]
pub struct Person {
    pub id: Ident,
    pub name: String,
    pub role: Option<String>,
    /// Hours per week, and where they are written.
    pub capacity: Option<Spanned<Ratio>>,
}

#[derive(Debug)]
pub struct Channel {
    pub id: Ident,
    pub name: String,
    pub followers: Option<Ratio>,
    pub slots_per_week: Option<Spanned<u32>>,
    pub max_per_day: Option<Spanned<u32>>,
    pub note: Option<String>,
}

/// The budget tree, flattened: `lines[0]` is the total.
#[derive(Debug, Default)]
pub struct Budget {
    pub lines: Vec<BudgetLine>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Allocation {
    /// The total or a line given in money.
    Money(Ratio),
    /// A line given as a share of its parent (or of another line with `of`), in percent.
    Share { percent: Ratio, of: Option<usize> },
    /// A line with neither: its amount is the sum of its children.
    Children,
    /// A value that could not be read (already reported): the amount is
    /// unknown.
    Invalid,
}

#[derive(Debug)]
pub struct BudgetLine {
    /// `ads.douyin_feed`; the total is `total`.
    pub path: String,
    pub id: Ident,
    pub name: Option<String>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub allocation: Allocation,
    /// Where the amount or share is written (or the id, if neither).
    pub value_span: Span,
    /// Given beside its id as a number alone (`ads = 50`, `ads = "50"`):
    /// money, though it may have been meant as a share (B007).
    pub plain_number: bool,
    /// The resolved amount in major units; `None` when it is unknown: its
    /// value, or one it is computed from, could not be read (and was
    /// reported), or it depends on itself. Rules stay silent about it.
    pub amount: Option<Ratio>,
    /// What was spent (`spent = "…"`), for a review; `None` when not given or invalid.
    pub spent: Option<Spanned<Ratio>>,
    pub note: Option<String>,
}

impl Budget {
    /// A line by path (`ads.douyin_feed`, also written `budget.ads.douyin_feed`).
    pub fn find(&self, path: &str) -> Option<usize> {
        find_line(&self.lines, path)
    }

    pub fn total(&self) -> Option<&BudgetLine> {
        self.lines.first()
    }
}

/// A line by path among `lines` (`budget.` in front and `budget` or
/// `budget.total` for the total are accepted).
pub fn find_line(lines: &[BudgetLine], path: &str) -> Option<usize> {
    let path = match path {
        "budget" | "budget.total" => "total",
        p => p.strip_prefix("budget.").unwrap_or(p),
    };
    lines.iter().position(|l| l.path == path)
}

#[derive(Debug)]
pub struct Campaign {
    pub id: Ident,
    pub name: String,
    pub window: Spanned<DateRange>,
    pub channels: Vec<ChannelId>,
    pub owner: Option<PersonId>,
    pub flagship: bool,
    pub messages: Vec<String>,
    pub description: Option<String>,
    pub budget: Vec<Draw>,
    pub kpis: Vec<(Ident, ast::Quantity)>,
    pub tasks: Vec<Task>,
    /// What it achieved (`results`), for the review.
    pub results: Results,
}

impl Campaign {
    /// What it draws from the budget in all; `None` when it draws nothing
    /// or an amount is unknown.
    pub fn drawn(&self) -> Option<Ratio> {
        if self.budget.is_empty() {
            return None;
        }
        self.budget
            .iter()
            .try_fold(Ratio::ZERO, |sum, d| sum.checked_add(d.amount?))
    }
}

/// What a campaign or a column achieved, written at year end: each metric
/// `None` when not given (or unreadable, and reported).
#[derive(Clone, Debug, Default)]
pub struct Results {
    pub reach: Option<KpiValue>,
    pub engagement: Option<KpiValue>,
    pub conversions: Option<KpiValue>,
    pub leads: Option<KpiValue>,
    /// In major units of the plan's currency.
    pub spent: Option<Spanned<Ratio>>,
    pub episodes: Option<Spanned<u32>>,
    pub avg_reads: Option<KpiValue>,
    pub avg_plays: Option<KpiValue>,
    /// A campaign's results per channel, in the order written.
    pub channels: Vec<(ChannelId, Results)>,
}

impl Results {
    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.metrics().all(|(_, v)| v.is_none())
            && self.spent.is_none()
            && self.episodes.is_none()
            && self.channels.iter().all(|(_, r)| r.is_empty())
    }

    /// The quantity metrics, by key, in the format's order.
    pub fn metrics(&self) -> impl Iterator<Item = (&'static str, Option<&KpiValue>)> {
        [
            ("reach", self.reach.as_ref()),
            ("engagement", self.engagement.as_ref()),
            ("conversions", self.conversions.as_ref()),
            ("leads", self.leads.as_ref()),
            ("avg_reads", self.avg_reads.as_ref()),
            ("avg_plays", self.avg_plays.as_ref()),
        ]
        .into_iter()
    }
}

/// Money a campaign draws from a budget line.
#[derive(Debug)]
pub struct Draw {
    pub line: usize,
    /// `None` when unknown: it could not be read or computed (reported).
    pub amount: Option<Ratio>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Raci {
    Responsible,
    Accountable,
    Consulted,
    Informed,
}

#[derive(Debug)]
pub struct Task {
    pub id: Ident,
    pub name: String,
    pub owner: Option<PersonId>,
    pub role: Raci,
    pub accountable: Option<PersonId>,
    pub consulted: Vec<PersonId>,
    pub informed: Vec<PersonId>,
    pub due: Option<Spanned<NaiveDate>>,
    /// `due` is written in the plan (its span is that value); otherwise it
    /// is counted from `after` and `duration`, spanned where those are.
    pub due_written: bool,
    /// Indices of tasks in the same campaign that must finish first.
    pub after: Vec<usize>,
    /// How long the task takes before its due date.
    pub duration: Option<Lead>,
    /// Hours of work.
    pub effort_hours: Option<Ratio>,
    /// The task publishes content on these channels (the campaign's, if none given).
    pub publish: bool,
    pub channels: Vec<ChannelId>,
    /// The review level this task performs, and where that is written.
    pub review: Option<Spanned<usize>>,
    /// The budget line that pays for it, and where that is written.
    pub paid_from: Option<Spanned<usize>>,
    /// The label its published content carries (`广告`).
    pub label: Option<String>,
}

/// A recurring item: a content column (`[columns]`), or a ritual
/// (`[rituals]`), the team's own meeting, which publishes nothing, is
/// never reviewed and takes hours from its owner and each attendee.
#[derive(Debug)]
pub struct Column {
    pub id: Ident,
    /// From `[rituals]`.
    pub ritual: bool,
    /// A ritual's attendees besides its owner.
    pub attendees: Vec<PersonId>,
    pub name: String,
    pub channel: Option<ChannelId>,
    pub owner: Option<PersonId>,
    pub recurrence: ast::Recurrence,
    pub recurrence_span: Span,
    pub time: Option<TimeOfDay>,
    pub during: Spanned<DateRange>,
    pub skip: Vec<Spanned<NaiveDate>>,
    pub pause: Vec<Spanned<DateRange>>,
    pub moves: Vec<(Spanned<NaiveDate>, Spanned<NaiveDate>)>,
    /// `except holidays` in the recurrence.
    pub skips_holidays: bool,
    /// `holidays = "publish"`: publishing on holidays is intended.
    pub publishes_on_holidays: bool,
    pub category: Option<String>,
    pub effort_hours: Option<Ratio>,
    pub description: Option<String>,
    /// The budget line that pays for it, and where that is written.
    pub paid_from: Option<Spanned<usize>>,
    /// The label its episodes carry (`广告`).
    pub label: Option<String>,
    /// What it achieved (`results`), for the review.
    pub results: Results,
}

#[derive(Debug)]
pub struct Moment {
    pub id: Ident,
    pub name: String,
    pub when: Spanned<DateRange>,
    pub channels: Vec<ChannelId>,
    pub content: Option<String>,
}

#[derive(Debug)]
pub struct Blackout {
    pub id: Ident,
    pub reason: String,
    pub when: Spanned<DateRange>,
    /// Empty: every channel.
    pub channels: Vec<ChannelId>,
}

#[derive(Debug)]
pub struct ReviewLevel {
    pub id: Ident,
    pub name: String,
    pub checks: Option<String>,
    /// When the level must receive the item before publishing.
    pub lead: Option<Spanned<Lead>>,
    /// How long the level takes to answer.
    pub response: Option<Spanned<Lead>>,
    pub owner: Option<PersonId>,
    /// Its lead or response was given but could not be read (reported):
    /// the dates of every review chain are unknown.
    pub unknown: bool,
}

#[derive(Debug)]
pub struct Reserve {
    pub percent: Spanned<Ratio>,
    pub purpose: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

#[derive(Debug)]
pub struct Kpi {
    pub id: Ident,
    pub name: String,
    pub unit: Option<QuantityUnit>,
    /// `None` when the plan wrote an invalid direction (reported).
    pub direction: Option<Direction>,
    pub baseline: Option<KpiValue>,
    pub target: Option<KpiValue>,
    pub actual: Option<KpiValue>,
    pub channel: Option<ChannelId>,
    pub part_of: Option<usize>,
    pub group: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub struct KpiValue {
    pub q: ast::Quantity,
    pub span: Span,
}

#[derive(Debug)]
pub struct KolPolicy {
    pub line: Option<usize>,
    pub line_span: Span,
    /// Tier (a child of the KOL line) → declared share in percent.
    pub pyramid: Vec<(Ident, Spanned<Ratio>)>,
    /// A tier's share was invalid (reported); the split is not checked.
    pub incomplete: bool,
    pub criteria: Vec<(Ident, ast::Quantity)>,
}

#[derive(Debug)]
pub struct Highlight {
    pub id: Ident,
    pub name: String,
    pub channels: Vec<ChannelId>,
    pub results: Vec<String>,
}

#[derive(Debug)]
pub struct Audience {
    pub id: Ident,
    pub name: String,
    pub messages: Vec<String>,
}

#[derive(Debug)]
pub struct Guideline {
    pub id: Ident,
    pub text: String,
    pub within: Option<Lead>,
}

/// The sections of the founding document's outline, in its order: the
/// ids `[sections.<id>]` takes, and the order the year-end deck tells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outline {
    Results,
    Platforms,
    Content,
    Growth,
    Community,
    Brand,
    Ads,
    Data,
    Team,
    Trends,
    Framework,
    Creative,
    Tech,
    Budget,
}

impl Outline {
    pub const ALL: [Outline; 14] = [
        Outline::Results,
        Outline::Platforms,
        Outline::Content,
        Outline::Growth,
        Outline::Community,
        Outline::Brand,
        Outline::Ads,
        Outline::Data,
        Outline::Team,
        Outline::Trends,
        Outline::Framework,
        Outline::Creative,
        Outline::Tech,
        Outline::Budget,
    ];

    /// The id a plan writes (`[sections.growth]`).
    pub fn id(self) -> &'static str {
        match self {
            Outline::Results => "results",
            Outline::Platforms => "platforms",
            Outline::Content => "content",
            Outline::Growth => "growth",
            Outline::Community => "community",
            Outline::Brand => "brand",
            Outline::Ads => "ads",
            Outline::Data => "data",
            Outline::Team => "team",
            Outline::Trends => "trends",
            Outline::Framework => "framework",
            Outline::Creative => "creative",
            Outline::Tech => "tech",
            Outline::Budget => "budget",
        }
    }

    pub fn from_id(id: &str) -> Option<Outline> {
        Outline::ALL.into_iter().find(|o| o.id() == id)
    }
}

/// `[sections.<id>]`: the findings of one section of the outline.
#[derive(Debug)]
pub struct Section {
    pub outline: Outline,
    pub id: Ident,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub points: Vec<String>,
    pub figures: Vec<Figure>,
    pub cases: Vec<Case>,
}

#[derive(Debug)]
pub struct Figure {
    pub id: Ident,
    pub name: String,
    pub value: KpiValue,
    pub note: Option<String>,
}

/// A case told in a section: a crisis, a campaign that went viral.
#[derive(Debug)]
pub struct Case {
    pub id: Ident,
    pub name: String,
    pub date: Option<NaiveDate>,
    pub what: Option<String>,
    pub response: Option<Lead>,
    pub outcome: Option<String>,
    pub lessons: Vec<String>,
}

#[derive(Debug)]
pub struct UserAssertion {
    pub id: Ident,
    pub expr: ast::Assertion,
    pub src: crate::syntax::strlit::StrSrc,
    pub message: Option<String>,
}

pub fn weekday_short(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn plan_ids_name_one_folder_and_nothing_else() {
        for ok in [
            "new-media-2026",
            "northbeam_2027",
            "年度计划",
            "2027",
            "console",
            "com10",
            "a.ok",
        ] {
            assert_eq!(super::plan_id_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../../victim",
            "/etc",
            "a/b",
            "a\\b",
            "-x",
            "_x",
            ".x",
            "x.",
            "a b",
            "CON",
            "nul",
            "Com1",
            "LPT9",
            "aux.toml",
            "a\u{1b}",
        ] {
            assert!(super::plan_id_problem(bad).is_some(), "{bad:?}");
        }
        assert!(super::plan_id_problem(&"x".repeat(101)).is_some());
    }
}
