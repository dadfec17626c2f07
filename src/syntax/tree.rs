//! A TOML 1.1 parser of our own, producing the spanned tree the schema
//! reader walks. It exists for speed and memory: a plan of 10,000 items is a
//! megabyte of TOML, and a general-purpose parser that first lexes the whole
//! file into tokens and then builds hash-indexed tables spent about half of
//! `almanac check` there and took fifty bytes of memory per byte of input.
//! This one reads the bytes once, borrows every key and string that has no
//! escapes, keeps each table as a vector in document order (with a hash
//! index only for large tables, to find duplicates) and stops at the first
//! error, which is all a diagnostic needs. It is checked against the
//! toml-test conformance suite and against the `toml` crate on the same
//! inputs (`tree_tests.rs`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// A syntax error: what is wrong and where (byte offsets), with a help
/// line and a second location when there is something better to say than
/// a pointer to the TOML specification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub span: Range<usize>,
    pub help: Option<String>,
    /// Another place that explains the error (the first definition of a
    /// duplicate key, the opening bracket of an unclosed array).
    pub related: Option<(Range<usize>, String)>,
    /// `span` is a word where a key was expected that would be a key if
    /// TOML allowed its characters unquoted (`名称 = "x"`), so the caller
    /// can say which key was meant.
    pub bare_word: bool,
}

impl Error {
    fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            span,
            help: None,
            related: None,
            bare_word: false,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn related(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related = Some((span, label.into()));
        self
    }
}

/// A key as written, decoded, with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Key<'a> {
    name: Cow<'a, str>,
    start: u32,
    end: u32,
}

impl<'a> Key<'a> {
    pub fn get_ref(&self) -> &Cow<'a, str> {
        &self.name
    }

    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A value with its span: a string's span includes its quotes; a table's is
/// its header or its braces.
#[derive(Clone, Debug, PartialEq)]
pub struct Item<'a> {
    value: Value<'a>,
    start: u32,
    end: u32,
    flags: u8,
}

impl<'a> Item<'a> {
    pub fn get_ref(&self) -> &Value<'a> {
        &self.value
    }

    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn get_mut(&mut self) -> &mut Value<'a> {
        &mut self.value
    }

    fn new(value: Value<'a>, span: Range<usize>, flags: u8) -> Self {
        Item {
            value,
            start: span.start as u32,
            end: span.end as u32,
            flags,
        }
    }

    /// A new, empty table.
    fn table(span: Range<usize>, flags: u8) -> Self {
        Item::new(Value::Table(Table::default()), span, flags)
    }

    /// The table a header path goes on into through this item: a table not
    /// closed by its inline syntax, or the last table of an array of tables.
    fn open_table(&mut self) -> Option<&mut Table<'a>> {
        if self.flags & FROZEN != 0 {
            return None;
        }
        match &mut self.value {
            Value::Table(t) => Some(t),
            Value::Array(items) => match items.last_mut().map(|i| &mut i.value) {
                Some(Value::Table(t)) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A table made by a `[header]` (or the root).
const DEFINED: u8 = 1;
/// A table made as the parent in a header path (`a` of `[a.b]`); a later
/// `[a]` may still define it.
const IMPLICIT: u8 = 2;
/// A table made by a dotted key (`a.b = 1`).
const DOTTED: u8 = 4;
/// An inline table or a static array: closed once written.
const FROZEN: u8 = 8;
/// An array made by `[[header]]`s.
const OF_TABLES: u8 = 16;

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    String(Cow<'a, str>),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    /// Any of TOML's four date-time forms; the schema only rejects them.
    Datetime,
    Array(Vec<Item<'a>>),
    Table(Table<'a>),
}

/// Entries in document order. Large tables get a hash index so that finding
/// a duplicate stays constant time.
#[derive(Clone, Debug, Default)]
pub struct Table<'a> {
    entries: Vec<(Key<'a>, Item<'a>)>,
    // Boxed: a map is 48 bytes inline, and most tables never get one.
    #[allow(clippy::box_collection)]
    index: Option<Box<HashMap<Cow<'a, str>, u32>>>,
}

impl PartialEq for Table<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

/// Tables of at most this many entries are searched without an index.
const SCAN: usize = 12;

impl<'a> Table<'a> {
    pub fn iter(&self) -> impl Iterator<Item = (&Key<'a>, &Item<'a>)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<&Item<'a>> {
        self.entry(name).map(|(_, v)| v)
    }

    /// The key and value named `name`.
    pub fn entry(&self, name: &str) -> Option<(&Key<'a>, &Item<'a>)> {
        self.find(name).map(|i| {
            let (k, v) = &self.entries[i];
            (k, v)
        })
    }

    fn find(&self, name: &str) -> Option<usize> {
        // The entry written last is the one most often looked up again
        // (`[campaigns.c1]`, then `[campaigns.c1.tasks.t1]`).
        if let Some((k, _)) = self.entries.last()
            && k.name == name
        {
            return Some(self.entries.len() - 1);
        }
        match &self.index {
            Some(index) => index.get(name).map(|&i| i as usize),
            None => self.entries.iter().rposition(|(k, _)| k.name == name),
        }
    }

    /// Takes the entry named `name` out of the table.
    pub fn remove(&mut self, name: &str) -> Option<(Key<'a>, Item<'a>)> {
        let i = self.find(name)?;
        let entry = self.entries.remove(i);
        if self.index.is_some() {
            self.index = None;
            self.reindex(0);
        }
        Some(entry)
    }

    /// The values, to change them in place.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Item<'a>> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// Moves entry `i` to the end (a table defined by its own header after
    /// a sub-table's header named it takes the place of its definition, as
    /// in the `toml` crate).
    fn move_to_end(&mut self, i: usize) {
        let entry = self.entries.remove(i);
        self.entries.push(entry);
        self.reindex(i);
    }

    /// Appends an entry and returns its index.
    fn push(&mut self, key: Key<'a>, item: Item<'a>) -> usize {
        let i = self.entries.len();
        self.entries.push((key, item));
        self.reindex(i);
        i
    }

    /// Brings the index up to date for the entries from `from` on; a table
    /// that has just grown past `SCAN` entries gets its index.
    fn reindex(&mut self, from: usize) {
        if self.entries.len() <= SCAN {
            return;
        }
        let from = if self.index.is_some() { from } else { 0 };
        let index = self.index.get_or_insert_with(Default::default);
        for (j, (k, _)) in self.entries.iter().enumerate().skip(from) {
            index.insert(k.name.clone(), j as u32);
        }
    }
}

/// Parses a whole document; the first syntax error ends it.
pub fn parse(text: &str) -> Result<Table<'_>, Error> {
    if text.len() > u32::MAX as usize {
        return Err(Error::new(0..0, "file is larger than 4 GiB"));
    }
    Parser {
        src: text,
        b: text.as_bytes(),
        pos: 0,
        depth: 0,
    }
    .document()
}

/// How deeply arrays and inline tables may nest, and how many parts a key
/// may have. Below the `toml` crate's limit (80), so that no file `check`
/// reads is one `fmt` (`toml_edit`, the same limit) cannot; plans nest a
/// handful of levels.
const MAX_DEPTH: u32 = 64;

struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    depth: u32,
}

fn is_bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// Bytes not allowed anywhere in TOML text outside of what they mean
/// (tab, LF and CR are handled where they may appear).
fn is_control(c: u8) -> bool {
    (c < 0x20 && c != b'\t') || c == 0x7f
}

type Res<T> = Result<T, Error>;

impl<'a> Parser<'a> {
    fn err<T>(&self, span: Range<usize>, message: impl Into<String>) -> Res<T> {
        Err(Error::new(span, message))
    }

    /// An error at the current position, covering one character.
    fn error_here(&self, message: impl Into<String>) -> Error {
        let end = self.src[self.pos..]
            .chars()
            .next()
            .map_or(self.pos, |c| self.pos + c.len_utf8());
        Error::new(self.pos..end, message)
    }

    /// "expected a key"; for a word of letters outside ASCII (`名称`), an
    /// error that says so and carries the word's span.
    fn not_a_key(&self) -> Error {
        let rest = &self.src[self.pos..];
        let word = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .map_or(rest.len(), |(i, _)| i);
        if rest.chars().next().is_some_and(|c| !c.is_ascii()) && word > 0 {
            let mut e = Error::new(
                self.pos..self.pos + word,
                format!("`{}` cannot be a key without quotes", &rest[..word]),
            );
            e.bare_word = true;
            return e;
        }
        self.error_here("expected a key")
    }

    fn err_here<T>(&self, message: impl Into<String>) -> Res<T> {
        Err(self.error_here(message))
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.b.get(self.pos + k).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// A comment, if one starts here; control characters are refused.
    fn comment(&mut self) -> Res<()> {
        if self.peek() != Some(b'#') {
            return Ok(());
        }
        self.pos += 1;
        while let Some(c) = self.peek() {
            match c {
                b'\n' => break,
                b'\r' if self.peek_at(1) == Some(b'\n') => break,
                c if is_control(c) => {
                    return self.err_here(format!(
                        "control character U+{c:04X} is not allowed in a comment"
                    ));
                }
                _ => self.pos += 1,
            }
        }
        Ok(())
    }

    /// A newline, if one is here.
    fn newline(&mut self) -> Res<bool> {
        match self.peek() {
            Some(b'\n') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b'\r') if self.peek_at(1) == Some(b'\n') => {
                self.pos += 2;
                Ok(true)
            }
            Some(b'\r') => self.err_here("a carriage return must be followed by a newline"),
            _ => Ok(false),
        }
    }

    /// Whitespace, comments and newlines.
    fn skip_blank(&mut self) -> Res<()> {
        loop {
            self.skip_ws();
            self.comment()?;
            if !self.newline()? {
                return Ok(());
            }
        }
    }

    /// The rest of a line after a key-value pair or a header (`what`).
    fn line_end(&mut self, what: &str) -> Res<()> {
        self.skip_ws();
        self.comment()?;
        if self.pos < self.b.len() && !self.newline()? {
            return self.err_here(format!("expected a newline after the {what}"));
        }
        Ok(())
    }

    fn document(mut self) -> Res<Table<'a>> {
        let mut root = Table::default();
        let mut section: Vec<Key<'a>> = Vec::new();
        loop {
            let table = descend(&mut root, &section);
            self.body(table)?;
            if self.pos >= self.b.len() {
                return Ok(root);
            }
            section = self.header(&mut root)?;
        }
    }

    /// Key-value lines until a header or the end.
    fn body(&mut self, table: &mut Table<'a>) -> Res<()> {
        loop {
            self.skip_blank()?;
            match self.peek() {
                None | Some(b'[') => return Ok(()),
                _ => {}
            }
            let value_at = self.key_value(table)?;
            if let Err(e) = self.line_end("value") {
                // `name = 2026 新媒体计划`: a number or date followed by
                // more words was text without quotes.
                let scalar = !matches!(self.b[value_at], b'"' | b'\'' | b'[' | b'{');
                let words = self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphabetic() || !c.is_ascii());
                if scalar && words {
                    self.pos = value_at;
                    let e = self.unquoted();
                    if e.help.is_some() {
                        return Err(e);
                    }
                }
                return Err(e);
            }
        }
    }

    /// `key = value`; returns where the value starts.
    fn key_value(&mut self, table: &mut Table<'a>) -> Res<usize> {
        let (first, rest) = self.key_path()?;
        self.skip_ws();
        if self.peek() != Some(b'=') {
            return self.err_here("expected `=` after a key");
        }
        self.pos += 1;
        self.skip_ws();
        let at = self.pos;
        let value = self.value()?;
        insert(table, first, rest, value)?;
        Ok(at)
    }

    /// `a`, `"a b"`, `a.b.'c'`: the first key and any further ones.
    fn key_path(&mut self) -> Res<(Key<'a>, Vec<Key<'a>>)> {
        let first = self.key()?;
        let mut rest = Vec::new();
        loop {
            let save = self.pos;
            self.skip_ws();
            if self.peek() != Some(b'.') {
                self.pos = save;
                return Ok((first, rest));
            }
            self.pos += 1;
            self.skip_ws();
            if rest.len() + 1 >= MAX_DEPTH as usize {
                // Tables nested this deep would overflow the stack when
                // the tree is dropped.
                return self.err_here(format!("a dotted key may have at most {MAX_DEPTH} parts"));
            }
            rest.push(self.key()?);
        }
    }

    fn key(&mut self) -> Res<Key<'a>> {
        let start = self.pos;
        let name = match self.peek() {
            Some(b'"' | b'\'') => self.string(true)?,
            Some(c) if is_bare(c) => {
                while self.peek().is_some_and(is_bare) {
                    self.pos += 1;
                }
                Cow::Borrowed(&self.src[start..self.pos])
            }
            _ => return Err(self.not_a_key()),
        };
        Ok(Key {
            name,
            start: start as u32,
            end: self.pos as u32,
        })
    }

    /// `[a.b]` or `[[a.b]]`: declares the table and returns its path.
    fn header(&mut self, root: &mut Table<'a>) -> Res<Vec<Key<'a>>> {
        let start = self.pos;
        let of_tables = self.peek_at(1) == Some(b'[');
        self.pos += if of_tables { 2 } else { 1 };
        self.skip_ws();
        let (first, rest) = self.key_path()?;
        self.skip_ws();
        let close: &[u8] = if of_tables { b"]]" } else { b"]" };
        if !self.b[self.pos..].starts_with(close) {
            return self.err_here(if of_tables {
                "expected `]]` to end the header"
            } else {
                "expected `]` to end the header"
            });
        }
        self.pos += close.len();
        let span = start..self.pos;
        self.line_end("header")?;
        let mut path = Vec::with_capacity(1 + rest.len());
        path.push(first);
        path.extend(rest);
        declare(root, &path, of_tables, span)?;
        Ok(path)
    }

    fn value(&mut self) -> Res<Item<'a>> {
        let start = self.pos;
        let (value, flags) = match self.peek() {
            Some(b'"' | b'\'') => (Value::String(self.string(false)?), 0),
            Some(b't') if self.b[self.pos..].starts_with(b"true") => {
                self.pos += 4;
                (Value::Boolean(true), 0)
            }
            Some(b'f') if self.b[self.pos..].starts_with(b"false") => {
                self.pos += 5;
                (Value::Boolean(false), 0)
            }
            Some(b'[') => (Value::Array(self.array()?), FROZEN),
            Some(b'{') => (Value::Table(self.inline_table()?), FROZEN),
            Some(c) if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'i' | b'n') => {
                (self.scalar()?, 0)
            }
            None => return self.err(start..start, "expected a value"),
            _ => return Err(self.unquoted()),
        };
        // A value runs up to whitespace, a comment, a separator or the end.
        if let Some(c) = self.peek()
            && !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'#' | b',' | b']' | b'}')
        {
            return self.err_here("unexpected character after the value");
        }
        Ok(Item::new(value, start..self.pos, flags))
    }

    /// Something that is not a value: most often text without quotes
    /// (`name = 新媒体计划`), which gets its quoted spelling as help.
    fn unquoted(&self) -> Error {
        let rest = &self.src[self.pos..];
        let line = rest
            .split(['\n', '\r', '#'])
            .next()
            .unwrap_or("")
            .trim_end();
        let text = line.trim_end_matches([',', ']', '}']).trim_end();
        let wordy = text.starts_with(|c: char| c.is_alphanumeric() || !c.is_ascii());
        if !wordy {
            return self.error_here(
                "expected a value (a string, a number, `true`, `false`, a date, an array or a table)",
            );
        }
        Error::new(self.pos..self.pos + text.len(), "text must be in quotes").help(format!(
            "write `\"{}\"`",
            text.replace('\\', "\\\\").replace('"', "\\\"")
        ))
    }

    fn nest(&mut self) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err_here("arrays and tables are nested too deeply");
        }
        Ok(())
    }

    fn array(&mut self) -> Res<Vec<Item<'a>>> {
        let mut items = Vec::new();
        self.delimited(b']', "array", "values", |p| {
            items.push(p.value()?);
            Ok(())
        })?;
        Ok(items)
    }

    fn inline_table(&mut self) -> Res<Table<'a>> {
        let mut table = Table::default();
        self.delimited(b'}', "inline table", "entries", |p| {
            p.key_value(&mut table).map(drop)
        })?;
        Ok(table)
    }

    /// An array or inline table from its opening bracket to `close`: the
    /// entries (`entry` reads one) separated by commas, with newlines and
    /// comments between them and an optional trailing comma (TOML 1.1).
    fn delimited(
        &mut self,
        close: u8,
        what: &str,
        entries: &str,
        mut entry: impl FnMut(&mut Self) -> Res<()>,
    ) -> Res<()> {
        self.nest()?;
        let open = self.pos;
        self.pos += 1;
        loop {
            self.skip_blank()?;
            if self.peek() == Some(close) {
                break;
            }
            entry(self)?;
            self.skip_blank()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(c) if c == close => break,
                _ => {
                    let close = close as char;
                    return Err(self
                        .error_here(format!("expected `,` or `{close}` in the {what}"))
                        .related(open..open + 1, format!("the {what} starts here"))
                        .help(format!(
                            "separate the {entries} with `,` and end the {what} with `{close}`"
                        )));
                }
            }
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(())
    }

    /// A string of any of TOML's four kinds, at its opening quote; a key
    /// (`in_key`) may not be a multi-line one.
    fn string(&mut self, in_key: bool) -> Res<Cow<'a, str>> {
        let q = self.b[self.pos];
        let triple = self.b[self.pos..].starts_with(&[q; 3]);
        match (q, triple) {
            (_, true) if in_key => self.err_here("a key cannot be a multi-line string"),
            (b'"', true) => self.multiline_basic(),
            (b'"', false) => self.basic_string(),
            (_, true) => self.multiline_literal(),
            _ => self.literal_string(),
        }
    }

    /// A basic string on one line; borrowed when it has no escapes.
    fn basic_string(&mut self) -> Res<Cow<'a, str>> {
        let open = self.pos;
        self.pos += 1;
        let mut out: Option<String> = None;
        let mut from = self.pos;
        loop {
            match self.peek() {
                Some(b'"') => {
                    let end = self.pos;
                    self.pos += 1;
                    return Ok(self.decoded(out, from..end));
                }
                Some(b'\\') => {
                    let s = out.get_or_insert_with(String::new);
                    s.push_str(&self.src[from..self.pos]);
                    self.escape(s)?;
                    from = self.pos;
                }
                Some(b'\n' | b'\r') | None => {
                    return self.err(open..self.pos, "this string has no closing `\"`");
                }
                Some(c) if is_control(c) => return self.control(c, "string"),
                Some(_) => self.pos += 1,
            }
        }
    }

    /// A string's text: borrowed from the file when nothing was decoded
    /// (`out` is `None`), else what was decoded and the `rest` after it.
    fn decoded(&self, out: Option<String>, rest: Range<usize>) -> Cow<'a, str> {
        match out {
            None => Cow::Borrowed(&self.src[rest]),
            Some(mut s) => {
                s.push_str(&self.src[rest]);
                Cow::Owned(s)
            }
        }
    }

    fn control<T>(&self, c: u8, what: &str) -> Res<T> {
        self.err_here(format!(
            "control character U+{c:04X} is not allowed in a {what}; write it as an escape"
        ))
    }

    /// One escape sequence, at the backslash.
    fn escape(&mut self, out: &mut String) -> Res<()> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'b') => '\u{8}',
            Some(b't') => '\t',
            Some(b'n') => '\n',
            Some(b'f') => '\u{c}',
            Some(b'r') => '\r',
            Some(b'e') => '\u{1b}',
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(k @ (b'x' | b'u' | b'U')) => {
                let n = match k {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let digits = self.b.get(self.pos + 1..self.pos + 1 + n);
                let code = digits
                    .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|d| u32::from_str_radix(std::str::from_utf8(d).ok()?, 16).ok());
                let Some(ch) = code.and_then(char::from_u32) else {
                    let end = (self.pos + 1 + n).min(self.b.len());
                    let end = crate::source::floor_char_boundary(self.src, end);
                    return self.err(
                        at..end,
                        format!(
                            "invalid escape `{}`: `\\{}` takes {n} hex digits of a Unicode scalar value",
                            &self.src[at..end],
                            k as char
                        ),
                    );
                };
                self.pos += n;
                ch
            }
            _ => {
                let end = self.src[self.pos..]
                    .chars()
                    .next()
                    .map_or(self.pos, |c| self.pos + c.len_utf8());
                return self.err(
                    at..end,
                    format!(
                        "invalid escape `{}`; write `\\\\` for a backslash",
                        &self.src[at..end]
                    ),
                );
            }
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    /// `"""…"""`: a leading newline is dropped, a backslash at a line's end
    /// joins it with the next non-blank text.
    fn multiline_basic(&mut self) -> Res<Cow<'a, str>> {
        let open = self.pos;
        self.pos += 3;
        self.newline()?;
        let mut out: Option<String> = None;
        let mut from = self.pos;
        loop {
            match self.peek() {
                None => return self.err(open..open + 3, "this string has no closing `\"\"\"`"),
                Some(b'"') if self.b[self.pos..].starts_with(b"\"\"\"") => {
                    let end = self.close_multiline(b'"')?;
                    return Ok(self.decoded(out, from..end));
                }
                Some(b'\\') => {
                    let s = out.get_or_insert_with(String::new);
                    s.push_str(&self.src[from..self.pos]);
                    // A line-ending backslash?
                    let mut k = self.pos + 1;
                    while let Some(b' ' | b'\t') = self.b.get(k) {
                        k += 1;
                    }
                    if matches!(self.b.get(k), Some(b'\n'))
                        || (self.b.get(k) == Some(&b'\r') && self.b.get(k + 1) == Some(&b'\n'))
                    {
                        self.pos = k;
                        loop {
                            self.skip_ws();
                            if !self.newline()? {
                                break;
                            }
                        }
                    } else {
                        self.escape(s)?;
                    }
                    from = self.pos;
                }
                Some(b'\n' | b'\r') => {
                    self.newline()?;
                }
                Some(c) if is_control(c) => return self.control(c, "string"),
                Some(_) => self.pos += 1,
            }
        }
    }

    /// At three quotes `q` that end a multi-line string: up to two more
    /// belong to the content (`\"\"\"\"\"` ends with `""`). Returns where the
    /// content ends and moves past the quotes.
    fn close_multiline(&mut self, q: u8) -> Res<usize> {
        let mut n = 3;
        while self.peek_at(n) == Some(q) {
            n += 1;
        }
        if n > 5 {
            let quotes = if q == b'"' { "\"\"\"" } else { "'''" };
            return self.err(
                self.pos..self.pos + n,
                format!("too many quotes here: a multi-line string ends at `{quotes}`"),
            );
        }
        let end = self.pos + n - 3;
        self.pos += n;
        Ok(end)
    }

    fn literal_string(&mut self) -> Res<Cow<'a, str>> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek() {
                Some(b'\'') => {
                    self.pos += 1;
                    return Ok(Cow::Borrowed(&self.src[start..self.pos - 1]));
                }
                Some(b'\n' | b'\r') | None => {
                    return self.err(open..self.pos, "this string has no closing `'`");
                }
                Some(c) if is_control(c) => return self.control(c, "string"),
                Some(_) => self.pos += 1,
            }
        }
    }

    fn multiline_literal(&mut self) -> Res<Cow<'a, str>> {
        let open = self.pos;
        self.pos += 3;
        self.newline()?;
        let start = self.pos;
        loop {
            match self.peek() {
                None => return self.err(open..open + 3, "this string has no closing `'''`"),
                Some(b'\'') if self.b[self.pos..].starts_with(b"'''") => {
                    let end = self.close_multiline(b'\'')?;
                    return Ok(Cow::Borrowed(&self.src[start..end]));
                }
                Some(b'\n' | b'\r') => {
                    self.newline()?;
                }
                Some(c) if is_control(c) => return self.control(c, "string"),
                Some(_) => self.pos += 1,
            }
        }
    }

    /// A number or a date-time: the token runs over the characters they
    /// use, and a date may be followed by a space and a time.
    fn scalar(&mut self) -> Res<Value<'a>> {
        let start = self.pos;
        let token_char =
            |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'-' | b'.' | b':');
        while self.peek().is_some_and(token_char) {
            self.pos += 1;
        }
        let mut tok = &self.src[start..self.pos];
        if is_date(tok.as_bytes())
            && self.peek() == Some(b' ')
            && self.peek_at(1).is_some_and(|c| c.is_ascii_digit())
            && self.peek_at(3) == Some(b':')
        {
            self.pos += 1;
            while self.peek().is_some_and(token_char) {
                self.pos += 1;
            }
            tok = &self.src[start..self.pos];
        }
        if tok.starts_with(|c: char| c.is_ascii_alphabetic()) && tok != "inf" && tok != "nan" {
            // `inbox`, `new plan`: a word, not a number.
            self.pos = start;
            return Err(self.unquoted());
        }
        let span = start..self.pos;
        let t = tok.as_bytes();
        if t.len() >= 5 && t[..4].iter().all(u8::is_ascii_digit) && t[4] == b'-' {
            return match datetime(t) {
                Ok(()) => Ok(Value::Datetime),
                Err(why) => self.err(span, format!("invalid date-time `{tok}`: {why}")),
            };
        }
        if t.len() >= 3 && t[..2].iter().all(u8::is_ascii_digit) && t[2] == b':' {
            return match time(t) {
                Ok(n) if n == t.len() => Ok(Value::Datetime),
                Ok(_) => self.err(span, format!("invalid time `{tok}`")),
                Err(why) => self.err(span, format!("invalid time `{tok}`: {why}")),
            };
        }
        number(tok).or_else(|why| self.err(span, format!("invalid number `{tok}`: {why}")))
    }
}

/// Finds the table a section's key-values go into (the header was checked
/// when it was declared).
fn descend<'t, 'a>(root: &'t mut Table<'a>, path: &[Key<'a>]) -> &'t mut Table<'a> {
    let mut t = root;
    for k in path {
        let i = t.find(&k.name).expect("declared table");
        t = t.entries[i].1.open_table().expect("declared table");
    }
    t
}

fn dotted(path: &[Key<'_>]) -> String {
    path.iter()
        .map(|k| {
            if !k.name.is_empty() && k.name.bytes().all(is_bare) {
                k.name.to_string()
            } else {
                format!("\"{}\"", k.name.escape_default())
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn err<T>(key: &Key<'_>, message: String) -> Res<T> {
    Err(Error::new(key.span(), message))
}

/// Why a header path or dotted key `name` cannot go on into `item`.
fn cannot_extend(key: &Key<'_>, name: &str, item: &Item<'_>) -> Error {
    let message = match item.value {
        Value::Table(_) if item.flags & FROZEN != 0 => {
            format!("`{name}` is an inline table, which cannot be extended")
        }
        Value::Table(_) => format!("table `{name}` has a header of its own; add the key under it"),
        _ => format!("`{name}` is already a value, not a table"),
    };
    Error::new(key.span(), message)
}

/// Declares `[path]` or `[[path]]`.
fn declare<'a>(
    root: &mut Table<'a>,
    path: &[Key<'a>],
    of_tables: bool,
    span: Range<usize>,
) -> Res<()> {
    let (last, parents) = path.split_last().expect("a header has a key");
    let mut t = root;
    for (n, k) in parents.iter().enumerate() {
        let i = match t.find(&k.name) {
            Some(i) => i,
            None => t.push(k.clone(), Item::table(span.clone(), IMPLICIT)),
        };
        let item = &mut t.entries[i].1;
        if item.open_table().is_none() {
            return Err(cannot_extend(k, &dotted(&path[..=n]), item));
        }
        t = item.open_table().expect("checked just above");
    }
    let name = dotted(path);
    match t.find(&last.name) {
        None if of_tables => {
            let table = Item::table(span.clone(), DEFINED);
            t.push(
                last.clone(),
                Item::new(Value::Array(vec![table]), span, OF_TABLES),
            );
        }
        None => {
            t.push(last.clone(), Item::table(span, DEFINED));
        }
        Some(i) => {
            let (key, item) = &mut t.entries[i];
            let first = item.span();
            match (&mut item.value, of_tables) {
                (Value::Array(items), true) if item.flags & OF_TABLES != 0 => {
                    items.push(Item::table(span, DEFINED));
                }
                (Value::Table(_), false) if item.flags == IMPLICIT => {
                    // The table is where its own header is, not where a
                    // sub-table's header first named it.
                    *key = last.clone();
                    item.flags = DEFINED;
                    (item.start, item.end) = (span.start as u32, span.end as u32);
                    t.move_to_end(i);
                }
                (Value::Table(_), false) if item.flags & DOTTED != 0 => {
                    return err(
                        last,
                        format!("table `{name}` was already made by dotted keys"),
                    );
                }
                (Value::Table(_), false) if item.flags & FROZEN == 0 => {
                    return Err(Error::new(
                        last.span(),
                        format!("table `{name}` is defined twice"),
                    )
                    .related(first, "first defined here")
                    .help("put all of the table's keys under one header"));
                }
                (Value::Array(_), false) if item.flags & OF_TABLES != 0 => {
                    return err(
                        last,
                        format!("`{name}` is an array of tables; write `[[{name}]]` to add one"),
                    );
                }
                _ => {
                    return err(last, format!("`{name}` is already defined as a value"));
                }
            }
        }
    }
    Ok(())
}

/// Inserts `first.rest… = value`, making tables for dotted keys.
fn insert<'a>(
    table: &mut Table<'a>,
    first: Key<'a>,
    rest: Vec<Key<'a>>,
    value: Item<'a>,
) -> Res<()> {
    let mut t = table;
    let mut key = first;
    for next in rest {
        let i = match t.find(&key.name) {
            Some(i) => i,
            None => t.push(key.clone(), Item::table(key.span(), DOTTED)),
        };
        let item = &mut t.entries[i].1;
        // Only tables made by dotted keys take more of them.
        if item.flags & DOTTED == 0 {
            return Err(cannot_extend(&key, &key.name, item));
        }
        t = item.open_table().expect("dotted keys make tables");
        key = next;
    }
    if let Some(i) = t.find(&key.name) {
        return Err(
            Error::new(key.span(), format!("duplicate key `{}`", key.name))
                .related(t.entries[i].0.span(), "first defined here")
                .help("a key is given once per table; remove one of them"),
        );
    }
    t.push(key, value);
    Ok(())
}

fn is_date(t: &[u8]) -> bool {
    t.len() == 10
        && t[4] == b'-'
        && t[7] == b'-'
        && t.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn digits(t: &[u8], n: usize) -> Option<u32> {
    let d = t.get(..n)?;
    d.iter()
        .all(u8::is_ascii_digit)
        .then(|| d.iter().fold(0, |v, c| v * 10 + u32::from(c - b'0')))
}

/// A date, optionally followed by a time and an offset.
fn datetime(t: &[u8]) -> Result<(), &'static str> {
    if t.len() < 10 || !is_date(&t[..10]) {
        return Err("dates are written YYYY-MM-DD");
    }
    let (y, m, d) = (
        digits(t, 4).unwrap_or(0),
        digits(&t[5..], 2).unwrap_or(0),
        digits(&t[8..], 2).unwrap_or(0),
    );
    if !(1..=12).contains(&m) {
        return Err("no such month");
    }
    if chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_none() {
        return Err("no such day in that month");
    }
    if t.len() == 10 {
        return Ok(());
    }
    if !matches!(t[10], b'T' | b't' | b' ') {
        return Err("a time follows the date after `T` or a space");
    }
    let rest = &t[11..];
    let n = time(rest)?;
    let offset = &rest[n..];
    match offset {
        [] | [b'Z' | b'z'] => Ok(()),
        [b'+' | b'-', ..] if offset.len() == 6 && offset[3] == b':' => {
            match (digits(&offset[1..], 2), digits(&offset[4..], 2)) {
                (Some(h), Some(m)) if h < 24 && m < 60 => Ok(()),
                _ => Err("offsets are written +HH:MM"),
            }
        }
        _ => Err("offsets are written Z or +HH:MM"),
    }
}

/// `HH:MM[:SS[.fraction]]`: returns how many bytes it used.
fn time(t: &[u8]) -> Result<usize, &'static str> {
    let (Some(h), Some(m)) = (digits(t, 2), t.get(3..).and_then(|r| digits(r, 2))) else {
        return Err("times are written HH:MM:SS");
    };
    if t[2] != b':' || h > 23 || m > 59 {
        return Err("no such time of day");
    }
    let mut n = 5;
    if t.get(5) == Some(&b':') {
        match t.get(6..).and_then(|r| digits(r, 2)) {
            Some(s) if s <= 60 => n = 8,
            _ => return Err("no such second"),
        }
        if t.get(8) == Some(&b'.') {
            let frac = t[9..].iter().take_while(|c| c.is_ascii_digit()).count();
            if frac == 0 {
                return Err("a fraction of a second needs digits");
            }
            n = 9 + frac;
        }
    }
    Ok(n)
}

/// Digits with single underscores between them (`1_000`).
fn digit_run(s: &[u8], ok: fn(&u8) -> bool) -> bool {
    !s.is_empty()
        && ok(&s[0])
        && ok(&s[s.len() - 1])
        && s.windows(2)
            .all(|w| ok(&w[1]) || (w[1] == b'_' && ok(&w[0])))
}

fn number(tok: &str) -> Result<Value<'static>, &'static str> {
    let t = tok.as_bytes();
    let (sign, body) = match t.first() {
        Some(b'+' | b'-') => (Some(t[0]), &t[1..]),
        _ => (None, t),
    };
    match body {
        b"inf" => {
            return Ok(Value::Float(if sign == Some(b'-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }));
        }
        b"nan" => return Ok(Value::Float(f64::NAN)),
        _ => {}
    }
    if let [b'0', p @ (b'x' | b'o' | b'b'), rest @ ..] = body {
        if sign.is_some() {
            return Err("hexadecimal, octal and binary numbers take no sign");
        }
        let (radix, ok): (u32, fn(&u8) -> bool) = match p {
            b'x' => (16, u8::is_ascii_hexdigit),
            b'o' => (8, |c| (b'0'..=b'7').contains(c)),
            _ => (2, |c| *c == b'0' || *c == b'1'),
        };
        if !digit_run(rest, ok) {
            return Err("digits are missing or misplaced");
        }
        let clean: String = rest
            .iter()
            .filter(|c| **c != b'_')
            .map(|c| *c as char)
            .collect();
        return i64::from_str_radix(&clean, radix)
            .map(Value::Integer)
            .map_err(|_| "out of range for a 64-bit integer");
    }
    // Decimal: integer part, then an optional fraction and exponent.
    let int_len = body
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'_')
        .count();
    let (int, mut rest) = body.split_at(int_len);
    if !digit_run(int, u8::is_ascii_digit) {
        return Err("digits are missing or misplaced");
    }
    if int.len() > 1 && int[0] == b'0' {
        return Err("leading zeros are not allowed");
    }
    let mut float = false;
    if let [b'.', frac @ ..] = rest {
        let n = frac
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == b'_')
            .count();
        if !digit_run(&frac[..n], u8::is_ascii_digit) {
            return Err("a decimal point needs digits on both sides");
        }
        rest = &frac[n..];
        float = true;
    }
    if let [b'e' | b'E', exp @ ..] = rest {
        let exp = match exp {
            [b'+' | b'-', e @ ..] => e,
            e => e,
        };
        if !digit_run(exp, u8::is_ascii_digit) {
            return Err("an exponent needs digits");
        }
        rest = &[];
        float = true;
    }
    if !rest.is_empty() {
        return Err("not a number");
    }
    let clean: String = tok.chars().filter(|c| *c != '_').collect();
    if float {
        // `inf` is spelt out; digits that overflow to it (`4e2262`) are an
        // error, as in the `toml` crate, which `fmt` reads files with.
        match clean.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            Ok(_) => Err("out of range for a 64-bit float"),
            Err(_) => Err("not a number"),
        }
    } else {
        clean
            .parse::<i64>()
            .map(Value::Integer)
            .map_err(|_| "out of range for a 64-bit integer")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Table<'_> {
        parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
    }

    fn bad(text: &str) -> Error {
        parse(text).expect_err(text)
    }

    #[test]
    fn an_entry_can_be_taken_out_of_small_and_indexed_tables() {
        for n in [3, 40] {
            let text: String = (0..n).map(|i| format!("k{i} = {i}\n")).collect();
            let mut t = ok(&text);
            let (k, v) = t.remove("k1").expect("k1");
            assert_eq!(
                (k.get_ref().as_ref(), v.get_ref()),
                ("k1", &Value::Integer(1))
            );
            assert!(t.remove("k1").is_none());
            assert_eq!(t.len(), n - 1);
            // Every other entry is still found where it is.
            for i in (0..n).filter(|&i| i != 1) {
                assert_eq!(
                    t.get(&format!("k{i}")).map(Item::get_ref),
                    Some(&Value::Integer(i as i64))
                );
            }
        }
    }

    #[test]
    fn a_word_outside_ascii_where_a_key_goes_is_named() {
        let e = bad("[plan]\n名称 = \"x\"\n");
        assert_eq!((e.span.clone(), e.bare_word), (7..13, true));
        assert_eq!(e.message, "`名称` cannot be a key without quotes");
        let e = bad("= 1\n");
        assert_eq!((e.message.as_str(), e.bare_word), ("expected a key", false));
    }

    #[test]
    fn keeps_document_order_and_spans() {
        let text = "b = 1\na = \"x\"\n[t]\nz = true\n";
        let root = ok(text);
        let keys: Vec<_> = root.iter().map(|(k, _)| k.get_ref().to_string()).collect();
        assert_eq!(keys, ["b", "a", "t"]);
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.span()], "\"x\"");
        assert_eq!(a.get_ref(), &Value::String("x".into()));
        let (k, t) = root.iter().nth(2).unwrap();
        assert_eq!(&text[k.span()], "t");
        assert_eq!(&text[t.span()], "[t]");
    }

    #[test]
    fn borrows_plain_strings_and_decodes_escapes() {
        let root = ok("a = \"plain 中文\"\nb = \"tab\\tand \\u5E74 \\\"q\\\"\"\n");
        assert!(matches!(
            root.get("a").unwrap().get_ref(),
            Value::String(Cow::Borrowed("plain 中文"))
        ));
        assert_eq!(
            root.get("b").unwrap().get_ref(),
            &Value::String("tab\tand 年 \"q\"".into())
        );
    }

    #[test]
    fn multiline_strings() {
        let root = ok("a = \"\"\"\none \\\n   two\"\"\"\"\nb = '''\nraw \\n'''\n");
        assert_eq!(
            root.get("a").unwrap().get_ref(),
            &Value::String("one two\"".into())
        );
        assert_eq!(
            root.get("b").unwrap().get_ref(),
            &Value::String("raw \\n".into())
        );
    }

    #[test]
    fn tables_arrays_of_tables_and_dotted_keys() {
        let root = ok("[a.b]\nx = 1\n[a]\ny.z = 2\n[[c]]\nn = 1\n[[c]]\nn = 2\n[c.d]\ne = 3\n");
        let Value::Table(a) = root.get("a").unwrap().get_ref() else {
            panic!()
        };
        assert_eq!(a.len(), 2);
        let Value::Array(c) = root.get("c").unwrap().get_ref() else {
            panic!()
        };
        assert_eq!(c.len(), 2);
        let Value::Table(second) = c[1].get_ref() else {
            panic!()
        };
        assert!(second.get("d").is_some());
    }

    #[test]
    fn large_tables_find_duplicates() {
        let mut text = String::new();
        for i in 0..100 {
            text.push_str(&format!("[s.k{i}]\nv = {i}\n"));
        }
        let root = ok(&text);
        let Value::Table(s) = root.get("s").unwrap().get_ref() else {
            panic!()
        };
        assert_eq!(s.len(), 100);
        assert!(s.get("k57").is_some());
        text.push_str("[s.k42]\n");
        let e = bad(&text);
        assert_eq!(e.message, "table `s.k42` is defined twice");
        assert_eq!(&text[e.span], "k42");
    }

    #[test]
    fn numbers_and_dates() {
        let root = ok("a = 1_000\n");
        assert_eq!(root.get("a").unwrap().get_ref(), &Value::Integer(1000));
        assert!(bad("b = -0x10\n").message.contains("no sign"));
        let root = ok("h = 0xff\nf = 6.5e-1\ni = -inf\n");
        assert_eq!(root.get("h").unwrap().get_ref(), &Value::Integer(255));
        assert!(bad("d = 2026-02-29\n").message.contains("no such day"));
        let root = ok("d = 2028-02-29\nt = 1979-05-27 07:32:00.5+08:00\nl = 07:32\n");
        assert_eq!(root.get("t").unwrap().get_ref(), &Value::Datetime);
        assert!(bad("a = 01\n").message.contains("leading zeros"));
        assert!(bad("a = 1__0\n").message.contains("misplaced"));
        assert!(
            bad("a = 9223372036854775808\n")
                .message
                .contains("out of range")
        );
    }

    #[test]
    fn a_float_too_large_for_64_bits_is_an_error_not_infinity() {
        // Found by fuzzing against the `toml` crate: `4e2262` was read as
        // infinity, so `check` and `fmt` disagreed about the same file.
        for text in ["a = 4e2262\n", "a = -1.5e309\n", "a = 1_0e3_09\n"] {
            assert!(bad(text).message.contains("out of range"), "{text}");
        }
        let root = ok("a = 1.7e308\nb = 1e-400\nc = +inf\n");
        assert_eq!(root.get("a").unwrap().get_ref(), &Value::Float(1.7e308));
        assert_eq!(root.get("b").unwrap().get_ref(), &Value::Float(0.0));
        assert_eq!(
            root.get("c").unwrap().get_ref(),
            &Value::Float(f64::INFINITY)
        );
    }

    #[test]
    fn nothing_nested_deeper_than_toml_edit_reads_is_accepted() {
        // Found by fuzzing against the `toml` crate: a header of 81 to 128
        // parts passed `check`, and `fmt` (toml_edit, limit 80) refused it.
        for n in [63, 64, 65, 80, 81, 128] {
            let key = vec!["a"; n].join(".");
            for text in [
                format!("[{key}]\n"),
                format!("{key} = 1\n"),
                format!("a = {}1{}\n", "[".repeat(n), "]".repeat(n)),
                format!("a = {}1{}\n", "{b = ".repeat(n), "}".repeat(n)),
            ] {
                let ours = parse(&text).is_ok();
                assert!(ours || n > 63, "{n}: {text}");
                assert!(!ours || n <= 64, "{n}: {text}");
                assert!(!ours || text.parse::<toml_edit::DocumentMut>().is_ok());
            }
        }
    }

    #[test]
    fn errors_point_at_the_problem() {
        let text = "a = 1\na = 2\n";
        let e = bad(text);
        assert_eq!(e.message, "duplicate key `a`");
        assert_eq!(e.span, 6..7);
        let e = bad("name = \"unclosed\n");
        assert!(e.message.contains("no closing"));
        let e = bad("a = { b = 1 }\n[a.c]\n");
        assert!(e.message.contains("inline table"));
        let e = bad("[a]\nb.c = 1\n[a.b]\n");
        assert!(e.message.contains("dotted keys"));
        let e = bad("a = 1 2\n");
        assert!(e.message.contains("expected a newline"));
        let e = bad("a = 1\n[t]\nb = 1\nb = 2\n");
        assert_eq!(e.related, Some((10..11, "first defined here".into())));
        let e = bad("name = 新媒体 计划 # note\n");
        assert_eq!(e.message, "text must be in quotes");
        assert_eq!(e.help.as_deref(), Some("write `\"新媒体 计划\"`"));
        let e = bad("theme = inbox zero\n");
        assert_eq!(e.help.as_deref(), Some("write `\"inbox zero\"`"));
        let e = bad("a = .5\n");
        assert!(e.message.starts_with("expected a value"));
        let e = bad("a = [1, 2\nb = 3\n");
        assert_eq!(e.related, Some((4..5, "the array starts here".into())));
        let e = bad(&format!("[{}]\n", vec!["a"; 200_000].join(".")));
        assert!(e.message.contains("at most 64 parts"));
        let e = bad(&format!("k{} = 1\n", ".a".repeat(200_000)));
        assert!(e.message.contains("at most 64 parts"));
        let e = bad(&format!("a = {}1{}\n", "[".repeat(200), "]".repeat(200)));
        assert!(e.message.contains("nested too deeply"));
    }
}

#[cfg(test)]
#[path = "tree_tests.rs"]
mod conformance;
