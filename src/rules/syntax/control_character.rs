//! A string in the plan holds a character that no document shows: a
//! control character (`\u0007`, `\u001b`, …), a carriage return that does
//! not end a line, DEL, a Unicode line or paragraph separator, or a bidi
//! embedding, override or isolate (U+202A–U+202E, U+2066–U+2069).
//!
//! Such characters are invisible in most editors and in a pull request's
//! diff, yet an escape sequence can clear or retitle the terminal of
//! whoever runs `almanac`, and a bidi override makes a name read in a
//! different order from the one it is stored in. Every document almanac
//! writes — the calendar, the Markdown and CSV task lists, the HTML and
//! PPTX decks — therefore drops them, diagnostics show them as visible
//! escapes (`\u{1b}`), and only the JSON outputs keep the text exactly as
//! written.
//!
//! The warning points at the first such character of each string. Delete
//! it, or write what it stood for. Tabs, line breaks (`\n`, `\r\n`), and
//! every printable character — Chinese, emoji, a no-break space — are fine.
