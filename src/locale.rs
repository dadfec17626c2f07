//! Every word almanac writes into an output, in zh-CN and en, in one place.
//! Each entry is one name with its two texts side by side, so a word cannot
//! exist in one language only, and a word two outputs share is written
//! once. Task-list and deck templates receive the whole table as `labels`;
//! typed writers read its fields. Sentences built around numbers (`推迟 3 天`
//! / `3 days later`) stay beside the code that fills them in.

use serde::Serialize;

/// The languages outputs are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    ZhCn,
    En,
}

/// One name in both languages (a key's or a section's label).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Pair {
    pub fn get(self, locale: Locale) -> &'static str {
        match locale {
            Locale::ZhCn => self.zh,
            Locale::En => self.en,
        }
    }
}

/// A sentence made at run time, in both languages: a diagnostic's
/// message, label or help line. Built with [`tr!`](crate::tr), which takes
/// the two texts side by side, so a message cannot exist in one language
/// only; [`Msg::same`] is for text that reads the same in both (a quoted
/// value, a line of TOML).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Msg {
    pub zh: String,
    pub en: String,
}

impl Msg {
    /// Text that needs no translation: code, a value, a file name.
    pub fn same(text: impl Into<String>) -> Msg {
        let text = text.into();
        Msg {
            zh: text.clone(),
            en: text,
        }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhCn => &self.zh,
            Locale::En => &self.en,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.zh.is_empty() && self.en.is_empty()
    }

    /// Both texts changed by `f` (escaping, joining).
    pub fn map(&self, mut f: impl FnMut(&str) -> String) -> Msg {
        Msg {
            zh: f(&self.zh),
            en: f(&self.en),
        }
    }

    /// Both texts with `other`'s appended, `zh_sep`/`en_sep` between.
    pub fn join(mut self, zh_sep: &str, en_sep: &str, other: &Msg) -> Msg {
        self.zh.push_str(zh_sep);
        self.zh.push_str(&other.zh);
        self.en.push_str(en_sep);
        self.en.push_str(&other.en);
        self
    }
}

/// Words a Chinese text keeps in Latin letters (`docs/glossary.md`).
pub const LATIN_IN_CHINESE: &[&str] = &[
    "KPI", "KOL", "KOC", "ROI", "ID", "TOML", "JSON", "CSV", "UTF", "SARIF", "IANA", "PPTX",
    "HTML", "RRGGBB", "BOM", "Markdown", "GitHub", "almanac", "git", "Excel", "WPS", "GBK",
];

impl Msg {
    /// What a translation left undone, if anything: a text in one
    /// language only, or an English word (three or more Latin letters, not
    /// one of [`LATIN_IN_CHINESE`]) in the Chinese outside code spans. The
    /// tests hold every message to it.
    pub fn untranslated(&self) -> Option<String> {
        if self.zh.is_empty() != self.en.is_empty() {
            return Some("<empty in one language>".into());
        }
        let mut code = false;
        let mut word = String::new();
        for c in self.zh.chars().chain([' ']) {
            if c == '`' {
                code = !code;
            }
            if !code && c.is_ascii_alphabetic() {
                word.push(c);
                continue;
            }
            if word.len() >= 3 && !LATIN_IN_CHINESE.contains(&word.as_str()) {
                return Some(word);
            }
            word.clear();
        }
        None
    }
}

impl From<Pair> for Msg {
    fn from(p: Pair) -> Msg {
        Msg {
            zh: p.zh.to_string(),
            en: p.en.to_string(),
        }
    }
}

/// A [`Msg`] from a Chinese and an English format string, each formatted
/// like `format!` (names in braces are captured from the scope):
/// `tr!("任务 `{id}` 晚于截止日期", "task `{id}` is late")`. Arguments after
/// the two strings are shared: `tr!("{0} 天", "{0} days", n)`.
#[macro_export]
macro_rules! tr {
    ($zh:literal, $en:literal $(,)?) => {
        $crate::locale::Msg {
            zh: format!($zh),
            en: format!($en),
        }
    };
    ($zh:literal, $en:literal, $($arg:expr),+ $(,)?) => {
        $crate::locale::Msg {
            zh: format!($zh, $($arg),+),
            en: format!($en, $($arg),+),
        }
    };
}

/// The language a locale setting of the environment asks for (`LC_ALL`,
/// `LC_MESSAGES`, `LANG`): `zh_CN.UTF-8`, `zh-Hans`, `zh` → zh-CN;
/// `C`, `POSIX` and empty say nothing; any other language → en.
pub fn from_env_value(value: &str) -> Option<Locale> {
    let v = value.trim();
    if v.is_empty() || v == "C" || v == "POSIX" || v.starts_with("C.") {
        return None;
    }
    let lang = v.split(['_', '-', '.', '@']).next().unwrap_or("");
    Some(if lang.eq_ignore_ascii_case("zh") {
        Locale::ZhCn
    } else {
        Locale::En
    })
}

/// A locale setting as a plan or `--lang` writes it (`zh-CN`, `zh`,
/// `zh_Hans`, `en`, `en-US`, …), or `None` when almanac has no such language.
pub fn parse(value: &str) -> Option<Locale> {
    match value.to_lowercase().replace('_', "-").as_str() {
        "zh" | "zh-cn" | "zh-hans" | "zh-hans-cn" => Some(Locale::ZhCn),
        "en" | "en-us" | "en-gb" => Some(Locale::En),
        _ => None,
    }
}

/// Declares [`Words`] and its two instances from `name: type = zh, en;`
/// entries.
macro_rules! words {
    ($($(#[$doc:meta])* $name:ident: $ty:ty = $zh:expr, $en:expr;)*) => {
        /// The words of every output in one language.
        #[derive(Debug, Serialize)]
        pub struct Words {
            $($(#[$doc])* pub $name: $ty,)*
        }

        static ZH: Words = Words { $($name: $zh,)* };
        static EN: Words = Words { $($name: $en,)* };
    };
}

words! {
    /// The language itself, for code that picks a [`Pair`].
    #[serde(skip)]
    lang: Locale =
        Locale::ZhCn,
        Locale::En;
    // Task lists and calendars (templates read these as `labels`).
    locale: &'static str =
        "zh-CN",
        "en";
    tasks_title: &'static str =
        "任务清单",
        "Task list";
    generated_from: &'static str =
        "由 almanac 根据计划生成",
        "Generated by almanac from the plan";
    unassigned: &'static str =
        "未指派",
        "Unassigned";
    due: &'static str =
        "截止",
        "Due";
    review: &'static str =
        "审核",
        "Review";
    publishes: &'static str =
        "发布",
        "Publish";
    episode: &'static str =
        "栏目",
        "Column";
    ritual: &'static str =
        "团队例行",
        "Ritual";
    task: &'static str =
        "任务",
        "Task";
    campaign: &'static str =
        "活动",
        "Campaign";
    moment: &'static str =
        "节点",
        "Moment";
    blackout: &'static str =
        "禁发日",
        "Blackout";
    // The timeline page (`timeline.html`).
    timeline_title: &'static str =
        "全年排期",
        "The year at a glance";
    month_view: &'static str =
        "月历",
        "Months";
    gantt_view: &'static str =
        "甘特图",
        "Gantt";
    filter_channels: &'static str =
        "渠道",
        "Channels";
    filter_owners: &'static str =
        "负责人",
        "Owners";
    filter_kinds: &'static str =
        "类型",
        "Kinds";
    filter_reset: &'static str =
        "清除筛选",
        "Clear filters";
    /// A day off and a make-up workday, as one-character marks on a day
    /// and as words in the legend.
    day_off_mark: &'static str =
        "休",
        "off";
    makeup_mark: &'static str =
        "班",
        "work";
    day_off_word: &'static str =
        "放假",
        "Day off";
    makeup_word: &'static str =
        "调休上班",
        "Make-up workday";
    today: &'static str =
        "今天",
        "Today";
    /// `{n}` is replaced by the page's script.
    more_items: &'static str =
        "还有 {n} 项",
        "{n} more";
    review_due: &'static str =
        "审核截止",
        "Review due";
    no_match: &'static str =
        "没有符合筛选条件的项目",
        "Nothing matches the filters";
    /// `{shown}` and `{all}` are replaced by the page's script.
    rows_shown: &'static str =
        "显示 {shown} / {all} 行",
        "{shown} of {all} rows";
    zoom_in: &'static str =
        "放大",
        "Zoom in";
    zoom_out: &'static str =
        "缩小",
        "Zoom out";
    /// `{n}` is replaced by the page's script.
    posts_shown: &'static str =
        "{n} 条发布",
        "{n} posts";
    depends_on: &'static str =
        "前置任务",
        "After";
    items: &'static str =
        "项",
        "items";
    hours: &'static str =
        "小时",
        "hours";
    yes: &'static str =
        "是",
        "yes";
    /// CSV and Markdown column headers, in `emit::rows::COLUMNS` order.
    columns: [&'static str; 15] =
        ["编号", "日期", "时间", "星期", "类型", "标题", "负责人", "负责人编号", "渠道", "活动", "栏目", "审核级别", "工时", "RACI", "发布"],
        ["ID", "Date", "Time", "Weekday", "Kind", "Title", "Owner", "Owner ID", "Channels", "Campaign", "Column", "Review level", "Hours", "RACI", "Publishes"];
    weekdays: [&'static str; 7] =
        ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    months: [&'static str; 12] =
        ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    // Deck slides: titles, table headers and the speaker notes' punctuation.
    sections: [&'static str; 14] =
        ["年度运营成果总览", "平台运营策略复盘", "内容生产体系构建", "用户增长与留存分析", "社群运营价值挖掘", "品牌传播效果评估", "广告投放ROI分析", "数据驱动运营实践", "团队管理与协作", "行业趋势洞察", "年度传播计划框架", "创意内容生产规划", "技术赋能运营方案", "预算与效果预测"],
        ["Results at a glance", "Platform strategy review", "Content production", "User growth and retention", "Community operations", "Brand communication", "Advertising ROI", "Data-driven operations", "Team and collaboration", "Industry trends", "Communication plan", "Creative content plan", "Technology enablement", "Budget and forecast"];
    agenda: &'static str =
        "目录",
        "Agenda";
    part_review: &'static str =
        "第一部分",
        "Part 1";
    part_plan: &'static str =
        "第二部分",
        "Part 2";
    review_title: &'static str =
        "年度回顾",
        "Year in review";
    plan_title: &'static str =
        "传播计划",
        "Plan";
    year_end_subtitle: &'static str =
        "年终总结与来年计划",
        "Year-end review and next year's plan";
    scorecard: &'static str =
        "KPI 完成情况",
        "KPI scorecard";
    kpi: &'static str =
        "指标",
        "KPI";
    baseline: &'static str =
        "基线",
        "Baseline";
    target: &'static str =
        "目标",
        "Target";
    actual: &'static str =
        "实际",
        "Actual";
    completion: &'static str =
        "完成 / 变化",
        "Completion / change";
    note: &'static str =
        "说明",
        "Note";
    hit_word: &'static str =
        "达成",
        "hit";
    miss_word: &'static str =
        "未达成",
        "missed";
    platforms: &'static str =
        "各平台增长",
        "Growth by platform";
    top_content: &'static str =
        "年度爆款内容",
        "Top content of the year";
    more_results: &'static str =
        "关键数据",
        "Key figures";
    team: &'static str =
        "团队分工",
        "The team";
    member: &'static str =
        "成员",
        "Member";
    role: &'static str =
        "职责",
        "Role";
    capacity: &'static str =
        "每周工时",
        "Hours a week";
    practices: &'static str =
        "工作机制",
        "How we work";
    theme: &'static str =
        "传播主题",
        "Theme and key messages";
    threads: &'static str =
        "话题线",
        "Threads";
    timeline: &'static str =
        "活动时间线",
        "Campaign timeline";
    moments: &'static str =
        "月度节点",
        "Moments by month";
    blackout_short: &'static str =
        "禁发",
        "Blackout";
    guidelines: &'static str =
        "运营规则",
        "Working rules";
    weekly_columns: &'static str =
        "周更栏目",
        "Weekly columns";
    reserve: &'static str =
        "热点预留",
        "Reserved for hot topics";
    review_flow: &'static str =
        "内容审核流程",
        "Content review";
    budget: &'static str =
        "预算分配",
        "Budget split";
    total: &'static str =
        "总预算",
        "Total budget";
    campaign_budgets: &'static str =
        "活动预算",
        "Campaign budgets";
    line: &'static str =
        "预算科目",
        "Budget line";
    amount: &'static str =
        "金额",
        "Amount";
    kpi_targets: &'static str =
        "KPI 目标",
        "KPI targets";
    spending: &'static str =
        "预算执行",
        "Budget: planned and spent";
    not_on_holidays: &'static str =
        "节假日停更",
        "not on holidays";
    planned: &'static str =
        "计划",
        "Planned";
    spent: &'static str =
        "实际支出",
        "Spent";
    spent_share: &'static str =
        "执行率",
        "Spent of plan";
    campaign_results: &'static str =
        "活动成果",
        "Campaign results";
    column_results: &'static str =
        "栏目成果",
        "Column results";
    column: &'static str =
        "栏目",
        "Column";
    dates: &'static str =
        "日期",
        "Dates";
    channel_word: &'static str =
        "渠道",
        "Channel";
    reach: &'static str =
        "曝光",
        "Reach";
    engagement: &'static str =
        "互动",
        "Engagement";
    conversions: &'static str =
        "转化",
        "Conversions";
    leads: &'static str =
        "线索",
        "Leads";
    episodes_published: &'static str =
        "发布期数",
        "Episodes";
    avg_reads: &'static str =
        "平均阅读",
        "Avg. reads";
    avg_plays: &'static str =
        "平均播放",
        "Avg. plays";
    rituals: &'static str =
        "团队例行",
        "Team rhythm";
    ritual_word: &'static str =
        "事项",
        "Ritual";
    cadence: &'static str =
        "频率",
        "How often";
    owner_word: &'static str =
        "负责人",
        "Owner";
    people_count: &'static str =
        "人数",
        "People";
    hours_each: &'static str =
        "每次工时",
        "Hours each time";
    key_points: &'static str =
        "要点",
        "Key points";
    cases: &'static str =
        "案例",
        "Cases";
    /// Before a case's response time: `响应 3 小时` / `response 3 h`.
    case_response: &'static str =
        "响应",
        "response";
    case_outcome: &'static str =
        "结果",
        "Outcome";
    case_lessons: &'static str =
        "经验",
        "Lessons";
    /// The title of the chart of KPIs against their baselines and targets.
    kpis_compared: &'static str =
        "指标对比",
        "KPIs compared";
    /// `：` / `: `, `、` / `, `, `；` / `; ` in the speaker notes.
    colon: &'static str =
        "：",
        ": ";
    comma: &'static str =
        "、",
        ", ";
    semicolon: &'static str =
        "；",
        "; ";
    // The HTML deck's own words around the slides.
    /// `{n}` and `{m}` are replaced: the slide's accessible name.
    slide_of: &'static str =
        "第 {n} 页，共 {m} 页",
        "Slide {n} of {m}";
    notes: &'static str =
        "演讲备注",
        "Speaker notes";
    /// Shown once, on the first slide's notes: how to open them.
    notes_hint: &'static str =
        "按 N 键显示或隐藏备注；← → 翻页",
        "Press N to show or hide the notes; ← → to move";
    hit: &'static str =
        "达成",
        "Hit";
    miss: &'static str =
        "未达成",
        "Missed";
    flagship: &'static str =
        "旗舰活动",
        "Flagship";
    others: &'static str =
        "其他栏目",
        "Other columns";
    owner: &'static str =
        "负责",
        "Owner";
    nothing: &'static str =
        "—",
        "—";

    // The diff comment.
    no_changes: &'static str =
        "无变更：两个版本的计划含义相同。",
        "No changes: the two versions mean the same plan.";
    /// `almanac diff --git REV FOLDER`: the heading over several plans'
    /// diffs, and what it says of plans new, removed or unchanged.
    plans_diff_title: &'static str =
        "计划变更",
        "Plan changes";
    plan_new: &'static str =
        "新计划",
        "new plan";
    plan_gone: &'static str =
        "已删除的计划",
        "plan removed";
    plans_unchanged: &'static str =
        "含义未变",
        "Unchanged in meaning";
    added: &'static str =
        "新增",
        "added";
    removed: &'static str =
        "删除",
        "removed";
    changed: &'static str =
        "修改",
        "changed";
    renamed: &'static str =
        "改名",
        "renamed";
    /// The plan's sections as nouns, in `diff::Section::ALL` order (plural).
    section_nouns: [&'static str; 19] =
        ["计划设置", "节假日安排", "预算科目", "KOL 策略", "活动", "栏目", "团队例行事项", "节点", "禁发日", "审核级别", "KPI", "亮点", "受众", "运营准则", "断言", "规则", "人员", "渠道", "排期事项"],
        ["plan settings", "holiday settings", "budget lines", "KOL settings", "campaigns", "columns", "rituals", "moments", "blackouts", "review levels", "KPIs", "highlights", "audiences", "guidelines", "assertions", "rules", "people", "channels", "scheduled items"];
    /// The same, for one of them.
    section_noun_one: [&'static str; 19] =
        ["计划设置", "节假日安排", "预算科目", "KOL 策略", "活动", "栏目", "团队例行事项", "节点", "禁发日", "审核级别", "KPI", "亮点", "受众", "运营准则", "断言", "规则", "人员", "渠道", "排期事项"],
        ["plan setting", "holiday setting", "budget line", "KOL setting", "campaign", "column", "ritual", "moment", "blackout", "review level", "KPI", "highlight", "audience", "guideline", "assertion", "rule", "person", "channel", "scheduled item"];
    /// The Mermaid timeline (`timeline.mmd`): a quarter's section, written
    /// `{year}年{quarter}` or `{quarter} {year}`.
    quarters: [&'static str; 4] =
        ["第一季度", "第二季度", "第三季度", "第四季度"],
        ["Q1", "Q2", "Q3", "Q4"];
    /// `almanac diff --mermaid`: the chart's title, and the labels of a
    /// moved campaign's old and new bars.
    campaigns_moved: &'static str =
        "活动日期变更",
        "Campaign dates changed";
    dates_before: &'static str =
        "原日期",
        "before";
    dates_after: &'static str =
        "新日期",
        "after";
    /// The diff's backstop section: dated items that moved with no other
    /// change to say why.
    schedule_title: &'static str =
        "排期",
        "Schedule";
    /// Fields the diff derives from a column's `every` and its episodes.
    recurrence: &'static str =
        "周期",
        "recurrence";
    time_of_day: &'static str =
        "时间",
        "time";
    episodes: &'static str =
        "期数",
        "episodes";
    review_order: &'static str =
        "审核顺序",
        "order in the chain";
    working_week: &'static str =
        "工作周",
        "working week";
    days_off: &'static str =
        "放假日（取消 / 新增）",
        "days off (no longer / new)";
    makeup_workdays: &'static str =
        "调休上班日（取消 / 新增）",
        "make-up workdays (no longer / new)";
    episode_dates: &'static str =
        "发布日期（取消 / 新增）",
        "episode dates (dropped / new)";
    /// The diff's table headers: items, plan settings, budget lines.
    item_columns: [&'static str; 4] =
        ["项目", "变更", "原", "新"],
        ["Item", "Change", "Old", "New"];
    setting_columns: [&'static str; 3] =
        ["设置", "原", "新"],
        ["Setting", "Old", "New"];
    budget_columns: [&'static str; 4] =
        ["科目", "原", "新", "变化"],
        ["Line", "Old", "New", "Change"];
    total_budget: &'static str =
        "总预算",
        "Total";
    // `almanac serve`: the index, a plan's page, the error overlay.
    serve_plans: &'static str =
        "计划",
        "Plans";
    serve_ok: &'static str =
        "正常",
        "ok";
    serve_build: &'static str =
        "第 {n} 次生成",
        "build #{n}";
    serve_not_built: &'static str =
        "尚无成功的生成",
        "not built yet";
    serve_timeline: &'static str =
        "时间线",
        "Timeline";
    serve_deck: &'static str =
        "幻灯片",
        "Deck";
    serve_tasks: &'static str =
        "任务清单",
        "Task list";
    serve_files: &'static str =
        "全部文件",
        "All files";
    serve_read: &'static str =
        "读取的文件",
        "Files read";
    serve_diagnostics: &'static str =
        "诊断",
        "Diagnostics";
    serve_overlay_title: &'static str =
        "计划有错误：页面显示的是上一次成功的生成",
        "The plan has errors: the page shows the last good build";
    serve_overlay_help: &'static str =
        "改正后保存，页面会自动刷新。",
        "Fix them and save; the page refreshes by itself.";
    serve_overlay_hide: &'static str =
        "隐藏",
        "Hide";
}

/// The words for `locale`.
pub fn words(locale: Locale) -> &'static Words {
    match locale {
        Locale::ZhCn => &ZH,
        Locale::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tr_formats_both_texts_with_captures_and_shared_arguments() {
        let n = 3;
        let m = crate::tr!("推迟 {n} 天", "{n} days later");
        assert_eq!(
            (m.zh.as_str(), m.en.as_str()),
            ("推迟 3 天", "3 days later")
        );
        let m = crate::tr!("{1}：{0}", "{0} of {1}", "a", "b");
        assert_eq!(m.get(Locale::ZhCn), "b：a");
        assert_eq!(m.get(Locale::En), "a of b");
    }

    #[test]
    fn english_left_in_chinese_is_found_outside_code() {
        assert_eq!(
            crate::tr!("`every wed` 不对", "`every wed` is wrong").untranslated(),
            None
        );
        assert_eq!(crate::tr!("KPI 目标值", "KPI target").untranslated(), None);
        assert_eq!(
            crate::tr!("目标 target", "target")
                .untranslated()
                .as_deref(),
            Some("target")
        );
        let one = Msg {
            zh: String::new(),
            en: "x".into(),
        };
        assert!(one.untranslated().is_some());
    }

    #[test]
    fn the_environment_names_a_language_or_nothing() {
        assert_eq!(from_env_value("zh_CN.UTF-8"), Some(Locale::ZhCn));
        assert_eq!(from_env_value("zh_TW.UTF-8"), Some(Locale::ZhCn));
        assert_eq!(from_env_value("en_US.UTF-8"), Some(Locale::En));
        assert_eq!(from_env_value("de_DE"), Some(Locale::En));
        assert_eq!(from_env_value("C.UTF-8"), None);
        assert_eq!(from_env_value("POSIX"), None);
        assert_eq!(from_env_value(""), None);
        assert_eq!(parse("zh_Hans"), Some(Locale::ZhCn));
        assert_eq!(parse("fr"), None);
    }

    #[test]
    fn both_languages_name_their_locale_and_have_every_word() {
        assert_eq!(words(Locale::ZhCn).locale, "zh-CN");
        assert_eq!(words(Locale::En).locale, "en");
        // Every entry is filled in both languages (an empty text is a
        // word left out).
        for locale in [Locale::ZhCn, Locale::En] {
            let value = serde_json::to_value(words(locale)).unwrap();
            let mut texts = Vec::new();
            collect(&value, &mut texts);
            assert!(texts.len() > 100, "{}", texts.len());
            for (key, text) in texts {
                assert!(!text.trim().is_empty(), "{locale:?} {key} is empty");
            }
        }
    }

    fn collect(v: &serde_json::Value, out: &mut Vec<(String, String)>) {
        if let serde_json::Value::Object(m) = v {
            for (k, v) in m {
                match v {
                    serde_json::Value::String(s) => out.push((k.clone(), s.clone())),
                    serde_json::Value::Array(a) => {
                        out.extend(
                            a.iter()
                                .filter_map(|s| Some((k.clone(), s.as_str()?.to_string()))),
                        );
                    }
                    _ => {}
                }
            }
        }
    }
}
