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
                        format!("`{}` is not a year almanac can plan", y.value),
                    )
                    .label("out of range")
                    .help("write a year such as `year = 2027`"),
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
                    Diagnostic::new(&codes::S006, p.span(), "the plan's period must be written with full dates")
                        .label("no year to place it in")
                        .help("write `period = \"2027-04-01..2028-03-31\"`, or `year = 2027` for a calendar year"),
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
                    "`[plan]` has both `year` and `period`",
                )
                .secondary(y.span, "year given here")
                .help("keep one: `year = 2027` or `period = \"2027-04-01..2028-03-31\"`"),
            );
            None
        }
        (Val::Absent, Val::Absent) => {
            diags.push(
                Diagnostic::new(
                    &codes::S007,
                    meta.span,
                    "`[plan]` needs a `year` or a `period`",
                )
                .label("in this table")
                .help("add `year = 2027`"),
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
                Diagnostic::new(&codes::S006, c.span(), format!("unknown holiday calendar `{}`", c.text))
                    .label("not a built-in calendar")
                    .help("use `calendar = \"cn\"` (China's official holidays and make-up workdays) or `calendar = \"none\"` (only the plan's own `[holidays]`)"),
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
        let d = if meta.id.is_some() {
            Diagnostic::new(&codes::S006, span, format!("`{id}` cannot be the plan's id: {why}"))
                .label("the plan's outputs are written to a folder of this name")
                .help("use letters, digits, `-` and `_`, starting with a letter or a digit, e.g. `new-media-2027`")
        } else {
            Diagnostic::new(
                &codes::S006,
                span,
                format!("the file name `{id}` cannot be the plan's id: {why}"),
            )
            .label("a plan without `id` takes its file's name")
            .help("give the plan an id in `[plan]`, e.g. `id = \"new-media-2027\"`")
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
        "RMB" | "¥" | "￥" | "YUAN" | "人民币" => {
            "the ISO code of the renminbi is `CNY`".to_string()
        }
        up if up.len() == 3 && up.chars().all(|c| c.is_ascii_alphabetic()) => {
            format!("write it in capitals: `{up}`")
        }
        _ => "write an ISO 4217 code such as `CNY`, `USD` or `EUR`".to_string(),
    };
    diags.push(
        Diagnostic::new(
            &codes::S006,
            s.span(),
            format!("`{t}` is not a currency code"),
        )
        .label("expected three capital letters")
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
            Diagnostic::new(&codes::S006, s.span(), format!("`{t}` is not a time zone name"))
                .label("expected an IANA zone such as `Asia/Shanghai`")
                .help("write the zone's IANA name, e.g. `Asia/Shanghai`, `Europe/Berlin`, `America/New_York`, or `UTC`"),
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
                    format!("unsupported locale `{}`", s.text),
                )
                .label("expected `zh-CN` or `en`")
                .help("almanac writes its outputs in `zh-CN` or `en`"),
            );
            Locale::ZhCn
        }
    }
}
