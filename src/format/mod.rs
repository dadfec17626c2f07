//! The plan format as data: every table a plan file may hold, every key
//! each table knows and what the key holds, whether it is required, its
//! documentation and examples, how outputs label it, and since which
//! version it exists. It is the one definition the format's other
//! descriptions come from: the JSON Schema (`schema.rs`), the order `fmt`
//! writes keys in (the order of `keys` here), the unknown-key reports and
//! did-you-mean suggestions of the reader, the diff's labels and the key
//! tables of `docs/language.md` (kept up to date by a test). Like
//! ripgrep's flag definitions, it is plain static tables checked by the
//! compiler, not a spec file read at run time.
//!
//! What a key *means* stays code: `syntax::reader` reads each key by hand
//! into a `RawFile`. A test feeds it a plan that sets every key defined
//! here and checks that it looks up exactly these keys, no more, no fewer.

mod kinds;
mod plan;
#[cfg(test)]
mod reference;

pub use kinds::{ExprKind, ID_PATTERN, Word, ci, share_of_pattern};
pub use plan::{DRAWS, FILE, LINE, PLAN_FILE};

/// The version of almanac that every key of the first release exists since.
pub const FIRST_VERSION: &str = "0.1.0";

/// A table of the plan format: the keys it knows, in `fmt`'s order, and
/// what its other keys are.
#[derive(Debug)]
pub struct Table {
    /// Where it sits, as the reference writes it (`channels.<id>`); empty
    /// for the file itself.
    pub path: &'static str,
    pub keys: &'static [Key],
    /// Its other keys (ids, budget lines, rule settings); `None` when
    /// every other key is unknown (S003).
    pub other: Option<Other>,
    /// What it needs beyond the keys marked `required`.
    pub needs: Needs,
}

/// The keys of a table that are not among its known keys.
#[derive(Debug)]
pub struct Other {
    pub names: Names,
    /// What each of them holds.
    pub value: &'static Key,
    /// Their row in the reference's key table (budget lines); `None` for
    /// tables that are documented as sections of their own.
    pub row: Option<Row>,
}

/// A reference table row that no single key has.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub meaning: &'static str,
    pub example: &'static str,
}

/// What the other keys of a table are named by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Names {
    /// Ids (`[people.<id>]`, budget lines, KPI names).
    Ids,
    /// Dates (`moves = { "10-07" = "10-09" }`).
    Dates,
    /// Anything (rule codes and names, dotted budget-line paths).
    Any,
}

/// A condition on which keys a table has, beyond single required keys.
#[derive(Clone, Copy, Debug)]
pub enum Needs {
    /// Only the keys marked `required`.
    Required,
    /// Exactly one of these groups of keys (`year` or `period`).
    OneOf(&'static [&'static [&'static str]]),
    /// At least one of these groups (`due`, or `after` and `duration`).
    AnyOf(&'static [&'static [&'static str]]),
    /// Not all of these keys (`amount` and `share`).
    NotAll(&'static [&'static str]),
}

/// A key of the plan format.
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Shown by editors on hover (the JSON Schema's description); for an
    /// expression, the kind's own documentation follows it.
    pub doc: &'static str,
    /// Values as a plan writes them; the first few editors offer.
    pub examples: &'static [Sample],
    /// The reference's "meaning" cell: what the key is for, in the
    /// reference's words (lower case, no full stop).
    pub meaning: &'static str,
    /// The reference's "default" cell; `None` when there is none.
    pub default: Option<&'static str>,
    /// Which of `examples` the reference shows.
    pub shown: usize,
    /// How outputs that name the key call it (the diff).
    pub label: Option<Label>,
    /// The almanac version that first read the key.
    pub since: &'static str,
}

/// A key's or section's name for people, in each output language.
pub use crate::locale::Pair as Label;

/// An example value, as a plan writes it.
#[derive(Clone, Copy, Debug)]
pub enum Sample {
    Str(&'static str),
    Int(i64),
    /// Any other TOML value, written inline: `["a", "b"]`, `{ head = "5%" }`.
    Toml(&'static str),
}

impl Sample {
    /// The value as TOML text.
    pub fn toml(self) -> String {
        match self {
            Sample::Str(s) => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
            Sample::Int(n) => n.to_string(),
            Sample::Toml(t) => t.to_string(),
        }
    }
}

/// What a key holds.
#[derive(Debug)]
pub enum Kind {
    /// One string.
    Text(Text),
    /// A string or a list of strings.
    Texts(Text),
    Int {
        min: Option<i64>,
    },
    Bool,
    /// An expression string.
    Expr(ExprKind),
    /// An expression string or a list of them.
    Exprs(ExprKind),
    /// An expression string or a plain TOML number.
    Number(ExprKind),
    /// A table.
    Table(&'static Table),
    /// A budget line: an amount alone, or a table with sub-lines.
    Line(&'static Table),
    /// What a campaign draws: a table from budget-line path to amount (or
    /// to a table of sub-lines), to any depth.
    Draws,
    /// A value of the first kind, or a table (`cap = "…"` or
    /// `cap = { expr = "…", message = "…" }`).
    Either(&'static Kind, &'static Key),
    /// `[rules]`: keyed by the rules of the registry.
    Rules(&'static Table),
}

/// What a string holds.
#[derive(Clone, Copy, Debug)]
pub enum Text {
    Free,
    /// The id of something the plan declares.
    Ref(Target),
    /// One of these words.
    Choice(&'static [&'static str]),
    /// A word of this shape.
    Word(Word),
}

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Person,
    Channel,
    Kpi,
    /// A task of the same campaign.
    Task,
    ReviewLevel,
}

impl Target {
    pub fn noun(self) -> &'static str {
        match self {
            Target::Person => "person",
            Target::Channel => "channel",
            Target::Kpi => "KPI",
            Target::Task => "task",
            Target::ReviewLevel => "review level",
        }
    }
}

impl Table {
    /// The known key called `name`.
    pub fn key(&self, name: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The names of the known keys, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + use<'_> {
        self.keys.iter().map(|k| k.name)
    }

    /// What the value at `key` is: a known key's kind, or the other keys'.
    pub fn child(&self, key: &str) -> Option<&Kind> {
        self.key(key)
            .map(|k| &k.kind)
            .or(self.other.as_ref().map(|o| &o.value.kind))
    }

    /// `fmt`'s rank of `key`: known keys by their place, others after.
    pub fn rank(&self, key: &str) -> usize {
        self.keys
            .iter()
            .position(|k| k.name == key)
            .unwrap_or(self.keys.len())
    }

    /// The table the value at `key` is (or may be written as), for a known
    /// key or any other. Asking where the definition holds no table is a
    /// mistake in the code that asks.
    pub fn table_of(&self, key: &str) -> &Table {
        match self.child(key).and_then(Kind::table) {
            Some(t) => t,
            None => panic!("`{key}` of `{}` holds no table", self.path),
        }
    }

    /// The table of each entry of a table of tables (`[people.<id>]` of
    /// `[people]`); the table itself for any other.
    pub fn entry(&self) -> &Table {
        self.other
            .as_ref()
            .and_then(|o| o.value.kind.table())
            .unwrap_or(self)
    }
}

impl Kind {
    /// The table this kind is or may be written as.
    pub fn table(&self) -> Option<&Table> {
        match self {
            Kind::Table(t) | Kind::Line(t) | Kind::Rules(t) => Some(t),
            Kind::Either(_, k) => k.kind.table(),
            _ => None,
        }
    }

    /// What the value at `key` of a table of this kind is.
    pub fn child(&self, key: &str) -> Option<&Kind> {
        match self {
            Kind::Draws => Some(&Kind::Draws),
            _ => self.table()?.child(key),
        }
    }

    /// `fmt`'s rank of `key` in a table of this kind.
    pub fn rank(&self, key: &str) -> usize {
        self.table().map_or(0, |t| t.rank(key))
    }

    /// What an id of this kind names, for a reference (`owner`, `after`).
    pub fn target(&self) -> Option<Target> {
        match self {
            Kind::Text(Text::Ref(t)) | Kind::Texts(Text::Ref(t)) => Some(*t),
            _ => None,
        }
    }

    /// The expression a string of this kind holds.
    pub fn expr(&self) -> Option<ExprKind> {
        match self {
            Kind::Expr(e) | Kind::Exprs(e) | Kind::Number(e) => Some(*e),
            Kind::Line(_) | Kind::Draws => Some(ExprKind::Amount),
            Kind::Either(k, _) => k.expr(),
            _ => None,
        }
    }
}

impl Key {
    /// The table that describes one item of this section: a campaign of
    /// `campaigns`, a line of `budget`, `[plan]` itself.
    pub fn item(&self) -> Option<&Table> {
        let t = self.kind.table()?;
        Some(t.entry())
    }
}

/// Every table of the format, each once, the file first.
pub fn tables() -> Vec<&'static Table> {
    fn walk(t: &'static Table, out: &mut Vec<&'static Table>) {
        if out.iter().any(|s| std::ptr::eq(*s, t)) {
            return;
        }
        out.push(t);
        let kinds = t.keys.iter().chain(t.other.as_ref().map(|o| o.value));
        for k in kinds {
            let mut kind = &k.kind;
            if let Kind::Either(_, inner) = kind {
                kind = &inner.kind;
            }
            if let Some(sub) = kind.table() {
                walk(sub, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&FILE, &mut out);
    out
}

/// The table called `path` (`channels.<id>`).
pub fn table(path: &str) -> Option<&'static Table> {
    tables().into_iter().find(|t| t.path == path)
}

// ------------------------------------------------------------ building keys

/// A key with nothing said about it yet; the definition adds the rest.
const fn key(name: &'static str, kind: Kind) -> Key {
    Key {
        name,
        kind,
        required: false,
        doc: "",
        examples: &[],
        meaning: "",
        default: None,
        shown: 0,
        label: None,
        since: FIRST_VERSION,
    }
}

impl Key {
    const fn doc(self, doc: &'static str) -> Key {
        Key { doc, ..self }
    }

    const fn examples(self, examples: &'static [Sample]) -> Key {
        Key { examples, ..self }
    }

    const fn meaning(self, meaning: &'static str) -> Key {
        Key { meaning, ..self }
    }

    const fn default(self, default: &'static str) -> Key {
        Key {
            default: Some(default),
            ..self
        }
    }

    const fn shown(self, shown: usize) -> Key {
        Key { shown, ..self }
    }

    const fn required(self) -> Key {
        Key {
            required: true,
            ..self
        }
    }

    const fn label(self, en: &'static str, zh: &'static str) -> Key {
        Key {
            label: Some(Label { en, zh }),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_rank_first_and_others_keep_no_rank() {
        let campaign = PLAN_FILE.kind.child("campaigns").and_then(|c| c.child("x"));
        let campaign = campaign.expect("a campaign's kind");
        assert!(campaign.rank("name") < campaign.rank("window"));
        assert_eq!(
            campaign.rank("zzz"),
            campaign.table().map_or(0, |t| t.keys.len())
        );
        let budget = PLAN_FILE.kind.child("budget").expect("budget");
        assert_eq!(
            budget.child("ads").and_then(Kind::expr),
            Some(ExprKind::Amount)
        );
        assert_eq!(
            budget
                .child("ads")
                .and_then(|l| l.child("tv"))
                .and_then(Kind::expr),
            Some(ExprKind::Amount),
            "lines nest in lines"
        );
        assert!(crate::syntax::expr::parses(
            ExprKind::Due,
            "after brief + 2wd"
        ));
        assert!(crate::syntax::expr::parses(ExprKind::Amount, "¥1.2M"));
    }

    #[test]
    fn table_paths_are_unique_and_name_where_the_table_sits() {
        let all = tables();
        for t in &all {
            let same = all.iter().filter(|s| s.path == t.path).count();
            assert_eq!(same, 1, "`{}` names {same} tables", t.path);
        }
        let task = table("campaigns.<id>.tasks.<task>").expect("the task table");
        assert!(task.key("due").is_some());
        assert!(std::ptr::eq(
            FILE.table_of("campaigns").entry(),
            table("campaigns.<id>").expect("campaign")
        ));
    }

    #[test]
    fn every_key_is_documented_with_an_example() {
        for t in tables() {
            for k in t.keys {
                let at = format!("{}.{}", t.path, k.name);
                assert!(!k.doc.is_empty(), "{at} has no doc");
                assert!(
                    k.doc.ends_with('.') && !k.doc.starts_with(' '),
                    "{at}: {}",
                    k.doc
                );
                assert!(!k.meaning.is_empty(), "{at} has no meaning");
                assert!(!k.meaning.ends_with('.'), "{at}: the meaning is a phrase");
                assert!(k.shown < k.examples.len(), "{at} shows an example it lacks");
            }
        }
    }

    #[test]
    fn required_keys_say_so_and_others_do_not() {
        for t in tables() {
            for k in t.keys {
                let at = format!("{}.{}", t.path, k.name);
                assert_eq!(
                    k.doc.starts_with("Required: "),
                    k.required,
                    "{at}: {}",
                    k.doc
                );
                assert_eq!(k.meaning.starts_with("**required**: "), k.required, "{at}");
            }
        }
    }

    #[test]
    fn every_key_exists_since_a_released_version() {
        let version =
            |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().expect("a number")).collect() };
        let current = version(env!("CARGO_PKG_VERSION"));
        for t in tables() {
            for k in t.keys {
                assert!(
                    version(k.since) <= current,
                    "{}.{}: {}",
                    t.path,
                    k.name,
                    k.since
                );
            }
        }
    }

    #[test]
    fn examples_are_toml_values() {
        for t in tables() {
            for k in t.keys {
                for e in k.examples {
                    let doc = format!("v = {}", e.toml());
                    assert!(
                        doc.parse::<toml::Table>().is_ok(),
                        "{}.{}: {doc}",
                        t.path,
                        k.name
                    );
                }
            }
        }
    }
}
