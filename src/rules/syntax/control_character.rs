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
//!
//! <!-- zh-CN -->
//! 计划中的某个字符串含有任何文档都不会显示的字符：控制字符（`\u0007`、
//! `\u001b` 等）、不在行尾的回车符、删除符（`\u007f`）、行分隔符或段落分隔符
//! （`U+2028`、`U+2029`），或者双向嵌入、覆盖、隔离字符（U+202A–U+202E、
//! U+2066–U+2069）。
//!
//! 这类字符在大多数编辑器和合并请求的差异对比里都看不见，但转义序列可能清空
//! 运行 `almanac` 的人的终端或改掉终端标题，双向覆盖字符则会让名称显示的顺序与
//! 实际存储的顺序不同。因此 almanac 写出的所有文档——日历、Markdown 和 CSV
//! 任务清单、`.html` 和 `.pptx` 演示文稿——都会删掉这些字符，诊断中以可见的
//! 转义形式（`\u{1b}`）显示它们，只有 JSON 输出文件原样保留。
//!
//! 警告指向每个字符串中第一个这样的字符。删除它，或者写出它原本代表的内容。
//! 制表符、换行（`\n`、`\r\n`）以及所有可打印字符（中文、表情符号、不换行空格）
//! 都没有问题。
