//! The plan schema, applied to a TOML tree: walks each section and key,
//! reports unknown keys (with a did-you-mean from the keys the format
//! defines for that table, `crate::format`) and values of the wrong type,
//! parses expression strings with the parser their key calls for, and
//! produces a `RawFile`. All problems of a file are collected in one pass.

use chrono::Weekday;

use crate::diagnostics::{Diagnostic, closest, codes, did_you_mean};
use crate::format::{self, Table};
use crate::locale::{Msg, Pair};
use crate::source::Ident;
use crate::source::{FileId, Span, Spanned};
use crate::syntax::ast::{ExprError, Loc};
use crate::syntax::expr;
use crate::syntax::raw::*;
use crate::syntax::strlit::StrSrc;
use crate::syntax::toml::{Node, Tree};
use crate::syntax::tree::{Key, Value};
use crate::tr;

/// The path of the top-level table, for messages.
const ROOT: &str = "the file";

/// A table's path as a message names it: `` `plan` `` / `` `plan` 中 ``, and
/// the top-level table as the file.
fn place(path: &str) -> Msg {
    if path == ROOT {
        tr!("文件顶层", "`the file`")
    } else {
        tr!("`{path}` 中", "`{path}`")
    }
}

/// What a value should be, in both languages, for messages. The English
/// of an expression's kind is a bare noun (`with_article` gives it its
/// article: "a date range"); the others carry theirs.
mod what {
    use crate::locale::Pair;

    const fn pair(zh: &'static str, en: &'static str) -> Pair {
        Pair { zh, en }
    }

    pub const DATE: Pair = pair("日期", "date");
    pub const DATE_RANGE: Pair = pair("日期范围", "date range");
    pub const DATE_OR_RANGE: Pair = pair("日期或日期范围", "date or date range");
    pub const DURATION: Pair = pair("时长", "duration");
    pub const NUMBER: Pair = pair("数值", "number");
    pub const RECURRENCE: Pair = pair("重复规则", "recurrence");
    pub const SHARE: Pair = pair("占比", "share");
    pub const KPI_VALUE: Pair = pair("指标值", "KPI value");
    pub const MONEY: Pair = pair("金额", "money amount");
    pub const AMOUNT: Pair = pair("金额", "amount");
    pub const AMOUNT_OR_SHARE: Pair = pair("金额或占比", "amount or share");
    pub const THRESHOLD: Pair = pair("阈值", "threshold");
    pub const ASSERTION: Pair = pair("断言", "assertion");
    pub const TABLE: Pair = pair("表", "a table");
    pub const STRING: Pair = pair("字符串", "a string");
    pub const STRINGS: Pair = pair("字符串数组", "an array of strings");
    pub const INTEGER: Pair = pair("整数", "an integer");
    pub const BOOLEAN: Pair = pair("布尔值（`true` 或 `false`）", "`true` or `false`");
    pub const DRAWS: Pair = pair(
        "由预算科目和金额组成的表",
        "a table of budget lines and amounts",
    );
    pub const SEVERITY: Pair = pair(
        "严重级别（`\"error\"`、`\"warn\"`、`\"allow\"`）或表",
        "a severity (`\"error\"`, `\"warn\"`, `\"allow\"`) or a table",
    );
    pub const LINE: Pair = pair("金额、占比或表", "an amount, a share or a table");
}

/// The space Chinese text puts before `word` when it starts with a Latin
/// letter, a digit or code (`而不是 TOML 日期`), else nothing.
fn zh_space(word: &str) -> &'static str {
    if word.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '`') {
        " "
    } else {
        ""
    }
}

/// A table being read, with what the format says it holds: the reader
/// asks it only for keys the format defines, and reports the others.
pub struct Tbl<'t, 'a> {
    map: &'t Tree<'a>,
    /// The table's own span (or its key's, for a header table).
    pub span: Span,
    /// `campaigns.summer` — for messages.
    pub path: String,
    /// The table in the format's definition.
    pub def: &'static Table,
}

impl<'t, 'a> Tbl<'t, 'a> {
    pub fn get(&self, key: &'static str) -> Option<(&'t Key<'a>, &'t Node<'a>)> {
        debug_assert!(
            self.def.key(key).is_some(),
            "the reader asks `{}` for `{key}`, which the format does not define",
            self.def.path
        );
        #[cfg(test)]
        asked::record(self.def, key);
        self.map.entry(key)
    }

    /// The path of the value of `key` in this table: `plan.year`, and
    /// `include` (not `the file.include`) at the top level.
    fn key_path(&self, key: &str) -> String {
        if self.path == ROOT {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Whether the table has `key` (read or not).
    pub fn has(&self, key: &str) -> bool {
        self.map.get(key).is_some()
    }

    pub fn entries(&self) -> impl Iterator<Item = (&'t Key<'a>, &'t Node<'a>)> + use<'t, 'a> {
        self.map.iter()
    }
}

pub struct Reader<'s, 'd> {
    pub file: FileId,
    pub text: &'s str,
    pub diags: &'d mut Vec<Diagnostic>,
    /// Parsed expressions by (parser, text): plans repeat the same strings
    /// (`"24h"`, `"start - 5wd"`) many times, and parsing is the costly part.
    pub memo: Memo,
}

/// A cache of parse results, keyed by the parser function and the text.
#[derive(Default)]
pub struct Memo(std::collections::HashMap<(usize, String), Box<dyn std::any::Any>>);

impl Memo {
    fn parse<T: Clone + 'static>(
        &mut self,
        text: &str,
        parse: fn(&str) -> Result<T, ExprError>,
    ) -> Result<T, ExprError> {
        let key = (parse as usize, text.to_string());
        if let Some(hit) = self
            .0
            .get(&key)
            .and_then(|b| b.downcast_ref::<Result<T, ExprError>>())
        {
            return hit.clone();
        }
        let r = parse(text);
        self.0.insert(key, Box::new(r.clone()));
        r
    }
}

/// "date range" → "a date range"; leaves "an integer", "`true` or `false`" alone.
fn with_article(what: &str) -> String {
    let starts = |p: &str| what.starts_with(p);
    if starts("a ") || starts("an ") || starts("`") {
        return what.to_string();
    }
    let vowel = what.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
    format!("{} {what}", if vowel { "an" } else { "a" })
}

fn kind(v: &Value<'_>) -> Pair {
    let (zh, en) = match v {
        Value::String(_) => ("字符串", "a string"),
        Value::Integer(_) => ("整数", "an integer"),
        Value::Float(_) => ("小数", "a number"),
        Value::Boolean(_) => ("布尔值", "a boolean"),
        Value::Datetime => ("TOML 日期", "a TOML date"),
        Value::Array(_) => ("数组", "an array"),
        Value::Table(_) => ("表", "a table"),
    };
    Pair { zh, en }
}

impl Reader<'_, '_> {
    pub fn span(&self, r: std::ops::Range<usize>) -> Span {
        Span::new(self.file, r.start, r.end)
    }

    pub fn ident(&mut self, key: &Key<'_>) -> Ident {
        let name = key.get_ref().to_string();
        let span = self.span(key.span());
        let ok = !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        if !ok {
            self.diags.push(
                Diagnostic::new(
                    &codes::S006,
                    span,
                    tr!("`{name}` 不是有效的标识", "`{name}` is not a valid id"),
                )
                .label(tr!(
                    "标识是计划中其他地方引用它时用的名称",
                    "ids are names other parts of the plan refer to"
                ))
                .help(tr!(
                    "只用字母、数字和 `_`，且不以数字开头，例如 `summer_campaign`",
                    "use letters, digits and `_`, not starting with a digit, e.g. `summer_campaign`"
                )),
            );
        }
        Ident { name, span }
    }

    /// `amount` must be money and `share` a share; reports the mix-up.
    fn amount_kind(&mut self, e: &Expr<crate::syntax::ast::Amount>, key: &str, path: &str) -> bool {
        use crate::syntax::ast::Amount;
        let ok = matches!(
            (key, &e.node),
            ("amount", Amount::Money(_)) | ("share", Amount::Share(_))
        );
        if !ok {
            let (other, example) = if key == "amount" {
                ("share", "share = \"60%\"")
            } else {
                ("amount", "amount = \"¥1.2M\"")
            };
            let (holds, not) = if key == "amount" {
                (
                    tr!("写的是占比", "holds a share"),
                    tr!("不是金额", "not money"),
                )
            } else {
                (
                    tr!("写的是金额", "holds money"),
                    tr!("不是占比", "not a share"),
                )
            };
            let (hz, he) = (&holds.zh, &holds.en);
            self.diags.push(
                Diagnostic::new(
                    &codes::S006,
                    e.span(),
                    tr!("`budget.{path}.{key}` {hz}", "`budget.{path}.{key}` {he}"),
                )
                .label(not)
                .help(tr!(
                    "改用 `{other}` 来写：`{example}`",
                    "write it as `{other}`: `{example}`"
                )),
            );
        }
        ok
    }

    fn wrong_type(&mut self, v: &Node<'_>, path: &dyn std::fmt::Display, expected: Pair) {
        let found = kind(v.get_ref());
        let (fz, fe) = (found.zh, found.en);
        let (ez, ee) = (expected.zh, with_article(expected.en));
        let (s1, s2) = (zh_space(ez), zh_space(fz));
        let mut d = Diagnostic::new(
            &codes::S004,
            self.span(v.span()),
            tr!(
                "`{path}` 应为{s1}{ez}，而不是{s2}{fz}",
                "`{path}` should be {ee}, not {fe}"
            ),
        )
        .label(found);
        if let Value::Integer(_) | Value::Float(_) = v.get_ref()
            && ee.contains("string")
        {
            let value = &self.text[v.span()];
            d = d.help(tr!(
                "给值加上引号：`\"{value}\"`",
                "put the value in quotes: `\"{value}\"`"
            ));
        }
        if let Value::String(text) = v.get_ref()
            && ee.contains("integer")
            && text.trim().parse::<i64>().is_ok()
        {
            let number = text.trim();
            d = d.help(tr!(
                "去掉数字两边的引号：`{number}`",
                "write the number without quotes: `{number}`"
            ));
        }
        if let Value::Datetime = v.get_ref() {
            let value = &self.text[v.span()];
            d = d.help(tr!(
                "日期要写成字符串：`\"{value}\"`",
                "write dates as strings: `\"{value}\"`"
            ));
        }
        self.diags.push(d);
    }

    /// `v` as a table that the format defines as `def`.
    pub fn table<'t, 'a>(
        &mut self,
        key: &Key<'_>,
        v: &'t Node<'a>,
        path: &str,
        def: &'static Table,
    ) -> Option<Tbl<'t, 'a>> {
        match v.get_ref() {
            Value::Table(map) => Some(Tbl {
                map,
                span: self.span(key.span()),
                path: path.to_string(),
                def,
            }),
            _ => {
                self.wrong_type(v, &path, what::TABLE);
                None
            }
        }
    }

    /// Reports a required key that is absent (a present but invalid one has
    /// its own diagnostic already).
    pub fn require(&mut self, t: &Tbl<'_, '_>, key: &str, example: &str) {
        if t.has(key) {
            return;
        }
        let path = &t.path;
        self.diags.push(
            Diagnostic::new(
                &codes::S007,
                t.span,
                tr!("`{path}` 缺少 `{key}`", "`{path}` has no `{key}`"),
            )
            .label(tr!("`{key}` 是必填的键", "`{key}` is required"))
            .help(tr!("补上这个键，例如 `{example}`", "add e.g. `{example}`")),
        );
    }

    /// Reports every key of `t` that the format does not define.
    pub fn finish(&mut self, t: Tbl<'_, '_>) {
        for (k, _) in t.map.iter() {
            let name = k.get_ref().as_ref();
            if t.def.key(name).is_some() {
                continue;
            }
            let at = place(&t.path);
            let (az, ae) = (&at.zh, &at.en);
            let mut d = Diagnostic::new(
                &codes::S003,
                self.span(k.span()),
                tr!("{az}有未知的键 `{name}`", "unknown key `{name}` in {ae}"),
            )
            .label(tr!("不是这个表的键", "not a key of this table"));
            if let Some(meant) = closest(name, t.def.names()) {
                d = d.help(did_you_mean(meant)).fix(self.span(k.span()), meant);
            } else if !t.def.keys.is_empty() {
                let known: Vec<&str> = t.def.names().collect();
                let kz: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                let (kz, ke) = (kz.join("、"), known.join(", "));
                d = d.help(tr!("可用的键：{kz}", "known keys: {ke}"));
            }
            self.diags.push(d);
        }
    }

    fn str_src(&self, v: &Node<'_>, decoded: &str) -> StrSrc {
        let span = self.span(v.span());
        StrSrc::new(span, &self.text[v.span()], decoded)
    }

    /// Warns (S010) about the first character of a string value that the
    /// documents drop (`text::find_unsafe`), located at that character.
    fn unsafe_text(&mut self, src: &StrSrc, text: &str, path: &dyn std::fmt::Display) {
        let Some((at, c)) = crate::text::find_unsafe(text) else {
            return;
        };
        let (wz, we) = match c {
            '\u{2028}' => ("行分隔符", "the line separator"),
            '\u{2029}' => ("段落分隔符", "the paragraph separator"),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                ("双向控制字符", "the bidi control character")
            }
            _ => ("控制字符", "the control character"),
        };
        let code = c as u32;
        let span = src.at(Loc {
            start: at,
            end: at + c.len_utf8(),
        });
        self.diags.push(
            Diagnostic::new(
                &codes::S010,
                span,
                tr!(
                    "`{path}` 中有{wz} `\\u{{{code:x}}}`",
                    "`{path}` holds {we} `\\u{{{code:x}}}`"
                ),
            )
            .label(tr!("输出文件中会删掉它", "dropped from the outputs"))
            .help(tr!(
                "日历、任务清单和演示文稿都不会写出它，只有 JSON 输出文件保留；删掉它，或者写出它代表的内容",
                "the calendar, the task lists and the decks leave it out, the JSON outputs \
                 keep it; delete it, or write what it stands for"
            )),
        );
    }

    pub fn str_value(&mut self, v: &Node<'_>, path: &dyn std::fmt::Display) -> Option<Str> {
        match v.get_ref() {
            Value::String(s) => {
                let src = self.str_src(v, s);
                self.unsafe_text(&src, s, path);
                Some(Str {
                    text: s.to_string(),
                    src,
                })
            }
            _ => {
                self.wrong_type(v, path, what::STRING);
                None
            }
        }
    }

    pub fn string(&mut self, t: &mut Tbl<'_, '_>, key: &'static str) -> Option<Str> {
        let (_, v) = t.get(key)?;
        self.str_value(v, &t.key_path(key))
    }

    /// A string or an array of strings, each entry as read: a value that
    /// is not a string is reported and kept as `Unknown`.
    pub fn string_vals(&mut self, t: &mut Tbl<'_, '_>, key: &'static str) -> Vec<Val<Str>> {
        let Some((_, v)) = t.get(key) else {
            return Vec::new();
        };
        let path = t.key_path(key);
        let items = match v.get_ref() {
            Value::Array(items) => items.iter().collect(),
            Value::String(_) => vec![v],
            _ => {
                self.wrong_type(v, &path, what::STRINGS);
                return vec![Val::Unknown(self.span(v.span()))];
            }
        };
        items
            .into_iter()
            .map(|i| Val::read(self.span(i.span()), self.str_value(i, &path)))
            .collect()
    }

    /// A string or an array of strings.
    pub fn strings(&mut self, t: &mut Tbl<'_, '_>, key: &'static str) -> Vec<Str> {
        let Some((_, v)) = t.get(key) else {
            return Vec::new();
        };
        let path = t.key_path(key);
        match v.get_ref() {
            Value::Array(items) => items
                .iter()
                .filter_map(|i| self.str_value(i, &path))
                .collect(),
            Value::String(_) => self.str_value(v, &path).into_iter().collect(),
            _ => {
                self.wrong_type(v, &path, what::STRINGS);
                Vec::new()
            }
        }
    }

    pub fn int(&mut self, t: &mut Tbl<'_, '_>, key: &'static str) -> Val<Spanned<i64>> {
        let Some((_, v)) = t.get(key) else {
            return Val::Absent;
        };
        let span = self.span(v.span());
        match v.get_ref() {
            // The parser has checked the range (and read `0x`, `0o`, `0b`).
            Value::Integer(value) => Val::Known(Spanned {
                value: *value,
                span,
            }),
            _ => {
                self.wrong_type(v, &t.key_path(key), what::INTEGER);
                Val::Unknown(span)
            }
        }
    }

    pub fn boolean(&mut self, t: &mut Tbl<'_, '_>, key: &'static str) -> Option<Spanned<bool>> {
        let (_, v) = t.get(key)?;
        match v.get_ref() {
            Value::Boolean(b) => Some(Spanned {
                value: *b,
                span: self.span(v.span()),
            }),
            _ => {
                self.wrong_type(v, &t.key_path(key), what::BOOLEAN);
                None
            }
        }
    }

    /// Parses a string value with `parse`. Numbers are accepted as their
    /// source text when `numbers` is true (`total = 5_000_000`).
    pub fn expr_value<T: Clone + 'static>(
        &mut self,
        v: &Node<'_>,
        path: &dyn std::fmt::Display,
        what: Pair,
        numbers: bool,
        parse: fn(&str) -> Result<T, ExprError>,
    ) -> Option<Expr<T>> {
        let (text, src) = match v.get_ref() {
            Value::String(s) => (s.to_string(), self.str_src(v, s)),
            Value::Integer(_) | Value::Float(_) if numbers => {
                let span = self.span(v.span());
                (self.text[v.span()].to_string(), StrSrc::verbatim(span))
            }
            _ => {
                self.wrong_type(v, path, what);
                return None;
            }
        };
        match self.memo.parse(&text, parse) {
            Ok(node) => {
                // An expression that parses may still carry such a character
                // (in a name it quotes); one that fails has its own error.
                self.unsafe_text(&src, &text, path);
                Some(Expr { node, src })
            }
            Err(e) => {
                self.expr_error(&src, &e, what);
                None
            }
        }
    }

    pub fn expr_error(&mut self, src: &StrSrc, e: &ExprError, what: Pair) {
        let span = src.at(e.loc);
        let span = if span.start == span.end {
            // Point at one character (or the closing quote at the end).
            let s = span.start as usize;
            let len = self.text[s..].chars().next().map_or(0, char::len_utf8);
            Span::new(self.file, s, (s + len).min(src.span.end as usize).max(s))
        } else {
            span
        };
        let (wz, we) = (what.zh, what.en);
        let sp = zh_space(wz);
        let mut d = Diagnostic::new(&codes::S005, span, e.message.clone())
            .label(tr!("在此{sp}{wz}中", "in this {we}"));
        if let Some(h) = &e.help {
            d = d.help(h.clone());
        }
        // The rewritten expression replaces the string's content, when the
        // string is a plain one-line string whose content is the expression.
        let whole = src.span;
        let raw = self.text.get(whole.range()).unwrap_or("");
        let plain = match raw.chars().next() {
            Some('"') => !raw.starts_with("\"\"\"") && !raw.contains('\\'),
            Some('\'') => !raw.starts_with("'''"),
            _ => false,
        };
        if let Some(fix) = &e.fix
            && plain
            && raw.len() >= 2
            && !fix.contains(['"', '\\', '\'', '\n'])
        {
            d = d.fix(whole.sub(1, raw.len() - 1), fix.clone());
        }
        self.diags.push(d);
    }

    pub fn expr<T: Clone + 'static>(
        &mut self,
        t: &mut Tbl<'_, '_>,
        key: &'static str,
        what: Pair,
        parse: fn(&str) -> Result<T, ExprError>,
    ) -> Val<Expr<T>> {
        self.expr_or_number(t, key, what, false, parse)
    }

    /// An expression that may also be written as a TOML number.
    pub fn expr_num<T: Clone + 'static>(
        &mut self,
        t: &mut Tbl<'_, '_>,
        key: &'static str,
        what: Pair,
        parse: fn(&str) -> Result<T, ExprError>,
    ) -> Val<Expr<T>> {
        self.expr_or_number(t, key, what, true, parse)
    }

    fn expr_or_number<T: Clone + 'static>(
        &mut self,
        t: &mut Tbl<'_, '_>,
        key: &'static str,
        what: Pair,
        numbers: bool,
        parse: fn(&str) -> Result<T, ExprError>,
    ) -> Val<Expr<T>> {
        let Some((_, v)) = t.get(key) else {
            return Val::Absent;
        };
        let e = self.expr_value(v, &t.key_path(key), what, numbers, parse);
        Val::read(self.span(v.span()), e)
    }

    /// A list of expressions (or a single one).
    pub fn exprs<T: Clone + 'static>(
        &mut self,
        t: &mut Tbl<'_, '_>,
        key: &'static str,
        what: Pair,
        parse: fn(&str) -> Result<T, ExprError>,
    ) -> Vec<Val<Expr<T>>> {
        let Some((_, v)) = t.get(key) else {
            return Vec::new();
        };
        let path = t.key_path(key);
        let items = match v.get_ref() {
            Value::Array(items) => items.iter().collect(),
            _ => vec![v],
        };
        items
            .into_iter()
            .map(|i| {
                let e = self.expr_value(i, &path, what, false, parse);
                Val::read(self.span(i.span()), e)
            })
            .collect()
    }

    /// Each entry of a keyed section (`[people.li]`) as a table.
    pub fn keyed<'t, 'a, R>(
        &mut self,
        t: &mut Tbl<'t, 'a>,
        key: &'static str,
        mut each: impl FnMut(&mut Self, Ident, &mut Tbl<'t, 'a>) -> R,
    ) -> Vec<R> {
        let Some((k, v)) = t.get(key) else {
            return Vec::new();
        };
        let path = t.key_path(key);
        let Some(section) = self.table(k, v, &path, t.def.table_of(key)) else {
            return Vec::new();
        };
        let entry = section.def.entry();
        let mut out = Vec::with_capacity(section.map.len());
        for (k, v) in section.entries() {
            let id = self.ident(k);
            let Some(mut tbl) = self.table(k, v, &format!("{path}.{}", id.name), entry) else {
                continue;
            };
            out.push(each(self, id, &mut tbl));
            self.finish(tbl);
        }
        out
    }

    /// A table of `name = expression` pairs (`pyramid = { head = "5%" }`).
    pub fn pairs<T: Clone + 'static>(
        &mut self,
        t: &mut Tbl<'_, '_>,
        key: &'static str,
        what: Pair,
        parse: fn(&str) -> Result<T, ExprError>,
    ) -> Vec<(Ident, Val<Expr<T>>)> {
        let Some((k, v)) = t.get(key) else {
            return Vec::new();
        };
        let path = t.key_path(key);
        let Some(tbl) = self.table(k, v, &path, t.def.table_of(key)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in tbl.entries() {
            let id = self.ident(k);
            let e = self.expr_value(v, &format_args!("{path}.{}", id.name), what, true, parse);
            out.push((id, Val::read(self.span(v.span()), e)));
        }
        out
    }
}

/// `include` written below a table header (`[plan]` then `include = […]`)
/// belongs to that table in TOML. Each such entry is reported, taken out of
/// its table (so it is not reported again as an unknown key or a budget
/// line) and returned, so the files it names are loaded all the same.
/// Only a list, or a string naming a `.toml` file, is taken for one: a
/// budget line called `include` stays a budget line.
fn misplaced_includes(r: &mut Reader<'_, '_>, root: &mut Tree<'_>) -> Vec<Val<Str>> {
    let mut out = Vec::new();
    // Tables to look into, with their dotted path (a stack: tables nest).
    let mut todo = child_tables(root, "");
    while let Some((path, table)) = todo.pop() {
        let looks_like = match table.get("include").map(Node::get_ref) {
            Some(Value::Array(items)) => items
                .iter()
                .all(|i| matches!(i.get_ref(), Value::String(_))),
            Some(Value::String(s)) => s.trim_end().ends_with(".toml"),
            _ => false,
        };
        if looks_like && let Some((k, v)) = table.remove("include") {
            r.diags.push(
                Diagnostic::new(
                    &codes::S003,
                    r.span(k.span()),
                    tr!(
                        "`include` 必须写在第一个表之前",
                        "`include` must come before the first table"
                    ),
                )
                .label(tr!(
                    "写在这里，它就成了 `[{path}]` 的键",
                    "here it is a key of `[{path}]`"
                ))
                .help(tr!(
                    "把 `include` 这一行移到文件开头，放在第一个表之前",
                    "move the `include` line to the top of the file, before the first table"
                )),
            );
            let items = match v.get_ref() {
                Value::Array(items) => items.iter().collect(),
                _ => vec![&v],
            };
            for i in items {
                let s = r.str_value(i, &"include");
                out.push(Val::read(r.span(i.span()), s));
            }
        }
        todo.extend(child_tables(table, &path));
    }
    out
}

/// The tables directly inside `t` (also each table of an array of tables),
/// with their dotted paths below `path`.
fn child_tables<'t, 'a>(t: &'t mut Tree<'a>, path: &str) -> Vec<(String, &'t mut Tree<'a>)> {
    let holds_tables = |v: &Node<'_>| match v.get_ref() {
        Value::Table(_) => true,
        Value::Array(items) => items.iter().any(|i| matches!(i.get_ref(), Value::Table(_))),
        _ => false,
    };
    let names: Vec<Option<String>> = t
        .iter()
        .map(|(k, v)| {
            holds_tables(v).then(|| match path {
                "" => k.get_ref().to_string(),
                p => format!("{p}.{}", k.get_ref()),
            })
        })
        .collect();
    let mut out = Vec::new();
    for (name, v) in names.into_iter().zip(t.values_mut()) {
        let Some(name) = name else {
            continue;
        };
        match v.get_mut() {
            Value::Table(t) => out.push((name, t)),
            Value::Array(items) => {
                for i in items {
                    if let Value::Table(t) = i.get_mut() {
                        out.push((name.clone(), t));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The keys the reader looked up, table by table, for the test that holds
/// the reader to the format's definition.
#[cfg(test)]
pub(crate) mod asked {
    use std::cell::RefCell;

    use crate::format::Table;

    thread_local! {
        static ASKED: RefCell<Vec<(&'static str, &'static str)>> = const { RefCell::new(Vec::new()) };
    }

    pub fn record(t: &'static Table, key: &'static str) {
        ASKED.with(|a| a.borrow_mut().push((t.path, key)));
    }

    /// (table path, key) of every lookup on this thread since the last call.
    pub fn take() -> Vec<(&'static str, &'static str)> {
        ASKED.with(|a| std::mem::take(&mut *a.borrow_mut()))
    }
}

/// Reads a whole file.
pub fn read_file(r: &mut Reader<'_, '_>, root: &mut Tree<'_>) -> RawFile {
    let moved = misplaced_includes(r, root);
    let root: &Tree<'_> = root;
    let mut t = Tbl {
        map: root,
        span: Span::new(r.file, 0, 0),
        path: ROOT.into(),
        def: &format::FILE,
    };
    let mut f = RawFile {
        file: r.file,
        ..RawFile::default()
    };
    f.includes = r.string_vals(&mut t, "include");
    f.includes.extend(moved);
    if let Some((k, v)) = t.get("plan")
        && let Some(tbl) = r.table(k, v, "plan", t.def.table_of("plan"))
    {
        f.plan = Some(read_meta(r, tbl));
    }
    f.holidays = r.keyed(&mut t, "holidays", |r, id, t| RawHoliday {
        id,
        name: r.string(t, "name"),
        off: r.exprs(t, "off", what::DATE_RANGE, expr::parse_range),
        workdays: r.exprs(t, "workdays", what::DATE, expr::parse_date),
    });
    f.people = r.keyed(&mut t, "people", |r, id, t| RawPerson {
        id,
        name: r.string(t, "name"),
        role: r.string(t, "role"),
        capacity: r.expr(t, "capacity", what::DURATION, expr::parse_duration),
    });
    f.channels = r.keyed(&mut t, "channels", |r, id, t| RawChannel {
        id,
        name: r.string(t, "name"),
        followers: r.expr_num(t, "followers", what::NUMBER, expr::parse_quantity),
        slots_per_week: r.int(t, "slots_per_week"),
        max_per_day: r.int(t, "max_per_day"),
        note: r.string(t, "note"),
    });
    if let Some((k, v)) = t.get("budget")
        && let Some(tbl) = r.table(k, v, "budget", t.def.table_of("budget"))
    {
        f.budget = Some(read_budget(r, tbl));
    }
    f.campaigns = r.keyed(&mut t, "campaigns", read_campaign);
    f.columns = r.keyed(&mut t, "columns", |r, id, t| {
        r.require(t, "every", "every = \"every wed except holidays\"");
        RawColumn {
            id,
            name: r.string(t, "name"),
            channel: r.string(t, "channel"),
            owner: r.string(t, "owner"),
            every: r.expr(t, "every", what::RECURRENCE, expr::parse_recurrence),
            during: r.expr(t, "during", what::DATE_RANGE, expr::parse_range),
            skip: r.exprs(t, "skip", what::DATE, expr::parse_date),
            pause: r.exprs(t, "pause", what::DATE_RANGE, expr::parse_range),
            moves: read_moves(r, t),
            holidays: r.string(t, "holidays"),
            category: r.string(t, "category"),
            effort: r.expr(t, "effort", what::DURATION, expr::parse_duration),
            description: r.string(t, "description"),
            budget: r.string(t, "budget"),
            label: r.string(t, "label"),
            results: read_results(r, t),
            ritual: false,
            attendees: Vec::new(),
        }
    });
    f.rituals = r.keyed(&mut t, "rituals", |r, id, t| {
        r.require(t, "every", "every = \"every mon 10:00\"");
        RawColumn {
            id,
            name: r.string(t, "name"),
            channel: None,
            owner: r.string(t, "owner"),
            every: r.expr(t, "every", what::RECURRENCE, expr::parse_recurrence),
            during: r.expr(t, "during", what::DATE_RANGE, expr::parse_range),
            skip: r.exprs(t, "skip", what::DATE, expr::parse_date),
            pause: r.exprs(t, "pause", what::DATE_RANGE, expr::parse_range),
            moves: Vec::new(),
            holidays: None,
            category: None,
            effort: r.expr(t, "effort", what::DURATION, expr::parse_duration),
            description: r.string(t, "description"),
            budget: None,
            label: None,
            results: None,
            ritual: true,
            attendees: r.strings(t, "attendees"),
        }
    });
    f.moments = r.keyed(&mut t, "moments", |r, id, t| {
        r.require(t, "date", "date = \"05-10\"");
        RawMoment {
            id,
            name: r.string(t, "name"),
            date: r.expr(t, "date", what::DATE_OR_RANGE, expr::parse_range),
            channels: r.strings(t, "channels"),
            content: r.string(t, "content"),
        }
    });
    f.blackouts = r.keyed(&mut t, "blackouts", |r, id, t| {
        r.require(t, "date", "date = \"12-13\"");
        RawBlackout {
            id,
            reason: r.string(t, "reason"),
            date: r.expr(t, "date", what::DATE_OR_RANGE, expr::parse_range),
            channels: r.strings(t, "channels"),
        }
    });
    if let Some((k, v)) = t.get("review")
        && let Some(mut tbl) = r.table(k, v, "review", t.def.table_of("review"))
    {
        f.review = r.keyed(&mut tbl, "levels", |r, id, t| RawReviewLevel {
            id,
            name: r.string(t, "name"),
            checks: r.string(t, "checks"),
            lead: r.expr(t, "lead", what::DURATION, expr::parse_duration),
            response: r.expr(t, "response", what::DURATION, expr::parse_duration),
            owner: r.string(t, "owner"),
        });
        r.finish(tbl);
    }
    if let Some((k, v)) = t.get("reserve")
        && let Some(mut tbl) = r.table(k, v, "reserve", t.def.table_of("reserve"))
    {
        r.require(&tbl, "share", "share = \"20%\"");
        f.reserve = Some(RawReserve {
            span: tbl.span,
            share: r.expr(&mut tbl, "share", what::SHARE, expr::parse_share),
            purpose: r.string(&mut tbl, "purpose"),
        });
        r.finish(tbl);
    }
    f.kpis = r.keyed(&mut t, "kpis", |r, id, t| RawKpi {
        id,
        name: r.string(t, "name"),
        direction: r.string(t, "direction"),
        baseline: r.expr_num(t, "baseline", what::KPI_VALUE, expr::parse_quantity),
        target: r.expr_num(t, "target", what::KPI_VALUE, expr::parse_quantity),
        actual: r.expr_num(t, "actual", what::KPI_VALUE, expr::parse_quantity),
        channel: r.string(t, "channel"),
        part_of: r.string(t, "part_of"),
        group: r.string(t, "group"),
        note: r.string(t, "note"),
    });
    if let Some((k, v)) = t.get("kol")
        && let Some(mut tbl) = r.table(k, v, "kol", t.def.table_of("kol"))
    {
        f.kol = Some(RawKol {
            span: tbl.span,
            budget: r.string(&mut tbl, "budget"),
            pyramid: r.pairs(&mut tbl, "pyramid", what::SHARE, expr::parse_share),
            criteria: r.pairs(&mut tbl, "criteria", what::KPI_VALUE, expr::parse_quantity),
        });
        r.finish(tbl);
    }
    f.highlights = r.keyed(&mut t, "highlights", |r, id, t| RawHighlight {
        id,
        name: r.string(t, "name"),
        channels: r.strings(t, "channels"),
        results: r.strings(t, "results"),
    });
    f.audiences = r.keyed(&mut t, "audiences", |r, id, t| RawAudience {
        id,
        name: r.string(t, "name"),
        messages: r.strings(t, "messages"),
    });
    f.guidelines = r.keyed(&mut t, "guidelines", |r, id, t| RawGuideline {
        id,
        text: r.string(t, "text"),
        within: r.expr(t, "within", what::DURATION, expr::parse_duration),
    });
    f.sections = r.keyed(&mut t, "sections", |r, id, t| RawSection {
        id,
        title: r.string(t, "title"),
        summary: r.string(t, "summary"),
        points: r.strings(t, "points"),
        figures: r.keyed(t, "figures", |r, id, t| {
            r.require(t, "value", "value = \"3.2万\"");
            RawFigure {
                id,
                name: r.string(t, "name"),
                value: r.expr_num(t, "value", what::KPI_VALUE, expr::parse_quantity),
                note: r.string(t, "note"),
            }
        }),
        cases: r.keyed(t, "cases", |r, id, t| RawCase {
            id,
            name: r.string(t, "name"),
            date: r.expr(t, "date", what::DATE, expr::parse_date),
            what: r.string(t, "what"),
            response: r.expr(t, "response", what::DURATION, expr::parse_duration),
            outcome: r.string(t, "outcome"),
            lessons: r.strings(t, "lessons"),
        }),
    });
    if let Some((k, v)) = t.get("effort")
        && let Some(mut tbl) = r.table(k, v, "effort", t.def.table_of("effort"))
    {
        f.effort = Some(RawEffort {
            span: tbl.span,
            task: r.expr(&mut tbl, "task", what::DURATION, expr::parse_duration),
            episode: r.expr(&mut tbl, "episode", what::DURATION, expr::parse_duration),
            review: r.expr(&mut tbl, "review", what::DURATION, expr::parse_duration),
        });
        r.finish(tbl);
    }
    f.rules = read_rules(r, &mut t);
    f.assertions = read_assertions(r, &mut t);
    r.finish(t);
    f
}

fn read_meta(r: &mut Reader<'_, '_>, mut t: Tbl<'_, '_>) -> RawMeta {
    let m = RawMeta {
        span: t.span,
        id: r.string(&mut t, "id"),
        name: r.string(&mut t, "name"),
        year: r.int(&mut t, "year"),
        period: r.expr(&mut t, "period", what::DATE_RANGE, expr::parse_range),
        timezone: r.string(&mut t, "timezone"),
        currency: r.string(&mut t, "currency"),
        locale: r.string(&mut t, "locale"),
        calendar: r.string(&mut t, "calendar"),
        working_week: read_week(r, &mut t),
        previous: r.string(&mut t, "previous"),
        theme: r.string(&mut t, "theme"),
        key_messages: r.strings(&mut t, "key_messages"),
        threads: r.strings(&mut t, "threads"),
        description: r.string(&mut t, "description"),
    };
    r.finish(t);
    m
}

/// `working_week = "mon..fri"` or `["sun", "mon", …]`.
fn read_week(r: &mut Reader<'_, '_>, t: &mut Tbl<'_, '_>) -> Option<Spanned<Vec<Weekday>>> {
    let items = r.strings(t, "working_week");
    let first = items.first()?;
    let span = Span::new(
        first.span().file,
        first.span().start as usize,
        items.last().map_or(first.span().end, |l| l.span().end) as usize,
    );
    let mut days = Vec::new();
    for s in &items {
        let text = s.text.trim().to_lowercase();
        let parsed = match text.split_once("..") {
            Some((a, b)) => weekday(a.trim()).zip(weekday(b.trim())).map(|(a, b)| {
                let mut out = vec![a];
                let mut d = a;
                while d != b {
                    d = d.succ();
                    out.push(d);
                }
                out
            }),
            None => weekday(&text).map(|d| vec![d]),
        };
        match parsed {
            Some(ds) => days.extend(ds),
            None => {
                let day = &s.text;
                r.diags.push(
                    Diagnostic::new(
                        &codes::S005,
                        s.span(),
                        tr!(
                            "`{day}` 既不是星期几，也不是星期范围",
                            "`{day}` is not a weekday or a range of weekdays"
                        ),
                    )
                    .label(tr!("应写成 `mon..fri` 这样", "expected e.g. `mon..fri`"))
                    .help(tr!(
                        "写成 `working_week = \"mon..fri\"`，或者写成列表，例如 `[\"sun\", \"mon\", \"tue\", \"wed\", \"thu\"]`",
                        "write `working_week = \"mon..fri\"` or a list such as `[\"sun\", \"mon\", \"tue\", \"wed\", \"thu\"]`"
                    )),
                );
            }
        }
    }
    Some(Spanned { value: days, span })
}

pub fn weekday(s: &str) -> Option<Weekday> {
    let s = s.to_lowercase();
    let d = match s.as_str() {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "weds" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    };
    Some(d)
}

fn read_budget(r: &mut Reader<'_, '_>, mut t: Tbl<'_, '_>) -> RawBudget {
    let total = r.expr_num(&mut t, "total", what::MONEY, expr::parse_money);
    let spent = r.expr_num(&mut t, "spent", what::MONEY, expr::parse_money);
    let name = r.string(&mut t, "name");
    let note = r.string(&mut t, "note");
    let lines = read_lines(r, &t, "", &mut false);
    RawBudget {
        span: t.span,
        total,
        spent,
        name,
        note,
        lines,
    }
}

/// A key that is within one edit of a key of the budget or of a line and
/// whose value fits that key: `shar = "60%"` (an amount) or `nmae = "抖音"`
/// (not an amount).
fn misspelt_line_key(key: &str, v: &Node<'_>, text: &str) -> Option<&'static str> {
    let close = |k: &str| strsim::damerau_levenshtein(key, k) <= 1;
    let raw = match v.get_ref() {
        Value::String(s) => s.to_string(),
        _ => text[v.span()].to_string(),
    };
    let is_amount = expr::parse_amount(&raw).is_ok();
    let budget = format::FILE.table_of("budget");
    budget
        .keys
        .iter()
        .chain(budget.entry().keys)
        .filter(|k| k.kind.expr().is_some() == is_amount)
        .map(|k| k.name)
        .find(|k| close(k))
}

fn dotted(prefix: &str) -> String {
    if prefix.is_empty() {
        String::new()
    } else {
        format!(".{prefix}")
    }
}

/// The child lines of a budget table (or of a line): every key that is
/// not one of the table's own keys.
fn read_lines(
    r: &mut Reader<'_, '_>,
    t: &Tbl<'_, '_>,
    prefix: &str,
    typo: &mut bool,
) -> Vec<RawLine> {
    let lines = t.def.entry();
    let mut out = Vec::new();
    for (k, v) in t.entries() {
        let key = k.get_ref().as_ref();
        if t.def.key(key).is_some() {
            continue;
        }
        let id = r.ident(k);
        let path = if prefix.is_empty() {
            id.name.clone()
        } else {
            format!("{prefix}.{}", id.name)
        };
        match v.get_ref() {
            Value::String(_) | Value::Integer(_) | Value::Float(_) => {
                // `ads = "60%"`: a line given by its amount alone — unless the
                // key is a misspelt line key (`shar = "60%"`, `nmae = "抖音"`).
                if lines.key(key).is_none()
                    && let Some(meant) = misspelt_line_key(key, v, r.text)
                {
                    let at = dotted(prefix);
                    r.diags.push(
                        Diagnostic::new(
                            &codes::S003,
                            id.span,
                            tr!(
                                "`budget{at}` 中有未知的键 `{key}`",
                                "unknown key `{key}` in `budget{at}`"
                            ),
                        )
                        .label(tr!("不是预算科目的键", "not a budget line key"))
                        .help(did_you_mean(meant)),
                    );
                    *typo = true;
                    continue;
                }
                let amount =
                    r.expr_value(v, &path, what::AMOUNT_OR_SHARE, true, expr::parse_amount);
                out.push(RawLine {
                    id,
                    path,
                    name: None,
                    amount: Val::read(r.span(v.span()), amount),
                    shorthand: true,
                    spent: Val::Absent,
                    note: None,
                    children: Vec::new(),
                });
            }
            Value::Table(_) => {
                let Some(mut tbl) = r.table(k, v, &format!("budget.{path}"), lines) else {
                    continue;
                };
                let name = r.string(&mut tbl, "name");
                let note = r.string(&mut tbl, "note");
                let spent = r.expr_num(&mut tbl, "spent", what::MONEY, expr::parse_money);
                let amount = match (tbl.get("amount"), tbl.get("share")) {
                    (Some((_, a)), None) => {
                        let e = r
                            .expr_value(
                                a,
                                &format!("budget.{path}.amount"),
                                what::MONEY,
                                true,
                                expr::parse_amount,
                            )
                            .filter(|e| r.amount_kind(e, "amount", &path));
                        Val::read(r.span(a.span()), e)
                    }
                    (None, Some((_, s))) => {
                        let e = r
                            .expr_value(
                                s,
                                &format!("budget.{path}.share"),
                                what::SHARE,
                                false,
                                expr::parse_amount,
                            )
                            .filter(|e| r.amount_kind(e, "share", &path));
                        Val::read(r.span(s.span()), e)
                    }
                    (Some((_, a)), Some((_, s))) => {
                        r.diags.push(
                            Diagnostic::new(
                                &codes::S006,
                                r.span(s.span()),
                                tr!(
                                    "预算科目 `{path}` 同时写了 `amount` 和 `share`",
                                    "budget line `{path}` has both `amount` and `share`"
                                ),
                            )
                            .secondary(
                                r.span(a.span()),
                                tr!("`amount` 写在这里", "amount given here"),
                            )
                            .help(tr!(
                                "只写其中一个，另一个会自动算出",
                                "give one of them; the other is computed"
                            )),
                        );
                        Val::Unknown(r.span(s.span()))
                    }
                    (None, None) => Val::Absent,
                };
                let mut misspelt = false;
                let children = read_lines(r, &tbl, &path, &mut misspelt);
                // `shar = "60%"` was reported: the line has a share, unreadable.
                let amount = match amount {
                    Val::Absent if misspelt => Val::Unknown(id.span),
                    a => a,
                };
                out.push(RawLine {
                    id,
                    path,
                    name,
                    amount,
                    shorthand: false,
                    spent,
                    note,
                    children,
                });
            }
            _ => r.wrong_type(v, &format!("budget.{path}"), what::LINE),
        }
    }
    out
}

fn read_campaign(r: &mut Reader<'_, '_>, id: Ident, t: &mut Tbl<'_, '_>) -> RawCampaign {
    let path = t.path.clone();
    let budget = match t.get("budget") {
        None => Vec::new(),
        Some((_, v)) => read_draws(r, v, &format!("{path}.budget"), ""),
    };
    let kpis = r.pairs(t, "kpis", what::KPI_VALUE, expr::parse_quantity);
    let tasks = r.keyed(t, "tasks", |r, id, t| {
        let dated = t.has("due") || (t.has("after") && t.has("duration"));
        if !dated {
            let path = &t.path;
            r.diags.push(
                Diagnostic::new(
                    &codes::S007,
                    t.span,
                    tr!("`{path}` 缺少 `due`", "`{path}` has no `due`"),
                )
                .label(tr!("什么时候截止？", "when is it due?"))
                .help(tr!(
                    "补上例如 `due = \"start - 5wd\"`，或者用 `after` 和 `duration` 从其他任务起算",
                    "add e.g. `due = \"start - 5wd\"`, or `after` and `duration` to count from other tasks"
                )),
            );
        }
        RawTask {
            id,
            name: r.string(t, "name"),
            owner: r.string(t, "owner"),
            role: r.string(t, "raci"),
            accountable: r.string(t, "accountable"),
            consulted: r.strings(t, "consulted"),
            informed: r.strings(t, "informed"),
            due_after: t
                .get("due")
                .is_some_and(|(_, v)| matches!(v.get_ref(), Value::String(s) if s.trim_start().to_lowercase().starts_with("after "))),
            due: r.expr(t, "due", what::DATE, parse_due),
            after: r.strings(t, "after"),
            duration: r.expr(t, "duration", what::DURATION, expr::parse_duration),
            effort: r.expr(t, "effort", what::DURATION, expr::parse_duration),
            publish: r.boolean(t, "publish"),
            channels: r.strings(t, "channels"),
            review: r.string(t, "review"),
            budget: r.string(t, "budget"),
            label: r.string(t, "label"),
        }
    });
    r.require(t, "window", "window = \"Q3\"");
    RawCampaign {
        id,
        name: r.string(t, "name"),
        window: r.expr(t, "window", what::DATE_RANGE, expr::parse_range),
        channels: r.strings(t, "channels"),
        owner: r.string(t, "owner"),
        flagship: r.boolean(t, "flagship"),
        messages: r.strings(t, "messages"),
        description: r.string(t, "description"),
        budget,
        kpis,
        tasks,
        results: read_results(r, t),
    }
}

/// A campaign's or a column's `results` table (and a campaign's results
/// per channel); keys the format does not define there are reported by
/// `finish` and read as absent.
fn read_results(r: &mut Reader<'_, '_>, t: &mut Tbl<'_, '_>) -> Option<RawResults> {
    let (k, v) = t.get("results")?;
    let path = t.key_path("results");
    let mut tbl = r.table(k, v, &path, t.def.table_of("results"))?;
    let defines = |tbl: &Tbl<'_, '_>, key: &str| tbl.def.key(key).is_some();
    let mut out = RawResults {
        span: tbl.span,
        ..RawResults::default()
    };
    let metrics = |r: &mut Reader<'_, '_>, tbl: &mut Tbl<'_, '_>, out: &mut RawResults| {
        for (key, slot) in [
            ("reach", &mut out.reach),
            ("engagement", &mut out.engagement),
            ("conversions", &mut out.conversions),
            ("leads", &mut out.leads),
            ("avg_reads", &mut out.avg_reads),
            ("avg_plays", &mut out.avg_plays),
        ] {
            if defines(tbl, key) {
                *slot = r.expr_num(tbl, key, what::KPI_VALUE, expr::parse_quantity);
            }
        }
        if defines(tbl, "spent") {
            out.spent = r.expr_num(tbl, "spent", what::MONEY, expr::parse_money);
        }
        if defines(tbl, "episodes") {
            out.episodes = r.int(tbl, "episodes");
        }
    };
    metrics(r, &mut tbl, &mut out);
    if defines(&tbl, "channels") {
        out.channels = r.keyed(&mut tbl, "channels", |r, id, t| {
            let mut one = RawResults {
                span: t.span,
                ..RawResults::default()
            };
            metrics(r, t, &mut one);
            (id, one)
        });
    }
    r.finish(tbl);
    Some(out)
}

/// `budget = "25% of kol"` or `budget = { ads.douyin_feed = "80万", kol = "¥300k" }`.
fn read_draws(r: &mut Reader<'_, '_>, v: &Node<'_>, path: &str, prefix: &str) -> Vec<RawDraw> {
    match v.get_ref() {
        Value::String(_) => {
            let Some(amount) = r.expr_value(v, &path, what::AMOUNT, false, expr::parse_amount)
            else {
                return Vec::new();
            };
            let line = match &amount.node {
                crate::syntax::ast::Amount::Share(s) => {
                    s.of.as_ref().map(|p| (path_text(p), amount.src.at(p.loc)))
                }
                crate::syntax::ast::Amount::Money(_) => None,
            };
            match line {
                Some((line, line_span)) => vec![RawDraw {
                    line,
                    line_span,
                    amount: Val::Known(amount),
                }],
                None => {
                    r.diags.push(
                        Diagnostic::new(
                            &codes::S006,
                            amount.span(),
                            tr!(
                                "活动预算必须写明从哪个预算科目支出",
                                "a campaign budget must name the budget line it draws from"
                            ),
                        )
                        .label(tr!("哪个预算科目？", "which line?"))
                        .help(tr!(
                            "写成 `budget = {{ ads = \"¥800k\" }}` 或 `budget = \"25% of kol\"`",
                            "write `budget = {{ ads = \"¥800k\" }}` or `budget = \"25% of kol\"`"
                        )),
                    );
                    Vec::new()
                }
            }
        }
        Value::Table(map) => {
            let mut out = Vec::new();
            for (k, v) in map.iter() {
                let name = k.get_ref().as_ref();
                let line = if prefix.is_empty() {
                    name.to_string()
                } else {
                    format!("{prefix}.{name}")
                };
                match v.get_ref() {
                    Value::Table(_) => out.extend(read_draws(r, v, path, &line)),
                    _ => {
                        let amount = r.expr_value(
                            v,
                            &format!("{path}.{line}"),
                            what::AMOUNT,
                            true,
                            expr::parse_amount,
                        );
                        out.push(RawDraw {
                            line,
                            line_span: r.span(k.span()),
                            amount: Val::read(r.span(v.span()), amount),
                        });
                    }
                }
            }
            out
        }
        _ => {
            r.wrong_type(v, &path, what::DRAWS);
            Vec::new()
        }
    }
}

/// A task's `due`: a date, optionally written `after brief + 2wd` (the
/// same as `brief + 2wd`; the task it names is a dependency either way).
fn parse_due(text: &str) -> Result<crate::syntax::ast::DateExpr, ExprError> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let Some(after) = rest
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("after "))
        .map(|_| &rest[6..])
    else {
        return expr::parse_date(text);
    };
    let k = lead + 6;
    let shift = |l: crate::syntax::ast::Loc| crate::syntax::ast::Loc {
        start: l.start + k,
        end: l.end + k,
    };
    match expr::parse_date(after) {
        Ok(mut e) => {
            e.loc = shift(e.loc);
            e.base_loc = shift(e.base_loc);
            for o in &mut e.offsets {
                o.loc = shift(o.loc);
                o.duration.loc = shift(o.duration.loc);
            }
            Ok(e)
        }
        Err(mut err) => {
            err.loc = shift(err.loc);
            Err(err)
        }
    }
}

/// `moves = { "10-07" = "10-09" }`: keys and values are dates.
fn read_moves(
    r: &mut Reader<'_, '_>,
    t: &mut Tbl<'_, '_>,
) -> Vec<
    Val<(
        Expr<crate::syntax::ast::DateExpr>,
        Expr<crate::syntax::ast::DateExpr>,
    )>,
> {
    let Some((k, v)) = t.get("moves") else {
        return Vec::new();
    };
    let path = format!("{}.moves", t.path);
    let Some(tbl) = r.table(k, v, &path, t.def.table_of("moves")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in tbl.entries() {
        let key_text = k.get_ref().to_string();
        let key_span = r.span(k.span());
        let src = StrSrc::new(key_span, &r.text[k.span()], &key_text);
        let from = match expr::parse_date(&key_text) {
            Ok(node) => Some(Expr { node, src }),
            Err(e) => {
                r.expr_error(&src, &e, what::DATE);
                None
            }
        };
        let to = r.expr_value(v, &path, what::DATE, false, expr::parse_date);
        out.push(Val::read(key_span, from.zip(to)));
    }
    out
}

pub fn path_text(p: &crate::syntax::ast::Path) -> String {
    p.segments
        .iter()
        .map(|s| match s {
            crate::syntax::ast::Segment::Name(n) => n.as_str(),
            crate::syntax::ast::Segment::Wildcard => "*",
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn read_rules(r: &mut Reader<'_, '_>, t: &mut Tbl<'_, '_>) -> Vec<RawRuleSetting> {
    let Some((k, v)) = t.get("rules") else {
        return Vec::new();
    };
    let Some(tbl) = r.table(k, v, "rules", t.def.table_of("rules")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in tbl.entries() {
        let key = Ident {
            name: k.get_ref().to_string(),
            span: r.span(k.span()),
        };
        let path = format!("rules.{}", key.name);
        match v.get_ref() {
            Value::String(_) => out.push(RawRuleSetting {
                key,
                severity: r.str_value(v, &path),
                options: Vec::new(),
                lists: Vec::new(),
            }),
            Value::Table(_) => {
                let Some(mut setting) = r.table(k, v, &path, tbl.def.table_of(&key.name)) else {
                    continue;
                };
                let severity = r.string(&mut setting, "severity");
                let mut options = Vec::new();
                let mut lists = Vec::new();
                for (ok, ov) in setting.entries() {
                    let oname = ok.get_ref().as_ref();
                    if setting.def.key(oname).is_some() {
                        continue;
                    }
                    let oid = r.ident(ok);
                    // A list of words (`allow = ["最佳拍档"]`) rather than
                    // a threshold.
                    if let Value::Array(items) = ov.get_ref() {
                        let opath = format!("{path}.{oname}");
                        let words = items.iter().filter_map(|i| r.str_value(i, &opath));
                        lists.push((oid, words.collect()));
                        continue;
                    }
                    if let Some(e) = r.expr_value(
                        ov,
                        &format!("{path}.{oname}"),
                        what::THRESHOLD,
                        true,
                        expr::parse_quantity,
                    ) {
                        options.push((oid, e));
                    }
                }
                out.push(RawRuleSetting {
                    key,
                    severity,
                    options,
                    lists,
                });
            }
            _ => r.wrong_type(v, &path, what::SEVERITY),
        }
    }
    out
}

fn read_assertions(r: &mut Reader<'_, '_>, t: &mut Tbl<'_, '_>) -> Vec<RawAssertion> {
    let Some((k, v)) = t.get("assertions") else {
        return Vec::new();
    };
    let Some(tbl) = r.table(k, v, "assertions", t.def.table_of("assertions")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in tbl.entries() {
        let id = r.ident(k);
        let path = format!("assertions.{}", id.name);
        match v.get_ref() {
            Value::Table(_) => {
                let Some(mut t) = r.table(k, v, &path, tbl.def.table_of(&id.name)) else {
                    continue;
                };
                r.require(&t, "expr", "expr = \"budget.tools <= 10% of budget.total\"");
                let a = RawAssertion {
                    id,
                    expr: r.expr(&mut t, "expr", what::ASSERTION, expr::parse_assertion),
                    message: r.string(&mut t, "message"),
                };
                r.finish(t);
                out.push(a);
            }
            _ => {
                let expr = r.expr_value(v, &path, what::ASSERTION, false, expr::parse_assertion);
                out.push(RawAssertion {
                    id,
                    expr: Val::read(r.span(v.span()), expr),
                    message: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    use crate::check::check_paths;
    use crate::diagnostics::codes::ALL as RULES;
    use crate::format::{self, Key, Kind, Names, Sample, Table};
    use crate::world::MemWorld;

    /// A plan that sets every key the format defines, each to its first
    /// example, with one entry in each table of ids or names.
    fn every_key() -> String {
        fn example(s: Sample) -> toml::Value {
            let doc: toml::Table = format!("v = {}", s.toml()).parse().expect("an example");
            doc["v"].clone()
        }
        fn value(k: &'static Key, open: &mut Vec<&'static Table>) -> toml::Value {
            let kind = match &k.kind {
                Kind::Either(_, form) => &form.kind,
                kind => kind,
            };
            match kind.table() {
                // A budget line inside a line is written in shorthand.
                Some(t) if !open.iter().any(|o| std::ptr::eq(*o, t)) => {
                    toml::Value::Table(table(t, open))
                }
                _ => example(k.examples[0]),
            }
        }
        fn table(t: &'static Table, open: &mut Vec<&'static Table>) -> toml::Table {
            open.push(t);
            let mut out = toml::Table::new();
            for k in t.keys {
                out.insert(k.name.to_string(), value(k, open));
            }
            if let Some(other) = &t.other {
                let rule = RULES.iter().find(|r| !r.options.is_empty());
                let rule = rule.expect("a rule with settings");
                let name = match (other.names, t.path) {
                    (Names::Ids, _) => "x",
                    (Names::Dates, _) => "10-07",
                    (Names::Any, "rules") => rule.code,
                    (Names::Any, _) => rule.options[0],
                };
                out.insert(name.to_string(), value(other.value, open));
            }
            open.pop();
            out
        }
        let root = table(&format::FILE, &mut Vec::new());
        toml::to_string(&root).expect("TOML")
    }

    #[test]
    fn the_reader_reads_exactly_the_keys_the_format_defines() {
        let plan = every_key();
        let world = MemWorld::default().with_file("p.toml", plan.as_str());
        super::asked::take();
        let Ok(checked) = check_paths(&world, &[PathBuf::from("p.toml")]) else {
            panic!("the plan is read");
        };
        let unknown: Vec<&str> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code() == "S003")
            .map(|d| d.message.en.as_str())
            .collect();
        assert!(unknown.is_empty(), "{unknown:?}\n{plan}");
        // Every key is looked up; looking up any other is a debug assertion.
        let asked: BTreeSet<(&str, &str)> = super::asked::take().into_iter().collect();
        let defined: BTreeSet<(&str, &str)> = format::tables()
            .into_iter()
            .flat_map(|t| t.keys.iter().map(move |k| (t.path, k.name)))
            .collect();
        let unread: Vec<_> = defined.difference(&asked).collect();
        assert!(
            unread.is_empty(),
            "defined but never read: {unread:?}\n{plan}"
        );
        let undefined: Vec<_> = asked.difference(&defined).collect();
        assert!(undefined.is_empty(), "read but not defined: {undefined:?}");
    }

    #[test]
    #[should_panic(expected = "which the format does not define")]
    fn asking_for_a_key_the_format_does_not_define_is_a_mistake() {
        let tree = crate::syntax::toml::Tree::default();
        let t = super::Tbl {
            map: &tree,
            span: crate::source::Span::new(crate::source::FileId::default(), 0, 0),
            path: "channels.x".into(),
            def: format::table("channels.<id>").expect("the channel table"),
        };
        let _ = t.get("slots_per_wek");
    }

    #[test]
    fn unknown_keys_are_suggested_from_the_format() {
        let plan = "[plan]\nyear = 2027\ncalendar = \"none\"\n[channels.wechat]\nslots_per_wek = 7\nzzz = 1\n";
        let world = MemWorld::default().with_file("p.toml", plan);
        let Ok(checked) = check_paths(&world, &[PathBuf::from("p.toml")]) else {
            panic!("the plan is read");
        };
        let helps: Vec<String> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code() == "S003")
            .map(|d| {
                d.help
                    .iter()
                    .map(|h| h.en.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            helps,
            [
                "did you mean `slots_per_week`?",
                "known keys: name, followers, slots_per_week, max_per_day, note"
            ]
        );
    }

    /// The S010 warnings of a plan file: message and the file text underlined.
    fn warnings(plan: &str) -> Vec<(String, String)> {
        let world = MemWorld::default().with_file("p.toml", plan);
        let Ok(checked) = check_paths(&world, &[PathBuf::from("p.toml")]) else {
            panic!("the plan is read");
        };
        checked
            .diagnostics
            .iter()
            .filter(|d| d.code() == "S010")
            .map(|d| {
                let s = d.primary.span;
                (
                    d.message.en.clone(),
                    plan[s.start as usize..s.end as usize].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn an_unsafe_character_is_underlined_where_it_is_in_the_file() {
        let head = "[plan]\nyear = 2027\ncalendar = \"none\"\n";
        // Raw in the file, escaped, and the TOML 1.1 short escape.
        let raw = warnings(&format!("{head}name = \"年味 a\u{202e}b\"\n"));
        assert_eq!(
            raw,
            [(
                "`plan.name` holds the bidi control character `\\u{202e}`".to_string(),
                "\u{202e}".to_string()
            )]
        );
        let escaped = warnings(&format!("{head}name = \"\\u5E74 x\\u001b[2J\\u0007\"\n"));
        assert_eq!(escaped.len(), 1, "one warning per string: {escaped:?}");
        assert_eq!(escaped[0].1, "\\u001b");
        let short = warnings(&format!("{head}name = \"x\\e[2J\"\n"));
        assert_eq!(short[0].1, "\\e");
        let separator = warnings(&format!("{head}theme = 'a\u{2028}b'\nname = \"P\"\n"));
        assert_eq!(
            separator[0].0,
            "`plan.theme` holds the line separator `\\u{2028}`"
        );
        // A CR LF is a line break, not a control character.
        assert!(warnings(&format!("{head}name = \"a\\r\\nb\\tc\"\n")).is_empty());
    }
}
