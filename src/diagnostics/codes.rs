//! The identity of every rule, in one table at the bottom of the pipeline:
//! its code, name, family, default severity, whether a plan's `[rules]` may
//! change it, its settings, its one-line summary and the file that explains
//! and checks it. Every stage that reports a problem names its rule by a
//! typed constant from here (`codes::S005`), so a misspelt code does not
//! compile, and `diagnostics` needs nothing above it to say which rule a
//! diagnostic belongs to.
//!
//! The table is written once, in `for_each_rule!`, and expanded twice: here
//! into the constants and `ALL`, and in `rules::registry` into the calls of
//! each rule's `check`. A rule's file under `src/rules/` holds its
//! explanation (its `//!` lines, read here with `include_str!`) and, for a
//! rule checked on a resolved plan, its `check` function. Adding a rule is
//! that file, one line of the table and its fixtures.

use super::Severity;
use crate::locale::Locale;

#[derive(PartialEq, Eq)]
pub struct Rule {
    /// `B001`: family letter and number.
    pub code: &'static str,
    /// `budget-shares`: names the problem, never the fix.
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    /// Whether a plan's `[rules]` may change the severity or turn it off.
    pub configurable: bool,
    /// Thresholds a plan may set in `[rules.<name>]` (`tolerance`).
    pub options: &'static [&'static str],
    /// One line for `almanac rules`.
    pub summary: &'static str,
    /// The same line in Chinese.
    pub summary_zh: &'static str,
    /// The rule's own source file; its `//!` lines are the explanation.
    pub source: &'static str,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// The line in a rule's `//!` comment after which its explanation is
/// written again in Chinese (invisible in rustdoc).
pub const ZH_MARK: &str = "<!-- zh-CN -->";

impl Rule {
    /// The summary in `locale`.
    pub fn summary_in(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::ZhCn => self.summary_zh,
            Locale::En => self.summary,
        }
    }

    /// The explanation in `locale`: the `//!` paragraph(s) of the rule's
    /// file, English before the line [`ZH_MARK`] and Chinese after it.
    pub fn explanation(&self, locale: Locale) -> String {
        let mut en = String::new();
        let mut zh = String::new();
        let mut in_zh = false;
        let mut started = false;
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                if started {
                    break;
                }
                continue;
            };
            started = true;
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            if rest.trim() == ZH_MARK {
                in_zh = true;
                continue;
            }
            let out = if in_zh { &mut zh } else { &mut en };
            out.push_str(rest);
            out.push('\n');
        }
        let text = match locale {
            Locale::ZhCn => zh,
            Locale::En => en,
        };
        format!("{}\n", text.trim())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Syntax,
    References,
    Budget,
    Dates,
    Kpi,
    Copy,
    Assertions,
    Schedule,
    Capacity,
    Outputs,
    Actuals,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::References => "references",
            Family::Budget => "budget",
            Family::Dates => "dates",
            Family::Kpi => "kpi",
            Family::Copy => "copy",
            Family::Assertions => "assertions",
            Family::Schedule => "schedule",
            Family::Capacity => "capacity",
            Family::Outputs => "outputs",
            Family::Actuals => "actuals",
        }
    }
}

/// Every rule, in `almanac rules` order: code, name, family, default
/// severity, configurable, settings, the module under `src/rules/`,
/// whether `check_plan` runs its `check` (`check`) or another stage finds
/// it (`found`), and the summary. Hands the table to the macro `$then`.
macro_rules! for_each_rule {
    ($then:ident) => {
        $then! {
            A001 "assertion-failed" Assertions Error true [] assertions::failed check "A user assertion does not hold" "计划中自定义的断言不成立";
            B001 "budget-shares" Budget Error true ["tolerance"] budget::shares check "Shares of one budget level do not add up to 100%" "同一层级预算的占比加起来不等于 100%";
            B002 "budget-over-parent" Budget Error true [] budget::over_parent check "Sub-lines add up to more than their budget line" "子科目加起来超出所属预算科目";
            B003 "campaign-over-line" Budget Error true [] budget::campaign_over_line check "Campaigns draw more from a budget line than it holds" "各活动从某个预算科目支取的金额超出该科目额度";
            B004 "total-exceeded" Budget Error true [] budget::total_exceeded check "The budget lines add up to more than the total" "各预算科目加起来超出总预算";
            B005 "non-positive-amount" Budget Error true [] budget::non_positive check "A budget amount or share is zero or negative" "预算金额或占比为零或负数";
            B006 "kol-pyramid" Budget Error true ["tolerance"] budget::kol_pyramid check "The KOL budget does not follow the declared pyramid" "KOL 预算不符合设定的金字塔结构";
            B007 "budget-mixed-units" Budget Warning true [] budget::mixed_units check "A plain number among shares of one budget level" "同一层级预算的占比中混有不带单位的数字";
            B008 "overspent" Budget Warning true [] budget::overspent check "More was spent than planned" "实际花费超出计划";
            C001 "over-capacity" Capacity Warning true [] capacity::over_capacity check "A person has more work in a week than their capacity" "成员一周的工作量超出其产能";
            C002 "reserve-below-share" Capacity Error true [] capacity::reserve check "Too few of a channel's weekly slots stay free for the reserve" "渠道每周留作机动预留的空余档期太少";
            C003 "posting-limit" Capacity Error true [] capacity::posting_limit check "A channel publishes more in a day than its limit" "渠道单日发布量超出发布上限";
            D001 "date-outside-period" Dates Error true ["lead_in", "overhang"] dates::outside_period check "A date falls outside the plan's period" "日期落在计划周期之外";
            D002 "range-reversed" Dates Error true [] dates::range_reversed found "A range that ends before it starts" "日期范围的结束日期早于开始日期";
            D003 "moment-undefined" Dates Error true [] dates::moment_undefined found "A built-in moment with no date in the plan's year" "内置营销节点在计划年份没有日期";
            D004 "no-holiday-schedule" Dates Warning true [] dates::no_holiday_schedule check "No official holiday schedule for the plan's year" "计划年份还没有内置官方放假安排";
            D005 "dependency-cycle" Dates Error false [] dates::dependency_cycle found "Dates or tasks that depend on each other in a cycle" "日期或任务循环依赖";
            D006 "task-on-day-off" Dates Warning true [] dates::task_day_off check "A task is due on a day that is not a workday" "任务截止日不是工作日";
            D007 "task-before-dependency" Dates Error true [] dates::task_order check "A task is due before a task it waits for" "任务截止日期早于它所依赖的任务";
            I001 "export-column-missing" Actuals Error false [] actuals::column_missing found "An export lacks a column its mapping names" "导出文件缺少映射文件指定的列";
            I002 "export-bad-value" Actuals Error false [] actuals::bad_value found "An export cell is not the number or date its column holds" "导出文件的单元格不是该列应有的数字或日期";
            I003 "mapping-unknown-target" Actuals Error false [] actuals::unknown_target found "A mapping names a KPI, budget line, campaign, column or channel the plan lacks" "映射文件指定的 KPI、预算科目、活动、栏目或渠道在计划中不存在";
            I004 "campaign-unmatched" Actuals Error false [] actuals::campaign_unmatched found "An export row's campaign name matches no campaign" "导出行的活动名称匹配不到任何活动";
            I005 "campaign-ambiguous" Actuals Error false [] actuals::campaign_ambiguous found "An export row's campaign name matches two campaigns" "导出行的活动名称同时匹配两个活动";
            I006 "last-ambiguous" Actuals Error false [] actuals::last_ambiguous found "Two rows on the latest date differ where the mapping takes the last" "按最后一行取值时，最新日期的两行数值不同";
            I007 "mapping-invalid" Actuals Error false [] actuals::mapping_invalid found "A mapping file that cannot be used as written" "映射文件的写法无法使用";
            I008 "export-unreadable" Actuals Error false [] actuals::export_unreadable found "An export that cannot be read as a table" "导出文件无法作为表格读取";
            K001 "target-not-better" Kpi Error true [] kpi::target_not_better check "A KPI target is no better than its baseline" "KPI 目标值不优于基线";
            K002 "rate-over-100" Kpi Error true [] kpi::rate_over_100 check "A rate is above 100%" "比率超过 100%";
            K003 "kpi-parts-total" Kpi Error true ["tolerance"] kpi::parts_total check "Per-part KPIs do not add up to their total" "分项 KPI 加起来不等于总 KPI";
            K004 "actual-missing" Kpi Warning true [] kpi::actual_missing check "A reviewed KPI has a target but no actual" "复盘计划中的 KPI 有目标值却没有实际值";
            K005 "baseline-not-previous" Kpi Warning true [] kpi::baseline_previous found "A baseline differs from last year's actual" "基线与上一年的实际值不一致";
            L001 "absolute-term" Copy Warning true ["terms", "allow"] copy::absolute_term check "Published text uses a term China's advertising law forbids" "对外发布的文案用了广告法禁止的绝对化用语";
            L002 "ad-label-missing" Copy Warning true [] copy::ad_label check "Paid KOL or ads content publishes without the label 广告" "付费的 KOL 或广告内容发布时没有标注“广告”";
            O001 "review-without-actuals" Outputs Error false [] outputs::no_actuals found "A review deck is asked of a plan with no actuals" "要生成复盘演示文稿，但计划没有实际值";
            O002 "previous-plan-missing" Outputs Error false [] outputs::previous_missing found "A year-end deck's previous plan cannot be found" "找不到年终汇报演示文稿所需的上一年计划";
            P001 "review-lead-time" Schedule Error true [] schedule::lead_time check "A review level gets the content too late" "审核级别收到内容太晚，赶不上发布";
            P002 "blackout-publishing" Schedule Error true [] schedule::blackout check "Content publishes on a blackout date" "内容在禁发日发布";
            P003 "holiday-publishing" Schedule Error true [] schedule::holiday_publishing check "A column that skips holidays publishes on one" "节假日停更的栏目在节假日发布";
            P004 "column-on-holiday" Schedule Warning true [] schedule::column_on_holiday check "A column falls on holidays without a rule for them" "栏目排期落在节假日，但没有写明节假日如何处理";
            P005 "flagship-overlap" Schedule Error true ["max"] schedule::flagship_overlap check "Flagship campaigns overlap on one channel" "同一渠道上的旗舰活动档期重叠";
            P006 "column-never-occurs" Schedule Error true [] schedule::never_occurs check "A recurring column has no occurrence in the period" "栏目在计划周期内一期也没有";
            P007 "too-many-occurrences" Schedule Error false [] schedule::too_many found "A recurring column would publish absurdly often" "栏目的发布频率高得离谱";
            R001 "unknown-reference" References Error false [] references::unknown_reference found "A reference to an id that does not exist" "引用了不存在的标识";
            R002 "duplicate-id" References Error false [] references::duplicate_id found "The same id declared twice" "同一标识声明了两次";
            R003 "include-cycle" References Error false [] references::include_cycle found "Files that include each other" "文件之间循环引入";
            R004 "include-missing" References Error false [] references::include_missing found "An included file that cannot be read" "引入的文件无法读取";
            R005 "include-outside-project" References Error false [] references::include_outside found "An included file outside the plan's project" "引入的文件在计划所在项目之外";
            S001 "toml-syntax" Syntax Error false [] syntax::toml_syntax found "The file is not valid TOML" "文件不是有效的 TOML";
            S002 "not-utf8" Syntax Error false [] syntax::not_utf8 found "The file is not UTF-8 text" "文件不是 UTF-8 文本";
            S003 "unknown-key" Syntax Error false [] syntax::unknown_key found "A key the plan format does not know" "计划格式不支持的键";
            S004 "wrong-type" Syntax Error false [] syntax::wrong_type found "A value of the wrong type" "值的类型错误";
            S005 "invalid-expression" Syntax Error false [] syntax::invalid_expression found "An expression that cannot be parsed" "表达式无法解析";
            S006 "invalid-value" Syntax Error false [] syntax::invalid_value found "A value that is well-formed but impossible" "值的格式正确，但取值不可能成立";
            S007 "missing-key" Syntax Error false [] syntax::missing_key found "A required key is missing" "缺少必填的键";
            S008 "empty-file" Syntax Error false [] syntax::empty_file found "The file is empty" "文件为空";
            S009 "orphan-fragment" Syntax Warning false [] syntax::orphan_fragment found "A fragment no plan includes" "没有任何计划引入的片段文件";
            S010 "control-character" Syntax Warning false [] syntax::control_character found "A string holds a control or bidi character that outputs drop" "字符串含有控制字符或双向控制字符，输出时会被删除";
            T001 "template-error" Syntax Error false [] syntax::template_error found "A template cannot be compiled or rendered" "模板无法编译或渲染";
        }
    };
}
pub(crate) use for_each_rule;

macro_rules! declare {
    ($($code:ident $name:literal $family:ident $severity:ident $configurable:literal
       [$($option:literal),*] $group:ident::$file:ident $stage:ident $summary:literal $summary_zh:literal;)*) => {
        $(
            #[doc = $summary]
            pub static $code: Rule = Rule {
                code: stringify!($code),
                name: $name,
                family: Family::$family,
                default_severity: Severity::$severity,
                configurable: $configurable,
                options: &[$($option),*],
                summary: $summary,
                summary_zh: $summary_zh,
                source: include_str!(concat!(
                    "../rules/", stringify!($group), "/", stringify!($file), ".rs"
                )),
            };
        )*

        /// Every rule, in the table's order.
        pub static ALL: &[&Rule] = &[$(&$code),*];
    };
}

for_each_rule!(declare);

/// A rule by code (`B001`, any case) or name (`budget-shares`), as a user
/// writes it (`almanac explain`, a plan's `[rules]`).
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}
