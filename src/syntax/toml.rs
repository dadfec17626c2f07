//! Bytes to a spanned TOML tree. This is where a file stops being bytes:
//! invalid UTF-8 (a file saved as GBK), binary files, a byte-order mark and
//! TOML syntax errors are all reported here, located, before any meaning is
//! looked for. Full-width punctuation typed by a Chinese input method gets a
//! help line with the ASCII spelling.

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::tree;
use crate::tr;

pub type Tree<'a> = tree::Table<'a>;
pub type Node<'a> = tree::Item<'a>;

/// Turns a file's bytes into text: `Err` carries the lossy text (for
/// showing the location) and the diagnostic.
pub fn decode(bytes: &[u8]) -> Result<String, (String, usize, Msg)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().take(8192).any(|b| *b == 0) {
        // Point at the first NUL as it appears in the lossy text.
        let text = String::from_utf8_lossy(bytes).replace('\0', "\u{FFFD}");
        let valid = bytes.iter().position(|b| *b == 0).unwrap_or(0);
        let at = std::str::from_utf8(&bytes[..valid]).map_or(0, str::len);
        return Err((
            text,
            at,
            tr!(
                "这是二进制文件，不是计划文件",
                "this is a binary file, not a plan"
            ),
        ));
    }
    match String::from_utf8(bytes.to_vec()) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err((
                String::from_utf8_lossy(bytes).into_owned(),
                at,
                tr!("文件不是有效的 UTF-8 文本", "file is not valid UTF-8"),
            ))
        }
    }
}

/// Whether a file's bytes are a plan — TOML with a `[plan]` table — rather
/// than a fragment or some other TOML file. Text that is not UTF-8 is read
/// as well as it can be, so that a plan saved as GBK is still found (and
/// its S002 reported when it is checked).
pub fn is_plan(bytes: &[u8]) -> bool {
    let text = decode(bytes).unwrap_or_else(|(lossy, _, _)| lossy);
    tree::parse(&text).is_ok_and(|t| t.get("plan").is_some())
}

/// Adds the file to `sources`. Decoding errors and an empty file are
/// pushed as diagnostics, and `None` is returned for them.
pub fn add_file(
    sources: &mut SourceMap,
    path: std::path::PathBuf,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> (FileId, bool) {
    let text = match decode(bytes) {
        Ok(t) => t,
        Err((lossy, at, msg)) => {
            let binary = msg.en.contains("binary");
            let id = sources.add(path, lossy);
            let text = &sources.get(id).text;
            let at = crate::source::floor_char_boundary(text, at.min(text.len()));
            let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
            let d = Diagnostic::new(&codes::S002, Span::new(id, at, end), msg);
            diags.push(if binary {
                d.label(tr!("空字节（`NUL`）", "a NUL byte")).help(tr!(
                    "计划文件必须是 TOML 文本",
                    "give almanac a plan written as TOML text"
                ))
            } else {
                d.label(tr!(
                    "这个字节不是 UTF-8 文本",
                    "this byte is not UTF-8 text"
                ))
                .help(tr!(
                    "almanac 只读 UTF-8；文件如果存成了 `GBK` 或 `GB18030` 编码\
                         （中文系统上常见），另存为 UTF-8 即可",
                    "almanac reads UTF-8; if the file was saved as GBK or GB18030 \
                         (common on Chinese Windows), save it again as UTF-8"
                ))
            });
            return (id, false);
        }
    };
    let empty = text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    });
    let id = sources.add(path, text);
    if empty {
        diags.push(
            Diagnostic::new(
                &codes::S008,
                Span::new(id, 0, 0),
                tr!("文件是空的", "file is empty"),
            )
            .help(tr!(
                "计划以 `[plan]` 表开头；`almanac init` 可以生成一份初始计划",
                "a plan starts with a `[plan]` table; `almanac init` writes a starter plan"
            )),
        );
        return (id, false);
    }
    (id, true)
}

/// Parses a file's text; syntax errors are pushed. Returns `None` when
/// nothing usable was recovered.
pub fn parse<'a>(
    sources: &'a SourceMap,
    id: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Option<Tree<'a>> {
    let text = &sources.get(id).text;
    match tree::parse(text) {
        Ok(tree) => Some(tree),
        Err(e) => {
            diags.push(syntax_error(sources, id, &e));
            None
        }
    }
}

fn syntax_error(sources: &SourceMap, id: FileId, e: &tree::Error) -> Diagnostic {
    let text = &sources.get(id).text;
    let at =
        |r: &std::ops::Range<usize>| Span::new(id, r.start.min(text.len()), r.end.min(text.len()));
    let mut span = at(&e.span);
    let message = &e.message;
    let mut d;
    // A full-width character on the line is the likely culprit.
    let file = sources.get(id);
    let line = file.line_index(span.start as usize);
    let line_text = file.line_text(line);
    if let Some((off, ch)) = full_width_outside_strings(line_text) {
        let start = file.line_start(line) + off;
        span = Span::new(id, start, start + ch.len_utf8());
        d = Diagnostic::new(
            &codes::S001,
            span,
            tr!(
                "TOML 语法中出现了全角字符 `{ch}`",
                "full-width character `{ch}` in TOML syntax"
            ),
        )
        .label(tr!("输入法打出的全角字符", "typed by an input method"));
        // The line in ASCII, offered if it mends the line: the file with
        // it parses, or fails only further on.
        let fixed = ascii_outside_strings(line_text);
        let start = file.line_start(line);
        let end = start + line_text.len();
        let mended = format!("{}{fixed}{}", &text[..start], &text[end..]);
        let mends = match tree::parse(&mended) {
            Ok(_) => true,
            Err(e) => e.span.start >= start + fixed.len(),
        };
        d = if mends {
            // The whole line, in ASCII outside its strings.
            let line = fixed.trim();
            d.help(tr!("写成 `{line}`", "write `{line}`"))
                .fix(Span::new(id, start, end), fixed)
        } else {
            d.help(tr!(
                "TOML 的 `=`、`[`、`]`、`,` 和引号要用半角（英文）输入",
                "type TOML's `=`, `[`, `]`, `,` and quotes in ASCII (half-width)"
            ))
        };
    } else if let Some(word) = text.get(e.span.clone()).filter(|_| e.bare_word) {
        let help = match keys_for(word) {
            [] => tr!(
                "不加引号的键只能由英文字母、数字、`_` 和 `-` 组成；\
                 自己起的名称要加引号：`\"{word}\"`",
                "keys without quotes are ASCII letters, digits, `_` and `-`; \
                 quote a name of your own: `\"{word}\"`"
            ),
            [one] => tr!(
                "键名要用英文写；是不是想写 `{one}`？",
                "keys are written in ASCII; did you mean `{one}`?"
            ),
            [first @ .., last] => {
                let quoted: Vec<String> = first.iter().map(|k| format!("`{k}`")).collect();
                let (zh, en) = (quoted.join("、"), quoted.join(", "));
                tr!(
                    "键名要用英文写；是不是想写 {zh} 或 `{last}`？",
                    "keys are written in ASCII; did you mean {en} or `{last}`?"
                )
            }
        };
        d = Diagnostic::new(&codes::S001, span, invalid_toml(message))
            .label(tr!("不是英文字符", "not ASCII"))
            .help(help);
        if let [one] = keys_for(word) {
            d = d.fix(span, *one);
        }
    } else {
        d = Diagnostic::new(&codes::S001, span, invalid_toml(message)).label(tr!("这里", "here"));
        if span.start == span.end && (span.start as usize) < text.len() {
            let s = span.start as usize;
            let next = text[s..].chars().next().map_or(1, char::len_utf8);
            d.primary.span = Span::new(id, s, s + next);
        }
        if let Some((range, label)) = e.related.as_deref() {
            d = d.secondary(at(range), label.clone());
        }
        d = d.help(e.help.as_deref().cloned().unwrap_or_else(|| {
            tr!(
                "TOML 的语法见 `https://toml.io/cn/`",
                "see https://toml.io for the syntax of TOML files"
            )
        }));
    }
    d
}

/// The message of a TOML syntax error: what the parser found wrong.
fn invalid_toml(message: &Msg) -> Msg {
    tr!("TOML 语法错误：", "invalid TOML: ").join("", "", message)
}

/// The plan's keys as a Chinese-speaking author may type them, for the
/// help of a key TOML refuses unquoted (`名称 = "x"`). Every key named
/// here is one the reader accepts (checked by a test against the format's
/// schema).
const CHINESE_KEYS: &[(&str, &[&str])] = &[
    ("包含", &["include"]),
    ("引入", &["include"]),
    ("计划", &["plan"]),
    ("编号", &["id"]),
    ("标识", &["id"]),
    ("名称", &["name"]),
    ("名字", &["name"]),
    ("标题", &["name"]),
    ("年份", &["year"]),
    ("年度", &["year"]),
    ("年", &["year"]),
    ("期间", &["period", "during"]),
    ("周期", &["period"]),
    ("时区", &["timezone"]),
    ("货币", &["currency"]),
    ("币种", &["currency"]),
    ("语言", &["locale"]),
    ("日历", &["calendar"]),
    ("工作周", &["working_week"]),
    ("工作日", &["working_week"]),
    ("上一年", &["previous"]),
    ("去年", &["previous"]),
    ("主题", &["theme"]),
    ("核心信息", &["key_messages"]),
    ("关键信息", &["key_messages"]),
    ("主线", &["threads"]),
    ("描述", &["description"]),
    ("说明", &["description"]),
    ("简介", &["description"]),
    ("受众", &["audiences"]),
    ("人群", &["audiences"]),
    ("节假日", &["holidays"]),
    ("假期", &["holidays"]),
    ("人员", &["people"]),
    ("成员", &["people"]),
    ("团队", &["people"]),
    ("角色", &["role"]),
    ("职位", &["role"]),
    ("产能", &["capacity"]),
    ("容量", &["capacity"]),
    ("渠道", &["channels", "channel"]),
    ("平台", &["channels", "channel"]),
    ("粉丝", &["followers"]),
    ("粉丝数", &["followers"]),
    ("每周发布", &["slots_per_week"]),
    ("每日上限", &["max_per_day"]),
    ("备注", &["note"]),
    ("预算", &["budget"]),
    ("总额", &["total"]),
    ("总预算", &["total"]),
    ("总计", &["total"]),
    ("金额", &["amount"]),
    ("占比", &["share"]),
    ("比例", &["share"]),
    ("份额", &["share"]),
    ("花费", &["spent"]),
    ("实际花费", &["spent"]),
    ("支出", &["spent"]),
    ("达人", &["kol"]),
    ("金字塔", &["pyramid"]),
    ("标准", &["criteria"]),
    ("活动", &["campaigns"]),
    ("战役", &["campaigns"]),
    ("窗口", &["window"]),
    ("档期", &["window"]),
    ("开始", &["window"]),
    ("结束", &["window"]),
    ("开始日期", &["window"]),
    ("结束日期", &["window"]),
    ("负责人", &["owner"]),
    ("旗舰", &["flagship"]),
    ("信息", &["messages"]),
    ("卖点", &["messages"]),
    ("任务", &["tasks"]),
    ("截止", &["due"]),
    ("截止日期", &["due"]),
    ("依赖", &["after"]),
    ("时长", &["duration"]),
    ("工时", &["effort"]),
    ("工作量", &["effort"]),
    ("发布", &["publish"]),
    ("栏目", &["columns"]),
    ("专栏", &["columns"]),
    ("频率", &["every"]),
    ("重复", &["every"]),
    ("跳过", &["skip"]),
    ("暂停", &["pause"]),
    ("改期", &["moves"]),
    ("分类", &["category"]),
    ("类别", &["category"]),
    ("节点", &["moments"]),
    ("营销节点", &["moments"]),
    ("日期", &["date"]),
    ("内容", &["content"]),
    ("禁发日", &["blackouts"]),
    ("静默期", &["blackouts"]),
    ("原因", &["reason"]),
    ("审核", &["review"]),
    ("审批", &["review"]),
    ("级别", &["levels"]),
    ("层级", &["levels"]),
    ("检查", &["checks"]),
    ("提前", &["lead"]),
    ("提前量", &["lead"]),
    ("响应", &["response"]),
    ("响应时间", &["response"]),
    ("预留", &["reserve"]),
    ("储备", &["reserve"]),
    ("用途", &["purpose"]),
    ("指标", &["kpis"]),
    ("方向", &["direction"]),
    ("基线", &["baseline"]),
    ("基准", &["baseline"]),
    ("目标", &["target"]),
    ("实际", &["actual"]),
    ("实际值", &["actual"]),
    ("归属", &["part_of"]),
    ("分组", &["group"]),
    ("亮点", &["highlights"]),
    ("结果", &["results"]),
    ("成果", &["results"]),
    ("准则", &["guidelines"]),
    ("规范", &["guidelines"]),
    ("文本", &["text"]),
    ("时限", &["within"]),
    ("断言", &["assertions"]),
    ("校验", &["assertions"]),
    ("表达式", &["expr"]),
    ("提示", &["message"]),
    ("规则", &["rules"]),
    ("严重程度", &["severity"]),
];

/// The keys a Chinese word may stand for (none if it is not one of ours).
fn keys_for(word: &str) -> &'static [&'static str] {
    CHINESE_KEYS
        .iter()
        .find(|(zh, _)| *zh == word)
        .map_or(&[], |(_, keys)| keys)
}

/// The first full-width character of a line that is not inside a string.
fn full_width_outside_strings(line: &str) -> Option<(usize, char)> {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return None,
            None if is_full_width(c) => return Some((i, c)),
            None => {}
        }
    }
    None
}

/// The line with full-width characters outside strings made ASCII.
fn ascii_outside_strings(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
        if quote.is_none() && is_full_width(c) {
            out.push_str(&to_ascii(&c.to_string()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Full-width forms and the ideographic space, as typed by CJK input methods.
pub fn is_full_width(c: char) -> bool {
    matches!(c, '\u{3000}' | '\u{FF01}'..='\u{FF5E}')
}

/// The ASCII spelling of text with full-width characters.
pub fn to_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the format knows, at any depth.
    fn known_keys() -> Vec<&'static str> {
        crate::format::tables()
            .into_iter()
            .flat_map(crate::format::Table::names)
            .collect()
    }

    #[test]
    fn chinese_words_name_keys_the_reader_accepts() {
        let keys = known_keys();
        for (zh, meant) in CHINESE_KEYS {
            assert!(!meant.is_empty(), "{zh}");
            for k in *meant {
                assert!(keys.contains(k), "`{zh}` suggests `{k}`, not a key");
            }
            assert!(!zh.is_ascii(), "{zh}");
        }
        let mut words: Vec<&str> = CHINESE_KEYS.iter().map(|(zh, _)| *zh).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), CHINESE_KEYS.len(), "a word listed twice");
    }

    #[test]
    fn a_bare_chinese_key_gets_the_key_meant() {
        let help = |text: &str| {
            let mut sources = SourceMap::default();
            let id = sources.add("p.toml".into(), text.into());
            let mut diags = Vec::new();
            assert!(parse(&sources, id, &mut diags).is_none());
            diags
                .remove(0)
                .help
                .iter()
                .map(|h| h.en.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            help("[plan]\n名称 = \"x\"\n"),
            "keys are written in ASCII; did you mean `name`?"
        );
        assert_eq!(
            help("[budget]\n总预算 = \"100万\"\n"),
            "keys are written in ASCII; did you mean `total`?"
        );
        assert_eq!(
            help("[预算]\n"),
            "keys are written in ASCII; did you mean `budget`?"
        );
        assert_eq!(
            help("x = { 负责人 = \"li\" }\n"),
            "keys are written in ASCII; did you mean `owner`?"
        );
        assert!(help("[people.李明]\n").contains("`\"李明\"`"));
    }
}
