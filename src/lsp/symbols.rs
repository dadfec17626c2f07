//! Where each id of a plan is declared and where it is used, across the
//! plan and its fragments: the tables of ids (`[people.manager]`,
//! `[campaigns.nianwei_lab.tasks.brief]`, `[review.levels.final]`) and the
//! strings that name one (`owner = "manager"`, `after = ["brief"]`,
//! `review = "final"`). Which is which comes from the format definition:
//! a table whose other keys are ids declares them; a key of kind
//! `Text::Ref` refers to one. Go to definition, find references, rename and
//! the outline read this index.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::format::{self, Kind, Names, Target};
use crate::syntax::tree::{self, Value};

/// What an id names: the table of ids it belongs to (`people`,
/// `campaigns.<id>.tasks`), and for a task its campaign.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Symbol {
    pub section: &'static str,
    pub scope: Option<String>,
    pub name: String,
}

/// One place an id is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub file: PathBuf,
    /// The id's own text (without quotes).
    pub span: Range<usize>,
    /// A header that ends with the id (`[people.manager]`): where it is
    /// declared. Other headers through it (`[people.manager.x]`) and
    /// strings naming it are uses.
    pub declaration: bool,
    /// Written as a key (in a `[header]` or an inline table), else as a
    /// string value.
    pub as_key: bool,
}

/// How an id is written at one place.
#[derive(Clone, Copy, PartialEq, Eq)]
enum How {
    /// The key that declares it (`[people.manager]`, `waist = { … }`).
    Declared,
    /// Another key (a header through it, a draw's budget path).
    Key,
    /// A string that names it.
    String,
}

/// Every occurrence of every id in a set of files.
#[derive(Default)]
pub struct Index {
    pub entries: Vec<(Symbol, Occurrence)>,
    /// Names inside date expressions, resolved once every declaration is
    /// known: (file, span, name, the campaign it is in).
    names: Vec<(PathBuf, Range<usize>, String, Option<String>)>,
    /// Budget paths inside shares and assertions, kept when they name a
    /// line: (file, span of the path's last key, the path).
    lines: Vec<(PathBuf, Range<usize>, String)>,
}

impl Index {
    fn add(
        &mut self,
        section: &'static str,
        scope: Option<String>,
        name: String,
        file: &Path,
        span: Range<usize>,
        how: How,
    ) {
        let sym = Symbol {
            section,
            scope,
            name,
        };
        let at = Occurrence {
            file: file.to_path_buf(),
            span,
            declaration: how == How::Declared,
            as_key: how != How::String,
        };
        self.entries.push((sym, at));
    }

    /// Indexes the files (path and text) of one plan.
    pub fn build<'a>(files: impl Iterator<Item = (&'a Path, &'a str)>) -> Index {
        let mut index = Index::default();
        for (path, text) in files {
            index.headers(path, text);
            // Half typed, the line in error is blanked out (its bytes become
            // spaces, so the rest keeps its places) and the rest is read.
            let mut readable = text.to_string();
            for _ in 0..4 {
                match tree::parse(&readable) {
                    Ok(root) => {
                        index.references(path, &readable, &root, &format::FILE, &[]);
                        break;
                    }
                    Err(e) => {
                        // The error's line, else the line it points back to
                        // (an unclosed table's opening brace).
                        let places = [Some(e.span.start), e.related.map(|r| r.0.start)];
                        let Some(line) = places
                            .into_iter()
                            .flatten()
                            .find_map(|at| blank_line_at(&readable, at))
                        else {
                            break;
                        };
                        readable = line;
                    }
                }
            }
        }
        index.resolve_names();
        index
    }

    /// A name in a date expression is a task of its campaign (`brief +
    /// 5wd` in a task's `due`), else a moment, else a campaign.
    fn resolve_names(&mut self) {
        for (file, span, path) in std::mem::take(&mut self.lines) {
            if self.declared("budget", None).any(|s| s.name == path) {
                self.add("budget", None, path, &file, span, How::String);
            }
        }
        for (file, span, name, campaign) in std::mem::take(&mut self.names) {
            let candidates = [
                campaign.map(|c| ("campaigns.<id>.tasks", Some(c))),
                Some(("moments", None)),
                Some(("campaigns", None)),
            ];
            let found = candidates.into_iter().flatten().find(|(section, scope)| {
                self.declared(section, scope.as_deref())
                    .any(|s| s.name == name)
            });
            if let Some((section, scope)) = found {
                self.add(section, scope, name, &file, span, How::String);
            }
        }
    }

    /// The symbol written at `offset` of `file`.
    pub fn at(&self, file: &Path, offset: usize) -> Option<&Symbol> {
        self.entries
            .iter()
            .find(|(_, o)| o.file == file && o.span.start <= offset && offset <= o.span.end)
            .map(|(s, _)| s)
    }

    pub fn occurrences<'a>(&'a self, sym: &'a Symbol) -> impl Iterator<Item = &'a Occurrence> {
        self.entries
            .iter()
            .filter(move |(s, _)| s == sym)
            .map(|(_, o)| o)
    }

    /// Where `sym` is declared (else first written).
    pub fn definition<'a>(&'a self, sym: &'a Symbol) -> Option<&'a Occurrence> {
        let first = self.occurrences(sym).next();
        self.occurrences(sym).find(|o| o.declaration).or(first)
    }

    /// The ids declared in `section` (within `scope`).
    pub fn declared<'a>(
        &'a self,
        section: &'a str,
        scope: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Symbol> {
        self.entries
            .iter()
            .filter(move |(s, o)| {
                o.declaration && s.section == section && s.scope.as_deref() == scope
            })
            .map(|(s, _)| s)
    }

    /// Every `[header]` of the text: the ids along its path.
    fn headers(&mut self, path: &Path, text: &str) {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let trimmed = line.trim_start();
            if !trimmed.starts_with('[') {
                continue;
            }
            let at = start + (line.len() - trimmed.len());
            let Some(segments) = header_segments(trimmed) else {
                continue;
            };
            let names: Vec<&str> = segments.iter().map(|(n, _)| n.as_str()).collect();
            for (i, section, scope, name) in ids_along(&names) {
                let span = &segments[i].1;
                self.add(
                    section,
                    scope,
                    name,
                    path,
                    at + span.start..at + span.end,
                    if i + 1 == names.len() {
                        How::Declared
                    } else {
                        How::Key
                    },
                );
            }
        }
    }

    /// The strings of `t` (described by `def`) that name an id.
    fn references(
        &mut self,
        path: &Path,
        text: &str,
        t: &tree::Table<'_>,
        def: &format::Table,
        at: &[String],
    ) {
        for (k, v) in t.iter() {
            let name = k.get_ref().as_ref();
            let mut here = at.to_vec();
            here.push(name.to_string());
            // An id declared by a key of its table (`waist = { … }` in
            // `[budget.kol]`, `manager = { … }` in `[people]`); those of
            // headers were found with the headers.
            if def.key(name).is_none()
                && def.other.as_ref().is_some_and(|o| o.names == Names::Ids)
                && !on_header_line(text, k.span().start)
            {
                let names: Vec<&str> = here.iter().map(String::as_str).collect();
                if let Some((i, section, scope, id)) = ids_along(&names).pop()
                    && i + 1 == names.len()
                {
                    let span = k.span();
                    let quoted = text[span.clone()].starts_with(['"', '\'']);
                    let span = if quoted {
                        span.start + 1..span.end - 1
                    } else {
                        span
                    };
                    self.add(section, scope, id, path, span, How::Declared);
                }
            }
            let Some(kind) = def.child(name) else {
                continue;
            };
            let kind = match (kind, v.get_ref()) {
                (Kind::Either(_, inner), Value::Table(_)) => &inner.kind,
                (k, _) => k,
            };
            match (kind, v.get_ref()) {
                // `budget = { ads.douyin_feed = "60万" }`: keys are lines.
                (Kind::Draws, Value::Table(sub)) => self.draws(path, sub, ""),
                // A share (`25% of kol`) or an assertion
                // (`sum(budget.ads.*) <= 60% of budget.total`) names budget
                // lines by their paths.
                (k, Value::String(value)) if k.expr().is_some_and(names_lines) => {
                    let span = v.span();
                    let inner = span.start + 1..span.end.saturating_sub(1);
                    if text.get(inner.clone()) == Some(value.as_ref()) {
                        for (name, at) in line_paths(value, inner.start) {
                            self.lines.push((path.to_path_buf(), at, name));
                        }
                    }
                }
                // A date expression may name tasks, moments and campaigns.
                (k, Value::String(value)) if k.expr().is_some_and(names_dates) => {
                    let span = v.span();
                    let inner = span.start + 1..span.end.saturating_sub(1);
                    if text.get(inner.clone()) == Some(value.as_ref()) {
                        let mut tokens = Vec::new();
                        super::tokens::lex(value, inner.start, &mut tokens);
                        let campaign = match here.as_slice() {
                            [c, id, ..] if c == "campaigns" => Some(id.clone()),
                            _ => None,
                        };
                        for (from, to, kind) in tokens {
                            if kind == super::tokens::VARIABLE {
                                let name = text[from..to].to_string();
                                self.names.push((
                                    path.to_path_buf(),
                                    from..to,
                                    name,
                                    campaign.clone(),
                                ));
                            }
                        }
                    }
                }
                (k, value) if let Some(target) = k.target() => {
                    let strings: Vec<&tree::Item<'_>> = match value {
                        Value::Array(items) => items.iter().collect(),
                        _ => vec![v],
                    };
                    for item in strings {
                        if let Value::String(s) = item.get_ref() {
                            self.reference(path, text, item.span(), s, target, &here);
                        }
                    }
                }
                (k, Value::Table(sub)) => {
                    if let Some(table) = k.table() {
                        self.references(path, text, sub, table, &here);
                    }
                }
                (k, Value::Array(items)) => {
                    if let Some(table) = k.table() {
                        for item in items {
                            if let Value::Table(sub) = item.get_ref() {
                                self.references(path, text, sub, table, &here);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The budget lines a campaign's draws name, each key a line (a dotted
    /// key, or a table of sub-lines), named by its path.
    fn draws(&mut self, path: &Path, t: &tree::Table<'_>, prefix: &str) {
        for (k, v) in t.iter() {
            let name = format!("{prefix}{}", k.get_ref());
            self.add("budget", None, name.clone(), path, k.span(), How::Key);
            if let Value::Table(sub) = v.get_ref() {
                self.draws(path, sub, &format!("{name}."));
            }
        }
    }

    fn reference(
        &mut self,
        path: &Path,
        text: &str,
        span: Range<usize>,
        value: &str,
        target: Target,
        at: &[String],
    ) {
        // Only a plain quoted id: its text is the value between the quotes.
        let inner = span.start + 1..span.end.saturating_sub(1);
        if text.get(inner.clone()) != Some(value) {
            return;
        }
        // A task's `after` names tasks of its own campaign.
        let campaign = match at {
            [c, campaign, ..] if c == "campaigns" => Some(campaign.clone()),
            _ => None,
        };
        let scope = match target {
            Target::Task if campaign.is_none() => return,
            Target::Task => campaign,
            _ => None,
        };
        let section = section_of(target);
        self.add(section, scope, value.to_string(), path, inner, How::String);
    }
}

/// Whether an expression of this kind may name budget lines.
fn names_lines(kind: format::ExprKind) -> bool {
    use format::ExprKind;
    matches!(
        kind,
        ExprKind::Share | ExprKind::Amount | ExprKind::Assertion
    )
}

/// The budget paths an expression names, each prefix with the span of its
/// last key: after `of` (`25% of kol.head`), and after `budget.` anywhere
/// (`budget.ads.*`).
fn line_paths(s: &str, base: usize) -> Vec<(String, Range<usize>)> {
    let mut tokens = Vec::new();
    super::tokens::lex(s, base, &mut tokens);
    let text = |t: &(usize, usize, u32)| &s[t.0 - base..t.1 - base];
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let after_of = i > 0 && text(&tokens[i - 1]).eq_ignore_ascii_case("of");
        let is_budget = text(&tokens[i]) == "budget";
        if tokens[i].2 != super::tokens::VARIABLE || !(after_of || is_budget) {
            i += 1;
            continue;
        }
        // A chain of names joined by dots, with no space between.
        let mut chain = vec![tokens[i]];
        while let (Some(dot), Some(next)) = (tokens.get(i + 1), tokens.get(i + 2)) {
            let joined = text(dot) == "." && dot.0 == chain[chain.len() - 1].1 && next.0 == dot.1;
            if !joined || next.2 != super::tokens::VARIABLE {
                break;
            }
            chain.push(*next);
            i += 2;
        }
        i += 1;
        let keys = if is_budget { &chain[1..] } else { &chain[..] };
        let mut path = String::new();
        for k in keys {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(text(k));
            out.push((path.clone(), k.0..k.1));
        }
    }
    out
}

/// Whether an expression of this kind may name a date (a moment, a
/// campaign, a task).
fn names_dates(kind: format::ExprKind) -> bool {
    use format::ExprKind;
    matches!(
        kind,
        ExprKind::Date | ExprKind::Range | ExprKind::Recurrence | ExprKind::Due
    )
}

/// The table of ids a reference of `target` names.
pub fn section_of(target: Target) -> &'static str {
    match target {
        Target::Person => "people",
        Target::Channel => "channels",
        Target::Kpi => "kpis",
        Target::ReviewLevel => "review.levels",
        Target::Task => "campaigns.<id>.tasks",
    }
}

/// The ids along a header's path (`campaigns.nianwei_lab.tasks.brief`):
/// each with its place in the path, its section, its scope and its name. A
/// budget line is named by its path from `[budget]` (`ads.douyin_feed`),
/// in the section `budget` at every depth.
fn ids_along(names: &[&str]) -> Vec<(usize, &'static str, Option<String>, String)> {
    let mut out = Vec::new();
    let mut def = &format::FILE;
    let mut campaign: Option<String> = None;
    let mut line: Vec<&str> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if def.key(name).is_none()
            && let Some(other) = &def.other
            && other.names == Names::Ids
        {
            let scope = (def.path == "campaigns.<id>.tasks")
                .then(|| campaign.clone())
                .flatten();
            if def.path == "campaigns" {
                campaign = Some((*name).to_string());
            }
            if def.path.starts_with("budget") {
                line.push(name);
                out.push((i, "budget", None, line.join(".")));
            } else {
                out.push((i, def.path, scope, (*name).to_string()));
            }
        }
        match def.child(name).and_then(Kind::table) {
            Some(t) => def = t,
            None => break,
        }
    }
    out
}

/// The keys of a `[header]` or `[[header]]` line and their spans (from the
/// line's first `[`); `None` when the line is not a plain header.
pub fn header_segments(line: &str) -> Option<Vec<(String, Range<usize>)>> {
    let open = if line.starts_with("[[") { 2 } else { 1 };
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = open;
    loop {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        let (name, span) = match bytes.get(i)? {
            q @ (b'"' | b'\'') => {
                let end = line[i + 1..].find(char::from(*q))? + i + 1;
                let name = &line[i + 1..end];
                if *q == b'"' && name.contains('\\') {
                    return None;
                }
                let r = (name.to_string(), i + 1..end);
                i = end + 1;
                r
            }
            _ => {
                let start = i;
                while i < bytes.len() && !b" \t.]".contains(&bytes[i]) {
                    i += 1;
                }
                (line[start..i].to_string(), start..i)
            }
        };
        if name.is_empty() {
            return None;
        }
        out.push((name, span));
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        match bytes.get(i)? {
            b'.' => i += 1,
            b']' => return Some(out),
            _ => return None,
        }
    }
}

/// `text` with the line holding byte `at` made of spaces (its line break
/// kept) — or, when that line is blank (an error at the end), the last
/// line before it that is not; `None` when there is none.
fn blank_line_at(text: &str, at: usize) -> Option<String> {
    let mut at = crate::source::floor_char_boundary(text, at.min(text.len()));
    loop {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if !text[start..end].trim().is_empty() {
            let blank = " ".repeat(end - start);
            return Some(format!("{}{blank}{}", &text[..start], &text[end..]));
        }
        if start == 0 {
            return None;
        }
        at = start - 1;
    }
}

/// Whether the line holding byte `at` is a `[header]`.
fn on_header_line(text: &str, at: usize) -> bool {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    text[start..].trim_start().starts_with('[')
}

/// Whether `s` may be an id: letters (Chinese too), digits and `_`, not
/// starting with a digit (the format's `ID_PATTERN`).
pub fn is_id(s: &str) -> bool {
    let ok = |c: char| !(c.is_whitespace() || (c.is_ascii_punctuation() && c != '_'));
    s.chars()
        .next()
        .is_some_and(|c| ok(c) && !c.is_ascii_digit())
        && s.chars().all(ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "[plan]\nyear = 2026\n\n[people.manager]\nname = \"经理\"\n\n[people.\"设计\"]\nname = \"x\"\n\n[campaigns.spring]\nwindow = \"Q1\"\nowner = \"manager\"\n\n[campaigns.spring.tasks.brief]\ndue = \"start\"\nowner = \"设计\"\n\n[campaigns.spring.tasks.launch]\ndue = \"brief + 1wd\"\nafter = [\"brief\"]\nconsulted = [\"manager\", \"设计\"]\n";

    fn index() -> Index {
        Index::build([(Path::new("/p/plan.toml"), PLAN)].into_iter())
    }

    fn spans(
        i: &Index,
        section: &'static str,
        scope: Option<&str>,
        name: &str,
    ) -> Vec<&'static str> {
        let sym = Symbol {
            section,
            scope: scope.map(str::to_string),
            name: name.to_string(),
        };
        i.occurrences(&sym).map(|o| &PLAN[o.span.clone()]).collect()
    }

    #[test]
    fn ids_are_found_where_declared_and_where_named() {
        let i = index();
        assert_eq!(spans(&i, "people", None, "manager"), ["manager"; 3]);
        assert_eq!(spans(&i, "people", None, "设计"), ["设计"; 3]);
        let brief = spans(&i, "campaigns.<id>.tasks", Some("spring"), "brief");
        // Its header, `due = "brief + 1wd"` and `after = ["brief"]`.
        assert_eq!(brief, ["brief"; 3]);
        // The campaign is declared once and walked through by two headers.
        assert_eq!(spans(&i, "campaigns", None, "spring").len(), 3);
        let sym = i
            .at(
                Path::new("/p/plan.toml"),
                PLAN.find("owner = \"manager\"").unwrap_or_default() + 10,
            )
            .cloned();
        assert_eq!(sym.as_ref().map(|s| s.name.as_str()), Some("manager"));
        let def = sym.and_then(|s| i.definition(&s).cloned());
        assert_eq!(
            def.map(|o| o.span.start),
            PLAN.find("[people.manager]").map(|p| p + 8)
        );
    }

    #[test]
    fn shares_and_assertions_name_budget_lines_by_path() {
        let plan = "[budget]\ntotal = \"100万\"\n\n[budget.kol]\nshare = \"30%\"\nhead = { share = \"5%\" }\n\n[budget.ads]\nshare = \"25% of kol.head\"\n\n[assertions]\ncap = \"sum(budget.kol.*) <= 60% of budget.total\"\n";
        let i = Index::build([(Path::new("/p.toml"), plan)].into_iter());
        let places = |name: &str| -> Vec<usize> {
            let sym = Symbol {
                section: "budget",
                scope: None,
                name: name.to_string(),
            };
            i.occurrences(&sym).map(|o| o.span.start).collect()
        };
        // `[budget.kol]`, `kol` of `kol.head`, `kol` of `budget.kol.*`.
        assert_eq!(places("kol").len(), 3, "{:?}", places("kol"));
        // `head = …` and `head` of `25% of kol.head`.
        assert_eq!(
            places("kol.head"),
            [
                plan.find("head =").unwrap_or_default(),
                plan.find("kol.head\"").unwrap_or_default() + 4
            ]
        );
    }

    #[test]
    fn headers_split_into_their_keys() {
        let h = header_segments("[campaigns . \"年味\".tasks]  # c").unwrap_or_default();
        let names: Vec<&str> = h.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["campaigns", "年味", "tasks"]);
        assert_eq!(h[1].1, 14..20);
        assert!(header_segments("[a.]").is_none());
        assert!(header_segments("[[a.b]]").is_some());
    }

    #[test]
    fn ids_follow_the_format() {
        assert!(is_id("manager") && is_id("设计师") && is_id("_x1"));
        assert!(!is_id("1x") && !is_id("a b") && !is_id("a.b") && !is_id(""));
    }
}
