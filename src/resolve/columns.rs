//! `[columns]`: regular series of posts (`every wed`), each with the days it
//! runs (`during`, the plan's period unless given), the days it skips,
//! pauses, moved episodes and its holiday policy. A column any of whose
//! dates cannot be worked out is checked in full but left out of the plan,
//! rather than scheduled on the wrong days.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Column, DateRange};
use crate::source::Spanned;
use crate::syntax::ast::Exception;
use crate::syntax::raw::{RawColumn, Val};
use crate::tr;

use super::dates::DateCx;
use super::names::{PlanNames, noun};
use super::{Ids, evaluate_each, hours, text, text_or};

pub(super) fn columns<'r>(
    raw: impl IntoIterator<Item = &'r RawColumn>,
    cx: &DateCx<'_>,
    names: &mut PlanNames<'_>,
    period: Spanned<DateRange>,
    ids: &Ids,
    budget: Option<&crate::model::Budget>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Column> {
    let mut columns = Vec::new();
    for col in raw {
        let Val::Known(every) = &col.every else {
            continue;
        };
        if let Some(bad) = every.node.frequency.zero_interval() {
            diags.push(
                Diagnostic::new(
                    &codes::S006,
                    every.span(),
                    tr!("`{bad}` 永远不会重复", "`{bad}` never repeats"),
                )
                .label(tr!("间隔为 0", "interval of 0"))
                .help(tr!(
                    "间隔至少为 1，例如 `every 2 weeks on mon`",
                    "the interval must be at least 1, e.g. `every 2 weeks on mon`"
                )),
            );
            continue;
        }
        // A date that could not be read or computed leaves the column's
        // days unknown: every value is still checked, but the column is
        // left out of the plan rather than scheduled on the wrong days.
        let mut unknown = false;
        let during = match &col.during {
            Val::Known(e) => match cx.range(&mut names.with(cx), &e.node, &e.src, diags) {
                Some(r) => Spanned {
                    value: r,
                    span: e.span(),
                },
                None => continue,
            },
            Val::Unknown(_) => continue,
            Val::Absent => period,
        };
        let (mut skip, all) = evaluate_each(&col.skip, |e| {
            cx.date(&mut names.with(cx), &e.node, &e.src, diags)
        });
        unknown |= !all;
        for ex in &every.node.except {
            if let Exception::Date(d) = ex {
                match cx.date(&mut names.with(cx), d, &every.src, diags) {
                    Some(v) => skip.push(Spanned {
                        value: v,
                        span: every.src.at(d.loc),
                    }),
                    None => unknown = true,
                }
            }
        }
        let (pause, all) = evaluate_each(&col.pause, |e| {
            cx.range(&mut names.with(cx), &e.node, &e.src, diags)
        });
        unknown |= !all;
        let mut moves = Vec::new();
        for m in &col.moves {
            let Val::Known((from, to)) = m else {
                unknown = true;
                continue;
            };
            let f = cx.date(&mut names.with(cx), &from.node, &from.src, diags);
            let t = cx.date(&mut names.with(cx), &to.node, &to.src, diags);
            if let (Some(f), Some(t)) = (f, t) {
                moves.push((
                    Spanned {
                        value: f,
                        span: from.span(),
                    },
                    Spanned {
                        value: t,
                        span: to.span(),
                    },
                ));
            } else {
                unknown = true;
            }
        }
        let publishes_on_holidays = match &col.holidays {
            None => false,
            Some(h) if h.text == "publish" => true,
            Some(h) if h.text == "skip" => false,
            Some(h) => {
                diags.push(
                    Diagnostic::new(
                        &codes::S006,
                        h.span(),
                        tr!(
                            "`{0}` 不是有效的节假日处理方式",
                            "`{0}` is not a holiday policy",
                            h.text
                        ),
                    )
                    .label(tr!(
                        "应为 `publish` 或 `skip`",
                        "expected `publish` or `skip`"
                    ))
                    .help(tr!(
                        "`holidays = \"publish\"` 表示节假日有意照常发布；要跳过节假日，在 `every` 中写 `except holidays`",
                        "`holidays = \"publish\"` publishes on holidays on purpose; to skip them write `except holidays` in `every`"
                    )),
                );
                unknown = true;
                false
            }
        };
        let skips_holidays = every.node.except.contains(&Exception::Holidays)
            || col.holidays.as_ref().is_some_and(|h| h.text == "skip");
        let column = Column {
            id: col.id.clone(),
            ritual: col.ritual,
            attendees: ids.people.refs(&col.attendees, noun::PERSON, diags),
            pause,
            moves,
            skips_holidays,
            publishes_on_holidays,
            name: text_or(&col.name, &col.id.name),
            channel: col
                .channel
                .as_ref()
                .and_then(|c| ids.channels.get(c, noun::CHANNEL, diags)),
            owner: col
                .owner
                .as_ref()
                .and_then(|o| ids.people.get(o, noun::PERSON, diags)),
            time: every.node.time,
            recurrence: every.node.clone(),
            recurrence_span: every.span(),
            during,
            skip,
            category: text(&col.category),
            effort_hours: col.effort.known().and_then(|e| hours(e, diags)),
            description: text(&col.description),
            paid_from: super::campaigns::paid_from(budget, col.budget.as_ref(), diags),
            label: col.label.as_ref().map(|s| s.text.clone()),
            // A column's results hold no money (`spent` is not one of their
            // keys), so they need no currency.
            results: super::results::results(col.results.as_ref(), &ids.channels, "", diags),
        };
        if !unknown {
            columns.push(column);
        }
    }
    columns
}
