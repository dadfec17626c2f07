//! `[plan]`: the plan's id, name, period, currency, time zone, locale,
//! working week and holiday calendar. A value that cannot be used is
//! reported and replaced by its default (the file's name, `CNY`,
//! `Asia/Shanghai`, `zh-CN`, Monday to Friday, `cn`), except the period:
//! without one there are no dates to resolve, and so no `Plan`.

use chrono::NaiveDate;

use crate::calendar::{WorkCalendar, WorkWeek};
use crate::diagnostics::{Diagnostic, codes};
use crate::model::{DateRange, Locale, YEARS};
use crate::source::{FileId, SourceMap, Span, Spanned};
use crate::syntax::ast;
use crate::syntax::raw::{RawMeta, Str, Val};
use crate::tr;

use super::dates::DateCx;
use super::names;

/// The plan's period: `year`, or a `period` written with full dates.
pub(super) fn period(meta: &RawMeta, diags: &mut Vec<Diagnostic>) -> Option<Spanned<DateRange>> {
    match (&meta.year, &meta.period) {
        (Val::Known(y), Val::Absent) => {
            let ok = i32::try_from(y.value).is_ok_and(|y| YEARS.contains(&y));
            let year = y.value as i32;
            let r = ok
                .then(|| {
                    Some(DateRange {
                        start: NaiveDate::from_ymd_opt(year, 1, 1)?,
                        end: NaiveDate::from_ymd_opt(year, 12, 31)?,
                    })
                })
                .flatten();
            if r.is_none() {
                diags.push(
                    Diagnostic::new(
                        &codes::S006,
                        y.span,
                        tr!(
                            "`{0}` 不在 almanac 支持的年份范围内",
                            "`{0}` is not a year almanac can plan",
                            y.value
                        ),
                    )
                    .label(tr!("超出范围", "out of range"))
                    .help(tr!(
                        "写一个年份，例如 `year = 2027`",
                        "write a year such as `year = 2027`"
                    )),
                );
            }
            r.map(|value| Spanned {
                value,
                span: y.span,
            })
        }
        (Val::Absent, Val::Known(p)) => {
            let cal = WorkCalendar::new(WorkWeek::mon_fri());
            // A period must be absolute: relative dates have no year to fall in.
            let cx = DateCx {
                period: DateRange {
                    start: NaiveDate::from_ymd_opt(2000, 1, 1)?,
                    end: NaiveDate::from_ymd_opt(2000, 12, 31)?,
                },
                calendar: &cal,
            };
            let absolute = match &p.node {
                ast::RangeExpr::Between { start, end, .. } => {
                    matches!(start.base, ast::DateBase::Iso { .. })
                        && match end {
                            ast::RangeEnd::Date(d) => matches!(d.base, ast::DateBase::Iso { .. }),
                            ast::RangeEnd::Relative { .. } => true,
                        }
                }
                _ => false,
            };
            if !absolute {
                diags.push(
                    Diagnostic::new(
                        &codes::S006,
                        p.span(),
                        tr!(
                            "计划周期必须写完整的日期",
                            "the plan's period must be written with full dates"
                        ),
                    )
                    .label(tr!("没有年份，无法确定在哪一年", "no year to place it in"))
                    .help(tr!(
                        "写成 `period = \"2027-04-01..2028-03-31\"`；按自然年做计划则写 `year = 2027`",
                        "write `period = \"2027-04-01..2028-03-31\"`, or `year = 2027` for a calendar year"
                    )),
                );
                return None;
            }
            cx.range(&mut names::NoNames, &p.node, &p.src, diags)
                .map(|value| Spanned {
                    value,
                    span: p.span(),
                })
        }
        (Val::Known(y), Val::Known(p)) => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    p.span(),
                    tr!(
                        "`[plan]` 同时写了 `year` 和 `period`",
                        "`[plan]` has both `year` and `period`"
                    ),
                )
                .secondary(y.span, tr!("`year` 写在这里", "year given here"))
                .help(tr!(
                    "只保留一个：`year = 2027` 或 `period = \"2027-04-01..2028-03-31\"`",
                    "keep one: `year = 2027` or `period = \"2027-04-01..2028-03-31\"`"
                )),
            );
            None
        }
        (Val::Absent, Val::Absent) => {
            diags.push(
                Diagnostic::new(
                    &codes::S007,
                    meta.span,
                    tr!(
                        "`[plan]` 需要 `year` 或 `period`",
                        "`[plan]` needs a `year` or a `period`"
                    ),
                )
                .label(tr!("在这个表中", "in this table"))
                .help(tr!("加上 `year = 2027`", "add `year = 2027`")),
            );
            None
        }
        // A year or period that could not be read is reported already.
        (Val::Unknown(_), _) | (_, Val::Unknown(_)) => None,
    }
}

/// The working week and the built-in holiday calendar `[plan]` names (`cn`
/// unless it says `none`), before the plan's own `[holidays]`.
pub(super) fn calendar(meta: &RawMeta, diags: &mut Vec<Diagnostic>) -> (String, WorkCalendar) {
    let week = match &meta.working_week {
        Some(w) if w.value.is_empty() => WorkWeek::mon_fri(),
        Some(w) => WorkWeek::from_days(&w.value),
        None => WorkWeek::mon_fri(),
    };
    let calendar_name = match &meta.calendar {
        Some(c) if matches!(c.text.as_str(), "cn" | "none") => c.text.clone(),
        Some(c) => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    c.span(),
                    tr!(
                        "未知的节假日日历 `{0}`",
                        "unknown holiday calendar `{0}`",
                        c.text
                    ),
                )
                .label(tr!("不是内置的日历", "not a built-in calendar"))
                .help(tr!(
                    "写 `calendar = \"cn\"`（中国法定节假日和调休上班日）或 `calendar = \"none\"`（只用计划自己的 `[holidays]`）",
                    "use `calendar = \"cn\"` (China's official holidays and make-up workdays) or `calendar = \"none\"` (only the plan's own `[holidays]`)"
                )),
            );
            "cn".into()
        }
        None => "cn".into(),
    };
    let mut calendar = WorkCalendar::new(week);
    if calendar_name == "cn" {
        calendar = calendar.with_cn_official();
    }
    (calendar_name, calendar)
}

/// The plan's id and where it is written: `id`, or the file's name. An id
/// that cannot name an output folder is an error here, so `build` never
/// sees one.
pub(super) fn plan_id(
    meta: &RawMeta,
    sources: &SourceMap,
    root_file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> (String, Span) {
    let (id, span) = match &meta.id {
        Some(s) => (s.text.clone(), s.span()),
        None => (file_stem(sources, root_file), meta.span),
    };
    if let Some(why) = crate::model::plan_id_problem(&id) {
        let (why_zh, why) = (why.zh, why.en);
        let d = if meta.id.is_some() {
            Diagnostic::new(
                &codes::S006,
                span,
                tr!(
                    "`{id}` 不能作为计划的标识：{why_zh}",
                    "`{id}` cannot be the plan's id: {why}"
                ),
            )
            .label(tr!(
                "计划的输出文件会写到以它命名的目录中",
                "the plan's outputs are written to a folder of this name"
            ))
            .help(tr!(
                "只用字母、数字、`-` 和 `_`，以字母或数字开头，例如 `new-media-2027`",
                "use letters, digits, `-` and `_`, starting with a letter or a digit, e.g. `new-media-2027`"
            ))
        } else {
            Diagnostic::new(
                &codes::S006,
                span,
                tr!(
                    "文件名 `{id}` 不能作为计划的标识：{why_zh}",
                    "the file name `{id}` cannot be the plan's id: {why}"
                ),
            )
            .label(tr!(
                "没有写 `id` 的计划以文件名作为标识",
                "a plan without `id` takes its file's name"
            ))
            .help(tr!(
                "在 `[plan]` 中给计划一个标识，例如 `id = \"new-media-2027\"`",
                "give the plan an id in `[plan]`, e.g. `id = \"new-media-2027\"`"
            ))
        };
        diags.push(d);
    }
    (id, span)
}

pub(super) fn file_stem(sources: &SourceMap, id: FileId) -> String {
    sources
        .get(id)
        .path
        .file_stem()
        .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned())
}

/// An ISO 4217 code (`CNY`, `EUR`); `RMB` and lower case get a help line.
pub(super) fn currency(s: Option<&Str>, diags: &mut Vec<Diagnostic>) -> String {
    let Some(s) = s else {
        return "CNY".into();
    };
    let t = s.text.trim();
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_uppercase()) && t != "RMB" {
        return t.to_string();
    }
    let help = match t.to_uppercase().as_str() {
        "RMB" | "¥" | "￥" | "YUAN" | "人民币" => tr!(
            "人民币的币种代码是 `CNY`",
            "the ISO code of the renminbi is `CNY`"
        ),
        up if up.len() == 3 && up.chars().all(|c| c.is_ascii_alphabetic()) => {
            tr!("用大写字母：`{up}`", "write it in capitals: `{up}`")
        }
        _ => tr!(
            "写三个字母的国际币种代码，例如 `CNY`、`USD` 或 `EUR`",
            "write an ISO 4217 code such as `CNY`, `USD` or `EUR`"
        ),
    };
    diags.push(
        Diagnostic::new(
            &codes::S006,
            s.span(),
            tr!("`{t}` 不是币种代码", "`{t}` is not a currency code"),
        )
        .label(tr!("应为三个大写字母", "expected three capital letters"))
        .help(help),
    );
    "CNY".into()
}

/// An IANA zone name (`Asia/Shanghai`) or `UTC`; checked for shape only.
pub(super) fn timezone(s: Option<&Str>, diags: &mut Vec<Diagnostic>) -> String {
    let Some(s) = s else {
        return "Asia/Shanghai".into();
    };
    let t = s.text.trim();
    let shaped = t == "UTC"
        || t.split('/').count() >= 2
            && t.split('/').all(|p| {
                !p.is_empty()
                    && p.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-+".contains(c))
            });
    if !shaped {
        diags.push(
            Diagnostic::new(
                &codes::S006,
                s.span(),
                tr!("`{t}` 不是时区名称", "`{t}` is not a time zone name"),
            )
            .label(tr!(
                "应为 `Asia/Shanghai` 这样的标准时区名称",
                "expected an IANA zone such as `Asia/Shanghai`"
            ))
            .help(tr!(
                "写时区的标准名称，例如 `Asia/Shanghai`、`Europe/Berlin`、`America/New_York` 或 `UTC`",
                "write the zone's IANA name, e.g. `Asia/Shanghai`, `Europe/Berlin`, `America/New_York`, or `UTC`"
            )),
        );
        return "Asia/Shanghai".into();
    }
    t.to_string()
}

pub(super) fn locale(s: Option<&Str>, diags: &mut Vec<Diagnostic>) -> Locale {
    let Some(s) = s else {
        return Locale::ZhCn;
    };
    match s.text.to_lowercase().replace('_', "-").as_str() {
        "zh" | "zh-cn" | "zh-hans" => Locale::ZhCn,
        "en" | "en-us" | "en-gb" => Locale::En,
        _ => {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    s.span(),
                    tr!("不支持的语言 `{0}`", "unsupported locale `{0}`", s.text),
                )
                .label(tr!("应为 `zh-CN` 或 `en`", "expected `zh-CN` or `en`"))
                .help(tr!(
                    "almanac 的输出文件只有 `zh-CN` 和 `en` 两种语言",
                    "almanac writes its outputs in `zh-CN` or `en`"
                )),
            );
            Locale::ZhCn
        }
    }
}
