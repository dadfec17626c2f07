//! TOML 1.1 text to the spanned tree the schema reader walks: every key and
//! value with its byte span, tables in document order, keys and strings
//! borrowed from the file when they have no escapes. The TOML grammar is
//! `toml_parser`'s, the crate under `toml` and `toml_edit` (and so under
//! `fmt`, which edits files with `toml_edit`): its lexer cuts the text
//! into tokens, its push parser turns them into events, and its decoder
//! decodes keys, strings and comments. This module builds the tree from those events and
//! adds what a plan author needs on top: TOML's rules on tables (a key or
//! a table defined twice, dotted keys against headers, inline tables
//! closed once written), limits on nesting, numbers and date-times read
//! from their token's text (integers in range, dates that exist:
//! `2026-02-30` is refused), and errors that say what was expected where
//! (an `=` after a key, quotes around text) in our words rather than the
//! parser's. Parsing stops at the first error, which is all a diagnostic
//! needs. It is checked against the toml-test conformance suite, against
//! the `toml` crate on the same inputs, and for the wording and place of
//! each kind of syntax error (`tree_tests.rs`).

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;

use toml_parser::decoder::Encoding;
use toml_parser::lexer::TokenKind;
use toml_parser::parser::{EventReceiver, parse_document};
use toml_parser::{ErrorSink, Expected, ParseError, Raw, Source, Span};

use crate::locale::{Msg, Pair};
use crate::tr;

/// A syntax error: what is wrong and where (byte offsets), with a help
/// line and a second location when there is something better to say than
/// a pointer to the TOML specification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: Msg,
    pub span: Range<usize>,
    /// Boxed, as is `related`: most errors have neither, and the parser's
    /// results stay small.
    pub help: Option<Box<Msg>>,
    /// Another place that explains the error (the first definition of a
    /// duplicate key, the opening bracket of an unclosed array).
    pub related: Option<Box<(Range<usize>, Msg)>>,
    /// `span` is a word where a key was expected that would be a key if
    /// TOML allowed its characters unquoted (`名称 = "x"`), so the caller
    /// can say which key was meant.
    pub bare_word: bool,
}

impl Error {
    fn new(span: Range<usize>, message: Msg) -> Self {
        Error {
            message,
            span,
            help: None,
            related: None,
            bare_word: false,
        }
    }

    fn help(mut self, help: Msg) -> Self {
        self.help = Some(Box::new(help));
        self
    }

    fn related(mut self, span: Range<usize>, label: Msg) -> Self {
        self.related = Some(Box::new((span, label)));
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
        return Err(Error::new(
            0..0,
            tr!("文件超过 4 GB", "file is larger than 4 GiB"),
        ));
    }
    if text.starts_with('\u{feff}') {
        // The lexer skips a byte-order mark; the loader strips one before
        // parsing, so one still here is a character where a key goes.
        return Err(not_a_key(text, 0));
    }
    let reported = Cell::new(false);
    let mut sink = |_: ParseError| reported.set(true);
    let mut builder = Builder {
        src: text,
        root: Table::default(),
        section: Vec::new(),
        spare: Vec::new(),
        header: None,
        keys: Vec::new(),
        frames: Vec::new(),
        expect: Expect::Line,
        cursor: 0,
        value_start: 0,
        comment_end: None,
        error: None,
        reported: &reported,
    };
    // The document goes to the parser some lines at a time: a line break
    // outside brackets always ends an expression, and the tokens of a
    // whole plan (a megabyte of TOML, 300,000 tokens) are never in memory
    // at once. Brackets that do not balance keep the rest of the document
    // in one piece, as the parser then reports an error in it anyway.
    let mut tokens = Vec::with_capacity(1100);
    let mut depth = 0i64;
    for token in Source::new(text).lex() {
        match token.kind() {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => depth -= 1,
            _ => {}
        }
        let end_of_line = token.kind() == TokenKind::Newline && depth == 0;
        tokens.push(token);
        if end_of_line && tokens.len() >= 1024 {
            parse_document(&tokens, &mut builder, &mut sink);
            tokens.clear();
            if builder.error.is_some() {
                break;
            }
        }
    }
    parse_document(&tokens, &mut builder, &mut sink);
    builder.finish()
}

/// How deeply arrays and inline tables may nest, and how many parts a key
/// may have. Below the `toml` crate's limit (80), so that no file `check`
/// reads is one `fmt` (`toml_edit`, the same limit) cannot; plans nest a
/// handful of levels.
const MAX_DEPTH: u32 = 64;

type Res<T> = Result<T, Error>;

/// What the builder takes next; an event that is not one of these is where
/// the text stops being TOML, and the error names what was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// The start of a line: a key, a header or nothing.
    Line,
    /// A header's first key, or a key after a dot.
    Key,
    /// A dot, or what ends the key (`=`, or the header's `]`).
    AfterKey,
    /// A value after `=`.
    Value,
    /// A value or `]` in an array.
    Item,
    /// A key or `}` in an inline table.
    Entry,
    /// What may follow a value: a separator, a closing bracket, the end of
    /// the line.
    AfterValue,
    /// The end of a header's line.
    AfterHeader,
}

/// A `[header]` or `[[header]]` being read.
struct Header<'a> {
    of_tables: bool,
    span: Range<usize>,
    keys: Vec<Key<'a>>,
}

/// An array or inline table being read, from its opening bracket.
enum Frame<'a> {
    Array {
        open: usize,
        items: Vec<Item<'a>>,
    },
    Inline {
        open: usize,
        table: Table<'a>,
        keys: Vec<Key<'a>>,
    },
}

/// Builds the tree from `toml_parser`'s events, checking that they come in
/// the order TOML allows and that the document means something.
struct Builder<'a, 'r> {
    src: &'a str,
    root: Table<'a>,
    /// Where the table of the last header is: the place of each entry on
    /// its path.
    section: Vec<u32>,
    /// The keys of the header before, kept for their room.
    spare: Vec<Key<'a>>,
    header: Option<Header<'a>>,
    /// The key of a key-value line being read.
    keys: Vec<Key<'a>>,
    frames: Vec<Frame<'a>>,
    expect: Expect,
    /// Where the text has been read to: the place of an error found now.
    cursor: usize,
    /// Where the last value of a key-value line started.
    value_start: usize,
    /// The end of a comment just read (a lone carriage return after it is
    /// a character of the comment).
    comment_end: Option<usize>,
    error: Option<Error>,
    /// Set when the parser has found a syntax error.
    reported: &'r Cell<bool>,
}

impl<'a> Builder<'a, '_> {
    /// Whether to take the next event: not after an error. A syntax error
    /// the parser has reported since the last event is ours now, described
    /// by what was expected at the cursor.
    fn go(&mut self) -> bool {
        if self.error.is_some() {
            return false;
        }
        if self.reported.get() {
            self.error = Some(self.here());
            return false;
        }
        true
    }

    fn fail(&mut self, e: Error) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// The error for an event that does not fit: where its token starts,
    /// or for a token the parser made up (an empty span), where the text
    /// has been read to.
    fn misplaced(&mut self, span: Span) {
        let at = if span.is_empty() {
            self.cursor.max(span.start())
        } else {
            span.start()
        };
        self.unexpected(at);
    }

    /// The error for something unexpected at `at`.
    fn unexpected(&mut self, at: usize) {
        self.cursor = at;
        let e = self.here();
        self.fail(e);
    }

    /// What was expected at the cursor, as an error.
    fn here(&self) -> Error {
        let (src, pos) = (self.src, self.cursor);
        match self.expect {
            Expect::Key if self.path().len() >= MAX_DEPTH as usize => {
                // Tables nested this deep would overflow the stack when the
                // tree is dropped.
                error_here(
                    src,
                    pos,
                    tr!(
                        "点分键最多只能有 {MAX_DEPTH} 段",
                        "a dotted key may have at most {MAX_DEPTH} parts"
                    ),
                )
            }
            Expect::Line | Expect::Key | Expect::Entry => not_a_key(src, pos),
            Expect::AfterKey => match &self.header {
                Some(h) if h.of_tables => error_here(
                    src,
                    pos,
                    tr!("表头应以 `]]` 结束", "expected `]]` to end the header"),
                ),
                Some(_) => error_here(
                    src,
                    pos,
                    tr!("表头应以 `]` 结束", "expected `]` to end the header"),
                ),
                None => error_here(src, pos, tr!("键后面应有 `=`", "expected `=` after a key")),
            },
            Expect::Value | Expect::Item if pos >= src.len() => {
                Error::new(pos..pos, tr!("此处应有一个值", "expected a value"))
            }
            Expect::Value | Expect::Item => unquoted(src, pos),
            Expect::AfterHeader => error_here(
                src,
                pos,
                tr!("表头后面应换行", "expected a newline after the header"),
            ),
            Expect::AfterValue => match self.frames.last() {
                Some(Frame::Array { open, .. }) => unclosed(src, pos, *open, true),
                Some(Frame::Inline { open, .. }) => unclosed(src, pos, *open, false),
                None => {
                    // `name = 2026 新媒体计划`: a number or date followed
                    // by more words was text without quotes.
                    let b = src.as_bytes();
                    let scalar = !matches!(b[self.value_start], b'"' | b'\'' | b'[' | b'{');
                    let words = b
                        .get(pos)
                        .is_some_and(|c| c.is_ascii_alphabetic() || !c.is_ascii());
                    if scalar && words {
                        let e = unquoted(src, self.value_start);
                        if e.help.is_some() {
                            return e;
                        }
                    }
                    error_here(
                        src,
                        pos,
                        tr!("值后面应换行", "expected a newline after the value"),
                    )
                }
            },
        }
    }

    /// The key being read.
    fn path(&self) -> &Vec<Key<'a>> {
        match (&self.header, self.frames.last()) {
            (Some(h), _) => &h.keys,
            (None, Some(Frame::Inline { keys, .. })) => keys,
            _ => &self.keys,
        }
    }

    fn path_mut(&mut self) -> &mut Vec<Key<'a>> {
        match (&mut self.header, self.frames.last_mut()) {
            (Some(h), _) => &mut h.keys,
            (None, Some(Frame::Inline { keys, .. })) => keys,
            _ => &mut self.keys,
        }
    }

    fn finish(mut self) -> Res<Table<'a>> {
        if self.go() {
            match self.expect {
                Expect::AfterHeader => {
                    if let Err(e) = self.declare_header() {
                        self.fail(e);
                    }
                }
                Expect::Line | Expect::AfterValue if self.frames.is_empty() => {}
                _ => self.error = Some(self.here()),
            }
        }
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.root),
        }
    }

    fn declare_header(&mut self) -> Res<()> {
        let mut h = self.header.take().expect("a header was read");
        let declared = declare(
            &mut self.root,
            &h.keys,
            h.of_tables,
            h.span,
            &mut self.section,
        );
        h.keys.clear();
        self.spare = h.keys;
        declared
    }

    fn key(&mut self, span: Span, encoding: Option<Encoding>) -> Res<()> {
        let (start, end) = (span.start(), span.end());
        let text = &self.src[start..end];
        let mut end_of_key = end;
        let name = match encoding {
            None => {
                let n = text.bytes().position(|c| !is_bare(c)).unwrap_or(text.len());
                if n == 0 {
                    self.misplaced(span);
                    return Ok(());
                }
                end_of_key = start + n;
                Cow::Borrowed(&text[..n])
            }
            Some(Encoding::MlBasicString | Encoding::MlLiteralString) => {
                return Err(error_here(
                    self.src,
                    start,
                    tr!("键不能是多行字符串", "a key cannot be a multi-line string"),
                ));
            }
            Some(e) => self.string(span, e, true)?,
        };
        self.path_mut().push(Key {
            name,
            start: start as u32,
            end: end_of_key as u32,
        });
        self.expect = Expect::AfterKey;
        self.cursor = end_of_key;
        if end_of_key < end {
            // `ab+c`, `a"b"`: a key, then a character no key has.
            self.unexpected(end_of_key);
        }
        Ok(())
    }

    /// A quoted key or string, decoded; borrowed when it has no escapes.
    fn string(&self, span: Span, encoding: Encoding, key: bool) -> Res<Cow<'a, str>> {
        let raw = Raw::new_unchecked(&self.src[span.start()..span.end()], Some(encoding), span);
        let mut out = Cow::Borrowed("");
        let mut errors: Vec<ParseError> = Vec::new();
        if key {
            raw.decode_key(&mut out, &mut errors);
        } else {
            let _ = raw.decode_scalar(&mut out, &mut errors);
        }
        if errors.is_empty() {
            return Ok(out);
        }
        if let Some(backslash) = escaped_close(self.src, span, encoding) {
            // `"a\"` at the end of a line: the lexer ends the token there,
            // and the decoder takes the escaped quote for a closing one.
            errors.retain(|e| e.unexpected().is_some_and(|u| u.start() <= backslash));
            if errors.is_empty() {
                let (start, end) = (span.start(), span.end());
                return Err(match encoding {
                    Encoding::BasicString => Error::new(start..end, no_closing("\"")),
                    _ => Error::new(start..start + 3, no_closing("\"\"\"")),
                });
            }
        }
        match first_string_error(&errors, span) {
            None => Ok(out),
            Some(e) => Err(string_error(self.src, span, encoding, e)),
        }
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>) -> Res<()> {
        let (start, end) = (span.start(), span.end());
        if self.frames.is_empty() {
            self.value_start = start;
        }
        match encoding {
            Some(e) => {
                let s = self.string(span, e, false)?;
                let quote = match e {
                    Encoding::MlBasicString => Some(b'"'),
                    Encoding::MlLiteralString => Some(b'\''),
                    _ => None,
                };
                self.value(Item::new(Value::String(s), start..end, 0), quote)
            }
            None => {
                let (value, used) = unquoted_scalar(self.src, start)?;
                self.value(Item::new(value, start..used, 0), None)?;
                // The parser reads `1 2` as one value; it is a value and
                // something after it.
                let rest = self.src[used..end].trim_start_matches([' ', '\t']);
                if !rest.is_empty() {
                    self.unexpected(end - rest.len());
                }
                Ok(())
            }
        }
    }

    /// A value is complete: it goes into its array or table.
    fn value(&mut self, item: Item<'a>, multi_line_quote: Option<u8>) -> Res<()> {
        let end = item.span().end;
        if let Some(&c) = self.src.as_bytes().get(end)
            && !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'#' | b',' | b']' | b'}')
        {
            if multi_line_quote == Some(c) {
                return Err(too_many_quotes(self.src, item.span(), c));
            }
            return Err(error_here(
                self.src,
                end,
                tr!("值后面有多余的字符", "unexpected character after the value"),
            ));
        }
        match self.frames.last_mut() {
            None => insert(descend(&mut self.root, &self.section), &mut self.keys, item)?,
            Some(Frame::Array { items, .. }) => items.push(item),
            Some(Frame::Inline { table, keys, .. }) => insert(table, keys, item)?,
        }
        self.expect = Expect::AfterValue;
        self.cursor = end;
        Ok(())
    }

    /// An array or inline table opens.
    fn open(&mut self, span: Span, frame: Frame<'a>, next: Expect) -> bool {
        if !self.go() {
            return false;
        }
        if !matches!(self.expect, Expect::Value | Expect::Item) || span.is_empty() {
            self.misplaced(span);
            return false;
        }
        if self.frames.len() >= MAX_DEPTH as usize {
            let e = error_here(
                self.src,
                span.start(),
                tr!(
                    "数组和表嵌套得太深",
                    "arrays and tables are nested too deeply"
                ),
            );
            self.fail(e);
            return false;
        }
        if self.frames.is_empty() {
            self.value_start = span.start();
        }
        self.frames.push(frame);
        self.expect = next;
        self.cursor = span.end();
        true
    }

    /// An array (`]`) or inline table (`}`) closes.
    fn close(&mut self, span: Span, array: bool) {
        if !self.go() {
            return;
        }
        let open_here = match self.frames.last() {
            Some(Frame::Array { .. }) => array && matches!(self.expect, Expect::Item),
            Some(Frame::Inline { .. }) => !array && matches!(self.expect, Expect::Entry),
            None => false,
        };
        let is_array = matches!(self.frames.last(), Some(Frame::Array { .. }));
        if span.is_empty()
            || self.frames.is_empty()
            || is_array != array
            || !(open_here || self.expect == Expect::AfterValue)
        {
            self.misplaced(span);
            return;
        }
        let item = match self.frames.pop().expect("checked above") {
            Frame::Array { open, items } => {
                Item::new(Value::Array(items), open..span.end(), FROZEN)
            }
            Frame::Inline { open, table, .. } => {
                Item::new(Value::Table(table), open..span.end(), FROZEN)
            }
        };
        if let Err(e) = self.value(item, None) {
            self.fail(e);
        }
    }

    /// A header opens.
    fn header(&mut self, span: Span, of_tables: bool) {
        if !self.go() {
            return;
        }
        if self.expect != Expect::Line {
            return self.misplaced(span);
        }
        self.header = Some(Header {
            of_tables,
            span: span.start()..span.end(),
            keys: std::mem::take(&mut self.spare),
        });
        self.expect = Expect::Key;
        self.cursor = span.end();
    }

    /// A header closes with `]` or `]]`.
    fn header_end(&mut self, span: Span, of_tables: bool) {
        if !self.go() {
            return;
        }
        match &mut self.header {
            Some(h) if h.of_tables == of_tables && self.expect == Expect::AfterKey => {
                h.span.end = span.end();
                self.expect = Expect::AfterHeader;
                self.cursor = span.end();
            }
            _ => self.misplaced(span),
        }
    }
}

impl EventReceiver for Builder<'_, '_> {
    fn std_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.header(span, false);
    }

    fn std_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.header_end(span, false);
    }

    fn array_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.header(span, true);
    }

    fn array_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.header_end(span, true);
    }

    fn inline_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        let frame = Frame::Inline {
            open: span.start(),
            table: Table::default(),
            keys: Vec::new(),
        };
        self.open(span, frame, Expect::Entry)
    }

    fn inline_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.close(span, false);
    }

    fn array_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        let frame = Frame::Array {
            open: span.start(),
            items: Vec::new(),
        };
        self.open(span, frame, Expect::Item)
    }

    fn array_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.close(span, true);
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        if !self.go() {
            return;
        }
        match self.expect {
            Expect::Line | Expect::Entry => {}
            Expect::Key if self.path().len() < MAX_DEPTH as usize => {}
            _ => return self.misplaced(span),
        }
        let (start, end) = (span.start(), span.end());
        let text = &self.src[start..end];
        if encoding.is_none() && !text.is_empty() && text.bytes().all(is_bare) {
            // Most keys: a word without quotes.
            self.path_mut().push(Key {
                name: Cow::Borrowed(text),
                start: start as u32,
                end: end as u32,
            });
            self.expect = Expect::AfterKey;
            self.cursor = end;
            return;
        }
        if let Err(e) = self.key(span, encoding) {
            self.fail(e);
        }
    }

    fn key_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if !self.go() {
            return;
        }
        if self.expect != Expect::AfterKey {
            return self.misplaced(span);
        }
        self.expect = Expect::Key;
        self.cursor = span.end();
    }

    fn key_val_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if !self.go() {
            return;
        }
        if self.expect != Expect::AfterKey || self.header.is_some() || span.is_empty() {
            return self.misplaced(span);
        }
        self.expect = Expect::Value;
        self.cursor = span.end();
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        if !self.go() {
            return;
        }
        if !matches!(self.expect, Expect::Value | Expect::Item) || span.is_empty() {
            return self.misplaced(span);
        }
        self.cursor = span.start();
        if let Err(e) = self.scalar(span, encoding) {
            self.fail(e);
        }
    }

    fn value_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if !self.go() {
            return;
        }
        let next = match self.frames.last() {
            Some(Frame::Array { .. }) => Expect::Item,
            Some(Frame::Inline { .. }) => Expect::Entry,
            None => return self.misplaced(span),
        };
        if self.expect != Expect::AfterValue || span.is_empty() {
            return self.misplaced(span);
        }
        self.expect = next;
        self.cursor = span.end();
    }

    fn whitespace(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if !self.go() {
            return;
        }
        self.cursor = span.end();
        self.comment_end = None;
    }

    fn comment(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if !self.go() {
            return;
        }
        if !self.blank_allowed() {
            return self.misplaced(span);
        }
        let raw = Raw::new_unchecked(&self.src[span.start()..span.end()], None, span);
        let mut errors: Vec<ParseError> = Vec::new();
        raw.decode_comment(&mut errors);
        if let Some(at) = errors
            .iter()
            .filter_map(ParseError::unexpected)
            .map(|u| u.start())
            .min()
        {
            let c = self.src.as_bytes()[at];
            return self.fail(error_here(
                self.src,
                at,
                tr!(
                    "注释中不能有控制字符 U+{c:04X}",
                    "control character U+{c:04X} is not allowed in a comment"
                ),
            ));
        }
        self.cursor = span.end();
        self.comment_end = Some(span.end());
    }

    fn newline(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if !self.go() {
            return;
        }
        if !self.blank_allowed() {
            return self.misplaced(span);
        }
        let at = span.start();
        if span.len() == 1 && self.src.as_bytes()[at] == b'\r' {
            let message = if self.comment_end == Some(at) {
                tr!(
                    "注释中不能有控制字符 U+000D",
                    "control character U+000D is not allowed in a comment"
                )
            } else {
                lone_carriage_return()
            };
            return self.fail(error_here(self.src, at, message));
        }
        self.cursor = span.end();
        self.comment_end = None;
        match self.expect {
            Expect::AfterValue if self.frames.is_empty() => self.expect = Expect::Line,
            Expect::AfterHeader => {
                if let Err(e) = self.declare_header() {
                    return self.fail(e);
                }
                self.expect = Expect::Line;
            }
            _ => {}
        }
    }

    fn error(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if self.go() {
            self.misplaced(span);
        }
    }
}

impl Builder<'_, '_> {
    /// Whether a comment or a line break may come now.
    fn blank_allowed(&self) -> bool {
        matches!(
            self.expect,
            Expect::Line | Expect::Item | Expect::Entry | Expect::AfterValue | Expect::AfterHeader
        )
    }
}

fn is_bare(c: u8) -> bool {
    BARE[c as usize]
}

/// The bytes of a key without quotes: ASCII letters and digits, `_`, `-`.
const BARE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        c += 1;
    }
    t
};

/// An error covering the character at `at` (nothing at the end).
fn error_here(src: &str, at: usize, message: Msg) -> Error {
    let end = src[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    Error::new(at..end, message)
}

/// "expected a key"; for a word of letters outside ASCII (`名称`), an error
/// that says so and carries the word's span.
fn not_a_key(src: &str, at: usize) -> Error {
    let rest = &src[at..];
    let word = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    if rest.chars().next().is_some_and(|c| !c.is_ascii()) && word > 0 {
        let word = &rest[..word];
        let mut e = Error::new(
            at..at + word.len(),
            tr!(
                "`{word}` 不加引号不能作为键",
                "`{word}` cannot be a key without quotes"
            ),
        );
        e.bare_word = true;
        return e;
    }
    error_here(src, at, tr!("此处应为键", "expected a key"))
}

/// Something that is not a value: most often text without quotes
/// (`name = 新媒体计划`), which gets its quoted spelling as help.
fn unquoted(src: &str, at: usize) -> Error {
    let line = src[at..]
        .split(['\n', '\r', '#'])
        .next()
        .unwrap_or("")
        .trim_end();
    let text = line.trim_end_matches([',', ']', '}']).trim_end();
    let wordy = text.starts_with(|c: char| c.is_alphanumeric() || !c.is_ascii());
    if !wordy {
        return error_here(
            src,
            at,
            tr!(
                "此处应有一个值（字符串、数字、`true`、`false`、日期、数组或表）",
                "expected a value (a string, a number, `true`, `false`, a date, an array or a table)"
            ),
        );
    }
    let quoted = text.replace('\\', "\\\\").replace('"', "\\\"");
    Error::new(
        at..at + text.len(),
        tr!("文本必须加引号", "text must be in quotes"),
    )
    .help(tr!("写成 `\"{quoted}\"`", "write `\"{quoted}\"`"))
}

/// A separator or closing bracket was expected after an entry of the array
/// (`array`) or inline table opened at `open`.
fn unclosed(src: &str, at: usize, open: usize, array: bool) -> Error {
    if array {
        error_here(
            src,
            at,
            tr!(
                "数组中此处应为 `,` 或 `]`",
                "expected `,` or `]` in the array"
            ),
        )
        .related(
            open..open + 1,
            tr!("数组从这里开始", "the array starts here"),
        )
        .help(tr!(
            "数组的值之间用 `,` 分隔，数组以 `]` 结束",
            "separate the values with `,` and end the array with `]`"
        ))
    } else {
        error_here(
            src,
            at,
            tr!(
                "内联表中此处应为 `,` 或 `}}`",
                "expected `,` or `}}` in the inline table"
            ),
        )
        .related(
            open..open + 1,
            tr!("内联表从这里开始", "the inline table starts here"),
        )
        .help(tr!(
            "内联表的各项之间用 `,` 分隔，内联表以 `}}` 结束",
            "separate the entries with `,` and end the inline table with `}}`"
        ))
    }
}

/// A string that does not end: its quote is `quote`.
fn no_closing(quote: &str) -> Msg {
    tr!(
        "这个字符串缺少结尾的 `{quote}`",
        "this string has no closing `{quote}`"
    )
}

fn lone_carriage_return() -> Msg {
    tr!(
        "回车符后面必须紧跟换行符",
        "a carriage return must be followed by a newline"
    )
}

/// The decoder's error that comes first in the string: where a reader of
/// the text would stop (a missing closing quote is found last).
fn first_string_error(errors: &[ParseError], span: Span) -> Option<&ParseError> {
    errors.iter().min_by_key(|e| {
        let at = e.unexpected().map_or(span.end(), |u| u.start());
        (at, no_closing_quote(e, span))
    })
}

/// Whether the decoder's error is that the string token at `span` has no
/// closing quote.
fn no_closing_quote(e: &ParseError, span: Span) -> bool {
    e.unexpected().is_some_and(|u| u.start() >= span.end())
        && e.description().starts_with("invalid")
        && e.expected()
            .is_some_and(|x| x.iter().any(|x| matches!(x, Expected::Literal("\"" | "'"))))
}

/// The backslash before the quotes a basic string token at `span` ends
/// with, when they are too few to close it once the escaped one is not
/// counted: the lexer stopped at the end of the line or the file.
fn escaped_close(src: &str, span: Span, encoding: Encoding) -> Option<usize> {
    let (open, close) = match encoding {
        Encoding::BasicString => (1, 1),
        Encoding::MlBasicString => (3, 3),
        _ => return None,
    };
    let body = src.get(span.start() + open..span.end())?;
    let before = body.trim_end_matches('"');
    let quotes = body.len() - before.len();
    let run = before.len() - before.trim_end_matches('\\').len();
    (quotes > 0 && run % 2 == 1 && quotes - 1 < close)
        .then(|| span.start() + open + before.len() - 1)
}

/// Our words for the decoder's error `e` in the string token at `span`.
fn string_error(src: &str, span: Span, encoding: Encoding, e: &ParseError) -> Error {
    let (start, end) = (span.start(), span.end());
    let at = e.unexpected().map_or(end, |u| u.start()).min(end);
    let description = e.description();
    let (multi_line, quote) = match encoding {
        Encoding::BasicString => (false, "\""),
        Encoding::LiteralString => (false, "'"),
        Encoding::MlBasicString => (true, "\"\"\""),
        Encoding::MlLiteralString => (true, "'''"),
    };
    if matches!(
        description,
        "missing escaped value" | "too few unicode value digits" | "invalid value"
    ) {
        let backslash = src[start..at].rfind('\\').map_or(start, |i| start + i);
        return invalid_escape(src, backslash);
    }
    if description.starts_with("carriage return") {
        let cr = at.saturating_sub(1).max(start);
        if encoding == Encoding::MlBasicString
            && let Some(backslash) = escaping_backslash(src, start, cr)
        {
            return invalid_escape(src, backslash);
        }
        return error_here(src, cr, lone_carriage_return());
    }
    if no_closing_quote(e, span) {
        let span = if multi_line {
            start..start + 3
        } else {
            start..end
        };
        return Error::new(span, no_closing(quote));
    }
    if encoding == Encoding::MlBasicString
        && let Some(backslash) = escaping_backslash(src, start, at)
    {
        // A backslash and blanks not followed by a line break.
        return invalid_escape(src, backslash);
    }
    let c = src.as_bytes().get(at).copied().unwrap_or(0);
    if !multi_line && matches!(c, b'\r' | b'\n') {
        return Error::new(start..at, no_closing(quote));
    }
    error_here(
        src,
        at,
        tr!(
            "字符串中不能有控制字符 U+{c:04X}，要写成转义序列",
            "control character U+{c:04X} is not allowed in a string; write it as an escape"
        ),
    )
}

/// The backslash that starts an escape before `at`, with only blanks
/// between them.
fn escaping_backslash(src: &str, start: usize, at: usize) -> Option<usize> {
    let before = src[start..at].trim_end_matches([' ', '\t']);
    let run = before.len() - before.trim_end_matches('\\').len();
    (run % 2 == 1).then(|| start + before.len() - 1)
}

/// The escape starting at the backslash at `at` is not one TOML has.
fn invalid_escape(src: &str, at: usize) -> Error {
    match src[at + 1..].chars().next() {
        Some(k @ ('x' | 'u' | 'U')) => {
            let n = match k {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let end = crate::source::floor_char_boundary(src, (at + 2 + n).min(src.len()));
            let escape = &src[at..end];
            Error::new(
                at..end,
                tr!(
                    "无效的转义 `{escape}`：`\\{k}` 后面要跟 {n} 位十六进制数字（字符的码位）",
                    "invalid escape `{escape}`: `\\{k}` takes {n} hex digits of a Unicode scalar value"
                ),
            )
        }
        k => {
            let end = at + 1 + k.map_or(0, char::len_utf8);
            let escape = &src[at..end];
            Error::new(
                at..end,
                tr!(
                    "无效的转义 `{escape}`；反斜杠要写成 `\\\\`",
                    "invalid escape `{escape}`; write `\\\\` for a backslash"
                ),
            )
        }
    }
}

/// A multi-line string at `span` is followed by more of its quote `q`:
/// more than five quotes in a row where it ends.
fn too_many_quotes(src: &str, span: Range<usize>, q: u8) -> Error {
    let b = src.as_bytes();
    let mut start = span.end;
    while start > span.start + 3 && b[start - 1] == q {
        start -= 1;
    }
    let before = &src[span.start..start];
    if q == b'"' && (before.len() - before.trim_end_matches('\\').len()) % 2 == 1 {
        // `\"` is a quote of the text.
        start += 1;
    }
    let mut end = span.end;
    while b.get(end) == Some(&q) {
        end += 1;
    }
    let quotes = if q == b'"' { "\"\"\"" } else { "'''" };
    Error::new(
        start..end,
        tr!(
            "这里的引号太多：多行字符串以 `{quotes}` 结束",
            "too many quotes here: a multi-line string ends at `{quotes}`"
        ),
    )
}

/// A value written without quotes, at `start`: `true`, `false`, a number
/// or a date-time; returns it and where it ends.
fn unquoted_scalar(src: &str, start: usize) -> Res<(Value<'static>, usize)> {
    let rest = &src[start..];
    match rest.as_bytes().first() {
        Some(b't') if rest.starts_with("true") => Ok((Value::Boolean(true), start + 4)),
        Some(b'f') if rest.starts_with("false") => Ok((Value::Boolean(false), start + 5)),
        Some(c) if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'i' | b'n') => {
            number_or_date(src, start)
        }
        _ => Err(unquoted(src, start)),
    }
}

/// A number or a date-time: the characters they use, and a date may be
/// followed by a space and a time.
fn number_or_date(src: &str, start: usize) -> Res<(Value<'static>, usize)> {
    let b = src.as_bytes();
    let token_char =
        |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'-' | b'.' | b':');
    let run = |from: usize| from + b[from..].iter().take_while(|c| token_char(c)).count();
    let mut end = run(start);
    if is_date(&b[start..end])
        && b.get(end) == Some(&b' ')
        && b.get(end + 1).is_some_and(u8::is_ascii_digit)
        && b.get(end + 3) == Some(&b':')
    {
        end = run(end + 1);
    }
    let tok = &src[start..end];
    if tok.starts_with(|c: char| c.is_ascii_alphabetic()) && tok != "inf" && tok != "nan" {
        // `inbox`, `new plan`: a word, not a number.
        return Err(unquoted(src, start));
    }
    let span = start..end;
    let t = tok.as_bytes();
    if t.len() >= 5 && t[..4].iter().all(u8::is_ascii_digit) && t[4] == b'-' {
        return match datetime(t) {
            Ok(()) => Ok((Value::Datetime, end)),
            Err(Pair { zh, en }) => Err(Error::new(
                span,
                tr!(
                    "无效的日期时间 `{tok}`：{zh}",
                    "invalid date-time `{tok}`: {en}"
                ),
            )),
        };
    }
    if t.len() >= 3 && t[..2].iter().all(u8::is_ascii_digit) && t[2] == b':' {
        return match time(t) {
            Ok(n) if n == t.len() => Ok((Value::Datetime, end)),
            Ok(_) => Err(Error::new(
                span,
                tr!("无效的时间 `{tok}`", "invalid time `{tok}`"),
            )),
            Err(Pair { zh, en }) => Err(Error::new(
                span,
                tr!("无效的时间 `{tok}`：{zh}", "invalid time `{tok}`: {en}"),
            )),
        };
    }
    match number(tok) {
        Ok(v) => Ok((v, end)),
        Err(Pair { zh, en }) => Err(Error::new(
            span,
            tr!("无效的数字 `{tok}`：{zh}", "invalid number `{tok}`: {en}"),
        )),
    }
}

/// Finds the table a section's key-values go into, by the places of its
/// path's entries (taken when its header was declared; a section only
/// appends to the tables above it, so they stay where they are).
fn descend<'t, 'a>(root: &'t mut Table<'a>, path: &[u32]) -> &'t mut Table<'a> {
    let mut t = root;
    for &i in path {
        t = t.entries[i as usize]
            .1
            .open_table()
            .expect("declared table");
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

fn err<T>(key: &Key<'_>, message: Msg) -> Res<T> {
    Err(Error::new(key.span(), message))
}

/// Why a header path or dotted key `name` cannot go on into `item`.
fn cannot_extend(key: &Key<'_>, name: &str, item: &Item<'_>) -> Error {
    let message = match item.value {
        Value::Table(_) if item.flags & FROZEN != 0 => tr!(
            "`{name}` 是内联表，不能再往里添加键",
            "`{name}` is an inline table, which cannot be extended"
        ),
        Value::Table(_) => tr!(
            "表 `{name}` 有自己的表头，把键写到那个表头下",
            "table `{name}` has a header of its own; add the key under it"
        ),
        _ => tr!(
            "`{name}` 已经是一个值，不是表",
            "`{name}` is already a value, not a table"
        ),
    };
    Error::new(key.span(), message)
}

/// Declares `[path]` or `[[path]]`; `at` gets the place of each of the
/// path's entries in its table.
fn declare<'a>(
    root: &mut Table<'a>,
    path: &[Key<'a>],
    of_tables: bool,
    span: Range<usize>,
    at: &mut Vec<u32>,
) -> Res<()> {
    let (last, parents) = path.split_last().expect("a header has a key");
    at.clear();
    let mut t = root;
    for (n, k) in parents.iter().enumerate() {
        let i = match t.find(&k.name) {
            Some(i) => i,
            None => t.push(k.clone(), Item::table(span.clone(), IMPLICIT)),
        };
        at.push(i as u32);
        let item = &mut t.entries[i].1;
        if item.open_table().is_none() {
            return Err(cannot_extend(k, &dotted(&path[..=n]), item));
        }
        t = item.open_table().expect("checked just above");
    }
    let name = || dotted(path);
    let i = match t.find(&last.name) {
        None if of_tables => {
            let table = Item::table(span.clone(), DEFINED);
            t.push(
                last.clone(),
                Item::new(Value::Array(vec![table]), span, OF_TABLES),
            )
        }
        None => t.push(last.clone(), Item::table(span, DEFINED)),
        Some(i) => {
            let (key, item) = &mut t.entries[i];
            let first = item.span();
            match (&mut item.value, of_tables) {
                (Value::Array(items), true) if item.flags & OF_TABLES != 0 => {
                    items.push(Item::table(span, DEFINED));
                    i
                }
                (Value::Table(_), false) if item.flags == IMPLICIT => {
                    // The table is where its own header is, not where a
                    // sub-table's header first named it.
                    *key = last.clone();
                    item.flags = DEFINED;
                    (item.start, item.end) = (span.start as u32, span.end as u32);
                    t.move_to_end(i);
                    t.entries.len() - 1
                }
                (Value::Table(_), false) if item.flags & DOTTED != 0 => {
                    let name = name();
                    return err(
                        last,
                        tr!(
                            "表 `{name}` 已经由点分键定义过",
                            "table `{name}` was already made by dotted keys"
                        ),
                    );
                }
                (Value::Table(_), false) if item.flags & FROZEN == 0 => {
                    let name = name();
                    return Err(Error::new(
                        last.span(),
                        tr!("表 `{name}` 定义了两次", "table `{name}` is defined twice"),
                    )
                    .related(first, first_defined())
                    .help(tr!(
                        "把这个表的键都写在同一个表头下",
                        "put all of the table's keys under one header"
                    )));
                }
                (Value::Array(_), false) if item.flags & OF_TABLES != 0 => {
                    let name = name();
                    return err(
                        last,
                        tr!(
                            "`{name}` 是表数组，要再添加一个就写 `[[{name}]]`",
                            "`{name}` is an array of tables; write `[[{name}]]` to add one"
                        ),
                    );
                }
                _ => {
                    let name = name();
                    return err(
                        last,
                        tr!(
                            "`{name}` 已经定义为一个值",
                            "`{name}` is already defined as a value"
                        ),
                    );
                }
            }
        }
    };
    at.push(i as u32);
    Ok(())
}

/// Inserts `keys… = value` (the keys are taken), making tables for dotted
/// keys.
fn insert<'a>(table: &mut Table<'a>, keys: &mut Vec<Key<'a>>, value: Item<'a>) -> Res<()> {
    if keys.len() == 1 {
        let key = keys.pop().expect("one key");
        return insert_here(table, key, value);
    }
    let mut path = keys.drain(..);
    let mut key = path.next().expect("a key-value pair has a key");
    let mut t = table;
    for next in path {
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
    insert_here(t, key, value)
}

/// Inserts `key = value` into `t`, unless `t` has the key already.
fn insert_here<'a>(t: &mut Table<'a>, key: Key<'a>, value: Item<'a>) -> Res<()> {
    if let Some(i) = t.find(&key.name) {
        let name = &key.name;
        return Err(Error::new(
            key.span(),
            tr!("重复的键 `{name}`", "duplicate key `{name}`"),
        )
        .related(t.entries[i].0.span(), first_defined())
        .help(tr!(
            "同一个表里每个键只能写一次，删掉其中一个",
            "a key is given once per table; remove one of them"
        )));
    }
    t.push(key, value);
    Ok(())
}

fn first_defined() -> Msg {
    tr!("第一次定义在这里", "first defined here")
}

/// Why a date, time or number token is not one, in both languages.
const fn why(zh: &'static str, en: &'static str) -> Pair {
    Pair { zh, en }
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
fn datetime(t: &[u8]) -> Result<(), Pair> {
    if t.len() < 10 || !is_date(&t[..10]) {
        return Err(why(
            "日期的写法是 `YYYY-MM-DD`",
            "dates are written YYYY-MM-DD",
        ));
    }
    let (y, m, d) = (
        digits(t, 4).unwrap_or(0),
        digits(&t[5..], 2).unwrap_or(0),
        digits(&t[8..], 2).unwrap_or(0),
    );
    if !(1..=12).contains(&m) {
        return Err(why("没有这个月份", "no such month"));
    }
    if chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_none() {
        return Err(why("这个月没有这一天", "no such day in that month"));
    }
    if t.len() == 10 {
        return Ok(());
    }
    if !matches!(t[10], b'T' | b't' | b' ') {
        return Err(why(
            "日期和时间之间用 `T` 或空格隔开",
            "a time follows the date after `T` or a space",
        ));
    }
    let rest = &t[11..];
    let n = time(rest)?;
    let offset = &rest[n..];
    match offset {
        [] | [b'Z' | b'z'] => Ok(()),
        [b'+' | b'-', ..] if offset.len() == 6 && offset[3] == b':' => {
            match (digits(&offset[1..], 2), digits(&offset[4..], 2)) {
                (Some(h), Some(m)) if h < 24 && m < 60 => Ok(()),
                _ => Err(why(
                    "时区偏移的写法是 `+HH:MM`",
                    "offsets are written +HH:MM",
                )),
            }
        }
        _ => Err(why(
            "时区偏移的写法是 `Z` 或 `+HH:MM`",
            "offsets are written Z or +HH:MM",
        )),
    }
}

/// `HH:MM[:SS[.fraction]]`: returns how many bytes it used.
fn time(t: &[u8]) -> Result<usize, Pair> {
    let (Some(h), Some(m)) = (digits(t, 2), t.get(3..).and_then(|r| digits(r, 2))) else {
        return Err(why("时间的写法是 `HH:MM:SS`", "times are written HH:MM:SS"));
    };
    if t[2] != b':' || h > 23 || m > 59 {
        return Err(why("没有这个时刻", "no such time of day"));
    }
    let mut n = 5;
    if t.get(5) == Some(&b':') {
        match t.get(6..).and_then(|r| digits(r, 2)) {
            Some(s) if s <= 60 => n = 8,
            _ => return Err(why("没有这个秒数", "no such second")),
        }
        if t.get(8) == Some(&b'.') {
            let frac = t[9..].iter().take_while(|c| c.is_ascii_digit()).count();
            if frac == 0 {
                return Err(why(
                    "秒的小数部分需要数字",
                    "a fraction of a second needs digits",
                ));
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

fn number(tok: &str) -> Result<Value<'static>, Pair> {
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
            return Err(why(
                "十六进制、八进制和二进制数不能带正负号",
                "hexadecimal, octal and binary numbers take no sign",
            ));
        }
        let (radix, ok): (u32, fn(&u8) -> bool) = match p {
            b'x' => (16, u8::is_ascii_hexdigit),
            b'o' => (8, |c| (b'0'..=b'7').contains(c)),
            _ => (2, |c| *c == b'0' || *c == b'1'),
        };
        if !digit_run(rest, ok) {
            return Err(why(
                "缺少数字，或 `_` 的位置不对",
                "digits are missing or misplaced",
            ));
        }
        let clean: String = rest
            .iter()
            .filter(|c| **c != b'_')
            .map(|c| *c as char)
            .collect();
        return i64::from_str_radix(&clean, radix)
            .map(Value::Integer)
            .map_err(|_| why("超出 64 位整数的范围", "out of range for a 64-bit integer"));
    }
    // Decimal: integer part, then an optional fraction and exponent.
    let int_len = body
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'_')
        .count();
    let (int, mut rest) = body.split_at(int_len);
    if !digit_run(int, u8::is_ascii_digit) {
        return Err(why(
            "缺少数字，或 `_` 的位置不对",
            "digits are missing or misplaced",
        ));
    }
    if int.len() > 1 && int[0] == b'0' {
        return Err(why("不能以 0 开头", "leading zeros are not allowed"));
    }
    let mut float = false;
    if let [b'.', frac @ ..] = rest {
        let n = frac
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == b'_')
            .count();
        if !digit_run(&frac[..n], u8::is_ascii_digit) {
            return Err(why(
                "小数点两边都要有数字",
                "a decimal point needs digits on both sides",
            ));
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
            return Err(why("指数部分需要数字", "an exponent needs digits"));
        }
        rest = &[];
        float = true;
    }
    if !rest.is_empty() {
        return Err(why("不是数字", "not a number"));
    }
    let clean: String = tok.chars().filter(|c| *c != '_').collect();
    if float {
        // `inf` is spelt out; digits that overflow to it (`4e2262`) are an
        // error, as in the `toml` crate, which `fmt` reads files with.
        match clean.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            Ok(_) => Err(why(
                "超出 64 位浮点数的范围",
                "out of range for a 64-bit float",
            )),
            Err(_) => Err(why("不是数字", "not a number")),
        }
    } else {
        clean
            .parse::<i64>()
            .map(Value::Integer)
            .map_err(|_| why("超出 64 位整数的范围", "out of range for a 64-bit integer"))
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
        assert_eq!(e.message.en, "`名称` cannot be a key without quotes");
        let e = bad("= 1\n");
        assert_eq!(
            (e.message.en.as_str(), e.bare_word),
            ("expected a key", false)
        );
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
        assert_eq!(e.message.en, "table `s.k42` is defined twice");
        assert_eq!(&text[e.span], "k42");
    }

    #[test]
    fn numbers_and_dates() {
        let root = ok("a = 1_000\n");
        assert_eq!(root.get("a").unwrap().get_ref(), &Value::Integer(1000));
        assert!(bad("b = -0x10\n").message.en.contains("no sign"));
        let root = ok("h = 0xff\nf = 6.5e-1\ni = -inf\n");
        assert_eq!(root.get("h").unwrap().get_ref(), &Value::Integer(255));
        assert!(bad("d = 2026-02-29\n").message.en.contains("no such day"));
        let root = ok("d = 2028-02-29\nt = 1979-05-27 07:32:00.5+08:00\nl = 07:32\n");
        assert_eq!(root.get("t").unwrap().get_ref(), &Value::Datetime);
        assert!(bad("a = 01\n").message.en.contains("leading zeros"));
        assert!(bad("a = 1__0\n").message.en.contains("misplaced"));
        assert!(
            bad("a = 9223372036854775808\n")
                .message
                .en
                .contains("out of range")
        );
    }

    #[test]
    fn a_float_too_large_for_64_bits_is_an_error_not_infinity() {
        // Found by fuzzing against the `toml` crate: `4e2262` was read as
        // infinity, so `check` and `fmt` disagreed about the same file.
        for text in ["a = 4e2262\n", "a = -1.5e309\n", "a = 1_0e3_09\n"] {
            assert!(bad(text).message.en.contains("out of range"), "{text}");
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
        assert_eq!(e.message.en, "duplicate key `a`");
        assert_eq!(e.span, 6..7);
        let e = bad("name = \"unclosed\n");
        assert!(e.message.en.contains("no closing"));
        let e = bad("a = { b = 1 }\n[a.c]\n");
        assert!(e.message.en.contains("inline table"));
        let e = bad("[a]\nb.c = 1\n[a.b]\n");
        assert!(e.message.en.contains("dotted keys"));
        let e = bad("a = 1 2\n");
        assert!(e.message.en.contains("expected a newline"));
        let e = bad("a = 1\n[t]\nb = 1\nb = 2\n");
        assert_eq!(
            e.related.map(|r| (r.0, r.1.en)),
            Some((10..11, "first defined here".into()))
        );
        let e = bad("name = 新媒体 计划 # note\n");
        assert_eq!(e.message.en, "text must be in quotes");
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `\"新媒体 计划\"`")
        );
        let e = bad("theme = inbox zero\n");
        assert_eq!(
            e.help.as_ref().map(|h| h.en.as_str()),
            Some("write `\"inbox zero\"`")
        );
        let e = bad("a = .5\n");
        assert!(e.message.en.starts_with("expected a value"));
        let e = bad("a = [1, 2\nb = 3\n");
        assert_eq!(
            e.related.map(|r| (r.0, r.1.en)),
            Some((4..5, "the array starts here".into()))
        );
        let e = bad(&format!("[{}]\n", vec!["a"; 200_000].join(".")));
        assert!(e.message.en.contains("at most 64 parts"));
        let e = bad(&format!("k{} = 1\n", ".a".repeat(200_000)));
        assert!(e.message.en.contains("at most 64 parts"));
        let e = bad(&format!("a = {}1{}\n", "[".repeat(200), "]".repeat(200)));
        assert!(e.message.en.contains("nested too deeply"));
    }
}

#[cfg(test)]
#[path = "tree_tests.rs"]
mod conformance;
